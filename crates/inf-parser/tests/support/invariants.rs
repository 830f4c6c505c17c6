//! The parser's promises on any input, as one function shared by the property tests, the
//! fixture/regression test and the `cargo fuzz` target (`fuzz/fuzz_targets/parse.rs`).
//!
//! Promises checked (inf-syntax.md §0.2, issue "inf-parser"): no panic; byte-exact round trip
//! through decode → print → encode; the nodes tile the text; every span is in range and on
//! character boundaries; the offset map is monotonic; the semantic view can be built and every
//! key and field read (raw, substituted, as integer, multi-sz, binary) without panicking; and
//! parsing the same bytes twice gives the same diagnostics and open verdict.

use inf_parser::{decode, parse, DiridPolicy, Inf, InfOptions, NodeKind, Span, SyntaxTree};

/// Code pages worth exercising: single-byte, DBCS (trail bytes may equal `\`), and UTF-8.
#[allow(dead_code)]
pub const CODEPAGES: &[u16] = &[1252, 932, 936, 949, 950, 1251, 1253, 1255, 874, 65001];

/// Checks every promise for `bytes` read with `codepage`; panics (with context) when one fails.
pub fn check_invariants(bytes: &[u8], codepage: u16) {
    let tree = parse(decode(bytes, codepage));
    let text = tree.text();

    // Round trip: printing gives the text, encoding the print gives the bytes.
    let printed = tree.print();
    assert_eq!(printed, text, "print() differs from text()");
    assert!(
        tree.source().encode(&printed) == bytes,
        "re-encoded bytes differ from the input"
    );
    assert_eq!(tree.source().original_len(), bytes.len());

    check_tiling(&tree);
    check_spans(&tree);
    check_offset_map(&tree, bytes.len());

    // Determinism: the same input gives the same problems and verdict.
    let again = parse(decode(bytes, codepage));
    assert_eq!(
        again.diagnostics(),
        tree.diagnostics(),
        "diagnostics differ between two parses"
    );
    assert_eq!(
        again.open_verdict(),
        tree.open_verdict(),
        "open verdict differs between two parses"
    );
    assert_eq!(
        again.fields(),
        tree.fields(),
        "fields differ between two parses"
    );

    // The semantic view, with both Strings selections and both DIRID policies.
    read_everything(&Inf::new(tree));
    let options = InfOptions {
        langid: Some(0x0407),
        dirids: DiridPolicy::Symbolic,
    };
    read_everything(&Inf::with_options(again, options));
}

fn check_tiling(tree: &SyntaxTree) {
    let mut at = 0u32;
    for node in tree.nodes() {
        assert_eq!(
            node.span.start, at,
            "node {node:?} does not start where the previous one ended"
        );
        assert!(node.span.end > node.span.start, "empty node {node:?}");
        match node.kind {
            NodeKind::Header(i) => {
                assert!((i as usize) < tree.headers().len(), "dangling header index")
            }
            NodeKind::Line(i) => assert!((i as usize) < tree.lines().len(), "dangling line index"),
            NodeKind::Trivia | NodeKind::AfterEnd => {}
        }
        at = node.span.end;
    }
    assert_eq!(
        at as usize,
        tree.text().len(),
        "nodes do not cover the whole text"
    );
}

fn assert_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what}: reversed span {span:?}");
    assert!(
        span.end as usize <= text.len(),
        "{what}: span {span:?} past the end ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize),
        "{what}: span {span:?} not on character boundaries"
    );
}

fn check_spans(tree: &SyntaxTree) {
    let text = tree.text();
    for issue in tree.source().issues() {
        assert_span(text, issue.span, "decode issue");
    }
    for d in tree.diagnostics() {
        assert_span(text, d.span, "diagnostic");
        let _ = tree.line_col(d.span.start);
    }
    if let Some(e) = tree.open_verdict() {
        assert_span(text, e.span, "open verdict");
    }
    for h in tree.headers() {
        assert_span(text, h.span, "header");
        assert_span(text, h.name_span, "header name");
        if let Some(t) = h.ignored_tail {
            assert_span(text, t, "header tail");
        }
    }
    for (li, line) in tree.lines().iter().enumerate() {
        assert_span(text, line.span, "line");
        if let Some(c) = line.comment {
            assert_span(text, c, "comment");
        }
        assert!(
            line.fields.0 <= line.fields.1 && line.fields.1 as usize <= tree.fields().len(),
            "line {li}: bad field range"
        );
        if let Some(k) = line.key {
            assert!(
                (k as usize) < tree.fields().len(),
                "line {li}: dangling key"
            );
        }
        assert!(line.physical_lines >= 1);
    }
    for f in tree.fields() {
        assert_span(text, f.span, "field");
        if let inf_parser::FieldText::Slice(s) = &f.text {
            assert_span(text, *s, "field text slice");
        }
        let _ = tree.field_text(f);
    }
}

fn check_offset_map(tree: &SyntaxTree, original_len: usize) {
    let text = tree.text();
    let source = tree.source();
    assert_eq!(
        source.original_offset(text.len()),
        original_len,
        "end of text does not map to end of file"
    );
    // Every character boundary of small texts; an even sample of about 256 of big ones (the
    // map walks forward from a checkpoint, so checking all of a long UTF-16 text is quadratic).
    let step = (text.len() / 256).max(1);
    let mut previous = 0usize;
    for (i, _) in text.char_indices().step_by(step) {
        let o = source.original_offset(i);
        assert!(
            o >= previous && o <= original_len,
            "offset map not monotonic at {i}"
        );
        previous = o;
    }
}

fn read_everything(inf: &Inf) {
    let mut sink = 0usize;
    let _ = inf.strings_section();
    for t in inf.undefined_tokens() {
        assert_span(inf.tree().text(), t.span, "undefined token");
    }
    for section in inf.sections() {
        assert!(
            inf.has_section(&section.name),
            "section `{}` not found by its own name",
            section.name
        );
        for line in inf.section_lines(section) {
            let _ = format!("{line:?}");
            sink += line.text().len() + line.span().len() + line.line_no() as usize;
            let _ = line.section_header_name();
            sink += line.key().map_or(0, |k| k.len());
            if let Some(k) = line.match_key() {
                sink += k.len();
                // What SetupFindFirstLine would do with the key it just read.
                let found = inf.find_line(&section.name, &k).map(|l| l.index());
                assert!(
                    found.is_some_and(|i| i <= line.index()),
                    "line {} of `{}` is not found by its own key {k:?}",
                    line.index(),
                    section.name
                );
                let _ = inf.string(&k);
                let _ = inf.expand(&k);
            }
            for n in 0..=line.field_count() + 1 {
                let _ = line.raw_field(n);
                let _ = line.field_span(n);
                let _ = line.int_field(n);
            }
            sink += line.fields().map(|f| f.len()).sum::<usize>();
            sink += line.multi_sz(1).len();
            let _ = line.binary(1);
        }
    }
    std::hint::black_box(sink);
}
