//! The installer chain an INF registers for one target (dif-model.md §2.1, §3, §5): per device
//! (Models entry) the class co-installers, device co-installers, class installer and
//! property-page providers, each an [`Installer`] with every INF line it came from, the flags
//! and value type as written, how its `dll[,entry]` string reads (quoting pitfalls kept as data),
//! and whether its DLL is copied (CopyFiles → DestinationDirs) and listed on a source disk.
//!
//! The chain is read as Windows reads the INF for the target: the Models section chosen for each
//! Manufacturer line ([`Inf::select_models`]), the DDInstall section chosen for the target's
//! architecture ([`Inf::select_install_section`]) and its `.HW` / `.CoInstallers` sections,
//! `[ClassInstall32]` and `[DefaultInstall]` with their decorations, and the `Needs=` sections
//! they name. Nothing is left out because it looks wrong: a registration Windows would not use
//! (wrong section, root, value type, class) is kept with [`Activation::Inactive`] and the reason,
//! so that rules can report it and the dispatch model can leave it out.
//!
//! [`InstallerChain::participants`] gives the installers that take part in DIF dispatch for a
//! device, in the order SetupDiCallClassInstaller calls them; [`analyze_package`] matches them to
//! their sources and builds the dispatch participants.

mod entry;
mod files;
mod package;
mod scan;
mod sites;
#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::collections::HashMap;

use inf_parser::directives::{FieldValue, ModelEntry, RegRoot, RegType, SourceLine};
use inf_parser::{
    eq_fold, Arch, DeclaredTarget, Inf, InstallSectionChoice, InstallSuffix, Section, Span, Target,
};
use serde::Serialize;

use crate::behavior::Role;
use crate::catalog::{
    setup_class_by_guid, setup_class_by_name, ClassInstallerDoc, Guid, SetupClass,
    DEFAULT_CLASS_INSTALLER_ENTRY, DEFAULT_CO_INSTALLER_ENTRY,
};

pub use entry::{EntryPitfall, EntrySpec, InstallerKind};
pub use files::{CopyInfo, DiridOrigin, SourceDiskEntry};
pub use package::{
    analyze_chain_from, analyze_package, analyze_package_from, analyze_package_with,
    find_repository_root, sources_folder, EntryMatch, Handling, MatchOutcome, PackageAnalysis,
    PackageOptions, SourcesOrigin, SourcesUsed, UnregisteredEntry, MAX_REPOSITORY_DEPTH,
};
pub use scan::{IgnoredFields, IncludedInstallers, RegisteredValue, Registration, SectionContext};
pub use sites::{
    co_installers_sections, registration_sites, CoInstallersSection, ReferencingSection,
    RegistrationSite, SiteReference,
};

use files::CopyIndex;
use scan::{scan_section, Found, Scan};

/// What an installer is to Windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InstallerRole {
    /// A class co-installer (`CoDeviceInstallers\{class-guid}`).
    ClassCoInstaller,
    /// A device co-installer (`CoInstallers32` in the device's software key).
    DeviceCoInstaller,
    /// The class installer (`Installer32` in the class key).
    ClassInstaller,
    /// A device property-page provider (`EnumPropPages32` in the software key; not a DIF
    /// participant, §3.4).
    DevicePropertyPages,
    /// A class property-page provider (`EnumPropPages32` in the class key; not a DIF
    /// participant).
    ClassPropertyPages,
}

impl InstallerRole {
    /// The role in DIF dispatch; `None` for property-page providers, which SetupDiCallClassInstaller
    /// does not call.
    pub fn dispatch_role(self) -> Option<Role> {
        match self {
            InstallerRole::ClassCoInstaller => Some(Role::ClassCoInstaller),
            InstallerRole::DeviceCoInstaller => Some(Role::DeviceCoInstaller),
            InstallerRole::ClassInstaller => Some(Role::ClassInstaller),
            InstallerRole::DevicePropertyPages | InstallerRole::ClassPropertyPages => None,
        }
    }

    /// The entry point used when the string names none (§2.5): `CoDeviceInstall` for
    /// co-installers, `ClassInstall` for class installers; property-page providers have no
    /// documented default (§3.4).
    pub fn default_entry(self) -> Option<&'static str> {
        match self {
            InstallerRole::ClassCoInstaller | InstallerRole::DeviceCoInstaller => {
                Some(DEFAULT_CO_INSTALLER_ENTRY)
            }
            InstallerRole::ClassInstaller => Some(DEFAULT_CLASS_INSTALLER_ENTRY),
            InstallerRole::DevicePropertyPages | InstallerRole::ClassPropertyPages => None,
        }
    }

    /// A short name for reports.
    pub fn label(self) -> &'static str {
        match self {
            InstallerRole::ClassCoInstaller => "class co-installer",
            InstallerRole::DeviceCoInstaller => "device co-installer",
            InstallerRole::ClassInstaller => "class installer",
            InstallerRole::DevicePropertyPages => "device property pages",
            InstallerRole::ClassPropertyPages => "class property pages",
        }
    }
}

/// Whether Windows uses a registration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Activation {
    /// Written where Windows reads it, with the type it reads.
    Active,
    /// Used only if something outside the INF happens (e.g. DefaultInstall is run).
    Conditional {
        /// What has to happen.
        condition: String,
    },
    /// Not used by Windows for this device; the reason says why, with its basis.
    Inactive {
        /// Why.
        reason: String,
    },
}

