//! DCK0001: a suppression code that silenced nothing.

use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rule::{reported_by_engine, Severities};

declare_rule! {
    /// ## What it does
    /// Reports each code of a `; difcheck: ignore[…]` or `; difcheck: ignore-file[…]` comment
    /// that silenced no finding in this run. Codes of rules that did not run (another profile,
    /// or turned off in `difcheck.toml`) are not reported: the suppression may matter there.
    /// A suppression on a line of its own covers the next line that is not a comment, so one
    /// followed by a blank line covers nothing and is reported too.
    ///
    /// With `--no-inline-suppressions` suppressions are ignored and this rule reports nothing.
    ///
    /// ## Why is this bad?
    /// A stale suppression hides the next real problem of the same kind on that line, and
    /// misleads readers into thinking the line still has the problem it once had.
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$WINDOWS NT$" ; difcheck: ignore[INF1209] nothing is duplicated here
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$WINDOWS NT$"
    /// ```
    ///
    /// ## References
    /// - [General syntax rules for INF files (comments)](https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files)
    pub static UNUSED_SUPPRESSION = {
        code: "DCK0001",
        name: "unused-suppression",
        category: Meta,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files",
        summary: "Inline suppression that silences nothing",
        check: reported_by_engine,
    }
}
