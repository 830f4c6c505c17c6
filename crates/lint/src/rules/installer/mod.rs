//! Co-installer and class-installer registration in the INF (dif-model.md §3, §6.1): which
//! sections and AddReg lines register installers, how the `dll[,entry]` strings are written, and
//! whether the DLLs are copied where Windows loads them from.
//!
//! Two views are shared by the rules of this category:
//! - [`registered`]: every installer registration the installer chain of a checked target
//!   reaches (dif-model's [`dif_model::chain::InstallerChain`]), once per AddReg string, with the
//!   targets it is reached for; for rules about what Windows does with a registration;
//! - [`dif_model::chain::registration_sites`]: every AddReg line writing an installer value in
//!   any section an `AddReg=` names; for rules about the text of a line, which is wrong wherever
//!   it is used.

pub mod dif0001_class_install32_not_universal;
pub mod dif0002_installer32_not_reg_sz;
pub mod dif0003_co_installers32_not_multi_sz;
pub mod dif0004_co_installers32_appended;
pub mod dif0005_co_installers32_outside_co_installers_section;
pub mod dif0006_co_installers32_not_under_hkr;
pub mod dif0007_class_co_installer_without_append;
pub mod dif0008_class_co_installer_bad_value;
pub mod dif0009_class_co_installer_for_foreign_class;
pub mod dif0010_installer_dll_not_copied;
pub mod dif0011_installer_dll_not_in_system_directory;
pub mod dif0012_installer_dll_not_on_source_disk;
pub mod dif0013_co_installers_section_missing_for_variant;
pub mod dif0014_co_installers_section_unreachable;
pub mod dif0015_duplicate_co_installer_dll;
pub mod dif0016_installer_entry_split;
pub mod dif0017_malformed_installer_entry;
pub mod dif0018_installer_entry_whitespace;
pub mod dif0019_default_installer_entry_point;
pub mod dif0020_framework_co_installer;
pub mod dif0021_enum_prop_pages_malformed;
pub mod dif0022_legacy_directive_in_co_installers_section;
pub mod dif0023_interactive_install;
pub mod dif0024_installer_dll_architecture_mismatch;
pub mod dif0025_installer_entry_not_exported;
pub mod inf1285_class_install32_for_system_class;
pub mod inf1300_co_installers_section;
pub mod inf1303_installer_registration;

use dif_model::chain::{
    CoInstallersSection, Installer, InstallerRole, RegisteredValue, RegistrationSite,
};
use inf_parser::directives::RegRoot;
use std::path::{Component, Path};
use std::rc::Rc;

use inf_parser::{fold_case, Arch, Inf, Section, Span};

use crate::context::Context;

/// The registration sites of the file, cached.
struct Sites(Rc<[RegistrationSite]>);

/// Every AddReg line writing an installer value, wherever it is referenced from
/// ([`dif_model::chain::registration_sites`]), read once per file and shared.
pub(crate) fn registration_sites(cx: &Context<'_>) -> Rc<[RegistrationSite]> {
    cx.cached(|cx| Sites(dif_model::chain::registration_sites(cx.inf).into()))
        .0
        .clone()
}

/// The `.CoInstallers` sections of the file, cached.
struct CoSections(Rc<[CoInstallersSection]>);

/// Every `.CoInstallers` section with its base and the Models lines that reach it
/// ([`dif_model::chain::co_installers_sections`]), read once per file and shared.
pub(crate) fn co_installers_sections(cx: &Context<'_>) -> Rc<[CoInstallersSection]> {
    cx.cached(|cx| CoSections(dif_model::chain::co_installers_sections(cx.inf).into()))
        .0
        .clone()
}

/// One installer registration (one string of one AddReg line) reached on some checked targets.
pub(crate) struct Registered<'a> {
    /// The installer as the first chain that reaches the registration reads it.
    pub(crate) installer: &'a Installer,
    /// The labels of the targets whose chain reaches it (`None`: an architecture-only chain of
    /// an INF that declares no target).
    pub(crate) labels: Vec<Option<String>>,
    /// The installer as each chain (and each install section) that reaches it reads it, with
    /// the chain's architecture and label: DLL copies and source disks differ per architecture
    /// and per registering section.
    pub(crate) per_arch: Vec<(Arch, &'a Installer, Option<String>)>,
}

/// Every registration the chains of the checked targets reach, once per AddReg string, in
/// chain order (class-level registrations first, then each device's).
pub(crate) fn registered<'a>(cx: &Context<'a>) -> Vec<Registered<'a>> {
    let mut out: Vec<Registered<'a>> = Vec::new();
    for tc in cx.installer_chains() {
        for installer in tc.chain.installers() {
            let Some(reg) = &installer.registration else {
                continue;
            };
            let same = |r: &Registered<'_>| {
                r.installer.registration.as_ref().is_some_and(|o| {
                    o.line.index == reg.line.index && o.string_index == reg.string_index
                })
            };
            let arch = tc.chain.target.arch;
            match out.iter_mut().find(|r| same(r)) {
                Some(r) => {
                    if !r.labels.contains(&tc.label) {
                        r.labels.push(tc.label.clone());
                    }
                    let seen = r.per_arch.iter().any(|(a, i, _)| {
                        *a == arch
                            && i.registration.as_ref().map(|x| &x.install_section)
                                == Some(&reg.install_section)
                    });
                    if !seen {
                        r.per_arch.push((arch, installer, tc.label.clone()));
                    }
                }
                None => out.push(Registered {
                    installer,
                    labels: vec![tc.label.clone()],
                    per_arch: vec![(arch, installer, tc.label.clone())],
                }),
            }
        }
    }
    out
}

