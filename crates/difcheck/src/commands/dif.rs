//! `difcheck dif`: the installer chain an INF registers and what `SetupDiCallClassInstaller`
//! does with it, per device, for a typical DIF sequence (dif-model.md §2, §2.8, §3, §4).
//!
//! The INF is read for one target (architecture and Windows version); for an `.inx` file the
//! text stampinf would produce for that architecture is read and every line number points back
//! into the `.inx`. Devices sharing a DDInstall section share a chain, so they are shown
//! together. Human output fits 100 columns; JSON output carries the same facts with every INF
//! span also given as a 1-based line and column.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use dif_model::behavior::{Knowledge, Role, SourceLocation};
use dif_model::catalog::{dif_codes::DIF_FINISHINSTALL_ACTION, WindowsVersion};
use dif_model::chain::{
    analyze_package, Activation, DeviceChain, DiridOrigin, Handling, Installer, InstallerChain,
    MatchOutcome, PackageAnalysis, SourcesOrigin,
};
use dif_model::dispatch::{CallPass, Outcome, Prediction};
use dif_model::scenario::{
    predict_scenario, Reached, Scenario, ScenarioOptions, ScenarioPrediction,
};
use dif_model::source::PrototypeKind;
use inf_parser::inx::{stamp, ArchStamp, StampOptions, Stamped};
use inf_parser::{decode, parse, Arch, Inf, Span, Target};
use serde_json::{json, Value};

use crate::cli::parse_codepage;
use crate::ExitStatus;

/// The stampinf tokens whose presence makes an `.inf` file a template to stamp.
const STAMP_TOKENS: [&str; 5] = [
    "$ARCH$",
    "$KMDFVERSION$",
    "$KMDFCOINSTALLERVERSION$",
    "$UMDFVERSION$",
    "$UMDFCOINSTALLERVERSION$",
];

/// Width human output is laid out for.
const WIDTH: usize = 100;
/// The Windows version assumed without `--os`: Windows 11 22H2.
const DEFAULT_OS: (u32, u32, u32) = (10, 0, 22621);

/// Output formats of `difcheck dif`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DifFormat {
    /// A readable report, at most 100 columns wide.
    Human,
    /// A versioned JSON document (`"version": 1`).
    Json,
}

/// Arguments of `difcheck dif`.
#[derive(Debug, Args)]
pub struct DifArgs {
    /// The INF or INX file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Target architecture (x86, amd64, arm, arm64, ia64) [default: amd64 if the INF installs
    /// anything there, else the first architecture it declares].
    #[arg(long, value_name = "ARCH", value_parser = parse_dif_arch)]
    pub arch: Option<Arch>,

    /// Target Windows version as MAJOR.MINOR[.BUILD], e.g. 10.0.22621 [default: 10.0.22621,
    /// Windows 11 22H2]. A workstation product type is assumed.
    #[arg(long, value_name = "VERSION", value_parser = parse_dif_os)]
    pub os: Option<(u32, u32, u32)>,

    /// Folder with the co-installer / class-installer sources [default: the INF's repository
    /// root (the nearest folder above it holding .git), else the INF's folder].
    #[arg(long, value_name = "DIR")]
    pub sources: Option<PathBuf>,

    /// The DIF sequence to predict: pnp-install, manual-install, property-change, remove,
    /// finish-install-win7, finish-install-win8, or all.
    #[arg(long, value_name = "NAME", default_value = "pnp-install", value_parser = parse_scenarios)]
    pub scenario: ScenarioChoice,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = DifFormat::Human)]
    pub format: DifFormat,

    /// ANSI code page used to read 8-bit files without a byte-order mark.
    #[arg(long, value_name = "N", default_value_t = 1252, value_parser = parse_codepage)]
    pub codepage: u16,
}

/// The scenarios asked for with `--scenario`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioChoice(pub Vec<Scenario>);

/// Parses `--scenario`: a scenario name or `all`.
pub fn parse_scenarios(s: &str) -> Result<ScenarioChoice, String> {
    if s.trim().eq_ignore_ascii_case("all") {
        return Ok(ScenarioChoice(Scenario::ALL.to_vec()));
    }
    s.parse::<Scenario>()
        .map(|sc| ScenarioChoice(vec![sc]))
        .map_err(|e| format!("{e}, or all"))
}

/// Parses `--arch`: an INF architecture token, or the aliases x64 / x86_64 (amd64) and aarch64
/// (arm64).
pub fn parse_dif_arch(s: &str) -> Result<Arch, String> {
    let t = s.trim();
    Arch::parse(t)
        .or_else(|| match t.to_ascii_lowercase().as_str() {
            "x64" | "x86_64" => Some(Arch::Amd64),
            "aarch64" => Some(Arch::Arm64),
            _ => None,
        })
        .ok_or_else(|| format!("`{s}` is not an architecture; use x86, amd64, arm, arm64 or ia64"))
}

/// Parses `--os`: `MAJOR.MINOR[.BUILD]` (a missing build is 0, "unknown").
pub fn parse_dif_os(s: &str) -> Result<(u32, u32, u32), String> {
    let parts: Vec<Option<u32>> = s.trim().split('.').map(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [Some(major), Some(minor)] => Ok((*major, *minor, 0)),
        [Some(major), Some(minor), Some(build)] => Ok((*major, *minor, *build)),
        _ => Err(format!(
            "`{s}` is not a Windows version; use MAJOR.MINOR[.BUILD], e.g. 10.0.22621"
        )),
    }
}

