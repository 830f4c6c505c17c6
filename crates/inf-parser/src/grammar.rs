//! Small nom grammars for the text inside one field: numbers, GUIDs, TargetOSVersion
//! decorations, DriverVer dates and versions.
//!
//! The tokenizer (`parse.rs`) is hand-written because of SetupAPI's continuation look-ahead;
//! once a field's text is known, these grammars read its inner structure. Every parser here is
//! total: it returns a value or a reason, never panics.

use nom::branch::alt;
use nom::bytes::complete::{tag_no_case, take_while, take_while1, take_while_m_n};
use nom::character::complete::char;
use nom::combinator::{all_consuming, map_res, recognize};
use nom::multi::many0_count;
use nom::sequence::{delimited, pair, preceded, tuple};
use nom::IResult;

/// Why a text is not the number a field needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NumberError {
    /// The text is empty.
    Empty,
    /// Not a decimal or `0x` hexadecimal number.
    NotANumber,
    /// A number too large for the field.
    OutOfRange,
}

impl std::fmt::Display for NumberError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NumberError::Empty => "empty",
            NumberError::NotANumber => "not a decimal or 0x-hexadecimal number",
            NumberError::OutOfRange => "number out of range",
        })
    }
}

fn hex_digits(i: &str) -> IResult<&str, &str> {
    preceded(
        tag_no_case("0x"),
        take_while1(|c: char| c.is_ascii_hexdigit()),
    )(i)
}

fn dec_digits(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_digit())(i)
}

/// Reads an unsigned 32-bit number written in decimal or `0x` hexadecimal, the whole text
/// consumed (the forms InfVerif accepts, 1268). Leading zeros are read as decimal here; callers
/// that care about SetupAPI's octal reading use [`crate::parse_int`].
pub fn parse_u32(text: &str) -> Result<u32, NumberError> {
    if text.is_empty() {
        return Err(NumberError::Empty);
    }
    if let Ok((_, digits)) = all_consuming(hex_digits)(text) {
        return u32::from_str_radix(digits, 16).map_err(|_| NumberError::OutOfRange);
    }
    match all_consuming(dec_digits)(text) {
        Ok((_, digits)) => digits.parse::<u32>().map_err(|_| NumberError::OutOfRange),
        Err(_) => Err(NumberError::NotANumber),
    }
}

/// A GUID, as written `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Guid(pub u128);

impl Guid {
    /// Parses a braced GUID (InfVerif 1010 format): braces required, hex digits of either case.
    pub fn parse(text: &str) -> Result<Guid, GuidError> {
        let t = text.trim();
        if !t.starts_with('{') || !t.ends_with('}') {
            // Tell "well-formed but unbraced" apart from garbage: the fix differs.
            return Err(if all_consuming(guid_body)(t).is_ok() {
                GuidError::MissingBraces
            } else {
                GuidError::Malformed
            });
        }
        match all_consuming(delimited(char('{'), guid_body, char('}')))(t) {
            Ok((_, g)) => Ok(g),
            Err(_) => Err(GuidError::Malformed),
        }
    }
}

impl std::fmt::Display for Guid {
    /// Formats as `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}` (upper case, as Windows shows GUIDs).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        write!(
            f,
            "{{{:08X}-{:04X}-{:04X}-{:04X}-{:012X}}}",
            (v >> 96) as u32,
            (v >> 80) as u16,
            (v >> 64) as u16,
            (v >> 48) as u16,
            v & 0xFFFF_FFFF_FFFF
        )
    }
}

/// Why a text is not a GUID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GuidError {
    /// A well-formed 8-4-4-4-12 GUID without its `{}` braces.
    MissingBraces,
    /// Not an 8-4-4-4-12 hexadecimal GUID.
    Malformed,
}

fn hex_n(n: usize) -> impl Fn(&str) -> IResult<&str, u128> {
    move |i| {
        map_res(
            take_while_m_n(n, n, |c: char| c.is_ascii_hexdigit()),
            |s: &str| u128::from_str_radix(s, 16),
        )(i)
    }
}

fn guid_body(i: &str) -> IResult<&str, Guid> {
    let (i, (a, _, b, _, c, _, d, _, e)) = tuple((
        hex_n(8),
        char('-'),
        hex_n(4),
        char('-'),
        hex_n(4),
        char('-'),
        hex_n(4),
        char('-'),
        hex_n(12),
    ))(i)?;
    Ok((i, Guid((a << 96) | (b << 80) | (c << 64) | (d << 48) | e)))
}

/// The raw pieces of a TargetOSVersion decoration: `NT`, the architecture text, and the
/// dot-separated number fields (each possibly empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawDecoration<'a> {
    /// Text between `NT` and the first `.` (may be empty).
    pub arch: &'a str,
    /// The fields after the architecture, split at `.` (empty strings for empty fields).
    pub fields: Vec<&'a str>,
}

