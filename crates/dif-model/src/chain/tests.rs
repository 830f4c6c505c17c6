//! Unit tests of the chain extraction: decorated DDInstall selection per target, default entry
//! points, quoting pitfalls kept as data, CopyFiles / DestinationDirs / SourceDisksFiles
//! linkage, activation of misplaced registrations, class-level registrations and the
//! target-independent site views.

use inf_parser::directives::RegType;
use inf_parser::{parse_inf, Arch, Inf, InfOptions, Target};

use super::*;

fn inf(text: &str) -> Inf {
    parse_inf(text.as_bytes(), 1252, InfOptions::default())
}

fn amd64() -> Target {
    Target::windows10(Arch::Amd64, 22621).with_product_type(1)
}

fn line_of(inf: &Inf, span: Span) -> u32 {
    inf.tree().line_col(span.start).0
}

/// A package with a device co-installer on amd64 and x86 variants of its DDInstall section.
const DECORATED: &str = r#"[Version]
Signature="$Windows NT$"
Class=Sample
ClassGuid={11111111-2222-3333-4444-555555555555}

[DestinationDirs]
DefaultDestDir = 12
Co_Files = 11

[SourceDisksNames]
1 = "Disk",,,
[SourceDisksNames.amd64]
2 = "Disk 64",,,\amd64

[SourceDisksFiles]
co32.dll = 1
[SourceDisksFiles.amd64]
co64.dll = 2
co32.dll = 3

[Manufacturer]
%M% = Models, NTamd64, NTx86

[Models.NTamd64]
%Dev% = Dev_Inst, ROOT\DEV

[Models.NTx86]
%Dev% = Dev_Inst, ROOT\DEV

[Dev_Inst.NTamd64]
[Dev_Inst.NTx86]
[Dev_Inst]

[Dev_Inst.NTamd64.CoInstallers]
AddReg = Co64_AddReg
CopyFiles = Co_Files

[Dev_Inst.NTx86.CoInstallers]
AddReg = Co32_AddReg
CopyFiles = Co_Files

[Co64_AddReg]
HKR,,CoInstallers32,0x00010000,"co64.dll,Co64Entry"

[Co32_AddReg]
HKR,,CoInstallers32,0x00010000,"co32.dll"

[Co_Files]
co64.dll
co32.dll

[Strings]
M = "Maker"
Dev = "Device"
"#;

#[test]
fn decorated_ddinstall_is_chosen_per_target() {
    let inf = inf(DECORATED);
    let x64 = InstallerChain::from_inf(&inf, &amd64());
    assert_eq!(x64.devices.len(), 1);
    let dev = &x64.devices[0];
    assert_eq!(dev.models_section, "Models.NTamd64");
    assert_eq!(dev.install.name, "Dev_Inst.NTamd64");
    assert_eq!(
        dev.co_installers_section.as_ref().unwrap().name,
        "Dev_Inst.NTamd64.CoInstallers"
    );
    assert_eq!(dev.device_co_installers.len(), 1);
    let co = &dev.device_co_installers[0];
    assert_eq!(
        (co.dll.as_str(), co.entry.as_str(), co.entry_defaulted),
        ("co64.dll", "Co64Entry", false)
    );
    assert_eq!(co.activation, Activation::Active);

    let x86 = InstallerChain::from_inf(&inf, &Target::new(Arch::X86, 10, 0));
    let dev = &x86.devices[0];
    assert_eq!(dev.install.name, "Dev_Inst.NTx86");
    let co = &dev.device_co_installers[0];
    // No entry point: the co-installer default (RDS, IDC).
    assert_eq!(
        (co.dll.as_str(), co.entry.as_str(), co.entry_defaulted),
        ("co32.dll", "CoDeviceInstall", true)
    );

    // The undecorated variant has no .CoInstallers section (INF-19 reads this).
    let variants: Vec<(&str, bool)> = x86.devices[0]
        .variants
        .iter()
        .map(|v| (v.extension.as_str(), v.co_installers.is_some()))
        .collect();
    assert_eq!(
        variants,
        vec![("", false), (".NTx86", true), (".NTamd64", true)]
    );

    // Nothing applies on arm64.
    let arm = InstallerChain::from_inf(&inf, &Target::windows10(Arch::Arm64, 22621));
    assert!(arm.devices.is_empty());
    assert!(arm.notes.iter().any(|n| n.contains("no Models section")));
}

