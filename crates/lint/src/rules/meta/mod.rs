//! Findings about difcheck's own inputs: inline suppressions and template placeholders.

pub mod dck0001_unused_suppression;
pub mod dck0002_invalid_suppression;
pub mod dck0003_template_placeholder;
