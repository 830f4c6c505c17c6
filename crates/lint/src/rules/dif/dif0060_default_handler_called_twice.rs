//! DIF0060: a class installer calls the default handler and then returns `ERROR_DI_DO_DEFAULT`.

use dif_model::dispatch::ViolationKind;

use dif_model::catalog::dif_by_value;

use super::{calls_on_own_device, report, subject_finding, with_evidence};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the class installer's source and flags a DIF branch that calls the DIF's default
    /// handler (e.g. `SetupDiInstallDevice` for `DIF_INSTALLDEVICE`) on the device it was called
    /// for (the call passes its `DeviceInfoSet` and `DeviceInfoData`) and then returns
    /// `ERROR_DI_DO_DEFAULT`. A call on a device the installer created itself does not count.
    ///
    /// ## Why is this bad?
    /// `ERROR_DI_DO_DEFAULT` asks `SetupDiCallClassInstaller` to run the default handler, which the
    /// class installer already ran: the device is installed (removed, restarted) twice. After
    /// calling the handler directly a class installer returns `NO_ERROR`.
    ///
    /// ## Example
    /// ```inf
    /// [WidgetClass_AddReg]
    /// HKR,,Installer32,,"WidgetCls.dll,WidgetClassInstaller"
    /// ; case DIF_INSTALLDEVICE: SetupDiInstallDevice(Set, Dev); return ERROR_DI_DO_DEFAULT;
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [WidgetClass_AddReg]
    /// HKR,,Installer32,,"WidgetCls.dll,WidgetClassInstaller"
    /// ; case DIF_INSTALLDEVICE: if (!SetupDiInstallDevice(Set, Dev)) return GetLastError(); return NO_ERROR;
    /// ```
    ///
    /// ## References
    /// - [Calling the default DIF code handlers](https://learn.microsoft.com/windows-hardware/drivers/install/calling-the-default-dif-code-handlers)
    /// - [Handling DIF codes](https://learn.microsoft.com/windows-hardware/drivers/install/handling-dif-codes)
    pub static DEFAULT_HANDLER_CALLED_TWICE = {
        code: "DIF0060",
        name: "default-handler-called-twice",
        category: Dif,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/calling-the-default-dif-code-handlers",
        summary: "Class installer calls the default handler and then returns ERROR_DI_DO_DEFAULT",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report(
        cx,
        out,
        |s, h| {
            // The handler may have been called for another device (one the installer created):
            // only a call on the device the DIF is for runs the handler twice.
            h.kind == ViolationKind::DefaultHandlerTwice
                && h.difs.iter().any(|&d| {
                    dif_by_value(d)
                        .and_then(|c| c.default_handler)
                        .is_some_and(|handler| calls_on_own_device(s, d, handler.function))
                })
        },
        |s, h| {
            let finding = subject_finding(cx, s, format!("{} calls the default handler of {} and then returns `ERROR_DI_DO_DEFAULT`, so the handler runs twice", s.display(), h.difs_text())).help("after calling the default handler yourself, return NO_ERROR (or its error)");
            with_evidence(
                finding,
                &h.evidence,
                "returns ERROR_DI_DO_DEFAULT after calling the handler",
            )
        },
    );
}
