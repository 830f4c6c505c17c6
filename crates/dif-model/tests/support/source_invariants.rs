//! The installer-source analysis's promises on any input, as one function shared by the
//! hostile-source tests (`tests/hostile_sources.rs`) and the `cargo fuzz` target
//! (`fuzz/fuzz_targets/source.rs`), so that a crash the fuzzer finds reproduces in `cargo test`:
//! copy the artifact to `crates/dif-model/tests/regressions/` and run `cargo test -p dif-model`.
//!
//! How an input stands for files is in `source_input.rs` (one C, C++, header or `.def` file, or a
//! code file and a `.def` file); two files are analysed together with the entry names an INF
//! typically registers.
//!
//! Promises checked: no panic; every file given is either analysed or skipped with a reason;
//! every source location (found anywhere in the JSON form of the analysis) names one of the
//! files and lies inside it with a line ≥ 1; every entry point and `.def` export can be looked
//! up by name; and analysing the same bytes again gives the same result.

use std::path::{Path, PathBuf};

use dif_model::source::{analyze_sources, AnalyzeOptions, SourceAnalysis};

#[path = "source_input.rs"]
pub mod source_input;

/// Entry names asked for in the two-file mode, as INFs register them.
const ENTRY_NAMES: [&str; 3] = ["CoInstaller", "ClassInstall", "_CoDeviceInstall@16"];

/// The folder inputs are named in (not read: the bytes are passed in).
const FOLDER: &str = "/nonexistent-difcheck-test-sources";

/// The files (path, bytes) an input stands for, and the options to analyse them with.
pub fn files_of(data: &[u8]) -> (Vec<(PathBuf, Vec<u8>)>, AnalyzeOptions) {
    let files: Vec<(PathBuf, Vec<u8>)> = source_input::split_input(data)
        .into_iter()
        .map(|(name, bytes)| (Path::new(FOLDER).join(name), bytes))
        .collect();
    let options = if files.len() > 1 {
        AnalyzeOptions {
            entry_names: ENTRY_NAMES.iter().map(|s| (*s).to_owned()).collect(),
            ..AnalyzeOptions::default()
        }
    } else {
        AnalyzeOptions::default()
    };
    (files, options)
}

/// Every `{file, span, line}` object in `value`, checked against the files' lengths.
fn check_locations(value: &serde_json::Value, files: &[(PathBuf, Vec<u8>)], found: &mut usize) {
    match value {
        serde_json::Value::Object(map) => {
            if let (Some(file), Some(span), Some(line)) =
                (map.get("file"), map.get("span"), map.get("line"))
            {
                let file = file.as_str().expect("a location's file is a path");
                let len = files
                    .iter()
                    .find(|(p, _)| p.to_str() == Some(file))
                    .map(|(_, b)| b.len())
                    .unwrap_or_else(|| panic!("location in a file not given: {file}"));
                let start = span["start"].as_u64().expect("span start");
                let end = span["end"].as_u64().expect("span end");
                assert!(
                    start <= end && end as usize <= len,
                    "span {start}..{end} outside {file} ({len} bytes)"
                );
                assert!(line.as_u64().is_some_and(|l| l >= 1), "line {line}");
                *found += 1;
            }
            for v in map.values() {
                check_locations(v, files, found);
            }
        }
        serde_json::Value::Array(items) => {
            for v in items {
                check_locations(v, files, found);
            }
        }
        _ => {}
    }
}

/// Analyses the files `data` stands for and checks every promise; returns the analysis.
pub fn check_source_invariants(data: &[u8]) -> SourceAnalysis {
    let (files, options) = files_of(data);
    let analysis = analyze_sources(files.clone(), &options);
    assert_eq!(
        analysis.files.len() + analysis.skipped.len(),
        files.len(),
        "every file is analysed or skipped"
    );
    for s in &analysis.skipped {
        assert!(!s.reason.is_empty(), "a skipped file says why");
    }
    let json = serde_json::to_value(&analysis).expect("an analysis serializes to JSON");
    let mut locations = 0usize;
    check_locations(&json, &files, &mut locations);
    for entry in &analysis.entries {
        let _ = analysis.find_entry(&entry.behavior.entry);
    }
    for export in &analysis.def_exports {
        let _ = analysis.find_entry(&export.export);
    }
    for name in ENTRY_NAMES {
        let _ = analysis.find_entry(name);
    }
    let again = analyze_sources(files, &options);
    assert_eq!(
        again.entries, analysis.entries,
        "entries differ between two runs"
    );
    assert_eq!(again.def_exports, analysis.def_exports);
    std::hint::black_box(locations);
    analysis
}
