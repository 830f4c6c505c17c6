//! DIF0054: a co-installer requests post-processing for a DIF whose page forbids it.

use dif_model::dispatch::ViolationKind;

use super::{report, subject_finding, with_evidence};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the co-installer's source and flags `ERROR_DI_POSTPROCESSING_REQUIRED` returned in
    /// pre-processing for `DIF_ALLOW_INSTALL`, `DIF_REGISTERDEVICE` or
    /// `DIF_ADDPROPERTYPAGE_ADVANCED`.
    ///
    /// ## Why is this bad?
    /// The pages of these three DIF codes say co-installers should not request post-processing:
    /// the decision (allow the install, register the device, add property pages) must be made in
    /// pre-processing, before the class installer and the default handler act on it.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_ALLOW_INSTALL: return ERROR_DI_POSTPROCESSING_REQUIRED;
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_ALLOW_INSTALL: return Allowed() ? NO_ERROR : ERROR_DI_DONT_INSTALL;
    /// ```
    ///
    /// ## References
    /// - [DIF_ALLOW_INSTALL](https://learn.microsoft.com/windows-hardware/drivers/install/dif-allow-install)
    /// - [DIF_REGISTERDEVICE](https://learn.microsoft.com/windows-hardware/drivers/install/dif-registerdevice)
    /// - [DIF_ADDPROPERTYPAGE_ADVANCED](https://learn.microsoft.com/windows-hardware/drivers/install/dif-addpropertypage-advanced)
    pub static POSTPROCESSING_FORBIDDEN_FOR_DIF = {
        code: "DIF0054",
        name: "postprocessing-forbidden-for-dif",
        category: Dif,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/dif-allow-install",
        summary: "Co-installer requests post-processing for a DIF whose page forbids it",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report(
        cx,
        out,
        |_, h| h.kind == ViolationKind::PostprocessingForbidden,
        |s, h| {
            let finding = subject_finding(
                cx,
                s,
                format!(
                    "{} requests post-processing for {}",
                    s.display(),
                    h.difs_text()
                ),
            )
            .help("do the work in pre-processing and return NO_ERROR (or an error to refuse)");
            with_evidence(
                finding,
                &h.evidence,
                "returns ERROR_DI_POSTPROCESSING_REQUIRED",
            )
        },
    );
}
