//! Unresolved template placeholders (`@NAME@`, `${NAME}`, `#NAME#`) in INF text.
//!
//! Some projects generate their INF from a template at build time (autoconf or CMake
//! `configure_file`, libwdi's `#NAME#` tokens). Linting the template itself would flood the user
//! with findings about placeholder text that never ships. The engine therefore finds the
//! placeholders once, the `template-placeholder` rule reports one finding per placeholder
//! style, and findings of other rules on lines that contain a placeholder (directly, or through
//! a `%strkey%` whose value contains one) are held back.

use std::collections::HashSet;

use inf_parser::{fold_case, is_strings_section_name, Inf, NodeKind, Span, SyntaxTree};
use serde::Serialize;

/// A placeholder style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlaceholderKind {
    /// `@NAME@` (autoconf, CMake `configure_file`).
    At,
    /// `${NAME}` (CMake, shell).
    Dollar,
    /// `#NAME#` with an upper-case name (libwdi and similar generators).
    Hash,
}

impl PlaceholderKind {
    /// The style written as a pattern (`@NAME@`).
    pub fn pattern(self) -> &'static str {
        match self {
            PlaceholderKind::At => "@NAME@",
            PlaceholderKind::Dollar => "${NAME}",
            PlaceholderKind::Hash => "#NAME#",
        }
    }
}

/// One placeholder occurrence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placeholder {
    /// Its style.
    pub kind: PlaceholderKind,
    /// The name between the delimiters.
    pub name: String,
    /// Where it is, delimiters included.
    pub span: Span,
}

impl Placeholder {
    /// The placeholder as written (`@NAME@`).
    pub fn written(&self) -> String {
        match self.kind {
            PlaceholderKind::At => format!("@{}@", self.name),
            PlaceholderKind::Dollar => format!("${{{}}}", self.name),
            PlaceholderKind::Hash => format!("#{}#", self.name),
        }
    }
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Finds the placeholders in `text[range]`, appending to `out`.
fn scan(text: &str, range: std::ops::Range<usize>, out: &mut Vec<Placeholder>) {
    let bytes = text.as_bytes();
    let end = range.end.min(bytes.len());
    let mut i = range.start;
    while i < end {
        // Only `@`, `$` and `#` can start a placeholder: jump to the next one.
        match memchr::memchr3(b'@', b'$', b'#', &bytes[i..end]) {
            Some(k) => i += k,
            None => break,
        }
        let found = match bytes[i] {
            b'@' => ident_run(bytes, i + 1, end, is_ident_start, is_ident)
                .filter(|&j| j < end && bytes[j] == b'@')
                .map(|j| (PlaceholderKind::At, i + 1, j, j + 1)),
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                ident_run(bytes, i + 2, end, is_ident_start, is_ident)
                    .filter(|&j| j < end && bytes[j] == b'}')
                    .map(|j| (PlaceholderKind::Dollar, i + 2, j, j + 1))
            }
            b'#' => ident_run(
                bytes,
                i + 1,
                end,
                |b| b.is_ascii_uppercase() || b == b'_',
                |b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_',
            )
            .filter(|&j| j < end && bytes[j] == b'#' && j - (i + 1) >= 2)
            .filter(|&j| bytes[i + 1..j].iter().any(u8::is_ascii_uppercase))
            .map(|j| (PlaceholderKind::Hash, i + 1, j, j + 1)),
            _ => None,
        };
        match found {
            Some((kind, name_start, name_end, stop)) => {
                out.push(Placeholder {
                    kind,
                    name: text[name_start..name_end].to_owned(),
                    span: Span::new(i, stop),
                });
                i = stop;
            }
            None => i += 1,
        }
    }
}

/// The end of an identifier starting at `from`, if one starts there.
fn ident_run(
    bytes: &[u8],
    from: usize,
    end: usize,
    first: fn(u8) -> bool,
    rest: fn(u8) -> bool,
) -> Option<usize> {
    if from >= end || !first(bytes[from]) {
        return None;
    }
    let mut j = from + 1;
    while j < end && rest(bytes[j]) {
        j += 1;
    }
    Some(j)
}

/// Every placeholder in section headers and logical lines, comments excluded (a placeholder
/// in a comment never reaches Windows).
pub fn find_placeholders(tree: &SyntaxTree) -> Vec<Placeholder> {
    let text = tree.text();
    let mut out = Vec::new();
    for node in tree.nodes() {
        match node.kind {
            NodeKind::Header(h) => {
                let header = &tree.headers()[h as usize];
                scan(text, header.span.range(), &mut out);
            }
            NodeKind::Line(l) => {
                let line = &tree.lines()[l as usize];
                match line.comment {
                    Some(c) if c.start >= line.span.start && c.end <= line.span.end => {
                        scan(text, line.span.start as usize..c.start as usize, &mut out);
                        scan(text, c.end as usize..line.span.end as usize, &mut out);
                    }
                    _ => scan(text, line.span.range(), &mut out),
                }
            }
            NodeKind::Trivia | NodeKind::AfterEnd => {}
        }
    }
    out
}

