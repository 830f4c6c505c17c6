//! INF1381: an extension INF has no `ExtensionId`.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags an extension INF (`Class = Extension`, or the Extension class GUID
    /// `{e2f84ce7-8efa-411c-aa69-97454ca4cb57}`) whose `[Version]` has no `ExtensionId`.
    ///
    /// ## Why is this bad?
    /// An extension INF must identify itself with an `ExtensionId` GUID; Windows uses it to
    /// tell extensions apart and to replace older versions of the same extension. InfVerif
    /// rejects an extension INF without one (1381).
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Extension
    /// ClassGuid = {e2f84ce7-8efa-411c-aa69-97454ca4cb57}
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Extension
    /// ClassGuid = {e2f84ce7-8efa-411c-aa69-97454ca4cb57}
    /// ExtensionId = {9f1f8bde-4f0c-4a4e-9c35-2d1f3b6c7a11}
    /// ```
    ///
    /// ## References
    /// - [Using an extension INF file](https://learn.microsoft.com/windows-hardware/drivers/install/using-an-extension-inf-file)
    /// - [INF Version section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section)
    pub static EXTENSION_ID_MISSING = {
        code: "INF1381",
        name: "extension-id-missing",
        category: Version,
        infverif: Some(1381),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/using-an-extension-inf-file",
        summary: "Extension INF without ExtensionId",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::is_extension_inf(cx) || cx.version().extension_id.is_some() {
        return;
    }
    let Some(header) = super::version_header(cx.inf) else {
        return;
    };
    out.push(
        Finding::at(header, "extension INF without an `ExtensionId` in `[Version]`")
            .help("add `ExtensionId = {…}` with a GUID you generate once and keep for every version of this extension"),
    );
}
