//! `difcheck lint`: find the files, lint them in parallel, apply the baseline, write the report
//! as the files are linted, and choose the exit code.

use std::io::{IsTerminal, Write};
use std::path::Path;

use rayon::prelude::*;

use crate::baseline::{self, BaselineWriter};
use crate::check::{check, CheckOptions, Checked, CliSettings, ConfigSource};
use crate::cli::{ColorChoice, LintArgs, OutputFormat};
use crate::emit::human::FindingRenderer;
use crate::emit::{self, EmitOptions};
use crate::gitattr::AttributeCache;
use crate::output::ReportWriter;
use crate::report::{CheckedFile, RunReport};
use crate::walk::{discover, glob_set, Candidate, Problem, WalkOptions};
use crate::ExitStatus;

/// Runs with at least this many files show a progress bar (on a terminal). Smaller runs finish
/// before a bar would be readable.
const PROGRESS_MIN_FILES: usize = 200;

/// Width of human output when it does not go to a terminal: fixed, so that logs and tests do
/// not depend on the machine.
const PIPE_WIDTH: usize = 100;

fn usage(msg: impl std::fmt::Display) -> ExitStatus {
    eprintln!("error: {msg}");
    ExitStatus::Error
}

/// Runs the command.
pub fn run(args: &LintArgs) -> ExitStatus {
    if args.statistics
        && !matches!(
            args.format,
            OutputFormat::Human | OutputFormat::Concise | OutputFormat::Json
        )
    {
        return usage("--statistics applies to the human, concise and json formats");
    }
    let stdin_given = args.paths.iter().any(|p| p.as_os_str() == "-");
    if args.stdin_filename.is_some() && !stdin_given {
        return usage("--stdin-filename names standard input, so `-` must be among the paths");
    }
    if let Some(dir) = &args.sources {
        if !dir.is_dir() {
            return usage(format!("--sources `{}` is not a folder", dir.display()));
        }
    }
    let (include, exclude) = match (glob_set(&args.include), glob_set(&args.exclude)) {
        (Ok(i), Ok(e)) => (i, e),
        (Err(e), _) | (_, Err(e)) => return usage(e),
    };
    let loaded_baseline = match &args.baseline {
        Some(p) => match baseline::read(p) {
            Ok(b) => Some(b),
            Err(e) => return usage(e),
        },
        None => None,
    };

    let walk = WalkOptions {
        include,
        exclude,
        respect_ignore_files: !args.no_ignore,
        stdin_filename: args.stdin_filename.clone(),
    };
    let found = discover(&args.paths, &walk);
    for e in &found.usage_errors {
        eprintln!("error: {e}");
    }

    let config_cache = lint::ConfigCache::new();
    let config = if args.isolated {
        ConfigSource::Isolated
    } else if let Some(path) = &args.config {
        match lint::Config::load(path) {
            Ok(config) => ConfigSource::Fixed(std::sync::Arc::new(lint::ResolvedConfig {
                path: Some(path.clone()),
                config,
            })),
            Err(e) => {
                return usage(format!(
                    "invalid configuration: {}",
                    crate::check::config_error_text(&e)
                ))
            }
        }
    } else {
        ConfigSource::Discover(&config_cache)
    };
    let mut targets = args.target.clone();
    if args.arch.is_some() || args.os.is_some() {
        targets.push(arch_os_target(args.arch, args.os.as_deref()));
    }
    let profile: Option<lint::Profile> = args.profile.map(Into::into);
    let cli = CliSettings {
        profile,
        codepage: args.codepage,
        targets,
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        no_inline_suppressions: args.no_inline_suppressions,
        no_stampinf: args.no_stampinf,
        sources: args.sources.clone(),
        no_discover_sources: args.no_discover_sources,
    };
    let attributes = AttributeCache::default();
    let opts = CheckOptions {
        config,
        cli,
        max_file_size: args.max_file_size,
        attributes: &attributes,
        sources: lint::SourceCache::default(),
    };

    let base_dir = match args.write_baseline.as_deref().or(args.baseline.as_deref()) {
        Some(f) => baseline::base_dir(f),
        None => baseline::absolute(Path::new(".")),
    };
    let mut writer = match &args.output {
        Some(path) => match ReportWriter::file(path) {
            Ok(w) => w,
            Err(e) => return usage(e),
        },
        None => ReportWriter::stdout(),
    };
    if let Some(path) = &args.write_baseline {
        if let Err(e) = crate::output::check_can_write(path) {
            return usage(e);
        }
    }
    let mut baseline_writer = args
        .write_baseline
        .as_deref()
        .map(|p| BaselineWriter::new(&base_dir, Some(crate::output::folder_of(p))));
    let mut budget = loaded_baseline.map(baseline::Budget::new);

    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let emit_opts = EmitOptions {
        color: use_color(args.color, to_terminal),
        width: if to_terminal { None } else { Some(PIPE_WIDTH) },
        quiet: args.quiet,
        statistics: args.statistics,
    };
    // Human output shows source snippets: they are rendered while each file's text is at hand.
    let render_snippets = args.format == OutputFormat::Human && !args.statistics;
    let mut emitter = emit::emitter(args.format, &emit_opts, writer.spill_dir());
    let mut report = RunReport::new(
        args.fail_on.into(),
        profile.unwrap_or(lint::LintOptions::default().profile),
        args.allow_skipped,
        found.usage_errors,
    );
    let mut baseline_matched = 0;
    let progress = progress_bar(found.candidates.len(), args.quiet);
    let work = in_report_order(found.candidates, found.problems);

    // Files are linted in parallel a batch at a time and written in report order as each batch
    // ends: only a batch's results (no file text) are held at once, however many files the run
    // has.
    for batch in work.chunks(BATCH_FILES) {
        let done: Vec<Checked> = batch
            .par_iter()
            .map_init(
                || render_snippets.then(|| FindingRenderer::new(&emit_opts)),
                |renderer, item| match item {
                    Work::Lint(c) => {
                        let checked = lint_one(c, &opts, &base_dir, renderer.as_ref());
                        if let Some(p) = &progress {
                            p.inc(1);
                        }
                        checked
                    }
                    Work::Problem(p) => Checked {
                        file: CheckedFile::failed(p.path.clone(), p.reason.clone()),
                        text: None,
                        config_error: None,
                    },
                },
            )
            .collect();
        let mut out = Vec::new();
        for Checked {
            mut file,
            config_error,
            ..
        } in done
        {
            if let Some(e) = config_error {
                let e = format!("invalid configuration: {e}");
                if !report.usage_errors.contains(&e) {
                    eprintln!("error: {e}");
                    report.usage_errors.push(e);
                }
            }
            if let Some(w) = &mut baseline_writer {
                // Every finding goes into the new baseline, which then accepts them all.
                if let Err(e) = w.add(&file) {
                    return usage(format!("cannot write the baseline: {e}"));
                }
                baseline_matched += file.findings.len();
                file.findings.clear();
            } else if let Some(b) = &mut budget {
                baseline_matched += b.apply(&mut file);
            }
            report.record(&file);
            // Writing to `out` (memory) fails only when a part held back in a temporary file
            // cannot be written.
            if let Err(e) = emitter.file(&mut out, &file, &report) {
                return usage(format!("cannot write the report: {e}"));
            }
        }
        let written = match &progress {
            Some(p) => p.suspend(|| writer.write_all(&out)),
            None => writer.write_all(&out),
        };
        if written.is_err() {
            break;
        }
    }
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    if let Some(e) = writer.error() {
        return usage(e);
    }

    if let (Some(w), Some(path)) = (baseline_writer, &args.write_baseline) {
        match w.finish(path) {
            Ok(n) if !args.quiet => eprintln!(
                "difcheck: wrote {n} finding{} to the baseline `{}`",
                if n == 1 { "" } else { "s" },
                path.display()
            ),
            Ok(_) => {}
            Err(e) => return usage(e),
        }
    }
    report.baseline_matched = baseline_matched;
    if let Err(e) = emitter.finish(&mut writer, &report) {
        return usage(match writer.error() {
            Some(e) => e.to_owned(),
            None => format!("cannot write the report: {e}"),
        });
    }
    if let Err(e) = writer.commit() {
        return usage(e);
    }
    report.exit_status()
}

