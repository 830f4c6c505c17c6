//! Decoding INF bytes into text, remembering how to map every position back to the file.
//!
//! SetupAPI reads INF files as UTF-16LE or as ANSI in the machine's code page (inf-syntax.md
//! §1.1). We decode once, up front, into a UTF-8 `String`, because every character the tokenizer
//! cares about is ASCII; DBCS trail bytes that equal `\` or `[` are therefore never mistaken for
//! syntax (edge case E86). Decoding never fails: undecodable input becomes U+FFFD, is reported,
//! and its original bytes are remembered so that re-encoding gives back the file byte for byte.

use serde::Serialize;

use crate::Span;

/// The encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Encoding {
    /// 8-bit text in a Windows code page (no BOM). Pure ASCII files are reported this way too.
    Ansi {
        /// The code page used to decode bytes ≥ 0x80 (1252 unless told otherwise).
        codepage: u16,
    },
    /// UTF-8 after an `EF BB BF` byte-order mark (not accepted by InfVerif).
    Utf8Bom,
    /// UTF-16 little endian, the encoding Microsoft recommends.
    Utf16Le {
        /// Whether the file starts with `FF FE`.
        bom: bool,
    },
    /// UTF-16 big endian after a `FE FF` mark (not accepted by InfVerif).
    Utf16Be,
}

impl Encoding {
    /// A short, stable name (`ansi`, `utf-8-bom`, `utf-16le-bom`, `utf-16le`, `utf-16be-bom`).
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Ansi { .. } => "ansi",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le { bom: true } => "utf-16le-bom",
            Encoding::Utf16Le { bom: false } => "utf-16le",
            Encoding::Utf16Be => "utf-16be-bom",
        }
    }

    /// Length of the byte-order mark in the original file.
    pub fn bom_len(self) -> usize {
        match self {
            Encoding::Ansi { .. } | Encoding::Utf16Le { bom: false } => 0,
            Encoding::Utf8Bom => 3,
            Encoding::Utf16Le { bom: true } | Encoding::Utf16Be => 2,
        }
    }
}

/// A problem found while decoding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecodeProblem {
    /// A UTF-16 file with an odd number of bytes; the last byte became U+FFFD.
    OddLengthUtf16,
    /// An unpaired UTF-16 surrogate became U+FFFD.
    LoneSurrogate,
    /// Bytes that are not valid in the code page (or in UTF-8) became U+FFFD.
    Undecodable,
    /// An 8-bit file contains bytes ≥ 0x80, whose meaning depends on the installing machine's
    /// code page. `span` covers the first such character.
    NonAsciiInAnsi,
    /// A UTF-8 byte-order mark: not an encoding InfVerif accepts (1003).
    Utf8Bom,
    /// A UTF-16 big-endian file: not an encoding InfVerif accepts (1003).
    Utf16Be,
    /// UTF-16LE recognised by its zero bytes but without a byte-order mark.
    Utf16WithoutBom,
}

/// A decoding problem and where it is (a span in the decoded text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecodeIssue {
    /// What went wrong.
    pub problem: DecodeProblem,
    /// Where, in the decoded text.
    pub span: Span,
}

/// A decoded file: its text, its encoding, and the map back to original byte offsets.
#[derive(Debug, Clone)]
pub struct SourceText {
    text: String,
    encoding: Encoding,
    /// `(text offset, original offset)` pairs, sorted, at positions where the simple rule
    /// "walk forward from the previous checkpoint" needs a fresh start (see [`Self::original_offset`]).
    checkpoints: Vec<(u32, u32)>,
    /// U+FFFD characters produced from undecodable input: text offset → original bytes.
    replaced: Vec<(u32, Box<[u8]>)>,
    issues: Vec<DecodeIssue>,
    original_len: usize,
}

/// How many text bytes may separate two checkpoints of a UTF-16 file.
const CHECKPOINT_STRIDE: usize = 2048;

