//! Typed views of INF sections and directives (inf-syntax.md §4), built on [`Inf`].
//!
//! Every view owns its substituted text and keeps the spans it came from ([`SourceLine`],
//! [`FieldValue`]), so rules can point at the exact line or field. Reading never fails and never
//! skips: a malformed line becomes a value whose problem is data (an `Err` field, a problem
//! list, an `Invalid` variant), with the span to report.
//!
//! This module holds the pieces every view shares and the generic directive reader that
//! processes multi-valued directives the way SetupAPI does: every matching line, every field
//! (inf-syntax.md §1.13).

mod files;
mod manufacturer;
mod registry;
mod services;
mod source_disks;
mod version;

pub use files::{
    CopyFileFlags, CopyFilesValue, DestinationDir, DestinationDirs, DiridError, FileListEntry,
};
pub use manufacturer::{
    DecorationEntry, ManufacturerEntry, ManufacturerProblem, ModelEntry, ModelEntryProblem,
};
pub use registry::binary_fields;
pub use registry::{
    AddRegFlags, AddRegLine, AddRegSkip, BinaryFieldError, DelRegLine, RegData, RegRoot, RegType,
};
pub use services::{
    error_control_name, service_type_name, start_type_name, AddServiceDirective,
    DelServiceDirective, ServiceFlags, ServiceInstall, ServiceInstallProblem, ServiceNumber,
    ServiceNumberError,
};
pub use source_disks::{
    SourceDiskFile, SourceDiskName, SourceDisksSection, SourceDisksSectionKind,
};
pub use version::{
    CatalogFileEntry, CatalogPlatform, DriverDate, DriverVer, DriverVerProblem,
    DriverVerProblemKind, DriverVersion, GuidEntry, NumberEntry, SignatureKind, ValueEntry,
    Version,
};

use serde::Serialize;

use crate::grammar::{parse_u32, NumberError};
use crate::{Inf, LineRef, Section, Span};

/// Reads a substituted field text as SetupGetIntField does ([`crate::parse_int`]: empty is 0,
/// decimal, `0x` hex, leading-zero octal, optional sign, the whole text consumed), as the
/// 32-bit value SetupAPI stores (negative numbers wrap).
pub fn setup_int(text: &str) -> Result<u32, NumberError> {
    crate::parse_int(text)
        .map(|v| v as u32)
        .map_err(|e| match e {
            crate::IntFieldError::NotANumber => NumberError::NotANumber,
            crate::IntFieldError::OutOfRange => NumberError::OutOfRange,
        })
}

/// The logical line a typed view was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct SourceLine {
    /// Index of the line in [`crate::SyntaxTree::lines`] (use [`Inf::line`] to get it back).
    pub index: u32,
    /// Span of the line's content.
    pub span: Span,
}

impl SourceLine {
    /// The source line of a [`LineRef`].
    pub fn of(line: &LineRef<'_>) -> SourceLine {
        SourceLine {
            index: line.index(),
            span: line.span(),
        }
    }

    /// The line back as a [`LineRef`] of `inf` (which must be the INF it was read from).
    pub fn line_ref<'a>(&self, inf: &'a Inf) -> LineRef<'a> {
        inf.line(self.index)
    }

    /// An empty span at the end of the line, for "missing field" problems.
    pub fn end(&self) -> Span {
        Span::empty(self.span.end as usize)
    }
}

/// One field of a line after `%strkey%` substitution, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct FieldValue {
    /// The text after substitution (what SetupGetStringField returns).
    pub text: String,
    /// The field's span in the source (empty at its position when the field is empty).
    pub span: Span,
    /// Index of the line in [`crate::SyntaxTree::lines`].
    pub line: u32,
    /// The SetupAPI field number: 0 for an explicit key, 1.. for values.
    pub field: u32,
}

impl FieldValue {
    /// Value field `n` (1-based) of `line`, if the line has that many fields.
    pub fn field(line: &LineRef<'_>, n: usize) -> Option<FieldValue> {
        let text = line.field(n)?.into_owned();
        Some(FieldValue {
            text,
            span: line.field_span(n)?,
            line: line.index(),
            field: n as u32,
        })
    }

    /// The explicit key of `line` (text before `=`), if any.
    pub fn key(line: &LineRef<'_>) -> Option<FieldValue> {
        let f = line.raw_key_field()?;
        let text = line.key()?.into_owned();
        Some(FieldValue {
            text,
            span: f.span,
            line: line.index(),
            field: 0,
        })
    }

    /// The key SetupAPI matches: the explicit key, or the single field of a one-field line
    /// (then numbered as field 1).
    pub fn match_key(line: &LineRef<'_>) -> Option<FieldValue> {
        FieldValue::key(line).or_else(|| {
            if line.syntax().has_implicit_key() {
                FieldValue::field(line, 1)
            } else {
                None
            }
        })
    }

