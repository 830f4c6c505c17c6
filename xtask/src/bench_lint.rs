//! `cargo xtask bench --lint [DIR] [--runs N]`: wall time of linting the whole corpus in the
//! `windows-driver` profile, with rayon on 1 and on 2 threads.
//!
//! Files are read into memory first, so the numbers exclude file I/O. Each thread count is run
//! `N` times after one warm-up run and the best run is reported. Target (issue "lint: the rule
//! engine"): the whole corpus in under 2 s on 2 threads, in a release build.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use lint::{lint_bytes, LintOptions, Profile};
use rayon::prelude::*;

/// Options of the lint benchmark.
pub struct BenchLintArgs {
    /// Folder to walk for INF/INX files.
    pub dir: PathBuf,
    /// Timed runs per thread count (the best is reported).
    pub runs: usize,
}

/// Parses `cargo xtask bench --lint` arguments: `--lint`, an optional folder and `--runs N`.
pub fn args_from(rest: &[String]) -> Result<BenchLintArgs> {
    let mut dir = None;
    let mut runs = 5usize;
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--lint" => {}
            "--runs" => {
                let Some(n) = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n: &usize| n > 0)
                else {
                    bail!("--runs needs a positive number");
                };
                runs = n;
            }
            flag if flag.starts_with("--") => {
                bail!("unknown option `{flag}` (usage: cargo xtask bench --lint [DIR] [--runs N])")
            }
            path => dir = Some(PathBuf::from(path)),
        }
    }
    Ok(BenchLintArgs {
        dir: dir.unwrap_or_else(|| PathBuf::from("../shared/corpus")),
        runs,
    })
}

/// The 2-thread budget for the whole corpus.
const BUDGET: Duration = Duration::from_secs(2);

/// Runs the benchmark and prints files/s per thread count.
pub fn run(args: &BenchLintArgs) -> Result<()> {
    let paths = crate::corpus::collect_files(&args.dir);
    if paths.is_empty() {
        bail!("no .inf/.inx files under {}", args.dir.display());
    }
    let files: Vec<(PathBuf, Vec<u8>)> = paths
        .into_iter()
        .map(|p| std::fs::read(&p).map(|b| (p, b)))
        .collect::<std::io::Result<_>>()?;
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let options = LintOptions {
        profile: Profile::WindowsDriver,
        ..LintOptions::default()
    };
    println!(
        "lint bench: {} files, {:.1} MB, profile windows-driver, {} rules, best of {} runs",
        files.len(),
        bytes as f64 / 1e6,
        lint::RULES.len(),
        args.runs
    );
    let mut two_threads = None;
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()?;
        // Fresh options per run: they carry the run's cache of installer-source analyses, and a
        // run of the CLI starts with an empty one.
        let lint_all = || -> usize {
            let options = options.clone_fresh();
            pool.install(|| {
                files
                    .par_iter()
                    .map(|(p, b)| lint_bytes(p, b, &options).diagnostics.len())
                    .sum()
            })
        };
        let findings = black_box(lint_all());
        let mut best = Duration::MAX;
        for _ in 0..args.runs {
            let started = Instant::now();
            black_box(lint_all());
            best = best.min(started.elapsed());
        }
        let secs = best.as_secs_f64();
        println!(
            "  {threads} thread(s): {:>8.3} s  {:>9.0} files/s  {:>7.1} MB/s  ({findings} findings)",
            secs,
            files.len() as f64 / secs,
            bytes as f64 / 1e6 / secs
        );
        if threads == 2 {
            two_threads = Some(best);
        }
    }
    if let Some(t) = two_threads {
        let verdict = if t < BUDGET { "within" } else { "OVER" };
        println!(
            "  2 threads: {verdict} the {:.0} s budget",
            BUDGET.as_secs_f64()
        );
    }
    Ok(())
}
