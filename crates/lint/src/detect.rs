//! Profile suggestions from what an INF already does.
//!
//! The profile is always chosen explicitly (`--profile`, `profile =` in `difcheck.toml`, or
//! the default `basic`). Detection never picks one silently: a suggestion is only ever
//! *stricter* than the profile in force, and the command line shows it as a hint ("this INF
//! looks like a Windows Driver; lint it with `--profile windows-driver`"). Suggesting a weaker
//! profile would let a detector hide findings the user asked for, so it is not offered.
//!
//! Signals (each one is evidence that the author already aims at the stricter rule set):
//! - windows-driver: `[Version]` sets `PnpLockdown = 1` and every `[DestinationDirs]` entry is
//!   DIRID 13 (run from the driver store), the two isolation habits InfVerif `/w` checks first.

use inf_parser::{Inf, Span};
use serde::Serialize;

use crate::rule::Profile;

/// A stricter profile the INF seems to be written for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileSuggestion {
    /// The suggested profile (always stricter than the one in force).
    pub profile: Profile,
    /// Why, as a sentence fragment.
    pub reason: String,
    /// Where the evidence is.
    pub evidence: Option<Span>,
}

/// A profile stricter than `current` that the INF seems written for, if any.
pub fn suggest_profile(inf: &Inf, current: Profile) -> Option<ProfileSuggestion> {
    let suggestion = windows_driver_signal(inf)?;
    (suggestion.profile.strictness() > current.strictness()).then_some(suggestion)
}

fn windows_driver_signal(inf: &Inf) -> Option<ProfileSuggestion> {
    let lockdown = inf.find_line("Version", "PnpLockdown")?;
    if lockdown.field(1)?.trim() != "1" {
        return None;
    }
    let dirs = inf.section("DestinationDirs")?;
    let mut entries = 0usize;
    for line in inf.section_lines(dirs) {
        let dirid = line.field(1)?;
        if dirid.trim() != "13" {
            return None;
        }
        entries += 1;
    }
    if entries == 0 {
        return None;
    }
    let evidence = dirs
        .headers
        .first()
        .map(|&h| inf.tree().headers()[h as usize].span);
    Some(ProfileSuggestion {
        profile: Profile::WindowsDriver,
        reason: "the INF sets `PnpLockdown = 1` and copies every file to DIRID 13, as Windows Drivers (driver package isolation) do".to_owned(),
        evidence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inf(text: &str) -> Inf {
        inf_parser::parse_inf(text.as_bytes(), 1252, Default::default())
    }

    const ISOLATED: &str = "[Version]\nSignature=\"$Windows NT$\"\nPnpLockdown=1\n[DestinationDirs]\nDefaultDestDir=13\nX=13\n";

    #[test]
    fn suggests_only_stricter_profiles() {
        let s = suggest_profile(&inf(ISOLATED), Profile::Basic).unwrap();
        assert_eq!(s.profile, Profile::WindowsDriver);
        assert!(s.evidence.is_some());
        assert!(suggest_profile(&inf(ISOLATED), Profile::WindowsDriver).is_none());
        assert!(suggest_profile(&inf(ISOLATED), Profile::Signing).is_some());
    }

    #[test]
    fn needs_every_signal() {
        assert!(suggest_profile(&inf(&ISOLATED.replace("X=13", "X=12")), Profile::Basic).is_none());
        assert!(suggest_profile(
            &inf(&ISOLATED.replace("PnpLockdown=1", "PnpLockdown=0")),
            Profile::Basic
        )
        .is_none());
        assert!(suggest_profile(
            &inf("[Version]\nPnpLockdown=1\n[DestinationDirs]\n"),
            Profile::Basic
        )
        .is_none());
    }
}
