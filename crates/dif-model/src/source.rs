//! What each installer does, read from its C/C++ sources.
//!
//! [`analyze_dir`] walks a folder of installer sources (`.c .cpp .cc .cxx .h .hpp`, and `.def`
//! module-definition files; what `.gitignore` files exclude is left out, as git leaves it out of
//! the repository), parses them with tree-sitter, finds the installer entry points and
//! derives an [`InstallerBehavior`] for each: which DIF codes it recognises, what it returns for
//! each (split by co-installer pass), what it returns for codes it does not recognise, and the
//! calls that matter to the DIF rules (default handlers, UI, process starts, finish-install flag).
//!
//! Entry points are found
//! * by prototype: a non-static function with a `DI_FUNCTION` parameter and a
//!   `PCOINSTALLER_CONTEXT_DATA` parameter is a co-installer; `(DI_FUNCTION, HDEVINFO,
//!   PSP_DEVINFO_DATA)` is a class installer (dif-model.md §3.5). Functions of that shape that
//!   other analysed functions call are taken to be helpers unless a `.def` file exports them;
//! * by name ([`SourceAnalysis::find_entry`], [`AnalyzeOptions::entry_names`]), through `.def`
//!   `EXPORTS` aliases (`CoInstallerEntry=RealFunction`).
//!
//! How to read an [`InstallerBehavior`] produced here:
//! * `handles` has one [`crate::behavior::DifHandling`] per DIF code the source compares the
//!   DIF parameter with (`case` labels, `==`/`!=`), in the entry point or in a helper it passes
//!   the code to. Its `returns` are the values returned on every path on which that code is
//!   possible, code before the DIF test included.
//! * `default_returns` are the values returned on paths open to a code the source never names.
//! * Passes: a class installer's values are all [`crate::behavior::Pass::Pre`]; a
//!   co-installer's are `Pre`/`Post` when the path tested `PostProcessing`, else `Both` (a value
//!   listed for `Both` is not repeated for one pass).
//! * `calls` of a handling are those made on paths specific to that code; the entry's own
//!   `calls` are those made on paths open to every code or to unrecognised codes (before the DIF
//!   test, or in a `default:` branch). Setting `DI_FLAGSEX_FINISHINSTALL_ACTION` is a call of
//!   kind `SetsFinishInstallFlag` named after the flag, located at the assignment.
//! * Evidence points where a value originates: the constant, the `Context->InstallResult`
//!   read, the call whose result it is. A value narrowed by a test (`if (rc != ERROR_SUCCESS)`)
//!   keeps its origin; the unknown status of a function outside the sources, once a test proves
//!   it different from `NO_ERROR`/`ERROR_SUCCESS`, becomes `SomeError`.
//! * `role` is `ClassInstaller` for the class-installer prototype; for a co-installer
//!   prototype it is `Unknown` (the INF decides class vs device co-installer) while
//!   [`Prototype::kind`] says `CoInstaller`.
//!
//! The analysis never guesses: whatever it cannot follow (an unknown callee's result, a
//! backwards `goto`, code tree-sitter could not parse, a limit reached) is recorded as
//! `Unknown` with a reason — in a returned value, or in the entry's `completeness`.
//! Nothing here panics on any input, and every walk is bounded.

mod def_file;
mod interp;
mod lexer;
mod names;
mod summary;
mod syntax;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

pub use def_file::DefExport;

use crate::behavior::{InstallerBehavior, Knowledge, Role, SourceLocation};
use syntax::{is_context_param, is_dif_param, Program, Unit};

/// Limits and requests for an analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzeOptions {
    /// Files larger than this many bytes are skipped (with a reason).
    pub max_file_bytes: u64,
    /// At most this many source files are read: the walk stops at the next one, and the
    /// analysis says so ([`SourceAnalysis::truncated`]).
    pub max_files: usize,
    /// How many calls deep helper functions are followed from an entry point.
    pub helper_depth: u32,
    /// Syntax nodes visited per entry point before its analysis stops (then `Unknown`).
    pub max_steps: u32,
    /// Entry names to analyse even when their prototype is not an installer's (e.g. the entry
    /// names an INF registers); each is resolved like [`SourceAnalysis::find_entry`].
    pub entry_names: Vec<String>,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        AnalyzeOptions {
            max_file_bytes: 4 * 1024 * 1024,
            max_files: 5_000,
            helper_depth: 8,
            max_steps: 250_000,
            entry_names: Vec::new(),
        }
    }
}

