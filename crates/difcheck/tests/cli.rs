//! End-to-end tests of the `difcheck` binary: the exit code, standard output and standard error
//! of every command and every output format, as insta snapshots.
//!
//! They live in this crate rather than in the root package's `tests/` because Cargo gives the
//! path of the built binary (`CARGO_BIN_EXE_difcheck`) only to the integration tests of the
//! package that defines it; anything else would have to guess `target/<profile>/difcheck` or run
//! Cargo from inside a test, and could test a stale binary.
//!
//! Every run has its current folder set to the fixtures (or a temporary copy) and names files
//! by relative paths, so no snapshot contains a machine-specific path.

mod common;

use std::path::Path;

use common::{copy_tree, fixtures, run, run_in, settings};
use serde_json::Value;

macro_rules! snap {
    ($name:expr, $run:expr) => {{
        let run = $run;
        settings().bind(|| insta::assert_snapshot!($name, run.transcript()));
        run
    }};
}

// ---------------------------------------------------------------- formats

#[test]
fn human_format() {
    let r = snap!("lint_human", run(&["lint", "bad", "good"]));
    assert_eq!(r.code, 1);
}

#[test]
fn concise_format() {
    let r = snap!(
        "lint_concise",
        run(&["lint", "--format", "concise", "bad", "good", "utf16"])
    );
    assert_eq!(r.code, 1);
}

#[test]
fn json_format() {
    let r = snap!(
        "lint_json",
        run(&[
            "lint",
            "--format",
            "json",
            "bad/duplicate.inf",
            "utf16",
            "good"
        ])
    );
    assert_eq!(r.code, 1);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["files"], 3);
}

#[test]
fn github_format() {
    let r = snap!(
        "lint_github",
        run(&["lint", "--format", "github", "bad", "good"])
    );
    assert_eq!(r.code, 1);
}

#[test]
fn junit_format() {
    let r = snap!(
        "lint_junit",
        run(&["lint", "--format", "junit", "bad", "good", "missing.inf"])
    );
    assert_eq!(r.code, 2);
}

#[test]
fn gitlab_format() {
    let r = snap!(
        "lint_gitlab",
        run(&["lint", "--format", "gitlab", "bad", "good"])
    );
    assert_eq!(r.code, 1);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let fps: std::collections::HashSet<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(
        fps.len(),
        v.as_array().unwrap().len(),
        "GitLab fingerprints must be unique"
    );
}

/// Validates against the vendored OASIS schema, checks what code scanning relies on, then
/// snapshots the document with the parts that change whenever a rule is added redacted.
#[test]
fn sarif_format_is_valid_and_complete() {
    let r = run(&[
        "lint",
        "--format",
        "sarif",
        "bad",
        "good",
        "utf16",
        "missing.inf",
    ]);
    assert_eq!(r.code, 2);
    let mut doc: Value = serde_json::from_str(&r.stdout).unwrap();
    validate_sarif(&doc);

    let run0 = &doc["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(
        rules.len(),
        lint::RULES.len(),
        "every rule is listed, not only those that fired"
    );
    for res in run0["results"].as_array().unwrap() {
        let idx = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], res["ruleId"]);
        assert!(res["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .unwrap()
            .contains(':'));
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
    }
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    assert_eq!(run0["invocations"][0]["executionSuccessful"], false);

    let driver = &mut doc["runs"][0]["tool"]["driver"];
    driver["rules"] = Value::from(format!("[{} rules]", lint::RULES.len()));
    driver["fullName"] = Value::from("[redacted]");
    driver["properties"]["ruleset"] = Value::from("[redacted]");
    doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] = Value::from("file:///[cwd]/");
    for res in doc["runs"][0]["results"].as_array_mut().unwrap() {
        res["ruleIndex"] = Value::from("[index]");
    }
    settings().bind(|| {
        let mut s = settings();
        s.add_filter(r"\[\d+ rules\]", "[N rules]");
        s.bind(|| {
            insta::assert_snapshot!("lint_sarif", serde_json::to_string_pretty(&doc).unwrap())
        });
    });
    assert_eq!(r.stderr, "error: `missing.inf`: no such file or folder\n");
}

