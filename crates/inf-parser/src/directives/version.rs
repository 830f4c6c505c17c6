//! The `[Version]` section (inf-syntax.md §4.1) and the DriverVer directive.

use serde::Serialize;

use super::{FieldValue, SourceLine};
use crate::grammar::{raw_date, raw_version, Guid, GuidError, NumberError};
use crate::target::Arch;
use crate::{eq_fold, Inf, LineRef, Span};

/// One `key = value` line read as a single-valued entry (a `[Version]` entry, a service-install
/// value, …). For such entries the first line with a key wins; SetupAPI ignores later ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValueEntry {
    /// Where the line is.
    pub line: SourceLine,
    /// The key as written (after substitution).
    pub key: FieldValue,
    /// Field 1. When the line has no value field, an empty value at the end of the line.
    pub value: FieldValue,
    /// Number of value fields after the first (normally 0).
    pub extra_fields: usize,
}

impl ValueEntry {
    /// Reads a line as `key = value`.
    pub fn read(line: &LineRef<'_>) -> ValueEntry {
        let key = FieldValue::match_key(line).unwrap_or_else(|| FieldValue {
            text: String::new(),
            span: Span::empty(line.span().start as usize),
            line: line.index(),
            field: 0,
        });
        let value = FieldValue::field(line, 1).unwrap_or_else(|| FieldValue {
            text: String::new(),
            span: Span::empty(line.span().end as usize),
            line: line.index(),
            field: 1,
        });
        ValueEntry {
            line: SourceLine::of(line),
            key,
            value,
            extra_fields: line.field_count().saturating_sub(1),
        }
    }
}

/// An entry whose value must be a braced GUID (ClassGuid, ExtensionId).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GuidEntry {
    /// The entry.
    pub entry: ValueEntry,
    /// The GUID, or why the value is not one (InfVerif 1010).
    #[serde(serialize_with = "ser_guid")]
    pub guid: Result<Guid, GuidError>,
}

fn ser_guid<S: serde::Serializer>(g: &Result<Guid, GuidError>, s: S) -> Result<S::Ok, S::Error> {
    match g {
        Ok(g) => s.serialize_str(&g.to_string()),
        Err(e) => e.serialize(s),
    }
}

/// An entry whose value must be a number (PnpLockdown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NumberEntry {
    /// The entry.
    pub entry: ValueEntry,
    /// The number, or why the value is not one.
    pub number: Result<u32, NumberError>,
}

/// Which platforms a `CatalogFile` key is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "value")]
pub enum CatalogPlatform {
    /// `CatalogFile`: every platform without a decorated entry.
    Any,
    /// `CatalogFile.nt`.
    Nt,
    /// `CatalogFile.nt<arch>`.
    NtArch(Arch),
    /// Another suffix (`CatalogFile.ntx64`, `CatalogFile.amd64`, …), which Windows never uses.
    Unrecognized(String),
}

/// A `CatalogFile[.decoration] = name.cat` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogFileEntry {
    /// The entry.
    pub entry: ValueEntry,
    /// The platforms it is for.
    pub platform: CatalogPlatform,
}

/// What the Signature value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureKind {
    /// `$Windows NT$` (what InfVerif requires, 1001).
    WindowsNt,
    /// `$Chicago$` (accepted by SetupAPI).
    Chicago,
    /// `$Windows 95$` (accepted by Wine only).
    Windows95,
    /// Anything else: SetupOpenInfFile fails with ERROR_WRONG_INF_STYLE.
    Other,
}

impl SignatureKind {
    /// Classifies a Signature value, case-insensitively.
    pub fn of(value: &str) -> SignatureKind {
        if value.eq_ignore_ascii_case("$Windows NT$") {
            SignatureKind::WindowsNt
        } else if value.eq_ignore_ascii_case("$Chicago$") {
            SignatureKind::Chicago
        } else if value.eq_ignore_ascii_case("$Windows 95$") {
            SignatureKind::Windows95
        } else {
            SignatureKind::Other
        }
    }
}

