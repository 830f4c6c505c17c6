//! DIF0063: a co-installer's post-processing disregards `Context->InstallResult`.

use dif_model::behavior::{Evidence, Knowledge, Pass, ReturnValue};
use dif_model::catalog::{dif_display_name, ERROR_DI_POSTPROCESSING_REQUIRED, NO_ERROR};

use super::{cached_code_text, subject_finding, subjects};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the source of a co-installer that requests post-processing
    /// (`ERROR_DI_POSTPROCESSING_REQUIRED`) and flags it when its post-processing disregards
    /// `Context->InstallResult`: the source never mentions `InstallResult` at all, or its
    /// post-processing branch returns `NO_ERROR` as its only own value and never returns
    /// `Context->InstallResult`.
    ///
    /// ## Why is this bad?
    /// Post-processing is called even when the class installer, the default handler or another
    /// co-installer failed; `Context->InstallResult` carries that status, and the value the
    /// co-installer returns replaces it. A co-installer must check it, clean up when it is not
    /// `NO_ERROR`, and return an appropriate value, normally the status it received. One that
    /// returns `NO_ERROR` regardless turns a failed installation into a reported success.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; if (Context->PostProcessing) { Finish(); return NO_ERROR; }
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; if (Context->PostProcessing) { if (Context->InstallResult == NO_ERROR) Finish(); return Context->InstallResult; }
    /// ```
    ///
    /// ## References
    /// - [Co-installer functionality](https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-functionality)
    /// - [Co-installer interface](https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-interface)
    pub static POST_PROCESSING_IGNORES_INSTALL_RESULT = {
        code: "DIF0063",
        name: "post-processing-ignores-install-result",
        category: Dif,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-functionality",
        summary: "Co-installer post-processing disregards the result of the call",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for s in subjects(cx) {
        if !s.is_co() {
            continue;
        }
        let b = s.behavior();
        let asks = |returns: &[(Pass, Evidence<ReturnValue>)]| {
            returns.iter().any(|(p, e)| {
                *p != Pass::Post
                    && matches!(
                        e.value,
                        ReturnValue::Code {
                            value: ERROR_DI_POSTPROCESSING_REQUIRED,
                            ..
                        }
                    )
            })
        };
        let mut difs: Vec<String> = Vec::new();
        let mut post_returns: Vec<&(Pass, Evidence<ReturnValue>)> = Vec::new();
        let mut places: Vec<&dif_model::behavior::SourceLocation> = Vec::new();
        for h in b.handles.iter().filter(|h| asks(&h.returns)) {
            difs.push(format!("`{}`", dif_display_name(h.dif)));
            post_returns.extend(h.returns.iter().filter(|(p, _)| *p != Pass::Pre));
            places.push(&h.matched_at);
        }
        if asks(&b.default_returns) {
            difs.push("every DIF code it does not recognise".to_owned());
            post_returns.extend(b.default_returns.iter().filter(|(p, _)| *p != Pass::Pre));
        }
        if difs.is_empty() {
            continue;
        }
        let propagates = post_returns
            .iter()
            .any(|(_, e)| e.value == ReturnValue::PropagateInstallResult);
        if propagates {
            continue;
        }
        let defining = &b.defined_at.file;
        let mentions = match cached_code_text(cx, defining) {
            Some(text) => text.contains("InstallResult"),
            None => continue,
        };
        let own_post: Vec<&Evidence<ReturnValue>> = post_returns
            .iter()
            .filter(|(p, _)| *p == Pass::Post)
            .map(|(_, e)| e)
            .collect();
        let message = if !mentions {
            format!(
                "{} requests post-processing for {} but never reads `Context->InstallResult`",
                s.display(),
                difs.join(", ")
            )
        } else if !own_post.is_empty()
            && own_post.iter().all(|e| {
                matches!(
                    e.value,
                    ReturnValue::Code {
                        value: NO_ERROR,
                        ..
                    }
                )
            })
            && matches!(b.completeness, Knowledge::Known { .. })
        {
            format!("{} returns `NO_ERROR` from post-processing for {} whatever `Context->InstallResult` is, so a failed call is reported as a success", s.display(), difs.join(", "))
        } else {
            continue;
        };
        let mut finding = subject_finding(cx, &s, message)
            .help("in post-processing check Context->InstallResult, clean up when it is not NO_ERROR, and return it (or a more specific error)");
        for e in &own_post {
            finding = finding.label_in(e.at.file.clone(), e.at.span, "post-processing result");
        }
        out.push(finding);
    }
}
