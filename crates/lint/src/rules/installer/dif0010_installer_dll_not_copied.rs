//! DIF0010: an installer DLL the registering section does not copy.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{
    registered, ships_dll, string_span, targets_of, uses_layout_file, what, with_directive,
};

declare_rule! {
    /// ## What it does
    /// Flags a co-installer or class-installer registration whose DLL is not copied by a
    /// `CopyFiles` of the install section that registers it (the `.CoInstallers` section, the
    /// `ClassInstall32` section or `DefaultInstall`), or of a section that reaches it through
    /// `Needs=`. INFs with a `LayoutFile` (system INFs) are not checked.
    ///
    /// ## Why is this bad?
    /// An IHV `DDInstall.CoInstallers` section must copy the co-installer's files itself (with
    /// matching SourceDisksNames/SourceDisksFiles entries), and a class co-installer or class
    /// installer DLL must be copied to the system directory by the section that registers it.
    /// The co-installer is called as soon as `DIF_REGISTER_COINSTALLERS` has registered it; a
    /// DLL copied later, by the DDInstall section, is missing for the first calls, and one
    /// copied by nothing is never found.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT.CoInstallers]
    /// AddReg = Widget_CoInstaller_AddReg
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT.CoInstallers]
    /// AddReg    = Widget_CoInstaller_AddReg
    /// CopyFiles = Widget_CoInstaller_CopyFiles
    ///
    /// [Widget_CoInstaller_CopyFiles]
    /// WidgetCo.dll
    /// ```
    ///
    /// ## References
    /// - [INF DDInstall.CoInstallers section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section)
    /// - [Registering a class co-installer](https://learn.microsoft.com/windows-hardware/drivers/install/registering-a-class-co-installer)
    pub static INSTALLER_DLL_NOT_COPIED = {
        code: "DIF0010",
        name: "installer-dll-not-copied",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section",
        summary: "Co-installer or class-installer DLL not copied by the section that registers it",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if uses_layout_file(cx) {
        return;
    }
    for r in registered(cx) {
        if !ships_dll(r.installer) {
            continue;
        }
        // Every registering section that does not copy the DLL, once each.
        let mut lacking: Vec<&dif_model::chain::Installer> = Vec::new();
        let mut labels: Vec<Option<String>> = Vec::new();
        for (_, i, label) in &r.per_arch {
            let Some(reg) = &i.registration else { continue };
            if i.copied.is_some() {
                continue;
            }
            if !labels.contains(label) {
                labels.push(label.clone());
            }
            let known = lacking.iter().any(|o| {
                o.registration.as_ref().map(|x| &x.install_section) == Some(&reg.install_section)
            });
            if !known {
                lacking.push(i);
            }
        }
        let Some(&first) = lacking.first() else {
            continue;
        };
        let Some(span) = string_span(first) else {
            continue;
        };
        let sections: Vec<String> = lacking
            .iter()
            .filter_map(|i| {
                i.registration
                    .as_ref()
                    .map(|x| format!("[{}]", x.install_section))
            })
            .collect();
        let dll = first.loaded_file_name();
        let mut finding = Finding::at(
            span,
            format!("the {} DLL `{dll}` is not copied by `{}`", what(first.role), sections.join("`, `")),
        )
        .help(format!("add `CopyFiles` to {} with a file list naming `{dll}` (DestinationDirs 11) and list it in SourceDisksFiles", sections.join(", ")))
        .targets(targets_of(cx, &labels));
        finding = match first.copied_elsewhere.first() {
            Some(c) => finding
                .primary_label("copied only by another section")
                .label(
                    c.copyfiles_line.span,
                    format!(
                        "copied by [{}], which runs later or not at all for this registration",
                        c.section
                    ),
                ),
            None => finding.primary_label("no CopyFiles of the package copies it"),
        };
        for i in &lacking {
            finding = with_directive(finding, i);
        }
        out.push(finding);
    }
}
