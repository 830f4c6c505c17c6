//! The semantic view `Inf` (layer 2): merged sections, the string table, `%strkey%`
//! substitution, and line/field access as SetupAPI's retrieval functions see them.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::dirid::{dirid_info, parse_dirid_token, DiridPolicy};
use crate::index_list::IndexList;
use crate::parse::MAX_FIELD_CHARS;
use crate::syntax::{Field, Line, SyntaxTree};
use crate::{Name, Span};

/// Options for building the semantic view.
#[derive(Debug, Clone, Copy, Default)]
pub struct InfOptions {
    /// The LANGID whose `[Strings.LLLL]` section is used; `None` uses `[Strings]`.
    pub langid: Option<u16>,
    /// How `%NN%` DIRID tokens are expanded.
    pub dirids: DiridPolicy,
}

/// One section, merged across every header with the same (case-insensitive) name.
#[derive(Debug, Clone)]
pub struct Section {
    /// The name as first written (sharing the syntax tree's buffer of header names).
    pub name: Name,
    /// Indices of its headers in [`SyntaxTree::headers`], in file order.
    pub headers: IndexList,
    /// Indices of its lines in [`SyntaxTree::lines`], in file order.
    pub lines: IndexList,
}

/// A `%strkey%` token that no Strings line defines and that is not a DIRID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndefinedToken {
    /// The token name (between the percent signs).
    pub name: String,
    /// Where it is in the source (the field's span when the token cannot be located exactly).
    pub span: Span,
}

/// The semantic view of one INF file.
#[derive(Debug, Clone)]
pub struct Inf {
    tree: SyntaxTree,
    options: InfOptions,
    sections: Vec<Section>,
    /// Section name (case-insensitive) → index into `sections`.
    index: FoldedIndex,
    /// The Strings section in use, if any.
    strings_section: Option<u32>,
    /// Strings key (case-insensitive) → line index (first definition wins).
    strings: FoldedIndex,
    /// Lookup data computed on first use ([`LineKeys`]).
    line_keys: OnceLock<LineKeys>,
}

/// The [`folded_hash`] of every line's match key (explicit key or implicit single field, after
/// substitution, as [`LineRef::key_matches`] compares it), by line index: lookups of a key in a
/// section compare these numbers and read the text only of lines whose hash matches.
#[derive(Debug, Clone)]
struct LineKeys(Box<[u32]>);

/// Lower-cases a name for case-insensitive comparison, allocation-free for the common ASCII case
/// only when it is already lower case.
pub fn fold_case(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(s.to_ascii_lowercase())
        } else {
            Cow::Borrowed(s)
        }
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

/// Case-insensitive equality as SetupAPI compares names.
pub fn eq_fold(a: &str, b: &str) -> bool {
    // Texts equal but for the case of ASCII letters are equal folded (non-ASCII characters
    // are then the same characters with the same neighbours), whatever else they hold.
    if a.len() == b.len() && a.as_bytes().eq_ignore_ascii_case(b.as_bytes()) {
        return true;
    }
    // Otherwise two ASCII texts differ; only non-ASCII ones need Unicode folding.
    if a.is_ascii() && b.is_ascii() {
        return false;
    }
    fold_case(a) == fold_case(b)
}

impl Inf {
    /// Builds the semantic view with default options.
    pub fn new(tree: SyntaxTree) -> Self {
        Self::with_options(tree, InfOptions::default())
    }