fn validate_sarif(doc: &Value) {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let id = schema["$id"].as_str().unwrap().to_owned();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler.add_resource(&id, schema).unwrap();
    let index = compiler.compile(&id, &mut schemas).unwrap();
    if let Err(e) = schemas.validate(doc, index) {
        panic!("SARIF output does not match the 2.1.0 schema:\n{e:#}");
    }
}

// ---------------------------------------------------------------- options

#[test]
fn statistics_and_quiet() {
    snap!(
        "lint_statistics",
        run(&[
            "lint",
            "--statistics",
            "--format",
            "concise",
            "bad",
            "utf16"
        ])
    );
    let r = snap!(
        "lint_quiet",
        run(&["lint", "-q", "--format", "concise", "bad"])
    );
    assert_eq!(r.code, 1);
    let r = snap!(
        "lint_statistics_sarif_is_a_usage_error",
        run(&["lint", "--statistics", "--format", "sarif", "bad"])
    );
    assert_eq!(r.code, 2);
}

#[test]
fn fail_on_and_clean_files() {
    let r = snap!("lint_clean", run(&["lint", "good"]));
    assert_eq!(r.code, 0);
    let r = run(&["lint", "--fail-on", "info", "--format", "concise", "good"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
}

#[test]
fn color_is_explicit() {
    let plain = run(&["lint", "bad/duplicate.inf"]);
    assert!(!plain.stdout.contains('\u{1b}'), "no color into a pipe");
    let colored = run(&["lint", "--color", "always", "bad/duplicate.inf"]);
    assert!(colored.stdout.contains("\u{1b}["), "--color always colors");
    let mut cmd = std::process::Command::new(common::bin());
    let out = cmd
        .args(["lint", "--color", "auto", "bad/duplicate.inf"])
        .current_dir(fixtures())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
}

#[test]
fn max_file_size_skips_and_fails_unless_allowed() {
    let r = snap!(
        "lint_skipped_file",
        run(&[
            "lint",
            "--max-file-size",
            "100",
            "--format",
            "concise",
            "good",
            "bad/signature.inf"
        ])
    );
    assert_eq!(r.code, 1);
    let r = snap!(
        "lint_skipped_file_allowed",
        run(&[
            "lint",
            "--max-file-size",
            "100",
            "--allow-skipped",
            "--format",
            "json",
            "good"
        ])
    );
    assert_eq!(r.code, 0);
    let r = snap!(
        "lint_bad_size",
        run(&["lint", "--max-file-size", "lots", "good"])
    );
    assert_eq!(r.code, 2);
}

#[test]
fn output_file_is_written_atomically() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("bad"), &dir.path().join("bad"));
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    let r = snap!(
        "lint_output_file",
        run_in(
            dir.path(),
            &["lint", "-f", "json", "-o", "reports/difcheck.json", "bad"],
            None
        )
    );
    assert_eq!(r.code, 1);
    let names: Vec<_> = std::fs::read_dir(dir.path().join("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("difcheck.json")],
        "no temporary file left behind"
    );
    let v: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("reports/difcheck.json")).unwrap(),
    )
    .unwrap();
    let direct: Value =
        serde_json::from_str(&run_in(dir.path(), &["lint", "-f", "json", "bad"], None).stdout)
            .unwrap();
    assert_eq!(
        v, direct,
        "the file holds exactly what standard output would"
    );
    let r = run_in(
        dir.path(),
        &["lint", "-o", "no/such/folder/x.txt", "bad"],
        None,
    );
    assert_eq!(r.code, 2, "{}", r.transcript());
}

