//! Primitive, extension and component INFs (develop/creating-a-primitive-driver.md,
//! install/using-an-extension-inf-file.md).

use inf_parser::{Arch, Inf, Section};

pub mod inf1383_extension_assoc_service;
pub mod inf1384_extension_filter_registry;
pub mod inf1420_primitive_version_incomplete;
pub mod inf1421_default_install_undecorated;
pub mod inf1422_default_uninstall_without_legacy_uninstall;
pub mod inf1423_no_arch_default_install;

/// How an install section of the `base` family (`DefaultInstall`, `DefaultUninstall`) is
/// decorated; `None` for suffix sections (`DefaultInstall.NTamd64.Services`) and other names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decoration {
    /// `base` or `base.NT`: no architecture.
    Undecorated,
    /// `base.NT<arch>` (or `base.<arch>`, the form the primitive-driver page once showed).
    Arch(Arch),
    /// `base.NT$ARCH$` in a file stampinf has not processed: an architecture once stamped.
    Unstamped,
    /// `base.NT<anything else>` without a further dot (e.g. `base.NTx64`).
    Other,
}

impl Decoration {
    /// Whether the section names an architecture (or will, once stamped).
    pub(crate) fn has_arch(self) -> bool {
        matches!(self, Decoration::Arch(_) | Decoration::Unstamped)
    }
}

/// The decoration of `name` as an install section of the `base` family.
pub(crate) fn install_decoration(name: &str, base: &str) -> Option<Decoration> {
    let n = name.trim();
    let head = n.get(..base.len())?;
    if !head.eq_ignore_ascii_case(base) {
        return None;
    }
    let rest = &n[base.len()..];
    if rest.is_empty() {
        return Some(Decoration::Undecorated);
    }
    let ext = rest.strip_prefix('.')?;
    if ext.contains('.') {
        return None;
    }
    if ext.eq_ignore_ascii_case("NT") {
        return Some(Decoration::Undecorated);
    }
    match ext.get(..2) {
        Some(p) if p.eq_ignore_ascii_case("nt") => {
            let arch_text = &ext[2..];
            // An unstamped `.NT$ARCH$` becomes an architecture when stampinf runs (INF1274
            // reports the token).
            if arch_text == "$ARCH$" {
                return Some(Decoration::Unstamped);
            }
            Some(Arch::parse(arch_text).map_or(Decoration::Other, Decoration::Arch))
        }
        // `base.<arch>`, or a suffix section of the undecorated base (`base.Services`).
        _ => Arch::parse(ext).map(Decoration::Arch),
    }
}

/// The install sections of the `base` family, with their decoration, in file order.
pub(crate) fn install_sections<'a>(inf: &'a Inf, base: &str) -> Vec<(&'a Section, Decoration)> {
    inf.sections()
        .iter()
        .filter_map(|s| install_decoration(&s.name, base).map(|d| (s, d)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decorations() {
        assert_eq!(
            install_decoration("DefaultInstall", "DefaultInstall"),
            Some(Decoration::Undecorated)
        );
        assert_eq!(
            install_decoration("defaultinstall.nt", "DefaultInstall"),
            Some(Decoration::Undecorated)
        );
        assert_eq!(
            install_decoration("DefaultInstall.NTamd64", "DefaultInstall"),
            Some(Decoration::Arch(Arch::Amd64))
        );
        assert_eq!(
            install_decoration("DefaultInstall.arm64", "DefaultInstall"),
            Some(Decoration::Arch(Arch::Arm64))
        );
        assert_eq!(
            install_decoration("DefaultInstall.NTx64", "DefaultInstall"),
            Some(Decoration::Other)
        );
        assert_eq!(
            install_decoration("DefaultInstall.NTamd64.Services", "DefaultInstall"),
            None
        );
        assert_eq!(
            install_decoration("DefaultInstall.Services", "DefaultInstall"),
            None
        );
        assert_eq!(
            install_decoration("DefaultInstall.NT$ARCH$", "DefaultInstall"),
            Some(Decoration::Unstamped)
        );
        assert_eq!(
            install_decoration("DefaultInstallX", "DefaultInstall"),
            None
        );
    }
}
