//! CopyFiles directives, file-list sections and `[DestinationDirs]` (inf-syntax.md §4.6, §4.7).

use serde::Serialize;

use super::{setup_int, FieldValue, SourceLine};
use crate::grammar::NumberError;
use crate::{eq_fold, parse_int, Inf, IntFieldError, LineRef, Section};

/// One value of a `CopyFiles=` directive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum CopyFilesValue {
    /// `@file`: copy one file to DefaultDestDir.
    File {
        /// The value as written (with the `@`).
        value: FieldValue,
        /// The file name after the `@`.
        file: String,
    },
    /// A file-list section name.
    Section {
        /// The value naming the section.
        value: FieldValue,
        /// Whether the section exists in this INF.
        exists: bool,
    },
    /// An empty value (`CopyFiles=a,,b`): it names nothing.
    Empty {
        /// The empty value.
        value: FieldValue,
    },
}

impl CopyFilesValue {
    /// The underlying field.
    pub fn value(&self) -> &FieldValue {
        match self {
            CopyFilesValue::File { value, .. }
            | CopyFilesValue::Section { value, .. }
            | CopyFilesValue::Empty { value } => value,
        }
    }
}

/// The COPYFLG_* flags of a file-list line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct CopyFileFlags(pub u32);

impl CopyFileFlags {
    /// COPYFLG_WARN_IF_SKIP.
    pub const WARN_IF_SKIP: u32 = 0x0001;
    /// COPYFLG_NOSKIP.
    pub const NOSKIP: u32 = 0x0002;
    /// COPYFLG_NOVERSIONCHECK.
    pub const NOVERSIONCHECK: u32 = 0x0004;
    /// COPYFLG_FORCE_FILE_IN_USE.
    pub const FORCE_FILE_IN_USE: u32 = 0x0008;
    /// COPYFLG_NO_OVERWRITE (cannot be combined with other flags).
    pub const NO_OVERWRITE: u32 = 0x0010;
    /// COPYFLG_NO_VERSION_DIALOG.
    pub const NO_VERSION_DIALOG: u32 = 0x0020;
    /// COPYFLG_OVERWRITE_OLDER_ONLY.
    pub const OVERWRITE_OLDER_ONLY: u32 = 0x0040;
    /// COPYFLG_REPLACEONLY.
    pub const REPLACEONLY: u32 = 0x0400;
    /// COPYFLG_NODECOMP (Windows 7+).
    pub const NODECOMP: u32 = 0x0800;
    /// COPYFLG_REPLACE_BOOT_FILE.
    pub const REPLACE_BOOT_FILE: u32 = 0x1000;
    /// COPYFLG_NOPRUNE.
    pub const NOPRUNE: u32 = 0x2000;
    /// COPYFLG_IN_USE_RENAME.
    pub const IN_USE_RENAME: u32 = 0x4000;
    const KNOWN: u32 = 0x7C7F;

    /// Whether every bit of `flag` is set.
    pub fn has(self, flag: u32) -> bool {
        self.0 & flag == flag
    }
    /// Whether COPYFLG_WARN_IF_SKIP is set.
    pub fn warn_if_skip(self) -> bool {
        self.has(Self::WARN_IF_SKIP)
    }
    /// Whether COPYFLG_NOSKIP is set.
    pub fn no_skip(self) -> bool {
        self.has(Self::NOSKIP)
    }
    /// Whether COPYFLG_NOVERSIONCHECK is set.
    pub fn no_version_check(self) -> bool {
        self.has(Self::NOVERSIONCHECK)
    }
    /// Whether COPYFLG_FORCE_FILE_IN_USE is set.
    pub fn force_file_in_use(self) -> bool {
        self.has(Self::FORCE_FILE_IN_USE)
    }
    /// Whether COPYFLG_NO_OVERWRITE is set.
    pub fn no_overwrite(self) -> bool {
        self.has(Self::NO_OVERWRITE)
    }
    /// Whether COPYFLG_NO_VERSION_DIALOG is set.
    pub fn no_version_dialog(self) -> bool {
        self.has(Self::NO_VERSION_DIALOG)
    }
    /// Whether COPYFLG_OVERWRITE_OLDER_ONLY is set.
    pub fn overwrite_older_only(self) -> bool {
        self.has(Self::OVERWRITE_OLDER_ONLY)
    }
    /// Whether COPYFLG_REPLACEONLY is set.
    pub fn replace_only(self) -> bool {
        self.has(Self::REPLACEONLY)
    }
    /// Whether COPYFLG_NODECOMP is set.
    pub fn no_decomp(self) -> bool {
        self.has(Self::NODECOMP)
    }
    /// Whether COPYFLG_REPLACE_BOOT_FILE is set.
    pub fn replace_boot_file(self) -> bool {
        self.has(Self::REPLACE_BOOT_FILE)
    }
    /// Whether COPYFLG_NOPRUNE is set.
    pub fn no_prune(self) -> bool {
        self.has(Self::NOPRUNE)
    }
    /// Whether COPYFLG_IN_USE_RENAME is set.
    pub fn in_use_rename(self) -> bool {
        self.has(Self::IN_USE_RENAME)
    }
    /// Bits no COPYFLG_* flag defines.
    pub fn unknown_bits(self) -> u32 {
        self.0 & !Self::KNOWN
    }
}