#[test]
fn usage_errors() {
    let r = snap!(
        "lint_missing_file",
        run(&["lint", "good/toaster.inf", "missing.inf"])
    );
    assert_eq!(r.code, 2);
    let r = snap!("lint_folder_without_inf", run(&["lint", "empty"]));
    assert_eq!(r.code, 2);
    let r = snap!(
        "lint_bad_codepage",
        run(&["lint", "--codepage", "12345", "good"])
    );
    assert_eq!(r.code, 2);
    let r = snap!(
        "lint_stdin_filename_without_stdin",
        run(&["lint", "--stdin-filename", "x.inf", "good"])
    );
    assert_eq!(r.code, 2);
    let r = snap!("lint_bad_glob", run(&["lint", "--exclude", "a[", "good"]));
    assert_eq!(r.code, 2);
    let r = snap!(
        "lint_sources",
        run(&["lint", "--sources", "bad", "-f", "concise", "good"])
    );
    assert_eq!(r.code, 0);
    let r = snap!(
        "lint_sources_missing",
        run(&["lint", "--sources", "no-such-folder", "good"])
    );
    assert_eq!(r.code, 2);
    let r = snap!(
        "lint_bad_target",
        run(&["lint", "--target", "NTmips", "good"])
    );
    assert_eq!(r.code, 2);
    let r = run(&[
        "lint",
        "--arch",
        "amd64",
        "--os",
        "10.0.22621",
        "-f",
        "concise",
        "good",
    ]);
    assert_eq!(r.code, 0, "{}", r.transcript());
}

// ---------------------------------------------------------------- inputs

/// A folder with a `.gitignore`: ignored files are not linted, `.inx` and `.inf.in` are, plain
/// text files are not; --no-ignore, --include and --exclude change that.
#[test]
fn folder_with_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    copy_tree(&fixtures().join("tree"), &tree);
    // Written here, not committed: the fixture's own .gitignore would keep them out of git.
    std::fs::create_dir_all(tree.join("build")).unwrap();
    std::fs::copy(
        fixtures().join("bad/duplicate.inf"),
        tree.join("build/out.inf"),
    )
    .unwrap();
    std::fs::copy(
        fixtures().join("bad/duplicate.inf"),
        tree.join("drivers/old.generated.inf"),
    )
    .unwrap();
    std::fs::create_dir_all(tree.join(".hidden")).unwrap();
    std::fs::copy(
        fixtures().join("bad/duplicate.inf"),
        tree.join(".hidden/h.inf"),
    )
    .unwrap();

    let r = snap!(
        "lint_folder_gitignore",
        run_in(dir.path(), &["lint", "-f", "concise", "tree"], None)
    );
    assert_eq!(r.code, 1);
    snap!(
        "lint_folder_no_ignore",
        run_in(
            dir.path(),
            &["lint", "-f", "concise", "--no-ignore", "tree"],
            None
        )
    );
    snap!(
        "lint_folder_include_exclude",
        run_in(
            dir.path(),
            &[
                "lint",
                "-f",
                "concise",
                "--include",
                "*.txt",
                "--exclude",
                "templates/**",
                "tree"
            ],
            None
        )
    );
    // From inside the folder, `.` finds the same files, reported without `./`.
    snap!(
        "lint_folder_dot",
        run_in(&tree, &["lint", "-f", "concise"], None)
    );
}

#[test]
fn stdin() {
    let bytes = std::fs::read(fixtures().join("bad/duplicate.inf")).unwrap();
    let r = snap!(
        "lint_stdin_named",
        run_in(
            &fixtures(),
            &[
                "lint",
                "-f",
                "concise",
                "-",
                "--stdin-filename",
                "drivers/piped.inf"
            ],
            Some(&bytes)
        )
    );
    assert_eq!(r.code, 1);
    let r = snap!(
        "lint_stdin_unnamed",
        run_in(&fixtures(), &["lint", "-f", "json", "-"], Some(&bytes))
    );
    assert_eq!(r.code, 1);
    let utf16 = std::fs::read(fixtures().join("utf16/duplicate-utf16.inf")).unwrap();
    let r = snap!(
        "lint_stdin_utf16_human",
        run_in(
            &fixtures(),
            &["lint", "-", "--stdin-filename", "piped-utf16.inf"],
            Some(&utf16)
        )
    );
    assert_eq!(r.code, 1);
}

#[test]
fn utf16_file_human() {
    let r = snap!(
        "lint_utf16_human",
        run(&["lint", "utf16/duplicate-utf16.inf"])
    );
    assert_eq!(r.code, 1);
}