/// Decodes `bytes` the way SetupAPI would, with `codepage` for 8-bit files.
///
/// Code pages that `encoding_rs` does not know fall back to 1252 (the caller validates the
/// number first with [`codepage_supported`]).
pub fn decode(bytes: &[u8], codepage: u16) -> SourceText {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return decode_utf16(bytes, Encoding::Utf16Le { bom: true });
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let mut st = decode_utf16(bytes, Encoding::Utf16Be);
        st.issues.insert(0, DecodeIssue { problem: DecodeProblem::Utf16Be, span: Span::empty(0) });
        return st;
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        let mut st = decode_8bit(&bytes[3..], encoding_rs::UTF_8, Encoding::Utf8Bom, 3);
        st.issues.insert(0, DecodeIssue { problem: DecodeProblem::Utf8Bom, span: Span::empty(0) });
        return st;
    }
    if looks_like_bomless_utf16le(bytes) {
        let mut st = decode_utf16(bytes, Encoding::Utf16Le { bom: false });
        st.issues.insert(0, DecodeIssue { problem: DecodeProblem::Utf16WithoutBom, span: Span::empty(0) });
        return st;
    }
    let enc = codepage_encoding(codepage).unwrap_or(encoding_rs::WINDOWS_1252);
    let cp = if codepage_encoding(codepage).is_some() { codepage } else { 1252 };
    decode_8bit(bytes, enc, Encoding::Ansi { codepage: cp }, 0)
}

/// Whether `codepage` is one [`decode`] can use.
pub fn codepage_supported(codepage: u16) -> bool {
    codepage_encoding(codepage).is_some()
}

fn codepage_encoding(codepage: u16) -> Option<&'static encoding_rs::Encoding> {
    use encoding_rs::*;
    Some(match codepage {
        874 => WINDOWS_874,
        932 => SHIFT_JIS,
        936 => GBK,
        949 => EUC_KR,
        950 => BIG5,
        1250 => WINDOWS_1250,
        1251 => WINDOWS_1251,
        1252 => WINDOWS_1252,
        1253 => WINDOWS_1253,
        1254 => WINDOWS_1254,
        1255 => WINDOWS_1255,
        1256 => WINDOWS_1256,
        1257 => WINDOWS_1257,
        1258 => WINDOWS_1258,
        20866 => KOI8_R,
        28591 => WINDOWS_1252,
        65001 => UTF_8,
        _ => return None,
    })
}

/// SetupAPI sniffs UTF-16 without a BOM from zero bytes (`RtlIsTextUnicode`). We accept it only
/// when the evidence is overwhelming, because an 8-bit file with a few NULs must stay ANSI
/// (Windows opens those as ANSI, inf-syntax.md §1.1).
fn looks_like_bomless_utf16le(bytes: &[u8]) -> bool {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return false;
    }
    let units = bytes.len().min(1024) / 2;
    let mut ascii_units = 0usize;
    for i in 0..units {
        let (lo, hi) = (bytes[2 * i], bytes[2 * i + 1]);
        if hi == 0 && lo != 0 && lo < 0x80 {
            ascii_units += 1;
        }
    }
    ascii_units * 10 >= units * 9
}

