//! DIF0053: a class installer returns `ERROR_DI_POSTPROCESSING_REQUIRED`.

use dif_model::dispatch::ViolationKind;

use super::{report, subject_finding, with_evidence};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the class installer's source and flags `ERROR_DI_POSTPROCESSING_REQUIRED` returned
    /// for any DIF code.
    ///
    /// ## Why is this bad?
    /// Only co-installers request post-processing; a class installer is never called back. From a
    /// class installer the value is just an unexpected status: the default handler does not run and
    /// the call fails with it.
    ///
    /// ## Example
    /// ```inf
    /// [WidgetClass_AddReg]
    /// HKR,,Installer32,,"WidgetCls.dll,WidgetClassInstaller"
    /// ; case DIF_INSTALLDEVICE: return ERROR_DI_POSTPROCESSING_REQUIRED;
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [WidgetClass_AddReg]
    /// HKR,,Installer32,,"WidgetCls.dll,WidgetClassInstaller"
    /// ; case DIF_INSTALLDEVICE: SetupDiInstallDevice(...); /* then the after-install work */ return NO_ERROR;
    /// ```
    ///
    /// ## References
    /// - [Co-installer operation](https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-operation)
    /// - [Calling the default DIF code handlers](https://learn.microsoft.com/windows-hardware/drivers/install/calling-the-default-dif-code-handlers)
    pub static CLASS_INSTALLER_REQUESTS_POSTPROCESSING = {
        code: "DIF0053",
        name: "class-installer-requests-postprocessing",
        category: Dif,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-operation",
        summary: "Class installer returns ERROR_DI_POSTPROCESSING_REQUIRED",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report(
        cx,
        out,
        |_, h| h.kind == ViolationKind::ClassInstallerRequestsPostprocessing,
        |s, h| {
            let finding = subject_finding(cx, s, format!("{} returns `ERROR_DI_POSTPROCESSING_REQUIRED` for {}", s.display(), h.difs_text())).help("to work after the default handler, call it yourself (e.g. SetupDiInstallDevice), do the work, and return NO_ERROR");
            with_evidence(
                finding,
                &h.evidence,
                "returns ERROR_DI_POSTPROCESSING_REQUIRED",
            )
        },
    );
}
