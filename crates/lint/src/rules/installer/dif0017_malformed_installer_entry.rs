//! DIF0017: a malformed `dll[,entry]` string.

use dif_model::chain::EntryPitfall;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{registered, string_span, targets_of, what};

/// Extensions of PE images LoadLibrary loads as DLLs in practice (control panel applets,
/// ActiveX controls, legacy drivers, DirectShow filters, audio codecs).
const DLL_LIKE: &[&str] = &["dll", "cpl", "ocx", "drv", "ax", "acm"];

declare_rule! {
    /// ## What it does
    /// Flags installer and property-page registrations whose `dll[,entry]` string is
    /// malformed: nothing before the comma, a comma followed by nothing, more than one comma,
    /// a path in the DLL name, whitespace around the DLL name, or a file that is not a DLL
    /// (`.sys`, `.exe`, `.inf`, …; `.dll`, `.cpl`, `.ocx`, `.drv`, `.ax` and `.acm` are
    /// accepted).
    ///
    /// ## Why is this bad?
    /// SetupAPI splits the string at the first comma, loads the part before it from the system
    /// directory and passes the rest unchanged to `GetProcAddress`. An empty DLL, an empty or
    /// comma-containing export name, or a path cannot be resolved, so the installer is never
    /// called. (The documented syntax is `dll[,entry]`; the extra checks are difcheck's
    /// reading of that syntax, hence a warning.)
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"%11%\WidgetCo.dll,WidgetCoInstaller,"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ```
    ///
    /// ## References
    /// - [INF DDInstall.CoInstallers section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section)
    /// - [INF ClassInstall32 section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-classinstall32-section)
    pub static MALFORMED_INSTALLER_ENTRY = {
        code: "DIF0017",
        name: "malformed-installer-entry",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section",
        summary: "Malformed dll[,entry] string in an installer registration",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for r in registered(cx) {
        let i = r.installer;
        let Some(spec) = &i.spec else { continue };
        let Some(span) = string_span(i) else { continue };
        for p in &i.pitfalls {
            let problem = match p {
                EntryPitfall::EmptyDll => "names no DLL before the comma".to_owned(),
                EntryPitfall::EmptyEntry => "has a comma followed by no entry point, so the export looked up is the empty name".to_owned(),
                EntryPitfall::SeveralCommas => format!("has more than one comma, so the export looked up is `{}`", spec.entry.clone().unwrap_or_default()),
                EntryPitfall::PathInDll => "gives the DLL with a path; installers are loaded by name from the system directory".to_owned(),
                EntryPitfall::WhitespaceAroundDll => "has whitespace around the DLL name".to_owned(),
                EntryPitfall::NotDllExtension { extension } if !DLL_LIKE.iter().any(|e| e.eq_ignore_ascii_case(extension)) => {
                    format!("names a `.{extension}` file, which is not a DLL")
                }
                _ => continue,
            };
            out.push(
                Finding::at(span, format!("the {} string `{}` {problem}", what(i.role), spec.text))
                    .primary_label("the installer cannot be loaded as written")
                    .help("write the string as \"name.dll,EntryPoint\": a DLL file name without a path, one comma, the exported function")
                    .targets(targets_of(cx, &r.labels)),
            );
        }
    }
}
