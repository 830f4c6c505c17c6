//! Choosing which rules run and at what severity: rule selectors (as written in `select`,
//! `ignore` and `[severity]` of `difcheck.toml`, or on the command line) and the resolution of
//! a rule's effective severity.
//!
//! A selector is one of:
//! - `ALL`;
//! - a rule code (`INF1209`), a rule name (`duplicate-section`) or an InfVerif number (`1209`);
//! - a category name (`structure`, `finish-install`);
//! - a code prefix (`INF12`, `DCK`), which must match at least one rule.
//!
//! Resolution, for one rule in one profile:
//! 1. start from the rule's severity in the profile (`None` = the profile does not run it);
//! 2. if `select` is given, rules it does not match are off;
//! 3. rules `ignore` matches are off;
//! 4. the most specific matching `[severity]` entry (rule > prefix, longer first > category >
//!    `ALL`; the later entry on a tie) sets the level: `off` turns the rule off; a level
//!    changes the severity of a running rule, and, when the entry names this one rule (code,
//!    name or InfVerif number), turns it on even where steps 1–3 left it off.

use std::fmt;

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::registry::{find_rule, RULES};
use crate::rule::{Category, Profile, RuleMeta};

/// Which rules a `select`, `ignore` or `[severity]` entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSelector {
    /// Every rule.
    All,
    /// One rule (by code, name or InfVerif number).
    Rule(&'static RuleMeta),
    /// Every rule of a category.
    Category(Category),
    /// Every rule whose code starts with the prefix (upper case).
    Prefix(&'static str),
}

/// Why a selector names no rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectorError {
    /// Empty text.
    #[error("empty rule selector")]
    Empty,
    /// A number that is no rule's InfVerif code.
    #[error("no rule has InfVerif code {0}")]
    UnknownInfVerif(u16),
    /// Text that is no code, name, category or code prefix.
    #[error("unknown rule, category or code prefix `{0}`")]
    Unknown(String),
}

impl RuleSelector {
    /// Parses a selector (case-insensitive).
    pub fn parse(text: &str) -> Result<RuleSelector, SelectorError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(SelectorError::Empty);
        }
        if t.eq_ignore_ascii_case("all") {
            return Ok(RuleSelector::All);
        }
        if let Ok(n) = t.parse::<u16>() {
            return RULES
                .iter()
                .copied()
                .find(|r| r.infverif == Some(n))
                .map(RuleSelector::Rule)
                .ok_or(SelectorError::UnknownInfVerif(n));
        }
        if let Some(rule) = find_rule(t) {
            return Ok(RuleSelector::Rule(rule));
        }
        if let Some(c) = Category::parse(t) {
            return Ok(RuleSelector::Category(c));
        }
        let looks_like_prefix = t.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && t.chars().all(|c| c.is_ascii_alphanumeric());
        if looks_like_prefix {
            let upper = t.to_ascii_uppercase();
            // The prefix is kept as a slice of a registered code, so selectors stay `Copy`.
            if let Some(rule) = RULES.iter().find(|r| r.code.starts_with(&upper)) {
                return Ok(RuleSelector::Prefix(&rule.code[..upper.len()]));
            }
        }
        Err(SelectorError::Unknown(t.to_owned()))
    }

    /// Whether the selector names `rule`.
    pub fn matches(&self, rule: &RuleMeta) -> bool {
        match self {
            RuleSelector::All => true,
            RuleSelector::Rule(r) => r.code == rule.code,
            RuleSelector::Category(c) => rule.category == *c,
            RuleSelector::Prefix(p) => rule.code.starts_with(p),
        }
    }

    /// How specific the selector is; the most specific `[severity]` entry wins.
    pub fn specificity(&self) -> usize {
        match self {
            RuleSelector::All => 0,
            RuleSelector::Category(_) => 1,
            RuleSelector::Prefix(p) => 2 + p.len(),
            RuleSelector::Rule(_) => usize::MAX,
        }
    }
}

impl fmt::Display for RuleSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleSelector::All => f.write_str("ALL"),
            RuleSelector::Rule(r) => f.write_str(r.code),
            RuleSelector::Category(c) => f.write_str(c.as_str()),
            RuleSelector::Prefix(p) => f.write_str(p),
        }
    }
}

