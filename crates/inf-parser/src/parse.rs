//! The tokenizer: decoded text → lossless [`SyntaxTree`] (inf-syntax.md §1).
//!
//! It follows SetupAPI's state machine (line start → section header | key part → value part)
//! character by character. The hot path works on bytes: every character with a meaning to the
//! tokenizer is ASCII, and UTF-8 never uses ASCII bytes inside a multi-byte character. The
//! continuation rule needs unbounded look-ahead over `\` and whitespace, which is why this is a
//! hand-written scanner using `memchr` rather than a combinator grammar; the small grammars built
//! on top of fields (TargetOSVersion, numbers, DriverVer, GUIDs) use nom.
//!
//! Speed (measured with `cargo xtask bench` and callgrind): a field that is one run of plain
//! text closed by a separator or the line end, the most common kind, is pushed straight from
//! the run scanner, with no token; runs are found with a byte-class table in unrolled blocks;
//! rows of comma-separated plain fields are split from bit masks of a 64-byte window
//! (`Parser::plain_field_burst`), up to the line end when nothing else stops them; only
//! quotes, continuations, NUL and unusual backslashes go through `Token`, and a field that is
//! a single quoted run still borrows the text between its quotes; rewritten field texts share
//! one buffer, so a field owns no heap memory; fields are built in place (see
//! `Parser::push_plain_field`); quoted runs, section names and line ends are found with an
//! inline vector test over 64 bytes, then `memchr` (`find_short`); the tables are sized from
//! one vectorised counting pass (`ByteCounts`), the field table from a bound so that it never
//! grows by copying; section names are made as headers are read (short ones in place, see
//! `crate::name`); the line-start table for line/column lookups is built only when first
//! asked for.

use std::sync::OnceLock;

use memchr::{memchr, memchr2, memchr_iter};

use crate::diagnostics::{OpenError, OpenErrorCode, OpenVerdict, ParseDiagnostic, ParseProblem};
use crate::name::{header_name, name_long_headers, LongNames};
use crate::syntax::{Field, FieldText, Header, Line, Node, NodeKind, SyntaxTree};
use crate::{SourceText, Span};

/// Longest section name SetupAPI accepts (inf-syntax.md §1.4).
pub const MAX_SECTION_NAME_CHARS: usize = 255;
/// Longest field SetupAPI returns in full (Vista and later); longer fields are truncated.
pub const MAX_FIELD_CHARS: usize = 4096;

const CONTROL_Z: u8 = 0x1A;

/// Parses decoded text into a lossless syntax tree. Never fails: problems are recorded as
/// diagnostics and the open-time verdict.
pub fn parse(source: SourceText) -> SyntaxTree {
    parse_with(source, true)
}

/// [`parse`], with the fast paths ([`Parser::plain_field_burst`], [`Parser::quoted_field`]) on
/// or off (off only in tests that check they change nothing).
fn parse_with(source: SourceText, bursts: bool) -> SyntaxTree {
    let text = source.text();
    let bytes = text.as_bytes();
    let mut counts = ByteCounts::of(bytes);
    let mut end = bytes.len();
    let mut first_nul = None;
    if counts.nul_or_control_z {
        end = memchr(CONTROL_Z, bytes).unwrap_or(end);
        first_nul = memchr(0, &bytes[..end]);
        if end < bytes.len() {
            counts = ByteCounts::of(&bytes[..end]);
        }
    }
    // Size the tables from the number of physical lines: real INF files have about 0.8 nodes,
    // 0.5 logical lines and 0.1 headers per physical line. Fields vary far more (a registry
    // line of hex bytes holds hundreds), and growing their table means copying the largest
    // table of the tree, so it is sized from a bound instead: a logical line has one field
    // more than it has separating commas, plus its key, which needs an `=`. The bound is
    // capped at a field per four bytes (real files have one per sixteen; dense hex lines one
    // per three), so that text full of commas or `=` that make no fields (in comments, in
    // values) cannot make it reserve far more than the input; past the cap the table grows.
    let physical = counts.line_feeds + 1;
    let field_bound = (counts.commas + counts.equals + physical).min(end / 4 + 16);
    let mut p = Parser {
        text,
        b: bytes,
        end,
        pos: 0,
        line_no: 1,
        crlf: 0,
        carriage_returns: counts.carriage_returns,
        first_nul,
        nodes: Vec::with_capacity(physical * 7 / 8 + 4),
        headers: Vec::with_capacity(physical / 8 + 4),
        long_names: LongNames::default(),
        header_first_line: Vec::with_capacity(physical / 8 + 4),
        lines: Vec::with_capacity(physical * 5 / 8 + 4),
        fields: Vec::with_capacity(field_bound),
        owned_text: String::new(),
        diags: Vec::new(),
        current_header: None,
        bursts,
        stray: None,
        fatal: None,
    };
    for issue in source.issues() {
        p.diags.push(ParseDiagnostic {
            problem: ParseProblem::Decode(issue.problem.clone()),
            span: issue.span,
            message: decode_message(&issue.problem),
        });
    }
    p.scan_special_characters();
    p.run();
    p.check_lone_carriage_returns();
    let Parser {
        mut nodes,
        mut headers,
        long_names,
        mut header_first_line,
        mut lines,
        mut fields,
        mut owned_text,
        mut diags,
        stray,
        fatal,
        ..
    } = p;
    if end < bytes.len() {
        nodes.push(Node {
            kind: NodeKind::AfterEnd,
            span: Span::new(end, bytes.len()),
        });
    }
    diags.sort_by_key(|d| (d.span.start, d.span.end));
    // The tables were sized from estimates; give back what the estimates (or the doubling of
    // an underestimated table) left unused, so that the tree stays compact in memory.
    shrink_if_loose(&mut nodes);
    shrink_if_loose(&mut headers);
    shrink_if_loose(&mut header_first_line);
    shrink_if_loose(&mut lines);
    // The field table is sized from a bound that is about a third above the need, and is
    // only given back when it is far off: shrinking a large table in place made glibc's
    // allocator map fresh memory (page faults) for the next file's table instead of reusing
    // this one, which cost more than the whole field push (measured on the corpus).
    if fields.capacity() > fields.len() * 2 + 16 {
        fields.shrink_to_fit();
    }
    owned_text.shrink_to_fit();
    name_long_headers(&mut headers, long_names);
    let mut tree = SyntaxTree {
        source,
        nodes,
        headers,
        lines,
        fields,
        owned_text,
        diagnostics: diags,
        verdict: None,
        header_first_line,
        line_starts: OnceLock::new(),
    };
    tree.verdict = open_verdict(&tree, stray, fatal);
    tree
}

/// What one pass over the text counts, before tokenizing.
struct ByteCounts {
    line_feeds: usize,
    commas: usize,
    equals: usize,
    carriage_returns: usize,
    /// Whether there is a NUL or a Control-Z (both rare, and searched for when there is).
    nul_or_control_z: bool,
}

