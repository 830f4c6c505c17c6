//! [`Name`]: a section name, stored in place when short, else in one buffer per tree.
//!
//! A file has a section header per ten lines or so, and its name was a `String` of its own in
//! the header and again in the merged section: two allocations per header, about seven in ten
//! of all the allocations of decode + parse + `Inf` on the corpus. A `Name` holds a name of up
//! to [`INLINE_CAPACITY`] bytes in place (95% of the corpus's section names); a longer one is a
//! byte range of one buffer per tree holding every long header name. So building a header
//! costs no allocation, and copying a short name (into [`crate::Section`], or by a caller) is a
//! copy of 32 bytes. The long ones, shared, were the first design for every name: the atomic
//! reference-count updates of cloning and dropping them, two per header and two per section,
//! were about 5% of decode + parse + `Inf` on the corpus (measured against a non-atomic count).
//! The scanner names short headers as it meets them and collects the long names
//! ([`LongNames`]), which get their shared buffer at the end ([`name_long_headers`]).

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, Range};
use std::sync::Arc;

use serde::{Serialize, Serializer};

use crate::syntax::Header;

/// Longest name (in bytes) a [`Name`] holds in place.
pub(crate) const INLINE_CAPACITY: usize = 30;

/// A section name: reads as a `&str` (it dereferences to one) and compares, hashes, prints
/// and serializes as its text.
///
/// A short name is stored in place; a longer one lives in a buffer shared by the long names of
/// one syntax tree. Cloning a name allocates nothing either way.
#[derive(Clone)]
pub struct Name(Repr);

#[derive(Clone)]
enum Repr {
    /// The first `len` bytes of `bytes`, which are valid UTF-8 (they are copied from a `&str`
    /// by [`Name::inline`], the only place this variant is made).
    Inline {
        len: u8,
        bytes: [u8; INLINE_CAPACITY],
    },
    /// `buffer[start..end]` (checked to be a `str` range when made).
    Shared {
        buffer: Arc<String>,
        start: u32,
        end: u32,
    },
}

impl Name {
    /// `text` in place, if it is short enough.
    fn inline(text: &str) -> Option<Name> {
        let len = text.len();
        if len > INLINE_CAPACITY {
            return None;
        }
        let mut bytes = [0u8; INLINE_CAPACITY];
        bytes[..len].copy_from_slice(text.as_bytes());
        Some(Name(Repr::Inline {
            len: len as u8,
            bytes,
        }))
    }

    /// The name at `range` of a shared `buffer` (an empty name if the range is not one).
    pub(crate) fn in_buffer(buffer: &Arc<String>, range: Range<u32>) -> Name {
        let valid = buffer
            .get(range.start as usize..range.end as usize)
            .is_some();
        let (start, end) = if valid {
            (range.start, range.end)
        } else {
            (0, 0)
        };
        Name(Repr::Shared {
            buffer: Arc::clone(buffer),
            start,
            end,
        })
    }

    /// The name as a string slice.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, bytes } => {
                let bytes = bytes.get(..usize::from(*len)).unwrap_or_default();
                // SAFETY: an inline name's first `len` bytes are a copy of a whole `&str`
                // (`Name::inline`, the only constructor of `Repr::Inline`; the fields are
                // private to this module and never written after), so they are valid UTF-8.
                // `str::from_utf8` would validate them again on every read, and names are
                // read on every section lookup.
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
            // The range is checked at construction; `get` keeps this free of any panic anyway.
            Repr::Shared { buffer, start, end } => buffer
                .get(*start as usize..*end as usize)
                .unwrap_or_default(),
        }
    }

    /// Heap bytes of the buffer this name shares, if it is a long name (counted once per tree
    /// by [`crate::SyntaxTree::heap_bytes`]): its text capacity and the shared allocation that
    /// holds the reference counts.
    pub(crate) fn buffer_heap_bytes(&self) -> Option<usize> {
        match &self.0 {
            Repr::Inline { .. } => None,
            Repr::Shared { buffer, .. } => Some(
                buffer.capacity()
                    + std::mem::size_of::<String>()
                    + 2 * std::mem::size_of::<usize>(),
            ),
        }
    }
}

impl From<&str> for Name {
    /// A name for text that does not come from a parsed tree: in place, or with a buffer of
    /// its own.
    fn from(text: &str) -> Name {
        Name::inline(text).unwrap_or_else(|| Name::from(text.to_owned()))
    }
}

impl From<String> for Name {
    /// A name for `text`: in place, or owning `text` as its buffer.
    fn from(text: String) -> Name {
        if let Some(name) = Name::inline(&text) {
            return name;
        }
        let end = u32::try_from(text.len()).unwrap_or(u32::MAX);
        Name::in_buffer(&Arc::new(text), 0..end)
    }
}

impl From<&Name> for String {
    fn from(name: &Name) -> String {
        name.as_str().to_owned()
    }
}

impl From<Name> for String {
    fn from(name: Name) -> String {
        name.as_str().to_owned()
    }
}