impl Activation {
    /// Whether the installer is modelled as taking part (active or conditional).
    pub fn takes_part(&self) -> bool {
        !matches!(self, Activation::Inactive { .. })
    }
}

/// One installer (or property-page provider) the INF registers, or the in-box class installer
/// of a system class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Installer {
    /// What it is to Windows.
    pub role: InstallerRole,
    /// The DLL as written (trimmed); for an in-box class installer the documented DLL, or empty
    /// when the documentation names none.
    pub dll: String,
    /// The entry point Windows looks up: the one written (trimmed), or the role's default.
    pub entry: String,
    /// Whether `entry` is the role's default because the string names none.
    pub entry_defaulted: bool,
    /// Recognised Microsoft co-installers (WDF, WinUSB) by DLL name.
    pub kind: InstallerKind,
    /// Whether the installer ships with Windows (the class installer of a system class, the
    /// in-box UMDF co-installer) rather than with the package.
    pub inbox: bool,
    /// The `dll[,entry]` string as written, for registered installers.
    pub spec: Option<EntrySpec>,
    /// Where and how it is registered (`None` for an in-box class installer).
    pub registration: Option<Registration>,
    /// Every INF span it comes from: the AddReg line, the `AddReg=` line referencing that
    /// section, the install section's header, any `Needs=` lines followed (for an in-box class
    /// installer: the `[Version]` line naming the class).
    pub registered_at: Vec<Span>,
    /// The registry type the flags select, as written.
    pub value_type: Option<RegType>,
    /// The flags field as written, when present.
    pub flags_text: Option<String>,
    /// The flags value, when it is a number (absent flags read as 0).
    pub flags: Option<u32>,
    /// Problems with how the `dll[,entry]` string is written.
    pub pitfalls: Vec<EntryPitfall>,
    /// The setup class it is registered for: the value name of a class co-installer
    /// registration, the INF's class GUID for a class installer.
    pub class_guid: Option<String>,
    /// The CopyFiles of the registering install section (or of a section that `Needs=` it) that
    /// copies the DLL.
    pub copied: Option<CopyInfo>,
    /// Other CopyFiles of the INF that copy a file of that name.
    pub copied_elsewhere: Vec<CopyInfo>,
    /// The SourceDisksFiles entry of the DLL for the chain's architecture (looked up by the
    /// copy's source name, else by the DLL's file name); `None` when there is none.
    pub source_disk: Option<SourceDiskEntry>,
    /// Whether Windows uses the registration for this device, and if not why.
    pub activation: Activation,
    /// Other facts worth reporting (e.g. the documentation's wording for an in-box installer).
    pub notes: Vec<String>,
}

impl Installer {
    /// `dll!entry`, or the in-box installer's description.
    pub fn display_name(&self) -> String {
        if self.dll.is_empty() && self.inbox {
            return self
                .notes
                .first()
                .cloned()
                .unwrap_or_else(|| "in-box class installer".to_string());
        }
        if self.entry.is_empty() {
            format!("{}!\"\"", self.dll)
        } else {
            format!("{}!{}", self.dll, self.entry)
        }
    }

    /// The DLL's file name without `.dll` (e.g. `tostrco`), or the display name when no DLL is known.
    pub fn short_name(&self) -> String {
        if self.dll.is_empty() {
            return self.display_name();
        }
        let file = entry::file_name(&self.dll);
        match file.len().checked_sub(4) {
            Some(cut) if file.is_char_boundary(cut) && file[cut..].eq_ignore_ascii_case(".dll") => {
                file[..cut].to_owned()
            }
            _ => file.to_owned(),
        }
    }

    /// The DLL's file name as Windows loads it (`.dll` added when there is no extension).
    pub fn loaded_file_name(&self) -> String {
        entry::loaded_file_name(&self.dll)
    }

    /// Whether the installer is modelled as taking part in dispatch.
    pub fn takes_part(&self) -> bool {
        self.activation.takes_part()
    }
}

/// A section of the INF as the chain refers to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionInfo {
    /// The name as first written.
    pub name: String,
    /// Every header of the section (a section may be split over several blocks).
    pub headers: Vec<Span>,
}

impl SectionInfo {
    fn of(inf: &Inf, section: &Section) -> SectionInfo {
        let headers = section
            .headers
            .iter()
            .filter_map(|&h| inf.tree().headers().get(h as usize))
            .map(|h| h.span)
            .collect();
        SectionInfo {
            name: section.name.to_string(),
            headers,
        }
    }

    fn find(inf: &Inf, name: &str) -> Option<SectionInfo> {
        inf.section(name).map(|s| SectionInfo::of(inf, s))
    }

    /// The first header.
    pub fn header(&self) -> Option<Span> {
        self.headers.first().copied()
    }
}

/// The setup class the INF installs into (`[Version] Class` / `ClassGuid`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassInfo {
    /// `Class=`, when given.
    pub name: Option<FieldValue>,
    /// `ClassGuid=`, when given.
    pub guid: Option<FieldValue>,
    /// The system-defined class it is (by GUID, else by name), from the catalogue (§5).
    pub system: Option<&'static SetupClass>,
}

