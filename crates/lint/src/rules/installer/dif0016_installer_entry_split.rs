//! DIF0016: a `dll,entry` string split into two strings by missing quotes.

use dif_model::chain::EntryPitfall;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{registered, targets_of, value_label};

declare_rule! {
    /// ## What it does
    /// Flags an installer or property-page registration whose `dll,entry` string is not quoted
    /// as one field: in a REG_MULTI_SZ line (`CoInstallers32`, class co-installers) the DLL and
    /// the entry point become two strings; in a REG_SZ line (`Installer32`, `EnumPropPages32`)
    /// everything after field 5 is ignored, so the entry point is lost.
    ///
    /// ## Why is this bad?
    /// On an AddReg line every comma separates fields. For REG_MULTI_SZ each field is one
    /// string, so `WidgetCo.dll,WidgetCoInstaller` unquoted registers the DLL with the default
    /// entry point `CoDeviceInstall` and a second "DLL" called `WidgetCoInstaller`; for REG_SZ
    /// only field 5 is stored, so the class installer's entry point becomes the default
    /// `ClassInstall`. Either way the intended function is never called. The DLL and the
    /// function must be enclosed together in quotes.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,WidgetCo.dll,WidgetCoInstaller
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ```
    ///
    /// ## References
    /// - [INF AddReg directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive)
    /// - [INF DDInstall.CoInstallers section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section)
    pub static INSTALLER_ENTRY_SPLIT = {
        code: "DIF0016",
        name: "installer-entry-split",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive",
        summary: "dll,entry not quoted as one string, so the entry point is lost",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for r in registered(cx) {
        let i = r.installer;
        let (Some(spec), Some(reg)) = (&i.spec, &i.registration) else {
            continue;
        };
        for p in &i.pitfalls {
            let finding = match p {
                EntryPitfall::SplitByMissingQuotes { next, next_span } => Finding::at(
                    spec.span.cover(*next_span),
                    format!("`{},{next}` is not quoted as one string: `{}` stores `{}` and `{next}` as two DLLs", spec.dll, value_label(&reg.value), spec.dll),
                )
                .primary_label(format!("`{next}` is taken for a DLL, and `{}` gets the default entry point", spec.dll)),
                EntryPitfall::FieldsIgnored { span, likely_entry: Some(entry), .. } => Finding::at(
                    spec.span.cover(*span),
                    format!("`{},{entry}` is not quoted as one string: `{}` is REG_SZ and keeps only `{}`", spec.dll, value_label(&reg.value), spec.text),
                )
                .primary_label(format!("the entry point `{entry}` is ignored")),
                _ => continue,
            };
            out.push(
                finding
                    .help("enclose the DLL and the entry point together in quotes: \"dll,entry\"")
                    .targets(targets_of(cx, &r.labels)),
            );
        }
    }
}