/// Splits a decoration into `NT`, architecture and fields. `None` when it does not start with
/// `NT` (case-insensitive).
pub(crate) fn raw_decoration(text: &str) -> Option<RawDecoration<'_>> {
    let parsed: IResult<&str, &str> =
        preceded(tag_no_case("nt"), take_while(|c: char| c != '.'))(text);
    let (rest, arch) = parsed.ok()?;
    let fields = if rest.is_empty() {
        Vec::new()
    } else {
        rest[1..].split('.').collect()
    };
    Some(RawDecoration { arch, fields })
}

/// A DriverVer date's pieces as written: month, day, year texts and the two separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawDate<'a> {
    pub month: &'a str,
    pub sep1: char,
    pub day: &'a str,
    pub sep2: char,
    pub year: &'a str,
}

/// Reads `m/d/y` or `m-d-y` digit groups (any lengths; the caller validates them).
pub(crate) fn raw_date(text: &str) -> Option<RawDate<'_>> {
    let sep = |i| alt((char('/'), char('-')))(i);
    let r: IResult<&str, (&str, char, &str, char, &str)> =
        all_consuming(tuple((dec_digits, sep, dec_digits, sep, dec_digits)))(text);
    r.ok().map(|(_, (month, sep1, day, sep2, year))| RawDate {
        month,
        sep1,
        day,
        sep2,
        year,
    })
}

/// Reads a dotted version `a[.b[.c[.d…]]]` into its digit groups (the caller checks count and
/// ranges). `None` when a group is empty or not decimal.
pub(crate) fn raw_version(text: &str) -> Option<Vec<&str>> {
    let r: IResult<&str, &str> = all_consuming(recognize(pair(
        dec_digits,
        many0_count(preceded(char('.'), dec_digits)),
    )))(text);
    r.ok().map(|(_, s)| s.split('.').collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_u32("0"), Ok(0));
        assert_eq!(parse_u32("42"), Ok(42));
        assert_eq!(parse_u32("0x1F"), Ok(31));
        assert_eq!(parse_u32("0XfF"), Ok(255));
        assert_eq!(parse_u32("010"), Ok(10));
        assert_eq!(parse_u32(""), Err(NumberError::Empty));
        assert_eq!(parse_u32("0x"), Err(NumberError::NotANumber));
        assert_eq!(parse_u32("12a"), Err(NumberError::NotANumber));
        assert_eq!(parse_u32("-1"), Err(NumberError::NotANumber));
        assert_eq!(parse_u32(" 1"), Err(NumberError::NotANumber));
        assert_eq!(parse_u32("4294967296"), Err(NumberError::OutOfRange));
        assert_eq!(parse_u32("0x100000000"), Err(NumberError::OutOfRange));
    }

    #[test]
    fn guids() {
        let g = Guid::parse("{4d36e97d-e325-11ce-bfc1-08002be10318}").unwrap();
        assert_eq!(g.to_string(), "{4D36E97D-E325-11CE-BFC1-08002BE10318}");
        assert_eq!(Guid::parse("{4D36E97D-E325-11CE-BFC1-08002BE10318}"), Ok(g));
        assert_eq!(
            Guid::parse("4d36e97d-e325-11ce-bfc1-08002be10318"),
            Err(GuidError::MissingBraces)
        );
        assert_eq!(
            Guid::parse("{4d36e97d-e325-11ce-bfc1-08002be1031}"),
            Err(GuidError::Malformed)
        );
        assert_eq!(
            Guid::parse("{4d36e97d-e325-11ce-bfc1-08002be10318"),
            Err(GuidError::Malformed)
        );
        assert_eq!(
            Guid::parse("{zd36e97d-e325-11ce-bfc1-08002be10318}"),
            Err(GuidError::Malformed)
        );
        assert_eq!(Guid::parse(""), Err(GuidError::Malformed));
    }

    #[test]
    fn decorations_split() {
        let d = raw_decoration("NTamd64.10.0...22000").unwrap();
        assert_eq!(d.arch, "amd64");
        assert_eq!(d.fields, vec!["10", "0", "", "", "22000"]);
        let d = raw_decoration("nt").unwrap();
        assert_eq!(d.arch, "");
        assert!(d.fields.is_empty());
        let d = raw_decoration("NT.").unwrap();
        assert_eq!(d.fields, vec![""]);
        assert!(raw_decoration("Win").is_none());
        assert!(raw_decoration("").is_none());
    }

    #[test]
    fn dates_and_versions() {
        let d = raw_date("01/02/2020").unwrap();
        assert_eq!(
            (d.month, d.day, d.year, d.sep1, d.sep2),
            ("01", "02", "2020", '/', '/')
        );
        assert!(raw_date("1-2-2020").is_some());
        assert!(raw_date("2020/01").is_none());
        assert!(raw_date("01/02/2020x").is_none());
        assert_eq!(raw_version("1.2.3.4"), Some(vec!["1", "2", "3", "4"]));
        assert_eq!(raw_version("7"), Some(vec!["7"]));
        assert_eq!(raw_version("1..2"), None);
        assert_eq!(raw_version("1.2."), None);
        assert_eq!(raw_version(""), None);
    }
}
