//! DIF0005: `CoInstallers32` written from an AddReg no `.CoInstallers` section processes.

use dif_model::chain::{ReferencingSection, RegisteredValue};

use super::registration_sites;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags add-registry lines writing `CoInstallers32` when no `AddReg=` directive of a
    /// `[DDInstall.CoInstallers]` section names their section: they are processed from the
    /// DDInstall section itself, its `.HW` section, `[DefaultInstall]` or elsewhere.
    ///
    /// ## Why is this bad?
    /// Device co-installers are registered by the default handler of
    /// `DIF_REGISTER_COINSTALLERS`, which processes `DDInstall.CoInstallers`; there `HKR` is the
    /// device's software key. From the DDInstall section the value is written only during
    /// `DIF_INSTALLDEVICE`, after the co-installer list was built, so the co-installer misses
    /// the installation it was meant for; from `.HW` it lands in the hardware key, which is
    /// never read for co-installers; from `[DefaultInstall]` there is no device key at all.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT]
    /// CopyFiles = Widget_Files
    /// AddReg    = Widget_CoInstaller_AddReg
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT.CoInstallers]
    /// CopyFiles = Widget_CoInstaller_CopyFiles
    /// AddReg    = Widget_CoInstaller_AddReg
    /// ```
    ///
    /// ## References
    /// - [INF DDInstall.CoInstallers section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section)
    /// - [SetupDiRegisterCoDeviceInstallers](https://learn.microsoft.com/windows/win32/api/setupapi/nf-setupapi-setupdiregistercodeviceinstallers)
    pub static CO_INSTALLERS32_OUTSIDE_CO_INSTALLERS_SECTION = {
        code: "DIF0005",
        name: "co-installers32-outside-co-installers-section",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section",
        summary: "CoInstallers32 written from a section other than DDInstall.CoInstallers",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for site in registration_sites(cx).iter() {
        if site.value != RegisteredValue::CoInstallers32
            || site.referenced_by.is_empty()
            || site
                .referenced_by
                .iter()
                .any(|r| r.kind == ReferencingSection::CoInstallers)
        {
            continue;
        }
        let first = &site.referenced_by[0];
        let mut finding = Finding::at(
            site.line.span,
            format!("`CoInstallers32` is written from `[{}]`, not from a `.CoInstallers` section", first.section),
        )
        .primary_label("not processed by DIF_REGISTER_COINSTALLERS")
        .help("reference this add-registry section from the device's [DDInstall.CoInstallers] section instead");
        for r in &site.referenced_by {
            finding = finding.label(r.directive.span, format!("named by [{}]", r.section));
        }
        out.push(finding);
    }
}
