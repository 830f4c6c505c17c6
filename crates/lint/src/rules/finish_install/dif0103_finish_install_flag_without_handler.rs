//! DIF0103: `DI_FLAGSEX_FINISHINSTALL_ACTION` set by an installer without a `DIF_FINISHINSTALL_ACTION` handler.

use dif_model::catalog::dif_codes::DIF_FINISHINSTALL_ACTION;

use super::flag_sets;
use crate::rules::dif::{subject_finding, subjects};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the installer's source and flags code that sets `DI_FLAGSEX_FINISHINSTALL_ACTION` when
    /// neither this installer nor another installer of the package (as far as their sources were
    /// analysed) recognises `DIF_FINISHINSTALL_ACTION`.
    ///
    /// ## Why is this bad?
    /// The flag makes Windows ask the user (with administrator consent) to "finish installing device
    /// software", and then send `DIF_FINISHINSTALL_ACTION` to the device's installers. If none of
    /// them handles it, the user is prompted for nothing and the device stays flagged. (That a
    /// handler must exist is difcheck's reading of the documented flow, hence a warning.)
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_NEWDEVICEWIZARD_FINISHINSTALL: set DI_FLAGSEX_FINISHINSTALL_ACTION; /* no handler */
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_FINISHINSTALL_ACTION: RunAction(); return NO_ERROR;
    /// ```
    ///
    /// ## References
    /// - [Implementing finish-install actions](https://learn.microsoft.com/windows-hardware/drivers/install/implementing-finish-install-actions)
    /// - [DIF_FINISHINSTALL_ACTION](https://learn.microsoft.com/windows-hardware/drivers/install/dif-finishinstall-action)
    pub static FINISH_INSTALL_FLAG_WITHOUT_HANDLER = {
        code: "DIF0103",
        name: "finish-install-flag-without-handler",
        category: FinishInstall,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/implementing-finish-install-actions",
        summary: "DI_FLAGSEX_FINISHINSTALL_ACTION set but DIF_FINISHINSTALL_ACTION not handled",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let all = subjects(cx);
    let handled = |s: &crate::rules::dif::Subject<'_>| {
        s.behavior()
            .handles
            .iter()
            .any(|h| h.dif == DIF_FINISHINSTALL_ACTION)
    };
    let package_handles = all.iter().any(|s| s.registration.is_some() && handled(s));
    for s in &all {
        let sets = flag_sets(s);
        let Some(first) = sets.first() else { continue };
        if handled(s) || (s.registration.is_some() && package_handles) {
            continue;
        }
        out.push(
            subject_finding(cx, s, format!("{} sets `DI_FLAGSEX_FINISHINSTALL_ACTION` but no installer of the package handles `DIF_FINISHINSTALL_ACTION`", s.display()))
                .label_in(first.at.file.clone(), first.at.span, "flag set here")
                .help("handle DIF_FINISHINSTALL_ACTION (run the action, tell the user the outcome), or stop setting the flag"),
        );
    }
}
