//! Hostile installer sources, beyond `source_robustness.rs` (mutated fixtures, deep nesting,
//! wide switches, recursion, random bytes): unbalanced braces and unterminated constructs,
//! macros everywhere (recursive, redefining keywords, hiding the entry point), a function of
//! a hundred thousand statements, binary files and NUL bytes named `.c`, files over the size
//! limit, and folders with symbolic-link loops. Each must be analysed without a panic, within a
//! time bound, with every location inside its file, and say what it could not follow.
//!
//! Every fixture (as the `source` fuzz target reads it) and every regression input
//! (`tests/regressions/`) is checked with the fuzz target's own checks
//! (`support/source_invariants.rs`).

#[path = "support/source_invariants.rs"]
mod source_invariants;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dif_model::behavior::Knowledge;
use dif_model::source::{analyze_dir, analyze_sources, AnalyzeOptions, SourceAnalysis};
use source_invariants::check_source_invariants;
use source_invariants::source_input::{input_of, input_of_pair};

const ENTRY: &str = "DWORD CALLBACK CoInstaller(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)";

/// Analyses `code` as `name.c` through the fuzz checks, failing if it takes longer than `limit`.
fn analyse(code: &str, limit: Duration) -> SourceAnalysis {
    let started = Instant::now();
    let analysis = check_source_invariants(&input_of("c", code.as_bytes()));
    let took = started.elapsed();
    assert!(took < limit, "analysis took {took:?} (limit {limit:?})");
    analysis
}

/// A fresh folder under the system's temporary folder, removed on drop (dif-model has no
/// `tempfile` dependency).
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!(
            "difcheck-hostile-{name}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path).expect("temporary folder");
        TempDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

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

// ------------------------------------------------------------------ fixtures and regressions

/// Every fixture, as the fuzz target sees it (alone, and each code file paired with its
/// folder's `.def`), keeps every promise: the seeds of the `source` corpus are valid inputs.
#[test]
fn fixtures_keep_every_promise_as_fuzz_inputs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sources");
    let mut files = Vec::new();
    files_under(&root, &mut files);
    files.sort();
    let mut checked = 0;
    for path in &files {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let bytes = std::fs::read(path).expect("fixture");
        check_source_invariants(&input_of(&ext, &bytes));
        checked += 1;
        if matches!(ext.as_str(), "c" | "cpp") {
            let def = path.with_extension("def");
            if let Ok(def_bytes) = std::fs::read(&def) {
                let analysis = check_source_invariants(&input_of_pair(&ext, &bytes, &def_bytes));
                assert_eq!(analysis.files.len(), 2, "{}", path.display());
                assert!(
                    !analysis.def_exports.is_empty(),
                    "{}: the .def half is read as a .def file",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 10, "only {checked} fixtures");
}

/// Every input that ever broke a promise (found by the fuzzer or by these tests), one file per
/// failure, keeps every promise now.
#[test]
fn regression_inputs_keep_every_promise() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    assert!(
        dir.join("README.md").is_file(),
        "the folder explains itself"
    );
    let mut files = Vec::new();
    files_under(&dir, &mut files);
    files.retain(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| !n.starts_with('.') && !n.ends_with(".md"))
    });
    files.sort();
    for path in files {
        let bytes = std::fs::read(&path).expect("readable");
        let outcome = std::panic::catch_unwind(|| check_source_invariants(&bytes));
        assert!(outcome.is_ok(), "promises broken by {}", path.display());
    }
}

// ------------------------------------------------------------------ broken structure

#[test]
fn unbalanced_braces_and_unterminated_constructs() {
    let cases = [
        format!("{ENTRY}\n{{\n{}switch (f) {{ case DIF_REMOVE: return NO_ERROR;\n", "{ if (f) ".repeat(2000)),
        format!("{}\n{ENTRY}\n{{ return ERROR_DI_DO_DEFAULT; }}\n", "}".repeat(5000)),
        format!("{ENTRY}\n{{ switch (f) {{ case DIF_REMOVE: return NO_ERROR; }}}}}}}}}}}}\n{ENTRY}\n{{ return 0; }}"),
        format!("{ENTRY}\n{{ /* never closed\n{}", "return NO_ERROR;\n".repeat(1000)),
        format!("{ENTRY}\n{{ char *s = \"never closed\n{}", "case DIF_REMOVE: ".repeat(1000)),
        format!("{ENTRY}\n{{ return ((((((((((f == DIF_REMOVE) ? NO_ERROR : 1;\n}}"),
        format!("DWORD CALLBACK CoInstaller({}", "DI_FUNCTION f, ".repeat(5000)),
        format!("{ENTRY}\n{{\n#if 1\n{}\n", "#if 0\n#else\n".repeat(3000)),
    ];
    // Stray conditional directives around valid code: nothing to report, nothing to break.
    analyse(
        &format!(
            "{ENTRY}\n{{\n{}return NO_ERROR; }}\n",
            "#endif\n#else\n#elif 1\n".repeat(2000)
        ),
        Duration::from_secs(30),
    );
    for code in cases {
        let analysis = analyse(&code, Duration::from_secs(30));
        let reported = !analysis.files[0].parse_errors.is_empty()
            || analysis
                .entries
                .iter()
                .any(|e| matches!(e.behavior.completeness, Knowledge::Unknown { .. }))
            || analysis.entries.is_empty();
        assert!(
            reported,
            "broken code is reported as such: {:?}",
            &code[..code.len().min(120)]
        );
    }
}

