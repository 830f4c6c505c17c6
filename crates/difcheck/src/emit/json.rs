//! `--format json`: a versioned document for scripts.
//!
//! ```json
//! {"version": 1,
//!  "files": [{"path", "kind", "encoding", "status": "linted"|"skipped"|"failed", "reason",
//!             "config", "stamped_archs", "suppressed", "masked_by_template", "profile_hint",
//!             "notes": [...],
//!             "diagnostics": [{"code", "name", "infverif", "severity", "message", "line",
//!                              "column", "end_line", "end_column", "label", "help", "url", "targets",
//!                              "labels": [...]}]}],
//!  "summary": {...}}
//! ```
//! Lines and columns are 1-based (columns count characters); line 0 and column 0 mean the whole
//! file. `end_column` is the column after the last character. New fields may be added within
//! version 1; none will be removed or change meaning.
//!
//! The document is written file by file as the files are linted, the summary last.

use std::io::{self, Write};

use serde::Serialize;

use lint::FileStatus;

use crate::emit::{EmitOptions, Emitter};
use crate::report::{display_path, CheckedFile, Finding, RunReport};
use crate::stream::{pretty, ArrayItems, Indent};

/// The format version.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct File {
    path: String,
    /// `inf` or `inx`.
    kind: lint::FileKind,
    encoding: Option<String>,
    status: &'static str,
    reason: Option<String>,
    /// The `difcheck.toml` in force.
    config: Option<String>,
    /// For an INX using `$ARCH$`: the architectures it was stamped for.
    stamped_archs: Vec<lint::Arch>,
    /// Findings silenced by inline suppressions.
    suppressed: usize,
    /// Findings held back on template placeholder lines.
    masked_by_template: usize,
    /// A stricter profile the INF seems written for (never applied).
    profile_hint: Option<Hint>,
    notes: Vec<Note>,
    diagnostics: Vec<Diag>,
}

#[derive(Serialize)]
struct Hint {
    profile: &'static str,
    reason: String,
}

#[derive(Serialize)]
struct Note {
    level: &'static str,
    message: String,
}

#[derive(Serialize)]
struct Diag {
    code: String,
    name: String,
    infverif: Option<u16>,
    severity: &'static str,
    message: String,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    /// Text shown at the primary location.
    label: Option<String>,
    help: Option<String>,
    url: Option<String>,
    targets: Vec<String>,
    labels: Vec<Label>,
}

#[derive(Serialize)]
struct Label {
    message: String,
    /// Another file, when the label is not in this one.
    file: Option<String>,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    linted: usize,
    skipped: usize,
    failed: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    baseline_matched: usize,
    suppressed: usize,
    masked_by_template: usize,
    internal_errors: usize,
    profile: &'static str,
    fail_on: &'static str,
    exit_code: u8,
    usage_errors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    statistics: Option<Vec<Statistic>>,
}

#[derive(Serialize)]
struct Statistic {
    code: String,
    name: String,
    severity: &'static str,
    count: usize,
}

fn diag(f: &Finding) -> Diag {
    let d = &f.diagnostic;
    let ((line, column), (end_line, end_column)) = match f.range {
        Some((s, e)) => ((s.line, s.column), (e.line, e.column)),
        None => ((0, 0), (0, 0)),
    };
    Diag {
        code: d.code.clone(),
        name: d.name.clone(),
        infverif: d.infverif,
        severity: d.severity.as_str(),
        message: d.message.clone(),
        line,
        column,
        end_line,
        end_column,
        label: d.primary_label.clone(),
        help: d.help.clone(),
        url: d.url.clone(),
        targets: d.targets.clone(),
        labels: f
            .labels
            .iter()
            .map(|l| {
                let ((line, column), (end_line, end_column)) = match l.range {
                    Some((s, e)) => ((s.line, s.column), (e.line, e.column)),
                    None => ((0, 0), (0, 0)),
                };
                Label {
                    message: l.message.clone(),
                    file: l.file.as_deref().map(display_path),
                    line,
                    column,
                    end_line,
                    end_column,
                }
            })
            .collect(),
    }
}

/// `--format json`.
pub struct Json {
    opts: EmitOptions,
    files: ArrayItems,
}

impl Json {
    /// The format with `opts`.
    pub fn new(opts: &EmitOptions) -> Self {
        Json {
            opts: *opts,
            files: ArrayItems::default(),
        }
    }
}

/// The start of the document, up to the `files` array.
fn head() -> String {
    format!("{{\n  \"version\": {VERSION},\n  \"files\": ")
}

fn file_entry(f: &CheckedFile) -> File {
    let (status, reason) = match &f.status {
        FileStatus::Linted => ("linted", None),
        FileStatus::Skipped(r) => ("skipped", Some(r.clone())),
        FileStatus::Failed(r) => ("failed", Some(r.clone())),
    };
    File {
        path: f.display_path(),
        kind: f.kind,
        encoding: f.encoding.clone(),
        status,
        reason,
        config: f.config.as_deref().map(display_path),
        stamped_archs: f.stamped_archs.clone(),
        suppressed: f.suppressed,
        masked_by_template: f.masked_by_template,
        profile_hint: f.profile_hint.as_ref().map(|(p, r)| Hint {
            profile: p.as_str(),
            reason: r.clone(),
        }),
        notes: f
            .notes
            .iter()
            .map(|n| Note {
                level: n.level.as_str(),
                message: n.message.clone(),
            })
            .collect(),
        diagnostics: f.findings.iter().map(diag).collect(),
    }
}

impl Emitter for Json {
    fn file(
        &mut self,
        out: &mut dyn Write,
        file: &CheckedFile,
        _report: &RunReport,
    ) -> io::Result<()> {
        if self.files.count() == 0 {
            writeln!(out, "{}[", head())?;
        }
        self.files.next(out)?;
        Indent::new(out, "    ").write_all(&pretty(&file_entry(file)))
    }

    fn finish(&mut self, out: &mut dyn Write, report: &RunReport) -> io::Result<()> {
        if self.files.count() == 0 {
            write!(out, "{}[]", head())?;
        } else {
            out.write_all(b"\n  ]")?;
        }
        let s = report.summary();
        let exit_code = match report.exit_status() {
            crate::ExitStatus::Success => 0,
            crate::ExitStatus::Failure => 1,
            crate::ExitStatus::Error => 2,
        };
        let statistics = self.opts.statistics.then(|| {
            report
                .statistics()
                .into_iter()
                .map(|(code, name, sev, count)| Statistic {
                    code,
                    name,
                    severity: sev.as_str(),
                    count,
                })
                .collect()
        });
        let summary = Summary {
            files: s.files,
            linted: s.linted,
            skipped: s.skipped,
            failed: s.failed,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
            baseline_matched: s.baseline_matched,
            suppressed: s.suppressed,
            masked_by_template: s.masked_by_template,
            internal_errors: s.internal_errors,
            profile: report.profile.as_str(),
            fail_on: report.fail_on.as_str(),
            exit_code,
            usage_errors: report.usage_errors.clone(),
            statistics,
        };
        out.write_all(b",\n  \"summary\": ")?;
        Indent::continuing(out, "  ").write_all(&pretty(&summary))?;
        out.write_all(b"\n}\n")
    }
}