impl ByteCounts {
    /// Counts in one pass. The loop is written so that the compiler vectorises it (sixteen
    /// bytes at a time, per-lane byte counters emptied every 255 steps); on the corpus it takes
    /// about two thirds of the time of the three `memchr` counts and the NUL and Control-Z
    /// searches it replaced.
    fn of(bytes: &[u8]) -> ByteCounts {
        const LANES: usize = 16;
        let mut counts = ByteCounts {
            line_feeds: 0,
            commas: 0,
            equals: 0,
            carriage_returns: 0,
            nul_or_control_z: false,
        };
        let mut special = 0u8;
        for block in bytes.chunks(255 * LANES) {
            let mut lf = [0u8; LANES];
            let mut comma = [0u8; LANES];
            let mut equals = [0u8; LANES];
            let mut cr = [0u8; LANES];
            let mut other = [0u8; LANES];
            let mut words = block.chunks_exact(LANES);
            for word in &mut words {
                for k in 0..LANES {
                    let c = word[k];
                    lf[k] += u8::from(c == b'\n');
                    comma[k] += u8::from(c == b',');
                    equals[k] += u8::from(c == b'=');
                    cr[k] += u8::from(c == b'\r');
                    other[k] |= u8::from(c == 0) | u8::from(c == CONTROL_Z);
                }
            }
            // At most 255 words per block, so no lane counter overflows.
            for &c in words.remainder() {
                counts.line_feeds += usize::from(c == b'\n');
                counts.commas += usize::from(c == b',');
                counts.equals += usize::from(c == b'=');
                counts.carriage_returns += usize::from(c == b'\r');
                special |= u8::from(c == 0) | u8::from(c == CONTROL_Z);
            }
            counts.line_feeds += lf.iter().map(|&n| usize::from(n)).sum::<usize>();
            counts.commas += comma.iter().map(|&n| usize::from(n)).sum::<usize>();
            counts.equals += equals.iter().map(|&n| usize::from(n)).sum::<usize>();
            counts.carriage_returns += cr.iter().map(|&n| usize::from(n)).sum::<usize>();
            special |= other.iter().fold(0, |a, &b| a | b);
        }
        counts.nul_or_control_z = special != 0;
        counts
    }
}

/// Frees the unused tail of `v` when it is more than an eighth of it and more than a few
/// kilobytes. The estimates leave a tail in most tables (seven in ten on the corpus), and
/// giving a small one back cost a `realloc` each, about 2% of decode + parse + `Inf`, for
/// memory that does not matter: a small file's tables are small.
fn shrink_if_loose<T>(v: &mut Vec<T>) {
    const KEPT_TAIL_BYTES: usize = 4096;
    let unused = v.capacity() - v.len();
    if unused > v.len() / 8 + 4 && unused * std::mem::size_of::<T>() > KEPT_TAIL_BYTES {
        v.shrink_to_fit();
    }
}

fn decode_message(problem: &crate::DecodeProblem) -> String {
    use crate::DecodeProblem::*;
    match problem {
        OddLengthUtf16 => "UTF-16 file has an odd number of bytes; the last byte is not a character".into(),
        LoneSurrogate => "unpaired UTF-16 surrogate".into(),
        Undecodable => "bytes that are not valid in the file's encoding".into(),
        NonAsciiInAnsi => {
            "non-ASCII character in an 8-bit (ANSI) file: its meaning depends on the installing machine's code page".into()
        }
        Utf8Bom => "file is UTF-8 with a byte-order mark; INF files must be ANSI or UTF-16LE".into(),
        Utf16Be => "file is UTF-16 big endian; INF files must be ANSI or UTF-16LE".into(),
        Utf16WithoutBom => "file looks like UTF-16LE but has no byte-order mark".into(),
    }
}

struct Parser<'a> {
    text: &'a str,
    b: &'a [u8],
    /// Effective end of the file: the first Control-Z, or the text length.
    end: usize,
    pos: usize,
    line_no: u32,
    /// Line feeds consumed so far that follow a carriage return (for the lone-CR check).
    crlf: usize,
    /// Carriage returns before the end.
    carriage_returns: usize,
    /// The first NUL before the end, if any (NUL is read as a space in field text).
    first_nul: Option<usize>,
    nodes: Vec<Node>,
    headers: Vec<Header>,
    /// The long header names, named at the end ([`name_long_headers`]).
    long_names: LongNames,
    /// For every header, the index of its first line in `lines`.
    header_first_line: Vec<u32>,
    lines: Vec<Line>,
    fields: Vec<Field>,
    /// The texts of [`FieldText::Owned`] fields.
    owned_text: String,
    diags: Vec<ParseDiagnostic>,
    current_header: Option<u32>,
    /// Whether the fast paths ([`Parser::plain_field_burst`], [`Parser::quoted_field`]) are
    /// used (always, but in tests).
    bursts: bool,
    /// The first line of stray text before any section: (line number, span).
    stray: Option<(u32, Span)>,
    /// The first fatal header error: SetupAPI stops parsing there.
    fatal: Option<OpenError>,
}

#[inline]
fn is_ascii_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | 0x0B | 0x0C)
}

/// Whitespace as `iswspace` sees it, minus LF (which ends lines) and plus NUL (read as space).
fn is_space_char(c: char) -> bool {
    match c {
        ' ' | '\t' | '\r' | '\u{0B}' | '\u{0C}' | '\0' => true,
        '\n' => false,
        c if (c as u32) < 0x80 => false,
        c => c.is_whitespace(),
    }
}

/// Byte classes for [`Parser::scan_run`]: an ordinary ASCII character, an ASCII blank other
/// than LF, a byte of a non-ASCII character (which may be a Unicode blank), a backslash, or a
/// byte the tokenizer handles by itself (LF `;` `"` `,` NUL, and `=` in the key part). The two
/// classes a run is made of come first, so that "this byte ends the run" is one comparison
/// (`class > BLANK`).
const ORDINARY: u8 = 0;
const BLANK: u8 = 1;
const NON_ASCII: u8 = 2;
const BACKSLASH: u8 = 3;
const SPECIAL: u8 = 4;

const fn byte_classes(equals_is_special: bool) -> [u8; 256] {
    let mut t = [ORDINARY; 256];
    let mut i = 0x80;
    while i < 256 {
        t[i] = NON_ASCII;
        i += 1;
    }
    t[b' ' as usize] = BLANK;
    t[b'\t' as usize] = BLANK;
    t[b'\r' as usize] = BLANK;
    t[0x0B] = BLANK;
    t[0x0C] = BLANK;
    t[b'\\' as usize] = BACKSLASH;
    t[b'\n' as usize] = SPECIAL;
    t[b';' as usize] = SPECIAL;
    t[b'"' as usize] = SPECIAL;
    t[b',' as usize] = SPECIAL;
    t[0] = SPECIAL;
    if equals_is_special {
        t[b'=' as usize] = SPECIAL;
    }
    t
}

/// Skips ASCII ordinary characters and blanks (in the sense of [`KEY_CLASSES`] or
/// [`VALUE_CLASSES`]) from `j`; returns the first other position, or `b.len()`.
///
/// One test per byte, with no branch per character class, over unrolled blocks of eight
/// bytes (each test with its own exit, so a run that ends inside a block is not scanned
/// twice). Runs are short (about a dozen bytes on average), which is why this beats testing
/// eight bytes at once with word arithmetic or with OR-ed table lookups: both were measured.
#[inline(always)]
fn skip_ascii_run(b: &[u8], mut j: usize, in_key: bool) -> usize {
    let table = if in_key { &KEY_CLASSES } else { &VALUE_CLASSES };
    let stops = |c: u8| table[usize::from(c)] > BLANK;
    while let Some(block) = b.get(j..).and_then(|r| r.first_chunk::<8>()) {
        if let Some(k) = block.iter().position(|&c| stops(c)) {
            return j + k;
        }
        j += 8;
    }
    let rest = b.get(j..).unwrap_or_default();
    j + rest.iter().position(|&c| stops(c)).unwrap_or(rest.len())
}

/// Bytes [`find_short`] tests inline before calling `memchr2`.
const SHORT: usize = 64;

/// The first position of `a` or `b` in `hay`. The first [`SHORT`] bytes are tested inline
/// with vector comparisons (quoted strings, section names and most comment lines end there),
/// the rest with `memchr2`: a `memchr` call costs about 50 instructions before its first byte,
/// more than a short quoted string.
#[inline(always)]
fn find_short(hay: &[u8], a: u8, b: u8) -> Option<usize> {
    use wide::u8x16;
    let (va, vb) = (u8x16::splat(a), u8x16::splat(b));
    for k in 0..SHORT / 16 {
        let Some(chunk) = hay.get(16 * k..).and_then(|r| r.first_chunk::<16>()) else {
            return hay
                .iter()
                .skip(16 * k)
                .position(|&c| c == a || c == b)
                .map(|i| 16 * k + i);
        };
        let v = u8x16::new(*chunk);
        let m = (v.simd_eq(va) | v.simd_eq(vb)).to_bitmask();
        if m != 0 {
            return Some(16 * k + m.trailing_zeros() as usize);
        }
    }
    memchr2(a, b, &hay[SHORT..]).map(|i| SHORT + i)
}

