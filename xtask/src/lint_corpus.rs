//! `cargo xtask corpus DIR --lint`: lint every corpus file in every profile (filled in with the
//! lint engine).

use std::path::PathBuf;

use anyhow::Result;

/// Lints every file in every profile and prints findings per rule.
pub fn run(_files: &[PathBuf]) -> Result<()> {
    anyhow::bail!("--lint needs the lint engine")
}
