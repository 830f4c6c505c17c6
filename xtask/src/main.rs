//! Project automation: `cargo xtask corpus|bench|docs|fuzz|hostile|man`.

mod bench;
mod bench_lint;
mod corpus;
mod docs;
mod fuzz;
mod hostile;
mod lint_corpus;
mod man;

use std::path::PathBuf;

use anyhow::{bail, Result};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        bail!("usage: cargo xtask <corpus|bench|docs|fuzz|hostile|man> …");
    };
    let rest = &args[1..];
    match cmd.as_str() {
        "corpus" => {
            let lint = rest.iter().any(|a| a == "--lint");
            let dir = rest
                .iter()
                .find(|a| !a.starts_with("--"))
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("../shared/corpus"));
            corpus::run(&corpus::CorpusArgs { dir, lint })
        }
        "bench" if rest.iter().any(|a| a == "--lint") => {
            bench_lint::run(&bench_lint::args_from(rest)?)
        }
        "bench" => bench::run(&bench::args_from(rest)?),
        "docs" => docs::run(rest.iter().any(|a| a == "--check")),
        "fuzz" => fuzz::run(&fuzz::args_from(rest)?),
        "hostile" => hostile::run(&hostile::args_from(rest)?),
        "man" => man::run(
            rest.iter()
                .find(|a| !a.starts_with("--"))
                .map(PathBuf::from),
        ),
        other => bail!("unknown xtask command `{other}`"),
    }
}
