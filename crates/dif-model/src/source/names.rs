//! Names the source analysis recognises: DIF codes, status codes, and the Windows functions whose
//! calls matter to the DIF rules.
//!
//! This is the one place the source analysis reads constant values from (dif-model.md §1.1, §1.4,
//! §2.6). When `crate::catalog` provides the DIF table, [`dif_value`] and [`status_value`] are the
//! two functions to point at it.

use crate::behavior::CallKind;

/// DIF code names and values (dif-model.md §1.4).
const DIF_CODES: &[(&str, u32)] = &[
    ("DIF_SELECTDEVICE", 0x01),
    ("DIF_INSTALLDEVICE", 0x02),
    ("DIF_ASSIGNRESOURCES", 0x03),
    ("DIF_PROPERTIES", 0x04),
    ("DIF_REMOVE", 0x05),
    ("DIF_FIRSTTIMESETUP", 0x06),
    ("DIF_FOUNDDEVICE", 0x07),
    ("DIF_SELECTCLASSDRIVERS", 0x08),
    ("DIF_VALIDATECLASSDRIVERS", 0x09),
    ("DIF_INSTALLCLASSDRIVERS", 0x0A),
    ("DIF_CALCDISKSPACE", 0x0B),
    ("DIF_DESTROYPRIVATEDATA", 0x0C),
    ("DIF_VALIDATEDRIVER", 0x0D),
    ("DIF_MOVEDEVICE", 0x0E),
    ("DIF_DETECT", 0x0F),
    ("DIF_INSTALLWIZARD", 0x10),
    ("DIF_DESTROYWIZARDDATA", 0x11),
    ("DIF_PROPERTYCHANGE", 0x12),
    ("DIF_ENABLECLASS", 0x13),
    ("DIF_DETECTVERIFY", 0x14),
    ("DIF_INSTALLDEVICEFILES", 0x15),
    ("DIF_UNREMOVE", 0x16),
    ("DIF_SELECTBESTCOMPATDRV", 0x17),
    ("DIF_ALLOW_INSTALL", 0x18),
    ("DIF_REGISTERDEVICE", 0x19),
    ("DIF_NEWDEVICEWIZARD_PRESELECT", 0x1A),
    ("DIF_NEWDEVICEWIZARD_SELECT", 0x1B),
    ("DIF_NEWDEVICEWIZARD_PREANALYZE", 0x1C),
    ("DIF_NEWDEVICEWIZARD_POSTANALYZE", 0x1D),
    ("DIF_NEWDEVICEWIZARD_FINISHINSTALL", 0x1E),
    ("DIF_UNUSED1", 0x1F),
    ("DIF_INSTALLINTERFACES", 0x20),
    ("DIF_DETECTCANCEL", 0x21),
    ("DIF_REGISTER_COINSTALLERS", 0x22),
    ("DIF_ADDPROPERTYPAGE_ADVANCED", 0x23),
    ("DIF_ADDPROPERTYPAGE_BASIC", 0x24),
    ("DIF_RESERVED1", 0x25),
    ("DIF_TROUBLESHOOTER", 0x26),
    ("DIF_POWERMESSAGEWAKE", 0x27),
    ("DIF_ADDREMOTEPROPERTYPAGE_ADVANCED", 0x28),
    ("DIF_UPDATEDRIVER_UI", 0x29),
    ("DIF_FINISHINSTALL_ACTION", 0x2A),
    ("DIF_RESERVED2", 0x30),
];

