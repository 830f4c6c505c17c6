//! DIF0008: a class co-installer registration Windows does not read.

use dif_model::catalog::Guid;
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
    /// Flags add-registry lines under `HKLM\System\CurrentControlSet\Control\CoDeviceInstallers`
    /// that do not write a REG_MULTI_SZ value named after a setup-class GUID: a subkey
    /// `CoDeviceInstallers\{guid}` created instead of a value, a value name that is not a braced
    /// GUID, or a type other than REG_MULTI_SZ.
    ///
    /// ## Why is this bad?
    /// Class co-installers are read from one value per setup class, named `{setup-class-GUID}`,
    /// holding a list of `dll[,entry]` strings. Any other shape registers nothing.
    ///
    /// ## Example
    /// ```inf
    /// [WidgetClassCo_AddReg]
    /// HKLM,System\CurrentControlSet\Control\CoDeviceInstallers\{4d36e978-e325-11ce-bfc1-08002be10318},,0x00010008,"WidgetCls.dll,WidgetClassCoInstaller"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [WidgetClassCo_AddReg]
    /// HKLM,System\CurrentControlSet\Control\CoDeviceInstallers,{4d36e978-e325-11ce-bfc1-08002be10318},0x00010008,"WidgetCls.dll,WidgetClassCoInstaller"
    /// ```
    ///
    /// ## References
    /// - [Registering a class co-installer](https://learn.microsoft.com/windows-hardware/drivers/install/registering-a-class-co-installer)
    /// - [INF DDInstall.CoInstallers section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section)
    pub static CLASS_CO_INSTALLER_BAD_VALUE = {
        code: "DIF0008",
        name: "class-co-installer-bad-value",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section",
        summary: "Class co-installer registration that is not a REG_MULTI_SZ value named after a class GUID",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for site in registration_sites(cx).iter() {
        let RegisteredValue::CoDeviceInstallers {
            class_guid,
            as_subkey,
        } = &site.value
        else {
            continue;
        };
        let problem = if *as_subkey {
            format!("creates the subkey `CoDeviceInstallers\\{class_guid}` instead of a value named after the class GUID")
        } else if Guid::parse(class_guid.trim()).is_none() {
            format!("the value name `{class_guid}` is not a braced setup-class GUID")
        } else if site.value_type != RegType::MultiSz && site.flags.is_ok() {
            format!(
                "the class co-installer list `{class_guid}` is written as {}",
                site.value_type.name()
            )
        } else {
            continue;
        };
        out.push(
            Finding::at(site.line.span, problem)
                .primary_label("registers no class co-installer")
                .help("write `HKLM,System\\CurrentControlSet\\Control\\CoDeviceInstallers,{class-guid},0x00010008,\"dll,entry\"`"),
        );
    }
}
