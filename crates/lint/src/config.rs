//! `difcheck.toml`: per-project lint settings, found by walking up from each linted file.
//!
//! ```toml
//! profile = "windows-driver"            # basic | declarative | universal | signing | windows-driver
//! targets = ["amd64", "NTarm64.10.0...22000"]
//! select = ["ALL"]                      # codes, InfVerif numbers, names, categories, prefixes
//! ignore = ["INF2083", "meta"]
//! codepage = 1252
//!
//! [severity]
//! INF1209 = "warning"                   # error | warning | info | off
//! 1324 = "off"
//!
//! [[overrides]]
//! files = ["legacy/**/*.inf", "*.inx"]  # globs relative to this file's folder
//! profile = "basic"
//! [overrides.severity]
//! INF2083 = "off"
//! ```
//!
//! - Discovery: from the linted file's folder upwards, the closest `difcheck.toml` (or
//!   `.difcheck.toml`; both in one folder is an error) wins; configurations are not merged. The
//!   walk stops at a folder that holds `.git` (after looking in it) or at the root.
//! - `[[overrides]]` apply in order to the files their globs match (case-insensitive; `*` stays
//!   within a folder, `**` crosses folders; a glob without `/` matches the file name in any
//!   folder). An override's `profile`, `targets`, `select`, `ignore` and `codepage` replace
//!   the base values; its `[severity]` entries are added after the base ones, so they win over
//!   base entries that are as specific (see [`crate::selection`]).
//! - Unknown keys, unknown rule codes, bad values and bad globs are errors with the file, line
//!   and column.
//! - `fail-on`, output formats and file-size limits are command-line matters, not lint
//!   settings, and are not accepted here.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, Mutex};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::engine::LintOptions;
use crate::rule::Profile;
use crate::selection::{RuleSelector, SeverityLevel};
use crate::targets::TargetSpec;

/// The file names looked for, in each folder.
pub const CONFIG_FILE_NAMES: [&str; 2] = ["difcheck.toml", ".difcheck.toml"];

/// What kind of mistake a configuration file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigErrorKind {
    /// Not valid TOML, or a value of the wrong type.
    Syntax,
    /// A key difcheck does not know.
    UnknownKey,
    /// A rule code, number, name, category or prefix that names no rule.
    UnknownRule,
    /// A value difcheck cannot use (profile, severity, target, glob, code page).
    InvalidValue,
}

/// Why a configuration could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {}: {message}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's message.
        message: String,
    },
    /// The file has a mistake at a known place.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column (characters).
        column: usize,
        /// What kind of mistake.
        kind: ConfigErrorKind,
        /// What is wrong.
        message: String,
    },
    /// Two configuration files in one folder.
    #[error("both `difcheck.toml` and `.difcheck.toml` in {}; keep one", dir.display())]
    Ambiguous {
        /// The folder.
        dir: PathBuf,
    },
}

/// Settings that apply to a file: the top level of `difcheck.toml`, or one `[[overrides]]`
/// entry, or the merge of both for one file. `None` means "not set here".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// The profile.
    pub profile: Option<Profile>,
    /// The target filter.
    pub targets: Option<Vec<TargetSpec>>,
    /// Rules to run (`None` = the profile's).
    pub select: Option<Vec<RuleSelector>>,
    /// Rules not to run.
    pub ignore: Option<Vec<RuleSelector>>,
    /// Severity changes, in order.
    pub severity: Vec<(RuleSelector, SeverityLevel)>,
    /// ANSI code page for 8-bit files.
    pub codepage: Option<u16>,
}

impl Settings {
    /// Lays `over` on top of `self`: set keys replace, severity entries are appended.
    pub fn merge(&mut self, over: &Settings) {
        if over.profile.is_some() {
            self.profile = over.profile;
        }
        if over.targets.is_some() {
            self.targets.clone_from(&over.targets);
        }
        if over.select.is_some() {
            self.select.clone_from(&over.select);
        }
        if over.ignore.is_some() {
            self.ignore.clone_from(&over.ignore);
        }
        if over.codepage.is_some() {
            self.codepage = over.codepage;
        }
        self.severity.extend(over.severity.iter().copied());
    }

