//! CopyFiles, DelFiles, RenFiles, DestinationDirs, SourceDisksNames and SourceDisksFiles: what
//! the INF copies, from where, to where, on which architectures.
//!
//! [`copy_ops`] lists every file copy Windows performs for the install graph
//! ([`crate::rules::registry::reach`]), with its destination; the rules here, and the services,
//! universal and isolation rules, read it.

pub mod dck0210_source_file_never_copied;
pub mod dck0211_source_file_missing_from_package;
pub mod dck0212_path_outside_package;
pub mod inf1008_invalid_disk_id;
pub mod inf1016_invalid_source_path;
pub mod inf1100_driver_store_copy_mismatch;
pub mod inf1102_file_operation_on_driver_store;
pub mod inf1213_catalog_in_source_disks_files;
pub mod inf1229_file_entry_without_name;
pub mod inf1230_copied_file_not_in_source_disks_files;
pub mod inf1231_compressed_source_file;
pub mod inf1241_user_defined_dirid;
pub mod inf1242_unresolvable_dirid;
pub mod inf1243_unsupported_dirid;
pub mod inf1273_disk_not_in_source_disks_names;
pub mod inf1275_no_destination_dir;
pub mod inf1330_conflicting_copy_sources;
pub mod inf1340_deprecated_destination_dirid;
pub mod inf1341_deprecated_dirid_reference;

use std::collections::HashSet;
use std::rc::Rc;

use inf_parser::directives::{
    CopyFilesValue, DestinationDir, DestinationDirs, FieldValue, SourceDiskFile,
};
use inf_parser::dirid::dirid_info;
use inf_parser::{Arch, Inf, Span};

use crate::context::Context;
use crate::rules::registry::reach::{normalized_path, path_components, InstallGraph};

/// One file copy Windows performs.
#[derive(Debug, Clone)]
pub(crate) struct CopyOp {
    /// The root it is processed for ([`InstallGraph::roots`]).
    pub(crate) root: usize,
    /// The `CopyFiles=` value.
    pub(crate) directive: FieldValue,
    /// The file-list line (index in the syntax tree), for a file-list entry.
    pub(crate) entry_line: Option<u32>,
    /// The destination file name.
    pub(crate) dest_name: String,
    /// The source file name (the destination name when field 2 is empty).
    pub(crate) source_name: String,
    /// Where the source name is written (field 2, or the destination field, or the `@file`).
    pub(crate) source_span: Span,
    /// The file-list line, or the `@file` value.
    pub(crate) span: Span,
    /// Where the file goes: the section's own DestinationDirs line, or DefaultDestDir.
    pub(crate) dest: Option<DestinationDir>,
}

impl CopyOp {
    /// The key that identifies the copy across roots: the file-list line, or the `@file` value.
    pub(crate) fn site(&self) -> (u32, u32) {
        match self.entry_line {
            Some(l) => (l, 0),
            None => (u32::MAX, self.span.start),
        }
    }

    /// The DIRID the file goes to, when DestinationDirs gives a number.
    pub(crate) fn dirid(&self) -> Option<i64> {
        self.dest
            .as_ref()
            .and_then(|d| d.dirid.as_ref().ok().copied())
    }

    /// The destination subdirectory, normalized ([`normalized_path`]).
    pub(crate) fn dest_subdir(&self) -> String {
        self.dest
            .as_ref()
            .and_then(|d| d.subdir.as_ref())
            .map_or_else(String::new, |s| normalized_path(&s.text))
    }
}

/// Every file copy Windows performs for the install graph: once per (copy, root).
pub(crate) fn copy_ops(cx: &Context<'_>) -> Rc<[CopyOp]> {
    cx.cached(|cx| CopyOps(read_copy_ops(cx.inf, &InstallGraph::shared(cx)).into()))
        .0
        .clone()
}

/// The values of [`copy_ops`], cached per file.
struct CopyOps(Rc<[CopyOp]>);

fn read_copy_ops(inf: &Inf, graph: &InstallGraph) -> Vec<CopyOp> {
    let dirs = inf.destination_dirs();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for p in graph.file_sites() {
        for value in inf.copy_files(&p.section) {
            for op in ops_of(inf, &dirs, value, p.root) {
                if seen.insert((op.site(), op.root)) {
                    out.push(op);
                }
            }
        }
    }
    out
}

/// Every file copy of every `CopyFiles=` line anywhere in the INF, reached or not (root 0 is
/// a placeholder; read only the names).
pub(crate) fn every_copy_op(cx: &Context<'_>) -> Rc<[CopyOp]> {
    cx.cached(|cx| EveryCopyOp(read_every_copy_op(cx.inf).into()))
        .0
        .clone()
}

