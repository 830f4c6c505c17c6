//! `docs/rules/` must match what `cargo xtask docs` generates from the rule sources.

use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn rule_docs_are_up_to_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(lint::docs::DOCS_DIR);
    let mut stale = Vec::new();
    let mut expected = BTreeSet::new();
    for (name, content) in lint::docs::pages() {
        let on_disk = std::fs::read_to_string(dir.join(&name)).unwrap_or_default();
        if on_disk != content {
            stale.push(name.clone());
        }
        expected.insert(name);
    }
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".md") && !expected.contains(&name) {
                stale.push(format!("{name} (no such rule)"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "docs/rules is out of date ({}); run `cargo xtask docs` and commit the result",
        stale.join(", ")
    );
}