/// The typed `[Version]` section. Single-valued entries take the first matching line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Version {
    /// Whether a `[Version]` section exists.
    pub section_exists: bool,
    /// `Signature`.
    pub signature: Option<ValueEntry>,
    /// `Class`.
    pub class: Option<ValueEntry>,
    /// `ClassGuid`.
    pub class_guid: Option<GuidEntry>,
    /// `Provider`.
    pub provider: Option<ValueEntry>,
    /// Every `CatalogFile[.decoration]` line, in file order (duplicates included).
    pub catalog_files: Vec<CatalogFileEntry>,
    /// `DriverVer`.
    pub driver_ver: Option<DriverVer>,
    /// `PnpLockdown`.
    pub pnp_lockdown: Option<NumberEntry>,
    /// `ExtensionId`.
    pub extension_id: Option<GuidEntry>,
    /// `DriverPackageType` (deprecated).
    pub driver_package_type: Option<ValueEntry>,
    /// `DriverPackageDisplayName` (deprecated).
    pub driver_package_display_name: Option<ValueEntry>,
    /// `ClassVer`.
    pub class_ver: Option<ValueEntry>,
    /// `LayoutFile`.
    pub layout_file: Option<ValueEntry>,
    /// Lines with any other key (or no key), in file order.
    pub other: Vec<ValueEntry>,
}

impl Version {
    /// Reads `[Version]` from `inf`.
    pub fn read(inf: &Inf) -> Version {
        let mut v = Version {
            section_exists: inf.has_section("Version"),
            ..Version::default()
        };
        for line in inf.lines("Version") {
            let entry = ValueEntry::read(&line);
            let key = entry.key.text.clone();
            let k = key.as_str();
            let first = |slot: &mut Option<ValueEntry>, e: ValueEntry| {
                slot.get_or_insert(e);
            };
            if eq_fold(k, "Signature") {
                first(&mut v.signature, entry);
            } else if eq_fold(k, "Class") {
                first(&mut v.class, entry);
            } else if eq_fold(k, "ClassGuid") {
                if v.class_guid.is_none() {
                    v.class_guid = Some(GuidEntry {
                        guid: Guid::parse(&entry.value.text),
                        entry,
                    });
                }
            } else if eq_fold(k, "Provider") {
                first(&mut v.provider, entry);
            } else if let Some(platform) = catalog_platform(k) {
                v.catalog_files.push(CatalogFileEntry { entry, platform });
            } else if eq_fold(k, "DriverVer") {
                if v.driver_ver.is_none() {
                    v.driver_ver = Some(DriverVer::read(&line));
                }
            } else if eq_fold(k, "PnpLockdown") {
                if v.pnp_lockdown.is_none() {
                    v.pnp_lockdown = Some(NumberEntry {
                        number: entry.value.to_u32(),
                        entry,
                    });
                }
            } else if eq_fold(k, "ExtensionId") {
                if v.extension_id.is_none() {
                    v.extension_id = Some(GuidEntry {
                        guid: Guid::parse(&entry.value.text),
                        entry,
                    });
                }
            } else if eq_fold(k, "DriverPackageType") {
                first(&mut v.driver_package_type, entry);
            } else if eq_fold(k, "DriverPackageDisplayName") {
                first(&mut v.driver_package_display_name, entry);
            } else if eq_fold(k, "ClassVer") {
                first(&mut v.class_ver, entry);
            } else if eq_fold(k, "LayoutFile") {
                first(&mut v.layout_file, entry);
            } else {
                v.other.push(entry);
            }
        }
        v
    }

    /// What the Signature value is (`None` when there is no Signature line).
    pub fn signature_kind(&self) -> Option<SignatureKind> {
        self.signature
            .as_ref()
            .map(|s| SignatureKind::of(&s.value.text))
    }

    /// The CatalogFile entry Windows uses on `arch`: `CatalogFile.nt<arch>`, else
    /// `CatalogFile.nt`, else `CatalogFile` (inf-syntax.md §3.5; the `.nt` step is assumed,
    /// the documentation does not rank it). The first line of each key wins.
    pub fn catalog_file_for(&self, arch: Arch) -> Option<&CatalogFileEntry> {
        let find = |p: &CatalogPlatform| self.catalog_files.iter().find(|c| &c.platform == p);
        find(&CatalogPlatform::NtArch(arch))
            .or_else(|| find(&CatalogPlatform::Nt))
            .or_else(|| find(&CatalogPlatform::Any))
    }
}

