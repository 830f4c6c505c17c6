//! Platform decorations and TargetOSVersion: the `[Manufacturer]` decorations that choose
//! Models sections, the `.NT<arch>` extensions that choose install sections and their suffix
//! sections, the bare architecture of `[SourceDisks…]` sections, and stampinf tokens left in an
//! `.inf`.

pub mod dck0150_unreachable_decoration;
pub mod dck0151_suffix_decoration_mismatch;
pub mod dck0152_unrecognized_source_disks_decoration;
pub mod dck0153_unknown_platform_extension;
pub mod dck0154_unresolved_stampinf_token;
pub mod inf1199_requires_newer_build;
pub mod inf1274_unresolved_arch_token;
pub mod inf1287_bad_target_os_version;
pub mod inf1288_build_before_14310;
pub mod inf2010_undecorated_models_section;
