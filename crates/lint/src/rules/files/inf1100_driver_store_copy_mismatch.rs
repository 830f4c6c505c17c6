//! INF1100: a copy to DIRID 13 that renames the file or changes its subdirectory.

use std::collections::BTreeMap;

use inf_parser::Arch;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::reach::{path_components, target_labels, ArchSet, InstallGraph};

use super::{copy_ops, source_location, CopyOp};

/// The driver store directory.
const DRIVER_STORE: i64 = 13;

declare_rule! {
    /// ## What it does
    /// Checks every file the INF copies to DIRID 13 (the driver store): the copy must keep the
    /// file's name (no source name different from the destination name in the file-list line),
    /// and the subdirectory of its DestinationDirs entry must be the subdirectory the file has
    /// in the package (its SourceDisksFiles subdirectory, under the disk's path), on every
    /// architecture the copy is used on.
    ///
    /// ## Why is this bad?
    /// Windows does not copy files to DIRID 13: the driver store keeps the package exactly as it
    /// was imported, and `%13%` is simply the package's folder there. A copy that renames the
    /// file or moves it to another subdirectory would have to change that layout, so the file is
    /// not where the INF says it is. InfVerif reports it as error 1100 ("DriverStore Copyfile
    /// name mismatch").
    ///
    /// ## Example
    /// ```inf
    /// [SourceDisksFiles]
    /// widget.sys = 1,x64
    ///
    /// [DestinationDirs]
    /// Widget_CopyFiles = 13,Drivers
    ///
    /// [Widget_CopyFiles]
    /// widget.sys
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [SourceDisksFiles]
    /// widget.sys = 1,x64
    ///
    /// [DestinationDirs]
    /// Widget_CopyFiles = 13,x64
    ///
    /// [Widget_CopyFiles]
    /// widget.sys
    /// ```
    ///
    /// ## References
    /// - [INF validation errors and warnings (1100)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    /// - [Run from driver store](https://learn.microsoft.com/windows-hardware/drivers/develop/run-from-driver-store)
    /// - [Using DIRIDs](https://learn.microsoft.com/windows-hardware/drivers/install/using-dirids)
    pub static DRIVER_STORE_COPY_MISMATCH = {
        code: "INF1100",
        name: "driver-store-copy-mismatch",
        category: Files,
        infverif: Some(1100),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/develop/run-from-driver-store",
        summary: "Copy to DIRID 13 renames the file or changes its subdirectory",
        check: check,
    }
}

/// Where the file lies in the package on `arch`, when the SourceDisksFiles entry says: both
/// readings of the location (the entry's subdirectory alone, and under the disk's path).
fn package_dirs(cx: &Context<'_>, op: &CopyOp, arch: Arch) -> Option<(String, String)> {
    let file = cx.inf.source_disks_file(&op.source_name, arch)?;
    let (disk, subdir) = source_location(cx.inf, &file, arch)?;
    if disk.iter().chain(&subdir).any(|c| c == "..") {
        return None;
    }
    let join = |parts: &[String]| parts.join("\\");
    let full: Vec<String> = disk.iter().chain(&subdir).cloned().collect();
    Some((join(&subdir), join(&full)))
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = InstallGraph::shared(cx);
    // One finding per copy line, over all roots: (arches where the subdirectory differs, op).
    let mut moved: BTreeMap<(u32, u32), (ArchSet, CopyOp, String)> = BTreeMap::new();
    let mut renamed = std::collections::HashSet::new();
    for op in copy_ops(cx).iter() {
        if op.dirid() != Some(DRIVER_STORE) || op.source_name.is_empty() {
            continue;
        }
        if !op.dest_name.eq_ignore_ascii_case(&op.source_name) {
            if renamed.insert(op.site()) {
                out.push(
                    Finding::at(op.span, format!("`{}` is renamed to `{}` in a copy to the driver store (DIRID 13)", op.source_name, op.dest_name))
                        .help("DIRID 13 keeps the package's own file names: copy the file under its own name and refer to that name"),
                );
            }
            continue;
        }
        let dest = op.dest_subdir();
        for arch in graph.arches_of(op.root).iter() {
            let Some((subdir, full)) = package_dirs(cx, op, arch) else {
                continue;
            };
            if dest == subdir.to_lowercase() || dest == full.to_lowercase() {
                continue;
            }
            let entry = moved
                .entry(op.site())
                .or_insert_with(|| (ArchSet::default(), op.clone(), subdir.clone()));
            entry.0.insert(arch);
        }
    }
    let all = graph.arches();
    for (_, (arches, op, subdir)) in moved {
        let dest = op
            .dest
            .as_ref()
            .and_then(|d| d.subdir.as_ref())
            .map_or_else(String::new, |s| path_components(&s.text).join("\\"));
        let shown = |s: &str| {
            if s.is_empty() {
                "the package root".to_owned()
            } else {
                format!("`{s}`")
            }
        };
        let mut f = Finding::at(
            op.span,
            format!("`{}` lies in {} of the package but DestinationDirs puts it in {} of DIRID 13", op.dest_name, shown(&subdir), shown(&dest)),
        )
        .help("make the DestinationDirs subdirectory equal to the SourceDisksFiles subdirectory (the driver store keeps the package layout)")
        .targets(target_labels(cx, all, arches));
        if let Some(d) = &op.dest {
            f = f.label(d.line.span, "destination set here");
        }
        out.push(f);
    }
}
