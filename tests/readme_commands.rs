//! End-to-end checks of what README.md promises, through the built `difcheck` binary: the
//! set-up command lints its fixture cleanly, `difcheck parse --format json` keeps the shape the
//! golden checker reads, and the documented exit codes hold.
//!
//! Cargo gives a test the path of a binary only inside the binary's own package, so the many
//! per-format CLI snapshot tests live in `crates/difcheck/tests/`. Here the binary is found in
//! the workspace's target folder (`cargo test --workspace` builds it for those tests) and built
//! with `cargo build -p difcheck` when this package is tested on its own.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `difcheck` binary of this build profile, built on first use if missing.
fn difcheck() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        // target/<profile>/deps/<this test> → target/<profile>/difcheck
        let exe = std::env::current_exe().expect("test executable path");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("target/<profile>");
        let bin = profile_dir.join(format!("difcheck{}", std::env::consts::EXE_SUFFIX));
        if !bin.exists() {
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
            let release = profile_dir.file_name().is_some_and(|n| n == "release");
            let mut cmd = Command::new(cargo);
            cmd.args(["build", "-p", "difcheck"])
                .current_dir(workspace());
            if release {
                cmd.arg("--release");
            }
            let status = cmd.status().expect("run cargo build -p difcheck");
            assert!(status.success(), "cargo build -p difcheck failed");
        }
        bin
    })
}

fn run(args: &[&str]) -> Output {
    Command::new(difcheck())
        .args(args)
        .current_dir(workspace())
        .env("NO_COLOR", "1")
        .output()
        .expect("run difcheck")
}

#[test]
fn readme_setup_command_lints_its_fixture_cleanly() {
    let out = run(&["lint", "fixtures/basic/widget.inf"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {stdout}\nstderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("1 file: 0 errors"),
        "summary missing: {stdout}"
    );
}

#[test]
fn the_fixture_is_also_clean_in_the_strictest_profile() {
    let out = run(&[
        "lint",
        "fixtures/basic/widget.inf",
        "--profile",
        "windows-driver",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["version"], 1);
    assert_eq!(v["files"][0]["status"], "linted");
    assert_eq!(
        v["files"][0]["diagnostics"].as_array().map(Vec::len),
        Some(0)
    );
}

#[test]
fn parse_json_has_the_shape_the_golden_checker_reads() {
    let out = run(&["parse", "fixtures/basic/widget.inf", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["encoding"], "ansi");
    assert!(v["open_error"].is_null());
    let sections = v["sections"].as_array().expect("sections");
    let version = sections
        .iter()
        .find(|s| s["name"] == "Version")
        .expect("[Version]");
    let signature = &version["lines"][0];
    assert_eq!(signature["line"], 4);
    assert_eq!(signature["key"], "Signature");
    assert_eq!(signature["fields"][0], "$WINDOWS NT$");
    assert_eq!(signature["raw_fields"][0], "$WINDOWS NT$");
    // `%strkey%` substitution: the Provider line reads the Strings value.
    let provider = version["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["key"] == "Provider")
        .unwrap();
    assert_eq!(provider["fields"][0], "Contoso");
    assert_eq!(provider["raw_fields"][0], "%ManufacturerName%");
}

#[test]
fn documented_exit_codes_hold() {
    // Findings at or above --fail-on: 1.
    let out = run(&["lint", "fixtures/cli/bad/duplicate.inf", "-q"]);
    assert_eq!(out.status.code(), Some(1));
    // A path that does not exist: usage or I/O error, 2.
    let out = run(&["lint", "fixtures/does-not-exist.inf"]);
    assert_eq!(out.status.code(), Some(2));
    // An unknown rule in `explain`: 2; a known one: 0 with its documentation.
    assert_eq!(run(&["explain", "NOPE9999"]).status.code(), Some(2));
    let out = run(&["explain", "1209"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("## What it does"));
}
