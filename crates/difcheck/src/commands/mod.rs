//! One module per subcommand.

pub mod parse;

use crate::cli::{Cli, Command};
use crate::ExitStatus;

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> ExitStatus {
    match cli.command {
        Command::Parse(args) => parse::run(&args),
    }
}
