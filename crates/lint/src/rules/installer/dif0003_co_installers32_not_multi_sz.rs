//! DIF0003: `CoInstallers32` written with a type other than REG_MULTI_SZ.

use dif_model::chain::RegisteredValue;

use super::registration_sites;
use inf_parser::directives::RegType;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags add-registry lines that write `CoInstallers32` with flags selecting a type other
    /// than REG_MULTI_SZ (`(flags & 0xFFFF0001) != 0x00010000`), typically an empty flags field
    /// (REG_SZ).
    ///
    /// ## Why is this bad?
    /// Device co-installers are read from the `CoInstallers32` value as a list of strings
    /// (`DEVPKEY_Device_DriverCoInstallers` is a `DEVPROP_TYPE_STRING_LIST`; the documented
    /// flags are `0x00010000`; Wine and ReactOS read it as REG_MULTI_SZ only and ignore other
    /// types). Written with another type the co-installer is never called.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,,"WidgetCo.dll,WidgetCoInstaller"
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
    /// - [DEVPKEY_Device_DriverCoInstallers](https://learn.microsoft.com/windows-hardware/drivers/install/devpkey-device-drivercoinstallers)
    pub static CO_INSTALLERS32_NOT_MULTI_SZ = {
        code: "DIF0003",
        name: "co-installers32-not-multi-sz",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section",
        summary: "CoInstallers32 written with a type other than REG_MULTI_SZ",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for site in registration_sites(cx).iter() {
        if site.value != RegisteredValue::CoInstallers32
            || site.value_type == RegType::MultiSz
            || site.flags.is_err()
        {
            continue;
        }
        let flags = site.flags_text.clone().unwrap_or_default();
        let written = if flags.trim().is_empty() {
            "no flags".to_owned()
        } else {
            format!("flags `{}`", flags.trim())
        };
        out.push(
            Finding::at(
                site.line.span,
                format!(
                    "`CoInstallers32` is written as {} ({written})",
                    site.value_type.name()
                ),
            )
            .primary_label("not REG_MULTI_SZ: the co-installer is never called")
            .help("write CoInstallers32 with the flags 0x00010000 (REG_MULTI_SZ)"),
        );
    }
}
