//! The results of a lint run, with line and column numbers computed once for every emitter.

use std::path::PathBuf;

use lint::{Diagnostic, FileStatus, Severity};

use crate::location::{LineIndex, Position};

/// A note about how a file was read (not a finding about the INF): what git's
/// `working-tree-encoding` attribute means for it, or an internal error of a rule. Notes do not count as findings; only internal
/// errors (level `Error`) change the exit code (to 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// `Info`, `Warning`, or `Error` for an internal error.
    pub level: Severity,
    /// The explanation, a sentence fragment.
    pub message: String,
}

/// A secondary location with its line and column.
#[derive(Debug, Clone)]
pub struct LocatedLabel {
    /// The label's text.
    pub message: String,
    /// The other file, when the label is not in the linted file.
    pub file: Option<PathBuf>,
    /// Start and end, when they could be computed (labels in unreadable files have none).
    pub range: Option<(Position, Position)>,
}

/// A diagnostic with its positions and fingerprints.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The diagnostic as the lint engine produced it.
    pub diagnostic: Diagnostic,
    /// Start and end of the primary span; `None` for whole-file findings.
    pub range: Option<(Position, Position)>,
    /// Secondary locations.
    pub labels: Vec<LocatedLabel>,
    /// The baseline key (see [`crate::fingerprint::baseline_fingerprint`]).
    pub fingerprint: String,
    /// GitHub's `primaryLocationLineHash` of the primary line (line 1 for whole-file findings).
    pub line_hash: String,
}

impl Finding {
    /// The 1-based start line, or 0 for whole-file findings.
    pub fn line(&self) -> u32 {
        self.range.map_or(0, |(s, _)| s.line)
    }
}

/// One file given or found, and what happened to it.
#[derive(Debug, Clone)]
pub struct CheckedFile {
    /// The path as given or found (`<stdin>` or `--stdin-filename` for standard input).
    pub path: PathBuf,
    /// The encoding the file was read with (`ansi`, `utf-8`, `utf-16le-bom`, …), when read.
    pub encoding: Option<String>,
    /// Linted, skipped or failed.
    pub status: FileStatus,
    /// The decoded text (for snippets).
    pub text: String,
    /// Line starts of [`Self::text`].
    pub index: LineIndex,
    /// Findings in file order, after baseline filtering.
    pub findings: Vec<Finding>,
    /// Notes about how the file was read.
    pub notes: Vec<Note>,
    /// INF or INX.
    pub kind: lint::FileKind,
    /// For an INX using `$ARCH$`: the architectures it was stamped for.
    pub stamped_archs: Vec<lint::Arch>,
    /// Findings silenced by inline suppressions.
    pub suppressed: usize,
    /// Findings held back on template placeholder lines.
    pub masked_by_template: usize,
    /// Internal errors (rules that panicked).
    pub internal_errors: usize,
    /// The configuration file in force, if any.
    pub config: Option<PathBuf>,
    /// A stricter profile the INF seems written for, and why (a hint, never applied).
    pub profile_hint: Option<(lint::Profile, String)>,
}

impl CheckedFile {
    /// The path for display and machine output: lossy UTF-8 (invalid bytes become U+FFFD, the
    /// file is never dropped) with `/` separators.
    pub fn display_path(&self) -> String {
        display_path(&self.path)
    }

    /// A file that could not be read or linted.
    pub fn failed(path: PathBuf, reason: impl Into<String>) -> Self {
        CheckedFile {
            encoding: None,
            status: FileStatus::Failed(reason.into()),
            text: String::new(),
            index: LineIndex::new(""),
            findings: Vec::new(),
            notes: Vec::new(),
            kind: lint::FileKind::from_path(&path),
            stamped_archs: Vec::new(),
            suppressed: 0,
            masked_by_template: 0,
            internal_errors: 0,
            config: None,
            profile_hint: None,
            path,
        }
    }

    /// A file skipped on purpose.
    pub fn skipped(path: PathBuf, reason: impl Into<String>) -> Self {
        CheckedFile {
            status: FileStatus::Skipped(reason.into()),
            ..CheckedFile::failed(path, "")
        }
    }
}

