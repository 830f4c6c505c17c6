//! DIF0014: a `.CoInstallers` section whose DDInstall section no Models entry uses.

use super::co_installers_sections;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags a `[DDInstall.CoInstallers]` section when no Models entry of any Manufacturer line
    /// names its DDInstall section (directly or through a `.NT` / `.NT<arch>` variant), or when
    /// that DDInstall section does not exist.
    ///
    /// ## Why is this bad?
    /// The section is processed only for a device installed from its DDInstall section, which
    /// must be referenced from a Models section. (Sections another install section pulls in
    /// with `Needs=`, and INFs without Models entries, which serve `Include`/`Needs`, are not
    /// flagged.) Otherwise the co-installer it registers is
    /// never registered, usually because the name has a typo or lost its platform extension.
    ///
    /// ## Example
    /// ```inf
    /// [Widget.NTamd64]
    /// %Widget.DeviceDesc% = Widget_Device, PCI\VEN_1234&DEV_5678
    ///
    /// [Widget_Dev.NT.CoInstallers]
    /// AddReg = Widget_CoInstaller_AddReg
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT.CoInstallers]
    /// AddReg = Widget_CoInstaller_AddReg
    /// ```
    ///
    /// ## References
    /// - [INF DDInstall.CoInstallers section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section)
    pub static CO_INSTALLERS_SECTION_UNREACHABLE = {
        code: "DIF0014",
        name: "co-installers-section-unreachable",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section",
        summary: ".CoInstallers section of a DDInstall section no Models entry uses",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // An INF without Models entries provides sections for other INFs' `Include`/`Needs`.
    if cx.manufacturers().is_empty() {
        return;
    }
    for s in co_installers_sections(cx).iter() {
        if !s.referenced_by_models.is_empty() || needed(cx, &s.section.name) {
            continue;
        }
        let Some(span) = s.section.header() else {
            continue;
        };
        let why = if s.base_exists {
            format!("no Models entry installs `[{}]`", s.base)
        } else {
            format!("the DDInstall section `[{}]` does not exist", s.base)
        };
        out.push(
            Finding::at(span, format!("`[{}]` is never processed: {why}", s.section.name))
                .primary_label("its co-installers are never registered")
                .help("name the section after the DDInstall section a Models entry uses, with the same platform extension"),
        );
    }
}

/// Whether a `Needs=` directive of the INF names `section`.
fn needed(cx: &Context<'_>, section: &str) -> bool {
    cx.inf.sections().iter().any(|s| {
        cx.inf.find_lines(&s.name, "Needs").any(|line| {
            line.fields()
                .any(|f| f.trim().eq_ignore_ascii_case(section))
        })
    })
}
