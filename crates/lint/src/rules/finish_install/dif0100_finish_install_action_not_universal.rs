//! DIF0100: finish-install actions in a package meant to be universal or a Windows Driver.

use dif_model::catalog::dif_codes::DIF_FINISHINSTALL_ACTION;

use super::flag_sets;
use crate::rules::dif::{acts, subject_finding, subjects};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// In the `universal` and `windows-driver` profiles, reads the sources of the installers the INF
    /// registers and flags each one that supplies a finish-install action: it sets
    /// `DI_FLAGSEX_FINISHINSTALL_ACTION` or handles `DIF_FINISHINSTALL_ACTION`.
    ///
    /// ## Why is this bad?
    /// Finish-install actions are not supported in universal or mobile driver packages: they can
    /// only come from class installers and co-installers, which such packages may not have. The
    /// action's work (installing an application, a one-time setup) has to move to a
    /// `SoftwareComponent` with `AddSoftware`, or to a device app.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_FINISHINSTALL_ACTION: LaunchSetupTool(); return NO_ERROR;
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT.Components]
    /// AddComponent = WidgetTool,, Widget_Component_Install
    /// ```
    ///
    /// ## References
    /// - [Finish-install actions](https://learn.microsoft.com/windows-hardware/drivers/install/finish-install-actions--windows-vista-and-later-)
    /// - [Using a universal INF file](https://learn.microsoft.com/windows-hardware/drivers/install/using-a-universal-inf-file)
    /// - [INF AddSoftware directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addsoftware-directive)
    pub static FINISH_INSTALL_ACTION_NOT_UNIVERSAL = {
        code: "DIF0100",
        name: "finish-install-action-not-universal",
        category: FinishInstall,
        infverif: None,
        severities: Severities {
            basic: None,
            universal: Some(Severity::Error),
            windows_driver: Some(Severity::Error),
            declarative: None,
            signing: None,
        },
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/finish-install-actions--windows-vista-and-later-",
        summary: "Finish-install action in a universal INF or Windows Driver",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for s in subjects(cx) {
        if s.registration.is_none() {
            continue;
        }
        let (what, at) = if let Some(h) = s
            .behavior()
            .handles
            .iter()
            .find(|h| h.dif == DIF_FINISHINSTALL_ACTION && acts(s.behavior(), h))
        {
            ("handles `DIF_FINISHINSTALL_ACTION`", h.matched_at.clone())
        } else if let Some(c) = flag_sets(&s).into_iter().next() {
            ("sets `DI_FLAGSEX_FINISHINSTALL_ACTION`", c.at.clone())
        } else {
            continue;
        };
        out.push(
            subject_finding(cx, &s, format!("{} {what}: finish-install actions are not supported in universal packages or Windows Drivers", s.display()))
                .label_in(at.file, at.span, "finish-install action")
                .help("move the action's work into a SoftwareComponent with AddSoftware, or into a device app"),
        );
    }
}
