//! The driver package as the installer and DIF rules read it, computed on first use and at most
//! once per linted text:
//! - the installer chain of every checked target ([`PackageCache::chains`]), read from the INF
//!   alone (dif-model.md §3): cheap, used by the registration rules;
//! - the package analysis of every checked target ([`PackageCache::packages`]): the chain with
//!   each registered entry point matched to its C/C++ source, and the installer functions the
//!   sources define but the INF does not register. Only rules that need installer sources ask
//!   for it, so a run without such rules never walks a folder.
//!
//! Sources come from [`crate::LintOptions::sources`] when given, else (unless
//! [`crate::LintOptions::discover_sources`] is off) from the INF's repository: the nearest
//! folder above the INF holding `.git`, else the INF's own folder (dif-model's
//! [`analyze_package`]). Installers whose source could not be analysed are listed by
//! [`PackageCache::not_analysed`] so that a report never passes them off as clean.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use dif_model::behavior::Knowledge;
use dif_model::chain::{
    analyze_chain_from, declared_targets, find_repository_root, Installer, InstallerChain,
    MatchOutcome, PackageAnalysis, SourcesOrigin,
};
use dif_model::source::{analyze_dir, sources_walker, AnalyzeOptions, SourceAnalysis};
use inf_parser::{Arch, Target};
use serde::Serialize;

use crate::context::Context;
use crate::targets::UNDECORATED;

/// The installer chain of one checked target.
#[derive(Debug)]
pub struct TargetChain {
    /// The target's label ([`crate::DeclaredTarget::label`]); `None` when the INF declares no
    /// target and the chain is read for an architecture instead (class-only INFs).
    pub label: Option<String>,
    /// The chain.
    pub chain: InstallerChain,
}

/// The package analysis of one checked target.
#[derive(Debug)]
pub struct TargetPackage {
    /// The target's label, as in [`TargetChain::label`].
    pub label: Option<String>,
    /// The analysis.
    pub analysis: PackageAnalysis,
}

/// Every package analysis of one linted text, and the sources they rest on.
#[derive(Debug, Default)]
pub struct Packages {
    /// One analysis per checked target (empty when sources are unavailable).
    pub targets: Vec<TargetPackage>,
    /// Every entry point of the sources folder, including those no INF registers (their
    /// behaviour is not part of [`PackageAnalysis::unregistered`]).
    pub sources: Option<Arc<SourceAnalysis>>,
    /// The folder the sources were read from.
    pub dir: Option<PathBuf>,
    /// Whether that folder was given (`--sources`) rather than discovered.
    pub given: bool,
    /// For each of `sources`' entry points, whether this INF is the nearest INF to the file
    /// that defines it ([`nearest_inf_is`]): discovered sources may be a whole repository,
    /// whose other installers belong to other packages. Empty when the sources were given.
    pub own_entries: Vec<bool>,
    /// Why no sources were analysed, when none were.
    pub unavailable: Option<String>,
}

/// An installer a report must not pass off as checked: its source was not found, not fully
/// analysed, or no sources were available at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotAnalysed {
    /// The installer, as `dll!entry (role)`.
    pub installer: String,
    /// Why, e.g. "source not found for `x.dll!Entry`: no function `Entry` is defined …".
    pub reason: String,
}

/// Where the sources are and whether to look for them.
#[derive(Debug, Clone, Default)]
pub struct SourcesSetting {
    /// The folder given with `--sources`.
    pub dir: Option<PathBuf>,
    /// Whether to look for sources in the INF's repository when no folder is given.
    pub discover: bool,
    /// Analyses already made in this run, shared with every other file.
    pub cache: SourceCache,
}

