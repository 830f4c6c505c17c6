//! DIF0019: an installer registration that names no entry point.

use dif_model::chain::EntryPitfall;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{registered, string_span, targets_of, what};

declare_rule! {
    /// ## What it does
    /// Flags a co-installer or class-installer registration whose string names only the DLL,
    /// so that Windows calls the default entry point: `CoDeviceInstall` for co-installers,
    /// `ClassInstall` for class installers. Microsoft's co-installers (WDF, UMDF, WinUSB) are
    /// not flagged: they are registered as their documentation says. When the package folder holds the built DLL, DIF0025 checks that the export
    /// exists.
    ///
    /// ## Why is this bad?
    /// The default is legal, but it is an easy way to call a function that does not exist: the
    /// DLL must export exactly `CoDeviceInstall` (or `ClassInstall`), undecorated. Naming the
    /// entry point makes the registration say what it calls. (Information only.)
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,CoDeviceInstall"
    /// ```
    ///
    /// ## References
    /// - [INF DDInstall.CoInstallers section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section)
    /// - [INF ClassInstall32 section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-classinstall32-section)
    pub static DEFAULT_INSTALLER_ENTRY_POINT = {
        code: "DIF0019",
        name: "default-installer-entry-point",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Info),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section",
        summary: "Installer registration without an entry point (the default is called)",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for r in registered(cx) {
        let i = r.installer;
        if !i.entry_defaulted
            || i.role.dispatch_role().is_none()
            // Microsoft's co-installers are registered as their documentation says.
            || i.kind.is_microsoft()
            || i.dll.trim().is_empty()
            // A string split by missing quotes has lost its entry point: DIF0016 says so.
            || i.pitfalls.iter().any(|p| matches!(p, EntryPitfall::SplitByMissingQuotes { .. } | EntryPitfall::EntryHalfOfPreviousField { .. } | EntryPitfall::FieldsIgnored { likely_entry: Some(_), .. }))
        {
            continue;
        }
        let Some(span) = string_span(i) else { continue };
        out.push(
            Finding::at(
                span,
                format!(
                    "the {} `{}` names no entry point, so Windows calls `{}`",
                    what(i.role),
                    i.dll,
                    i.entry
                ),
            )
            .primary_label(format!("the DLL must export `{}`", i.entry))
            .help(format!("name the entry point: \"{},{}\"", i.dll, i.entry))
            .targets(targets_of(cx, &r.labels)),
        );
    }
}
