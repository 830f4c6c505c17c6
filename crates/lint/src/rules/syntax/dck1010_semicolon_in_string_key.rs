//! DCK1010: a `;` inside what was meant to be a `%strkey%` token.

use inf_parser::ParseProblem;

use super::report_each;
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags a `;` between the two `%` signs of a `%strkey%` token outside quotes.
    ///
    /// ## Why is this bad?
    /// A `;` outside quotes always starts a comment, even inside a token, so the token is cut
    /// in half: the value ends with an unmatched `%…` and the rest of the line is a comment.
    ///
    /// ## Example
    /// ```inf
    /// [Widget.Models]
    /// %Widget;Desc% = Widget_Device, ROOT\Widget
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget.Models]
    /// %Widget.Desc% = Widget_Device, ROOT\Widget
    /// ```
    ///
    /// ## References
    /// - [INF Strings section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-strings-section)
    /// - [General syntax rules for INF files](https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files)
    pub static SEMICOLON_IN_STRING_KEY = {
        code: "DCK1010",
        name: "semicolon-in-string-key",
        category: Syntax,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-strings-section",
        summary: "`;` inside a `%strkey%` token starts a comment",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report_each(
        cx,
        out,
        &ParseProblem::SemicolonInStringKey,
        "starts a comment",
        "remove the `;` from the string key (rename the key in `[Strings]` too)",
    );
}
