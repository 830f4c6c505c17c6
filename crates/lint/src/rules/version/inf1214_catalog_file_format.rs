//! INF1214: a `CatalogFile` value is not of the form `name.cat`.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Checks every `CatalogFile` and `CatalogFile.nt*` entry of `[Version]`: the value must be
    /// a file name ending in `.cat`, with no directory part.
    ///
    /// ## Why is this bad?
    /// The catalog must sit in the same folder as the INF (the driver package root), and
    /// Windows looks it up by the name given. A path, another extension or an empty value
    /// leaves the package without a usable signature. InfVerif rejects it (1214).
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// CatalogFile = release\widget.cat
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// CatalogFile = widget.cat
    /// ```
    ///
    /// ## References
    /// - [INF Version section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section)
    /// - [INF validation errors and warnings (1214)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static CATALOG_FILE_FORMAT = {
        code: "INF1214",
        name: "catalog-file-format",
        category: Version,
        infverif: Some(1214),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section",
        summary: "CatalogFile value is not a file name of the form name.cat",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for c in &cx.version().catalog_files {
        let key = c.entry.key.text.trim().to_owned();
        let value = c.entry.value.text.trim();
        let problem = if value.is_empty() {
            Some("is empty".to_owned())
        } else if value.contains(['\\', '/', ':']) {
            Some(format!("`{value}` has a directory part"))
        } else if !value.to_ascii_lowercase().ends_with(".cat") || value.len() <= 4 {
            Some(format!("`{value}` is not a `.cat` file name"))
        } else {
            None
        };
        let Some(problem) = problem else { continue };
        let span = if value.is_empty() {
            c.entry.line.span
        } else {
            c.entry.value.span
        };
        out.push(Finding::at(span, format!("`{key}` {problem}")).help(
            "name the catalog file that ships beside the INF, e.g. `CatalogFile = widget.cat`",
        ));
    }
}
