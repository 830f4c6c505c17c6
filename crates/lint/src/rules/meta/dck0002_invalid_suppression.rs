//! DCK0002: a `difcheck:` comment that cannot be applied as written.

use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rule::{reported_by_engine, Severities};

declare_rule! {
    /// ## What it does
    /// Reports `difcheck:` comments that suppress nothing because of how they are written:
    /// `ignore` or `ignore-file` without a code list, an empty list, a code that names no rule,
    /// a list without its closing `]`, or an unknown directive after `difcheck:`.
    ///
    /// ## Why is this bad?
    /// A blanket `; difcheck: ignore` would hide every present and future finding on the line,
    /// so difcheck does not accept it: suppressions must name what they silence. A misspelt
    /// code silences nothing while looking as if it did.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT] ; difcheck: ignore
    /// CopyFiles = Widget_CopyFiles ; difcheck: ignore[INF9999]
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT] ; difcheck: ignore[INF1209] merged on purpose
    /// CopyFiles = Widget_CopyFiles
    /// ```
    ///
    /// ## References
    /// - [General syntax rules for INF files (comments)](https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files)
    pub static INVALID_SUPPRESSION = {
        code: "DCK0002",
        name: "invalid-suppression",
        category: Meta,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files",
        summary: "Inline suppression without codes, with an unknown code, or malformed",
        check: reported_by_engine,
    }
}
