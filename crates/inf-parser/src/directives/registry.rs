//! add-registry and del-registry section lines (inf-syntax.md §4.5).
//!
//! `reg-root, [subkey], [value-name], [flags], [value…]`. The flags go through SetupGetIntField;
//! the registry type is `flags & 0xFFFF0001`; the value fields are read per type as SetupAPI
//! does (string: field 5; MULTI_SZ: fields 5.. up to the first empty one; DWORD with exactly 5
//! fields: a number; everything else: hex bytes).

use serde::Serialize;

use super::{setup_int, FieldValue, SourceLine};
use crate::grammar::NumberError;
use crate::{Inf, LineRef, Span};

/// A registry root.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "text")]
pub enum RegRoot {
    /// `HKCR`.
    Hkcr,
    /// `HKCU`.
    Hkcu,
    /// `HKLM`.
    Hklm,
    /// `HKU`.
    Hku,
    /// `HKR`: relative to the key of the context (device software or hardware key, service key,
    /// class key, …).
    Hkr,
    /// Anything else (InfVerif 1224; Wine skips the line).
    Invalid(String),
}

impl RegRoot {
    /// Reads a root, case-insensitively.
    pub fn parse(text: &str) -> RegRoot {
        const ROOTS: [(&str, RegRoot); 5] = [
            ("HKR", RegRoot::Hkr),
            ("HKLM", RegRoot::Hklm),
            ("HKCR", RegRoot::Hkcr),
            ("HKCU", RegRoot::Hkcu),
            ("HKU", RegRoot::Hku),
        ];
        ROOTS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(text))
            .map_or_else(
                || RegRoot::Invalid(text.to_owned()),
                |(_, root)| root.clone(),
            )
    }

    /// Whether the root is one of the five valid ones.
    pub fn is_valid(&self) -> bool {
        !matches!(self, RegRoot::Invalid(_))
    }
}

/// The FLG_ADDREG_* / FLG_DELREG_* flags of a registry line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct AddRegFlags(pub u32);

impl AddRegFlags {
    /// FLG_ADDREG_BINVALUETYPE (= FLG_ADDREG_TYPE_BINARY): the value is binary.
    pub const BINVALUETYPE: u32 = 0x0000_0001;
    /// FLG_ADDREG_NOCLOBBER: do not replace an existing value.
    pub const NOCLOBBER: u32 = 0x0000_0002;
    /// FLG_ADDREG_DELVAL: delete the value (or the key).
    pub const DELVAL: u32 = 0x0000_0004;
    /// FLG_ADDREG_APPEND: append to a MULTI_SZ value.
    pub const APPEND: u32 = 0x0000_0008;
    /// FLG_ADDREG_KEYONLY: create the key only.
    pub const KEYONLY: u32 = 0x0000_0010;
    /// FLG_ADDREG_OVERWRITEONLY: set the value only if it exists.
    pub const OVERWRITEONLY: u32 = 0x0000_0020;
    /// FLG_ADDREG_64BITKEY: use the 64-bit registry view.
    pub const KEY_64BIT: u32 = 0x0000_1000;
    /// FLG_ADDREG_KEYONLY_COMMON (= FLG_DELREG_KEYONLY_COMMON): key only, also in DelReg.
    pub const KEYONLY_COMMON: u32 = 0x0000_2000;
    /// FLG_ADDREG_32BITKEY: use the 32-bit registry view.
    pub const KEY_32BIT: u32 = 0x0000_4000;
    /// FLG_ADDREG_DELREG_BIT: marks a DelReg-style line.
    pub const DELREG_BIT: u32 = 0x0000_8000;
    /// FLG_DELREG_MULTI_SZ_DELSTRING: remove matching strings from a MULTI_SZ value.
    pub const MULTI_SZ_DELSTRING: u32 = 0x0001_8002;
    /// FLG_ADDREG_TYPE_MASK: the bits that give the registry type.
    pub const TYPE_MASK: u32 = 0xFFFF_0001;
    const KNOWN_LOW: u32 = 0x0000_F03F;

