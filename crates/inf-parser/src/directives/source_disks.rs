//! `[SourceDisksNames[.arch]]` and `[SourceDisksFiles[.arch]]` (inf-syntax.md §3.5, §4.8).
//!
//! These sections take a bare architecture suffix (`.amd64`), never `.nt<arch>`; lookups fall
//! back per entry from `Section.<arch>` to the undecorated `Section`.

use serde::Serialize;

use super::{FieldValue, SourceLine};
use crate::grammar::NumberError;
use crate::target::Arch;
use crate::{Inf, LineRef, Name, Span};

const NAMES: &str = "SourceDisksNames";
const FILES: &str = "SourceDisksFiles";

/// How a `SourceDisksNames…` / `SourceDisksFiles…` section name is decorated.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "value")]
pub enum SourceDisksSectionKind {
    /// No decoration: used on every architecture for entries the decorated section lacks.
    Undecorated,
    /// `.x86`, `.amd64`, `.arm`, `.arm64` or `.ia64`.
    Arch(Arch),
    /// Any other suffix (e.g. `.ntamd64`, `.x64`): Windows never reads it.
    Unrecognized(String),
}

/// A SourceDisksNames or SourceDisksFiles section of the INF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceDisksSection {
    /// The section name as first written.
    pub name: Name,
    /// Whether it is a SourceDisksFiles section (else SourceDisksNames).
    pub files: bool,
    /// Its decoration.
    pub kind: SourceDisksSectionKind,
}

/// One line of SourceDisksNames:
/// `diskid = description[,[tag-or-cab][,[unused][,path][,flags][,tag-file]]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceDiskName {
    /// Where the line is.
    pub line: SourceLine,
    /// The architecture of the section it is in (`None`: undecorated).
    pub arch: Option<Arch>,
    /// The key as written.
    pub disk_id_text: Option<FieldValue>,
    /// The disk id: a non-negative decimal 32-bit number.
    pub disk_id: Result<u32, NumberError>,
    /// Field 1, the disk description.
    pub description: Option<FieldValue>,
    /// Field 2, the tag or cabinet file.
    pub tag_or_cab: Option<FieldValue>,
    /// Field 4, the path relative to the installation root.
    pub path: Option<FieldValue>,
    /// Field 5, the flags as written (0x10: field 2 is a cabinet and field 6 the tag file).
    pub flags_text: Option<FieldValue>,
    /// Field 6, the tag file.
    pub tag_file: Option<FieldValue>,
}

impl SourceDiskName {
    /// Reads one SourceDisksNames line from a section of architecture `arch`.
    pub fn read(line: &LineRef<'_>, arch: Option<Arch>) -> SourceDiskName {
        let key = FieldValue::match_key(line);
        let nonempty = |n| FieldValue::field(line, n).filter(|f: &FieldValue| !f.is_empty());
        SourceDiskName {
            line: SourceLine::of(line),
            arch,
            disk_id: decimal_id(key.as_ref()),
            disk_id_text: key,
            description: FieldValue::field(line, 1),
            tag_or_cab: nonempty(2),
            path: nonempty(4),
            flags_text: nonempty(5),
            tag_file: nonempty(6),
        }
    }
}

/// One line of SourceDisksFiles: `filename = diskid[,[subdir][,size]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceDiskFile {
    /// Where the line is.
    pub line: SourceLine,
    /// The architecture of the section it is in (`None`: undecorated).
    pub arch: Option<Arch>,
    /// The file name (key, or the single field of a keyless line).
    pub file: FieldValue,
    /// Field 1 as written (`None` for a keyless line).
    pub disk_id_text: Option<FieldValue>,
    /// The disk id.
    pub disk_id: Result<u32, NumberError>,
    /// Field 2, the subdirectory relative to the disk's path, when given and not empty.
    pub subdir: Option<FieldValue>,
    /// Field 3, the size, when given and not empty.
    pub size: Option<FieldValue>,
}

impl SourceDiskFile {
    /// Reads one SourceDisksFiles line from a section of architecture `arch`.
    pub fn read(line: &LineRef<'_>, arch: Option<Arch>) -> SourceDiskFile {
        let file = FieldValue::match_key(line).unwrap_or_else(|| FieldValue {
            text: String::new(),
            span: Span::empty(line.span().start as usize),
            line: line.index(),
            field: 0,
        });
        let disk_id_text = if line.raw_key_field().is_some() {
            FieldValue::field(line, 1)
        } else {
            None
        };
        SourceDiskFile {
            line: SourceLine::of(line),
            arch,
            file,
            disk_id: decimal_id(disk_id_text.as_ref()),
            disk_id_text,
            subdir: FieldValue::field(line, 2).filter(|f| !f.is_empty()),
            size: FieldValue::field(line, 3).filter(|f| !f.is_empty()),
        }
    }
}

fn decimal_id(text: Option<&FieldValue>) -> Result<u32, NumberError> {
    let t = text.map_or("", |f| f.text.trim());
    if t.is_empty() {
        return Err(NumberError::Empty);
    }
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberError::NotANumber);
    }
    t.parse::<u32>().map_err(|_| NumberError::OutOfRange)
}

fn section_name(base: &str, arch: Option<Arch>) -> String {
    match arch {
        Some(a) => format!("{base}.{}", a.name()),
        None => base.to_owned(),
    }
}

