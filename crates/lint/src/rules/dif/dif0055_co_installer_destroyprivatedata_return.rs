//! DIF0055: a co-installer returns something other than `NO_ERROR` for `DIF_DESTROYPRIVATEDATA`.

use dif_model::dispatch::ViolationKind;

use super::{report, subject_finding, with_evidence};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the co-installer's source and flags values other than `NO_ERROR` it returns for
    /// `DIF_DESTROYPRIVATEDATA`.
    ///
    /// ## Why is this bad?
    /// Co-installers do not handle `DIF_DESTROYPRIVATEDATA`: Windows sends it when a device
    /// information set or element is destroyed, and co-installers return `NO_ERROR`. Anything else
    /// skips the class installer, which is the one that must free its private data then.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_DESTROYPRIVATEDATA: return ERROR_DI_POSTPROCESSING_REQUIRED;
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_DESTROYPRIVATEDATA: return NO_ERROR;
    /// ```
    ///
    /// ## References
    /// - [DIF_DESTROYPRIVATEDATA](https://learn.microsoft.com/windows-hardware/drivers/install/dif-destroyprivatedata)
    /// - [Co-installer interface](https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-interface)
    pub static CO_INSTALLER_DESTROYPRIVATEDATA_RETURN = {
        code: "DIF0055",
        name: "co-installer-destroyprivatedata-return",
        category: Dif,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/dif-destroyprivatedata",
        summary: "Co-installer returns something other than NO_ERROR for DIF_DESTROYPRIVATEDATA",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report(
        cx,
        out,
        |_, h| h.kind == ViolationKind::UnlistedReturn && h.rule == Some("RET-06"),
        |s, h| {
            let finding = subject_finding(
                cx,
                s,
                format!(
                    "{} returns {} for `DIF_DESTROYPRIVATEDATA`",
                    s.display(),
                    h.returned_text()
                ),
            )
            .help("return NO_ERROR for DIF_DESTROYPRIVATEDATA; co-installers do not handle it");
            with_evidence(finding, &h.evidence, "returned for DIF_DESTROYPRIVATEDATA")
        },
    );
}
