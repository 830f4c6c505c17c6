//! DIF0015: the same DLL registered twice as a co-installer of one device.

use inf_parser::eq_fold;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::string_span;

declare_rule! {
    /// ## What it does
    /// Flags a device co-installer registration whose DLL is already registered, as the same
    /// or another entry point, by an earlier string of the `CoInstallers32` value Windows ends
    /// up with for a device.
    ///
    /// ## Why is this bad?
    /// Each co-installer DLL must have a unique name, and SetupAPI never adds a DLL that is
    /// already in the list. Listing one twice either registers nothing new or, for two entry
    /// points of one DLL, depends on behaviour the documentation does not define; it usually
    /// means a copied line or a version bump that kept the old name.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller","WidgetCo.dll,WidgetCoInstaller"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ```
    ///
    /// ## References
    /// - [INF DDInstall.CoInstallers section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section)
    pub static DUPLICATE_CO_INSTALLER_DLL = {
        code: "DIF0015",
        name: "duplicate-co-installer-dll",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section",
        summary: "Same co-installer DLL registered twice for one device",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen: Vec<inf_parser::Span> = Vec::new();
    for tc in cx.installer_chains() {
        for device in &tc.chain.devices {
            let active: Vec<_> = device
                .device_co_installers
                .iter()
                .filter(|i| i.takes_part() && !i.dll.trim().is_empty())
                .collect();
            for (k, later) in active.iter().enumerate() {
                let file = later.loaded_file_name();
                let Some(earlier) = active[..k]
                    .iter()
                    .find(|e| eq_fold(&e.loaded_file_name(), &file))
                else {
                    continue;
                };
                let (Some(span), Some(first)) = (string_span(later), string_span(earlier)) else {
                    continue;
                };
                if seen.contains(&span) {
                    continue;
                }
                seen.push(span);
                out.push(
                    Finding::at(span, format!("the co-installer DLL `{file}` is registered twice for `{}`", device.install.name))
                        .primary_label("listed again")
                        .label(first, "first listed here")
                        .help("list each co-installer DLL once; give a new version of a co-installer a new file name"),
                );
            }
        }
    }
}
