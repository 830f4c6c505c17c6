//! `cargo xtask bench [DIR] [--runs N]`: single-thread throughput of the INF parser over a
//! corpus folder, against a floor that any parser must pay.
//!
//! All files are read into memory first, so the numbers exclude file I/O. Each stage is run
//! `N` times over the whole corpus, the stages taking turns, and each stage's best run is kept
//! (the least disturbed by the rest of the machine). Stages:
//! - **floor**: decode every file with `encoding_rs` (UTF-16LE, UTF-8 or windows-1252 by BOM)
//!   plus one `memchr` pass over every decoded byte to find line feeds. `encoding_rs` hands
//!   pure-ASCII 8-bit files back without a copy, so this is the strict floor;
//! - **floor with our decode**: the same with `inf_parser::decode`, which always produces an
//!   owned text and the offset map back to the file (what a lossless tree needs);
//! - **decode**: `inf_parser::decode` alone (BOM sniffing, offset checkpoints);
//! - **parse**: decode + tokenize into the lossless tree;
//! - **parse + Inf**: the above plus the semantic index (`Inf::new`);
//! - **+ every field**: the above plus reading every key and field substituted, as a linter does.
//!
//! Targets (issue "inf-parser"): parse + Inf at ≥ 200 MB/s on one core, within 5× the floor;
//! the ratio is printed against both floors.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use inf_parser::{decode, parse, Inf};

/// Options of the benchmark.
pub struct BenchArgs {
    /// Folder to walk for INF/INX files.
    pub dir: PathBuf,
    /// Number of timed runs per stage (the best is reported).
    pub runs: usize,
}

/// Parses `cargo xtask bench` arguments: an optional folder and `--runs N`.
pub fn args_from(rest: &[String]) -> Result<BenchArgs> {
    let mut dir = None;
    let mut runs = 7usize;
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
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
                bail!("unknown option `{flag}` (usage: cargo xtask bench [DIR] [--runs N])")
            }
            path => dir = Some(PathBuf::from(path)),
        }
    }
    Ok(BenchArgs {
        dir: dir.unwrap_or_else(|| PathBuf::from("../shared/corpus")),
        runs,
    })
}

/// What one stage measured.
struct Measured {
    name: &'static str,
    best: Duration,
}

/// A stage: its name and what it does with one file's bytes.
type Stage<'a> = (&'static str, Box<dyn FnMut(&[u8]) -> usize + 'a>);

/// Times every stage over every file `runs` times (after one warm-up pass each) and keeps each
/// stage's best run. The stages take turns, one pass each per round, so that a disturbance
/// of the machine (another process, a change of clock speed) while the benchmark runs falls
/// on every stage alike rather than on the one that happened to be running: the ratios
/// between stages, which the targets are about, are what must be stable.
fn measure_all(files: &[Vec<u8>], runs: usize, mut stages: Vec<Stage<'_>>) -> Vec<Measured> {
    let mut sink = 0usize;
    for (_, stage) in &mut stages {
        for f in files {
            sink = sink.wrapping_add(stage(f));
        }
    }
    let mut best = vec![Duration::MAX; stages.len()];
    for _ in 0..runs {
        for (k, (_, stage)) in stages.iter_mut().enumerate() {
            let started = Instant::now();
            for f in files {
                sink = sink.wrapping_add(stage(black_box(f)));
            }
            best[k] = best[k].min(started.elapsed());
        }
    }
    black_box(sink);
    stages
        .iter()
        .zip(best)
        .map(|((name, _), best)| Measured { name, best })
        .collect()
}

/// The floor: a plain decode by BOM with `encoding_rs`, and one `memchr` pass for line feeds.
fn floor(bytes: &[u8]) -> usize {
    let (encoding, body) = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        (encoding_rs::UTF_16LE, rest)
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        (encoding_rs::UTF_8, rest)
    } else {
        (encoding_rs::WINDOWS_1252, bytes)
    };
    let (text, _) = encoding.decode_without_bom_handling(body);
    memchr::memchr_iter(b'\n', text.as_bytes()).count() + text.len()
}

