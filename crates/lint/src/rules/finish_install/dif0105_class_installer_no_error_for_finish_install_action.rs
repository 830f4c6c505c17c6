//! DIF0105: a class installer returns `NO_ERROR` for `DIF_FINISHINSTALL_ACTION`.

use dif_model::dispatch::ViolationKind;

use crate::rules::dif::{report, subject_finding, with_evidence};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the class installer's `DIF_FINISHINSTALL_ACTION` handling and flags `NO_ERROR`
    /// returned for it.
    ///
    /// ## Why is this bad?
    /// The `DIF_FINISHINSTALL_ACTION` page says a class installer should not return `NO_ERROR`:
    /// that skips the default finish-install processing (on Windows Vista and 7, the device's
    /// RunOnce entries). A class installer returns `ERROR_DI_DO_DEFAULT` when its action is done.
    /// Other pages describe `NO_ERROR` as "success, skip the default", so the documents conflict;
    /// hence a warning.
    ///
    /// ## Example
    /// ```inf
    /// [WidgetClass_AddReg]
    /// HKR,,Installer32,,"WidgetCls.dll,WidgetClassInstaller"
    /// ; case DIF_FINISHINSTALL_ACTION: RunAction(); return NO_ERROR;
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [WidgetClass_AddReg]
    /// HKR,,Installer32,,"WidgetCls.dll,WidgetClassInstaller"
    /// ; case DIF_FINISHINSTALL_ACTION: RunAction(); return ERROR_DI_DO_DEFAULT;
    /// ```
    ///
    /// ## References
    /// - [DIF_FINISHINSTALL_ACTION](https://learn.microsoft.com/windows-hardware/drivers/install/dif-finishinstall-action)
    /// - [Running the default finish-install action](https://learn.microsoft.com/windows-hardware/drivers/install/running-the-default-finish-install-action)
    pub static CLASS_INSTALLER_NO_ERROR_FOR_FINISH_INSTALL_ACTION = {
        code: "DIF0105",
        name: "class-installer-no-error-for-finish-install-action",
        category: FinishInstall,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/dif-finishinstall-action",
        summary: "Class installer returns NO_ERROR for DIF_FINISHINSTALL_ACTION",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report(
        cx,
        out,
        |_, h| h.kind == ViolationKind::ClassInstallerNoErrorForFinishInstallAction,
        |s, h| {
            let finding = subject_finding(cx, s, format!("{} returns `NO_ERROR` for `DIF_FINISHINSTALL_ACTION`, which skips the default finish-install processing", s.display()))
                .help("return ERROR_DI_DO_DEFAULT when the action is done, so that the default processing still runs");
            with_evidence(finding, &h.evidence, "returns NO_ERROR")
        },
    );
}
