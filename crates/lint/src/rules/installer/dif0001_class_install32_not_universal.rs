//! DIF0001: `[ClassInstall32]` in an INF meant to be universal or a Windows Driver.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{class_install32_sections, header_span};

declare_rule! {
    /// ## What it does
    /// In the `universal` and `windows-driver` profiles, flags every `[ClassInstall32]` section
    /// (with any platform extension, and `[ClassInstall32.Services]`).
    ///
    /// ## Why is this bad?
    /// `ClassInstall32` is on the list of sections a universal INF may not contain, and its own
    /// page says it is invalid for Windows Drivers: installing a setup class writes outside the
    /// driver package and can register a class installer, whose effect cannot be determined from
    /// the INF. The rule runs only in the profiles for such packages (dif-model.md INF-03); in
    /// other profiles a `ClassInstall32` for a new custom class is legal, and INF1285 covers the
    /// system classes.
    ///
    /// ## Example
    /// ```inf
    /// [ClassInstall32]
    /// AddReg = WidgetClass_AddReg
    ///
    /// [WidgetClass_AddReg]
    /// HKR,,,,%WidgetClassName%
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Extension  ; or another system-defined class that fits the device
    /// ClassGuid = {e2f84ce7-8efa-411c-aa69-97454ca4cb57}
    /// ```
    ///
    /// ## References
    /// - [Using a universal INF file](https://learn.microsoft.com/windows-hardware/drivers/install/using-a-universal-inf-file)
    /// - [INF ClassInstall32 section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-classinstall32-section)
    pub static CLASS_INSTALL32_NOT_UNIVERSAL = {
        code: "DIF0001",
        name: "class-install32-not-universal",
        category: Installer,
        infverif: None,
        severities: Severities {
            basic: None,
            universal: Some(Severity::Error),
            windows_driver: Some(Severity::Error),
            declarative: None,
            signing: None,
        },
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/using-a-universal-inf-file",
        summary: "[ClassInstall32] in a universal INF or Windows Driver",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for section in class_install32_sections(cx.inf) {
        let Some(span) = header_span(cx.inf, section) else {
            continue;
        };
        out.push(
            Finding::at(
                span,
                format!(
                    "`[{}]` is not valid in a universal INF or a Windows Driver",
                    section.name
                ),
            )
            .primary_label("installs a setup class")
            .help("remove the section and use a system-defined setup class that fits the device"),
        );
    }
}