/// Reads every key and value field of every section with substitution, as lint rules do.
fn read_every_field(inf: &Inf) -> usize {
    let mut n = 0usize;
    for section in inf.sections() {
        for line in inf.section_lines(section) {
            n += line.match_key().map_or(0, |k| k.len());
            n += line.fields().map(|f| f.len()).sum::<usize>();
        }
    }
    n
}

/// Runs the benchmark and prints the table.
pub fn run(args: &BenchArgs) -> Result<()> {
    let paths = crate::corpus::collect_files(&args.dir);
    if paths.is_empty() {
        bail!("no .inf/.inx files under {}", args.dir.display());
    }
    let files: Vec<Vec<u8>> = paths
        .iter()
        .map(std::fs::read)
        .collect::<std::io::Result<_>>()?;
    let total_bytes: usize = files.iter().map(Vec::len).sum();
    let utf16 = files
        .iter()
        .filter(|f| f.starts_with(&[0xFF, 0xFE]) || f.starts_with(&[0xFE, 0xFF]))
        .count();

    let stages: Vec<Stage<'_>> = vec![
        ("floor (encoding_rs + memchr)", Box::new(floor)),
        (
            "floor with our decode + memchr",
            Box::new(|b| {
                let source = decode(b, 1252);
                memchr::memchr_iter(b'\n', source.text().as_bytes()).count() + source.text().len()
            }),
        ),
        ("decode", Box::new(|b| decode(b, 1252).text().len())),
        (
            "decode + parse",
            Box::new(|b| parse(decode(b, 1252)).nodes().len()),
        ),
        (
            "decode + parse + Inf",
            Box::new(|b| Inf::new(parse(decode(b, 1252))).sections().len()),
        ),
        (
            "  + every field substituted",
            Box::new(|b| read_every_field(&Inf::new(parse(decode(b, 1252))))),
        ),
    ];
    let stages = measure_all(&files, args.runs, stages);

    let mut tree_heap = 0usize;
    let mut text_heap = 0usize;
    for f in &files {
        let tree = parse(decode(f, 1252));
        tree_heap += tree.heap_bytes();
        text_heap += tree.source().heap_bytes();
    }

    println!("corpus: {}", args.dir.display());
    println!(
        "files: {} ({utf16} UTF-16)   bytes: {total_bytes}   runs per stage: {} (best kept, one thread, files in memory)",
        files.len(),
        args.runs
    );
    let floor_time = stages[0].best.as_secs_f64();
    println!(
        "{:<32} {:>10} {:>10} {:>12} {:>9}",
        "stage", "ms", "MB/s", "files/s", "× floor"
    );
    for s in &stages {
        let secs = s.best.as_secs_f64().max(1e-9);
        println!(
            "{:<32} {:>10.2} {:>10.1} {:>12.0} {:>9.2}",
            s.name,
            secs * 1e3,
            total_bytes as f64 / 1e6 / secs,
            files.len() as f64 / secs,
            secs / floor_time.max(1e-9)
        );
    }
    println!(
        "memory: tree {:.2} bytes per input byte ({:.2} of it the decoded source text and offset map)",
        tree_heap as f64 / total_bytes.max(1) as f64,
        text_heap as f64 / total_bytes.max(1) as f64
    );
    let target = &stages[4];
    let mbps = total_bytes as f64 / 1e6 / target.best.as_secs_f64().max(1e-9);
    let ratio = target.best.as_secs_f64() / floor_time.max(1e-9);
    let ratio_ours = target.best.as_secs_f64() / stages[1].best.as_secs_f64().max(1e-9);
    let verdict = |ok: bool| if ok { "met" } else { "NOT met" };
    println!(
        "targets (decode + parse + Inf): ≥ 200 MB/s: {} ({mbps:.1})   ≤ 5× floor: {} ({ratio:.2}× encoding_rs floor), {} ({ratio_ours:.2}× floor with our decode)",
        verdict(mbps >= 200.0),
        verdict(ratio <= 5.0),
        verdict(ratio_ours <= 5.0)
    );
    Ok(())
}
