//! INF1213: a catalog file listed in SourceDisksFiles.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::every_source_disk_file;

declare_rule! {
    /// ## What it does
    /// Flags a `[SourceDisksFiles]` or `[SourceDisksFiles.<arch>]` entry whose file name ends in
    /// `.cat`.
    ///
    /// ## Why is this bad?
    /// The catalog signs the package's files; it is named only by the `CatalogFile` entries of
    /// `[Version]`, lies beside the INF, and is never listed as a source file or copied. Listing
    /// it makes it part of the files the catalog itself must hash. InfVerif reports it as error
    /// 1213.
    ///
    /// ## Example
    /// ```inf
    /// [SourceDisksFiles]
    /// widget.sys = 1
    /// widget.cat = 1
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// CatalogFile = widget.cat
    ///
    /// [SourceDisksFiles]
    /// widget.sys = 1
    /// ```
    ///
    /// ## References
    /// - [INF Version section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section)
    /// - [INF SourceDisksFiles section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section)
    /// - [INF validation errors and warnings (1213)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static CATALOG_IN_SOURCE_DISKS_FILES = {
        code: "INF1213",
        name: "catalog-in-source-disks-files",
        category: Files,
        infverif: Some(1213),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section",
        summary: "Catalog file listed in SourceDisksFiles",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for f in every_source_disk_file(cx).iter() {
        let name = f.file.text.trim();
        if name.len() > 4
            && name
                .get(name.len() - 4..)
                .is_some_and(|e| e.eq_ignore_ascii_case(".cat"))
        {
            out.push(
                Finding::at(
                    f.file.span,
                    format!("catalog `{name}` is listed as a source file"),
                )
                .help("remove the line: name the catalog only with `CatalogFile` in `[Version]`"),
            );
        }
    }
}
