//! DCK0212: a source or file path that leaves the driver package.

use inf_parser::directives::FieldValue;
use inf_parser::Arch;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{escapes_package, every_copy_op, every_source_disk_file};

declare_rule! {
    /// ## What it does
    /// Flags paths that point outside the driver package: a `[SourceDisksNames]` disk path
    /// (field 4), a `[SourceDisksFiles]` subdirectory or file name, or a file name in a
    /// CopyFiles file-list line or `CopyFiles=@file`, that climbs out with a `..` component, is
    /// an absolute path (`C:\…`) or a UNC path (`\\server\…`). A leading single `\` in a disk
    /// path is fine: it means the package root.
    ///
    /// ## Why is this bad?
    /// A driver package is the folder of the INF and what is below it: that is what Windows
    /// imports into the driver store, what the catalog signs and what difcheck reads. SourceDisks
    /// paths are relative to that folder ("relative to the installation root"). A file outside
    /// it is not in the package, so the import fails or installs something unsigned. difcheck
    /// never follows such paths. InfVerif has no code for this; difcheck reports it as an error
    /// in every profile.
    ///
    /// ## Example
    /// ```inf
    /// [SourceDisksNames]
    /// 1 = %DiskName%,,,..\..\build\x64
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [SourceDisksNames]
    /// 1 = %DiskName%,,,x64
    /// ```
    ///
    /// ## References
    /// - [INF SourceDisksNames section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksnames-section)
    /// - [INF SourceDisksFiles section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section)
    /// - [Components of a driver package](https://learn.microsoft.com/windows-hardware/drivers/install/components-of-a-driver-package)
    pub static PATH_OUTSIDE_PACKAGE = {
        code: "DCK0212",
        name: "path-outside-package",
        category: Files,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksnames-section",
        summary: "Source or file path that leaves the driver package",
        check: check,
    }
}

fn report(out: &mut Vec<Finding>, field: &FieldValue, what: &str) {
    if let Some(why) = escapes_package(&field.text) {
        out.push(
            Finding::at(field.span, format!("{what} `{}` {why}", field.text.trim()))
                .help("keep every file of the package in the INF's folder or below it, and give paths relative to that folder"),
        );
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut names = cx.inf.source_disks_names(None);
    for arch in Arch::ALL {
        names.extend(cx.inf.source_disks_names(Some(arch)));
    }
    for n in &names {
        if let Some(path) = &n.path {
            report(out, path, "disk path");
        }
    }
    for f in every_source_disk_file(cx).iter() {
        report(out, &f.file, "source file name");
        if let Some(subdir) = &f.subdir {
            report(out, subdir, "source subdirectory");
        }
    }
    let mut seen = std::collections::HashSet::new();
    for op in every_copy_op(cx).iter() {
        if !seen.insert(op.site()) {
            continue;
        }
        for (name, span) in [(&op.dest_name, op.span), (&op.source_name, op.source_span)] {
            if let Some(why) = escapes_package(name) {
                out.push(
                    Finding::at(span, format!("copied file name `{name}` {why}"))
                        .help("name the file itself; where it comes from is SourceDisksFiles' business, where it goes is DestinationDirs'"),
                );
                break;
            }
        }
    }
}
