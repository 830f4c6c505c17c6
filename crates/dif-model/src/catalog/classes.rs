//! System-defined device setup classes and what the documentation says about their in-box class
//! installers (dif-model.md §5; SCV, SCR and the class-specific pages cited per row).
//!
//! The documentation publishes no complete "class → class installer" table: a row says `yes`
//! only where some page names a system class installer for the class. In-box *class
//! co-installers* are not documented per class at all, so [`SetupClass::class_co_installers`] is
//! always `Unknown` (a registry snapshot would be needed).

use std::fmt;

use serde::{Serialize, Serializer};

use super::docs::DocKey;
use crate::behavior::Knowledge;

/// A GUID, held as its 128-bit big-endian value (as in the `{…}` text form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Guid(pub u128);

impl Guid {
    /// Parses `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, with or without braces, any case, with
    /// surrounding whitespace ignored.
    pub fn parse(text: &str) -> Option<Guid> {
        let t = text.trim();
        let t = t
            .strip_prefix('{')
            .map_or(Some(t), |inner| inner.strip_suffix('}'))?;
        let groups: Vec<&str> = t.split('-').collect();
        let lengths = [8, 4, 4, 4, 12];
        if groups.len() != 5 || groups.iter().zip(lengths).any(|(g, n)| g.len() != n) {
            return None;
        }
        let mut value: u128 = 0;
        for c in groups.concat().chars() {
            value = (value << 4) | u128::from(c.to_digit(16)?);
        }
        Some(Guid(value))
    }

    /// `Data1` of the Windows `GUID` structure.
    pub fn data1(self) -> u32 {
        (self.0 >> 96) as u32
    }

    /// `Data2` of the Windows `GUID` structure.
    pub fn data2(self) -> u16 {
        (self.0 >> 80) as u16
    }

    /// `Data3` of the Windows `GUID` structure.
    pub fn data3(self) -> u16 {
        (self.0 >> 64) as u16
    }

    /// `Data4` of the Windows `GUID` structure.
    pub fn data4(self) -> [u8; 8] {
        (self.0 as u64).to_be_bytes()
    }
}

impl fmt::Display for Guid {
    /// Braced, lower case: `{4d36e972-e325-11ce-bfc1-08002be10318}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        write!(
            f,
            "{{{:08x}-{:04x}-{:04x}-{:04x}-{:012x}}}",
            (v >> 96) as u32,
            (v >> 80) as u16,
            (v >> 64) as u16,
            (v >> 48) as u16,
            v & 0xFFFF_FFFF_FFFF
        )
    }
}

impl Serialize for Guid {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Which list of system-defined classes a class is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClassAvailability {
    /// SCV: "System-defined device setup classes available to vendors".
    AvailableToVendors,
    /// SCR: "System-defined device setup classes reserved for system use".
    ReservedForSystem,
}

/// What the documentation says about a class's in-box class installer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum ClassInstallerDoc {
    /// Some page names a system class installer for the class.
    Documented {
        /// The DLL, when named (e.g. `MsPorts.Dll`).
        dll: Option<&'static str>,
        /// The export, when named (e.g. `PortsClassInstaller`).
        entry: Option<&'static str>,
        /// Whether the named DLL comes from an old page only (e.g. `Desk.Cpl` in ICI-2016).
        historic: bool,
        /// The documentation's wording.
        wording: &'static str,
    },
    /// The documentation is silent; this does not mean the class has none.
    NotDocumented,
}

/// One system-defined setup class (a row of dif-model.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SetupClass {
    /// The `Class=` name, e.g. `Net`.
    pub name: &'static str,
    /// The class GUID.
    pub guid: Guid,
    /// Available to vendors or reserved for system use.
    pub availability: ClassAvailability,
    /// Marked obsolete in the documentation.
    pub obsolete: bool,
    /// What the documentation says about its class installer.
    pub class_installer: ClassInstallerDoc,
    /// Whether a vendor INF may not use `[ClassInstall32]` for this class: true for every
    /// Microsoft-defined class (IVE 1285; ICI: ClassInstall32 only installs a new custom class).
    pub class_install32_forbidden: bool,
    /// The documents for the row.
    pub sources: &'static [DocKey],
}

