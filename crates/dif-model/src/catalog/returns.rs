//! Return codes of the DIF protocol (dif-model.md §1.1), with names and meanings.
//!
//! Every SetupAPI error is `ERROR_SEVERITY_ERROR | APPLICATION_ERROR_MASK | n` = `0xE0000000 | n`
//! (MINGW-H `winnt.h`, WINE-H, WRS).

use serde::Serialize;

use super::docs::DocKey;

/// `APPLICATION_ERROR_MASK` (winnt.h): marks application-defined error codes.
pub const APPLICATION_ERROR_MASK: u32 = 0x2000_0000;
/// `ERROR_SEVERITY_ERROR` (winnt.h): the severity bits of an error.
pub const ERROR_SEVERITY_ERROR: u32 = 0xC000_0000;
/// Success / nothing to do.
pub const NO_ERROR: u32 = 0;
/// Class installer: "run the default handler". Never *set* by a co-installer (CII).
pub const ERROR_DI_DO_DEFAULT: u32 = 0xE000_020E;
/// Defined; no DIF page uses it.
pub const ERROR_DI_NOFILECOPY: u32 = 0xE000_020F;
/// Co-installer: "call me again after the class installer and default handler" (CII).
pub const ERROR_DI_POSTPROCESSING_REQUIRED: u32 = 0xE000_0226;
/// DIF_REGISTERDEVICE: the device is a duplicate.
pub const ERROR_DUPLICATE_FOUND: u32 = 0xE000_0202;
/// DIF_SELECTDEVICE: `DriverPath` set but holds no valid drivers.
pub const ERROR_DI_BAD_PATH: u32 = 0xE000_0214;
/// Typical DIF_ALLOW_INSTALL veto.
pub const ERROR_DI_DONT_INSTALL: u32 = 0xE000_022B;
/// Typical DIF_ALLOW_INSTALL veto.
pub const ERROR_NON_WINDOWS_NT_DRIVER: u32 = 0xE000_022D;
/// Defined (WINE-H).
pub const ERROR_NON_WINDOWS_DRIVER: u32 = 0xE000_022E;
/// The class installer could not be used.
pub const ERROR_INVALID_CLASS_INSTALLER: u32 = 0xE000_020D;
/// A co-installer could not be used.
pub const ERROR_INVALID_COINSTALLER: u32 = 0xE000_0227;
/// The DIF_SELECTBESTCOMPATDRV default handler fails with it when the driver list is empty.
pub const ERROR_NO_COMPAT_DRIVERS: u32 = 0xE000_0228;
/// A 32-bit caller on 64-bit Windows: SetupDiCallClassInstaller refuses.
pub const ERROR_IN_WOW64: u32 = 0xE000_0235;
/// Defined (MINGW-H, WRS).
pub const ERROR_DI_FUNCTION_OBSOLETE: u32 = 0xE000_023E;
/// Installers must not return it: it makes the installation fail (WCC, DIF-allow-install).
pub const ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION: u32 = 1459;

/// One named return code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReturnCode {
    /// The SDK name, e.g. `ERROR_DI_DO_DEFAULT`.
    pub name: &'static str,
    /// The numeric value.
    pub value: u32,
    /// What the code means in the DIF protocol.
    pub meaning: &'static str,
    /// The documents it is taken from.
    pub sources: &'static [DocKey],
}