/// The language a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceLanguage {
    /// C (`.c`, `.h`).
    C,
    /// C++ (`.cpp`, `.cc`, `.cxx`, `.hpp`).
    Cpp,
    /// A module-definition file (`.def`).
    ModuleDefinition,
}

impl SourceLanguage {
    /// The language for a file name, if it is one the analysis reads.
    pub fn from_path(path: &Path) -> Option<SourceLanguage> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "c" | "h" => Some(SourceLanguage::C),
            "cpp" | "cc" | "cxx" | "hpp" | "hxx" => Some(SourceLanguage::Cpp),
            "def" => Some(SourceLanguage::ModuleDefinition),
            _ => None,
        }
    }
}

/// A file that was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnalyzedFile {
    /// Path as found.
    pub path: PathBuf,
    /// Language it was read as.
    pub language: SourceLanguage,
    /// Size in bytes.
    pub bytes: usize,
    /// Whether the bytes are valid UTF-8 (if not, texts shown in reasons are decoded lossily;
    /// spans are still byte offsets into the file).
    pub utf8: bool,
    /// Function definitions found.
    pub functions: usize,
    /// Where tree-sitter reported syntax errors (the first ten regions). Code there is analysed
    /// approximately, and entry points touching it say so.
    pub parse_errors: Vec<SourceLocation>,
}

/// A file that was not analysed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedFile {
    /// Path as found.
    pub path: PathBuf,
    /// Why it was skipped.
    pub reason: String,
}

/// One parameter of a prototype.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parameter {
    /// Its name, when the declaration gives one.
    pub name: Option<String>,
    /// Its type as written, annotations (`_In_`, `IN`, `OPTIONAL`) removed.
    pub type_text: String,
}

/// The kind of installer entry point a prototype declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PrototypeKind {
    /// `(DI_FUNCTION, HDEVINFO, PSP_DEVINFO_DATA, PCOINSTALLER_CONTEXT_DATA)`: a class or device
    /// co-installer (which of the two is decided by where the INF registers it).
    CoInstaller,
    /// `(DI_FUNCTION, HDEVINFO, PSP_DEVINFO_DATA)`: a class installer.
    ClassInstaller,
}

/// How a prototype was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// tree-sitter parsed the declaration without errors.
    Parsed,
    /// The declaration had syntax errors (usually unknown macros); name and parameters were
    /// recovered from the text.
    Heuristic,
}

/// A function's prototype as declared in its definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Prototype {
    /// The function name.
    pub function: String,
    /// The return type as written (storage class and annotations removed).
    pub return_type: String,
    /// `CALLBACK`, `WINAPI`, `__stdcall`, … when present.
    pub calling_convention: Option<String>,
    /// Declared `static` (so it cannot be exported).
    pub is_static: bool,
    /// Declared `__declspec(dllexport)`.
    pub declspec_dllexport: bool,
    /// The parameters.
    pub params: Vec<Parameter>,
    /// The installer kind the parameters declare, or why they declare none.
    pub kind: Knowledge<PrototypeKind>,
    /// How the prototype departs from the documented one (count, order, return type, calling
    /// convention); empty when it matches.
    pub deviations: Vec<String>,
    /// How the prototype was read.
    pub confidence: Confidence,
    /// The declaration (from the start of the definition to its body).
    pub at: SourceLocation,
}

/// How an entry point was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "by")]
pub enum FoundBy {
    /// Its prototype is an installer's.
    Prototype,
    /// Asked for by name, and a function of that name is defined.
    Name,
    /// Listed in a `.def` file's `EXPORTS` (possibly as an alias of another function).
    DefExport {
        /// The `.def` line.
        at: SourceLocation,
    },
}

/// An installer entry point: how it was found, its prototype, and its behaviour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryPoint {
    /// How it was found.
    pub found_by: FoundBy,
    /// The prototype of the function that implements it.
    pub prototype: Prototype,
    /// What it does.
    pub behavior: InstallerBehavior,
}