    /// Builds the semantic view.
    pub fn with_options(tree: SyntaxTree, options: InfOptions) -> Self {
        let headers = tree.headers();
        let mut sections: Vec<Section> = Vec::with_capacity(headers.len());
        let mut index = FoldedIndex::with_capacity(headers.len());
        // A header's lines are consecutive in the tree's line table: the line list of a
        // section with one header is a window on a table of consecutive indices that every
        // section shares (fetched once here). Reopened sections own the concatenation of
        // their headers' line ranges (below).
        let identity = crate::index_list::identity(tree.lines().len());
        // (section, header) for every header that reopens a section, in file order.
        let mut reopened: Vec<(u32, u32)> = Vec::new();
        for (hi, h) in headers.iter().enumerate() {
            let hash = folded_hash(&h.name);
            match index.find(hash, |si| eq_fold(&sections[si as usize].name, &h.name)) {
                Some(si) => reopened.push((si, hi as u32)),
                None => {
                    index.insert(hash, sections.len() as u32);
                    let lines = tree.header_lines(hi as u32);
                    sections.push(Section {
                        name: h.name.clone(),
                        headers: IndexList::one(hi as u32),
                        lines: IndexList::range_in(identity, lines.start, lines.end),
                    });
                }
            }
        }
        reopened.sort_by_key(|&(si, _)| si);
        for group in reopened.chunk_by(|a, b| a.0 == b.0) {
            let section = &mut sections[group[0].0 as usize];
            let mut header_ids = Vec::with_capacity(group.len() + 1);
            header_ids.push(section.headers[0]);
            header_ids.extend(group.iter().map(|&(_, h)| h));
            let count = header_ids.iter().map(|&h| tree.header_lines(h).len()).sum();
            let mut line_ids = Vec::with_capacity(count);
            for &h in &header_ids {
                line_ids.extend(tree.header_lines(h));
            }
            section.headers = IndexList::owned(header_ids);
            section.lines = IndexList::owned(line_ids);
        }
        let mut inf = Inf {
            tree,
            options,
            sections,
            index,
            strings_section: None,
            strings: FoldedIndex::default(),
            line_keys: OnceLock::new(),
        };
        inf.strings_section = inf.choose_strings_section(options.langid);
        if let Some(si) = inf.strings_section {
            let lines = &inf.sections[si as usize].lines;
            let mut strings = FoldedIndex::with_capacity(lines.len());
            for &li in lines {
                let line = &inf.tree.lines()[li as usize];
                if let Some(k) = raw_key(&inf.tree, line) {
                    let hash = folded_hash(k);
                    if strings
                        .find(hash, |other| inf.string_key_is(other, k))
                        .is_none()
                    {
                        strings.insert(hash, li);
                    }
                }
            }
            inf.strings = strings;
        }
        inf
    }

    /// The syntax tree underneath.
    pub fn tree(&self) -> &SyntaxTree {
        &self.tree
    }

    /// The options the view was built with.
    pub fn options(&self) -> InfOptions {
        self.options
    }

    /// All sections, each once, in order of first appearance.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// Looks a section up by name, case-insensitively.
    pub fn section(&self, name: &str) -> Option<&Section> {
        self.section_index(name).map(|i| &self.sections[i as usize])
    }

    /// The position in [`Self::sections`] of the section named `name` (case-insensitively): a
    /// small key for sets and maps of sections.
    pub fn section_index(&self, name: &str) -> Option<u32> {
        self.index.find(folded_hash(name), |si| {
            eq_fold(&self.sections[si as usize].name, name)
        })
    }

    /// The Strings line defining `key` (case-insensitively), by index.
    fn string_line_index(&self, key: &str) -> Option<u32> {
        self.strings
            .find(folded_hash(key), |li| self.string_key_is(li, key))
    }

    /// Whether Strings line `li` defines `key` (case-insensitively).
    fn string_key_is(&self, li: u32, key: &str) -> bool {
        raw_key(&self.tree, &self.tree.lines()[li as usize]).is_some_and(|k| eq_fold(k, key))
    }

    /// Whether a section exists (an empty section exists too).
    pub fn has_section(&self, name: &str) -> bool {
        self.section(name).is_some()
    }

