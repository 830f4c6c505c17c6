//! The rule fixtures: for every registered rule, `tests/fixtures/<category>/<CODE>.inf` must
//! produce the rule's code and `<CODE>.valid.inf` must not. The findings of the rule on its
//! trigger fixture are pinned by a JSON snapshot (`snapshots/rules__<category>__<CODE>.snap`);
//! only the rule's own findings are pinned, so a new rule never rewrites another rule's
//! snapshot.
//!
//! Each fixture is linted in the strictest profile that runs the rule, with every other rule
//! of that profile running too (suppression rules need them). Failures are collected and
//! reported together.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use lint::{
    line_col, lint_bytes, Diagnostic, FileReport, LineIndex, LintOptions, Profile, RuleMeta, RULES,
};
use serde_json::{json, Value};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The strictest profile in which `rule` runs.
fn profile_for(rule: &RuleMeta) -> Option<Profile> {
    Profile::ALL
        .iter()
        .rev()
        .copied()
        .find(|&p| rule.severities.get(p).is_some())
}

/// The installer sources of a fixture: the folder `<CODE>.src` beside `<CODE>.inf` (and
/// `<CODE>.valid.src` beside `<CODE>.valid.inf`), when there is one.
fn sources_of(path: &Path) -> Option<PathBuf> {
    let dir = path.with_extension("src");
    dir.is_dir().then_some(dir)
}

fn lint(path: &Path, profile: Profile) -> Result<FileReport, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    // Fixtures never look for sources in the repository: only their own `.src` folder counts.
    let mut options = LintOptions {
        profile,
        sources: sources_of(path),
        discover_sources: false,
        ..LintOptions::default()
    };
    // A fixture whose first line says `; difcheck-test: no-stampinf` is linted as written even
    // when it holds `$ARCH$` (the CLI's `--no-stampinf`).
    if bytes.starts_with(b"; difcheck-test: no-stampinf") {
        options.inx.stamp_inf_sources = false;
    }
    Ok(lint_bytes(path, &bytes, &options))
}

/// A position in another file (read once per label: labels into other files are few).
fn other_position(text: &str, offset: u32) -> Value {
    let (line, column) = line_col(text, offset);
    json!({ "line": line, "column": column })
}

/// A diagnostic as the user sees it: positions as lines and columns (`index` is the line index
/// of the report's text).
fn rendered(report: &FileReport, index: &LineIndex, d: &Diagnostic) -> Value {
    let text = &report.text;
    let position = |offset: u32| {
        let (line, column) = index.line_col(text, offset);
        json!({ "line": line, "column": column })
    };
    json!({
        "severity": d.severity.as_str(),
        "message": d.message,
        "start": d.primary.map(|s| position(s.start)),
        "end": d.primary.map(|s| position(s.end)),
        "primary_label": d.primary_label,
        "labels": d.labels.iter().map(|l| match &l.file {
            None => json!({
                "start": position(l.span.start),
                "end": position(l.span.end),
                "message": l.message,
            }),
            // A label in another file (an installer source): positions in that file.
            Some(file) => {
                let other = std::fs::read(file).unwrap_or_default();
                let other = String::from_utf8_lossy(&other);
                let shown = file.strip_prefix(fixtures_dir()).unwrap_or(file);
                json!({
                    "file": shown.to_string_lossy().replace('\\', "/"),
                    "start": other_position(&other, l.span.start),
                    "end": other_position(&other, l.span.end),
                    "message": l.message,
                })
            }
        }).collect::<Vec<_>>(),
        "help": d.help,
        "targets": d.targets,
    })
}

#[test]
fn every_rule_has_fixtures_that_behave() {
    let dir = fixtures_dir();
    let mut failures: Vec<String> = Vec::new();
    for rule in RULES {
        let folder = dir.join(rule.category.folder());
        let trigger = folder.join(format!("{}.inf", rule.code));
        let valid = folder.join(format!("{}.valid.inf", rule.code));
        let Some(profile) = profile_for(rule) else {
            failures.push(format!("{}: runs in no profile", rule.code));
            continue;
        };
        for (path, must_fire) in [(&trigger, true), (&valid, false)] {
            if !path.is_file() {
                failures.push(format!("{}: missing fixture {}", rule.code, path.display()));
                continue;
            }
            let report = match lint(path, profile) {
                Ok(r) => r,
                Err(e) => {
                    failures.push(e);
                    continue;
                }
            };
            if !report.internal_errors.is_empty() {
                failures.push(format!(
                    "{}: internal errors on {}: {:?}",
                    rule.code,
                    path.display(),
                    report.internal_errors
                ));
            }
            let own: Vec<&Diagnostic> = report
                .diagnostics
                .iter()
                .filter(|d| d.code == rule.code)
                .collect();
            if must_fire && own.is_empty() {
                failures.push(format!(
                    "{}: {} does not produce {}",
                    rule.code,
                    path.display(),
                    rule.code
                ));
            }
            if !must_fire && !own.is_empty() {
                let lines: Vec<String> = own.iter().map(|d| d.message.clone()).collect();
                failures.push(format!(
                    "{}: {} produces {}: {lines:?}",
                    rule.code,
                    path.display(),
                    rule.code
                ));
            }
            if must_fire && !own.is_empty() {
                let index = report.line_index();
                let value: Vec<Value> = own.iter().map(|d| rendered(&report, &index, d)).collect();
                let name = format!("{}__{}", rule.category.folder(), rule.code);
                let outcome = std::panic::catch_unwind(|| {
                    insta::with_settings!({ omit_expression => true }, {
                        insta::assert_json_snapshot!(name, value);
                    });
                });
                if outcome.is_err() {
                    failures.push(format!(
                        "{}: snapshot mismatch (see the diff above)",
                        rule.code
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn no_orphan_fixtures() {
    let known: BTreeSet<(String, &str)> = RULES
        .iter()
        .map(|r| (r.category.folder(), r.code))
        .collect();
    let mut orphans = Vec::new();
    for entry in walk(&fixtures_dir()) {
        let rel = entry.strip_prefix(fixtures_dir()).unwrap_or(&entry);
        // Files inside a fixture's `<CODE>.src` / `<CODE>.valid.src` folder belong to it.
        let mut parts: Vec<&str> = rel.iter().filter_map(|c| c.to_str()).collect();
        if parts.len() > 2 && parts[1].ends_with(".src") {
            parts.truncate(2);
        }
        let folder = parts.first().copied().unwrap_or("").to_owned();
        let name = parts.get(1).copied().unwrap_or("");
        let code = name
            .trim_end_matches(".src")
            .trim_end_matches(".inf")
            .trim_end_matches(".valid");
        if !known.contains(&(folder.clone(), code)) {
            orphans.push(rel.display().to_string());
        }
    }
    assert!(
        orphans.is_empty(),
        "fixtures for no registered rule (or in the wrong category folder): {orphans:?}"
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}
