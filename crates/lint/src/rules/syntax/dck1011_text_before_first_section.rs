//! DCK1011: text before the first section that Windows skips.

use inf_parser::{OpenErrorCode, ParseProblem};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags non-comment text before the first section header in a file that has a
    /// `[Strings]` section. (Without `[Strings]` the same text makes Windows reject the whole
    /// file; `syntax-error` (INF1002) reports that case.) One finding, at the first such
    /// line, with the number of lines.
    ///
    /// ## Why is this bad?
    /// Windows skips the text, so it has no effect, yet the same file without its
    /// `[Strings]` section would not open at all. It is usually a header comment that lost its
    /// `;`.
    ///
    /// ## Example
    /// ```inf
    /// Widget driver package, version 1.2
    /// [Version]
    /// Signature = "$WINDOWS NT$"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// ; Widget driver package, version 1.2
    /// [Version]
    /// Signature = "$WINDOWS NT$"
    /// ```
    ///
    /// ## References
    /// - [General syntax rules for INF files](https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files)
    pub static TEXT_BEFORE_FIRST_SECTION = {
        code: "DCK1011",
        name: "text-before-first-section",
        category: Syntax,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files",
        summary: "Text before the first section header is skipped",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if cx
        .inf
        .tree()
        .open_verdict()
        .is_some_and(|e| e.code == OpenErrorCode::ExpectedSectionName)
    {
        return;
    }
    let mut stray = cx
        .parse_diagnostics
        .iter()
        .filter(|d| d.problem == ParseProblem::TextBeforeFirstSection);
    let Some(first) = stray.next() else { return };
    let more = stray.count();
    let message = if more == 0 {
        "text before the first section header is skipped by Windows".to_owned()
    } else {
        format!(
            "text before the first section header is skipped by Windows ({} lines)",
            more + 1
        )
    };
    out.push(
        Finding::at(first.span, message)
            .primary_label("skipped")
            .help("make the text a comment with `;`, or move it into a section"),
    );
}