/// Runs the command.
pub fn run(args: &DifArgs) -> ExitStatus {
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read `{}`: {e}", args.file.display());
            return ExitStatus::Error;
        }
    };
    let source = decode(&bytes, args.codepage);
    let original = Inf::new(parse(source));
    let requested_arch = args.arch;
    let (major, minor, build) = args.os.unwrap_or(DEFAULT_OS);
    // An INX, or an INF template that still has stampinf tokens (some builds stamp `.inf`
    // files), is read as stampinf would write it; with `$ARCH$`, for the requested architecture
    // (amd64 by default). Anything else is read as it is, and the architecture may follow from
    // its decorations.
    let is_inx = is_inx(&args.file);
    let has_tokens = STAMP_TOKENS
        .iter()
        .any(|t| original.tree().text().contains(t));
    let stamped_template = !is_inx && has_tokens;
    let uses_arch = (is_inx || stamped_template) && original.tree().text().contains("$ARCH$");
    let stamp_arch = requested_arch.unwrap_or(Arch::Amd64);
    let stamped = (is_inx || stamped_template).then(|| {
        stamp(
            original.tree().text(),
            &stamp_options(uses_arch.then_some(stamp_arch)),
        )
    });
    let inf = match &stamped {
        Some(s) => s.to_inf(original.options()),
        None => original.clone(),
    };
    let os_target = |arch| {
        let t = Target::new(arch, major, minor).with_product_type(1);
        if build > 0 {
            t.with_build(build)
        } else {
            t
        }
    };
    let (arch, arch_defaulted) = match requested_arch {
        Some(a) => (a, false),
        None if uses_arch => (stamp_arch, true),
        None => (default_arch(&inf, &os_target), true),
    };
    let target = os_target(arch);
    let windows = windows_version(major, minor, build);
    if let Some(err) = inf.tree().open_verdict() {
        eprintln!(
            "warning: SetupOpenInfFile would reject `{}` ({}); showing what can be read",
            args.file.display(),
            err.code.name()
        );
    }
    let package = analyze_package(&args.file, &inf, &target, args.sources.as_deref());
    let locator = Locator::new(original.tree().text(), stamped.as_ref());
    let report = Report {
        file: &args.file,
        target,
        arch_defaulted,
        os_defaulted: args.os.is_none(),
        windows,
        is_inx,
        stamped_template,
        package: &package,
        scenarios: &args.scenario.0,
        groups: group_devices(&package),
        locator: &locator,
    };
    let out = match args.format {
        DifFormat::Human => report.human(),
        DifFormat::Json => {
            let mut value = report.json();
            annotate_spans(&mut value, &locator, false);
            let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
            s.push('\n');
            s
        }
    };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitStatus::Error;
    }
    ExitStatus::Success
}

fn is_inx(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.ends_with(".inx") || name.ends_with(".inx.in")
}

/// stampinf's settings for reading an INX: the architecture, KMDF 1.15 and UMDF 2.15.0 (the
/// versions `difcheck lint` assumes), the default DriverVer.
fn stamp_options(arch: Option<Arch>) -> StampOptions {
    StampOptions {
        arch: arch.map_or(ArchStamp::Leave, ArchStamp::arch),
        kmdf_version: Some((1, 15)),
        umdf_version: Some((2, 15, 0)),
        ..StampOptions::default()
    }
}

/// The DIF model's Windows release for an OS version.
fn windows_version(major: u32, minor: u32, build: u32) -> WindowsVersion {
    match (major, minor) {
        (m, _) if m > 10 => WindowsVersion::Win11,
        (10, _) if build >= 22000 => WindowsVersion::Win11,
        (10, _) if build >= 15063 => WindowsVersion::Win10v1703,
        (10, _) => WindowsVersion::Win10,
        (6, 2..) => WindowsVersion::Win8,
        (6, 1) => WindowsVersion::Win7,
        (6, _) => WindowsVersion::Vista,
        (5, 2..) => WindowsVersion::Server2003,
        (5, 1) => WindowsVersion::WinXp,
        _ => WindowsVersion::Win2000,
    }
}

/// amd64 when the INF installs a device there, else the first declared architecture that
/// installs one, else amd64.
fn default_arch(inf: &Inf, target: &dyn Fn(Arch) -> Target) -> Arch {
    let installs = |a: Arch| !inf.models_sections_used(&target(a)).is_empty();
    if installs(Arch::Amd64) {
        return Arch::Amd64;
    }
    dif_model::chain::declared_targets(inf)
        .iter()
        .map(|d| d.target.arch)
        .find(|&a| installs(a))
        .unwrap_or(Arch::Amd64)
}

/// Devices grouped by the DDInstall section they use (their chains are the same).
struct Group {
    /// Indices into `chain.devices`.
    devices: Vec<usize>,
}

fn group_devices(package: &PackageAnalysis) -> Vec<Group> {
    let mut groups: Vec<(String, Group)> = Vec::new();
    for (i, d) in package.chain.devices.iter().enumerate() {
        let key = format!(
            "{}\u{0}{}",
            d.models_section.to_ascii_lowercase(),
            d.install.name.to_ascii_lowercase()
        );
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, g)) => g.devices.push(i),
            None => groups.push((key, Group { devices: vec![i] })),
        }
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

