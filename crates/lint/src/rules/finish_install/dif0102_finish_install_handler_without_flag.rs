//! DIF0102: a `DIF_FINISHINSTALL_ACTION` handler whose installer never sets the flag.

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
    /// Reads the installer's source and flags a `DIF_FINISHINSTALL_ACTION` branch that does
    /// something of its own when neither this installer nor another installer of the package (as
    /// far as their sources were analysed) ever sets `DI_FLAGSEX_FINISHINSTALL_ACTION`.
    ///
    /// ## Why is this bad?
    /// Windows sends `DIF_FINISHINSTALL_ACTION` only to devices marked as having a finish-install
    /// action, and an installer marks the device by setting `DI_FLAGSEX_FINISHINSTALL_ACTION` during
    /// `DIF_NEWDEVICEWIZARD_FINISHINSTALL`. Without the flag the handler is dead code and the
    /// action never runs.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_FINISHINSTALL_ACTION: RunAction(); return NO_ERROR;   /* flag never set */
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_NEWDEVICEWIZARD_FINISHINSTALL: set DI_FLAGSEX_FINISHINSTALL_ACTION when needed
    /// ```
    ///
    /// ## References
    /// - [Implementing finish-install actions](https://learn.microsoft.com/windows-hardware/drivers/install/implementing-finish-install-actions)
    /// - [Code example: finish-install actions in a co-installer](https://learn.microsoft.com/windows-hardware/drivers/install/code-example--finish-install-actions-in-a-co-installer)
    pub static FINISH_INSTALL_HANDLER_WITHOUT_FLAG = {
        code: "DIF0102",
        name: "finish-install-handler-without-flag",
        category: FinishInstall,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/implementing-finish-install-actions",
        summary: "DIF_FINISHINSTALL_ACTION handled but DI_FLAGSEX_FINISHINSTALL_ACTION never set",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let all = subjects(cx);
    let package_sets = all
        .iter()
        .any(|s| s.registration.is_some() && !flag_sets(s).is_empty());
    for s in &all {
        let Some(h) = s
            .behavior()
            .handles
            .iter()
            .find(|h| h.dif == DIF_FINISHINSTALL_ACTION)
        else {
            continue;
        };
        if !acts(s.behavior(), h)
            || !flag_sets(s).is_empty()
            || (s.registration.is_some() && package_sets)
        {
            continue;
        }
        out.push(
            subject_finding(cx, s, format!("{} handles `DIF_FINISHINSTALL_ACTION` but never sets `DI_FLAGSEX_FINISHINSTALL_ACTION`, so Windows never sends it", s.display()))
                .label_in(h.matched_at.file.clone(), h.matched_at.span, "never reached")
                .help("set DI_FLAGSEX_FINISHINSTALL_ACTION while handling DIF_NEWDEVICEWIZARD_FINISHINSTALL when an action is needed, or remove the handler"),
        );
    }
}