/// The `targets` of a finding that holds for the targets `labels`: empty when it holds for every
/// checked target (or the chains carry no labels), else the labels.
pub(crate) fn targets_of(cx: &Context<'_>, labels: &[Option<String>]) -> Vec<String> {
    let all = cx.installer_chains().len();
    let named: Vec<String> = labels.iter().flatten().cloned().collect();
    if named.len() < labels.len() || labels.len() >= all {
        return Vec::new();
    }
    let mut unique: Vec<String> = Vec::new();
    for l in named {
        if !unique.contains(&l) {
            unique.push(l);
        }
    }
    unique
}

/// The AddReg line of a registration (its primary location).
pub(crate) fn line_span(installer: &Installer) -> Option<Span> {
    installer.registration.as_ref().map(|r| r.line.span)
}

/// The span of the `dll[,entry]` string of a registration, else its line.
pub(crate) fn string_span(installer: &Installer) -> Option<Span> {
    installer
        .spec
        .as_ref()
        .map(|s| s.span)
        .filter(|s| !s.is_empty())
        .or_else(|| line_span(installer))
}

/// Adds the `AddReg=` directive that processes a registration as a secondary label.
pub(crate) fn with_directive(
    finding: crate::finding::Finding,
    installer: &Installer,
) -> crate::finding::Finding {
    match &installer.registration {
        Some(reg) => finding.label(
            reg.directive.span,
            format!("processed by [{}]", reg.install_section),
        ),
        None => finding,
    }
}

/// What a registration registers, for messages: `co-installer`, `class installer`, …
pub(crate) fn what(role: InstallerRole) -> &'static str {
    role.label()
}

/// The registry value name of a registered value, for messages.
pub(crate) fn value_label(value: &RegisteredValue) -> String {
    match value {
        RegisteredValue::CoInstallers32 => "CoInstallers32".to_owned(),
        RegisteredValue::Installer32 => "Installer32".to_owned(),
        RegisteredValue::EnumPropPages32 => "EnumPropPages32".to_owned(),
        RegisteredValue::CoDeviceInstallers { class_guid, .. } => {
            format!("CoDeviceInstallers\\{class_guid}")
        }
    }
}

/// The root as written, for messages.
pub(crate) fn root_name(root: &RegRoot) -> &str {
    match root {
        RegRoot::Hkcr => "HKCR",
        RegRoot::Hkcu => "HKCU",
        RegRoot::Hklm => "HKLM",
        RegRoot::Hku => "HKU",
        RegRoot::Hkr => "HKR",
        RegRoot::Invalid(t) => t,
    }
}

/// Every `[ClassInstall32]` section of the INF, with or without a platform extension or the
/// `.Services` suffix (`ClassInstall32`, `ClassInstall32.NTamd64`, `ClassInstall32.Services`, …).
pub(crate) fn class_install32_sections(inf: &Inf) -> Vec<&Section> {
    inf.sections()
        .iter()
        .filter(|s| {
            let name = fold_case(&s.name);
            name == "classinstall32" || name.starts_with("classinstall32.")
        })
        .collect()
}

/// The first header span of a section.
pub(crate) fn header_span(inf: &Inf, section: &Section) -> Option<Span> {
    section
        .headers
        .first()
        .and_then(|&h| inf.tree().headers().get(h as usize))
        .map(|h| h.span)
}

/// The system-defined setup class the INF's `[Version]` names (by `ClassGuid`, else by `Class`),
/// with the span of the value that names it.
pub(crate) fn system_class(
    cx: &Context<'_>,
) -> Option<(&'static dif_model::catalog::SetupClass, Span)> {
    use dif_model::catalog::{setup_class_by_guid, setup_class_by_name};
    let v = cx.version();
    if let Some(g) = &v.class_guid {
        if let Some(c) = setup_class_by_guid(g.entry.value.text.trim()) {
            return Some((c, g.entry.value.span));
        }
        // A GUID that is not a system class makes the class a custom one, whatever its name.
        if dif_model::catalog::Guid::parse(g.entry.value.text.trim()).is_some() {
            return None;
        }
    }
    let class = v.class.as_ref()?;
    setup_class_by_name(class.value.text.trim()).map(|c| (c, class.value.span))
}