/// Turns spans of the analysed text into line numbers of the file as given.
struct Locator<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    stamped: Option<&'a Stamped>,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str, stamped: Option<&'a Stamped>) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Locator {
            text,
            line_starts,
            stamped,
        }
    }

    /// The span in the file as given.
    fn original(&self, span: Span) -> Span {
        match self.stamped {
            Some(s) => s.span_to_source(span),
            None => span,
        }
    }

    /// 1-based line and column (in characters) of the span's start.
    fn line_col(&self, span: Span) -> (usize, usize) {
        let offset = (self.original(span).start as usize).min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line.saturating_sub(1)];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line.max(1), col + 1)
    }

    fn line(&self, span: Span) -> usize {
        self.line_col(span).0
    }
}

/// Everything the report shows.
struct Report<'a> {
    file: &'a Path,
    target: Target,
    arch_defaulted: bool,
    os_defaulted: bool,
    windows: WindowsVersion,
    is_inx: bool,
    stamped_template: bool,
    package: &'a PackageAnalysis,
    scenarios: &'a [Scenario],
    groups: Vec<Group>,
    locator: &'a Locator<'a>,
}

/// The predictions of one group of devices.
struct GroupPredictions {
    scenarios: Vec<ScenarioPrediction>,
    finish_install: Vec<ScenarioPrediction>,
}

