//! INF1271: a Models entry has a hardware ID but no install section.

use std::collections::HashSet;

use inf_parser::directives::ModelEntryProblem;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags a line of a Models section (reached through `[Manufacturer]`) that has a device
    /// description and IDs but an empty install-section field:
    /// `%Widget% = , PCI\VEN_1234&DEV_5678`.
    ///
    /// ## Why is this bad?
    /// Windows can match the device to the line, but the line tells it nothing to install.
    /// InfVerif rejects it (1271).
    ///
    /// ## Example
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64
    ///
    /// [Widgets.NTamd64]
    /// %Widget% = , PCI\VEN_1234&DEV_5678
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64
    ///
    /// [Widgets.NTamd64]
    /// %Widget% = Widget_Install, PCI\VEN_1234&DEV_5678
    /// ```
    ///
    /// ## References
    /// - [INF Models section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-models-section)
    pub static MODEL_WITHOUT_INSTALL_SECTION = {
        code: "INF1271",
        name: "model-without-install-section",
        category: Structure,
        infverif: Some(1271),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-models-section",
        summary: "Models entry with a hardware ID but no install section",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen = HashSet::new();
    for t in cx.declared_targets {
        for e in cx.models_entries(&t.models_section()).iter() {
            if e.description.is_none()
                || !e
                    .problems
                    .contains(&ModelEntryProblem::MissingInstallSection)
                || e.problems.contains(&ModelEntryProblem::NoIds)
                || !seen.insert(e.line.index)
            {
                continue;
            }
            let id = e
                .ids()
                .next()
                .map(|i| i.text.trim().to_owned())
                .unwrap_or_default();
            out.push(
                Finding::at(e.line.span, format!("Models entry for `{id}` names no install section"))
                    .help("put the DDInstall section name before the hardware ID: `%Device% = Install_Section, <hardware-id>`"),
            );
        }
    }
}