impl ClassInfo {
    fn read(inf: &Inf) -> ClassInfo {
        let version = inf.version();
        let name = version.class.map(|e| e.value);
        let guid = version.class_guid.map(|e| e.entry.value);
        let system = match &guid {
            Some(g) => setup_class_by_guid(&g.text),
            None => name.as_ref().and_then(|n| setup_class_by_name(&n.text)),
        };
        ClassInfo { name, guid, system }
    }

    /// The class GUID: `ClassGuid=`, else the system class's GUID.
    pub fn guid(&self) -> Option<Guid> {
        match &self.guid {
            Some(g) => Guid::parse(&g.text),
            None => self.system.map(|c| c.guid),
        }
    }

    /// A name for reports: `Class=`, else the system class's name, else the GUID.
    pub fn display_name(&self) -> String {
        if let Some(n) = &self.name {
            return n.text.clone();
        }
        if let Some(c) = self.system {
            return c.name.to_owned();
        }
        self.guid
            .as_ref()
            .map_or_else(|| "(no class)".to_string(), |g| g.text.clone())
    }
}

/// One platform variant of a DDInstall section (`base`, `base.NT`, `base.NT<arch>`) that the
/// INF defines, and its `.CoInstallers` section (INF-19: each needs one once any has one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstallVariant {
    /// The variant section.
    pub section: SectionInfo,
    /// The platform extension as written after the base name (empty for the undecorated one).
    pub extension: String,
    /// Its `.CoInstallers` section, when it exists.
    pub co_installers: Option<SectionInfo>,
}

/// One `KmdfService` / `UmdfService` line of a `DDInstall.Wdf` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WdfService {
    /// `KmdfService` or `UmdfService`, as written.
    pub directive: String,
    /// The line.
    pub line: SourceLine,
    /// The service name (field 1).
    pub service: Option<String>,
    /// The WDF section named by field 2.
    pub wdf_section: Option<String>,
    /// `KmdfLibraryVersion` / `UmdfLibraryVersion` of that section, when given.
    pub library_version: Option<FieldValue>,
}

/// The `DDInstall.Wdf` section of a device: the framework a KMDF/UMDF co-installer would update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WdfInfo {
    /// The section.
    pub section: SectionInfo,
    /// Its service lines.
    pub services: Vec<WdfService>,
}

/// The chain of one device (one Models entry) on the chain's target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceChain {
    /// The Manufacturer line whose Models section lists the device.
    pub manufacturer_line: SourceLine,
    /// The Models section chosen for the target.
    pub models_section: String,
    /// The Models entry: description, install section, hardware and compatible IDs.
    pub model: ModelEntry,
    /// The DDInstall section Windows uses on the target's architecture.
    pub install: InstallSectionChoice,
    /// The header(s) of the chosen DDInstall section, when it exists.
    pub install_section: Option<SectionInfo>,
    /// Every platform variant of the DDInstall base name the INF defines.
    pub variants: Vec<InstallVariant>,
    /// The chosen section's `.CoInstallers` section, when it exists.
    pub co_installers_section: Option<SectionInfo>,
    /// `CoInstallers32` registrations from the device's sections (DDInstall, `.HW`,
    /// `.CoInstallers` and their `Needs=`), in file order, each with its activation.
    pub device_co_installers: Vec<Installer>,
    /// Class co-installer registrations (`CoDeviceInstallers`) from the device's sections.
    pub class_co_installers: Vec<Installer>,
    /// `EnumPropPages32` registrations from the device's sections.
    pub property_pages: Vec<Installer>,
    /// `Installer32` values written from the device's sections (never the class key).
    pub class_installers: Vec<Installer>,
    /// Installers pulled in through `Include`/`Needs` of other INFs.
    pub included: Vec<IncludedInstallers>,
    /// The chosen section's `.Wdf` section, when it exists.
    pub wdf: Option<WdfInfo>,
}

impl DeviceChain {
    /// The device description (the Models entry's key), substituted.
    pub fn description(&self) -> Option<&str> {
        self.model.description.as_ref().map(|d| d.text.as_str())
    }

    /// The hardware ID and compatible IDs, substituted.
    pub fn ids(&self) -> Vec<&str> {
        self.model.ids().map(|f| f.text.as_str()).collect()
    }

    /// Every installer of the device's own sections.
    pub fn installers(&self) -> impl Iterator<Item = &Installer> {
        self.class_co_installers
            .iter()
            .chain(&self.device_co_installers)
            .chain(&self.class_installers)
            .chain(&self.property_pages)
    }
}

/// The installers an INF registers on one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstallerChain {
    /// The target.
    pub target: Target,
    /// The INF's setup class.
    pub class: ClassInfo,
    /// The `[ClassInstall32]` section used on the target's architecture, when it exists.
    pub class_install32: Option<SectionInfo>,
    /// The `[DefaultInstall]` section used on the target's architecture, when it exists.
    pub default_install: Option<SectionInfo>,
    /// `Installer32` registrations of ClassInstall32 / DefaultInstall, then the in-box class
    /// installer of a system class (marked `inbox`). [`InstallerChain::class_installer`] says
    /// which one Windows uses.
    pub class_installers: Vec<Installer>,
    /// `EnumPropPages32` registrations of ClassInstall32.
    pub class_property_pages: Vec<Installer>,
    /// Class co-installer registrations of ClassInstall32 and DefaultInstall.
    pub class_co_installers: Vec<Installer>,
    /// Registrations in ClassInstall32 / DefaultInstall of values that register no installer
    /// there (`CoInstallers32`, `EnumPropPages32` outside ClassInstall32), always inactive.
    pub misplaced: Vec<Installer>,
    /// Installers pulled in through `Include`/`Needs` by ClassInstall32 / DefaultInstall.
    pub included: Vec<IncludedInstallers>,
    /// One entry per Models entry used on the target, in Manufacturer-line and file order.
    pub devices: Vec<DeviceChain>,
    /// Facts about the chain as a whole (no Models section applies, unknown class, …).
    pub notes: Vec<String>,
}

