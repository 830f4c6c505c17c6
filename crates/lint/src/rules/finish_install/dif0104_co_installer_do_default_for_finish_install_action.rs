//! DIF0104: a co-installer returns `ERROR_DI_DO_DEFAULT` for `DIF_FINISHINSTALL_ACTION`.

use dif_model::dispatch::ViolationKind;

use crate::rules::dif::{report, subject_finding, with_evidence};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the co-installer's `DIF_FINISHINSTALL_ACTION` handling and flags `ERROR_DI_DO_DEFAULT`
    /// returned for it (propagating `Context->InstallResult` in post-processing is not flagged).
    ///
    /// ## Why is this bad?
    /// The `DIF_FINISHINSTALL_ACTION` page says co-installers never return `ERROR_DI_DO_DEFAULT`: a
    /// co-installer returns `NO_ERROR` when its action is done (or there is nothing to do) and a
    /// Win32 error when it failed. From a co-installer the value skips the class installer and the
    /// default action, so the other installers' finish-install actions do not run.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_FINISHINSTALL_ACTION: RunAction(); return ERROR_DI_DO_DEFAULT;
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_FINISHINSTALL_ACTION: return RunAction() ? NO_ERROR : GetLastError();
    /// ```
    ///
    /// ## References
    /// - [DIF_FINISHINSTALL_ACTION](https://learn.microsoft.com/windows-hardware/drivers/install/dif-finishinstall-action)
    /// - [Implementing finish-install actions](https://learn.microsoft.com/windows-hardware/drivers/install/implementing-finish-install-actions)
    /// - [Running finish-install actions](https://learn.microsoft.com/windows-hardware/drivers/install/running-finish-install-actions)
    pub static CO_INSTALLER_DO_DEFAULT_FOR_FINISH_INSTALL_ACTION = {
        code: "DIF0104",
        name: "co-installer-do-default-for-finish-install-action",
        category: FinishInstall,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/dif-finishinstall-action",
        summary: "Co-installer returns ERROR_DI_DO_DEFAULT for DIF_FINISHINSTALL_ACTION",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report(
        cx,
        out,
        |_, h| h.kind == ViolationKind::CoInstallerSetsDoDefault && h.rule == Some("FIN-06"),
        |s, h| {
            let finding = subject_finding(cx, s, format!("{} returns `ERROR_DI_DO_DEFAULT` for `DIF_FINISHINSTALL_ACTION`", s.display()))
                .help("return NO_ERROR when the action is done or there is nothing to do, a Win32 error when it failed");
            with_evidence(finding, &h.evidence, "returns ERROR_DI_DO_DEFAULT")
        },
    );
}