/// The values of [`every_copy_op`], cached per file.
struct EveryCopyOp(Rc<[CopyOp]>);

fn read_every_copy_op(inf: &Inf) -> Vec<CopyOp> {
    let dirs = inf.destination_dirs();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for s in inf.sections() {
        if inf_parser::is_strings_section_name(&s.name) {
            continue;
        }
        for value in inf.copy_files_in(s) {
            for op in ops_of(inf, &dirs, value, 0) {
                if seen.insert(op.site()) {
                    out.push(op);
                }
            }
        }
    }
    out
}

fn ops_of(inf: &Inf, dirs: &DestinationDirs, value: CopyFilesValue, root: usize) -> Vec<CopyOp> {
    match value {
        CopyFilesValue::File { value, file } => {
            let name = file.trim().to_owned();
            vec![CopyOp {
                root,
                entry_line: None,
                dest_name: name.clone(),
                source_name: name,
                source_span: value.span,
                span: value.span,
                dest: dirs.default_dir().cloned(),
                directive: value,
            }]
        }
        CopyFilesValue::Section {
            value,
            exists: true,
        } => {
            let Some(section) = inf.section(&value.text) else {
                return Vec::new();
            };
            let dest = dirs.for_section(&section.name).cloned();
            inf.file_list(&section.name)
                .into_iter()
                .map(|e| CopyOp {
                    root,
                    directive: value.clone(),
                    entry_line: Some(e.line.index),
                    dest_name: e.destination.text.trim().to_owned(),
                    source_name: e.source_name().trim().to_owned(),
                    source_span: e.source.as_ref().map_or(e.destination.span, |s| s.span),
                    span: e.line.span,
                    dest: dest.clone(),
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Where a file-list directive (`DelFiles=`, `RenFiles=`) of a processed section points.
pub(crate) struct FileListRef {
    /// The directive name (`DelFiles`, `RenFiles`, `CopyFiles`).
    pub(crate) directive: &'static str,
    /// The value naming the section.
    pub(crate) value: FieldValue,
}

/// Every `CopyFiles=`, `DelFiles=` and `RenFiles=` value of the processed sections (`@file`
/// and empty values included), once per (value, root).
pub(crate) fn file_list_refs(inf: &Inf, graph: &InstallGraph) -> Vec<FileListRef> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for p in graph.file_sites() {
        for directive in ["CopyFiles", "DelFiles", "RenFiles"] {
            for value in inf.directive_values(&p.section, directive) {
                if seen.insert((value.line, value.field, p.root)) {
                    out.push(FileListRef { directive, value });
                }
            }
        }
    }
    out
}

/// Whether the INF names a layout file (system INFs): its files are described there, not in
/// its own SourceDisksFiles sections.
pub(crate) fn uses_layout_file(inf: &Inf) -> bool {
    inf.find_line("Version", "LayoutFile").is_some()
}

/// Every SourceDisksFiles entry of every recognized section (undecorated and `.<arch>`).
pub(crate) fn every_source_disk_file(cx: &Context<'_>) -> Rc<[SourceDiskFile]> {
    cx.cached(|cx| {
        let inf = cx.inf;
        let mut out = inf.source_disks_files(None);
        for arch in Arch::ALL {
            out.extend(inf.source_disks_files(Some(arch)));
        }
        SourceDiskFiles(out.into())
    })
    .0
    .clone()
}

/// The values of [`every_source_disk_file`], cached per file.
struct SourceDiskFiles(Rc<[SourceDiskFile]>);

/// Where a SourceDisksFiles entry says the file is, relative to the INF folder, on `arch`: the
/// disk's path (SourceDisksNames field 4) and the entry's subdirectory, as components. `None`
/// when the disk is not described.
pub(crate) fn source_location(
    inf: &Inf,
    file: &SourceDiskFile,
    arch: Arch,
) -> Option<(Vec<String>, Vec<String>)> {
    let id = *file.disk_id.as_ref().ok()?;
    let disk = inf.source_disks_name(id, arch)?;
    let disk_path = disk.path.as_ref().map_or(Vec::new(), |p| {
        path_components(&p.text)
            .into_iter()
            .map(str::to_owned)
            .collect()
    });
    let subdir = file.subdir.as_ref().map_or(Vec::new(), |p| {
        path_components(&p.text)
            .into_iter()
            .map(str::to_owned)
            .collect()
    });
    Some((disk_path, subdir))
}

/// A path that leaves the package: a `..` component, a drive letter (`C:`), or a UNC / device
/// path (`\\server`). Returns what makes it leave, for messages.
pub(crate) fn escapes_package(path: &str) -> Option<&'static str> {
    let t = path.trim();
    if t.starts_with("\\\\") || t.starts_with("//") {
        return Some("is a UNC path");
    }
    let b = t.as_bytes();
    if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' {
        return Some("is an absolute path");
    }
    if path_components(t).contains(&"..") {
        return Some("climbs out of the package with `..`");
    }
    None
}

/// How a DIRID is classified for resolution (using-dirids.md; inf-syntax.md §2.9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DiridClass {
    /// A documented system or printer DIRID.
    Standard,
    /// A shell-folder DIRID (0x4000 + CSIDL).
    ShellFolder,
    /// User-defined: 32768–65534 and 65536 and above (set only by SetupSetDirectoryId code).
    UserDefined,
    /// Reserved for the system and not documented.
    Unsupported,
}

/// Classifies a DIRID number.
pub(crate) fn classify_dirid(id: i64) -> DiridClass {
    if dirid_info(id).is_some() {
        DiridClass::Standard
    } else if (16384..16384 + 0x40).contains(&id) {
        // CSIDL values run from 0 to 0x3F.
        DiridClass::ShellFolder
    } else if (32768..=65534).contains(&id) || id >= 65536 {
        DiridClass::UserDefined
    } else {
        DiridClass::Unsupported
    }
}

/// The DestinationDirs lines the copy, delete and rename operations of the processed sections
/// use, each with one referencing value (for a label), in file order.
pub(crate) fn used_destination_dirs(
    inf: &Inf,
    graph: &InstallGraph,
) -> Vec<(DestinationDir, FieldValue)> {
    let dirs = inf.destination_dirs();
    let mut out: Vec<(DestinationDir, FieldValue)> = Vec::new();
    for r in file_list_refs(inf, graph) {
        if r.value.text.trim().is_empty() {
            continue;
        }
        let dest = if r.value.text.starts_with('@') {
            dirs.default_dir()
        } else {
            match inf.section(&r.value.text) {
                Some(s) => dirs.for_section(&s.name),
                None => continue,
            }
        };
        if let Some(d) = dest {
            if !out.iter().any(|(o, _)| o.line.index == d.line.index) {
                out.push((d.clone(), r.value));
            }
        }
    }
    out.sort_by_key(|(d, _)| d.line.span.start);
    out
}

/// A destination directory in a form where equal directories compare equal: a path under the
/// Windows directory for DIRIDs 10, 11 and 12 (so `11` and `10,system32` match), else the DIRID
/// with the subdirectory. `subdir` must be normalized ([`normalized_path`]).
pub(crate) fn canonical_dir(dirid: i64, subdir: &str) -> String {
    let base = match dirid {
        10 => "",
        11 => "system32",
        12 => "system32\\drivers",
        other => return format!("{other}:{subdir}"),
    };
    match (base.is_empty(), subdir.is_empty()) {
        (true, _) => format!("10:{subdir}"),
        (false, true) => format!("10:{base}"),
        (false, false) => format!("10:{base}\\{subdir}"),
    }
}

/// The span of a DestinationDirs line's DIRID field (or the line).
pub(crate) fn dirid_span(d: &DestinationDir) -> Span {
    d.dirid_text.as_ref().map_or(d.line.span, |f| f.span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(
            escapes_package("..\\bin"),
            Some("climbs out of the package with `..`")
        );
        assert_eq!(escapes_package("C:\\drivers"), Some("is an absolute path"));
        assert_eq!(escapes_package("\\\\server\\share"), Some("is a UNC path"));
        assert_eq!(escapes_package("\\amd64"), None);
        assert_eq!(escapes_package("sub\\dir"), None);
    }

    #[test]
    fn dirid_classes() {
        assert_eq!(classify_dirid(13), DiridClass::Standard);
        assert_eq!(classify_dirid(66000), DiridClass::Standard);
        assert_eq!(classify_dirid(16422), DiridClass::Standard);
        assert_eq!(classify_dirid(16416), DiridClass::ShellFolder);
        assert_eq!(classify_dirid(40000), DiridClass::UserDefined);
        assert_eq!(classify_dirid(65536), DiridClass::UserDefined);
        assert_eq!(classify_dirid(14), DiridClass::Unsupported);
        assert_eq!(classify_dirid(20000), DiridClass::Unsupported);
    }
}