/// Files that cannot be linted are reported in every format, never dropped: a FIFO named like an
/// INF, a symbolic-link loop, a dangling link, and a file name that is not UTF-8.
#[cfg(unix)]
#[test]
fn unreadable_and_strange_files_are_accounted_for() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("pkg");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::copy(fixtures().join("good/toaster.inf"), root.join("ok.inf")).unwrap();
    let odd = root.join(std::ffi::OsStr::from_bytes(b"caf\xe9.inf"));
    std::fs::copy(fixtures().join("bad/duplicate.inf"), odd).unwrap();
    std::os::unix::fs::symlink("loop.inf", root.join("loop.inf")).unwrap();
    std::os::unix::fs::symlink("gone.inf", root.join("dangling.inf")).unwrap();
    std::os::unix::fs::symlink("..", root.join("sub/up")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(root.join("pipe.inf"))
        .status();
    let have_fifo = fifo.is_ok_and(|s| s.success());

    let r = run_in(dir.path(), &["lint", "-f", "concise", "pkg"], None);
    assert_eq!(r.code, 1, "{}", r.transcript());
    for expected in [
        "pkg/caf\u{FFFD}.inf:43:1: error[INF1209]",
        "pkg/loop.inf: error: could not lint",
        "pkg/dangling.inf: error: could not lint: broken symbolic link",
        "pkg/sub/up: error: could not lint: symbolic link loop",
    ] {
        assert!(
            r.stdout.contains(expected),
            "missing {expected:?} in\n{}",
            r.stdout
        );
    }
    assert!(
        r.stdout.starts_with("pkg/caf"),
        "sorted by path: {}",
        r.stdout
    );
    if have_fifo {
        assert!(
            r.stdout
                .contains("pkg/pipe.inf: error: could not lint: not a regular file"),
            "{}",
            r.stdout
        );
    }
    let j = run_in(dir.path(), &["lint", "-f", "json", "pkg"], None);
    let v: Value = serde_json::from_str(&j.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"pkg/caf\u{FFFD}.inf"), "{paths:?}");
    assert!(paths.contains(&"pkg/ok.inf"), "{paths:?}");
    let s = run_in(dir.path(), &["lint", "-f", "sarif", "pkg"], None);
    let doc: Value = serde_json::from_str(&s.stdout).unwrap();
    validate_sarif(&doc);
    assert!(
        s.stdout.contains("pkg/caf%E9.inf"),
        "non-UTF-8 names keep their bytes in SARIF URIs"
    );
    // The loop through a folder link is reported with its path, and the run fails.
    assert!(s.stdout.contains("symbolic link loop"));
    // Named explicitly, a self-referencing link is a file that cannot be followed.
    let e = snap!(
        "lint_explicit_link_loop",
        run_in(&root, &["lint", "-f", "concise", "loop.inf"], None)
    );
    assert_eq!(e.code, 1);
}

