//! DCK0100: a device INF has no `Provider`.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags a device INF (one with a `[Manufacturer]` section) whose `[Version]` has no
    /// `Provider` entry, or an empty one. (For `[DefaultInstall]`-based INFs, INF1420 reports
    /// an incomplete `[Version]`.)
    ///
    /// ## Why is this bad?
    /// The Version page lists `Provider` as required for device drivers: Windows shows it as
    /// the driver's provider and uses it when comparing driver packages. InfVerif has no
    /// documented code for the missing entry, so difcheck reports it as a warning.
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Sample
    ///
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Sample
    /// Provider = %Mfg%
    ///
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64
    /// ```
    ///
    /// ## References
    /// - [INF Version section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section)
    pub static PROVIDER_MISSING = {
        code: "DCK0100",
        name: "provider-missing",
        category: Version,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section",
        summary: "Device INF without a Provider in [Version]",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::is_device_inf(cx.inf) {
        return;
    }
    let Some(header) = super::version_header(cx.inf) else {
        return;
    };
    let help = "add `Provider = %ProviderName%` naming the company that wrote the INF";
    let version = cx.version();
    match &version.provider {
        None => out.push(Finding::at(header, "`[Version]` has no `Provider` entry").help(help)),
        Some(p) if p.value.text.trim().is_empty() => {
            out.push(Finding::at(p.line.span, "`Provider` is empty").help(help))
        }
        Some(_) => {}
    }
}
