//! INF1303: the INF defines a co-installer or a class installer.

use dif_model::chain::RegisteredValue;

use super::registration_sites;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::value_label;

declare_rule! {
    /// ## What it does
    /// Flags every add-registry line that registers a device co-installer (`CoInstallers32`),
    /// a class co-installer (a value of `HKLM\System\CurrentControlSet\Control\CoDeviceInstallers`)
    /// or a class installer (`Installer32`), in any section an `AddReg=` directive names.
    ///
    /// ## Why is this bad?
    /// Co-installers and class installers run vendor code inside Windows' device installation
    /// (SetupAPI's `SetupDiCallClassInstaller`): they are deprecated, not supported in universal
    /// INFs or Windows Drivers, and packages containing them are no longer signed. InfVerif
    /// reports 1303 in every mode.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// ; no installer registration: do the work declaratively (AddReg, AddProperty,
    /// ; AddComponent/AddSoftware) or in the driver
    /// [Widget_Device.NT]
    /// AddReg = Widget_Settings_AddReg
    /// ```
    ///
    /// ## References
    /// - [INF validation errors and warnings (1303)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    /// - [Removing co-installers](https://learn.microsoft.com/windows-hardware/drivers/develop/removing-coinstallers)
    /// - [Using a universal INF file](https://learn.microsoft.com/windows-hardware/drivers/install/using-a-universal-inf-file)
    pub static INSTALLER_REGISTRATION = {
        code: "INF1303",
        name: "installer-registration",
        category: Installer,
        infverif: Some(1303),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings",
        summary: "INF defines a co-installer or a class installer",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for site in registration_sites(cx).iter() {
        let what = match &site.value {
            RegisteredValue::CoInstallers32 => "a device co-installer",
            RegisteredValue::CoDeviceInstallers { .. } => "a class co-installer",
            RegisteredValue::Installer32 => "a class installer",
            RegisteredValue::EnumPropPages32 => continue,
        };
        let mut finding = Finding::at(
            site.line.span,
            format!("`{}` registers {what}", value_label(&site.value)),
        )
        .primary_label(format!("defines {what}"))
        .help("remove the registration: co-installers and class installers are deprecated and packages containing them are not signed; move the work into declarative INF directives or the driver");
        if let Some(r) = site.referenced_by.first() {
            finding = finding.label(
                r.directive.span,
                format!("[{}] names this add-registry section", r.section),
            );
        }
        out.push(finding);
    }
}
