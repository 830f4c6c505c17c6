//! DIF0058: an installer returns `ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION`.

use dif_model::dispatch::ViolationKind;

use super::{report, subject_finding, with_evidence};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the installer's source and flags `ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION` returned
    /// for any DIF code.
    ///
    /// ## Why is this bad?
    /// Device installation runs non-interactively; an installer must not return this code to get
    /// an interactive retry. It makes the installation fail. UI belongs in a finish-install
    /// action.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_ALLOW_INSTALL: return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION;
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; show the UI from a finish-install action (DIF_FINISHINSTALL_ACTION) instead
    /// ```
    ///
    /// ## References
    /// - [DIF_ALLOW_INSTALL](https://learn.microsoft.com/windows-hardware/drivers/install/dif-allow-install)
    /// - [Writing class installers and co-installers](https://learn.microsoft.com/windows-hardware/drivers/install/writing-class-installers-and-co-installers)
    pub static INTERACTIVE_WINDOW_STATION_RETURN = {
        code: "DIF0058",
        name: "interactive-window-station-return",
        category: Dif,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/dif-allow-install",
        summary: "Installer returns ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report(
        cx,
        out,
        |_, h| h.kind == ViolationKind::InteractiveWindowStation,
        |s, h| {
            let finding = subject_finding(cx, s, format!("{} returns `ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION` for {}", s.display(), h.difs_text())).help("never return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION; move UI into a finish-install action");
            with_evidence(
                finding,
                &h.evidence,
                "returns ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION",
            )
        },
    );
}