/// The platform of a `CatalogFile…` key, or `None` when the key is not a CatalogFile key.
fn catalog_platform(key: &str) -> Option<CatalogPlatform> {
    const BASE: &str = "catalogfile";
    let head = key.get(..BASE.len())?;
    if !head.eq_ignore_ascii_case(BASE) {
        return None;
    }
    let rest = &key[BASE.len()..];
    if rest.is_empty() {
        return Some(CatalogPlatform::Any);
    }
    let suffix = rest.strip_prefix('.')?;
    if suffix.eq_ignore_ascii_case("nt") {
        return Some(CatalogPlatform::Nt);
    }
    let arch = suffix
        .get(..2)
        .filter(|p| p.eq_ignore_ascii_case("nt"))
        .and_then(|_| Arch::parse(&suffix[2..]));
    Some(arch.map_or_else(
        || CatalogPlatform::Unrecognized(suffix.to_owned()),
        CatalogPlatform::NtArch,
    ))
}

impl Inf {
    /// The typed `[Version]` section.
    pub fn version(&self) -> Version {
        Version::read(self)
    }

    /// The first `DriverVer` line of `section` (a DDInstall DriverVer overrides the one in
    /// `[Version]`).
    pub fn driver_ver(&self, section: &str) -> Option<DriverVer> {
        self.find_line(section, "DriverVer")
            .map(|l| DriverVer::read(&l))
    }
}

/// A DriverVer date. Only calendar-valid dates are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct DriverDate {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31 (valid for the month).
    pub day: u8,
}

impl std::fmt::Display for DriverDate {
    /// `mm/dd/yyyy`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}/{:02}/{:04}", self.month, self.day, self.year)
    }
}

/// A DriverVer version `w.x.y.z`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct DriverVersion(pub [u16; 4]);

impl std::fmt::Display for DriverVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [a, b, c, d] = self.0;
        write!(f, "{a}.{b}.{c}.{d}")
    }
}

/// What is wrong with a DriverVer value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum DriverVerProblemKind {
    /// The line has no value, or an empty date.
    MissingDate,
    /// The date is not three groups of digits separated by `/` or `-`.
    DateNotMmDdYyyy,
    /// Month or day not written with two digits, or year not with four.
    DateDigitCount,
    /// The month is not 1–12.
    MonthOutOfRange {
        /// The month given.
        month: u32,
    },
    /// The day does not exist in that month and year.
    DayOutOfRange {
        /// The day given.
        day: u32,
    },
    /// No version after the date (the syntax allows it; the documentation requires one for
    /// ranking).
    MissingVersion,
    /// The version is not dot-separated decimal numbers.
    VersionNotDotted,
    /// The version does not have four parts (missing parts read as 0).
    VersionPartCount {
        /// How many parts there are.
        count: usize,
    },
    /// A version part does not fit in 16 bits.
    VersionPartTooLarge {
        /// 0-based index of the part.
        index: usize,
    },
    /// A version part is 65535: the DriverVer page wants each part below 65535, InfVerif's
    /// message says 0–65536 (infverif-rules.md Q8).
    VersionPart65535 {
        /// 0-based index of the part.
        index: usize,
    },
    /// The version is 0.0.0.0, which the documentation calls invalid.
    VersionAllZero,
    /// More than two value fields.
    ExtraFields,
}

impl DriverVerProblemKind {
    /// The InfVerif code for the problem, when one is documented (1218 date, 1217 version).
    pub fn infverif_code(&self) -> Option<u16> {
        use DriverVerProblemKind::*;
        match self {
            MissingDate
            | DateNotMmDdYyyy
            | DateDigitCount
            | MonthOutOfRange { .. }
            | DayOutOfRange { .. } => Some(1218),
            VersionNotDotted
            | VersionPartCount { .. }
            | VersionPartTooLarge { .. }
            | VersionAllZero => Some(1217),
            VersionPart65535 { .. } | MissingVersion | ExtraFields => None,
        }
    }
}

/// A DriverVer problem and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct DriverVerProblem {
    /// What is wrong.
    pub kind: DriverVerProblemKind,
    /// The field (or the line end when the field is missing).
    pub span: Span,
}