fn decode_8bit(
    bytes: &[u8],
    enc: &'static encoding_rs::Encoding,
    encoding: Encoding,
    bom_len: usize,
) -> SourceText {
    let original_len = bytes.len() + bom_len;
    if bytes.is_ascii() {
        // The overwhelmingly common case: identity mapping, no table at all.
        let text = String::from_utf8(bytes.to_vec()).unwrap_or_default();
        let checkpoints = if bom_len > 0 { vec![(0, bom_len as u32)] } else { Vec::new() };
        return SourceText { text, encoding, checkpoints, replaced: Vec::new(), issues: Vec::new(), original_len };
    }
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 4);
    let mut checkpoints = Vec::new();
    if bom_len > 0 {
        checkpoints.push((0, bom_len as u32));
    }
    let mut replaced = Vec::new();
    let mut issues = Vec::new();
    let mut first_non_ascii: Option<Span> = None;
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut consumed = 0usize;
    // Decode in runs; after each non-ASCII character record a checkpoint so that walking forward
    // from any checkpoint only ever crosses ASCII (width 1 in both texts).
    while consumed < bytes.len() {
        let ascii_run = bytes[consumed..].iter().take_while(|b| b.is_ascii()).count();
        if ascii_run > 0 {
            // ASCII is ASCII in every supported code page.
            text.push_str(std::str::from_utf8(&bytes[consumed..consumed + ascii_run]).unwrap_or(""));
            consumed += ascii_run;
            continue;
        }
        // Decode one character starting at `consumed`.
        let max_len = (bytes.len() - consumed).min(4);
        let mut decoded_one = false;
        for len in 1..=max_len {
            let chunk = &bytes[consumed..consumed + len];
            let mut d = enc.new_decoder_without_bom_handling();
            let mut out = String::with_capacity(8);
            let (res, read) = d.decode_to_string_without_replacement(chunk, &mut out, true);
            if let encoding_rs::DecoderResult::InputEmpty = res {
                if read == len && !out.is_empty() && out.chars().count() == 1 {
                    let start = text.len();
                    text.push_str(&out);
                    if first_non_ascii.is_none() && matches!(encoding, Encoding::Ansi { .. }) {
                        first_non_ascii = Some(Span::new(start, text.len()));
                    }
                    consumed += len;
                    checkpoints.push((text.len() as u32, (consumed + bom_len) as u32));
                    decoded_one = true;
                    break;
                }
            }
        }
        if !decoded_one {
            // Undecodable byte: U+FFFD standing for exactly one original byte.
            let start = text.len();
            text.push('\u{FFFD}');
            replaced.push((start as u32, vec![bytes[consumed]].into_boxed_slice()));
            issues.push(DecodeIssue { problem: DecodeProblem::Undecodable, span: Span::new(start, text.len()) });
            consumed += 1;
            checkpoints.push((text.len() as u32, (consumed + bom_len) as u32));
        }
    }
    let _ = &mut decoder;
    if let Some(span) = first_non_ascii {
        issues.insert(0, DecodeIssue { problem: DecodeProblem::NonAsciiInAnsi, span });
    }
    SourceText { text, encoding, checkpoints, replaced, issues, original_len }
}

fn decode_utf16(bytes: &[u8], encoding: Encoding) -> SourceText {
    let big_endian = matches!(encoding, Encoding::Utf16Be);
    let bom_len = encoding.bom_len();
    let body = &bytes[bom_len..];
    let unit = |i: usize| -> u16 {
        let (a, b) = (body[2 * i], body[2 * i + 1]);
        if big_endian {
            u16::from_be_bytes([a, b])
        } else {
            u16::from_le_bytes([a, b])
        }
    };
    let n_units = body.len() / 2;
    let mut text = String::with_capacity(n_units + n_units / 8);
    let mut checkpoints = vec![(0u32, bom_len as u32)];
    let mut replaced = Vec::new();
    let mut issues = Vec::new();
    let mut last_checkpoint_text = 0usize;
    let mut i = 0usize;
    while i < n_units {
        let u = unit(i);
        let orig = bom_len + 2 * i;
        if text.len() - last_checkpoint_text >= CHECKPOINT_STRIDE {
            checkpoints.push((text.len() as u32, orig as u32));
            last_checkpoint_text = text.len();
        }
        if u < 0x80 {
            text.push(u as u8 as char);
            i += 1;
            continue;
        }
        if (0xD800..0xDC00).contains(&u) && i + 1 < n_units {
            let u2 = unit(i + 1);
            if (0xDC00..0xE000).contains(&u2) {
                let c = 0x10000 + (((u as u32) - 0xD800) << 10) + ((u2 as u32) - 0xDC00);
                text.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                i += 2;
                continue;
            }
        }
        if (0xD800..0xE000).contains(&u) {
            let start = text.len();
            text.push('\u{FFFD}');
            replaced.push((start as u32, body[2 * i..2 * i + 2].to_vec().into_boxed_slice()));
            issues.push(DecodeIssue { problem: DecodeProblem::LoneSurrogate, span: Span::new(start, text.len()) });
            i += 1;
            checkpoints.push((text.len() as u32, (bom_len + 2 * i) as u32));
            last_checkpoint_text = text.len();
            continue;
        }
        text.push(char::from_u32(u as u32).unwrap_or('\u{FFFD}'));
        i += 1;
    }
    if body.len() % 2 == 1 {
        let start = text.len();
        text.push('\u{FFFD}');
        replaced.push((start as u32, vec![body[body.len() - 1]].into_boxed_slice()));
        issues.push(DecodeIssue { problem: DecodeProblem::OddLengthUtf16, span: Span::new(start, text.len()) });
        checkpoints.push((text.len() as u32, bytes.len() as u32));
    }
    SourceText { text, encoding, checkpoints, replaced, issues, original_len: bytes.len() }
}

