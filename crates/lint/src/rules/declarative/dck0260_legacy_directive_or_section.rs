//! DCK0260: a deprecated legacy directive or section (InfVerif 1300 beyond `.CoInstallers`).

use inf_parser::InstallSuffix;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::reach::{section_span, InstallGraph, Role};

/// The directives whose pages embed the "invalid from 22H2" include: a package that uses them no
/// longer gets a Hardware Dev Center signature, and universal and Windows Drivers cannot use
/// them.
const LEGACY_DIRECTIVES: [&str; 8] = [
    "BitReg",
    "Ini2Reg",
    "LogConfig",
    "ProfileItems",
    "RegisterDlls",
    "UnregisterDlls",
    "UpdateIniFields",
    "UpdateInis",
];

declare_rule! {
    /// ## What it does
    /// Flags, in the sections Windows processes for the INF, the directives and sections that
    /// Microsoft documents as invalid from Windows 11 22H2:
    /// - the directives `BitReg`, `Ini2Reg`, `LogConfig`, `ProfileItems`, `RegisterDlls`,
    ///   `UnregisterDlls`, `UpdateIniFields` and `UpdateInis`;
    /// - the sections `[DDInstall.FactDef]` and `[DDInstall.LogConfigOverride]`.
    ///
    /// (`[DDInstall.CoInstallers]`, the third section of that list, and the directives inside
    /// it are reported by the installer rules.)
    ///
    /// ## Why is this bad?
    /// "Starting with Windows 11, version 22H2, a driver package that uses this directive (or
    /// section) can no longer receive a Hardware Developer Center signature", and universal
    /// packages and Windows Drivers cannot use it at all. These constructs run code or touch
    /// state outside the driver package (self-registration, INI files, Start menu items, fixed
    /// hardware resources), which the declarative (DCH) principle excludes. InfVerif reports a
    /// deprecated legacy section or directive as error 1300 in every mode. difcheck's INF1300
    /// covers the `.CoInstallers` case of that code; this rule covers the rest, with the same
    /// severity (an error in every profile).
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT]
    /// CopyFiles    = Widget_CopyFiles
    /// RegisterDlls = Widget_RegisterDlls
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT]
    /// CopyFiles = Widget_CopyFiles
    ///
    /// [Widget_Device.NT.COM]
    /// AddComServer = WidgetServer,, Widget_ComServer_Inst
    /// ```
    ///
    /// ## References
    /// - [DCH design principles and best practices](https://learn.microsoft.com/windows-hardware/drivers/develop/dch-principles-best-practices)
    /// - [INF RegisterDlls directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-registerdlls-directive)
    /// - [INF LogConfig directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-logconfig-directive)
    /// - [Using a universal INF file](https://learn.microsoft.com/windows-hardware/drivers/install/using-a-universal-inf-file)
    /// - [INF validation errors and warnings (1300)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static LEGACY_DIRECTIVE_OR_SECTION = {
        code: "DCK0260",
        name: "legacy-directive-or-section",
        category: Declarative,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/develop/dch-principles-best-practices",
        summary: "Deprecated legacy directive or section (invalid from Windows 11 22H2)",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = InstallGraph::shared(cx);
    let mut sections = std::collections::HashSet::new();
    for p in &graph.processed {
        let Role::Suffix(suffix @ (InstallSuffix::FactDef | InstallSuffix::LogConfigOverride)) =
            p.role
        else {
            continue;
        };
        if !sections.insert(p.section.to_lowercase()) {
            continue;
        }
        let Some(span) = section_span(cx.inf, &p.section) else {
            continue;
        };
        out.push(
            Finding::at(span, format!("legacy `[DDInstall{}]` section `[{}]`", suffix.as_str(), p.section))
                .help("remove the section: Windows assigns hardware resources itself, and packages using this section can no longer be signed"),
        );
    }
    for (index, name, p) in graph.directive_lines(cx.inf, &LEGACY_DIRECTIVES) {
        // Co-installer sections belong to the installer rules.
        if p.role == Role::CoInstallers {
            continue;
        }
        // A LogConfig inside a reported LogConfigOverride section is part of that finding.
        if name == "LogConfig" && matches!(p.role, Role::Suffix(InstallSuffix::LogConfigOverride)) {
            continue;
        }
        let help = match name {
            "RegisterDlls" | "UnregisterDlls" => "register COM servers declaratively (`[DDInstall.COM]` with AddComServer, or AddReg generated by Reg2inf) instead of running their self-registration",
            "BitReg" => "write whole values with AddReg instead of changing bits of an existing value",
            "LogConfig" => "remove it: Windows assigns hardware resources, and the directive is ignored",
            "ProfileItems" => "remove it: ship user interface as an app (AddSoftware) instead of Start menu items",
            _ => "remove it: INI files are outside the driver package; use AddReg under HKR",
        };
        out.push(
            Finding::at(
                cx.inf.line(index).span(),
                format!("legacy directive `{name}` in `[{}]`", p.section),
            )
            .help(help),
        );
    }
}
