//! `--format concise`: one line per finding, `path:line:col: severity[CODE]: message`, the
//! shape compilers use, so editors and `grep` understand it. Whole-file findings, notes and files
//! that were not linted have no `line:col`.

use std::io::{self, Write};

use crate::emit::human::text_footer;
use crate::emit::{status_text, EmitOptions, Emitter};
use crate::report::{CheckedFile, RunReport};

/// `--format concise`.
pub struct Concise {
    opts: EmitOptions,
}

impl Concise {
    /// The format with `opts`.
    pub fn new(opts: &EmitOptions) -> Self {
        Concise { opts: *opts }
    }
}

impl Emitter for Concise {
    fn file(
        &mut self,
        out: &mut dyn Write,
        file: &CheckedFile,
        report: &RunReport,
    ) -> io::Result<()> {
        let path = file.display_path();
        if let Some((sev, text)) = status_text(&file.status, report.allow_skipped) {
            writeln!(out, "{path}: {}: {text}", sev.as_str())?;
        }
        for n in &file.notes {
            let level = if n.level == lint::Severity::Info {
                "note"
            } else {
                n.level.as_str()
            };
            writeln!(out, "{path}: {level}: {}", one_line(&n.message))?;
        }
        if self.opts.statistics {
            return Ok(());
        }
        for f in &file.findings {
            let d = &f.diagnostic;
            let at = match f.range {
                Some((s, _)) => format!("{path}:{}:{}", s.line, s.column),
                None => path.clone(),
            };
            writeln!(
                out,
                "{at}: {}[{}]: {}",
                d.severity.as_str(),
                d.code,
                one_line(&d.message)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, report: &RunReport) -> io::Result<()> {
        text_footer(out, &self.opts, report)
    }
}

/// Keeps a message on one line.
fn one_line(s: &str) -> String {
    s.replace("\r\n", " ").replace(['\n', '\r'], " ")
}
