//! INF1288: a decoration's BuildNumber is below 14310.

use inf_parser::DecorationIssue;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags a `[Manufacturer]` decoration whose BuildNumber field is below 14310.
    ///
    /// ## Why is this bad?
    /// Windows reads the BuildNumber field only from Windows 10 version 1607 (build 14310) on;
    /// older systems treat a decoration with a build as invalid. A build below 14310 therefore
    /// cannot mean what it says, and InfVerif rejects it (1288).
    ///
    /// ## Example
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64.10.0...10240
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64.10.0
    /// ```
    ///
    /// ## References
    /// - [INF Manufacturer section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-manufacturer-section)
    pub static BUILD_BEFORE_14310 = {
        code: "INF1288",
        name: "build-before-14310",
        category: Decoration,
        infverif: Some(1288),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-manufacturer-section",
        summary: "TargetOSVersion BuildNumber below 14310",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for m in cx.manufacturers().iter() {
        for d in &m.decorations {
            let Some(DecorationIssue::BuildBefore14310 { build }) = d
                .issues()
                .into_iter()
                .find(|i| matches!(i, DecorationIssue::BuildBefore14310 { .. }))
            else {
                continue;
            };
            out.push(
                Finding::at(d.value.span, format!("BuildNumber {build} in `{}` is below 14310, the first build that reads build numbers", d.value.text.trim()))
                    .help("drop the build field to target all of Windows 10, or use a build of 14310 or later"),
            );
        }
    }
}