impl Inf {
    /// Every SourceDisksNames / SourceDisksFiles section, with its decoration.
    pub fn source_disks_sections(&self) -> Vec<SourceDisksSection> {
        let mut out = Vec::new();
        for s in self.sections() {
            for (base, files) in [(NAMES, false), (FILES, true)] {
                let Some(head) = s.name.get(..base.len()) else {
                    continue;
                };
                if !head.eq_ignore_ascii_case(base) {
                    continue;
                }
                let rest = &s.name[base.len()..];
                let kind = if rest.is_empty() {
                    SourceDisksSectionKind::Undecorated
                } else if let Some(suffix) = rest.strip_prefix('.') {
                    Arch::parse(suffix).map_or_else(
                        || SourceDisksSectionKind::Unrecognized(suffix.to_owned()),
                        SourceDisksSectionKind::Arch,
                    )
                } else {
                    continue; // e.g. `SourceDisksNamesX`: another section altogether.
                };
                out.push(SourceDisksSection {
                    name: s.name.clone(),
                    files,
                    kind,
                });
            }
        }
        out
    }

    /// The lines of `[SourceDisksNames]` (`arch = None`) or `[SourceDisksNames.<arch>]`.
    pub fn source_disks_names(&self, arch: Option<Arch>) -> Vec<SourceDiskName> {
        self.lines(&section_name(NAMES, arch))
            .map(|l| SourceDiskName::read(&l, arch))
            .collect()
    }

    /// The lines of `[SourceDisksFiles]` (`arch = None`) or `[SourceDisksFiles.<arch>]`.
    pub fn source_disks_files(&self, arch: Option<Arch>) -> Vec<SourceDiskFile> {
        self.lines(&section_name(FILES, arch))
            .map(|l| SourceDiskFile::read(&l, arch))
            .collect()
    }

    /// The SourceDisksFiles entry Windows uses for `file` on `arch`: the first line with that
    /// key in `[SourceDisksFiles.<arch>]`, else in `[SourceDisksFiles]`.
    pub fn source_disks_file(&self, file: &str, arch: Arch) -> Option<SourceDiskFile> {
        [Some(arch), None].into_iter().find_map(|a| {
            self.find_line(&section_name(FILES, a), file)
                .map(|l| SourceDiskFile::read(&l, a))
        })
    }

    /// The SourceDisksNames entry Windows uses for disk `id` on `arch`: the line whose key is the
    /// decimal id in `[SourceDisksNames.<arch>]`, else in `[SourceDisksNames]`.
    pub fn source_disks_name(&self, id: u32, arch: Arch) -> Option<SourceDiskName> {
        let key = id.to_string();
        [Some(arch), None].into_iter().find_map(|a| {
            self.find_line(&section_name(NAMES, a), &key)
                .map(|l| SourceDiskName::read(&l, a))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_inf, InfOptions};

    fn inf(body: &str) -> Inf {
        parse_inf(
            format!("[Version]\nSignature=\"$Windows NT$\"\n{body}").as_bytes(),
            1252,
            InfOptions::default(),
        )
    }

    #[test]
    fn per_entry_fallback() {
        let inf = inf(
            "[SourceDisksNames]\n1=%D%,,,\\x86\n2=\"Disk 2\"\n[SourceDisksNames.amd64]\n1=%D%,,,\\amd64\n\
             [SourceDisksFiles.amd64]\na.sys=1\n[SourceDisksFiles]\na.sys=2,sub,1234\nb.sys=2\n[SourceDisksFiles.ntamd64]\nc.sys=1\n\
             [Strings]\nD=\"Disk\"\n",
        );
        let a = inf.source_disks_file("A.SYS", Arch::Amd64).unwrap();
        assert_eq!((a.disk_id, a.arch), (Ok(1), Some(Arch::Amd64)));
        let a = inf.source_disks_file("a.sys", Arch::X86).unwrap();
        assert_eq!((a.disk_id, a.arch), (Ok(2), None));
        assert_eq!(a.subdir.as_ref().unwrap().text, "sub");
        assert_eq!(a.size.as_ref().unwrap().text, "1234");
        assert_eq!(
            inf.source_disks_file("b.sys", Arch::Amd64).unwrap().disk_id,
            Ok(2)
        );
        assert!(inf.source_disks_file("c.sys", Arch::Amd64).is_none());
        let n = inf.source_disks_name(1, Arch::Amd64).unwrap();
        assert_eq!(n.path.as_ref().unwrap().text, "\\amd64");
        assert_eq!(n.description.as_ref().unwrap().text, "Disk");
        assert_eq!(inf.source_disks_name(2, Arch::Amd64).unwrap().arch, None);
        assert!(inf.source_disks_name(3, Arch::Amd64).is_none());
        let kinds: Vec<_> = inf
            .source_disks_sections()
            .into_iter()
            .map(|s| (s.files, s.kind))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (false, SourceDisksSectionKind::Undecorated),
                (false, SourceDisksSectionKind::Arch(Arch::Amd64)),
                (true, SourceDisksSectionKind::Arch(Arch::Amd64)),
                (true, SourceDisksSectionKind::Undecorated),
                (true, SourceDisksSectionKind::Unrecognized("ntamd64".into())),
            ]
        );
    }

    #[test]
    fn malformed_entries() {
        let inf =
            inf("[SourceDisksFiles]\nx.sys\ny.sys=one\nz.sys=-1\n[SourceDisksNames]\nA=d\n=d\n");
        let f = inf.source_disks_files(None);
        assert_eq!(f[0].file.text, "x.sys");
        assert_eq!(f[0].disk_id, Err(NumberError::Empty));
        assert_eq!(f[1].disk_id, Err(NumberError::NotANumber));
        assert_eq!(f[2].disk_id, Err(NumberError::NotANumber));
        let n = inf.source_disks_names(None);
        assert_eq!(n[0].disk_id, Err(NumberError::NotANumber));
        assert_eq!(n[1].disk_id, Err(NumberError::Empty));
        assert!(inf.source_disks_names(Some(Arch::Arm64)).is_empty());
    }
}
