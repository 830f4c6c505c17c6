//! `cargo xtask corpus DIR --lint`: lints every corpus file in every profile, with each file
//! isolated by `catch_unwind`, and prints how many findings each rule produced per profile.
//! Fails if any file panics, any rule panics inside the engine (reported by the engine as an
//! internal error), or a diagnostic has a span outside its file's text (an INX mapping bug).

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Result};
use lint::{lint_bytes, FileKind, LintOptions, Profile};
use rayon::prelude::*;

/// What one profile's pass over the corpus found.
#[derive(Default)]
struct Tally {
    /// Findings per rule code.
    per_rule: BTreeMap<String, usize>,
    /// Files with at least one finding.
    files_with_findings: usize,
    /// Files that panicked (path).
    panics: Vec<PathBuf>,
    /// Rules that panicked inside the engine (path, message).
    internal: Vec<(PathBuf, String)>,
    /// Diagnostics whose spans do not fit the file's text (path, code).
    bad_spans: Vec<(PathBuf, String)>,
    /// Findings held back in templates, and files linted as stamped INX.
    masked: usize,
    inx_files: usize,
    suppressed: usize,
}

impl Tally {
    fn merge(mut self, other: Tally) -> Tally {
        for (k, v) in other.per_rule {
            *self.per_rule.entry(k).or_default() += v;
        }
        self.files_with_findings += other.files_with_findings;
        self.panics.extend(other.panics);
        self.internal.extend(other.internal);
        self.bad_spans.extend(other.bad_spans);
        self.masked += other.masked;
        self.inx_files += other.inx_files;
        self.suppressed += other.suppressed;
        self
    }
}

/// Lints every file in every profile and prints findings per rule.
pub fn run(files: &[PathBuf]) -> Result<()> {
    let inputs: Vec<(PathBuf, Vec<u8>)> = files
        .iter()
        .map(|p| std::fs::read(p).map(|b| (p.clone(), b)))
        .collect::<std::io::Result<_>>()?;
    let mut tallies: Vec<(Profile, Tally, f64)> = Vec::new();
    for profile in Profile::ALL {
        let options = LintOptions {
            profile,
            ..LintOptions::default()
        };
        let started = Instant::now();
        let tally = inputs
            .par_iter()
            .map(|(path, bytes)| {
                let mut t = Tally::default();
                match catch_unwind(AssertUnwindSafe(|| lint_bytes(path, bytes, &options))) {
                    Err(_) => t.panics.push(path.clone()),
                    Ok(report) => {
                        let fits = |span: inf_parser::Span| {
                            let r = span.range();
                            r.start <= r.end
                                && r.end <= report.text.len()
                                && report.text.is_char_boundary(r.start)
                                && report.text.is_char_boundary(r.end)
                        };
                        for d in &report.diagnostics {
                            *t.per_rule.entry(d.code.clone()).or_default() += 1;
                            let primary_fits = d.primary.is_none_or(fits);
                            let labels_fit = d
                                .labels
                                .iter()
                                .filter(|l| l.file.is_none())
                                .all(|l| fits(l.span));
                            if !primary_fits || !labels_fit {
                                t.bad_spans.push((path.clone(), d.code.clone()));
                            }
                        }
                        t.files_with_findings += usize::from(!report.diagnostics.is_empty());
                        t.internal.extend(
                            report
                                .internal_errors
                                .iter()
                                .map(|e| (path.clone(), e.clone())),
                        );
                        t.masked += report.masked_by_template;
                        t.inx_files += usize::from(report.kind == FileKind::Inx);
                        t.suppressed += report.suppressed;
                    }
                }
                t
            })
            .reduce(Tally::default, Tally::merge);
        tallies.push((profile, tally, started.elapsed().as_secs_f64()));
    }

    println!(
        "\nlint: {} files in {} profiles",
        inputs.len(),
        Profile::ALL.len()
    );
    let codes: std::collections::BTreeSet<&String> = tallies
        .iter()
        .flat_map(|(_, t, _)| t.per_rule.keys())
        .collect();
    print!("{:<10} {:<30}", "code", "name");
    for (p, _, _) in &tallies {
        print!(" {:>14}", p.as_str());
    }
    println!();
    for code in codes {
        let name = lint::find_rule(code).map_or("?", |r| r.name);
        print!("{code:<10} {name:<30}");
        for (_, t, _) in &tallies {
            print!(" {:>14}", t.per_rule.get(code).copied().unwrap_or(0));
        }
        println!();
    }
    for (label, f) in [
        (
            "files with findings",
            (|t: &Tally| t.files_with_findings) as fn(&Tally) -> usize,
        ),
        ("held back (template)", |t: &Tally| t.masked),
        ("suppressed inline", |t: &Tally| t.suppressed),
        ("linted as INX", |t: &Tally| t.inx_files),
    ] {
        print!("{label:<41}");
        for (_, t, _) in &tallies {
            print!(" {:>14}", f(t));
        }
        println!();
    }
    print!("{:<41}", "wall time (s)");
    for (_, _, secs) in &tallies {
        print!(" {secs:>14.3}");
    }
    println!();

    let mut failed = false;
    for (p, t, _) in &tallies {
        for path in &t.panics {
            eprintln!("PANIC in profile {}: {}", p.as_str(), path.display());
            failed = true;
        }
        for (path, message) in &t.internal {
            eprintln!(
                "INTERNAL ERROR in profile {}: {}: {message}",
                p.as_str(),
                path.display()
            );
            failed = true;
        }
    }
    if failed {
        bail!("the lint engine panicked or produced spans outside the text on corpus files");
    }
    println!("lint: no panic, every span inside its file's text, in every profile");
    Ok(())
}