impl SourceText {
    /// Builds a `SourceText` from text that is already decoded (tests, stdin in UTF-8, editors).
    pub fn from_text(text: impl Into<String>) -> Self {
        let text = text.into();
        let original_len = text.len();
        SourceText {
            text,
            encoding: Encoding::Ansi { codepage: 65001 },
            checkpoints: Vec::new(),
            replaced: Vec::new(),
            issues: Vec::new(),
            original_len,
        }
    }

    /// The decoded text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The encoding the file was read with.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Problems met while decoding, in text order (encoding-level ones at offset 0 first).
    pub fn issues(&self) -> &[DecodeIssue] {
        &self.issues
    }

    /// Length of the original file in bytes.
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// Maps a byte offset of the decoded text to a byte offset of the original file.
    pub fn original_offset(&self, text_offset: usize) -> usize {
        let text_offset = text_offset.min(self.text.len());
        let idx = self.checkpoints.partition_point(|&(t, _)| t as usize <= text_offset);
        let (mut t, mut o) = if idx == 0 { (0usize, 0usize) } else {
            let (t, o) = self.checkpoints[idx - 1];
            (t as usize, o as usize)
        };
        match self.encoding {
            Encoding::Utf16Le { .. } | Encoding::Utf16Be => {
                while t < text_offset {
                    let c = self.text[t..].chars().next().unwrap_or('\0');
                    o += if (c as u32) > 0xFFFF { 4 } else { 2 };
                    t += c.len_utf8().max(1);
                }
                o
            }
            // Between checkpoints an 8-bit text is pure ASCII, and UTF-8 maps one to one.
            _ => o + (text_offset - t),
        }
    }

    /// Maps a decoded-text span to a byte range of the original file.
    pub fn original_range(&self, span: Span) -> std::ops::Range<usize> {
        self.original_offset(span.start as usize)..self.original_offset(span.end as usize)
    }