    /// Whether FLG_ADDREG_BINVALUETYPE is set.
    pub fn binary_value_type(self) -> bool {
        self.0 & Self::BINVALUETYPE != 0
    }
    /// Whether FLG_ADDREG_NOCLOBBER is set.
    pub fn no_clobber(self) -> bool {
        self.0 & Self::NOCLOBBER != 0
    }
    /// Whether FLG_ADDREG_DELVAL is set.
    pub fn del_val(self) -> bool {
        self.0 & Self::DELVAL != 0
    }
    /// Whether FLG_ADDREG_APPEND is set.
    pub fn append(self) -> bool {
        self.0 & Self::APPEND != 0
    }
    /// Whether FLG_ADDREG_KEYONLY is set.
    pub fn key_only(self) -> bool {
        self.0 & Self::KEYONLY != 0
    }
    /// Whether FLG_ADDREG_OVERWRITEONLY is set.
    pub fn overwrite_only(self) -> bool {
        self.0 & Self::OVERWRITEONLY != 0
    }
    /// Whether FLG_ADDREG_64BITKEY is set.
    pub fn key_64bit(self) -> bool {
        self.0 & Self::KEY_64BIT != 0
    }
    /// Whether FLG_ADDREG_KEYONLY_COMMON is set.
    pub fn key_only_common(self) -> bool {
        self.0 & Self::KEYONLY_COMMON != 0
    }
    /// Whether FLG_ADDREG_32BITKEY is set.
    pub fn key_32bit(self) -> bool {
        self.0 & Self::KEY_32BIT != 0
    }
    /// Whether FLG_ADDREG_DELREG_BIT is set.
    pub fn delreg_bit(self) -> bool {
        self.0 & Self::DELREG_BIT != 0
    }
    /// Whether all of FLG_DELREG_MULTI_SZ_DELSTRING's bits are set.
    pub fn multi_sz_delstring(self) -> bool {
        self.0 & Self::MULTI_SZ_DELSTRING == Self::MULTI_SZ_DELSTRING
    }
    /// Bits below 0x10000 that no FLG_ADDREG_* flag defines.
    pub fn unknown_bits(self) -> u32 {
        self.0 & 0xFFFF & !Self::KNOWN_LOW
    }
    /// The registry type the flags select.
    pub fn reg_type(self) -> RegType {
        RegType::from_flags(self.0)
    }
}

/// The registry type of an AddReg line: `flags & 0xFFFF0001`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum RegType {
    /// 0x00000000.
    Sz,
    /// 0x00010000.
    MultiSz,
    /// 0x00020000.
    ExpandSz,
    /// 0x00000001.
    Binary,
    /// 0x00010001.
    Dword,
    /// 0x00020001 (REG_NONE, not "binary EXPAND_SZ").
    None,
    /// 0x000B0001.
    Qword,
    /// Any other `(T << 16) | bit0`: registry type `T`. With bit 0 set the data are bytes;
    /// without it they are a string.
    Custom {
        /// The registry type code `T`.
        code: u32,
        /// Whether FLG_ADDREG_BINVALUETYPE is set.
        binary: bool,
    },
}

impl RegType {
    /// Decodes `flags & 0xFFFF0001`.
    pub fn from_flags(flags: u32) -> RegType {
        match flags & AddRegFlags::TYPE_MASK {
            0x0000_0000 => RegType::Sz,
            0x0001_0000 => RegType::MultiSz,
            0x0002_0000 => RegType::ExpandSz,
            0x0000_0001 => RegType::Binary,
            0x0001_0001 => RegType::Dword,
            0x0002_0001 => RegType::None,
            0x000B_0001 => RegType::Qword,
            other => RegType::Custom {
                code: other >> 16,
                binary: other & 1 != 0,
            },
        }
    }

    /// The REG_* code written to the registry (REG_SZ 1, EXPAND_SZ 2, BINARY 3, DWORD 4,
    /// MULTI_SZ 7, QWORD 11, NONE 0, or the custom code).
    pub fn code(self) -> u32 {
        match self {
            RegType::None => 0,
            RegType::Sz => 1,
            RegType::ExpandSz => 2,
            RegType::Binary => 3,
            RegType::Dword => 4,
            RegType::MultiSz => 7,
            RegType::Qword => 11,
            RegType::Custom { code, .. } => code,
        }
    }

    /// `REG_SZ`, `REG_MULTI_SZ`, …, or `0x38` for a custom type.
    pub fn name(self) -> String {
        match self {
            RegType::Sz => "REG_SZ".into(),
            RegType::MultiSz => "REG_MULTI_SZ".into(),
            RegType::ExpandSz => "REG_EXPAND_SZ".into(),
            RegType::Binary => "REG_BINARY".into(),
            RegType::Dword => "REG_DWORD".into(),
            RegType::None => "REG_NONE".into(),
            RegType::Qword => "REG_QWORD".into(),
            RegType::Custom { code, .. } => format!("0x{code:x}"),
        }
    }
}

