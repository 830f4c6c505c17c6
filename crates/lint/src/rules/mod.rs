//! Every rule, one file each, grouped by category.

pub mod structure;
pub mod syntax;
pub mod version;