/// `working-tree-encoding`: the UTF-8 form git stores is accepted, with a note saying what
/// Windows receives; without the attribute nothing is added.
#[test]
fn git_working_tree_encoding_notes() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("be")).unwrap();
    std::fs::write(
        repo.join(".gitattributes"),
        "*.inf text working-tree-encoding=UTF-16LE-BOM eol=crlf\n",
    )
    .unwrap();
    std::fs::write(
        repo.join("be/.gitattributes"),
        "*.inf working-tree-encoding=UTF-16\n",
    )
    .unwrap();
    let text = std::fs::read_to_string(fixtures().join("good/toaster.inf"))
        .unwrap()
        .replace("Fabrikam Toaster\"", "Fabrikam Tōaster\"");
    std::fs::write(repo.join("stored.inf"), &text).unwrap();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    std::fs::write(repo.join("stored-bom.inf"), &bom).unwrap();
    std::fs::write(repo.join("be/stored.inf"), &text).unwrap();
    let checked_out: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    std::fs::write(repo.join("checked-out.inf"), checked_out).unwrap();
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("plain-bom.inf"), &bom).unwrap();

    let r = snap!(
        "lint_git_encoding_concise",
        run_in(
            dir.path(),
            &["lint", "-f", "concise", "repo", "outside"],
            None
        )
    );
    // The encoding findings of `outside/plain-bom.inf` (no attribute) and `repo/be/stored.inf`
    // (an attribute that makes a checkout Windows rejects) fail the run; the stored UTF-8 forms
    // under `UTF-16LE-BOM` do not.
    assert_eq!(r.code, 1);
    let mut lines = r.stdout.lines().filter(|l| l.contains("INF1003"));
    assert!(
        lines
            .all(|l| l.starts_with("outside/plain-bom.inf") || l.starts_with("repo/be/stored.inf")),
        "{}",
        r.stdout
    );
    let ok = run_in(
        dir.path(),
        &[
            "lint",
            "-f",
            "concise",
            "repo/stored.inf",
            "repo/stored-bom.inf",
            "repo/checked-out.inf",
        ],
        None,
    );
    assert!(!ok.stdout.contains("INF1003"), "{}", ok.stdout);
    snap!(
        "lint_git_encoding_json",
        run_in(
            dir.path(),
            &[
                "lint",
                "-f",
                "json",
                "repo/stored.inf",
                "repo/be/stored.inf"
            ],
            None
        )
    );
    // Standard input named after a file of the work tree gets the same treatment (`git show
    // HEAD:stored.inf | difcheck lint - --stdin-filename stored.inf`).
    snap!(
        "lint_git_encoding_stdin",
        run_in(
            &repo,
            &[
                "lint",
                "-f",
                "concise",
                "-",
                "--stdin-filename",
                "stored.inf"
            ],
            Some(text.as_bytes())
        )
    );
}

// ---------------------------------------------------------------- configuration

/// `difcheck.toml` is discovered per file; `--config`, `--isolated`, `--select`, `--ignore` and
/// `--no-inline-suppressions` change what runs; command-line flags win over the file; an
/// invalid file is a usage error that names the file, line and column.
#[test]
fn configuration_and_rule_selection() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("proj/.git")).unwrap();
    std::fs::create_dir_all(root.join("broken/.git")).unwrap();
    std::fs::copy(
        fixtures().join("bad/duplicate.inf"),
        root.join("proj/dup.inf"),
    )
    .unwrap();
    std::fs::write(
        root.join("proj/difcheck.toml"),
        "[severity]\nINF1209 = \"warning\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("other.toml"),
        "ignore = [\"duplicate-section\"]\n",
    )
    .unwrap();
    std::fs::copy(
        fixtures().join("bad/duplicate.inf"),
        root.join("broken/dup.inf"),
    )
    .unwrap();
    std::fs::write(
        root.join("broken/difcheck.toml"),
        "profile = \"strictest\"\n",
    )
    .unwrap();
    let suppressed = std::fs::read_to_string(fixtures().join("bad/duplicate.inf"))
        .unwrap()
        .replacen(
            "\n[Strings]\n",
            "\n[Strings] ; difcheck: ignore[INF1209] kept apart on purpose\n",
            1,
        );
    std::fs::write(root.join("proj/suppressed.inf"), suppressed).unwrap();

    let r = snap!(
        "config_discovered",
        run_in(root, &["lint", "-f", "concise", "-q", "proj"], None)
    );
    assert_eq!(r.code, 0, "the file makes INF1209 a warning");
    let r = run_in(
        root,
        &[
            "lint",
            "-f",
            "concise",
            "-q",
            "--fail-on",
            "warning",
            "proj",
        ],
        None,
    );
    assert_eq!(r.code, 1);
    let r = snap!(
        "config_isolated",
        run_in(
            root,
            &["lint", "-f", "concise", "-q", "--isolated", "proj"],
            None
        )
    );
    assert_eq!(r.code, 1);
    let r = snap!(
        "config_explicit",
        run_in(
            root,
            &[
                "lint",
                "-f",
                "concise",
                "-q",
                "--config",
                "other.toml",
                "proj"
            ],
            None
        )
    );
    assert_eq!(r.code, 0);
    let r = snap!(
        "config_no_inline_suppressions",
        run_in(
            root,
            &[
                "lint",
                "-f",
                "concise",
                "-q",
                "--isolated",
                "--no-inline-suppressions",
                "proj/suppressed.inf"
            ],
            None
        )
    );
    assert_eq!(r.code, 1);
    let j = run_in(
        root,
        &["lint", "-f", "json", "--isolated", "proj/suppressed.inf"],
        None,
    );
    let v: Value = serde_json::from_str(&j.stdout).unwrap();
    assert_eq!(v["files"][0]["suppressed"], 1, "{}", j.stdout);
    let r = snap!(
        "select_and_ignore",
        run(&[
            "lint",
            "-f",
            "concise",
            "-q",
            "--select",
            "INF1233",
            "--select",
            "1001",
            "--ignore",
            "bad-signature",
            "bad"
        ])
    );
    assert_eq!(r.code, 1);
    let r = snap!(
        "select_unknown_rule",
        run(&["lint", "--select", "INF0000", "bad"])
    );
    assert_eq!(r.code, 2);
    let r = snap!(
        "config_invalid",
        run_in(root, &["lint", "-f", "concise", "proj", "broken"], None)
    );
    assert_eq!(r.code, 2);
    let j = run_in(root, &["lint", "-f", "json", "proj/dup.inf"], None);
    let v: Value = serde_json::from_str(&j.stdout).unwrap();
    assert_eq!(v["files"][0]["config"], "proj/difcheck.toml");
}