// ------------------------------------------------------------------ size

/// One entry point of thirty thousand statements (1 MB): bounded by the step limit, and it says
/// so.
#[test]
fn a_huge_function_is_bounded_and_says_so() {
    let body: String = (0..30_000)
        .map(|i| format!("if (f == {}) status = Probe{i}(s, d);\n", i % 40))
        .collect();
    let code = format!("{ENTRY}\n{{ DWORD status = NO_ERROR;\n{body}return status; }}\n");
    let analysis = analyse(&code, Duration::from_secs(120));
    assert_eq!(analysis.entries.len(), 1);
    match &analysis.entries[0].behavior.completeness {
        Knowledge::Unknown { reason } => assert!(!reason.is_empty()),
        Knowledge::Known { .. } => {
            // Fully analysed is fine too, as long as what was dropped is visible.
            let returns = &analysis.entries[0].behavior.default_returns;
            assert!(!returns.is_empty());
        }
    }
}

/// A file over the size limit is skipped with a reason, not read.
#[test]
fn a_file_over_the_size_limit_is_skipped_with_a_reason() {
    let big = format!(
        "{ENTRY}\n{{ return NO_ERROR; }}\n{}",
        "// padding\n".repeat(500_000)
    );
    let options = AnalyzeOptions {
        max_file_bytes: 1024 * 1024,
        ..AnalyzeOptions::default()
    };
    let analysis = analyze_sources(
        vec![
            (PathBuf::from("big.c"), big.into_bytes()),
            (
                PathBuf::from("small.c"),
                format!("{ENTRY}\n{{ return NO_ERROR; }}\n").into_bytes(),
            ),
        ],
        &options,
    );
    assert_eq!(analysis.files.len(), 1);
    assert_eq!(analysis.skipped.len(), 1);
    assert_eq!(analysis.skipped[0].path, PathBuf::from("big.c"));
    assert!(
        analysis.skipped[0].reason.contains("larger than"),
        "{}",
        analysis.skipped[0].reason
    );
}

// ------------------------------------------------------------------ macros

#[test]
fn macros_everywhere() {
    let defines: String = (0..10_000)
        .map(|i| format!("#define M{i}(x) M{}(x) + (x)\n", i + 1))
        .collect();
    let cases = [
        // Keywords and types redefined; the entry hidden behind a macro.
        "#define return goto\n#define switch if\n#define DWORD int\n#define ENTRY(n) DWORD CALLBACK n(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)\n\
         ENTRY(CoInstaller) { switch (f) { case DIF_REMOVE: return NO_ERROR; } return ERROR_DI_DO_DEFAULT; }\n"
            .to_owned(),
        // Mutually recursive macros, and ten thousand chained ones used in the body.
        format!(
            "#define A B\n#define B A\n{defines}{ENTRY}\n{{ return A + M0(f) + M9999(DIF_REMOVE); }}\n"
        ),
        // A macro invocation on every line, with multi-line continuations.
        format!(
            "{ENTRY}\n{{\n{}return NO_ERROR; }}\n",
            "CHECK(f, \\\n DIF_REMOVE, \\\n NO_ERROR);\n".repeat(5000)
        ),
        // Token pasting and stringizing that build the DIF names.
        format!(
            "#define DIF(x) DIF_##x\n#define S(x) #x\n{ENTRY}\n{{ switch (f) {{ case DIF(REMOVE): return NO_ERROR; case DIF(INSTALLDEVICE): puts(S(f)); }} return ERROR_DI_DO_DEFAULT; }}\n"
        ),
    ];
    for code in cases {
        analyse(&code, Duration::from_secs(60));
    }
}

// ------------------------------------------------------------------ bytes

#[test]
fn binary_and_nul_bytes_in_sources() {
    let mut pe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
    pe.resize(64 * 1024, 0);
    for (i, b) in pe.iter_mut().enumerate().skip(64) {
        *b = (i.wrapping_mul(2_654_435_761) >> 7) as u8;
    }
    for ext in ["c", "cpp", "h", "def"] {
        check_source_invariants(&input_of(ext, &pe));
    }
    let with_nul = format!(
        "{ENTRY}\n{{\0 switch (f) {{ case DIF_REMOVE:\0 return NO_ERROR;\0 }} return ERROR_DI_DO_DEFAULT; }}\n"
    );
    check_source_invariants(&input_of("c", with_nul.as_bytes()));
    let mut latin1 = format!("{ENTRY}\n{{ /* ").into_bytes();
    latin1.extend_from_slice(b"\xe9\xe8\xff\xfe\x80 */ return NO_ERROR; }\n");
    let analysis = check_source_invariants(&input_of("c", &latin1));
    assert!(
        !analysis.files[0].utf8,
        "invalid UTF-8 is recorded, not rejected"
    );
    // UTF-16 sources (Visual Studio can save them so).
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            format!("{ENTRY}\n{{ return NO_ERROR; }}\n")
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    check_source_invariants(&input_of("c", &utf16));
}