/// The result of analysing a set of installer sources.
#[derive(Debug, Clone, Serialize)]
pub struct SourceAnalysis {
    /// Files read, in walk order.
    pub files: Vec<AnalyzedFile>,
    /// Files not read, with reasons.
    pub skipped: Vec<SkippedFile>,
    /// `EXPORTS` of every `.def` file.
    pub def_exports: Vec<DefExport>,
    /// Entry points found by prototype (named after their `.def` export when there is one) and
    /// those asked for in [`AnalyzeOptions::entry_names`].
    pub entries: Vec<EntryPoint>,
    /// Why [`analyze_dir`] stopped walking the folder before its end (more source files than
    /// [`AnalyzeOptions::max_files`]), if it did: the files after that point were neither read
    /// nor listed in [`Self::skipped`] (which names the first of them), so an entry point not
    /// found may be defined in one of them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncated: Option<String>,
    #[serde(skip)]
    units: Arc<Vec<Unit>>,
    #[serde(skip)]
    limits: interp::Limits,
}

impl SourceAnalysis {
    /// The behaviours of [`SourceAnalysis::entries`].
    pub fn behaviors(&self) -> Vec<&InstallerBehavior> {
        self.entries.iter().map(|e| &e.behavior).collect()
    }

    /// The entry point exported as `name` (as an INF's `dll,entry` string names it): through a
    /// `.def` alias when one lists `name`, else the function called `name` (stdcall decoration
    /// such as `_Name@16` removed). `Unknown` says why it cannot be found.
    pub fn find_entry(&self, name: &str) -> Knowledge<EntryPoint> {
        if let Some(entry) = self.entries.iter().find(|e| e.behavior.entry == name) {
            return Knowledge::Known {
                value: entry.clone(),
            };
        }
        let program = Program::new(&self.units);
        resolve_entry(
            &program,
            &self.def_exports,
            name,
            self.limits,
            self.truncated.is_some(),
        )
    }
}

/// The walk [`analyze_dir`] makes of `dir`, for callers that must see the same files (in the
/// same order): symbolic links not followed, git's `.git` folder not entered, files excluded by
/// `.gitignore` files (in `dir`, below and above it, in a git work tree or not),
/// `.git/info/exclude` or `.ignore` files left out; the user's global git excludes file is not
/// read, so that the result does not depend on who runs it.
pub fn sources_walker(dir: &Path) -> ignore::WalkBuilder {
    let mut walker = ignore::WalkBuilder::new(dir);
    walker
        .follow_links(false)
        .hidden(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .ignore(true)
        .parents(true)
        // A source archive or a copied folder has no `.git`, but its `.gitignore` still says
        // what is not part of the sources.
        .require_git(false)
        .filter_entry(|e| e.depth() == 0 || e.file_name() != ".git")
        .sort_by_file_name(|a, b| a.cmp(b));
    walker
}

/// Analyses every installer source under `dir`, recursively, in file-name order. Symbolic links
/// are not followed (they are listed as skipped), git's own `.git` folder is not entered, and
/// files and folders excluded by `.gitignore` files (in `dir`, below it and above it, inside a
/// git work tree or not), `.git/info/exclude` or `.ignore` files are left out, as they are not
/// part of the sources; the user's global git excludes file is not read, so the result does
/// not depend on who runs the analysis. After [`AnalyzeOptions::max_files`] source files the
/// walk stops ([`SourceAnalysis::truncated`] says where). Problems with files are recorded in
/// [`SourceAnalysis::skipped`], never returned as errors.
pub fn analyze_dir(dir: &Path, options: &AnalyzeOptions) -> SourceAnalysis {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut truncated = None;
    let walker = sources_walker(dir).build();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = walk_error_path(&err).unwrap_or(dir).to_path_buf();
                skipped.push(SkippedFile {
                    path,
                    reason: format!("could not be read: {}", walk_error_reason(&err)),
                });
                continue;
            }
        };
        let path = entry.path().to_path_buf();
        let Some(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() || SourceLanguage::from_path(&path).is_none() {
            continue;
        }
        if file_type.is_symlink() {
            skipped.push(SkippedFile {
                path,
                reason: "symbolic link, not followed".to_string(),
            });
            continue;
        }
        if files.len() >= options.max_files {
            skipped.push(SkippedFile {
                reason: format!(
                    "the limit of {} source files was reached: this file and the rest of the folder were not read",
                    options.max_files
                ),
                path: path.clone(),
            });
            truncated = Some(format!(
                "more than {} source files under `{}`: the walk stopped at `{}`, which was not read, nor anything after it",
                options.max_files,
                dir.display(),
                path.display()
            ));
            break;
        }
        match entry.metadata() {
            Ok(meta) if meta.len() > options.max_file_bytes => {
                skipped.push(SkippedFile {
                    path,
                    reason: format!(
                        "{} bytes, larger than the limit of {} bytes",
                        meta.len(),
                        options.max_file_bytes
                    ),
                });
                continue;
            }
            Err(err) => {
                skipped.push(SkippedFile {
                    path,
                    reason: format!("could not be read: {}", walk_error_reason(&err)),
                });
                continue;
            }
            Ok(_) => {}
        }
        match std::fs::read(&path) {
            Ok(bytes) => files.push((path, bytes)),
            Err(err) => skipped.push(SkippedFile {
                path,
                reason: format!("could not be read: {err}"),
            }),
        }
    }
    let mut analysis = analyze(files, options, truncated);
    skipped.extend(analysis.skipped);
    analysis.skipped = skipped;
    analysis
}

