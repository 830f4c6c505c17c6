//! `--format github`: GitHub Actions workflow commands, which the runner turns into annotations
//! on the pull request (also on private repositories without code scanning).
//!
//! `::error file=F,line=L,endLine=E,col=C,endColumn=D,title=T::message`. Columns are given only
//! when the finding starts and ends on one line (GitHub misplaces them otherwise). Data is
//! escaped as `actions/toolkit` does: `%`, CR and LF in the message; also `:` and `,` in
//! properties. GitHub shows at most 10 annotations of each level per step, so a plain summary
//! line follows.

use std::io::{self, Write};

use crate::emit::{status_text, summary_line, EmitOptions, Emitter};
use crate::report::{CheckedFile, RunReport};

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(level: &str, props: &[(&str, String)], message: &str) -> String {
    let props: Vec<String> = props
        .iter()
        .map(|(k, v)| format!("{k}={}", escape_property(v)))
        .collect();
    format!("::{level} {}::{}\n", props.join(","), escape_data(message))
}

fn level(s: lint::Severity) -> &'static str {
    match s {
        lint::Severity::Error => "error",
        lint::Severity::Warning => "warning",
        lint::Severity::Info => "notice",
    }
}

/// `--format github`.
pub struct Github {
    opts: EmitOptions,
}

impl Github {
    /// The format with `opts`.
    pub fn new(opts: &EmitOptions) -> Self {
        Github { opts: *opts }
    }
}

impl Emitter for Github {
    fn file(
        &mut self,
        out: &mut dyn Write,
        file: &CheckedFile,
        report: &RunReport,
    ) -> io::Result<()> {
        let path = file.display_path();
        if let Some((sev, text)) = status_text(&file.status, report.allow_skipped) {
            out.write_all(
                command(
                    level(sev),
                    &[("file", path.clone()), ("title", "difcheck".to_owned())],
                    &text,
                )
                .as_bytes(),
            )?;
        }
        for n in &file.notes {
            out.write_all(
                command(
                    level(n.level),
                    &[
                        ("file", path.clone()),
                        ("title", "difcheck note".to_owned()),
                    ],
                    &n.message,
                )
                .as_bytes(),
            )?;
        }
        for f in &file.findings {
            let d = &f.diagnostic;
            let mut props = vec![("file", path.clone())];
            if let Some((s, e)) = f.range {
                props.push(("line", s.line.to_string()));
                props.push(("endLine", e.line.to_string()));
                if s.line == e.line {
                    props.push(("col", s.column.to_string()));
                    props.push(("endColumn", e.column.to_string()));
                }
            }
            props.push(("title", format!("{} {}", d.code, d.name)));
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str(&format!("\nhelp: {h}"));
            }
            out.write_all(command(level(d.severity), &props, &message).as_bytes())?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, report: &RunReport) -> io::Result<()> {
        for e in &report.usage_errors {
            out.write_all(command("error", &[("title", "difcheck".to_owned())], e).as_bytes())?;
        }
        if !self.opts.quiet {
            writeln!(out, "difcheck: {}", summary_line(report))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_toolkit() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(
            command(
                "error",
                &[("file", "a,b.inf".into()), ("title", "X: y".into())],
                "m: n"
            ),
            "::error file=a%2Cb.inf,title=X%3A y::m: n\n"
        );
    }
}
