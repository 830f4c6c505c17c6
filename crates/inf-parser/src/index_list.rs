//! [`IndexList`]: the read-only lists of header and line indices that a [`crate::Section`] holds.
//!
//! A list derefs to `[u32]`, so it reads like the `Vec<u32>` it replaces. What it saves is
//! the allocations: a section almost always has one header, stored inline, and the lines of
//! one header are consecutive, so they are a window on a table of consecutive indices
//! ([`identity`]) that every section shares. Only a section merged from several headers owns
//! its list. Building the semantic view of the corpus made three allocations per section
//! before, and the allocator was the largest single cost of it.
//!
//! The shared table is one per process, borrowed for `'static`, rather than one per file
//! behind an `Arc`: a window held an `Arc` clone, and the atomic reference-count updates of
//! making and dropping one per section were a measurable part of building `Inf` (see
//! [`crate::Name`] for the same cost in section names).

use std::fmt;
use std::ops::Deref;
use std::sync::{Mutex, PoisonError};

/// A read-only list of indices (into [`crate::SyntaxTree::headers`] or
/// [`crate::SyntaxTree::lines`]), in file order. Use it as a slice: it derefs to `[u32]`.
#[derive(Clone, Default)]
pub struct IndexList(Repr);

#[derive(Clone, Default)]
enum Repr {
    /// No index.
    #[default]
    Empty,
    /// One index, inline.
    One([u32; 1]),
    /// A window on the shared table of consecutive indices ([`identity`]).
    Window(&'static [u32]),
    /// A list of its own.
    Owned(Box<[u32]>),
}

impl IndexList {
    /// A list of one index.
    pub(crate) fn one(index: u32) -> Self {
        IndexList(Repr::One([index]))
    }

    /// The consecutive indices `start..end` as a window on `table`, the shared table of
    /// [`identity`] (fetched once by a caller making many lists; it must hold at least `end`
    /// indices). No allocation.
    pub(crate) fn range_in(table: &'static [u32], start: u32, end: u32) -> Self {
        match table.get(start as usize..end as usize) {
            None if start >= end => IndexList(Repr::Empty),
            Some([]) => IndexList(Repr::Empty),
            Some(window) => IndexList(Repr::Window(window)),
            // Not reached with a table from `identity(end)`; kept total all the same.
            None => IndexList::owned((start..end).collect()),
        }
    }

    /// A list owning `indices`.
    pub(crate) fn owned(indices: Vec<u32>) -> Self {
        match indices[..] {
            [] => IndexList(Repr::Empty),
            [index] => IndexList::one(index),
            _ => IndexList(Repr::Owned(indices.into_boxed_slice())),
        }
    }

    /// The indices as a slice.
    pub fn as_slice(&self) -> &[u32] {
        match &self.0 {
            Repr::Empty => &[],
            Repr::One(one) => one,
            Repr::Window(window) => window,
            Repr::Owned(list) => list,
        }
    }
}

impl Deref for IndexList {
    type Target = [u32];

    fn deref(&self) -> &[u32] {
        self.as_slice()
    }
}

impl AsRef<[u32]> for IndexList {
    fn as_ref(&self) -> &[u32] {
        self.as_slice()
    }
}

impl<'a> IntoIterator for &'a IndexList {
    type Item = &'a u32;
    type IntoIter = std::slice::Iter<'a, u32>;

    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl fmt::Debug for IndexList {
    /// Formats like the list of indices (`[3, 4, 5]`), whatever the storage.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

impl PartialEq for IndexList {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for IndexList {}

impl PartialEq<[u32]> for IndexList {
    fn eq(&self, other: &[u32]) -> bool {
        self.as_slice() == other
    }
}

impl PartialEq<Vec<u32>> for IndexList {
    fn eq(&self, other: &Vec<u32>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

/// The table `[0, 1, 2, …]` of at least `len` indices that windows are slices of.
///
/// One table serves the whole process: it grows (to twice its length at least) when a longer
/// one is asked for, and is never freed, since windows on it may live as long as the process.
/// What stays allocated is less than twice the longest table asked for: eight bytes per line
/// of the longest file read, at most.
pub(crate) fn identity(len: usize) -> &'static [u32] {
    static TABLE: Mutex<&'static [u32]> = Mutex::new(&[]);
    let mut table = TABLE.lock().unwrap_or_else(PoisonError::into_inner);
    if table.len() < len {
        let grown = len.max(table.len().saturating_mul(2)).max(4096);
        let grown = u32::try_from(grown).unwrap_or(u32::MAX);
        *table = Box::leak((0..grown).collect::<Box<[u32]>>());
    }
    *table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_storage_reads_as_its_indices() {
        let lists = [
            (IndexList::default(), vec![]),
            (IndexList::one(7), vec![7]),
            (IndexList::range_in(identity(6), 3, 6), vec![3, 4, 5]),
            (IndexList::range_in(identity(6), 4, 4), vec![]),
            (IndexList::range_in(identity(6), 5, 4), vec![]),
            // A table too short makes a list of its own.
            (IndexList::range_in(&[0, 1], 1, 4), vec![1, 2, 3]),
            (IndexList::owned(vec![1, 8, 9]), vec![1, 8, 9]),
            (IndexList::owned(vec![2]), vec![2]),
        ];
        for (list, expected) in &lists {
            assert_eq!(list.as_slice(), expected.as_slice());
            assert_eq!(list, expected);
            assert_eq!(list.len(), expected.len());
            assert_eq!(list.iter().copied().collect::<Vec<_>>(), *expected);
            let mut looped = Vec::new();
            for &index in list {
                looped.push(index);
            }
            assert_eq!(looped, *expected);
            assert_eq!(format!("{list:?}"), format!("{expected:?}"));
        }
        assert_eq!(lists[2].0[1..], [4, 5]);
    }

    #[test]
    fn the_shared_table_grows_and_keeps_its_indices() {
        let short = identity(10);
        let long = identity(short.len() + 100_000);
        assert!(long.len() >= short.len() + 100_000);
        for table in [short, long] {
            assert!(table.iter().enumerate().all(|(i, &v)| v as usize == i));
        }
        // A window on the table before it grew stays valid.
        assert_eq!(IndexList::range_in(short, 2, 5), vec![2, 3, 4]);
    }

    #[test]
    fn the_semantic_view_stays_shareable_across_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<IndexList>();
        shareable::<crate::Inf>();
    }
}
