//! `cargo xtask fuzz [--seconds N] [--target NAME]… [--timeout S] [--toolchain T] [-- ARGS…]`:
//! seed the fuzz corpora from the project's own fixtures, run every `cargo fuzz` target (or the
//! ones named) for N seconds each, one after the other, and fail if any target crashed, hung or
//! ran out of memory, printing the input that did it.
//!
//! Targets (`fuzz/fuzz_targets/`): `parse` (decoder, tokenizer, semantic view), `lint` (the
//! lint engine in every profile, INF and INX, and its JSON form) and `source` (installer-source
//! analysis). Their checks are shared with `cargo test` (`tests/support/` of inf-parser, lint
//! and dif-model), so a crash reproduces there once its input is copied to the crate's
//! `tests/regressions/` folder.
//!
//! libFuzzer needs a nightly compiler (`-Zsanitizer=address`). With a `nightly` toolchain
//! installed through rustup the run uses `cargo +nightly fuzz`; otherwise `cargo fuzz` with
//! `RUSTC_BOOTSTRAP=1`, which lets a stable compiler accept the nightly flags. `--toolchain`
//! chooses explicitly (`--toolchain stable` means the `RUSTC_BOOTSTRAP` way).
//!
//! Each target's full libFuzzer output goes to `fuzz/logs/<target>.log`; the console shows the
//! build, libFuzzer's periodic status lines and anything that goes wrong. `--seed-only` only
//! fills the corpora, for running `cargo fuzz run <target>` by hand.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

#[path = "../../crates/dif-model/tests/support/source_input.rs"]
mod source_input;

const USAGE: &str = "usage: cargo xtask fuzz [--seconds N] [--target parse|lint|source]… \
                     [--timeout S] [--toolchain nightly|stable|NAME] [--seed-only] \
                     [-- LIBFUZZER-ARGS…]\n\
                     Runs each fuzz target N seconds (default 60) after seeding its corpus from \
                     our fixtures; fails on a crash, a hang (an input slower than S seconds, \
                     default 20) or running out of memory (2 GB).";

/// Every fuzz target, in the order they run.
pub const TARGETS: [&str; 3] = ["parse", "lint", "source"];

/// Options of `cargo xtask fuzz`.
#[derive(Debug)]
pub struct FuzzArgs {
    /// Seconds of fuzzing per target.
    pub seconds: u64,
    /// The targets to run (all when none is named).
    pub targets: Vec<String>,
    /// libFuzzer's per-input time limit: an input that takes longer is reported as a hang.
    pub timeout: u64,
    /// `nightly` (or another rustup toolchain name), or `stable` for `RUSTC_BOOTSTRAP=1`;
    /// `None` picks nightly when rustup has it.
    pub toolchain: Option<String>,
    /// Extra arguments for libFuzzer.
    pub libfuzzer_args: Vec<String>,
    /// Only seed the corpora (for running `cargo fuzz` by hand afterwards).
    pub seed_only: bool,
}

/// Parses the arguments after `cargo xtask fuzz`.
pub fn args_from(rest: &[String]) -> Result<FuzzArgs> {
    let mut args = FuzzArgs {
        seconds: 60,
        targets: Vec::new(),
        timeout: 20,
        toolchain: None,
        libfuzzer_args: Vec::new(),
        seed_only: false,
    };
    let mut it = rest.iter();
    let number = |flag: &str, v: Option<&String>| -> Result<u64> {
        v.and_then(|v| v.parse().ok())
            .filter(|&n: &u64| n > 0)
            .with_context(|| format!("{flag} needs a positive number"))
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seconds" => args.seconds = number("--seconds", it.next())?,
            "--timeout" => args.timeout = number("--timeout", it.next())?,
            "--target" => {
                let Some(t) = it.next() else {
                    bail!("--target needs a name ({})", TARGETS.join(", "));
                };
                if !TARGETS.contains(&t.as_str()) {
                    bail!(
                        "unknown fuzz target `{t}` (targets: {})",
                        TARGETS.join(", ")
                    );
                }
                args.targets.push(t.clone());
            }
            "--toolchain" => {
                let Some(t) = it.next() else {
                    bail!("--toolchain needs a name (nightly, stable, …)");
                };
                args.toolchain = Some(t.clone());
            }
            "--" => {
                args.libfuzzer_args.extend(it.by_ref().cloned());
            }
            "--seed-only" => args.seed_only = true,
            "-h" | "--help" => bail!("{USAGE}"),
            other => bail!("unknown option `{other}`\n{USAGE}"),
        }
    }
    if args.targets.is_empty() {
        args.targets = TARGETS.iter().map(|t| (*t).to_owned()).collect();
    }
    Ok(args)
}

