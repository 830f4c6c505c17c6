//! DCK0211: a SourceDisksFiles entry whose file is not in the package folder.

use std::path::{Path, PathBuf};

use inf_parser::directives::{SourceDiskFile, SourceDiskName};
use inf_parser::Inf;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::reach::path_components;

use super::{escapes_package, every_source_disk_file};

/// SourceDisksNames flag 0x10: field 2 is a cabinet file (the files are inside it).
const DISK_IS_CABINET: u32 = 0x10;

declare_rule! {
    /// ## What it does
    /// Looks for the file of every `[SourceDisksFiles]` entry where Windows will look for it:
    /// the INF's folder, then the disk's path (`[SourceDisksNames]` field 4), then the entry's
    /// subdirectory, then the file name — matching names case-insensitively, as Windows does.
    /// Flags the files that are not there.
    ///
    /// The check runs only when the INF's folder looks like a built driver package: more than
    /// half of the files the entries describe (and at least one) are present. A source tree,
    /// where the binaries are not built yet, is skipped quietly, as are `.inx` files, entries on
    /// cabinet disks, and paths that leave the package (DCK0212's finding; difcheck never reads
    /// outside the INF's folder).
    ///
    /// ## Why is this bad?
    /// A listed file that is not in the package makes the catalog step (Inf2Cat) and the driver
    /// store import fail, or installs a package without the file. It is usually a file the
    /// build did not produce or did not copy next to the INF, or a subdirectory that does not
    /// match the package layout. InfVerif does not look at the package's files; difcheck reports
    /// it as an error in every profile.
    ///
    /// ## Example
    /// ```inf
    /// ; the package folder holds widget.inf and x64\widget.sys
    /// [SourceDisksFiles]
    /// widget.sys = 1
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// ; the package folder holds widget.inf and x64\widget.sys
    /// [SourceDisksFiles]
    /// widget.sys = 1,x64
    /// ```
    ///
    /// ## References
    /// - [INF SourceDisksFiles section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section)
    /// - [INF SourceDisksNames section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksnames-section)
    /// - [Inf2Cat](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf2cat)
    pub static SOURCE_FILE_MISSING_FROM_PACKAGE = {
        code: "DCK0211",
        name: "source-file-missing-from-package",
        category: Files,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: PackageFiles,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section",
        summary: "SourceDisksFiles entry whose file is not in the package folder",
        check: check,
    }
}

/// The disk line an entry uses: the entry's architecture's, else the undecorated one.
fn disk_of(inf: &Inf, file: &SourceDiskFile) -> Option<SourceDiskName> {
    let id = *file.disk_id.as_ref().ok()?;
    match file.arch {
        Some(arch) => inf.source_disks_name(id, arch),
        None => inf
            .source_disks_names(None)
            .into_iter()
            .find(|d| d.disk_id.as_ref().ok() == Some(&id)),
    }
}

fn is_cabinet(disk: &SourceDiskName) -> bool {
    let flagged = disk
        .flags_text
        .as_ref()
        .and_then(|f| inf_parser::directives::setup_int(&f.text).ok())
        .is_some_and(|v| v & DISK_IS_CABINET != 0);
    let cab_name = disk
        .tag_or_cab
        .as_ref()
        .is_some_and(|t| t.text.trim().to_ascii_lowercase().ends_with(".cab"));
    flagged || cab_name
}

/// The relative path of an entry's file, as components, when it stays inside the package.
fn relative_path(inf: &Inf, file: &SourceDiskFile) -> Option<Vec<String>> {
    let disk = disk_of(inf, file)?;
    if is_cabinet(&disk) {
        return None;
    }
    let pieces = [
        disk.path.as_ref().map(|p| p.text.clone()),
        file.subdir.as_ref().map(|s| s.text.clone()),
        Some(file.file.text.clone()),
    ];
    let mut out = Vec::new();
    for piece in pieces.into_iter().flatten() {
        if escapes_package(&piece).is_some() || piece.contains('%') {
            return None;
        }
        out.extend(path_components(&piece).into_iter().map(str::to_owned));
    }
    (!out.is_empty()).then_some(out)
}

/// Whether `components` name an entry below `root`, matching each name case-insensitively.
/// Directories are entered only if they are real directories (symbolic links are not followed),
/// so nothing outside `root` is read.
fn exists_below(root: &Path, components: &[String]) -> bool {
    let mut dir: PathBuf = root.to_path_buf();
    for (i, comp) in components.iter().enumerate() {
        let last = i + 1 == components.len();
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return false;
        };
        let found = entries
            .flatten()
            .find(|e| e.file_name().to_string_lossy().eq_ignore_ascii_case(comp));
        let Some(entry) = found else { return false };
        let Ok(kind) = entry.file_type() else {
            return false;
        };
        if last {
            return kind.is_file() || kind.is_symlink();
        }
        if !kind.is_dir() {
            return false;
        }
        dir = entry.path();
    }
    false
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if cx.is_inx {
        return;
    }
    let Some(root) = cx.package_dir else { return };
    let mut items: Vec<(&SourceDiskFile, String, bool)> = Vec::new();
    let files = every_source_disk_file(cx);
    for f in files.iter() {
        if f.file.text.trim().is_empty() {
            continue;
        }
        let Some(path) = relative_path(cx.inf, f) else {
            continue;
        };
        let shown = path.join("\\");
        if items.iter().any(|(_, p, _)| p.eq_ignore_ascii_case(&shown)) {
            continue;
        }
        let exists = exists_below(root, &path);
        items.push((f, shown, exists));
    }
    let present = items.iter().filter(|(_, _, e)| *e).count();
    // Only a folder where most described files are present is taken for a built package.
    if present == 0 || present * 2 <= items.len() {
        return;
    }
    for (f, path, exists) in items {
        if !exists {
            out.push(
                Finding::at(f.file.span, format!("`{path}` is not in the package folder"))
                    .help("build or copy the file into the package at that path, or fix the SourceDisksFiles subdirectory or SourceDisksNames path"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::exists_below;

    #[test]
    fn case_insensitive_lookup_stays_below_the_root() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("X64")).unwrap();
        std::fs::write(dir.path().join("X64").join("Widget.SYS"), b"").unwrap();
        assert!(exists_below(
            dir.path(),
            &["x64".into(), "widget.sys".into()]
        ));
        assert!(!exists_below(dir.path(), &["widget.sys".into()]));
        assert!(!exists_below(dir.path(), &["x64".into()]));
    }
}
