//! `cargo xtask bench --lint [DIR] [--runs N] [--threads N] [--no-warmup] [--dump FILE]`: wall time of
//! linting the whole corpus in the `windows-driver` profile, with rayon on 1 and on 2 threads.
//!
//! Files are read into memory first, so the numbers exclude file I/O. Each thread count is run
//! `N` times after one warm-up run and the best run is reported. `--threads N` runs only that
//! thread count, and `--no-warmup` skips the warm-up run: `--threads 1 --runs 1 --no-warmup`
//! lints the corpus exactly once, for a profiler (perf, callgrind). `--dump FILE` writes every
//! report (each diagnostic in full, and the report's counters) to FILE first, in path order, so
//! that two builds can be shown to find exactly the same things. Target (issue "lint: the rule
//! engine"): the whole corpus in under 2 s on 2 threads, in a release build.

use std::hint::black_box;
use std::path::{Path, PathBuf};
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
    /// The one thread count to run; `None` = 1 and 2.
    pub threads: Option<usize>,
    /// Whether a warm-up run precedes the timed runs.
    pub warmup: bool,
    /// Where to write every report before timing, if anywhere.
    pub dump: Option<PathBuf>,
}

/// Parses `cargo xtask bench --lint` arguments: `--lint`, an optional folder, `--runs N`,
/// `--threads N`, `--no-warmup` and `--dump FILE`.
pub fn args_from(rest: &[String]) -> Result<BenchLintArgs> {
    let mut dir = None;
    let mut runs = 5usize;
    let mut threads = None;
    let mut warmup = true;
    let mut dump = None;
    let mut it = rest.iter();
    let positive = |it: &mut std::slice::Iter<'_, String>, flag: &str| -> Result<usize> {
        match it
            .next()
            .and_then(|n| n.parse().ok())
            .filter(|&n: &usize| n > 0)
        {
            Some(n) => Ok(n),
            None => bail!("{flag} needs a positive number"),
        }
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--lint" => {}
            "--runs" => runs = positive(&mut it, "--runs")?,
            "--threads" => threads = Some(positive(&mut it, "--threads")?),
            "--no-warmup" => warmup = false,
            "--dump" => match it.next() {
                Some(file) => dump = Some(PathBuf::from(file)),
                None => bail!("--dump needs a file name"),
            },
            flag if flag.starts_with("--") => {
                bail!("unknown option `{flag}` (usage: cargo xtask bench --lint [DIR] [--runs N] [--threads N] [--no-warmup] [--dump FILE])")
            }
            path => dir = Some(PathBuf::from(path)),
        }
    }
    Ok(BenchLintArgs {
        dir: dir.unwrap_or_else(|| PathBuf::from("../shared/corpus")),
        runs,
        threads,
        warmup,
        dump,
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
    if let Some(file) = &args.dump {
        dump(&files, &options, file)?;
    }
    let mut two_threads = None;
    let counts = match args.threads {
        Some(n) => vec![n],
        None => vec![1usize, 2],
    };
    for threads in counts {
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
        let mut findings = None;
        if args.warmup {
            findings = Some(black_box(lint_all()));
        }
        let mut best = Duration::MAX;
        for _ in 0..args.runs {
            let started = Instant::now();
            let n = black_box(lint_all());
            best = best.min(started.elapsed());
            findings.get_or_insert(n);
        }
        let findings = findings.unwrap_or_default();
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

/// Writes every report of the corpus to `file`, in path order.
fn dump(files: &[(PathBuf, Vec<u8>)], options: &LintOptions, file: &Path) -> Result<()> {
    use std::fmt::Write as _;
    let options = options.clone_fresh();
    let mut reports: Vec<(PathBuf, String)> = files
        .par_iter()
        .map(|(p, b)| {
            let r = lint_bytes(p, b, &options);
            let mut text = format!(
                "== {} status={:?} archs={:?} suppressed={} masked={} internal={:?} not_analysed={:?}\n",
                p.display(),
                r.status,
                r.stamped_archs,
                r.suppressed,
                r.masked_by_template,
                r.internal_errors,
                r.installers_not_analysed
            );
            for d in &r.diagnostics {
                let _ = writeln!(text, "{d:?}");
            }
            (p.clone(), text)
        })
        .collect();
    reports.sort_by(|a, b| a.0.cmp(&b.0));
    let out: String = reports.into_iter().map(|(_, t)| t).collect();
    std::fs::write(file, out)?;
    println!("  reports written to {}", file.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<BenchLintArgs> {
        args_from(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn parses_arguments() {
        let a = args(&["--lint"]).unwrap();
        assert_eq!((a.runs, a.threads, a.warmup), (5, None, true));
        assert!(a.dump.is_none());
        let a = args(&[
            "--lint",
            "corpus",
            "--threads",
            "1",
            "--runs",
            "1",
            "--no-warmup",
            "--dump",
            "out.txt",
        ])
        .unwrap();
        assert_eq!(a.dir, PathBuf::from("corpus"));
        assert_eq!((a.runs, a.threads, a.warmup), (1, Some(1), false));
        assert_eq!(a.dump, Some(PathBuf::from("out.txt")));
        assert!(args(&["--threads", "0"]).is_err());
        assert!(args(&["--runs"]).is_err());
        assert!(args(&["--dump"]).is_err());
        assert!(args(&["--fast"]).is_err());
    }
}
