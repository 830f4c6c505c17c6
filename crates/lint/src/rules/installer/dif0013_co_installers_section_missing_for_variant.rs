//! DIF0013: some platform variants of a DDInstall section have a `.CoInstallers` section and
//! others do not.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// For every DDInstall section a Models entry uses, looks at all its platform variants
    /// (`base`, `base.NT`, `base.NT<arch>`) the INF defines: when one of them has a
    /// `.CoInstallers` section, flags each variant that has none.
    ///
    /// ## Why is this bad?
    /// Windows picks one variant per platform and then processes that variant's
    /// `.CoInstallers` section only. An INF that has any `DDInstall.CoInstallers` section must
    /// have one for each platform-decorated and undecorated DDInstall section it has; otherwise
    /// the co-installer is silently missing on the platforms whose variant lacks it.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NTx86]
    /// CopyFiles = Widget_Files
    ///
    /// [Widget_Device.NTamd64]
    /// CopyFiles = Widget_Files
    ///
    /// [Widget_Device.NTamd64.CoInstallers]
    /// AddReg = Widget_CoInstaller_AddReg
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NTx86.CoInstallers]
    /// AddReg = Widget_CoInstaller_AddReg
    ///
    /// [Widget_Device.NTamd64.CoInstallers]
    /// AddReg = Widget_CoInstaller_AddReg
    /// ```
    ///
    /// ## References
    /// - [INF DDInstall.CoInstallers section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section)
    pub static CO_INSTALLERS_SECTION_MISSING_FOR_VARIANT = {
        code: "DIF0013",
        name: "co-installers-section-missing-for-variant",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section",
        summary: "DDInstall variant without the .CoInstallers section its other variants have",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen: Vec<String> = Vec::new();
    for tc in cx.installer_chains() {
        for device in &tc.chain.devices {
            let Some(with) = device.variants.iter().find(|v| v.co_installers.is_some()) else {
                continue;
            };
            let Some(with_co) = with.co_installers.as_ref() else {
                continue;
            };
            for v in device.variants.iter().filter(|v| v.co_installers.is_none()) {
                let key = v.section.name.to_ascii_lowercase();
                if seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                let Some(span) = v.section.header() else {
                    continue;
                };
                let mut finding = Finding::at(
                    span,
                    format!(
                        "`[{}]` has no `[{}.CoInstallers]` section",
                        v.section.name, v.section.name
                    ),
                )
                .primary_label("the co-installers are missing where Windows picks this variant")
                .help(format!(
                    "add a [{}.CoInstallers] section like [{}]",
                    v.section.name, with_co.name
                ));
                if let Some(h) = with_co.header() {
                    finding = finding.label(h, "another variant has one");
                }
                out.push(finding);
            }
        }
    }
}
