//! Inline suppressions written as INF comments.
//!
//! ```inf
//! [Widget.NT] ; difcheck: ignore[INF1209] merged on purpose, see README
//! ; difcheck: ignore[1209, DCK1003] the next line only
//! [Widget.NT]
//! ; difcheck: ignore-file[INF2083] the whole file
//! ```
//!
//! - `ignore[…]` in a comment at the end of a line covers findings whose primary span starts on
//!   that line (a logical line: continuation lines included). On a line of its own it covers
//!   the next line that is not a comment; a blank line ends its reach.
//! - `ignore-file[…]` anywhere covers the whole file, whole-file findings included.
//! - Codes are difcheck codes (`INF1209`), InfVerif numbers (`1209`) or rule names. The text
//!   after `]` is the reason (optional; a leading `--` or `:` is dropped).
//! - A directive without codes suppresses nothing and is reported (`invalid-suppression`), as
//!   are unknown codes and malformed directives; a code that silenced nothing is reported by
//!   `unused-suppression`.
//!
//! Comments are taken from the syntax tree, never from raw lines, so a `;` inside quotes is not
//! mistaken for one.

use inf_parser::{NodeKind, Span, SyntaxTree};

use crate::diagnostic::Diagnostic;
use crate::registry::find_rule;
use crate::rule::RuleMeta;

/// What a directive covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Findings whose primary span starts in `covers` (the whole text of one header or logical
    /// line); `None` when an own-line directive has no line to cover (a blank line or the end
    /// of the file follows).
    Line {
        /// The covered line.
        covers: Option<Span>,
    },
    /// Every finding in the file.
    File,
}

/// One code named by a directive.
#[derive(Debug, Clone)]
pub struct SuppressedCode {
    /// The rule it names.
    pub rule: &'static RuleMeta,
    /// Where the code is written.
    pub span: Span,
}

/// A `difcheck: ignore[…]` or `difcheck: ignore-file[…]` comment with at least one known code.
#[derive(Debug, Clone)]
pub struct Directive {
    /// What it covers.
    pub scope: Scope,
    /// The rules it silences.
    pub codes: Vec<SuppressedCode>,
    /// The reason written after the code list.
    pub reason: Option<String>,
    /// The whole comment.
    pub comment: Span,
}

/// A directive that cannot be applied as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuppressionProblem {
    /// `ignore` or `ignore-file` without a code list (or with an empty one).
    Blanket {
        /// The directive.
        span: Span,
        /// `ignore-file` rather than `ignore`.
        file: bool,
    },
    /// A code that names no rule.
    UnknownCode {
        /// The code as written.
        span: Span,
        /// Its text.
        code: String,
    },
    /// Text after `difcheck:` that is not a directive, or a code list without `]`.
    Malformed {
        /// The comment.
        span: Span,
        /// What is wrong.
        detail: String,
    },
}

/// A comment and the line it covers when it suppresses by line.
#[derive(Debug, Clone, Copy)]
struct Comment {
    span: Span,
    /// For a trailing comment, its line; for an own-line comment, the next line that is not a
    /// comment (resolved when that line is reached).
    covers: Option<Span>,
}

