//! A driver package as a whole: the INF's installer chain, the installer sources found beside
//! it, each registered entry point matched to its source function, and the dispatch
//! participants that result (dif-model.md §2.1; DESIGN.md "dif-model").
//!
//! Sources are looked for, unless a folder is given, in the INF's repository: the nearest
//! ancestor folder (at most [`MAX_REPOSITORY_DEPTH`] levels up) that holds `.git`, else the INF's
//! own folder. A registered `dll!entry` whose source is found becomes a
//! [`crate::dispatch::Behavior::Known`] participant; any other becomes
//! [`crate::dispatch::Behavior::PerProtocol`], and its [`EntryMatch`] says why (`source not found
//! for …`, a Microsoft co-installer, an in-box class installer).

use std::path::{Path, PathBuf};

use inf_parser::{Inf, Target};
use serde::Serialize;

use super::{DeviceChain, Installer, InstallerChain, InstallerKind, InstallerRole};
use crate::behavior::{InstallerBehavior, Knowledge, SourceLocation};
use crate::dispatch::Participant;
use crate::source::{
    analyze_dir, AnalyzeOptions, EntryPoint, FoundBy, PrototypeKind, SkippedFile, SourceAnalysis,
};

/// How many folders above the INF's folder are searched for a repository root (`.git`).
pub const MAX_REPOSITORY_DEPTH: usize = 8;

/// Options of [`analyze_package_with`].
#[derive(Debug, Clone, Default)]
pub struct PackageOptions {
    /// The folder of installer sources; `None` searches the INF's repository (see the module
    /// documentation).
    pub sources: Option<PathBuf>,
    /// Limits of the source analysis (its `entry_names` are filled in from the chain).
    pub analyze: AnalyzeOptions,
}

/// Why the sources folder is the one it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourcesOrigin {
    /// Given by the caller (`--sources`).
    Given,
    /// The nearest ancestor folder of the INF holding `.git`.
    RepositoryRoot,
    /// The INF's own folder (no repository root was found).
    InfFolder,
}

/// The sources that were analysed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourcesUsed {
    /// The folder walked.
    pub dir: PathBuf,
    /// Why that folder.
    pub origin: SourcesOrigin,
    /// Number of source files read.
    pub files: usize,
    /// Files not read, with reasons.
    pub skipped: Vec<SkippedFile>,
}

/// What matching one registered entry point to the sources gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum MatchOutcome {
    /// The entry point's source was found and analysed.
    Found {
        /// The entry point, with its prototype and behaviour.
        entry_point: Box<EntryPoint>,
        /// Other definitions of an entry point of that name in the sources (not used).
        also_defined_at: Vec<SourceLocation>,
    },
    /// A Microsoft installer (in-box, or a redistributed WDF/WinUSB co-installer): no source is
    /// expected; it is assumed to follow the protocol.
    Microsoft {
        /// What it is.
        reason: String,
    },
    /// No source for it; it is assumed to follow the protocol.
    NotFound {
        /// Why, starting with "source not found for `dll!entry`".
        reason: String,
    },
}

/// One registered `dll!entry` and its source (each DLL and entry point once per package).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryMatch {
    /// `dll!entry`, or the description of an in-box installer whose DLL is not documented.
    pub name: String,
    /// The role of its first registration.
    pub role: InstallerRole,
    /// The DLL as written.
    pub dll: String,
    /// The entry point looked up.
    pub entry: String,
    /// Whether the entry point is the role's default.
    pub entry_defaulted: bool,
    /// What was found.
    pub outcome: MatchOutcome,
}

impl EntryMatch {
    /// The analysed behaviour, when the source was found.
    pub fn behavior(&self) -> Option<&InstallerBehavior> {
        match &self.outcome {
            MatchOutcome::Found { entry_point, .. } => Some(&entry_point.behavior),
            _ => None,
        }
    }