// ------------------------------------------------------------------ folders

/// A sources folder with a symbolic-link loop, a link to a file outside it and a dangling link:
/// the walk ends, links are not followed, and each is reported as skipped with a reason.
#[cfg(unix)]
#[test]
fn folders_with_link_loops_terminate_without_following_links() {
    let dir = TempDir::new("links");
    let src = dir.path().join("src");
    std::fs::create_dir_all(src.join("deep/er")).unwrap();
    std::fs::write(
        src.join("coinst.c"),
        format!("{ENTRY}\n{{ return NO_ERROR; }}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("outside.c"),
        "int outside(void) { return 1; }\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("..", src.join("deep/er/up")).unwrap();
    std::os::unix::fs::symlink(src.as_path(), src.join("deep/self")).unwrap();
    std::os::unix::fs::symlink("../outside.c", src.join("linked.c")).unwrap();
    std::os::unix::fs::symlink("missing.c", src.join("dangling.c")).unwrap();
    let started = Instant::now();
    let analysis = analyze_dir(&src, &AnalyzeOptions::default());
    assert!(started.elapsed() < Duration::from_secs(30));
    assert_eq!(analysis.files.len(), 1, "{:?}", analysis.files);
    assert!(analysis
        .entries
        .iter()
        .any(|e| e.behavior.entry == "CoInstaller"));
    for link in ["linked.c", "dangling.c"] {
        let skipped = analysis
            .skipped
            .iter()
            .find(|s| s.path.ends_with(link))
            .unwrap_or_else(|| panic!("{link} not reported: {:?}", analysis.skipped));
        assert!(
            skipped.reason.contains("symbolic link"),
            "{}",
            skipped.reason
        );
    }
}

/// More files than the limit: the walk stops at the first file over it, which is listed as
/// skipped with the reason, and the analysis says it is truncated; an entry point that is not
/// found may be in a file that was not read, and its reason says so.
#[test]
fn the_walk_stops_at_the_file_limit_and_says_so() {
    let dir = TempDir::new("many");
    for i in 0..30 {
        std::fs::write(dir.path().join(format!("f{i:02}.c")), "int x;\n").unwrap();
    }
    let options = AnalyzeOptions {
        max_files: 10,
        ..AnalyzeOptions::default()
    };
    let analysis = analyze_dir(dir.path(), &options);
    assert_eq!(analysis.files.len(), 10);
    assert!(analysis.files[9].path.ends_with("f09.c"));
    assert_eq!(analysis.skipped.len(), 1, "{:?}", analysis.skipped);
    assert!(analysis.skipped[0].path.ends_with("f10.c"));
    assert!(analysis.skipped[0]
        .reason
        .contains("limit of 10 source files"));
    let why = analysis.truncated.as_deref().expect("truncated");
    assert!(
        why.contains("more than 10 source files") && why.contains("f10.c"),
        "{why}"
    );
    match analysis.find_entry("CoInstaller") {
        Knowledge::Unknown { reason } => {
            assert!(
                reason.contains("more source files than were read"),
                "{reason}"
            )
        }
        other => panic!("{other:?}"),
    }

    // At the limit exactly, nothing is truncated.
    let all = analyze_dir(
        dir.path(),
        &AnalyzeOptions {
            max_files: 30,
            ..AnalyzeOptions::default()
        },
    );
    assert_eq!((all.files.len(), all.skipped.len()), (30, 0));
    assert_eq!(all.truncated, None);
}

/// What `.gitignore` files exclude (in the folder, below it, or above it) is not read, even
/// outside a git work tree, and git's own folder is never entered.
#[test]
fn ignored_sources_are_not_read() {
    let dir = TempDir::new("ignored");
    let src = dir.path().join("src");
    std::fs::create_dir_all(src.join("build/gen")).unwrap();
    std::fs::create_dir_all(src.join("vendor")).unwrap();
    std::fs::create_dir_all(src.join(".git/objects")).unwrap();
    std::fs::write(dir.path().join(".gitignore"), "vendor/\n").unwrap();
    std::fs::write(src.join(".gitignore"), "build/\n*.tmp.c\n").unwrap();
    let entry = format!("{ENTRY}\n{{ return NO_ERROR; }}\n");
    std::fs::write(src.join("coinst.c"), &entry).unwrap();
    for ignored in [
        "build/gen/x.c",
        "vendor/lib.c",
        "scratch.tmp.c",
        ".git/objects/y.c",
    ] {
        std::fs::write(src.join(ignored), &entry).unwrap();
    }
    let analysis = analyze_dir(&src, &AnalyzeOptions::default());
    let read: Vec<_> = analysis.files.iter().map(|f| f.path.clone()).collect();
    assert_eq!(read, [src.join("coinst.c")], "{:?}", analysis.skipped);
    assert!(analysis.skipped.is_empty(), "{:?}", analysis.skipped);
    assert_eq!(analysis.truncated, None);
}