/// Status codes an installer may return (dif-model.md §1.1) plus the common Win32 errors seen in
/// installer sources (values from `winerror.h`). `TRUE`/`FALSE` are listed because installers
/// written in a hurry return them, and their values decide what Windows does.
const STATUS_CODES: &[(&str, u32)] = &[
    ("NO_ERROR", 0),
    ("ERROR_SUCCESS", 0),
    ("S_OK", 0),
    ("FALSE", 0),
    ("TRUE", 1),
    ("ERROR_DI_DO_DEFAULT", 0xE000_020E),
    ("ERROR_DI_NOFILECOPY", 0xE000_020F),
    ("ERROR_DI_POSTPROCESSING_REQUIRED", 0xE000_0226),
    ("ERROR_DUPLICATE_FOUND", 0xE000_0202),
    ("ERROR_NO_DRIVER_SELECTED", 0xE000_0203),
    ("ERROR_NO_SUCH_DEVINST", 0xE000_020B),
    ("ERROR_INVALID_CLASS_INSTALLER", 0xE000_020D),
    ("ERROR_DI_BAD_PATH", 0xE000_0214),
    ("ERROR_INVALID_COINSTALLER", 0xE000_0227),
    ("ERROR_NO_COMPAT_DRIVERS", 0xE000_0228),
    ("ERROR_DI_DONT_INSTALL", 0xE000_022B),
    ("ERROR_NON_WINDOWS_NT_DRIVER", 0xE000_022D),
    ("ERROR_NON_WINDOWS_DRIVER", 0xE000_022E),
    ("ERROR_IN_WOW64", 0xE000_0235),
    ("ERROR_DI_FUNCTION_OBSOLETE", 0xE000_023E),
    ("ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION", 1459),
    ("ERROR_INVALID_FUNCTION", 1),
    ("ERROR_FILE_NOT_FOUND", 2),
    ("ERROR_PATH_NOT_FOUND", 3),
    ("ERROR_ACCESS_DENIED", 5),
    ("ERROR_INVALID_HANDLE", 6),
    ("ERROR_NOT_ENOUGH_MEMORY", 8),
    ("ERROR_BAD_FORMAT", 11),
    ("ERROR_INVALID_DATA", 13),
    ("ERROR_OUTOFMEMORY", 14),
    ("ERROR_GEN_FAILURE", 31),
    ("ERROR_NOT_SUPPORTED", 50),
    ("ERROR_INVALID_PARAMETER", 87),
    ("ERROR_INSUFFICIENT_BUFFER", 122),
    ("ERROR_NO_MORE_ITEMS", 259),
    ("ERROR_CANCELLED", 1223),
];

/// The value of a `DIF_*` name, if it is one.
pub(crate) fn dif_value(name: &str) -> Option<u32> {
    DIF_CODES.iter().find(|(n, _)| *n == name).map(|&(_, v)| v)
}

/// The value of a status-code name (`NO_ERROR`, `ERROR_DI_DO_DEFAULT`, …), if it is a known one.
pub(crate) fn status_value(name: &str) -> Option<u32> {
    STATUS_CODES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, v)| v)
}

