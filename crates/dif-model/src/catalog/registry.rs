//! Registry value names and AddReg flag bits through which INFs register installers
//! (dif-model.md §1.2, §1.3, §2.5).

use serde::Serialize;

use super::docs::DocKey;

/// Value naming a device's co-installers, in its software key (REG_MULTI_SZ).
pub const REGSTR_VAL_COINSTALLERS_32: &str = "CoInstallers32";
/// Value naming a setup class's installer, in its class key (REG_SZ).
pub const REGSTR_VAL_INSTALLER_32: &str = "Installer32";
/// Value naming a property-page provider (REG_SZ).
pub const REGSTR_VAL_ENUMPROPPAGES_32: &str = "EnumPropPages32";
/// Key (under HKLM) whose `{class-guid}` values list class co-installers (REG_MULTI_SZ).
pub const REGSTR_PATH_CODEVICEINSTALLERS: &str =
    r"System\CurrentControlSet\Control\CoDeviceInstallers";

/// Entry point used when a co-installer's `dll[,entry]` string has no entry (RDS, RCC, IDC; WINE-T).
pub const DEFAULT_CO_INSTALLER_ENTRY: &str = "CoDeviceInstall";
/// Entry point used when `Installer32` has no entry (PV-CII; WINE-T).
pub const DEFAULT_CLASS_INSTALLER_ENTRY: &str = "ClassInstall";
/// Most wizard pages an installer may add (`SP_NEWDEVICEWIZARD_DATA.DynamicPages`; WINE-H).
pub const MAX_INSTALLWIZARD_DYNAPAGES: u32 = 20;

/// A registry name of §1.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RegistryName {
    /// The `regstr.h` macro.
    pub macro_name: &'static str,
    /// The string it stands for.
    pub value: &'static str,
    /// Where it lives and what it holds.
    pub meaning: &'static str,
}

static REGISTRY_NAMES: &[RegistryName] = &[
    RegistryName {
        macro_name: "REGSTR_VAL_COINSTALLERS_32",
        value: REGSTR_VAL_COINSTALLERS_32,
        meaning: "device co-installers, REG_MULTI_SZ of \"dll[,entry]\" in the device's software key (HKR of a DDInstall.CoInstallers AddReg)",
    },
    RegistryName {
        macro_name: "REGSTR_VAL_INSTALLER_32",
        value: REGSTR_VAL_INSTALLER_32,
        meaning: "class installer, REG_SZ \"dll[,entry]\" in the class key (HKR of a ClassInstall32 AddReg)",
    },
    RegistryName {
        macro_name: "REGSTR_VAL_ENUMPROPPAGES_32",
        value: REGSTR_VAL_ENUMPROPPAGES_32,
        meaning: "property-page provider, REG_SZ \"dll,entry\" in the software key (device) or class key (class)",
    },
    RegistryName {
        macro_name: "REGSTR_PATH_CODEVICEINSTALLERS",
        value: REGSTR_PATH_CODEVICEINSTALLERS,
        meaning: "key under HKLM whose {class-guid} values (REG_MULTI_SZ) list the class co-installers",
    },
];

/// The registry names of dif-model.md §1.2 (MINGW-H `regstr.h`).
pub fn registry_names() -> &'static [RegistryName] {
    REGISTRY_NAMES
}

/// `FLG_ADDREG_TYPE_SZ`: also what an empty flags field means.
pub const FLG_ADDREG_TYPE_SZ: u32 = 0x0000_0000;
/// `FLG_ADDREG_BINVALUETYPE`.
pub const FLG_ADDREG_BINVALUETYPE: u32 = 0x0000_0001;
/// `FLG_ADDREG_NOCLOBBER`.
pub const FLG_ADDREG_NOCLOBBER: u32 = 0x0000_0002;
/// `FLG_ADDREG_DELVAL`.
pub const FLG_ADDREG_DELVAL: u32 = 0x0000_0004;
/// `FLG_ADDREG_APPEND`: only with MULTI_SZ; skips a string already present.
pub const FLG_ADDREG_APPEND: u32 = 0x0000_0008;
/// `FLG_ADDREG_KEYONLY`.
pub const FLG_ADDREG_KEYONLY: u32 = 0x0000_0010;
/// `FLG_ADDREG_OVERWRITEONLY`.
pub const FLG_ADDREG_OVERWRITEONLY: u32 = 0x0000_0020;
/// `FLG_ADDREG_64BITKEY`.
pub const FLG_ADDREG_64BITKEY: u32 = 0x0000_1000;
/// `FLG_ADDREG_32BITKEY`.
pub const FLG_ADDREG_32BITKEY: u32 = 0x0000_4000;
/// `FLG_ADDREG_TYPE_MULTI_SZ`.
pub const FLG_ADDREG_TYPE_MULTI_SZ: u32 = 0x0001_0000;
/// `FLG_ADDREG_TYPE_EXPAND_SZ`.
pub const FLG_ADDREG_TYPE_EXPAND_SZ: u32 = 0x0002_0000;
/// `FLG_ADDREG_TYPE_DWORD`: shares bit 16 with MULTI_SZ.
pub const FLG_ADDREG_TYPE_DWORD: u32 = 0x0001_0001;
/// `FLG_ADDREG_TYPE_MASK`: the value type is `flags & FLG_ADDREG_TYPE_MASK`.
pub const FLG_ADDREG_TYPE_MASK: u32 = 0xFFFF_0001;

