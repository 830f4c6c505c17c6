//! `SP_DEVINSTALL_PARAMS.Flags` and `.FlagsEx` bits (dif-model.md §3.6; values from the SDK header
//! as transcribed by WRS/LJ2, roles from SDK-DIP).

use serde::Serialize;

use super::docs::DocKey;
use super::os::WindowsVersion;

/// Which field of `SP_DEVINSTALL_PARAMS` a flag lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagField {
    /// `Flags` (`DI_*`).
    Flags,
    /// `FlagsEx` (`DI_FLAGSEX_*`).
    FlagsEx,
}

/// Who may change a flag, per SDK-DIP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagAccess {
    /// Installers and callers may set or clear it.
    Writable,
    /// Set by SetupAPI; installers only read it.
    ReadOnly,
    /// Reserved; do not use.
    Reserved,
    /// Obsolete.
    Obsolete,
    /// The documentation gives no role (only a version).
    Unspecified,
}

/// One flag bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct InstallFlag {
    /// The SDK name, e.g. `DI_NODI_DEFAULTACTION`.
    pub name: &'static str,
    /// Older SDK names for the same bit (e.g. `DI_FLAGSEX_USEOLDINFSEARCH`).
    pub old_names: &'static [&'static str],
    /// The bit (or, for `DI_SHOWALL`, the combination).
    pub value: u32,
    /// `Flags` or `FlagsEx`.
    pub field: FlagField,
    /// Who may change it.
    pub access: FlagAccess,
    /// First Windows version with the flag, when the header or docs say.
    pub since: Option<WindowsVersion>,
    /// What the flag means for installers.
    pub note: &'static str,
}

/// Don't run the default handler when the class installer returns DO_DEFAULT or there is none.
pub const DI_NODI_DEFAULTACTION: u32 = 0x0020_0000;
/// Installers must show no UI.
pub const DI_QUIETINSTALL: u32 = 0x0080_0000;
/// Skip file copying.
pub const DI_NOFILECOPY: u32 = 0x0100_0000;
/// Queue file operations to the caller's `FileQueue`; do not commit.
pub const DI_NOVCP: u32 = 0x0000_0008;
/// Installers must not call the CM_* functions that change devnode state.
pub const DI_DONOTCALLCONFIGMG: u32 = 0x0002_0000;
/// The device needs a restart of the device.
pub const DI_NEEDRESTART: u32 = 0x0000_0080;
/// The system needs a reboot.
pub const DI_NEEDREBOOT: u32 = 0x0000_0100;
/// Install the device disabled; set before the DIF_INSTALLDEVICE default handler.
pub const DI_INSTALLDISABLED: u32 = 0x0004_0000;
/// Class install params are set (SetupDiSetClassInstallParams).
pub const DI_CLASSINSTALLPARAMS: u32 = 0x0010_0000;
/// The installer supplied select strings in SP_SELECTDEVICE_PARAMS.
pub const DI_USECI_SELECTSTRINGS: u32 = 0x0800_0000;
/// Read-only: the class installer failed to load or start.
pub const DI_FLAGSEX_CI_FAILED: u32 = 0x0000_0004;
/// Set during DIF_NEWDEVICEWIZARD_FINISHINSTALL by an installer with finish-install actions.
pub const DI_FLAGSEX_FINISHINSTALL_ACTION: u32 = 0x0000_0008;
/// DIF_INSTALLDEVICE only marks the device FAILEDINSTALL.
pub const DI_FLAGSEX_SETFAILEDINSTALL: u32 = 0x0000_0080;
/// Device Manager sends DIF_PROPERTYCHANGE after the property sheet closes.
pub const DI_FLAGSEX_PROPCHANGE_PENDING: u32 = 0x0000_0400;

const fn f(name: &'static str, value: u32, access: FlagAccess, note: &'static str) -> InstallFlag {
    InstallFlag {
        name,
        old_names: &[],
        value,
        field: FlagField::Flags,
        access,
        since: None,
        note,
    }
}

const fn x(name: &'static str, value: u32, access: FlagAccess, note: &'static str) -> InstallFlag {
    InstallFlag {
        name,
        old_names: &[],
        value,
        field: FlagField::FlagsEx,
        access,
        since: None,
        note,
    }
}