/// Whether `name` looks like a Win32/SetupAPI error name that is not in [`STATUS_CODES`]; such a
/// value is "some error" even though its number is not known here.
pub(crate) fn is_error_name(name: &str) -> bool {
    name.starts_with("ERROR_")
        && name.len() > 6
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// The default DIF handlers (dif-model.md §2.6) and `SetupDiCallClassInstaller`.
const DEFAULT_HANDLERS: &[&str] = &[
    "SetupDiInstallDevice",
    "SetupDiInstallDriverFiles",
    "SetupDiRegisterCoDeviceInstallers",
    "SetupDiInstallDeviceInterfaces",
    "SetupDiRemoveDevice",
    "SetupDiUnremoveDevice",
    "SetupDiSelectDevice",
    "SetupDiSelectBestCompatDrv",
    "SetupDiChangeState",
    "SetupDiRegisterDeviceInfo",
    "SetupDiFinishInstallAction",
    "SetupDiCallClassInstaller",
];

/// Functions that show UI; matched after removing a final `A`/`W`.
const UI_FUNCTIONS: &[&str] = &[
    "MessageBox",
    "MessageBoxEx",
    "MessageBoxIndirect",
    "DialogBox",
    "DialogBoxParam",
    "DialogBoxIndirect",
    "DialogBoxIndirectParam",
    "CreateDialog",
    "CreateDialogParam",
    "CreateDialogIndirect",
    "CreateDialogIndirectParam",
    "PropertySheet",
    "CreateWindow",
    "CreateWindowEx",
    "TaskDialog",
    "TaskDialogIndirect",
];

/// Functions that start a process (or a service); matched after removing a final `A`/`W`.
const PROCESS_FUNCTIONS: &[&str] = &[
    "CreateProcess",
    "CreateProcessAsUser",
    "CreateProcessWithLogon",
    "CreateProcessWithToken",
    "ShellExecute",
    "ShellExecuteEx",
    "WinExec",
    "StartService",
    "system",
    "_wsystem",
    "_spawnl",
    "_spawnle",
    "_spawnlp",
    "_spawnlpe",
    "_spawnv",
    "_spawnve",
    "_spawnvp",
    "_spawnvpe",
    "_wspawnl",
    "_wspawnle",
    "_wspawnlp",
    "_wspawnlpe",
    "_wspawnv",
    "_wspawnve",
    "_wspawnvp",
    "_wspawnvpe",
];

/// Functions that store changed install parameters.
const INSTALL_PARAM_SETTERS: &[&str] = &[
    "SetupDiSetDeviceInstallParams",
    "SetupDiSetClassInstallParams",
];

/// The flag whose setting announces finish-install actions (dif-model.md §4).
pub(crate) const FINISHINSTALL_FLAG: &str = "DI_FLAGSEX_FINISHINSTALL_ACTION";

/// `name` without one final `A` or `W` (the ANSI/wide variants of Win32 functions).
fn without_charset_suffix(name: &str) -> &str {
    name.strip_suffix('A')
        .or_else(|| name.strip_suffix('W'))
        .unwrap_or(name)
}

/// The kinds of a call to `name`; `ShellExecute(…)` can be both a process start and UI.
///
/// `shows_window` says whether a `ShellExecute` call's last argument is something other than
/// `SW_HIDE` (only consulted for `ShellExecute`/`ShellExecuteA`/`ShellExecuteW`).
pub(crate) fn call_kinds(name: &str, shows_window: bool) -> Vec<CallKind> {
    let base = without_charset_suffix(name);
    let mut kinds = Vec::new();
    if DEFAULT_HANDLERS.contains(&name) {
        kinds.push(CallKind::DefaultHandler);
    }
    if UI_FUNCTIONS.contains(&base) || UI_FUNCTIONS.contains(&name) {
        kinds.push(CallKind::UserInterface);
    }
    if PROCESS_FUNCTIONS.contains(&base) || PROCESS_FUNCTIONS.contains(&name) {
        kinds.push(CallKind::ProcessStart);
        if base == "ShellExecute" && shows_window {
            kinds.push(CallKind::UserInterface);
        }
    }
    if INSTALL_PARAM_SETTERS.contains(&base) || INSTALL_PARAM_SETTERS.contains(&name) {
        kinds.push(CallKind::SetsInstallParams);
    }
    kinds
}

/// Whether `name` is `ShellExecute`, `ShellExecuteA` or `ShellExecuteW` (the forms whose last
/// argument says whether a window is shown).
pub(crate) fn is_plain_shell_execute(name: &str) -> bool {
    without_charset_suffix(name) == "ShellExecute"
}

/// Functions whose result is "the last error", i.e. some Win32 error code.
pub(crate) fn is_last_error_getter(name: &str) -> bool {
    matches!(name, "GetLastError")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of both tables, checked against Microsoft's own `windows-sys` constants.
    #[test]
    fn tables_match_windows_sys() {
        use windows_sys::Win32::Devices::DeviceAndDriverInstallation as di;
        use windows_sys::Win32::Foundation as f;
        let difs: &[(&str, u32)] = &[
            ("DIF_SELECTDEVICE", di::DIF_SELECTDEVICE),
            ("DIF_INSTALLDEVICE", di::DIF_INSTALLDEVICE),
            ("DIF_ASSIGNRESOURCES", di::DIF_ASSIGNRESOURCES),
            ("DIF_PROPERTIES", di::DIF_PROPERTIES),
            ("DIF_REMOVE", di::DIF_REMOVE),
            ("DIF_FIRSTTIMESETUP", di::DIF_FIRSTTIMESETUP),
            ("DIF_FOUNDDEVICE", di::DIF_FOUNDDEVICE),
            ("DIF_SELECTCLASSDRIVERS", di::DIF_SELECTCLASSDRIVERS),
            ("DIF_VALIDATECLASSDRIVERS", di::DIF_VALIDATECLASSDRIVERS),
            ("DIF_INSTALLCLASSDRIVERS", di::DIF_INSTALLCLASSDRIVERS),
            ("DIF_CALCDISKSPACE", di::DIF_CALCDISKSPACE),
            ("DIF_DESTROYPRIVATEDATA", di::DIF_DESTROYPRIVATEDATA),
            ("DIF_VALIDATEDRIVER", di::DIF_VALIDATEDRIVER),
            ("DIF_MOVEDEVICE", di::DIF_MOVEDEVICE),
            ("DIF_DETECT", di::DIF_DETECT),
            ("DIF_INSTALLWIZARD", di::DIF_INSTALLWIZARD),
            ("DIF_DESTROYWIZARDDATA", di::DIF_DESTROYWIZARDDATA),
            ("DIF_PROPERTYCHANGE", di::DIF_PROPERTYCHANGE),
            ("DIF_ENABLECLASS", di::DIF_ENABLECLASS),
            ("DIF_DETECTVERIFY", di::DIF_DETECTVERIFY),
            ("DIF_INSTALLDEVICEFILES", di::DIF_INSTALLDEVICEFILES),
            ("DIF_UNREMOVE", di::DIF_UNREMOVE),
            ("DIF_SELECTBESTCOMPATDRV", di::DIF_SELECTBESTCOMPATDRV),
            ("DIF_ALLOW_INSTALL", di::DIF_ALLOW_INSTALL),
            ("DIF_REGISTERDEVICE", di::DIF_REGISTERDEVICE),
            (
                "DIF_NEWDEVICEWIZARD_PRESELECT",
                di::DIF_NEWDEVICEWIZARD_PRESELECT,
            ),
            ("DIF_NEWDEVICEWIZARD_SELECT", di::DIF_NEWDEVICEWIZARD_SELECT),
            (
                "DIF_NEWDEVICEWIZARD_PREANALYZE",
                di::DIF_NEWDEVICEWIZARD_PREANALYZE,
            ),
            (
                "DIF_NEWDEVICEWIZARD_POSTANALYZE",
                di::DIF_NEWDEVICEWIZARD_POSTANALYZE,
            ),
            (
                "DIF_NEWDEVICEWIZARD_FINISHINSTALL",
                di::DIF_NEWDEVICEWIZARD_FINISHINSTALL,
            ),
            ("DIF_UNUSED1", di::DIF_UNUSED1),
            ("DIF_INSTALLINTERFACES", di::DIF_INSTALLINTERFACES),
            ("DIF_DETECTCANCEL", di::DIF_DETECTCANCEL),
            ("DIF_REGISTER_COINSTALLERS", di::DIF_REGISTER_COINSTALLERS),
            (
                "DIF_ADDPROPERTYPAGE_ADVANCED",
                di::DIF_ADDPROPERTYPAGE_ADVANCED,
            ),
            ("DIF_ADDPROPERTYPAGE_BASIC", di::DIF_ADDPROPERTYPAGE_BASIC),
            ("DIF_RESERVED1", di::DIF_RESERVED1),
            ("DIF_TROUBLESHOOTER", di::DIF_TROUBLESHOOTER),
            ("DIF_POWERMESSAGEWAKE", di::DIF_POWERMESSAGEWAKE),
            (
                "DIF_ADDREMOTEPROPERTYPAGE_ADVANCED",
                di::DIF_ADDREMOTEPROPERTYPAGE_ADVANCED,
            ),
            ("DIF_UPDATEDRIVER_UI", di::DIF_UPDATEDRIVER_UI),
            ("DIF_FINISHINSTALL_ACTION", di::DIF_FINISHINSTALL_ACTION),
            ("DIF_RESERVED2", di::DIF_RESERVED2),
        ];
        assert_eq!(difs.len(), DIF_CODES.len());
        for &(name, value) in difs {
            assert_eq!(dif_value(name), Some(value), "{name}");
        }
        let statuses: &[(&str, u32)] = &[
            ("NO_ERROR", f::NO_ERROR),
            ("ERROR_SUCCESS", f::ERROR_SUCCESS),
            ("ERROR_DI_DO_DEFAULT", f::ERROR_DI_DO_DEFAULT),
            ("ERROR_DI_NOFILECOPY", f::ERROR_DI_NOFILECOPY),
            (
                "ERROR_DI_POSTPROCESSING_REQUIRED",
                f::ERROR_DI_POSTPROCESSING_REQUIRED,
            ),
            ("ERROR_DUPLICATE_FOUND", f::ERROR_DUPLICATE_FOUND),
            ("ERROR_NO_DRIVER_SELECTED", f::ERROR_NO_DRIVER_SELECTED),
            ("ERROR_NO_SUCH_DEVINST", f::ERROR_NO_SUCH_DEVINST),
            (
                "ERROR_INVALID_CLASS_INSTALLER",
                f::ERROR_INVALID_CLASS_INSTALLER,
            ),
            ("ERROR_DI_BAD_PATH", f::ERROR_DI_BAD_PATH),
            ("ERROR_INVALID_COINSTALLER", f::ERROR_INVALID_COINSTALLER),
            ("ERROR_NO_COMPAT_DRIVERS", f::ERROR_NO_COMPAT_DRIVERS),
            ("ERROR_DI_DONT_INSTALL", f::ERROR_DI_DONT_INSTALL),
            (
                "ERROR_NON_WINDOWS_NT_DRIVER",
                f::ERROR_NON_WINDOWS_NT_DRIVER,
            ),
            ("ERROR_NON_WINDOWS_DRIVER", f::ERROR_NON_WINDOWS_DRIVER),
            ("ERROR_IN_WOW64", f::ERROR_IN_WOW64),
            ("ERROR_DI_FUNCTION_OBSOLETE", f::ERROR_DI_FUNCTION_OBSOLETE),
            (
                "ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION",
                f::ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION,
            ),
            ("ERROR_INVALID_FUNCTION", f::ERROR_INVALID_FUNCTION),
            ("ERROR_FILE_NOT_FOUND", f::ERROR_FILE_NOT_FOUND),
            ("ERROR_PATH_NOT_FOUND", f::ERROR_PATH_NOT_FOUND),
            ("ERROR_ACCESS_DENIED", f::ERROR_ACCESS_DENIED),
            ("ERROR_INVALID_HANDLE", f::ERROR_INVALID_HANDLE),
            ("ERROR_NOT_ENOUGH_MEMORY", f::ERROR_NOT_ENOUGH_MEMORY),
            ("ERROR_BAD_FORMAT", f::ERROR_BAD_FORMAT),
            ("ERROR_INVALID_DATA", f::ERROR_INVALID_DATA),
            ("ERROR_OUTOFMEMORY", f::ERROR_OUTOFMEMORY),
            ("ERROR_GEN_FAILURE", f::ERROR_GEN_FAILURE),
            ("ERROR_NOT_SUPPORTED", f::ERROR_NOT_SUPPORTED),
            ("ERROR_INVALID_PARAMETER", f::ERROR_INVALID_PARAMETER),
            ("ERROR_INSUFFICIENT_BUFFER", f::ERROR_INSUFFICIENT_BUFFER),
            ("ERROR_NO_MORE_ITEMS", f::ERROR_NO_MORE_ITEMS),
            ("ERROR_CANCELLED", f::ERROR_CANCELLED),
            ("S_OK", f::S_OK as u32),
            ("TRUE", f::TRUE as u32),
            ("FALSE", f::FALSE as u32),
        ];
        assert_eq!(statuses.len(), STATUS_CODES.len());
        for &(name, value) in statuses {
            assert_eq!(status_value(name), Some(value), "{name}");
        }
        assert_eq!(dif_value("DIF_NOPE"), None);
        assert!(is_error_name("ERROR_SOMETHING_ELSE"));
        assert!(!is_error_name("ERROR_"));
        assert!(!is_error_name("Error_x"));
    }

    #[test]
    fn call_kinds_by_name() {
        assert_eq!(
            call_kinds("SetupDiInstallDevice", false),
            vec![CallKind::DefaultHandler]
        );
        assert_eq!(
            call_kinds("MessageBoxW", false),
            vec![CallKind::UserInterface]
        );
        assert_eq!(
            call_kinds("MessageBoxHelper", false),
            Vec::<CallKind>::new()
        );
        assert_eq!(
            call_kinds("CreateProcessAsUserW", false),
            vec![CallKind::ProcessStart]
        );
        assert_eq!(
            call_kinds("ShellExecuteW", true),
            vec![CallKind::ProcessStart, CallKind::UserInterface]
        );
        assert_eq!(
            call_kinds("ShellExecuteExW", true),
            vec![CallKind::ProcessStart]
        );
        assert_eq!(
            call_kinds("SetupDiSetDeviceInstallParamsW", false),
            vec![CallKind::SetsInstallParams]
        );
    }
}