    /// Writes the settings that are set into `options`.
    pub fn apply_to(&self, options: &mut LintOptions) {
        if let Some(p) = self.profile {
            options.profile = p;
        }
        if let Some(t) = &self.targets {
            options.targets.clone_from(t);
        }
        if let Some(s) = &self.select {
            options.rules.select = Some(s.clone());
        }
        if let Some(i) = &self.ignore {
            options.rules.ignore.clone_from(i);
        }
        if !self.severity.is_empty() {
            options.rules.severity.clone_from(&self.severity);
        }
        if let Some(c) = self.codepage {
            options.codepage = c;
        }
    }
}

/// One `[[overrides]]` entry.
#[derive(Debug, Clone)]
pub struct Override {
    /// The globs as written.
    pub files: Vec<String>,
    /// What it sets.
    pub settings: Settings,
    matcher: GlobSet,
}

impl Override {
    /// Whether the override applies to `relative` (a path relative to the configuration's
    /// folder, with `/` separators).
    pub fn matches(&self, relative: &str) -> bool {
        self.matcher.is_match(relative)
    }
}

/// A parsed, validated `difcheck.toml`.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The top-level settings.
    pub settings: Settings,
    /// The `[[overrides]]` entries, in order.
    pub overrides: Vec<Override>,
}

/// The configuration in force for a file: the one found by [`Config::discover`] (or none).
#[derive(Debug, Clone, Default)]
pub struct ResolvedConfig {
    /// The configuration file, when one was found.
    pub path: Option<PathBuf>,
    /// Its content (empty when none was found).
    pub config: Config,
}

impl ResolvedConfig {
    /// The folder override globs are relative to.
    pub fn base_dir(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }

    /// The settings for `file`: the top level with every matching override laid on top.
    pub fn settings_for(&self, file: &Path) -> Settings {
        let mut settings = self.config.settings.clone();
        if self.config.overrides.is_empty() {
            return settings;
        }
        let relative = relative_to(file, self.base_dir());
        for o in &self.config.overrides {
            if o.matches(&relative) {
                settings.merge(&o.settings);
            }
        }
        settings
    }

    /// `base` with the settings for `file` applied. The command line applies its own flags on
    /// top of the result, so flags win over the file.
    pub fn options_for(&self, file: &Path, base: &LintOptions) -> LintOptions {
        let mut options = base.clone();
        self.settings_for(file).apply_to(&mut options);
        options
    }
}

/// `file` relative to `base` with `/` separators (absolute paths on both sides when possible;
/// the path as given otherwise).
fn relative_to(file: &Path, base: Option<&Path>) -> String {
    let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let rel = base
        .and_then(|b| {
            let b = std::path::absolute(b).unwrap_or_else(|_| b.to_path_buf());
            abs.strip_prefix(&b).ok().map(Path::to_path_buf)
        })
        .unwrap_or_else(|| file.to_path_buf());
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// The raw top level, with spans for error messages.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    profile: Option<Spanned<String>>,
    targets: Option<Vec<Spanned<String>>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    codepage: Option<Spanned<i64>>,
    overrides: Option<Vec<RawOverride>>,
}

/// One raw `[[overrides]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    files: Spanned<Vec<Spanned<String>>>,
    profile: Option<Spanned<String>>,
    targets: Option<Vec<Spanned<String>>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    codepage: Option<Spanned<i64>>,
}

