//! DIF0007: a class co-installer registered without FLG_ADDREG_APPEND.

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
    /// Flags add-registry lines that write a `{class-guid}` value of
    /// `HKLM\System\CurrentControlSet\Control\CoDeviceInstallers` as REG_MULTI_SZ without
    /// FLG_ADDREG_APPEND (`0x00010000` instead of `0x00010008`).
    ///
    /// ## Why is this bad?
    /// The value lists every class co-installer of the setup class, Microsoft's and other
    /// vendors' included. A line without the append flag replaces the whole list, unregistering
    /// every other class co-installer of the class; the documentation requires reading,
    /// appending and writing back, which in an INF is the `0x8` flag (the WMI page's own
    /// example uses `0x00010000`, and is wrong for the same reason).
    ///
    /// ## Example
    /// ```inf
    /// [WidgetClassCo_AddReg]
    /// HKLM,System\CurrentControlSet\Control\CoDeviceInstallers,{4d36e978-e325-11ce-bfc1-08002be10318},0x00010000,"WidgetCls.dll,WidgetClassCoInstaller"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [WidgetClassCo_AddReg]
    /// HKLM,System\CurrentControlSet\Control\CoDeviceInstallers,{4d36e978-e325-11ce-bfc1-08002be10318},0x00010008,"WidgetCls.dll,WidgetClassCoInstaller"
    /// ```
    ///
    /// ## References
    /// - [INF DDInstall.CoInstallers section: registering device-class co-installers](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section)
    /// - [Registering a class co-installer](https://learn.microsoft.com/windows-hardware/drivers/install/registering-a-class-co-installer)
    pub static CLASS_CO_INSTALLER_WITHOUT_APPEND = {
        code: "DIF0007",
        name: "class-co-installer-without-append",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section",
        summary: "Class co-installer registration that overwrites the class's co-installer list",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for site in registration_sites(cx).iter() {
        let RegisteredValue::CoDeviceInstallers {
            class_guid,
            as_subkey: false,
        } = &site.value
        else {
            continue;
        };
        let Ok(flags) = site.flags else { continue };
        if site.value_type != RegType::MultiSz || flags & FLG_ADDREG_APPEND != 0 {
            continue;
        }
        let text = site.flags_text.clone().unwrap_or_default();
        out.push(
            Finding::at(site.line.span, format!("the class co-installer list `{class_guid}` is overwritten (flags `{}`)", text.trim()))
                .primary_label("no FLG_ADDREG_APPEND: every other class co-installer of the class is unregistered")
                .help("use the flags 0x00010008 (REG_MULTI_SZ, append) so that the DLL is added to the list"),
        );
    }
}
