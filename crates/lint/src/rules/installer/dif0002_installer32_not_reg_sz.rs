//! DIF0002: `Installer32` written with a type other than REG_SZ.

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
    /// Flags add-registry lines that write `Installer32` with flags selecting a type other than
    /// REG_SZ (`(flags & 0xFFFF0001) != 0`).
    ///
    /// ## Why is this bad?
    /// The class installer is read from the class key's `Installer32` value as a string
    /// (`DEVPKEY_DeviceClass_ClassInstaller` is a `DEVPROP_TYPE_STRING`; Wine and ReactOS read
    /// it with REG_SZ only and ignore other types). Written as REG_MULTI_SZ, REG_EXPAND_SZ or
    /// binary data the class has no usable class installer.
    ///
    /// ## Example
    /// ```inf
    /// [WidgetClass_AddReg]
    /// HKR,,Installer32,0x00010000,"WidgetCls.dll,WidgetClassInstaller"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [WidgetClass_AddReg]
    /// HKR,,Installer32,,"WidgetCls.dll,WidgetClassInstaller"
    /// ```
    ///
    /// ## References
    /// - [INF ClassInstall32 section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-classinstall32-section)
    /// - [DEVPKEY_DeviceClass_ClassInstaller](https://learn.microsoft.com/windows-hardware/drivers/install/devpkey-deviceclass-classinstaller)
    pub static INSTALLER32_NOT_REG_SZ = {
        code: "DIF0002",
        name: "installer32-not-reg-sz",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-classinstall32-section",
        summary: "Installer32 written with a type other than REG_SZ",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for site in registration_sites(cx).iter() {
        if site.value != RegisteredValue::Installer32
            || site.value_type == RegType::Sz
            || site.flags.is_err()
        {
            continue;
        }
        let flags = site.flags_text.clone().unwrap_or_default();
        out.push(
            Finding::at(
                site.line.span,
                format!(
                    "`Installer32` is written as {} (flags `{}`)",
                    site.value_type.name(),
                    flags.trim()
                ),
            )
            .primary_label("not REG_SZ")
            .help("write Installer32 as REG_SZ: leave the flags field empty or use 0x00000000"),
        );
    }
}
