//! INF1402: a UMDF 1.x driver.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// For every UmdfService directive of a `[DDInstall.Wdf]` section Windows processes, reads
    /// the `UmdfLibraryVersion` of its UMDF service-install section and flags major version 1.
    ///
    /// ## Why is this bad?
    /// UMDF 1 (the COM-based user-mode driver framework) is deprecated and receives no new
    /// features; Windows Drivers must use UMDF 2, which shares its programming model with KMDF
    /// and supports driver package isolation. InfVerif reports UMDF 1.x as error 1402 in `/w`
    /// only.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Install]
    /// UmdfLibraryVersion = 1.11.0
    /// ServiceBinary      = %13%\Widget.dll
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Install]
    /// UmdfLibraryVersion = 2.15.0
    /// ServiceBinary      = %13%\Widget.dll
    /// ```
    ///
    /// ## References
    /// - [Porting a driver from UMDF 1 to UMDF 2](https://learn.microsoft.com/windows-hardware/drivers/wdf/porting-a-driver-from-umdf-1-to-umdf-2)
    /// - [Porting an INF to follow driver package isolation](https://learn.microsoft.com/windows-hardware/drivers/develop/porting-inf-to-windows-driver)
    /// - [INF validation errors and warnings (1402)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static UMDF_VERSION_1 = {
        code: "INF1402",
        name: "umdf-version-1",
        category: Isolation,
        infverif: Some(1402),
        severities: Severities::infverif(None, None, Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/wdf/porting-a-driver-from-umdf-1-to-umdf-2",
        summary: "UMDF 1.x driver (deprecated; use UMDF 2)",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, version) in super::directive_settings(
        cx,
        inf_parser::InstallSuffix::Wdf,
        "UmdfService",
        2,
        "UmdfLibraryVersion",
    ) {
        let text = version
            .field(1)
            .map(|t| t.trim().to_owned())
            .unwrap_or_default();
        let major = text.split('.').next().unwrap_or("");
        if major != "1" {
            continue;
        }
        out.push(
            Finding::at(
                version.field_span(1).unwrap_or_else(|| version.span()),
                format!("UMDF service installs UMDF library version `{text}` (UMDF 1)"),
            )
            .help("port the driver to UMDF 2 and set `UmdfLibraryVersion` to a 2.x version"),
        );
    }
}
