//! The lint engine: rules over the parsed INF, the installer chain and installer behaviour,
//! producing [`Diagnostic`]s as plain data.
//!
//! Each rule lives in its own file under `rules/<category>/`, declares its metadata and
//! documentation next to its check with [`declare_rule!`], and is listed once in
//! [`registry::RULES`]. The engine ([`engine::lint_bytes`]) parses a file once, runs every rule
//! enabled in the profile, and returns a [`engine::FileReport`].
//!
//! Around the rules: [`config`] reads `difcheck.toml`, [`selection`] decides which rules run at
//! what severity, [`suppression`] honours `; difcheck: ignore[…]` comments, [`targets`] knows
//! the platforms an INF declares, [`stamp`] lints `.inx` files as stampinf would produce them,
//! [`template`] recognises build templates, [`detect`] suggests stricter profiles, and [`docs`]
//! renders the rule documentation.

pub mod config;
pub mod context;
pub mod detect;
pub mod diagnostic;
pub mod docs;
pub mod engine;
pub mod finding;
pub mod package;
pub mod registry;
pub mod rule;
pub mod rules;
pub mod selection;
pub mod stamp;
pub mod suppression;
pub mod targets;
pub mod template;

pub use config::{Config, ConfigCache, ConfigError, ConfigErrorKind, ResolvedConfig, Settings};
pub use context::Context;
pub use detect::{suggest_profile, ProfileSuggestion};
pub use diagnostic::{Diagnostic, Label, Severity};
pub use engine::{
    line_col, lint_bytes, lint_source, lint_text, FileKind, FileReport, FileStatus, LineIndex,
    LintOptions,
};
pub use finding::Finding;
pub use inf_parser::{Arch, TargetOsVersion};
pub use package::{NotAnalysed, SourceCache};
pub use registry::{find_rule, RULES};
pub use rule::{Category, Needs, Profile, RuleMeta, Severities};
pub use selection::{RuleSelector, RuleSettings, SelectorError, SeverityLevel};
pub use stamp::InxOptions;
pub use targets::{DeclaredTarget, TargetSpec};
