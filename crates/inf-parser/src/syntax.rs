//! The lossless syntax tree (layer 1 of inf-syntax.md §0.2).
//!
//! The tree is flat: a list of [`Node`]s that tile the decoded text exactly (printing them in
//! order gives the text back), plus tables of section headers, logical lines and fields that the
//! nodes point into. Flat tables keep parsing allocation-light: a line owns no vector, only index
//! ranges into [`SyntaxTree::fields`].

use std::sync::OnceLock;

use memchr::memchr_iter;
use serde::Serialize;

use crate::diagnostics::{OpenVerdict, ParseDiagnostic};
use crate::{Name, SourceText, Span};

/// What a top-level node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "index")]
pub enum NodeKind {
    /// Blank lines, whitespace and comment-only lines.
    Trivia,
    /// A section header line; the index is into [`SyntaxTree::headers`].
    Header(u32),
    /// A logical line (with its continuation lines); the index is into [`SyntaxTree::lines`].
    Line(u32),
    /// Everything from the first Control-Z on: SetupAPI stops reading there.
    AfterEnd,
}

/// A top-level node: its kind and the exact text span it covers (trailing LF included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Node {
    /// What the node is.
    pub kind: NodeKind,
    /// The text it covers.
    pub span: Span,
}

/// A `[section]` header line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Header {
    /// The name exactly as Windows reads it: everything between `[` and the first `]`, with NUL
    /// turned into a space. It shares one buffer with the other names of the tree.
    pub name: Name,
    /// Span of the name (between the brackets).
    pub name_span: Span,
    /// Span of the whole header line (without the line feed).
    pub span: Span,
    /// Non-blank text after the `]` that Windows ignores, if any.
    pub ignored_tail: Option<Span>,
    /// Whether the closing `]` is missing (a fatal error for SetupOpenInfFile).
    pub unterminated: bool,
    /// 1-based physical line number.
    pub line: u32,
}

/// Where the text of a field after tokenization (quotes removed, continuations joined, NUL →
/// space) is; [`SyntaxTree::field_text`] reads it.
///
/// Both variants are spans, so that a field owns no heap memory: the field table is the
/// largest table of the tree, and it is written and freed in one piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "in", content = "span")]
pub enum FieldText {
    /// The parsed text is exactly this slice of the source. For a field that is one quoted
    /// run (`"text"`) the slice is the content between the quotes, so it can differ from
    /// [`Field::span`], which includes them.
    Slice(Span),
    /// The parsed text differs from any single slice of the source (text around quotes, `""`,
    /// continuation, NUL): it is kept at this span of the tree's buffer of rewritten field
    /// texts (so two `Owned` values are only comparable within one tree).
    Owned(Span),
}

/// A key or a value field of a logical line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    /// The source span from the first to the last character that contributed to the field
    /// (quotes included, edge whitespace excluded). Empty fields have an empty span where they
    /// would start.
    pub span: Span,
    /// The parsed (layer-1) text.
    pub text: FieldText,
    /// Whether any part of the field was quoted.
    pub quoted: bool,
}

/// A logical line: `key = field, field, …` or `field, field, …`, possibly continued over several
/// physical lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// Index of the header this line belongs to (`None` for lines before the first section).
    pub header: Option<u32>,
    /// The explicit key (text before `=`), if the line has one.
    pub key: Option<u32>,
    /// Range of value fields in [`SyntaxTree::fields`].
    pub fields: (u32, u32),
    /// The comment at the end of the line, if any (from `;` to the end of the physical line).
    pub comment: Option<Span>,
    /// The span of the logical line's content (from its first non-blank character to the end of
    /// its last physical line, line feed excluded).
    pub span: Span,
    /// 1-based number of the first physical line.
    pub line: u32,
    /// Number of physical lines joined by continuation (1 when not continued).
    pub physical_lines: u32,
}

impl Line {
    /// Whether the line has no explicit key but exactly one field, which Windows then also uses
    /// as the key (the "implicit key" of inf-syntax.md §1.3).
    pub fn has_implicit_key(&self) -> bool {
        self.key.is_none() && self.fields.1 - self.fields.0 == 1
    }

    /// Number of value fields.
    pub fn field_count(&self) -> usize {
        (self.fields.1 - self.fields.0) as usize
    }
}

/// The lossless syntax tree of one file, owning its source text.
#[derive(Debug, Clone)]
pub struct SyntaxTree {
    pub(crate) source: SourceText,
    pub(crate) nodes: Vec<Node>,
    pub(crate) headers: Vec<Header>,
    pub(crate) lines: Vec<Line>,
    pub(crate) fields: Vec<Field>,
    /// The texts of [`FieldText::Owned`] fields, one after the other.
    pub(crate) owned_text: String,
    pub(crate) diagnostics: Vec<ParseDiagnostic>,
    pub(crate) verdict: OpenVerdict,
    /// For every header, the index of its first line in `lines`: the lines of a header run up
    /// to the next header's first line (lines are numbered in file order).
    pub(crate) header_first_line: Vec<u32>,
    /// Offsets of line starts, for line/column computation: built on first use (rendering),
    /// so that parsing does not pay for a table most callers never read.
    pub(crate) line_starts: OnceLock<Vec<u32>>,
}