#[test]
fn registration_spans_point_at_every_line() {
    let inf = inf(DECORATED);
    let chain = InstallerChain::from_inf(&inf, &amd64());
    let co = &chain.devices[0].device_co_installers[0];
    let lines: Vec<u32> = co.registered_at.iter().map(|&s| line_of(&inf, s)).collect();
    // The AddReg line, the AddReg= directive, the .CoInstallers header.
    assert_eq!(lines, vec![43, 35, 34]);
    let reg = co.registration.as_ref().unwrap();
    assert_eq!(reg.context, SectionContext::CoInstallers);
    assert_eq!(reg.addreg_section, "Co64_AddReg");
    assert_eq!(reg.value_type, RegType::MultiSz);
    assert_eq!(co.flags, Some(0x0001_0000));
    assert_eq!(co.flags_text.as_deref(), Some("0x00010000"));
}

#[test]
fn copy_and_source_disk_linkage() {
    let inf = inf(DECORATED);
    let chain = InstallerChain::from_inf(&inf, &amd64());
    let co = &chain.devices[0].device_co_installers[0];
    let copy = co
        .copied
        .as_ref()
        .expect("copied by the .CoInstallers section");
    assert_eq!(copy.section, "Dev_Inst.NTamd64.CoInstallers");
    assert_eq!(copy.file_list.as_deref(), Some("Co_Files"));
    assert_eq!(copy.dirid, Some(11));
    assert!(matches!(copy.dirid_origin, DiridOrigin::FileList { .. }));
    assert_eq!(line_of(&inf, copy.file_line.unwrap().span), 49);
    // The x86 .CoInstallers section copies it too.
    assert_eq!(co.copied_elsewhere.len(), 1);
    assert_eq!(
        co.copied_elsewhere[0].section,
        "Dev_Inst.NTx86.CoInstallers"
    );
    let disk = co.source_disk.as_ref().expect("listed");
    assert_eq!(disk.section_arch, Some(Arch::Amd64));
    assert_eq!(disk.disk_id, Ok(2));
    assert!(disk.disk_listed);
    assert_eq!(disk.package_path(), "amd64\\co64.dll");

    // co32.dll on amd64 would come from disk 3, which SourceDisksNames does not list.
    let site = files::source_disk(&inf, "co32.dll", Arch::Amd64).unwrap();
    assert_eq!((site.disk_id, site.disk_listed), (Ok(3), false));
    let site = files::source_disk(&inf, "co32.dll", Arch::X86).unwrap();
    assert_eq!((site.section_arch, site.disk_listed), (None, true));
}

/// A package with the quoting mistakes of INF-22/23/24 and misplaced registrations.
const PITFALLS: &str = r#"[Version]
Signature="$Windows NT$"
Class=Sample
ClassGuid={11111111-2222-3333-4444-555555555555}

[Manufacturer]
Maker = Models, NTamd64

[Models.NTamd64]
Device = Inst, ROOT\DEV

[Inst.NT]
AddReg = Inst_AddReg

[Inst.NT.HW]
AddReg = Hw_AddReg

[Inst.NT.CoInstallers]
AddReg = Co_AddReg

[Co_AddReg]
HKR,,CoInstallers32,0x00010000,split.dll,SplitEntry,"spaced.dll, SpacedEntry","many.dll,a,b"
HKR,,CoInstallers32,0x00010008,"appended.dll,Appended"
HKR,,EnumPropPages32,,props.dll,PropPageProvider

[Inst_AddReg]
HKR,,CoInstallers32,0x00010000,"misplaced.dll,Entry"
HKR,,EnumPropPages32,,"props2.dll,Provider"

[Hw_AddReg]
HKR,,CoInstallers32,0x00010000,"hw.dll,Entry"
"#;

