//! `cargo xtask docs [--check]`: writes `docs/rules/<CODE>.md` and `docs/rules/README.md` from
//! the rule registry (`lint::docs`), or with `--check` fails when they are out of date.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};

/// The workspace root (xtask lives one level below it).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Generates the rule documentation, or checks it when `check` is set.
pub fn run(check: bool) -> Result<()> {
    let dir = workspace_root().join(lint::docs::DOCS_DIR);
    let pages = lint::docs::pages();
    let expected: BTreeSet<&str> = pages.iter().map(|(name, _)| name.as_str()).collect();
    let mut changed = Vec::new();
    for (name, content) in &pages {
        let on_disk = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        if &on_disk != content {
            changed.push(name.clone());
        }
    }
    let mut extra = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".md") && !expected.contains(name.as_str()) {
                extra.push(name);
            }
        }
    }
    extra.sort();
    if check {
        if changed.is_empty() && extra.is_empty() {
            println!("docs/rules is up to date ({} pages)", pages.len());
            return Ok(());
        }
        bail!(
            "docs/rules is out of date (changed: {:?}; no such rule: {:?}); run `cargo xtask docs` and commit the result",
            changed,
            extra
        );
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    for (name, content) in &pages {
        if changed.contains(name) {
            std::fs::write(dir.join(name), content).with_context(|| format!("writing {name}"))?;
        }
    }
    for name in &extra {
        std::fs::remove_file(dir.join(name)).with_context(|| format!("removing {name}"))?;
    }
    println!(
        "docs/rules: {} pages, {} written, {} removed",
        pages.len(),
        changed.len(),
        extra.len()
    );
    Ok(())
}
