//! INF1013: a service-install section without one of its mandatory entries.

use inf_parser::directives::ServiceInstallProblem;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::reach::section_span;

use super::service_install_sections;

declare_rule! {
    /// ## What it does
    /// Checks every service-install section an AddService directive names: it must have the
    /// four mandatory entries `ServiceType`, `StartType`, `ErrorControl` and `ServiceBinary`
    /// (a `ServiceBinary` with an empty value counts as missing).
    ///
    /// ## Why is this bad?
    /// "Each service-install-section must have at least the ServiceType, StartType,
    /// ErrorControl, and ServiceBinary entries." Without one of them SetupAPI cannot create the
    /// service (ERROR_BAD_SERVICE_INSTALLSECT) and the device installation fails. InfVerif
    /// reports a mandatory key missing from a section as error 1013.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Service_Inst]
    /// ServiceType   = 1
    /// StartType     = 3
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
    /// - [INF validation errors and warnings (1013)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static SERVICE_INSTALL_MISSING_ENTRY = {
        code: "INF1013",
        name: "service-install-missing-entry",
        category: Services,
        infverif: Some(1013),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive",
        summary: "Service-install section without ServiceType, StartType, ErrorControl or ServiceBinary",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (add, install) in service_install_sections(cx).iter() {
        let missing: Vec<&str> = install
            .problems()
            .into_iter()
            .filter_map(|p| match p {
                ServiceInstallProblem::MissingRequired { key } => Some(key),
                _ => None,
            })
            .collect();
        if missing.is_empty() {
            continue;
        }
        let Some(span) = section_span(cx.inf, &install.section) else {
            continue;
        };
        let list = missing
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut f = Finding::at(span, format!("service-install section `[{}]` has no {list}", install.section))
            .help("a service-install section needs `ServiceType`, `StartType`, `ErrorControl` and `ServiceBinary`");
        if let Some(v) = &add.install_section {
            f = f.label(
                v.span,
                format!("used for service `{}` here", add.name.text.trim()),
            );
        }
        out.push(f);
    }
}
