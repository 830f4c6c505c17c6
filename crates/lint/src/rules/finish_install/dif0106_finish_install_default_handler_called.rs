//! DIF0106: a class installer calls `SetupDiFinishInstallAction`.

use dif_model::behavior::CallKind;

use crate::rules::dif::{subject_finding, subjects};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the class installer's source and flags calls to `SetupDiFinishInstallAction`.
    /// (Co-installers calling it are reported by DIF0150, which covers every default handler.)
    ///
    /// ## Why is this bad?
    /// `SetupDiFinishInstallAction`, the default handler of `DIF_FINISHINSTALL_ACTION` on Windows
    /// Vista and 7 (it processes the device's RunOnce entries), was removed in Windows 8; there is
    /// no default finish-install action any more. Installers should not call it directly even where
    /// it exists. Work that depends on it does not happen on current Windows.
    ///
    /// ## Example
    /// ```inf
    /// [WidgetClass_AddReg]
    /// HKR,,Installer32,,"WidgetCls.dll,WidgetClassInstaller"
    /// ; case DIF_FINISHINSTALL_ACTION: SetupDiFinishInstallAction(Set, Dev); return NO_ERROR;
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
    /// - [Running the default finish-install action](https://learn.microsoft.com/windows-hardware/drivers/install/running-the-default-finish-install-action)
    /// - [DIF_FINISHINSTALL_ACTION](https://learn.microsoft.com/windows-hardware/drivers/install/dif-finishinstall-action)
    pub static FINISH_INSTALL_DEFAULT_HANDLER_CALLED = {
        code: "DIF0106",
        name: "finish-install-default-handler-called",
        category: FinishInstall,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/running-the-default-finish-install-action",
        summary: "Class installer depends on SetupDiFinishInstallAction, removed in Windows 8",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for s in subjects(cx) {
        if s.is_co() {
            continue;
        }
        let b = s.behavior();
        let calls: Vec<_> = b
            .handles
            .iter()
            .flat_map(|h| h.calls.iter())
            .chain(b.calls.iter())
            .filter(|c| {
                c.kind == CallKind::DefaultHandler && c.function == "SetupDiFinishInstallAction"
            })
            .collect();
        let Some(first) = calls.first() else { continue };
        let mut finding = subject_finding(cx, &s, format!("{} calls `SetupDiFinishInstallAction`, which Windows 8 and later do not have", s.display()))
            .help("do the finish-install work in the installer itself and return ERROR_DI_DO_DEFAULT; do not rely on RunOnce processing")
            .label_in(first.at.file.clone(), first.at.span, "called here");
        for c in &calls[1..] {
            finding = finding.label_in(c.at.file.clone(), c.at.span, "called here");
        }
        out.push(finding);
    }
}