impl SetupClass {
    /// The in-box class co-installers of the class: the documentation does not list them per
    /// class, so this is always `Unknown` with the reason.
    pub fn class_co_installers(&self) -> Knowledge<Vec<&'static str>> {
        Knowledge::Unknown {
            reason: "the documentation does not list in-box class co-installers per class (dif-model.md §5; COP: the OS and vendors can register them); a registry snapshot is needed".to_string(),
        }
    }

    /// Whether the documentation names a system class installer for the class.
    pub fn has_documented_class_installer(&self) -> bool {
        matches!(self.class_installer, ClassInstallerDoc::Documented { .. })
    }
}

const fn vendor(
    name: &'static str,
    guid: u128,
    class_installer: ClassInstallerDoc,
    sources: &'static [DocKey],
) -> SetupClass {
    SetupClass {
        name,
        guid: Guid(guid),
        availability: ClassAvailability::AvailableToVendors,
        obsolete: false,
        class_installer,
        class_install32_forbidden: true,
        sources,
    }
}

const fn plain(name: &'static str, guid: u128) -> SetupClass {
    vendor(name, guid, ClassInstallerDoc::NotDocumented, &[DocKey::Scv])
}

const fn reserved(name: &'static str, guid: u128, obsolete: bool) -> SetupClass {
    SetupClass {
        name,
        guid: Guid(guid),
        availability: ClassAvailability::ReservedForSystem,
        obsolete,
        class_installer: ClassInstallerDoc::NotDocumented,
        class_install32_forbidden: true,
        sources: &[DocKey::Scr],
    }
}

const fn yes(wording: &'static str) -> ClassInstallerDoc {
    ClassInstallerDoc::Documented {
        dll: None,
        entry: None,
        historic: false,
        wording,
    }
}