    /// The lines of a section, in file order (empty when the section does not exist).
    pub fn lines<'a>(&'a self, section: &str) -> impl Iterator<Item = LineRef<'a>> + 'a {
        let ids: &'a [u32] = self.section(section).map_or(&[], |s| s.lines.as_slice());
        ids.iter().map(move |&i| LineRef {
            inf: self,
            index: i,
        })
    }

    /// The lines of a section object.
    pub fn section_lines<'a>(
        &'a self,
        section: &'a Section,
    ) -> impl Iterator<Item = LineRef<'a>> + 'a {
        section.lines.iter().map(move |&i| LineRef {
            inf: self,
            index: i,
        })
    }

    /// A line by its index in the syntax tree.
    pub fn line(&self, index: u32) -> LineRef<'_> {
        LineRef { inf: self, index }
    }

    /// The first line of `section` whose key matches `key` after substitution (what
    /// `SetupFindFirstLine` returns).
    pub fn find_line(&self, section: &str, key: &str) -> Option<LineRef<'_>> {
        let lines = &self.section(section)?.lines;
        if lines.is_empty() {
            return None;
        }
        let (keys, wanted) = (self.line_keys(), folded_hash(key));
        lines
            .iter()
            .filter(|&&i| keys.0[i as usize] == wanted)
            .map(|&i| self.line(i))
            .find(|l| l.key_matches(key))
    }

    /// Every line of `section` whose key matches `key` (multi-valued directives).
    pub fn find_lines<'a>(
        &'a self,
        section: &str,
        key: &'a str,
    ) -> impl Iterator<Item = LineRef<'a>> + 'a {
        let ids: &'a [u32] = self.section(section).map_or(&[], |s| s.lines.as_slice());
        self.lines_keyed(ids, key)
    }

    /// Like [`Self::find_lines`] for a section already looked up (no name lookup).
    pub fn find_lines_in<'a>(
        &'a self,
        section: &'a Section,
        key: &'a str,
    ) -> impl Iterator<Item = LineRef<'a>> + 'a {
        self.lines_keyed(&section.lines, key)
    }

    /// The lines among `ids` whose match key equals `key`, case-insensitively: those whose key
    /// hash is `key`'s, confirmed by comparing the text.
    fn lines_keyed<'a>(
        &'a self,
        ids: &'a [u32],
        key: &'a str,
    ) -> impl Iterator<Item = LineRef<'a>> + 'a {
        // No hashing (nor building the hashes) for a section without lines.
        let wanted = (!ids.is_empty()).then(|| (self.line_keys(), folded_hash(key)));
        ids.iter()
            .filter(move |&&i| wanted.as_ref().is_some_and(|(k, h)| k.0[i as usize] == *h))
            .map(move |&i| LineRef {
                inf: self,
                index: i,
            })
            .filter(move |l| l.key_matches(key))
    }

    /// The key hash of every line, computed on first use.
    fn line_keys(&self) -> &LineKeys {
        self.line_keys.get_or_init(|| {
            LineKeys(
                self.tree
                    .lines()
                    .iter()
                    .map(|line| {
                        // Lines without a key never match: any hash will do, the text check
                        // rejects them.
                        raw_key(&self.tree, line)
                            .map_or(0, |k| folded_hash(&self.expand(truncated(k))))
                    })
                    .collect(),
            )
        })
    }

    /// The name of the Strings section in use.
    pub fn strings_section(&self) -> Option<&Section> {
        self.strings_section.map(|i| &self.sections[i as usize])
    }

    /// The raw value of a Strings key (first field of its line, not substituted), if defined.
    pub fn string(&self, key: &str) -> Option<&str> {
        let li = self.string_line_index(key)?;
        let line = &self.tree.lines()[li as usize];
        Some(
            self.tree
                .line_fields(line)
                .first()
                .map_or("", |f| self.tree.field_text(f)),
        )
    }

    /// The Strings line defining `key`.
    pub fn string_line(&self, key: &str) -> Option<LineRef<'_>> {
        self.string_line_index(key).map(|i| self.line(i))
    }

    /// Chooses the Strings section for a LANGID (inf-syntax.md §2.8): exact `Strings.LLLL`,
    /// then the primary language with SUBLANG_NEUTRAL, then any sublanguage of the same
    /// primary language, then `[Strings]`.
    fn choose_strings_section(&self, langid: Option<u16>) -> Option<u32> {
        if let Some(lang) = langid {
            let localized: Vec<(u16, u32)> = self
                .sections
                .iter()
                .enumerate()
                .filter_map(|(i, s)| {
                    let suffix = s
                        .name
                        .get(..8)
                        .filter(|p| p.eq_ignore_ascii_case("strings."))?;
                    let _ = suffix;
                    let hex = &s.name[8..];
                    if hex.len() != 4 {
                        return None;
                    }
                    u16::from_str_radix(hex, 16).ok().map(|id| (id, i as u32))
                })
                .collect();
            let primary = lang & 0x3FF;
            if let Some(&(_, i)) = localized.iter().find(|(id, _)| *id == lang) {
                return Some(i);
            }
            if let Some(&(_, i)) = localized.iter().find(|(id, _)| *id == primary) {
                return Some(i);
            }
            if let Some(&(_, i)) = localized.iter().find(|(id, _)| id & 0x3FF == primary) {
                return Some(i);
            }
        }
        self.section_index("strings")
    }

    /// Substitutes `%strkey%`, `%%` and `%dirid%` tokens in layer-1 text, exactly one level
    /// (inf-syntax.md §2.2–§2.7). Undefined tokens are kept literally.
    pub fn expand<'s>(&self, text: &'s str) -> Cow<'s, str> {
        self.expand_reporting(text, &mut |_, _| {})
    }

    /// Like [`Self::expand`], calling `undefined(name, byte_range_in_text)` for every token
    /// that is neither a Strings key nor a DIRID.
    pub fn expand_reporting<'s>(
        &self,
        text: &'s str,
        undefined: &mut dyn FnMut(&str, std::ops::Range<usize>),
    ) -> Cow<'s, str> {
        if !has_percent(text) {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() + 16);
        let mut rest_at = 0usize;
        while let Some(open_rel) = text[rest_at..].find('%') {
            let open = rest_at + open_rel;
            out.push_str(&text[rest_at..open]);
            let Some(close_rel) = text[open + 1..].find('%') else {
                // A trailing unpaired `%…` is copied literally.
                out.push_str(&text[open..]);
                rest_at = text.len();
                break;
            };
            let close = open + 1 + close_rel;
            let name = &text[open + 1..close];
            rest_at = close + 1;
            if name.is_empty() {
                out.push('%');
            } else if let Some(value) = self.string(name) {
                // Only the first MAX_FIELD_CHARS characters survive the truncation below; copying
                // no more keeps many tokens naming a huge value from allocating without bound.
                push_at_most(&mut out, value, EXPANSION_CAP_BYTES);
            } else if let Some(id) = parse_dirid_token(name) {
                match (
                    self.options.dirids,
                    dirid_info(id).and_then(|d| d.default_path),
                ) {
                    (DiridPolicy::DefaultInstallation, Some(path)) => {
                        // A DIRID path ending in `\` loses it when a `\` follows the token
                        // (only DIRIDs, never Strings values: inf-syntax.md §2.7).
                        if path.ends_with('\\') && text[rest_at..].starts_with('\\') {
                            out.push_str(&path[..path.len() - 1]);
                        } else {
                            out.push_str(path);
                        }
                    }
                    _ => out.push_str(&text[open..=close]),
                }
            } else {
                undefined(name, open..close + 1);
                out.push_str(&text[open..=close]);
            }
        }
        out.push_str(&text[rest_at..]);
        truncate_chars(&mut out, MAX_FIELD_CHARS);
        Cow::Owned(out)
    }

    /// Every undefined `%strkey%` token used in the file, outside the Strings sections
    /// (InfVerif 1235), with the best span available.
    pub fn undefined_tokens(&self) -> Vec<UndefinedToken> {
        let mut found = Vec::new();
        for section in &self.sections {
            if is_strings_section_name(&section.name) {
                continue;
            }
            for line in self.section_lines(section) {
                let key = line.raw_key_field();
                for field in key.into_iter().chain(line.raw_fields()) {
                    let text = self.tree.field_text(field);
                    if !has_percent(text) {
                        continue;
                    }
                    let slice_start = match &field.text {
                        crate::syntax::FieldText::Slice(s) => Some(s.start as usize),
                        crate::syntax::FieldText::Owned(_) => None,
                    };
                    self.expand_reporting(text, &mut |name, range| {
                        let span = match slice_start {
                            Some(s) => Span::new(s + range.start, s + range.end),
                            None => field.span,
                        };
                        found.push(UndefinedToken {
                            name: name.to_owned(),
                            span,
                        });
                    });
                }
            }
        }
        found
    }
}