/// Bytes looked at by one [`Parser::plain_field_burst`].
const BURST: usize = 64;

/// Bit masks over a window of [`BURST`] bytes (bit `k` for byte `k`).
struct BurstMasks {
    /// Commas.
    commas: u64,
    /// Blanks ([`BLANK`]).
    blanks: u64,
    /// Bytes that end a run of plain value text other than the comma: [`NON_ASCII`],
    /// [`BACKSLASH`] and [`SPECIAL`] bytes of the value part.
    stops: u64,
}

/// Computes the [`BurstMasks`] of `window` sixteen bytes at a time with vector comparisons, up
/// to the chunk holding the first stop (later bits are left clear).
#[inline(always)]
fn stop_masks(window: &[u8; BURST]) -> BurstMasks {
    use wide::u8x16;
    let mut masks = BurstMasks {
        commas: 0,
        blanks: 0,
        stops: 0,
    };
    for (n, chunk) in window.chunks_exact(16).enumerate() {
        let v = u8x16::new(chunk.try_into().unwrap_or([0; 16]));
        let is = |c: u8| v.simd_eq(u8x16::splat(c));
        let shift = 16 * n as u32;
        masks.commas |= u64::from(is(b',').to_bitmask()) << shift;
        // Tab, line feed, VT, FF and CR are the bytes 9 to 13: one unsigned range test.
        let line_feed = is(b'\n');
        let from_tab = v - u8x16::splat(b'\t');
        let tab_to_cr = from_tab.min(u8x16::splat(4)).simd_eq(from_tab);
        let blank = is(b' ') | (tab_to_cr & !line_feed);
        masks.blanks |= u64::from(blank.to_bitmask()) << shift;
        // The top bit of a byte is set exactly for non-ASCII bytes.
        let stop = line_feed | is(b';') | is(b'"') | is(0) | is(b'\\') | v;
        masks.stops |= u64::from(stop.to_bitmask()) << shift;
        // Nothing after the first stop is used: most windows end in their first chunk (a
        // field that is quoted, a hardware ID with `\`, the line end).
        if masks.stops != 0 {
            break;
        }
    }
    masks
}

/// Byte classes in the key part, where `=` ends the key.
static KEY_CLASSES: [u8; 256] = byte_classes(true);
/// Byte classes in the value part, where `=` is an ordinary character.
static VALUE_CLASSES: [u8; 256] = byte_classes(false);

/// Where a [`Parser::plain_field_burst`] left the line.
enum Burst {
    /// The next field starts here.
    Next(usize),
    /// Every field was pushed: the line's content ends at this line feed.
    LineEnd(usize),
}

/// How a field ended.
#[derive(Clone, Copy)]
enum FieldEnd {
    /// At the `=` (at this position) that ends the key part.
    Key(usize),
    /// At a `,` (at this position).
    Value(usize),
    /// With the logical line, whose content ends at this position.
    Line(usize),
}

impl FieldEnd {
    fn at(self) -> usize {
        match self {
            FieldEnd::Key(at) | FieldEnd::Value(at) | FieldEnd::Line(at) => at,
        }
    }
}

/// A run of ordinary characters and blanks found by [`Parser::scan_run`].
struct Run {
    /// The first ordinary character, if the run has one.
    first: Option<usize>,
    /// One past the last ordinary character.
    last_end: usize,
    /// One past the run (its trailing blanks included).
    end: usize,
}

impl<'a> Parser<'a> {
    fn diag(&mut self, problem: ParseProblem, span: Span, message: impl Into<String>) {
        self.diags.push(ParseDiagnostic {
            problem,
            span,
            message: message.into(),
        });
    }

    /// File-wide character checks that do not depend on tokenization.
    fn scan_special_characters(&mut self) {
        if self.end < self.b.len() {
            self.diag(
                ParseProblem::ControlZ,
                Span::new(self.end, self.end + 1),
                "Control-Z character: Windows stops reading the file here and ignores the rest",
            );
        }
        if let Some(i) = self.first_nul {
            self.diag(
                ParseProblem::NulCharacter,
                Span::new(i, i + 1),
                "NUL character, read as a space",
            );
        }
    }

    /// Reports the first carriage return that is not followed by a line feed. The tokenizer
    /// consumes every line feed and counts those after a CR, so only files that have more CRs
    /// than that (a CR right before the end does not count) need the search.
    fn check_lone_carriage_returns(&mut self) {
        let at_end = usize::from(self.end > 0 && self.b[self.end - 1] == b'\r');
        if self.carriage_returns <= self.crlf + at_end {
            return;
        }
        for i in memchr_iter(b'\r', &self.b[..self.end]) {
            if self.b.get(i + 1) != Some(&b'\n') && i + 1 < self.end {
                self.diag(
                    ParseProblem::LoneCarriageReturn,
                    Span::new(i, i + 1),
                    "carriage return without a line feed: Windows does not end the line here",
                );
                break;
            }
        }
    }

    /// Counts a line feed at `lf` that the tokenizer consumes.
    #[inline]
    fn consume_line_feed(&mut self, lf: usize) {
        self.line_no += 1;
        self.crlf += usize::from(lf > 0 && self.b[lf - 1] == b'\r');
    }

    /// Length of the whitespace character at `i` (0 if none). LF is not whitespace here.
    #[inline]
    fn space_len(&self, i: usize) -> usize {
        let c = self.b[i];
        if c < 0x80 {
            return usize::from(is_ascii_space(c) || c == 0);
        }
        match self.text[i..].chars().next() {
            Some(ch) if is_space_char(ch) => ch.len_utf8(),
            _ => 0,
        }
    }

    /// Length of the whitespace character that ends just before `i` (0 if none).
    fn space_len_before(&self, i: usize) -> usize {
        match self.text.get(..i).and_then(|t| t.chars().next_back()) {
            Some(ch) if is_space_char(ch) => ch.len_utf8(),
            _ => 0,
        }
    }

    /// Moves `i` back over whitespace, not before `floor`.
    fn trim_back(&self, floor: usize, mut i: usize) -> usize {
        while i > floor {
            let n = self.space_len_before(i);
            if n == 0 {
                break;
            }
            i -= n;
        }
        i
    }

    #[inline]
    fn skip_spaces(&self, mut i: usize) -> usize {
        // Most lines start with a character that is no blank: one test, no call.
        if self.b.get(i).is_some_and(|&c| c > b' ' && c < 0x80) {
            return i;
        }
        while i < self.end {
            let n = self.space_len(i);
            if n == 0 {
                break;
            }
            i += n;
        }
        i
    }

    fn line_end(&self, from: usize) -> usize {
        find_short(&self.b[from..self.end], b'\n', b'\n').map_or(self.end, |i| from + i)
    }

    /// Ends a node at `until`, consuming the line feed there if any.
    fn finish_node(&mut self, kind: NodeKind, start: usize, until: usize) {
        let mut stop = until;
        if stop < self.end && self.b[stop] == b'\n' {
            self.consume_line_feed(stop);
            stop += 1;
        }
        self.push_node(kind, start, stop);
        self.pos = stop;
    }

    fn push_node(&mut self, kind: NodeKind, start: usize, stop: usize) {
        if kind == NodeKind::Trivia {
            if let Some(last) = self.nodes.last_mut() {
                if last.kind == NodeKind::Trivia && last.span.end as usize == start {
                    last.span.end = stop as u32;
                    return;
                }
            }
        }
        self.nodes.push(Node {
            kind,
            span: Span::new(start, stop),
        });
    }

