//! DCK1002: a quoted string without its closing quote.

use inf_parser::ParseProblem;

use super::report_each;
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags a `"` that opens a quoted run with no closing `"` on the same physical line.
    ///
    /// ## Why is this bad?
    /// Windows does not report it: the quoted run silently takes the rest of the line, so a
    /// `;` comment, a `,` field separator or a trailing `\` continuation after it becomes part
    /// of the value. The line then has fewer fields than it seems to, with text nobody meant.
    ///
    /// ## Example
    /// ```inf
    /// [Strings]
    /// DeviceDesc = "Widget Device ; the quote above is never closed
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Strings]
    /// DeviceDesc = "Widget Device" ; closed
    /// ```
    ///
    /// ## References
    /// - [General syntax rules for INF files](https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files)
    pub static UNTERMINATED_QUOTE = {
        code: "DCK1002",
        name: "unterminated-quote",
        category: Syntax,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files",
        summary: "Quoted string without its closing quote",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report_each(
        cx,
        out,
        &ParseProblem::UnterminatedQuote,
        "the quote runs to the end of the line",
        "close the quoted string with `\"` on the same line",
    );
}
