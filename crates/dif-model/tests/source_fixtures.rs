//! Snapshot tests of the installer-source analysis: one fixture folder per source pattern
//! (`tests/fixtures/sources/<pattern>/`, small C/C++ files written for these tests), each
//! analysed with `analyze_dir` and snapshotted as JSON.

use std::path::Path;

use dif_model::behavior::{CallKind, Knowledge, Pass, ReturnValue};
use dif_model::source::{analyze_dir, analyze_file, AnalyzeOptions, FoundBy, SourceAnalysis};

fn analyze(pattern: &str) -> SourceAnalysis {
    // A relative path keeps the snapshots independent of where the repository lives.
    analyze_dir(
        &Path::new("tests/fixtures/sources").join(pattern),
        &AnalyzeOptions::default(),
    )
}

macro_rules! snapshot_pattern {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            let analysis = analyze(stringify!($name));
            assert!(analysis.skipped.is_empty(), "{:?}", analysis.skipped);
            insta::assert_json_snapshot!(stringify!($name), analysis);
        }
    )*};
}

snapshot_pattern!(
    class_switch_default,
    co_postprocessing,
    co_returns_do_default,
    if_chain,
    helper_dispatch,
    status_variable,
    finish_install,
    ui_and_process,
    sal_prototype,
    cpp_coinstaller,
    damaged_input,
);

/// `.def` aliases: the analysis names the entry after its export, and `find_entry` resolves
/// export names (aliases, stdcall decoration, NONAME, forwarders, missing functions).
#[test]
fn def_alias() {
    let analysis = analyze("def_alias");
    let lookups: Vec<(&str, Knowledge<dif_model::source::EntryPoint>)> = [
        "CoInstallerEntry",
        "LegacyEntry",
        "Hidden",
        "Forwarded",
        "Missing",
    ]
    .into_iter()
    .map(|name| (name, analysis.find_entry(name)))
    .collect();
    insta::assert_json_snapshot!("def_alias", (analysis, lookups));
}

/// Names asked for in the options are analysed even when their prototype is not an installer's.
#[test]
fn entry_names_option_adds_entries() {
    let options = AnalyzeOptions {
        entry_names: vec!["LegacyEntry".into(), "NoSuchEntry".into()],
        ..AnalyzeOptions::default()
    };
    let analysis = analyze_dir(Path::new("tests/fixtures/sources/def_alias"), &options);
    let entries: Vec<(&str, &str)> = analysis
        .entries
        .iter()
        .map(|e| (e.behavior.entry.as_str(), e.behavior.function.as_str()))
        .collect();
    assert_eq!(
        entries,
        vec![
            ("CoInstallerEntry", "RealCoInstaller"),
            ("LegacyEntry", "LegacyEntryImpl")
        ]
    );
    let legacy = &analysis.entries[1];
    assert!(matches!(legacy.found_by, FoundBy::DefExport { .. }));
    assert_eq!(
        legacy
            .behavior
            .handles
            .iter()
            .map(|h| h.dif)
            .collect::<Vec<_>>(),
        vec![0x05]
    );
}

/// A missing or unreadable folder is data, not an error.
#[test]
fn missing_folder_is_reported_as_skipped() {
    let analysis = analyze_dir(
        Path::new("tests/fixtures/sources/does-not-exist"),
        &AnalyzeOptions::default(),
    );
    assert!(analysis.entries.is_empty());
    assert_eq!(analysis.skipped.len(), 1);
    assert!(
        analysis.skipped[0].reason.starts_with("could not be read"),
        "{}",
        analysis.skipped[0].reason
    );
}

/// Files over the size limit are skipped with the reason.
#[test]
fn large_files_are_skipped_with_a_reason() {
    let options = AnalyzeOptions {
        max_file_bytes: 100,
        ..AnalyzeOptions::default()
    };
    let analysis = analyze_dir(
        Path::new("tests/fixtures/sources/class_switch_default"),
        &options,
    );
    assert!(analysis.files.is_empty());
    assert_eq!(analysis.skipped.len(), 1);
    assert!(
        analysis.skipped[0]
            .reason
            .contains("larger than the limit of 100 bytes"),
        "{}",
        analysis.skipped[0].reason
    );
}

/// The step budget turns into an `Unknown` completeness, not a hang or a panic.
#[test]
fn step_budget_is_reported() {
    let options = AnalyzeOptions {
        max_steps: 20,
        ..AnalyzeOptions::default()
    };
    let analysis = analyze_dir(
        Path::new("tests/fixtures/sources/status_variable"),
        &options,
    );
    let behavior = &analysis.entries[0].behavior;
    match &behavior.completeness {
        Knowledge::Unknown { reason } => assert!(
            reason.contains("analysis stopped after 20 steps"),
            "{reason}"
        ),
        other => panic!("expected Unknown, got {other:?}"),
    }
}

/// A helper that is only ever called (not exported) is not reported as an entry point even
/// when it has the class-installer shape, but it is still followed from the entry.
#[test]
fn helpers_with_installer_shape_are_not_entries() {
    let src = b"static DWORD Inner(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d) { return f == DIF_REMOVE ? ERROR_DI_DO_DEFAULT : NO_ERROR; }\n\
        DWORD Shaped(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d) { return NO_ERROR; }\n\
        DWORD CALLBACK Outer(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d) { if (f == DIF_UNREMOVE) return Shaped(f, s, d); return Inner(f, s, d); }\n";
    let analysis = analyze_file(Path::new("helpers.c"), src);
    let names: Vec<&str> = analysis
        .entries
        .iter()
        .map(|e| e.behavior.entry.as_str())
        .collect();
    assert_eq!(names, vec!["Outer"]);
    let outer = &analysis.entries[0].behavior;
    let handled: Vec<u32> = outer.handles.iter().map(|h| h.dif).collect();
    assert_eq!(handled, vec![0x05, 0x16]);
    let remove = &outer.handles[0];
    assert_eq!(remove.returns.len(), 1);
    assert!(
        matches!(remove.returns[0], (Pass::Pre, ref ev) if ev.value == ReturnValue::Code { value: 0xE000_020E, name: Some("ERROR_DI_DO_DEFAULT".into()) })
    );
}

/// Calls are attributed to the DIF whose branch makes them; calls before any DIF test belong
/// to the entry as a whole.
#[test]
fn calls_are_attributed_to_their_dif() {
    let analysis = analyze("ui_and_process");
    let behavior = &analysis.entries[0].behavior;
    let general: Vec<(&str, CallKind)> = behavior
        .calls
        .iter()
        .map(|c| (c.function.as_str(), c.kind))
        .collect();
    assert_eq!(general, vec![("ShellExecuteW", CallKind::ProcessStart)]);
    let install = behavior
        .handles
        .iter()
        .find(|h| h.dif == 0x02)
        .expect("DIF_INSTALLDEVICE handled");
    let kinds: Vec<(&str, CallKind)> = install
        .calls
        .iter()
        .map(|c| (c.function.as_str(), c.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("MessageBoxW", CallKind::UserInterface),
            ("WinExec", CallKind::ProcessStart)
        ]
    );
}
