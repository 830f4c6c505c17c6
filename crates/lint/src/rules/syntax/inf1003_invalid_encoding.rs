//! INF1003: an encoding InfVerif does not accept, or text that does not decode.

use inf_parser::{DecodeProblem, NodeKind, ParseProblem, Span};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reports file encodings other than ANSI and UTF-16LE, and text that cannot be decoded:
    /// - a UTF-8 byte-order mark, or UTF-16 big endian;
    /// - bytes that are not valid in the file's encoding, an odd number of bytes in a UTF-16
    ///   file, an unpaired UTF-16 surrogate (first occurrence of each, with a count);
    /// - non-ASCII characters in an 8-bit (ANSI) file outside comments: Microsoft's guidelines
    ///   ask for UTF-16LE as soon as an INF needs characters beyond ASCII. Non-ASCII text only
    ///   in comments is not reported.
    ///
    /// ## Why is this bad?
    /// Windows reads an INF as UTF-16LE or as 8-bit text in the *installing machine's* code
    /// page. A UTF-8 file (with or without a mark) therefore shows mojibake on every machine,
    /// and an 8-bit file with accented or Asian characters shows different text, or breaks,
    /// depending on the system locale. InfVerif rejects other encodings (1003).
    ///
    /// ## Example
    /// ```inf
    /// ; saved as UTF-8 with a byte-order mark
    /// [Strings]
    /// DeviceDesc = "Périphérique Widget"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// ; saved as UTF-16LE with a byte-order mark
    /// [Strings]
    /// DeviceDesc = "Périphérique Widget"
    /// ```
    ///
    /// ## References
    /// - [General guidelines for INF files](https://learn.microsoft.com/windows-hardware/drivers/install/general-guidelines-for-inf-files)
    /// - [INF validation errors and warnings (1003)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static INVALID_ENCODING = {
        code: "INF1003",
        name: "invalid-encoding",
        category: Syntax,
        infverif: Some(1003),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings",
        summary: "Encoding other than ANSI or UTF-16LE, or text that does not decode",
        check: check,
    }
}

const HELP: &str = "save the file as UTF-16LE with a byte-order mark (or as plain ASCII)";

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut counted: Vec<(&DecodeProblem, Span, usize)> = Vec::new();
    for d in cx.parse_diagnostics {
        let ParseProblem::Decode(problem) = &d.problem else {
            continue;
        };
        match problem {
            DecodeProblem::Utf8Bom => out.push(
                Finding::whole_file(
                    "file is UTF-8 with a byte-order mark; INF files must be ANSI or UTF-16LE",
                )
                .help(HELP),
            ),
            DecodeProblem::Utf16Be => out.push(
                Finding::whole_file(
                    "file is UTF-16 big endian; INF files must be ANSI or UTF-16LE",
                )
                .help(HELP),
            ),
            DecodeProblem::Undecodable
            | DecodeProblem::OddLengthUtf16
            | DecodeProblem::LoneSurrogate => {
                match counted.iter_mut().find(|(p, _, _)| *p == problem) {
                    Some(entry) => entry.2 += 1,
                    None => counted.push((problem, d.span, 1)),
                }
            }
            DecodeProblem::NonAsciiInAnsi => {
                if let Some(span) = first_non_ascii_outside_comments(cx) {
                    let c = cx.inf.tree().text()[span.range()]
                        .chars()
                        .next()
                        .unwrap_or('?');
                    out.push(
                        Finding::at(span, format!("non-ASCII character `{c}` (U+{:04X}) in an 8-bit (ANSI) file: Windows reads it in the installing machine's code page", c as u32))
                            .primary_label("depends on the system locale")
                            .help(HELP),
                    );
                }
            }
            DecodeProblem::Utf16WithoutBom => {}
        }
    }
    for (problem, span, count) in counted {
        let what = match problem {
            DecodeProblem::Undecodable => "bytes that are not valid in the file's encoding",
            DecodeProblem::OddLengthUtf16 => {
                "UTF-16 file with an odd number of bytes: the last byte is not a character"
            }
            _ => "unpaired UTF-16 surrogate",
        };
        let message = if count > 1 {
            format!("{what} ({count} places)")
        } else {
            what.to_owned()
        };
        out.push(
            Finding::at(span, message)
                .primary_label("does not decode")
                .help(HELP),
        );
    }
}

/// The first non-ASCII character in a section header or in an entry, comments excluded.
fn first_non_ascii_outside_comments(cx: &Context<'_>) -> Option<Span> {
    let tree = cx.inf.tree();
    let text = tree.text();
    let find = |range: std::ops::Range<usize>| {
        let slice = text.get(range.clone())?;
        let (i, c) = slice.char_indices().find(|(_, c)| !c.is_ascii())?;
        Some(Span::new(range.start + i, range.start + i + c.len_utf8()))
    };
    for node in tree.nodes() {
        let found = match node.kind {
            NodeKind::Header(h) => find(tree.headers()[h as usize].span.range()),
            NodeKind::Line(l) => {
                let line = &tree.lines()[l as usize];
                match line.comment {
                    Some(c) if c.start >= line.span.start => {
                        find(line.span.start as usize..c.start as usize)
                            .or_else(|| find(c.end as usize..line.span.end as usize))
                    }
                    _ => find(line.span.range()),
                }
            }
            NodeKind::Trivia | NodeKind::AfterEnd => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}