impl Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Name {}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Name) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Name {
    // The same hash as the text's, as `Borrow<str>` requires.
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Names the headers' long names ([`LongNames`] collected them while scanning): their
/// placeholder names become ranges of one buffer sized exactly.
pub(crate) fn name_long_headers(headers: &mut [Header], long: LongNames) {
    if long.headers.is_empty() {
        return;
    }
    let buffer = Arc::new(long.text);
    for (index, range) in long.headers {
        if let Some(header) = headers.get_mut(index as usize) {
            header.name = Name::in_buffer(&buffer, range);
        }
    }
}

/// The long names of a tree's headers, collected while scanning: their text, one after the
/// other, and for each the header's index and its range of the text.
#[derive(Default)]
pub(crate) struct LongNames {
    text: String,
    headers: Vec<(u32, Range<u32>)>,
}

impl LongNames {
    /// The name of header `index`: in place if short; else a placeholder (the empty name),
    /// with the text kept for [`name_long_headers`].
    pub(crate) fn name(&mut self, index: u32, name: &str) -> Name {
        if let Some(inline) = Name::inline(name) {
            return inline;
        }
        let start = self.text.len() as u32;
        self.text.push_str(name);
        self.headers.push((index, start..self.text.len() as u32));
        Name(Repr::Inline {
            len: 0,
            bytes: [0; INLINE_CAPACITY],
        })
    }
}

/// A header name as Windows reads it: NUL is a space. `first_nul` is the file's first NUL, so
/// most names need no search for one.
pub(crate) fn header_name(raw: &str, first_nul: Option<usize>, name_end: usize) -> Cow<'_, str> {
    if first_nul.is_some_and(|n| n < name_end) && raw.contains('\0') {
        Cow::Owned(raw.replace('\0', " "))
    } else {
        Cow::Borrowed(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_one_buffer_read_their_own_range() {
        let buffer = Arc::new("VersionStrings".to_owned());
        let version = Name::in_buffer(&buffer, 0..7);
        let strings = Name::in_buffer(&buffer, 7..14);
        assert_eq!(version, "Version");
        assert_eq!(&*strings, "Strings");
        assert_eq!(strings.clone(), Name::from("Strings"));
        assert_eq!(format!("[{version}] {strings:?}"), "[Version] \"Strings\"");
        assert!(version.eq_ignore_ascii_case("VERSION"));
    }

    #[test]
    fn a_range_that_is_not_in_the_buffer_reads_as_empty() {
        let buffer = Arc::new("\u{e9}t\u{e9}".to_owned());
        assert_eq!(Name::in_buffer(&buffer, 1..3), "");
        assert_eq!(Name::in_buffer(&buffer, 2..9), "");
        assert_eq!(Name::in_buffer(&buffer, 0..2), "\u{e9}");
    }

    #[test]
    fn a_name_serializes_and_hashes_as_its_text() {
        let name = Name::from("Models.NTamd64");
        assert_eq!(serde_json::to_string(&name).unwrap(), "\"Models.NTamd64\"");
        let set: std::collections::HashSet<Name> = [name].into_iter().collect();
        assert!(set.contains("Models.NTamd64"));
    }

    /// The shared buffer of a long name.
    fn buffer(name: &Name) -> Option<&Arc<String>> {
        match &name.0 {
            Repr::Inline { .. } => None,
            Repr::Shared { buffer, .. } => Some(buffer),
        }
    }

    #[test]
    fn short_names_are_in_place_and_long_ones_share_one_buffer() {
        let long = "L".repeat(INLINE_CAPACITY + 1);
        let text = format!(
            "[Version]\nSignature=\"$Windows NT$\"\n[A\0B]\nx=1\n[{long}1]\n[version]\n[{long}2]\n[\u{e9}t\u{e9}\n[{}]\n",
            "\u{e9}".repeat(INLINE_CAPACITY / 2)
        );
        let tree = crate::parse(crate::decode(text.as_bytes(), 65001));
        let names: Vec<&str> = tree.headers().iter().map(|h| h.name.as_str()).collect();
        let (long1, long2) = (format!("{long}1"), format!("{long}2"));
        let accents = "\u{e9}".repeat(INLINE_CAPACITY / 2);
        assert_eq!(
            names,
            [
                "Version",
                "A B",
                &long1,
                "version",
                &long2,
                "\u{e9}t\u{e9}",
                &accents
            ]
        );
        let shared: Vec<&Arc<String>> = tree
            .headers()
            .iter()
            .filter_map(|h| buffer(&h.name))
            .collect();
        assert_eq!(shared.len(), 2);
        assert!(Arc::ptr_eq(shared[0], shared[1]));
        assert_eq!(shared[0].as_str(), format!("{long1}{long2}"));
        for h in tree.headers() {
            assert_eq!(h.name.len(), h.name_span.len());
            assert_eq!(buffer(&h.name).is_some(), h.name.len() > INLINE_CAPACITY);
        }
        let inf = crate::Inf::new(tree.clone());
        let sections: Vec<&str> = inf.sections().iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            sections,
            ["Version", "A B", &long1, &long2, "\u{e9}t\u{e9}", &accents]
        );
        for s in inf.sections().iter().filter_map(|s| buffer(&s.name)) {
            assert!(Arc::ptr_eq(s, shared[0]));
        }
    }

    #[test]
    fn names_at_the_inline_limit_keep_their_text() {
        for len in [
            0,
            1,
            INLINE_CAPACITY - 1,
            INLINE_CAPACITY,
            INLINE_CAPACITY + 1,
            300,
        ] {
            let text = "x".repeat(len);
            for name in [Name::from(text.as_str()), Name::from(text.clone())] {
                assert_eq!(name.as_str(), text);
                assert_eq!(buffer(&name).is_some(), len > INLINE_CAPACITY);
                assert_eq!(name.clone(), name);
            }
        }
        // A multi-byte character at the limit: the bytes are copied whole.
        let text = format!("{}\u{e9}", "x".repeat(INLINE_CAPACITY - 2));
        assert_eq!(Name::from(text.as_str()).as_str(), text);
    }

    #[test]
    fn cloning_a_long_name_shares_its_buffer() {
        let name = Name::from("Manufacturer.NTamd64.10.0...19041.Extra");
        let copy = name.clone();
        assert!(Arc::ptr_eq(buffer(&name).unwrap(), buffer(&copy).unwrap()));
    }
}