/// A `DriverVer = mm/dd/yyyy[,w.x.y.z]` line, parsed, with its problems as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DriverVer {
    /// Where the line is.
    pub line: SourceLine,
    /// Field 1, the date as written (after substitution).
    pub date_text: Option<FieldValue>,
    /// The date, when it is a valid calendar date (also when its digit counts are off).
    pub date: Option<DriverDate>,
    /// Field 2, the version as written.
    pub version_text: Option<FieldValue>,
    /// The version, when every part fits 16 bits (missing trailing parts read as 0).
    pub version: Option<DriverVersion>,
    /// Everything wrong with it, in field order.
    pub problems: Vec<DriverVerProblem>,
}

impl DriverVer {
    /// Reads a DriverVer line.
    pub fn read(line: &LineRef<'_>) -> DriverVer {
        let source = SourceLine::of(line);
        let date_text = FieldValue::field(line, 1);
        let version_text = FieldValue::field(line, 2).filter(|v| !v.text.trim().is_empty());
        let mut problems = Vec::new();
        let date = match &date_text {
            Some(d) if !d.text.trim().is_empty() => {
                parse_date(d.text.trim(), d.span, &mut problems)
            }
            other => {
                let span = other.as_ref().map_or(source.end(), |d| d.span);
                problems.push(DriverVerProblem {
                    kind: DriverVerProblemKind::MissingDate,
                    span,
                });
                None
            }
        };
        let version = match &version_text {
            Some(v) => parse_version(v.text.trim(), v.span, &mut problems),
            None => {
                problems.push(DriverVerProblem {
                    kind: DriverVerProblemKind::MissingVersion,
                    span: source.end(),
                });
                None
            }
        };
        if line.field_count() > 2 {
            let span = line.field_span(3).unwrap_or(source.end());
            problems.push(DriverVerProblem {
                kind: DriverVerProblemKind::ExtraFields,
                span,
            });
        }
        DriverVer {
            line: source,
            date_text,
            date,
            version_text,
            version,
            problems,
        }
    }
}

