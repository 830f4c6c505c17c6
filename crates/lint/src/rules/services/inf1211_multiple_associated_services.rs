//! INF1211: more than one AddService with SPSVCINST_ASSOCSERVICE for one device.

use std::collections::BTreeMap;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::reach::InstallGraph;

declare_rule! {
    /// ## What it does
    /// For every DDInstall section Windows uses, collects the AddService lines of its
    /// `.Services` section (and of the sections that one `Needs`) and flags more than one line
    /// with SPSVCINST_ASSOCSERVICE (`0x2`). The NULL driver, `AddService = ,2`, counts as an
    /// associated service too.
    ///
    /// ## Why is this bad?
    /// The associated service is the device's function driver, and a device has exactly one.
    /// With two, which one drives the device depends on processing order. InfVerif reports it
    /// as error 1211.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT.Services]
    /// AddService = Widget, 0x00000002, Widget_Service_Inst
    /// AddService = WidgetHelper, 0x00000002, Helper_Service_Inst
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT.Services]
    /// AddService = Widget, 0x00000002, Widget_Service_Inst
    /// AddService = WidgetHelper, , Helper_Service_Inst
    /// ```
    ///
    /// ## References
    /// - [INF AddService directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive)
    /// - [INF DDInstall.Services section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-services-section)
    /// - [INF validation errors and warnings (1211)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static MULTIPLE_ASSOCIATED_SERVICES = {
        code: "INF1211",
        name: "multiple-associated-services",
        category: Services,
        infverif: Some(1211),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive",
        summary: "More than one AddService with SPSVCINST_ASSOCSERVICE for one device",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = InstallGraph::shared(cx);
    let mut per_root: BTreeMap<usize, Vec<&inf_parser::directives::AddServiceDirective>> =
        BTreeMap::new();
    for s in &graph.services {
        if s.directive.flags.is_ok() && s.directive.effective_flags().assoc_service() {
            let list = per_root.entry(s.root).or_default();
            if !list.iter().any(|d| d.line.index == s.directive.line.index) {
                list.push(&s.directive);
            }
        }
    }
    let mut reported = std::collections::HashSet::new();
    for (root, mut list) in per_root {
        if list.len() < 2 {
            continue;
        }
        list.sort_by_key(|d| d.line.span.start);
        let key: Vec<u32> = list.iter().map(|d| d.line.index).collect();
        if !reported.insert(key) {
            continue;
        }
        let name = |d: &inf_parser::directives::AddServiceDirective| {
            let n = d.name.text.trim();
            if n.is_empty() {
                "the NULL driver".to_owned()
            } else {
                format!("`{n}`")
            }
        };
        let mut f = Finding::at(
            list[0].line.span,
            format!(
                "`[{}]` has {} associated services (SPSVCINST_ASSOCSERVICE)",
                graph.roots[root].name,
                list.len()
            ),
        )
        .primary_label(format!("associates {}", name(list[0])));
        for d in &list[1..] {
            f = f.label(d.line.span, format!("also associates {}", name(d)));
        }
        out.push(f.help("keep SPSVCINST_ASSOCSERVICE (0x2) on the function driver only; add filter and helper services without it"));
    }
}
