//! Module-definition (`.def`) files: the `EXPORTS` section, which decides the names under which
//! an installer DLL's functions can be found by `GetProcAddress`.
//!
//! Syntax (MSVC "EXPORTS" reference): `entryname[=internalname|other_module.exported_name]
//! [@ordinal [NONAME]] [[PRIVATE] | [DATA]]`, one per line, `;` starts a comment, and another
//! section keyword (`LIBRARY`, `HEAPSIZE`, …) ends the section.

use std::path::Path;

use inf_parser::Span;
use serde::Serialize;

use super::lexer::line_of;
use crate::behavior::SourceLocation;

/// One export listed in a `.def` file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DefExport {
    /// The exported name (what `GetProcAddress` and the INF's `dll,entry` string use).
    pub export: String,
    /// The function it exports when it differs from `export` (`Export=Internal`); may still carry
    /// stdcall decoration (`_Internal@16`) or name another module (`other.Function`).
    pub internal: Option<String>,
    /// `@ordinal`, when given.
    pub ordinal: Option<u32>,
    /// `NONAME`: exported by ordinal only, so not findable by name.
    pub noname: bool,
    /// `PRIVATE`: left out of the import library (still exported).
    pub private: bool,
    /// `DATA`: a data export, not a function.
    pub data: bool,
    /// The line that declares it.
    pub at: SourceLocation,
}

impl DefExport {
    /// The C function name this export resolves to inside the module: `internal` (or `export`)
    /// without stdcall decoration. `None` when it forwards to another module.
    pub fn function(&self) -> Option<String> {
        let name = self.internal.as_deref().unwrap_or(&self.export);
        if name.contains('.') {
            return None;
        }
        Some(undecorate(name).to_string())
    }
}

/// `_Name@16` → `Name`; other names unchanged.
pub(crate) fn undecorate(name: &str) -> &str {
    match name.rsplit_once('@') {
        Some((head, digits))
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) =>
        {
            head.strip_prefix('_').unwrap_or(head)
        }
        _ => name,
    }
}

/// Section keywords of a `.def` file (any of them ends `EXPORTS`).
const SECTION_KEYWORDS: &[&str] = &[
    "NAME",
    "LIBRARY",
    "DESCRIPTION",
    "STACKSIZE",
    "HEAPSIZE",
    "CODE",
    "DATA",
    "SECTIONS",
    "EXPORTS",
    "IMPORTS",
    "VERSION",
    "STUB",
    "SEGMENTS",
];

/// Reads the `EXPORTS` of a `.def` file. Lines it cannot read are skipped (a `.def` file that
/// does not parse does not stop the analysis of the C sources).
pub(crate) fn parse_def(path: &Path, text: &[u8], lines: &[u32]) -> Vec<DefExport> {
    let mut exports = Vec::new();
    let mut in_exports = false;
    let mut offset = 0usize;
    for raw_line in text.split(|&b| b == b'\n') {
        let line_start = offset;
        offset += raw_line.len() + 1;
        let content = match raw_line.iter().position(|&b| b == b';') {
            Some(p) => &raw_line[..p],
            None => raw_line,
        };
        let line = String::from_utf8_lossy(content);
        let mut words = split_words(&line);
        if words.is_empty() {
            continue;
        }
        let first = words[0].1.to_ascii_uppercase();
        // `DATA` is both a section keyword and an export attribute; only at the start of a line
        // is it a section.
        if SECTION_KEYWORDS.contains(&first.as_str()) {
            in_exports = first == "EXPORTS";
            if !in_exports {
                continue;
            }
            words.remove(0);
            if words.is_empty() {
                continue;
            }
        }
        if !in_exports {
            continue;
        }
        if let Some(export) = parse_export(&words, path, (line_start, content.len()), lines) {
            exports.push(export);
        }
    }
    exports
}

/// Splits a line into words with their byte offsets, treating `=` as its own word and keeping
/// quoted names together (quotes removed).
fn split_words(line: &str) -> Vec<(usize, String)> {
    let mut words = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() || b == b',' {
            i += 1;
        } else if b == b'=' {
            words.push((i, "=".to_string()));
            i += 1;
        } else if b == b'"' || b == b'\'' {
            let start = i;
            i += 1;
            while i < bytes.len() && bytes[i] != b {
                i += 1;
            }
            words.push((start, line[start + 1..i.min(bytes.len())].to_string()));
            i += 1;
        } else {
            let start = i;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && bytes[i] != b'='
                && bytes[i] != b','
            {
                i += 1;
            }
            words.push((start, line[start..i].to_string()));
        }
    }
    words
}