/// The targets an INF declares through its Manufacturer decorations (architecture-less ones for
/// x86, amd64 and arm64), in order of first appearance.
pub fn declared_targets(inf: &Inf) -> Vec<DeclaredTarget> {
    inf.declared_targets(&Arch::CURRENT)
}

impl InstallerChain {
    /// Reads the chain of every device the INF installs on `target`.
    pub fn from_inf(inf: &Inf, target: &Target) -> InstallerChain {
        Builder::new(&Shared::new(inf), *target).build()
    }

    /// The chains of `inf` on each of `targets`, in order: the same as
    /// [`InstallerChain::from_inf`] for each, reading what does not depend on the target (the
    /// file copies, the class, each install section's registrations) once.
    pub fn from_inf_for(inf: &Inf, targets: &[Target]) -> Vec<InstallerChain> {
        let shared = Shared::new(inf);
        targets
            .iter()
            .map(|t| Builder::new(&shared, *t).build())
            .collect()
    }

    /// One chain per target the INF declares ([`declared_targets`]).
    pub fn for_declared_targets(inf: &Inf) -> Vec<InstallerChain> {
        let targets: Vec<Target> = declared_targets(inf).iter().map(|d| d.target).collect();
        InstallerChain::from_inf_for(inf, &targets)
    }

    /// The class installer Windows calls for the INF's class: the last active `Installer32` of
    /// ClassInstall32 (each write replaces the value), else the in-box one of a system class.
    pub fn class_installer(&self) -> Option<&Installer> {
        self.class_installers
            .iter()
            .rev()
            .find(|i| !i.inbox && i.takes_part())
            .or_else(|| {
                self.class_installers
                    .iter()
                    .find(|i| i.inbox && i.takes_part())
            })
    }

    /// The installers SetupDiCallClassInstaller calls for `device`, in its order (§2.1):
    /// class co-installers (ClassInstall32 / DefaultInstall ones, then the device's own, each
    /// DLL and entry once), device co-installers in `CoInstallers32` order, the class installer.
    /// Inactive registrations are left out; conditional ones are included.
    pub fn participants<'a>(&'a self, device: &'a DeviceChain) -> Vec<&'a Installer> {
        let mut out: Vec<&Installer> = Vec::new();
        let same = |a: &Installer, b: &Installer| {
            a.role == b.role
                && eq_fold(&a.loaded_file_name(), &b.loaded_file_name())
                && a.entry == b.entry
        };
        for installer in self
            .class_co_installers
            .iter()
            .chain(&device.class_co_installers)
        {
            if installer.takes_part() && !out.iter().any(|o| same(o, installer)) {
                out.push(installer);
            }
        }
        out.extend(
            device
                .device_co_installers
                .iter()
                .filter(|i| i.takes_part()),
        );
        out.extend(self.class_installer());
        out
    }

    /// Every installer of the chain, class-level ones first, then each device's (a section
    /// shared by several devices appears once per device).
    pub fn installers(&self) -> impl Iterator<Item = &Installer> {
        self.class_installers
            .iter()
            .chain(&self.class_property_pages)
            .chain(&self.class_co_installers)
            .chain(&self.misplaced)
            .chain(self.devices.iter().flat_map(|d| d.installers()))
    }
}

/// What building the chains of one INF shares across targets: nothing here depends on the
/// target.
struct Shared<'a> {
    inf: &'a Inf,
    copies: CopyIndex,
    class: ClassInfo,
    /// [`scan_section`] results by (section name as asked, context): many devices, and every
    /// target, share install sections.
    scans: RefCell<HashMap<(String, SectionContext), Scan>>,
}

impl<'a> Shared<'a> {
    fn new(inf: &'a Inf) -> Self {
        Shared {
            inf,
            copies: CopyIndex::build(inf),
            class: ClassInfo::read(inf),
            scans: RefCell::new(HashMap::new()),
        }
    }

    /// [`scan_section`], each (section, context) scanned once.
    fn scan(&self, section: &str, context: SectionContext) -> Scan {
        let key = (section.to_owned(), context);
        if let Some(scan) = self.scans.borrow().get(&key) {
            return scan.clone();
        }
        let scan = scan_section(self.inf, section, context);
        self.scans.borrow_mut().insert(key, scan.clone());
        scan
    }
}

/// Builds a chain.
struct Builder<'a> {
    inf: &'a Inf,
    target: Target,
    copies: &'a CopyIndex,
    class: &'a ClassInfo,
    shared: &'a Shared<'a>,
}

impl<'a> Builder<'a> {
    fn new(shared: &'a Shared<'a>, target: Target) -> Self {
        Builder {
            inf: shared.inf,
            target,
            copies: &shared.copies,
            class: &shared.class,
            shared,
        }
    }

