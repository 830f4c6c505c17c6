//! DIF0006: `CoInstallers32` written under a root other than `HKR`.

use dif_model::chain::RegisteredValue;

use super::registration_sites;
use inf_parser::directives::RegRoot;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::root_name;

declare_rule! {
    /// ## What it does
    /// Flags add-registry lines writing `CoInstallers32` under a root other than `HKR`, or
    /// into a subkey of `HKR`.
    ///
    /// ## Why is this bad?
    /// Device co-installers are read from the `CoInstallers32` value of the device's software
    /// key, which is what `HKR` (with no subkey) means in a `DDInstall.CoInstallers` section.
    /// Written anywhere else the value registers nothing; written under `HKLM` it also changes
    /// global state, which universal INFs may not do (InfVerif 1304).
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKLM,System\CurrentControlSet\Control\Widget,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
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
    /// - [INF AddReg directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive)
    pub static CO_INSTALLERS32_NOT_UNDER_HKR = {
        code: "DIF0006",
        name: "co-installers32-not-under-hkr",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section",
        summary: "CoInstallers32 written under a root other than HKR",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for site in registration_sites(cx).iter() {
        if site.value != RegisteredValue::CoInstallers32 {
            continue;
        }
        let place = match (&site.root, &site.subkey) {
            (RegRoot::Hkr, None) => continue,
            (RegRoot::Hkr, Some(sub)) => format!("the subkey `HKR\\{sub}`"),
            (root, Some(sub)) => format!("`{}\\{sub}`", root_name(root)),
            (root, None) => format!("`{}`", root_name(root)),
        };
        out.push(
            Finding::at(site.line.span, format!("`CoInstallers32` is written under {place}, not the device's software key"))
                .primary_label("registers no co-installer")
                .help("write the value as `HKR,,CoInstallers32,0x00010000,\"dll,entry\"` in an add-registry section of DDInstall.CoInstallers"),
        );
    }
}
