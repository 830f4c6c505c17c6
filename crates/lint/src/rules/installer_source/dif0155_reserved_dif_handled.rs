//! DIF0155: a handler for a reserved or obsolete DIF code.

use dif_model::dispatch::ViolationKind;

use crate::rules::dif::{report, subject_finding, with_evidence};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the installer's source and flags a reserved or obsolete DIF code (`DIF_ASSIGNRESOURCES`,
    /// `DIF_PROPERTIES`, `DIF_MOVEDEVICE`, `DIF_INSTALLWIZARD`, `DIF_UPDATEDRIVER_UI`, …) for which it
    /// returns something other than the neutral value (`NO_ERROR` from a co-installer,
    /// `ERROR_DI_DO_DEFAULT` from a class installer).
    ///
    /// ## Why is this bad?
    /// Reserved codes are for system use and obsolete ones are no longer sent (some "cannot be used
    /// with any version"): vendor installers must not handle them. Acting on one interferes with
    /// Windows' own processing, or is dead code written against an interface that no longer exists.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_PROPERTIES: return ShowPages() ? NO_ERROR : ERROR_CANCELLED;
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_ADDPROPERTYPAGE_ADVANCED: add the pages; return NO_ERROR;
    /// ```
    ///
    /// ## References
    /// - [Handling DIF codes](https://learn.microsoft.com/windows-hardware/drivers/install/handling-dif-codes)
    /// - [Device installation function codes](https://learn.microsoft.com/previous-versions/windows/hardware/drivers/ff541307(v=vs.85))
    pub static RESERVED_DIF_HANDLED = {
        code: "DIF0155",
        name: "reserved-dif-handled",
        category: InstallerSource,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/handling-dif-codes",
        summary: "Installer acts on a reserved or obsolete DIF code",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report(
        cx,
        out,
        |_, h| h.kind == ViolationKind::UnlistedReturn && h.rule == Some("BEH-09"),
        |s, h| {
            let finding = subject_finding(
                cx,
                s,
                format!(
                    "{} returns {} for the reserved or obsolete {}",
                    s.display(),
                    h.returned_text(),
                    h.difs_text()
                ),
            )
            .help(if s.is_co() {
                "return NO_ERROR for reserved and obsolete DIF codes (or drop the case)"
            } else {
                "return ERROR_DI_DO_DEFAULT for reserved and obsolete DIF codes (or drop the case)"
            });
            with_evidence(finding, &h.evidence, "returned for a reserved DIF")
        },
    );
}
