//! INF1253: an AddService or DelService line without a service name.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::every_add_service;

declare_rule! {
    /// ## What it does
    /// Flags an AddService line whose first field, the service name, is empty while its flags
    /// lack SPSVCINST_ASSOCSERVICE (`0x2`), and a DelService line without a service name.
    /// `AddService = ,2` (the NULL driver: no service, associated) is correct and left alone.
    ///
    /// ## Why is this bad?
    /// Only the NULL-driver form may leave the name empty. Any other AddService without a name
    /// installs nothing — usually the name went missing in a `%strkey%`, or the flags were
    /// meant to include 0x2. InfVerif reports a directive that needs a service name and has
    /// none as error 1253.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT.Services]
    /// AddService = , 0x00000000, Widget_Service_Inst
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
    /// - [INF DelService directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-delservice-directive)
    /// - [INF validation errors and warnings (1253)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static SERVICE_NAME_MISSING = {
        code: "INF1253",
        name: "service-name-missing",
        category: Services,
        infverif: Some(1253),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive",
        summary: "AddService or DelService without a service name",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, a) in every_add_service(cx).iter() {
        if !a.name.text.trim().is_empty() || a.is_null_driver() || a.flags.is_err() {
            continue;
        }
        out.push(
            Finding::at(a.line.span, "AddService without a service name")
                .help("name the service, or write `AddService = ,2` if the device needs no function driver (the NULL driver)"),
        );
    }
    let mut seen = std::collections::HashSet::new();
    for s in cx.inf.sections() {
        for d in cx.inf.del_services(&s.name) {
            if d.name.text.trim().is_empty() && seen.insert(d.line.index) {
                out.push(
                    Finding::at(d.line.span, "DelService without a service name")
                        .help("name the service to delete, or remove the line"),
                );
            }
        }
    }
}
