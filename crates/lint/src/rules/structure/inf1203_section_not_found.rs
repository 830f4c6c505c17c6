//! INF1203: a directive names a section that does not exist.

use std::collections::HashSet;

use super::{has_any_include, looks_like_file_name, section_graph};
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Follows the INF from its entry points (`[Manufacturer]` and its Models sections, the
    /// DDInstall sections and their suffix sections, `[DefaultInstall]`, `[ClassInstall32]`,
    /// `[InterfaceInstall32]`, `[DeviceInstall32]`) and checks every directive value that names a section:
    /// `CopyFiles` and `DelFiles` (except `@file`), `RenFiles`, `AddReg`, `DelReg`, `BitReg`,
    /// `AddProperty`, `DelProperty`, `UpdateInis`, `UpdateIniFields`, `Ini2Reg`, `ProfileItems`,
    /// `RegisterDlls`, `UnregisterDlls`, `LogConfig`, `AddInterface`, `AddComponent`,
    /// `AddSoftware`, `AddFilter`, `AddEventProvider`, `AddAutoLogger`, `AddComServer`,
    /// `AddComClass`, `AddPowerSetting`, `AddTrigger`, `KmdfService`, `UmdfService`,
    /// `WMIInterface`, the event-log section of `AddService`, and the Models sections that
    /// `[Manufacturer]` names. A missing service-install section is INF2006 and a missing
    /// `Needs` target is INF1315.
    ///
    /// When the INF has an `Include=`, a missing section may come from the included system
    /// INF, which difcheck cannot read; then only file names used as section names (the
    /// classic `CopyFiles = driver.sys`) are reported. In an `.inx` file stamped for an
    /// architecture whose decorated Models section is missing while other architectures' are
    /// written out, the package is not built for that architecture and nothing is reported.
    ///
    /// ## Why is this bad?
    /// Windows skips a directive whose section it cannot find, so the files are not copied,
    /// the registry values are not written, or (for a Models section) no device is listed on
    /// that platform. InfVerif rejects it (1203).
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
    /// CopyFiles = widget.sys
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
    /// CopyFiles = @widget.sys
    /// ```
    ///
    /// ## References
    /// - [INF validation errors and warnings (1203)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    /// - [INF CopyFiles directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-copyfiles-directive)
    pub static SECTION_NOT_FOUND = {
        code: "INF1203",
        name: "section-not-found",
        category: Structure,
        infverif: Some(1203),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings",
        summary: "Directive names a section that does not exist",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = section_graph(cx);
    let includes = has_any_include(cx);
    let mut seen = HashSet::new();
    for r in &graph.refs {
        if r.exists || !r.reported || r.directive.eq_ignore_ascii_case("Needs") {
            continue;
        }
        if r.directive.eq_ignore_ascii_case("AddService") && r.field == 3 {
            continue;
        }
        let name = r.value.text.trim();
        let copy_file = r.directive.eq_ignore_ascii_case("CopyFiles") && looks_like_file_name(name);
        if includes && !copy_file {
            continue;
        }
        if r.directive == "Manufacturer"
            && cx.stamped_arch.is_some()
            && built_for_other_archs(cx, name)
        {
            continue;
        }
        if !seen.insert((r.value.span.start, r.value.span.end)) {
            continue;
        }
        let (message, help) = if r.directive == "Manufacturer" {
            (
                format!("`[Manufacturer]` names Models section `[{name}]`, which does not exist"),
                "add the Models section, or remove the decoration from the `[Manufacturer]` entry"
                    .to_owned(),
            )
        } else if copy_file {
            (
                format!("`CopyFiles` names section `[{name}]`, which does not exist"),
                format!("to copy a single file, write `CopyFiles = @{name}`"),
            )
        } else {
            (
                format!(
                    "`{}` in `[{}]` names section `[{name}]`, which does not exist",
                    r.directive, r.from
                ),
                "add the section, or correct the name".to_owned(),
            )
        };
        out.push(Finding::at(r.value.span, message).help(help));
    }
}

/// Whether an INX stamped for one architecture has Models sections only for others: with
/// `%Mfg% = Models, NT$ARCH$` and only `[Models.NTarm64]` written out, the package is built for
/// ARM64 alone, and the missing `[Models.NTamd64]` of the amd64 stamping says nothing.
fn built_for_other_archs(cx: &Context<'_>, missing: &str) -> bool {
    let lower = missing.to_ascii_lowercase();
    let Some(at) = lower.rfind(".nt") else {
        return false;
    };
    let prefix = &lower[..at + 3];
    cx.inf
        .sections()
        .iter()
        .any(|s| s.name.to_ascii_lowercase().starts_with(prefix))
}
