//! Decoding INF bytes into text, remembering how to map every position back to the file.
//!
//! SetupAPI reads INF files as UTF-16LE or as ANSI in the machine's code page (inf-syntax.md
//! §1.1). We decode once, up front, into a UTF-8 `String`, because every character the tokenizer
//! cares about is ASCII; DBCS trail bytes that equal `\` or `[` are therefore never mistaken for
//! syntax (edge case E86). Decoding never fails: undecodable input becomes U+FFFD, is reported,
//! and its original bytes are remembered so that re-encoding gives back the file byte for byte.
//! So are the bytes of DBCS characters that have several encodings (the encoder would pick
//! another one).
//!
//! Speed: pure-ASCII 8-bit files are copied as they are (found ASCII by a vectorised scan);
//! windows-1252 files are decoded by `encoding_rs` in one call, with a checkpoint every 2048
//! text bytes; UTF-16 is decoded by `encoding_rs` in
//! chunks of 2048 code units, straight into the text, with one offset checkpoint per chunk and
//! a unit-by-unit path only for chunks holding an unpaired surrogate.

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
    /// Between checkpoints every character stands for one original byte (a non-ASCII file in a
    /// single-byte code page); otherwise every text byte does (ASCII, UTF-8), or UTF-16 rules.
    one_byte_per_char: bool,
    /// Characters whose original bytes encoding cannot give back: U+FFFD for undecodable
    /// input, and DBCS characters with several byte forms. Text offset → original bytes.
    replaced: Vec<(u32, Box<[u8]>)>,
    issues: Vec<DecodeIssue>,
    original_len: usize,
}

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
        st.issues.insert(
            0,
            DecodeIssue {
                problem: DecodeProblem::Utf16Be,
                span: Span::empty(0),
            },
        );
        return st;
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        let mut st = decode_8bit(&bytes[3..], encoding_rs::UTF_8, Encoding::Utf8Bom, 3);
        st.issues.insert(
            0,
            DecodeIssue {
                problem: DecodeProblem::Utf8Bom,
                span: Span::empty(0),
            },
        );
        return st;
    }
    if looks_like_bomless_utf16le(bytes) {
        let mut st = decode_utf16(bytes, Encoding::Utf16Le { bom: false });
        st.issues.insert(
            0,
            DecodeIssue {
                problem: DecodeProblem::Utf16WithoutBom,
                span: Span::empty(0),
            },
        );
        return st;
    }
    let enc = codepage_encoding(codepage).unwrap_or(encoding_rs::WINDOWS_1252);
    let cp = if codepage_encoding(codepage).is_some() {
        codepage
    } else {
        1252
    };
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
    if bytes.len() < 4 || bytes.len() & 1 == 1 {
        return false;
    }
    let units = bytes.len().min(1024) / 2;
    // At least nine in ten units must be ASCII characters: stop at the first unit too many
    // that is not (at once, for an 8-bit file).
    let allowed_misses = units - (units * 9).div_ceil(10);
    let mut misses = 0usize;
    for pair in bytes[..units * 2].chunks_exact(2) {
        let (lo, hi) = (pair[0], pair[1]);
        if !(hi == 0 && lo != 0 && lo < 0x80) {
            misses += 1;
            if misses > allowed_misses {
                return false;
            }
        }
    }
    true
}