/// Whether a section name is `Strings` or `Strings.LLLL`.
pub fn is_strings_section_name(name: &str) -> bool {
    name.eq_ignore_ascii_case("strings")
        || (name.len() > 8
            && name
                .get(..8)
                .is_some_and(|p| p.eq_ignore_ascii_case("strings.")))
}

/// Whether `text` contains `%` (most fields are short, where a plain scan beats a vector search).
fn has_percent(text: &str) -> bool {
    if text.len() < 32 {
        text.bytes().any(|b| b == b'%')
    } else {
        memchr::memchr(b'%', text.as_bytes()).is_some()
    }
}

/// Bytes of substituted text that always hold more than [`MAX_FIELD_CHARS`] characters (a
/// character takes at most four bytes).
const EXPANSION_CAP_BYTES: usize = (MAX_FIELD_CHARS + 1) * 4;

/// Appends `s` to `out`, cut on a character boundary so that `out` stays within `cap` bytes.
fn push_at_most(out: &mut String, s: &str, cap: usize) {
    let room = cap.saturating_sub(out.len());
    if s.len() <= room {
        out.push_str(s);
        return;
    }
    let mut end = room;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    out.push_str(&s[..end]);
}

fn truncate_chars(s: &mut String, max: usize) {
    if s.len() > max {
        if let Some((i, _)) = s.char_indices().nth(max) {
            s.truncate(i);
        }
    }
}

/// The key SetupAPI matches for a line at layer 1: explicit key or implicit single field.
fn raw_key<'t>(tree: &'t SyntaxTree, line: &'t Line) -> Option<&'t str> {
    crate::parse::line_key_text(tree, line)
}