    fn run(&mut self) {
        while self.pos < self.end {
            let line_start = self.pos;
            let p = self.skip_spaces(line_start);
            if p >= self.end || self.b[p] == b'\n' {
                self.finish_node(NodeKind::Trivia, line_start, p);
                continue;
            }
            match self.b[p] {
                b';' => {
                    let e = self.line_end(p);
                    self.finish_node(NodeKind::Trivia, line_start, e);
                }
                b'[' => self.header(line_start, p),
                _ if self.current_header.is_none() => self.stray_text(line_start, p),
                _ => self.logical_line(line_start, p),
            }
        }
    }

    /// Text before the first section. SetupAPI skips it character by character in this state,
    /// still honouring a later `[` or `;` on the same line (inf-syntax.md §1.5).
    fn stray_text(&mut self, line_start: usize, p: usize) {
        let e = self.line_end(p);
        let stop = memchr2(b'[', b';', &self.b[p..e]).map_or(e, |i| p + i);
        let last = self.trim_back(p, stop);
        let first_char = self.text[p..].chars().next().map_or(1, char::len_utf8);
        let span = Span::new(
            p,
            if last > p {
                last
            } else {
                (p + first_char).min(e.max(p + first_char))
            },
        );
        if self.stray.is_none() {
            self.stray = Some((self.line_no, span));
        }
        self.diag(
            ParseProblem::TextBeforeFirstSection,
            span,
            "text before the first section header",
        );
        if stop < e && self.b[stop] == b'[' {
            self.push_node(NodeKind::Trivia, line_start, stop);
            self.header(stop, stop);
        } else {
            self.finish_node(NodeKind::Trivia, line_start, e);
        }
    }

    fn header(&mut self, line_start: usize, p: usize) {
        let e = self.line_end(p);
        let close = find_short(&self.b[p + 1..e], b']', b']').map(|i| p + 1 + i);
        let line = self.line_no;
        let (name_end, unterminated) = match close {
            Some(c) => (c, false),
            None => {
                // Recover: take the rest of the line, trailing whitespace trimmed, as the name.
                (self.trim_back(p + 1, e), true)
            }
        };
        let name = header_name(&self.text[p + 1..name_end], self.first_nul, name_end);
        let name_span = Span::new(p + 1, name_end);
        let header_span = Span::new(p, if unterminated { e } else { name_end + 1 });
        if unterminated {
            self.diag(
                ParseProblem::UnterminatedSectionHeader,
                header_span,
                "section header has no closing `]` on the same line",
            );
            self.fatal.get_or_insert(OpenError {
                code: OpenErrorCode::BadSectionNameLine,
                line,
                span: header_span,
            });
        }
        if name.len() > MAX_SECTION_NAME_CHARS && name.chars().count() > MAX_SECTION_NAME_CHARS {
            self.diag(
                ParseProblem::SectionNameTooLong,
                name_span,
                format!(
                    "section name is {} characters long; the limit is {MAX_SECTION_NAME_CHARS}",
                    name.chars().count()
                ),
            );
            self.fatal.get_or_insert(OpenError {
                code: OpenErrorCode::SectionNameTooLong,
                line,
                span: name_span,
            });
        }
        let mut ignored_tail = None;
        if let Some(c) = close {
            let t = self.skip_spaces(c + 1);
            if t < e && self.b[t] != b';' {
                let span = Span::new(t, self.trim_back(t, e));
                ignored_tail = Some(span);
                self.diag(
                    ParseProblem::TextAfterSectionHeader,
                    span,
                    format!("text after the section header `[{name}]` is ignored by Windows"),
                );
            }
        }
        let idx = self.headers.len() as u32;
        self.header_first_line.push(self.lines.len() as u32);
        let name = self.long_names.name(idx, &name);
        self.headers.push(Header {
            name,
            name_span,
            span: header_span,
            ignored_tail,
            unterminated,
            line,
        });
        self.current_header = Some(idx);
        self.finish_node(NodeKind::Header(idx), line_start, e);
    }

    fn logical_line(&mut self, line_start: usize, p: usize) {
        let first_line = self.line_no;
        let fields_start = self.fields.len() as u32;
        let mut key: Option<u32> = None;
        let mut in_key = true;
        let mut comment: Option<Span> = None;
        let mut physical_lines = 1u32;
        if self.b[p] == b'#' || self.b[p..].starts_with(b"//") {
            let e = self.line_end(p);
            self.diag(
                ParseProblem::NotAComment,
                Span::new(p, e),
                "`#` and `//` do not start comments in INF files; use `;`",
            );
        }
        let mut i = p;
        let content_end = loop {
            // `i` is where the next field would start.
            if !in_key && self.bursts {
                match self.plain_field_burst(i) {
                    Burst::Next(next) => i = next,
                    Burst::LineEnd(line_feed) => break line_feed,
                }
            }
            // A field that is one quoted run, else a run of plain text, else a token.
            let quoted = if self.bursts {
                self.quoted_field(i, in_key, &mut comment)
            } else {
                None
            };
            let (index, field_end) = match quoted {
                Some(field) => field,
                None => self.run_field(i, in_key, &mut comment, &mut physical_lines),
            };
            match field_end {
                FieldEnd::Key(at) => {
                    key = Some(index);
                    in_key = false;
                    i = at + 1;
                }
                FieldEnd::Value(at) => {
                    in_key = false;
                    i = at + 1;
                }
                FieldEnd::Line(at) => break at,
            }
        };
        let idx = self.lines.len() as u32;
        // The key, if any, was pushed first: the value fields follow it contiguously.
        self.lines.push(Line {
            header: self.current_header,
            key,
            fields: (
                fields_start + u32::from(key.is_some()),
                self.fields.len() as u32,
            ),
            comment,
            span: Span::new(p, content_end),
            line: first_line,
            physical_lines,
        });
        self.finish_node(NodeKind::Line(idx), line_start, content_end);
    }

    /// The field from `i` read by the run scanner: one run of plain text closed by a separator
    /// or the line end (most fields: its text is the run's slice, it needs no token), else a
    /// token ([`Self::token_field`]). Pushes it and returns its index and how it ended.
    #[inline(always)]
    fn run_field(
        &mut self,
        i: usize,
        in_key: bool,
        comment: &mut Option<Span>,
        physical_lines: &mut u32,
    ) -> (u32, FieldEnd) {
        let run = self.scan_run(i, in_key);
        // Most fields are one run of plain text closed by a separator or the line end:
        // their text is the run's slice, and they need no token.
        let plain_end = match self.b[..self.end].get(run.end) {
            None | Some(b'\n') => Some(FieldEnd::Line(run.end)),
            Some(b',') => Some(FieldEnd::Value(run.end)),
            Some(b'=') if in_key => Some(FieldEnd::Key(run.end)),
            Some(b';') => {
                let text = run.first.map_or("", |f| slice(self.text, f, run.last_end));
                Some(FieldEnd::Line(self.comment_from(run.end, text, comment)))
            }
            _ => None,
        };
        match plain_end {
            Some(field_end) => {
                let (start, end) = match run.first {
                    Some(first) => (first, run.last_end),
                    None => (i, i),
                };
                (self.push_plain_field(start, end), field_end)
            }
            None => {
                let mut tok = Token::new(i);
                tok.take_run(self.text, i, &run);
                let field_end =
                    self.token_field(&mut tok, run.end, in_key, comment, physical_lines);
                (self.push_token(&mut tok, field_end.at()), field_end)
            }
        }
    }

