//! DIF0009: a class co-installer registered for a class the vendor does not own.

use dif_model::catalog::{setup_class_by_guid, setup_class_by_name, Guid};
use dif_model::chain::RegisteredValue;

use super::registration_sites;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags class co-installer registrations (values of
    /// `HKLM\System\CurrentControlSet\Control\CoDeviceInstallers`) for a system-defined setup
    /// class, or for a class other than the one the INF's `[Version]` names.
    ///
    /// ## Why is this bad?
    /// A class co-installer is called for every device of the class, whoever made it. Microsoft
    /// asks vendors to supply one only when every device of the class needs it, and supplies
    /// the class co-installers of the system classes itself; a vendor's code in that chain can
    /// break other vendors' devices. A registration for a class the INF does not install
    /// changes a class the package has no business with.
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Class = Ports
    /// ClassGuid = {4d36e978-e325-11ce-bfc1-08002be10318}
    ///
    /// [WidgetClassCo_AddReg]
    /// HKLM,System\CurrentControlSet\Control\CoDeviceInstallers,{4d36e978-e325-11ce-bfc1-08002be10318},0x00010008,"WidgetCls.dll,WidgetClassCoInstaller"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// ; do the device-specific work in the driver or with declarative directives; no code runs
    /// ; for other vendors' devices of the class
    /// [Widget_Device.NT]
    /// AddReg = Widget_Settings_AddReg
    /// ```
    ///
    /// ## References
    /// - [Registering a class co-installer](https://learn.microsoft.com/windows-hardware/drivers/install/registering-a-class-co-installer)
    /// - [System-defined device setup classes available to vendors](https://learn.microsoft.com/windows-hardware/drivers/install/system-defined-device-setup-classes-available-to-vendors)
    pub static CLASS_CO_INSTALLER_FOR_FOREIGN_CLASS = {
        code: "DIF0009",
        name: "class-co-installer-for-foreign-class",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/registering-a-class-co-installer",
        summary: "Class co-installer registered for a system class or another vendor's class",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let version = cx.version();
    let own: Option<Guid> = match &version.class_guid {
        Some(g) => Guid::parse(g.entry.value.text.trim()),
        None => version
            .class
            .as_ref()
            .and_then(|c| setup_class_by_name(c.value.text.trim()))
            .map(|c| c.guid),
    };
    for site in registration_sites(cx).iter() {
        let RegisteredValue::CoDeviceInstallers {
            class_guid,
            as_subkey: false,
        } = &site.value
        else {
            continue;
        };
        let Some(guid) = Guid::parse(class_guid.trim()) else {
            continue;
        };
        let system = setup_class_by_guid(&guid.to_string());
        let message = match (system, own) {
            (Some(class), _) => format!("a class co-installer is registered for the system-defined class `{}`", class.name),
            (None, Some(own)) if own != guid => format!("a class co-installer is registered for the class `{class_guid}`, not for the INF's class"),
            _ => continue,
        };
        out.push(
            Finding::at(site.line.span, message)
                .primary_label("called for every device of that class, whoever made it")
                .help("supply a class co-installer only for a class of your own whose every device needs it; move device-specific work into the driver or declarative directives"),
        );
    }
}