/// The rows of dif-model.md §5, in its order.
static SETUP_CLASSES: &[SetupClass] = &[
    plain("AudioProcessingObject", 0x5989fce8_9cd0_467d_8a6a_5419e31529d4),
    vendor("Battery", 0x72631e54_78a4_11d0_bcf7_00aa00b7b32a, yes("the battery class installer installs the driver"), &[DocKey::Scv, DocKey::DriverDoc("battery/installing-a-battery-driver")]),
    plain("Biometric", 0x53d29ef7_377c_4d14_864b_eb3a85769359),
    vendor(
        "Bluetooth",
        0xe0cbf06c_cd8b_4647_bb8a_263b43f0f974,
        ClassInstallerDoc::Documented { dll: Some("BthCi"), entry: None, historic: false, wording: "the Bluetooth class installer (BthCi)" },
        &[DocKey::Scv, DocKey::DriverDoc("bluetooth/bluetooth-driver-stack"), DocKey::DriverDoc("bluetooth/bluetooth-registry-entries")],
    ),
    plain("Camera", 0xca3e7ab9_b4c3_4ae6_8251_579ef933890f),
    vendor("CDROM", 0x4d36e965_e325_11ce_bfc1_08002be10318, yes("the system's CD-ROM class installer also installs CD audio and changer drivers as filters"), &[DocKey::Scv, DocKey::Ici]),
    vendor("DiskDrive", 0x4d36e967_e325_11ce_bfc1_08002be10318, yes("system class installers of CD-ROM and disk devices"), &[DocKey::Scv, DocKey::Ici]),
    vendor(
        "Display",
        0x4d36e968_e325_11ce_bfc1_08002be10318,
        ClassInstallerDoc::Documented { dll: Some("Desk.Cpl"), entry: Some("DisplayClassInstaller"), historic: true, wording: "system-supplied display class installer" },
        &[DocKey::Scv, DocKey::DriverDoc("display/installing-display-miniport-and-user-mode-display-drivers"), DocKey::DriverDoc("display/setting-the-driver-feature-score"), DocKey::Ici2016],
    ),
    plain("Extension", 0xe2f84ce7_8efa_411c_aa69_97454ca4cb57),
    plain("FDC", 0x4d36e969_e325_11ce_bfc1_08002be10318),
    plain("FloppyDisk", 0x4d36e980_e325_11ce_bfc1_08002be10318),
    plain("HDC", 0x4d36e96a_e325_11ce_bfc1_08002be10318),
    plain("HIDClass", 0x745a17a0_74d3_11d0_b6fe_00a0c90f57da),
    plain("Dot4", 0x48721b56_6795_11d2_b1a8_0080c72e74a2),
    plain("Dot4Print", 0x49ce6ac8_6f86_11d2_b1e5_0080c72e74a2),
    plain("61883", 0x7ebefbc0_3200_11d2_b4c2_00a0c9697d07),
    plain("AVC", 0xc06ff265_ae09_48f0_812c_16753d7cba83),
    plain("SBP2", 0xd48179be_ec20_11d1_b6b8_00c04fa372a7),
    plain("1394", 0x6bdd1fc1_810f_11d0_bec7_08002be2092f),
    vendor(
        "Image",
        0x6bdd1fc6_810f_11d0_bec7_08002be2092f,
        ClassInstallerDoc::Documented { dll: Some("sti_ci.dll"), entry: None, historic: false, wording: "default class installer for still image devices" },
        &[DocKey::Scv, DocKey::DriverDoc("image/inf-files-for-still-image-devices"), DocKey::DriverDoc("image/still-image-device-installers")],
    ),
    vendor("Infrared", 0x6bdd1fc5_810f_11d0_bec7_08002be2092f, yes("IrDA devices are installed by the network class installer; the system IrDA class installer"), &[DocKey::Scv, DocKey::DriverDoc("network/version-section-in-a-network-inf-file"), DocKey::Idc]),
    plain("Keyboard", 0x4d36e96b_e325_11ce_bfc1_08002be10318),
    plain("MediumChanger", 0xce5939ae_ebde_11d0_b181_0000f8753ec4),
    plain("MTD", 0x4d36e970_e325_11ce_bfc1_08002be10318),
    plain("Modem", 0x4d36e96d_e325_11ce_bfc1_08002be10318),
    plain("Monitor", 0x4d36e96e_e325_11ce_bfc1_08002be10318),
    vendor("Mouse", 0x4d36e96f_e325_11ce_bfc1_08002be10318, yes("the system mouse class installer's INF"), &[DocKey::Scv, DocKey::DriverDoc("install/inf-models-section"), DocKey::DriverDoc("install/inf-controlflags-section")]),
    plain("Multifunction", 0x4d36e971_e325_11ce_bfc1_08002be10318),
    vendor("Media", 0x4d36e96c_e325_11ce_bfc1_08002be10318, yes("the media class installer copies Ks.inf pin-category names"), &[DocKey::Scv, DocKey::DriverDoc("audio/pin-category-property")]),
    plain("MultiportSerial", 0x50906cb8_ba12_11d1_bf5d_0000f805f530),
    vendor("Net", 0x4d36e972_e325_11ce_bfc1_08002be10318, yes("network class installer: a required class installer and optional co-installer for miniport drivers"), &[DocKey::Scv, DocKey::DriverDoc("network/components-and-files-used-for-network-component-installation"), DocKey::DriverDoc("network/installing-network-components"), DocKey::Ici]),
    vendor("NetClient", 0x4d36e973_e325_11ce_bfc1_08002be10318, yes("each type of network component is associated with a class installer"), &[DocKey::Scv, DocKey::DriverDoc("network/about-notify-objects"), DocKey::Ici]),
    vendor("NetService", 0x4d36e974_e325_11ce_bfc1_08002be10318, yes("each type of network component is associated with a class installer"), &[DocKey::Scv, DocKey::DriverDoc("network/about-notify-objects"), DocKey::Ici]),
    vendor("NetTrans", 0x4d36e975_e325_11ce_bfc1_08002be10318, yes("each type of network component is associated with a class installer"), &[DocKey::Scv, DocKey::DriverDoc("network/about-notify-objects"), DocKey::Ici]),
    plain("SecurityAccelerator", 0x268c95a1_edfe_11d3_95c3_0010dc4050a5),
    plain("PCMCIA", 0x4d36e977_e325_11ce_bfc1_08002be10318),
    vendor(
        "Ports",
        0x4d36e978_e325_11ce_bfc1_08002be10318,
        ClassInstallerDoc::Documented { dll: Some("MsPorts.Dll"), entry: Some("PortsClassInstaller"), historic: false, wording: "COM/LPT ports class installer; assigns COM port names" },
        &[DocKey::Scv, DocKey::Log, DocKey::PvWritingClassInstaller, DocKey::DriverDoc("install/inf-delreg-directive"), DocKey::Ici],
    ),
    vendor(
        "Printer",
        0x4d36e979_e325_11ce_bfc1_08002be10318,
        ClassInstallerDoc::Documented { dll: Some("Ntprint.dll"), entry: None, historic: false, wording: "the default printer class installer" },
        &[DocKey::Scv, DocKey::DriverDoc("print/customized-printer-setup-operations"), DocKey::DriverDoc("print/printer-installation-and-the-plug-and-play-manager"), DocKey::Ici],
    ),
    plain("PNPPrinters", 0x4658ee7e_f050_11d1_b6bd_00c04fa372a7),
    plain("Processor", 0x50127dc3_0f36_415e_a6cc_4cb3be910b65),
    plain("SCSIAdapter", 0x4d36e97b_e325_11ce_bfc1_08002be10318),
    plain("Securitydevices", 0xd94ee5d8_d189_4994_83d2_f68d7d41b0e6),
    plain("Sensor", 0x5175d334_c371_4806_b3ba_71fd53c9258d),
    plain("SmartCardReader", 0x50dd5230_ba8a_11d1_bf5d_0000f805f530),
    plain("SoftwareComponent", 0x5c4c3332_344d_483c_8739_259e934c9cc8),
    plain("NvmeDisk", 0x75416e63_5912_4dfa_ae8f_3efaccaffb14),
    plain("Volume", 0x71a27cdd_812a_11d0_bec7_08002be2092f),
    plain("System", 0x4d36e97d_e325_11ce_bfc1_08002be10318),
    plain("TapeDrive", 0x6d807884_7d21_11cf_801c_08002be10318),
    plain("USBDevice", 0x88bae032_5a81_49f0_bc3d_a4ff138216d6),
    plain("WCEUSBS", 0x25dbce51_6c8f_4a72_8a6d_b54c2b4fc835),
    vendor("WPD", 0xeec5ad98_8080_425f_922a_dabf3de3f69a, yes("the WPD class installer"), &[DocKey::Scv, DocKey::DriverDoc("portable/supporting-autoplay"), DocKey::DriverDoc("portable/the-mtp-setup-information---inf--file")]),
    reserved("Adapter", 0x4d36e964_e325_11ce_bfc1_08002be10318, true),
    reserved("APMSupport", 0xd45b1c18_c8fa_11d1_9f77_0000f805f530, false),
    reserved("Computer", 0x4d36e966_e325_11ce_bfc1_08002be10318, false),
    reserved("Decoder", 0x6bdd1fc2_810f_11d0_bec7_08002be2092f, false),
    reserved("1394Debug", 0x66f250d6_7801_4a64_b139_eea80a450b24, false),
    reserved("Enum1394", 0xc459df55_db08_11d1_b009_00a0c9081ff6, false),
    reserved("NoDriver", 0x4d36e976_e325_11ce_bfc1_08002be10318, true),
    reserved("LegacyDriver", 0x8ecc055d_047f_11d1_a537_0000f8753ed1, false),
    reserved("Unknown", 0x4d36e97e_e325_11ce_bfc1_08002be10318, false),
    reserved("PrinterUpgrade", 0x4d36e97a_e325_11ce_bfc1_08002be10318, false),
    reserved("PrintQueue", 0x1ed2bbf9_11f0_4084_b21f_ad83a8e6dcdc, false),
    reserved("SoftwareDevice", 0x62f9c741_b25a_46ce_b54c_9bccce08b6f2, false),
    reserved("AudioEndpoint", 0xc166523c_fe0c_4a94_a586_f1a80cfbbf3e, false),
    reserved("Sound", 0x4d36e97c_e325_11ce_bfc1_08002be10318, true),
    reserved("VolumeSnapshot", 0x533c5b84_ec70_11d2_9505_00c04f79deaf, false),
    reserved("USB", 0x36fc9e60_c465_11cf_8056_444553540000, false),
];

