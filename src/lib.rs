//! Test-only package: end-to-end checks of the README's promises live in `tests/`; the
//! per-format CLI snapshot tests live in `crates/difcheck/tests/` (see `tests/readme_commands.rs`).
