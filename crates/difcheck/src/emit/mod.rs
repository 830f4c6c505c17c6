//! Output formats of `difcheck lint`, one module each. Every emitter renders the whole
//! [`RunReport`] into a string: every file (linted, skipped or failed) appears in every format.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use lint::{FileStatus, RuleMeta, Severity};

use crate::cli::OutputFormat;
use crate::report::{RunReport, Summary};

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

/// Renders `report` in `format`.
pub fn render(format: OutputFormat, report: &RunReport, opts: &EmitOptions) -> String {
    match format {
        OutputFormat::Human => human::render(report, opts),
        OutputFormat::Concise => concise::render(report, opts),
        OutputFormat::Json => json::render(report, opts),
        OutputFormat::Sarif => sarif::render(report),
        OutputFormat::Github => github::render(report, opts),
        OutputFormat::Junit => junit::render(report),
        OutputFormat::Gitlab => gitlab::render(report),
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

/// The hint lines of the text formats: one per suggested profile, naming the files (or how
/// many) that look written for it.
pub fn hint_lines(report: &RunReport) -> String {
    let mut out = String::new();
    for (profile, reason, files) in report.profile_hints() {
        let who = match files.as_slice() {
            [one] => format!("`{one}` looks"),
            many => format!("{} files look", many.len()),
        };
        out.push_str(&format!(
            "hint: {who} written for the `{}` profile ({reason}); lint with `--profile {}`\n",
            profile.as_str(),
            profile.as_str()
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