    fn build(self) -> InstallerChain {
        let inf = self.inf;
        let arch = self.target.arch;
        let mut notes = Vec::new();
        let ci32_choice = inf.select_class_install32(arch);
        let class_install32 = ci32_choice
            .exists
            .then(|| SectionInfo::find(inf, &ci32_choice.name))
            .flatten();
        let di_choice = inf.select_default_install(arch);
        let default_install = di_choice
            .exists
            .then(|| SectionInfo::find(inf, &di_choice.name))
            .flatten();

        let mut class_installers = Vec::new();
        let mut class_property_pages = Vec::new();
        let mut class_co_installers = Vec::new();
        let mut misplaced = Vec::new();
        let mut included = Vec::new();
        for (section, context) in [
            (&class_install32, SectionContext::ClassInstall32),
            (&default_install, SectionContext::DefaultInstall),
        ] {
            let Some(section) = section else { continue };
            let Scan {
                found,
                included: inc,
            } = self.shared.scan(&section.name, context);
            included.extend(inc);
            for f in found {
                let installer = self.installer(f);
                match (installer.role, context) {
                    (InstallerRole::ClassInstaller, _) => class_installers.push(installer),
                    (InstallerRole::ClassCoInstaller, _) => class_co_installers.push(installer),
                    (InstallerRole::ClassPropertyPages, _) => class_property_pages.push(installer),
                    _ => misplaced.push(installer),
                }
            }
        }
        apply_writes(&mut class_installers);
        apply_writes(&mut class_property_pages);
        apply_writes(&mut class_co_installers);
        if let Some(inbox) = self.inbox_class_installer() {
            class_installers.push(inbox);
        }
        match (&self.class.system, &class_install32) {
            (None, None) if self.class.name.is_some() || self.class.guid.is_some() => notes.push(format!(
                "`{}` is not a system-defined setup class and the INF has no ClassInstall32 for {}: a class installer registered when the class was installed by another INF is not known",
                self.class.display_name(),
                arch
            )),
            (Some(system), _) if !system.has_documented_class_installer() => notes.push(format!(
                "the documentation names no in-box class installer for the system class {} (dif-model.md §5); none is modelled",
                system.name
            )),
            _ => {}
        }
        if let Some(system) = self.class.system {
            notes.push(format!(
                "in-box class co-installers of {} are not documented per class (dif-model.md §5); only those this INF registers are modelled",
                system.name
            ));
        }

        let mut devices = Vec::new();
        let manufacturers = inf.manufacturers();
        if manufacturers.is_empty() {
            notes.push("the INF has no [Manufacturer] section: it installs no device".to_string());
        }
        for m in &manufacturers {
            let Some(choice) = inf.select_models(m, &self.target) else {
                notes.push(format!(
                    "Manufacturer line `{}` names no Models section that applies to {}",
                    m.models.text,
                    describe_target(&self.target)
                ));
                continue;
            };
            if !choice.exists {
                notes.push(format!(
                    "the Models section [{}] chosen for {} does not exist",
                    choice.name,
                    describe_target(&self.target)
                ));
                continue;
            }
            // Devices of one install base differ only in their Models line: build the rest once.
            let mut made: HashMap<String, DeviceChain> = HashMap::new();
            for model in inf.models_entries(&choice.name) {
                let base = model.install_section.text.trim().to_owned();
                let device = match made.get(&base) {
                    Some(d) => DeviceChain {
                        manufacturer_line: m.line,
                        model,
                        ..d.clone()
                    },
                    None => {
                        let d = self.device(m.line, &choice.name, model);
                        made.insert(base, d.clone());
                        d
                    }
                };
                devices.push(device);
            }
        }
        InstallerChain {
            target: self.target,
            class: self.class.clone(),
            class_install32,
            default_install,
            class_installers,
            class_property_pages,
            class_co_installers,
            misplaced,
            included,
            devices,
            notes,
        }
    }

    fn device(
        &self,
        manufacturer_line: SourceLine,
        models_section: &str,
        model: ModelEntry,
    ) -> DeviceChain {
        let inf = self.inf;
        let base = model.install_section.text.trim().to_owned();
        let install = inf.select_install_section(&base, self.target.arch);
        let install_section = if base.is_empty() {
            None
        } else {
            SectionInfo::find(inf, &install.name)
        };
        let co_name = install.suffixed(InstallSuffix::CoInstallers);
        let co_installers_section = if base.is_empty() {
            None
        } else {
            SectionInfo::find(inf, &co_name)
        };
        let mut chain = DeviceChain {
            manufacturer_line,
            models_section: models_section.to_owned(),
            variants: if base.is_empty() {
                Vec::new()
            } else {
                variants(inf, &base)
            },
            install_section,
            co_installers_section,
            device_co_installers: Vec::new(),
            class_co_installers: Vec::new(),
            property_pages: Vec::new(),
            class_installers: Vec::new(),
            included: Vec::new(),
            wdf: None,
            model,
            install,
        };
        if base.is_empty() {
            return chain;
        }
        let sections = [
            (chain.install.name.clone(), SectionContext::DdInstall),
            (
                chain.install.suffixed(InstallSuffix::Hw),
                SectionContext::DdInstallHw,
            ),
            (co_name, SectionContext::CoInstallers),
        ];
        for (name, context) in sections {
            let Scan { found, included } = self.shared.scan(&name, context);
            chain.included.extend(included);
            for f in found {
                let installer = self.installer(f);
                match installer.role {
                    InstallerRole::DeviceCoInstaller => chain.device_co_installers.push(installer),
                    InstallerRole::ClassCoInstaller => chain.class_co_installers.push(installer),
                    InstallerRole::ClassInstaller => chain.class_installers.push(installer),
                    InstallerRole::DevicePropertyPages | InstallerRole::ClassPropertyPages => {
                        chain.property_pages.push(installer)
                    }
                }
            }
        }
        apply_writes(&mut chain.device_co_installers);
        apply_writes(&mut chain.class_co_installers);
        apply_writes(&mut chain.property_pages);
        chain.wdf = wdf_info(inf, &chain.install.suffixed(InstallSuffix::Wdf));
        chain
    }

