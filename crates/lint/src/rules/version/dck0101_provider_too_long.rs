//! DCK0101: the `Provider` name is longer than LINE_LEN.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

/// LINE_LEN (256) includes the terminating NUL.
const MAX_PROVIDER_CHARS: usize = 255;

declare_rule! {
    /// ## What it does
    /// Flags a `[Version]` `Provider` whose value, after substitution, is longer than 255
    /// characters.
    ///
    /// ## Why is this bad?
    /// The Version page limits the provider name to LINE_LEN (256 characters including the
    /// terminating NUL): the driver-information structures that carry it have fixed buffers of
    /// that size, so a longer name is cut or rejected.
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Provider = %P%
    ///
    /// [Strings]
    /// P = "Contoso Widgets and Gadgets Widgets and Gadgets Widgets and Gadgets Widgets and Gadgets Widgets and Gadgets Widgets and Gadgets Widgets and Gadgets Widgets and Gadgets Widgets and Gadgets Widgets and Gadgets Widgets and Gadgets Widgets and Gadgets Widgets and Gadgets"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Provider = %P%
    ///
    /// [Strings]
    /// P = "Contoso"
    /// ```
    ///
    /// ## References
    /// - [INF Version section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section)
    pub static PROVIDER_TOO_LONG = {
        code: "DCK0101",
        name: "provider-too-long",
        category: Version,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section",
        summary: "Provider name longer than LINE_LEN",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let version = cx.version();
    let Some(p) = &version.provider else {
        return;
    };
    let chars = p.value.text.trim().chars().count();
    if chars <= MAX_PROVIDER_CHARS {
        return;
    }
    out.push(
        Finding::at(
            p.value.span,
            format!("`Provider` has {chars} characters; at most {MAX_PROVIDER_CHARS} are allowed"),
        )
        .help("shorten the provider name"),
    );
}
