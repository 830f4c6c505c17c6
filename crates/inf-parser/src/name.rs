//! [`Name`]: a section name that shares one buffer with every other name of its tree.
//!
//! A file has a section header per ten lines or so, and its name was a `String` of its own in
//! the header and again in the merged section: two allocations per header, about seven in ten
//! of all the allocations of decode + parse + `Inf` on the corpus. A `Name` is instead a byte range of one buffer per tree holding
//! every header name, so building a header costs no allocation and copying a name (into
//! [`crate::Section`], or by a caller) is a reference-count increment. The parser records
//! headers without their names ([`PendingHeader`]) and names them all at the end
//! ([`named_headers`]), when the size of the buffer is known.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, Range};
use std::sync::Arc;

use serde::{Serialize, Serializer};

use crate::syntax::Header;
use crate::Span;

/// A section name: reads as a `&str` (it dereferences to one) and compares, hashes, prints
/// and serializes as its text.
///
/// The text lives in a buffer shared by all the names of one syntax tree, so cloning a name
/// allocates nothing.
#[derive(Clone)]
pub struct Name {
    /// Every name of the tree, one after the other.
    buffer: Arc<String>,
    /// Where this name is in `buffer`.
    start: u32,
    end: u32,
}

impl Name {
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
        Name {
            buffer: Arc::clone(buffer),
            start,
            end,
        }
    }

    /// The name as a string slice.
    pub fn as_str(&self) -> &str {
        // The range is checked at construction; `get` keeps this free of any panic anyway.
        self.buffer
            .get(self.start as usize..self.end as usize)
            .unwrap_or_default()
    }

    /// Heap bytes of the buffer this name shares (counted once per tree by
    /// [`crate::SyntaxTree::heap_bytes`]): its text capacity and the shared allocation that
    /// holds the reference counts.
    pub(crate) fn buffer_heap_bytes(&self) -> usize {
        self.buffer.capacity() + std::mem::size_of::<String>() + 2 * std::mem::size_of::<usize>()
    }
}

impl From<&str> for Name {
    /// A name with a buffer of its own (for names that do not come from a parsed tree).
    fn from(text: &str) -> Name {
        let end = u32::try_from(text.len()).unwrap_or(u32::MAX);
        Name::in_buffer(&Arc::new(text.to_owned()), 0..end)
    }
}

impl From<String> for Name {
    /// A name owning `text` as its buffer.
    fn from(text: String) -> Name {
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

/// A header as the scanner records it: all of [`Header`] but the name, which is read from the
/// text at the end ([`named_headers`]), once the size of the names' shared buffer is known.
pub(crate) struct PendingHeader {
    pub(crate) name_span: Span,
    pub(crate) span: Span,
    pub(crate) ignored_tail: Option<Span>,
    pub(crate) unterminated: bool,
    pub(crate) line: u32,
}

/// The headers with their names, all in one buffer sized exactly (a name has the length of
/// its span: NUL, the only character replaced, becomes a space, one byte for one).
pub(crate) fn named_headers(
    text: &str,
    first_nul: Option<usize>,
    pending: Vec<PendingHeader>,
) -> Vec<Header> {
    let raw_name = |h: &PendingHeader| text.get(h.name_span.range()).unwrap_or_default();
    let mut names = String::with_capacity(pending.iter().map(|h| raw_name(h).len()).sum());
    for h in &pending {
        names.push_str(&header_name(
            raw_name(h),
            first_nul,
            h.name_span.end as usize,
        ));
    }
    let names = Arc::new(names);
    // The names are in header order, each as long as its raw text.
    let mut start = 0u32;
    pending
        .into_iter()
        .map(|h| {
            let end = start + raw_name(&h).len() as u32;
            let name = Name::in_buffer(&names, start..end);
            start = end;
            Header {
                name,
                name_span: h.name_span,
                span: h.span,
                ignored_tail: h.ignored_tail,
                unterminated: h.unterminated,
                line: h.line,
            }
        })
        .collect()
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

    #[test]
    fn the_names_of_a_tree_and_its_sections_share_one_buffer() {
        let text =
            "[Version]\nSignature=\"$Windows NT$\"\n[A\0B]\nx=1\n[version]\n[\u{e9}t\u{e9}\n";
        let tree = crate::parse(crate::decode(text.as_bytes(), 65001));
        let names: Vec<&str> = tree.headers().iter().map(|h| h.name.as_str()).collect();
        assert_eq!(names, ["Version", "A B", "version", "\u{e9}t\u{e9}"]);
        let first = &tree.headers()[0].name;
        for h in tree.headers() {
            assert!(Arc::ptr_eq(&h.name.buffer, &first.buffer));
            assert_eq!(h.name.len(), h.name_span.len());
        }
        assert_eq!(first.buffer.len(), "VersionA Bversion\u{e9}t\u{e9}".len());
        let inf = crate::Inf::new(tree.clone());
        let sections: Vec<&str> = inf.sections().iter().map(|s| s.name.as_str()).collect();
        assert_eq!(sections, ["Version", "A B", "\u{e9}t\u{e9}"]);
        for s in inf.sections() {
            assert!(Arc::ptr_eq(&s.name.buffer, &first.buffer));
        }
    }

    #[test]
    fn cloning_a_name_shares_its_buffer() {
        let name = Name::from("Manufacturer");
        let copy = name.clone();
        assert!(Arc::ptr_eq(&name.buffer, &copy.buffer));
    }
}
