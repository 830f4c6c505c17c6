//! INX files and stampinf (inf-syntax.md §3.6).
//!
//! An .inx file is an INF whose text carries stampinf tokens (`$ARCH$`, `$KMDFVERSION$`, …).
//! SetupAPI gives `$` no meaning, so the .inx tokenizes like any INF; stampinf then does plain,
//! case-sensitive text replacement and writes `DriverVer` (and `CatalogFile` with `-c`).
//!
//! [`stamp`] reproduces that on text and keeps a map from every offset of the stamped text back
//! to the .inx, so findings on the stamped INF point at the .inx line that caused them.
//! [`find_stamp_tokens`] lists the tokens of a text, including unknown ones that look like
//! stampinf tokens (InfVerif 1274 for `$ARCH$`). The `$Windows NT$` and `$Chicago$` signatures
//! are not tokens.

use serde::Serialize;

use crate::{eq_fold, parse, Inf, InfOptions, SourceText, Span, SyntaxTree};

/// A stampinf token kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "name")]
pub enum StampTokenKind {
    /// `$ARCH$`: the target architecture.
    Arch,
    /// `$KMDFVERSION$`: the KMDF version `major.minor`.
    KmdfVersion,
    /// `$KMDFCOINSTALLERVERSION$`: the KMDF version as `MMmmm` (2-digit major, 3-digit minor).
    KmdfCoinstallerVersion,
    /// `$UMDFVERSION$`: the UMDF version `major.minor.service`.
    UmdfVersion,
    /// `$UMDFCOINSTALLERVERSION$`: the UMDF version as `MMmmm`.
    UmdfCoinstallerVersion,
    /// `$NAME$` that looks like a stampinf token but is none (an upper-case name of three or more
    /// characters that stampinf does not know, or a known name in the wrong case: tokens are
    /// case-sensitive). The name is without the dollar signs.
    Unknown(String),
}

impl StampTokenKind {
    const KNOWN: [(&'static str, StampTokenKind); 5] = [
        ("ARCH", StampTokenKind::Arch),
        ("KMDFVERSION", StampTokenKind::KmdfVersion),
        (
            "KMDFCOINSTALLERVERSION",
            StampTokenKind::KmdfCoinstallerVersion,
        ),
        ("UMDFVERSION", StampTokenKind::UmdfVersion),
        (
            "UMDFCOINSTALLERVERSION",
            StampTokenKind::UmdfCoinstallerVersion,
        ),
    ];

    /// Classifies the name between two `$`; `None` when it does not look like a token.
    fn from_name(name: &str) -> Option<StampTokenKind> {
        if let Some((_, k)) = Self::KNOWN.iter().find(|(n, _)| *n == name) {
            return Some(k.clone());
        }
        let wrong_case = Self::KNOWN
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name));
        // Upper-case names of three or more characters: shorter ones are common in data
        // (`$P$G` in a PROMPT value) and no stampinf token is that short.
        let upper = name.len() >= 3
            && name.bytes().any(|b| b.is_ascii_uppercase())
            && name
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        // `$CHICAGO$` is a Signature value, not a token.
        if wrong_case || (upper && !name.eq_ignore_ascii_case("CHICAGO")) {
            Some(StampTokenKind::Unknown(name.to_owned()))
        } else {
            None
        }
    }

    /// Whether this is one of the tokens stampinf replaces.
    pub fn is_known(&self) -> bool {
        !matches!(self, StampTokenKind::Unknown(_))
    }
}

/// A stampinf token found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct StampToken {
    /// What token it is.
    pub kind: StampTokenKind,
    /// Its span, dollar signs included.
    pub span: Span,
    /// Whether it is in text SetupAPI does not read: a comment, a blank or stray line before the
    /// first section, or text after Control-Z (only known when the tokens were found with
    /// [`find_stamp_tokens_in`]). Such tokens change nothing SetupAPI reads.
    pub in_comment: bool,
}

