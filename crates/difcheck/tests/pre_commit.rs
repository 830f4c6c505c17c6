//! A real pre-commit run: a temporary git repository whose `.pre-commit-config.yaml` uses the
//! hook published in this repository's `.pre-commit-hooks.yaml` (same `entry`, `language` and
//! `files`, as a `repo: local` hook), refuses a commit with a bad INF and accepts a good one.
//!
//! `pre-commit` comes from PyPI (`pip install pre-commit`); without it the test says so and
//! returns.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{bin, fixtures};

/// The value of `key:` in the first hook of the manifest (the file is ours and flat, so a line
/// scan is enough and keeps a YAML parser out of the dependencies).
fn manifest_value(manifest: &str, key: &str) -> String {
    let prefix = format!("{key}:");
    let line = manifest
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no `{key}` in the manifest"));
    line[prefix.len()..].trim().to_owned()
}

fn ok(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn pre_commit_refuses_a_bad_inf_and_accepts_a_good_one() {
    match Command::new("pre-commit").arg("--version").output() {
        Ok(o) if o.status.success() => {}
        _ => {
            eprintln!("skipped: `pre-commit` is not installed (pip install pre-commit)");
            return;
        }
    }
    let manifest_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.pre-commit-hooks.yaml");
    let manifest = std::fs::read_to_string(&manifest_path).unwrap();

    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    std::fs::create_dir_all(&repo).unwrap();
    let bin_dir = Path::new(bin()).parent().unwrap().to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .unwrap();
    // Isolated from the machine's git and pre-commit configuration (global hooks paths, signing,
    // templates, caches).
    let cmd = |program: &str, args: &[&str]| -> Output {
        Command::new(program)
            .args(args)
            .current_dir(&repo)
            .env("PATH", &path)
            .env("GIT_CONFIG_GLOBAL", tmp.path().join("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("PRE_COMMIT_HOME", tmp.path().join("pre-commit-home"))
            .env("GIT_AUTHOR_NAME", "difcheck test")
            .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
            .env("GIT_COMMITTER_NAME", "difcheck test")
            .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
            .env_remove("NO_COLOR")
            .output()
            .unwrap_or_else(|e| panic!("cannot run {program}: {e}"))
    };

    ok(
        &cmd(
            "pre-commit",
            &["validate-manifest", manifest_path.to_str().unwrap()],
        ),
        "pre-commit validate-manifest",
    );

    ok(&cmd("git", &["init", "-q"]), "git init");
    let config = format!(
        "repos:\n  - repo: local\n    hooks:\n      - id: difcheck\n        name: difcheck\n        entry: {}\n        language: {}\n        files: {}\n",
        manifest_value(&manifest, "entry"),
        manifest_value(&manifest, "language"),
        manifest_value(&manifest, "files"),
    );
    std::fs::write(repo.join(".pre-commit-config.yaml"), config).unwrap();
    ok(&cmd("pre-commit", &["install"]), "pre-commit install");
    std::fs::write(
        repo.join("notes.txt"),
        "not an INF; the hook must not look at it\n",
    )
    .unwrap();
    ok(
        &cmd("git", &["add", ".pre-commit-config.yaml", "notes.txt"]),
        "git add",
    );
    ok(
        &cmd("git", &["commit", "-q", "-m", "config"]),
        "a commit without INF files",
    );

    std::fs::create_dir_all(repo.join("driver")).unwrap();
    std::fs::copy(
        fixtures().join("bad/duplicate.inf"),
        repo.join("driver/Bad.INF"),
    )
    .unwrap();
    ok(&cmd("git", &["add", "driver/Bad.INF"]), "git add");
    let refused = cmd("git", &["commit", "-m", "bad inf"]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&refused.stdout),
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(
        !refused.status.success(),
        "the commit with a bad INF must be refused:\n{text}"
    );
    assert!(
        text.contains("INF1209") && text.contains("driver/Bad.INF"),
        "the hook output names the finding:\n{text}"
    );

    ok(
        &cmd("git", &["rm", "-q", "--cached", "driver/Bad.INF"]),
        "git rm",
    );
    std::fs::remove_file(repo.join("driver/Bad.INF")).unwrap();
    std::fs::copy(
        fixtures().join("good/toaster.inf"),
        repo.join("driver/toaster.inf"),
    )
    .unwrap();
    ok(&cmd("git", &["add", "driver/toaster.inf"]), "git add");
    ok(
        &cmd("git", &["commit", "-q", "-m", "good inf"]),
        "the commit with a good INF",
    );
    let log = cmd("git", &["log", "--format=%s"]);
    assert_eq!(String::from_utf8_lossy(&log.stdout), "good inf\nconfig\n");
}
