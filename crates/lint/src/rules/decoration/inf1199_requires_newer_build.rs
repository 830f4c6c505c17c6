//! INF1199: a DDInstall uses DIRID 13, but its Models decoration lets it install before build
//! 16299.

use std::collections::{BTreeMap, HashSet};

use inf_parser::directives::{CopyFilesValue, DestinationDirs};
use inf_parser::{Arch, Inf, InstallSuffix, Span};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::structure::{folded, target_archs};

/// Windows 10 version 1709: the first build on which run-from-driver-store (DIRID 13) is
/// supported for device drivers (develop/run-from-driver-store.md).
const RUN_FROM_STORE_BUILD: u32 = 16299;

declare_rule! {
    /// ## What it does
    /// For every declared target whose decoration lets it install on Windows before build
    /// 16299 (an undecorated Models section, `NTamd64`, `NTamd64.10.0`, `NTx86.6.1`, …), looks
    /// at the DDInstall sections its Models entries choose (with their suffix sections and
    /// local `Needs` targets) for uses of DIRID 13: `CopyFiles` to a file list whose
    /// `[DestinationDirs]` entry (or `DefaultDestDir`, for `@file`) is 13, and `ServiceBinary`
    /// values starting with `%13%`.
    ///
    /// Only DIRID 13 is checked: it is the feature InfVerif's 1199 is documented for
    /// (Microsoft's samples added `...16299` decorations to clear it). Newer service-install
    /// directives (`ServiceSidType`, `DelayedAutoStart`, `AddTrigger`, `FailureActions`,
    /// `BootFlags`) have documented minimum builds too, but no documented InfVerif finding.
    ///
    /// ## Why is this bad?
    /// Running drivers from the driver store (DIRID 13) is supported from Windows 10
    /// version 1709 (build 16299). A Models section that also applies to older systems installs
    /// the package there with paths those systems do not handle. InfVerif rejects it (1199).
    ///
    /// ## Example
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64
    ///
    /// [Widgets.NTamd64]
    /// %Widget% = Widget_Install, PCI\VEN_1234&DEV_5678
    ///
    /// [Widget_Install.NT]
    /// CopyFiles = Widget_Files
    ///
    /// [Widget_Files]
    /// widget.sys
    ///
    /// [DestinationDirs]
    /// DefaultDestDir = 13
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64.10.0...16299
    ///
    /// [Widgets.NTamd64.10.0...16299]
    /// %Widget% = Widget_Install, PCI\VEN_1234&DEV_5678
    ///
    /// [Widget_Install.NT]
    /// CopyFiles = Widget_Files
    ///
    /// [Widget_Files]
    /// widget.sys
    ///
    /// [DestinationDirs]
    /// DefaultDestDir = 13
    /// ```
    ///
    /// ## References
    /// - [Run from driver store](https://learn.microsoft.com/windows-hardware/drivers/develop/run-from-driver-store)
    /// - [Using a DIRIDS](https://learn.microsoft.com/windows-hardware/drivers/install/using-dirids)
    /// - [INF Manufacturer section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-manufacturer-section)
    pub static REQUIRES_NEWER_BUILD = {
        code: "INF1199",
        name: "requires-newer-build",
        category: Decoration,
        infverif: Some(1199),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/develop/run-from-driver-store",
        summary: "DIRID 13 used by a Models section that also installs before build 16299",
        check: check,
    }
}

/// One use of DIRID 13.
struct Use {
    span: Span,
    what: String,
}

/// Whether a decoration (`None`: the undecorated section) lets a Models section install on
/// `arch` before build `build`.
fn installs_before(
    parsed: &Option<Result<inf_parser::TargetOsVersion, inf_parser::DecorationIssue>>,
    arch: Arch,
    build: u32,
) -> bool {
    let target = match parsed {
        None => inf_parser::Target::new(Arch::X86, 5, 0),
        Some(Ok(v)) => v.minimal_target(arch),
        Some(Err(_)) => return false,
    };
    target.os < (10, 0) || (target.os == (10, 0) && target.build.unwrap_or(0) < build)
}

