//! Findings as plain data. The CLI renders them; nothing here knows about terminals.

use std::path::PathBuf;

use inf_parser::Span;
use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run unless `--fail-on info`.
    Info,
    /// Likely a problem; fails with `--fail-on warning`.
    Warning,
    /// Windows or InfVerif rejects this; fails by default.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary location with a short explanation ("first defined here").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Where, in the same file's decoded text (or in `file` when set).
    pub span: Span,
    /// What this location has to do with the finding.
    pub message: String,
    /// Another file (e.g. an installer source), when the label is not in the linted file.
    pub file: Option<PathBuf>,
}

/// One finding of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The difcheck rule code, e.g. `INF1209` or `DIF0001`.
    pub code: String,
    /// The rule's kebab-case name.
    pub name: String,
    /// The InfVerif error number this corresponds to, if any.
    pub infverif: Option<u16>,
    /// Severity after profile and configuration are applied.
    pub severity: Severity,
    /// What is wrong, naming INF items in backticks; a sentence fragment without a final period.
    pub message: String,
    /// The location Windows (or InfVerif) would blame. `None` means the whole file (line 0).
    pub primary: Option<Span>,
    /// Label shown at the primary span.
    pub primary_label: Option<String>,
    /// Secondary locations.
    pub labels: Vec<Label>,
    /// What to do about it.
    pub help: Option<String>,
    /// Targets (e.g. `NTamd64.10.0...16299`) for which the finding holds; empty = all.
    pub targets: Vec<String>,
    /// Link to the rule's documentation.
    pub url: Option<String>,
}
