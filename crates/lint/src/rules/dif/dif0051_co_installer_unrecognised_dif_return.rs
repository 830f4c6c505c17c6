//! DIF0051: a co-installer returns something other than `NO_ERROR` for DIF codes it does not handle.

use dif_model::dispatch::ViolationKind;

use super::{report, subject_finding, with_evidence};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the co-installer's source and flags the values other than `NO_ERROR` it returns on
    /// the path taken by DIF codes it does not recognise (typically its `default:` branch).
    /// `ERROR_DI_DO_DEFAULT` there is reported by DIF0050 instead.
    ///
    /// ## Why is this bad?
    /// A co-installer must return `NO_ERROR` for every DIF code it does not handle, including
    /// codes added in later Windows versions. Any other value makes `SetupDiCallClassInstaller`
    /// skip the class installer and the default handler and fail the call, so the co-installer
    /// breaks operations it knows nothing about (a `DIF_PROPERTYCHANGE`, a `DIF_REMOVE`, …).
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; WidgetCoInstaller: default: return ERROR_INVALID_PARAMETER;
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; WidgetCoInstaller: default: return NO_ERROR;
    /// ```
    ///
    /// ## References
    /// - [Co-installer interface](https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-interface)
    /// - [Handling DIF codes](https://learn.microsoft.com/windows-hardware/drivers/install/handling-dif-codes)
    pub static CO_INSTALLER_UNRECOGNISED_DIF_RETURN = {
        code: "DIF0051",
        name: "co-installer-unrecognised-dif-return",
        category: Dif,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-interface",
        summary: "Co-installer returns something other than NO_ERROR for DIF codes it does not handle",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report(
        cx,
        out,
        |s, h| h.kind == ViolationKind::UnrecognisedDifNotNeutral && s.is_co(),
        |s, h| {
            let finding = subject_finding(
                cx,
                s,
                format!(
                    "{} returns {} for DIF codes it does not recognise",
                    s.display(),
                    h.returned_text()
                ),
            )
            .help("return NO_ERROR for every DIF code the co-installer does not handle");
            with_evidence(finding, &h.evidence, "returned for unrecognised DIF codes")
        },
    );
}
