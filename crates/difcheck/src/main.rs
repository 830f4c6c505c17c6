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

/// Makes glibc's `malloc` give large blocks back to the system when they are freed.
///
/// By default glibc serves a block of 128 KiB or more with its own `mmap` (returned on `free`),
/// but raises that threshold, up to 32 MiB, each time such a block is freed; from then on large
/// blocks (a file's text, its syntax tree, a rule's tables) come from the heaps of the threads
/// that lint, where the small results kept between files pin them, and the resident memory of a
/// run grows file after file (measured: 36 MB for the corpus, 58 MB for ten copies of it). A
/// fixed threshold keeps the memory of a run tied to its largest file (27 MB and 37 MB), for the
/// same CPU time.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn return_large_blocks_to_the_system() {
    extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    /// `M_MMAP_THRESHOLD` in glibc's `<malloc.h>`; setting it turns the adjustment off.
    const M_MMAP_THRESHOLD: i32 = -3;
    // SAFETY: `mallopt` only sets a tuning parameter of the allocator, under its own lock; the
    // value is glibc's default starting threshold.
    unsafe {
        mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn return_large_blocks_to_the_system() {}

fn main() -> ExitCode {
    return_large_blocks_to_the_system();
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
