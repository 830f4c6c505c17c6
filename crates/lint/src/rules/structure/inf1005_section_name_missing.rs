//! INF1005: a directive that takes section names has none.

use super::{is_section_list_directive, section_graph};
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// In the sections the INF's entry points reach, flags a directive whose values are
    /// section names (`CopyFiles`, `AddReg`, `DelReg`, `BitReg`, `Needs`, `DelFiles`,
    /// `RenFiles`, `AddProperty`, `UpdateInis`, `LogConfig`, …) written with no value at all:
    /// `CopyFiles =`.
    ///
    /// ## Why is this bad?
    /// The directive does nothing: there is no section for Windows to process. Usually the
    /// name was lost in an edit, and the files or registry values it named are not installed.
    /// InfVerif rejects it (1005).
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
    /// CopyFiles =
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
    /// CopyFiles = Widget_Files
    /// ```
    ///
    /// ## References
    /// - [INF CopyFiles directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-copyfiles-directive)
    /// - [INF validation errors and warnings (1005)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static SECTION_NAME_MISSING = {
        code: "INF1005",
        name: "section-name-missing",
        category: Structure,
        infverif: Some(1005),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings",
        summary: "Directive that takes section names has none",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    let graph = section_graph(cx);
    for name in &graph.scanned {
        for line in inf.lines(name) {
            let (Some(field), Some(key)) = (line.raw_key_field(), line.key()) else {
                continue;
            };
            if !is_section_list_directive(&key) || line.fields().any(|f| !f.trim().is_empty()) {
                continue;
            }
            let key = key.trim();
            out.push(
                Finding::at(
                    field.span,
                    format!("`{key}` in `[{name}]` names no section"),
                )
                .help(format!(
                    "name the section(s) `{key}` should process, or remove the line"
                )),
            );
        }
    }
}