fn decode_8bit(
    bytes: &[u8],
    enc: &'static encoding_rs::Encoding,
    encoding: Encoding,
    bom_len: usize,
) -> SourceText {
    let original_len = bytes.len() + bom_len;
    let ascii_len = ascii_prefix_len(bytes);
    if ascii_len == bytes.len() {
        // The overwhelmingly common case: identity mapping, no table at all.
        // SAFETY: `ascii_len == bytes.len()`: every byte is ASCII, so valid UTF-8.
        // (`str::from_utf8` would check every byte a second time: 3% of decode + parse + `Inf`
        // over the corpus.)
        let text = unsafe { String::from_utf8_unchecked(bytes.to_vec()) };
        let checkpoints = if bom_len > 0 {
            vec![(0, bom_len as u32)]
        } else {
            Vec::new()
        };
        return SourceText {
            text,
            encoding,
            checkpoints,
            one_byte_per_char: false,
            replaced: Vec::new(),
            issues: Vec::new(),
            original_len,
        };
    }
    let mut out = EightBitOutput {
        text: String::with_capacity(bytes.len() + bytes.len() / 4),
        checkpoints: Vec::new(),
        replaced: Vec::new(),
        issues: Vec::new(),
        first_non_ascii: None,
        bom_len,
        ansi: matches!(encoding, Encoding::Ansi { .. }),
        checkpoint_every_char: !enc.is_single_byte(),
    };
    if bom_len > 0 {
        out.checkpoints.push((0, bom_len as u32));
    }
    if enc == encoding_rs::UTF_8 {
        decode_utf8_runs(bytes, &mut out);
    } else if enc == encoding_rs::WINDOWS_1252 {
        decode_windows_1252(bytes, ascii_len, &mut out);
    } else if enc.is_single_byte() {
        decode_single_byte(bytes, enc, &mut out);
    } else {
        decode_multi_byte(bytes, enc, &mut out);
    }
    let EightBitOutput {
        mut text,
        checkpoints,
        replaced,
        mut issues,
        first_non_ascii,
        checkpoint_every_char,
        ..
    } = out;
    shrink_if_loose(&mut text);
    if let Some(span) = first_non_ascii {
        issues.insert(
            0,
            DecodeIssue {
                problem: DecodeProblem::NonAsciiInAnsi,
                span,
            },
        );
    }
    SourceText {
        text,
        encoding,
        checkpoints,
        one_byte_per_char: !checkpoint_every_char,
        replaced,
        issues,
        original_len,
    }
}

/// Gives back the unused capacity of a decoded text when it is more than an eighth of it (the
/// capacity was guessed before decoding).
fn shrink_if_loose(text: &mut String) {
    if text.capacity() - text.len() > text.len() / 8 + 16 {
        text.shrink_to_fit();
    }
}

/// What decoding an 8-bit file builds up.
struct EightBitOutput {
    text: String,
    checkpoints: Vec<(u32, u32)>,
    replaced: Vec<(u32, Box<[u8]>)>,
    issues: Vec<DecodeIssue>,
    first_non_ascii: Option<Span>,
    bom_len: usize,
    /// Whether the file is ANSI (non-ASCII characters are then worth a diagnostic).
    ansi: bool,
    /// A checkpoint after every non-ASCII character (UTF-8 and DBCS, where characters have
    /// different widths in the two texts); single-byte code pages need one every
    /// [`CHECKPOINT_STRIDE`] text bytes only, as every character is one original byte.
    checkpoint_every_char: bool,
}

impl EightBitOutput {
    /// Appends one decoded non-ASCII character that came from `raw` (ending at `consumed`).
    /// `exact` says whether encoding the character gives `raw` back; when it does not (DBCS
    /// duplicates, private-use mappings) the original bytes are remembered for the round trip.
    #[inline]
    fn push_char(&mut self, c: char, raw: &[u8], exact: bool, consumed: usize) {
        let start = self.text.len();
        self.text.push(c);
        if self.first_non_ascii.is_none() && self.ansi {
            self.first_non_ascii = Some(Span::new(start, self.text.len()));
        }
        if !exact {
            self.replaced.push((start as u32, raw.into()));
        }
        if self.checkpoint_every_char {
            // Walking forward from any checkpoint then only ever crosses ASCII (width 1 in
            // both texts).
            self.checkpoints
                .push((self.text.len() as u32, (consumed + self.bom_len) as u32));
        }
    }