    /// Why the installer is modelled per protocol (`None` when its source was found).
    pub fn per_protocol_reason(&self) -> Option<&str> {
        match &self.outcome {
            MatchOutcome::Found { .. } => None,
            MatchOutcome::Microsoft { reason } | MatchOutcome::NotFound { reason } => Some(reason),
        }
    }
}

/// An installer entry point found in the sources by its prototype (or a `.def` export) that the
/// INF does not register: later rules check it and say "unregistered here".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnregisteredEntry {
    /// The exported name.
    pub entry: String,
    /// The C function.
    pub function: String,
    /// The installer kind its prototype declares.
    pub kind: Knowledge<PrototypeKind>,
    /// How it was found.
    pub found_by: FoundBy,
    /// Where it is defined.
    pub defined_at: SourceLocation,
}

/// The result of [`analyze_package`].
#[derive(Debug, Clone, Serialize)]
pub struct PackageAnalysis {
    /// The INF, as given.
    pub inf_path: PathBuf,
    /// Its installer chain on the target.
    pub chain: InstallerChain,
    /// The sources analysed.
    pub sources: SourcesUsed,
    /// Every registered DIF installer (class co-installers, device co-installers, class
    /// installers; active or not) matched to its source, once per DLL and entry point.
    pub matches: Vec<EntryMatch>,
    /// Installer entry points of the sources the INF does not register.
    pub unregistered: Vec<UnregisteredEntry>,
}

/// How a participant deals with one DIF, as far as its source says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Handling {
    /// The source recognises the DIF (`case`/comparison at `at`).
    Handles {
        /// Where the DIF is matched.
        at: SourceLocation,
    },
    /// The source does not name the DIF: its default path answers.
    DefaultPath,
    /// No source: assumed to follow the protocol.
    PerProtocol {
        /// Why there is no source.
        reason: String,
    },
}

impl PackageAnalysis {
    /// The match of an installer's DLL and entry point.
    pub fn match_of(&self, installer: &Installer) -> Option<&EntryMatch> {
        self.matches.iter().find(|m| same_entry(m, installer))
    }

    /// How `installer` deals with `dif`, from its source.
    pub fn handling(&self, installer: &Installer, dif: u32) -> Handling {
        let reason = || format!("source not found for `{}`", installer.display_name());
        match self.match_of(installer) {
            Some(m) => match m.behavior() {
                Some(b) => match b.handles.iter().find(|h| h.dif == dif) {
                    Some(h) => Handling::Handles {
                        at: h.matched_at.clone(),
                    },
                    None => Handling::DefaultPath,
                },
                None => Handling::PerProtocol {
                    reason: m.per_protocol_reason().map_or_else(reason, str::to_owned),
                },
            },
            None => Handling::PerProtocol { reason: reason() },
        }
    }

    /// The installers of `device` that take part in dispatch, in call order, each with the
    /// name its calls are reported under (the DLL's name without `.dll`, or `dll!entry` when two
    /// participants share a DLL).
    pub fn named_participants<'a>(
        &'a self,
        device: &'a DeviceChain,
    ) -> Vec<(String, &'a Installer)> {
        let installers = self.chain.participants(device);
        let shorts: Vec<String> = installers.iter().map(|i| i.short_name()).collect();
        installers
            .iter()
            .enumerate()
            .map(|(k, i)| {
                let clash = shorts
                    .iter()
                    .filter(|s| s.eq_ignore_ascii_case(&shorts[k]))
                    .count()
                    > 1;
                let name = if clash {
                    i.display_name()
                } else {
                    shorts[k].clone()
                };
                (name, *i)
            })
            .collect()
    }

    /// The dispatch participants of `device`: [`Participant::known`] when the installer's source
    /// was found, [`Participant::per_protocol`] otherwise (see [`Self::handling`] for why).
    pub fn participants<'a>(&'a self, device: &'a DeviceChain) -> Vec<Participant<'a>> {
        self.named_participants(device)
            .into_iter()
            .filter_map(|(name, installer)| {
                let role = installer.role.dispatch_role()?;
                Some(
                    match self.match_of(installer).and_then(EntryMatch::behavior) {
                        Some(behavior) => Participant::known(role, name, behavior),
                        None => Participant::per_protocol(role, name),
                    },
                )
            })
            .collect()
    }

    /// The registered installers whose source was not analysed, with the reason.
    pub fn unanalysed(&self) -> Vec<(&EntryMatch, &str)> {
        self.matches
            .iter()
            .filter_map(|m| m.per_protocol_reason().map(|r| (m, r)))
            .collect()
    }
}

