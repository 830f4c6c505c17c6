//! `difcheck completions SHELL`: a completion script generated from the clap definitions.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::ExitStatus;

/// Runs the command.
pub fn run(args: &CompletionsArgs) -> ExitStatus {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "difcheck", &mut buf);
    match crate::output::write_stdout(&String::from_utf8_lossy(&buf)) {
        Ok(()) => ExitStatus::Success,
        Err(e) => {
            eprintln!("error: {e}");
            ExitStatus::Error
        }
    }
}
