//! INF1324: `[Version]` does not set `PnpLockdown=1`.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags a `[Version]` section without `PnpLockdown = 1` (absent, `0`, or not a number).
    ///
    /// ## Why is this bad?
    /// `PnpLockdown=1` stops applications from modifying the files the package copies. The
    /// Version page says packages should set it and that a future Windows may require it;
    /// driver package isolation requires it. InfVerif warns under `/k` and `/u` and rejects it
    /// under `/w` (1324).
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// CatalogFile = widget.cat
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// CatalogFile = widget.cat
    /// PnpLockdown = 1
    /// ```
    ///
    /// ## References
    /// - [INF Version section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section)
    /// - [Driver package isolation](https://learn.microsoft.com/windows-hardware/drivers/develop/driver-isolation)
    pub static PNP_LOCKDOWN = {
        code: "INF1324",
        name: "pnp-lockdown",
        category: Version,
        infverif: Some(1324),
        severities: Severities::infverif(Some(Severity::Warning), Some(Severity::Warning), Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section",
        summary: "[Version] does not set PnpLockdown=1",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(header) = super::version_header(cx.inf) else {
        return;
    };
    let help = "add `PnpLockdown = 1` to `[Version]`";
    let version = cx.version();
    match &version.pnp_lockdown {
        None => {
            out.push(Finding::at(header, "`[Version]` does not set `PnpLockdown = 1`").help(help))
        }
        Some(p) if p.number != Ok(1) => {
            let value = p.entry.value.text.trim();
            out.push(
                Finding::at(
                    p.entry.value.span,
                    format!("`PnpLockdown` is `{value}`; it should be `1`"),
                )
                .help(help),
            );
        }
        Some(_) => {}
    }
}