    /// Value fields `from..` of `line` (1-based), every one, empty ones included.
    pub fn fields_from(line: &LineRef<'_>, from: usize) -> Vec<FieldValue> {
        (from.max(1)..=line.field_count())
            .filter_map(|n| FieldValue::field(line, n))
            .collect()
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the substituted text is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The field before substitution (layer-1 text), read back from `inf`.
    pub fn raw<'a>(&self, inf: &'a Inf) -> &'a str {
        let line = inf.line(self.line);
        if self.field == 0 {
            line.raw_key_field()
                .map_or("", |f| inf.tree().field_text(f))
        } else {
            line.raw_field(self.field as usize).unwrap_or("")
        }
    }

    /// Reads the text as an unsigned 32-bit number, decimal or `0x` hexadecimal (the forms
    /// InfVerif accepts, 1268). Empty text is `Err(Empty)`.
    pub fn to_u32(&self) -> Result<u32, NumberError> {
        parse_u32(self.text.trim())
    }

    /// The section this value names, if it exists in `inf` (quoted names were unquoted at load
    /// time, so the text is the name).
    pub fn section<'a>(&self, inf: &'a Inf) -> Option<&'a Section> {
        inf.section(&self.text)
    }
}

/// How a line names its directive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyKind {
    /// `name = values`.
    Explicit,
    /// A single field without `=`: SetupAPI uses it as both key and field 1.
    Implicit,
    /// Several fields without `=`: the line has no key and no lookup finds it.
    None,
}

/// One line of a section read as `directive = value, value, …`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Directive {
    /// Where the line is.
    pub line: SourceLine,
    /// How the line names its directive.
    pub key_kind: KeyKind,
    /// The directive name after substitution (empty text with an empty span when the line has
    /// no key).
    pub name: FieldValue,
    /// The value fields, all of them, empty ones included.
    pub values: Vec<FieldValue>,
}

impl Directive {
    /// Reads one line as a directive.
    pub fn read(line: &LineRef<'_>) -> Directive {
        let (key_kind, name) = match FieldValue::key(line) {
            Some(k) => (KeyKind::Explicit, k),
            None => match FieldValue::match_key(line) {
                Some(k) => (KeyKind::Implicit, k),
                None => (
                    KeyKind::None,
                    FieldValue {
                        text: String::new(),
                        span: Span::empty(line.span().start as usize),
                        line: line.index(),
                        field: 0,
                    },
                ),
            },
        };
        Directive {
            line: SourceLine::of(line),
            key_kind,
            name,
            values: FieldValue::fields_from(line, 1),
        }
    }

    /// Whether the directive name equals `name`, case-insensitively (keyless lines never match).
    pub fn is(&self, name: &str) -> bool {
        self.key_kind != KeyKind::None && crate::eq_fold(&self.name.text, name)
    }
}

/// A directive value that names a section, and whether that section exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionReference {
    /// The value naming the section.
    pub name: FieldValue,
    /// Whether a section with that name exists in the INF (an empty section exists too).
    /// Sections of included INFs are not searched.
    pub exists: bool,
}

impl SectionReference {
    /// The referenced section, if it exists.
    pub fn resolve<'a>(&self, inf: &'a Inf) -> Option<&'a Section> {
        inf.section(&self.name.text)
    }
}

/// The generic directive readers.
impl Inf {
    /// Every line of `section` read as a directive, in file order (empty when the section does
    /// not exist).
    pub fn directives(&self, section: &str) -> Vec<Directive> {
        self.lines(section).map(|l| Directive::read(&l)).collect()
    }

    /// Every value of every line of `section` whose key is `directive` (case-insensitive, after
    /// substitution), in order: how SetupAPI processes multi-valued directives such as
    /// CopyFiles, AddReg, Include or Needs. Empty values are kept (they name no section).
    pub fn directive_values(&self, section: &str, directive: &str) -> Vec<FieldValue> {
        self.find_lines(section, directive)
            .flat_map(|l| FieldValue::fields_from(&l, 1))
            .collect()
    }

    /// Like [`Self::directive_values`] for a section already looked up.
    pub fn directive_values_in(&self, section: &Section, directive: &str) -> Vec<FieldValue> {
        self.find_lines_in(section, directive)
            .flat_map(|l| FieldValue::fields_from(&l, 1))
            .collect()
    }

    /// Like [`Self::directive_values`] for directives whose values name sections (AddReg,
    /// DelReg, BitReg, Needs, …), each with whether the section exists. Empty values are
    /// skipped.
    pub fn section_references(&self, section: &str, directive: &str) -> Vec<SectionReference> {
        self.directive_values(section, directive)
            .into_iter()
            .filter(|v| !v.is_empty())
            .map(|name| SectionReference {
                exists: self.has_section(&name.text),
                name,
            })
            .collect()
    }