    /// Reads the rest of a field that is not one plain run (quotes, continuations, NUL,
    /// backslashes the run scanner leaves alone) from `i`, with `tok` holding the field so far.
    /// Returns how the field ended.
    fn token_field(
        &mut self,
        tok: &mut Token,
        mut i: usize,
        in_key: bool,
        comment: &mut Option<Span>,
        physical_lines: &mut u32,
    ) -> FieldEnd {
        loop {
            if i >= self.end {
                return FieldEnd::Line(i);
            }
            match self.b[i] {
                b'\n' => return FieldEnd::Line(i),
                b';' => return FieldEnd::Line(self.comment_from(i, tok.text(self.text), comment)),
                b'"' => i = self.quoted_run(tok, i),
                b'\\' => match self.continuation(i) {
                    Some(next) => {
                        tok.continuation();
                        if next >= self.end {
                            return FieldEnd::Line(next);
                        }
                        // `next` is the line feed ending this physical line.
                        if comment.is_none() {
                            if let Some(sc) = memchr(b';', &self.b[i..next]) {
                                *comment = Some(Span::new(i + sc, next));
                            }
                        }
                        self.consume_line_feed(next);
                        *physical_lines += 1;
                        let after = self.skip_spaces(next + 1);
                        if after < self.end && self.b[after] == b'[' {
                            let e = self.line_end(after);
                            if memchr(b']', &self.b[after..e]).is_some() {
                                self.diag(
                                    ParseProblem::ContinuationSwallowsHeader,
                                    Span::new(i, e),
                                    "trailing `\\` joins the next line, so the section header there is read as text",
                                );
                            }
                        }
                        i = after;
                    }
                    None => {
                        // Literal backslashes: the whole run of `\` and blanks, in one go, so
                        // long runs stay linear.
                        let mut j = i;
                        while j < self.end {
                            if self.b[j] == b'\\' {
                                tok.chars(self.text, j, j + 1);
                                j += 1;
                            } else {
                                let n = self.space_len(j);
                                if n == 0 {
                                    break;
                                }
                                tok.space(j, j + n, self.b[j] == 0);
                                j += n;
                            }
                        }
                        i = j;
                    }
                },
                b'=' if in_key => return FieldEnd::Key(i),
                b',' => return FieldEnd::Value(i),
                0 => {
                    if in_key {
                        tok.nul_char(self.text, i);
                    } else {
                        // In the value part NUL is a blank (stored as a space inside a field).
                        tok.space(i, i + 1, true);
                    }
                    i += 1;
                }
                _ => {
                    // Ordinary characters and blanks (in the value part `=` is ordinary).
                    let run = self.scan_run(i, in_key);
                    tok.take_run(self.text, i, &run);
                    i = run.end;
                }
            }
        }
    }

    /// The character starting at byte `i` and its length (U+FFFD and 1 if `i` is not on a
    /// character boundary, which the scanner never asks for).
    #[inline]
    fn char_at(&self, i: usize) -> (char, usize) {
        match self.text.get(i..).and_then(|t| t.chars().next()) {
            Some(c) => (c, c.len_utf8()),
            None => ('\u{FFFD}', 1),
        }
    }