const fn xp(name: &'static str, value: u32, access: FlagAccess, note: &'static str) -> InstallFlag {
    InstallFlag {
        since: Some(WindowsVersion::WinXp),
        ..x(name, value, access, note)
    }
}

const fn vista(
    name: &'static str,
    value: u32,
    access: FlagAccess,
    note: &'static str,
) -> InstallFlag {
    InstallFlag {
        since: Some(WindowsVersion::Vista),
        ..x(name, value, access, note)
    }
}

use FlagAccess::{Obsolete, ReadOnly, Reserved, Unspecified, Writable};

/// The documents the flag table rests on.
pub const FLAG_SOURCES: &[DocKey] = &[
    DocKey::SdkDevInstallParams,
    DocKey::WinapiRs,
    DocKey::Lj2win32,
];

/// The rows of dif-model.md §3.6, in its order.
static INSTALL_FLAGS: &[InstallFlag] = &[
    f("DI_SHOWOEM", 0x0000_0001, Writable, "\"Have Disk\" allowed"),
    f("DI_SHOWCOMPAT", 0x0000_0002, Reserved, ""),
    f("DI_SHOWCLASS", 0x0000_0004, Reserved, ""),
    f("DI_SHOWALL", 0x0000_0007, Reserved, "DI_SHOWOEM | DI_SHOWCOMPAT | DI_SHOWCLASS"),
    f("DI_NOVCP", DI_NOVCP, Writable, "use the caller's FileQueue; queue, do not commit"),
    f("DI_DIDCOMPAT", 0x0000_0010, ReadOnly, ""),
    f("DI_DIDCLASS", 0x0000_0020, ReadOnly, ""),
    f("DI_AUTOASSIGNRES", 0x0000_0040, Reserved, ""),
    f("DI_NEEDRESTART", DI_NEEDRESTART, Writable, "installers set it when the device must be restarted"),
    f("DI_NEEDREBOOT", DI_NEEDREBOOT, Writable, "installers set it when the system must be rebooted"),
    f("DI_NOBROWSE", 0x0000_0200, Writable, ""),
    f("DI_MULTMFGS", 0x0000_0400, ReadOnly, ""),
    f("DI_DISABLED", 0x0000_0800, Reserved, ""),
    f("DI_GENERALPAGE_ADDED", 0x0000_1000, Reserved, ""),
    f("DI_RESOURCEPAGE_ADDED", 0x0000_2000, Writable, "the installer replaced the resource page"),
    f("DI_PROPERTIES_CHANGE", 0x0000_4000, Writable, "set by Device Manager"),
    f("DI_INF_IS_SORTED", 0x0000_8000, Writable, "WINE-H wrongly has 0x00080000"),
    f("DI_ENUMSINGLEINF", 0x0001_0000, Writable, "DriverPath names one INF"),
    f("DI_DONOTCALLCONFIGMG", DI_DONOTCALLCONFIGMG, Writable, "installers must not call CM_Reenumerate_DevNode, CM_Query_And_Remove_SubTree, CM_Setup_DevNode, CM_Set_HW_Prof_Flags, CM_Enable_DevNode, CM_Disable_DevNode (or their _Ex forms)"),
    f("DI_INSTALLDISABLED", DI_INSTALLDISABLED, Writable, "must be set before the DIF_INSTALLDEVICE default handler runs"),
    f("DI_COMPAT_FROM_CLASS", 0x0008_0000, Writable, ""),
    f("DI_CLASSINSTALLPARAMS", DI_CLASSINSTALLPARAMS, Writable, "set or cleared by SetupDiSetClassInstallParams"),
    f("DI_NODI_DEFAULTACTION", DI_NODI_DEFAULTACTION, Writable, "don't perform any default action if the class installer returns DO_DEFAULT or there is no class installer"),
    f("DI_QUIETINSTALL", DI_QUIETINSTALL, Writable, "installers must show no UI"),
    f("DI_NOFILECOPY", DI_NOFILECOPY, Writable, "skip file copying"),
    f("DI_FORCECOPY", 0x0200_0000, Reserved, ""),
    f("DI_DRIVERPAGE_ADDED", 0x0400_0000, Writable, "the installer replaced the driver page"),
    f("DI_USECI_SELECTSTRINGS", DI_USECI_SELECTSTRINGS, Writable, "the installer supplied select strings"),
    f("DI_OVERRIDE_INFFLAGS", 0x1000_0000, Reserved, ""),
    f("DI_PROPS_NOCHANGEUSAGE", 0x2000_0000, Obsolete, ""),
    f("DI_NOSELECTICONS", 0x4000_0000, Obsolete, ""),
    f("DI_NOWRITE_IDS", 0x8000_0000, Writable, ""),
    InstallFlag { old_names: &["DI_FLAGSEX_USEOLDINFSEARCH"], ..x("DI_FLAGSEX_RESERVED2", 0x0000_0001, Obsolete, "reserved/obsolete") },
    InstallFlag { old_names: &["DI_FLAGSEX_AUTOSELECTRANK0"], ..x("DI_FLAGSEX_RESERVED3", 0x0000_0002, Obsolete, "") },
    x("DI_FLAGSEX_CI_FAILED", DI_FLAGSEX_CI_FAILED, ReadOnly, "the class installer failed to load or start"),
    vista("DI_FLAGSEX_FINISHINSTALL_ACTION", DI_FLAGSEX_FINISHINSTALL_ACTION, Writable, "set by an installer during DIF_NEWDEVICEWIZARD_FINISHINSTALL when it has finish-install actions"),
    x("DI_FLAGSEX_DIDINFOLIST", 0x0000_0010, ReadOnly, ""),
    x("DI_FLAGSEX_DIDCOMPATINFO", 0x0000_0020, ReadOnly, ""),
    x("DI_FLAGSEX_FILTERCLASSES", 0x0000_0040, Writable, ""),
    x("DI_FLAGSEX_SETFAILEDINSTALL", DI_FLAGSEX_SETFAILEDINSTALL, Writable, "DIF_INSTALLDEVICE only marks the device FAILEDINSTALL; co-installers must return NO_ERROR, class installers NO_ERROR or DO_DEFAULT"),
    x("DI_FLAGSEX_DEVICECHANGE", 0x0000_0100, Reserved, ""),
    x("DI_FLAGSEX_ALWAYSWRITEIDS", 0x0000_0200, Writable, ""),
    x("DI_FLAGSEX_PROPCHANGE_PENDING", DI_FLAGSEX_PROPCHANGE_PENDING, Writable, "Device Manager then sends DIF_PROPERTYCHANGE"),
    x("DI_FLAGSEX_ALLOWEXCLUDEDDRVS", 0x0000_0800, Writable, ""),
    x("DI_FLAGSEX_NOUIONQUERYREMOVE", 0x0000_1000, Obsolete, ""),
    x("DI_FLAGSEX_USECLASSFORCOMPAT", 0x0000_2000, Writable, ""),
    InstallFlag { old_names: &["DI_FLAGSEX_OLDINF_IN_CLASSLIST"], ..x("DI_FLAGSEX_RESERVED4", 0x0000_4000, Reserved, "WINE-H and MINGW-H call this bit DI_FLAGSEX_RESERVED3") },
    x("DI_FLAGSEX_NO_DRVREG_MODIFY", 0x0000_8000, Writable, ""),
    x("DI_FLAGSEX_IN_SYSTEM_SETUP", 0x0001_0000, ReadOnly, ""),
    x("DI_FLAGSEX_INET_DRIVER", 0x0002_0000, Writable, ""),
    x("DI_FLAGSEX_APPENDDRIVERLIST", 0x0004_0000, Writable, ""),
    x("DI_FLAGSEX_PREINSTALLBACKUP", 0x0008_0000, Reserved, "not used"),
    x("DI_FLAGSEX_BACKUPONREPLACE", 0x0010_0000, Reserved, "not used"),
    x("DI_FLAGSEX_DRIVERLIST_FROM_URL", 0x0020_0000, Writable, ""),
    x("DI_FLAGSEX_RESERVED1", 0x0040_0000, Reserved, ""),
    x("DI_FLAGSEX_EXCLUDE_OLD_INET_DRIVERS", 0x0080_0000, Writable, "ignored from Vista on"),
    x("DI_FLAGSEX_POWERPAGE_ADDED", 0x0100_0000, Writable, "the installer replaced the power page"),
    xp("DI_FLAGSEX_FILTERSIMILARDRIVERS", 0x0200_0000, Writable, ""),
    xp("DI_FLAGSEX_INSTALLEDDRIVER", 0x0400_0000, Writable, ""),
    xp("DI_FLAGSEX_NO_CLASSLIST_NODE_MERGE", 0x0800_0000, Unspecified, ""),
    xp("DI_FLAGSEX_ALTPLATFORM_DRVSEARCH", 0x1000_0000, Unspecified, ""),
    xp("DI_FLAGSEX_RESTART_DEVICE_ONLY", 0x2000_0000, Unspecified, ""),
    vista("DI_FLAGSEX_RECURSIVESEARCH", 0x4000_0000, Unspecified, ""),
    vista("DI_FLAGSEX_SEARCH_PUBLISHED_INFS", 0x8000_0000, Unspecified, ""),
];

