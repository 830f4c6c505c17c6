//! The installer-source analysis must never panic and must stay bounded, whatever the input:
//! mutated versions of the fixtures (truncated, bytes flipped, brackets and quotes inserted) and
//! synthetic pathological sources (deep nesting, huge switches, long chains, recursion).

use std::path::{Path, PathBuf};

use dif_model::behavior::Knowledge;
use dif_model::source::{analyze_file, analyze_sources, AnalyzeOptions, SourceAnalysis};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn fixture_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let root = Path::new("tests/fixtures/sources");
    for dir in std::fs::read_dir(root).expect("fixtures folder").flatten() {
        for file in std::fs::read_dir(dir.path())
            .expect("fixture pattern folder")
            .flatten()
        {
            files.push(file.path());
        }
    }
    files.sort();
    files
}

/// Every entry point's facts point inside the file they name.
fn check_spans(analysis: &SourceAnalysis, len: usize) {
    for entry in &analysis.entries {
        let b = &entry.behavior;
        let mut spans = vec![b.defined_at.span];
        spans.extend(b.handles.iter().map(|h| h.matched_at.span));
        spans.extend(
            b.handles
                .iter()
                .flat_map(|h| h.returns.iter().map(|r| r.1.at.span)),
        );
        spans.extend(b.default_returns.iter().map(|r| r.1.at.span));
        spans.extend(b.calls.iter().map(|c| c.at.span));
        for span in spans {
            assert!(
                span.start <= span.end && span.end as usize <= len,
                "span {span:?} outside a file of {len} bytes"
            );
        }
    }
}

#[test]
fn mutated_fixtures_never_panic() {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    const INSERTS: &[&[u8]] = &[
        b"{",
        b"}",
        b"(",
        b")",
        b"\"",
        b"'",
        b"/*",
        b"*/",
        b"#if 0\n",
        b"#endif\n",
        b"case ",
        b"goto x;",
        b"\\\n",
        b"\xff\xfe",
    ];
    let mut analysed = 0;
    for path in fixture_files() {
        let original = std::fs::read(&path).expect("fixture readable");
        let mut variants: Vec<Vec<u8>> = Vec::new();
        for i in 1..=24 {
            variants.push(original[..original.len() * i / 25].to_vec());
        }
        for _ in 0..24 {
            let mut v = original.clone();
            for _ in 0..1 + rng.below(6) {
                let at = rng.below(v.len());
                v[at] = rng.next() as u8;
            }
            variants.push(v);
        }
        for _ in 0..24 {
            let mut v = original.clone();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(v.len() + 1);
                let insert = INSERTS[rng.below(INSERTS.len())];
                v.splice(at..at, insert.iter().copied());
            }
            variants.push(v);
        }
        for v in variants {
            let analysis = analyze_file(&path, &v);
            check_spans(&analysis, v.len());
            for entry in &analysis.entries {
                // Asking again by name goes through the same machinery.
                let _ = analysis.find_entry(&entry.behavior.entry);
            }
            analysed += 1;
        }
    }
    assert!(analysed > 100, "only {analysed} variants analysed");
}

fn entry_with_body(body: &str) -> Vec<u8> {
    format!("DWORD CALLBACK Entry(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)\n{{\n{body}\n}}\n").into_bytes()
}

fn analyse_one(name: &str, src: Vec<u8>) -> SourceAnalysis {
    let len = src.len();
    let analysis = analyze_file(Path::new(name), &src);
    check_spans(&analysis, len);
    analysis
}

#[test]
fn deep_nesting_is_bounded() {
    let parens = format!("return {}0{};", "(".repeat(20_000), ")".repeat(20_000));
    let blocks = format!("{}return NO_ERROR;{}", "{".repeat(5_000), "}".repeat(5_000));
    let ifs = format!("{}return NO_ERROR;", "if (f == DIF_REMOVE) ".repeat(3_000));
    let sums = format!("return {}1;", "1 + ".repeat(20_000));
    for (name, body) in [
        ("parens.c", parens),
        ("blocks.c", blocks),
        ("ifs.c", ifs),
        ("sums.c", sums),
    ] {
        let analysis = analyse_one(name, entry_with_body(&body));
        assert_eq!(analysis.entries.len(), 1, "{name}");
        // Something this deep cannot be followed to the end; the entry must say so.
        assert!(
            matches!(
                analysis.entries[0].behavior.completeness,
                Knowledge::Unknown { .. }
            ),
            "{name}"
        );
    }
}

