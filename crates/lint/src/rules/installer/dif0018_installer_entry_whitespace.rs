//! DIF0018: whitespace around the entry point of a `dll,entry` string.

use dif_model::chain::EntryPitfall;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{registered, string_span, targets_of, what};

declare_rule! {
    /// ## What it does
    /// Flags installer and property-page registrations with whitespace around the entry point,
    /// as in `"WidgetCo.dll, WidgetCoInstaller"`.
    ///
    /// ## Why is this bad?
    /// Microsoft's own examples contain such strings, but how Windows treats the space is not
    /// documented; Wine passes the text after the comma unchanged to `GetProcAddress`, where
    /// ` WidgetCoInstaller` is not the exported name. Without the space the string means the
    /// same on every implementation. (Information only: a portability concern.)
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll, WidgetCoInstaller"
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
    /// - [GetProcAddress](https://learn.microsoft.com/windows/win32/api/libloaderapi/nf-libloaderapi-getprocaddress)
    pub static INSTALLER_ENTRY_WHITESPACE = {
        code: "DIF0018",
        name: "installer-entry-whitespace",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Info),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section",
        summary: "Whitespace around the entry point of a dll,entry string",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for r in registered(cx) {
        let i = r.installer;
        let Some(spec) = &i.spec else { continue };
        if !i.pitfalls.contains(&EntryPitfall::WhitespaceAroundEntry) {
            continue;
        }
        let Some(span) = string_span(i) else { continue };
        out.push(
            Finding::at(
                span,
                format!(
                    "whitespace around the entry point `{}` of the {} string `{}`",
                    i.entry,
                    what(i.role),
                    spec.text
                ),
            )
            .primary_label("passed to GetProcAddress as written by some implementations")
            .help(format!("write \"{},{}\" without spaces", spec.dll, i.entry))
            .targets(targets_of(cx, &r.labels)),
        );
    }
}