/// Every comment of the file, in order, with the line each one covers.
fn comments(tree: &SyntaxTree) -> Vec<Comment> {
    let text = tree.text();
    let bytes = text.as_bytes();
    let mut out: Vec<Comment> = Vec::new();
    // Own-line comments still waiting for the line they cover.
    let mut pending: Vec<usize> = Vec::new();
    let resolve = |out: &mut Vec<Comment>, pending: &mut Vec<usize>, covers: Option<Span>| {
        for i in pending.drain(..) {
            out[i].covers = covers;
        }
    };
    for node in tree.nodes() {
        match node.kind {
            NodeKind::Trivia => {
                let mut at = node.span.start as usize;
                let end = node.span.end as usize;
                while at < end {
                    let line_end = text[at..end].find('\n').map_or(end, |i| at + i);
                    let first = (at..line_end)
                        .find(|&i| !matches!(bytes[i], b' ' | b'\t' | b'\r' | 0x0B | 0x0C | 0));
                    match first {
                        None => resolve(&mut out, &mut pending, None),
                        Some(p) if bytes[p] == b';' => {
                            pending.push(out.len());
                            out.push(Comment {
                                span: Span::new(p, line_end),
                                covers: None,
                            });
                        }
                        Some(_) => {
                            // Stray text before the first section; a `;` in it starts a comment.
                            let line = Span::new(at, line_end);
                            resolve(&mut out, &mut pending, Some(line));
                            if let Some(sc) = text[at..line_end].find(';') {
                                let span = Span::new(at + sc, line_end);
                                out.push(Comment {
                                    span,
                                    covers: Some(line),
                                });
                            }
                        }
                    }
                    at = line_end + 1;
                }
            }
            NodeKind::Header(h) => {
                resolve(&mut out, &mut pending, Some(node.span));
                let header = &tree.headers()[h as usize];
                if header.unterminated {
                    continue;
                }
                let line_end = text[header.span.end as usize..node.span.end as usize]
                    .find('\n')
                    .map_or(node.span.end as usize, |i| header.span.end as usize + i);
                let after = (header.span.end as usize..line_end)
                    .find(|&i| !matches!(bytes[i], b' ' | b'\t' | b'\r'));
                if let Some(p) = after.filter(|&p| bytes[p] == b';') {
                    out.push(Comment {
                        span: Span::new(p, line_end),
                        covers: Some(node.span),
                    });
                }
            }
            NodeKind::Line(l) => {
                resolve(&mut out, &mut pending, Some(node.span));
                if let Some(c) = tree.lines()[l as usize].comment {
                    out.push(Comment {
                        span: c,
                        covers: Some(node.span),
                    });
                }
            }
            NodeKind::AfterEnd => resolve(&mut out, &mut pending, None),
        }
    }
    resolve(&mut out, &mut pending, None);
    out
}

/// The suppressions of one file.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    /// Directives with at least one known code.
    pub directives: Vec<Directive>,
    /// Directives that cannot be applied as written.
    pub problems: Vec<SuppressionProblem>,
}

/// The outcome of [`Suppressions::apply`].
#[derive(Debug, Clone, Default)]
pub struct Applied {
    /// Diagnostics not suppressed.
    pub kept: Vec<Diagnostic>,
    /// How many were suppressed.
    pub suppressed: usize,
    /// `used[d][c]`: whether code `c` of directive `d` silenced something.
    pub used: Vec<Vec<bool>>,
}

impl Suppressions {
    /// Reads every `difcheck:` comment of the file.
    pub fn parse(tree: &SyntaxTree) -> Suppressions {
        let text = tree.text();
        let mut s = Suppressions::default();
        for comment in comments(tree) {
            s.read_directive(text, comment);
        }
        s
    }

    /// Whether the file has no directive and no problem.
    pub fn is_empty(&self) -> bool {
        self.directives.is_empty() && self.problems.is_empty()
    }