#[test]
fn quoting_pitfalls_are_kept_as_data() {
    let inf = inf(PITFALLS);
    let chain = InstallerChain::from_inf(&inf, &amd64());
    let dev = &chain.devices[0];
    let cos: Vec<(&str, &str)> = dev
        .device_co_installers
        .iter()
        .map(|i| (i.dll.as_str(), i.entry.as_str()))
        .collect();
    // Windows reads what is written: `split.dll` with the default entry, and a DLL `SplitEntry`.
    assert_eq!(
        cos,
        vec![
            ("misplaced.dll", "Entry"),
            ("hw.dll", "Entry"),
            ("split.dll", "CoDeviceInstall"),
            ("SplitEntry", "CoDeviceInstall"),
            ("spaced.dll", "SpacedEntry"),
            ("many.dll", "a,b"),
            ("appended.dll", "Appended"),
        ]
    );
    let by_dll = |dll: &str| {
        dev.device_co_installers
            .iter()
            .find(|i| i.dll == dll)
            .unwrap()
    };
    assert!(matches!(
        by_dll("split.dll").pitfalls.as_slice(),
        [EntryPitfall::SplitByMissingQuotes { next, .. }] if next == "SplitEntry"
    ));
    assert!(matches!(
        by_dll("SplitEntry").pitfalls.as_slice(),
        [EntryPitfall::EntryHalfOfPreviousField { .. }]
    ));
    assert_eq!(
        by_dll("spaced.dll").pitfalls,
        vec![EntryPitfall::WhitespaceAroundEntry]
    );
    assert_eq!(
        by_dll("spaced.dll").spec.as_ref().unwrap().entry.as_deref(),
        Some(" SpacedEntry")
    );
    assert_eq!(
        by_dll("many.dll").pitfalls,
        vec![EntryPitfall::SeveralCommas]
    );
    assert_eq!(
        by_dll("split.dll")
            .registration
            .as_ref()
            .unwrap()
            .string_count,
        4
    );
    assert!(!by_dll("split.dll").spec.as_ref().unwrap().quoted);
    assert!(by_dll("spaced.dll").spec.as_ref().unwrap().quoted);

    // The REG_SZ provider lost its entry point: only field 5 is read.
    let pages: Vec<&Installer> = dev.property_pages.iter().collect();
    assert_eq!(pages.len(), 2);
    let lost = pages.iter().find(|i| i.dll == "props.dll").unwrap();
    assert_eq!(lost.entry, "");
    assert!(matches!(
        lost.pitfalls.as_slice(),
        [EntryPitfall::FieldsIgnored { likely_entry: Some(e), .. }] if e == "PropPageProvider"
    ));
    assert_eq!(lost.role, InstallerRole::DevicePropertyPages);
    assert_eq!(lost.activation, Activation::Active);
}

#[test]
fn misplaced_and_overwritten_registrations_are_inactive() {
    let inf = inf(PITFALLS);
    let chain = InstallerChain::from_inf(&inf, &amd64());
    let dev = &chain.devices[0];
    let by_dll = |dll: &str| {
        dev.device_co_installers
            .iter()
            .find(|i| i.dll == dll)
            .unwrap()
    };
    let reason = |i: &Installer| match &i.activation {
        Activation::Inactive { reason } => reason.clone(),
        other => panic!("{} is {other:?}", i.dll),
    };
    assert!(reason(by_dll("misplaced.dll")).contains("not DDInstall.CoInstallers"));
    assert!(reason(by_dll("hw.dll")).contains("hardware key"));
    // The second CoInstallers32 line appends (0x00010008), so the first line's strings stay.
    assert_eq!(by_dll("split.dll").activation, Activation::Active);
    assert_eq!(by_dll("appended.dll").activation, Activation::Active);
    assert!(by_dll("appended.dll").registration.as_ref().unwrap().append);
    let order: Vec<&str> = chain
        .participants(dev)
        .iter()
        .map(|i| i.dll.as_str())
        .collect();
    assert_eq!(
        order,
        vec![
            "split.dll",
            "SplitEntry",
            "spaced.dll",
            "many.dll",
            "appended.dll"
        ]
    );
}