    /// In the one-byte-per-character mode, a checkpoint when the last one is
    /// [`CHECKPOINT_STRIDE`] text bytes behind (`consumed` original bytes read so far).
    #[inline]
    fn stride_checkpoint(&mut self, consumed: usize) {
        let last = self.checkpoints.last().map_or(0, |&(t, _)| t as usize);
        if self.text.len() - last >= CHECKPOINT_STRIDE {
            self.checkpoints
                .push((self.text.len() as u32, (consumed + self.bom_len) as u32));
        }
    }

    /// Appends U+FFFD standing for exactly one undecodable original byte.
    fn push_undecodable(&mut self, byte: u8, consumed: usize) {
        let start = self.text.len();
        self.text.push('\u{FFFD}');
        self.replaced.push((start as u32, Box::new([byte])));
        self.issues.push(DecodeIssue {
            problem: DecodeProblem::Undecodable,
            span: Span::new(start, self.text.len()),
        });
        if self.checkpoint_every_char {
            self.checkpoints
                .push((self.text.len() as u32, (consumed + self.bom_len) as u32));
        }
    }

    /// Appends a run of ASCII bytes (ASCII is ASCII in every supported code page).
    fn push_ascii(&mut self, run: &[u8]) {
        self.text.push_str(std::str::from_utf8(run).unwrap_or(""));
    }
}

/// Length of the run of ASCII bytes at the start of `bytes`.
///
/// Blocks of 32 bytes are OR-ed together, a loop the compiler turns into vector instructions,
/// and only the block holding the first non-ASCII byte is searched byte by byte: about three
/// times the speed of `encoding_rs`'s word-at-a-time search, on the files where this matters
/// most (ASCII files are scanned whole).
fn ascii_prefix_len(bytes: &[u8]) -> usize {
    const BLOCK: usize = 32;
    let mut blocks = bytes.chunks_exact(BLOCK);
    let mut at = 0;
    for block in &mut blocks {
        if block.iter().fold(0u8, |acc, &b| acc | b) >= 0x80 {
            break;
        }
        at += BLOCK;
    }
    let rest = &bytes[at..];
    at + rest.iter().position(|&b| b >= 0x80).unwrap_or(rest.len())
}

/// Windows-1252, the default code page: every byte is one character that encodes back to the
/// same byte (the test `windows_1252_is_one_to_one` checks all 128 non-ASCII bytes), so
/// `encoding_rs` decodes the whole file in one call and the offset map needs only a
/// checkpoint every [`CHECKPOINT_STRIDE`] text bytes, found by counting characters.
/// `ascii_len` is the length of the file's leading ASCII run (its first non-ASCII byte follows).
fn decode_windows_1252(bytes: &[u8], ascii_len: usize, out: &mut EightBitOutput) {
    // Copied into the buffer sized beforehand: keeping `encoding_rs`'s own string instead (its
    // capacity is for the worst case, so it is shrunk later) measured slower, 4.4 vs 2.7 ms
    // for the corpus's 8-bit files.
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    out.text.push_str(&text);
    let text = out.text.as_str();
    if out.ansi {
        if let Some(c) = text.get(ascii_len..).and_then(|t| t.chars().next()) {
            out.first_non_ascii = Some(Span::new(ascii_len, ascii_len + c.len_utf8()));
        }
    }
    let (mut at, mut original) = (0usize, out.bom_len);
    while text.len() - at > CHECKPOINT_STRIDE {
        let mut next = at + CHECKPOINT_STRIDE;
        while !text.is_char_boundary(next) {
            next += 1;
        }
        original += text[at..next].chars().count();
        at = next;
        out.checkpoints.push((at as u32, original as u32));
    }
}