impl Serialize for RuleSelector {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A level in `[severity]`: a severity, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityLevel {
    /// The rule does not run.
    Off,
    /// Runs at this severity.
    #[serde(untagged)]
    Level(Severity),
}

impl SeverityLevel {
    /// Parses `error`, `warning` (or `warn`), `info` or `off` (case-insensitive).
    pub fn parse(text: &str) -> Option<SeverityLevel> {
        Some(match text.trim().to_ascii_lowercase().as_str() {
            "off" | "none" => SeverityLevel::Off,
            "error" => SeverityLevel::Level(Severity::Error),
            "warning" | "warn" => SeverityLevel::Level(Severity::Warning),
            "info" => SeverityLevel::Level(Severity::Info),
            _ => return None,
        })
    }
}

/// The rule choices of one run: what to select, ignore and re-level.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSettings {
    /// Only rules matching one of these run (`None` = every rule of the profile).
    pub select: Option<Vec<RuleSelector>>,
    /// Rules matching one of these do not run.
    pub ignore: Vec<RuleSelector>,
    /// Severity changes, in order of precedence on ties (later wins).
    pub severity: Vec<(RuleSelector, SeverityLevel)>,
}

impl RuleSettings {
    /// The severity `rule` runs at in `profile`, or `None` when it does not run (see the
    /// module documentation for the order of the steps).
    pub fn effective(&self, rule: &RuleMeta, profile: Profile) -> Option<Severity> {
        let mut severity = rule.severities.get(profile);
        if let Some(select) = &self.select {
            if !select.iter().any(|s| s.matches(rule)) {
                severity = None;
            }
        }
        if self.ignore.iter().any(|s| s.matches(rule)) {
            severity = None;
        }
        let mut best: Option<&(RuleSelector, SeverityLevel)> = None;
        for entry in self.severity.iter().filter(|(s, _)| s.matches(rule)) {
            if best.is_none_or(|(s, _)| s.specificity() <= entry.0.specificity()) {
                best = Some(entry);
            }
        }
        match best {
            None => severity,
            Some((_, SeverityLevel::Off)) => None,
            Some((RuleSelector::Rule(_), SeverityLevel::Level(level))) => Some(*level),
            Some((_, SeverityLevel::Level(level))) => severity.map(|_| *level),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(s: &str) -> RuleSelector {
        RuleSelector::parse(s).unwrap()
    }

    fn rule(code: &str) -> &'static RuleMeta {
        find_rule(code).unwrap()
    }

    #[test]
    fn parses_every_kind() {
        assert_eq!(sel("all"), RuleSelector::All);
        assert_eq!(sel("inf1209"), RuleSelector::Rule(rule("INF1209")));
        assert_eq!(sel("1209"), RuleSelector::Rule(rule("INF1209")));
        assert_eq!(
            sel("duplicate-section"),
            RuleSelector::Rule(rule("INF1209"))
        );
        assert_eq!(
            sel("Structure"),
            RuleSelector::Category(Category::Structure)
        );
        assert_eq!(sel("inf12"), RuleSelector::Prefix("INF12"));
        assert_eq!(
            RuleSelector::parse("9999"),
            Err(SelectorError::UnknownInfVerif(9999))
        );
        assert_eq!(
            RuleSelector::parse("XYZ1"),
            Err(SelectorError::Unknown("XYZ1".into()))
        );
        assert_eq!(RuleSelector::parse(" "), Err(SelectorError::Empty));
        assert!(sel("INF").matches(rule("INF1001")));
        assert!(!sel("INF12").matches(rule("INF1001")));
    }

    #[test]
    fn resolution_order() {
        let dup = rule("INF1209");
        let sig = rule("INF1001");
        let mut s = RuleSettings::default();
        assert_eq!(s.effective(dup, Profile::Basic), Some(Severity::Error));
        s.select = Some(vec![sel("INF10")]);
        assert_eq!(s.effective(dup, Profile::Basic), None);
        assert_eq!(s.effective(sig, Profile::Basic), Some(Severity::Error));
        // An exact level turns a rule on again; a category level does not.
        s.severity
            .push((sel("structure"), SeverityLevel::Level(Severity::Info)));
        assert_eq!(s.effective(dup, Profile::Basic), None);
        s.severity
            .push((sel("INF1209"), SeverityLevel::Level(Severity::Warning)));
        assert_eq!(s.effective(dup, Profile::Basic), Some(Severity::Warning));
        // More specific wins regardless of order; `off` wins when it is the most specific.
        s.severity.insert(0, (sel("1209"), SeverityLevel::Off));
        assert_eq!(s.effective(dup, Profile::Basic), Some(Severity::Warning));
        s.ignore.push(sel("INF1001"));
        assert_eq!(s.effective(sig, Profile::Basic), None);
        s.severity
            .push((sel("INF"), SeverityLevel::Level(Severity::Info)));
        assert_eq!(s.effective(sig, Profile::Basic), None);
    }

    #[test]
    fn severity_levels() {
        assert_eq!(
            SeverityLevel::parse("WARN"),
            Some(SeverityLevel::Level(Severity::Warning))
        );
        assert_eq!(SeverityLevel::parse("off"), Some(SeverityLevel::Off));
        assert_eq!(SeverityLevel::parse("fatal"), None);
    }
}
