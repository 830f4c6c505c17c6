//! Output formats of `difcheck lint`, one module each. Every format is written file by file as
//! the files are linted ([`Emitter::file`], in report order), then finished with the run's
//! totals ([`Emitter::finish`]), so that a run never holds its whole report in memory. Every
//! file (linted, skipped or failed) appears in every format that has a place for it; see each
//! module for how.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use std::io::{self, Write};
use std::path::Path;

use lint::{FileStatus, RuleMeta, Severity};

use crate::cli::OutputFormat;
use crate::report::{CheckedFile, RunReport, Summary};

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct EmitOptions {
    /// Color human output.
    pub color: bool,
    /// Line width for human output; `None` = the terminal's.
    pub width: Option<usize>,
    /// No summary line.
    pub quiet: bool,
    /// Counts per rule instead of (human, concise) or besides (json) the findings.
    pub statistics: bool,
}

/// An output format being written.
pub trait Emitter {
    /// Writes (or holds back, for formats whose beginning needs the totals) what the format
    /// shows for `file`. Files come in report order, after the baseline is applied; `report`
    /// has the run's settings, and its totals include the files before this one.
    fn file(
        &mut self,
        out: &mut dyn Write,
        file: &CheckedFile,
        report: &RunReport,
    ) -> io::Result<()>;

    /// Writes the rest of the document once every file is recorded in `report`.
    fn finish(&mut self, out: &mut dyn Write, report: &RunReport) -> io::Result<()>;
}

/// The emitter of `format`. Formats that hold parts back until the end keep them in temporary
/// files in `spill_dir` (the system's temporary folder when `None`).
pub fn emitter(
    format: OutputFormat,
    opts: &EmitOptions,
    spill_dir: Option<&Path>,
) -> Box<dyn Emitter> {
    match format {
        OutputFormat::Human => Box::new(human::Human::new(opts)),
        OutputFormat::Concise => Box::new(concise::Concise::new(opts)),
        OutputFormat::Json => Box::new(json::Json::new(opts)),
        OutputFormat::Sarif => Box::new(sarif::Sarif::new(spill_dir)),
        OutputFormat::Github => Box::new(github::Github::new(opts)),
        OutputFormat::Junit => Box::new(junit::Junit::new(spill_dir)),
        OutputFormat::Gitlab => Box::new(gitlab::Gitlab::default()),
    }
}

/// The one-line summary printed by the text formats.
pub fn summary_line(report: &RunReport) -> String {
    let s: Summary = report.summary();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut line = format!(
        "{}: {}, {}, {}",
        plural(s.files, "file", "files"),
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos"),
    );
    if s.skipped > 0 {
        line.push_str(&format!(", {} skipped", s.skipped));
    }
    if s.failed > 0 {
        line.push_str(&format!(", {} not linted", s.failed));
    }
    if s.baseline_matched > 0 {
        line.push_str(&format!(
            ", {} in the baseline",
            plural(s.baseline_matched, "finding", "findings")
        ));
    }
    line.push_str(match report.exit_status() {
        crate::ExitStatus::Success => " (passed)",
        crate::ExitStatus::Failure => " (failed)",
        crate::ExitStatus::Error => " (usage error)",
    });
    line
}

/// The hint lines of the text formats: one per suggested profile, naming the file (or how
/// many) that look written for it.
pub fn hint_lines(report: &RunReport) -> String {
    let mut out = String::new();
    for hint in report.profile_hints() {
        let who = match hint.files {
            1 => format!("`{}` looks", hint.first_file),
            many => format!("{many} files look"),
        };
        out.push_str(&format!(
            "hint: {who} written for the `{}` profile ({}); lint with `--profile {}`\n",
            hint.profile.as_str(),
            hint.reason,
            hint.profile.as_str()
        ));
    }
    out
}

/// How a skipped or failed file is described: `(severity, text)`. A skipped file is an error
/// unless `--allow-skipped` was given, because it fails the run.
pub fn status_text(status: &FileStatus, allow_skipped: bool) -> Option<(Severity, String)> {
    match status {
        FileStatus::Linted => None,
        FileStatus::Skipped(r) => Some((
            if allow_skipped {
                Severity::Warning
            } else {
                Severity::Error
            },
            format!("skipped: {r}"),
        )),
        FileStatus::Failed(r) => Some((Severity::Error, format!("could not lint: {r}"))),
    }
}

/// A rule's documentation as Markdown (the lint crate's rendering, trimmed).
pub fn rule_doc(rule: &RuleMeta) -> String {
    let mut s = lint::docs::doc_markdown(rule).trim().to_owned();
    s.push('\n');
    s
}

/// The paragraph under `## What it does`, on one line (SARIF `fullDescription`); the summary
/// when the doc has no such section.
pub fn what_it_does(rule: &RuleMeta) -> String {
    let doc = rule_doc(rule);
    let mut in_section = false;
    let mut words: Vec<&str> = Vec::new();
    for line in doc.lines() {
        let t = line.trim();
        if t.starts_with("## ") {
            if in_section {
                break;
            }
            in_section = t.eq_ignore_ascii_case("## What it does");
            continue;
        }
        if in_section {
            words.extend(t.split_whitespace());
        }
    }
    if words.is_empty() {
        rule.summary.to_owned()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_of_every_rule_render() {
        for rule in lint::RULES {
            let doc = rule_doc(rule);
            assert!(doc.contains("## What it does"), "{}", rule.code);
            assert!(!doc.lines().any(|l| l.starts_with(" ## ")), "{}", rule.code);
            let what = what_it_does(rule);
            assert!(!what.is_empty() && !what.contains("##"), "{}", rule.code);
        }
    }
}
