//! Hostile input for the parser: files built to exhaust it (a million sections, a million
//! continuation lines, a 50 MB line, `%strkey%` cycles and expansions that would be gigabytes),
//! and damaged ones (NUL bytes, Control-Z, invalid UTF-16, binary files). Each must parse
//! without a panic, round-trip byte for byte, say what is wrong as a diagnostic, and stay within
//! a memory budget proportional to the input, measured by a counting allocator.
//!
//! The big inputs are generated here at test time, never committed.

#[path = "support/invariants.rs"]
mod invariants;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use inf_parser::{
    decode, parse, DecodeProblem, Inf, NodeKind, OpenErrorCode, ParseProblem, SyntaxTree,
    MAX_FIELD_CHARS,
};
use invariants::{check_invariants, CODEPAGES};

// ------------------------------------------------------------------ memory accounting

/// Counts the bytes each thread has allocated and not freed, and their high-water mark. The
/// parser is single-threaded, so a thread's own counts measure exactly what it used.
struct CountingAllocator;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn account(delta: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + delta;
        live.set(now);
        let _ = PEAK.try_with(|peak| {
            if now > peak.get() {
                peak.set(now);
            }
        });
    });
}

// SAFETY: every call is forwarded to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            account(layout.size() as isize);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            account(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        account(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            account(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Runs `f` and returns its result with the most heap this thread held at once meanwhile, above
/// what it held before.
fn peak_heap<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let out = f();
    let peak = PEAK.with(Cell::get);
    (out, (peak - base).max(0) as usize)
}

const MB: usize = 1024 * 1024;

// ------------------------------------------------------------------ helpers

const VERSION: &str = "[Version]\r\nSignature=\"$Windows NT$\"\r\n";

/// Round trip and node tiling, without the per-line reads of `check_invariants` (which are
/// quadratic on a million lines by design: they look every key up again).
fn assert_round_trip(tree: &SyntaxTree, bytes: &[u8]) {
    assert_eq!(tree.source().original_len(), bytes.len());
    assert!(tree.source().encode(&tree.print()) == bytes, "round trip");
    let mut at = 0u32;
    for node in tree.nodes() {
        assert_eq!(node.span.start, at, "nodes tile the text");
        at = node.span.end;
    }
    assert_eq!(at as usize, tree.text().len());
}

fn has_problem(tree: &SyntaxTree, problem: ParseProblem) -> bool {
    tree.diagnostics().iter().any(|d| d.problem == problem)
}

fn has_decode_problem(tree: &SyntaxTree, problem: DecodeProblem) -> bool {
    tree.source().issues().iter().any(|i| i.problem == problem)
}

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

// ------------------------------------------------------------------ sizes

#[test]
fn a_million_sections() {
    let mut text = String::from(VERSION);
    for i in 0..1_000_000 {
        text.push_str(&format!("[Section{i}]\r\n"));
    }
    let bytes = text.into_bytes();
    let (inf, heap) = peak_heap(|| Inf::new(parse(decode(&bytes, 1252))));
    eprintln!("peak heap {heap} bytes for {} bytes of input", bytes.len());
    assert_round_trip(inf.tree(), &bytes);
    assert_eq!(inf.sections().len(), 1_000_001);
    for i in (0..1_000_000).step_by(997) {
        assert!(inf.has_section(&format!("SECTION{i}")), "section {i}");
    }
    assert!(!inf.has_section("Section1000000"));
    assert!(inf.tree().open_verdict().is_none());
    // About 12 bytes of input per section; the tree, the index and the text stay within a
    // small multiple of it.
    assert!(
        heap < 40 * bytes.len(),
        "{} MB of heap for {} MB of input",
        heap / MB,
        bytes.len() / MB
    );
}

#[test]
fn a_million_continuation_lines() {
    let mut text = String::from(VERSION);
    text.push_str("[Section]\r\nkey = first,\\\r\n");
    for _ in 0..1_000_000 {
        text.push_str("f,\\\r\n");
    }
    text.push_str("last\r\n[After]\r\nx = 1\r\n");
    let bytes = text.into_bytes();
    let (inf, heap) = peak_heap(|| Inf::new(parse(decode(&bytes, 1252))));
    eprintln!("peak heap {heap} bytes for {} bytes of input", bytes.len());
    assert_round_trip(inf.tree(), &bytes);
    let line = inf.find_line("Section", "key").expect("the joined line");
    assert_eq!(line.syntax().physical_lines, 1_000_002);
    assert_eq!(line.field_count(), 1_000_002);
    assert_eq!(line.field(1_000_002).as_deref(), Some("last"));
    // The section after the joined line is still a section.
    assert_eq!(
        inf.find_line("After", "x").and_then(|l| l.int_field(1)),
        Some(Ok(1))
    );
    assert!(
        heap < 40 * bytes.len(),
        "{} MB of heap for {} MB of input",
        heap / MB,
        bytes.len() / MB
    );
}

