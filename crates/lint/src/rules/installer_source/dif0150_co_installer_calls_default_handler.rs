//! DIF0150: a co-installer calls a default DIF handler.

use dif_model::behavior::CallKind;

use crate::rules::dif::{subject_finding, subjects};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the co-installer's source and flags calls to the default DIF handlers:
    /// `SetupDiInstallDevice`, `SetupDiInstallDriverFiles`, `SetupDiRegisterCoDeviceInstallers`,
    /// `SetupDiInstallDeviceInterfaces`, `SetupDiRemoveDevice`, `SetupDiUnremoveDevice`,
    /// `SetupDiSelectDevice`, `SetupDiSelectBestCompatDrv`, `SetupDiChangeState`,
    /// `SetupDiRegisterDeviceInfo` and `SetupDiFinishInstallAction`.
    ///
    /// ## Why is this bad?
    /// Only a class installer may call a default handler, and only for the DIF it is processing;
    /// `SetupDiCallClassInstaller` calls the handler itself after the class installer. A
    /// co-installer that calls one installs, removes or restarts the device at the wrong point,
    /// and the handler then runs a second time (a co-installer must not remove the device itself
    /// on `DIF_REMOVE`, for instance).
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_PROPERTYCHANGE: SetupDiChangeState(Set, Dev); return NO_ERROR;
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_PROPERTYCHANGE: return ERROR_DI_POSTPROCESSING_REQUIRED; /* act after the handler ran */
    /// ```
    ///
    /// ## References
    /// - [Calling the default DIF code handlers](https://learn.microsoft.com/windows-hardware/drivers/install/calling-the-default-dif-code-handlers)
    /// - [SetupDiInstallDevice](https://learn.microsoft.com/windows/win32/api/setupapi/nf-setupapi-setupdiinstalldevice)
    pub static CO_INSTALLER_CALLS_DEFAULT_HANDLER = {
        code: "DIF0150",
        name: "co-installer-calls-default-handler",
        category: InstallerSource,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/calling-the-default-dif-code-handlers",
        summary: "Co-installer calls a default DIF handler",
        check: check,
    }
}

/// The default DIF handlers (dif-model.md §2.6); `SetupDiCallClassInstaller` is not one.
const HANDLERS: &[&str] = &[
    "SetupDiChangeState",
    "SetupDiFinishInstallAction",
    "SetupDiInstallDevice",
    "SetupDiInstallDeviceInterfaces",
    "SetupDiInstallDriverFiles",
    "SetupDiRegisterCoDeviceInstallers",
    "SetupDiRegisterDeviceInfo",
    "SetupDiRemoveDevice",
    "SetupDiSelectBestCompatDrv",
    "SetupDiSelectDevice",
    "SetupDiUnremoveDevice",
];

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for s in subjects(cx) {
        if !s.is_co() {
            continue;
        }
        let b = s.behavior();
        let calls: Vec<_> = b
            .handles
            .iter()
            .flat_map(|h| h.calls.iter())
            .chain(b.calls.iter())
            .filter(|c| {
                c.kind == CallKind::DefaultHandler && HANDLERS.contains(&c.function.as_str())
            })
            .collect();
        let Some(first) = calls.first() else { continue };
        let mut names: Vec<String> = Vec::new();
        for c in &calls {
            let n = format!("`{}`", c.function);
            if !names.contains(&n) {
                names.push(n);
            }
        }
        let mut finding = subject_finding(cx, &s, format!("{} calls the default DIF handler {}", s.display(), names.join(", ")))
            .help("let SetupDiCallClassInstaller run the default handler; to act after it, return ERROR_DI_POSTPROCESSING_REQUIRED and do the work in post-processing")
            .label_in(first.at.file.clone(), first.at.span, "called here");
        for c in &calls[1..] {
            finding = finding.label_in(c.at.file.clone(), c.at.span, "called here");
        }
        out.push(finding);
    }
}
