//! INF1010: `ClassGuid` is not a braced GUID.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Checks that the `ClassGuid` entry of `[Version]` is a GUID written as
    /// `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}`: braces, dashes in the 8-4-4-4-12 places,
    /// hexadecimal digits.
    ///
    /// ## Why is this bad?
    /// Windows reads the device setup class from `ClassGuid`. A value it cannot convert to a
    /// GUID leaves the driver without a class, so it cannot be matched to devices of that
    /// class. InfVerif rejects it (1010).
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Net
    /// ClassGuid = 4d36e972-e325-11ce-bfc1-08002be10318
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Net
    /// ClassGuid = {4d36e972-e325-11ce-bfc1-08002be10318}
    /// ```
    ///
    /// ## References
    /// - [INF Version section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section)
    /// - [INF validation errors and warnings (1010)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static CLASS_GUID_FORMAT = {
        code: "INF1010",
        name: "class-guid-format",
        category: Version,
        infverif: Some(1010),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section",
        summary: "ClassGuid is not a braced 8-4-4-4-12 GUID",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let version = cx.version();
    let Some(entry) = &version.class_guid else {
        return;
    };
    out.extend(super::malformed_guid_finding(
        "ClassGuid",
        entry,
        "write the class GUID as `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}`; use the GUID of a system-defined class or generate a new one for a new class",
    ));
}
