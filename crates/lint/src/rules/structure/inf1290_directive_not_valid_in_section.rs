//! INF1290: a directive appears in a kind of section that never processes it.

use std::collections::BTreeSet;

use inf_parser::{Inf, InstallSuffix};

use super::{
    install_variants, is_base_or_decorated, section_graph, SectionGraph, INSTALL_ENTRY_POINTS,
};
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

/// Directives that only one kind of suffix section processes (the per-section pages
/// `install/inf-ddinstall-*-section.md` and the per-directive pages).
const HOMED: &[(&str, InstallSuffix)] = &[
    ("AddService", InstallSuffix::Services),
    ("DelService", InstallSuffix::Services),
    ("AddInterface", InstallSuffix::Interfaces),
    ("AddFilter", InstallSuffix::Filters),
    ("AddComponent", InstallSuffix::Components),
    ("AddSoftware", InstallSuffix::Software),
    ("AddEventProvider", InstallSuffix::Events),
    ("AddAutoLogger", InstallSuffix::Events),
    ("UpdateAutoLogger", InstallSuffix::Events),
    ("KmdfService", InstallSuffix::Wdf),
    ("UmdfService", InstallSuffix::Wdf),
    ("UmdfServiceOrder", InstallSuffix::Wdf),
    ("WMIInterface", InstallSuffix::Wmi),
    ("AddComServer", InstallSuffix::Com),
];

/// File and registry operations, processed by DDInstall-like sections, `.HW` (registry only)
/// and `.CoInstallers`, and by no other suffix section.
const OPERATIONS: &[&str] = &[
    "CopyFiles",
    "DelFiles",
    "RenFiles",
    "AddReg",
    "DelReg",
    "BitReg",
];
const FILE_OPERATIONS: &[&str] = &["CopyFiles", "DelFiles", "RenFiles"];

declare_rule! {
    /// ## What it does
    /// Checks the install sections Windows processes for a device (the DDInstall sections
    /// chosen through the Models sections, their suffix sections) and the `[DefaultInstall]`,
    /// `[DefaultUninstall]` and `[ClassInstall32]` families for directives that kind of
    /// section never processes:
    /// - directives that belong to one suffix section, elsewhere: `AddService` / `DelService`
    ///   outside `.Services`, `AddInterface` outside `.Interfaces`, `KmdfService` /
    ///   `UmdfService` outside `.Wdf`, `AddFilter`, `AddComponent`, `AddSoftware`,
    ///   `AddEventProvider`, `AddAutoLogger`, `WMIInterface`, `AddComServer` outside theirs;
    /// - file and registry operations (`CopyFiles`, `AddReg`, …) in suffix sections that only
    ///   hold their own directives (`.Services`, `.Interfaces`, `.Wdf`, `.Events`, …), and file
    ///   operations in `.HW`.
    ///
    /// Sections reached only through `Needs` are not checked: Needs pastes them into the
    /// referencing section, whose kind then applies.
    ///
    /// ## Why is this bad?
    /// Windows processes each kind of section with its own set of directives and silently
    /// skips the others, so a service is not installed, an interface is not registered or
    /// files are not copied. InfVerif rejects it (1290).
    ///
    /// ## Example
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64.10.0...16299
    ///
    /// [Widgets.NTamd64.10.0...16299]
    /// %Widget% = Widget_Install, PCI\VEN_1234&DEV_5678
    ///
    /// [Widget_Install.NT]
    /// CopyFiles = Widget_Files
    /// AddService = Widget, 0x00000002, Widget_Service
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
    /// [Widget_Install.NT.Services]
    /// AddService = Widget, 0x00000002, Widget_Service
    /// ```
    ///
    /// ## References
    /// - [INF DDInstall section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-section)
    /// - [INF DDInstall.Services section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-services-section)
    /// - [INF DDInstall.HW section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-hw-section)
    pub static DIRECTIVE_NOT_VALID_IN_SECTION = {
        code: "INF1290",
        name: "directive-not-valid-in-section",
        category: Structure,
        infverif: Some(1290),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-section",
        summary: "Directive in a kind of section that never processes it",
        check: check,
    }
}

/// The suffix a section name ends with, if any.
fn suffix_of(name: &str) -> Option<InstallSuffix> {
    let lower = name.trim().to_ascii_lowercase();
    InstallSuffix::ALL
        .into_iter()
        .find(|s| lower.ends_with(&s.as_str().to_ascii_lowercase()))
}

/// The install sections (and their suffix sections) Windows processes by kind: the DDInstall
/// variants of every Models install base with their suffix sections, and the entry-point
/// families. Names as written, sorted and unique.
fn checked_sections(inf: &Inf, graph: &SectionGraph) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for s in inf.sections() {
        if INSTALL_ENTRY_POINTS
            .iter()
            .any(|b| is_base_or_decorated(&s.name, b))
        {
            out.insert(s.name.to_string());
        }
    }
    for base in graph.install_bases() {
        for v in install_variants(inf, base) {
            for suffix in InstallSuffix::ALL {
                if let Some(sec) = inf.section(&format!("{v}{}", suffix.as_str())) {
                    out.insert(sec.name.to_string());
                }
            }
            out.insert(v);
        }
    }
    out
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    let graph = section_graph(cx);
    for name in checked_sections(inf, &graph) {
        let kind = suffix_of(&name);
        for line in inf.lines(&name) {
            let (Some(field), Some(key)) = (line.raw_key_field(), line.key()) else {
                continue;
            };
            let key = key.trim().to_owned();
            let problem = if let Some((_, home)) =
                HOMED.iter().find(|(d, _)| key.eq_ignore_ascii_case(d))
            {
                (kind != Some(*home)).then(|| {
                    (
                        format!("`{key}` has no effect in `[{name}]`: Windows processes it only in `{}` sections", home.as_str()),
                        format!("move it to the `{}` section of this install section", home.as_str()),
                    )
                })
            } else if OPERATIONS.iter().any(|d| key.eq_ignore_ascii_case(d)) {
                match kind {
                    None | Some(InstallSuffix::CoInstallers) => None,
                    Some(InstallSuffix::Hw) => FILE_OPERATIONS.iter().any(|d| key.eq_ignore_ascii_case(d)).then(|| {
                        (
                            format!("`{key}` has no effect in `[{name}]`: a `.HW` section only changes the device's hardware key"),
                            "move the file operation to the DDInstall section itself".to_owned(),
                        )
                    }),
                    Some(other) => Some((
                        format!("`{key}` has no effect in `[{name}]`: a `{}` section holds only its own directives", other.as_str()),
                        "move the operation to the DDInstall section (or `.HW` for the device's hardware key)".to_owned(),
                    )),
                }
            } else {
                None
            };
            if let Some((message, help)) = problem {
                out.push(Finding::at(field.span, message).help(help));
            }
        }
    }
}