/// The path a walk error is about, if it names one.
fn walk_error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Partial(errs) => errs.iter().find_map(walk_error_path),
        _ => None,
    }
}

/// A walk error without the path it is about (the path is reported beside it).
fn walk_error_reason(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => {
            walk_error_reason(err)
        }
        ignore::Error::Partial(errs) if errs.len() == 1 => walk_error_reason(&errs[0]),
        other => other.to_string(),
    }
}

/// Analyses one file given as bytes, with default options; its language comes from its
/// extension (C when the extension is not a known one).
pub fn analyze_file(path: &Path, bytes: &[u8]) -> SourceAnalysis {
    analyze_sources(
        vec![(path.to_path_buf(), bytes.to_vec())],
        &AnalyzeOptions::default(),
    )
}

/// Analyses a set of files given as `(path, bytes)`; files in a language the analysis does not
/// read are taken as C. Files over [`AnalyzeOptions::max_file_bytes`] are skipped.
pub fn analyze_sources(files: Vec<(PathBuf, Vec<u8>)>, options: &AnalyzeOptions) -> SourceAnalysis {
    analyze(files, options, None)
}

/// [`analyze_sources`], for files that are all or (`truncated` says why not) part of a folder.
fn analyze(
    files: Vec<(PathBuf, Vec<u8>)>,
    options: &AnalyzeOptions,
    truncated: Option<String>,
) -> SourceAnalysis {
    let limits = interp::Limits {
        helper_depth: options.helper_depth,
        max_steps: options.max_steps.max(1),
    };
    let mut skipped = Vec::new();
    let mut units = Vec::new();
    for (path, bytes) in files {
        if bytes.len() as u64 > options.max_file_bytes {
            skipped.push(SkippedFile {
                path,
                reason: format!(
                    "{} bytes, larger than the limit of {} bytes",
                    bytes.len(),
                    options.max_file_bytes
                ),
            });
            continue;
        }
        let language = SourceLanguage::from_path(&path).unwrap_or(SourceLanguage::C);
        units.push(Unit::new(path, language, bytes));
    }
    let mut def_exports = Vec::new();
    for unit in &units {
        if unit.language == SourceLanguage::ModuleDefinition {
            def_exports.extend(def_file::parse_def(&unit.path, &unit.text, &unit.lines));
        }
    }
    let program = Program::new(&units);
    let files = units
        .iter()
        .enumerate()
        .map(|(i, unit)| AnalyzedFile {
            path: unit.path.clone(),
            language: unit.language,
            bytes: unit.text.len(),
            utf8: std::str::from_utf8(&unit.text).is_ok(),
            functions: program.functions.iter().filter(|f| f.unit == i).count(),
            parse_errors: parse_errors(unit),
        })
        .collect();
    let mut entries: Vec<EntryPoint> = Vec::new();
    for (index, function) in program.functions.iter().enumerate() {
        if !matches!(function.prototype.kind, Knowledge::Known { .. }) {
            continue;
        }
        let name = &function.prototype.function;
        let exports: Vec<&DefExport> = def_exports
            .iter()
            .filter(|e| !e.noname && !e.data && e.function().as_deref() == Some(name.as_str()))
            .collect();
        if exports.is_empty() {
            if function.prototype.is_static || program.called_by_others(index) {
                continue;
            }
            entries.push(analyze_entry(
                &program,
                index,
                name,
                FoundBy::Prototype,
                limits,
            ));
        } else {
            for export in exports {
                entries.push(analyze_entry(
                    &program,
                    index,
                    &export.export,
                    FoundBy::DefExport {
                        at: export.at.clone(),
                    },
                    limits,
                ));
            }
        }
    }
    for name in &options.entry_names {
        if entries.iter().any(|e| &e.behavior.entry == name) {
            continue;
        }
        if let Knowledge::Known { value } =
            resolve_entry(&program, &def_exports, name, limits, truncated.is_some())
        {
            entries.push(value);
        }
    }
    drop(program);
    SourceAnalysis {
        files,
        skipped,
        def_exports,
        entries,
        truncated,
        units: Arc::new(units),
        limits,
    }
}