/// Lossy UTF-8 with `/` separators.
pub fn display_path(p: &std::path::Path) -> String {
    let s = p.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

/// Totals of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files given or found.
    pub files: usize,
    /// Files linted.
    pub linted: usize,
    /// Files skipped (too large…).
    pub skipped: usize,
    /// Files that could not be linted.
    pub failed: usize,
    /// Findings reported, by severity.
    pub errors: usize,
    /// Warnings reported.
    pub warnings: usize,
    /// Infos reported.
    pub infos: usize,
    /// Findings hidden because the baseline lists them.
    pub baseline_matched: usize,
    /// Findings silenced by inline suppressions.
    pub suppressed: usize,
    /// Findings held back on template placeholder lines.
    pub masked_by_template: usize,
    /// Rules that panicked (difcheck bugs).
    pub internal_errors: usize,
}

/// Everything a run produced.
#[derive(Debug, Clone)]
pub struct RunReport {
    /// Every file, sorted by path.
    pub files: Vec<CheckedFile>,
    /// The failure threshold.
    pub fail_on: Severity,
    /// The profile in force.
    pub profile: lint::Profile,
    /// Whether skipped files are allowed (do not fail the run).
    pub allow_skipped: bool,
    /// Usage errors (missing paths, folders without INF files): exit code 2.
    pub usage_errors: Vec<String>,
    /// Findings hidden by the baseline.
    pub baseline_matched: usize,
}

impl RunReport {
    /// Totals.
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            files: self.files.len(),
            baseline_matched: self.baseline_matched,
            ..Summary::default()
        };
        for f in &self.files {
            s.suppressed += f.suppressed;
            s.masked_by_template += f.masked_by_template;
            s.internal_errors += f.internal_errors;
            match f.status {
                FileStatus::Linted => s.linted += 1,
                FileStatus::Skipped(_) => s.skipped += 1,
                FileStatus::Failed(_) => s.failed += 1,
            }
            for d in &f.findings {
                match d.diagnostic.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                }
            }
        }
        s
    }

    /// Whether the run fails (exit code 1), ignoring usage and internal errors.
    pub fn fails(&self) -> bool {
        self.files.iter().any(|f| match &f.status {
            FileStatus::Failed(_) => true,
            FileStatus::Skipped(_) => !self.allow_skipped,
            FileStatus::Linted => f
                .findings
                .iter()
                .any(|d| d.diagnostic.severity >= self.fail_on),
        })
    }

    /// The run's exit status: 2 for usage errors and internal errors (a rule that panicked is a
    /// difcheck bug that must not pass unnoticed), 1 when [`Self::fails`], else 0.
    pub fn exit_status(&self) -> crate::ExitStatus {
        if !self.usage_errors.is_empty() || self.files.iter().any(|f| f.internal_errors > 0) {
            crate::ExitStatus::Error
        } else if self.fails() {
            crate::ExitStatus::Failure
        } else {
            crate::ExitStatus::Success
        }
    }

    /// Profile hints grouped by profile and reason: `(profile, reason, files)`, in profile order.
    pub fn profile_hints(&self) -> Vec<(lint::Profile, String, Vec<String>)> {
        let mut out: Vec<(lint::Profile, String, Vec<String>)> = Vec::new();
        for f in &self.files {
            let Some((p, reason)) = &f.profile_hint else {
                continue;
            };
            match out.iter_mut().find(|(q, r, _)| q == p && r == reason) {
                Some(entry) => entry.2.push(f.display_path()),
                None => out.push((*p, reason.clone(), vec![f.display_path()])),
            }
        }
        out.sort_by_key(|(p, _, _)| p.strictness());
        out
    }

    /// Findings per rule, most frequent first: `(code, name, severity, count)`.
    pub fn statistics(&self) -> Vec<(String, String, Severity, usize)> {
        let mut map: std::collections::BTreeMap<(String, String, Severity), usize> =
            Default::default();
        for f in &self.files {
            for d in &f.findings {
                let k = (
                    d.diagnostic.code.clone(),
                    d.diagnostic.name.clone(),
                    d.diagnostic.severity,
                );
                *map.entry(k).or_default() += 1;
            }
        }
        let mut v: Vec<_> = map.into_iter().map(|((c, n, s), k)| (c, n, s, k)).collect();
        v.sort_by(|a, b| b.3.cmp(&a.3).then_with(|| a.0.cmp(&b.0)));
        v
    }
}
