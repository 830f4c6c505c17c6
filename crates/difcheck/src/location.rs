//! Turning byte spans into line and column numbers, once, at render time.
//!
//! Lines are 1-based and end at `\n`; columns are 1-based and count Unicode scalar values (SARIF
//! `columnKind: unicodeCodePoints`), so the numbers do not depend on whether the file on disk
//! was UTF-16, UTF-8 or an ANSI code page. An end position is the character *after* the span,
//! as SARIF's `endColumn` and GitHub's `endColumn` expect.

use inf_parser::Span;

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// Line number, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
}

/// The start of every line of a text (the lint crate's index, which every position of a file is
/// computed with: a binary search per position, not a scan of the text).
#[derive(Debug, Clone)]
pub struct LineIndex(lint::LineIndex);

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        LineIndex(lint::LineIndex::new(text))
    }

    /// The position of byte `offset` (clamped to the text and moved back to a character start,
    /// so that a bad span never panics).
    pub fn position(&self, text: &str, offset: u32) -> Position {
        let (line, column) = self.0.line_col(text, offset);
        Position { line, column }
    }

    /// Start and end positions of a span.
    pub fn range(&self, text: &str, span: Span) -> (Position, Position) {
        (
            self.position(text, span.start),
            self.position(text, span.end.max(span.start)),
        )
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line_text<'t>(&self, text: &'t str, line: u32) -> &'t str {
        self.0
            .line_range(text, line)
            .and_then(|r| text.get(r))
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let text = "[Version]\r\nKey = \"é€😀\"\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(idx.position(text, 11), Position { line: 2, column: 1 });
        let q = text.find('😀').unwrap() as u32;
        assert_eq!(
            idx.position(text, q),
            Position {
                line: 2,
                column: 10
            }
        );
        // Inside a multi-byte character: moved back to its start, no panic.
        assert_eq!(
            idx.position(text, q + 1),
            Position {
                line: 2,
                column: 10
            }
        );
        assert_eq!(idx.position(text, 10_000), Position { line: 3, column: 5 });
        assert_eq!(idx.line_text(text, 1), "[Version]");
        assert_eq!(idx.line_text(text, 3), "last");
        assert_eq!(idx.line_text(text, 9), "");
        assert_eq!(idx.line_text(text, 0), "");
    }
}
