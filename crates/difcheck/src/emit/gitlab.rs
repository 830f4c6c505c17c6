//! `--format gitlab`: GitLab Code Quality, a JSON array of Code Climate issues
//! (`description`, `check_name`, `fingerprint`, `severity`, `location.path`,
//! `location.lines.begin`), shown in merge-request widgets.
//!
//! Fingerprints must be unique within a report; they start from the baseline fingerprint (stable
//! across line moves) and are re-hashed until unique, as ruff and biome do. Files that could not
//! be linted become issues too, so that nothing is silently missing from the widget.

use std::collections::HashSet;

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::emit::status_text;
use crate::report::RunReport;

fn severity(s: lint::Severity) -> &'static str {
    match s {
        lint::Severity::Error => "major",
        lint::Severity::Warning => "minor",
        lint::Severity::Info => "info",
    }
}

fn unique(seed: &str, seen: &mut HashSet<String>) -> String {
    let mut fp = seed.to_owned();
    while !seen.insert(fp.clone()) {
        let digest = Sha256::digest(fp.as_bytes());
        fp = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    }
    fp
}

/// Renders the report.
pub fn render(report: &RunReport) -> String {
    let mut seen = HashSet::new();
    let mut issues: Vec<Value> = Vec::new();
    for file in &report.files {
        let path = file.display_path();
        if let Some((sev, text)) = status_text(&file.status, report.allow_skipped) {
            let seed: String = Sha256::digest(format!("difcheck-file\0{path}").as_bytes())
                .iter()
                .take(16)
                .map(|b| format!("{b:02x}"))
                .collect();
            issues.push(json!({
                "description": text,
                "check_name": "difcheck",
                "fingerprint": unique(&seed, &mut seen),
                "severity": if sev == lint::Severity::Error { "critical" } else { "minor" },
                "location": {"path": path, "lines": {"begin": 1}},
            }));
        }
        for f in &file.findings {
            let d = &f.diagnostic;
            issues.push(json!({
                "description": format!("{}: {}", d.code, d.message),
                "check_name": d.code,
                "fingerprint": unique(&f.fingerprint, &mut seen),
                "severity": severity(d.severity),
                "location": {"path": path, "lines": {"begin": f.line().max(1)}},
            }));
        }
    }
    let mut out = serde_json::to_string_pretty(&Value::Array(issues)).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_made_unique() {
        let mut seen = HashSet::new();
        let a = unique("abc", &mut seen);
        let b = unique("abc", &mut seen);
        let c = unique("abc", &mut seen);
        assert_eq!(a, "abc");
        assert_ne!(a, b);
        assert_ne!(b, c);
        assert_ne!(a, c);
    }
}