/// Turns spans into line/column errors for one file.
struct Located<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Located<'_> {
    fn error(&self, at: usize, kind: ConfigErrorKind, message: impl Into<String>) -> ConfigError {
        let at = at.min(self.text.len());
        let before = self.text.get(..at).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        ConfigError::Invalid {
            path: self.path.to_path_buf(),
            line,
            column,
            kind,
            message: message.into(),
        }
    }

    fn settings(
        &self,
        profile: Option<Spanned<String>>,
        targets: Option<Vec<Spanned<String>>>,
        select: Option<Vec<Spanned<String>>>,
        ignore: Option<Vec<Spanned<String>>>,
        severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
        codepage: Option<Spanned<i64>>,
    ) -> Result<Settings, ConfigError> {
        let mut s = Settings::default();
        if let Some(p) = profile {
            let parsed = Profile::parse(p.get_ref()).ok_or_else(|| {
                self.error(
                    p.span().start,
                    ConfigErrorKind::InvalidValue,
                    format!(
                        "unknown profile `{}`; expected basic, declarative, universal, signing or windows-driver",
                        p.get_ref()
                    ),
                )
            })?;
            s.profile = Some(parsed);
        }
        if let Some(targets) = targets {
            let mut out = Vec::with_capacity(targets.len());
            for t in targets {
                let spec = TargetSpec::parse(t.get_ref()).map_err(|e| {
                    self.error(t.span().start, ConfigErrorKind::InvalidValue, e.to_string())
                })?;
                out.push(spec);
            }
            s.targets = Some(out);
        }
        if let Some(select) = select {
            s.select = Some(self.selectors(select)?);
        }
        if let Some(ignore) = ignore {
            s.ignore = Some(self.selectors(ignore)?);
        }
        if let Some(table) = severity {
            let mut seen: HashMap<&'static str, usize> = HashMap::new();
            for (key, value) in table {
                let selector = self.selector(&key)?;
                let level = SeverityLevel::parse(value.get_ref()).ok_or_else(|| {
                    self.error(
                        value.span().start,
                        ConfigErrorKind::InvalidValue,
                        format!(
                            "unknown severity `{}`; expected error, warning, info or off",
                            value.get_ref()
                        ),
                    )
                })?;
                if let RuleSelector::Rule(r) = selector {
                    if seen.insert(r.code, key.span().start).is_some() {
                        return Err(self.error(
                            key.span().start,
                            ConfigErrorKind::InvalidValue,
                            format!(
                                "`{}` sets the severity of {} a second time",
                                key.get_ref(),
                                r.code
                            ),
                        ));
                    }
                }
                s.severity.push((selector, level));
            }
        }
        if let Some(cp) = codepage {
            let value = *cp.get_ref();
            let ok = u16::try_from(value)
                .ok()
                .filter(|&c| inf_parser::codepage_supported(c));
            s.codepage = Some(ok.ok_or_else(|| {
                self.error(
                    cp.span().start,
                    ConfigErrorKind::InvalidValue,
                    format!("code page {value} is not supported"),
                )
            })?);
        }
        Ok(s)
    }

    fn selector(&self, text: &Spanned<String>) -> Result<RuleSelector, ConfigError> {
        RuleSelector::parse(text.get_ref()).map_err(|e| {
            self.error(
                text.span().start,
                ConfigErrorKind::UnknownRule,
                e.to_string(),
            )
        })
    }

    fn selectors(&self, list: Vec<Spanned<String>>) -> Result<Vec<RuleSelector>, ConfigError> {
        list.iter().map(|t| self.selector(t)).collect()
    }

    fn globs(&self, files: &Spanned<Vec<Spanned<String>>>) -> Result<GlobSet, ConfigError> {
        if files.get_ref().is_empty() {
            return Err(self.error(
                files.span().start,
                ConfigErrorKind::InvalidValue,
                "`files` lists no glob",
            ));
        }
        let mut builder = GlobSetBuilder::new();
        for g in files.get_ref() {
            let pattern = g.get_ref().replace('\\', "/");
            let pattern = pattern.trim_start_matches("./");
            // A glob without `/` names files anywhere below the configuration's folder.
            let pattern = if pattern.contains('/') {
                pattern.to_owned()
            } else {
                format!("**/{pattern}")
            };
            let glob = GlobBuilder::new(&pattern)
                .case_insensitive(true)
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    self.error(
                        g.span().start,
                        ConfigErrorKind::InvalidValue,
                        format!("bad glob: {e}"),
                    )
                })?;
            builder.add(glob);
        }
        builder.build().map_err(|e| {
            self.error(
                files.span().start,
                ConfigErrorKind::InvalidValue,
                e.to_string(),
            )
        })
    }
}

