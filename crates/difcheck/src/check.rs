//! Reading and linting one file: size limit, read errors, the lint engine, git's
//! `working-tree-encoding` notes, and line/column numbers for every finding.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lint::{
    ConfigCache, FileStatus, LintOptions, ResolvedConfig, RuleSelector, Severity, TargetSpec,
};

use crate::gitattr::{checkout_encoding, AttributeCache, CheckoutEncoding};
use crate::location::LineIndex;
use crate::report::{display_path, CheckedFile, Finding, LocatedLabel, Note};
use crate::walk::{io_reason, Candidate, Source};

/// The InfVerif number of the file-encoding rule ("must be ANSI or UTF-16 LE").
const INFVERIF_ENCODING: u16 = 1003;

/// Where each file's `difcheck.toml` comes from.
pub enum ConfigSource<'a> {
    /// Discovered upwards from each file (the default).
    Discover(&'a ConfigCache),
    /// One file for every linted file (`--config`).
    Fixed(Arc<ResolvedConfig>),
    /// None (`--isolated`).
    Isolated,
}

/// Lint settings given on the command line; they win over `difcheck.toml`.
#[derive(Debug, Clone, Default)]
pub struct CliSettings {
    /// `--profile`.
    pub profile: Option<lint::Profile>,
    /// `--codepage`.
    pub codepage: Option<u16>,
    /// `--target`, `--arch`/`--os` (replace the file's targets when not empty).
    pub targets: Vec<TargetSpec>,
    /// `--select` (replaces the file's selection when not empty).
    pub select: Vec<RuleSelector>,
    /// `--ignore` (added to the file's).
    pub ignore: Vec<RuleSelector>,
    /// `--no-inline-suppressions`.
    pub no_inline_suppressions: bool,
    /// `--no-stampinf`.
    pub no_stampinf: bool,
    /// `--sources`.
    pub sources: Option<PathBuf>,
    /// `--no-discover-sources`.
    pub no_discover_sources: bool,
}

/// What every file of a run is checked with.
pub struct CheckOptions<'a> {
    /// Configuration files.
    pub config: ConfigSource<'a>,
    /// Command-line settings.
    pub cli: CliSettings,
    /// Files larger than this many bytes are skipped.
    pub max_file_size: u64,
    /// Cache of `.gitattributes` files.
    pub attributes: &'a AttributeCache,
    /// Installer-source analyses shared by every file of the run: the INFs of a repository
    /// discover the same sources folder, which is then read once, not once per INF.
    pub sources: lint::SourceCache,
}

/// A file's decoded text, which its findings' spans point into, with its line index.
pub struct FileText {
    /// The decoded text.
    pub text: String,
    /// Line starts of [`Self::text`].
    pub index: LineIndex,
}

/// What checking one candidate gives.
pub struct Checked {
    /// The file and its findings.
    pub file: CheckedFile,
    /// Its text, when it was read.
    pub text: Option<FileText>,
    /// A configuration error, which makes the run a usage error.
    pub config_error: Option<String>,
}

impl Checked {
    fn without_text(file: CheckedFile) -> Self {
        Checked {
            file,
            text: None,
            config_error: None,
        }
    }
}

