//! The lint engine: rules over the parsed INF, the installer chain and installer behaviour,
//! producing [`Diagnostic`]s as plain data.
//!
//! Each rule lives in its own file under `rules/<category>/`, declares its metadata and
//! documentation next to its check with [`declare_rule!`], and is listed once in
//! [`registry::RULES`]. The engine ([`engine::lint_bytes`]) parses a file once, runs every rule
//! enabled in the profile, and returns a [`engine::FileReport`].

pub mod context;
pub mod diagnostic;
pub mod engine;
pub mod finding;
pub mod registry;
pub mod rule;
pub mod rules;

pub use context::Context;
pub use diagnostic::{Diagnostic, Label, Severity};
pub use engine::{lint_bytes, FileReport, FileStatus, LintOptions};
pub use finding::Finding;
pub use registry::{find_rule, RULES};
pub use rule::{Category, Needs, Profile, RuleMeta, Severities};
