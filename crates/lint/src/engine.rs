//! Runs the registered rules over one file and turns findings into diagnostics.
//!
//! For one file, [`lint_source`]:
//! 1. parses the text once and works out which rules run, at what severity
//!    ([`crate::selection`]);
//! 2. for an INF, runs the rules on it; for an INX, stamps it once per architecture
//!    ([`crate::stamp`]), runs the rules on each stamped text, maps every finding back to the
//!    `.inx` text and merges identical findings, listing the architectures in `targets` when
//!    they are not all of them;
//! 3. in a template (unresolved `@NAME@`-style placeholders), holds back findings on lines
//!    with placeholders ([`crate::template`]);
//! 4. drops findings for targets outside the target filter;
//! 5. applies inline suppressions and reports unused and invalid ones ([`crate::suppression`]);
//! 6. sorts by position.
//!
//! A rule that panics does not take the file down: the panic is caught, recorded in
//! [`FileReport::internal_errors`], and the other rules' findings are kept.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use inf_parser::{
    decode, parse, Arch, Encoding, Inf, InfOptions, ParseDiagnostic, ParseProblem, SourceText,
};
use serde::Serialize;

use crate::context::{Context, Memo};
use crate::detect::{suggest_profile, ProfileSuggestion};
use crate::diagnostic::{Diagnostic, Severity};
use crate::finding::Finding;
use crate::package::{NotAnalysed, PackageCache, SourcesSetting};
use crate::registry::RULES;
use crate::rule::{Profile, RuleMeta};
use crate::rules::meta::dck0001_unused_suppression::UNUSED_SUPPRESSION;
use crate::rules::meta::dck0002_invalid_suppression::INVALID_SUPPRESSION;
use crate::rules::meta::dck0003_template_placeholder::TEMPLATE_PLACEHOLDER;
use crate::selection::RuleSettings;
use crate::stamp::{stamp, uses_arch_token, InxOptions, StampedInx};
use crate::suppression::{Scope, SuppressionProblem, Suppressions};
use crate::targets::{declared_targets, label_selected, stamp_archs, TargetSpec};
use crate::template::{find_placeholders, in_spans, tainted_lines};

/// Options of one lint run.
#[derive(Debug, Clone)]
pub struct LintOptions {
    /// The rule set.
    pub profile: Profile,
    /// ANSI code page for 8-bit files.
    pub codepage: u16,
    /// Which declared targets to check, and which architectures an INX is stamped for; empty =
    /// every declared target, and x86, amd64 and arm64 for INX files.
    pub targets: Vec<TargetSpec>,
    /// Rule selection and severity changes.
    pub rules: RuleSettings,
    /// Whether `; difcheck: ignore[…]` comments are honoured (and checked). `false` (the CLI's
    /// `--no-inline-suppressions`) ignores them entirely: nothing is suppressed and nothing is
    /// reported about them.
    pub inline_suppressions: bool,
    /// How INX files are stamped.
    pub inx: InxOptions,
    /// The folder of the package's co-installer / class-installer sources (`--sources`).
    pub sources: Option<PathBuf>,
    /// Without [`LintOptions::sources`]: whether rules that need installer sources look for them
    /// in the INF's repository (the nearest folder above it holding `.git`, else its folder).
    pub discover_sources: bool,
    /// Source analyses made so far, shared by every clone of these options: lint all files
    /// of a run with clones of one `LintOptions` so that each sources folder is read once.
    pub source_cache: crate::package::SourceCache,
}

impl LintOptions {
    /// A copy of these options with an empty [`LintOptions::source_cache`] (a plain clone
    /// shares the cache).
    pub fn clone_fresh(&self) -> LintOptions {
        LintOptions {
            source_cache: crate::package::SourceCache::default(),
            ..self.clone()
        }
    }
}

impl Default for LintOptions {
    fn default() -> Self {
        LintOptions {
            profile: Profile::Basic,
            codepage: 1252,
            targets: Vec::new(),
            rules: RuleSettings::default(),
            inline_suppressions: true,
            inx: InxOptions::default(),
            sources: None,
            discover_sources: true,
            source_cache: crate::package::SourceCache::default(),
        }
    }
}