/// `line` is the start offset and length of the line in the file; offsets in `words` are clamped
/// to it (they are offsets in the lossily decoded line, which differ only after invalid bytes).
fn parse_export(
    words: &[(usize, String)],
    path: &Path,
    line: (usize, usize),
    lines: &[u32],
) -> Option<DefExport> {
    let (line_start, line_len) = line;
    let (first_offset, export) = words.first()?;
    let mut export = export.clone();
    let mut rest = &words[1..];
    let mut internal = None;
    // `Name=Internal` may arrive as one word when written without spaces.
    if let Some((name, target)) = export.clone().split_once('=') {
        export = name.to_string();
        internal = Some(target.to_string());
    }
    let mut end = first_offset + words[0].1.len();
    if rest.first().map(|w| w.1.as_str()) == Some("=") {
        internal = rest.get(1).map(|w| w.1.clone());
        end = rest.get(1).map_or(end, |w| w.0 + w.1.len());
        rest = rest.get(2..).unwrap_or(&[]);
    }
    if export.is_empty() || export.starts_with('@') {
        return None;
    }
    let mut ordinal = None;
    let (mut noname, mut private, mut data) = (false, false, false);
    for (offset, word) in rest {
        end = offset + word.len();
        if let Some(num) = word.strip_prefix('@') {
            let num = if num.is_empty() {
                None
            } else {
                num.parse().ok()
            };
            ordinal = num.or(ordinal);
        } else if word.bytes().all(|b| b.is_ascii_digit()) && ordinal.is_none() {
            // `Name @ 3` splits the ordinal from its `@`.
            ordinal = word.parse().ok();
        } else {
            match word.to_ascii_uppercase().as_str() {
                "NONAME" => noname = true,
                "PRIVATE" => private = true,
                "DATA" | "CONSTANT" => data = true,
                _ => {}
            }
        }
    }
    let start = line_start + (*first_offset).min(line_len);
    let span = Span::new(start, line_start + end.max(*first_offset).min(line_len));
    Some(DefExport {
        export,
        internal: internal.filter(|s| !s.is_empty()),
        ordinal,
        noname,
        private,
        data,
        at: SourceLocation {
            file: path.to_path_buf(),
            span,
            line: line_of(lines, start),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::super::lexer::line_starts;
    use super::*;

    fn parse(text: &str) -> Vec<DefExport> {
        parse_def(
            Path::new("x.def"),
            text.as_bytes(),
            &line_starts(text.as_bytes()),
        )
    }

    #[test]
    fn reads_aliases_ordinals_and_flags() {
        let text = "LIBRARY mycoinst\r\nEXPORTS\r\n    CoInstallerEntry=RealFunction\r\n    ExportName = Internal @1\r\n  Plain @2 NONAME ; comment\r\n  Other PRIVATE\r\n Fwd = other.Thing\r\n Deco = _Func@16\r\nHEAPSIZE 4096\r\nNotAnExport\r\n";
        let exports = parse(text);
        let summary: Vec<_> = exports
            .iter()
            .map(|e| {
                (
                    e.export.as_str(),
                    e.internal.as_deref(),
                    e.ordinal,
                    e.noname,
                    e.private,
                    e.function(),
                    e.at.line,
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "CoInstallerEntry",
                    Some("RealFunction"),
                    None,
                    false,
                    false,
                    Some("RealFunction".to_string()),
                    3
                ),
                (
                    "ExportName",
                    Some("Internal"),
                    Some(1),
                    false,
                    false,
                    Some("Internal".to_string()),
                    4
                ),
                (
                    "Plain",
                    None,
                    Some(2),
                    true,
                    false,
                    Some("Plain".to_string()),
                    5
                ),
                (
                    "Other",
                    None,
                    None,
                    false,
                    true,
                    Some("Other".to_string()),
                    6
                ),
                ("Fwd", Some("other.Thing"), None, false, false, None, 7),
                (
                    "Deco",
                    Some("_Func@16"),
                    None,
                    false,
                    false,
                    Some("Func".to_string()),
                    8
                ),
            ]
        );
        let first = &exports[0];
        assert_eq!(
            &text[first.at.span.range()],
            "CoInstallerEntry=RealFunction"
        );
    }

    #[test]
    fn exports_on_the_keyword_line_and_garbage() {
        let exports = parse("EXPORTS Entry\n\u{0}\u{ff} = = @\n");
        assert_eq!(exports[0].export, "Entry");
        let _ = parse("=\n@@@\nEXPORTS\n=\n\"unterminated\n");
    }
}
