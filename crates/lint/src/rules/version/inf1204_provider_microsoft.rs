//! INF1204: `Provider` is Microsoft.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags a `[Version]` `Provider` whose value (after `%strkey%` substitution) is
    /// `Microsoft` or starts with `Microsoft`, in any letter case.
    ///
    /// ## Why is this bad?
    /// The provider is the company that wrote the INF; Windows shows it in Device Manager and
    /// uses it when ranking drivers. Third-party packages may not claim to come from
    /// Microsoft, and InfVerif rejects it (1204).
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Provider = %ProviderName%
    ///
    /// [Strings]
    /// ProviderName = "Microsoft"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Provider = %ProviderName%
    ///
    /// [Strings]
    /// ProviderName = "Contoso"
    /// ```
    ///
    /// ## References
    /// - [INF Version section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section)
    /// - [INF validation errors and warnings (1204)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static PROVIDER_MICROSOFT = {
        code: "INF1204",
        name: "provider-microsoft",
        category: Version,
        infverif: Some(1204),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings",
        summary: "Provider is Microsoft",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let version = cx.version();
    let Some(provider) = &version.provider else {
        return;
    };
    let value = provider.value.text.trim();
    let is_microsoft = value
        .get(..9)
        .is_some_and(|p| p.eq_ignore_ascii_case("microsoft"));
    if !is_microsoft {
        return;
    }
    out.push(
        Finding::at(
            provider.value.span,
            format!(
                "`Provider` is `{value}`: a third-party INF cannot name Microsoft as its provider"
            ),
        )
        .help("set `Provider` to the company that wrote the INF"),
    );
}