/// Reads and lints one candidate. Never panics on bad input; every outcome is a [`CheckedFile`].
pub fn check(candidate: &Candidate, opts: &CheckOptions<'_>) -> Checked {
    let path = candidate.path.clone();
    // Standard input without --stdin-filename has no place in a work tree: its configuration is
    // the current folder's, and no `.gitattributes` applies.
    let unnamed_stdin = candidate.source == Source::Stdin && path.as_os_str() == "<stdin>";
    let (lint_options, config_file) =
        match options_for(if unnamed_stdin { Path::new(".") } else { &path }, opts) {
            Ok(o) => o,
            Err(e) => {
                return Checked {
                    config_error: Some(e),
                    ..Checked::without_text(CheckedFile::failed(path, "invalid configuration"))
                }
            }
        };
    let bytes = match read(candidate, opts.max_file_size) {
        Ok(Some(b)) => b,
        Ok(None) => {
            return Checked::without_text(CheckedFile::skipped(
                path,
                format!("larger than --max-file-size ({} bytes)", opts.max_file_size),
            ));
        }
        Err(reason) => return Checked::without_text(CheckedFile::failed(path, reason)),
    };
    let attr_path = (!unnamed_stdin).then_some(path.as_path());
    let (mut file, text) = lint_bytes(&path, &bytes, attr_path, &lint_options, opts.attributes);
    file.config = config_file.map(|c| relative_to_cwd(&c));
    Checked {
        file,
        text: Some(text),
        config_error: None,
    }
}

/// The lint options for `path`: defaults, then its configuration file, then the command line.
fn options_for(
    path: &Path,
    opts: &CheckOptions<'_>,
) -> Result<(LintOptions, Option<PathBuf>), String> {
    let base = LintOptions::default();
    let (mut options, file) = match &opts.config {
        ConfigSource::Isolated => (base, None),
        ConfigSource::Fixed(r) => (r.options_for(path, &base), r.path.clone()),
        ConfigSource::Discover(cache) => {
            let r = cache.discover(path).map_err(|e| config_error_text(&e))?;
            (r.options_for(path, &base), r.path.clone())
        }
    };
    options.source_cache = opts.sources.clone();
    let cli = &opts.cli;
    if let Some(p) = cli.profile {
        options.profile = p;
    }
    if let Some(c) = cli.codepage {
        options.codepage = c;
    }
    if !cli.targets.is_empty() {
        options.targets.clone_from(&cli.targets);
    }
    if !cli.select.is_empty() {
        options.rules.select = Some(cli.select.clone());
    }
    options.rules.ignore.extend(cli.ignore.iter().copied());
    if cli.no_inline_suppressions {
        options.inline_suppressions = false;
    }
    if cli.no_stampinf {
        options.inx.stamp_inf_sources = false;
    }
    if cli.sources.is_some() {
        options.sources.clone_from(&cli.sources);
    }
    if cli.no_discover_sources {
        options.discover_sources = false;
    }
    Ok((options, file))
}

fn read(candidate: &Candidate, max: u64) -> Result<Option<Vec<u8>>, String> {
    match candidate.source {
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .take(max.saturating_add(1))
                .read_to_end(&mut buf)
                .map_err(|e| io_reason(&e))?;
            Ok((buf.len() as u64 <= max).then_some(buf))
        }
        Source::File => {
            let meta = std::fs::metadata(&candidate.path).map_err(|e| io_reason(&e))?;
            if meta.is_dir() {
                return Err("is a folder, not a file".to_owned());
            }
            if meta.len() > max {
                return Ok(None);
            }
            let file = std::fs::File::open(&candidate.path).map_err(|e| io_reason(&e))?;
            let mut buf = Vec::with_capacity(meta.len() as usize);
            // `take` guards against a file that grows (or a device that never ends) after the
            // size check.
            file.take(max.saturating_add(1))
                .read_to_end(&mut buf)
                .map_err(|e| io_reason(&e))?;
            Ok((buf.len() as u64 <= max).then_some(buf))
        }
    }
}

/// Lints one file, containing a panic anywhere in the pipeline (parser, model, engine) to that
/// file: it is reported as failed with an internal error (exit code 2), and every other file is
/// still linted and reported. Rules are already contained one by one inside the engine; this
/// catches what lies outside them.
fn lint_contained(path: &Path, bytes: &[u8], options: &LintOptions) -> lint::FileReport {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        lint::lint_bytes(path, bytes, options)
    })) {
        Ok(report) => report,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            let mut report = lint::FileReport::failed(
                path.to_path_buf(),
                format!(
                    "internal error while linting (a difcheck bug; please report it): {message}"
                ),
            );
            report.internal_errors.push(message);
            report
        }
    }
}

