//! Runs the registered rules over one file and turns findings into diagnostics.

use std::path::{Path, PathBuf};

use inf_parser::{decode, parse, Inf, InfOptions};
use serde::Serialize;

use crate::context::Context;
use crate::diagnostic::Diagnostic;
use crate::registry::RULES;
use crate::rule::{Profile, RuleMeta};

/// Options of one lint run.
#[derive(Debug, Clone)]
pub struct LintOptions {
    /// The rule set.
    pub profile: Profile,
    /// ANSI code page for 8-bit files.
    pub codepage: u16,
}

impl Default for LintOptions {
    fn default() -> Self {
        LintOptions { profile: Profile::Basic, codepage: 1252 }
    }
}

/// What happened to a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "status", content = "reason")]
pub enum FileStatus {
    /// Linted; its diagnostics are complete.
    Linted,
    /// Not linted on purpose (too large, not an INF…), with the reason.
    Skipped(String),
    /// Could not be linted (unreadable…), with the reason.
    Failed(String),
}

/// The result of linting one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// The path as given or found.
    pub path: PathBuf,
    /// The encoding name (`ansi`, `utf-16le-bom`, …), when the file was read.
    pub encoding: Option<String>,
    /// The decoded text (for rendering snippets and line/column).
    #[serde(skip)]
    pub text: String,
    /// Diagnostics in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// What happened to the file.
    pub status: FileStatus,
}

impl FileReport {
    /// A report for a file that could not be linted.
    pub fn failed(path: PathBuf, reason: impl Into<String>) -> Self {
        FileReport { path, encoding: None, text: String::new(), diagnostics: Vec::new(), status: FileStatus::Failed(reason.into()) }
    }

    /// A report for a file skipped on purpose.
    pub fn skipped(path: PathBuf, reason: impl Into<String>) -> Self {
        FileReport { path, encoding: None, text: String::new(), diagnostics: Vec::new(), status: FileStatus::Skipped(reason.into()) }
    }

    /// 1-based line and column (characters) of a byte offset in [`Self::text`].
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        line_col(&self.text, offset)
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: u32) -> (u32, u32) {
    let end = (offset as usize).min(text.len());
    let before = text.get(..end).unwrap_or(text);
    let line = before.bytes().filter(|&b| b == b'\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() as u32 + 1;
    (line, col)
}

/// Lints the bytes of one file.
pub fn lint_bytes(path: &Path, bytes: &[u8], options: &LintOptions) -> FileReport {
    let inf = Inf::with_options(parse(decode(bytes, options.codepage)), InfOptions::default());
    let is_inx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("inx"));
    let cx = Context { inf: &inf, path, package_dir: path.parent(), profile: options.profile, is_inx };
    let mut diagnostics = Vec::new();
    for rule in RULES {
        let Some(severity) = rule.severities.get(options.profile) else { continue };
        let mut findings = Vec::new();
        (rule.check)(&cx, &mut findings);
        diagnostics.extend(findings.into_iter().map(|f| to_diagnostic(rule, severity, f)));
    }
    diagnostics.sort_by(|a, b| {
        let pa = a.primary.map_or(0, |s| s.start);
        let pb = b.primary.map_or(0, |s| s.start);
        (pa, &a.code).cmp(&(pb, &b.code))
    });
    FileReport {
        path: path.to_path_buf(),
        encoding: Some(inf.tree().source().encoding().name().to_owned()),
        text: inf.tree().text().to_owned(),
        diagnostics,
        status: FileStatus::Linted,
    }
}

fn to_diagnostic(rule: &RuleMeta, severity: crate::Severity, f: crate::Finding) -> Diagnostic {
    Diagnostic {
        code: rule.code.to_owned(),
        name: rule.name.to_owned(),
        infverif: rule.infverif,
        severity,
        message: f.message,
        primary: f.primary,
        primary_label: f.primary_label,
        labels: f.labels,
        help: f.help,
        targets: f.targets,
        url: Some(rule.url()),
    }
}