    /// An [`Installer`] for one registration found by the scan.
    fn installer(&self, found: Found) -> Installer {
        let Found {
            registration: reg,
            spec,
            pitfalls,
        } = found;
        let role = match (&reg.value, reg.context) {
            (RegisteredValue::CoInstallers32, _) => InstallerRole::DeviceCoInstaller,
            (RegisteredValue::Installer32, _) => InstallerRole::ClassInstaller,
            (RegisteredValue::CoDeviceInstallers { .. }, _) => InstallerRole::ClassCoInstaller,
            (
                RegisteredValue::EnumPropPages32,
                SectionContext::ClassInstall32 | SectionContext::DefaultInstall,
            ) => InstallerRole::ClassPropertyPages,
            (RegisteredValue::EnumPropPages32, _) => InstallerRole::DevicePropertyPages,
        };
        let (entry, entry_defaulted) = match spec.entry_name() {
            Some(e) => (e.to_owned(), false),
            None => (
                role.default_entry().unwrap_or_default().to_owned(),
                role.default_entry().is_some(),
            ),
        };
        let kind = InstallerKind::of_dll(&spec.dll);
        let inbox = kind == InstallerKind::InboxUmdfCoInstaller;
        let class_guid = match &reg.value {
            RegisteredValue::CoDeviceInstallers { class_guid, .. } => Some(class_guid.clone()),
            RegisteredValue::Installer32 => self.class.guid().map(|g| g.to_string()),
            _ => None,
        };
        let activation = self.activation(&reg);
        let dll_file = entry::loaded_file_name(&spec.dll);
        let (mut copied, mut copied_elsewhere) = self.copies.of(&dll_file, &reg.install_section);
        // A `Needs=` chain processes the outer sections' CopyFiles too.
        for needs in &reg.via_needs {
            if copied.is_some() {
                break;
            }
            if let Some(outer) = self.inf.line(needs.index).section_header_name() {
                if let Some(pos) = copied_elsewhere
                    .iter()
                    .position(|c| eq_fold(&c.section, outer))
                {
                    copied = Some(copied_elsewhere.remove(pos));
                }
            }
        }
        let source_disk = if inbox || spec.dll.is_empty() {
            None
        } else {
            let file = copied
                .as_ref()
                .or(copied_elsewhere.first())
                .map_or(dll_file, |c| c.source_name.clone());
            files::source_disk(self.inf, &file, self.target.arch)
        };
        Installer {
            role,
            dll: spec.dll.clone(),
            entry,
            entry_defaulted,
            kind,
            inbox,
            registered_at: reg.spans(),
            value_type: Some(reg.value_type),
            flags_text: reg.flags_text.clone(),
            flags: reg.flags.ok(),
            pitfalls,
            class_guid,
            copied,
            copied_elsewhere,
            source_disk,
            activation,
            notes: Vec::new(),
            spec: Some(spec),
            registration: Some(reg),
        }
    }

