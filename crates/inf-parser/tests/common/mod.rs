//! Helpers shared by the golden test files: load a case's bytes the way `difcheck parse` does
//! and assert the facts the golden cases record.

#![allow(dead_code)]

use inf_parser::{decode, parse, DiridPolicy, Inf, InfOptions};

/// Decodes and parses `bytes` with `codepage`, DIRIDs expanded for a default installation on
/// drive C: (the environment the golden cases assume).
pub fn load(bytes: &[u8], codepage: u16) -> Inf {
    load_with(
        bytes,
        codepage,
        InfOptions {
            langid: None,
            dirids: DiridPolicy::DefaultInstallation,
        },
    )
}

/// Like [`load`] with explicit options.
pub fn load_with(bytes: &[u8], codepage: u16, options: InfOptions) -> Inf {
    Inf::with_options(parse(decode(bytes, codepage)), options)
}

/// The file opens (SetupOpenInfFile succeeds).
pub fn assert_opens(inf: &Inf) {
    assert_eq!(
        inf.tree().open_verdict().map(|e| (e.code.name(), e.line)),
        None,
        "expected the file to open"
    );
}

/// SetupOpenInfFile fails with `code` at error line `line`.
pub fn assert_open_error(inf: &Inf, code: &str, line: u32) {
    assert_eq!(
        inf.tree().open_verdict().map(|e| (e.code.name(), e.line)),
        Some((code, line))
    );
}

/// A case-insensitive lookup of `name` finds a section.
pub fn assert_section_present(inf: &Inf, name: &str) {
    assert!(inf.section(name).is_some(), "section `{name}` should exist");
}

/// A case-insensitive lookup of `name` finds nothing.
pub fn assert_section_absent(inf: &Inf, name: &str) {
    assert!(
        inf.section(name).is_none(),
        "section `{name}` should not exist"
    );
}

/// Looking up `lookup` finds the section stored as exactly `name`.
pub fn assert_section_name(inf: &Inf, lookup: &str, name: &str) {
    assert_eq!(inf.section(lookup).map(|s| s.name.as_str()), Some(name));
}

/// An expectation that may be absent from a case.
pub enum Expect<T> {
    /// Not asserted.
    Any,
    /// Must equal.
    Is(T),
}

/// Line `index` (0-based) of the merged section: explicit key after substitution, fields after
/// substitution and raw fields, each when the case asserts it.
pub fn assert_line(
    inf: &Inf,
    section: &str,
    index: usize,
    key: Expect<Option<&str>>,
    fields: Option<&[&str]>,
    raw_fields: Option<&[&str]>,
) {
    let line = inf
        .lines(section)
        .nth(index)
        .unwrap_or_else(|| panic!("section `{section}` has no line {index}"));
    if let Expect::Is(k) = key {
        assert_eq!(line.key().as_deref(), k, "key of line {index}");
    }
    if let Some(expected) = fields {
        let got: Vec<String> = line.fields().map(|f| f.into_owned()).collect();
        assert_eq!(got, expected, "fields of line {index}");
    }
    if let Some(expected) = raw_fields {
        let got: Vec<&str> = (1..=line.field_count())
            .map(|n| line.raw_field(n).unwrap_or(""))
            .collect();
        assert_eq!(got, expected, "raw fields of line {index}");
    }
}

/// The merged section has `count` logical lines (and exists).
pub fn assert_line_count(inf: &Inf, section: &str, count: usize) {
    assert!(
        inf.section(section).is_some(),
        "section `{section}` should exist"
    );
    assert_eq!(
        inf.lines(section).count(),
        count,
        "line count of `{section}`"
    );
}
