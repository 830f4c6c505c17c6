//! DIF0020: the redistributable WDF or WinUSB co-installer.

use dif_model::chain::InstallerKind;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{registered, string_span, targets_of};

declare_rule! {
    /// ## What it does
    /// Flags registrations of Microsoft's redistributable framework co-installers: the KMDF
    /// co-installer `WdfCoInstallerMMmmm.dll`, the UMDF co-installer `WUDFUpdate_MMmmm.dll` and
    /// the WinUSB co-installer `WinUSBCoInstaller*.dll`.
    ///
    /// ## Why is this bad?
    /// Windows 10 and later include the frameworks and WinUSB, so these co-installers have
    /// nothing to do; the WDK for Windows 11 22H2 no longer ships them, and packages with
    /// co-installers are no longer signed. Remove the `.CoInstallers` section (for WinUSB use
    /// `Include=winusb.inf` and `Needs=WINUSB.NT`).
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT.CoInstallers]
    /// AddReg = Widget_Wdf_AddReg
    ///
    /// [Widget_Wdf_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WdfCoInstaller01011.dll,WdfCoInstaller"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT.Wdf]
    /// KmdfService = Widget, Widget_Wdf_Service
    /// ; no co-installer: Windows 10 and later include KMDF
    /// ```
    ///
    /// ## References
    /// - [Removing co-installers](https://learn.microsoft.com/windows-hardware/drivers/develop/removing-coinstallers)
    /// - [Installing the framework's co-installer](https://learn.microsoft.com/windows-hardware/drivers/wdf/installing-the-framework-s-co-installer)
    pub static FRAMEWORK_CO_INSTALLER = {
        code: "DIF0020",
        name: "framework-co-installer",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/develop/removing-coinstallers",
        summary: "Deprecated WDF or WinUSB co-installer",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for r in registered(cx) {
        let i = r.installer;
        let what = match &i.kind {
            InstallerKind::KmdfCoInstaller { .. } | InstallerKind::UmdfCoInstaller { .. } => {
                "the framework is part of Windows 10 and later"
            }
            InstallerKind::WinUsbCoInstaller => {
                "WinUSB is installed with Include=winusb.inf and Needs=WINUSB.NT"
            }
            _ => continue,
        };
        let Some(span) = string_span(i) else { continue };
        let label = i.kind.label().unwrap_or_default();
        out.push(
            Finding::at(span, format!("the {label} `{}` is deprecated: {what}", i.dll))
                .primary_label("not needed on Windows 10 and later")
                .help("remove the co-installer registration, its CopyFiles and SourceDisksFiles entries; packages with co-installers are no longer signed")
                .targets(targets_of(cx, &r.labels)),
        );
    }
}