#[test]
fn a_later_line_without_append_replaces_the_value() {
    let inf = inf(
        "[Version]\nSignature=\"$Windows NT$\"\nClass=Sample\nClassGuid={11111111-2222-3333-4444-555555555555}\n\
         [Manufacturer]\nM=Models,NTamd64\n[Models.NTamd64]\nD=Inst,ROOT\\X\n[Inst]\n\
         [Inst.CoInstallers]\nAddReg=A,B\n[A]\nHKR,,CoInstallers32,0x10000,\"first.dll,F\"\n\
         [B]\nHKR,,CoInstallers32,0x10000,\"second.dll,S\"\nHKR,,CoInstallers32,0x10002,\"third.dll,T\"\n",
    );
    let chain = InstallerChain::from_inf(&inf, &amd64());
    let dev = &chain.devices[0];
    // Undecorated DDInstall: chosen as is on amd64.
    assert_eq!(dev.install.name, "Inst");
    let states: Vec<(&str, bool)> = dev
        .device_co_installers
        .iter()
        .map(|i| (i.dll.as_str(), i.takes_part()))
        .collect();
    assert_eq!(
        states,
        vec![
            ("first.dll", false),
            ("second.dll", true),
            ("third.dll", false)
        ]
    );
    assert!(
        matches!(&dev.device_co_installers[2].activation, Activation::Inactive { reason } if reason.contains("NOCLOBBER"))
    );
}

#[test]
fn wrong_value_types_and_roots() {
    let inf = inf(
        "[Version]\nSignature=\"$Windows NT$\"\nClass=Sample\nClassGuid={11111111-2222-3333-4444-555555555555}\n\
         [Manufacturer]\nM=Models,NTamd64\n[Models.NTamd64]\nD=Inst,ROOT\\X\n[Inst]\n\
         [Inst.CoInstallers]\nAddReg=A\n[A]\nHKR,,CoInstallers32,,\"sz.dll,E\"\n\
         HKLM,Software\\X,CoInstallers32,0x10000,\"hklm.dll,E\"\nHKR,,CoInstallers32,0x10004,\"deleted.dll\"\n",
    );
    let chain = InstallerChain::from_inf(&inf, &amd64());
    let dev = &chain.devices[0];
    // FLG_ADDREG_DELVAL deletes: no registration at all.
    assert_eq!(dev.device_co_installers.len(), 2);
    assert_eq!(dev.device_co_installers[0].value_type, Some(RegType::Sz));
    assert!(
        matches!(&dev.device_co_installers[0].activation, Activation::Inactive { reason } if reason.contains("REG_MULTI_SZ"))
    );
    assert!(
        matches!(&dev.device_co_installers[1].activation, Activation::Inactive { reason } if reason.contains("HKLM\\Software\\X"))
    );
    assert!(chain.participants(dev).is_empty());
}

/// A custom class with a class installer, a class co-installer through DefaultInstall, and a
/// system-class registration that Windows ignores.
const CLASS_LEVEL: &str = r#"[Version]
Signature="$Windows NT$"
Class=Widget
ClassGuid={aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee}

[DestinationDirs]
DefaultDestDir = 11

[ClassInstall32.NTamd64]
AddReg = Class_AddReg
CopyFiles = @widgetci.dll

[ClassInstall32]
AddReg = OldClass_AddReg

[Class_AddReg]
HKR,,Installer32,,"widgetci.dll"
HKR,,EnumPropPages32,,"widgetci.dll,WidgetPages"

[OldClass_AddReg]
HKR,,Installer32,,"oldci.dll,Old"

[DefaultInstall.NTamd64]
AddReg = ClassCo_AddReg
CopyFiles = @widgetcc.dll

[ClassCo_AddReg]
HKLM,System\CurrentControlSet\Control\CoDeviceInstallers,{aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee},0x00010008,"widgetcc.dll,WidgetClassCo"
HKLM,System\CurrentControlSet\Control\CoDeviceInstallers,{4d36e978-e325-11ce-bfc1-08002be10318},0x00010008,"widgetcc.dll,PortsCo"
HKLM,System\CurrentControlSet\Control\CoDeviceInstallers\{aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee},,0x00010000,"sub.dll"

[Manufacturer]
M = Models, NTamd64

[Models.NTamd64]
Widget = Widget_Inst, ROOT\WIDGET

[Widget_Inst]
"#;