#[test]
fn wide_code_is_bounded() {
    let cases: String = (0..5_000)
        .map(|i| format!("case {i}: status = {i}; break;\n"))
        .collect();
    let switch = format!(
        "DWORD status = NO_ERROR;\nswitch (f) {{\n{cases}default: break;\n}}\nreturn status;"
    );
    let chain: String = (0..3_000)
        .map(|i| format!("else if (f == {i}) return {i};\n"))
        .collect();
    let chain = format!("if (f == 0x7FFFFFFF) return 1;\n{chain}return ERROR_DI_DO_DEFAULT;");
    let sequential: String = (0..2_000)
        .map(|i| format!("if (Probe{i}()) status = {i};\n"))
        .collect();
    let sequential = format!("DWORD status = NO_ERROR;\n{sequential}return status;");
    for (name, body) in [
        ("switch.c", switch),
        ("chain.c", chain),
        ("sequential.c", sequential),
    ] {
        let analysis = analyse_one(name, entry_with_body(&body));
        assert_eq!(analysis.entries.len(), 1, "{name}");
    }
}

#[test]
fn recursion_and_repeated_helpers_are_bounded() {
    let mut src = String::from(
        "static DWORD Ping(DI_FUNCTION f, int n);\n\
         static DWORD Pong(DI_FUNCTION f, int n) { if (n) return Ping(f, n - 1); return f == DIF_REMOVE ? ERROR_DI_DO_DEFAULT : NO_ERROR; }\n\
         static DWORD Ping(DI_FUNCTION f, int n) { return Pong(f, n); }\n\
         static DWORD Self(int n) { return n ? Self(n - 1) : 0; }\n\
         static DWORD Leaf(void) { return NO_ERROR; }\n",
    );
    for depth in 0..40 {
        src.push_str(&format!(
            "static DWORD Level{depth}(DI_FUNCTION f) {{ return Level{}(f) | Leaf(); }}\n",
            depth + 1
        ));
    }
    src.push_str(
        "static DWORD Level40(DI_FUNCTION f) { return f == DIF_INSTALLDEVICE ? 1 : 2; }\n",
    );
    let calls: String = (0..1_000).map(|_| "status |= Leaf();\n").collect();
    src.push_str(&format!(
        "DWORD CALLBACK Entry(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)\n{{ DWORD status = Ping(f, 3); {calls} Self(5); return Level0(f) ? status : Ping(f, 1); }}\n"
    ));
    let analysis = analyse_one("recursion.c", src.into_bytes());
    assert_eq!(analysis.entries.len(), 1);
    let behavior = &analysis.entries[0].behavior;
    // DIF_REMOVE is tested inside Pong, reached through Ping.
    assert!(behavior.handles.iter().any(|h| h.dif == 0x05));
    // Level0 → Level40 is deeper than the helper limit: reported, not followed.
    match &behavior.completeness {
        Knowledge::Unknown { reason } => assert!(reason.contains("were not followed"), "{reason}"),
        other => panic!("expected Unknown, got {other:?}"),
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut rng = Rng(0xBAD_C0DE);
    let mut files = Vec::new();
    for i in 0..64 {
        let len = rng.below(4_000);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let ext = ["c", "cpp", "h", "def"][i % 4];
        files.push((PathBuf::from(format!("random{i}.{ext}")), bytes));
    }
    for special in [
        &b""[..],
        b"{",
        b"}",
        b"(",
        b"\"",
        b"/*",
        b"#define",
        b"DWORD CALLBACK F(DI_FUNCTION",
        b"EXPORTS\n=\n",
    ] {
        files.push((PathBuf::from("special.c"), special.to_vec()));
        files.push((PathBuf::from("special.def"), special.to_vec()));
    }
    let analysis = analyze_sources(files, &AnalyzeOptions::default());
    assert_eq!(analysis.files.len(), 64 + 18);
}

/// More possible values than are kept per variable leave a visible `Unknown`, not a silent loss.
#[test]
fn dropped_values_are_visible() {
    let sequential: String = (1..=100)
        .map(|i| format!("if (Probe{i}()) status = {i};\n"))
        .collect();
    let body = format!("DWORD status = NO_ERROR;\n{sequential}return status;");
    let analysis = analyse_one("many_values.c", entry_with_body(&body));
    let returns = &analysis.entries[0].behavior.default_returns;
    assert!(returns.len() < 100, "{} values kept", returns.len());
    assert!(returns.iter().any(|(_, ev)| matches!(&ev.value, dif_model::behavior::ReturnValue::Unknown { reason } if reason.contains("were not kept"))));
}
