//! DCK0220: SPSVCINST_STARTSERVICE on the device's function driver.

use inf_parser::directives::ServiceFlags;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::every_add_service;

declare_rule! {
    /// ## What it does
    /// Flags an AddService line whose flags combine SPSVCINST_ASSOCSERVICE (`0x2`, the device's
    /// function driver) with SPSVCINST_STARTSERVICE (`0x800`, start the service once it is
    /// installed).
    ///
    /// ## Why is this bad?
    /// The AddService documentation says SPSVCINST_STARTSERVICE "cannot be used to start a
    /// service that implements a Plug and Play (PnP) function driver or filter driver for a
    /// device": the PnP manager loads and starts the function driver when it starts the
    /// device. The flag is for user-mode or legacy services managed by the service control
    /// manager. InfVerif has no code for this; difcheck reports it as a warning in every
    /// profile.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT.Services]
    /// AddService = Widget, 0x00000802, Widget_Service_Inst
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT.Services]
    /// AddService = Widget, 0x00000002, Widget_Service_Inst
    /// ```
    ///
    /// ## References
    /// - [INF AddService directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive)
    pub static START_SERVICE_ON_FUNCTION_DRIVER = {
        code: "DCK0220",
        name: "start-service-on-function-driver",
        category: Services,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive",
        summary: "SPSVCINST_STARTSERVICE on the device's function driver",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, a) in every_add_service(cx).iter() {
        let flags = a.effective_flags();
        if a.flags.is_err()
            || !flags.assoc_service()
            || !flags.start_service()
            || a.name.text.trim().is_empty()
        {
            continue;
        }
        let span = a.flags_text.as_ref().map_or(a.line.span, |f| f.span);
        let fixed = flags.0 & !ServiceFlags::STARTSERVICE;
        out.push(
            Finding::at(span, format!("function driver `{}` is installed with SPSVCINST_STARTSERVICE", a.name.text.trim()))
                .help(format!("drop 0x800 (`0x{fixed:08X}`): the PnP manager starts the function driver with the device")),
        );
    }
}
