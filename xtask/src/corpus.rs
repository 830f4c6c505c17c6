//! `cargo xtask corpus DIR [--lint]`: parse every INF/INX file under DIR and check the parser's
//! promises on real files: no panic, byte-exact round trip (decode → print → re-encode), and a
//! summary of encodings, open verdicts and diagnostics.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Result};
use inf_parser::{decode, parse, Inf, ParseProblem};

/// Options of the corpus run.
pub struct CorpusArgs {
    /// Folder to walk.
    pub dir: PathBuf,
    /// Also lint every file in every profile.
    pub lint: bool,
}

/// Whether a path is an INF-like file by its name.
pub fn is_inf_like(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    name.ends_with(".inf")
        || name.ends_with(".inx")
        || name.ends_with(".inf.in")
        || name.ends_with(".inv")
}

/// Every INF-like file under `dir`, sorted.
pub fn collect_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && is_inf_like(e.path()))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// Runs the corpus check; fails if any file panics or does not round-trip.
pub fn run(args: &CorpusArgs) -> Result<()> {
    let files = collect_files(&args.dir);
    if files.is_empty() {
        bail!("no .inf/.inx files under {}", args.dir.display());
    }
    let started = Instant::now();
    let mut bytes_total = 0usize;
    let mut encodings: BTreeMap<String, usize> = BTreeMap::new();
    let mut verdicts: BTreeMap<String, usize> = BTreeMap::new();
    let mut diagnostics: BTreeMap<String, usize> = BTreeMap::new();
    let mut panics = Vec::new();
    let mut mismatches = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path)?;
        bytes_total += bytes.len();
        let result = std::panic::catch_unwind(|| {
            let tree = parse(decode(&bytes, 1252));
            let printed = tree.print();
            let same_text = printed == tree.text();
            let reencoded = tree.source().encode(&printed);
            let inf = Inf::new(tree);
            // Touch the semantic layer the way rules will: every field substituted.
            let mut n = 0usize;
            for s in inf.sections() {
                for l in inf.section_lines(s) {
                    n += l.fields().count();
                }
            }
            let _ = n;
            (same_text, reencoded == bytes, inf)
        });
        match result {
            Err(_) => panics.push(path.clone()),
            Ok((same_text, same_bytes, inf)) => {
                if !same_text || !same_bytes {
                    mismatches.push(path.clone());
                }
                let tree = inf.tree();
                *encodings
                    .entry(tree.source().encoding().name().to_owned())
                    .or_default() += 1;
                let v = match tree.open_verdict() {
                    None => "opens".to_owned(),
                    Some(e) => e.code.name().to_owned(),
                };
                *verdicts.entry(v).or_default() += 1;
                for d in tree.diagnostics() {
                    *diagnostics.entry(problem_name(&d.problem)).or_default() += 1;
                }
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!("corpus: {}", args.dir.display());
    println!(
        "files: {}   bytes: {}   time: {:.3} s   throughput: {:.1} MB/s, {:.0} files/s",
        files.len(),
        bytes_total,
        elapsed,
        bytes_total as f64 / 1e6 / elapsed.max(1e-9),
        files.len() as f64 / elapsed.max(1e-9)
    );
    println!("encodings:");
    for (k, v) in &encodings {
        println!("  {k:<16} {v}");
    }
    println!("open verdicts:");
    for (k, v) in &verdicts {
        println!("  {k:<32} {v}");
    }
    println!("diagnostics by kind:");
    for (k, v) in &diagnostics {
        println!("  {k:<32} {v}");
    }
    println!(
        "panics: {}   round-trip mismatches: {}   round trip: {:.2}%",
        panics.len(),
        mismatches.len(),
        100.0 * (files.len() - mismatches.len() - panics.len()) as f64 / files.len() as f64
    );
    for p in panics.iter().chain(&mismatches) {
        println!("  FAILED {}", p.display());
    }
    if args.lint {
        crate::lint_corpus::run(&files)?;
    }
    if !panics.is_empty() || !mismatches.is_empty() {
        bail!(
            "{} panics, {} round-trip mismatches",
            panics.len(),
            mismatches.len()
        );
    }
    Ok(())
}

fn problem_name(p: &ParseProblem) -> String {
    let v = serde_json::to_value(p).unwrap_or_default();
    match v {
        serde_json::Value::String(s) => s,
        serde_json::Value::Object(m) => m
            .iter()
            .next()
            .map(|(k, v)| format!("{k}:{}", v.as_str().unwrap_or("")))
            .unwrap_or_default(),
        _ => format!("{p:?}"),
    }
}
