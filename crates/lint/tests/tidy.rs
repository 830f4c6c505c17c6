//! Tidy checks that keep the rule set consistent, run by plain `cargo test`:
//! - every rule's documentation has the fixed headings, an `inf` example, `Use instead:` and a
//!   Microsoft Learn reference;
//! - codes are unique and well-formed, `INF<nnnn>` matches InfVerif code `<nnnn>`, one rule per
//!   InfVerif code; names are kebab-case and unique; summaries are sentence fragments;
//! - every file under `src/rules/<category>/` is registered, is named `<code>_<name>.rs` and
//!   sits in its category's folder;
//! - every module of the crate starts with a `//!` summary.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use lint::{RuleMeta, RULES};

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn doc_problems(rule: &RuleMeta) -> Vec<String> {
    let doc = lint::docs::doc_markdown(rule);
    let mut problems = Vec::new();
    let mut last = 0usize;
    for heading in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "Use instead:",
        "## References",
    ] {
        match doc.lines().position(|l| l.trim() == heading) {
            None => problems.push(format!("missing `{heading}`")),
            Some(at) if at < last => problems.push(format!("`{heading}` out of order")),
            Some(at) => last = at,
        }
    }
    let example = doc
        .split("## Example")
        .nth(1)
        .and_then(|rest| rest.split("Use instead:").next())
        .unwrap_or("");
    if !example.contains("```inf") {
        problems.push("the example has no ```inf block".to_owned());
    }
    let instead = doc
        .split("Use instead:")
        .nth(1)
        .and_then(|rest| rest.split("## References").next())
        .unwrap_or("");
    if !instead.contains("```inf") {
        problems.push("`Use instead:` has no ```inf block".to_owned());
    }
    let refs = doc.split("## References").nth(1).unwrap_or("");
    if !refs.contains("(https://learn.microsoft.com/") {
        problems.push("no learn.microsoft.com link under `## References`".to_owned());
    }
    problems
}

#[test]
fn rule_docs_follow_the_template() {
    let mut failures = Vec::new();
    for rule in RULES {
        for p in doc_problems(rule) {
            failures.push(format!("{}: {p}", rule.code));
        }
        if !rule.reference.starts_with("https://learn.microsoft.com/") {
            failures.push(format!(
                "{}: `reference` is not a learn.microsoft.com page",
                rule.code
            ));
        }
        if rule.summary.is_empty() || rule.summary.ends_with('.') {
            failures.push(format!(
                "{}: the summary must be a sentence fragment without a final period",
                rule.code
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn is_kebab(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut failures = Vec::new();
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    let mut numbers = HashSet::new();
    for rule in RULES {
        if !codes.insert(rule.code) {
            failures.push(format!("{}: code used twice", rule.code));
        }
        if !names.insert(rule.name) {
            failures.push(format!("{}: name `{}` used twice", rule.code, rule.name));
        }
        if !is_kebab(rule.name) {
            failures.push(format!(
                "{}: name `{}` is not kebab-case",
                rule.code, rule.name
            ));
        }
        let (family, digits) = rule.code.split_at(rule.code.len().min(3));
        let well_formed = matches!(family, "INF" | "DCK" | "DIF")
            && digits.len() == 4
            && digits.chars().all(|c| c.is_ascii_digit());
        if !well_formed {
            failures.push(format!(
                "{}: codes are INF, DCK or DIF and four digits",
                rule.code
            ));
            continue;
        }
        match (family, rule.infverif) {
            ("INF", Some(n)) if format!("{n:04}") == digits => {}
            ("INF", _) => failures.push(format!(
                "{}: an INF code must carry InfVerif number {digits}",
                rule.code
            )),
            (_, Some(n)) => failures.push(format!(
                "{}: InfVerif {n} belongs to rule INF{n:04}",
                rule.code
            )),
            _ => {}
        }
        if let Some(n) = rule.infverif {
            if !numbers.insert(n) {
                failures.push(format!("{}: InfVerif code {n} has two rules", rule.code));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_file_is_registered_and_well_placed() {
    let rules_dir = src_dir().join("rules");
    let mut failures = Vec::new();
    let mut seen = HashSet::new();
    for file in rust_files(&rules_dir) {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_owned();
        if name == "mod.rs" {
            continue;
        }
        let folder = file
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_owned();
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let code = text
            .split("code: \"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or("");
        let Some(rule) = RULES.iter().find(|r| r.code == code) else {
            failures.push(format!(
                "{folder}/{name}: declares `{code}`, which is not in registry::RULES"
            ));
            continue;
        };
        seen.insert(rule.code);
        let expected = format!(
            "{}_{}.rs",
            rule.code.to_ascii_lowercase(),
            rule.name.replace('-', "_")
        );
        if name != expected {
            failures.push(format!("{folder}/{name}: should be named {expected}"));
        }
        if folder != rule.category.folder() {
            failures.push(format!(
                "{folder}/{name}: category `{}` lives in rules/{}/",
                rule.category.as_str(),
                rule.category.folder()
            ));
        }
        let module = name.trim_end_matches(".rs");
        let mod_rs = std::fs::read_to_string(file.with_file_name("mod.rs")).unwrap_or_default();
        if !mod_rs.contains(&format!("pub mod {module};")) {
            failures.push(format!("{folder}/{name}: not declared in {folder}/mod.rs"));
        }
    }
    for rule in RULES {
        if !seen.contains(rule.code) {
            failures.push(format!(
                "{}: no rule file under src/rules/ declares it",
                rule.code
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_module_has_a_summary() {
    let mut missing = Vec::new();
    for file in rust_files(&src_dir()) {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        if !text.starts_with("//!") {
            missing.push(
                file.strip_prefix(src_dir())
                    .unwrap_or(&file)
                    .display()
                    .to_string(),
            );
        }
    }
    assert!(
        missing.is_empty(),
        "modules without a `//!` summary: {missing:?}"
    );
}