/// A line of an [`Inf`], with SetupAPI-style accessors.
#[derive(Clone, Copy)]
pub struct LineRef<'a> {
    inf: &'a Inf,
    index: u32,
}

impl std::fmt::Debug for LineRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LineRef")
            .field("line", &self.line_no())
            .field("text", &self.text())
            .finish()
    }
}

impl<'a> LineRef<'a> {
    /// The underlying syntax line.
    pub fn syntax(&self) -> &'a Line {
        &self.inf.tree.lines()[self.index as usize]
    }

    /// Index of the line in the syntax tree.
    pub fn index(&self) -> u32 {
        self.index
    }

    /// The INF it belongs to.
    pub fn inf(&self) -> &'a Inf {
        self.inf
    }

    /// 1-based physical line number where the logical line starts.
    pub fn line_no(&self) -> u32 {
        self.syntax().line
    }

    /// Span of the line's content.
    pub fn span(&self) -> Span {
        self.syntax().span
    }

    /// The source text of the line (content only).
    pub fn text(&self) -> &'a str {
        &self.inf.tree.text()[self.span().range()]
    }

    /// Name of the section the line belongs to, as written in its header.
    pub fn section_header_name(&self) -> Option<&'a str> {
        self.syntax()
            .header
            .map(|h| self.inf.tree.headers()[h as usize].name.as_str())
    }

    /// The explicit key field, if any.
    pub fn raw_key_field(&self) -> Option<&'a Field> {
        self.inf.tree.line_key(self.syntax())
    }

    /// The explicit key after substitution (`None` when the line has no `=`).
    pub fn key(&self) -> Option<Cow<'a, str>> {
        self.raw_key_field()
            .map(|f| self.inf.expand(truncated(self.inf.tree.field_text(f))))
    }

    /// The key Windows matches: explicit key, or the single field of a one-field line, after
    /// substitution.
    pub fn match_key(&self) -> Option<Cow<'a, str>> {
        raw_key(&self.inf.tree, self.syntax()).map(|k| self.inf.expand(truncated(k)))
    }

    /// The explicit or implicit key before substitution.
    pub fn raw_match_key(&self) -> Option<&'a str> {
        raw_key(&self.inf.tree, self.syntax())
    }

    /// Whether the key (after substitution) equals `key`, case-insensitively.
    pub fn key_matches(&self, key: &str) -> bool {
        self.match_key().is_some_and(|k| eq_fold(&k, key))
    }

    /// Number of value fields.
    pub fn field_count(&self) -> usize {
        self.syntax().field_count()
    }

    /// The value fields as syntax nodes.
    pub fn raw_fields(&self) -> &'a [Field] {
        self.inf.tree.line_fields(self.syntax())
    }

    /// Value field `n` (1-based, as SetupGetStringField numbers them) before substitution.
    pub fn raw_field(&self, n: usize) -> Option<&'a str> {
        let f = self.raw_fields().get(n.checked_sub(1)?)?;
        Some(truncated(self.inf.tree.field_text(f)))
    }

    /// Value field `n` (1-based) after substitution.
    pub fn field(&self, n: usize) -> Option<Cow<'a, str>> {
        self.raw_field(n).map(|t| self.inf.expand(t))
    }

    /// Span of value field `n` (1-based).
    pub fn field_span(&self, n: usize) -> Option<Span> {
        Some(self.raw_fields().get(n.checked_sub(1)?)?.span)
    }

    /// All value fields after substitution.
    pub fn fields(&self) -> impl Iterator<Item = Cow<'a, str>> + 'a {
        let inf = self.inf;
        self.raw_fields()
            .iter()
            .map(move |f| inf.expand(truncated(inf.tree.field_text(f))))
    }

    /// Value field `n` read as an integer the way SetupGetIntField does: substituted, empty → 0,
    /// decimal or `0x` hex (leading-zero octal as Wine does), the whole text consumed.
    pub fn int_field(&self, n: usize) -> Option<Result<i64, IntFieldError>> {
        let text = if n == 0 {
            self.match_key()?
        } else {
            self.field(n)?
        };
        Some(parse_int(&text))
    }

    /// Fields from `n` on, read as a multi-sz: each field one string, stopping at the first
    /// empty field (SetupGetMultiSzField).
    pub fn multi_sz(&self, n: usize) -> Vec<Cow<'a, str>> {
        self.fields()
            .skip(n.saturating_sub(1))
            .take_while(|s| !s.is_empty())
            .collect()
    }

    /// Fields from `n` on, read as bytes the way SetupGetBinaryField does (raw text, hex,
    /// optional `0x`, each ≤ 0xFF).
    pub fn binary(&self, n: usize) -> Result<Vec<u8>, IntFieldError> {
        let mut out = Vec::new();
        for f in self.raw_fields().iter().skip(n.saturating_sub(1)) {
            let t = self.inf.tree.field_text(f).trim();
            let hex = t
                .strip_prefix("0x")
                .or_else(|| t.strip_prefix("0X"))
                .unwrap_or(t);
            let v = u32::from_str_radix(hex, 16).map_err(|_| IntFieldError::NotANumber)?;
            if v > 0xFF {
                return Err(IntFieldError::OutOfRange);
            }
            out.push(v as u8);
        }
        Ok(out)
    }
}

