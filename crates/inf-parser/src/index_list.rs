//! [`IndexList`]: the read-only lists of header and line indices that a [`crate::Section`] holds.
//!
//! A list derefs to `[u32]`, so it reads like the `Vec<u32>` it replaces. What it saves is
//! the allocations: a section almost always has one header, stored inline, and the lines of
//! one header are consecutive, so they are a window on a table of all line indices that the
//! sections of a file share. Only a section merged from several headers owns its list. Building
//! the semantic view of the corpus made three allocations per section before, and the
//! allocator was the largest single cost of it.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

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
    /// `table[start..end]` of a table shared with other lists.
    Window {
        table: Arc<[u32]>,
        start: u32,
        end: u32,
    },
    /// A list of its own.
    Owned(Box<[u32]>),
}

impl IndexList {
    /// A list of one index.
    pub(crate) fn one(index: u32) -> Self {
        IndexList(Repr::One([index]))
    }

    /// The indices `start..end` as a window on `table`, which must hold them at those
    /// positions (a table of all indices, `table[i] == i`). An empty range needs no table.
    pub(crate) fn window(table: &Arc<[u32]>, start: u32, end: u32) -> Self {
        if start >= end {
            IndexList(Repr::Empty)
        } else {
            IndexList(Repr::Window {
                table: Arc::clone(table),
                start,
                end,
            })
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
            Repr::Window { table, start, end } => table
                .get(*start as usize..*end as usize)
                .unwrap_or_default(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_storage_reads_as_its_indices() {
        let table: Arc<[u32]> = (0..10).collect();
        let lists = [
            (IndexList::default(), vec![]),
            (IndexList::one(7), vec![7]),
            (IndexList::window(&table, 3, 6), vec![3, 4, 5]),
            (IndexList::window(&table, 4, 4), vec![]),
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
    fn the_semantic_view_stays_shareable_across_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<IndexList>();
        shareable::<crate::Inf>();
    }
}
