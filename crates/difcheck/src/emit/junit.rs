//! `--format junit`: JUnit XML for CI test-report views (GitLab, Jenkins, Azure Pipelines).
//!
//! One `<testsuite>` per file; one `<testcase>` per finding, each with a `<failure>` whose type
//! is the severity. A clean file has one passing test case (`lint`), a file that could not be
//! linted one with an `<error>`, a skipped file one with `<skipped>` (or `<error>` when skipped
//! files fail the run). Notes go to `<system-out>`.
//!
//! The totals are attributes of the first element, so the suites are held in a temporary file
//! until every file is linted.

use std::io::{self, Write};
use std::path::Path;

use lint::FileStatus;

use crate::emit::Emitter;
use crate::report::{CheckedFile, RunReport};
use crate::stream::Spill;

/// Escapes text for XML 1.0: the five special characters, and control characters XML cannot
/// carry (replaced with U+FFFD).
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// `--format junit`.
pub struct Junit {
    suites: Spill,
    tests: usize,
    failures: usize,
    errors: usize,
    skipped: usize,
}

impl Junit {
    /// The format, holding its suites in a temporary file in `spill_dir`.
    pub fn new(spill_dir: Option<&Path>) -> Self {
        Junit {
            suites: Spill::new(spill_dir),
            tests: 0,
            failures: 0,
            errors: 0,
            skipped: 0,
        }
    }
}

/// One file's `<testsuite>` and its counts `(tests, failures, errors, skipped)`.
fn suite(file: &CheckedFile, report: &RunReport) -> (String, [usize; 4]) {
    let path = xml(&file.display_path());
    let mut cases = String::new();
    let (mut t, mut fl, mut er, mut sk) = (0usize, 0usize, 0usize, 0usize);
    match &file.status {
        FileStatus::Failed(r) => {
            t += 1;
            er += 1;
            cases.push_str(&format!(
                "    <testcase name=\"lint\" classname=\"{path}\" file=\"{path}\">\n      <error message=\"{}\"/>\n    </testcase>\n",
                xml(&format!("could not lint: {r}"))
            ));
        }
        FileStatus::Skipped(r) => {
            t += 1;
            let msg = xml(&format!("skipped: {r}"));
            if report.allow_skipped {
                sk += 1;
                cases.push_str(&format!("    <testcase name=\"lint\" classname=\"{path}\" file=\"{path}\">\n      <skipped message=\"{msg}\"/>\n    </testcase>\n"));
            } else {
                er += 1;
                cases.push_str(&format!("    <testcase name=\"lint\" classname=\"{path}\" file=\"{path}\">\n      <error message=\"{msg}\"/>\n    </testcase>\n"));
            }
        }
        FileStatus::Linted if file.findings.is_empty() => {
            t += 1;
            cases.push_str(&format!(
                "    <testcase name=\"lint\" classname=\"{path}\" file=\"{path}\"/>\n"
            ));
        }
        FileStatus::Linted => {
            for f in &file.findings {
                t += 1;
                fl += 1;
                let d = &f.diagnostic;
                let (line, at) = match f.range {
                    Some((s, _)) => (
                        s.line,
                        format!("{}:{}:{}", file.display_path(), s.line, s.column),
                    ),
                    None => (0, file.display_path()),
                };
                let mut body = format!("{at}: {}[{}]: {}", d.severity.as_str(), d.code, d.message);
                if let Some(h) = &d.help {
                    body.push_str(&format!("\nhelp: {h}"));
                }
                if let Some(u) = &d.url {
                    body.push_str(&format!("\ndocs: {u}"));
                }
                let line_attr = if line > 0 {
                    format!(" line=\"{line}\"")
                } else {
                    String::new()
                };
                cases.push_str(&format!(
                    "    <testcase name=\"{}\" classname=\"{path}\" file=\"{path}\"{line_attr}>\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                    xml(&format!("{} {} ({})", d.code, d.name, if line > 0 { format!("line {line}") } else { "whole file".to_owned() })),
                    d.severity.as_str(),
                    xml(&d.message),
                    xml(&body),
                ));
            }
        }
    }
    if !file.notes.is_empty() {
        let notes: Vec<String> = file
            .notes
            .iter()
            .map(|n| format!("{}: {}", n.level.as_str(), n.message))
            .collect();
        cases.push_str(&format!(
            "    <system-out>{}</system-out>\n",
            xml(&notes.join("\n"))
        ));
    }
    (
        format!(
            "  <testsuite name=\"{path}\" tests=\"{t}\" failures=\"{fl}\" errors=\"{er}\" skipped=\"{sk}\">\n{cases}  </testsuite>\n"
        ),
        [t, fl, er, sk],
    )
}

impl Emitter for Junit {
    fn file(
        &mut self,
        _out: &mut dyn Write,
        file: &CheckedFile,
        report: &RunReport,
    ) -> io::Result<()> {
        let (text, [t, fl, er, sk]) = suite(file, report);
        self.tests += t;
        self.failures += fl;
        self.errors += er;
        self.skipped += sk;
        self.suites.write_all(text.as_bytes())
    }

    fn finish(&mut self, out: &mut dyn Write, report: &RunReport) -> io::Result<()> {
        let mut usage = String::new();
        for e in &report.usage_errors {
            self.tests += 1;
            self.errors += 1;
            usage.push_str(&format!(
                "  <testsuite name=\"difcheck\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n    <testcase name=\"usage\" classname=\"difcheck\">\n      <error message=\"{}\"/>\n    </testcase>\n  </testsuite>\n",
                xml(e)
            ));
        }
        write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"difcheck\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n",
            self.tests, self.failures, self.errors, self.skipped
        )?;
        self.suites.copy_to(out)?;
        out.write_all(usage.as_bytes())?;
        out.write_all(b"</testsuites>\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping() {
        assert_eq!(
            xml("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(xml("bell\u{7}"), "bell\u{FFFD}");
        assert_eq!(xml("tab\tnl\n"), "tab\tnl\n");
    }
}
