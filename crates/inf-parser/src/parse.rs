//! The tokenizer: decoded text → lossless [`SyntaxTree`] (inf-syntax.md §1).
//!
//! It follows SetupAPI's state machine (line start → section header | key part → value part)
//! character by character. The hot path works on bytes: every character with a meaning to the
//! tokenizer is ASCII, and UTF-8 never uses ASCII bytes inside a multi-byte character. The
//! continuation rule needs unbounded look-ahead over `\` and whitespace, which is why this is a
//! hand-written scanner using `memchr` rather than a combinator grammar; the small grammars built
//! on top of fields (TargetOSVersion, numbers, DriverVer, GUIDs) use nom.

use memchr::{memchr, memchr2, memchr_iter};

use crate::diagnostics::{OpenError, OpenErrorCode, OpenVerdict, ParseDiagnostic, ParseProblem};
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
    let text = source.text();
    let bytes = text.as_bytes();
    let end = memchr(CONTROL_Z, bytes).unwrap_or(bytes.len());
    let mut p = Parser {
        text,
        b: bytes,
        end,
        pos: 0,
        line_no: 1,
        nodes: Vec::with_capacity(bytes.len() / 24 + 4),
        headers: Vec::new(),
        lines: Vec::with_capacity(bytes.len() / 32 + 4),
        fields: Vec::with_capacity(bytes.len() / 10 + 4),
        diags: Vec::new(),
        current_header: None,
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
    let Parser { nodes, headers, lines, fields, mut diags, stray, fatal, .. } = p;
    let mut nodes = nodes;
    if end < bytes.len() {
        nodes.push(Node { kind: NodeKind::AfterEnd, span: Span::new(end, bytes.len()) });
    }
    diags.sort_by_key(|d| (d.span.start, d.span.end));
    let mut line_starts = Vec::with_capacity(lines.len() + 8);
    line_starts.push(0u32);
    line_starts.extend(memchr_iter(b'\n', bytes).map(|i| i as u32 + 1));
    let mut tree = SyntaxTree { source, nodes, headers, lines, fields, diagnostics: diags, verdict: None, line_starts };
    tree.verdict = open_verdict(&tree, stray, fatal);
    tree
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
    nodes: Vec<Node>,
    headers: Vec<Header>,
    lines: Vec<Line>,
    fields: Vec<Field>,
    diags: Vec<ParseDiagnostic>,
    current_header: Option<u32>,
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

impl<'a> Parser<'a> {
    fn diag(&mut self, problem: ParseProblem, span: Span, message: impl Into<String>) {
        self.diags.push(ParseDiagnostic { problem, span, message: message.into() });
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
        if let Some(i) = memchr(0, &self.b[..self.end]) {
            self.diag(ParseProblem::NulCharacter, Span::new(i, i + 1), "NUL character, read as a space");
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

    fn skip_spaces(&self, mut i: usize) -> usize {
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
        memchr(b'\n', &self.b[from..self.end]).map_or(self.end, |i| from + i)
    }

    /// Ends a node at `until`, consuming the line feed there if any.
    fn finish_node(&mut self, kind: NodeKind, start: usize, until: usize) {
        let mut stop = until;
        if stop < self.end && self.b[stop] == b'\n' {
            stop += 1;
            self.line_no += 1;
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
        self.nodes.push(Node { kind, span: Span::new(start, stop) });
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
        let span = Span::new(p, if last > p { last } else { (p + first_char).min(e.max(p + first_char)) });
        if self.stray.is_none() {
            self.stray = Some((self.line_no, span));
        }
        self.diag(ParseProblem::TextBeforeFirstSection, span, "text before the first section header");
        if stop < e && self.b[stop] == b'[' {
            self.push_node(NodeKind::Trivia, line_start, stop);
            self.header(stop, stop);
        } else {
            self.finish_node(NodeKind::Trivia, line_start, e);
        }
    }

    fn header(&mut self, line_start: usize, p: usize) {
        let e = self.line_end(p);
        let close = memchr(b']', &self.b[p + 1..e]).map(|i| p + 1 + i);
        let line = self.line_no;
        let (name_end, unterminated) = match close {
            Some(c) => (c, false),
            None => {
                // Recover: take the rest of the line, trailing whitespace trimmed, as the name.
                (self.trim_back(p + 1, e), true)
            }
        };
        let raw_name = &self.text[p + 1..name_end];
        let name = if raw_name.contains('\0') { raw_name.replace('\0', " ") } else { raw_name.to_owned() };
        let name_span = Span::new(p + 1, name_end);
        let header_span = Span::new(p, if unterminated { e } else { name_end + 1 });
        if unterminated {
            self.diag(
                ParseProblem::UnterminatedSectionHeader,
                header_span,
                "section header has no closing `]` on the same line",
            );
            self.fatal.get_or_insert(OpenError { code: OpenErrorCode::BadSectionNameLine, line, span: header_span });
        }
        if name.chars().count() > MAX_SECTION_NAME_CHARS {
            self.diag(
                ParseProblem::SectionNameTooLong,
                name_span,
                format!("section name is {} characters long; the limit is {MAX_SECTION_NAME_CHARS}", name.chars().count()),
            );
            self.fatal.get_or_insert(OpenError { code: OpenErrorCode::SectionNameTooLong, line, span: name_span });
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
        self.headers.push(Header { name, name_span, span: header_span, ignored_tail, unterminated, line });
        self.current_header = Some(idx);
        self.finish_node(NodeKind::Header(idx), line_start, e);
    }

    fn logical_line(&mut self, line_start: usize, p: usize) {
        let first_line = self.line_no;
        let fields_start = self.fields.len() as u32;
        let mut key: Option<u32> = None;
        let mut in_key = true;
        let mut tok = Token::new(p);
        let mut comment: Option<Span> = None;
        let mut physical_lines = 1u32;
        let mut i = p;
        if self.b[p] == b'#' || self.b[p..].starts_with(b"//") {
            let e = self.line_end(p);
            self.diag(
                ParseProblem::NotAComment,
                Span::new(p, e),
                "`#` and `//` do not start comments in INF files; use `;`",
            );
        }
        let content_end;
        loop {
            if i >= self.end {
                content_end = i;
                break;
            }
            let c = self.b[i];
            match c {
                b'\n' => {
                    content_end = i;
                    break;
                }
                b';' => {
                    let e = self.line_end(i);
                    if comment.is_none() {
                        comment = Some(Span::new(i, e));
                    }
                    self.check_semicolon_in_strkey(&tok, i, e);
                    content_end = e;
                    i = e;
                    break;
                }
                b'"' => i = self.quoted_run(&mut tok, i),
                b'\\' => match self.continuation(i) {
                    Some(next) => {
                        tok.continuation();
                        if next >= self.end {
                            content_end = next;
                            i = next;
                            break;
                        }
                        // `next` is the line feed ending this physical line.
                        if comment.is_none() {
                            if let Some(sc) = memchr(b';', &self.b[i..next]) {
                                comment = Some(Span::new(i + sc, next));
                            }
                        }
                        self.line_no += 1;
                        physical_lines += 1;
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
                                tok.char(self.text, j, 1);
                                j += 1;
                            } else {
                                let n = self.space_len(j);
                                if n == 0 {
                                    break;
                                }
                                tok.space(self.text, j, n);
                                j += n;
                            }
                        }
                        i = j;
                    }
                },
                b'=' if in_key => {
                    key = Some(self.push_field(&mut tok, i));
                    in_key = false;
                    tok = Token::new(i + 1);
                    i += 1;
                }
                b',' => {
                    self.push_field(&mut tok, i);
                    in_key = false;
                    tok = Token::new(i + 1);
                    i += 1;
                }
                0 if in_key => {
                    tok.nul_char(self.text, i);
                    i += 1;
                }
                _ => {
                    let n = if c < 0x80 {
                        usize::from(is_ascii_space(c) || c == 0)
                    } else {
                        self.space_len(i)
                    };
                    if n > 0 {
                        tok.space(self.text, i, n);
                        i += n;
                    } else {
                        // A run of ordinary characters.
                        let mut j = i + if c < 0x80 { 1 } else { self.text[i..].chars().next().map_or(1, char::len_utf8) };
                        while j < self.end {
                            let d = self.b[j];
                            if d < 0x80 {
                                if matches!(d, b'\n' | b';' | b'"' | b'\\' | b'=' | b',' | 0) || is_ascii_space(d) {
                                    break;
                                }
                                j += 1;
                            } else if self.space_len(j) > 0 {
                                break;
                            } else {
                                j += self.text[j..].chars().next().map_or(1, char::len_utf8);
                            }
                        }
                        tok.char(self.text, i, j - i);
                        i = j;
                    }
                }
            }
        }
        self.push_field(&mut tok, content_end.min(i));
        let idx = self.lines.len() as u32;
        self.lines.push(Line {
            header: self.current_header,
            key,
            fields: (fields_start + u32::from(key.is_some()), self.fields.len() as u32),
            comment,
            span: Span::new(p, content_end),
            line: first_line,
            physical_lines,
        });
        // The key was pushed first; keep it out of the value range (handled above) and ensure
        // value fields follow it contiguously.
        self.finish_node(NodeKind::Line(idx), line_start, content_end);
    }

    /// Handles a quoted run starting at `q`; returns the position after it.
    fn quoted_run(&mut self, tok: &mut Token, q: usize) -> usize {
        let mut content = String::new();
        let mut i = q + 1;
        loop {
            let rest = &self.b[i..self.end];
            match memchr2(b'"', b'\n', rest) {
                Some(k) if rest[k] == b'"' => {
                    content.push_str(&self.text[i..i + k]);
                    if rest.get(k + 1) == Some(&b'"') {
                        content.push('"');
                        i += k + 2;
                        continue;
                    }
                    tok.quoted(self.text, q, &content, i + k + 1);
                    return i + k + 1;
                }
                found => {
                    // Unterminated: the run swallows the rest of the physical line, CR included.
                    let stop = found.map_or(self.end, |k| i + k);
                    content.push_str(&self.text[i..stop]);
                    tok.quoted(self.text, q, &content, stop);
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

    fn check_semicolon_in_strkey(&mut self, tok: &Token, at: usize, line_end: usize) {
        let open_percents = match &tok.owned {
            Some(s) => s.matches('%').count(),
            None => tok.start.map_or(0, |s| self.text[s..tok.end].matches('%').count()),
        };
        if open_percents % 2 == 1 && memchr(b'%', &self.b[at..line_end]).is_some() {
            self.diag(
                ParseProblem::SemicolonInStringKey,
                Span::new(at, at + 1),
                "`;` inside a `%strkey%` token starts a comment; the token is cut here",
            );
        }
    }

    fn push_field(&mut self, tok: &mut Token, at: usize) -> u32 {
        let field = tok.finish(at);
        let chars = match &field.text {
            FieldText::Slice(s) => {
                let t = &self.text[s.range()];
                if t.len() > MAX_FIELD_CHARS { t.chars().count() } else { t.len().min(1) }
            }
            FieldText::Owned(s) => {
                if s.len() > MAX_FIELD_CHARS { s.chars().count() } else { 0 }
            }
        };
        if chars >= MAX_FIELD_CHARS {
            self.diag(
                ParseProblem::FieldTooLong,
                field.span,
                format!("field is {chars} characters long; Windows reads at most {MAX_FIELD_CHARS}"),
            );
        }
        self.fields.push(field);
        (self.fields.len() - 1) as u32
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
    /// The parsed text, once it no longer equals `text[start..end]`.
    owned: Option<String>,
    /// Whitespace seen after the last significant character: (from, to, contains NUL).
    pending: Option<(usize, usize, bool)>,
    quoted: bool,
    /// A continuation happened after the token started: the next text is not contiguous.
    broken: bool,
}

fn slice(text: &str, from: usize, to: usize) -> &str {
    text.get(from..to).unwrap_or("")
}

impl Token {
    fn new(origin: usize) -> Self {
        Token { origin, start: None, end: origin, owned: None, pending: None, quoted: false, broken: false }
    }

    fn to_owned_mode(&mut self, text: &str) {
        if self.owned.is_none() {
            self.owned = Some(self.start.map_or_else(String::new, |s| slice(text, s, self.end).to_owned()));
        }
    }

    /// Starts the token or, if started, commits pending internal whitespace before new text.
    /// `force_owned` says the new text will not equal its source slice.
    fn begin(&mut self, text: &str, at: usize, force_owned: bool) {
        if self.start.is_none() {
            self.start = Some(at);
            if force_owned {
                self.owned = Some(String::new());
            }
            self.broken = false;
            return;
        }
        if force_owned || self.broken || self.pending.is_some_and(|p| p.2) {
            self.to_owned_mode(text);
        }
        if let Some((from, to, has_nul)) = self.pending.take() {
            if let Some(o) = &mut self.owned {
                let ws = slice(text, from, to);
                if has_nul {
                    o.push_str(&ws.replace('\0', " "));
                } else {
                    o.push_str(ws);
                }
            }
        }
        self.broken = false;
    }

    fn char(&mut self, text: &str, at: usize, len: usize) {
        self.begin(text, at, false);
        if let Some(o) = &mut self.owned {
            o.push_str(slice(text, at, at + len));
        }
        self.end = at + len;
    }

    /// A NUL in the key part: an ordinary character stored as a space (inf-syntax.md §1.11).
    fn nul_char(&mut self, text: &str, at: usize) {
        self.begin(text, at, true);
        if let Some(o) = &mut self.owned {
            o.push(' ');
        }
        self.end = at + 1;
    }

    fn space(&mut self, text: &str, at: usize, len: usize) {
        if self.start.is_none() {
            return;
        }
        let has_nul = slice(text, at, at + len).contains('\0');
        self.pending = Some(match self.pending {
            Some((f, _, n)) => (f, at + len, n || has_nul),
            None => (at, at + len, has_nul),
        });
    }

    fn quoted(&mut self, text: &str, open: usize, content: &str, close_end: usize) {
        // Quotes always make the parsed text differ from the source slice.
        self.begin(text, open, true);
        self.quoted = true;
        self.end = close_end;
        if let Some(o) = &mut self.owned {
            if content.contains('\0') {
                o.push_str(&content.replace('\0', " "));
            } else {
                o.push_str(content);
            }
        }
    }

    fn continuation(&mut self) {
        // Whitespace before the backslashes is dropped with them.
        self.pending = None;
        if self.start.is_some() {
            self.broken = true;
        }
    }

    fn finish(&mut self, at: usize) -> Field {
        match self.start {
            None => {
                let span = Span::empty(self.origin.min(at));
                Field { span, text: FieldText::Slice(span), quoted: false }
            }
            Some(s) => {
                let span = Span::new(s, self.end);
                let text = match self.owned.take() {
                    Some(o) => FieldText::Owned(o.into_boxed_str()),
                    None => FieldText::Slice(span),
                };
                Field { span, text, quoted: self.quoted }
            }
        }
    }
}

/// Decides what `SetupOpenInfFile` returns (inf-syntax.md §1.14).
fn open_verdict(tree: &SyntaxTree, stray: Option<(u32, Span)>, fatal: Option<OpenError>) -> OpenVerdict {
    if let Some(f) = fatal {
        return Some(f);
    }
    let whole_file = OpenError { code: OpenErrorCode::WrongInfStyle, line: 0, span: Span::empty(0) };
    if tree.headers.is_empty() {
        return Some(whole_file);
    }
    if let Some((line, span)) = stray {
        let has_strings = tree.headers.iter().any(|h| h.name.eq_ignore_ascii_case("strings"));
        if !has_strings {
            return Some(OpenError { code: OpenErrorCode::ExpectedSectionName, line, span });
        }
    }
    let signature = tree.lines.iter().find(|l| {
        l.header.is_some_and(|h| tree.headers[h as usize].name.eq_ignore_ascii_case("version"))
            && line_key_text(tree, l).is_some_and(|k| k.eq_ignore_ascii_case("signature"))
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
        None if line.has_implicit_key() => Some(tree.field_text(&tree.fields[line.fields.0 as usize])),
        None => None,
    }
}
