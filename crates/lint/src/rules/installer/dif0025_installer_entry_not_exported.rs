//! DIF0025: a registered installer entry point the built DLL does not export.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{built_dll, registered, string_span, targets_of, what};

declare_rule! {
    /// ## What it does
    /// When the package folder holds the built installer DLL (or property-page provider),
    /// reads its PE export table and flags a registration whose entry point (the one named,
    /// or the default `CoDeviceInstall` / `ClassInstall`) is not exported under exactly that
    /// name.
    ///
    /// ## Why is this bad?
    /// SetupAPI looks the entry point up by name with `GetProcAddress`. A function exported
    /// only under its stdcall-decorated name (`_WidgetCoInstaller@16`, what a 32-bit build
    /// without a `.def` file exports), or not exported at all, cannot be found: the
    /// co-installer is never called, and a class installer that cannot be loaded makes Windows
    /// mark it failed (`DI_FLAGSEX_CI_FAILED`).
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// ; WidgetCo.dll exports only _WidgetCoInstaller@16
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// ; WidgetCo.def: EXPORTS WidgetCoInstaller
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ```
    ///
    /// ## References
    /// - [INF DDInstall.CoInstallers section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section)
    /// - [Exporting from a DLL using DEF files](https://learn.microsoft.com/cpp/build/exporting-from-a-dll-using-def-files)
    pub static INSTALLER_ENTRY_NOT_EXPORTED = {
        code: "DIF0025",
        name: "installer-entry-not-exported",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: PackageFiles,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section",
        summary: "Registered installer entry point not exported by the built DLL",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for r in registered(cx) {
        let i = r.installer;
        if i.inbox || i.dll.trim().is_empty() {
            continue;
        }
        let entry = i.entry.trim();
        if entry.is_empty() {
            continue;
        }
        let mut missing_in: Vec<String> = Vec::new();
        let mut decorated: Option<String> = None;
        for (_, installer, _) in &r.per_arch {
            let Some(dll) = built_dll(cx, installer) else {
                continue;
            };
            if dll.exports.iter().any(|e| e == entry) {
                continue;
            }
            if decorated.is_none() {
                decorated = dll
                    .exports
                    .iter()
                    .find(|e| undecorated(e) == entry)
                    .cloned();
            }
            if !missing_in.contains(&dll.shown) {
                missing_in.push(dll.shown);
            }
        }
        if missing_in.is_empty() {
            continue;
        }
        let Some(span) = string_span(i) else { continue };
        let how = match &decorated {
            Some(d) => format!("exports it only as `{d}`"),
            None => "does not export it".to_owned(),
        };
        let default = if i.entry_defaulted {
            " (the default, as the string names none)"
        } else {
            ""
        };
        out.push(
            Finding::at(span, format!("the {} entry point `{entry}`{default}: `{}` {how}", what(i.role), missing_in.join("`, `")))
                .primary_label("GetProcAddress cannot find it, so the installer is never called")
                .help(format!("export `{entry}` undecorated (list it under EXPORTS in the DLL's .def file), or register the name the DLL exports"))
                .targets(targets_of(cx, &r.labels)),
        );
    }
}

/// An export name without stdcall / fastcall decoration (`_Name@16`, `@Name@8`, `Name@16`).
fn undecorated(name: &str) -> &str {
    let name = name.strip_prefix(['_', '@']).unwrap_or(name);
    match name.rsplit_once('@') {
        Some((base, digits))
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) =>
        {
            base
        }
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::undecorated;

    #[test]
    fn decorations_are_removed() {
        assert_eq!(undecorated("_WidgetCoInstaller@16"), "WidgetCoInstaller");
        assert_eq!(undecorated("@Fast@8"), "Fast");
        assert_eq!(undecorated("Plain@12"), "Plain");
        assert_eq!(undecorated("Plain"), "Plain");
        assert_eq!(undecorated("odd@name"), "odd@name");
    }
}
