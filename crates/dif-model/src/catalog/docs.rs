//! Document references: the source keys of `dif-model.md` §0 mapped to where the text lives.
//!
//! Most of the co-installer / DIF documentation was removed from the head of
//! MicrosoftDocs/windows-driver-docs by the auto-archive commit `44b8a8ddb2` (2024-12-20); those
//! pages are marked `archived` and also live under `learn.microsoft.com/previous-versions/`.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// Commit of MicrosoftDocs/windows-driver-docs whose *parent* holds the archived pages.
const ARCHIVE_COMMIT: &str = "44b8a8ddb2";

/// A document a catalogue row or a model rule rests on (the source keys of dif-model.md §0).
///
/// Serialized as `{ "key": …, "path": …, "url": … }` so that reports can link to the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKey {
    /// HDC: "Handling DIF codes" (includes the dispatch flow chart `dif-flow.png`).
    Hdc,
    /// CDH: "Calling the default DIF code handlers".
    Cdh,
    /// CII: "Co-installer interface".
    Cii,
    /// COP: "Co-installer operation".
    Cop,
    /// CIF: "Co-installer functionality".
    Cif,
    /// WCC: "Writing class installers and co-installers".
    Wcc,
    /// RCO: "Registering a co-installer".
    Rco,
    /// RDS: "Registering a device-specific co-installer".
    Rds,
    /// RCC: "Registering a class co-installer".
    Rcc,
    /// IDC: "INF DDInstall.CoInstallers section".
    Idc,
    /// ICI: "INF ClassInstall32 section" (current page).
    Ici,
    /// ICI-2016: the 2016 version of the ClassInstall32 page (system display-class example).
    Ici2016,
    /// IAR: "INF AddReg directive".
    Iar,
    /// UNI: "Using a universal INF file".
    Uni,
    /// IVE: "INF validation errors and warnings" (InfVerif codes).
    Ive,
    /// RMC: "Removing co-installers".
    Rmc,
    /// FIA: "Finish-install actions (Windows Vista and later)".
    Fia,
    /// OFA: "Overview of finish-install actions".
    Ofa,
    /// IFA: "Implementing finish-install actions".
    Ifa,
    /// MFA: "Marking a device as having a finish-install action".
    Mfa,
    /// HFA: "How finish-install actions are processed".
    Hfa,
    /// RFA: "Running finish-install actions".
    Rfa,
    /// DFA: "Running the default finish-install action".
    Dfa,
    /// GFA: "Guidelines for implementing finish-install actions".
    Gfa,
    /// CXC: "Code example: finish-install actions in a class installer".
    Cxc,
    /// CXO: "Code example: finish-install actions in a co-installer".
    Cxo,
    /// SCV: "System-defined device setup classes available to vendors".
    Scv,
    /// SCR: "System-defined device setup classes reserved for system use".
    Scr,
    /// LOG: "Interpreting a sample SetupAPI log file" (an XP Ports device install).
    Log,
    /// UDF: "Updating driver files".
    Udf,
    /// WMI: "WMI generic property page provider".
    Wmi,
    /// SDK-CCI: `SetupDiCallClassInstaller` reference page.
    SdkCallClassInstaller,
    /// SDK-DIP: `SP_DEVINSTALL_PARAMS` reference page.
    SdkDevInstallParams,
    /// SDK-IDV: `SetupDiInstallDevice` reference page.
    SdkInstallDevice,
    /// SDK-CHS: `SetupDiChangeState` reference page.
    SdkChangeState,
    /// SDK-RMV: `SetupDiRemoveDevice` reference page.
    SdkRemoveDevice,
    /// SDK-RCD: `SetupDiRegisterCoDeviceInstallers` reference page.
    SdkRegisterCoDeviceInstallers,
    /// PV-CII: previous-versions `ff537910` "Class Installer Interface".
    PvClassInstallerInterface,
    /// PV-WCI: MSDN `ff554009` "Writing a Class Installer".
    PvWritingClassInstaller,
    /// PV-FIA: previous-versions `ff551022` "SetupDiFinishInstallAction function".
    PvFinishInstallAction,
    /// PV-DIF: previous-versions `ff541307` "Device Installation Function Codes".
    PvDifCodes,
    /// WINE-H: Wine's `include/setupapi.h` (numeric values).
    WineHeader,
    /// MINGW-H: mingw-w64 `setupapi.h`, `regstr.h`, `winnt.h`, `winerror.h` (numeric values).
    MingwHeaders,
    /// WRS: winapi-rs `src/um/setupapi.rs` (a transcription of the SDK header).
    WinapiRs,
    /// LJ2: lj2win32 `win32/setupapi.lua` (a transcription of the SDK header, comments included).
    Lj2win32,
    /// WINE-DI: Wine's `dlls/setupapi/devinst.c` (`SetupDiCallClassInstaller`).
    WineDevinst,
    /// WINE-T: Wine's setupapi conformance tests (written to pass on real Windows).
    WineTests,
    /// WINE-ND: Wine's newdev tests (DIF sequence of `UpdateDriverForPlugAndPlayDevices`).
    WineNewdevTests,
    /// ROS: ReactOS `dll/win32/setupapi/devinst.c` (behaviour only; deviations are not modelled).
    ReactOs,
    /// The reference page of one DIF code in windows-driver-docs, e.g. `dif-installdevice`.
    DifPage(&'static str),
    /// Any other page of windows-driver-docs at its current head, by path without `.md`.
    DriverDoc(&'static str),
}

/// Pages still present at the head of windows-driver-docs (everything else was archived).
const CURRENT_DIF_PAGES: &[&str] = &["dif-propertychange", "dif-remove"];

impl DocKey {
    /// The short key used in dif-model.md (e.g. `HDC`, `SDK-DIP`, `DIF-installdevice`).
    pub fn key(self) -> String {
        let fixed = match self {
            DocKey::Hdc => "HDC",
            DocKey::Cdh => "CDH",
            DocKey::Cii => "CII",
            DocKey::Cop => "COP",
            DocKey::Cif => "CIF",
            DocKey::Wcc => "WCC",
            DocKey::Rco => "RCO",
            DocKey::Rds => "RDS",
            DocKey::Rcc => "RCC",
            DocKey::Idc => "IDC",
            DocKey::Ici => "ICI",
            DocKey::Ici2016 => "ICI-2016",
            DocKey::Iar => "IAR",
            DocKey::Uni => "UNI",
            DocKey::Ive => "IVE",
            DocKey::Rmc => "RMC",
            DocKey::Fia => "FIA",
            DocKey::Ofa => "OFA",
            DocKey::Ifa => "IFA",
            DocKey::Mfa => "MFA",
            DocKey::Hfa => "HFA",
            DocKey::Rfa => "RFA",
            DocKey::Dfa => "DFA",
            DocKey::Gfa => "GFA",
            DocKey::Cxc => "CXC",
            DocKey::Cxo => "CXO",
            DocKey::Scv => "SCV",
            DocKey::Scr => "SCR",
            DocKey::Log => "LOG",
            DocKey::Udf => "UDF",
            DocKey::Wmi => "WMI",
            DocKey::SdkCallClassInstaller => "SDK-CCI",
            DocKey::SdkDevInstallParams => "SDK-DIP",
            DocKey::SdkInstallDevice => "SDK-IDV",
            DocKey::SdkChangeState => "SDK-CHS",
            DocKey::SdkRemoveDevice => "SDK-RMV",
            DocKey::SdkRegisterCoDeviceInstallers => "SDK-RCD",
            DocKey::PvClassInstallerInterface => "PV-CII",
            DocKey::PvWritingClassInstaller => "PV-WCI",
            DocKey::PvFinishInstallAction => "PV-FIA",
            DocKey::PvDifCodes => "PV-DIF",
            DocKey::WineHeader => "WINE-H",
            DocKey::MingwHeaders => "MINGW-H",
            DocKey::WinapiRs => "WRS",
            DocKey::Lj2win32 => "LJ2",
            DocKey::WineDevinst => "WINE-DI",
            DocKey::WineTests => "WINE-T",
            DocKey::WineNewdevTests => "WINE-ND",
            DocKey::ReactOs => "ROS",
            DocKey::DifPage(slug) => return format!("DIF-{}", slug.trim_start_matches("dif-")),
            DocKey::DriverDoc(path) => return path.to_string(),
        };
        fixed.to_string()
    }

    /// Where the text lives: a windows-driver-docs path (with `@commit` for archived pages), an
    /// sdk-api path, or a repository path.
    pub fn path(self) -> String {
        match self.driver_docs_path() {
            Some((path, true)) => format!("windows-driver-docs-pr/{path}.md@{ARCHIVE_COMMIT}^"),
            Some((path, false)) if self == DocKey::Ici2016 => {
                format!("windows-driver-docs-pr/{path}.md@d3c2c11624")
            }
            Some((path, false)) => format!("windows-driver-docs-pr/{path}.md"),
            None => self.other_location().0.to_string(),
        }
    }

    /// A web address for the document, when one is known. Archived driver pages are given at
    /// their original learn.microsoft.com address (see [`DocKey::archived_url`] for the
    /// previous-versions copy).
    pub fn url(self) -> Option<String> {
        match self.driver_docs_path() {
            Some((path, _)) => Some(format!(
                "https://learn.microsoft.com/windows-hardware/drivers/{path}"
            )),
            None => self.other_location().1.map(str::to_string),
        }
    }

    /// For pages removed by the 2024 auto-archive: their address under `previous-versions`.
    pub fn archived_url(self) -> Option<String> {
        match self.driver_docs_path() {
            Some((path, true)) => Some(format!(
                "https://learn.microsoft.com/previous-versions/windows/drivers/{path}"
            )),
            _ => None,
        }
    }

    /// Whether the page was removed from windows-driver-docs by the 2024 auto-archive.
    pub fn is_archived(self) -> bool {
        matches!(self.driver_docs_path(), Some((_, true)))
    }

    /// windows-driver-docs path (without `.md`) and whether it is archived.
    fn driver_docs_path(self) -> Option<(String, bool)> {
        let archived = |p: &str| Some((p.to_string(), true));
        let current = |p: &str| Some((p.to_string(), false));
        match self {
            DocKey::Hdc => archived("install/handling-dif-codes"),
            DocKey::Cdh => archived("install/calling-the-default-dif-code-handlers"),
            DocKey::Cii => archived("install/co-installer-interface"),
            DocKey::Cop => archived("install/co-installer-operation"),
            DocKey::Cif => archived("install/co-installer-functionality"),
            DocKey::Wcc => archived("install/writing-class-installers-and-co-installers"),
            DocKey::Rco => archived("install/registering-a-co-installer"),
            DocKey::Rds => archived("install/registering-a-device-specific-co-installer"),
            DocKey::Rcc => archived("install/registering-a-class-co-installer"),
            DocKey::Idc => current("install/inf-ddinstall-coinstallers-section"),
            DocKey::Ici | DocKey::Ici2016 => current("install/inf-classinstall32-section"),
            DocKey::Iar => current("install/inf-addreg-directive"),
            DocKey::Uni => current("install/using-a-universal-inf-file"),
            DocKey::Ive => current("devtest/inf-validation-errors-and-warnings"),
            DocKey::Rmc => current("develop/removing-coinstallers"),
            DocKey::Fia => archived("install/finish-install-actions--windows-vista-and-later-"),
            DocKey::Ofa => archived("install/overview-of-finish-install-actions"),
            DocKey::Ifa => archived("install/implementing-finish-install-actions"),
            DocKey::Mfa => archived(
                "install/setting-the-configflag-finishinstall-action-device-configuration-flag",
            ),
            DocKey::Hfa => archived("install/how-finish-install-actions-are-processed"),
            DocKey::Rfa => archived("install/running-finish-install-actions"),
            DocKey::Dfa => archived("install/running-the-default-finish-install-action"),
            DocKey::Gfa => archived("install/guidelines-for-implementing-finish-install-actions"),
            DocKey::Cxc => {
                archived("install/code-example--finish-install-actions-in-a-class-installer")
            }
            DocKey::Cxo => {
                archived("install/code-example--finish-install-actions-in-a-co-installer")
            }
            DocKey::Scv => {
                current("install/system-defined-device-setup-classes-available-to-vendors")
            }
            DocKey::Scr => {
                current("install/system-defined-device-setup-classes-reserved-for-system-use")
            }
            DocKey::Log => current("install/interpreting-a-sample-setupapi-log-file"),
            DocKey::Udf => current("install/updating-driver-files"),
            DocKey::Wmi => current("kernel/wmi-generic-property-page-provider"),
            DocKey::DifPage(slug) => {
                let path = format!("install/{slug}");
                Some((path, !CURRENT_DIF_PAGES.contains(&slug)))
            }
            DocKey::DriverDoc(path) => current(path),
            _ => None,
        }
    }

    /// Location and address of documents outside windows-driver-docs.
    fn other_location(self) -> (&'static str, Option<&'static str>) {
        match self {
            DocKey::SdkCallClassInstaller => (
                "sdk-api-src/content/setupapi/nf-setupapi-setupdicallclassinstaller.md",
                Some("https://learn.microsoft.com/windows/win32/api/setupapi/nf-setupapi-setupdicallclassinstaller"),
            ),
            DocKey::SdkDevInstallParams => (
                "sdk-api-src/content/setupapi/ns-setupapi-sp_devinstall_params_a.md",
                Some("https://learn.microsoft.com/windows/win32/api/setupapi/ns-setupapi-sp_devinstall_params_a"),
            ),
            DocKey::SdkInstallDevice => (
                "sdk-api-src/content/setupapi/nf-setupapi-setupdiinstalldevice.md",
                Some("https://learn.microsoft.com/windows/win32/api/setupapi/nf-setupapi-setupdiinstalldevice"),
            ),
            DocKey::SdkChangeState => (
                "sdk-api-src/content/setupapi/nf-setupapi-setupdichangestate.md",
                Some("https://learn.microsoft.com/windows/win32/api/setupapi/nf-setupapi-setupdichangestate"),
            ),
            DocKey::SdkRemoveDevice => (
                "sdk-api-src/content/setupapi/nf-setupapi-setupdiremovedevice.md",
                Some("https://learn.microsoft.com/windows/win32/api/setupapi/nf-setupapi-setupdiremovedevice"),
            ),
            DocKey::SdkRegisterCoDeviceInstallers => (
                "sdk-api-src/content/setupapi/nf-setupapi-setupdiregistercodeviceinstallers.md",
                Some("https://learn.microsoft.com/windows/win32/api/setupapi/nf-setupapi-setupdiregistercodeviceinstallers"),
            ),
            DocKey::PvClassInstallerInterface => ("previous-versions ff537910", None),
            DocKey::PvWritingClassInstaller => ("msdn ff554009", None),
            DocKey::PvFinishInstallAction => ("previous-versions ff551022", None),
            DocKey::PvDifCodes => ("previous-versions ff541307", None),
            DocKey::WineHeader => (
                "wine-mirror/wine include/setupapi.h@0138ea49ed",
                Some("https://github.com/wine-mirror/wine/blob/0138ea49ed/include/setupapi.h"),
            ),
            DocKey::MingwHeaders => (
                "mingw-w64/mingw-w64 mingw-w64-headers/include/setupapi.h@d7f3c52012",
                Some("https://github.com/mingw-w64/mingw-w64/blob/d7f3c52012/mingw-w64-headers/include/setupapi.h"),
            ),
            DocKey::WinapiRs => (
                "retep998/winapi-rs src/um/setupapi.rs",
                Some("https://github.com/retep998/winapi-rs/blob/0.3/src/um/setupapi.rs"),
            ),
            DocKey::Lj2win32 => (
                "Wiladams/lj2win32 win32/setupapi.lua",
                Some("https://github.com/Wiladams/lj2win32/blob/master/win32/setupapi.lua"),
            ),
            DocKey::WineDevinst => (
                "wine-mirror/wine dlls/setupapi/devinst.c@987695a427",
                Some("https://github.com/wine-mirror/wine/blob/987695a427/dlls/setupapi/devinst.c"),
            ),
            DocKey::WineTests => ("wine dlls/setupapi/tests/devinst.c, dlls/setupapi/tests/coinst.c", None),
            DocKey::WineNewdevTests => ("wine dlls/newdev/tests/newdev.c, dlls/newdev/tests/coinst.c", None),
            DocKey::ReactOs => (
                "reactos/reactos dll/win32/setupapi/devinst.c@00ce5edd18",
                Some("https://github.com/reactos/reactos/blob/00ce5edd18/dll/win32/setupapi/devinst.c"),
            ),
            // Every windows-driver-docs key is answered by `driver_docs_path`.
            _ => ("", None),
        }
    }
}

impl Serialize for DocKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("DocKey", 3)?;
        s.serialize_field("key", &self.key())?;
        s.serialize_field("path", &self.path())?;
        s.serialize_field("url", &self.url())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dif_pages_map_to_learn_addresses() {
        let page = DocKey::DifPage("dif-allow-install");
        assert_eq!(page.key(), "DIF-allow-install");
        assert_eq!(
            page.url().as_deref(),
            Some("https://learn.microsoft.com/windows-hardware/drivers/install/dif-allow-install")
        );
        assert!(page.is_archived());
        assert_eq!(
            page.path(),
            "windows-driver-docs-pr/install/dif-allow-install.md@44b8a8ddb2^"
        );
        assert_eq!(
            page.archived_url().as_deref(),
            Some("https://learn.microsoft.com/previous-versions/windows/drivers/install/dif-allow-install")
        );
    }

    #[test]
    fn pages_still_at_head_are_not_archived() {
        assert!(!DocKey::DifPage("dif-remove").is_archived());
        assert!(!DocKey::Idc.is_archived());
        assert_eq!(
            DocKey::Ici2016.path(),
            "windows-driver-docs-pr/install/inf-classinstall32-section.md@d3c2c11624"
        );
    }

    #[test]
    fn every_non_driver_doc_key_has_a_location() {
        for key in [
            DocKey::SdkCallClassInstaller,
            DocKey::SdkDevInstallParams,
            DocKey::PvClassInstallerInterface,
            DocKey::WineHeader,
            DocKey::WineTests,
            DocKey::ReactOs,
        ] {
            assert!(!key.path().is_empty(), "{key:?}");
        }
    }
}