#[test]
fn a_single_50_mb_line() {
    let mut bytes = format!("{VERSION}[Section]\r\nkey = ").into_bytes();
    bytes.resize(bytes.len() + 50 * MB, b'a');
    bytes.extend_from_slice(b"\r\n");
    let (inf, heap) = peak_heap(|| Inf::new(parse(decode(&bytes, 1252))));
    eprintln!("peak heap {heap} bytes for {} bytes of input", bytes.len());
    assert_round_trip(inf.tree(), &bytes);
    assert!(
        has_problem(inf.tree(), ParseProblem::FieldTooLong),
        "a field Windows truncates is reported"
    );
    let line = inf.find_line("Section", "key").expect("the long line");
    // Read as Windows reads it: truncated.
    assert_eq!(
        line.field(1).map(|f| f.chars().count()),
        Some(MAX_FIELD_CHARS)
    );
    assert!(
        heap < 6 * bytes.len(),
        "{} MB of heap for {} MB of input",
        heap / MB,
        bytes.len() / MB
    );
}

// ------------------------------------------------------------------ %strkey%

/// SetupAPI substitutes one level: a Strings value naming another token is not expanded again,
/// so cycles cannot loop.
#[test]
fn string_key_cycles_expand_one_level() {
    let text = format!(
        "{VERSION}[Section]\r\nk = %a%,%self%,%x0%\r\n[Strings]\r\na = \"%b%\"\r\nb = \"%a%\"\r\nself = \"%self%\"\r\n{}",
        (0..40)
            .map(|i| format!("x{i} = \"%x{}%%x{}%\"\r\n", i + 1, i + 1))
            .collect::<String>()
    );
    check_invariants(text.as_bytes(), 1252);
    let inf = Inf::new(parse(decode(text.as_bytes(), 1252)));
    let line = inf.find_line("Section", "k").expect("line");
    assert_eq!(line.field(1).as_deref(), Some("%b%"));
    assert_eq!(line.field(2).as_deref(), Some("%self%"));
    // A chain that doubles at every level would be 2^40 characters if expanded recursively.
    assert_eq!(line.field(3).as_deref(), Some("%x1%%x1%"));
}

/// A field is at most 4096 characters, but each `%a%` in it may name a huge value: the
/// expansion must not build the gigabytes it describes before truncating them.
#[test]
fn huge_expansions_are_truncated_without_building_them() {
    let tokens = "%big%".repeat(MAX_FIELD_CHARS / 5);
    let value = "v".repeat(2 * MB);
    let text = format!("{VERSION}[Section]\r\nk = {tokens}\r\n[Strings]\r\nbig = \"{value}\"\r\n");
    let inf = Inf::new(parse(decode(text.as_bytes(), 1252)));
    let line = inf.find_line("Section", "k").expect("line");
    // 819 tokens × 2 MB would be 1.6 GB.
    let (expanded, heap) = peak_heap(|| line.field(1).expect("field").into_owned());
    assert_eq!(expanded.chars().count(), MAX_FIELD_CHARS);
    assert!(expanded.chars().all(|c| c == 'v'));
    assert!(heap < MB, "{heap} bytes of heap to expand one field");
    let (all, heap) = peak_heap(|| line.fields().map(|f| f.len()).sum::<usize>());
    assert_eq!(all, MAX_FIELD_CHARS);
    assert!(heap < MB, "{heap} bytes of heap to expand one line");
}

#[test]
fn a_million_undefined_tokens() {
    let mut text = format!("{VERSION}[Section]\r\n");
    for i in 0..200_000 {
        text.push_str(&format!("k{i} = %u{i}%,%v%,%w%,%x%,%y%\r\n"));
    }
    let bytes = text.into_bytes();
    let inf = Inf::new(parse(decode(&bytes, 1252)));
    assert_eq!(inf.undefined_tokens().len(), 1_000_000);
}

// ------------------------------------------------------------------ damaged files

#[test]
fn nul_bytes_are_read_as_spaces_and_reported() {
    for text in [
        &b"[Version]\0\r\nSignature=\"$Windows NT$\"\r\n"[..],
        b"[Ver\0sion]\r\nSignature=\"$Windows\0NT$\"\r\n",
        b"\0\0\0\0[Version]\r\n",
        b"[Version]\r\nk=\"\0\0\0\"\r\n\0",
        &[0u8; 4096],
    ] {
        for &cp in CODEPAGES {
            check_invariants(text, cp);
        }
        let tree = parse(decode(text, 1252));
        assert!(
            has_problem(&tree, ParseProblem::NulCharacter),
            "{:?}",
            String::from_utf8_lossy(text)
        );
    }
}