    /// Whether Windows uses a registration (dif-model.md §3, §2.5), with the reason when not.
    fn activation(&self, reg: &Registration) -> Activation {
        let place = match &reg.subkey {
            Some(k) => format!("{}\\{k}", root_name(&reg.root)),
            None => root_name(&reg.root).to_string(),
        };
        let hkr_root = reg.root == RegRoot::Hkr && reg.subkey.is_none();
        let inactive = |reason: String| Activation::Inactive { reason };
        let system_class = self.class.system.map(|c| c.name);
        match &reg.value {
            RegisteredValue::CoInstallers32 => match reg.context {
                SectionContext::CoInstallers if !hkr_root => inactive(format!(
                    "written under {place}: device co-installers are read from the device's software key, HKR of DDInstall.CoInstallers (IDC, RDS)"
                )),
                SectionContext::CoInstallers if reg.value_type != RegType::MultiSz => inactive(format!(
                    "written as {}: CoInstallers32 is read as REG_MULTI_SZ (RDS, IDC; Wine and ReactOS ignore other types)",
                    reg.value_type.name()
                )),
                SectionContext::CoInstallers => Activation::Active,
                SectionContext::DdInstall => inactive(
                    "written by the DDInstall section's AddReg, not DDInstall.CoInstallers: DIF_REGISTER_COINSTALLERS does not register it (SDK-RCD), and the value appears only once DIF_INSTALLDEVICE has processed the section [inference]".to_string(),
                ),
                SectionContext::DdInstallHw => inactive(
                    "written to the device's hardware key (HKR of DDInstall.HW); CoInstallers32 is read from the software key (IDC, IAR)".to_string(),
                ),
                SectionContext::ClassInstall32 | SectionContext::DefaultInstall => inactive(format!(
                    "written from {}, which has no device key: device co-installers are registered by DDInstall.CoInstallers (IDC)",
                    reg.context.label()
                )),
            },
            RegisteredValue::Installer32 => match reg.context {
                SectionContext::ClassInstall32 if !hkr_root => inactive(format!(
                    "written under {place}: the class installer is read from the class key, HKR of ClassInstall32 (ICI)"
                )),
                SectionContext::ClassInstall32 if reg.value_type != RegType::Sz => inactive(format!(
                    "written as {}: Installer32 is read as REG_SZ (ICI, PV-RCI; Wine and ReactOS ignore other types)",
                    reg.value_type.name()
                )),
                SectionContext::ClassInstall32 => match system_class {
                    Some(name) => inactive(format!(
                        "ClassInstall32 is processed only when the class is not installed yet, and {name} is a system class that every Windows has (ICI; IVE 1285)"
                    )),
                    None => Activation::Active,
                },
                _ => inactive(format!(
                    "written from {}: the class installer is read from the class key, which only ClassInstall32's HKR names (ICI)",
                    reg.context.label()
                )),
            },
            RegisteredValue::EnumPropPages32 => {
                let expected = matches!(
                    reg.context,
                    SectionContext::DdInstall | SectionContext::CoInstallers | SectionContext::ClassInstall32
                );
                if !expected {
                    inactive(format!(
                        "written from {}: property-page providers are read from the software key (DDInstall) or the class key (ClassInstall32) (§3.4)",
                        reg.context.label()
                    ))
                } else if !hkr_root {
                    inactive(format!("written under {place}, not HKR (§3.4)"))
                } else if reg.value_type != RegType::Sz {
                    inactive(format!(
                        "written as {}: EnumPropPages32 is read as REG_SZ (IAR; DEVPROP_TYPE_STRING)",
                        reg.value_type.name()
                    ))
                } else if let (SectionContext::ClassInstall32, Some(name)) = (reg.context, system_class) {
                    inactive(format!(
                        "ClassInstall32 is processed only when the class is not installed yet, and {name} is a system class (ICI)"
                    ))
                } else {
                    Activation::Active
                }
            }
            RegisteredValue::CoDeviceInstallers { class_guid, as_subkey } => {
                if *as_subkey {
                    return inactive(format!(
                        "creates the subkey CoDeviceInstallers\\{class_guid}: class co-installers are read from a value named {{class-guid}} of the CoDeviceInstallers key (RCC)"
                    ));
                }
                if reg.value_type != RegType::MultiSz {
                    return inactive(format!(
                        "written as {}: the CoDeviceInstallers value is read as REG_MULTI_SZ (RCC; Wine and ReactOS ignore other types)",
                        reg.value_type.name()
                    ));
                }
                let Some(guid) = Guid::parse(class_guid) else {
                    return inactive(format!("the value name `{class_guid}` is not a setup-class GUID (RCC)"));
                };
                match self.class.guid() {
                    Some(own) if own != guid => {
                        return inactive(format!(
                            "registered for the class {guid}, not for this INF's class {} {own}",
                            self.class.display_name()
                        ))
                    }
                    None => {
                        return Activation::Conditional {
                            condition: format!(
                                "the INF names no class, so whether {guid} is the device's class is unknown"
                            ),
                        }
                    }
                    Some(_) => {}
                }
                match reg.context {
                    SectionContext::ClassInstall32 => match system_class {
                        Some(name) => inactive(format!(
                            "ClassInstall32 is processed only when the class is not installed yet, so it cannot add a class co-installer to the system class {name} (ICI)"
                        )),
                        None => Activation::Active,
                    },
                    SectionContext::DefaultInstall => Activation::Conditional {
                        condition: "only once the INF's DefaultInstall section has been run (right-click Install or SetupInstallFromInfSection; RCC, IDC)".to_string(),
                    },
                    _ => Activation::Conditional {
                        condition: format!(
                            "written while the device itself is installed ({}); the class co-installer list is built once per device information set (WINE-T), so calls during this installation are not certain [inference]",
                            reg.context.label()
                        ),
                    },
                }
            }
        }
    }

    /// The documented in-box class installer of a system class (§5), when there is one.
    fn inbox_class_installer(&self) -> Option<Installer> {
        let system = self.class.system?;
        let ClassInstallerDoc::Documented {
            dll,
            entry,
            historic,
            wording,
        } = system.class_installer
        else {
            return None;
        };
        let mut notes = Vec::new();
        if dll.is_none() {
            notes.push(format!("in-box {} class installer", system.name));
        }
        notes.push(format!("documented: {wording}"));
        if historic {
            notes.push("the DLL is named only by an old documentation page".to_string());
        }
        let registered_at = self
            .class
            .guid
            .as_ref()
            .or(self.class.name.as_ref())
            .map(|f| self.inf.line(f.line).span())
            .into_iter()
            .collect();
        Some(Installer {
            role: InstallerRole::ClassInstaller,
            dll: dll.unwrap_or_default().to_owned(),
            entry: entry.unwrap_or_default().to_owned(),
            entry_defaulted: false,
            kind: InstallerKind::Vendor,
            inbox: true,
            spec: None,
            registration: None,
            registered_at,
            value_type: None,
            flags_text: None,
            flags: None,
            pitfalls: Vec::new(),
            class_guid: Some(system.guid.to_string()),
            copied: None,
            copied_elsewhere: Vec::new(),
            source_disk: None,
            activation: Activation::Active,
            notes,
        })
    }
}