/// Source analyses shared by every file of a run, one per sources folder.
///
/// Many INFs of a repository discover the same sources folder (the repository root); analysing
/// its C/C++ files once instead of once per INF and target is what keeps linting a whole
/// repository fast. Clones share the same cache; it is safe to use from several threads, and a
/// folder is analysed by one thread while the others wait for its result.
#[derive(Clone, Default)]
pub struct SourceCache {
    folders: Arc<Mutex<HashMap<PathBuf, AnalysisSlot>>>,
    /// INF folder → the sources folder found for it: every INF of a folder, and every
    /// stamping of an INX, looks for the same repository root.
    discovered: Arc<Mutex<HashMap<PathBuf, DiscoveredSources>>>,
    /// Folder → whether an INF or INX file lies in it or below ([`SourceCache::holds_inf`]).
    inf_folders: Arc<Mutex<HashMap<PathBuf, bool>>>,
}

/// The sources folder discovered for an INF ([`SourceCache::discover`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveredSources {
    /// The folder: the repository root above the INF, else the INF's folder.
    pub dir: PathBuf,
    /// Which of the two it is.
    pub origin: SourcesOrigin,
    /// Whether it is an existing folder.
    pub exists: bool,
}

/// Locks a map of the cache. A panic while holding the lock left the map intact (inserts are
/// atomic), so a poisoned lock is used as it is.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// The analysis of one folder, filled in once by whichever thread asks first.
type AnalysisSlot = Arc<OnceLock<Arc<SourceAnalysis>>>;

impl std::fmt::Debug for SourceCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.folders.lock().map_or(0, |m| m.len());
        f.debug_struct("SourceCache").field("folders", &n).finish()
    }
}

impl SourceCache {
    /// The sources folder discovered for an INF in `inf_dir`: the nearest folder above it
    /// holding `.git`, else `inf_dir` itself; looked up on the file system once per `inf_dir`.
    pub fn discover(&self, inf_dir: &Path) -> DiscoveredSources {
        if let Some(found) = lock(&self.discovered).get(inf_dir) {
            return found.clone();
        }
        let (dir, origin) = match find_repository_root(inf_dir) {
            Some(root) => (root, SourcesOrigin::RepositoryRoot),
            None => (inf_dir.to_path_buf(), SourcesOrigin::InfFolder),
        };
        let found = DiscoveredSources {
            exists: dir.is_dir(),
            dir,
            origin,
        };
        lock(&self.discovered).insert(inf_dir.to_path_buf(), found.clone());
        found
    }

    /// Whether an INF or INX file lies in `dir` or below it, walked as the sources are
    /// ([`sources_walker`]: what `.gitignore` excludes left out), once per folder per run. A
    /// path that is a file holds an INF only if it is one.
    pub fn holds_inf(&self, dir: &Path) -> bool {
        if let Some(&found) = lock(&self.inf_folders).get(dir) {
            return found;
        }
        let is_inf = |p: &Path| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("inf") || e.eq_ignore_ascii_case("inx"))
        };
        let found = sources_walker(dir)
            .build()
            .filter_map(Result::ok)
            .any(|e| e.file_type().is_some_and(|t| t.is_file()) && is_inf(e.path()));
        lock(&self.inf_folders).insert(dir.to_path_buf(), found);
        found
    }

    /// How many sources folders have been analysed (or are being analysed) so far.
    pub fn analysed_folders(&self) -> usize {
        lock(&self.folders).len()
    }

    /// The analysis of every installer source under `dir`, made on first request.
    pub fn analysis(&self, dir: &Path) -> Arc<SourceAnalysis> {
        let slot = Arc::clone(lock(&self.folders).entry(dir.to_path_buf()).or_default());
        Arc::clone(slot.get_or_init(|| Arc::new(analyze_dir(dir, &AnalyzeOptions::default()))))
    }
}

/// The lazily computed chains and analyses of one linted text.
#[derive(Debug, Default)]
pub struct PackageCache {
    sources: SourcesSetting,
    chains: OnceLock<Vec<TargetChain>>,
    packages: OnceLock<Packages>,
}

impl PackageCache {
    /// An empty cache that will read sources as `sources` says.
    pub fn new(sources: SourcesSetting) -> Self {
        PackageCache {
            sources,
            chains: OnceLock::new(),
            packages: OnceLock::new(),
        }
    }