#[test]
fn control_z_ends_the_file_and_is_reported() {
    let text = b"[Version]\r\nSignature=\"$Windows NT$\"\r\n\x1a[Hidden]\r\nk=v\r\n";
    check_invariants(text, 1252);
    let tree = parse(decode(text, 1252));
    assert!(has_problem(&tree, ParseProblem::ControlZ));
    assert!(
        tree.nodes()
            .iter()
            .any(|n| matches!(n.kind, NodeKind::AfterEnd)),
        "text after Control-Z is kept (lossless) but not read"
    );
    let inf = Inf::new(tree);
    assert!(inf.has_section("Version"));
    assert!(
        !inf.has_section("Hidden"),
        "Windows stops reading at Control-Z"
    );
    for text in [
        &b"\x1a"[..],
        b"\x1a\x1a\x1a",
        b"[A]\x1a]\r\n",
        b"[A]\r\nk=\"\x1a\"\r\n",
    ] {
        check_invariants(text, 1252);
    }
}

fn utf16le(units: &[u16], bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    for u in units {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

#[test]
fn invalid_utf16_is_decoded_with_replacements_and_reported() {
    let header: Vec<u16> = "[Version]\r\nk=".encode_utf16().collect();
    let with = |tail: &[u16]| [header.as_slice(), tail].concat();

    // Odd length: the last byte cannot be a unit.
    let mut odd = utf16le(&with(&[u16::from(b'v')]), true);
    odd.push(b'x');
    check_invariants(&odd, 1252);
    let tree = parse(decode(&odd, 1252));
    assert!(has_decode_problem(&tree, DecodeProblem::OddLengthUtf16));
    assert!(tree.text().ends_with('\u{FFFD}'));

    for (name, tail) in [
        ("lone high surrogate", vec![0xD800, u16::from(b'a')]),
        ("lone low surrogate", vec![0xDC00, u16::from(b'a')]),
        ("reversed pair", vec![0xDC00, 0xD800]),
        ("high surrogate at the end", vec![0xDBFF]),
        ("many lone surrogates", vec![0xD800; 5000]),
    ] {
        let bytes = utf16le(&with(&tail), true);
        check_invariants(&bytes, 1252);
        let tree = parse(decode(&bytes, 1252));
        assert!(
            has_decode_problem(&tree, DecodeProblem::LoneSurrogate),
            "{name}"
        );
        assert!(tree.text().contains('\u{FFFD}'), "{name}");
        // The same units big-endian, and without a byte-order mark.
        let be: Vec<u8> = [vec![0xFE, 0xFF]]
            .into_iter()
            .chain(with(&tail).iter().map(|u| u.to_be_bytes().to_vec()))
            .flatten()
            .collect();
        check_invariants(&be, 1252);
        check_invariants(&utf16le(&with(&tail), false), 1252);
    }
    // A byte-order mark and nothing else, and one byte after it.
    for bytes in [&[0xFF, 0xFE][..], &[0xFF, 0xFE, 0x00], &[0xFE, 0xFF, 0xD8]] {
        check_invariants(bytes, 1252);
    }
}

#[test]
fn binary_files_named_inf_parse_and_say_they_are_not_inf_files() {
    let mut rng = Rng(0xB1_4A_27);
    let mut pe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
    pe.resize(512, 0);
    pe[0x3C] = 0x80;
    pe[0x80..0x84].copy_from_slice(b"PE\0\0");
    pe.extend((0..64 * 1024).map(|_| rng.next() as u8));
    let png = [
        &b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"[..],
        &(0..4096).map(|_| rng.next() as u8).collect::<Vec<_>>(),
    ]
    .concat();
    let random: Vec<u8> = (0..256 * 1024).map(|_| rng.next() as u8).collect();
    let ones = vec![0xFFu8; 100_000];
    let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00[Version]\x00\x00\xff".to_vec();
    for (name, bytes) in [
        ("pe", pe),
        ("png", png),
        ("random", random),
        ("ff", ones),
        ("zip", zip),
    ] {
        check_invariants(&bytes, 1252);
        let tree = parse(decode(&bytes, 1252));
        // Windows refuses such a file, or at least it is full of problems; either way it says so.
        let refused = tree.open_verdict().is_some();
        assert!(
            refused || !tree.diagnostics().is_empty() || !tree.source().issues().is_empty(),
            "{name}: no diagnostic for a binary file"
        );
    }
    // No `[Version]` signature: Windows refuses to open it as an INF.
    let tree = parse(decode(b"\x7fELF\x02\x01\x01\x00garbage\n", 1252));
    assert_eq!(
        tree.open_verdict().as_ref().map(|e| e.code),
        Some(OpenErrorCode::WrongInfStyle)
    );
}