impl SyntaxTree {
    /// The decoded source.
    pub fn source(&self) -> &SourceText {
        &self.source
    }

    /// The decoded text.
    pub fn text(&self) -> &str {
        self.source.text()
    }

    /// Top-level nodes, in file order; they tile the text.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// Section headers in file order (duplicates included).
    pub fn headers(&self) -> &[Header] {
        &self.headers
    }

    /// Logical lines in file order.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// Every key and value field.
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// The value fields of `line`.
    pub fn line_fields(&self, line: &Line) -> &[Field] {
        &self.fields[line.fields.0 as usize..line.fields.1 as usize]
    }

    /// Indices in [`Self::lines`] of the lines under header `header` (up to the next header).
    pub(crate) fn header_lines(&self, header: u32) -> std::ops::Range<u32> {
        let h = header as usize;
        let start = self.header_first_line.get(h).copied().unwrap_or(0);
        let end = self
            .header_first_line
            .get(h + 1)
            .copied()
            .unwrap_or(self.lines.len() as u32);
        start..end.max(start)
    }

    /// The explicit key field of `line`.
    pub fn line_key(&self, line: &Line) -> Option<&Field> {
        line.key.map(|k| &self.fields[k as usize])
    }

    /// The parsed (layer-1) text of a field.
    pub fn field_text<'a>(&'a self, field: &'a Field) -> &'a str {
        match field.text {
            FieldText::Slice(span) => self.text().get(span.range()).unwrap_or_default(),
            FieldText::Owned(span) => self.owned_text.get(span.range()).unwrap_or_default(),
        }
    }

    /// Problems found while decoding and tokenizing, in file order.
    pub fn diagnostics(&self) -> &[ParseDiagnostic] {
        &self.diagnostics
    }

    /// What `SetupOpenInfFile` would return for this file.
    pub fn open_verdict(&self) -> &OpenVerdict {
        &self.verdict
    }

    /// Prints the tree back to text. Equal to [`Self::text`] by construction; tests check it.
    pub fn print(&self) -> String {
        let mut out = String::with_capacity(self.text().len());
        for node in &self.nodes {
            out.push_str(&self.text()[node.span.range()]);
        }
        out
    }

    /// 1-based line and 1-based column (in characters) of a text offset.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line_starts = self.line_starts();
        let idx = line_starts.partition_point(|&s| s <= offset);
        let line_start = if idx == 0 { 0 } else { line_starts[idx - 1] };
        let text = self.text();
        let end = (offset as usize).min(text.len());
        let start = (line_start as usize).min(end);
        let col = text
            .get(start..end)
            .map(|s| s.chars().count())
            .unwrap_or(end - start);
        (idx.max(1) as u32, col as u32 + 1)
    }

    /// Heap memory held by the tree, its source text included (capacities, so what the
    /// allocator hands out, give or take its own bookkeeping). The benchmark reports it per
    /// input byte to keep the tree compact.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.source.heap_bytes()
            + self.nodes.capacity() * size_of::<Node>()
            + self.headers.capacity() * size_of::<Header>()
            // Short names are in place; the long ones share one buffer.
            + self
                .headers
                .iter()
                .find_map(|h| h.name.buffer_heap_bytes())
                .unwrap_or(0)
            + self.lines.capacity() * size_of::<Line>()
            + self.fields.capacity() * size_of::<Field>()
            + self.owned_text.capacity()
            + self.diagnostics.capacity() * size_of::<ParseDiagnostic>()
            + self.header_first_line.capacity() * size_of::<u32>()
            + self
                .diagnostics
                .iter()
                .map(|d| d.message.capacity())
                .sum::<usize>()
            + self
                .line_starts
                .get()
                .map_or(0, |l| l.capacity() * size_of::<u32>())
    }

    /// Byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        self.line_starts()
            .get(line.checked_sub(1)? as usize)
            .copied()
    }

    /// Offsets where physical lines start (after every LF, Control-Z or not), built once.
    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let bytes = self.text().as_bytes();
            let mut starts = Vec::with_capacity(memchr_iter(b'\n', bytes).count() + 1);
            starts.push(0u32);
            starts.extend(memchr_iter(b'\n', bytes).map(|i| i as u32 + 1));
            starts
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_lines_stay_small() {
        // The field table is the largest table of the tree (about three fields per physical
        // line): keep a field at two spans and a flag, with no heap memory of its own.
        assert_eq!(std::mem::size_of::<Field>(), 24);
        assert!(std::mem::size_of::<Line>() <= 56);
    }
}