/// The sections processed for DDInstall `section`: itself, its suffix sections, and their
/// local `Needs` targets.
fn processed_sections(inf: &Inf, section: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut stack: Vec<String> = vec![section.to_owned()];
    stack.extend(
        InstallSuffix::ALL
            .iter()
            .map(|s| format!("{section}{}", s.as_str())),
    );
    while let Some(s) = stack.pop() {
        let Some(sec) = inf.section(&s) else { continue };
        if !seen.insert(folded(&sec.name)) {
            continue;
        }
        for n in inf.needs(&sec.name) {
            if n.exists {
                stack.push(n.name.text.trim().to_owned());
            }
        }
        out.push(sec.name.to_string());
    }
    out
}

fn dirid13_uses(inf: &Inf, dirs: &DestinationDirs, section: &str) -> Vec<Use> {
    let mut uses = Vec::new();
    for s in processed_sections(inf, section) {
        for cf in inf.copy_files(&s) {
            match cf {
                CopyFilesValue::File { value, file }
                    if dirs.default_dir().is_some_and(|d| d.dirid == Ok(13)) =>
                {
                    uses.push(Use {
                        span: value.span,
                        what: format!("`CopyFiles = @{file}` to DefaultDestDir 13"),
                    });
                }
                CopyFilesValue::Section {
                    value,
                    exists: true,
                } => {
                    let name = value.text.trim().to_owned();
                    if dirs.for_section(&name).is_some_and(|d| d.dirid == Ok(13)) {
                        uses.push(Use {
                            span: value.span,
                            what: format!("`CopyFiles` of `[{name}]` to DIRID 13"),
                        });
                    }
                }
                _ => {}
            }
        }
        for a in inf.add_services(&s) {
            let Some(install) = &a.install_section else {
                continue;
            };
            let service = inf.service_install(install.text.trim());
            let Some(binary) = &service.service_binary else {
                continue;
            };
            let raw = binary.value.raw(inf).trim().trim_start_matches('"');
            if raw.starts_with("%13%") {
                uses.push(Use {
                    span: binary.value.span,
                    what: "`ServiceBinary` under `%13%`".to_owned(),
                });
            }
        }
    }
    uses
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    let dirs = inf.destination_dirs();
    let several_targets = cx.checked_targets().nth(1).is_some();
    for t in cx.checked_targets() {
        let mut uses: BTreeMap<(u32, u32), String> = BTreeMap::new();
        // Install sections already read for this target: many Models lines share one.
        let mut read: std::collections::HashSet<String> = std::collections::HashSet::new();
        for a in target_archs(t) {
            if !installs_before(&t.parsed, a, RUN_FROM_STORE_BUILD) {
                continue;
            }
            for e in cx.models_entries(&t.models_section()).iter() {
                let base = e.install_section.text.trim();
                if base.is_empty() {
                    continue;
                }
                let choice = inf.select_install_section(base, a);
                if !choice.exists || !read.insert(choice.name.clone()) {
                    continue;
                }
                for u in dirid13_uses(inf, &dirs, &choice.name) {
                    uses.entry((u.span.start, u.span.end)).or_insert(u.what);
                }
            }
        }
        if uses.is_empty() {
            continue;
        }
        let models = t.models_section();
        let (what, example) = match &t.decoration {
            Some(d) => (
                format!("`{d}`"),
                format!(
                    "{}.10.0...{RUN_FROM_STORE_BUILD}",
                    d.split('.').next().unwrap_or(d)
                ),
            ),
            None => (
                "the undecorated entry".to_owned(),
                format!("NTx86.10.0...{RUN_FROM_STORE_BUILD}"),
            ),
        };
        let mut f = Finding::at(
            t.span,
            format!(
                "{what} lets `[{models}]` install before Windows 10 build {RUN_FROM_STORE_BUILD}, but its devices use DIRID 13 (run from the driver store), which needs that build"
            ),
        );
        for ((start, end), use_) in &uses {
            f = f.label(
                Span::new(*start as usize, *end as usize),
                format!("{use_} here"),
            );
        }
        out.push(
            f.help(format!("give the decoration a build number: `{example}`"))
                .targets(if several_targets {
                    vec![t.label().to_owned()]
                } else {
                    Vec::new()
                }),
        );
    }
}