impl Config {
    /// Parses the text of a configuration file; `path` names it in errors and is the folder
    /// the override globs are relative to (through [`ResolvedConfig`]).
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let loc = Located { path, text };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            let message = e.message().trim().to_owned();
            let kind = if message.starts_with("unknown field") {
                ConfigErrorKind::UnknownKey
            } else {
                ConfigErrorKind::Syntax
            };
            loc.error(at, kind, message)
        })?;
        let settings = loc.settings(
            raw.profile,
            raw.targets,
            raw.select,
            raw.ignore,
            raw.severity,
            raw.codepage,
        )?;
        let mut overrides = Vec::new();
        for o in raw.overrides.unwrap_or_default() {
            let matcher = loc.globs(&o.files)?;
            let files = o
                .files
                .get_ref()
                .iter()
                .map(|g| g.get_ref().clone())
                .collect();
            let settings = loc.settings(
                o.profile, o.targets, o.select, o.ignore, o.severity, o.codepage,
            )?;
            overrides.push(Override {
                files,
                settings,
                matcher,
            });
        }
        Ok(Config {
            settings,
            overrides,
        })
    }

    /// Reads and parses a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Config::parse(&text, path)
    }

    /// The configuration in force for `path` (a file or a folder): the closest configuration
    /// file in its folder or above, stopping at a folder with `.git` or at the root. No file
    /// found is not an error: the result is empty.
    pub fn discover(path: &Path) -> Result<ResolvedConfig, ConfigError> {
        match find_config_file(path)? {
            Some(file) => Ok(ResolvedConfig {
                config: Config::load(&file)?,
                path: Some(file),
            }),
            None => Ok(ResolvedConfig::default()),
        }
    }
}

impl FromStr for Config {
    type Err = ConfigError;

    /// Parses configuration text that has no file (errors name `difcheck.toml`).
    fn from_str(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new(CONFIG_FILE_NAMES[0]))
    }
}

/// The folder where the upward search for `path` starts.
fn start_dir(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    if abs.is_dir() {
        abs
    } else {
        abs.parent().map(Path::to_path_buf).unwrap_or(abs)
    }
}

/// The configuration file in `dir` itself, if any.
fn config_in(dir: &Path) -> Result<Option<PathBuf>, ConfigError> {
    let found: Vec<PathBuf> = CONFIG_FILE_NAMES
        .iter()
        .map(|n| dir.join(n))
        .filter(|p| p.is_file())
        .collect();
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.into_iter().next()),
        _ => Err(ConfigError::Ambiguous {
            dir: dir.to_path_buf(),
        }),
    }
}

/// The closest configuration file for `path`.
pub fn find_config_file(path: &Path) -> Result<Option<PathBuf>, ConfigError> {
    let mut dir = start_dir(path);
    loop {
        if let Some(found) = config_in(&dir)? {
            return Ok(Some(found));
        }
        if dir.join(".git").exists() {
            return Ok(None);
        }
        match dir.parent() {
            Some(p) => dir = p.to_path_buf(),
            None => return Ok(None),
        }
    }
}

/// [`Config::discover`] with memory: each folder is searched and each configuration file read
/// once. Safe to share between threads.
#[derive(Debug, Default)]
pub struct ConfigCache {
    /// Folder → the configuration file in force there.
    files: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    /// Configuration file → its parsed content.
    configs: Mutex<HashMap<PathBuf, Result<Arc<ResolvedConfig>, ConfigError>>>,
}

