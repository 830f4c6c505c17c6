//! `--format junit`: JUnit XML for CI test-report views (GitLab, Jenkins, Azure Pipelines).
//!
//! One `<testsuite>` per file; one `<testcase>` per finding, each with a `<failure>` whose type
//! is the severity. A clean file has one passing test case (`lint`), a file that could not be
//! linted one with an `<error>`, a skipped file one with `<skipped>` (or `<error>` when skipped
//! files fail the run). Notes go to `<system-out>`.

use lint::FileStatus;

use crate::report::RunReport;

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

/// Renders the report.
pub fn render(report: &RunReport) -> String {
    let mut suites = String::new();
    let (mut tests, mut failures, mut errors, mut skipped) = (0usize, 0usize, 0usize, 0usize);
    for file in &report.files {
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
                    let mut body =
                        format!("{at}: {}[{}]: {}", d.severity.as_str(), d.code, d.message);
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
        suites.push_str(&format!(
            "  <testsuite name=\"{path}\" tests=\"{t}\" failures=\"{fl}\" errors=\"{er}\" skipped=\"{sk}\">\n{cases}  </testsuite>\n"
        ));
        tests += t;
        failures += fl;
        errors += er;
        skipped += sk;
    }
    for e in &report.usage_errors {
        tests += 1;
        errors += 1;
        suites.push_str(&format!(
            "  <testsuite name=\"difcheck\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n    <testcase name=\"usage\" classname=\"difcheck\">\n      <error message=\"{}\"/>\n    </testcase>\n  </testsuite>\n",
            xml(e)
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"difcheck\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\">\n{suites}</testsuites>\n"
    )
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
