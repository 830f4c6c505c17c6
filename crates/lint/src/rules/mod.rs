//! Every rule, one file each, grouped by category.

pub mod declarative;
pub mod decoration;
pub mod dif;
pub mod files;
pub mod finish_install;
pub mod installer;
pub mod installer_source;
pub mod isolation;
pub mod meta;
pub mod primitive;
pub mod registry;
pub mod services;
pub mod structure;
pub mod syntax;
pub mod universal;
pub mod version;