    /// Scans ordinary characters and blanks from `i` up to the next byte the tokenizer must
    /// look at by itself (an empty run if `i` is one). Blanks inside the run behave exactly like
    /// pending whitespace between two characters, so a whole `Intel(R) USB Host` goes to the
    /// token in one step. Backslashes directly followed by an ordinary character are part of
    /// the run: they cannot start a continuation (see [`Self::continuation`]), so they are
    /// literal text, as in `PCI\VEN_8086`.
    #[inline(always)]
    fn scan_run(&self, i: usize, in_key: bool) -> Run {
        let table = if in_key { &KEY_CLASSES } else { &VALUE_CLASSES };
        let b = self.b.get(..self.end).unwrap_or_default();
        let mut j = i;
        let mut first = None;
        let mut last_end = i;
        loop {
            // A stretch of ASCII ordinary characters and blanks, found in one tight loop (no
            // branch per character class); its edge blanks are trimmed afterwards.
            let stretch = j;
            j = skip_ascii_run(b, j, in_key);
            let mut f = stretch;
            while f < j && table[usize::from(b[f])] == BLANK {
                f += 1;
            }
            if f < j {
                first.get_or_insert(f);
                let mut l = j;
                while table[usize::from(b[l - 1])] == BLANK {
                    l -= 1;
                }
                last_end = l;
            }
            let Some(&c) = b.get(j) else { break };
            match table[usize::from(c)] {
                NON_ASCII => {
                    let (c, n) = self.char_at(j);
                    if !is_space_char(c) {
                        first.get_or_insert(j);
                        last_end = j + n;
                    }
                    j += n;
                }
                BACKSLASH => {
                    let k = j + b[j..].iter().take_while(|&&c| c == b'\\').count();
                    match b.get(k) {
                        Some(&c) if table[usize::from(c)] == ORDINARY => {
                            // The stretch starting at `k` moves `last_end` past it.
                            first.get_or_insert(j);
                            j = k;
                        }
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        Run {
            first,
            last_end,
            end: j,
        }
    }

    /// Handles a quoted run starting at `q`; returns the position after it.
    fn quoted_run(&mut self, tok: &mut Token, q: usize) -> usize {
        if tok.start.is_none() {
            // The common `"text"` starting a field: its text is the slice between the quotes,
            // unless it contains `""` or NUL.
            let rest = &self.b[q + 1..self.end];
            let found = find_short(rest, b'"', b'\n');
            let close = found.map_or(self.end, |k| q + 1 + k);
            let terminated = found.is_some_and(|k| rest[k] == b'"');
            let escaped = terminated && rest.get(close - q) == Some(&b'"');
            let nul_inside = self.first_nul.is_some_and(|n| n < close);
            if !(escaped || nul_inside) {
                tok.start = Some(q);
                tok.quoted = true;
                tok.broken = false;
                tok.inner = Some((q + 1, close));
                if terminated {
                    tok.end = close + 1;
                    return close + 1;
                }
                tok.end = close;
                self.diag(
                    ParseProblem::UnterminatedQuote,
                    Span::new(q, close),
                    "quoted string has no closing `\"`; it runs to the end of the line",
                );
                return close;
            }
        }
        // Quotes always make the parsed text differ from the source slice.
        let owned = tok.begin_quoted(self.text, q);
        let mut i = q + 1;
        loop {
            let rest = &self.b[i..self.end];
            match find_short(rest, b'"', b'\n') {
                Some(k) if rest[k] == b'"' => {
                    push_piece(
                        owned,
                        slice(self.text, i, i + k),
                        self.first_nul.is_some_and(|n| n < i + k),
                    );
                    if rest.get(k + 1) == Some(&b'"') {
                        owned.push('"');
                        i += k + 2;
                        continue;
                    }
                    tok.end = i + k + 1;
                    return i + k + 1;
                }
                found => {
                    // Unterminated: the run swallows the rest of the physical line, CR included.
                    let stop = found.map_or(self.end, |k| i + k);
                    push_piece(
                        owned,
                        slice(self.text, i, stop),
                        self.first_nul.is_some_and(|n| n < stop),
                    );
                    tok.end = stop;
                    self.diag(
                        ParseProblem::UnterminatedQuote,
                        Span::new(q, stop),
                        "quoted string has no closing `\"`; it runs to the end of the line",
                    );
                    return stop;
                }
            }
        }
    }

    /// At a `\` outside quotes: if only backslashes, blanks and an optional comment follow up to
    /// the end of the line, returns the position of that line end (a continuation).
    fn continuation(&self, i: usize) -> Option<usize> {
        let mut j = i;
        while j < self.end {
            match self.b[j] {
                b'\\' => j += 1,
                b'\n' => return Some(j),
                b';' => return Some(self.line_end(j)),
                _ => {
                    let n = self.space_len(j);
                    if n == 0 {
                        return None;
                    }
                    j += n;
                }
            }
        }
        Some(self.end)
    }

    /// A comment starts at the `;` at `at`, after a field whose text is `field_text`: records
    /// its span (from `;` to the end of the physical line) unless the line has one already,
    /// checks for a `%strkey%` cut by it, and returns where the line's content ends.
    fn comment_from(&mut self, at: usize, field_text: &str, comment: &mut Option<Span>) -> usize {
        let e = self.line_end(at);
        comment.get_or_insert(Span::new(at, e));
        self.check_semicolon_in_strkey(field_text, at, e);
        e
    }

    /// At a `;` ending the line at `at`: reports it when the field text before it, `text`, has
    /// an unpaired `%` and a `%` follows on the line (a `%strkey%` cut by the comment).
    fn check_semicolon_in_strkey(&mut self, text: &str, at: usize, line_end: usize) {
        let open_percents = text.matches('%').count();
        if open_percents % 2 == 1 && memchr(b'%', &self.b[at..line_end]).is_some() {
            self.diag(
                ParseProblem::SemicolonInStringKey,
                Span::new(at, at + 1),
                "`;` inside a `%strkey%` token starts a comment; the token is cut here",
            );
        }
    }

    // Fields are pushed built in place from their parts, and their length checked on those
    // parts: building a `Field` on the stack, or borrowing its text there, and reading it back
    // as a whole stalls on store forwarding (the offsets are stored as two halves and loaded
    // as one word), which made pushing a field the most expensive step of the tokenizer.

    /// Pushes, from `i` in the value part, the fields that are plain text ended by a comma
    /// within the next [`BURST`] bytes, and returns where the next field starts (`i` if none);
    /// when the line feed is the first byte there that ends a plain run, the last field too,
    /// and the line ends there (most value parts: `CopyFiles=Drivers_Dir`, a registry line;
    /// about 3% of decode + parse + `Inf` more).
    ///
    /// Registry data and file lists are long rows of short fields (`0x00,0x01,…`). Here bit
    /// masks of the window's commas, blanks and bytes that end a plain run ([`stop_masks`])
    /// give every field's trimmed bounds with bit arithmetic: the same fields the run scanner
    /// would push (the test `fast_paths_change_nothing` compares the two), without a branch per
    /// byte or per kind of field end. On the corpus it pushes about half of all fields and
    /// saves about 3% of decode + parse. Fields shorter than the window cannot be too long
    /// ([`MAX_FIELD_CHARS`]), so none is checked.
    #[inline(always)]
    fn plain_field_burst(&mut self, i: usize) -> Burst {
        let Some(window) = self.b[..self.end]
            .get(i..)
            .and_then(|w| w.first_chunk::<BURST>())
        else {
            return Burst::Next(i);
        };
        let masks = stop_masks(window);
        // Commas before the first byte that is neither plain text nor a comma.
        let before_stop = masks.stops.wrapping_sub(1) & !masks.stops;
        let mut commas = masks.commas & before_stop;
        let mut from = 0u32;
        while commas != 0 {
            let comma = commas.trailing_zeros();
            commas &= commas - 1;
            self.push_burst_field(i, from, comma, masks.blanks);
            from = comma + 1;
        }
        // The last field, when the line ends at the first stop: pushed here too, and the
        // line ends (the common case of a value part; the run scanner would read it again).
        let stop = masks.stops.trailing_zeros();
        if stop < 64 && window[stop as usize] == b'\n' {
            self.push_burst_field(i, from, stop, masks.blanks);
            return Burst::LineEnd(i + stop as usize);
        }
        Burst::Next(i + from as usize)
    }

    /// Pushes, for [`Self::plain_field_burst`], the plain field at bits `from..to` of the
    /// window at `i`, its edge blanks (`blanks`) trimmed; an empty field starts at `from`.
    #[inline(always)]
    fn push_burst_field(&mut self, i: usize, from: u32, to: u32, blanks: u64) {
        let text = (u64::MAX << from) & !(u64::MAX << to) & !blanks;
        let (start, end) = if text == 0 {
            (from, from)
        } else {
            (text.trailing_zeros(), 64 - text.leading_zeros())
        };
        self.fields.push(Field {
            span: Span::new(i + start as usize, i + end as usize),
            text: FieldText::Slice(Span::new(i + start as usize, i + end as usize)),
            quoted: false,
        });
    }

    /// A field from `i` that is one quoted run with only ASCII blanks around it (`"Contoso"`,
    /// most values of a Strings section), without `""` or NUL and closed by a separator, `;`
    /// or the line end: pushed (its text the slice between the quotes, as the tokenizer makes
    /// it) with its index and how it ended; `None`, pushing nothing, for any other field.
    #[inline(always)]
    fn quoted_field(
        &mut self,
        i: usize,
        in_key: bool,
        comment: &mut Option<Span>,
    ) -> Option<(u32, FieldEnd)> {
        let b = &self.b[..self.end];
        let mut open = i;
        while b.get(open).is_some_and(|&c| is_ascii_space(c)) {
            open += 1;
        }
        if b.get(open) != Some(&b'"') {
            return None;
        }
        let rest = &b[open + 1..];
        let close = open + 1 + find_short(rest, b'"', b'\n')?;
        // A line feed first (unterminated) or a NUL before the closing quote (read as a space)
        // make text the tokenizer rewrites or reports; so does `""` (an escaped quote), which
        // the check below of what follows the closing quote turns away.
        if b[close] != b'"' || self.first_nul.is_some_and(|n| n < close) {
            return None;
        }
        let mut after = close + 1;
        while b.get(after).is_some_and(|&c| is_ascii_space(c)) {
            after += 1;
        }
        let field_end = match b.get(after) {
            None | Some(b'\n') => FieldEnd::Line(after),
            Some(b',') => FieldEnd::Value(after),
            Some(b'=') if in_key => FieldEnd::Key(after),
            // The comment is read once the field is known to be this one (below).
            Some(b';') => FieldEnd::Line(after),
            _ => return None,
        };
        if close - open - 1 > MAX_FIELD_CHARS {
            self.check_field_length(
                Span::new(open, close + 1),
                slice(self.text, open + 1, close),
            );
        }
        self.fields.push(Field {
            span: Span::new(open, close + 1),
            text: FieldText::Slice(Span::new(open + 1, close)),
            quoted: true,
        });
        let index = (self.fields.len() - 1) as u32;
        if b.get(after) == Some(&b';') {
            let content_end = self.comment_from(after, slice(self.text, open + 1, close), comment);
            return Some((index, FieldEnd::Line(content_end)));
        }
        Some((index, field_end))
    }

    /// Appends the unquoted field whose text is `text[start..end]` and returns its index.
    #[inline(always)]
    fn push_plain_field(&mut self, start: usize, end: usize) -> u32 {
        if end - start > MAX_FIELD_CHARS {
            self.check_field_length(Span::new(start, end), slice(self.text, start, end));
        }
        self.fields.push(Field {
            span: Span::new(start, end),
            text: FieldText::Slice(Span::new(start, end)),
            quoted: false,
        });
        (self.fields.len() - 1) as u32
    }

    /// Appends the field that `tok` holds (`at`: where the field ended) and returns its index.
    #[inline(always)]
    fn push_token(&mut self, tok: &mut Token, at: usize) -> u32 {
        let Some(start) = tok.start else {
            let origin = tok.origin.min(at);
            return self.push_plain_field(origin, origin);
        };
        let end = tok.end;
        let text = match (tok.owned.take(), tok.inner) {
            (Some(owned), _) => {
                if owned.len() > MAX_FIELD_CHARS {
                    self.check_field_length(Span::new(start, end), &owned);
                }
                let from = self.owned_text.len();
                self.owned_text.push_str(&owned);
                FieldText::Owned(Span::new(from, self.owned_text.len()))
            }
            (None, inner) => {
                let (from, to) = inner.unwrap_or((start, end));
                if to - from > MAX_FIELD_CHARS {
                    self.check_field_length(Span::new(start, end), slice(self.text, from, to));
                }
                FieldText::Slice(Span::new(from, to))
            }
        };
        self.fields.push(Field {
            span: Span::new(start, end),
            text,
            quoted: tok.quoted,
        });
        (self.fields.len() - 1) as u32
    }

    /// Reports a field longer than Windows reads (only a field longer than the limit in
    /// bytes can be too long in characters, so callers check that first).
    #[cold]
    fn check_field_length(&mut self, span: Span, text: &str) {
        let chars = text.chars().count();
        if chars >= MAX_FIELD_CHARS {
            self.diag(
                ParseProblem::FieldTooLong,
                span,
                format!(
                    "field is {chars} characters long; Windows reads at most {MAX_FIELD_CHARS}"
                ),
            );
        }
    }
}

/// Builds one key or field, borrowing from the source when it can.
struct Token {
    /// Where the token would start (for empty fields).
    origin: usize,
    /// First significant character (or opening quote).
    start: Option<usize>,
    /// One past the last significant character (or closing quote).
    end: usize,
    /// The parsed text, once it no longer equals `text[start..end]` (or `text[inner]`).
    owned: Option<String>,
    /// The token so far is one quoted run without `""` or NUL: its text is this slice (the
    /// content between the quotes), so it needs no copy unless more text follows.
    inner: Option<(usize, usize)>,
    /// Whitespace seen after the last significant character: (from, to, contains NUL).
    pending: Option<(usize, usize, bool)>,
    quoted: bool,
    /// A continuation happened after the token started: the next text is not contiguous.
    broken: bool,
}

fn slice(text: &str, from: usize, to: usize) -> &str {
    text.get(from..to).unwrap_or("")
}

/// Appends `s` with NUL read as a space (inf-syntax.md §1.11); `may_have_nul` is false when
/// the caller knows there is none.
fn push_piece(out: &mut String, s: &str, may_have_nul: bool) {
    if may_have_nul && memchr(0, s.as_bytes()).is_some() {
        out.extend(s.chars().map(|c| if c == '\0' { ' ' } else { c }));
    } else {
        out.push_str(s);
    }
}

impl Token {
    fn new(origin: usize) -> Self {
        Token {
            origin,
            start: None,
            end: origin,
            owned: None,
            inner: None,
            pending: None,
            quoted: false,
            broken: false,
        }
    }

    fn make_owned(&mut self, text: &str) {
        if self.owned.is_none() {
            self.owned = Some(match self.inner.take() {
                Some((from, to)) => slice(text, from, to).to_owned(),
                None => self
                    .start
                    .map_or_else(String::new, |s| slice(text, s, self.end).to_owned()),
            });
        }
    }

    /// Starts the token or, if started, commits pending internal whitespace before new text.
    /// `force_owned` says the new text will not equal its source slice.
    #[inline]
    fn begin(&mut self, text: &str, at: usize, force_owned: bool) {
        if self.start.is_none() {
            self.start = Some(at);
            if force_owned {
                self.owned = Some(String::new());
            }
            self.broken = false;
            return;
        }
        if force_owned || self.inner.is_some() || self.broken || self.pending.is_some_and(|p| p.2) {
            self.make_owned(text);
        }
        if let Some((from, to, has_nul)) = self.pending.take() {
            if let Some(o) = &mut self.owned {
                push_piece(o, slice(text, from, to), has_nul);
            }
        }
        self.broken = false;
    }

    /// The parsed text so far (pending blanks excluded).
    fn text<'t>(&'t self, text: &'t str) -> &'t str {
        match (&self.owned, self.inner) {
            (Some(s), _) => s,
            (None, Some((from, to))) => slice(text, from, to),
            (None, None) => self.start.map_or("", |s| slice(text, s, self.end)),
        }
    }

    /// A run found by [`Parser::scan_run`] from `from`.
    #[inline]
    fn take_run(&mut self, text: &str, from: usize, run: &Run) {
        match run.first {
            None => self.space(from, run.end, false),
            Some(first) => {
                self.space(from, first, false);
                self.chars(text, first, run.last_end);
                self.space(run.last_end, run.end, false);
            }
        }
    }

    /// Ordinary characters (and blanks between them) at `from..to`.
    #[inline]
    fn chars(&mut self, text: &str, from: usize, to: usize) {
        self.begin(text, from, false);
        if let Some(o) = &mut self.owned {
            o.push_str(slice(text, from, to));
        }
        self.end = to;
    }

    /// A NUL in the key part: an ordinary character stored as a space (inf-syntax.md §1.11).
    fn nul_char(&mut self, text: &str, at: usize) {
        self.begin(text, at, true);
        if let Some(o) = &mut self.owned {
            o.push(' ');
        }
        self.end = at + 1;
    }

    /// Blanks at `from..to`; `has_nul` says whether one of them is a NUL.
    #[inline]
    fn space(&mut self, from: usize, to: usize, has_nul: bool) {
        if self.start.is_none() || from == to {
            return;
        }
        self.pending = Some(match self.pending {
            Some((f, _, n)) => (f, to, n || has_nul),
            None => (from, to, has_nul),
        });
    }

    /// Starts a quoted run at `open`; returns the owned text to append its content to.
    fn begin_quoted(&mut self, text: &str, open: usize) -> &mut String {
        self.begin(text, open, true);
        self.quoted = true;
        self.owned.get_or_insert_with(String::new)
    }

    fn continuation(&mut self) {
        // Whitespace before the backslashes is dropped with them.
        self.pending = None;
        if self.start.is_some() {
            self.broken = true;
        }
    }
}

/// Decides what `SetupOpenInfFile` returns (inf-syntax.md §1.14).
fn open_verdict(
    tree: &SyntaxTree,
    stray: Option<(u32, Span)>,
    fatal: Option<OpenError>,
) -> OpenVerdict {
    if let Some(f) = fatal {
        return Some(f);
    }
    let whole_file = OpenError {
        code: OpenErrorCode::WrongInfStyle,
        line: 0,
        span: Span::empty(0),
    };
    if tree.headers.is_empty() {
        return Some(whole_file);
    }
    if let Some((line, span)) = stray {
        let has_strings = tree
            .headers
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case("strings"));
        if !has_strings {
            return Some(OpenError {
                code: OpenErrorCode::ExpectedSectionName,
                line,
                span,
            });
        }
    }
    let signature = tree.lines.iter().find(|l| {
        l.header.is_some_and(|h| {
            tree.headers[h as usize]
                .name
                .eq_ignore_ascii_case("version")
        }) && line_key_text(tree, l).is_some_and(|k| k.eq_ignore_ascii_case("signature"))
    });
    let ok = signature.is_some_and(|l| {
        let fields = tree.line_fields(l);
        fields.first().is_some_and(|f| {
            let v = tree.field_text(f);
            v.eq_ignore_ascii_case("$windows nt$") || v.eq_ignore_ascii_case("$chicago$")
        })
    });
    if ok {
        None
    } else {
        Some(whole_file)
    }
}

/// The key of a line as SetupAPI matches it at layer 1: the explicit key, or the single field.
pub(crate) fn line_key_text<'t>(tree: &'t SyntaxTree, line: &'t Line) -> Option<&'t str> {
    match line.key {
        Some(k) => Some(tree.field_text(&tree.fields[k as usize])),
        None if line.has_implicit_key() => {
            Some(tree.field_text(&tree.fields[line.fields.0 as usize]))
        }
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tree(text: &str) -> SyntaxTree {
        parse(SourceText::from_text(text))
    }

    /// The value fields of the first logical line: (parsed text, source span text, quoted, owned).
    fn fields(t: &SyntaxTree) -> Vec<(String, String, bool, bool)> {
        let line = &t.lines()[0];
        t.line_fields(line)
            .iter()
            .map(|f| {
                let owned = matches!(f.text, FieldText::Owned(_));
                (
                    t.field_text(f).to_owned(),
                    t.text()[f.span.range()].to_owned(),
                    f.quoted,
                    owned,
                )
            })
            .collect()
    }

    fn problems(t: &SyntaxTree) -> Vec<ParseProblem> {
        t.diagnostics().iter().map(|d| d.problem.clone()).collect()
    }

    #[test]
    fn short_search_finds_what_a_plain_search_finds() {
        for len in 0..SHORT + 48 {
            for at in 0..=len {
                for (a, b) in [(b'"', b'\n'), (b']', b']')] {
                    let mut hay = vec![b'x'; len];
                    if at < len {
                        hay[at] = b;
                    }
                    let plain = hay.iter().position(|&c| c == a || c == b);
                    assert_eq!(find_short(&hay, a, b), plain, "len {len} at {at}");
                }
            }
        }
    }

    /// Everything a parse produces, for comparing two parses.
    fn parse_result(t: &SyntaxTree) -> String {
        let texts: Vec<&str> = t.fields().iter().map(|f| t.field_text(f)).collect();
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{texts:?}\n{:?}",
            t.nodes(),
            t.headers(),
            t.lines(),
            t.fields(),
            t.diagnostics(),
            t.open_verdict(),
        )
    }

    /// Lines of short fields in every form: plain, blank-padded, empty, quoted (also with text
    /// around the quotes, `""` and unterminated), with `=`, `\`, `;`, NUL, non-ASCII and
    /// continuations, long enough to cross burst windows.
    fn inf_like_text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "0x00",
            "0x1",
            "a",
            "Ab_c",
            " ",
            "  ",
            "\t",
            ",",
            ",",
            ",",
            ", ",
            " ,",
            "=",
            "\"q\"",
            "\"a,b\"",
            "\"\"",
            "\"",
            "\"\u{e9} x;=\"",
            "\\",
            "\\\n",
            "PCI\\VEN_1",
            ";c",
            "\0",
            "é",
            "\u{3000}",
            "\r",
            "\n",
            "\r\n",
            "[S]\n",
            "%k%",
            "\x0b",
            "\x0c",
            "1234567890123456789",
        ]);
        prop::collection::vec(piece, 0..120).prop_map(|pieces| format!("[S]\n{}", pieces.concat()))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn fast_paths_change_nothing(text in inf_like_text()) {
            let with = parse_with(SourceText::from_text(text.clone()), true);
            let without = parse_with(SourceText::from_text(text), false);
            prop_assert_eq!(parse_result(&with), parse_result(&without));
        }
    }