/// Every system-defined setup class of dif-model.md §5.
pub fn setup_classes() -> &'static [SetupClass] {
    SETUP_CLASSES
}

/// The class with this GUID, given as text: case-insensitive, braces optional.
pub fn setup_class_by_guid(guid: &str) -> Option<&'static SetupClass> {
    let guid = Guid::parse(guid)?;
    SETUP_CLASSES.iter().find(|c| c.guid == guid)
}

/// The class with this `Class=` name, compared case-insensitively.
pub fn setup_class_by_name(name: &str) -> Option<&'static SetupClass> {
    let name = name.trim();
    SETUP_CLASSES
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_parsing_and_display() {
        let net = Guid::parse("{4D36E972-E325-11CE-BFC1-08002BE10318}").unwrap();
        assert_eq!(net, Guid(0x4d36e972_e325_11ce_bfc1_08002be10318));
        assert_eq!(
            Guid::parse(" 4d36e972-e325-11ce-bfc1-08002be10318 "),
            Some(net)
        );
        assert_eq!(net.to_string(), "{4d36e972-e325-11ce-bfc1-08002be10318}");
        assert_eq!(
            (net.data1(), net.data2(), net.data3()),
            (0x4d36e972, 0xe325, 0x11ce)
        );
        assert_eq!(
            net.data4(),
            [0xbf, 0xc1, 0x08, 0x00, 0x2b, 0xe1, 0x03, 0x18]
        );
        for bad in [
            "",
            "{}",
            "4d36e972e32511cebfc108002be10318",
            "{4d36e972-e325-11ce-bfc1-08002be1031}",
            "{4d36e972-e325-11ce-bfc1-08002be1031g}",
            "{4d36e972-e325-11ce-bfc1-08002be10318",
        ] {
            assert_eq!(Guid::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn lookups_by_guid_and_name() {
        assert_eq!(
            setup_class_by_guid("4d36e978-e325-11ce-bfc1-08002be10318").map(|c| c.name),
            Some("Ports")
        );
        assert_eq!(
            setup_class_by_name("net")
                .map(|c| c.guid.to_string())
                .as_deref(),
            Some("{4d36e972-e325-11ce-bfc1-08002be10318}")
        );
        assert!(setup_class_by_name("ToasterClass").is_none());
        assert!(setup_class_by_guid("not a guid").is_none());
    }

    #[test]
    fn names_and_guids_are_unique() {
        for (i, a) in SETUP_CLASSES.iter().enumerate() {
            for b in &SETUP_CLASSES[i + 1..] {
                assert!(!a.name.eq_ignore_ascii_case(b.name), "{}", a.name);
                assert_ne!(a.guid, b.guid, "{} / {}", a.name, b.name);
            }
        }
        assert_eq!(SETUP_CLASSES.len(), 68);
    }

    #[test]
    fn class_co_installers_are_unknown() {
        let ports = setup_class_by_name("Ports").unwrap();
        assert!(matches!(
            ports.class_co_installers(),
            Knowledge::Unknown { .. }
        ));
        assert!(ports.has_documented_class_installer());
        assert!(!setup_class_by_name("Keyboard")
            .unwrap()
            .has_documented_class_installer());
    }
}