/// The spans of the lines (whole nodes) whose findings are held back in a template: lines
/// with a placeholder, and lines that use a `%strkey%` whose Strings value has one. Sorted.
pub fn tainted_lines(inf: &Inf, placeholders: &[Placeholder]) -> Vec<Span> {
    if placeholders.is_empty() {
        return Vec::new();
    }
    let tree = inf.tree();
    let text = tree.text();
    let contains_placeholder = |span: Span| {
        let i = placeholders.partition_point(|p| p.span.start < span.start);
        placeholders.get(i).is_some_and(|p| p.span.end <= span.end)
    };
    // Strings keys whose value holds a placeholder.
    let mut keys: HashSet<String> = HashSet::new();
    for section in inf
        .sections()
        .iter()
        .filter(|s| is_strings_section_name(&s.name))
    {
        for line in inf.section_lines(section) {
            if contains_placeholder(line.span()) {
                if let Some(k) = line.raw_match_key() {
                    keys.insert(fold_case(k.trim()).into_owned());
                }
            }
        }
    }
    let mut out = Vec::new();
    for node in tree.nodes() {
        let content = match node.kind {
            NodeKind::Header(h) => tree.headers()[h as usize].span,
            NodeKind::Line(l) => tree.lines()[l as usize].span,
            NodeKind::Trivia | NodeKind::AfterEnd => continue,
        };
        if contains_placeholder(content) || uses_key(&text[content.range()], &keys) {
            out.push(node.span);
        }
    }
    out
}

/// Whether `line` has a `%key%` token naming one of `keys` (lower-cased).
fn uses_key(line: &str, keys: &HashSet<String>) -> bool {
    if keys.is_empty() || !line.contains('%') {
        return false;
    }
    let mut rest = line;
    while let Some(open) = rest.find('%') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('%') else {
            return false;
        };
        if keys.contains(fold_case(&after[..close]).as_ref()) {
            return true;
        }
        rest = &after[close + 1..];
    }
    false
}

/// Whether `offset` lies in one of the sorted `spans`.
pub fn in_spans(spans: &[Span], offset: u32) -> bool {
    let i = spans.partition_point(|s| s.end <= offset);
    spans.get(i).is_some_and(|s| s.contains(offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inf(text: &str) -> Inf {
        inf_parser::parse_inf(text.as_bytes(), 1252, Default::default())
    }

    #[test]
    fn finds_each_style_outside_comments() {
        let text = "[Version]\nSignature=\"$Windows NT$\" ; @NOT_THIS@\nDriverVer=#DRIVER_DATE#,${VERSION}\nProvider=@PROVIDER@\n[@SECTION@]\n";
        let found = find_placeholders(inf(text).tree());
        let names: Vec<String> = found.iter().map(Placeholder::written).collect();
        assert_eq!(
            names,
            ["#DRIVER_DATE#", "${VERSION}", "@PROVIDER@", "@SECTION@"]
        );
        assert_eq!(&text[found[0].span.range()], "#DRIVER_DATE#");
    }

    #[test]
    fn ignores_ordinary_inf_text() {
        let text = "[Version]\nSignature=\"$Windows NT$\"\n[Inst]\nCopyFiles=@foo.sys\nHKR,,X,,\"a@b.com\"\nHKR,,Y,,\"#1#\",\"#a#\",\"#X#\"\n$ARCH$=$KMDFVERSION$\n";
        assert!(find_placeholders(inf(text).tree()).is_empty());
    }

    #[test]
    fn taints_lines_directly_and_through_strings() {
        let text = "[Version]\nSignature=\"$Windows NT$\"\nCatalogFile=#CAT#\n[Models]\n%Dev%=Inst,USB\\%HwId%\n%Dev%=Inst,USB\\VID_1\n[Strings]\nHwId=\"#HARDWARE_ID#\"\nDev=\"x\"\n";
        let inf = inf(text);
        let found = find_placeholders(inf.tree());
        let tainted = tainted_lines(&inf, &found);
        let lines: Vec<&str> = tainted.iter().map(|s| text[s.range()].trim_end()).collect();
        assert_eq!(
            lines,
            [
                "CatalogFile=#CAT#",
                "%Dev%=Inst,USB\\%HwId%",
                "HwId=\"#HARDWARE_ID#\""
            ]
        );
        let at = text.find("USB\\%HwId%").unwrap() as u32;
        assert!(in_spans(&tainted, at));
        assert!(!in_spans(&tainted, text.find("VID_1").unwrap() as u32));
    }
}
