//! INF1011: a `[Manufacturer]` entry does not name its Models section.

use inf_parser::directives::ManufacturerProblem;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags a `[Manufacturer]` line whose first value, the Models section name, is missing or
    /// empty (`%Mfg% =`, `%Mfg% = , NTamd64`).
    ///
    /// ## Why is this bad?
    /// Windows finds the devices a manufacturer's drivers support through the Models section
    /// the entry names. Without a name, the entry lists no devices at all. InfVerif rejects it
    /// (1011).
    ///
    /// ## Example
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = , NTamd64
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64
    /// ```
    ///
    /// ## References
    /// - [INF Manufacturer section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-manufacturer-section)
    pub static MISSING_MODELS_NAME = {
        code: "INF1011",
        name: "missing-models-name",
        category: Structure,
        infverif: Some(1011),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-manufacturer-section",
        summary: "Manufacturer entry without a Models section name",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for m in cx.manufacturers().iter() {
        if !m.problems.contains(&ManufacturerProblem::MissingModelsName) {
            continue;
        }
        out.push(
            Finding::at(
                m.line.span,
                "`[Manufacturer]` entry names no Models section",
            )
            .help("write `%Mfg% = <models-section>[, <TargetOSVersion>…]`"),
        );
    }
}
