//! DCK0103: deprecated DIFx entries `DriverPackageType` / `DriverPackageDisplayName`.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags `DriverPackageType` and `DriverPackageDisplayName` entries in `[Version]`.
    ///
    /// ## Why is this bad?
    /// Both entries were read only by the Driver Install Frameworks (DIFx) tools, which are
    /// deprecated; the Version page marks the entries as deprecated, and Windows ignores them.
    /// They suggest an installer that no longer exists.
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// DriverPackageType = PlugAndPlay
    /// DriverPackageDisplayName = %Name%
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// ```
    ///
    /// ## References
    /// - [INF Version section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section)
    pub static DEPRECATED_DIFX_ENTRY = {
        code: "DCK0103",
        name: "deprecated-difx-entry",
        category: Version,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section",
        summary: "Deprecated DIFx entry DriverPackageType or DriverPackageDisplayName",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let v = cx.version();
    for entry in [&v.driver_package_type, &v.driver_package_display_name]
        .into_iter()
        .flatten()
    {
        let key = entry.key.text.trim().to_owned();
        out.push(
            Finding::at(
                entry.key.span,
                format!("`{key}` is a deprecated DIFx entry that Windows ignores"),
            )
            .help(format!("remove `{key}`")),
        );
    }
}
