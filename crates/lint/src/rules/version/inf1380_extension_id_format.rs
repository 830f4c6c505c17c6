//! INF1380: `ExtensionId` is not a braced GUID.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Checks that the `[Version]` `ExtensionId` entry is a GUID written as
    /// `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}`.
    ///
    /// ## Why is this bad?
    /// Windows identifies an extension INF, and decides which version of it supersedes
    /// another, by this GUID. A value that is not a GUID makes the extension unusable.
    /// InfVerif rejects it (1380).
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Extension
    /// ClassGuid = {e2f84ce7-8efa-411c-aa69-97454ca4cb57}
    /// ExtensionId = contoso-widget-extension
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
    pub static EXTENSION_ID_FORMAT = {
        code: "INF1380",
        name: "extension-id-format",
        category: Version,
        infverif: Some(1380),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/using-an-extension-inf-file",
        summary: "ExtensionId is not a braced GUID",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let version = cx.version();
    let Some(entry) = &version.extension_id else {
        return;
    };
    out.extend(super::malformed_guid_finding(
        "ExtensionId",
        entry,
        "write the ID as `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}`; keep the same ID for every version of the extension",
    ));
}
