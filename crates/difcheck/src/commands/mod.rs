//! One module per subcommand.

pub mod completions;
pub mod dif;
pub mod explain;
pub mod lint;
pub mod man;
pub mod parse;
pub mod rules;

use crate::cli::{Cli, Command};
use crate::ExitStatus;

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> ExitStatus {
    match cli.command {
        Command::Lint(args) => lint::run(&args),
        Command::Parse(args) => parse::run(&args),
        Command::Dif(args) => dif::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Man(args) => man::run(&args),
    }
}