/// Why the binary value fields of a line are not bytes (InfVerif 1267; SetupGetBinaryField
/// fails with ERROR_INVALID_DATA).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct BinaryFieldError {
    /// The field number (1-based).
    pub field: u32,
    /// Its span.
    pub span: Span,
    /// What is wrong with it.
    pub reason: NumberError,
}

/// Reads fields `from..` of `line` as SetupGetBinaryField does: raw text (no substitution),
/// each field one byte in hex with an optional `0x`.
pub fn binary_fields(line: &LineRef<'_>, from: usize) -> Result<Vec<u8>, BinaryFieldError> {
    let mut out = Vec::new();
    for n in from.max(1)..=line.field_count() {
        let text = line.raw_field(n).unwrap_or("").trim();
        let digits = text
            .strip_prefix("0x")
            .or_else(|| text.strip_prefix("0X"))
            .unwrap_or(text);
        let err = |reason| BinaryFieldError {
            field: n as u32,
            span: line.field_span(n).unwrap_or_default(),
            reason,
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(err(NumberError::NotANumber));
        }
        let trimmed = digits.trim_start_matches('0');
        if trimmed.len() > 2 {
            return Err(err(NumberError::OutOfRange));
        }
        out.push(
            u8::from_str_radix(if trimmed.is_empty() { "0" } else { trimmed }, 16).unwrap_or(0),
        );
    }
    Ok(out)
}

/// The value data of an AddReg line, read as its type says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "value")]
pub enum RegData {
    /// A string type (bit 0 clear, not MULTI_SZ): field 5, or `None` when absent (an empty
    /// string is written).
    String(Option<FieldValue>),
    /// REG_MULTI_SZ: fields 5.. up to the first empty one.
    MultiSz(Vec<FieldValue>),
    /// REG_DWORD on a line of exactly 5 fields: field 5 read as a number (empty reads as 0).
    Dword {
        /// Field 5.
        field: FieldValue,
        /// The number, or why it is not one.
        value: Result<u32, NumberError>,
    },
    /// Any other type: fields 5.. as hex bytes.
    Bytes(Result<Vec<u8>, BinaryFieldError>),
}

/// Why SetupAPI (as Wine implements it) ignores an AddReg line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AddRegSkip {
    /// The root is not HKCR/HKCU/HKLM/HKU/HKR.
    InvalidRoot,
    /// FLG_ADDREG_DELREG_BIT is set: a DelReg-style line in an AddReg section.
    DelRegBit,
}

/// One line of an add-registry section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddRegLine {
    /// Where the line is.
    pub line: SourceLine,
    /// Field 1, the root as written (empty at the line start when the line has no field).
    pub root_text: FieldValue,
    /// The root.
    pub root: RegRoot,
    /// Field 2, the subkey (`None` or empty: the root key itself).
    pub subkey: Option<FieldValue>,
    /// Field 3, the value name (`None` or empty: the default value).
    pub value_name: Option<FieldValue>,
    /// Field 4 as written, if present.
    pub flags_text: Option<FieldValue>,
    /// Field 4 read by SetupGetIntField (empty or absent: 0).
    pub flags: Result<u32, NumberError>,
    /// The value data, read with [`Self::effective_flags`].
    pub data: RegData,
    /// Number of value fields on the line.
    pub field_count: usize,
}

impl AddRegLine {
    /// Reads one add-registry line.
    pub fn read(line: &LineRef<'_>) -> AddRegLine {
        let (root_text, root, subkey, value_name, flags_text, flags) = common_fields(line);
        let effective = AddRegFlags(*flags.as_ref().unwrap_or(&0));
        let data = read_data(line, effective);
        AddRegLine {
            line: SourceLine::of(line),
            root_text,
            root,
            subkey,
            value_name,
            flags_text,
            flags,
            data,
            field_count: line.field_count(),
        }
    }

    /// The flags SetupAPI acts on: the parsed flags, or 0 when they are not a number (Wine reads
    /// a failed SetupGetIntField as 0).
    pub fn effective_flags(&self) -> AddRegFlags {
        AddRegFlags(*self.flags.as_ref().unwrap_or(&0))
    }

    /// The registry type.
    pub fn reg_type(&self) -> RegType {
        self.effective_flags().reg_type()
    }