// ---------------------------------------------------------------- baselines

#[test]
fn baseline_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("drivers")).unwrap();
    let original = std::fs::read_to_string(fixtures().join("bad/duplicate.inf")).unwrap();
    std::fs::write(root.join("drivers/dup.inf"), &original).unwrap();

    let r = snap!(
        "baseline_write",
        run_in(
            root,
            &[
                "lint",
                "-f",
                "concise",
                "--write-baseline",
                "difcheck-baseline.json",
                "drivers"
            ],
            None
        )
    );
    assert_eq!(
        r.code, 0,
        "everything is accepted by the baseline just written"
    );
    let file = std::fs::read_to_string(root.join("difcheck-baseline.json")).unwrap();
    settings().bind(|| insta::assert_snapshot!("baseline_file", file));

    // Lines added above the finding move it; it stays matched.
    std::fs::write(
        root.join("drivers/dup.inf"),
        format!("; a new comment\n; and another\n{original}"),
    )
    .unwrap();
    let r = snap!(
        "baseline_lines_moved",
        run_in(
            root,
            &[
                "lint",
                "-f",
                "concise",
                "--baseline",
                "difcheck-baseline.json",
                "drivers"
            ],
            None
        )
    );
    assert_eq!(r.code, 0);

    // A new problem is reported; the old one still is not. Run from another folder: paths in
    // the baseline are relative to the baseline file.
    std::fs::write(
        root.join("drivers/dup.inf"),
        format!("{original}\n[Version]\nClass = Other\n"),
    )
    .unwrap();
    let r = snap!(
        "baseline_new_finding",
        run_in(
            &root.join("drivers"),
            &[
                "lint",
                "-f",
                "concise",
                "--baseline",
                "../difcheck-baseline.json",
                "."
            ],
            None
        )
    );
    assert_eq!(r.code, 1);

    let r = snap!(
        "baseline_missing_file",
        run_in(root, &["lint", "--baseline", "nope.json", "drivers"], None)
    );
    assert_eq!(r.code, 2);
    let r = snap!(
        "baseline_conflicting_flags",
        run_in(
            root,
            &[
                "lint",
                "--baseline",
                "a.json",
                "--write-baseline",
                "b.json",
                "drivers"
            ],
            None
        )
    );
    assert_eq!(r.code, 2);

    // A baseline that cannot be written fails the run before any of the report is printed.
    for target in ["no/such/folder/b.json", "drivers"] {
        let r = run_in(
            root,
            &["lint", "-f", "json", "--write-baseline", target, "drivers"],
            None,
        );
        assert_eq!(r.code, 2, "{target}");
        assert_eq!(r.stdout, "", "{target}: nothing printed");
        assert!(
            r.stderr.contains(&format!("cannot write `{target}`")),
            "{target}: {}",
            r.stderr
        );
    }
}