#[test]
fn class_level_installers() {
    let inf = inf(CLASS_LEVEL);
    let chain = InstallerChain::from_inf(&inf, &amd64());
    assert_eq!(
        chain.class_install32.as_ref().unwrap().name,
        "ClassInstall32.NTamd64"
    );
    let ci = chain.class_installer().expect("class installer");
    // The .NTamd64 variant is used, and Installer32 without an entry defaults to ClassInstall.
    assert_eq!(
        (ci.dll.as_str(), ci.entry.as_str(), ci.entry_defaulted),
        ("widgetci.dll", "ClassInstall", true)
    );
    assert_eq!(
        ci.class_guid.as_deref(),
        Some("{aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee}")
    );
    let copy = ci.copied.as_ref().unwrap();
    assert_eq!((copy.file_list.clone(), copy.dirid), (None, Some(11)));
    assert!(matches!(
        copy.dirid_origin,
        DiridOrigin::DefaultDestDir { .. }
    ));
    assert_eq!(chain.class_property_pages.len(), 1);
    assert_eq!(
        chain.class_property_pages[0].role,
        InstallerRole::ClassPropertyPages
    );
    assert!(ci.source_disk.is_none());

    let cc: Vec<(&str, &Activation)> = chain
        .class_co_installers
        .iter()
        .map(|i| (i.entry.as_str(), &i.activation))
        .collect();
    assert_eq!(cc.len(), 3);
    assert!(
        matches!(cc[0], ("WidgetClassCo", Activation::Conditional { condition }) if condition.contains("DefaultInstall"))
    );
    assert!(
        matches!(cc[1], ("PortsCo", Activation::Inactive { reason }) if reason.contains("not for this INF's class"))
    );
    assert!(
        matches!(cc[2], ("CoDeviceInstall", Activation::Inactive { reason }) if reason.contains("subkey"))
    );
    let reg = chain.class_co_installers[0].registration.as_ref().unwrap();
    assert_eq!(reg.context, SectionContext::DefaultInstall);
    assert!(reg.append);

    let dev = &chain.devices[0];
    let order: Vec<(InstallerRole, &str)> = chain
        .participants(dev)
        .iter()
        .map(|i| (i.role, i.entry.as_str()))
        .collect();
    assert_eq!(
        order,
        vec![
            (InstallerRole::ClassCoInstaller, "WidgetClassCo"),
            (InstallerRole::ClassInstaller, "ClassInstall")
        ]
    );
}

#[test]
fn system_class_uses_the_inbox_class_installer() {
    let inf = inf(
        "[Version]\nSignature=\"$Windows NT$\"\nClass=Ports\nClassGuid={4D36E978-E325-11CE-BFC1-08002BE10318}\n\
         [ClassInstall32]\nAddReg=C\n[C]\nHKR,,Installer32,,\"mine.dll,Mine\"\n\
         [Manufacturer]\nM=Models,NTamd64\n[Models.NTamd64]\nPort=P,ACPI\\PNP0501\n[P.NT]\n",
    );
    let chain = InstallerChain::from_inf(&inf, &amd64());
    assert_eq!(chain.class.system.map(|c| c.name), Some("Ports"));
    assert_eq!(chain.class_installers.len(), 2);
    assert!(
        matches!(&chain.class_installers[0].activation, Activation::Inactive { reason } if reason.contains("system class"))
    );
    let ci = chain.class_installer().unwrap();
    assert!(ci.inbox);
    assert_eq!(ci.display_name(), "MsPorts.Dll!PortsClassInstaller");
    assert_eq!(line_of(&inf, ci.registered_at[0]), 4);
    // A system class without a documented installer gets none.
    let inf = self::inf("[Version]\nSignature=\"$Windows NT$\"\nClass=System\nClassGuid={4d36e97d-e325-11ce-bfc1-08002be10318}\n");
    let chain = InstallerChain::from_inf(&inf, &amd64());
    assert!(chain.class_installer().is_none());
    assert!(chain
        .notes
        .iter()
        .any(|n| n.contains("no in-box class installer")));
}