/// A target in words for notes: `amd64 Windows 10.0 build 22621`.
fn describe_target(target: &Target) -> String {
    let (major, minor) = target.os;
    match target.build {
        Some(build) => format!("{} Windows {major}.{minor} build {build}", target.arch),
        None => format!("{} Windows {major}.{minor}", target.arch),
    }
}

fn root_name(root: &RegRoot) -> &str {
    match root {
        RegRoot::Hkcr => "HKCR",
        RegRoot::Hkcu => "HKCU",
        RegRoot::Hklm => "HKLM",
        RegRoot::Hku => "HKU",
        RegRoot::Hkr => "HKR",
        RegRoot::Invalid(text) => text,
    }
}

/// Applies registry write semantics to the active registrations of one value, in file order:
/// a line without FLG_ADDREG_APPEND replaces what earlier lines wrote; with APPEND a string
/// already present is skipped (IDC); with FLG_ADDREG_NOCLOBBER an existing value is kept.
fn apply_writes(installers: &mut [Installer]) {
    let key = |i: &Installer| -> Option<(String, Option<String>)> {
        let reg = i.registration.as_ref()?;
        let value = match &reg.value {
            RegisteredValue::CoDeviceInstallers { class_guid, .. } => Guid::parse(class_guid)
                .map_or_else(|| class_guid.to_ascii_lowercase(), |g| g.to_string()),
            other => format!("{other:?}"),
        };
        Some((value, reg.subkey.as_ref().map(|s| s.to_ascii_lowercase())))
    };
    for i in 0..installers.len() {
        if !installers[i].takes_part() {
            continue;
        }
        let Some(k) = key(&installers[i]) else {
            continue;
        };
        let Some(reg) = installers[i].registration.clone() else {
            continue;
        };
        let earlier: Vec<usize> = (0..i)
            .filter(|&j| {
                installers[j].takes_part()
                    && key(&installers[j]).as_ref() == Some(&k)
                    && installers[j]
                        .registration
                        .as_ref()
                        .is_some_and(|r| r.line.index != reg.line.index)
            })
            .collect();
        if earlier.is_empty() {
            continue;
        }
        if reg.no_clobber {
            installers[i].activation = Activation::Inactive {
                reason: "FLG_ADDREG_NOCLOBBER (0x2) is set and an earlier line of the INF already wrote the value, so this line writes nothing (IAR)".to_string(),
            };
        } else if reg.append {
            let file = installers[i].loaded_file_name();
            if earlier
                .iter()
                .any(|&j| eq_fold(&installers[j].loaded_file_name(), &file))
            {
                installers[i].activation = Activation::Inactive {
                    reason: "FLG_ADDREG_APPEND skips a string already in the value, and an earlier line of the INF already added this DLL (IAR, IDC)".to_string(),
                };
            }
        } else {
            for j in earlier {
                installers[j].activation = Activation::Inactive {
                    reason: format!(
                        "replaced by a later line of [{}]: without FLG_ADDREG_APPEND (0x8) each line writes the whole value (IAR)",
                        reg.addreg_section
                    ),
                };
            }
        }
    }
}

/// Every platform variant of DDInstall `base` the INF defines (`base`, `.NT`, `.NT<arch>`).
fn variants(inf: &Inf, base: &str) -> Vec<InstallVariant> {
    let mut extensions = vec![String::new(), ".NT".to_string()];
    extensions.extend(Arch::ALL.iter().map(|a| format!(".NT{}", a.name())));
    extensions
        .into_iter()
        .filter_map(|ext| {
            let section = SectionInfo::find(inf, &format!("{base}{ext}"))?;
            let written = section.name.get(base.len()..).unwrap_or(&ext).to_owned();
            let co_installers = SectionInfo::find(
                inf,
                &format!("{}{}", section.name, InstallSuffix::CoInstallers.as_str()),
            );
            Some(InstallVariant {
                section,
                extension: written,
                co_installers,
            })
        })
        .collect()
}

/// Reads a `DDInstall.Wdf` section.
fn wdf_info(inf: &Inf, name: &str) -> Option<WdfInfo> {
    let section = SectionInfo::find(inf, name)?;
    let services = inf
        .lines(name)
        .filter_map(|line| {
            let key = line.key()?.into_owned();
            let version_key = if eq_fold(&key, "KmdfService") {
                "KmdfLibraryVersion"
            } else if eq_fold(&key, "UmdfService") {
                "UmdfLibraryVersion"
            } else {
                return None;
            };
            let service = line
                .field(1)
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty());
            let wdf_section = line
                .field(2)
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty());
            let library_version = wdf_section
                .as_ref()
                .and_then(|s| inf.single_value(s, version_key))
                .and_then(|(_, v)| v);
            Some(WdfService {
                directive: key,
                line: SourceLine::of(&line),
                service,
                wdf_section,
                library_version,
            })
        })
        .collect();
    Some(WdfInfo { section, services })
}
