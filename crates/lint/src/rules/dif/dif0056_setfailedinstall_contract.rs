//! DIF0056: an installer breaks the `DI_FLAGSEX_SETFAILEDINSTALL` contract of `DIF_INSTALLDEVICE`.

use dif_model::dispatch::ViolationKind;

use super::{report, source_mentions, subject_finding, with_evidence};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the installer's `DIF_INSTALLDEVICE` handling and flags values it may return that the
    /// `DI_FLAGSEX_SETFAILEDINSTALL` contract forbids: anything but `NO_ERROR` from a co-installer,
    /// anything but `NO_ERROR` or `ERROR_DI_DO_DEFAULT` from a class installer. When the source
    /// mentions `DI_FLAGSEX_SETFAILEDINSTALL` at all, the analysis cannot tell which paths the test
    /// guards, so the rule says nothing.
    ///
    /// ## Why is this bad?
    /// When no driver is found, Windows sends `DIF_INSTALLDEVICE` once more with
    /// `DI_FLAGSEX_SETFAILEDINSTALL` set, only to mark the device as failed. Installers must then
    /// succeed: a co-installer returns `NO_ERROR`, a class installer `NO_ERROR` or
    /// `ERROR_DI_DO_DEFAULT`. An installer that fails this call leaves the device without the
    /// FAILEDINSTALL mark, so Windows does not offer to install it again later.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_INSTALLDEVICE: if (!Configure()) return GetLastError();
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_INSTALLDEVICE: if (Params.FlagsEx & DI_FLAGSEX_SETFAILEDINSTALL) return NO_ERROR; ...
    /// ```
    ///
    /// ## References
    /// - [DIF_INSTALLDEVICE](https://learn.microsoft.com/windows-hardware/drivers/install/dif-installdevice)
    /// - [SP_DEVINSTALL_PARAMS](https://learn.microsoft.com/windows/win32/api/setupapi/ns-setupapi-sp_devinstall_params_a)
    pub static SETFAILEDINSTALL_CONTRACT = {
        code: "DIF0056",
        name: "setfailedinstall-contract",
        category: Dif,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/dif-installdevice",
        summary: "DIF_INSTALLDEVICE can fail although DI_FLAGSEX_SETFAILEDINSTALL is set",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report(
        cx,
        out,
        |s, h| {
            h.kind == ViolationKind::SetFailedInstallViolated
                && !source_mentions(s, &h.evidence, "DI_FLAGSEX_SETFAILEDINSTALL")
        },
        |s, h| {
            let allowed = if s.is_co() {
                "NO_ERROR"
            } else {
                "NO_ERROR or ERROR_DI_DO_DEFAULT"
            };
            let finding = subject_finding(
                cx,
                s,
                format!(
                    "{} may return {} for `DIF_INSTALLDEVICE` without testing `DI_FLAGSEX_SETFAILEDINSTALL`, where only {allowed} is allowed",
                    s.display(),
                    h.returned_text()
                ),
            )
            .help(format!("read the device install params first and return {allowed} when DI_FLAGSEX_SETFAILEDINSTALL is set"));
            with_evidence(finding, &h.evidence, "returned for DIF_INSTALLDEVICE")
        },
    );
}
