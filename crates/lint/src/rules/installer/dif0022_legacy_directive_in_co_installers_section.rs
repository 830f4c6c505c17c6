//! DIF0022: a legacy directive in a `.CoInstallers` section.

use super::co_installers_sections;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

/// The rarely used directives a `.CoInstallers` section may hold that are invalid in universal
/// INFs.
const LEGACY: &[&str] = &[
    "DelFiles",
    "RenFiles",
    "DelReg",
    "BitReg",
    "UpdateInis",
    "UpdateIniFields",
    "Ini2Reg",
];

declare_rule! {
    /// ## What it does
    /// Flags `DelFiles`, `RenFiles`, `DelReg`, `BitReg`, `UpdateInis`, `UpdateIniFields` and
    /// `Ini2Reg` directives in a `[DDInstall.CoInstallers]` section.
    ///
    /// ## Why is this bad?
    /// The `.CoInstallers` section allows these directives, but they delete, rename or rewrite
    /// state outside the package, and universal INFs may not use them. A co-installer section
    /// that cleans up after older versions of itself usually hides an upgrade problem better
    /// solved with a new DLL name.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT.CoInstallers]
    /// AddReg   = Widget_CoInstaller_AddReg
    /// DelFiles = Widget_OldCoInstaller_Files
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT.CoInstallers]
    /// AddReg    = Widget_CoInstaller_AddReg
    /// CopyFiles = Widget_CoInstaller_CopyFiles
    /// ```
    ///
    /// ## References
    /// - [INF DDInstall.CoInstallers section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section)
    /// - [Using a universal INF file](https://learn.microsoft.com/windows-hardware/drivers/install/using-a-universal-inf-file)
    pub static LEGACY_DIRECTIVE_IN_CO_INSTALLERS_SECTION = {
        code: "DIF0022",
        name: "legacy-directive-in-co-installers-section",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section",
        summary: "Legacy directive (DelFiles, DelReg, RenFiles, …) in a .CoInstallers section",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for s in co_installers_sections(cx).iter() {
        for d in &s.directives {
            let name = d.name.text.trim();
            let Some(directive) = LEGACY.iter().find(|l| l.eq_ignore_ascii_case(name)) else {
                continue;
            };
            out.push(
                Finding::at(d.line.span, format!("`{directive}` in `[{}]`", s.section.name))
                    .primary_label("invalid in universal INFs")
                    .help("remove the directive; give a new co-installer version a new file name instead of cleaning up the old one"),
            );
        }
    }
}
