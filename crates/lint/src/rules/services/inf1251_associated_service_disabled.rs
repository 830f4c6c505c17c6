//! INF1251: an associated service with StartType 4 (disabled).

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::every_add_service;

declare_rule! {
    /// ## What it does
    /// Flags an AddService line with SPSVCINST_ASSOCSERVICE (`0x2`) whose service-install
    /// section sets `StartType = 4` (SERVICE_DISABLED).
    ///
    /// ## Why is this bad?
    /// The associated service is the device's function driver. A disabled service never
    /// starts, so the device is installed without a working driver: "a device/driver cannot be
    /// installed if this value is specified". InfVerif reports it as warning 1251 in every mode.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Service_Inst]
    /// ServiceType   = 1
    /// StartType     = 4
    /// ErrorControl  = 1
    /// ServiceBinary = %13%\widget.sys
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Service_Inst]
    /// ServiceType   = 1
    /// StartType     = 3
    /// ErrorControl  = 1
    /// ServiceBinary = %13%\widget.sys
    /// ```
    ///
    /// ## References
    /// - [INF AddService directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive)
    /// - [INF validation errors and warnings (1251)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static ASSOCIATED_SERVICE_DISABLED = {
        code: "INF1251",
        name: "associated-service-disabled",
        category: Services,
        infverif: Some(1251),
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive",
        summary: "Associated (function driver) service with StartType 4 (disabled)",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, a) in every_add_service(cx).iter() {
        if a.flags.is_err() || !a.effective_flags().assoc_service() {
            continue;
        }
        let Some(section) = a
            .install_section
            .as_ref()
            .and_then(|v| cx.inf.section(&v.text))
        else {
            continue;
        };
        let install = cx.inf.service_install(&section.name);
        let Some(start) = install.start_type.as_ref().filter(|s| s.value == Ok(4)) else {
            continue;
        };
        out.push(
            Finding::at(
                start.entry.value.span,
                format!(
                    "associated service `{}` is disabled (StartType 4)",
                    a.name.text.trim()
                ),
            )
            .label(a.line.span, "the device's function driver")
            .help("use `StartType = 3` (SERVICE_DEMAND_START) for a PnP function driver"),
        );
    }
}
