//! Command-line definitions (clap).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Lint Windows driver INF packages and predict how Windows dispatches their installers.
#[derive(Debug, Parser)]
#[command(name = "difcheck", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse one INF file and print what SetupAPI reads from it.
    Parse(ParseArgs),
}

/// Output formats of `difcheck parse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParseFormat {
    /// The JSON shape read by the golden checker and other tools.
    Json,
    /// A readable outline.
    Text,
}

/// Arguments of `difcheck parse`.
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// The INF or INX file.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ParseFormat::Text)]
    pub format: ParseFormat,
    /// ANSI code page used for 8-bit files without a byte-order mark.
    #[arg(long, default_value_t = 1252)]
    pub codepage: u16,
    /// LANGID (hex, e.g. 0407) choosing the `[Strings.LLLL]` section.
    #[arg(long, value_parser = parse_langid)]
    pub langid: Option<u16>,
    /// Keep `%NN%` DIRID tokens instead of expanding them to default-installation paths.
    #[arg(long)]
    pub keep_dirids: bool,
}

/// Parses a LANGID written as 4 hex digits, with or without `0x`.
pub fn parse_langid(s: &str) -> Result<u16, String> {
    let h = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")).unwrap_or(s);
    u16::from_str_radix(h, 16).map_err(|_| format!("`{s}` is not a LANGID (4 hex digits, e.g. 0407)"))
}