    /// Why the line is ignored, if it is (Wine's behaviour; InfVerif reports an invalid root as
    /// 1224).
    pub fn skip(&self) -> Option<AddRegSkip> {
        if !self.root.is_valid() {
            Some(AddRegSkip::InvalidRoot)
        } else if self.effective_flags().delreg_bit() {
            Some(AddRegSkip::DelRegBit)
        } else {
            None
        }
    }

    /// Value fields beyond those the type reads (a string type reads only field 5; InfVerif
    /// 1201 warns about the rest).
    pub fn extra_value_fields(&self) -> usize {
        match self.data {
            RegData::String(_) => self.field_count.saturating_sub(5),
            _ => 0,
        }
    }
}

type CommonFields = (
    FieldValue,
    RegRoot,
    Option<FieldValue>,
    Option<FieldValue>,
    Option<FieldValue>,
    Result<u32, NumberError>,
);

fn common_fields(line: &LineRef<'_>) -> CommonFields {
    let root_text = FieldValue::field(line, 1).unwrap_or_else(|| FieldValue {
        text: String::new(),
        span: Span::empty(line.span().start as usize),
        line: line.index(),
        field: 1,
    });
    let root = RegRoot::parse(root_text.text.trim());
    let subkey = FieldValue::field(line, 2);
    let value_name = FieldValue::field(line, 3);
    let flags_text = FieldValue::field(line, 4);
    let flags = match &flags_text {
        None => Ok(0),
        Some(f) => setup_int(&f.text),
    };
    (root_text, root, subkey, value_name, flags_text, flags)
}

fn read_data(line: &LineRef<'_>, flags: AddRegFlags) -> RegData {
    let ty = flags.reg_type();
    let count = line.field_count();
    if ty == RegType::Dword && count == 5 {
        let field = FieldValue::field(line, 5).unwrap_or_default_at(line);
        let value = setup_int(&field.text);
        return RegData::Dword { field, value };
    }
    if !flags.binary_value_type() {
        if ty == RegType::MultiSz {
            return RegData::MultiSz(
                FieldValue::fields_from(line, 5)
                    .into_iter()
                    .take_while(|f| !f.is_empty())
                    .collect(),
            );
        }
        return RegData::String(FieldValue::field(line, 5));
    }
    RegData::Bytes(binary_fields(line, 5))
}

trait OrEmptyAt {
    fn unwrap_or_default_at(self, line: &LineRef<'_>) -> FieldValue;
}

impl OrEmptyAt for Option<FieldValue> {
    fn unwrap_or_default_at(self, line: &LineRef<'_>) -> FieldValue {
        self.unwrap_or_else(|| FieldValue {
            text: String::new(),
            span: Span::empty(line.span().end as usize),
            line: line.index(),
            field: 5,
        })
    }
}

/// One line of a del-registry section: `reg-root, subkey[, value-name][, flags][, value]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DelRegLine {
    /// Where the line is.
    pub line: SourceLine,
    /// Field 1, the root as written.
    pub root_text: FieldValue,
    /// The root.
    pub root: RegRoot,
    /// Field 2, the subkey.
    pub subkey: Option<FieldValue>,
    /// Field 3, the value name (absent or empty: the key itself is deleted).
    pub value_name: Option<FieldValue>,
    /// Field 4 as written, if present.
    pub flags_text: Option<FieldValue>,
    /// Field 4 read by SetupGetIntField (empty or absent: 0).
    pub flags: Result<u32, NumberError>,
    /// Field 5: the string to remove with FLG_DELREG_MULTI_SZ_DELSTRING.
    pub value: Option<FieldValue>,
}

impl DelRegLine {
    /// Reads one del-registry line.
    pub fn read(line: &LineRef<'_>) -> DelRegLine {
        let (root_text, root, subkey, value_name, flags_text, flags) = common_fields(line);
        DelRegLine {
            line: SourceLine::of(line),
            root_text,
            root,
            subkey,
            value_name,
            flags_text,
            flags,
            value: FieldValue::field(line, 5),
        }
    }

    /// The flags SetupAPI acts on (0 when not a number).
    pub fn effective_flags(&self) -> AddRegFlags {
        AddRegFlags(*self.flags.as_ref().unwrap_or(&0))
    }

    /// Whether the flags are non-zero but lack FLG_ADDREG_DELREG_BIT: Wine ignores such lines in
    /// DelReg sections (Windows unverified, inf-syntax.md §4.5).
    pub fn lacks_delreg_bit(&self) -> bool {
        let f = self.effective_flags();
        f.0 != 0 && !f.delreg_bit()
    }
}

