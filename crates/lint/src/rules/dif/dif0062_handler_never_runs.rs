//! DIF0062: a handler the installer's role is never called for.

use dif_model::catalog::{dif_by_value, Invocation};
use dif_model::chain::InstallerRole;

use super::{acts, subject_finding, subjects};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the installer's source and flags a DIF branch that does something of its own (makes a
    /// call difcheck tracks, or returns a value the installer's default path does not) but that
    /// Windows never reaches:
    /// - in a device co-installer, for a DIF device co-installers are not called for:
    ///   `DIF_SELECTDEVICE`, `DIF_SELECTBESTCOMPATDRV`, `DIF_ALLOW_INSTALL`,
    ///   `DIF_INSTALLDEVICEFILES`, `DIF_REGISTER_COINSTALLERS`, `DIF_REGISTERDEVICE`,
    ///   `DIF_DETECT`, `DIF_FIRSTTIMESETUP` and the four `DIF_NEWDEVICEWIZARD_*` selection codes;
    /// - in any installer, for a DIF current Windows no longer sends (`DIF_SELECTBESTCOMPATDRV`
    ///   since Windows 10 1703, `DIF_TROUBLESHOOTER` since Windows Server 2003).
    ///
    /// ## Why is this bad?
    /// Device co-installers are registered only when `DIF_REGISTER_COINSTALLERS` completes and are
    /// not called for the DIF codes before that point or for those only class installers take part
    /// in. Code in such a branch is dead, and usually means the work it was meant to do is never
    /// done (for `DIF_ALLOW_INSTALL`, the device co-installer was never meant to act at all).
    /// (Information only.)
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_SELECTBESTCOMPATDRV: PickDriver(); return NO_ERROR;
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; do the work for a DIF device co-installers receive, e.g. DIF_INSTALLDEVICE
    /// ```
    ///
    /// ## References
    /// - [Co-installer operation](https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-operation)
    /// - [DIF_SELECTBESTCOMPATDRV](https://learn.microsoft.com/windows-hardware/drivers/install/dif-selectbestcompatdrv)
    /// - [DIF_ALLOW_INSTALL](https://learn.microsoft.com/windows-hardware/drivers/install/dif-allow-install)
    pub static HANDLER_NEVER_RUNS = {
        code: "DIF0062",
        name: "handler-never-runs",
        category: Dif,
        infverif: None,
        severities: Severities::all(Severity::Info),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-operation",
        summary: "DIF handler that Windows never calls",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for s in subjects(cx) {
        let device_co = s
            .registration
            .as_ref()
            .is_some_and(|r| r.installer.role == InstallerRole::DeviceCoInstaller);
        for h in &s.behavior().handles {
            let Some(dif) = dif_by_value(h.dif) else {
                continue;
            };
            let why = if device_co && dif.device_co_installer.invoked == Invocation::NotInvoked {
                match dif.device_co_installer.note {
                    "" => "device co-installers are not called for it".to_owned(),
                    note => format!("device co-installers are not called for it ({note})"),
                }
            } else if let Some(version) = dif.os.not_sent_from {
                format!("Windows does not send it since {}", version.display_name())
            } else {
                continue;
            };
            if !acts(s.behavior(), h) {
                continue;
            }
            let finding = subject_finding(
                cx,
                &s,
                format!("{} handles `{}`, but {why}", s.display(), dif.name),
            )
            .help("remove the dead branch, or move the work to a DIF this installer receives")
            .label_in(
                h.matched_at.file.clone(),
                h.matched_at.span,
                "never reached",
            );
            out.push(finding);
        }
    }
}
