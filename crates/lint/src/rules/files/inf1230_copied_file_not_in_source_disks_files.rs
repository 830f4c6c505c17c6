//! INF1230: a copied file that the applicable SourceDisksFiles section does not list.

use std::collections::BTreeMap;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::reach::{arch_list, target_labels, ArchSet, InstallGraph};

use super::{copy_ops, uses_layout_file, CopyOp};

declare_rule! {
    /// ## What it does
    /// For every file the INF copies (file-list lines and `CopyFiles=@file`), on every
    /// architecture the copying install section is used on, looks the source file name up the
    /// way Windows does: first in `[SourceDisksFiles.<arch>]`, then in `[SourceDisksFiles]`.
    /// Flags the copies whose file is found in neither, naming the architectures.
    ///
    /// ## Why is this bad?
    /// Without a SourceDisksFiles entry Windows does not know where the file is in the package:
    /// the copy fails on that architecture, and the file is not part of the signed package.
    /// The usual cause is a `[SourceDisksFiles.amd64]` section without a matching
    /// `[SourceDisksFiles.arm64]` (or undecorated) section for another architecture the INF
    /// installs on. InfVerif reports it as error 1230. INFs that name a `LayoutFile` (system
    /// INFs) are skipped: their files are described in the layout file. A Models decoration
    /// without an architecture (`NT`, `NT.6.1`) applies on every architecture; difcheck checks
    /// it on x86, amd64 and arm64, and on any other architecture the INF's decorations name.
    ///
    /// ## Example
    /// ```inf
    /// [Manufacturer]
    /// %Contoso% = Widget, NTamd64, NTarm64
    ///
    /// [SourceDisksFiles.amd64]
    /// widget.sys = 1
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Manufacturer]
    /// %Contoso% = Widget, NTamd64, NTarm64
    ///
    /// [SourceDisksFiles]
    /// widget.sys = 1
    /// ```
    ///
    /// ## References
    /// - [INF SourceDisksFiles section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section)
    /// - [INF validation errors and warnings (1230)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static COPIED_FILE_NOT_IN_SOURCE_DISKS_FILES = {
        code: "INF1230",
        name: "copied-file-not-in-source-disks-files",
        category: Files,
        infverif: Some(1230),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section",
        summary: "Copied file missing from the applicable SourceDisksFiles section",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if uses_layout_file(cx.inf) {
        return;
    }
    let graph = InstallGraph::shared(cx);
    let all = graph.arches();
    // Per copy site: (architectures it is used on, architectures where the file is missing).
    let mut sites: BTreeMap<(u32, u32), (ArchSet, ArchSet, CopyOp)> = BTreeMap::new();
    for op in copy_ops(cx).iter() {
        if op.source_name.is_empty() {
            continue;
        }
        let used = graph.arches_of(op.root);
        let mut missing = ArchSet::default();
        for arch in used.iter() {
            if cx.inf.source_disks_file(&op.source_name, arch).is_none() {
                missing.insert(arch);
            }
        }
        let entry = sites
            .entry(op.site())
            .or_insert_with(|| (ArchSet::default(), ArchSet::default(), op.clone()));
        entry.0 = entry.0.union(used);
        entry.1 = entry.1.union(missing);
    }
    for (_, (used, missing, op)) in sites {
        if missing.is_empty() {
            continue;
        }
        let message = if missing == used {
            format!(
                "`{}` is copied but no `[SourceDisksFiles]` section lists it",
                op.source_name
            )
        } else {
            format!(
                "`{}` is copied on {} but no `[SourceDisksFiles]` section for {} lists it",
                op.source_name,
                arch_list(used),
                arch_list(missing)
            )
        };
        let sections: Vec<String> = missing
            .iter()
            .map(|a| format!("`[SourceDisksFiles.{}]`", a.name()))
            .collect();
        out.push(
            Finding::at(op.source_span, message)
                .help(format!(
                    "add `{} = <disk-id>` to `[SourceDisksFiles]` or to {}",
                    op.source_name,
                    sections.join(", ")
                ))
                .targets(target_labels(cx, all, missing)),
        );
    }
}
