//! `difcheck`: lint Windows driver INF packages and predict DIF dispatch, on any OS.
//!
//! This binary is the only place with terminal concerns: argument parsing (clap), rendering
//! (miette), file walking, output formats and exit codes.

mod baseline;
mod check;
mod cli;
mod commands;
mod emit;
mod fingerprint;
mod gitattr;
mod location;
mod output;
mod report;
mod stream;
mod version;
mod walk;

use std::process::ExitCode;

use clap::Parser;

/// How a run ended, mapped to the documented exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: nothing at or above the failure threshold.
    Success,
    /// 1: findings at or above the threshold (or files that could not be checked).
    Failure,
    /// 2: usage or I/O error.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> Self {
        ExitCode::from(match s {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        })
    }
}

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    commands::run(cli).into()
}