/// The table of dif-model.md §1.1, in its order.
static RETURN_CODES: &[ReturnCode] = &[
    ReturnCode {
        name: "NO_ERROR",
        value: NO_ERROR,
        meaning: "success, or nothing to do",
        sources: &[DocKey::MingwHeaders],
    },
    ReturnCode {
        name: "ERROR_DI_DO_DEFAULT",
        value: ERROR_DI_DO_DEFAULT,
        meaning: "class installer: run the default handler; never set by a co-installer",
        sources: &[DocKey::Cii, DocKey::WineHeader],
    },
    ReturnCode {
        name: "ERROR_DI_NOFILECOPY",
        value: ERROR_DI_NOFILECOPY,
        meaning: "defined; no DIF page uses it",
        sources: &[DocKey::WineHeader],
    },
    ReturnCode {
        name: "ERROR_DI_POSTPROCESSING_REQUIRED",
        value: ERROR_DI_POSTPROCESSING_REQUIRED,
        meaning: "co-installer: call me again after the class installer and default handler",
        sources: &[DocKey::Cii, DocKey::WineHeader],
    },
    ReturnCode {
        name: "ERROR_DUPLICATE_FOUND",
        value: ERROR_DUPLICATE_FOUND,
        meaning: "DIF_REGISTERDEVICE: the device is a duplicate",
        sources: &[DocKey::DifPage("dif-registerdevice")],
    },
    ReturnCode {
        name: "ERROR_DI_BAD_PATH",
        value: ERROR_DI_BAD_PATH,
        meaning: "DIF_SELECTDEVICE: DriverPath is set but holds no valid drivers",
        sources: &[DocKey::DifPage("dif-selectdevice")],
    },
    ReturnCode {
        name: "ERROR_DI_DONT_INSTALL",
        value: ERROR_DI_DONT_INSTALL,
        meaning: "typical DIF_ALLOW_INSTALL veto",
        sources: &[DocKey::DifPage("dif-allow-install")],
    },
    ReturnCode {
        name: "ERROR_NON_WINDOWS_NT_DRIVER",
        value: ERROR_NON_WINDOWS_NT_DRIVER,
        meaning: "typical DIF_ALLOW_INSTALL veto",
        sources: &[DocKey::DifPage("dif-allow-install")],
    },
    ReturnCode {
        name: "ERROR_NON_WINDOWS_DRIVER",
        value: ERROR_NON_WINDOWS_DRIVER,
        meaning: "defined",
        sources: &[DocKey::WineHeader],
    },
    ReturnCode {
        name: "ERROR_INVALID_CLASS_INSTALLER",
        value: ERROR_INVALID_CLASS_INSTALLER,
        meaning: "defined; the class installer could not be used",
        sources: &[DocKey::WineHeader],
    },
    ReturnCode {
        name: "ERROR_INVALID_COINSTALLER",
        value: ERROR_INVALID_COINSTALLER,
        meaning: "defined; a co-installer could not be used",
        sources: &[DocKey::WineHeader],
    },
    ReturnCode {
        name: "ERROR_NO_COMPAT_DRIVERS",
        value: ERROR_NO_COMPAT_DRIVERS,
        meaning: "the DIF_SELECTBESTCOMPATDRV default handler fails with it when the list is empty",
        sources: &[DocKey::WineDevinst],
    },
    ReturnCode {
        name: "ERROR_IN_WOW64",
        value: ERROR_IN_WOW64,
        meaning: "32-bit caller on 64-bit Windows; SetupDiCallClassInstaller refuses",
        sources: &[DocKey::SdkCallClassInstaller],
    },
    ReturnCode {
        name: "ERROR_DI_FUNCTION_OBSOLETE",
        value: ERROR_DI_FUNCTION_OBSOLETE,
        meaning: "defined",
        sources: &[DocKey::MingwHeaders, DocKey::WinapiRs],
    },
    ReturnCode {
        name: "ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION",
        value: ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION,
        meaning: "installers must not return it; it makes the installation fail",
        sources: &[
            DocKey::Wcc,
            DocKey::DifPage("dif-allow-install"),
            DocKey::MingwHeaders,
        ],
    },
];

/// All return codes of dif-model.md §1.1.
pub fn return_codes() -> &'static [ReturnCode] {
    RETURN_CODES
}

/// The return code with this value, if it is one of the catalogued codes.
pub fn return_code_by_value(value: u32) -> Option<&'static ReturnCode> {
    RETURN_CODES.iter().find(|c| c.value == value)
}

/// The return code with this name, compared case-insensitively (`error_di_do_default` works).
pub fn return_code_by_name(name: &str) -> Option<&'static ReturnCode> {
    let name = name.trim();
    RETURN_CODES
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(name))
}

/// The return code whose SDK name is exactly `name` (case-sensitive, as a C identifier is).
pub fn return_code_by_sdk_name(name: &str) -> Option<&'static ReturnCode> {
    RETURN_CODES.iter().find(|c| c.name == name)
}

/// A printable name for a status value: the catalogued name, or the value in hex
/// (`0xE0000235`) / decimal (small Win32 codes, e.g. `Win32 error 5`).
pub fn status_name(value: u32) -> String {
    match return_code_by_value(value) {
        Some(code) => code.name.to_string(),
        None if value & ERROR_SEVERITY_ERROR != 0 => format!("0x{value:08X}"),
        None => format!("Win32 error {value}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setupapi_errors_carry_the_application_error_bits() {
        for code in RETURN_CODES {
            if code.name.contains("_DI_") || code.value > 0xFFFF {
                assert_eq!(
                    code.value & 0xFFFF_0000,
                    ERROR_SEVERITY_ERROR | APPLICATION_ERROR_MASK,
                    "{}",
                    code.name
                );
            }
        }
    }

    #[test]
    fn lookups_work_both_ways() {
        assert_eq!(
            return_code_by_value(0xE000_020E).map(|c| c.name),
            Some("ERROR_DI_DO_DEFAULT")
        );
        assert_eq!(
            return_code_by_name("error_di_postprocessing_required").map(|c| c.value),
            Some(0xE000_0226)
        );
        assert_eq!(return_code_by_name("ERROR_FOO"), None);
        assert_eq!(status_name(0), "NO_ERROR");
        assert_eq!(status_name(0xE000_0999), "0xE0000999");
        assert_eq!(status_name(5), "Win32 error 5");
    }

    #[test]
    fn names_and_values_are_unique() {
        for (i, a) in RETURN_CODES.iter().enumerate() {
            for b in &RETURN_CODES[i + 1..] {
                assert_ne!(a.name, b.name);
                assert_ne!(a.value, b.value, "{} / {}", a.name, b.name);
            }
        }
    }
}