/// How a file is linted, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    /// An INF (also `.inf.in` templates and any other name).
    Inf,
    /// A stampinf input (`.inx`, `.inx.in`): linted as stamped.
    Inx,
}

impl FileKind {
    /// The kind of a file by its name (case-insensitive): `.inx` and `.inx.in` are INX files.
    pub fn from_path(path: &Path) -> FileKind {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if name.ends_with(".inx") || name.ends_with(".inx.in") {
            FileKind::Inx
        } else {
            FileKind::Inf
        }
    }
}

/// What happened to a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "status", content = "reason")]
pub enum FileStatus {
    /// Linted; its diagnostics are complete.
    Linted,
    /// Not linted on purpose (too large, not an INF…), with the reason.
    Skipped(String),
    /// Could not be linted (unreadable…), with the reason.
    Failed(String),
}

/// The result of linting one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// The path as given or found.
    pub path: PathBuf,
    /// The encoding name (`ansi`, `utf-16le-bom`, …), when the file was read.
    pub encoding: Option<String>,
    /// The decoded text (for rendering snippets and line/column). For an INX file this is the
    /// `.inx` text: every span points into it.
    #[serde(skip)]
    pub text: String,
    /// Diagnostics in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// What happened to the file.
    pub status: FileStatus,
    /// INF or INX.
    pub kind: FileKind,
    /// For an INX that uses `$ARCH$`: the architectures it was stamped for.
    pub stamped_archs: Vec<Arch>,
    /// How many findings inline suppressions silenced.
    pub suppressed: usize,
    /// How many findings were held back because they are on template placeholder lines.
    pub masked_by_template: usize,
    /// A stricter profile the INF seems written for (a hint; never applied by the engine).
    pub profile_hint: Option<ProfileSuggestion>,
    /// Rules that panicked on this file (a difcheck bug; the rest of the report is complete).
    pub internal_errors: Vec<String>,
    /// Installers the rules that need installer sources could not check (source not found,
    /// analysed in part, no sources available), with the reason: their absence of findings
    /// is not a clean bill.
    pub installers_not_analysed: Vec<NotAnalysed>,
}

impl FileReport {
    fn empty(path: PathBuf, status: FileStatus) -> Self {
        FileReport {
            kind: FileKind::from_path(&path),
            path,
            encoding: None,
            text: String::new(),
            diagnostics: Vec::new(),
            status,
            stamped_archs: Vec::new(),
            suppressed: 0,
            masked_by_template: 0,
            profile_hint: None,
            internal_errors: Vec::new(),
            installers_not_analysed: Vec::new(),
        }
    }

    /// A report for a file that could not be linted.
    pub fn failed(path: PathBuf, reason: impl Into<String>) -> Self {
        FileReport::empty(path, FileStatus::Failed(reason.into()))
    }

    /// A report for a file skipped on purpose.
    pub fn skipped(path: PathBuf, reason: impl Into<String>) -> Self {
        FileReport::empty(path, FileStatus::Skipped(reason.into()))
    }

