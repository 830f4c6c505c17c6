//! The version text: difcheck's own version and an identifier of the rule set it carries.
//!
//! Findings change when rules are added or their default severities change, even if the crate
//! version does not, so `--version`, SARIF and the baseline file name the rule set too.

use sha2::{Digest, Sha256};

/// difcheck's crate version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where difcheck lives (SARIF `informationUri`); the rule documentation links point there too.
pub const HOMEPAGE: &str = "https://github.com/difcheck/difcheck";

/// A short identifier of the registered rules: the first 12 hex digits of a SHA-256 over each
/// rule's code, name, category, InfVerif number and per-profile severities, in registry order.
pub fn ruleset_id() -> String {
    let mut h = Sha256::new();
    for r in lint::RULES {
        let sev: Vec<&str> = lint::Profile::ALL
            .iter()
            .map(|p| r.severities.get(*p).map_or("-", |s| s.as_str()))
            .collect();
        let line = format!(
            "{}|{}|{}|{:?}|{}\n",
            r.code,
            r.name,
            r.category.as_str(),
            r.infverif,
            sev.join(",")
        );
        h.update(line.as_bytes());
    }
    let digest = h.finalize();
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// `0.1.0 (rule set 1f2e3d4c5b6a, 3 rules)`.
pub fn version_text() -> String {
    format!(
        "{VERSION} (rule set {}, {} rules)",
        ruleset_id(),
        lint::RULES.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ruleset_id_is_stable_hex() {
        let a = ruleset_id();
        assert_eq!(a.len(), 12);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(a, ruleset_id());
        assert!(version_text().starts_with(VERSION));
    }
}