    /// The `Include=` values of `section`: INF file names whose sections become reachable.
    pub fn includes(&self, section: &str) -> Vec<FieldValue> {
        self.directive_values(section, "Include")
            .into_iter()
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// Like [`Self::includes`] for a section already looked up.
    pub fn includes_in(&self, section: &Section) -> Vec<FieldValue> {
        self.directive_values_in(section, "Include")
            .into_iter()
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// The `Needs=` values of `section`: sections (usually of included INFs) processed as part
    /// of this one. `exists` is about this INF only.
    pub fn needs(&self, section: &str) -> Vec<SectionReference> {
        self.section_references(section, "Needs")
    }

    /// The first line of `section` whose key is `key`, with its first value (single-valued
    /// entries: first line wins, inf-syntax.md §1.13).
    pub fn single_value(
        &self,
        section: &str,
        key: &str,
    ) -> Option<(SourceLine, Option<FieldValue>)> {
        let line = self.find_line(section, key)?;
        Some((SourceLine::of(&line), FieldValue::field(&line, 1)))
    }
}

#[cfg(test)]
mod tests {
    use crate::{parse_inf, InfOptions};

    use super::*;

    fn inf(text: &str) -> Inf {
        parse_inf(text.as_bytes(), 1252, InfOptions::default())
    }

    #[test]
    fn every_line_and_every_field() {
        let inf = inf(
            "[Version]\nSignature=\"$Windows NT$\"\n[Inst]\nCopyFiles=A, B\ncopyfiles = C\nAddReg=R\nCopyFiles=,D\n[A]\n[R]\n",
        );
        let v: Vec<_> = inf
            .directive_values("Inst", "CopyFiles")
            .into_iter()
            .map(|f| f.text)
            .collect();
        assert_eq!(v, vec!["A", "B", "C", "", "D"]);
        let refs = inf.section_references("inst", "copyfiles");
        let names: Vec<_> = refs
            .iter()
            .map(|r| (r.name.text.as_str(), r.exists))
            .collect();
        assert_eq!(
            names,
            vec![("A", true), ("B", false), ("C", false), ("D", false)]
        );
        assert!(refs[0].resolve(&inf).is_some());
        assert!(inf.directive_values("Missing", "CopyFiles").is_empty());
    }

    #[test]
    fn directive_lines_and_spans() {
        let src = "[Version]\nSignature=\"$Windows NT$\"\n[S]\nAddReg = %r%, two\nlonely\na,b\n[Strings]\nr=Reg\n";
        let inf = inf(src);
        let d = inf.directives("S");
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].key_kind, KeyKind::Explicit);
        assert!(d[0].is("addreg"));
        assert_eq!(d[0].values[0].text, "Reg");
        assert_eq!(&src[d[0].values[0].span.range()], "%r%");
        assert_eq!(d[0].values[0].raw(&inf), "%r%");
        assert_eq!(&src[d[0].values[1].span.range()], "two");
        assert_eq!(&src[d[0].line.span.range()], "AddReg = %r%, two");
        assert_eq!(d[1].key_kind, KeyKind::Implicit);
        assert_eq!(d[1].name.text, "lonely");
        assert_eq!(d[2].key_kind, KeyKind::None);
        assert!(!d[2].is(""));
        assert_eq!(d[2].values.len(), 2);
    }

    #[test]
    fn lookups_of_a_section_in_hand_match_lookups_by_name() {
        let inf = inf(
            "[Version]\nSignature=\"$Windows NT$\"\n[I]\nInclude=a.inf,,b.inf\nCopyFiles=F,@x.sys,,Missing\n\
             AddService=svc,2,Svc\n[F]\nx.sys\n[Svc]\n",
        );
        let s = inf.section("i").unwrap();
        assert_eq!(inf.includes_in(s), inf.includes("I"));
        assert_eq!(
            inf.directive_values_in(s, "copyfiles"),
            inf.directive_values("I", "CopyFiles")
        );
        assert_eq!(inf.copy_files_in(s), inf.copy_files("I"));
        assert_eq!(inf.copy_files_in(s).len(), 4);
        assert_eq!(inf.add_services_in(s), inf.add_services("I"));
        assert_eq!(inf.add_services_in(s).len(), 1);
        assert!(inf.copy_files("Missing").is_empty());
    }

    #[test]
    fn include_needs() {
        let inf = inf(
            "[Version]\nSignature=\"$Windows NT$\"\n[I]\nInclude=a.inf,,b.inf\nNeeds=X.Services\n",
        );
        let inc: Vec<_> = inf.includes("I").into_iter().map(|f| f.text).collect();
        assert_eq!(inc, vec!["a.inf", "b.inf"]);
        let needs = inf.needs("I");
        assert_eq!(needs.len(), 1);
        assert!(!needs[0].exists);
        let (line, v) = inf.single_value("Version", "signature").unwrap();
        assert_eq!(v.unwrap().text, "$Windows NT$");
        assert_eq!(line.line_ref(&inf).line_no(), 2);
    }
}
