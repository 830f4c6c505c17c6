//! `difcheck lint`: find the files, lint them in parallel, apply the baseline, render, and
//! choose the exit code.

use std::io::IsTerminal;
use std::path::Path;

use rayon::prelude::*;

use crate::baseline;
use crate::check::{check, CheckOptions, CliSettings, ConfigSource};
use crate::cli::{ColorChoice, LintArgs, OutputFormat};
use crate::emit::{self, EmitOptions};
use crate::gitattr::AttributeCache;
use crate::output::{write_atomic, write_stdout};
use crate::report::{CheckedFile, RunReport};
use crate::walk::{discover, glob_set, WalkOptions};
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
    };

    let progress = progress_bar(found.candidates.len(), args.quiet);
    let checked: Vec<(CheckedFile, Option<String>)> = found
        .candidates
        .par_iter()
        .map(|c| {
            let r = check(c, &opts);
            if let Some(p) = &progress {
                p.inc(1);
            }
            r
        })
        .collect();
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    let mut usage_errors = found.usage_errors;
    let mut files = Vec::with_capacity(checked.len() + found.problems.len());
    for (file, config_error) in checked {
        if let Some(e) = config_error {
            let e = format!("invalid configuration: {e}");
            if !usage_errors.contains(&e) {
                eprintln!("error: {e}");
                usage_errors.push(e);
            }
        }
        files.push(file);
    }
    files.extend(
        found
            .problems
            .iter()
            .map(|p| CheckedFile::failed(p.path.clone(), p.reason.clone())),
    );
    files.sort_by(|a, b| a.path.cmp(&b.path));

    let base_dir = match args.write_baseline.as_deref().or(args.baseline.as_deref()) {
        Some(f) => baseline::base_dir(f),
        None => baseline::absolute(Path::new(".")),
    };
    for f in &mut files {
        baseline::assign_fingerprints(f, &base_dir);
    }
    let mut baseline_matched = 0;
    if let Some(path) = &args.write_baseline {
        let b = baseline::build(&files, &base_dir);
        if let Err(e) = write_atomic(path, &baseline::to_json(&b)) {
            return usage(e);
        }
        if !args.quiet {
            let n = b.findings.len();
            eprintln!(
                "difcheck: wrote {n} finding{} to the baseline `{}`",
                if n == 1 { "" } else { "s" },
                path.display()
            );
        }
        baseline_matched = baseline::apply(&mut files, &b);
    } else if let Some(b) = &loaded_baseline {
        baseline_matched = baseline::apply(&mut files, b);
    }

    let report = RunReport {
        files,
        fail_on: args.fail_on.into(),
        profile: profile.unwrap_or(lint::LintOptions::default().profile),
        allow_skipped: args.allow_skipped,
        usage_errors,
        baseline_matched,
    };
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let emit_opts = EmitOptions {
        color: use_color(args.color, to_terminal),
        width: if to_terminal { None } else { Some(PIPE_WIDTH) },
        quiet: args.quiet,
        statistics: args.statistics,
    };
    let text = emit::render(args.format, &report, &emit_opts);
    let written = match &args.output {
        Some(path) => write_atomic(path, &text),
        None => write_stdout(&text),
    };
    if let Err(e) = written {
        return usage(e);
    }
    report.exit_status()
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
