//! The hidden `difcheck man`: man pages generated from the clap definitions (clap_mangen), so
//! that they never disagree with `--help`. `cargo xtask man` runs it.
//!
//! The generator lives in the binary rather than in xtask because the clap definitions are the
//! binary's own (`cli.rs`); exposing them through a library target, or compiling `cli.rs` into
//! xtask with `#[path]`, would make a second copy of the command's shape to keep in sync.

use std::path::Path;

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::ExitStatus;

/// Runs the command.
pub fn run(args: &ManArgs) -> ExitStatus {
    let cmd = Cli::command();
    let result = match &args.out_dir {
        None => render(&cmd).and_then(|page| crate::output::write_stdout(&page)),
        Some(dir) => write_all(&cmd, dir),
    };
    match result {
        Ok(()) => ExitStatus::Success,
        Err(e) => {
            eprintln!("error: {e}");
            ExitStatus::Error
        }
    }
}

fn render(cmd: &clap::Command) -> Result<String, String> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut buf)
        .map_err(|e| e.to_string())?;
    String::from_utf8(buf).map_err(|e| e.to_string())
}

/// Writes `difcheck.1` and `difcheck-<sub>.1` for every visible subcommand.
fn write_all(cmd: &clap::Command, dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    let mut pages = vec![("difcheck.1".to_owned(), render(cmd)?)];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("difcheck-{}", sub.get_name());
        let page = sub
            .clone()
            .name(name.clone())
            .version(cmd.get_version().unwrap_or_default().to_owned());
        pages.push((format!("{name}.1"), render(&page)?));
    }
    for (file, text) in pages {
        let path = dir.join(&file);
        crate::output::write_atomic(&path, &text)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