    fn read_directive(&mut self, text: &str, comment: Comment) {
        let raw = text.get(comment.span.range()).unwrap_or("");
        let raw = raw.trim_end_matches(['\r', ' ', '\t']);
        let comment_span = Span::new(
            comment.span.start as usize,
            comment.span.start as usize + raw.len(),
        );
        let body_at = raw
            .find(|c: char| c != ';' && !c.is_whitespace())
            .unwrap_or(raw.len());
        let body = &raw[body_at..];
        const PREFIX: &str = "difcheck:";
        // Compared as bytes: the comment may hold any text, and byte 9 need not be a character
        // boundary. A match is ASCII, so `after_prefix` below is one.
        if body.len() < PREFIX.len()
            || !body.as_bytes()[..PREFIX.len()].eq_ignore_ascii_case(PREFIX.as_bytes())
        {
            return;
        }
        let after_prefix = body_at + PREFIX.len();
        let rest = raw[after_prefix..].trim_start();
        let rest_at = raw.len() - rest.len();
        let word_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(rest.len());
        let word = &rest[..word_len];
        let file = if word.eq_ignore_ascii_case("ignore-file") {
            true
        } else if word.eq_ignore_ascii_case("ignore") {
            false
        } else {
            let detail = if word.is_empty() {
                "`difcheck:` comment without a directive; expected `ignore[…]` or `ignore-file[…]`"
                    .to_owned()
            } else {
                format!("unknown directive `{word}`; expected `ignore[…]` or `ignore-file[…]`")
            };
            self.problems.push(SuppressionProblem::Malformed {
                span: comment_span,
                detail,
            });
            return;
        };
        let after_word = &rest[word_len..];
        let list = after_word.trim_start();
        if !list.starts_with('[') {
            self.problems.push(SuppressionProblem::Blanket {
                span: comment_span,
                file,
            });
            return;
        }
        let list_at =
            comment_span.start as usize + rest_at + word_len + (after_word.len() - list.len());
        let Some(close) = list.find(']') else {
            let detail = "the code list has no closing `]`".to_owned();
            self.problems.push(SuppressionProblem::Malformed {
                span: comment_span,
                detail,
            });
            return;
        };
        let mut codes = Vec::new();
        let mut offset = 1usize;
        for piece in list[1..close].split(',') {
            let trimmed = piece.trim();
            let lead = piece.len() - piece.trim_start().len();
            let span = Span::new(
                list_at + offset + lead,
                list_at + offset + lead + trimmed.len(),
            );
            offset += piece.len() + 1;
            if trimmed.is_empty() {
                continue;
            }
            match find_rule(trimmed) {
                Some(rule) => codes.push(SuppressedCode { rule, span }),
                None => self.problems.push(SuppressionProblem::UnknownCode {
                    span,
                    code: trimmed.to_owned(),
                }),
            }
        }
        if codes.is_empty() {
            if list[1..close].trim().is_empty() {
                self.problems.push(SuppressionProblem::Blanket {
                    span: comment_span,
                    file,
                });
            }
            return;
        }
        let reason = list[close + 1..]
            .trim()
            .trim_start_matches(['-', ':'])
            .trim();
        let reason = (!reason.is_empty()).then(|| reason.to_owned());
        let scope = if file {
            Scope::File
        } else {
            Scope::Line {
                covers: comment.covers,
            }
        };
        self.directives.push(Directive {
            scope,
            codes,
            reason,
            comment: comment_span,
        });
    }