/// Lints `bytes` as the file `path`; `attr_path` is where to look for `.gitattributes`.
pub fn lint_bytes(
    path: &Path,
    bytes: &[u8],
    attr_path: Option<&Path>,
    options: &LintOptions,
    attributes: &AttributeCache,
) -> (CheckedFile, FileText) {
    let mut report = lint_contained(path, bytes, options);
    let mut encoding = report.encoding.clone();
    let mut notes = Vec::new();

    let stored_utf8 = match report.encoding.as_deref() {
        Some("utf-8-bom") => true,
        Some("ansi") => std::str::from_utf8(bytes).is_ok(),
        _ => false,
    };
    if let (true, Some(attr_path)) = (stored_utf8, attr_path) {
        if let Some(wte) = attributes.working_tree_encoding(attr_path) {
            let is_ansi = report.encoding.as_deref() == Some("ansi");
            if is_ansi && !bytes.is_ascii() {
                // Git stores this file as UTF-8 without a BOM: read it as UTF-8, not as the ANSI
                // code page, so that messages and columns show the real characters.
                let utf8 = LintOptions {
                    codepage: 65001,
                    ..options.clone()
                };
                report = lint_contained(path, bytes, &utf8);
            }
            if is_ansi {
                encoding = Some("utf-8".to_owned());
            }
            let origin = format!(
                "`{}` line {}",
                display_path(&relative_to_cwd(&wte.file)),
                wte.line
            );
            let value = &wte.value;
            let note = match checkout_encoding(value) {
                CheckoutEncoding::Utf16LeBom => {
                    report.diagnostics.retain(|d| d.infverif != Some(INFVERIF_ENCODING));
                    Note {
                        level: Severity::Info,
                        message: format!(
                            "this is the UTF-8 form git stores: {origin} sets `working-tree-encoding={value}`, so a checkout \
                             gives Windows UTF-16LE with a byte-order mark, which it accepts; encoding findings about the \
                             UTF-8 form are not reported"
                        ),
                    }
                }
                CheckoutEncoding::Utf16LeNoBom => Note {
                    level: Severity::Warning,
                    message: format!(
                        "this is the UTF-8 form git stores: {origin} sets `working-tree-encoding={value}`, so a checkout \
                         writes UTF-16LE without a byte-order mark, which Windows only guesses from zero bytes; use \
                         `working-tree-encoding=UTF-16LE-BOM`"
                    ),
                },
                CheckoutEncoding::Utf16Be => Note {
                    level: Severity::Warning,
                    message: format!(
                        "this is the UTF-8 form git stores: {origin} sets `working-tree-encoding={value}`, so a checkout \
                         writes big-endian UTF-16 with a byte-order mark (iconv's choice when no byte order is named), \
                         which Windows rejects (InfVerif 1003); use `working-tree-encoding=UTF-16LE-BOM`"
                    ),
                },
                CheckoutEncoding::Other => Note {
                    level: Severity::Info,
                    message: format!(
                        "this is the UTF-8 form git stores: {origin} sets `working-tree-encoding={value}`, so a checkout \
                         converts it to {value}; Windows accepts only ANSI or UTF-16LE (InfVerif 1003)"
                    ),
                },
            };
            notes.push(note);
        }
    }

    for n in &report.installers_not_analysed {
        notes.push(Note {
            level: Severity::Info,
            message: format!(
                "installer `{}` was not analysed, so its DIF handling is unchecked: {}",
                n.installer, n.reason
            ),
        });
    }
    for e in &report.internal_errors {
        notes.push(Note {
            level: Severity::Error,
            message: format!("internal error (a difcheck bug; please report it): {e}"),
        });
    }

    let status = report.status.clone();
    let index = LineIndex::new(&report.text);
    let mut other_files: Vec<(PathBuf, Option<(String, LineIndex)>)> = Vec::new();
    let findings = report
        .diagnostics
        .into_iter()
        .map(|d| {
            let range = d.primary.map(|s| index.range(&report.text, s));
            let labels = d
                .labels
                .iter()
                .map(|l| {
                    let range = match &l.file {
                        None => Some(index.range(&report.text, l.span)),
                        Some(f) => other_file(&mut other_files, f).map(|(t, i)| i.range(t, l.span)),
                    };
                    LocatedLabel {
                        message: l.message.clone(),
                        file: l.file.clone(),
                        range,
                    }
                })
                .collect();
            Finding {
                diagnostic: d,
                range,
                labels,
                fingerprint: String::new(),
                line_hash: String::new(),
                rendered: None,
            }
        })
        .collect();
    let mut file = CheckedFile {
        path: path.to_path_buf(),
        encoding,
        status,
        findings,
        notes,
        kind: report.kind,
        stamped_archs: report.stamped_archs,
        suppressed: report.suppressed,
        masked_by_template: report.masked_by_template,
        internal_errors: report.internal_errors.len(),
        config: None,
        profile_hint: report.profile_hint.map(|h| (h.profile, h.reason)),
    };
    if file.status != FileStatus::Linted {
        file.findings.clear();
    }
    let text = FileText {
        text: report.text,
        index,
    };
    (file, text)
}

