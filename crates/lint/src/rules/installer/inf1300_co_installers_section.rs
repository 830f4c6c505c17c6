//! INF1300: a `DDInstall.CoInstallers` section (a deprecated legacy section).

use super::co_installers_sections;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags every `[DDInstall.CoInstallers]` section, including one that only pulls a system
    /// INF's co-installer section in with `Include`/`Needs`. InfVerif reports such a section
    /// as a deprecated legacy section (1300); this rule covers the `.CoInstallers` case of
    /// that code.
    ///
    /// ## Why is this bad?
    /// Co-installers are deprecated: from Windows 11 22H2 a package with a `.CoInstallers`
    /// section cannot get a Hardware Dev Center signature (Microsoft stopped signing packages
    /// with co-installers in January 2023), the section is invalid in universal INFs and
    /// Windows Drivers, and InfVerif reports it as an error in every mode. Whatever the
    /// co-installer did has a declarative replacement (a `SoftwareComponent` with
    /// `AddSoftware`, `Include`/`Needs` of an in-box INF, or nothing at all for the WDF
    /// co-installer).
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT.CoInstallers]
    /// AddReg    = Widget_CoInstaller_AddReg
    /// CopyFiles = Widget_CoInstaller_CopyFiles
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT.Components]
    /// AddComponent = WidgetTool,, Widget_Component_Install
    /// ```
    ///
    /// ## References
    /// - [INF DDInstall.CoInstallers section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section)
    /// - [Removing co-installers](https://learn.microsoft.com/windows-hardware/drivers/develop/removing-coinstallers)
    /// - [INF validation errors and warnings (1300)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static CO_INSTALLERS_SECTION = {
        code: "INF1300",
        name: "co-installers-section",
        category: Installer,
        infverif: Some(1300),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section",
        summary: "Deprecated DDInstall.CoInstallers section",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for section in co_installers_sections(cx).iter() {
        let Some(span) = section.section.header() else {
            continue;
        };
        out.push(
            Finding::at(span, format!("`[{}]` registers co-installers, which are deprecated", section.section.name))
                .primary_label("deprecated legacy section")
                .help("remove the section and replace the co-installer with declarative directives (a SoftwareComponent with AddSoftware, Include/Needs of an in-box INF); packages with co-installers are no longer signed"),
        );
    }
}
