//! The fuzz target's checks (`fuzz/fuzz_targets/parse.rs`) run as a plain test on stable: over
//! every fixture INF we wrote, in several code pages, and over every input that ever broke a
//! promise (`tests/regressions/`, one file per failure, found by the property tests or the
//! fuzzer).

#[path = "support/invariants.rs"]
mod invariants;

use std::path::{Path, PathBuf};

use invariants::{check_invariants, CODEPAGES};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn check_all(files: &[PathBuf]) {
    for path in files {
        let bytes =
            std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        for &cp in CODEPAGES {
            let outcome = std::panic::catch_unwind(|| check_invariants(&bytes, cp));
            assert!(
                outcome.is_ok(),
                "invariants fail on {} (code page {cp})",
                path.display()
            );
        }
    }
}

#[test]
fn fixtures_keep_every_promise() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut files = Vec::new();
    files_under(&root, &mut files);
    files.retain(|p| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("inf") || e.eq_ignore_ascii_case("inx"))
    });
    assert!(!files.is_empty(), "no fixtures under {}", root.display());
    check_all(&files);
}

#[test]
fn regression_inputs_keep_every_promise() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut files = Vec::new();
    files_under(&dir, &mut files);
    files.retain(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| !n.starts_with('.') && !n.ends_with(".md"))
    });
    assert!(
        !files.is_empty(),
        "no regression inputs under {}",
        dir.display()
    );
    check_all(&files);
}