/// Every `$NAME$` of `text` that is, or looks like, a stampinf token, in order.
pub fn find_stamp_tokens(text: &str) -> Vec<StampToken> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0usize;
    while let Some(rel) = memchr::memchr(b'$', &bytes[i..]) {
        let open = i + rel;
        let name_len = bytes[open + 1..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
        let close = open + 1 + name_len;
        if name_len == 0 || bytes.get(close) != Some(&b'$') {
            i = open + 1;
            continue;
        }
        match StampTokenKind::from_name(&text[open + 1..close]) {
            Some(kind) => {
                out.push(StampToken {
                    kind,
                    span: Span::new(open, close + 1),
                    in_comment: false,
                });
                i = close + 1;
            }
            // The closing `$` may open the next token (`$a$ARCH$`).
            None => i = close,
        }
    }
    out
}

/// Like [`find_stamp_tokens`] on a parsed file, marking tokens inside comments.
pub fn find_stamp_tokens_in(tree: &SyntaxTree) -> Vec<StampToken> {
    let comments: Vec<Span> = comment_spans(tree);
    let mut tokens = find_stamp_tokens(tree.text());
    for t in &mut tokens {
        let at = comments.partition_point(|c| c.end <= t.span.start);
        t.in_comment = comments.get(at).is_some_and(|c| c.start <= t.span.start);
    }
    tokens
}

/// Spans SetupAPI does not read as content: trivia nodes (blank and comment lines, text after
/// Control-Z) and end-of-line comments, sorted.
fn comment_spans(tree: &SyntaxTree) -> Vec<Span> {
    use crate::NodeKind;
    let mut spans: Vec<Span> = tree
        .nodes()
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Trivia | NodeKind::AfterEnd))
        .map(|n| n.span)
        .chain(tree.lines().iter().filter_map(|l| l.comment))
        .collect();
    spans.sort();
    spans
}

/// What to do with `$ARCH$`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ArchStamp {
    /// Leave the token in place (stampinf not run for the architecture; it stays unresolved).
    #[default]
    Leave,
    /// Remove it, as stampinf does when architecture stamping is disabled
    /// (`Standard.NT$ARCH$` → `Standard.NT`).
    Remove,
    /// Replace it with this text (normally an architecture name; any text is allowed so that
    /// mistakes such as `x64` can be reproduced).
    Replace(String),
}

impl ArchStamp {
    /// Replace `$ARCH$` with an architecture's INF name.
    pub fn arch(arch: crate::Arch) -> ArchStamp {
        ArchStamp::Replace(arch.name().to_owned())
    }
}

/// The DriverVer stampinf writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriverVerStamp {
    /// The section to write it to (`-s`; stampinf's default is `Version`).
    pub section: String,
    /// The date, `mm/dd/yyyy`.
    pub date: String,
    /// The version, `w.x.y.z`.
    pub version: String,
}

impl DriverVerStamp {
    /// The date used by [`DriverVerStamp::default`]. stampinf itself takes `-d`, the
    /// STAMPINF_DATE environment variable or today's date; a library cannot know those, so it
    /// assumes this fixed, valid date.
    pub const DEFAULT_DATE: &'static str = "01/01/2000";
    /// The version used by [`DriverVerStamp::default`]. stampinf takes `-v`, STAMPINF_VERSION or
    /// ntverp.h; the assumed default is this fixed, valid version.
    pub const DEFAULT_VERSION: &'static str = "1.0.0.0";
}

impl Default for DriverVerStamp {
    fn default() -> Self {
        DriverVerStamp {
            section: "Version".to_owned(),
            date: Self::DEFAULT_DATE.to_owned(),
            version: Self::DEFAULT_VERSION.to_owned(),
        }
    }
}

