//! `--format gitlab`: GitLab Code Quality, a JSON array of Code Climate issues
//! (`description`, `check_name`, `fingerprint`, `severity`, `location.path`,
//! `location.lines.begin`), shown in merge-request widgets.
//!
//! Fingerprints must be unique within a report; they start from the baseline fingerprint (stable
//! across line moves) and are re-hashed until unique, as ruff and biome do (the report keeps 16
//! bytes per finding to know which are taken).
//!
//! How files are accounted for: the format is a list of issues and has no list of files, so a
//! linted file appears through its findings only, and a clean one not at all (its place in the
//! merge-request widget is the absence of issues). Files that were skipped or could not be
//! linted become issues of their own (`check_name` `difcheck`, `critical`, or `minor` for a
//! skipped file with `--allow-skipped`, the reason in `description`), so that nothing that went
//! unchecked is silently missing from the widget.

use std::collections::HashSet;
use std::io::{self, Write};

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::emit::{status_text, Emitter};
use crate::report::{CheckedFile, RunReport};
use crate::stream::{pretty, ArrayItems, Indent};

fn severity(s: lint::Severity) -> &'static str {
    match s {
        lint::Severity::Error => "major",
        lint::Severity::Warning => "minor",
        lint::Severity::Info => "info",
    }
}

/// The fingerprints given out so far, as the first 16 bytes of their SHA-256.
#[derive(Default)]
struct Taken(HashSet<[u8; 16]>);

impl Taken {
    /// Takes `fp`; false when it was already taken.
    fn insert(&mut self, fp: &str) -> bool {
        let digest = Sha256::digest(fp.as_bytes());
        let mut key = [0u8; 16];
        key.copy_from_slice(&digest[..16]);
        self.0.insert(key)
    }
}

fn unique(seed: &str, seen: &mut Taken) -> String {
    let mut fp = seed.to_owned();
    while !seen.insert(&fp) {
        let digest = Sha256::digest(fp.as_bytes());
        fp = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    }
    fp
}

/// `--format gitlab`.
#[derive(Default)]
pub struct Gitlab {
    seen: Taken,
    issues: ArrayItems,
}

impl Gitlab {
    fn issue(&mut self, out: &mut dyn Write, issue: &Value) -> io::Result<()> {
        if self.issues.count() == 0 {
            out.write_all(b"[\n")?;
        }
        self.issues.next(out)?;
        Indent::new(out, "  ").write_all(&pretty(issue))
    }
}

impl Emitter for Gitlab {
    fn file(
        &mut self,
        out: &mut dyn Write,
        file: &CheckedFile,
        report: &RunReport,
    ) -> io::Result<()> {
        let path = file.display_path();
        if let Some((sev, text)) = status_text(&file.status, report.allow_skipped) {
            let seed: String = Sha256::digest(format!("difcheck-file\0{path}").as_bytes())
                .iter()
                .take(16)
                .map(|b| format!("{b:02x}"))
                .collect();
            let issue = json!({
                "description": text,
                "check_name": "difcheck",
                "fingerprint": unique(&seed, &mut self.seen),
                "severity": if sev == lint::Severity::Error { "critical" } else { "minor" },
                "location": {"path": path, "lines": {"begin": 1}},
            });
            self.issue(out, &issue)?;
        }
        for f in &file.findings {
            let d = &f.diagnostic;
            let issue = json!({
                "description": format!("{}: {}", d.code, d.message),
                "check_name": d.code,
                "fingerprint": unique(&f.fingerprint, &mut self.seen),
                "severity": severity(d.severity),
                "location": {"path": path, "lines": {"begin": f.line().max(1)}},
            });
            self.issue(out, &issue)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _report: &RunReport) -> io::Result<()> {
        if self.issues.count() == 0 {
            out.write_all(b"[]\n")
        } else {
            out.write_all(b"\n]\n")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_made_unique() {
        let mut seen = Taken::default();
        let a = unique("abc", &mut seen);
        let b = unique("abc", &mut seen);
        let c = unique("abc", &mut seen);
        assert_eq!(a, "abc");
        assert_ne!(a, b);
        assert_ne!(b, c);
        assert_ne!(a, c);
    }
}