    #[test]
    fn one_pass_counts_match_plain_counts_across_block_boundaries() {
        let unit = b"a,\r\n\n,=,";
        for len in [
            0,
            1,
            15,
            16,
            17,
            255 * 16 - 1,
            255 * 16,
            255 * 16 + 17,
            10_000,
        ] {
            // Runs of the same byte push single lanes to their limit.
            for text in [
                unit.iter().cycle().take(len).copied().collect::<Vec<u8>>(),
                vec![b'\n'; len],
                vec![b','; len],
                vec![b'='; len],
            ] {
                let counts = ByteCounts::of(&text);
                let count = |b: u8| text.iter().filter(|&&c| c == b).count();
                assert_eq!(counts.line_feeds, count(b'\n'));
                assert_eq!(counts.commas, count(b','));
                assert_eq!(counts.equals, count(b'='));
                assert_eq!(counts.carriage_returns, count(b'\r'));
                assert!(!counts.nul_or_control_z);
            }
        }
        for special in [0u8, CONTROL_Z] {
            let mut text = vec![b'x'; 5000];
            text[4321] = special;
            assert!(ByteCounts::of(&text).nul_or_control_z);
        }
    }

    #[test]
    fn a_field_that_is_one_quoted_run_borrows_the_text_between_the_quotes() {
        let t = tree("[s]\nk = \"Intel(R) USB\" , \"a;b\"\n");
        assert_eq!(
            fields(&t),
            vec![
                (
                    "Intel(R) USB".into(),
                    "\"Intel(R) USB\"".into(),
                    true,
                    false
                ),
                ("a;b".into(), "\"a;b\"".into(), true, false),
            ]
        );
    }