impl Report<'_> {
    fn chain(&self) -> &InstallerChain {
        &self.package.chain
    }

    fn predict(&self, device: &DeviceChain) -> GroupPredictions {
        let participants = self.package.participants(device);
        let options = ScenarioOptions {
            windows: Some(self.windows),
        };
        GroupPredictions {
            scenarios: self
                .scenarios
                .iter()
                .map(|&s| predict_scenario(s, &participants, options))
                .collect(),
            finish_install: [Scenario::FinishInstallWin7, Scenario::FinishInstallWin8]
                .into_iter()
                .map(|s| predict_scenario(s, &participants, options))
                .collect(),
        }
    }

    fn file_name(&self) -> String {
        self.file.file_name().map_or_else(
            || self.file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    fn os_text(&self) -> String {
        let (major, minor) = self.target.os;
        match self.target.build {
            Some(b) => format!("{major}.{minor}.{b}"),
            None => format!("{major}.{minor}"),
        }
    }

    // ------------------------------------------------------------------------------- human

    fn human(&self) -> String {
        let mut out = String::new();
        let defaulted = match (self.arch_defaulted, self.os_defaulted) {
            (true, true) => " (default target)",
            (true, false) => " (default architecture)",
            (false, true) => " (default Windows version)",
            (false, false) => "",
        };
        let _ = writeln!(out, "{}", self.file.display());
        let _ = writeln!(
            out,
            "  target   {}, Windows {} ({}){defaulted}",
            self.target.arch,
            self.os_text(),
            self.windows
        );
        if self.is_inx {
            let _ = writeln!(
                out,
                "  read as  the INF stampinf makes of it for {} (KMDF 1.15, UMDF 2.15.0)",
                self.target.arch
            );
        }
        if self.stamped_template {
            push_wrapped(
                &mut out,
                "  read as  ",
                "           ",
                &format!(
                    "the INF stampinf makes of it for {} (KMDF 1.15, UMDF 2.15.0): the file still has stampinf tokens, which Windows would read literally",
                    self.target.arch
                ),
            );
        }
        self.human_sources(&mut out);
        self.human_class(&mut out);
        for note in &self.chain().notes {
            push_wrapped(&mut out, "  note  ", "        ", note);
        }
        if self.chain().devices.is_empty() {
            let _ = writeln!(out, "\nNo device is installed on this target.");
        }
        for group in &self.groups {
            self.human_group(&mut out, group);
        }
        out
    }

    fn human_sources(&self, out: &mut String) {
        let s = &self.package.sources;
        let origin = match s.origin {
            SourcesOrigin::Given => "given with --sources",
            SourcesOrigin::RepositoryRoot => "repository root of the INF",
            SourcesOrigin::InfFolder => "folder of the INF",
        };
        let _ = writeln!(
            out,
            "  sources  {} ({origin}): {} file(s) read",
            s.dir.display(),
            s.files
        );
        for skipped in &s.skipped {
            push_wrapped(
                out,
                "           skipped ",
                "             ",
                &format!("{}: {}", skipped.path.display(), skipped.reason),
            );
        }
        if self.package.matches.is_empty() && self.package.unregistered.is_empty() {
            return;
        }
        let _ = writeln!(out, "\nInstaller entry points");
        for m in &self.package.matches {
            let name = &m.name;
            let what = match &m.outcome {
                MatchOutcome::Found {
                    entry_point,
                    also_defined_at,
                } => {
                    let kind = match &entry_point.prototype.kind {
                        Knowledge::Known {
                            value: PrototypeKind::CoInstaller,
                        } => "co-installer prototype".to_string(),
                        Knowledge::Known {
                            value: PrototypeKind::ClassInstaller,
                        } => "class installer prototype".to_string(),
                        Knowledge::Unknown { reason } => {
                            format!("not an installer prototype: {reason}")
                        }
                    };
                    let mut s = format!(
                        "{} {} ({kind})",
                        source_at(&entry_point.behavior.defined_at),
                        entry_point.behavior.function
                    );
                    if !also_defined_at.is_empty() {
                        let others: Vec<String> = also_defined_at.iter().map(source_at).collect();
                        let _ = write!(s, "; also defined at {}", others.join(", "));
                    }
                    s
                }
                MatchOutcome::Microsoft { reason } | MatchOutcome::NotFound { reason } => {
                    format!("per protocol: {reason}")
                }
            };
            push_wrapped(out, &format!("  {name}\n      "), "      ", &what);
        }
        if !self.package.unregistered.is_empty() {
            let _ = writeln!(
                out,
                "  installer functions in the sources that this INF does not register:"
            );
            const SHOWN: usize = 10;
            for u in self.package.unregistered.iter().take(SHOWN) {
                let kind = match &u.kind {
                    Knowledge::Known {
                        value: PrototypeKind::CoInstaller,
                    } => "co-installer",
                    Knowledge::Known {
                        value: PrototypeKind::ClassInstaller,
                    } => "class installer",
                    Knowledge::Unknown { .. } => "exported",
                };
                push_wrapped(
                    out,
                    "    ",
                    "      ",
                    &format!("{} ({kind}, {})", u.entry, source_at(&u.defined_at)),
                );
            }
            if self.package.unregistered.len() > SHOWN {
                let _ = writeln!(
                    out,
                    "    and {} more (all are listed by --format json)",
                    self.package.unregistered.len() - SHOWN
                );
            }
        }
    }

    fn human_class(&self, out: &mut String) {
        let chain = self.chain();
        let class = &chain.class;
        let guid = class
            .guid()
            .map(|g| g.to_string())
            .unwrap_or_else(|| "(no ClassGuid)".to_string());
        let kind = match class.system {
            Some(c) if c.has_documented_class_installer() => format!("system class {}", c.name),
            Some(c) => format!(
                "system class {}, no documented in-box class installer",
                c.name
            ),
            None => "not a system-defined class".to_string(),
        };
        out.push('\n');
        push_wrapped(
            out,
            "",
            "  ",
            &format!("Class {} {guid} ({kind})", class.display_name()),
        );
        let effective = chain.class_installer();
        for installer in &chain.class_installers {
            let label = if effective.is_some_and(|e| std::ptr::eq(e, installer)) {
                "class installer"
            } else {
                "Installer32"
            };
            self.human_installer(out, "  ", label, installer, true);
        }
        if chain.class_installers.is_empty() {
            let _ = writeln!(out, "  class installer  none");
        }
        for i in &chain.class_co_installers {
            self.human_installer(out, "  ", "class co-installer", i, true);
        }
        for i in &chain.class_property_pages {
            self.human_installer(out, "  ", "property pages", i, true);
        }
        for i in &chain.misplaced {
            self.human_installer(out, "  ", i.role.label(), i, true);
        }
        for inc in &chain.included {
            self.human_included(out, "  ", inc);
        }
    }

    fn human_included(
        &self,
        out: &mut String,
        indent: &str,
        inc: &dif_model::chain::IncludedInstallers,
    ) {
        let from = if inc.includes.is_empty() {
            String::new()
        } else {
            format!(" of {}", inc.includes.join(", "))
        };
        let text = format!(
            "Needs={}{from} in [{}] (line {}): processed from another (system) INF; what it registers is not resolvable here",
            inc.needs,
            inc.section,
            self.locator.line(inc.needs_line.span)
        );
        push_wrapped(
            out,
            &format!("{indent}included  "),
            &format!("{indent}          "),
            &text,
        );
    }

    /// One installer: name, activation, registration, copy, disk, source, pitfalls.
    fn human_installer(
        &self,
        out: &mut String,
        indent: &str,
        label: &str,
        i: &Installer,
        details: bool,
    ) {
        let mut head = format!("{indent}{label}  {}", i.display_name());
        match i.kind.label() {
            Some(kind) => {
                let _ = write!(head, " ({kind})");
            }
            None if i.inbox => head.push_str(" (in-box)"),
            None => {}
        }
        let _ = writeln!(out, "{head}");
        let pad = format!("{indent}    ");
        let field = |name: &str| format!("{pad}{name:<11}");
        let rest = format!("{pad}{:<11}", "");
        match &i.activation {
            Activation::Active => {}
            Activation::Conditional { condition } => {
                push_wrapped(out, &field("condition"), &rest, condition)
            }
            Activation::Inactive { reason } => push_wrapped(out, &field("not used"), &rest, reason),
        }
        if !details {
            return;
        }
        push_wrapped(out, &field("registered"), &rest, &self.registered_text(i));
        if let Some(reg) = &i.registration {
            let flags = match reg.flags_text.as_deref().map(str::trim) {
                None | Some("") => "no flags (0)".to_string(),
                Some(f) => format!("flags {f}"),
            };
            let mut value = format!("{}, {}", reg.value_type.name(), flags);
            if reg.string_count > 1 {
                let _ = write!(
                    value,
                    ", string {} of {}",
                    reg.string_index + 1,
                    reg.string_count
                );
            }
            push_wrapped(out, &field("value"), &rest, &value);
        }
        if let Some(text) = self.copy_text(i) {
            push_wrapped(out, &field("copied"), &rest, &text);
        }
        if let Some(text) = self.disk_text(i) {
            push_wrapped(out, &field("disk"), &rest, &text);
        }
        if i.role.dispatch_role().is_some() {
            let text = match self.package.match_of(i).map(|m| &m.outcome) {
                Some(MatchOutcome::Found { entry_point, .. }) => {
                    format!(
                        "{} {}",
                        source_at(&entry_point.behavior.defined_at),
                        entry_point.behavior.function
                    )
                }
                Some(MatchOutcome::Microsoft { reason } | MatchOutcome::NotFound { reason }) => {
                    format!("per protocol: {reason}")
                }
                None => "not looked for".to_string(),
            };
            push_wrapped(out, &field("source"), &rest, &text);
        }
        for p in &i.pitfalls {
            push_wrapped(out, &field(p.rule()), &rest, &p.describe());
        }
        for note in i
            .notes
            .iter()
            .filter(|n| !i.dll.is_empty() || Some(*n) != i.notes.first())
        {
            push_wrapped(out, &field("note"), &rest, note);
        }
    }

    fn registered_text(&self, i: &Installer) -> String {
        let name = self.file_name();
        let Some(reg) = &i.registration else {
            return match i.registered_at.first() {
                Some(&span) => format!(
                    "in-box; the INF names the class at {name}:{}",
                    self.locator.line(span)
                ),
                None => "not registered by the INF".to_string(),
            };
        };
        let mut parts = vec![
            format!(
                "{name}:{} (in [{}])",
                self.locator.line(reg.line.span),
                reg.addreg_section
            ),
            format!(":{} (AddReg=)", self.locator.line(reg.directive.span)),
        ];
        if let Some(h) = reg.install_header {
            parts.push(format!(
                ":{} [{}]",
                self.locator.line(h),
                reg.install_section
            ));
        }
        for needs in reg.via_needs.iter().rev() {
            parts.push(format!(":{} (Needs=)", self.locator.line(needs.span)));
        }
        parts.join(", ")
    }

    fn copy_text(&self, i: &Installer) -> Option<String> {
        if i.inbox {
            return None;
        }
        let describe = |c: &dif_model::chain::CopyInfo| {
            let mut lines = vec![format!("line {}", self.locator.line(c.copyfiles_span))];
            if let Some(l) = c.file_line {
                lines.push(format!("file line {}", self.locator.line(l.span)));
            }
            if let Some(l) = c.dirid_origin.line() {
                lines.push(format!(
                    "DestinationDirs line {}",
                    self.locator.line(l.span)
                ));
            }
            let what = match &c.file_list {
                Some(list) => format!("CopyFiles={list} in [{}]", c.section),
                None => format!("CopyFiles=@{} in [{}]", c.destination, c.section),
            };
            let to = match (&c.dirid, &c.dirid_origin) {
                (Some(id), _) => {
                    let sub = c
                        .subdir
                        .as_ref()
                        .map(|s| format!("\\{s}"))
                        .unwrap_or_default();
                    format!("DIRID {id}{sub}")
                }
                (None, DiridOrigin::Unspecified) => "no DestinationDirs entry".to_string(),
                (None, _) => "an unusable DestinationDirs value".to_string(),
            };
            format!("to {to} by {what} ({})", lines.join("; "))
        };
        let mut text = match &i.copied {
            Some(c) => describe(c),
            None => {
                let section = i
                    .registration
                    .as_ref()
                    .map_or("the registering section", |r| r.install_section.as_str());
                format!("not copied by [{section}]")
            }
        };
        if !i.copied_elsewhere.is_empty() {
            let others: Vec<String> = i.copied_elsewhere.iter().map(describe).collect();
            let _ = write!(text, "; also copied {}", others.join("; "));
        }
        Some(text)
    }

    fn disk_text(&self, i: &Installer) -> Option<String> {
        if i.inbox || i.dll.is_empty() {
            return None;
        }
        Some(match &i.source_disk {
            None => format!("no SourceDisksFiles entry for {}", i.loaded_file_name()),
            Some(d) => {
                let id = match &d.disk_id {
                    Ok(id) => format!("disk {id}"),
                    Err(e) => format!("disk id {e}"),
                };
                let listed = match d.disk_line {
                    Some(l) => format!(
                        "listed in SourceDisksNames (line {})",
                        self.locator.line(l.span)
                    ),
                    None => "not listed in SourceDisksNames".to_string(),
                };
                format!(
                    "{} at line {}, {id}, {listed}",
                    d.file,
                    self.locator.line(d.line.span)
                )
            }
        })
    }

    fn human_group(&self, out: &mut String, group: &Group) {
        let chain = self.chain();
        let first = &chain.devices[group.devices[0]];
        let section = if first.model.install_section.text.trim().is_empty() {
            "no install section".to_string()
        } else if first.install_section.is_some() {
            format!("[{}]", first.install.name)
        } else {
            format!("[{}] (missing)", first.install.name)
        };
        let _ = writeln!(
            out,
            "\nDevices of [{}] installed by {section}",
            first.models_section
        );
        for &k in &group.devices {
            let d = &chain.devices[k];
            let ids = d.ids().join(", ");
            let desc = d.description().unwrap_or("(no description)");
            push_wrapped(
                out,
                "  ",
                "      ",
                &format!(
                    "{desc}: {ids} ({}:{})",
                    self.file_name(),
                    self.locator.line(d.model.line.span)
                ),
            );
        }
        let named = self.package.named_participants(first);
        let _ = writeln!(out, "\n  Installer chain, in call order");
        if named.is_empty() {
            let _ = writeln!(
                out,
                "    none: SetupDiCallClassInstaller runs the default handlers only"
            );
        }
        for (k, (name, installer)) in named.iter().enumerate() {
            let label = format!("{}. {}", k + 1, installer.role.label());
            let shared_class = installer.role == dif_model::chain::InstallerRole::ClassInstaller
                || chain
                    .class_co_installers
                    .iter()
                    .any(|c| std::ptr::eq(c, *installer));
            let _ = name;
            self.human_installer(out, "    ", &label, installer, !shared_class);
            if shared_class {
                let _ = writeln!(out, "        (registered for the class: see above)");
            }
        }
        let others: Vec<&Installer> = first
            .class_co_installers
            .iter()
            .chain(&first.device_co_installers)
            .chain(&first.class_installers)
            .filter(|i| !i.takes_part())
            .collect();
        if !others.is_empty() {
            let _ = writeln!(out, "\n  Registered but not called");
            for i in others {
                self.human_installer(out, "    ", i.role.label(), i, true);
            }
        }
        if !first.property_pages.is_empty() {
            let _ = writeln!(out, "\n  Property pages (not DIF participants)");
            for i in &first.property_pages {
                self.human_installer(out, "    ", "provider", i, true);
            }
        }
        for inc in &first.included {
            self.human_included(out, "  ", inc);
        }
        if let Some(wdf) = &first.wdf {
            for s in &wdf.services {
                let version = s.library_version.as_ref().map_or_else(
                    || "no library version".to_string(),
                    |v| format!("library version {}", v.text.trim()),
                );
                let text = format!(
                    "[{}] line {}: {} = {}, {version}",
                    wdf.section.name,
                    self.locator.line(s.line.span),
                    s.directive,
                    s.service.as_deref().unwrap_or("")
                );
                push_wrapped(out, "  ", "    ", &text);
            }
        }
        let predictions = self.predict(first);
        for scenario in &predictions.scenarios {
            self.human_scenario(out, first, &named, scenario);
        }
        self.human_finish_install(out, &predictions.finish_install);
    }

    fn human_scenario(
        &self,
        out: &mut String,
        device: &DeviceChain,
        named: &[(String, &Installer)],
        s: &ScenarioPrediction,
    ) {
        let _ = writeln!(out);
        push_wrapped(
            out,
            "  ",
            "    ",
            &format!("{} on {}: {}", s.scenario, s.windows, s.description),
        );
        let _ = writeln!(out, "    {:>2}  {:<34} outcome", "#", "DIF");
        let outcome_indent = " ".repeat(4 + 2 + 2 + 34 + 1);
        let detail = |name: &str| format!("         {name:<11}");
        let detail_rest = " ".repeat(20);
        for (k, step) in s.steps.iter().enumerate() {
            let head = format!("    {:>2}  {:<34} ", k + 1, step.step.dif_name);
            let Some(p) = &step.prediction else {
                let reason = match &step.reached {
                    Reached::No { reason } => format!("not sent: {reason}"),
                    _ => "not predicted".to_string(),
                };
                push_wrapped(out, &head, &outcome_indent, &reason);
                continue;
            };
            push_wrapped(out, &head, &outcome_indent, &outcomes_text(p));
            if let Reached::Conditional { reason } = &step.reached {
                push_wrapped(out, &detail("condition"), &detail_rest, reason);
            }
            let mut paths: Vec<String> = Vec::new();
            for b in &p.branches {
                let calls = calls_text(&b.calls);
                if !paths.contains(&calls) {
                    paths.push(calls);
                }
            }
            match paths.len() {
                0 => {}
                1 => push_wrapped(out, &detail("calls"), &detail_rest, &paths[0]),
                n => {
                    for (j, path) in paths.iter().enumerate().take(4) {
                        push_wrapped(out, &detail(&format!("path {}", j + 1)), &detail_rest, path);
                    }
                    if n > 4 {
                        push_wrapped(
                            out,
                            &detail(""),
                            &detail_rest,
                            &format!("and {} more paths", n - 4),
                        );
                    }
                }
            }
            let handling = self.handling_text(device, named, p);
            if !handling.is_empty() {
                push_wrapped(out, &detail("handling"), &detail_rest, &handling);
            }
            for n in &p.not_invoked {
                // The reasons start with the DIF's name, which the row already shows.
                let reason = n
                    .reason
                    .strip_prefix(&format!("{}: ", step.step.dif_name))
                    .unwrap_or(&n.reason);
                push_wrapped(
                    out,
                    &detail("not called"),
                    &detail_rest,
                    &format!("{}: {reason}", n.participant),
                );
            }
            for v in &p.violations {
                let rule = v.rule.unwrap_or("violation");
                push_wrapped(
                    out,
                    &detail(rule),
                    &detail_rest,
                    &format!("{}: {}", v.participant, v.message),
                );
            }
            if p.truncated {
                push_wrapped(
                    out,
                    &detail("note"),
                    &detail_rest,
                    "more paths than the model follows; some were dropped",
                );
            }
        }
    }

    /// Who handles the DIF: per invoked participant, from its source.
    fn handling_text(
        &self,
        _device: &DeviceChain,
        named: &[(String, &Installer)],
        p: &Prediction,
    ) -> String {
        let mut parts: Vec<String> = Vec::new();
        for (name, installer) in named {
            if p.not_invoked.iter().any(|n| &n.participant == name) {
                continue;
            }
            let text = match self.package.handling(installer, p.input.dif) {
                Handling::Handles { at } => format!("{name}: handles it at {}", source_at(&at)),
                Handling::DefaultPath => format!("{name}: no case for it (default path)"),
                Handling::PerProtocol { reason } => {
                    let why = if reason.starts_with("source not found") {
                        "source not found"
                    } else if installer.inbox {
                        "in-box, no source"
                    } else {
                        "Microsoft's, no source"
                    };
                    format!("{name}: per protocol ({why})")
                }
            };
            parts.push(text);
        }
        let handlers: Vec<&str> = p
            .branches
            .iter()
            .flat_map(|b| b.calls.iter())
            .filter(|c| c.pass == CallPass::DefaultHandler)
            .map(|c| c.participant.as_str())
            .collect();
        if let Some(h) = handlers.first() {
            parts.push(format!("{h}: default handler"));
        }
        parts.join("; ")
    }

    fn human_finish_install(&self, out: &mut String, predictions: &[ScenarioPrediction]) {
        let _ = writeln!(out, "\n  Finish-install actions");
        for s in predictions {
            let label = if s.scenario == Scenario::FinishInstallWin7 {
                "Windows 7"
            } else {
                "Windows 8+"
            };
            let step = s
                .steps
                .iter()
                .find(|st| st.step.dif == DIF_FINISHINSTALL_ACTION);
            let text = match step {
                None => "no DIF_FINISHINSTALL_ACTION step".to_string(),
                Some(st) => match (&st.reached, &st.prediction) {
                    (Reached::No { reason }, _) => {
                        format!("DIF_FINISHINSTALL_ACTION not sent: {reason}")
                    }
                    (reached, Some(p)) => {
                        let when = match reached {
                            Reached::Conditional { reason } => format!(" ({reason})"),
                            _ => String::new(),
                        };
                        let calls = p
                            .branches
                            .first()
                            .map(|b| calls_text(&b.calls))
                            .unwrap_or_default();
                        format!(
                            "DIF_FINISHINSTALL_ACTION sent{when}: {calls}; {}",
                            outcomes_text(p)
                        )
                    }
                    (_, None) => "not predicted".to_string(),
                },
            };
            push_wrapped(out, &format!("    {label:<12}"), &" ".repeat(16), &text);
        }
    }

    // ------------------------------------------------------------------------------- json

    fn json(&self) -> Value {
        let chain = self.chain();
        let groups: Vec<Value> = self
            .groups
            .iter()
            .map(|g| {
                let first = &chain.devices[g.devices[0]];
                let predictions = self.predict(first);
                let participants: Vec<Value> = self
                    .package
                    .named_participants(first)
                    .into_iter()
                    .map(|(name, i)| {
                        let m = self.package.match_of(i);
                        json!({
                            "name": name,
                            "role": i.role.dispatch_role().map(role_name),
                            "installer": i.display_name(),
                            "behavior": if m.and_then(|m| m.behavior()).is_some() { "known" } else { "per-protocol" },
                            "per_protocol_reason": m.and_then(|m| m.per_protocol_reason()),
                        })
                    })
                    .collect();
                json!({
                    "models_section": first.models_section,
                    "install_section": first.install,
                    "devices": g.devices.iter().map(|&k| &chain.devices[k]).collect::<Vec<_>>(),
                    "participants": participants,
                    "scenarios": predictions.scenarios,
                    "finish_install": predictions.finish_install,
                })
            })
            .collect();
        json!({
            "version": 1,
            "inf": self.file.display().to_string(),
            "inx": self.is_inx,
            "stamped_template": self.stamped_template,
            "target": {
                "arch": self.target.arch,
                "os": self.os_text(),
                "product_type": self.target.product_type,
                "windows": self.windows,
                "arch_defaulted": self.arch_defaulted,
                "os_defaulted": self.os_defaulted,
            },
            "scenarios": self.scenarios.iter().map(|s| s.name()).collect::<Vec<_>>(),
            "sources": self.package.sources,
            "matches": self.package.matches,
            "unregistered": self.package.unregistered,
            "class": {
                "class": chain.class,
                "class_install32": chain.class_install32,
                "default_install": chain.default_install,
                "class_installer": chain.class_installer().map(Installer::display_name),
                "class_installers": chain.class_installers,
                "class_property_pages": chain.class_property_pages,
                "class_co_installers": chain.class_co_installers,
                "misplaced": chain.misplaced,
                "included": chain.included,
            },
            "notes": chain.notes,
            "install_sections": groups,
        })
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::ClassCoInstaller => "class-co-installer",
        Role::DeviceCoInstaller => "device-co-installer",
        Role::ClassInstaller => "class-installer",
    }
}

/// `path:line` of a source location.
fn source_at(at: &SourceLocation) -> String {
    format!("{}:{}", at.file.display(), at.line)
}

/// The calls of one path: `toastco (pre) → tostrcls → SetupDiInstallDevice → toastco (post)`.
fn calls_text(calls: &[dif_model::dispatch::Call]) -> String {
    if calls.is_empty() {
        return "nothing is called".to_string();
    }
    calls
        .iter()
        .map(|c| match c.pass {
            CallPass::Pre => format!("{} (pre)", c.participant),
            CallPass::Post => format!("{} (post)", c.participant),
            CallPass::Main | CallPass::DefaultHandler => c.participant.clone(),
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

/// The distinct outcomes of a prediction.
fn outcomes_text(p: &Prediction) -> String {
    let texts: Vec<String> = p.outcomes.iter().map(outcome_text).collect();
    match texts.len() {
        0 => "no outcome".to_string(),
        1 => texts[0].clone(),
        _ => format!("depends on the path: {}", texts.join(" | ")),
    }
}

fn outcome_text(o: &Outcome) -> String {
    match o {
        Outcome::Handled => "handled (TRUE)".to_string(),
        Outcome::Unhandled => {
            "unhandled: FALSE, ERROR_DI_DO_DEFAULT (taken as success)".to_string()
        }
        Outcome::Failed { status } => format!("fails with {}", status.label()),
        Outcome::Undetermined { reason } => format!("undetermined: {reason}"),
    }
}

/// Appends `text` wrapped to [`WIDTH`] columns: the first line after `first`, the rest after
/// `rest`. `first` may itself contain line breaks (its last line is the prefix).
fn push_wrapped(out: &mut String, first: &str, rest: &str, text: &str) {
    let (head, prefix) = match first.rsplit_once('\n') {
        Some((head, prefix)) => (Some(head), prefix),
        None => (None, first),
    };
    if let Some(head) = head {
        out.push_str(head);
        out.push('\n');
    }
    let mut line = prefix.to_string();
    let mut empty = true;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let width = line.chars().count();
        if !empty && width + 1 + word.chars().count() > WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = rest.to_string();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

/// Adds `line` and `column` (1-based, in the file as given) to every INF span `{start, end}` of
/// the document; the spans of source locations (`{file, span, line}`) are C-source spans and are
/// left alone. For an INX, `start`/`end` are mapped back to the `.inx` text.
fn annotate_spans(value: &mut Value, locator: &Locator<'_>, in_source: bool) {
    match value {
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| annotate_spans(v, locator, in_source)),
        Value::Object(map) => {
            let is_span = map.len() == 2
                && map.get("start").is_some_and(Value::is_u64)
                && map.get("end").is_some_and(Value::is_u64);
            if is_span {
                if in_source {
                    return;
                }
                let span = Span {
                    start: map["start"].as_u64().unwrap_or(0) as u32,
                    end: map["end"].as_u64().unwrap_or(0) as u32,
                };
                let original = locator.original(span);
                let (line, column) = locator.line_col(span);
                map.insert("start".into(), json!(original.start));
                map.insert("end".into(), json!(original.end));
                map.insert("line".into(), json!(line));
                map.insert("column".into(), json!(column));
                return;
            }
            let source = in_source
                || (map.get("file").is_some_and(Value::is_string)
                    && map.contains_key("span")
                    && map.get("line").is_some_and(Value::is_u64));
            for v in map.values_mut() {
                annotate_spans(v, locator, source);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_versions() {
        assert_eq!(windows_version(10, 0, 22621), WindowsVersion::Win11);
        assert_eq!(windows_version(10, 0, 19045), WindowsVersion::Win10v1703);
        assert_eq!(windows_version(10, 0, 10240), WindowsVersion::Win10);
        assert_eq!(windows_version(6, 3, 0), WindowsVersion::Win8);
        assert_eq!(windows_version(6, 1, 7601), WindowsVersion::Win7);
        assert_eq!(windows_version(5, 1, 0), WindowsVersion::WinXp);
    }

    #[test]
    fn target_arguments() {
        assert_eq!(parse_dif_arch("AMD64"), Ok(Arch::Amd64));
        assert_eq!(parse_dif_arch("x64"), Ok(Arch::Amd64));
        assert!(parse_dif_arch("mips").is_err());
        assert_eq!(parse_dif_os("10.0.22621"), Ok((10, 0, 22621)));
        assert_eq!(parse_dif_os("6.1"), Ok((6, 1, 0)));
        assert!(parse_dif_os("10").is_err());
        assert!(parse_dif_os("10.x").is_err());
    }

    #[test]
    fn scenario_choice() {
        assert_eq!(parse_scenarios("all").unwrap().0.len(), 6);
        assert_eq!(parse_scenarios("remove").unwrap().0, vec![Scenario::Remove]);
        assert!(parse_scenarios("boot").is_err());
    }

    #[test]
    fn wrapping() {
        let mut out = String::new();
        push_wrapped(&mut out, "ab ", "   ", &"word ".repeat(40));
        assert!(out.lines().all(|l| l.chars().count() <= WIDTH));
        assert!(out.lines().skip(1).all(|l| l.starts_with("   word")));
    }
}
