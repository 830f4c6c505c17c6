//! What a check can read: the parsed INF and everything derived from it. Rules read; they do
//! not re-parse.
//!
//! For an `.inx` file the context describes the stamped text of one architecture (see
//! [`crate::stamp`]); spans are in that text and the engine maps findings back. Rules that
//! look at the encoding or at parse problems must therefore use [`Context::encoding`] and
//! [`Context::parse_diagnostics`], which carry the original file's, not the tree's.

use std::any::{Any, TypeId};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

use inf_parser::directives::{ManufacturerEntry, ModelEntry, Version};
use inf_parser::{Arch, Encoding, Inf, ParseDiagnostic};

use crate::package::{PackageCache, Packages, TargetChain};
use crate::rule::Profile;
use crate::targets::{DeclaredTarget, TargetSpec};
use crate::template::Placeholder;

/// The input of every check.
pub struct Context<'a> {
    /// The semantic view of the file being linted (for an INX: of its stamped text).
    pub inf: &'a Inf,
    /// The file's path as given or found.
    pub path: &'a Path,
    /// The package folder (the INF's folder), when the file is on disk.
    pub package_dir: Option<&'a Path>,
    /// The profile in force.
    pub profile: Profile,
    /// Whether the file is an INX (stampinf input) being linted as stamped output.
    pub is_inx: bool,
    /// For an INX that uses `$ARCH$`: the architecture of this stamping.
    pub stamped_arch: Option<Arch>,
    /// The encoding of the file as read from disk.
    pub encoding: Encoding,
    /// Decode and tokenizer problems of the file, in this context's text.
    pub parse_diagnostics: &'a [ParseDiagnostic],
    /// Every target the INF declares in `[Manufacturer]`.
    pub declared_targets: &'a [DeclaredTarget],
    /// The targets asked for (`targets` in `difcheck.toml`, `--target`); empty = all.
    pub target_filter: &'a [TargetSpec],
    /// Unresolved template placeholders (`@NAME@`, `${NAME}`, `#NAME#`).
    pub placeholders: &'a [Placeholder],
    /// The installer chains and installer-source analyses of the package, computed on first
    /// use ([`Context::installer_chains`], [`Context::packages`]).
    pub package: &'a PackageCache,
    /// Derived data shared by the rules of this file ([`Context::cached`]).
    pub(crate) memo: Memo,
}

/// The `[Manufacturer]` lines, cached ([`Context::manufacturers`]).
struct Manufacturers(Rc<[ManufacturerEntry]>);

/// Values computed once per file and shared by every rule that asks, keyed by their type.
#[derive(Default)]
pub(crate) struct Memo {
    slots: RefCell<Vec<(TypeId, Rc<dyn Any>)>>,
}

impl<'a> Context<'a> {
    /// Derived data that several rules need, computed once per file: the first rule that asks
    /// for a `T` runs `compute`, every later one gets the same value.
    ///
    /// The cache is keyed by the *type* of the value, so give each kind of derived data its own
    /// type (a named struct such as a section graph, not a bare `Vec<String>`) and compute it
    /// from the context alone, the same way everywhere.
    ///
    /// ```ignore
    /// let graph = cx.cached(|cx| SectionGraph::build(cx.inf));
    /// ```
    pub fn cached<T: Any>(&self, compute: impl FnOnce(&Context<'a>) -> T) -> Rc<T> {
        let id = TypeId::of::<T>();
        let found = self
            .memo
            .slots
            .borrow()
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, v)| Rc::clone(v));
        if let Some(value) = found.and_then(|v| v.downcast::<T>().ok()) {
            return value;
        }
        // Not borrowed while computing: `compute` may ask for other cached values.
        let value = Rc::new(compute(self));
        self.memo
            .slots
            .borrow_mut()
            .push((id, value.clone() as Rc<dyn Any>));
        value
    }

    /// The `[Version]` section ([`Inf::version`]), read once per file.
    pub fn version(&self) -> Rc<Version> {
        self.cached(|cx| cx.inf.version())
    }

    /// The `[Manufacturer]` lines ([`Inf::manufacturers`]), read once per file.
    pub fn manufacturers(&self) -> Rc<[ManufacturerEntry]> {
        self.cached(|cx| Manufacturers(cx.inf.manufacturers().into()))
            .0
            .clone()
    }

    /// The entries of a Models section ([`Inf::models_entries`]), each section read once per
    /// file; empty when the section does not exist.
    pub fn models_entries(&self, section: &str) -> Rc<[ModelEntry]> {
        /// The Models sections read so far, by section index.
        #[derive(Default)]
        struct ModelsEntries(RefCell<HashMap<u32, Rc<[ModelEntry]>>>);
        let Some(index) = self.inf.section_index(section) else {
            return Rc::from([]);
        };
        let memo = self.cached(|_| ModelsEntries::default());
        if let Some(found) = memo.0.borrow().get(&index) {
            return found.clone();
        }
        let name = &self.inf.sections()[index as usize].name;
        let entries: Rc<[ModelEntry]> = self.inf.models_entries(name).into();
        memo.0.borrow_mut().insert(index, entries.clone());
        entries
    }

    /// The installer chain (dif-model.md §3) of every checked target, read from the INF alone.
    pub fn installer_chains(&self) -> &'a [TargetChain] {
        self.package.chains(self)
    }

    /// The package analysis of every checked target: registered installers matched to their
    /// C/C++ sources and the installer functions the INF does not register. Walks and parses the
    /// sources on first use; only rules that need installer sources should ask.
    pub fn packages(&self) -> &'a Packages {
        self.package.packages(self)
    }

    /// The declared targets to check: those the filter selects (all when there is no filter).
    /// A rule whose finding holds only for some targets lists their labels
    /// ([`DeclaredTarget::label`]) in [`crate::Finding::targets`].
    pub fn checked_targets(&self) -> impl Iterator<Item = &'a DeclaredTarget> + 'a {
        let filter = self.target_filter;
        self.declared_targets
            .iter()
            .filter(move |t| filter.is_empty() || filter.iter().any(|s| t.matches(s)))
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use crate::engine::{lint_text, LintOptions};

    /// A derived value computed once per file however many times it is asked for.
    #[test]
    fn cached_values_are_computed_once() {
        struct Count(usize);
        let calls = Cell::new(0usize);
        let inf = inf_parser::parse_inf(
            b"[Version]\nSignature=\"$Windows NT$\"\n",
            1252,
            Default::default(),
        );
        let cx = super::Context {
            inf: &inf,
            path: std::path::Path::new("a.inf"),
            package_dir: None,
            profile: crate::Profile::Basic,
            is_inx: false,
            stamped_arch: None,
            encoding: inf.tree().source().encoding(),
            parse_diagnostics: &[],
            declared_targets: &[],
            target_filter: &[],
            placeholders: &[],
            package: &crate::package::PackageCache::default(),
            memo: super::Memo::default(),
        };
        for _ in 0..3 {
            let v = cx.cached(|cx| {
                calls.set(calls.get() + 1);
                Count(cx.inf.sections().len())
            });
            assert_eq!(v.0, 1);
        }
        // Another type is another slot, and it may use the first while being computed.
        let doubled = cx.cached(|cx| cx.cached(|_| Count(0)).0 as u64 * 2);
        assert_eq!(*doubled, 2);
        assert_eq!(calls.get(), 1);
        // The engine gives every file a fresh cache.
        let _ = lint_text(
            std::path::Path::new("a.inf"),
            "[Version]\n",
            &LintOptions::default(),
        );
    }
}