/// An AddReg flag of §1.3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AddRegFlag {
    /// The SDK name.
    pub name: &'static str,
    /// Its value.
    pub value: u32,
    /// Why it matters for installer registration.
    pub note: &'static str,
}

static ADDREG_FLAGS: &[AddRegFlag] = &[
    AddRegFlag { name: "FLG_ADDREG_TYPE_SZ", value: FLG_ADDREG_TYPE_SZ, note: "also what an empty flags field means; Installer32 and EnumPropPages32 use it" },
    AddRegFlag { name: "FLG_ADDREG_BINVALUETYPE", value: FLG_ADDREG_BINVALUETYPE, note: "" },
    AddRegFlag { name: "FLG_ADDREG_NOCLOBBER", value: FLG_ADDREG_NOCLOBBER, note: "" },
    AddRegFlag { name: "FLG_ADDREG_DELVAL", value: FLG_ADDREG_DELVAL, note: "" },
    AddRegFlag { name: "FLG_ADDREG_APPEND", value: FLG_ADDREG_APPEND, note: "valid only with MULTI_SZ; skips a string already present (class co-installers: 0x00010008)" },
    AddRegFlag { name: "FLG_ADDREG_KEYONLY", value: FLG_ADDREG_KEYONLY, note: "" },
    AddRegFlag { name: "FLG_ADDREG_OVERWRITEONLY", value: FLG_ADDREG_OVERWRITEONLY, note: "" },
    AddRegFlag { name: "FLG_ADDREG_64BITKEY", value: FLG_ADDREG_64BITKEY, note: "" },
    AddRegFlag { name: "FLG_ADDREG_32BITKEY", value: FLG_ADDREG_32BITKEY, note: "" },
    AddRegFlag { name: "FLG_ADDREG_TYPE_MULTI_SZ", value: FLG_ADDREG_TYPE_MULTI_SZ, note: "CoInstallers32 and CoDeviceInstallers values" },
    AddRegFlag { name: "FLG_ADDREG_TYPE_EXPAND_SZ", value: FLG_ADDREG_TYPE_EXPAND_SZ, note: "" },
    AddRegFlag { name: "FLG_ADDREG_TYPE_DWORD", value: FLG_ADDREG_TYPE_DWORD, note: "shares bit 16 with MULTI_SZ" },
    AddRegFlag { name: "FLG_ADDREG_TYPE_MASK", value: FLG_ADDREG_TYPE_MASK, note: "type = flags & 0xFFFF0001" },
];

/// The AddReg flags of dif-model.md §1.3 (IAR, MINGW-H).
pub fn addreg_flags() -> &'static [AddRegFlag] {
    ADDREG_FLAGS
}

/// The value-type part of an AddReg flags field (`flags & FLG_ADDREG_TYPE_MASK`): a value is
/// REG_MULTI_SZ iff this equals [`FLG_ADDREG_TYPE_MULTI_SZ`], REG_SZ iff it is 0.
pub fn addreg_value_type(flags: u32) -> u32 {
    flags & FLG_ADDREG_TYPE_MASK
}

/// The documents behind this module.
pub const REGISTRY_SOURCES: &[DocKey] = &[
    DocKey::MingwHeaders,
    DocKey::Iar,
    DocKey::Rds,
    DocKey::Rcc,
    DocKey::Idc,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_type_distinguishes_multi_sz_from_dword() {
        assert_eq!(addreg_value_type(0x0001_0008), FLG_ADDREG_TYPE_MULTI_SZ);
        assert_eq!(addreg_value_type(0x0001_0000), FLG_ADDREG_TYPE_MULTI_SZ);
        assert_eq!(
            addreg_value_type(FLG_ADDREG_TYPE_DWORD),
            FLG_ADDREG_TYPE_DWORD
        );
        assert_eq!(addreg_value_type(0), FLG_ADDREG_TYPE_SZ);
        assert_eq!(addreg_value_type(FLG_ADDREG_NOCLOBBER), FLG_ADDREG_TYPE_SZ);
    }

    #[test]
    fn four_registry_names() {
        assert_eq!(registry_names().len(), 4);
        assert!(registry_names().iter().any(|r| r.value == "CoInstallers32"));
    }
}
