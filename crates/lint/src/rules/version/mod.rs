//! The `[Version]` section.

pub mod inf1001_bad_signature;
