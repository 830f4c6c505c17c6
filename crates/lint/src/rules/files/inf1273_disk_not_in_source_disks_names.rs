//! INF1273: a SourceDisksFiles entry whose disk is not in SourceDisksNames.

use inf_parser::Arch;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::reach::{arch_list, current, target_labels, ArchSet, InstallGraph};

use super::every_source_disk_file;

declare_rule! {
    /// ## What it does
    /// For every `[SourceDisksFiles]` and `[SourceDisksFiles.<arch>]` entry with a valid disk
    /// id, looks the disk up the way Windows does — `[SourceDisksNames.<arch>]`, then
    /// `[SourceDisksNames]` — on the entry's architecture (every architecture the INF installs
    /// on, for an undecorated entry), and flags the entries whose disk is described nowhere.
    ///
    /// ## Why is this bad?
    /// The disk's SourceDisksNames line gives the path of the files relative to the INF. Without
    /// it Windows cannot locate the file and the copy fails. InfVerif reports it as error 1273.
    ///
    /// ## Example
    /// ```inf
    /// [SourceDisksNames]
    /// 1 = %DiskName%
    ///
    /// [SourceDisksFiles]
    /// widget.sys = 2
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [SourceDisksNames]
    /// 1 = %DiskName%
    ///
    /// [SourceDisksFiles]
    /// widget.sys = 1
    /// ```
    ///
    /// ## References
    /// - [INF SourceDisksNames section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksnames-section)
    /// - [INF SourceDisksFiles section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section)
    /// - [INF validation errors and warnings (1273)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static DISK_NOT_IN_SOURCE_DISKS_NAMES = {
        code: "INF1273",
        name: "disk-not-in-source-disks-names",
        category: Files,
        infverif: Some(1273),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksnames-section",
        summary: "SourceDisksFiles entry names a disk that SourceDisksNames does not describe",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = InstallGraph::shared(cx);
    let installs_on = if graph.arches().is_empty() {
        current()
    } else {
        graph.arches()
    };
    for f in every_source_disk_file(cx).iter() {
        let Ok(id) = f.disk_id else { continue };
        let arches = match f.arch {
            Some(a) => ArchSet::of(a),
            None => installs_on,
        };
        let mut missing = ArchSet::default();
        for arch in arches.iter() {
            if cx.inf.source_disks_name(id, arch).is_none() {
                missing.insert(arch);
            }
        }
        if missing.is_empty() {
            continue;
        }
        let span = f.disk_id_text.as_ref().map_or(f.line.span, |d| d.span);
        let where_ = if f.arch.is_some() || missing == arches {
            String::new()
        } else {
            format!(" for {}", arch_list(missing))
        };
        let decorated: Option<Arch> = f.arch;
        let section = match decorated {
            Some(a) => format!("`[SourceDisksNames.{}]` or `[SourceDisksNames]`", a.name()),
            None => "`[SourceDisksNames]`".to_owned(),
        };
        out.push(
            Finding::at(
                span,
                format!(
                    "disk {id} of `{}` is not described in SourceDisksNames{where_}",
                    f.file.text.trim()
                ),
            )
            .help(format!("add `{id} = %DiskName%` to {section}"))
            .targets(target_labels(cx, graph.arches(), missing)),
        );
    }
}