    /// The installer chain of every checked target (INF only).
    pub fn chains(&self, cx: &Context<'_>) -> &[TargetChain] {
        self.chains.get_or_init(|| {
            let (labels, targets): (Vec<Option<String>>, Vec<Target>) =
                targets(cx).into_iter().unzip();
            labels
                .into_iter()
                .zip(InstallerChain::from_inf_for(cx.inf, &targets))
                .map(|(label, chain)| TargetChain { label, chain })
                .collect()
        })
    }

    /// The package analysis of every checked target, with the sources.
    pub fn packages(&self, cx: &Context<'_>) -> &Packages {
        self.packages.get_or_init(|| self.compute_packages(cx))
    }

    fn compute_packages(&self, cx: &Context<'_>) -> Packages {
        // The chains name the installers that go unchecked when no sources are available.
        self.chains(cx);
        let given = self.sources.dir.clone();
        if given.is_none() && !self.sources.discover {
            return Packages {
                unavailable: Some("no installer sources were given (--sources) and looking for them beside the INF is off".to_owned()),
                ..Packages::default()
            };
        }
        // Discovered sources are read for the INF's own installers only: an INF that
        // registers none has nothing to match and no unregistered installer to answer for
        // (see `rules::dif::subjects`), and a repository's sources are costly to read for a
        // pre-commit hook that lints one function-driver INF.
        let registers_vendor_installers = self
            .chains(cx)
            .iter()
            .any(|tc| registers_vendor_installer(&tc.chain));
        if given.is_none() && !registers_vendor_installers {
            return Packages::default();
        }
        if given.is_none() && cx.package_dir.is_none() {
            return Packages {
                unavailable: Some("the INF was not read from a folder, so no installer sources were looked for; give them with --sources".to_owned()),
                ..Packages::default()
            };
        }
        // The folder analyse_package would discover, decided once for every target (and for an
        // INF with no usable target, whose sources may still define installer functions).
        let DiscoveredSources {
            dir,
            origin,
            exists: is_dir,
        } = match &given {
            Some(d) => DiscoveredSources {
                dir: d.clone(),
                origin: SourcesOrigin::Given,
                exists: d.is_dir(),
            },
            None => {
                let inf_dir = cx
                    .package_dir
                    .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
                self.sources.cache.discover(&inf_dir)
            }
        };
        let sources = is_dir.then(|| self.sources.cache.analysis(&dir));
        // Matching registrations to sources is needed only for targets that register a vendor
        // installer; each analysis walks the folder again, so the others are skipped.
        let analyses: Vec<TargetPackage> = self
            .chains(cx)
            .iter()
            .filter(|tc| registers_vendor_installer(&tc.chain))
            .filter_map(|tc| {
                let analysis = sources.as_deref()?;
                Some(TargetPackage {
                    label: tc.label.clone(),
                    analysis: analyze_chain_from(
                        cx.path,
                        tc.chain.clone(),
                        dir.clone(),
                        origin,
                        analysis,
                    ),
                })
            })
            .collect();
        // Only discovered sources are filtered by nearness (see `Packages::own_entries`).
        let own_entries = match (&sources, cx.package_dir, &given) {
            (Some(analysis), Some(inf_dir), None) => analysis
                .entries
                .iter()
                .map(|e| nearest_inf_is(inf_dir, &e.behavior.defined_at.file, &self.sources.cache))
                .collect(),
            _ => Vec::new(),
        };
        let dir = Some(dir);
        let unavailable = match (&dir, &sources) {
            (Some(d), None) => Some(format!(
                "the sources folder `{}` does not exist",
                d.display()
            )),
            _ => None,
        };
        Packages {
            targets: analyses,
            sources,
            dir,
            given: given.is_some(),
            own_entries,
            unavailable,
        }
    }