    /// Encodes `text` (which must be this file's text, e.g. a printed syntax tree) back into
    /// the original encoding, restoring undecodable bytes and the byte-order mark.
    ///
    /// `encode(text()) == original bytes` is the lossless round-trip property.
    pub fn encode(&self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.original_len);
        match self.encoding {
            Encoding::Utf16Le { bom } => {
                if bom {
                    out.extend_from_slice(&[0xFF, 0xFE]);
                }
            }
            Encoding::Utf16Be => out.extend_from_slice(&[0xFE, 0xFF]),
            Encoding::Utf8Bom => out.extend_from_slice(&[0xEF, 0xBB, 0xBF]),
            Encoding::Ansi { .. } => {}
        }
        let mut pos = 0usize;
        for (at, raw) in &self.replaced {
            let at = *at as usize;
            if at > text.len() || at < pos {
                break;
            }
            self.encode_plain(&text[pos..at], &mut out);
            out.extend_from_slice(raw);
            pos = at + '\u{FFFD}'.len_utf8();
        }
        if pos <= text.len() {
            self.encode_plain(&text[pos..], &mut out);
        }
        out
    }

    fn encode_plain(&self, s: &str, out: &mut Vec<u8>) {
        match self.encoding {
            Encoding::Utf16Le { .. } => {
                for u in s.encode_utf16() {
                    out.extend_from_slice(&u.to_le_bytes());
                }
            }
            Encoding::Utf16Be => {
                for u in s.encode_utf16() {
                    out.extend_from_slice(&u.to_be_bytes());
                }
            }
            Encoding::Utf8Bom => out.extend_from_slice(s.as_bytes()),
            Encoding::Ansi { codepage } => {
                if s.is_ascii() || codepage == 65001 {
                    out.extend_from_slice(s.as_bytes());
                    return;
                }
                let enc = codepage_encoding(codepage).unwrap_or(encoding_rs::WINDOWS_1252);
                let (bytes, _, _) = enc.encode(s);
                out.extend_from_slice(&bytes);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(bytes: &[u8], cp: u16) -> SourceText {
        let st = decode(bytes, cp);
        assert_eq!(st.encode(st.text()), bytes, "round trip of {bytes:?}");
        assert_eq!(st.original_offset(st.text().len()), bytes.len());
        st
    }

    #[test]
    fn ascii_is_identity() {
        let st = round_trip(b"[Version]\r\nSignature=x\n", 1252);
        assert_eq!(st.encoding(), Encoding::Ansi { codepage: 1252 });
        assert_eq!(st.original_offset(5), 5);
        assert!(st.issues().is_empty());
    }

    #[test]
    fn cp1252_non_ascii_maps_offsets() {
        let st = round_trip(b"a\xe9b\xa0c", 1252);
        assert_eq!(st.text(), "a\u{e9}b\u{a0}c");
        // 'b' is at text offset 3 (é is 2 bytes in UTF-8) and original offset 2.
        assert_eq!(st.original_offset(3), 2);
        assert_eq!(st.issues()[0].problem, DecodeProblem::NonAsciiInAnsi);
    }

    #[test]
    fn utf16le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "[V]\r\nä𝄞".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let st = round_trip(&bytes, 1252);
        assert_eq!(st.text(), "[V]\r\nä𝄞");
        assert_eq!(st.original_offset(1), 4);
        assert_eq!(st.encoding().name(), "utf-16le-bom");
    }

    #[test]
    fn odd_length_and_lone_surrogate_are_reported_and_round_trip() {
        let bytes = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0, 0x41];
        let st = round_trip(&bytes, 1252);
        let problems: Vec<_> = st.issues().iter().map(|i| i.problem.clone()).collect();
        assert_eq!(problems, vec![DecodeProblem::LoneSurrogate, DecodeProblem::OddLengthUtf16]);
        assert_eq!(st.text(), "a\u{FFFD}b\u{FFFD}");
    }

    #[test]
    fn shift_jis_trail_byte_is_not_a_backslash() {
        // 0x95 0x5C is one DBCS character whose trail byte is '\' in ASCII (E86).
        let st = round_trip(b"a=\x95\x5c\nb=c\n", 932);
        assert!(!st.text().contains('\\'));
    }

    #[test]
    fn undecodable_bytes_round_trip() {
        let st = round_trip(b"x\x81\xffy", 932);
        assert!(st.issues().iter().any(|i| i.problem == DecodeProblem::Undecodable));
    }

    #[test]
    fn utf8_bom_and_utf16be() {
        let st = round_trip(b"\xEF\xBB\xBF[a]\n\xC3\xA9", 1252);
        assert_eq!(st.text(), "[a]\n\u{e9}");
        assert_eq!(st.original_offset(0), 3);
        let st = round_trip(&[0xFE, 0xFF, 0, b'[', 0, b']'], 1252);
        assert_eq!(st.text(), "[]");
    }

    #[test]
    fn bomless_utf16_is_sniffed() {
        let bytes: Vec<u8> = "[Version]\r\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let st = round_trip(&bytes, 1252);
        assert_eq!(st.encoding(), Encoding::Utf16Le { bom: false });
    }
}