/// Whether the INF is a system INF whose files come from a layout file (`[Version] LayoutFile`):
/// such INFs need no CopyFiles or SourceDisks entries for in-box DLLs (IDC).
pub(crate) fn uses_layout_file(cx: &Context<'_>) -> bool {
    cx.version().layout_file.is_some()
}

/// Whether a registration names a DLL the package is expected to copy: a DIF installer (not a
/// property-page provider) with a DLL name, not one that ships with Windows.
pub(crate) fn ships_dll(installer: &Installer) -> bool {
    installer.role.dispatch_role().is_some()
        && !installer.inbox
        && !installer.dll.trim().is_empty()
        && installer.registration.is_some()
}

/// A built installer DLL found in the package folder, as its PE headers describe it.
pub(crate) struct BuiltDll {
    /// The path relative to the package folder, with `/` separators (for messages).
    pub(crate) shown: String,
    /// `IMAGE_FILE_HEADER.Machine`.
    pub(crate) machine: u16,
    /// The names in its export table.
    pub(crate) exports: Vec<String>,
}

/// Files larger than this are not read as installer DLLs.
const MAX_DLL_BYTES: u64 = 64 * 1024 * 1024;

/// The built DLL of a registration in the package folder, for the architecture of the chain
/// that reads `installer`: where `[SourceDisksNames]` (path) and `[SourceDisksFiles]` (subdir)
/// put it, else directly beside the INF. Paths that leave the package folder (`..`, drive
/// letters, absolute paths) are not followed. `None` when no such file is a readable PE image.
pub(crate) fn built_dll(cx: &Context<'_>, installer: &Installer) -> Option<BuiltDll> {
    let root = cx.package_dir?;
    let copy = installer
        .copied
        .as_ref()
        .or(installer.copied_elsewhere.first());
    let file = copy.map_or_else(|| installer.loaded_file_name(), |c| c.source_name.clone());
    let mut candidates: Vec<Vec<String>> = Vec::new();
    if let Some(entry) = &installer.source_disk {
        let disk_path = entry
            .disk_line
            .and_then(|l| cx.inf.line(l.index).field(4).map(|f| f.into_owned()))
            .unwrap_or_default();
        let subdir = cx
            .inf
            .line(entry.line.index)
            .field(2)
            .map(|f| f.into_owned())
            .unwrap_or_default();
        let mut parts = Vec::new();
        for piece in [disk_path.as_str(), subdir.as_str(), file.as_str()] {
            parts.extend(relative_parts(piece)?);
        }
        candidates.push(parts);
    }
    candidates.push(relative_parts(&file)?);
    for parts in candidates {
        let mut path = root.to_path_buf();
        for p in &parts {
            path.push(p);
        }
        let Some(dll) = read_pe(&path) else { continue };
        return Some(BuiltDll {
            shown: parts.join("/"),
            machine: dll.0,
            exports: dll.1,
        });
    }
    None
}

/// The components of a relative path written in an INF (`\amd64\x.dll`), or `None` when it
/// would leave the package folder.
fn relative_parts(text: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for piece in text.trim().split(['\\', '/']) {
        let piece = piece.trim();
        if piece.is_empty() || piece == "." {
            continue;
        }
        if piece == ".." || piece.contains(':') {
            return None;
        }
        match Path::new(piece).components().next() {
            Some(Component::Normal(_)) => out.push(piece.to_owned()),
            _ => return None,
        }
    }
    Some(out)
}

/// The machine type and export names of a PE file, or `None` if it is not one.
fn read_pe(path: &Path) -> Option<(u16, Vec<String>)> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_DLL_BYTES {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    let pe = goblin::pe::PE::parse(&bytes).ok()?;
    let exports = pe
        .exports
        .iter()
        .filter_map(|e| e.name.map(str::to_owned))
        .collect();
    Some((pe.header.coff_header.machine, exports))
}

/// The architecture a PE machine type runs on, for the ones INF platforms name.
pub(crate) fn machine_arch(machine: u16) -> Option<Arch> {
    match machine {
        0x014c => Some(Arch::X86),
        0x8664 => Some(Arch::Amd64),
        0x01c4 => Some(Arch::Arm),
        0xaa64 => Some(Arch::Arm64),
        0x0200 => Some(Arch::Ia64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_paths_stay_inside_the_package() {
        assert_eq!(
            relative_parts("\\amd64\\x.dll"),
            Some(vec!["amd64".to_owned(), "x.dll".to_owned()])
        );
        assert_eq!(relative_parts(" .\\x.dll "), Some(vec!["x.dll".to_owned()]));
        assert_eq!(relative_parts("..\\x.dll"), None);
        assert_eq!(relative_parts("C:\\x.dll"), None);
        assert_eq!(relative_parts(""), Some(Vec::new()));
    }

    #[test]
    fn machine_types() {
        assert_eq!(machine_arch(0x8664), Some(Arch::Amd64));
        assert_eq!(machine_arch(0x014c), Some(Arch::X86));
        assert_eq!(machine_arch(0xaa64), Some(Arch::Arm64));
        assert_eq!(machine_arch(0xa641), None);
    }
}
