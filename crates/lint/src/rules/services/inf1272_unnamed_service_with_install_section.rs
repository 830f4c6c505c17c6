//! INF1272: an unnamed service with a service-install section.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::every_add_service;

declare_rule! {
    /// ## What it does
    /// Flags an AddService line with an empty service name (the NULL-driver form `AddService =
    /// ,2`) that also names a service-install section (field 3).
    ///
    /// ## Why is this bad?
    /// With no service name there is no service to install: the NULL driver means "this device
    /// needs no function driver". The service-install section is ignored, so whatever the
    /// author meant it to install is not installed. InfVerif reports it as error 1272.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT.Services]
    /// AddService = , 0x00000002, Widget_Service_Inst
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
    /// - [INF validation errors and warnings (1272)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static UNNAMED_SERVICE_WITH_INSTALL_SECTION = {
        code: "INF1272",
        name: "unnamed-service-with-install-section",
        category: Services,
        infverif: Some(1272),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive",
        summary: "Unnamed service (AddService=,…) with a service-install section",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, a) in every_add_service(cx).iter() {
        if !a.name.text.trim().is_empty() {
            continue;
        }
        let Some(section) = &a.install_section else {
            continue;
        };
        out.push(
            Finding::at(section.span, format!("service-install section `[{}]` of an unnamed service is ignored", section.text.trim()))
                .help("name the service it installs, or drop the section from the NULL-driver line `AddService = ,2`"),
        );
    }
}
