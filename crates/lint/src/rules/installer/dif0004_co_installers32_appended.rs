//! DIF0004: `CoInstallers32` written with FLG_ADDREG_APPEND.

use dif_model::catalog::FLG_ADDREG_APPEND;
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
    /// Flags add-registry lines that write `CoInstallers32` as REG_MULTI_SZ with
    /// FLG_ADDREG_APPEND set (`0x00010008`).
    ///
    /// ## Why is this bad?
    /// Device co-installers are registered with the flags `0x00010000`: the value belongs to the
    /// device's own software key, and Windows deletes `CoInstallers32` before it processes the
    /// `.CoInstallers` section anyway, so there is nothing to append to. Appending to a
    /// REG_MULTI_SZ makes the result depend on what was there before, which InfVerif reports as
    /// non-deterministic (1305, an error for universal INFs and Windows Drivers); the rule is a
    /// warning in the other profiles for the same reason.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010008,"WidgetCo.dll,WidgetCoInstaller"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ```
    ///
    /// ## References
    /// - [Registering a device-specific co-installer](https://learn.microsoft.com/windows-hardware/drivers/install/registering-a-device-specific-co-installer)
    /// - [INF DDInstall.CoInstallers section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section)
    /// - [Updating driver files](https://learn.microsoft.com/windows-hardware/drivers/install/updating-driver-files)
    pub static CO_INSTALLERS32_APPENDED = {
        code: "DIF0004",
        name: "co-installers32-appended",
        category: Installer,
        infverif: None,
        severities: Severities::infverif(Some(Severity::Warning), Some(Severity::Error), Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section",
        summary: "CoInstallers32 appended to rather than written",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for site in registration_sites(cx).iter() {
        let Ok(flags) = site.flags else { continue };
        if site.value != RegisteredValue::CoInstallers32
            || site.value_type != RegType::MultiSz
            || flags & FLG_ADDREG_APPEND == 0
        {
            continue;
        }
        let text = site.flags_text.clone().unwrap_or_default();
        out.push(
            Finding::at(site.line.span, format!("`CoInstallers32` is appended to (flags `{}`)", text.trim()))
                .primary_label("FLG_ADDREG_APPEND (0x8)")
                .help("register device co-installers with the flags 0x00010000; the value is the device's own and is rewritten on every installation"),
        );
    }
}