/// The repository root (the folder above `xtask/`).
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the repository")
        .to_path_buf()
}

/// How a target's run ended.
#[derive(Debug)]
enum Outcome {
    /// Ran for the whole time without a failure.
    Clean,
    /// libFuzzer stopped on an input (crash, timeout, out-of-memory, leak), written here.
    Found { kind: String, input: PathBuf },
    /// Failed without an input (a build error, a bad flag); the reason.
    Failed(String),
}

/// One target's result.
struct TargetRun {
    target: String,
    outcome: Outcome,
    executions: Option<u64>,
    /// Seconds spent fuzzing, as libFuzzer reports them (without the build).
    fuzz_seconds: Option<u64>,
    elapsed: Duration,
    corpus_files: usize,
    log: PathBuf,
}

/// Runs the fuzzers and prints a summary; fails when any target did not run clean.
pub fn run(args: &FuzzArgs) -> Result<()> {
    let root = repo_root();
    if args.seed_only {
        for target in &args.targets {
            let seeded = seed(&root, target)?;
            println!("fuzz/corpus/{target}: {seeded} seed files added from our fixtures");
        }
        return Ok(());
    }
    let (cargo_prefix, bootstrap) = toolchain(args.toolchain.as_deref())?;
    check_cargo_fuzz(&root, &cargo_prefix, bootstrap)?;
    std::fs::create_dir_all(root.join("fuzz/logs"))?;

    let mut runs = Vec::new();
    for target in &args.targets {
        let seeded = seed(&root, target)?;
        println!("== fuzz target `{target}`: {seeded} seed files added from our fixtures");
        runs.push(run_target(&root, target, args, &cargo_prefix, bootstrap)?);
    }

    println!();
    println!("fuzz summary ({} s per target):", args.seconds);
    println!(
        "  {:<8} {:>14} {:>10} {:>9} {:>9} {:>8}  outcome",
        "target", "executions", "exec/s", "fuzzed s", "total s", "corpus"
    );
    let mut failed = 0;
    for r in &runs {
        let execs = r.executions.map_or("?".to_owned(), |n| n.to_string());
        let fuzzed = r.fuzz_seconds.map_or("?".to_owned(), |s| s.to_string());
        let rate = match (r.executions, r.fuzz_seconds) {
            (Some(n), Some(s)) => format!("{:.0}", n as f64 / (s.max(1) as f64)),
            _ => "?".to_owned(),
        };
        let outcome = match &r.outcome {
            Outcome::Clean => "clean".to_owned(),
            Outcome::Found { kind, input } => {
                failed += 1;
                format!("{kind}: {}", input.display())
            }
            Outcome::Failed(why) => {
                failed += 1;
                format!("failed: {why} (log: {})", r.log.display())
            }
        };
        println!(
            "  {:<8} {:>14} {:>10} {:>9} {:>9.0} {:>8}  {outcome}",
            r.target,
            execs,
            rate,
            fuzzed,
            r.elapsed.as_secs_f64(),
            r.corpus_files
        );
    }
    for r in &runs {
        if let Outcome::Found { input, .. } = &r.outcome {
            let crate_dir = match r.target.as_str() {
                "parse" => "crates/inf-parser",
                "lint" => "crates/lint",
                _ => "crates/dif-model",
            };
            println!(
                "\n`{}` stopped on {}\n  reproduce: cargo +nightly fuzz run {} {}\n  as a regression test: copy it to {crate_dir}/tests/regressions/ and run `cargo test -p {}`",
                r.target,
                input.display(),
                r.target,
                input.display(),
                crate_dir.trim_start_matches("crates/"),
            );
        }
    }
    if failed > 0 {
        bail!("{failed} of {} fuzz targets did not run clean", runs.len());
    }
    Ok(())
}

