//! INF1315: a `Needs` target cannot be found.

use std::collections::HashSet;

use super::{has_any_include, section_graph};
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// In an INF without any `Include=`, flags `Needs` values (in sections the INF's entry
    /// points reach) that name a section the INF does not have. With an `Include`, the target
    /// may be in the included system INF, which difcheck cannot read, and nothing is
    /// reported.
    ///
    /// ## Why is this bad?
    /// `Needs` processes another section as part of the current one. Without an `Include`,
    /// the only place Windows can find the target is this INF; a missing target means the
    /// work it was meant to do is skipped. InfVerif rejects it (1315).
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
    /// Needs = WinUsb.NT
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
    /// Include = winusb.inf
    /// Needs = WinUsb.NT
    /// ```
    ///
    /// ## References
    /// - [INF DDInstall section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-section)
    /// - [INF validation errors and warnings (1315)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static NEEDS_TARGET_NOT_FOUND = {
        code: "INF1315",
        name: "needs-target-not-found",
        category: Structure,
        infverif: Some(1315),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-section",
        summary: "Needs target that does not exist",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if has_any_include(cx) {
        return;
    }
    let graph = section_graph(cx);
    let mut seen = HashSet::new();
    for r in graph
        .refs
        .iter()
        .filter(|r| !r.exists && r.directive.eq_ignore_ascii_case("Needs"))
    {
        if !seen.insert((r.value.span.start, r.value.span.end)) {
            continue;
        }
        let name = r.value.text.trim();
        out.push(
            Finding::at(r.value.span, format!("`Needs` in `[{}]` names `[{name}]`, which this INF does not define and no `Include` provides", r.from))
                .help("add `Include = <system INF>` in the same section if the target is in a system INF, or correct the section name"),
        );
    }
}
