//! DIF0061: `ERROR_DI_BAD_PATH` / `ERROR_DUPLICATE_FOUND` returned for a DIF they do not belong to.

use dif_model::dispatch::ViolationKind;

use super::{report, subject_finding, with_evidence};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the installer's source and flags `ERROR_DI_BAD_PATH` returned for a DIF other than
    /// `DIF_SELECTDEVICE`, and `ERROR_DUPLICATE_FOUND` returned for a DIF other than
    /// `DIF_REGISTERDEVICE`.
    ///
    /// ## Why is this bad?
    /// These codes are documented only for those DIF codes (`DriverPath` holds no usable driver;
    /// the device is a duplicate). Elsewhere they are just an unexplained failure, usually a copied
    /// branch. (That they belong only there is an inference from the documents, hence information
    /// only.)
    ///
    /// ## Example
    /// ```inf
    /// [WidgetClass_AddReg]
    /// HKR,,Installer32,,"WidgetCls.dll,WidgetClassInstaller"
    /// ; case DIF_INSTALLDEVICE: return ERROR_DUPLICATE_FOUND;
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [WidgetClass_AddReg]
    /// HKR,,Installer32,,"WidgetCls.dll,WidgetClassInstaller"
    /// ; case DIF_REGISTERDEVICE: if (IsDuplicate()) return ERROR_DUPLICATE_FOUND; return ERROR_DI_DO_DEFAULT;
    /// ```
    ///
    /// ## References
    /// - [DIF_SELECTDEVICE](https://learn.microsoft.com/windows-hardware/drivers/install/dif-selectdevice)
    /// - [DIF_REGISTERDEVICE](https://learn.microsoft.com/windows-hardware/drivers/install/dif-registerdevice)
    pub static DIF_SPECIFIC_CODE_ELSEWHERE = {
        code: "DIF0061",
        name: "dif-specific-code-elsewhere",
        category: Dif,
        infverif: None,
        severities: Severities::all(Severity::Info),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/dif-selectdevice",
        summary: "ERROR_DI_BAD_PATH or ERROR_DUPLICATE_FOUND returned for a DIF they do not belong to",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report(
        cx,
        out,
        |_, h| h.kind == ViolationKind::DifSpecificCodeElsewhere,
        |s, h| {
            let finding = subject_finding(cx, s, format!("{} returns {} for {}", s.display(), h.returned_text(), h.difs_text())).help("return an error that describes the failure; these codes have a meaning only for their own DIF");
            with_evidence(finding, &h.evidence, "returned here")
        },
    );
}