/// Reads (once) another file that a label points into, e.g. an installer source.
fn other_file<'c>(
    cache: &'c mut Vec<(PathBuf, Option<(String, LineIndex)>)>,
    path: &Path,
) -> Option<(&'c str, &'c LineIndex)> {
    let pos = match cache.iter().position(|(p, _)| p == path) {
        Some(p) => p,
        None => {
            let loaded = std::fs::read(path).ok().map(|b| {
                let text = inf_parser::decode(&b, 65001).text().to_owned();
                let idx = LineIndex::new(&text);
                (text, idx)
            });
            cache.push((path.to_path_buf(), loaded));
            cache.len() - 1
        }
    };
    cache[pos].1.as_ref().map(|(t, i)| (t.as_str(), i))
}

/// A configuration error with its file shown relative to the current folder, like every other
/// path difcheck prints.
pub fn config_error_text(e: &lint::ConfigError) -> String {
    use lint::ConfigError;
    let show = |p: &Path| display_path(&relative_to_cwd(p));
    match e {
        ConfigError::Io { path, message } => format!("cannot read {}: {message}", show(path)),
        ConfigError::Invalid {
            path,
            line,
            column,
            message,
            ..
        } => format!("{}:{line}:{column}: {message}", show(path)),
        ConfigError::Ambiguous { dir } => format!(
            "both `difcheck.toml` and `.difcheck.toml` in {}; keep one",
            show(dir)
        ),
    }
}

/// `path` relative to the current folder when it lies below it (stable output in CI logs).
pub fn relative_to_cwd(path: &Path) -> PathBuf {
    match std::env::current_dir() {
        Ok(cwd) => path
            .strip_prefix(&cwd)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf()),
        Err(_) => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_a_run_shares_one_source_cache() {
        let attributes = AttributeCache::default();
        let opts = CheckOptions {
            config: ConfigSource::Isolated,
            cli: CliSettings::default(),
            max_file_size: 1 << 20,
            attributes: &attributes,
            sources: lint::SourceCache::default(),
        };
        let dir = tempfile::tempdir().unwrap();
        let (a, _) = options_for(&dir.path().join("a.inf"), &opts).unwrap();
        let (b, _) = options_for(&dir.path().join("sub/b.inf"), &opts).unwrap();
        // A folder analysed for one file is not analysed again for the next.
        let first = a.source_cache.analysis(dir.path());
        let second = b.source_cache.analysis(dir.path());
        assert!(Arc::ptr_eq(&first, &second));
    }
}
