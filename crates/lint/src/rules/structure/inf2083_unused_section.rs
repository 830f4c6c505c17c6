//! INF2083: a section is never referenced or used.

use inf_parser::{Inf, Section};

use super::{
    folded, is_base_or_decorated, mentioned_names, misspelled_directive, section_graph,
    INSTALL_ENTRY_POINTS,
};

/// Directives of install sections (DDInstall and its suffix sections). An unreached section
/// holding one may be a `Needs` target of another INF (as `[WDMAUDIO.Registration.NT]` of
/// wdmaudio.inf is), which no rule reading this INF alone can rule out.
const INSTALL_DIRECTIVES: &[&str] = &[
    "CopyFiles",
    "DelFiles",
    "RenFiles",
    "AddReg",
    "DelReg",
    "BitReg",
    "AddProperty",
    "DelProperty",
    "Include",
    "Needs",
    "AddService",
    "DelService",
    "AddInterface",
    "AddComponent",
    "AddSoftware",
    "AddFilter",
    "AddEventProvider",
    "AddAutoLogger",
    "UpdateAutoLogger",
    "KmdfService",
    "UmdfService",
    "CopyINF",
    "FeatureScore",
    "DriverVer",
    "UpdateInis",
    "UpdateIniFields",
    "Ini2Reg",
    "ProfileItems",
    "RegisterDlls",
    "UnregisterDlls",
    "LogConfig",
    "AddComServer",
    "WMIInterface",
    "AddPowerSetting",
];

/// Whether a section holds install directives (see [`INSTALL_DIRECTIVES`]).
fn is_install_shaped(inf: &Inf, section: &Section) -> bool {
    inf.section_lines(section).any(|l| {
        l.raw_key_field().is_some()
            && l.key().is_some_and(|k| {
                INSTALL_DIRECTIVES
                    .iter()
                    .any(|d| k.trim().eq_ignore_ascii_case(d))
            })
    })
}
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags sections that nothing uses. A section counts as used when any of these holds:
    /// - the INF's entry points reach it (`[Version]`, `[Strings…]`, `[SourceDisks…]`,
    ///   `[DestinationDirs]`, `[Manufacturer]` and its Models sections, the DDInstall sections
    ///   Windows may choose and their suffix sections, `[DefaultInstall…]`,
    ///   `[ClassInstall32…]`, `[InterfaceInstall32]`, `[DeviceInstall32]`, and every section a directive of a reached
    ///   section names);
    /// - its name appears as a key or value anywhere else in the INF, except as the value of a
    ///   misspelled section directive (`CopyFile = Files`): sections named by directives
    ///   difcheck does not model, or by `[DestinationDirs]`, are never flagged;
    /// - its name extends a used name with `.` (`Install.NTamd64.Services`, `AddReg.security`,
    ///   a misdecorated `Install.NTx64`, which the decoration rules report);
    /// - it holds install directives (`CopyFiles`, `AddReg`, `AddService`, `Needs`, …): it may
    ///   be the `Needs` target of another INF, which cannot be ruled out from this one.
    ///
    /// INFs without any entry point (no `[Manufacturer]`, `[DefaultInstall]`,
    /// `[DefaultUninstall]` or `[ClassInstall32]`) are skipped: their sections exist to be
    /// reached through `Needs` from other INFs.
    ///
    /// ## Why is this bad?
    /// Windows never reads the section, so whatever it was meant to do does not happen. An
    /// unused section is often the symptom of a misspelled directive or section name.
    /// InfVerif warns (2083).
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
    /// CopyFile = Widget_Files
    ///
    /// [Widget_Files]
    /// widget.sys
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
    /// ```
    ///
    /// ## References
    /// - [InfVerif](https://learn.microsoft.com/windows-hardware/drivers/devtest/infverif)
    /// - [INF validation errors and warnings (2083)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static UNUSED_SECTION = {
        code: "INF2083",
        name: "unused-section",
        category: Structure,
        infverif: Some(2083),
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings",
        summary: "Section is never referenced or used",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    let has_entry_point = inf.has_section("Manufacturer")
        || inf.sections().iter().any(|s| {
            INSTALL_ENTRY_POINTS
                .iter()
                .any(|b| is_base_or_decorated(&s.name, b))
        });
    if !has_entry_point {
        return;
    }
    let graph = section_graph(cx);
    let candidates: Vec<&Section> = inf
        .sections()
        .iter()
        .filter(|s| !graph.is_reached(&s.name) && !is_install_shaped(inf, s))
        .collect();
    if candidates.is_empty() {
        // Every section is used: no need to collect where names are mentioned.
        return;
    }
    let mentioned = mentioned_names(inf);
    let used_prefix = |name: &str| -> bool {
        name.char_indices()
            .filter(|&(_, c)| c == '.')
            .any(|(i, _)| {
                let prefix = &name[..i];
                graph.is_reached(prefix)
                    || graph.is_install_base(prefix)
                    || mentioned.contains_key(prefix)
            })
    };
    let headers = inf.tree().headers();
    for s in candidates {
        let f = folded(&s.name);
        let mentions: &[super::Mention] = mentioned.get(&f).map_or(&[], Vec::as_slice);
        // A mention counts as a use unless it is the section's own line or the value of a
        // misspelled directive (`CopyFile = X`), the commonest cause of this warning.
        let misspelled = |m: &super::Mention| m.key.as_deref().and_then(misspelled_directive);
        if mentions
            .iter()
            .any(|m| m.from != f && misspelled(m).is_none())
            || used_prefix(&f)
        {
            continue;
        }
        let help = match mentions.iter().find_map(|m| misspelled(m).map(|d| (m, d))) {
            Some((m, directive)) => format!(
                "`{}` in `[{}]` names it, but `{}` is not a directive: did you mean `{directive}`?",
                m.key.as_deref().unwrap_or_default(),
                inf.section(&m.from).map_or(m.from.as_str(), |s| s.name.as_str()),
                m.key.as_deref().unwrap_or_default()
            ),
            None => "reference it from the directive meant to use it (a misspelled directive or section name is the usual cause), or remove it".to_owned(),
        };
        out.push(
            Finding::at(
                headers[s.headers[0] as usize].span,
                format!("section `[{}]` is never used", s.name),
            )
            .help(help),
        );
    }
}