/// UTF-8: valid text maps one to one (no checkpoint needed); each byte of an invalid sequence
/// becomes its own U+FFFD, as decoding one character at a time from every byte would give.
fn decode_utf8_runs(bytes: &[u8], out: &mut EightBitOutput) {
    let mut consumed = 0usize;
    while consumed < bytes.len() {
        let rest = &bytes[consumed..];
        let valid = match std::str::from_utf8(rest) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or(""),
        };
        if out.ansi && out.first_non_ascii.is_none() {
            if let Some((at, c)) = valid.char_indices().find(|(_, c)| !c.is_ascii()) {
                let start = out.text.len() + at;
                out.first_non_ascii = Some(Span::new(start, start + c.len_utf8()));
            }
        }
        out.text.push_str(valid);
        consumed += valid.len();
        if consumed < bytes.len() {
            // A U+FFFD (3 bytes) for one byte; the checkpoint after it restores the identity
            // walk for the text that follows.
            let byte = bytes[consumed];
            consumed += 1;
            out.push_undecodable(byte, consumed);
        }
    }
}

/// Single-byte code pages: every byte ≥ 0x80 is one character or undecodable. Each distinct
/// byte is decoded (and its round trip checked) once per file.
fn decode_single_byte(bytes: &[u8], enc: &'static encoding_rs::Encoding, out: &mut EightBitOutput) {
    // None: not looked up yet; Some(None): undecodable; Some(Some((c, exact))).
    let mut table: [Option<Option<(char, bool)>>; 128] = [None; 128];
    let mut consumed = 0usize;
    while consumed < bytes.len() {
        out.stride_checkpoint(consumed);
        let window = &bytes[consumed..(consumed + CHECKPOINT_STRIDE).min(bytes.len())];
        // Non-ASCII bytes come in runs (whole words): do not look for ASCII after each one.
        let run = if window[0] < 0x80 {
            ascii_prefix_len(window)
        } else {
            0
        };
        if run > 0 {
            out.push_ascii(&bytes[consumed..consumed + run]);
            consumed += run;
            continue;
        }
        let byte = bytes[consumed];
        let entry = *table[usize::from(byte - 0x80)].get_or_insert_with(|| {
            decode_one_char(enc, &[byte]).map(|c| (c, encodes_back(enc, c, &[byte])))
        });
        consumed += 1;
        match entry {
            // The common case, inline: a character that encodes back to its byte, with
            // nothing else to record (the first non-ASCII character is already reported).
            Some((c, true))
                if !out.checkpoint_every_char && (out.first_non_ascii.is_some() || !out.ansi) =>
            {
                out.text.push(c)
            }
            Some((c, exact)) => out.push_char(c, &[byte], exact, consumed),
            None => out.push_undecodable(byte, consumed),
        }
    }
}

/// Multi-byte (DBCS) code pages: the shortest byte sequence of at most 4 bytes that decodes to
/// exactly one character; otherwise one undecodable byte.
fn decode_multi_byte(bytes: &[u8], enc: &'static encoding_rs::Encoding, out: &mut EightBitOutput) {
    let mut consumed = 0usize;
    while consumed < bytes.len() {
        let run = ascii_prefix_len(&bytes[consumed..]);
        if run > 0 {
            out.push_ascii(&bytes[consumed..consumed + run]);
            consumed += run;
            continue;
        }
        let max_len = (bytes.len() - consumed).min(4);
        let found = (1..=max_len).find_map(|len| {
            let chunk = &bytes[consumed..consumed + len];
            decode_one_char(enc, chunk).map(|c| (c, len))
        });
        match found {
            Some((c, len)) => {
                let raw = &bytes[consumed..consumed + len];
                let exact = encodes_back(enc, c, raw);
                consumed += len;
                out.push_char(c, raw, exact, consumed);
            }
            None => {
                let byte = bytes[consumed];
                consumed += 1;
                out.push_undecodable(byte, consumed);
            }
        }
    }
}

