//! DCK0106: a `CatalogFile.<suffix>` key with a decoration Windows never reads.

use inf_parser::directives::CatalogPlatform;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags `CatalogFile` keys whose decoration is not `.nt`, `.ntx86`, `.ntia64`, `.ntamd64`,
    /// `.ntarm` or `.ntarm64` (case-insensitive), such as `CatalogFile.ntx64` or
    /// `CatalogFile.amd64`.
    ///
    /// ## Why is this bad?
    /// Windows looks only for the documented keys; any other decoration is never read, so the
    /// catalog it names is not used on the platform the author had in mind (and, when no other
    /// `CatalogFile` entry applies, the package counts as unsigned there).
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// CatalogFile.ntx64 = widget64.cat
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// CatalogFile.ntamd64 = widget64.cat
    /// ```
    ///
    /// ## References
    /// - [INF Version section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section)
    pub static UNRECOGNIZED_CATALOG_FILE_DECORATION = {
        code: "DCK0106",
        name: "unrecognized-catalog-file-decoration",
        category: Version,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section",
        summary: "CatalogFile decoration that Windows never reads",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for c in &cx.version().catalog_files {
        let CatalogPlatform::Unrecognized(suffix) = &c.platform else {
            continue;
        };
        let key = c.entry.key.text.trim().to_owned();
        let hint = match suffix.to_ascii_lowercase().as_str() {
            "ntx64" | "amd64" | "x64" => " (write `CatalogFile.ntamd64`)",
            "x86" => " (write `CatalogFile.ntx86`)",
            "arm64" => " (write `CatalogFile.ntarm64`)",
            _ => "",
        };
        out.push(
            Finding::at(c.entry.key.span, format!("`{key}` is never read: `.{suffix}` is not a platform Windows knows{hint}"))
                .help("use `CatalogFile`, `CatalogFile.nt` or `CatalogFile.nt<arch>` with arch x86, amd64, arm, arm64 or ia64"),
        );
    }
}
