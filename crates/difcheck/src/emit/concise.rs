//! `--format concise`: one line per finding, `path:line:col: severity[CODE]: message`, the
//! shape compilers use, so editors and `grep` understand it. Whole-file findings, notes and files
//! that were not linted have no `line:col`.

use crate::emit::human::statistics_table;
use crate::emit::{hint_lines, status_text, summary_line, EmitOptions};
use crate::report::RunReport;

/// Renders the report.
pub fn render(report: &RunReport, opts: &EmitOptions) -> String {
    let mut out = String::new();
    for file in &report.files {
        let path = file.display_path();
        if let Some((sev, text)) = status_text(&file.status, report.allow_skipped) {
            out.push_str(&format!("{path}: {}: {text}\n", sev.as_str()));
        }
        for n in &file.notes {
            let level = if n.level == lint::Severity::Info {
                "note"
            } else {
                n.level.as_str()
            };
            out.push_str(&format!("{path}: {level}: {}\n", one_line(&n.message)));
        }
        if opts.statistics {
            continue;
        }
        for f in &file.findings {
            let d = &f.diagnostic;
            let at = match f.range {
                Some((s, _)) => format!("{path}:{}:{}", s.line, s.column),
                None => path.clone(),
            };
            out.push_str(&format!(
                "{at}: {}[{}]: {}\n",
                d.severity.as_str(),
                d.code,
                one_line(&d.message)
            ));
        }
    }
    if opts.statistics {
        out.push_str(&statistics_table(report));
    }
    if !opts.quiet {
        out.push_str(&hint_lines(report));
        out.push_str(&summary_line(report));
        out.push('\n');
    }
    out
}

/// Keeps a message on one line.
fn one_line(s: &str) -> String {
    s.replace("\r\n", " ").replace(['\n', '\r'], " ")
}
