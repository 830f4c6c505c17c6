//! DIF0057: a co-installer returns `ERROR_DI_POSTPROCESSING_REQUIRED` in post-processing.

use dif_model::dispatch::ViolationKind;

use super::{report, subject_finding, with_evidence};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the co-installer's source and flags `ERROR_DI_POSTPROCESSING_REQUIRED` returned on a
    /// path where `Context->PostProcessing` is TRUE.
    ///
    /// ## Why is this bad?
    /// Post-processing is a co-installer's second and last call for a DIF; nothing calls it back
    /// again. The value it returns there becomes the status of the whole call, so
    /// `ERROR_DI_POSTPROCESSING_REQUIRED` turns a successful installation into a failure.
    /// (The documents describe post-processing as the last call; that a second request is
    /// meaningless is an inference from them.)
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; return ERROR_DI_POSTPROCESSING_REQUIRED;  /* on every pass */
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; return Context->PostProcessing ? Context->InstallResult : ERROR_DI_POSTPROCESSING_REQUIRED;
    /// ```
    ///
    /// ## References
    /// - [Co-installer interface](https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-interface)
    /// - [Co-installer operation](https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-operation)
    pub static POSTPROCESSING_REQUESTED_IN_POST = {
        code: "DIF0057",
        name: "postprocessing-requested-in-post",
        category: Dif,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-interface",
        summary: "Co-installer returns ERROR_DI_POSTPROCESSING_REQUIRED in post-processing",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report(
        cx,
        out,
        |_, h| h.kind == ViolationKind::PostprocessingRequestedInPost,
        |s, h| {
            let finding = subject_finding(cx, s, format!("{} returns `ERROR_DI_POSTPROCESSING_REQUIRED` in post-processing for {}", s.display(), h.difs_text())).help("in post-processing return Context->InstallResult, or another status if the post-processing work failed");
            with_evidence(
                finding,
                &h.evidence,
                "returned while Context->PostProcessing is TRUE",
            )
        },
    );
}