/// Why a field could not be read as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IntFieldError {
    /// Not a decimal or hexadecimal number (ERROR_INVALID_DATA).
    #[error("not a number")]
    NotANumber,
    /// Does not fit (a byte for binary fields, 32 bits for integers).
    #[error("number out of range")]
    OutOfRange,
}

fn truncated(s: &str) -> &str {
    if s.len() <= MAX_FIELD_CHARS {
        return s;
    }
    match s.char_indices().nth(MAX_FIELD_CHARS) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Parses an integer as SetupGetIntField does: empty → 0; `0x` hex; leading-zero octal; decimal;
/// optional sign; the whole text must be consumed.
pub fn parse_int(text: &str) -> Result<i64, IntFieldError> {
    let t = text.trim_start();
    if t.is_empty() {
        return Ok(0);
    }
    let (neg, body) = match t.as_bytes()[0] {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    let (radix, digits) =
        if let Some(h) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            (16, h)
        } else if body.len() > 1 && body.starts_with('0') {
            (8, &body[1..])
        } else {
            (10, body)
        };
    if digits.is_empty() {
        return Err(IntFieldError::NotANumber);
    }
    let v = i64::from_str_radix(digits, radix).map_err(|e| match e.kind() {
        std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow => {
            IntFieldError::OutOfRange
        }
        _ => IntFieldError::NotANumber,
    })?;
    if v > u32::MAX as i64 {
        return Err(IntFieldError::OutOfRange);
    }
    Ok(if neg { -v } else { v })
}

/// A hash of `name` that equal names under [`eq_fold`] share: a hash of the bytes of
/// [`fold_case`], computed without allocating for ASCII names.
fn folded_hash(name: &str) -> u32 {
    match hash_ascii_folded(name.as_bytes()) {
        Some(h) => h,
        None => {
            let folded = fold_case(name);
            hash_ascii_folded(folded.as_bytes())
                .unwrap_or_else(|| hash_bytes_folded(folded.as_bytes()))
        }
    }
}

/// Hashes ASCII bytes with the letters lower-cased, eight bytes at a time; `None` when a byte
/// is not ASCII (the text needs Unicode folding first).
fn hash_ascii_folded(bytes: &[u8]) -> Option<u32> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut seen = 0u64;
    let h = hash_words(bytes, |w| {
        seen |= w;
        w
    });
    (seen & HIGH == 0).then_some(h)
}

/// Hashes bytes with the ASCII letters lower-cased (bytes ≥ 0x80 kept), for text that stays
/// non-ASCII once folded.
fn hash_bytes_folded(bytes: &[u8]) -> u32 {
    hash_words(bytes, |w| w)
}

/// Hashes bytes eight at a time with the ASCII capitals lower-cased, passing every word through
/// `look` first.
fn hash_words(bytes: &[u8], mut look: impl FnMut(u64) -> u64) -> u32 {
    /// Lower-cases the ASCII capitals among eight bytes (bytes ≥ 0x80 are left alone).
    fn lower8(w: u64) -> u64 {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let low7 = w & !HIGH;
        let at_least_a = low7 + 0x3F3F_3F3F_3F3F_3F3F; // high bit set where byte ≥ b'A'
        let above_z = low7 + 0x2525_2525_2525_2525; // high bit set where byte > b'Z'
        let capital = at_least_a & !above_z & !w & HIGH;
        w | (capital >> 2)
    }
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut mix = |h: u64, w: u64| (h ^ lower8(look(w))).wrapping_mul(K).rotate_left(29);
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word: [u8; 8] = chunk.try_into().unwrap_or_default();
        h = mix(h, u64::from_le_bytes(word));
    }
    // The last 1 to 7 bytes in one word without a copy loop: two overlapping 4-byte reads, or
    // first, middle and last byte (the length is already in the hash).
    let tail = chunks.remainder();
    let n = tail.len();
    if n >= 4 {
        let lo: [u8; 4] = tail[..4].try_into().unwrap_or_default();
        let hi: [u8; 4] = tail[n - 4..].try_into().unwrap_or_default();
        let word = u64::from(u32::from_le_bytes(lo)) | u64::from(u32::from_le_bytes(hi)) << 32;
        h = mix(h, word);
    } else if n > 0 {
        let word = u64::from(tail[0]) | u64::from(tail[n / 2]) << 8 | u64::from(tail[n - 1]) << 16;
        h = mix(h, word);
    }
    (h ^ (h >> 32)) as u32
}