#[test]
fn include_needs_and_local_needs() {
    let inf = inf(
        "[Version]\nSignature=\"$Windows NT$\"\nClass=USBDevice\nClassGuid={88BAE032-5A81-49f0-BC3D-A4FF138216D6}\n\
         [DestinationDirs]\nShared_Files=11\n\
         [Manufacturer]\nM=Models,NTamd64\n[Models.NTamd64]\nD=Inst,USB\\VID_1234&PID_0001\n[Inst.NT]\n\
         [Inst.NT.CoInstallers]\nInclude=winusb.inf\nNeeds=WINUSB.NT.CoInstallers, Shared_Co\nCopyFiles=Shared_Files\n\
         [Shared_Co]\nAddReg=Shared_AddReg\n[Shared_AddReg]\nHKR,,CoInstallers32,0x00010000,\"WdfCoInstaller01011.dll,WdfCoInstaller\"\n\
         [Shared_Files]\nWdfCoInstaller01011.dll\n",
    );
    let chain = InstallerChain::from_inf(&inf, &amd64());
    let dev = &chain.devices[0];
    assert_eq!(dev.included.len(), 1);
    let inc = &dev.included[0];
    assert_eq!(
        (
            inc.needs.as_str(),
            inc.includes.clone(),
            inc.inbox,
            inc.resolvable
        ),
        (
            "WINUSB.NT.CoInstallers",
            vec!["winusb.inf".to_string()],
            true,
            false
        )
    );
    assert_eq!(inc.context, SectionContext::CoInstallers);
    // The local Needs section is followed; the outer section's CopyFiles copies the DLL.
    let co = &dev.device_co_installers[0];
    assert_eq!(
        co.kind,
        InstallerKind::KmdfCoInstaller {
            version: Some("01011".into())
        }
    );
    let reg = co.registration.as_ref().unwrap();
    assert_eq!(
        (reg.install_section.as_str(), reg.via_needs.len()),
        ("Shared_Co", 1)
    );
    assert_eq!(co.registered_at.len(), 4);
    assert_eq!(
        co.copied.as_ref().map(|c| c.section.as_str()),
        Some("Inst.NT.CoInstallers")
    );
    assert_eq!(co.activation, Activation::Active);
}

#[test]
fn wdf_section_and_declared_targets() {
    let inf = inf(
        "[Version]\nSignature=\"$Windows NT$\"\nClass=System\nClassGuid={4d36e97d-e325-11ce-bfc1-08002be10318}\n\
         [Manufacturer]\nM=Models,NTamd64,NTarm64\n[Models.NTamd64]\nD=Inst,ROOT\\X\n[Models.NTarm64]\nD=Inst,ROOT\\X\n\
         [Inst.NT]\n[Inst.NT.Wdf]\nKmdfService = svc, Svc_Wdf\n[Svc_Wdf]\nKmdfLibraryVersion = 1.15\n",
    );
    let chain = InstallerChain::from_inf(&inf, &amd64());
    let wdf = chain.devices[0].wdf.as_ref().unwrap();
    assert_eq!(wdf.services.len(), 1);
    assert_eq!(wdf.services[0].service.as_deref(), Some("svc"));
    assert_eq!(
        wdf.services[0]
            .library_version
            .as_ref()
            .map(|v| v.text.as_str()),
        Some("1.15")
    );
    let targets: Vec<Arch> = declared_targets(&inf)
        .iter()
        .map(|t| t.target.arch)
        .collect();
    assert_eq!(targets, vec![Arch::Amd64, Arch::Arm64]);
    assert_eq!(InstallerChain::for_declared_targets(&inf).len(), 2);
}

#[test]
fn target_independent_sites() {
    let inf = inf(PITFALLS);
    let sites = registration_sites(&inf);
    let values: Vec<(&str, usize)> = sites
        .iter()
        .map(|s| (s.addreg_section.as_str(), s.strings.len()))
        .collect();
    assert_eq!(
        values,
        vec![
            ("Inst_AddReg", 1),
            ("Inst_AddReg", 1),
            ("Hw_AddReg", 1),
            ("Co_AddReg", 4),
            ("Co_AddReg", 1),
            ("Co_AddReg", 2)
        ]
    );
    assert_eq!(sites[2].referenced_by[0].kind, ReferencingSection::Hw);
    assert_eq!(
        sites[3].referenced_by[0].kind,
        ReferencingSection::CoInstallers
    );
    assert_eq!(sites[0].referenced_by[0].kind, ReferencingSection::Other);

    let co = co_installers_sections(&inf);
    assert_eq!(co.len(), 1);
    assert_eq!(co[0].base, "Inst.NT");
    assert!(co[0].base_exists);
    assert_eq!(co[0].referenced_by_models.len(), 1);
    let orphan = inf_with_orphan();
    let co = co_installers_sections(&orphan);
    assert!(co[0].referenced_by_models.is_empty());
    assert!(!co[0].base_exists);
}

