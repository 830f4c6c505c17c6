//! Where an installer DLL comes from: the `CopyFiles` that copy it (and to which DIRID, through
//! `[DestinationDirs]`) and its `[SourceDisksFiles]` / `[SourceDisksNames]` entries
//! (dif-model.md INF-16, INF-17, INF-18).

use inf_parser::directives::{
    CopyFilesValue, DestinationDir, DestinationDirs, DiridError, SourceLine,
};
use inf_parser::{eq_fold, Arch, Inf, NumberError, Span};
use serde::Serialize;

/// A `CopyFiles` that copies an installer's DLL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CopyInfo {
    /// The section holding the `CopyFiles=` directive, as named in the INF.
    pub section: String,
    /// The `CopyFiles=` line.
    pub copyfiles_line: SourceLine,
    /// The directive value that leads to the DLL: a file-list section name, or `@file`.
    pub copyfiles_span: Span,
    /// The file-list section, or `None` for a direct `@file` copy.
    pub file_list: Option<String>,
    /// The file-list line naming the DLL (`None` for `@file`).
    pub file_line: Option<SourceLine>,
    /// The destination file name.
    pub destination: String,
    /// The source file name (the file-list line's field 2, else the destination name).
    pub source_name: String,
    /// The destination DIRID, when a DestinationDirs line gives a usable one.
    pub dirid: Option<i64>,
    /// Where the DIRID comes from.
    pub dirid_origin: DiridOrigin,
    /// Why the DestinationDirs value is not a usable DIRID, when it is not.
    pub dirid_error: Option<DiridError>,
    /// The DestinationDirs subdirectory, when given.
    pub subdir: Option<String>,
}

/// Which `[DestinationDirs]` line sets a copy's destination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum DiridOrigin {
    /// The file-list section's own line.
    FileList {
        /// The DestinationDirs line.
        line: SourceLine,
    },
    /// The `DefaultDestDir` line.
    DefaultDestDir {
        /// The DestinationDirs line.
        line: SourceLine,
    },
    /// No line applies (the INF has no DestinationDirs entry for it; Wine then copies to
    /// DIRID 11).
    Unspecified,
}

impl DiridOrigin {
    /// The DestinationDirs line, when one applies.
    pub fn line(&self) -> Option<SourceLine> {
        match self {
            DiridOrigin::FileList { line } | DiridOrigin::DefaultDestDir { line } => Some(*line),
            DiridOrigin::Unspecified => None,
        }
    }
}

/// The SourceDisksFiles entry of an installer's DLL on the chain's architecture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceDiskEntry {
    /// The file name looked up (the copy's source name, else the DLL's file name).
    pub file: String,
    /// The SourceDisksFiles line.
    pub line: SourceLine,
    /// The architecture of the section it was found in (`None`: `[SourceDisksFiles]`).
    pub section_arch: Option<Arch>,
    /// The disk id, or why it is not one.
    pub disk_id: Result<u32, NumberError>,
    /// Whether SourceDisksNames (for the architecture, else undecorated) lists that disk.
    pub disk_listed: bool,
    /// The SourceDisksNames line of the disk, when listed.
    pub disk_line: Option<SourceLine>,
    /// The disk's path relative to the package root (SourceDisksNames field 4), when given.
    pub disk_path: Option<String>,
    /// The file's subdirectory relative to the disk's path (SourceDisksFiles field 2), when given.
    pub subdir: Option<String>,
}

impl SourceDiskEntry {
    /// Where the file is expected in the package, relative to the INF's folder:
    /// `disk-path\subdir\file` with empty parts left out and `\` as separator.
    pub fn package_path(&self) -> String {
        [
            self.disk_path.as_deref(),
            self.subdir.as_deref(),
            Some(self.file.as_str()),
        ]
        .into_iter()
        .flatten()
        .map(|p| p.trim().trim_matches('\\'))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\\")
    }
}

/// Every file copied by every `CopyFiles` of the INF, indexed once per chain.
#[derive(Debug, Clone, Default)]
pub(crate) struct CopyIndex {
    copies: Vec<CopyInfo>,
}

impl CopyIndex {
    /// Reads every CopyFiles directive of every section.
    pub(crate) fn build(inf: &Inf) -> CopyIndex {
        let dirs = inf.destination_dirs();
        let mut copies = Vec::new();
        for section in inf.sections() {
            for line in inf.find_lines(&section.name, "CopyFiles") {
                let copyfiles_line = SourceLine::of(&line);
                let values = inf_parser::directives::FieldValue::fields_from(&line, 1);
                for value in values {
                    let classified = classify(inf, value);
                    collect(
                        inf,
                        &dirs,
                        &section.name,
                        copyfiles_line,
                        classified,
                        &mut copies,
                    );
                }
            }
        }
        CopyIndex { copies }
    }

