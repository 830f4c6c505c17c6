//! A small C lexer used around tree-sitter: it blanks Windows annotation macros before parsing and
//! reads parameter lists as text when the syntax tree around them is damaged.
//!
//! Blanking replaces a macro by spaces of the same length, so every byte offset tree-sitter
//! reports is still an offset into the original file. tree-sitter-c knows nothing about
//! `_In_opt_`, `IN`, `OPTIONAL`, `CALLBACK` or `NETCO_API`; left in place they turn prototypes
//! into `ERROR` nodes, removed they leave plain C.

use std::collections::HashSet;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// An identifier or keyword.
    Ident,
    /// A number.
    Number,
    /// A string or character literal.
    Literal,
    /// Any other single byte (punctuation, operators, stray bytes).
    Punct,
}

/// One token: its kind and byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// Splits C text into tokens, skipping whitespace and comments. Never fails: bytes it does not
/// understand become one-byte [`TokenKind::Punct`] tokens.
pub(crate) fn tokenize(text: &[u8]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut i = 0;
    let n = text.len();
    while i < n {
        let b = text[i];
        if b.is_ascii_whitespace() {
            i += 1;
        } else if b == b'/' && text.get(i + 1) == Some(&b'/') {
            while i < n && text[i] != b'\n' {
                i += 1;
            }
        } else if b == b'/' && text.get(i + 1) == Some(&b'*') {
            i += 2;
            while i < n && !(text[i] == b'*' && text.get(i + 1) == Some(&b'/')) {
                i += 1;
            }
            i = (i + 2).min(n);
        } else if b == b'"' || b == b'\'' {
            let start = i;
            i += 1;
            while i < n && text[i] != b && text[i] != b'\n' {
                if text[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(n);
            tokens.push(Token {
                kind: TokenKind::Literal,
                start,
                end: i,
            });
        } else if b.is_ascii_alphabetic() || b == b'_' {
            let start = i;
            while i < n && (text[i].is_ascii_alphanumeric() || text[i] == b'_') {
                i += 1;
            }
            // `L"..."`, `u8"..."` and friends: the prefix belongs to the literal.
            if i < n
                && (text[i] == b'"' || text[i] == b'\'')
                && matches!(&text[start..i], b"L" | b"u" | b"U" | b"u8")
            {
                continue;
            }
            tokens.push(Token {
                kind: TokenKind::Ident,
                start,
                end: i,
            });
        } else if b.is_ascii_digit() {
            let start = i;
            while i < n && (text[i].is_ascii_alphanumeric() || text[i] == b'_' || text[i] == b'.') {
                i += 1;
            }
            tokens.push(Token {
                kind: TokenKind::Number,
                start,
                end: i,
            });
        } else {
            tokens.push(Token {
                kind: TokenKind::Punct,
                start: i,
                end: i + 1,
            });
            i += 1;
        }
    }
    tokens
}

/// Annotation and calling-convention macros that expand to nothing a parser needs.
const BLANK_WORDS: &[&str] = &[
    "IN",
    "OUT",
    "OPTIONAL",
    "CALLBACK",
    "WINAPI",
    "WINAPIV",
    "APIENTRY",
    "NTAPI",
    "STDAPICALLTYPE",
    "STDMETHODCALLTYPE",
    "PASCAL",
    "__stdcall",
    "_stdcall",
    "__cdecl",
    "_cdecl",
    "__fastcall",
    "__thiscall",
    "__vectorcall",
    "__clrcall",
    "FORCEINLINE",
    "DECLSPEC_NOINLINE",
    "__forceinline",
    "__inline",
    "EXTERN_C",
    "__in",
    "__out",
    "__inout",
    "__in_opt",
    "__out_opt",
    "__inout_opt",
    "__reserved",
    "__callback",
    "__checkReturn",
];

/// Calling-convention macros, reported in prototypes.
pub(crate) const CALLING_CONVENTIONS: &[&str] = &[
    "CALLBACK",
    "WINAPI",
    "APIENTRY",
    "NTAPI",
    "STDAPICALLTYPE",
    "STDMETHODCALLTYPE",
    "PASCAL",
    "__stdcall",
    "_stdcall",
    "__cdecl",
    "_cdecl",
    "__fastcall",
];

/// Whether an identifier is a SAL annotation (`_In_`, `_Out_writes_bytes_`, `_Success_`, …).
fn is_sal(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 3 && b[0] == b'_' && b[1].is_ascii_uppercase() && b[b.len() - 1] == b'_'
}

/// Whether an identifier is an old-style SAL annotation that may take arguments
/// (`__in_ecount(n)`, `__out_bcount_opt(n)`, `__drv_when(…)`, …).
fn is_old_sal(word: &str) -> bool {
    [
        "__in_",
        "__out_",
        "__inout_",
        "__deref_",
        "__drv_",
        "__field_",
        "__success",
    ]
    .iter()
    .any(|p| word.starts_with(p))
}

/// Whether an all-capitals identifier ending in `_API` is an export macro (`NETCO_API`).
fn is_export_macro(word: &str) -> bool {
    word.len() > 4
        && word.ends_with("_API")
        && word
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// Whether `word` (found in `text` at the given token) is to be blanked, and whether an argument
/// list that follows belongs to it.
fn blank_rule(word: &str, local_macros: &HashSet<String>) -> Option<bool> {
    if word == "__declspec" || is_sal(word) || is_old_sal(word) {
        Some(true)
    } else if BLANK_WORDS.contains(&word) || is_export_macro(word) || local_macros.contains(word) {
        Some(false)
    } else {
        None
    }
}

/// Object-like macros defined in this file whose body is only blankable annotations
/// (`#define MYEXPORT __declspec(dllexport)`), so that uses of them can be blanked too.
fn annotation_macros(text: &[u8], tokens: &[Token]) -> HashSet<String> {
    let mut found = HashSet::new();
    let empty = HashSet::new();
    let mut i = 0;
    while i + 2 < tokens.len() {
        let t = tokens[i];
        let is_define = t.kind == TokenKind::Punct
            && text[t.start] == b'#'
            && tokens[i + 1].kind == TokenKind::Ident
            && &text[tokens[i + 1].start..tokens[i + 1].end] == b"define";
        if !is_define {
            i += 1;
            continue;
        }
        let name_tok = tokens[i + 2];
        let line_end = text[name_tok.end..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(text.len(), |p| name_tok.end + p);
        // Function-like macros (`#define X(a)`) are not annotations.
        let function_like = text.get(name_tok.end) == Some(&b'(');
        if name_tok.kind == TokenKind::Ident
            && !function_like
            && !text[name_tok.end..line_end].ends_with(b"\\")
        {
            let body: Vec<&Token> = tokens[i + 3..]
                .iter()
                .take_while(|t| t.start < line_end)
                .collect();
            let mut only_annotations = !body.is_empty();
            let mut depth = 0usize;
            for t in &body {
                let word = String::from_utf8_lossy(&text[t.start..t.end]);
                match t.kind {
                    _ if depth > 0 => {
                        if text[t.start] == b'(' {
                            depth += 1;
                        } else if text[t.start] == b')' {
                            depth -= 1;
                        }
                    }
                    TokenKind::Ident if blank_rule(&word, &empty).is_some() || word == "extern" => {
                    }
                    TokenKind::Literal if &text[t.start..t.end] == b"\"C\"" => {}
                    TokenKind::Punct if text[t.start] == b'(' => depth += 1,
                    _ => only_annotations = false,
                }
            }
            if only_annotations {
                found.insert(
                    String::from_utf8_lossy(&text[name_tok.start..name_tok.end]).into_owned(),
                );
            }
        }
        i += 3;
    }
    found
}

/// Object-like macros defined in `text` whose body contains `dllexport`
/// (`#define SAMPLE_EXPORT __declspec(dllexport)`).
pub(crate) fn dllexport_macros(text: &[u8]) -> HashSet<String> {
    let mut found = HashSet::new();
    for line in text.split(|&b| b == b'\n') {
        let tokens = tokenize(line);
        let word = |t: &Token| &line[t.start..t.end];
        let is_define = tokens.len() >= 3
            && word(&tokens[0]) == b"#"
            && word(&tokens[1]) == b"define"
            && tokens[2].kind == TokenKind::Ident;
        if is_define && tokens[3..].iter().any(|t| word(t) == b"dllexport") {
            found.insert(String::from_utf8_lossy(word(&tokens[2])).into_owned());
        }
    }
    found
}

/// A copy of `text` with Windows annotation macros replaced by spaces (newlines kept), for
/// tree-sitter. Offsets into the copy are offsets into `text`.
pub(crate) fn blank_annotations(text: &[u8]) -> Vec<u8> {
    let tokens = tokenize(text);
    let local_macros = annotation_macros(text, &tokens);
    let directives = directive_lines(text);
    let mut out = text.to_vec();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        i += 1;
        // Preprocessor lines stay as they are: tree-sitter keeps macro bodies opaque, and a
        // `#define X` whose rest were blanked would take the next line as its body.
        if t.kind != TokenKind::Ident || in_ranges(&directives, t.start) {
            continue;
        }
        let word = String::from_utf8_lossy(&text[t.start..t.end]);
        let Some(takes_args) = blank_rule(&word, &local_macros) else {
            continue;
        };
        let mut end = t.end;
        if takes_args
            && i < tokens.len()
            && text[tokens[i].start] == b'('
            && tokens[i].kind == TokenKind::Punct
        {
            let mut depth = 0usize;
            while i < tokens.len() {
                let tok = tokens[i];
                i += 1;
                if tok.kind == TokenKind::Punct {
                    match text[tok.start] {
                        b'(' => depth += 1,
                        b')' => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                }
                end = tok.end;
                if depth == 0 {
                    break;
                }
            }
        }
        for b in &mut out[t.start..end] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    out
}

/// Byte ranges of preprocessor directive lines (with their backslash continuations).
fn directive_lines(text: &[u8]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut line_start = 0;
    let mut in_directive = false;
    let mut directive_start = 0;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(text.len(), |p| line_start + p);
        let line = &text[line_start..line_end];
        if !in_directive && line.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'#') {
            in_directive = true;
            directive_start = line_start;
        }
        if in_directive {
            let continued = line
                .iter()
                .rev()
                .find(|b| !matches!(b, b'\r' | b' ' | b'\t'))
                == Some(&b'\\');
            if !continued {
                ranges.push((directive_start, line_end));
                in_directive = false;
            }
        }
        line_start = line_end + 1;
    }
    if in_directive {
        ranges.push((directive_start, text.len()));
    }
    ranges
}

/// Whether `offset` lies in one of the sorted, disjoint `ranges`.
fn in_ranges(ranges: &[(usize, usize)], offset: usize) -> bool {
    match ranges.binary_search_by(|&(start, _)| start.cmp(&offset)) {
        Ok(_) => true,
        Err(0) => false,
        Err(i) => offset < ranges[i - 1].1,
    }
}

/// Byte offsets at which lines start (the first is 0).
pub(crate) fn line_starts(text: &[u8]) -> Vec<u32> {
    let mut starts = vec![0u32];
    starts.extend(
        text.iter()
            .enumerate()
            .filter(|(_, &b)| b == b'\n')
            .map(|(i, _)| (i + 1) as u32),
    );
    starts
}

/// The 1-based line containing byte `offset`.
pub(crate) fn line_of(starts: &[u32], offset: usize) -> u32 {
    let offset = offset as u32;
    match starts.binary_search(&offset) {
        Ok(i) => i as u32 + 1,
        Err(i) => i as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blank(s: &str) -> String {
        String::from_utf8(blank_annotations(s.as_bytes())).unwrap()
    }

    #[test]
    fn blanks_sal_and_calling_conventions_keeping_offsets() {
        let src = "DWORD CALLBACK F(_In_ DI_FUNCTION f, _In_reads_(n) PVOID p, IN OUT PCOINSTALLER_CONTEXT_DATA c OPTIONAL)";
        let out = blank(src);
        assert_eq!(out.len(), src.len());
        assert_eq!(
            out.split_whitespace().collect::<Vec<_>>().join(" "),
            "DWORD F( DI_FUNCTION f, PVOID p, PCOINSTALLER_CONTEXT_DATA c )"
        );
    }

    #[test]
    fn blanks_declspec_export_macros_and_local_annotation_macros() {
        let src = "#define MYEXPORT __declspec(dllexport)\nMYEXPORT NETCO_API DWORD __declspec(dllexport) F(void);";
        let out = blank(src);
        assert!(
            out.starts_with("#define MYEXPORT __declspec(dllexport)\n"),
            "{out}"
        );
        assert_eq!(
            out.lines()
                .nth(1)
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["DWORD", "F(void);"]
        );
    }

    #[test]
    fn leaves_strings_comments_and_ordinary_names() {
        let src = "x = \"IN\"; /* IN */ INPUT = 1; // OUT\n";
        assert_eq!(blank(src), src);
    }

    #[test]
    fn tolerates_unterminated_input() {
        for src in [
            "\"abc",
            "/* never ends",
            "_In_reads_(n",
            "'",
            "#define",
            "#define X",
        ] {
            let _ = blank(src);
            let _ = tokenize(src.as_bytes());
        }
    }

    #[test]
    fn directive_lines_with_continuations() {
        let text = b"int a;\n  #define X \\\n   IN OUT\n#if 1\nIN\n#endif";
        let ranges = directive_lines(text);
        assert_eq!(ranges.len(), 3);
        assert_eq!(
            &text[ranges[0].0..ranges[0].1],
            b"  #define X \\\n   IN OUT"
        );
        assert!(in_ranges(&ranges, 12));
        assert!(!in_ranges(&ranges, 2));
        assert_eq!(
            blank("#if 1\nIN int x;\n#endif"),
            "#if 1\n   int x;\n#endif"
        );
    }

    #[test]
    fn lines() {
        let starts = line_starts(b"a\nbc\n\nd");
        assert_eq!(line_of(&starts, 0), 1);
        assert_eq!(line_of(&starts, 2), 2);
        assert_eq!(line_of(&starts, 5), 3);
        assert_eq!(line_of(&starts, 6), 4);
    }
}