/// stampinf's options, as far as they change the text.
///
/// The default reproduces a stampinf run without `-a`, `-k`, `-u` and `-c`: tokens stay as they
/// are, and `DriverVer` is written with [`DriverVerStamp::default`] (stampinf always writes one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StampOptions {
    /// `-a`: what to do with `$ARCH$`.
    pub arch: ArchStamp,
    /// `-k major.minor`: replaces `$KMDFVERSION$` and `$KMDFCOINSTALLERVERSION$`.
    pub kmdf_version: Option<(u32, u32)>,
    /// `-u major.minor.service`: replaces `$UMDFVERSION$` and `$UMDFCOINSTALLERVERSION$`.
    pub umdf_version: Option<(u32, u32, u32)>,
    /// The DriverVer to write (replacing the first `DriverVer` line of the section, or adding
    /// one); `None` leaves DriverVer alone.
    pub driver_ver: Option<DriverVerStamp>,
    /// `-c`: the CatalogFile to write in `[Version]` (replacing the first undecorated
    /// `CatalogFile` line, or adding one); `None` leaves CatalogFile alone.
    pub catalog_file: Option<String>,
}

impl Default for StampOptions {
    fn default() -> Self {
        StampOptions {
            arch: ArchStamp::Leave,
            kmdf_version: None,
            umdf_version: None,
            driver_ver: Some(DriverVerStamp::default()),
            catalog_file: None,
        }
    }
}

/// Why a piece of the stamped text differs from the .inx.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "token")]
pub enum StampEditKind {
    /// A token was replaced (or removed).
    Token(StampTokenKind),
    /// A DriverVer value was replaced, or a DriverVer line added.
    DriverVer,
    /// A CatalogFile value was replaced, or a CatalogFile line added.
    CatalogFile,
}

/// One change stampinf made: `source` in the .inx became `stamped` in the output. Added lines
/// have an empty `source` span at the insertion point.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct StampEdit {
    /// What changed.
    pub kind: StampEditKind,
    /// The replaced text in the .inx.
    pub source: Span,
    /// The replacement in the stamped text.
    pub stamped: Span,
}

/// The result of [`stamp`]: the stamped text, the edits (which map offsets back to the .inx),
/// and the tokens left unresolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamped {
    /// The stamped INF text.
    pub text: String,
    /// The edits, in text order (both in the .inx and in the output).
    pub edits: Vec<StampEdit>,
    /// Tokens still in the output, with their .inx spans (unknown tokens, and known ones no
    /// option resolved).
    pub unresolved: Vec<StampToken>,
}

impl Stamped {
    /// Maps an offset of the stamped text to the .inx: unchanged text maps one to one; an offset
    /// inside a replacement maps to the start of the text it replaced.
    pub fn to_source(&self, offset: u32) -> u32 {
        let at = self.edits.partition_point(|e| e.stamped.start <= offset);
        match at.checked_sub(1).map(|i| &self.edits[i]) {
            None => offset,
            Some(e) if offset < e.stamped.end => e.source.start,
            Some(e) => offset - e.stamped.end + e.source.end,
        }
    }

    /// Maps an end offset (exclusive) of the stamped text to the .inx: an end inside or at the
    /// end of a replacement maps to the end of the text it replaced.
    pub fn to_source_end(&self, offset: u32) -> u32 {
        let at = self.edits.partition_point(|e| e.stamped.start < offset);
        match at.checked_sub(1).map(|i| &self.edits[i]) {
            None => offset,
            Some(e) if offset <= e.stamped.end => e.source.end,
            Some(e) => offset - e.stamped.end + e.source.end,
        }
    }

    /// Maps a span of the stamped text to the .inx text it came from.
    pub fn span_to_source(&self, span: Span) -> Span {
        let start = self.to_source(span.start);
        let end = if span.is_empty() {
            start
        } else {
            self.to_source_end(span.end).max(start)
        };
        Span { start, end }
    }

    /// Parses the stamped text into the semantic view, ready for linting. Spans of that view are
    /// offsets of [`Self::text`]; map them with [`Self::span_to_source`].
    pub fn to_inf(&self, options: InfOptions) -> Inf {
        Inf::with_options(parse(SourceText::from_text(self.text.clone())), options)
    }
}