/// The single character `chunk` decodes to (all of it consumed, nothing left pending).
fn decode_one_char(enc: &'static encoding_rs::Encoding, chunk: &[u8]) -> Option<char> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut buf = [0u8; 16];
    let (result, read, written) = decoder.decode_to_utf8_without_replacement(chunk, &mut buf, true);
    if !matches!(result, encoding_rs::DecoderResult::InputEmpty) || read != chunk.len() {
        return None;
    }
    let mut chars = std::str::from_utf8(&buf[..written]).ok()?.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// Whether encoding `c` with `enc` gives back exactly `raw`.
fn encodes_back(enc: &'static encoding_rs::Encoding, c: char, raw: &[u8]) -> bool {
    let mut buf = [0u8; 4];
    let (bytes, _, had_errors) = enc.encode(c.encode_utf8(&mut buf));
    !had_errors && bytes.as_ref() == raw
}

/// Text bytes between two checkpoints of a file whose offset map walks characters (UTF-16 and
/// single-byte code pages), so that mapping an offset walks at most about this far.
const CHECKPOINT_STRIDE: usize = 2048;

/// UTF-16 code units decoded per chunk; a checkpoint starts every chunk.
const UTF16_CHUNK_UNITS: usize = 2048;

/// Appends to `text` the text of the longest prefix of `body` (UTF-16LE bytes) made of ASCII
/// characters, sixteen units at a time, and returns the number of bytes it read (a multiple of
/// 32; the caller decodes the rest).
///
/// Nearly all of the corpus's UTF-16 text is ASCII (a non-ASCII character per 240 units), and
/// `encoding_rs` decodes it a unit at a time: this block test and pack (`packuswb`) takes the
/// UTF-16 part of decoding from about 1.7 ms to about 0.3 ms on the corpus.
fn utf16le_ascii_prefix(body: &[u8], text: &mut String) -> usize {
    use wide::{i16x8, u8x16};
    // A unit is ASCII when its high byte is zero and its low byte below 0x80: bytes at even
    // offsets (low bytes) may only use the low seven bits, bytes at odd offsets none.
    const NOT_ASCII: [u8; 16] = [
        0x80, 0xFF, 0x80, 0xFF, 0x80, 0xFF, 0x80, 0xFF, 0x80, 0xFF, 0x80, 0xFF, 0x80, 0xFF, 0x80,
        0xFF,
    ];
    let not_ascii = u8x16::new(NOT_ASCII);
    let mut read = 0;
    let mut out = [0u8; 64];
    'blocks: while let Some(block) = body.get(read..).and_then(|r| r.first_chunk::<128>()) {
        // Sixty-four units, appended together once all are known to be ASCII.
        for (k, pair) in block.chunks_exact(32).enumerate() {
            let (lo, hi) = pair.split_at(16);
            let a = u8x16::new(lo.try_into().unwrap_or([0xFF; 16]));
            let b = u8x16::new(hi.try_into().unwrap_or([0xFF; 16]));
            if ((a | b) & not_ascii).simd_eq(u8x16::ZERO).to_bitmask() != 0xFFFF {
                // Keep the ASCII blocks of this group before it.
                if let Ok(ascii) = std::str::from_utf8(&out[..16 * k]) {
                    text.push_str(ascii);
                    read += 32 * k;
                }
                break 'blocks;
            }
            // The units are below 0x80, so the saturating narrowing keeps them exactly.
            let packed = u8x16::narrow_i16x8(
                bytemuck::cast::<u8x16, i16x8>(a),
                bytemuck::cast::<u8x16, i16x8>(b),
            );
            out[16 * k..16 * k + 16].copy_from_slice(&packed.to_array());
        }
        // Always ASCII here; checked all the same (a fast test on ASCII), so that a mistake
        // could only slow decoding down, never lose text.
        let Ok(ascii) = std::str::from_utf8(&out) else {
            break;
        };
        text.push_str(ascii);
        read += 128;
    }
    read
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
    let mut checkpoints = Vec::with_capacity(n_units / UTF16_CHUNK_UNITS + 2);
    checkpoints.push((0u32, bom_len as u32));
    let mut replaced = Vec::new();
    let mut issues = Vec::new();
    let utf16 = if big_endian {
        encoding_rs::UTF_16BE
    } else {
        encoding_rs::UTF_16LE
    };
    let mut i = 0usize;
    while i < n_units {
        let mut stop = (i + UTF16_CHUNK_UNITS).min(n_units);
        // Never split a surrogate pair between chunks.
        if stop < n_units && (0xD800..0xDC00).contains(&unit(stop - 1)) {
            stop -= 1;
        }
        if i > 0 {
            checkpoints.push((text.len() as u32, (bom_len + 2 * i) as u32));
        }
        // ASCII first (most of the text), sixteen units at a time; little-endian lanes only.
        if !big_endian && cfg!(target_endian = "little") {
            i += utf16le_ascii_prefix(&body[2 * i..2 * stop], &mut text) / 2;
        }
        // Then encoding_rs decodes the rest of the chunk straight into the text and stops at
        // the first unpaired surrogate, which sends the rest to the slow path below.
        let before = text.len();
        let mut decoder = utf16.new_decoder_without_bom_handling();
        let mut rest = &body[2 * i..2 * stop];
        let clean = loop {
            let (result, read) =
                decoder.decode_to_string_without_replacement(rest, &mut text, true);
            rest = &rest[read..];
            match result {
                encoding_rs::DecoderResult::InputEmpty => break true,
                encoding_rs::DecoderResult::OutputFull => text.reserve(rest.len() + 16),
                encoding_rs::DecoderResult::Malformed(..) => break false,
            }
        };
        if clean {
            i = stop;
            continue;
        }
        text.truncate(before);
        // Unpaired surrogates: one unit at a time.
        while i < stop {
            let u = unit(i);
            if u < 0x80 {
                text.push(u as u8 as char);
                i += 1;
                continue;
            }
            if (0xD800..0xDC00).contains(&u) && i + 1 < stop {
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
                replaced.push((start as u32, body[2 * i..2 * i + 2].into()));
                issues.push(DecodeIssue {
                    problem: DecodeProblem::LoneSurrogate,
                    span: Span::new(start, text.len()),
                });
                i += 1;
                checkpoints.push((text.len() as u32, (bom_len + 2 * i) as u32));
                continue;
            }
            text.push(char::from_u32(u as u32).unwrap_or('\u{FFFD}'));
            i += 1;
        }
    }
    if body.len() % 2 == 1 {
        let start = text.len();
        text.push('\u{FFFD}');
        replaced.push((start as u32, Box::new([body[body.len() - 1]]) as Box<[u8]>));
        issues.push(DecodeIssue {
            problem: DecodeProblem::OddLengthUtf16,
            span: Span::new(start, text.len()),
        });
        checkpoints.push((text.len() as u32, bytes.len() as u32));
    }
    shrink_if_loose(&mut text);
    SourceText {
        text,
        encoding,
        checkpoints,
        one_byte_per_char: false,
        replaced,
        issues,
        original_len: bytes.len(),
    }
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
            one_byte_per_char: false,
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

    /// Heap memory held by the decoded text, the offset map and the replaced bytes (capacities,
    /// so what the allocator actually hands out, give or take its own bookkeeping).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.text.capacity()
            + self.checkpoints.capacity() * size_of::<(u32, u32)>()
            + self.replaced.capacity() * size_of::<(u32, Box<[u8]>)>()
            + self
                .replaced
                .iter()
                .map(|(_, raw)| raw.len())
                .sum::<usize>()
            + self.issues.capacity() * size_of::<DecodeIssue>()
    }

    /// Maps a byte offset of the decoded text to a byte offset of the original file.
    pub fn original_offset(&self, text_offset: usize) -> usize {
        let text_offset = text_offset.min(self.text.len());
        let idx = self
            .checkpoints
            .partition_point(|&(t, _)| t as usize <= text_offset);
        let (mut t, mut o) = if idx == 0 {
            (0usize, 0usize)
        } else {
            let (t, o) = self.checkpoints[idx - 1];
            (t as usize, o as usize)
        };
        // The width of a character in the original file, when it is not its UTF-8 length.
        let width: fn(char) -> usize = match self.encoding {
            Encoding::Utf16Le { .. } | Encoding::Utf16Be => {
                |c| if (c as u32) > 0xFFFF { 4 } else { 2 }
            }
            _ if self.one_byte_per_char => |_| 1,
            // Between checkpoints the text is ASCII, or UTF-8 that maps one to one.
            _ => return o + (text_offset - t),
        };
        let rest = self.text.get(t..).unwrap_or("");
        for c in rest.chars() {
            if t >= text_offset {
                break;
            }
            o += width(c);
            t += c.len_utf8();
        }
        o
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
            // `text` should be this file's text; if it is not, stop restoring rather than slice
            // off a character boundary.
            let Some(before) = text.get(pos..at).filter(|_| at >= pos) else {
                break;
            };
            self.encode_plain(before, &mut out);
            out.extend_from_slice(raw);
            pos = at + text[at..].chars().next().map_or(0, char::len_utf8);
        }
        if let Some(rest) = text.get(pos..) {
            self.encode_plain(rest, &mut out);
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
    fn single_byte_code_pages_map_every_character_to_one_byte() {
        // Long enough for several checkpoints, with non-ASCII characters of 2 and 3 UTF-8 bytes
        // (é, €) and a byte windows-1253 cannot decode (0xAA).
        let mut bytes = Vec::new();
        for i in 0..3000u32 {
            bytes.extend_from_slice(if i % 7 == 0 { b"\xe9\x80\xaa" } else { b"ab" });
            if i % 500 == 0 {
                bytes.extend_from_slice(&[b'x'; 2500]);
            }
        }
        for cp in [1252, 1253] {
            let st = round_trip(&bytes, cp);
            for (chars_before, (at, _)) in st.text().char_indices().enumerate() {
                assert_eq!(
                    st.original_offset(at),
                    chars_before,
                    "code page {cp}, text offset {at}"
                );
            }
        }
        let st = decode(&bytes, 1253);
        assert!(st
            .issues()
            .iter()
            .any(|i| i.problem == DecodeProblem::Undecodable));
    }

    #[test]
    fn windows_1252_is_one_to_one() {
        // `decode_windows_1252` relies on every byte being one character that encodes back.
        for byte in 0x80u8..=0xFF {
            let c = decode_one_char(encoding_rs::WINDOWS_1252, &[byte]);
            let c = c.unwrap_or_else(|| panic!("byte {byte:#x} does not decode"));
            assert!(
                encodes_back(encoding_rs::WINDOWS_1252, c, &[byte]),
                "{byte:#x}"
            );
        }
    }

    #[test]
    fn windows_1252_offsets_map_across_checkpoints() {
        // Long enough for several checkpoints, with two- and three-byte characters in UTF-8.
        let mut bytes = Vec::new();
        for i in 0..3000u32 {
            bytes.extend_from_slice(b"key=value");
            bytes.push([0xE9, 0x80, 0xA9][(i % 3) as usize]);
            bytes.extend_from_slice(b"\r\n");
        }
        let st = round_trip(&bytes, 1252);
        assert!(st.checkpoints.len() > 5);
        for (original, (at, _)) in st.text().char_indices().enumerate() {
            assert_eq!(st.original_offset(at), original, "text offset {at}");
        }
        assert_eq!(st.original_offset(st.text().len()), bytes.len());
        assert_eq!(st.issues()[0].problem, DecodeProblem::NonAsciiInAnsi);
        assert_eq!(st.issues()[0].span, Span::new(9, 11));
    }

    #[test]
    fn ascii_prefix_is_found_in_every_block_position() {
        for len in [0, 1, 31, 32, 33, 64, 100] {
            for at in 0..=len {
                let mut bytes = vec![b'a'; len];
                if at < len {
                    bytes[at] = 0x80;
                }
                assert_eq!(ascii_prefix_len(&bytes), at, "len {len} at {at}");
            }
        }
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
    fn utf16_ascii_blocks_decode_like_the_unit_by_unit_path() {
        // Every length up to past two blocks of 64 units, with one unit that is not ASCII (a
        // Latin-1 letter, one above 0x7FF, a surrogate pair's half, a unit with only its high
        // byte set, a lone surrogate) at every position: the text, the offsets of every
        // character and the issues must be those of a plain decode.
        for len in (0..=140).step_by(3).chain([127, 128, 129, 192, 193]) {
            for at in (0..=len).step_by(5) {
                for odd in [0xE9u16, 0x20AC, 0xD834, 0x0100, 0xDC00] {
                    let mut units: Vec<u16> = (0..len as u16).map(|k| 0x20 + k % 90).collect();
                    if at < len {
                        units[at] = odd;
                    }
                    let mut bytes = vec![0xFF, 0xFE];
                    for u in &units {
                        bytes.extend_from_slice(&u.to_le_bytes());
                    }
                    let st = round_trip(&bytes, 1252);
                    let expected: String = char::decode_utf16(units.iter().copied())
                        .map(|c| c.unwrap_or('\u{FFFD}'))
                        .collect();
                    assert_eq!(st.text(), expected, "len {len} at {at} unit {odd:#x}");
                    let mut unit = 0;
                    for (offset, c) in st.text().char_indices() {
                        assert_eq!(
                            st.original_offset(offset),
                            2 + 2 * unit,
                            "len {len} at {at}"
                        );
                        unit += if c == '\u{FFFD}' { 1 } else { c.len_utf16() };
                    }
                    let lone = units.iter().any(|&u| (0xD800..0xE000).contains(&u));
                    assert_eq!(st.issues().is_empty(), !lone, "len {len} at {at}");
                }
            }
        }
    }

    #[test]
    fn odd_length_and_lone_surrogate_are_reported_and_round_trip() {
        let bytes = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0, 0x41];
        let st = round_trip(&bytes, 1252);
        let problems: Vec<_> = st.issues().iter().map(|i| i.problem.clone()).collect();
        assert_eq!(
            problems,
            vec![DecodeProblem::LoneSurrogate, DecodeProblem::OddLengthUtf16]
        );
        assert_eq!(st.text(), "a\u{FFFD}b\u{FFFD}");
    }

    #[test]
    fn shift_jis_trail_byte_is_not_a_backslash() {
        // 0x95 0x5C is one DBCS character whose trail byte is '\' in ASCII (E86).
        let st = round_trip(b"a=\x95\x5c\nb=c\n", 932);
        assert!(!st.text().contains('\\'));
    }

    #[test]
    fn dbcs_characters_with_several_byte_forms_round_trip() {
        // Shift_JIS ED 40 (an NEC-selected IBM extension) decodes to a kanji whose canonical
        // encoding is FA 5C, and F0 9E is a private-use character the encoder does not produce;
        // both keep their original bytes (found by the property tests).
        let st = round_trip(b"a=\xed\x40\xf0\x9e\x80\n", 932);
        assert_eq!(st.text().chars().count(), 6);
        assert!(st
            .issues()
            .iter()
            .all(|i| i.problem != DecodeProblem::Undecodable));
    }

    #[test]
    fn undecodable_bytes_round_trip() {
        let st = round_trip(b"x\x81\xffy", 932);
        assert!(st
            .issues()
            .iter()
            .any(|i| i.problem == DecodeProblem::Undecodable));
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
        let bytes: Vec<u8> = "[Version]\r\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let st = round_trip(&bytes, 1252);
        assert_eq!(st.encoding(), Encoding::Utf16Le { bom: false });
    }
}
