//! DIF0154: an installer registered in a role its prototype does not have.

use dif_model::behavior::{Knowledge, Role};
use dif_model::dispatch::ViolationKind;

use crate::rules::dif::{report, subject_finding};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Compares the role an installer is registered in (`CoInstallers32` or `CoDeviceInstallers`:
    /// co-installer; `Installer32`: class installer) with the prototype of the function the source
    /// defines for it, and flags a mismatch.
    ///
    /// ## Why is this bad?
    /// Co-installers take four parameters (the last is the `COINSTALLER_CONTEXT_DATA`), class
    /// installers three. Called with the other shape the function reads a parameter that is not
    /// there (or ignores one that is), and its return values mean something else: a class
    /// installer's `ERROR_DI_DO_DEFAULT` breaks the dispatch when it comes from a co-installer.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCls.dll,WidgetClassInstaller"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [WidgetClass_AddReg]
    /// HKR,,Installer32,,"WidgetCls.dll,WidgetClassInstaller"
    /// ```
    ///
    /// ## References
    /// - [Co-installer interface](https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-interface)
    /// - [INF ClassInstall32 section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-classinstall32-section)
    pub static INSTALLER_ROLE_MISMATCH = {
        code: "DIF0154",
        name: "installer-role-mismatch",
        category: InstallerSource,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-interface",
        summary: "Installer registered as a co-installer but declared as a class installer, or the reverse",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report(
        cx,
        out,
        |s, h| h.kind == ViolationKind::RoleMismatch && s.registration.is_some(),
        |s, _| {
            let declared = if s.behavior().role
                == (Knowledge::Known {
                    value: Role::ClassInstaller,
                }) {
                "a class installer (3 parameters)"
            } else {
                "a co-installer (4 parameters)"
            };
            subject_finding(cx, s, format!("{} is declared as {declared}", s.display()))
                .help("register co-installers in CoInstallers32 (or CoDeviceInstallers) and class installers in Installer32, each with the matching prototype")
        },
    );
}
