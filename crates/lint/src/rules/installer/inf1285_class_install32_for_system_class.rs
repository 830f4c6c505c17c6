//! INF1285: `[ClassInstall32]` for a Microsoft-defined setup class.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{class_install32_sections, header_span, system_class};

declare_rule! {
    /// ## What it does
    /// Flags every `[ClassInstall32]` section (with any platform extension, and
    /// `[ClassInstall32.Services]`) of an INF whose `[Version]` names a system-defined setup
    /// class such as `Ports`, `Net` or `Battery`.
    ///
    /// ## Why is this bad?
    /// `ClassInstall32` installs a *new* setup class and is processed only when the class is not
    /// installed yet. A system class is installed on every Windows, so the section never runs:
    /// the class installer (`Installer32`), class property pages, class co-installers and class
    /// filters it registers are never registered. Since Windows 10 IHV INFs may not use it for
    /// Microsoft-defined classes at all, and InfVerif reports 1285 in every mode.
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Ports
    /// ClassGuid = {4d36e978-e325-11ce-bfc1-08002be10318}
    ///
    /// [ClassInstall32]
    /// AddReg = Ports_Class_AddReg
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Ports
    /// ClassGuid = {4d36e978-e325-11ce-bfc1-08002be10318}
    /// ; no [ClassInstall32]: the Ports class and its class installer ship with Windows
    /// ```
    ///
    /// ## References
    /// - [INF ClassInstall32 section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-classinstall32-section)
    /// - [INF validation errors and warnings (1285)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    /// - [System-defined device setup classes available to vendors](https://learn.microsoft.com/windows-hardware/drivers/install/system-defined-device-setup-classes-available-to-vendors)
    pub static CLASS_INSTALL32_FOR_SYSTEM_CLASS = {
        code: "INF1285",
        name: "class-install32-for-system-class",
        category: Installer,
        infverif: Some(1285),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-classinstall32-section",
        summary: "[ClassInstall32] for a Microsoft-defined setup class",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some((class, class_span)) = system_class(cx) else {
        return;
    };
    for section in class_install32_sections(cx.inf) {
        let Some(span) = header_span(cx.inf, section) else {
            continue;
        };
        out.push(
            Finding::at(
                span,
                format!(
                    "`[{}]` for the system-defined setup class `{}`",
                    section.name, class.name
                ),
            )
            .primary_label("never processed: the class already exists on every Windows")
            .label(class_span, "the INF installs into a system class")
            .help("remove the section; a system class and its class installer ship with Windows, and vendors may not change them"),
        );
    }
}
