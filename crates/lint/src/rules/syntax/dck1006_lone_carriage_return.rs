//! DCK1006: a carriage return that is not followed by a line feed.

use inf_parser::ParseProblem;

use super::report_each;
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags the first carriage return (CR, `\r`) that is not part of a CR LF pair, as left by
    /// classic Mac OS line endings or by a bad merge.
    ///
    /// ## Why is this bad?
    /// Windows ends INF lines only at line feeds; a lone CR is just a blank character. Two
    /// lines separated only by CR are one line to Windows, while editors show them as two.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CopyFiles]
    /// widget.sys<CR>widget.dll
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CopyFiles]
    /// widget.sys
    /// widget.dll
    /// ```
    ///
    /// ## References
    /// - [General syntax rules for INF files](https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files)
    pub static LONE_CARRIAGE_RETURN = {
        code: "DCK1006",
        name: "lone-carriage-return",
        category: Syntax,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files",
        summary: "Carriage return without a line feed does not end a line",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report_each(
        cx,
        out,
        &ParseProblem::LoneCarriageReturn,
        "not a line end for Windows",
        "use CR LF (or LF) line endings throughout the file",
    );
}
