//! DCK1003: text after a section header's `]`.

use inf_parser::ParseProblem;

use super::report_each;
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags non-blank text after the `]` of a section header that is not a `;` comment.
    ///
    /// ## Why is this bad?
    /// Windows ignores everything after the first `]`, so the text has no effect. It is
    /// usually a directive that was meant to be on the next line, or a second `]` that shows
    /// the section name is not what the author thinks it is.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT] CopyFiles = Widget_CopyFiles
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT]
    /// CopyFiles = Widget_CopyFiles
    /// ```
    ///
    /// ## References
    /// - [General syntax rules for INF files](https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files)
    pub static TEXT_AFTER_SECTION_HEADER = {
        code: "DCK1003",
        name: "text-after-section-header",
        category: Syntax,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files",
        summary: "Text after a section header's `]` is ignored",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report_each(
        cx,
        out,
        &ParseProblem::TextAfterSectionHeader,
        "ignored by Windows",
        "move the text to its own line, or make it a comment with `;`",
    );
}
