//! The lint engine: rules over the parsed INF, the installer chain and installer behaviour,
//! producing [`Diagnostic`]s as plain data.

pub mod diagnostic;

pub use diagnostic::{Diagnostic, Label, Severity};
