//! What a check can read: the parsed INF and everything derived from it. Rules read; they do
//! not re-parse.

use std::path::Path;

use inf_parser::Inf;

use crate::rule::Profile;

/// The input of every check.
pub struct Context<'a> {
    /// The semantic view of the file being linted.
    pub inf: &'a Inf,
    /// The file's path as given or found.
    pub path: &'a Path,
    /// The package folder (the INF's folder), when the file is on disk.
    pub package_dir: Option<&'a Path>,
    /// The profile in force.
    pub profile: Profile,
    /// Whether the file is an INX (stampinf input) being linted as stamped output.
    pub is_inx: bool,
}