impl ConfigCache {
    /// An empty cache.
    pub fn new() -> Self {
        ConfigCache::default()
    }

    /// The configuration in force for `path`, as [`Config::discover`] finds it.
    pub fn discover(&self, path: &Path) -> Result<Arc<ResolvedConfig>, ConfigError> {
        let dir = start_dir(path);
        let cached = self.files.lock().ok().and_then(|m| m.get(&dir).cloned());
        let file = match cached {
            Some(f) => f,
            None => {
                let f = find_config_file(&dir)?;
                if let Ok(mut m) = self.files.lock() {
                    m.insert(dir, f.clone());
                }
                f
            }
        };
        let Some(file) = file else {
            return Ok(Arc::new(ResolvedConfig::default()));
        };
        if let Some(r) = self.configs.lock().ok().and_then(|m| m.get(&file).cloned()) {
            return r;
        }
        let result = Config::load(&file).map(|config| {
            Arc::new(ResolvedConfig {
                config,
                path: Some(file.clone()),
            })
        });
        if let Ok(mut m) = self.configs.lock() {
            m.insert(file, result.clone());
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::registry::find_rule;

    fn err(text: &str) -> (usize, usize, ConfigErrorKind, String) {
        match text.parse::<Config>() {
            Err(ConfigError::Invalid {
                line,
                column,
                kind,
                message,
                ..
            }) => (line, column, kind, message),
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn parses_every_key() {
        let text = r#"
profile = "windows-driver"
targets = ["amd64", "NTarm64.10.0...22000"]
select = ["ALL"]
ignore = ["INF12", "meta"]
codepage = 932

[severity]
INF1209 = "warning"
1001 = "off"
structure = "info"

[[overrides]]
files = ["legacy/**/*.inf", "*.INX"]
profile = "basic"
select = ["syntax"]
[overrides.severity]
INF1002 = "warn"
"#;
        let c: Config = text.parse().unwrap();
        assert_eq!(c.settings.profile, Some(Profile::WindowsDriver));
        assert_eq!(c.settings.targets.as_ref().unwrap().len(), 2);
        assert_eq!(c.settings.ignore.as_ref().unwrap().len(), 2);
        assert_eq!(c.settings.codepage, Some(932));
        assert_eq!(c.settings.severity.len(), 3);
        assert_eq!(c.overrides.len(), 1);
        assert!(c.overrides[0].matches("legacy/a/b.inf"));
        assert!(c.overrides[0].matches("deep/down/X.inx"));
        assert!(!c.overrides[0].matches("legacy.inf"));
    }

    #[test]
    fn errors_have_places() {
        assert_eq!(err("profile = \"basic\"\nfail-on = \"error\"\n").0, 2);
        assert_eq!(
            err("profile = \"basic\"\nfail-on = \"error\"\n").2,
            ConfigErrorKind::UnknownKey
        );
        let (line, column, kind, message) = err("select = [\"INF1209\",\n  \"XYZ9\"]\n");
        assert_eq!((line, column, kind), (2, 3, ConfigErrorKind::UnknownRule));
        assert!(message.contains("XYZ9"), "{message}");
        assert_eq!(
            err("[severity]\n9999 = \"off\"\n").2,
            ConfigErrorKind::UnknownRule
        );
        assert_eq!(err("[severity]\nINF1209 = \"loud\"\n").0, 2);
        assert_eq!(
            err("[severity]\nINF1209 = \"off\"\n1209 = \"error\"\n").2,
            ConfigErrorKind::InvalidValue
        );
        assert_eq!(
            err("profile = \"strict\"\n").2,
            ConfigErrorKind::InvalidValue
        );
        assert_eq!(
            err("targets = [\"sparc\"]\n").2,
            ConfigErrorKind::InvalidValue
        );
        assert_eq!(err("codepage = 12345\n").2, ConfigErrorKind::InvalidValue);
        assert_eq!(
            err("[[overrides]]\nfiles = [\"a[\"]\n").2,
            ConfigErrorKind::InvalidValue
        );
        assert_eq!(
            err("[[overrides]]\nprofile = \"basic\"\n").2,
            ConfigErrorKind::Syntax
        );
        assert_eq!(
            err("[[overrides]]\nfiles = [\"*.inf\"]\nbogus = 1\n").2,
            ConfigErrorKind::UnknownKey
        );
        assert_eq!(err("profile = [").2, ConfigErrorKind::Syntax);
    }

    #[test]
    fn overrides_apply_in_order_and_settings_reach_options() {
        let text = "profile = \"universal\"\n[severity]\nINF1209 = \"warning\"\n[[overrides]]\nfiles = [\"old/*.inf\"]\nprofile = \"basic\"\ncodepage = 1251\n[overrides.severity]\nINF1209 = \"info\"\n";
        let resolved = ResolvedConfig {
            path: Some(PathBuf::from("/repo/difcheck.toml")),
            config: text.parse().unwrap(),
        };
        let base = LintOptions::default();
        let plain = resolved.options_for(Path::new("/repo/new/a.inf"), &base);
        assert_eq!(plain.profile, Profile::Universal);
        let dup = find_rule("INF1209").unwrap();
        assert_eq!(
            plain.rules.effective(dup, plain.profile),
            Some(Severity::Warning)
        );
        let old = resolved.options_for(Path::new("/repo/old/a.inf"), &base);
        assert_eq!((old.profile, old.codepage), (Profile::Basic, 1251));
        assert_eq!(old.rules.effective(dup, old.profile), Some(Severity::Info));
        // Not below the configuration's folder: only the top level applies.
        assert_eq!(
            resolved
                .options_for(Path::new("/elsewhere/old/a.inf"), &base)
                .profile,
            Profile::Universal
        );
    }

    #[test]
    fn discovery_walks_up_and_stops_at_git() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        let deep = root.join("repo/drivers/widget");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::create_dir_all(root.join("repo/.git")).unwrap();
        std::fs::write(root.join("difcheck.toml"), "profile = \"signing\"\n").unwrap();
        // Above `.git`: not found.
        let none = Config::discover(&deep.join("widget.inf")).unwrap();
        assert!(none.path.is_none());
        std::fs::write(
            root.join("repo/drivers/difcheck.toml"),
            "profile = \"universal\"\n",
        )
        .unwrap();
        let found = Config::discover(&deep.join("widget.inf")).unwrap();
        assert_eq!(
            found.path.as_deref(),
            Some(root.join("repo/drivers/difcheck.toml").as_path())
        );
        assert_eq!(found.config.settings.profile, Some(Profile::Universal));
        let cache = ConfigCache::new();
        assert_eq!(
            cache
                .discover(&deep.join("x.inf"))
                .unwrap()
                .config
                .settings
                .profile,
            Some(Profile::Universal)
        );
        assert_eq!(
            cache.discover(&deep.join("y.inf")).unwrap().path,
            found.path
        );
        std::fs::write(root.join("repo/drivers/.difcheck.toml"), "").unwrap();
        assert!(matches!(
            Config::discover(&deep.join("widget.inf")),
            Err(ConfigError::Ambiguous { .. })
        ));
        std::fs::remove_file(root.join("repo/drivers/.difcheck.toml")).unwrap();
        std::fs::write(
            root.join("repo/drivers/difcheck.toml"),
            "select = [\"NOPE\"]\n",
        )
        .unwrap();
        match Config::discover(&deep.join("widget.inf")) {
            Err(ConfigError::Invalid { path, line: 1, .. }) => {
                assert!(path.ends_with("difcheck.toml"))
            }
            other => panic!("{other:?}"),
        }
    }
}