/// The `cargo` arguments that select the toolchain, and whether `RUSTC_BOOTSTRAP=1` is needed.
fn toolchain(asked: Option<&str>) -> Result<(Vec<String>, bool)> {
    match asked {
        Some("stable") => Ok((Vec::new(), true)),
        Some(name) => Ok((vec![format!("+{name}")], false)),
        None => {
            let listed = Command::new("rustup")
                .args(["toolchain", "list"])
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
                .unwrap_or_default();
            if listed.lines().any(|l| l.starts_with("nightly")) {
                Ok((vec!["+nightly".to_owned()], false))
            } else {
                Ok((Vec::new(), true))
            }
        }
    }
}

/// A `cargo` command for the chosen toolchain, run from the repository root, without the
/// variables the outer `cargo run` set (they would pin the inner cargo to this toolchain).
fn cargo(root: &Path, prefix: &[String], bootstrap: bool) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.args(prefix)
        .current_dir(root)
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("CARGO")
        .env_remove("RUSTC")
        .env_remove("CARGO_TARGET_DIR");
    if bootstrap {
        cmd.env("RUSTC_BOOTSTRAP", "1");
    }
    cmd
}

fn check_cargo_fuzz(root: &Path, prefix: &[String], bootstrap: bool) -> Result<()> {
    let ok = cargo(root, prefix, bootstrap)
        .args(["fuzz", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        bail!(
            "`cargo {}fuzz` is not available: install it with `cargo install cargo-fuzz` (and a \
             nightly toolchain with `rustup toolchain install nightly`, or run with \
             `--toolchain stable` to use RUSTC_BOOTSTRAP=1)",
            prefix.iter().map(|p| format!("{p} ")).collect::<String>()
        );
    }
    Ok(())
}

/// Copies the fixtures we wrote into `fuzz/corpus/<target>` (names prefixed `seed-`, existing
/// ones kept), as the target reads them. Returns how many files were added.
fn seed(root: &Path, target: &str) -> Result<usize> {
    let corpus = root.join("fuzz/corpus").join(target);
    std::fs::create_dir_all(&corpus)?;
    let mut seeds: Vec<(String, Vec<u8>)> = Vec::new();
    match target {
        "parse" | "lint" => {
            let mut dirs = vec![
                root.join("fixtures"),
                root.join("crates/lint/tests/fixtures"),
                root.join("crates/inf-parser/tests/regressions"),
            ];
            if target == "lint" {
                dirs.push(root.join("crates/lint/tests/regressions"));
            }
            for dir in dirs {
                let regressions = dir.ends_with("regressions");
                for path in files_under(&dir) {
                    let wanted = if regressions {
                        !is_note(&path)
                    } else {
                        crate::corpus::is_inf_like(&path)
                    };
                    if wanted {
                        seeds.push((seed_name(root, &path), std::fs::read(&path)?));
                    }
                }
            }
        }
        "source" => {
            let fixtures = root.join("crates/dif-model/tests/fixtures/sources");
            let mut folders = BTreeSet::new();
            for path in files_under(&fixtures) {
                let ext = extension(&path);
                if source_input::EXTENSIONS.contains(&ext.as_str()) {
                    let bytes = std::fs::read(&path)?;
                    seeds.push((seed_name(root, &path), source_input::input_of(&ext, &bytes)));
                    if let Some(parent) = path.parent() {
                        folders.insert(parent.to_path_buf());
                    }
                }
            }
            // Each fixture's code file together with its `.def`, as a package ships them.
            for folder in folders {
                let files = files_under(&folder);
                let Some(def) = files.iter().find(|p| extension(p) == "def") else {
                    continue;
                };
                let def_bytes = std::fs::read(def)?;
                for code in files
                    .iter()
                    .filter(|p| matches!(extension(p).as_str(), "c" | "cpp"))
                {
                    let pair = source_input::input_of_pair(
                        &extension(code),
                        &std::fs::read(code)?,
                        &def_bytes,
                    );
                    seeds.push((format!("{}+def", seed_name(root, code)), pair));
                }
            }
            for path in files_under(&root.join("crates/dif-model/tests/regressions")) {
                if !is_note(&path) {
                    seeds.push((seed_name(root, &path), std::fs::read(&path)?));
                }
            }
        }
        other => bail!("unknown fuzz target `{other}`"),
    }
    let mut added = 0;
    for (name, bytes) in seeds {
        let path = corpus.join(name);
        if !path.exists() {
            std::fs::write(&path, bytes)?;
            added += 1;
        }
    }
    Ok(added)
}

/// Notes kept beside regression inputs (`README.md`, `.gitkeep`) are not inputs.
fn is_note(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.') || name.ends_with(".md")
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// `seed-` and the path below the repository root, flattened into one file name.
fn seed_name(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let flat: String = relative
        .to_string_lossy()
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c == ' ' {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("seed-{flat}")
}

/// Every file below `dir`, sorted (none when it does not exist).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// Runs one target for the configured time and reads what happened from libFuzzer's output.
fn run_target(
    root: &Path,
    target: &str,
    args: &FuzzArgs,
    prefix: &[String],
    bootstrap: bool,
) -> Result<TargetRun> {
    let log_path = root.join("fuzz/logs").join(format!("{target}.log"));
    let mut log = std::fs::File::create(&log_path)
        .with_context(|| format!("cannot create {}", log_path.display()))?;
    let corpus = format!("fuzz/corpus/{target}");
    let mut cmd = cargo(root, prefix, bootstrap);
    cmd.args(["fuzz", "run", target, &corpus, "--"])
        .arg(format!("-max_total_time={}", args.seconds))
        .arg(format!("-timeout={}", args.timeout))
        .arg("-rss_limit_mb=2048")
        .arg("-print_final_stats=1")
        .args(&args.libfuzzer_args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    println!(
        "== running: cargo {}{}fuzz run {target} {corpus} -- -max_total_time={} -timeout={}",
        if bootstrap {
            "(RUSTC_BOOTSTRAP=1) "
        } else {
            ""
        },
        prefix.iter().map(|p| format!("{p} ")).collect::<String>(),
        args.seconds,
        args.timeout
    );
    let started = Instant::now();
    let mut child = cmd.spawn().context("cannot run cargo fuzz")?;
    // cargo-fuzz prints little on stdout; keep it for the log.
    let mut stdout = child.stdout.take().expect("piped stdout");
    let stdout_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });

    let mut scan = OutputScan::default();
    let stderr = child.stderr.take().expect("piped stderr");
    let mut last_status = Instant::now() - Duration::from_secs(60);
    for line in BufReader::new(stderr).split(b'\n') {
        let line = String::from_utf8_lossy(&line?).into_owned();
        writeln!(log, "{line}")?;
        scan.read(&line);
        // The console gets the build, errors, and one status line every 30 s.
        let status_line = line.starts_with('#');
        if !status_line || line.contains("DONE") || last_status.elapsed() >= Duration::from_secs(30)
        {
            if status_line {
                last_status = Instant::now();
            }
            if !line.starts_with("INFO: ") || line.contains("seed") {
                println!("   {line}");
            }
        }
    }
    let status = child.wait().context("waiting for cargo fuzz")?;
    let elapsed = started.elapsed();
    let out = stdout_reader.join().unwrap_or_default();
    log.write_all(out.as_bytes())?;

    let outcome = if status.success() {
        Outcome::Clean
    } else if let Some(input) = scan.artifact.clone() {
        let name = input
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_owned();
        let kind = name.split('-').next().unwrap_or("crash").to_owned();
        let input = if input.is_absolute() {
            input
        } else {
            root.join(input)
        };
        Outcome::Found { kind, input }
    } else {
        Outcome::Failed(match status.code() {
            Some(c) => format!("cargo fuzz exited with {c}"),
            None => "cargo fuzz was killed".to_owned(),
        })
    };
    let corpus_files = std::fs::read_dir(root.join(&corpus))
        .map(|d| d.count())
        .unwrap_or(0);
    Ok(TargetRun {
        target: target.to_owned(),
        outcome,
        executions: scan.executions,
        fuzz_seconds: scan.seconds,
        elapsed,
        corpus_files,
        log: log_path,
    })
}

/// What libFuzzer's output says about a run.
#[derive(Default)]
struct OutputScan {
    /// Inputs executed (final statistics, else the last status line).
    executions: Option<u64>,
    /// Seconds fuzzed (`Done … runs in S second(s)`).
    seconds: Option<u64>,
    /// The input written when the run stopped on a failure.
    artifact: Option<PathBuf>,
}

impl OutputScan {
    fn read(&mut self, line: &str) {
        // `stat::number_of_executed_units: 123` (final statistics) wins over status lines.
        if let Some(n) = line.strip_prefix("stat::number_of_executed_units:") {
            if let Ok(n) = n.trim().parse() {
                self.executions = Some(n);
            }
        } else if let Some(rest) = line.strip_prefix("Done ") {
            // `Done 123 runs in 60 second(s)`
            let words: Vec<&str> = rest.split_whitespace().collect();
            if let Some(n) = words.first().and_then(|n| n.parse().ok()) {
                self.executions = Some(n);
            }
            if let Some(s) = words.get(3).and_then(|s| s.parse().ok()) {
                self.seconds = Some(s);
            }
        } else if let Some(rest) = line.strip_prefix('#') {
            // `#4096 pulse cov: …`, `#123 NEW …`
            if let Some(n) = rest.split_whitespace().next().and_then(|n| n.parse().ok()) {
                if !matches!(self.executions, Some(e) if e >= n) {
                    self.executions = Some(n);
                }
            }
        }
        // `artifact_prefix='…'; Test unit written to fuzz/artifacts/lint/crash-…`
        if let Some(at) = line.find("Test unit written to ") {
            let path = line[at + "Test unit written to ".len()..].trim();
            self.artifact = Some(PathBuf::from(path));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libfuzzer_output() {
        let mut s = OutputScan::default();
        for line in [
            "#2\tINITED cov: 10 ft: 10 corp: 1/1b exec/s: 0 rss: 30Mb",
            "#4096\tpulse  cov: 100 ft: 200 corp: 20/300b lim: 43 exec/s: 2048 rss: 40Mb",
            "==123== ERROR: libFuzzer: deadly signal",
            "artifact_prefix='/r/fuzz/artifacts/lint/'; Test unit written to /r/fuzz/artifacts/lint/crash-abc",
            "stat::number_of_executed_units: 5000",
        ] {
            s.read(line);
        }
        assert_eq!(s.executions, Some(5000));
        assert_eq!(
            s.artifact,
            Some(PathBuf::from("/r/fuzz/artifacts/lint/crash-abc"))
        );
        let mut done = OutputScan::default();
        done.read("#100\tNEW cov: 1");
        assert_eq!(done.executions, Some(100));
        done.read("Done 777 runs in 60 second(s)");
        assert_eq!(done.executions, Some(777));
        assert_eq!(done.seconds, Some(60));
    }

    #[test]
    fn parses_arguments() {
        let a = args_from(&[
            "--seconds".into(),
            "600".into(),
            "--target".into(),
            "lint".into(),
            "--".into(),
            "-jobs=2".into(),
        ])
        .unwrap();
        assert_eq!(a.seconds, 600);
        assert_eq!(a.targets, vec!["lint".to_owned()]);
        assert_eq!(a.libfuzzer_args, vec!["-jobs=2".to_owned()]);
        assert_eq!(args_from(&[]).unwrap().targets.len(), TARGETS.len());
        assert!(args_from(&["--target".into(), "nope".into()]).is_err());
        assert!(args_from(&["--seconds".into(), "0".into()]).is_err());
    }

    #[test]
    fn source_pairs_split_where_the_def_begins() {
        let code = b"int f(void) { return 0; }\n".repeat(37);
        let def = b"LIBRARY x\nEXPORTS\n  f\n";
        let input = source_input::input_of_pair("c", &code, def);
        let files = source_input::split_input(&input);
        assert_eq!(files.len(), 2);
        assert!(files[0].1.starts_with(&code));
        assert!(files[0].1[code.len()..].iter().all(|&b| b == b' '));
        assert_eq!(files[1].1, def);
        assert_eq!(files[1].0, "input.def");
    }
}