    /// 1-based line and column (characters) of a byte offset in [`Self::text`]. Scans the text
    /// up to `offset`; for the positions of many diagnostics, build [`Self::line_index`] once.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        line_col(&self.text, offset)
    }

    /// The line starts of [`Self::text`], for the positions of many diagnostics.
    pub fn line_index(&self) -> LineIndex {
        LineIndex::new(&self.text)
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`: one scan of the text up
/// to `offset`. To place many offsets of one text, use a [`LineIndex`], which scans it once.
pub fn line_col(text: &str, offset: u32) -> (u32, u32) {
    let end = char_start(text, offset);
    let before = &text[..end];
    let line = before.bytes().filter(|&b| b == b'\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, column(text, line_start, end))
}

/// `offset` clamped to `text` and moved back to the start of the character it falls in, so that
/// a bad span never panics.
fn char_start(text: &str, offset: u32) -> usize {
    let mut end = (offset as usize).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The 1-based column (in characters) of byte `end` on the line starting at byte `line_start`.
fn column(text: &str, line_start: usize, end: usize) -> u32 {
    text[line_start..end].chars().count() as u32 + 1
}

/// The byte offset where every line of a text starts (lines end at `\n`), so that turning an
/// offset into a line and column is a binary search plus a count of the characters before it
/// on its line, instead of a scan from the start of the text as [`line_col`] does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of a byte offset in `text`, the text this index
    /// was built from; the same values as [`line_col`].
    pub fn line_col(&self, text: &str, offset: u32) -> (u32, u32) {
        let end = char_start(text, offset);
        let line = self.starts.partition_point(|&s| s <= end);
        let line_start = self.starts[line - 1];
        (line as u32, column(text, line_start, end))
    }

    /// The byte range of 1-based line `line` in `text`, its line break included; `None` past
    /// the last line.
    pub fn line_range(&self, text: &str, line: u32) -> Option<std::ops::Range<usize>> {
        let start = *self.starts.get((line as usize).checked_sub(1)?)?;
        let end = self
            .starts
            .get(line as usize)
            .copied()
            .unwrap_or(text.len());
        Some(start.min(text.len())..end.min(text.len()))
    }

    /// How many lines the text has (a text without a line break has one).
    pub fn lines(&self) -> usize {
        self.starts.len()
    }
}

/// Lints the bytes of one file.
pub fn lint_bytes(path: &Path, bytes: &[u8], options: &LintOptions) -> FileReport {
    lint_source(path, decode(bytes, options.codepage), options)
}

/// Lints already-decoded text (an editor buffer, UTF-8 from standard input).
pub fn lint_text(path: &Path, text: &str, options: &LintOptions) -> FileReport {
    lint_source(path, SourceText::from_text(text), options)
}

/// Lints a decoded file.
pub fn lint_source(path: &Path, source: SourceText, options: &LintOptions) -> FileReport {
    let kind = FileKind::from_path(path);
    let inf = Inf::with_options(parse(source), InfOptions::default());
    // An `.inf` that still holds `$ARCH$` is a stampinf input kept under the `.inf` name (the
    // WDK's StampInf task stamps project INFs at build time): lint it as stamped, as
    // InfVerif's `/stampinf` does, unless told otherwise.
    let stampinf_input = kind == FileKind::Inx
        || (options.inx.stamp_inf_sources && uses_arch_token(inf.tree().text()));
    let enabled: Vec<(&'static RuleMeta, Severity)> = RULES
        .iter()
        .filter_map(|r| options.rules.effective(r, options.profile).map(|s| (*r, s)))
        .collect();
    let run = Run {
        path,
        options,
        enabled: &enabled,
        encoding: inf.tree().source().encoding(),
        is_inx: stampinf_input,
    };
    let mut state = RunState::default();
    let (mut diagnostics, stamped_archs) = if stampinf_input {
        run.inx(&inf, &mut state)
    } else {
        (
            run.rules(&inf, None, inf.tree().diagnostics(), &mut state),
            Vec::new(),
        )
    };
    if !options.targets.is_empty() {
        diagnostics.retain(|d| {
            d.targets.is_empty()
                || d.targets
                    .iter()
                    .any(|t| label_selected(t, &options.targets))
        });
    }
    let mut suppressed = 0usize;
    if options.inline_suppressions {
        let suppressions = Suppressions::parse(inf.tree());
        if !suppressions.is_empty() {
            let applied = suppressions.apply(diagnostics);
            suppressed = applied.suppressed;
            diagnostics = applied.kept;
            let meta = run.suppression_diagnostics(&suppressions, &applied.used);
            // The findings about suppressions can themselves be suppressed (`ignore-file[DCK0001]`).
            let meta = suppressions.apply(meta);
            suppressed += meta.suppressed;
            diagnostics.extend(meta.kept);
        }
    }
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| d.primary.map_or((0, 0), |s| (s.start, s.end));
        key(a)
            .cmp(&key(b))
            .then_with(|| a.code.cmp(&b.code))
            .then_with(|| a.message.cmp(&b.message))
    });
    FileReport {
        path: path.to_path_buf(),
        encoding: Some(inf.tree().source().encoding().name().to_owned()),
        text: inf.tree().text().to_owned(),
        diagnostics,
        status: FileStatus::Linted,
        kind,
        stamped_archs,
        suppressed,
        masked_by_template: state.masked,
        profile_hint: suggest_profile(&inf, options.profile),
        internal_errors: state.internal_errors,
        installers_not_analysed: state.not_analysed,
    }
}

/// What every rule run of one file shares.
struct Run<'a> {
    path: &'a Path,
    options: &'a LintOptions,
    enabled: &'a [(&'static RuleMeta, Severity)],
    encoding: Encoding,
    is_inx: bool,
}

/// What the runs of one file accumulate besides diagnostics.
#[derive(Default)]
struct RunState {
    masked: usize,
    internal_errors: Vec<String>,
    not_analysed: Vec<NotAnalysed>,
}

impl Run<'_> {
    fn severity_of(&self, rule: &RuleMeta) -> Option<Severity> {
        self.enabled
            .iter()
            .find(|(r, _)| r.code == rule.code)
            .map(|(_, s)| *s)
    }

    /// Runs every enabled rule on one text (an INF, or one stamping of an INX).
    fn rules(
        &self,
        inf: &Inf,
        stamped_arch: Option<Arch>,
        parse_diagnostics: &[ParseDiagnostic],
        state: &mut RunState,
    ) -> Vec<Diagnostic> {
        let declared = declared_targets(inf);
        let placeholders = find_placeholders(inf.tree());
        let package = PackageCache::new(SourcesSetting {
            dir: self.options.sources.clone(),
            discover: self.options.discover_sources,
            cache: self.options.source_cache.clone(),
        });
        let cx = Context {
            inf,
            path: self.path,
            package_dir: self.path.parent().filter(|p| !p.as_os_str().is_empty()),
            profile: self.options.profile,
            is_inx: self.is_inx,
            stamped_arch,
            encoding: self.encoding,
            parse_diagnostics,
            declared_targets: &declared,
            target_filter: &self.options.targets,
            placeholders: &placeholders,
            package: &package,
            memo: Memo::default(),
        };
        let mut out = Vec::new();
        for &(rule, severity) in self.enabled {
            let mut findings = Vec::new();
            if let Err(payload) =
                catch_unwind(AssertUnwindSafe(|| (rule.check)(&cx, &mut findings)))
            {
                let what = payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_owned());
                let message = format!("rule {} ({}) panicked: {what}", rule.code, rule.name);
                if !state.internal_errors.contains(&message) {
                    state.internal_errors.push(message);
                }
                continue;
            }
            out.extend(
                findings
                    .into_iter()
                    .map(|f| to_diagnostic(rule, severity, f)),
            );
        }
        for item in package.not_analysed() {
            if !state.not_analysed.contains(&item) {
                state.not_analysed.push(item);
            }
        }
        if !placeholders.is_empty() {
            let tainted = tainted_lines(inf, &placeholders);
            let before = out.len();
            out.retain(|d| {
                d.code == TEMPLATE_PLACEHOLDER.code
                    || d.primary.is_none_or(|p| !in_spans(&tainted, p.start))
            });
            // Several stampings of one INX hold back the same findings: count them once.
            state.masked = state.masked.max(before - out.len());
        }
        out
    }

    /// Lints an INX as stamped for each architecture and merges the results.
    fn inx(&self, inx: &Inf, state: &mut RunState) -> (Vec<Diagnostic>, Vec<Arch>) {
        let runs: Vec<Option<Arch>> = if uses_arch_token(inx.tree().text()) {
            let archs = if self.options.inx.archs.is_empty() {
                stamp_archs(&self.options.targets)
            } else {
                self.options.inx.archs.clone()
            };
            archs.into_iter().map(Some).collect()
        } else {
            vec![None]
        };
        let decode_problems: Vec<&ParseDiagnostic> = inx
            .tree()
            .diagnostics()
            .iter()
            .filter(|d| matches!(d.problem, ParseProblem::Decode(_)))
            .collect();
        let mut merger = Merger::default();
        for &arch in &runs {
            let mut stamped = stamp(inx.tree().text(), arch, &self.options.inx);
            let text = stamped.take_text();
            let inf = Inf::with_options(parse(SourceText::from_text(text)), InfOptions::default());
            let mut parse_diagnostics: Vec<ParseDiagnostic> = decode_problems
                .iter()
                .map(|d| ParseDiagnostic {
                    span: stamped.span_to_stamped(d.span),
                    ..(*d).clone()
                })
                .collect();
            parse_diagnostics.extend(inf.tree().diagnostics().iter().cloned());
            parse_diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
            for diag in self.rules(&inf, arch, &parse_diagnostics, state) {
                merger.add(map_back(diag, &stamped), arch);
            }
        }
        let archs = runs.iter().flatten().copied().collect();
        (merger.finish(runs.len()), archs)
    }

    /// Findings about the suppressions themselves: unused codes and invalid directives.
    fn suppression_diagnostics(
        &self,
        suppressions: &Suppressions,
        used: &[Vec<bool>],
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if let Some(severity) = self.severity_of(&UNUSED_SUPPRESSION) {
            let ran = |r: &RuleMeta| {
                r.code != UNUSED_SUPPRESSION.code
                    && r.code != INVALID_SUPPRESSION.code
                    && self.enabled.iter().any(|(e, _)| e.code == r.code)
            };
            for (directive, code) in suppressions.unused(used, ran) {
                let message = match directive.scope {
                    Scope::Line { covers: Some(_) } => {
                        format!("unused suppression: no `{}` finding on this line", code.rule.code)
                    }
                    Scope::Line { covers: None } => format!(
                        "suppression of `{}` covers no line: a blank line or the end of the file follows it",
                        code.rule.code
                    ),
                    Scope::File => format!("unused suppression: no `{}` finding in this file", code.rule.code),
                };
                let finding = Finding::at(code.span, message)
                    .primary_label("suppresses nothing")
                    .help(format!("remove `{}` from the suppression", code.rule.code));
                out.push(to_diagnostic(&UNUSED_SUPPRESSION, severity, finding));
            }
        }
        if let Some(severity) = self.severity_of(&INVALID_SUPPRESSION) {
            for problem in &suppressions.problems {
                let finding = match problem {
                    SuppressionProblem::Blanket { span, file } => {
                        let directive = if *file { "ignore-file" } else { "ignore" };
                        Finding::at(*span, format!("`difcheck: {directive}` without rule codes suppresses nothing"))
                            .help(format!("name the codes it is meant for: `; difcheck: {directive}[INF1209] reason`"))
                    }
                    SuppressionProblem::UnknownCode { span, code } => {
                        Finding::at(*span, format!("unknown rule `{code}` in a suppression")).help(
                            "use a difcheck code (`INF1209`), an InfVerif number (`1209`) or a rule name; `difcheck rules` lists them",
                        )
                    }
                    SuppressionProblem::Malformed { span, detail } => Finding::at(*span, detail.clone())
                        .help("write `; difcheck: ignore[CODE, …] reason` or `; difcheck: ignore-file[CODE, …] reason`"),
                };
                out.push(to_diagnostic(&INVALID_SUPPRESSION, severity, finding));
            }
        }
        out
    }
}

/// Maps a diagnostic of a stamped text back to the `.inx` text.
fn map_back(mut d: Diagnostic, stamped: &StampedInx) -> Diagnostic {
    d.primary = d.primary.map(|s| stamped.span_to_original(s));
    d.message = stamped.unstamp(&d.message);
    d.primary_label = d.primary_label.map(|l| stamped.unstamp(&l));
    d.help = d.help.map(|h| stamped.unstamp(&h));
    for label in &mut d.labels {
        if label.file.is_none() {
            label.span = stamped.span_to_original(label.span);
        }
        label.message = stamped.unstamp(&label.message);
    }
    d
}

/// Merges the diagnostics of several stampings of one INX.
#[derive(Default)]
struct Merger {
    /// [`merge_hash`] → the merged diagnostics with that hash.
    index: HashMap<u64, Vec<usize>>,
    merged: Vec<Merged>,
}

/// A hash of what makes two diagnostics of different stampings the same finding: everything
/// but the rule name, severity, URL and targets (see [`same_finding`]).
fn merge_hash(d: &Diagnostic) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    d.code.hash(&mut h);
    d.primary.hash(&mut h);
    d.message.hash(&mut h);
    d.primary_label.hash(&mut h);
    d.help.hash(&mut h);
    d.labels.len().hash(&mut h);
    for l in &d.labels {
        l.span.hash(&mut h);
        l.message.hash(&mut h);
        l.file.as_ref().map(|f| f.as_os_str()).hash(&mut h);
    }
    h.finish()
}

/// Whether two diagnostics are the same finding for merging: same code, spans, texts and
/// labels (label files compared as written).
fn same_finding(a: &Diagnostic, b: &Diagnostic) -> bool {
    a.code == b.code
        && a.primary == b.primary
        && a.message == b.message
        && a.primary_label == b.primary_label
        && a.help == b.help
        && a.labels.len() == b.labels.len()
        && a.labels.iter().zip(&b.labels).all(|(x, y)| {
            x.span == y.span
                && x.message == y.message
                && x.file.as_ref().map(|f| f.as_os_str()) == y.file.as_ref().map(|f| f.as_os_str())
        })
}

struct Merged {
    diagnostic: Diagnostic,
    /// Targets the rules named, over every stamping.
    targets: Vec<String>,
    /// Stampings in which the rule named no target (the finding holds for all of that
    /// stamping's targets).
    untargeted: Vec<Option<Arch>>,
}

impl Merger {
    fn add(&mut self, d: Diagnostic, arch: Option<Arch>) {
        let bucket = self.index.entry(merge_hash(&d)).or_default();
        let i = match bucket
            .iter()
            .copied()
            .find(|&i| same_finding(&self.merged[i].diagnostic, &d))
        {
            Some(i) => i,
            None => {
                self.merged.push(Merged {
                    diagnostic: d.clone(),
                    targets: Vec::new(),
                    untargeted: Vec::new(),
                });
                bucket.push(self.merged.len() - 1);
                self.merged.len() - 1
            }
        };
        let m = &mut self.merged[i];
        if d.targets.is_empty() {
            if !m.untargeted.contains(&arch) {
                m.untargeted.push(arch);
            }
        } else {
            for t in d.targets {
                if !m.targets.contains(&t) {
                    m.targets.push(t);
                }
            }
        }
    }

    /// The merged diagnostics. A finding that held for every target of every stamping keeps
    /// an empty `targets` (all); otherwise `targets` lists the rules' targets plus the
    /// architectures whose whole stamping it held for.
    fn finish(self, runs: usize) -> Vec<Diagnostic> {
        self.merged
            .into_iter()
            .map(|m| {
                let mut d = m.diagnostic;
                let everywhere = m.untargeted.len() == runs && m.targets.is_empty();
                d.targets = if everywhere {
                    Vec::new()
                } else {
                    let mut t = m.targets;
                    t.extend(m.untargeted.iter().flatten().map(|a| a.name().to_owned()));
                    t
                };
                d
            })
            .collect()
    }
}

fn to_diagnostic(rule: &RuleMeta, severity: Severity, f: Finding) -> Diagnostic {
    Diagnostic {
        code: rule.code.to_owned(),
        name: rule.name.to_owned(),
        infverif: rule.infverif,
        severity,
        message: f.message,
        primary: f.primary,
        primary_label: f.primary_label,
        labels: f.labels,
        help: f.help,
        targets: f.targets,
        url: Some(rule.url()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::selection::{RuleSelector, SeverityLevel};

    /// Options that run only `codes`, so that the tests do not depend on the rest of the rule set.
    fn only(codes: &[&str]) -> LintOptions {
        let mut o = LintOptions::default();
        o.rules.select = Some(
            codes
                .iter()
                .map(|c| RuleSelector::parse(c).unwrap())
                .collect(),
        );
        o
    }

    fn codes(report: &FileReport) -> Vec<&str> {
        report.diagnostics.iter().map(|d| d.code.as_str()).collect()
    }

    const DUP: &str = "[Version]\nSignature=\"$Windows NT$\"\n[A]\nx=1\n[A]\ny=2\n";

    #[test]
    fn runs_rules_and_sorts() {
        let r = lint_text(Path::new("a.inf"), DUP, &only(&["INF1209", "INF1001"]));
        assert_eq!(codes(&r), ["INF1209"]);
        assert_eq!(r.status, FileStatus::Linted);
        assert_eq!(r.kind, FileKind::Inf);
        assert_eq!(r.line_col(r.diagnostics[0].primary.unwrap().start), (3, 1));
    }

    #[test]
    fn the_line_index_agrees_with_line_col_at_every_offset() {
        let text = "[Version]\r\nKey = \"é€😀\"\n\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.lines(), 4);
        for offset in 0..text.len() as u32 + 3 {
            assert_eq!(
                index.line_col(text, offset),
                line_col(text, offset),
                "offset {offset}"
            );
        }
        assert_eq!(index.line_col(text, 11), (2, 1));
        assert_eq!(index.line_range(text, 1), Some(0..11));
        assert_eq!(&text[index.line_range(text, 4).unwrap()], "last");
        assert_eq!(index.line_range(text, 0), None);
        assert_eq!(index.line_range(text, 5), None);
        assert_eq!(LineIndex::new("").line_col("", 7), (1, 1));
    }

    #[test]
    fn selection_and_severity_apply() {
        let mut o = only(&["INF1209", "INF1001"]);
        o.rules
            .ignore
            .push(RuleSelector::parse("structure").unwrap());
        assert!(codes(&lint_text(Path::new("a.inf"), DUP, &o)).is_empty());
        o.rules.severity.push((
            RuleSelector::parse("1209").unwrap(),
            SeverityLevel::Level(Severity::Info),
        ));
        let r = lint_text(Path::new("a.inf"), DUP, &o);
        assert_eq!(r.diagnostics[0].severity, Severity::Info);
    }

    #[test]
    fn suppressions_silence_and_report() {
        let text = "[Version]\nSignature=\"$Windows NT$\"\n[A] ; difcheck: ignore[INF1209] on purpose\nx=1\n[A]\n; difcheck: ignore[INF1002]\n[B]\n";
        let o = only(&["INF1209", "INF1002", "DCK0001", "DCK0002"]);
        let r = lint_text(Path::new("a.inf"), text, &o);
        assert_eq!(r.suppressed, 1);
        assert_eq!(codes(&r), ["DCK0001"]);
        let off = LintOptions {
            inline_suppressions: false,
            ..o
        };
        let r = lint_text(Path::new("a.inf"), text, &off);
        assert_eq!((codes(&r), r.suppressed), (vec!["INF1209"], 0));
    }

    #[test]
    fn inx_files_are_stamped_and_merged() {
        let text = "[Version]\nSignature=\"$Windows NT$\"\n[Manufacturer]\n%M%=Models,NT$ARCH$\n[Models.NT$ARCH$]\n[Models.NT$ARCH$]\n[Strings]\nM=x\n";
        let r = lint_text(Path::new("w.inx"), text, &only(&["INF1209"]));
        assert_eq!(r.kind, FileKind::Inx);
        assert_eq!(r.stamped_archs, crate::targets::STAMP_DEFAULT.to_vec());
        assert_eq!(codes(&r), ["INF1209"]);
        let d = &r.diagnostics[0];
        assert_eq!(&text[d.primary.unwrap().range()], "[Models.NT$ARCH$]");
        assert!(d.message.contains("Models.NT$ARCH$"), "{}", d.message);
        assert!(d.targets.is_empty(), "{:?}", d.targets);
        // Only the asked architectures are stamped.
        let o = LintOptions {
            targets: vec![TargetSpec::arch(Arch::Arm64)],
            ..LintOptions::default()
        };
        assert_eq!(
            lint_text(Path::new("w.inx"), text, &o).stamped_archs,
            vec![Arch::Arm64]
        );
    }

    #[test]
    fn inx_findings_for_some_architectures_list_them() {
        // Only the arm64 stamping duplicates `[Models.NTarm64]`.
        let text = "[Version]\nSignature=\"$Windows NT$\"\n[Manufacturer]\n%M%=Models,NT$ARCH$\n[Models.NTarm64]\n[Models.NT$ARCH$]\n[Strings]\nM=x\n";
        let r = lint_text(Path::new("w.inx"), text, &only(&["INF1209"]));
        assert_eq!(codes(&r), ["INF1209"]);
        let d = &r.diagnostics[0];
        assert_eq!(d.targets, ["arm64"]);
        assert_eq!(&text[d.primary.unwrap().range()], "[Models.NTarm64]");
        // The literal name is not turned into `$ARCH$`.
        assert!(d.message.contains("`[Models.NTarm64]`"), "{}", d.message);
        assert_eq!(&text[d.labels[0].span.range()], "[Models.NT$ARCH$]");
        let amd64 = LintOptions {
            targets: vec![TargetSpec::arch(Arch::Amd64)],
            ..only(&["INF1209"])
        };
        assert!(codes(&lint_text(Path::new("w.inx"), text, &amd64)).is_empty());
    }

    #[test]
    fn inx_decode_problems_point_into_the_inx() {
        // UTF-16LE with an unpaired surrogate after lines that stamping lengthens, and an odd
        // final byte: both problems come from decoding the `.inx` and must land on its text.
        let text = "[Version]\nSignature=\"$Windows NT$\"\n[Manufacturer]\n%M%=Models,NT$ARCH$\n[Models.NT$ARCH$]\n%D%=I,ROOT\\X\n[Strings]\nM=x\nD=y\n";
        let mut bytes = vec![0xFF, 0xFE];
        for (i, unit) in text.encode_utf16().enumerate() {
            if i == text.find("ROOT").unwrap() {
                bytes.extend_from_slice(&0xD800u16.to_le_bytes());
            }
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        bytes.push(b'!');
        let r = lint_bytes(Path::new("w.inx"), &bytes, &only(&["INF1003"]));
        let found: Vec<(&str, &str)> = r
            .diagnostics
            .iter()
            .filter(|d| d.code == "INF1003")
            .map(|d| (d.message.as_str(), &r.text[d.primary.unwrap().range()]))
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|(_, at)| *at == "\u{FFFD}"), "{found:?}");
        let surrogate = r
            .diagnostics
            .iter()
            .find(|d| d.message.contains("surrogate"))
            .unwrap();
        assert!(r.text[surrogate.primary.unwrap().end as usize..].starts_with("ROOT"));
    }

    #[test]
    fn template_lines_are_held_back() {
        let text = "[Version]\nSignature=\"$Windows NT$\"\n[Strings]\nA=\"@VALUE@ never closed\nB=\"plain, never closed\n";
        let r = lint_text(Path::new("t.inf.in"), text, &only(&["DCK0003", "DCK1002"]));
        assert_eq!(codes(&r), ["DCK0003", "DCK1002"]);
        assert_eq!(r.masked_by_template, 1);
        let quote = r.diagnostics.iter().find(|d| d.code == "DCK1002").unwrap();
        assert_eq!(r.line_col(quote.primary.unwrap().start).0, 5);
    }

    #[test]
    fn stricter_profiles_are_only_suggested() {
        let text = "[Version]\nSignature=\"$Windows NT$\"\nPnpLockdown=1\n[DestinationDirs]\nDefaultDestDir=13\n";
        let r = lint_text(Path::new("a.inf"), text, &LintOptions::default());
        assert_eq!(
            r.profile_hint.as_ref().map(|h| h.profile),
            Some(Profile::WindowsDriver)
        );
        let strict = LintOptions {
            profile: Profile::WindowsDriver,
            ..LintOptions::default()
        };
        assert!(lint_text(Path::new("a.inf"), text, &strict)
            .profile_hint
            .is_none());
    }

    #[test]
    fn a_panicking_rule_is_contained() {
        // Not a real rule: exercise the containment through `Run::rules` directly.
        fn boom(_: &Context<'_>, _: &mut Vec<Finding>) {
            panic!("boom");
        }
        static BOOM: RuleMeta = RuleMeta {
            code: "TST0001",
            name: "boom",
            category: crate::rule::Category::Meta,
            infverif: None,
            severities: crate::rule::Severities::all(Severity::Error),
            needs: crate::rule::Needs::InfText,
            reference: "",
            summary: "",
            doc: "",
            check: boom,
        };
        let options = LintOptions::default();
        let enabled = [(&BOOM, Severity::Error)];
        let inf = inf_parser::parse_inf(DUP.as_bytes(), 1252, InfOptions::default());
        let run = Run {
            path: Path::new("a.inf"),
            options: &options,
            enabled: &enabled,
            encoding: inf.tree().source().encoding(),
            is_inx: false,
        };
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let mut state = RunState::default();
        let out = run.rules(&inf, None, &[], &mut state);
        std::panic::set_hook(prev);
        assert!(out.is_empty());
        assert_eq!(
            state.internal_errors,
            ["rule TST0001 (boom) panicked: boom"]
        );
    }
}