/// How many files are linted in parallel before their results are written.
const BATCH_FILES: usize = 256;

/// A path of the run, in report order.
enum Work {
    /// A file to lint.
    Lint(Candidate),
    /// A path that cannot be linted.
    Problem(Problem),
}

/// Candidates and problems (each sorted by path) merged into one list sorted by path; for equal
/// paths, the candidate first.
fn in_report_order(candidates: Vec<Candidate>, problems: Vec<Problem>) -> Vec<Work> {
    let mut out = Vec::with_capacity(candidates.len() + problems.len());
    let mut problems = problems.into_iter().peekable();
    for c in candidates {
        while let Some(p) = problems.next_if(|p| p.path < c.path) {
            out.push(Work::Problem(p));
        }
        out.push(Work::Lint(c));
    }
    out.extend(problems.map(Work::Problem));
    out
}

/// Lints one file and computes, while its text is at hand, all that needs the text: baseline
/// fingerprints, line hashes and (for human output) the findings with their snippets. The text
/// is then dropped.
fn lint_one(
    candidate: &Candidate,
    opts: &CheckOptions<'_>,
    base_dir: &Path,
    renderer: Option<&FindingRenderer>,
) -> Checked {
    let mut checked = check(candidate, opts);
    if let Some(text) = checked.text.take() {
        baseline::assign_fingerprints(&mut checked.file, &text.text, &text.index, base_dir);
        if let Some(r) = renderer {
            r.render(&mut checked.file, &text);
        }
    }
    checked
}