impl Inf {
    /// Every line of the add-registry section `section`, in file order.
    pub fn add_reg(&self, section: &str) -> Vec<AddRegLine> {
        self.lines(section).map(|l| AddRegLine::read(&l)).collect()
    }

    /// Every line of the del-registry section `section`, in file order.
    pub fn del_reg(&self, section: &str) -> Vec<DelRegLine> {
        self.lines(section).map(|l| DelRegLine::read(&l)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_inf, InfOptions};

    #[test]
    fn roots_are_read_case_insensitively() {
        assert_eq!(RegRoot::parse("hkr"), RegRoot::Hkr);
        assert_eq!(RegRoot::parse("HkLm"), RegRoot::Hklm);
        assert_eq!(RegRoot::parse("HKCR"), RegRoot::Hkcr);
        assert_eq!(RegRoot::parse("hkcu"), RegRoot::Hkcu);
        assert_eq!(RegRoot::parse("Hku"), RegRoot::Hku);
        assert_eq!(RegRoot::parse("HKR2"), RegRoot::Invalid("HKR2".into()));
        assert_eq!(
            RegRoot::parse("\u{212A}"),
            RegRoot::Invalid("\u{212A}".into())
        );
        assert_eq!(RegRoot::parse(""), RegRoot::Invalid(String::new()));
    }

    fn lines(body: &str) -> Vec<AddRegLine> {
        let inf = parse_inf(
            format!("[Version]\nSignature=\"$Windows NT$\"\n[R]\n{body}[Strings]\nREG_DWORD=0x00010001\nS=\"a,b\"\n")
                .as_bytes(),
            1252,
            InfOptions::default(),
        );
        inf.add_reg("R")
    }

    fn one(body: &str) -> AddRegLine {
        lines(&format!("{body}\n")).remove(0)
    }

    #[test]
    fn type_decoding() {
        assert_eq!(RegType::from_flags(0), RegType::Sz);
        assert_eq!(RegType::from_flags(0x0001_0000), RegType::MultiSz);
        assert_eq!(RegType::from_flags(0x0002_0000), RegType::ExpandSz);
        assert_eq!(RegType::from_flags(0x0000_0001), RegType::Binary);
        assert_eq!(RegType::from_flags(0x0001_0001), RegType::Dword);
        assert_eq!(RegType::from_flags(0x0002_0001), RegType::None);
        assert_eq!(RegType::from_flags(0x000B_0001), RegType::Qword);
        assert_eq!(
            RegType::from_flags(0x0038_0001),
            RegType::Custom {
                code: 0x38,
                binary: true
            }
        );
        assert_eq!(
            RegType::from_flags(0x0003_0000),
            RegType::Custom {
                code: 3,
                binary: false
            }
        );
        // Low flag bits do not change the type.
        assert_eq!(RegType::from_flags(0x0001_0008), RegType::MultiSz);
        assert_eq!(RegType::from_flags(0x0001_0003), RegType::Dword);
        assert_eq!(
            RegType::Custom {
                code: 0x38,
                binary: true
            }
            .name(),
            "0x38"
        );
        assert_eq!(RegType::None.name(), "REG_NONE");
        assert_eq!(RegType::MultiSz.code(), 7);
        assert_eq!(RegType::Qword.code(), 11);
    }

    #[test]
    fn flag_accessors() {
        let f = AddRegFlags(0x0001_F03F);
        assert!(
            f.binary_value_type() && f.no_clobber() && f.del_val() && f.append() && f.key_only()
        );
        assert!(
            f.overwrite_only()
                && f.key_64bit()
                && f.key_only_common()
                && f.key_32bit()
                && f.delreg_bit()
        );
        assert!(f.multi_sz_delstring());
        assert_eq!(f.unknown_bits(), 0);
        assert_eq!(AddRegFlags(0x40).unknown_bits(), 0x40);
        assert!(!AddRegFlags(0x8002).multi_sz_delstring());
    }

    #[test]
    fn values_per_type() {
        let l = one("HKR,,DeviceType,0x10001,0x22");
        assert_eq!(l.root, RegRoot::Hkr);
        assert_eq!(l.reg_type(), RegType::Dword);
        assert!(matches!(
            &l.data,
            RegData::Dword {
                value: Ok(0x22),
                ..
            }
        ));
        let l = one("HKR,,V,%REG_DWORD%,1,0,0,0");
        assert_eq!(l.flags, Ok(0x10001));
        assert_eq!(l.data, RegData::Bytes(Ok(vec![1, 0, 0, 0])));
        let l = one("HKR,,V,0x00010000,a,%S%,,c");
        let RegData::MultiSz(items) = &l.data else {
            panic!("{:?}", l.data)
        };
        assert_eq!(
            items.iter().map(|f| f.text.as_str()).collect::<Vec<_>>(),
            vec!["a", "a,b"]
        );
        let l = one("hklm,Software\\X,Name,,hello,extra");
        assert_eq!(l.root, RegRoot::Hklm);
        assert_eq!(l.subkey.as_ref().unwrap().text, "Software\\X");
        assert!(matches!(&l.data, RegData::String(Some(f)) if f.text == "hello"));
        assert_eq!(l.extra_value_fields(), 1);
        let l = one("HKR,,Empty,0x20000");
        assert_eq!(l.reg_type(), RegType::ExpandSz);
        assert_eq!(l.data, RegData::String(None));
        let l = one("HKR,,N,0x00020001");
        assert_eq!(l.data, RegData::Bytes(Ok(vec![])));
        let l = one("HKR,,C,0x00380001,1,0,2,3");
        assert_eq!(l.data, RegData::Bytes(Ok(vec![1, 0, 2, 3])));
        let l = one("HKR,,Q,0x000B0001,0x1234567890");
        let RegData::Bytes(Err(e)) = &l.data else {
            panic!()
        };
        assert_eq!((e.field, e.reason), (5, NumberError::OutOfRange));
        let l = one("HKR,,B,1,zz");
        let RegData::Bytes(Err(e)) = &l.data else {
            panic!()
        };
        assert_eq!(e.reason, NumberError::NotANumber);
        let l = one("HKR,,D,0x10001,");
        assert!(matches!(&l.data, RegData::Dword { value: Ok(0), .. }));
        let l = one("HKR,,D,0x10001,abc");
        assert!(matches!(
            &l.data,
            RegData::Dword {
                value: Err(NumberError::NotANumber),
                ..
            }
        ));
    }

    #[test]
    fn malformed_lines_are_data() {
        let l = one("HKXX,,X,,1");
        assert_eq!(l.root, RegRoot::Invalid("HKXX".into()));
        assert_eq!(l.skip(), Some(AddRegSkip::InvalidRoot));
        let l = one("HKR,,X,flags,1");
        assert_eq!(l.flags, Err(NumberError::NotANumber));
        assert_eq!(l.effective_flags(), AddRegFlags(0));
        assert_eq!(l.flags_text.as_ref().unwrap().text, "flags");
        let l = one("HKR,,X,0x8000");
        assert_eq!(l.skip(), Some(AddRegSkip::DelRegBit));
        let l = one("HKR");
        assert!(l.subkey.is_none() && l.value_name.is_none() && l.flags == Ok(0));
        assert_eq!(l.data, RegData::String(None));
        assert!(one("HKR,,X,,1").skip().is_none());
    }

    #[test]
    fn binary_field_reader() {
        let inf = parse_inf(b"[Version]\nSignature=\"$Chicago$\"\n[s]\nk=0,11,022,0xaA,0x0Ff,00000001\nj=123\nm=1,,2\n", 1252, InfOptions::default());
        let k = inf.find_line("s", "k").unwrap();
        assert_eq!(binary_fields(&k, 2), Ok(vec![0x11, 0x22, 0xAA, 0xFF, 0x01]));
        let j = inf.find_line("s", "j").unwrap();
        assert_eq!(
            binary_fields(&j, 1).unwrap_err().reason,
            NumberError::OutOfRange
        );
        let m = inf.find_line("s", "m").unwrap();
        assert_eq!(binary_fields(&m, 1).unwrap_err().field, 2);
    }

    #[test]
    fn del_reg() {
        let inf = parse_inf(
            b"[Version]\nSignature=\"$Chicago$\"\n[D]\nHKLM,Software\\X\nHKR,,UpperFilters,0x00018002,flt\nHKR,,V,0x2\n",
            1252,
            InfOptions::default(),
        );
        let d = inf.del_reg("D");
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].subkey.as_ref().unwrap().text, "Software\\X");
        assert!(!d[0].lacks_delreg_bit());
        assert!(d[1].effective_flags().multi_sz_delstring());
        assert_eq!(d[1].value.as_ref().unwrap().text, "flt");
        assert!(d[2].lacks_delreg_bit());
    }
}