fn inf_with_orphan() -> Inf {
    inf("[Version]\nSignature=\"$Windows NT$\"\n[Gone.NTamd64.CoInstallers]\nAddReg=X\n")
}

#[test]
fn chains_serialize() {
    let inf = inf(CLASS_LEVEL);
    let chain = InstallerChain::from_inf(&inf, &amd64());
    let json = serde_json::to_value(&chain).unwrap();
    assert_eq!(json["class_installers"][0]["role"], "class-installer");
    assert_eq!(
        json["class_co_installers"][0]["activation"]["kind"],
        "conditional"
    );
}

/// Building the chains of several targets at once (sharing the section scans, the file copies
/// and the class) gives each target the chain it gets on its own, also when several Models
/// lines share an install base.
#[test]
fn chains_built_together_equal_chains_built_alone() {
    let text = DECORATED.replace(
        "%Dev% = Dev_Inst, ROOT\\DEV\n\n[Models.NTx86]",
        "%Dev% = Dev_Inst, ROOT\\DEV\n%Dev% = Dev_Inst, ROOT\\DEV2\n%Dev% = dev_inst, ROOT\\DEV3\n\n[Models.NTx86]",
    );
    assert_ne!(text, DECORATED);
    let inf = inf(&text);
    let targets = [
        amd64(),
        Target::new(Arch::X86, 10, 0),
        Target::windows10(Arch::Arm64, 22621),
        amd64(),
    ];
    let together = InstallerChain::from_inf_for(&inf, &targets);
    assert_eq!(together.len(), targets.len());
    for (chain, target) in together.iter().zip(&targets) {
        assert_eq!(chain, &InstallerChain::from_inf(&inf, target));
    }
    assert_eq!(together[0].devices.len(), 3);
    let ids: Vec<&str> = together[0].devices.iter().flat_map(|d| d.ids()).collect();
    assert_eq!(ids, ["ROOT\\DEV", "ROOT\\DEV2", "ROOT\\DEV3"]);
    assert_eq!(
        InstallerChain::for_declared_targets(&inf),
        declared_targets(&inf)
            .iter()
            .map(|d| InstallerChain::from_inf(&inf, &d.target))
            .collect::<Vec<_>>()
    );
}

/// The quick test that skips add-registry lines never rejects a line that registers an
/// installer.
#[test]
fn lines_that_register_are_never_skipped() {
    let inf = inf(concat!(
        "[Version]\nSignature=\"$Windows NT$\"\n[R]\n",
        "HKR,,CoInstallers32,0x00010000,\"a.dll,E\"\n",
        "HKR,,coinstallers32 ,0x00010000,\"a.dll,E\"\n",
        "HKR,,%v%,0x00010000,\"a.dll,E\"\n",
        "HKR,,Installer32,,\"b.dll,E\"\n",
        "HKR,,EnumPropPages32,,\"c.dll,E\"\n",
        "HKLM,System\\CurrentControlSet\\Control\\CoDeviceInstallers,{11111111-2222-3333-4444-555555555555},0x00010008,\"d.dll,E\"\n",
        "HKLM,\\SYSTEM\\CurrentControlSet\\Control\\CoDeviceInstallers\\{11111111-2222-3333-4444-555555555555},,0x00010008,\"d.dll,E\"\n",
        "HKR,,Other,,x\n",
        "HKR,Sub\u{212A}ey,CoInstallers32,0x00010000,\"a.dll,E\"\n",
        "HKR\n",
        "\n",
        "[Strings]\nv=CoInstallers32\n",
    ));
    let mut registering = 0;
    for line in inf.lines("R") {
        let add = inf_parser::directives::AddRegLine::read(&line);
        if scan::registered_value(&add).is_some() {
            registering += 1;
            assert!(scan::may_register(&line), "{}", line.text());
        }
    }
    assert_eq!(registering, 8);
    let other = inf.lines("R").nth(7).unwrap();
    assert_eq!(other.text(), "HKR,,Other,,x");
    assert!(!scan::may_register(&other));
}