/// One line of a file-list section: `destination[,[source][,[unused][,flags]]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileListEntry {
    /// Where the line is.
    pub line: SourceLine,
    /// Field 1, the destination file name (empty at the line start when the line has no field).
    pub destination: FieldValue,
    /// Field 2, the source file name, when given and not empty (it defaults to the destination).
    pub source: Option<FieldValue>,
    /// Field 4 as written, if present.
    pub flags_text: Option<FieldValue>,
    /// Field 4 read by SetupGetIntField (absent or empty: 0).
    pub flags: Result<u32, NumberError>,
    /// Whether the line has an explicit `key =` (SetupAPI reads fields 1.., so the key is
    /// ignored; almost certainly a mistake).
    pub has_key: bool,
}

impl FileListEntry {
    /// Reads one file-list line.
    pub fn read(line: &LineRef<'_>) -> FileListEntry {
        let destination = FieldValue::field(line, 1).unwrap_or_else(|| FieldValue {
            text: String::new(),
            span: crate::Span::empty(line.span().start as usize),
            line: line.index(),
            field: 1,
        });
        let flags_text = FieldValue::field(line, 4);
        let flags = flags_text.as_ref().map_or(Ok(0), |f| setup_int(&f.text));
        FileListEntry {
            line: SourceLine::of(line),
            destination,
            source: FieldValue::field(line, 2).filter(|f| !f.is_empty()),
            flags_text,
            flags,
            has_key: line.raw_key_field().is_some(),
        }
    }

    /// The source file name: field 2, or the destination name when field 2 is absent or empty.
    pub fn source_name(&self) -> &str {
        self.source
            .as_ref()
            .map_or(&self.destination.text, |s| &s.text)
    }

    /// The flags SetupAPI acts on (0 when not a number).
    pub fn effective_flags(&self) -> CopyFileFlags {
        CopyFileFlags(*self.flags.as_ref().unwrap_or(&0))
    }
}

/// Why a DestinationDirs DIRID is unusable.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum DiridError {
    /// No DIRID given.
    Missing,
    /// The substituted text is not a number (e.g. `%11%`, which names a path).
    NotANumber {
        /// The substituted text.
        text: String,
    },
    /// A number out of range.
    OutOfRange,
}

/// One line of `[DestinationDirs]`: `DefaultDestDir = dirid[,subdir]` or
/// `file-list-section = dirid[,subdir]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DestinationDir {
    /// Where the line is.
    pub line: SourceLine,
    /// The key: `DefaultDestDir` or a file-list section name (`None` for a keyless line).
    pub key: Option<FieldValue>,
    /// Field 1 as written.
    pub dirid_text: Option<FieldValue>,
    /// The DIRID: field 1 after substitution must be a number (SetupGetIntField rules).
    pub dirid: Result<i64, DiridError>,
    /// Field 2, the subdirectory relative to the DIRID, when given and not empty.
    pub subdir: Option<FieldValue>,
}

impl DestinationDir {
    /// Reads one DestinationDirs line.
    pub fn read(line: &LineRef<'_>) -> DestinationDir {
        let dirid_text = FieldValue::field(line, 1);
        let dirid = match &dirid_text {
            None => Err(DiridError::Missing),
            Some(f) if f.text.trim().is_empty() => Err(DiridError::Missing),
            Some(f) => parse_int(&f.text).map_err(|e| match e {
                IntFieldError::NotANumber => DiridError::NotANumber {
                    text: f.text.clone(),
                },
                IntFieldError::OutOfRange => DiridError::OutOfRange,
            }),
        };
        DestinationDir {
            line: SourceLine::of(line),
            key: FieldValue::key(line),
            dirid_text,
            dirid,
            subdir: FieldValue::field(line, 2).filter(|f| !f.is_empty()),
        }
    }

    /// Whether this is the `DefaultDestDir` line.
    pub fn is_default(&self) -> bool {
        self.key
            .as_ref()
            .is_some_and(|k| eq_fold(&k.text, "DefaultDestDir"))
    }
}

/// The typed `[DestinationDirs]` section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DestinationDirs {
    /// Every line, in file order.
    pub entries: Vec<DestinationDir>,
}

impl DestinationDirs {
    /// The first `DefaultDestDir` line.
    pub fn default_dir(&self) -> Option<&DestinationDir> {
        self.entries.iter().find(|e| e.is_default())
    }

