//! The lint engine's promises on any input, as one function shared by the hostile-input tests,
//! the property tests (`tests/hostile_lint.rs`) and the `cargo fuzz` target
//! (`fuzz/fuzz_targets/lint.rs`), so that a crash the fuzzer finds reproduces in `cargo test`:
//! copy the artifact to `crates/lint/tests/regressions/` and run `cargo test -p lint`.
//!
//! Promises checked, in every profile: the file is linted (bad input is findings, never a
//! failure); no rule panics (the engine catches a panicking rule and records it in
//! `internal_errors`, which would hide the bug from a plain "did not crash" check); every span
//! of every diagnostic, label and profile hint is in range and on character boundaries of the
//! report's text, and has a line and column; the report serializes to JSON; and linting the same
//! bytes again gives the same report.
//!
//! Files are linted under a path in a folder that does not exist, with source discovery off, so
//! the result depends on the bytes alone (no neighbour files, no installer sources).

use std::path::{Path, PathBuf};

use lint::{lint_bytes, FileReport, FileStatus, LintOptions, Profile};

/// A package folder that does not exist: rules that look at the package's files find nothing.
pub const NO_PACKAGE: &str = "/nonexistent-difcheck-test-package";

/// Lint options for `profile` and `codepage` that read nothing but the given bytes.
pub fn options(profile: Profile, codepage: u16) -> LintOptions {
    LintOptions {
        profile,
        codepage,
        discover_sources: false,
        ..LintOptions::default()
    }
}

/// The path a fuzz or test input is linted as: `input.inf`, or `input.inx` to be stamped.
pub fn input_path(inx: bool) -> PathBuf {
    Path::new(NO_PACKAGE).join(if inx { "input.inx" } else { "input.inf" })
}

fn assert_span(text: &str, start: u32, end: u32, what: &str) {
    assert!(start <= end, "{what}: reversed span {start}..{end}");
    assert!(
        end as usize <= text.len(),
        "{what}: span {start}..{end} past the end ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(start as usize) && text.is_char_boundary(end as usize),
        "{what}: span {start}..{end} not on character boundaries"
    );
}

/// Checks one report: linted, no rule panicked, every span valid, serializable.
pub fn check_report(report: &FileReport) {
    assert_eq!(
        report.status,
        FileStatus::Linted,
        "bad input must be linted, not failed"
    );
    assert!(
        report.internal_errors.is_empty(),
        "a rule panicked: {:?}",
        report.internal_errors
    );
    let text = report.text.as_str();
    // One index for every position: `line_col` would rescan the text for each of what can be a
    // million diagnostics.
    let index = report.line_index();
    for d in &report.diagnostics {
        assert!(!d.code.is_empty() && !d.message.is_empty(), "{d:?}");
        if let Some(s) = d.primary {
            assert_span(text, s.start, s.end, &d.code);
            let (line, col) = index.line_col(text, s.start);
            assert!(line >= 1 && col >= 1 && line as usize <= index.lines());
        }
        for l in d.labels.iter().filter(|l| l.file.is_none()) {
            assert_span(text, l.span.start, l.span.end, &format!("{} label", d.code));
        }
    }
    if let Some(hint) = &report.profile_hint {
        if let Some(s) = hint.evidence {
            assert_span(text, s.start, s.end, "profile hint");
        }
    }
    let json = serde_json::to_string(report).expect("a report serializes to JSON");
    let back: serde_json::Value = serde_json::from_str(&json).expect("the JSON reads back");
    assert!(back.is_object());
}

/// Lints `bytes` as an INF (or, with `inx`, as an INX stamped for every architecture) in every
/// profile and checks every promise; returns the reports, one per profile in
/// [`Profile::ALL`] order.
pub fn check_lint_invariants(bytes: &[u8], inx: bool, codepage: u16) -> Vec<FileReport> {
    let path = input_path(inx);
    let mut reports = Vec::with_capacity(Profile::ALL.len());
    for profile in Profile::ALL {
        let report = lint_bytes(&path, bytes, &options(profile, codepage));
        check_report(&report);
        reports.push(report);
    }
    // Determinism: the strictest profile runs the most rules; a second run must agree.
    let again = lint_bytes(&path, bytes, &options(Profile::WindowsDriver, codepage));
    let first = reports.last().expect("at least one profile");
    assert_eq!(
        again.diagnostics, first.diagnostics,
        "diagnostics differ between two runs"
    );
    assert_eq!(again.text, first.text);
    assert_eq!(again.suppressed, first.suppressed);
    assert_eq!(again.profile_hint, first.profile_hint);
    reports
}
