//! The results of a lint run: per file, with line and column numbers computed once for every
//! emitter; per run, the totals.

use std::collections::BTreeMap;
use std::path::PathBuf;

use lint::{Diagnostic, FileStatus, Severity};

use crate::location::Position;

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
    /// The finding as `--format human` shows it, source snippet included: rendered while the
    /// file's text is at hand, so that the text need not be kept until output. `None` in the
    /// other formats.
    pub rendered: Option<String>,
}

impl Finding {
    /// The 1-based start line, or 0 for whole-file findings.
    pub fn line(&self) -> u32 {
        self.range.map_or(0, |(s, _)| s.line)
    }
}

/// One file given or found, and what happened to it. It holds no text of the file: whatever
/// needs the text (positions, fingerprints, snippets) is computed while the file is linted, so
/// that a run keeps only small results per file.
#[derive(Debug, Clone)]
pub struct CheckedFile {
    /// The path as given or found (`<stdin>` or `--stdin-filename` for standard input).
    pub path: PathBuf,
    /// The encoding the file was read with (`ansi`, `utf-8`, `utf-16le-bom`, …), when read.
    pub encoding: Option<String>,
    /// Linted, skipped or failed.
    pub status: FileStatus,
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

/// A stricter profile some files look written for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileHint {
    /// The profile.
    pub profile: lint::Profile,
    /// Why the files look written for it.
    pub reason: String,
    /// How many files.
    pub files: usize,
    /// The first of them, for display when it is the only one.
    pub first_file: String,
}

/// What a run found so far: the settings every output format shows, and totals over the files
/// recorded with [`RunReport::record`] (the files themselves are not kept: output formats
/// stream them as they come).
#[derive(Debug, Clone)]
pub struct RunReport {
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
    totals: Summary,
    failing: bool,
    hints: Vec<ProfileHint>,
    statistics: BTreeMap<(String, String, Severity), usize>,
}

impl RunReport {
    /// A report with no file recorded yet.
    pub fn new(
        fail_on: Severity,
        profile: lint::Profile,
        allow_skipped: bool,
        usage_errors: Vec<String>,
    ) -> Self {
        RunReport {
            fail_on,
            profile,
            allow_skipped,
            usage_errors,
            baseline_matched: 0,
            totals: Summary::default(),
            failing: false,
            hints: Vec::new(),
            statistics: BTreeMap::new(),
        }
    }

    /// Adds a file (after baseline filtering) to the totals.
    pub fn record(&mut self, f: &CheckedFile) {
        let s = &mut self.totals;
        s.files += 1;
        s.suppressed += f.suppressed;
        s.masked_by_template += f.masked_by_template;
        s.internal_errors += f.internal_errors;
        match f.status {
            FileStatus::Linted => s.linted += 1,
            FileStatus::Skipped(_) => s.skipped += 1,
            FileStatus::Failed(_) => s.failed += 1,
        }
        for d in &f.findings {
            let d = &d.diagnostic;
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
            let key = (d.code.clone(), d.name.clone(), d.severity);
            *self.statistics.entry(key).or_default() += 1;
        }
        self.failing |= match &f.status {
            FileStatus::Failed(_) => true,
            FileStatus::Skipped(_) => !self.allow_skipped,
            FileStatus::Linted => f
                .findings
                .iter()
                .any(|d| d.diagnostic.severity >= self.fail_on),
        };
        if let Some((p, reason)) = &f.profile_hint {
            match self
                .hints
                .iter_mut()
                .find(|h| h.profile == *p && h.reason == *reason)
            {
                Some(h) => h.files += 1,
                None => self.hints.push(ProfileHint {
                    profile: *p,
                    reason: reason.clone(),
                    files: 1,
                    first_file: f.display_path(),
                }),
            }
        }
    }

    /// Totals.
    pub fn summary(&self) -> Summary {
        Summary {
            baseline_matched: self.baseline_matched,
            ..self.totals
        }
    }

    /// Whether the run fails (exit code 1), ignoring usage and internal errors.
    pub fn fails(&self) -> bool {
        self.failing
    }

    /// The run's exit status: 2 for usage errors and internal errors (a rule that panicked is a
    /// difcheck bug that must not pass unnoticed), 1 when [`Self::fails`], else 0.
    pub fn exit_status(&self) -> crate::ExitStatus {
        if !self.usage_errors.is_empty() || self.totals.internal_errors > 0 {
            crate::ExitStatus::Error
        } else if self.fails() {
            crate::ExitStatus::Failure
        } else {
            crate::ExitStatus::Success
        }
    }

    /// Profile hints grouped by profile and reason, in profile order (then in the order first
    /// seen).
    pub fn profile_hints(&self) -> Vec<ProfileHint> {
        let mut out = self.hints.clone();
        out.sort_by_key(|h| h.profile.strictness());
        out
    }

    /// Findings per rule, most frequent first: `(code, name, severity, count)`.
    pub fn statistics(&self) -> Vec<(String, String, Severity, usize)> {
        let mut v: Vec<_> = self
            .statistics
            .iter()
            .map(|((c, n, s), k)| (c.clone(), n.clone(), *s, *k))
            .collect();
        v.sort_by(|a, b| b.3.cmp(&a.3).then_with(|| a.0.cmp(&b.0)));
        v
    }
}