    /// The installers whose source could not be (fully) analysed, once each; empty when no rule
    /// asked for the package analysis.
    pub fn not_analysed(&self) -> Vec<NotAnalysed> {
        let Some(packages) = self.packages.get() else {
            return Vec::new();
        };
        let mut out: Vec<NotAnalysed> = Vec::new();
        let push = |out: &mut Vec<NotAnalysed>, installer: String, reason: String| {
            let item = NotAnalysed { installer, reason };
            if !out.contains(&item) {
                out.push(item);
            }
        };
        if let Some(reason) = &packages.unavailable {
            let chains = self.chains.get().map_or(&[][..], Vec::as_slice);
            for chain in chains {
                for i in chain.chain.installers() {
                    if is_vendor_dif_installer(i) {
                        push(
                            &mut out,
                            format!("{} ({})", i.display_name(), i.role.label()),
                            reason.clone(),
                        );
                    }
                }
            }
        }
        for t in &packages.targets {
            for m in &t.analysis.matches {
                let name = if m.dll.is_empty() {
                    format!("{} ({})", m.entry, m.role.label())
                } else {
                    format!("{}!{} ({})", m.dll, m.entry, m.role.label())
                };
                match &m.outcome {
                    MatchOutcome::NotFound { reason } => push(&mut out, name, reason.clone()),
                    MatchOutcome::Found { entry_point, .. } => {
                        if let Knowledge::Unknown { reason } = &entry_point.behavior.completeness {
                            push(&mut out, name, format!("analysed in part: {reason}"));
                        }
                    }
                    MatchOutcome::Microsoft { .. } => {}
                }
            }
        }
        out
    }
}

/// The targets to read chains for: the declared targets the filter selects, each with its
/// label; for an INF that declares none (a class-only or DefaultInstall-only INF), x86, amd64
/// and arm64 on Windows 10 without labels.
fn targets(cx: &Context<'_>) -> Vec<(Option<String>, Target)> {
    let checked: Vec<&str> = cx.checked_targets().map(|t| t.label()).collect();
    if cx.declared_targets.is_empty() {
        return Arch::CURRENT
            .iter()
            .map(|&a| (None, Target::new(a, 10, 0)))
            .collect();
    }
    declared_targets(cx.inf)
        .into_iter()
        .filter_map(|d| {
            let label = d
                .decoration
                .clone()
                .unwrap_or_else(|| UNDECORATED.to_owned());
            checked
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&label))
                .then_some((Some(label), d.target))
        })
        .collect()
}

/// Whether `installer` takes part in DIF dispatch and is the vendor's own (not inbox, not
/// Microsoft's), so that only its source can say what it does.
fn is_vendor_dif_installer(installer: &Installer) -> bool {
    installer.role.dispatch_role().is_some() && !installer.inbox && !installer.kind.is_microsoft()
}

/// Whether `chain` registers a [vendor DIF installer](is_vendor_dif_installer).
fn registers_vendor_installer(chain: &InstallerChain) -> bool {
    chain.installers().any(is_vendor_dif_installer)
}

/// Whether the INF in `inf_dir` is a nearest INF to the source `file`: `file` is in the INF's
/// folder or below it, or, below the folder where their paths part, the branch that leads to
/// `file` holds no INF of its own. In a samples repository the toaster co-installer then
/// belongs to the toaster INFs and not to every INF of the repository; in a package with
/// `inf/` and `coinstaller/` folders it belongs to the INF in `inf/`.
pub fn nearest_inf_is(inf_dir: &Path, file: &Path, cache: &SourceCache) -> bool {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (inf_dir, file) = (absolute(inf_dir), absolute(file));
    if file.starts_with(&inf_dir) {
        return true;
    }
    let common: PathBuf = inf_dir
        .components()
        .zip(file.components())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a)
        .collect();
    // The first folder (or the file itself) on the way from there to `file`.
    let Some(next) = file
        .strip_prefix(&common)
        .ok()
        .and_then(|rest| rest.components().next())
    else {
        return true;
    };
    !cache.holds_inf(&common.join(next))
}