fn same_entry(m: &EntryMatch, installer: &Installer) -> bool {
    inf_parser::eq_fold(
        &super::entry::loaded_file_name(&m.dll),
        &installer.loaded_file_name(),
    ) && m.entry == installer.entry
        && m.entry_defaulted == installer.entry_defaulted
}

/// The nearest folder at or above `dir` (at most [`MAX_REPOSITORY_DEPTH`] levels up) holding
/// `.git`. A relative `dir` gives a relative answer (`.`, `..`, …).
pub fn find_repository_root(dir: &Path) -> Option<PathBuf> {
    let mut current = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir.to_path_buf()
    };
    // `Path::parent` is lexical: the parent of `/x/a/..` is `/x/a`, a folder that is not above
    // the INF at all. Resolve `..` first so the walk only visits real ancestors.
    if current
        .components()
        .any(|c| c == std::path::Component::ParentDir)
    {
        if let Ok(resolved) = std::fs::canonicalize(&current) {
            current = resolved;
        }
    }
    for _ in 0..=MAX_REPOSITORY_DEPTH {
        if current.join(".git").exists() {
            return Some(current);
        }
        current = parent_of(&current)?;
    }
    None
}

/// The folder above `dir`, lexically for relative paths (`a` → `.`, `.` → `..`, `..` → `../..`).
fn parent_of(dir: &Path) -> Option<PathBuf> {
    use std::path::Component;
    if dir.is_absolute() {
        return dir.parent().map(Path::to_path_buf);
    }
    let mut p = dir.to_path_buf();
    match p.components().next_back() {
        Some(Component::Normal(_)) => {
            p.pop();
            if p.as_os_str().is_empty() {
                p.push(".");
            }
        }
        Some(Component::CurDir) => p = PathBuf::from(".."),
        _ => p.push(".."),
    }
    Some(p)
}

/// Builds the chain of `inf` on `target`, analyses the sources (`sources`, or the INF's
/// repository) and matches every registered entry point to them.
pub fn analyze_package(
    inf_path: &Path,
    inf: &Inf,
    target: &Target,
    sources: Option<&Path>,
) -> PackageAnalysis {
    let options = PackageOptions {
        sources: sources.map(Path::to_path_buf),
        ..PackageOptions::default()
    };
    analyze_package_with(inf_path, inf, target, &options)
}

/// [`analyze_package`] with explicit options.
pub fn analyze_package_with(
    inf_path: &Path,
    inf: &Inf,
    target: &Target,
    options: &PackageOptions,
) -> PackageAnalysis {
    let (dir, origin) = sources_folder(inf_path, options.sources.as_deref());
    let chain = InstallerChain::from_inf(inf, target);
    let mut analyze = options.analyze.clone();
    for w in &wanted_entries(&chain) {
        if !w.entry.is_empty() && !analyze.entry_names.contains(&w.entry) {
            analyze.entry_names.push(w.entry.clone());
        }
    }
    let analysis = analyze_dir(&dir, &analyze);
    analyze_chain_from(inf_path, chain, dir, origin, &analysis)
}

/// The folder [`analyze_package`] reads installer sources from for `inf_path`: `sources` when
/// given, else the INF's repository root, else the INF's folder.
pub fn sources_folder(inf_path: &Path, sources: Option<&Path>) -> (PathBuf, SourcesOrigin) {
    let inf_dir = inf_path.parent().map(Path::to_path_buf).unwrap_or_default();
    let inf_dir = if inf_dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        inf_dir
    };
    match sources {
        Some(dir) => (dir.to_path_buf(), SourcesOrigin::Given),
        None => match find_repository_root(&inf_dir) {
            Some(root) => (root, SourcesOrigin::RepositoryRoot),
            None => (inf_dir, SourcesOrigin::InfFolder),
        },
    }
}