    /// The copies of `dll` (compared by file name, case-insensitively), those made by
    /// `section`'s own CopyFiles first.
    pub(crate) fn of(&self, dll_file: &str, section: &str) -> (Option<CopyInfo>, Vec<CopyInfo>) {
        let mut own = None;
        let mut elsewhere = Vec::new();
        for copy in self
            .copies
            .iter()
            .filter(|c| eq_fold(&c.destination, dll_file))
        {
            if own.is_none() && eq_fold(&copy.section, section) {
                own = Some(copy.clone());
            } else {
                elsewhere.push(copy.clone());
            }
        }
        (own, elsewhere)
    }
}

/// Classifies one CopyFiles value the way [`Inf::copy_files`] does.
fn classify(inf: &Inf, value: inf_parser::directives::FieldValue) -> CopyFilesValue {
    if value.text.is_empty() {
        CopyFilesValue::Empty { value }
    } else if let Some(file) = value.text.strip_prefix('@') {
        CopyFilesValue::File {
            file: file.to_owned(),
            value,
        }
    } else {
        CopyFilesValue::Section {
            exists: inf.has_section(&value.text),
            value,
        }
    }
}

fn collect(
    inf: &Inf,
    dirs: &DestinationDirs,
    section: &str,
    copyfiles_line: SourceLine,
    value: CopyFilesValue,
    out: &mut Vec<CopyInfo>,
) {
    match value {
        CopyFilesValue::Empty { .. } => {}
        CopyFilesValue::File { value, file } => {
            let (dirid, dirid_origin, dirid_error, subdir) = destination(dirs.default_dir(), true);
            out.push(CopyInfo {
                section: section.to_owned(),
                copyfiles_line,
                copyfiles_span: value.span,
                file_list: None,
                file_line: None,
                source_name: file.clone(),
                destination: file,
                dirid,
                dirid_origin,
                dirid_error,
                subdir,
            });
        }
        CopyFilesValue::Section { value, exists } => {
            if !exists {
                return;
            }
            let own = dirs.explicit(&value.text);
            let (dirid, dirid_origin, dirid_error, subdir) = match own {
                Some(line) => destination(Some(line), false),
                None => destination(dirs.default_dir(), true),
            };
            for entry in inf.file_list(&value.text) {
                if entry.destination.text.trim().is_empty() {
                    continue;
                }
                out.push(CopyInfo {
                    section: section.to_owned(),
                    copyfiles_line,
                    copyfiles_span: value.span,
                    file_list: Some(value.text.clone()),
                    file_line: Some(entry.line),
                    destination: entry.destination.text.trim().to_owned(),
                    source_name: entry.source_name().trim().to_owned(),
                    dirid,
                    dirid_origin: dirid_origin.clone(),
                    dirid_error: dirid_error.clone(),
                    subdir: subdir.clone(),
                });
            }
        }
    }
}

type Destination = (Option<i64>, DiridOrigin, Option<DiridError>, Option<String>);

fn destination(line: Option<&DestinationDir>, default: bool) -> Destination {
    let Some(line) = line else {
        return (None, DiridOrigin::Unspecified, None, None);
    };
    let origin = if default {
        DiridOrigin::DefaultDestDir { line: line.line }
    } else {
        DiridOrigin::FileList { line: line.line }
    };
    let subdir = line.subdir.as_ref().map(|s| s.text.clone());
    match &line.dirid {
        Ok(id) => (Some(*id), origin, None, subdir),
        Err(e) => (None, origin, Some(e.clone()), subdir),
    }
}

/// The SourceDisksFiles entry for `file` on `arch` (decorated section first), with its disk.
pub(crate) fn source_disk(inf: &Inf, file: &str, arch: Arch) -> Option<SourceDiskEntry> {
    let entry = inf.source_disks_file(file, arch)?;
    let disk = entry
        .disk_id
        .as_ref()
        .ok()
        .and_then(|&id| inf.source_disks_name(id, arch));
    Some(SourceDiskEntry {
        file: file.to_owned(),
        line: entry.line,
        section_arch: entry.arch,
        disk_id: entry.disk_id,
        disk_listed: disk.is_some(),
        disk_path: disk
            .as_ref()
            .and_then(|d| d.path.as_ref())
            .map(|p| p.text.clone()),
        disk_line: disk.map(|d| d.line),
        subdir: entry.subdir.map(|s| s.text),
    })
}