/// An open-addressing table from case-insensitive names to indices. The names themselves stay
/// where they are (section names, Strings keys in the tree); the caller supplies the
/// comparison, so building the table allocates nothing per name.
#[derive(Debug, Clone, Default)]
struct FoldedIndex {
    /// `(hash, index + 1)`; `index + 1 == 0` marks an empty slot. The length is a power of two.
    slots: Vec<(u32, u32)>,
    len: usize,
}

impl FoldedIndex {
    fn with_capacity(n: usize) -> Self {
        FoldedIndex {
            slots: vec![(0, 0); (n * 2).next_power_of_two().max(8)],
            len: 0,
        }
    }

    /// The index stored for a name with `hash` for which `same` holds.
    fn find(&self, hash: u32, mut same: impl FnMut(u32) -> bool) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            let (h, v) = self.slots[at];
            if v == 0 {
                return None;
            }
            if h == hash && same(v - 1) {
                return Some(v - 1);
            }
            at = (at + 1) & mask;
        }
    }

    /// Adds `index` under `hash` (the caller has checked that the name is not there yet).
    fn insert(&mut self, hash: u32, index: u32) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        while self.slots[at].1 != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = (hash, index + 1);
        self.len += 1;
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        self.slots = vec![(0, 0); (old.len() * 2).max(8)];
        let mask = self.slots.len() - 1;
        for (h, v) in old.into_iter().filter(|&(_, v)| v != 0) {
            let mut at = h as usize & mask;
            while self.slots[at].1 != 0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = (h, v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse, SourceText};

    fn inf(text: &str) -> Inf {
        Inf::new(parse(SourceText::from_text(text)))
    }

    #[test]
    fn sections_merge_and_are_found_case_insensitively() {
        let inf = inf("[Version]\nSignature=$Windows NT$\n[Models]\na=1\n[MODELS]\nb=2\n[\u{c9}t\u{c9}]\nc=3\n");
        assert_eq!(inf.sections().len(), 3);
        let models = inf.section("models").expect("merged section");
        assert_eq!(models.name, "Models");
        assert_eq!(models.headers.len(), 2);
        assert_eq!(models.lines.len(), 2);
        assert!(inf.has_section("\u{e9}T\u{e9}"));
        assert!(!inf.has_section("Model"));
    }

    #[test]
    fn names_that_fold_to_the_same_text_are_the_same_name() {
        // U+212A KELVIN SIGN lower-cases to an ASCII `k`.
        let inf = inf("[\u{212A}ey]\na=1\n[key]\nb=2\n[Strings]\n\u{212A}=kelvin\n");
        assert_eq!(inf.sections().len(), 2);
        assert_eq!(inf.section("KEY").map(|s| s.lines.len()), Some(2));
        assert_eq!(inf.string("k"), Some("kelvin"));
    }

    #[test]
    fn the_first_strings_definition_wins() {
        let inf = inf("[Strings]\nName=first\nNAME=second\nother=x\n");
        assert_eq!(inf.string("name"), Some("first"));
        assert_eq!(inf.string("OTHER"), Some("x"));
        assert_eq!(inf.string("missing"), None);
        assert_eq!(inf.expand("%name% %Other% %missing%"), "first x %missing%");
    }

    #[test]
    fn many_names_are_all_found() {
        let mut text = String::from("[Strings]\n");
        for i in 0..1000 {
            text.push_str(&format!("s{i}=v{i}\n"));
        }
        for i in 0..1000 {
            text.push_str(&format!("[Sec{i}]\n"));
        }
        let inf = inf(&text);
        assert_eq!(inf.sections().len(), 1001);
        for i in (0..1000).step_by(37) {
            assert!(inf.has_section(&format!("SEC{i}")));
            assert_eq!(inf.string(&format!("S{i}")), Some(format!("v{i}").as_str()));
        }
    }

    #[test]
    fn the_folded_hash_ignores_ascii_case_only() {
        let all: String = (0u8..0x80).map(char::from).collect();
        assert_eq!(folded_hash(&all), folded_hash(&all.to_ascii_lowercase()));
        assert_eq!(
            folded_hash(&all.to_ascii_uppercase()),
            folded_hash(&all.to_ascii_lowercase())
        );
        assert_eq!(folded_hash("Strings.0407"), folded_hash("STRINGS.0407"));
        assert_eq!(folded_hash("\u{c9}T\u{c9}"), folded_hash("\u{e9}t\u{e9}"));
        // `@` and `[` sit next to the capitals and must not be folded into `` ` `` and `{`.
        assert_ne!(folded_hash("@["), folded_hash("`{"));
        assert_ne!(folded_hash("ab"), folded_hash("ab\0"));
    }

    #[test]
    fn the_folded_index_keeps_every_entry_when_it_grows() {
        let names: Vec<String> = (0..500).map(|i| format!("Name{i}")).collect();
        let mut index = FoldedIndex::default();
        for (i, name) in names.iter().enumerate() {
            index.insert(folded_hash(name), i as u32);
        }
        for (i, name) in names.iter().enumerate() {
            let upper = name.to_uppercase();
            assert_eq!(
                index.find(folded_hash(&upper), |j| eq_fold(&names[j as usize], &upper)),
                Some(i as u32)
            );
        }
        assert_eq!(
            index.find(folded_hash("Name500"), |j| eq_fold(
                &names[j as usize],
                "Name500"
            )),
            None
        );
    }

    #[test]
    fn key_lookups_match_substituted_and_folded_keys() {
        // Keys written through a Strings token, in another case, with a non-ASCII character
        // that folds to ASCII (U+212A KELVIN SIGN), implicit keys, and keyless lines.
        let inf = inf(
            "[Install]\n%dir%=A\nADDREG=B\nAddReg\nx,AddReg\n\u{212A}ey=C\nCopyFiles=D\n\
             [Empty]\n[Strings]\ndir=AddReg\n",
        );
        let found: Vec<String> = inf
            .find_lines("install", "addreg")
            .map(|l| l.text().to_owned())
            .collect();
        assert_eq!(found, ["%dir%=A", "ADDREG=B", "AddReg"]);
        assert_eq!(
            inf.find_lines("Install", "KEY")
                .map(|l| l.text())
                .collect::<Vec<_>>(),
            ["\u{212A}ey=C"]
        );
        let install = inf.section("Install").unwrap();
        assert_eq!(
            inf.find_lines_in(install, "AddReg").count(),
            inf.find_lines("Install", "AddReg").count()
        );
        assert_eq!(
            inf.find_line("Install", "copyfiles").map(|l| l.text()),
            Some("CopyFiles=D")
        );
        assert!(inf.find_line("Install", "x").is_none());
        assert!(inf.find_line("Empty", "AddReg").is_none());
        assert!(inf.find_line("Missing", "AddReg").is_none());
        assert_eq!(inf.section_index("empty"), Some(1));
        assert_eq!(inf.section_index("missing"), None);
    }

    #[test]
    fn names_equal_but_for_ascii_case_are_equal_folded() {
        assert!(eq_fold("AddReg", "addREG"));
        assert!(eq_fold("\u{c9}t\u{c9}", "\u{c9}T\u{c9}"));
        assert!(eq_fold("\u{c9}t\u{c9}", "\u{e9}t\u{e9}"));
        assert!(eq_fold("\u{212A}ey", "KEY"));
        assert!(!eq_fold("AddReg", "AddRegs"));
        assert!(!eq_fold("AddReg", "DelReg"));
        assert!(!eq_fold("@[", "`{"));
        for name in [
            "a",
            "abc",
            "abcd",
            "abcdefg",
            "abcdefgh",
            "abcdefghijk",
            "ab\u{e9}cd",
        ] {
            assert_eq!(
                folded_hash(name),
                folded_hash(&name.to_uppercase()),
                "{name}"
            );
        }
    }

    #[test]
    fn undefined_tokens_in_quoted_fields_have_exact_spans() {
        let inf = inf("[Version]\nSignature=\"$Windows NT$\"\n[s]\nk = \"x %nope% y\"\n");
        let found = inf.undefined_tokens();
        assert_eq!(found.len(), 1);
        assert_eq!(&inf.tree().text()[found[0].span.range()], "%nope%");
    }
}