/// [`analyze_package`] over a source analysis made beforehand (of the folder `dir`, found as
/// `origin` says), so that one analysis can serve every target and every INF of a run.
/// Registered entry points the analysis did not list are resolved with
/// [`SourceAnalysis::find_entry`], which gives the same result as asking for them up front.
pub fn analyze_package_from(
    inf_path: &Path,
    inf: &Inf,
    target: &Target,
    dir: PathBuf,
    origin: SourcesOrigin,
    analysis: &SourceAnalysis,
) -> PackageAnalysis {
    let chain = InstallerChain::from_inf(inf, target);
    analyze_chain_from(inf_path, chain, dir, origin, analysis)
}

/// [`analyze_package_from`] for a chain already built ([`InstallerChain::from_inf`] of the INF
/// on the target), so that a caller that has the chain does not build it again.
pub fn analyze_chain_from(
    inf_path: &Path,
    chain: InstallerChain,
    dir: PathBuf,
    origin: SourcesOrigin,
    analysis: &SourceAnalysis,
) -> PackageAnalysis {
    let inf_dir = inf_path.parent().map(Path::to_path_buf).unwrap_or_default();
    let inf_dir = if inf_dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        inf_dir
    };
    let wanted = wanted_entries(&chain);
    let matches: Vec<EntryMatch> = wanted
        .into_iter()
        .map(|w| {
            let outcome = match_entry(analysis, &w, &inf_dir);
            EntryMatch {
                name: w.name,
                role: w.role,
                dll: w.dll,
                entry: w.entry,
                entry_defaulted: w.entry_defaulted,
                outcome,
            }
        })
        .collect();
    let registered: Vec<&str> = matches.iter().map(|m| m.entry.as_str()).collect();
    let unregistered = analysis
        .entries
        .iter()
        .filter(|e| {
            !matches!(e.found_by, FoundBy::Name) && !registered.contains(&e.behavior.entry.as_str())
        })
        .map(|e| UnregisteredEntry {
            entry: e.behavior.entry.clone(),
            function: e.behavior.function.clone(),
            kind: e.prototype.kind.clone(),
            found_by: e.found_by.clone(),
            defined_at: e.behavior.defined_at.clone(),
        })
        .collect();
    PackageAnalysis {
        inf_path: inf_path.to_path_buf(),
        chain,
        sources: SourcesUsed {
            dir,
            origin,
            files: analysis.files.len(),
            skipped: analysis.skipped.clone(),
        },
        matches,
        unregistered,
    }
}

/// A registered entry point to look for.
struct Wanted {
    name: String,
    role: InstallerRole,
    dll: String,
    entry: String,
    entry_defaulted: bool,
    kind: InstallerKind,
    inbox: bool,
}

/// Every DIF installer of the chain, once per DLL and entry point, in chain order.
fn wanted_entries(chain: &InstallerChain) -> Vec<Wanted> {
    let mut out: Vec<Wanted> = Vec::new();
    for i in chain
        .installers()
        .filter(|i| i.role.dispatch_role().is_some())
    {
        let file = i.loaded_file_name();
        let seen = out.iter().any(|w| {
            inf_parser::eq_fold(&super::entry::loaded_file_name(&w.dll), &file)
                && w.entry == i.entry
                && w.entry_defaulted == i.entry_defaulted
        });
        if !seen {
            out.push(Wanted {
                name: i.display_name(),
                role: i.role,
                dll: i.dll.clone(),
                entry: i.entry.clone(),
                entry_defaulted: i.entry_defaulted,
                kind: i.kind.clone(),
                inbox: i.inbox,
            });
        }
    }
    out
}