// ---------------------------------------------------------------- other commands

#[test]
fn rules_command() {
    let r = run(&["rules"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout.lines().count(),
        lint::RULES.len() + 1,
        "a header and one row per rule"
    );
    for rule in lint::RULES {
        assert!(r.stdout.contains(rule.code) && r.stdout.contains(rule.name));
    }
    let j = run(&["rules", "--format", "json"]);
    assert_eq!(j.code, 0);
    let v: Value = serde_json::from_str(&j.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), lint::RULES.len());
    // The table's first rows are pinned (rules are added over time; the whole registry is pinned
    // by the lint crate's own snapshot).
    // Column widths follow the longest name, so spaces are collapsed for the snapshot.
    let head: String = r
        .stdout
        .lines()
        .take(2)
        .map(|l| format!("{}\n", l.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect();
    settings().bind(|| insta::assert_snapshot!("rules_table_head", head));
    // Rules are listed in code order, like the generated rule docs.
    let codes: Vec<&str> = r
        .stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(codes.windows(2).all(|w| w[0] < w[1]), "not in code order");
    let json_codes: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["code"].as_str())
        .collect();
    assert_eq!(json_codes, codes);
    let first = serde_json::to_string_pretty(&v[0]).unwrap();
    settings().bind(|| insta::assert_snapshot!("rules_json_first", first));
}

#[test]
fn explain_command() {
    let r = snap!("explain_code", run(&["explain", "INF1209"]));
    assert_eq!(r.code, 0);
    let by_number = run(&["explain", "1209"]);
    assert_eq!(
        by_number.stdout, r.stdout,
        "InfVerif numbers find the same rule"
    );
    let by_name = run(&["explain", "duplicate-section"]);
    assert_eq!(by_name.stdout, r.stdout, "names find the same rule");
    // A letter O for a zero.
    let r = snap!("explain_typo", run(&["explain", "INF12O9"]));
    assert_eq!(r.code, 2);
    let r = snap!("explain_unknown", run(&["explain", "nothing-like-this"]));
    assert_eq!(r.code, 2);
}

#[test]
fn version_and_help() {
    let r = snap!("version", run(&["--version"]));
    assert_eq!(r.code, 0);
    snap!("help", run(&["--help"]));
    snap!("lint_help", run(&["lint", "--help"]));
    let r = snap!("no_command", run(&[]));
    assert_eq!(r.code, 2);
}

#[test]
fn completions_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}");
        assert!(
            r.stdout.contains("stdin-filename"),
            "{shell} completions know lint's options"
        );
    }
    snap!("completions_bash", run(&["completions", "bash"]));
    let r = snap!("completions_unknown_shell", run(&["completions", "tcsh"]));
    assert_eq!(r.code, 2);
}

#[test]
fn man_command() {
    let r = run(&["man"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.starts_with(".ie \\n(.g .ds Aq \\(aq") || r.stdout.contains(".TH difcheck"),
        "{}",
        &r.stdout[..200.min(r.stdout.len())]
    );
    snap!("man_page", r);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man");
    let r = run_in(dir.path(), &["man", "--out-dir", "man"], None);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let pages: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for page in [
        "difcheck.1",
        "difcheck-lint.1",
        "difcheck-rules.1",
        "difcheck-explain.1",
        "difcheck-completions.1",
        "difcheck-parse.1",
    ] {
        assert!(
            pages.iter().any(|p| p == page),
            "{page} missing from {pages:?}"
        );
    }
    assert!(
        !pages.iter().any(|p| p == "difcheck-man.1"),
        "the hidden command has no page"
    );
    assert!(std::fs::read_to_string(out.join("difcheck-lint.1"))
        .unwrap()
        .contains("max\\-file\\-size"));
}

#[test]
fn parse_command() {
    let r = snap!("parse_text", run(&["parse", "bad/duplicate.inf"]));
    assert_eq!(r.code, 0);
    let r = snap!("parse_missing", run(&["parse", "missing.inf"]));
    assert_eq!(r.code, 2);
}