/// Whether to color: `--color always|never` decide; `auto` colors a terminal unless `NO_COLOR`
/// is set to a non-empty value (no-color.org).
fn use_color(choice: ColorChoice, to_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = matches!(std::env::var_os("NO_COLOR"), Some(v) if !v.is_empty());
            to_terminal && !no_color
        }
    }
}

fn progress_bar(files: usize, quiet: bool) -> Option<indicatif::ProgressBar> {
    if quiet || files < PROGRESS_MIN_FILES || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(files as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} linting {pos}/{len} files {wide_bar} {eta}",
    ) {
        bar.set_style(style);
    }
    Some(bar)
}

/// The target `--arch` and `--os` describe together: `amd64`, `NT.10.0...22621` or
/// `NTamd64.10.0...22621` (`--os` was validated as MAJOR.MINOR[.BUILD]).
fn arch_os_target(arch: Option<lint::Arch>, os: Option<&str>) -> lint::TargetSpec {
    let Some(os) = os else {
        return lint::TargetSpec::arch(arch.unwrap_or(lint::Arch::Amd64));
    };
    let mut parts = os.split('.');
    let (major, minor, build) = (
        parts.next().unwrap_or("10"),
        parts.next().unwrap_or("0"),
        parts.next().unwrap_or(""),
    );
    let decoration = format!(
        "NT{}.{major}.{minor}...{build}",
        arch.map_or("", lint::Arch::name)
    );
    let decoration = decoration.trim_end_matches('.').to_owned();
    lint::TargetSpec::parse(&decoration)
        .unwrap_or_else(|_| lint::TargetSpec::arch(arch.unwrap_or(lint::Arch::Amd64)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arch_and_os_make_one_target() {
        assert_eq!(arch_os_target(Some(lint::Arch::Arm64), None).text, "arm64");
        let t = arch_os_target(Some(lint::Arch::Amd64), Some("10.0.22621"));
        assert_eq!(t.text, "NTamd64.10.0...22621");
        assert_eq!(t.arch, Some(lint::Arch::Amd64));
        assert_eq!(t.os.and_then(|o| o.build), Some(22621));
        let t = arch_os_target(None, Some("10.0"));
        assert_eq!(t.text, "NT.10.0");
        assert_eq!(t.arch, None);
        assert_eq!(t.os.and_then(|o| o.major), Some(10));
    }
}
