//! DIF0052: a class installer returns something other than `ERROR_DI_DO_DEFAULT` for DIF codes it does not handle.

use dif_model::dispatch::ViolationKind;

use super::{report, subject_finding, with_evidence};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the class installer's source and flags the values other than `ERROR_DI_DO_DEFAULT`
    /// it returns on the path taken by DIF codes it does not recognise (typically its `default:`
    /// branch or the return after its `switch`). Returning `ERROR_DI_DO_DEFAULT` there is what the
    /// protocol asks for and is never flagged.
    ///
    /// ## Why is this bad?
    /// A class installer must return `ERROR_DI_DO_DEFAULT` for every DIF code it does not
    /// recognise, even codes that have no default action today: that is what lets
    /// `SetupDiCallClassInstaller` run the default handler. Returning `NO_ERROR` skips the default
    /// handler (for `DIF_INSTALLDEVICE` the device is never installed); an error fails the
    /// operation.
    ///
    /// ## Example
    /// ```inf
    /// [WidgetClass_AddReg]
    /// HKR,,Installer32,,"WidgetCls.dll,WidgetClassInstaller"
    /// ; WidgetClassInstaller: default: return NO_ERROR;
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [WidgetClass_AddReg]
    /// HKR,,Installer32,,"WidgetCls.dll,WidgetClassInstaller"
    /// ; WidgetClassInstaller: default: return ERROR_DI_DO_DEFAULT;
    /// ```
    ///
    /// ## References
    /// - [Handling DIF codes](https://learn.microsoft.com/windows-hardware/drivers/install/handling-dif-codes)
    /// - [Writing class installers and co-installers](https://learn.microsoft.com/windows-hardware/drivers/install/writing-class-installers-and-co-installers)
    pub static CLASS_INSTALLER_UNRECOGNISED_DIF_RETURN = {
        code: "DIF0052",
        name: "class-installer-unrecognised-dif-return",
        category: Dif,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/handling-dif-codes",
        summary: "Class installer returns something other than ERROR_DI_DO_DEFAULT for DIF codes it does not handle",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report(
        cx,
        out,
        |s, h| h.kind == ViolationKind::UnrecognisedDifNotNeutral && !s.is_co(),
        |s, h| {
            let finding = subject_finding(cx, s, format!("{} returns {} for DIF codes it does not recognise", s.display(), h.returned_text())).help("return ERROR_DI_DO_DEFAULT for every DIF code the class installer does not handle, so that the default handler runs");
            with_evidence(finding, &h.evidence, "returned for unrecognised DIF codes")
        },
    );
}