/// Every `DI_*` and `DI_FLAGSEX_*` flag of dif-model.md §3.6.
pub fn install_flags() -> &'static [InstallFlag] {
    INSTALL_FLAGS
}

/// The flag with this name (current or old SDK name), compared case-insensitively.
pub fn flag_by_name(name: &str) -> Option<&'static InstallFlag> {
    let name = name.trim();
    INSTALL_FLAGS.iter().find(|f| {
        f.name.eq_ignore_ascii_case(name)
            || f.old_names.iter().any(|o| o.eq_ignore_ascii_case(name))
    })
}

/// The flags of `field` whose value is exactly `value` (several names can share a value only
/// across the two fields, so this is at most one row per field).
pub fn flags_by_value(field: FlagField, value: u32) -> Option<&'static InstallFlag> {
    INSTALL_FLAGS
        .iter()
        .find(|f| f.field == field && f.value == value)
}

/// Splits a `Flags` or `FlagsEx` value into its single-bit flags; the second element holds bits
/// that no catalogued flag names. Combinations such as `DI_SHOWALL` are not reported.
pub fn decompose_flags(field: FlagField, bits: u32) -> (Vec<&'static InstallFlag>, u32) {
    let mut found = Vec::new();
    let mut rest = bits;
    for flag in INSTALL_FLAGS
        .iter()
        .filter(|f| f.field == field && f.value.count_ones() == 1)
    {
        if bits & flag.value != 0 {
            found.push(flag);
            rest &= !flag.value;
        }
    }
    (found, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bit_of_both_fields_is_named_once() {
        for field in [FlagField::Flags, FlagField::FlagsEx] {
            let singles: Vec<_> = INSTALL_FLAGS
                .iter()
                .filter(|f| f.field == field && f.value.count_ones() == 1)
                .collect();
            let mut seen = 0u32;
            for flag in &singles {
                assert_eq!(seen & flag.value, 0, "{} reuses a bit", flag.name);
                seen |= flag.value;
            }
            // §3.6 names every bit except Flags 0x00400000, which the SDK leaves undefined.
            let expected = match field {
                FlagField::Flags => !0x0040_0000u32,
                FlagField::FlagsEx => u32::MAX,
            };
            assert_eq!(seen, expected, "{field:?}");
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(
            flag_by_name("di_nodi_defaultaction").map(|f| f.value),
            Some(0x0020_0000)
        );
        assert_eq!(
            flag_by_name("DI_FLAGSEX_USEOLDINFSEARCH").map(|f| f.name),
            Some("DI_FLAGSEX_RESERVED2")
        );
        assert_eq!(
            flags_by_value(FlagField::FlagsEx, 8).map(|f| f.name),
            Some("DI_FLAGSEX_FINISHINSTALL_ACTION")
        );
        assert_eq!(
            flags_by_value(FlagField::Flags, 8).map(|f| f.name),
            Some("DI_NOVCP")
        );
        let (found, rest) = decompose_flags(FlagField::Flags, DI_QUIETINSTALL | DI_NOFILECOPY);
        let names: Vec<_> = found.iter().map(|f| f.name).collect();
        assert_eq!(names, ["DI_QUIETINSTALL", "DI_NOFILECOPY"]);
        assert_eq!(rest, 0);
    }
}
