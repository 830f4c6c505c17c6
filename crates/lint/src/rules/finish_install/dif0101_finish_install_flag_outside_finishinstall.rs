//! DIF0101: `DI_FLAGSEX_FINISHINSTALL_ACTION` set while handling another DIF than `DIF_NEWDEVICEWIZARD_FINISHINSTALL`.

use dif_model::behavior::CallKind;
use dif_model::catalog::dif_codes::DIF_NEWDEVICEWIZARD_FINISHINSTALL;
use dif_model::catalog::dif_display_name;

use crate::rules::dif::{subject_finding, subjects};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the installer's source and flags each place that sets `DI_FLAGSEX_FINISHINSTALL_ACTION`
    /// while handling a DIF other than `DIF_NEWDEVICEWIZARD_FINISHINSTALL`, including code that runs
    /// for every DIF (before the installer tests the code) or for the codes it does not recognise.
    ///
    /// ## Why is this bad?
    /// An installer announces finish-install actions by setting the flag during
    /// `DIF_NEWDEVICEWIZARD_FINISHINSTALL`, the only DIF sent both in the core (server-side)
    /// installation and in the client context. Set during `DIF_INSTALLDEVICE` or another DIF, the
    /// flag is not seen where Windows looks for it, so the action never runs (or runs at the wrong
    /// time).
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_INSTALLDEVICE: Params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION; ...
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_NEWDEVICEWIZARD_FINISHINSTALL: if (ActionNeeded()) Params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION; ...
    /// ```
    ///
    /// ## References
    /// - [How finish-install actions are processed](https://learn.microsoft.com/windows-hardware/drivers/install/how-finish-install-actions-are-processed)
    /// - [Implementing finish-install actions](https://learn.microsoft.com/windows-hardware/drivers/install/implementing-finish-install-actions)
    /// - [Marking a device as having a finish-install action](https://learn.microsoft.com/windows-hardware/drivers/install/setting-the-configflag-finishinstall-action-device-configuration-flag)
    pub static FINISH_INSTALL_FLAG_OUTSIDE_FINISHINSTALL = {
        code: "DIF0101",
        name: "finish-install-flag-outside-finishinstall",
        category: FinishInstall,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/how-finish-install-actions-are-processed",
        summary: "DI_FLAGSEX_FINISHINSTALL_ACTION set outside DIF_NEWDEVICEWIZARD_FINISHINSTALL",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for s in subjects(cx) {
        let b = s.behavior();
        let mut places: Vec<(String, dif_model::behavior::SourceLocation)> = Vec::new();
        for h in &b.handles {
            if h.dif == DIF_NEWDEVICEWIZARD_FINISHINSTALL {
                continue;
            }
            for c in h
                .calls
                .iter()
                .filter(|c| c.kind == CallKind::SetsFinishInstallFlag)
            {
                places.push((format!("`{}`", dif_display_name(h.dif)), c.at.clone()));
            }
        }
        for c in b
            .calls
            .iter()
            .filter(|c| c.kind == CallKind::SetsFinishInstallFlag)
        {
            places.push((
                "every DIF (or the codes it does not recognise)".to_owned(),
                c.at.clone(),
            ));
        }
        if places.is_empty() {
            continue;
        }
        let mut difs: Vec<String> = Vec::new();
        for (d, _) in &places {
            if !difs.contains(d) {
                difs.push(d.clone());
            }
        }
        let mut finding = subject_finding(
            cx,
            &s,
            format!("{} sets `DI_FLAGSEX_FINISHINSTALL_ACTION` while handling {}", s.display(), difs.join(", ")),
        )
        .help("set the flag only while handling DIF_NEWDEVICEWIZARD_FINISHINSTALL, and only when an action is needed");
        for (_, at) in places {
            finding = finding.label_in(at.file, at.span, "flag set here");
        }
        out.push(finding);
    }
}