    #[test]
    fn text_next_to_a_quoted_run_makes_the_field_owned() {
        let t = tree("[s]\nk = \"ab\"cd, \"ab\" cd, x\"y\", \"a\"\"b\", \"n\0l\"\n");
        let got: Vec<(String, bool)> = fields(&t)
            .into_iter()
            .map(|(text, _, _, owned)| (text, owned))
            .collect();
        assert_eq!(
            got,
            vec![
                ("abcd".into(), true),
                ("ab cd".into(), true),
                ("xy".into(), true),
                ("a\"b".into(), true),
                ("n l".into(), true),
            ]
        );
    }

    #[test]
    fn an_unterminated_quote_runs_to_the_line_feed_and_is_reported() {
        let t = tree("[s]\nk = \"abc, d\r\nnext=1\n");
        assert_eq!(
            fields(&t),
            vec![("abc, d\r".into(), "\"abc, d\r".into(), true, false)]
        );
        assert_eq!(problems(&t), vec![ParseProblem::UnterminatedQuote]);
        assert_eq!(t.lines().len(), 2);
    }

    #[test]
    fn blanks_inside_a_run_are_kept_and_blanks_at_the_edges_trimmed() {
        let t = tree("[s]\nk =  Intel(R)  USB\tHost \t; c\nu=\u{3000}x\u{A0}y\u{2028}\n");
        assert_eq!(
            fields(&t),
            vec![(
                "Intel(R)  USB\tHost".into(),
                "Intel(R)  USB\tHost".into(),
                false,
                false
            )]
        );
        let line = &t.lines()[1];
        assert_eq!(t.field_text(&t.line_fields(line)[0]), "x\u{A0}y");
    }

    #[test]
    fn equals_ends_the_key_only() {
        let t = tree("[s]\na b = c=d , e\n");
        let line = &t.lines()[0];
        assert_eq!(t.line_key(line).map(|k| t.field_text(k)), Some("a b"));
        assert_eq!(
            fields(&t).into_iter().map(|f| f.0).collect::<Vec<_>>(),
            vec!["c=d", "e"]
        );
    }

    #[test]
    fn only_carriage_returns_without_a_line_feed_are_reported() {
        assert!(problems(&tree("[s]\r\na=b\r\n")).is_empty());
        // A CR right at the end (or right before Control-Z) ends nothing and is not reported.
        assert!(problems(&tree("[s]\r\na=b\r")).is_empty());
        let t = tree("[s]\r\na=b\rc\r\n");
        assert_eq!(problems(&t), vec![ParseProblem::LoneCarriageReturn]);
        assert_eq!(t.diagnostics()[0].span, Span::new(8, 9));
        // A CR before the line feed that a continuation consumes is not lone either.
        assert!(problems(&tree("[s]\r\na=b,\\\r\nc\r\n")).is_empty());
    }

    #[test]
    fn line_columns_are_computed_on_demand() {
        let t = tree("[s]\r\nkey=\u{e9}t\u{e9}\nz");
        assert_eq!(t.line_col(0), (1, 1));
        assert_eq!(t.line_col(9), (2, 5));
        // Columns count characters: `key=` and three more are 7 characters in 9 bytes.
        assert_eq!(t.line_col(14), (2, 8));
        assert_eq!(t.line_col(15), (3, 1));
        assert_eq!(t.line_start(3), Some(15));
        assert_eq!(t.line_start(4), None);
    }

    #[test]
    fn a_long_section_name_is_counted_in_characters() {
        // 200 two-byte characters: 400 bytes but within the 255-character limit.
        let name = "\u{e9}".repeat(200);
        assert!(problems(&tree(&format!("[{name}]\n"))).is_empty());
        let name = "\u{e9}".repeat(256);
        assert_eq!(
            problems(&tree(&format!("[{name}]\n"))),
            vec![ParseProblem::SectionNameTooLong]
        );
    }
}