    /// The first line for `section` (by key, case-insensitively).
    pub fn explicit(&self, section: &str) -> Option<&DestinationDir> {
        self.entries
            .iter()
            .find(|e| !e.is_default() && e.key.as_ref().is_some_and(|k| eq_fold(&k.text, section)))
    }

    /// The line that sets the destination of file-list section `section`: its own line, else
    /// DefaultDestDir. `None` means neither exists; Wine then uses DIRID 11 (system32).
    pub fn for_section(&self, section: &str) -> Option<&DestinationDir> {
        self.explicit(section).or_else(|| self.default_dir())
    }
}

impl Inf {
    /// Every value of every `CopyFiles=` line of `section`, in order, classified.
    pub fn copy_files(&self, section: &str) -> Vec<CopyFilesValue> {
        self.section(section)
            .map_or_else(Vec::new, |s| self.copy_files_in(s))
    }

    /// Like [`Self::copy_files`] for a section already looked up.
    pub fn copy_files_in(&self, section: &Section) -> Vec<CopyFilesValue> {
        self.directive_values_in(section, "CopyFiles")
            .into_iter()
            .map(|value| {
                if value.text.is_empty() {
                    CopyFilesValue::Empty { value }
                } else if let Some(file) = value.text.strip_prefix('@') {
                    CopyFilesValue::File {
                        file: file.to_owned(),
                        value,
                    }
                } else {
                    CopyFilesValue::Section {
                        exists: self.has_section(&value.text),
                        value,
                    }
                }
            })
            .collect()
    }

    /// Every line of the file-list section `section`, in file order.
    pub fn file_list(&self, section: &str) -> Vec<FileListEntry> {
        self.lines(section)
            .map(|l| FileListEntry::read(&l))
            .collect()
    }

    /// The typed `[DestinationDirs]` section.
    pub fn destination_dirs(&self) -> DestinationDirs {
        DestinationDirs {
            entries: self
                .lines("DestinationDirs")
                .map(|l| DestinationDir::read(&l))
                .collect(),
        }
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
    fn copy_files_values() {
        let inf = inf("[I]\nCopyFiles=@a.sys,L1\nCopyFiles=,L2\n[L1]\n");
        let v = inf.copy_files("I");
        assert_eq!(v.len(), 4);
        assert!(matches!(&v[0], CopyFilesValue::File { file, .. } if file == "a.sys"));
        assert!(
            matches!(&v[1], CopyFilesValue::Section { exists: true, value } if value.text == "L1")
        );
        assert!(matches!(&v[2], CopyFilesValue::Empty { .. }));
        assert!(matches!(
            &v[3],
            CopyFilesValue::Section { exists: false, .. }
        ));
        assert_eq!(v[3].value().text, "L2");
    }

    #[test]
    fn file_list_lines() {
        let inf = inf("[L]\na.sys\nb.sys,src.sys,,0x4\nc.sys,,,bad\nd=e\n");
        let e = inf.file_list("L");
        assert_eq!(e[0].destination.text, "a.sys");
        assert_eq!(e[0].source_name(), "a.sys");
        assert_eq!(e[0].flags, Ok(0));
        assert_eq!(e[1].source_name(), "src.sys");
        assert!(e[1].effective_flags().no_version_check());
        assert_eq!(e[2].flags, Err(NumberError::NotANumber));
        assert_eq!(e[2].source_name(), "c.sys");
        assert!(e[3].has_key);
        assert_eq!(e[3].destination.text, "e");
        assert_eq!(CopyFileFlags(0x8000).unknown_bits(), 0x8000);
        assert_eq!(CopyFileFlags(0x7C7F).unknown_bits(), 0);
    }

    #[test]
    fn destination_dirs() {
        let inf = inf("[DestinationDirs]\nDefaultDestDir = %11%\nL1 = %D%, sub\\dir\nL2=\nL3=12,\n[Strings]\nD=12\n");
        let d = inf.destination_dirs();
        assert_eq!(d.entries.len(), 4);
        let def = d.default_dir().unwrap();
        assert_eq!(
            def.dirid,
            Err(DiridError::NotANumber {
                text: "%11%".into()
            })
        );
        let l1 = d.explicit("l1").unwrap();
        assert_eq!(l1.dirid, Ok(12));
        assert_eq!(l1.subdir.as_ref().unwrap().text, "sub\\dir");
        assert_eq!(d.explicit("L2").unwrap().dirid, Err(DiridError::Missing));
        assert!(d.explicit("L3").unwrap().subdir.is_none());
        assert!(d.for_section("Other").unwrap().is_default());
        assert!(d.explicit("DefaultDestDir").is_none());
        assert!(DestinationDirs::default().for_section("x").is_none());
    }
}
