//! INF2006: `AddService` names a service-install section that does not exist.

use std::collections::HashSet;

use super::{has_any_include, section_graph};
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags an `AddService` (in a section the INF's entry points reach) whose third value,
    /// the service-install section, names a section the INF does not have. When the INF has
    /// an `Include`, nothing is reported: the section might be in the included system INF.
    ///
    /// ## Why is this bad?
    /// The service-install section holds the service's type, start type and binary; without
    /// it Windows cannot create the service, and installing the device fails. InfVerif
    /// rejects it (2006).
    ///
    /// ## Example
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64.10.0...16299
    ///
    /// [Widgets.NTamd64.10.0...16299]
    /// %Widget% = Widget_Install, PCI\VEN_1234&DEV_5678
    ///
    /// [Widget_Install.NT]
    ///
    /// [Widget_Install.NT.Services]
    /// AddService = Widget, 0x00000002, Widget_Servce
    ///
    /// [Widget_Service]
    /// ServiceType = 1
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64.10.0...16299
    ///
    /// [Widgets.NTamd64.10.0...16299]
    /// %Widget% = Widget_Install, PCI\VEN_1234&DEV_5678
    ///
    /// [Widget_Install.NT]
    ///
    /// [Widget_Install.NT.Services]
    /// AddService = Widget, 0x00000002, Widget_Service
    ///
    /// [Widget_Service]
    /// ServiceType = 1
    /// ```
    ///
    /// ## References
    /// - [INF AddService directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive)
    pub static SERVICE_INSTALL_SECTION_MISSING = {
        code: "INF2006",
        name: "service-install-section-missing",
        category: Structure,
        infverif: Some(2006),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive",
        summary: "AddService names a service-install section that does not exist",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if has_any_include(cx) {
        return;
    }
    let graph = section_graph(cx);
    let mut seen = HashSet::new();
    for r in &graph.refs {
        if r.exists || !r.directive.eq_ignore_ascii_case("AddService") || r.field != 3 {
            continue;
        }
        if !seen.insert((r.value.span.start, r.value.span.end)) {
            continue;
        }
        let name = r.value.text.trim();
        out.push(
            Finding::at(r.value.span, format!("`AddService` names service-install section `[{name}]`, which does not exist"))
                .help("add the section with ServiceType, StartType, ErrorControl and ServiceBinary, or correct the name"),
        );
    }
}