fn days_in_month(month: u32, year: u32) -> u32 {
    // Gregorian leap years (`is_multiple_of` needs a newer Rust than the workspace's MSRV).
    let remainder = |n: u32| year % n;
    let leap = remainder(4) == 0 && (remainder(100) != 0 || remainder(400) == 0);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

fn parse_date(text: &str, span: Span, problems: &mut Vec<DriverVerProblem>) -> Option<DriverDate> {
    let mut push = |kind| problems.push(DriverVerProblem { kind, span });
    let Some(raw) = raw_date(text) else {
        push(DriverVerProblemKind::DateNotMmDdYyyy);
        return None;
    };
    if raw.month.len() != 2 || raw.day.len() != 2 || raw.year.len() != 4 {
        push(DriverVerProblemKind::DateDigitCount);
    }
    let num = |s: &str| s.parse::<u32>().unwrap_or(u32::MAX);
    let (month, day, year) = (num(raw.month), num(raw.day), num(raw.year));
    if !(1..=12).contains(&month) {
        push(DriverVerProblemKind::MonthOutOfRange { month });
        return None;
    }
    if year > u32::from(u16::MAX) {
        push(DriverVerProblemKind::DateNotMmDdYyyy);
        return None;
    }
    if day == 0 || day > days_in_month(month, year) {
        push(DriverVerProblemKind::DayOutOfRange { day });
        return None;
    }
    Some(DriverDate {
        year: year as u16,
        month: month as u8,
        day: day as u8,
    })
}

fn parse_version(
    text: &str,
    span: Span,
    problems: &mut Vec<DriverVerProblem>,
) -> Option<DriverVersion> {
    let mut push = |kind| problems.push(DriverVerProblem { kind, span });
    let Some(parts) = raw_version(text) else {
        push(DriverVerProblemKind::VersionNotDotted);
        return None;
    };
    if parts.len() != 4 {
        push(DriverVerProblemKind::VersionPartCount { count: parts.len() });
    }
    let mut out = [0u16; 4];
    let mut fits = parts.len() <= 4;
    for (index, p) in parts.iter().enumerate() {
        match p.parse::<u16>() {
            Ok(v) => {
                if v == u16::MAX {
                    push(DriverVerProblemKind::VersionPart65535 { index });
                }
                if index < 4 {
                    out[index] = v;
                }
            }
            Err(_) => {
                push(DriverVerProblemKind::VersionPartTooLarge { index });
                fits = false;
            }
        }
    }
    if !fits {
        return None;
    }
    if out == [0; 4] {
        push(DriverVerProblemKind::VersionAllZero);
    }
    Some(DriverVersion(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_inf, InfOptions};

    fn inf(text: &str) -> Inf {
        parse_inf(text.as_bytes(), 1252, InfOptions::default())
    }

    fn dv(value: &str) -> DriverVer {
        let inf = inf(&format!(
            "[Version]\nSignature=\"$Windows NT$\"\nDriverVer={value}\n"
        ));
        inf.version().driver_ver.unwrap()
    }

    fn kinds(d: &DriverVer) -> Vec<DriverVerProblemKind> {
        d.problems.iter().map(|p| p.kind.clone()).collect()
    }

    #[test]
    fn version_section() {
        let src = "[Version]\nSignature=\"$WINDOWS NT$\"\nClass=Net\nClassGuid={4d36e972-e325-11ce-bfc1-08002be10318}\n\
                   Provider=%P%\nCatalogFile=a.cat\nCatalogFile.NTamd64=b.cat\ncatalogfile.nt=c.cat\nCatalogFile.ntx64=d.cat\n\
                   PnpLockdown=1\nExtensionId=4d36e972-e325-11ce-bfc1-08002be10318\nClass=Other\nFoo=bar\n\
                   [Strings]\nP=\"Contoso\"\n";
        let inf = inf(src);
        let v = inf.version();
        assert!(v.section_exists);
        assert_eq!(v.signature_kind(), Some(SignatureKind::WindowsNt));
        assert_eq!(v.class.as_ref().unwrap().value.text, "Net");
        assert_eq!(
            v.class_guid.as_ref().unwrap().guid.unwrap().to_string(),
            "{4D36E972-E325-11CE-BFC1-08002BE10318}"
        );
        assert_eq!(v.provider.as_ref().unwrap().value.text, "Contoso");
        assert_eq!(&src[v.provider.as_ref().unwrap().value.span.range()], "%P%");
        assert_eq!(v.catalog_files.len(), 4);
        assert_eq!(
            v.catalog_files[3].platform,
            CatalogPlatform::Unrecognized("ntx64".into())
        );
        assert_eq!(
            v.catalog_file_for(Arch::Amd64).unwrap().entry.value.text,
            "b.cat"
        );
        assert_eq!(
            v.catalog_file_for(Arch::X86).unwrap().entry.value.text,
            "c.cat"
        );
        assert_eq!(v.pnp_lockdown.as_ref().unwrap().number, Ok(1));
        assert_eq!(
            v.extension_id.as_ref().unwrap().guid,
            Err(GuidError::MissingBraces)
        );
        assert_eq!(v.other.len(), 1);
        assert!(v.driver_ver.is_none());
        let only_any = inf_version("CatalogFile=x.cat\n");
        assert_eq!(
            only_any
                .catalog_file_for(Arch::Arm64)
                .unwrap()
                .entry
                .value
                .text,
            "x.cat"
        );
        assert!(inf_version("").catalog_file_for(Arch::X86).is_none());
    }

    fn inf_version(extra: &str) -> Version {
        inf(&format!("[Version]\nSignature=\"$Chicago$\"\n{extra}")).version()
    }

    #[test]
    fn missing_version_section() {
        let v = inf("[Strings]\n").version();
        assert!(!v.section_exists);
        assert!(v.signature.is_none());
        assert_eq!(v.signature_kind(), None);
        assert_eq!(SignatureKind::of("$chicago$"), SignatureKind::Chicago);
        assert_eq!(SignatureKind::of("Windows NT"), SignatureKind::Other);
    }

    #[test]
    fn driver_ver_valid() {
        let d = dv("09/21/2006,6.0.5736.1");
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        assert_eq!(
            d.date,
            Some(DriverDate {
                year: 2006,
                month: 9,
                day: 21
            })
        );
        assert_eq!(d.version, Some(DriverVersion([6, 0, 5736, 1])));
        assert_eq!(d.date.unwrap().to_string(), "09/21/2006");
        assert_eq!(d.version.unwrap().to_string(), "6.0.5736.1");
        let d = dv("02-29-2024, 1.2.3.4");
        assert!(d.problems.is_empty(), "{:?}", d.problems);
    }

    #[test]
    fn driver_ver_problems() {
        assert_eq!(
            kinds(&dv("9/1/2006,1.0.0.0")),
            vec![DriverVerProblemKind::DateDigitCount]
        );
        assert_eq!(
            dv("9/1/2006,1.0.0.0").date,
            Some(DriverDate {
                year: 2006,
                month: 9,
                day: 1
            })
        );
        assert_eq!(
            kinds(&dv("13/01/2006,1.0.0.0")),
            vec![DriverVerProblemKind::MonthOutOfRange { month: 13 }]
        );
        assert_eq!(
            kinds(&dv("02/29/2023,1.0.0.0")),
            vec![DriverVerProblemKind::DayOutOfRange { day: 29 }]
        );
        assert_eq!(
            kinds(&dv("2006/01/01,1.0.0.0")),
            vec![
                DriverVerProblemKind::DateDigitCount,
                DriverVerProblemKind::MonthOutOfRange { month: 2006 }
            ]
        );
        assert_eq!(
            kinds(&dv("Jan 1 2006,1.0.0.0")),
            vec![DriverVerProblemKind::DateNotMmDdYyyy]
        );
        assert_eq!(
            kinds(&dv("01/01/2006")),
            vec![DriverVerProblemKind::MissingVersion]
        );
        assert_eq!(
            kinds(&dv(",1.0.0.0")),
            vec![DriverVerProblemKind::MissingDate]
        );
        assert_eq!(
            kinds(&dv("01/01/2006,0.0.0.0")),
            vec![DriverVerProblemKind::VersionAllZero]
        );
        assert_eq!(
            kinds(&dv("01/01/2006,1.2")),
            vec![DriverVerProblemKind::VersionPartCount { count: 2 }]
        );
        assert_eq!(
            dv("01/01/2006,1.2").version,
            Some(DriverVersion([1, 2, 0, 0]))
        );
        assert_eq!(
            kinds(&dv("01/01/2006,1.65536.0.0")),
            vec![DriverVerProblemKind::VersionPartTooLarge { index: 1 }]
        );
        assert_eq!(dv("01/01/2006,1.65536.0.0").version, None);
        assert_eq!(
            kinds(&dv("01/01/2006,1.65535.0.0")),
            vec![DriverVerProblemKind::VersionPart65535 { index: 1 }]
        );
        assert_eq!(
            kinds(&dv("01/01/2006,1.a.0.0")),
            vec![DriverVerProblemKind::VersionNotDotted]
        );
        assert_eq!(
            kinds(&dv("01/01/2006,1.0.0.0,x")),
            vec![DriverVerProblemKind::ExtraFields]
        );
        assert_eq!(
            kinds(&dv("01/01/2006,1.2.3.4.5")),
            vec![DriverVerProblemKind::VersionPartCount { count: 5 }]
        );
        assert_eq!(dv("01/01/2006,1.2.3.4.5").version, None);
        let d = dv("");
        assert_eq!(
            kinds(&d),
            vec![
                DriverVerProblemKind::MissingDate,
                DriverVerProblemKind::MissingVersion
            ]
        );
        assert_eq!(
            DriverVerProblemKind::MissingDate.infverif_code(),
            Some(1218)
        );
        assert_eq!(
            DriverVerProblemKind::VersionAllZero.infverif_code(),
            Some(1217)
        );
    }

    #[test]
    fn driver_ver_in_install_section() {
        let inf =
            inf("[Version]\nSignature=\"$Windows NT$\"\n[Inst]\nDriverVer=01/02/2020,1.0.0.1\n");
        assert_eq!(
            inf.driver_ver("inst").unwrap().version,
            Some(DriverVersion([1, 0, 0, 1]))
        );
        assert!(inf.driver_ver("Version").is_none());
    }
}
