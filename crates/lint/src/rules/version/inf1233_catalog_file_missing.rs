//! INF1233: `[Version]` has no `CatalogFile` entry.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags a `[Version]` section without any `CatalogFile` or `CatalogFile.nt*` entry.
    ///
    /// ## Why is this bad?
    /// The catalog carries the package's signature. Without a `CatalogFile` entry Windows
    /// treats the package as unsigned, does not show the `DriverVer` date, and the Hardware Dev
    /// Center cannot sign it. InfVerif rejects it (1233).
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Sample
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Sample
    /// CatalogFile = widget.cat
    /// ```
    ///
    /// ## References
    /// - [INF Version section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section)
    /// - [INF validation errors and warnings (1233)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static CATALOG_FILE_MISSING = {
        code: "INF1233",
        name: "catalog-file-missing",
        category: Version,
        infverif: Some(1233),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section",
        summary: "No CatalogFile entry in [Version]",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(header) = super::version_header(cx.inf) else {
        return;
    };
    if !cx.version().catalog_files.is_empty() {
        return;
    }
    out.push(
        Finding::at(
            header,
            "`[Version]` has no `CatalogFile` entry: the package cannot be signed",
        )
        .help("add `CatalogFile = <name>.cat` naming the catalog that ships beside the INF"),
    );
}