/// The first ten regions tree-sitter could not parse.
fn parse_errors(unit: &Unit) -> Vec<SourceLocation> {
    let Some(tree) = &unit.tree else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if found.len() >= 10 {
            break;
        }
        if node.is_error() || node.is_missing() {
            found.push(unit.location(node.start_byte(), node.end_byte()));
            continue;
        }
        if node.has_error() {
            let mut cursor = node.walk();
            let children: Vec<_> = node.children(&mut cursor).collect();
            stack.extend(children.into_iter().rev());
        }
    }
    found
}

/// Finds and analyses the entry point exported as `name`. `truncated`: the sources are only part
/// of their folder, so a function not found may be defined in a file that was not read.
fn resolve_entry(
    program: &Program,
    def_exports: &[DefExport],
    name: &str,
    limits: interp::Limits,
    truncated: bool,
) -> Knowledge<EntryPoint> {
    let unread = if truncated {
        " (the folder has more source files than were read; it may be defined in one of the others)"
    } else {
        ""
    };
    let export = def_exports.iter().find(|e| e.export == name);
    let (function, found_by) = match export {
        Some(e) if e.noname => {
            return Knowledge::Unknown {
                reason: format!(
                    "`{name}` is exported by ordinal only (NONAME in {})",
                    e.at.file.display()
                ),
            }
        }
        Some(e) => match e.function() {
            Some(f) => (f, FoundBy::DefExport { at: e.at.clone() }),
            None => {
                return Knowledge::Unknown {
                    reason: format!(
                        "`{name}` is forwarded to `{}` in another module",
                        e.internal.clone().unwrap_or_default()
                    ),
                }
            }
        },
        None => (def_file::undecorate(name).to_string(), FoundBy::Name),
    };
    match program.lookup(&function, None).first() {
        Some(&index) => Knowledge::Known { value: analyze_entry(program, index, name, found_by, limits) },
        None if function != name => {
            Knowledge::Unknown { reason: format!("`{name}` is exported as `{function}`, which is not defined in the analysed sources{unread}") }
        }
        None => Knowledge::Unknown { reason: format!("no function `{name}` is defined in the analysed sources{unread}") },
    }
}

/// Analyses function `index` as the entry point exported as `entry`.
fn analyze_entry(
    program: &Program,
    index: usize,
    entry: &str,
    found_by: FoundBy,
    limits: interp::Limits,
) -> EntryPoint {
    let function = &program.functions[index];
    let mut prototype = function.prototype.clone();
    let params = &prototype.params;
    let mut dif_param = params.iter().position(is_dif_param);
    let mut has_context = params.iter().any(is_context_param);
    if dif_param.is_none() && matches!(params.len(), 3 | 4) {
        // Asked for by name with an undeclared DI_FUNCTION type (e.g. `UINT`): the documented
        // position of the code is the first parameter.
        dif_param = Some(0);
        has_context |= params.len() == 4;
        prototype.deviations.push(
            "no DI_FUNCTION parameter; the first parameter was taken as the DIF code".to_string(),
        );
    }
    let role = match prototype.kind {
        Knowledge::Known { value: PrototypeKind::ClassInstaller } => Knowledge::Known { value: Role::ClassInstaller },
        Knowledge::Known { value: PrototypeKind::CoInstaller } => Knowledge::Unknown {
            reason: "co-installer prototype; whether it is a class or a device co-installer depends on where the INF registers it".to_string(),
        },
        Knowledge::Unknown { ref reason } => Knowledge::Unknown { reason: format!("prototype: {reason}") },
    };
    let mut facts = interp::analyze(
        program,
        index,
        &dif_param.into_iter().collect::<Vec<_>>(),
        limits,
    );
    if let Some(note) = &function.recovered {
        facts.gaps.insert(0, note.clone());
    }
    let info = summary::EntryInfo {
        entry,
        function: &prototype.function,
        defined_at: prototype.at.clone(),
        role,
        has_context,
    };
    let behavior = summary::build(program.units, info, facts);
    EntryPoint {
        found_by,
        prototype,
        behavior,
    }
}