    /// Drops the diagnostics the directives cover and records which codes were used. A finding
    /// covered both by its line and by the file is charged to the line directive.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> Applied {
        let mut used: Vec<Vec<bool>> = self
            .directives
            .iter()
            .map(|d| vec![false; d.codes.len()])
            .collect();
        let mut kept = Vec::with_capacity(diagnostics.len());
        let mut suppressed = 0usize;
        for diag in diagnostics {
            if self.suppress(&diag, &mut used) {
                suppressed += 1;
            } else {
                kept.push(diag);
            }
        }
        Applied {
            kept,
            suppressed,
            used,
        }
    }

    fn suppress(&self, diag: &Diagnostic, used: &mut [Vec<bool>]) -> bool {
        let mut mark = |want_file: bool| {
            let mut hit = false;
            for (d, directive) in self.directives.iter().enumerate() {
                let applies = match (directive.scope, diag.primary) {
                    (Scope::File, _) => want_file,
                    (Scope::Line { covers: Some(c) }, Some(p)) => !want_file && c.contains(p.start),
                    (Scope::Line { .. }, _) => false,
                };
                if !applies {
                    continue;
                }
                for (c, code) in directive.codes.iter().enumerate() {
                    if code.rule.code == diag.code {
                        used[d][c] = true;
                        hit = true;
                    }
                }
                if hit {
                    return true;
                }
            }
            false
        };
        mark(false) || mark(true)
    }

    /// The codes that silenced nothing, for rules that ran (a suppression for a rule the
    /// profile or the configuration turned off is not "unused": it may matter in another run).
    pub fn unused<'s>(
        &'s self,
        used: &[Vec<bool>],
        ran: impl Fn(&RuleMeta) -> bool,
    ) -> Vec<(&'s Directive, &'s SuppressedCode)> {
        let mut out = Vec::new();
        for (d, u) in self.directives.iter().zip(used) {
            for (code, used) in d.codes.iter().zip(u) {
                if !used && ran(code.rule) {
                    out.push((d, code));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Suppressions {
        Suppressions::parse(&inf_parser::parse_bytes(text.as_bytes()))
    }

    fn covered(text: &str, s: &Suppressions, i: usize) -> Option<String> {
        match s.directives[i].scope {
            Scope::Line { covers } => covers.map(|c| text[c.range()].trim_end().to_owned()),
            Scope::File => Some("<file>".to_owned()),
        }
    }

    #[test]
    fn trailing_own_line_and_file_directives() {
        let text = "[Version] ; difcheck: ignore[INF1209] header\r\nSignature=\"$Windows NT$\" ;difcheck:ignore[1001]\r\n; difcheck: ignore[INF1002, syntax-error] -- reason here\r\n; plain comment\r\nKey=Value\r\n; difcheck: ignore-file[INF1209]\r\n";
        let s = parse(text);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert_eq!(s.directives.len(), 4);
        assert_eq!(
            covered(text, &s, 0).as_deref(),
            Some("[Version] ; difcheck: ignore[INF1209] header")
        );
        assert_eq!(s.directives[0].reason.as_deref(), Some("header"));
        assert_eq!(s.directives[1].codes[0].rule.code, "INF1001");
        assert_eq!(covered(text, &s, 2).as_deref(), Some("Key=Value"));
        assert_eq!(s.directives[2].reason.as_deref(), Some("reason here"));
        assert_eq!(&text[s.directives[2].codes[1].span.range()], "syntax-error");
        assert_eq!(s.directives[3].scope, Scope::File);
    }

    #[test]
    fn blank_lines_end_the_reach_and_quotes_are_not_comments() {
        let text =
            "[Strings]\n; difcheck: ignore[INF1209]\n\nA=\"x ; difcheck: ignore[INF1001]\"\n";
        let s = parse(text);
        assert_eq!(s.directives.len(), 1);
        assert_eq!(s.directives[0].scope, Scope::Line { covers: None });
    }

    #[test]
    fn problems_are_reported() {
        let text = "[A] ; difcheck: ignore\n[B] ; difcheck: ignore-file[]\n[C] ; difcheck: ignore[NOPE1, INF1209]\n[D] ; difcheck: disable[INF1209]\n[E] ; difcheck: ignore[INF1209\n[F] ; DIFCHECK: Ignore [INF1209] x\n";
        let s = parse(text);
        assert!(matches!(
            s.problems[0],
            SuppressionProblem::Blanket { file: false, .. }
        ));
        assert!(matches!(
            s.problems[1],
            SuppressionProblem::Blanket { file: true, .. }
        ));
        match &s.problems[2] {
            SuppressionProblem::UnknownCode { span, code } => {
                assert_eq!(code, "NOPE1");
                assert_eq!(&text[span.range()], "NOPE1");
            }
            p => panic!("{p:?}"),
        }
        assert!(
            matches!(&s.problems[3], SuppressionProblem::Malformed { detail, .. } if detail.contains("disable"))
        );
        assert!(
            matches!(&s.problems[4], SuppressionProblem::Malformed { detail, .. } if detail.contains("`]`"))
        );
        assert_eq!(s.problems.len(), 5);
        // `[C]` keeps its known code; `[F]` is case-insensitive.
        assert_eq!(s.directives.len(), 2);
    }

    #[test]
    fn applies_and_tracks_use() {
        let text =
            "[A] ; difcheck: ignore[INF1209]\n[B]\n; difcheck: ignore-file[INF1001, INF1002]\n";
        let s = parse(text);
        let diag = |code: &str, primary: Option<Span>| Diagnostic {
            code: code.into(),
            name: String::new(),
            infverif: None,
            severity: crate::Severity::Error,
            message: String::new(),
            primary,
            primary_label: None,
            labels: Vec::new(),
            help: None,
            targets: Vec::new(),
            url: None,
        };
        let on_a = Some(Span::new(1, 2));
        let on_b = Some(Span::new(
            text.find("[B]").unwrap() + 1,
            text.find("[B]").unwrap() + 2,
        ));
        let applied = s.apply(vec![
            diag("INF1209", on_a),
            diag("INF1209", on_b),
            diag("INF1001", None),
        ]);
        assert_eq!(applied.suppressed, 2);
        assert_eq!(applied.kept.len(), 1);
        assert_eq!(applied.kept[0].primary, on_b);
        let unused: Vec<&str> = s
            .unused(&applied.used, |_| true)
            .iter()
            .map(|(_, c)| c.rule.code)
            .collect();
        assert_eq!(unused, ["INF1002"]);
        let unused_ran = s.unused(&applied.used, |r| r.code != "INF1002");
        assert!(unused_ran.is_empty());
    }
}