/// Finds the source of one registered entry point.
fn match_entry(analysis: &SourceAnalysis, w: &Wanted, inf_dir: &Path) -> MatchOutcome {
    let name = &w.name;
    if w.inbox {
        return MatchOutcome::Microsoft {
            reason: format!(
                "`{name}` ships with Windows: no source; assumed to follow the protocol"
            ),
        };
    }
    if let Some(label) = w.kind.label() {
        return MatchOutcome::Microsoft {
            reason: format!(
                "`{name}` is Microsoft's {label}: no source; assumed to follow the protocol"
            ),
        };
    }
    let defaulted = if w.entry_defaulted {
        " (the INF names no entry point, so the default is looked up)"
    } else {
        ""
    };
    if w.entry.is_empty() {
        return MatchOutcome::NotFound {
            reason: format!(
                "source not found for `{name}`: the registration names an empty entry point"
            ),
        };
    }
    let candidates: Vec<&EntryPoint> = analysis
        .entries
        .iter()
        .filter(|e| e.behavior.entry == w.entry)
        .collect();
    if !candidates.is_empty() {
        let best = pick(&candidates, &w.dll, inf_dir);
        let also = candidates
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != best)
            .map(|(_, e)| e.behavior.defined_at.clone())
            .collect();
        return MatchOutcome::Found {
            entry_point: Box::new(candidates[best].clone()),
            also_defined_at: also,
        };
    }
    match analysis.find_entry(&w.entry) {
        Knowledge::Known { value } => MatchOutcome::Found {
            entry_point: Box::new(value),
            also_defined_at: Vec::new(),
        },
        Knowledge::Unknown { reason } => MatchOutcome::NotFound {
            reason: format!("source not found for `{name}`{defaulted}: {reason}"),
        },
    }
}

/// The best of several definitions of one entry point: one under the INF's folder, then one
/// whose path names the DLL, then the first.
fn pick(candidates: &[&EntryPoint], dll: &str, inf_dir: &Path) -> usize {
    let stem = {
        let file = super::entry::file_name(dll).to_ascii_lowercase();
        file.strip_suffix(".dll").map(str::to_owned).unwrap_or(file)
    };
    let under_inf = |e: &EntryPoint| {
        inf_dir != Path::new(".") && e.behavior.defined_at.file.starts_with(inf_dir)
    };
    let names_dll = |e: &EntryPoint| {
        !stem.is_empty()
            && e.behavior
                .defined_at
                .file
                .to_string_lossy()
                .to_ascii_lowercase()
                .contains(&stem)
    };
    let score = |e: &EntryPoint| u8::from(under_inf(e)) * 2 + u8::from(names_dll(e));
    let mut best = 0;
    for (k, e) in candidates.iter().enumerate() {
        if score(e) > score(candidates[best]) {
            best = k;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_parents() {
        assert_eq!(parent_of(Path::new("a")), Some(PathBuf::from(".")));
        assert_eq!(parent_of(Path::new("a/b")), Some(PathBuf::from("a")));
        assert_eq!(parent_of(Path::new(".")), Some(PathBuf::from("..")));
        assert_eq!(parent_of(Path::new("..")), Some(PathBuf::from("../..")));
        assert_eq!(parent_of(Path::new("/")), None);
    }

    #[test]
    fn repository_root_is_found_upwards_and_bounded() {
        let base = std::env::temp_dir().join(format!("difcheck-chain-root-{}", std::process::id()));
        let deep = base.join("a/b/c");
        std::fs::create_dir_all(&deep).unwrap();
        let outside = find_repository_root(&deep);
        assert!(!matches!(outside, Some(p) if p.starts_with(&base)));
        std::fs::create_dir(base.join(".git")).unwrap();
        assert_eq!(find_repository_root(&deep), Some(base.clone()));
        let too_deep = base.join("1/2/3/4/5/6/7/8/9/10");
        std::fs::create_dir_all(&too_deep).unwrap();
        assert_ne!(find_repository_root(&too_deep), Some(base.clone()));
        std::fs::remove_dir_all(&base).unwrap();
    }
}
