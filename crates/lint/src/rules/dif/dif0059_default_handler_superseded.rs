//! DIF0059: a class installer returns `NO_ERROR` for a DIF with a default handler without calling it.

use dif_model::dispatch::ViolationKind;

use super::{report, subject_finding, with_evidence};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the class installer's source and flags `NO_ERROR` returned for a DIF that has a
    /// default handler (`DIF_INSTALLDEVICE` → `SetupDiInstallDevice`, `DIF_REMOVE` →
    /// `SetupDiRemoveDevice`, `DIF_PROPERTYCHANGE` → `SetupDiChangeState`, …) on a DIF branch that
    /// does not call that handler.
    ///
    /// ## Why is this bad?
    /// `NO_ERROR` from a class installer tells `SetupDiCallClassInstaller` the request is complete,
    /// so the default handler is not called. A class installer may do that only after calling the
    /// handler itself; otherwise the device is not installed, removed or restarted, and Microsoft
    /// warns that installing a device without `SetupDiInstallDevice` may break on future Windows.
    ///
    /// ## Example
    /// ```inf
    /// [WidgetClass_AddReg]
    /// HKR,,Installer32,,"WidgetCls.dll,WidgetClassInstaller"
    /// ; case DIF_INSTALLDEVICE: DoSetup(); return NO_ERROR;
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [WidgetClass_AddReg]
    /// HKR,,Installer32,,"WidgetCls.dll,WidgetClassInstaller"
    /// ; case DIF_INSTALLDEVICE: DoSetup(); return ERROR_DI_DO_DEFAULT;
    /// ```
    ///
    /// ## References
    /// - [Calling the default DIF code handlers](https://learn.microsoft.com/windows-hardware/drivers/install/calling-the-default-dif-code-handlers)
    /// - [Handling DIF codes](https://learn.microsoft.com/windows-hardware/drivers/install/handling-dif-codes)
    /// - [SetupDiInstallDevice](https://learn.microsoft.com/windows/win32/api/setupapi/nf-setupapi-setupdiinstalldevice)
    pub static DEFAULT_HANDLER_SUPERSEDED = {
        code: "DIF0059",
        name: "default-handler-superseded",
        category: Dif,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/calling-the-default-dif-code-handlers",
        summary: "Class installer returns NO_ERROR for a DIF with a default handler without calling it",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report(
        cx,
        out,
        |_, h| h.kind == ViolationKind::DefaultHandlerSuperseded,
        |s, h| {
            let finding = subject_finding(cx, s, format!("{} returns `NO_ERROR` for {} without calling its default handler, so the handler never runs", s.display(), h.difs_text())).help("return ERROR_DI_DO_DEFAULT so that the default handler runs, or call the handler yourself before returning NO_ERROR");
            with_evidence(finding, &h.evidence, "returns NO_ERROR")
        },
    );
}
