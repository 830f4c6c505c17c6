//! DIF0050: a co-installer sets `ERROR_DI_DO_DEFAULT`.

use dif_model::catalog::dif_codes::{
    DIF_INSTALLDEVICE, DIF_INSTALLINTERFACES, DIF_PROPERTYCHANGE, DIF_REMOVE,
};
use dif_model::dispatch::{CallPass, ViolationKind};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{do_default_consequence, report, subject_finding, with_evidence, Hit, Subject};

declare_rule! {
    /// ## What it does
    /// Reads the co-installer's C/C++ source and flags every place where it *sets*
    /// `ERROR_DI_DO_DEFAULT` as its return value: for a DIF it handles, or for the DIF codes it
    /// does not recognise (a `default:` that returns it). Returning `Context->InstallResult`
    /// unchanged in post-processing, which may be `ERROR_DI_DO_DEFAULT`, is allowed and not
    /// flagged. `DIF_FINISHINSTALL_ACTION` is reported by DIF0104.
    ///
    /// ## Why is this bad?
    /// Only class installers return `ERROR_DI_DO_DEFAULT`. `SetupDiCallClassInstaller` takes any
    /// value other than `NO_ERROR` or `ERROR_DI_POSTPROCESSING_REQUIRED` from a co-installer's
    /// pre-processing call as a failure: the remaining co-installers, the class installer and
    /// the DIF's default handler (`SetupDiInstallDevice` for `DIF_INSTALLDEVICE`, …) are
    /// skipped, and the call ends with `ERROR_DI_DO_DEFAULT`, which callers treat as "nothing
    /// to do". The device is silently left half installed. The finding explains, from the
    /// dispatch simulation of the INF's own installer chain, what is skipped.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; WidgetCoInstaller: switch (InstallFunction) { default: return ERROR_DI_DO_DEFAULT; }
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; WidgetCoInstaller: default: return NO_ERROR;  (post-processing: return Context->InstallResult;)
    /// ```
    ///
    /// ## References
    /// - [Co-installer interface](https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-interface)
    /// - [Co-installer operation](https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-operation)
    /// - [Handling DIF codes](https://learn.microsoft.com/windows-hardware/drivers/install/handling-dif-codes)
    pub static CO_INSTALLER_RETURNS_DO_DEFAULT = {
        code: "DIF0050",
        name: "co-installer-returns-do-default",
        category: Dif,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-interface",
        summary: "Co-installer returns ERROR_DI_DO_DEFAULT",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report(
        cx,
        out,
        |_, h| h.kind == ViolationKind::CoInstallerSetsDoDefault && h.rule == Some("RET-01"),
        |s, h| make(cx, s, h),
    );
}

fn make(cx: &Context<'_>, s: &Subject<'_>, h: &Hit) -> Finding {
    let pass = if h.pass == Some(CallPass::Post) {
        " in post-processing"
    } else {
        ""
    };
    let mut message = format!(
        "{} returns `ERROR_DI_DO_DEFAULT`{pass} for {}",
        s.display(),
        h.difs_text()
    );
    let consequence = if h.pass == Some(CallPass::Post) {
        Some("it replaces the status the other installers produced, so the call ends with ERROR_DI_DO_DEFAULT whatever they did".to_owned())
    } else {
        // For the default path, explain with a DIF the co-installer receives, does not
        // recognise, and whose default handler matters.
        let handled = |d: u32| s.behavior().handles.iter().any(|x| x.dif == d);
        let dif = h.difs.first().copied().or_else(|| {
            [
                DIF_INSTALLDEVICE,
                DIF_INSTALLINTERFACES,
                DIF_PROPERTYCHANGE,
                DIF_REMOVE,
            ]
            .into_iter()
            .find(|&d| !handled(d))
        });
        dif.and_then(|d| do_default_consequence(cx, s, d))
    };
    match consequence {
        Some(c) => message.push_str(&format!(": {c}")),
        None if h.pass != Some(CallPass::Post) => message.push_str(": SetupDiCallClassInstaller takes it as a failure and skips the remaining co-installers, the class installer and the default handler"),
        None => {}
    }
    let finding = subject_finding(cx, s, message).help(
        "return NO_ERROR for DIF codes the co-installer does not handle (only class installers return ERROR_DI_DO_DEFAULT); in post-processing return Context->InstallResult",
    );
    with_evidence(finding, &h.evidence, "returns ERROR_DI_DO_DEFAULT")
}