/// Stamps .inx `text` as stampinf would with `options`.
///
/// - Tokens are replaced as plain, case-sensitive text (also inside comments, as stampinf does).
/// - DriverVer: the first `DriverVer` line of the chosen section has its values replaced by
///   `date,version`; without one, a line `DriverVer = date,version` is added after the last line
///   of the section's first block (after its header when the block is empty). If the section
///   does not exist nothing is added (stampinf would fail; the INF is broken anyway).
/// - CatalogFile: the same in `[Version]`, for the undecorated `CatalogFile` key.
/// - Added lines use the file's line ending (CRLF when the text has any, else LF).
pub fn stamp(text: &str, options: &StampOptions) -> Stamped {
    let tree = parse(SourceText::from_text(text));
    let mut directive_edits: Vec<(Span, String, StampEditKind)> = Vec::new();
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    if let Some(dv) = &options.driver_ver {
        if let Some(e) = directive_edit(
            &tree,
            text,
            &dv.section,
            "DriverVer",
            &format!("{},{}", dv.date, dv.version),
            newline,
        ) {
            directive_edits.push((e.0, e.1, StampEditKind::DriverVer));
        }
    }
    if let Some(cat) = &options.catalog_file {
        if let Some(e) = directive_edit(&tree, text, "Version", "CatalogFile", cat, newline) {
            directive_edits.push((e.0, e.1, StampEditKind::CatalogFile));
        }
    }
    let mut edits: Vec<(Span, String, StampEditKind)> = directive_edits.clone();
    let mut unresolved = Vec::new();
    for token in find_stamp_tokens_in(&tree) {
        // A token inside a replaced DriverVer/CatalogFile value disappears with it.
        if directive_edits.iter().any(|(s, _, _)| {
            s.start <= token.span.start && token.span.end <= s.end && !s.is_empty()
        }) {
            continue;
        }
        match replacement(&token.kind, options) {
            Some(r) => edits.push((token.span, r, StampEditKind::Token(token.kind))),
            None => unresolved.push(token),
        }
    }
    edits.sort_by_key(|(s, _, _)| (s.start, s.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut stamp_edits = Vec::with_capacity(edits.len());
    let mut copied_to = 0usize;
    for (source, replacement, kind) in edits {
        out.push_str(&text[copied_to..source.start as usize]);
        let start = out.len();
        out.push_str(&replacement);
        stamp_edits.push(StampEdit {
            kind,
            source,
            stamped: Span::new(start, out.len()),
        });
        copied_to = source.end as usize;
    }
    out.push_str(&text[copied_to..]);
    Stamped {
        text: out,
        edits: stamp_edits,
        unresolved,
    }
}

/// The text a known token is replaced with, or `None` when the options leave it.
fn replacement(kind: &StampTokenKind, options: &StampOptions) -> Option<String> {
    match kind {
        StampTokenKind::Arch => match &options.arch {
            ArchStamp::Leave => None,
            ArchStamp::Remove => Some(String::new()),
            ArchStamp::Replace(a) => Some(a.clone()),
        },
        StampTokenKind::KmdfVersion => options.kmdf_version.map(|(a, b)| format!("{a}.{b}")),
        StampTokenKind::KmdfCoinstallerVersion => {
            options.kmdf_version.map(|(a, b)| format!("{a:02}{b:03}"))
        }
        StampTokenKind::UmdfVersion => options.umdf_version.map(|(a, b, c)| format!("{a}.{b}.{c}")),
        StampTokenKind::UmdfCoinstallerVersion => options
            .umdf_version
            .map(|(a, b, _)| format!("{a:02}{b:03}")),
        StampTokenKind::Unknown(_) => None,
    }
}

/// The edit that sets `key = value` in `section`: replace the values of the first line with
/// that key, or insert a line. `None` when the section does not exist.
fn directive_edit(
    tree: &SyntaxTree,
    text: &str,
    section: &str,
    key: &str,
    value: &str,
    newline: &str,
) -> Option<(Span, String)> {
    let first_header = tree
        .headers()
        .iter()
        .position(|h| h.name.eq_ignore_ascii_case(section))?;
    let section_headers: Vec<usize> = tree
        .headers()
        .iter()
        .enumerate()
        .filter(|(_, h)| eq_fold(&h.name, section))
        .map(|(i, _)| i)
        .collect();
    let in_section = |l: &crate::Line| {
        l.header
            .is_some_and(|h| section_headers.contains(&(h as usize)))
    };
    let existing = tree.lines().iter().find(|l| {
        in_section(l)
            && tree
                .line_key(l)
                .is_some_and(|k| tree.field_text(k).trim().eq_ignore_ascii_case(key))
    });
    if let Some(line) = existing {
        let fields = tree.line_fields(line);
        let span = match (fields.first(), fields.last()) {
            (Some(f), Some(l)) if line.field_count() > 0 => Span {
                start: f.span.start,
                end: l.span.end,
            },
            _ => Span::empty(line.span.end as usize),
        };
        return Some((span, value.to_owned()));
    }
    // Insert after the last line of the first block (or after its header line).
    let block_end = tree
        .lines()
        .iter()
        .filter(|l| l.header == Some(first_header as u32))
        .map(|l| l.span.end)
        .max()
        .unwrap_or(tree.headers()[first_header].span.end) as usize;
    let insert = match text[block_end..].find('\n') {
        Some(i) => (block_end + i + 1, format!("{key}={value}{newline}")),
        None => (text.len(), format!("{newline}{key}={value}{newline}")),
    };
    Some((Span::empty(insert.0), insert.1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Arch;

    fn kinds(text: &str) -> Vec<StampTokenKind> {
        find_stamp_tokens(text)
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    #[test]
    fn token_recognition() {
        assert_eq!(kinds("Signature=\"$Windows NT$\""), vec![]);
        assert_eq!(kinds("Signature=\"$CHICAGO$\" $Chicago$"), vec![]);
        assert_eq!(
            kinds("%M%=M,NT$ARCH$.10.0...16299"),
            vec![StampTokenKind::Arch]
        );
        assert_eq!(
            kinds("$KMDFVERSION$,$KMDFCOINSTALLERVERSION$"),
            vec![
                StampTokenKind::KmdfVersion,
                StampTokenKind::KmdfCoinstallerVersion
            ]
        );
        assert_eq!(
            kinds("$UMDFVERSION$ $UMDFCOINSTALLERVERSION$"),
            vec![
                StampTokenKind::UmdfVersion,
                StampTokenKind::UmdfCoinstallerVersion
            ]
        );
        assert_eq!(
            kinds("NT$arch$"),
            vec![StampTokenKind::Unknown("arch".into())]
        );
        assert_eq!(
            kinds("$INFARCH$"),
            vec![StampTokenKind::Unknown("INFARCH".into())]
        );
        assert_eq!(kinds("$a$ARCH$"), vec![StampTokenKind::Arch]);
        assert_eq!(kinds("x$$ARCH$$"), vec![StampTokenKind::Arch]);
        assert_eq!(kinds("cost $5 and $x$ and $(Var)"), vec![]);
        assert_eq!(kinds("$ARCH"), vec![]);
        assert_eq!(kinds("\"$P$G$I\" $I$P$G"), vec![]);
        assert_eq!(kinds("$ARC$"), vec![StampTokenKind::Unknown("ARC".into())]);
        let t = find_stamp_tokens("ab$ARCH$cd");
        assert_eq!(t[0].span, Span::new(2, 8));
    }

    #[test]
    fn tokens_in_comments() {
        let text = "[Version]\nSignature=\"$Windows NT$\"\n; uses $ARCH$\n[M]\nx=NT$ARCH$ ; $ARCH$ again\n";
        let tree = parse(SourceText::from_text(text));
        let t = find_stamp_tokens_in(&tree);
        assert_eq!(
            t.iter().map(|t| t.in_comment).collect::<Vec<_>>(),
            vec![true, false, true]
        );
    }

    #[test]
    fn replacements() {
        let text = "[Version]\r\nSignature=\"$Windows NT$\"\r\nDriverVer=old\r\n[Manufacturer]\r\n%M%=M,NT$ARCH$\r\n\
                    [W]\r\nKmdfLibraryVersion=$KMDFVERSION$\r\nc=WdfCoInstaller$KMDFCOINSTALLERVERSION$.dll\r\n\
                    UmdfLibraryVersion=$UMDFVERSION$\r\nd=$UMDFCOINSTALLERVERSION$\r\ne=$NEW$\r\n";
        let opts = StampOptions {
            arch: ArchStamp::arch(Arch::Amd64),
            kmdf_version: Some((1, 15)),
            umdf_version: Some((2, 15, 0)),
            driver_ver: Some(DriverVerStamp {
                date: "10/20/2011".into(),
                version: "1.2.3.4".into(),
                ..Default::default()
            }),
            catalog_file: Some("x.cat".into()),
        };
        let s = stamp(text, &opts);
        assert!(s.text.contains("%M%=M,NTamd64\r\n"));
        assert!(s.text.contains("KmdfLibraryVersion=1.15\r\n"));
        assert!(s.text.contains("WdfCoInstaller01015.dll"));
        assert!(s.text.contains("UmdfLibraryVersion=2.15.0\r\n"));
        assert!(s.text.contains("d=02015\r\n"));
        assert!(s
            .text
            .contains("DriverVer=10/20/2011,1.2.3.4\r\nCatalogFile=x.cat\r\n[Manufacturer]"));
        assert_eq!(s.unresolved.len(), 1);
        assert_eq!(s.unresolved[0].kind, StampTokenKind::Unknown("NEW".into()));
        assert_eq!(&text[s.unresolved[0].span.range()], "$NEW$");
        let inf = s.to_inf(InfOptions::default());
        let v = inf.version();
        assert_eq!(
            v.driver_ver.unwrap().date.unwrap().to_string(),
            "10/20/2011"
        );
        assert_eq!(v.catalog_files[0].entry.value.text, "x.cat");
    }

    #[test]
    fn kmdf_coinstaller_format() {
        let opts = StampOptions {
            kmdf_version: Some((1, 5)),
            driver_ver: None,
            ..Default::default()
        };
        assert_eq!(stamp("a=$KMDFCOINSTALLERVERSION$", &opts).text, "a=01005");
        let opts = StampOptions {
            umdf_version: Some((1, 5, 0)),
            driver_ver: None,
            ..Default::default()
        };
        assert_eq!(stamp("a=$UMDFCOINSTALLERVERSION$", &opts).text, "a=01005");
    }

    #[test]
    fn leave_and_remove_arch() {
        let text = "[Version]\nSignature=\"$Windows NT$\"\n[Manufacturer]\n%M%=Standard,NT$ARCH$\n";
        let left = stamp(
            text,
            &StampOptions {
                driver_ver: None,
                ..Default::default()
            },
        );
        assert_eq!(left.text, text);
        assert!(left.edits.is_empty());
        assert_eq!(left.unresolved.len(), 1);
        let removed = stamp(
            text,
            &StampOptions {
                arch: ArchStamp::Remove,
                driver_ver: None,
                ..Default::default()
            },
        );
        assert!(removed.text.ends_with("%M%=Standard,NT\n"));
        assert!(removed.unresolved.is_empty());
        let inf = removed.to_inf(InfOptions::default());
        assert_eq!(
            inf.manufacturers()[0].decorations[0].section_name,
            "Standard.NT"
        );
    }

    #[test]
    fn driver_ver_added_by_default() {
        let text =
            "[Version]\nSignature=\"$Windows NT$\"\nClass=Net\n\n[Version]\nProvider=x\n[Other]\n";
        let s = stamp(text, &StampOptions::default());
        assert_eq!(s.text, "[Version]\nSignature=\"$Windows NT$\"\nClass=Net\nDriverVer=01/01/2000,1.0.0.0\n\n[Version]\nProvider=x\n[Other]\n");
        assert_eq!(s.edits.len(), 1);
        assert!(s.edits[0].source.is_empty());
        // No trailing newline: the line is added on a new line.
        let s = stamp(
            "[Version]\nSignature=\"$Windows NT$\"",
            &StampOptions::default(),
        );
        assert_eq!(
            s.text,
            "[Version]\nSignature=\"$Windows NT$\"\nDriverVer=01/01/2000,1.0.0.0\n"
        );
        // An empty section: after the header.
        let s = stamp("[Version]\n[X]\n", &StampOptions::default());
        assert_eq!(s.text, "[Version]\nDriverVer=01/01/2000,1.0.0.0\n[X]\n");
        // No such section: nothing is added.
        let s = stamp("[X]\n", &StampOptions::default());
        assert_eq!(s.text, "[X]\n");
        // Another section (-s), replacing an existing value that contains a token.
        let opts = StampOptions {
            arch: ArchStamp::arch(Arch::X86),
            driver_ver: Some(DriverVerStamp {
                section: "Inst".into(),
                ..Default::default()
            }),
            ..Default::default()
        };
        let s = stamp("[Inst]\ndriverver = $ARCH$ ; keep\n", &opts);
        assert_eq!(s.text, "[Inst]\ndriverver = 01/01/2000,1.0.0.0 ; keep\n");
        assert_eq!(s.edits.len(), 1);
        // An empty value (what .inx templates often carry) is filled in.
        let s = stamp(
            "[Version]\nDriverVer = ; set by stampinf\n",
            &StampOptions::default(),
        );
        assert_eq!(
            s.text,
            "[Version]\nDriverVer =01/01/2000,1.0.0.0 ; set by stampinf\n"
        );
        let s = stamp("[Version]\nDriverVer\n", &StampOptions::default());
        assert_eq!(
            s.text,
            "[Version]\nDriverVer\nDriverVer=01/01/2000,1.0.0.0\n"
        );
    }

    #[test]
    fn offsets_map_back() {
        let inx = "[Version]\nSignature=\"$Windows NT$\"\n[Manufacturer]\n%M%=Std,NT$ARCH$.10.0...16299,NT$ARCH$\n[Std.NT$ARCH$.10.0...16299]\n%D%=I,ID\n";
        let opts = StampOptions {
            arch: ArchStamp::arch(Arch::Arm64),
            ..Default::default()
        };
        let s = stamp(inx, &opts);
        let inf = s.to_inf(InfOptions::default());
        // Every stamped field maps back to the .inx field it came from.
        let m = &inf.manufacturers()[0];
        let d0 = s.span_to_source(m.decorations[0].value.span);
        assert_eq!(&inx[d0.range()], "NT$ARCH$.10.0...16299");
        let d1 = s.span_to_source(m.decorations[1].value.span);
        assert_eq!(&inx[d1.range()], "NT$ARCH$");
        let models = inf.models_entries("Std.NTarm64.10.0...16299");
        let hw = s.span_to_source(models[0].hardware_id.as_ref().unwrap().span);
        assert_eq!(&inx[hw.range()], "ID");
        // Whole lines map back too.
        let line = s.span_to_source(models[0].line.span);
        assert_eq!(&inx[line.range()], "%D%=I,ID");
        // Inserted text maps to the insertion point.
        let dv = inf.version().driver_ver.unwrap();
        let at = s.span_to_source(dv.line.span);
        assert!(at.is_empty());
        assert_eq!(at.start as usize, inx.find("[Manufacturer]").unwrap());
        // Every offset maps monotonically and inside the .inx.
        let mut last = 0;
        for off in 0..=s.text.len() as u32 {
            let m = s.to_source(off);
            assert!(m >= last && m as usize <= inx.len());
            last = m;
        }
        assert_eq!(s.to_source(s.text.len() as u32) as usize, inx.len());
    }

    #[test]
    fn removal_maps() {
        let inx = "ab$ARCH$cd";
        let s = stamp(
            inx,
            &StampOptions {
                arch: ArchStamp::Remove,
                driver_ver: None,
                ..Default::default()
            },
        );
        assert_eq!(s.text, "abcd");
        assert_eq!(s.to_source(2), 8);
        assert_eq!(s.span_to_source(Span::new(0, 4)), Span::new(0, 10));
        assert_eq!(s.span_to_source(Span::new(0, 2)), Span::new(0, 2));
        assert_eq!(s.span_to_source(Span::new(2, 4)), Span::new(8, 10));
    }
}
