//! INF1383: an extension INF adds a service with SPSVCINST_ASSOCSERVICE.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::version::is_extension_inf;

declare_rule! {
    /// ## What it does
    /// In an extension INF (`Class = Extension`), flags every `AddService` whose flags include
    /// SPSVCINST_ASSOCSERVICE (0x2), including the NULL driver `AddService = ,2`.
    ///
    /// ## Why is this bad?
    /// The function driver of a device belongs to its base INF. Extension INFs are applied on
    /// top of it, in no fixed order, and may add filter drivers and other services but may
    /// not set the associated (function) service. InfVerif rejects the flag in an extension
    /// INF (1383).
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Extension
    /// ClassGuid = {e2f84ce7-8efa-411c-aa69-97454ca4cb57}
    /// ExtensionId = {9f1f8bde-4f0c-4a4e-9c35-2d1f3b6c7a11}
    ///
    /// [Widget_Extension.NT.Services]
    /// AddService = WidgetFilter, 0x00000002, WidgetFilter_Service
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Extension
    /// ClassGuid = {e2f84ce7-8efa-411c-aa69-97454ca4cb57}
    /// ExtensionId = {9f1f8bde-4f0c-4a4e-9c35-2d1f3b6c7a11}
    ///
    /// [Widget_Extension.NT.Services]
    /// AddService = WidgetFilter, , WidgetFilter_Service
    /// ```
    ///
    /// ## References
    /// - [Using an extension INF file](https://learn.microsoft.com/windows-hardware/drivers/install/using-an-extension-inf-file)
    /// - [INF AddService directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive)
    pub static EXTENSION_ASSOC_SERVICE = {
        code: "INF1383",
        name: "extension-assoc-service",
        category: Primitive,
        infverif: Some(1383),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/using-an-extension-inf-file",
        summary: "Extension INF adds a service with SPSVCINST_ASSOCSERVICE",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    if !is_extension_inf(cx) {
        return;
    }
    for s in inf.sections() {
        if inf_parser::is_strings_section_name(&s.name) {
            continue;
        }
        for a in inf.add_services(&s.name) {
            if !a.effective_flags().assoc_service() {
                continue;
            }
            let span = a.flags_text.as_ref().map_or(a.line.span, |f| f.span);
            let name = a.name.text.trim();
            let what = if name.is_empty() {
                "the NULL driver (`AddService = ,2`)".to_owned()
            } else {
                format!("service `{name}`")
            };
            out.push(
                Finding::at(span, format!("extension INF sets SPSVCINST_ASSOCSERVICE (0x2) on {what}"))
                    .help("leave the function driver to the base INF: remove the 0x2 flag (filters and other services are fine)"),
            );
        }
    }
}
