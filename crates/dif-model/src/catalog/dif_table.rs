//! The DIF rows: dif-model.md §1.4 (values), §1.5 (who is called, when, with what) and §1.6
//! (allowed returns, special constraints), one `DifCode` per code, in value order.
//!
//! How the return sets are filled: each set starts from the generic rules of §2.6 (co-installer:
//! NO_ERROR, POSTPROCESSING_REQUIRED in pre, a Win32 error, propagation of `InstallResult` in post;
//! class installer: DO_DEFAULT, NO_ERROR, a Win32 error) and is narrowed only where a DIF page says
//! so explicitly ("should not return ERROR_DI_POSTPROCESSING_REQUIRED", "co-installers do not
//! handle it, they return NO_ERROR", "never DO_DEFAULT"). Codes vendors must not handle
//! (reserved, obsolete, header-only, and roles marked "does not handle") get the neutral value only:
//! NO_ERROR for co-installers (CII), DO_DEFAULT for the class installer (PV-CII). Codes the pages
//! mention as "typical" (ERROR_DI_DONT_INSTALL …) are ordinary Win32 errors; only
//! ERROR_DUPLICATE_FOUND and ERROR_DI_BAD_PATH are tied to their DIF (RET-16).

use super::dif::{
    AllowedReturns, Constraint, DefaultHandler, DeviceInfoData, DifCode, DifStatus, Invocation,
    MayAct, OsSupport, RoleRule,
};
use super::docs::DocKey;
use super::os::WindowsVersion;
use super::returns::{ERROR_DI_BAD_PATH, ERROR_DUPLICATE_FOUND};

/// `DI_FUNCTION` values (dif-model.md §1.4; WRS/LJ2/AHK for DIF_FINISHINSTALL_ACTION).
pub mod codes {
    /// Choose a driver (manual selection).
    pub const DIF_SELECTDEVICE: u32 = 0x01;
    /// Install the device.
    pub const DIF_INSTALLDEVICE: u32 = 0x02;
    /// Reserved.
    pub const DIF_ASSIGNRESOURCES: u32 = 0x03;
    /// Obsolete.
    pub const DIF_PROPERTIES: u32 = 0x04;
    /// Remove the device.
    pub const DIF_REMOVE: u32 = 0x05;
    /// GUI-mode setup detection (reserved except for non-PnP detection).
    pub const DIF_FIRSTTIMESETUP: u32 = 0x06;
    /// Reserved.
    pub const DIF_FOUNDDEVICE: u32 = 0x07;
    /// Obsolete.
    pub const DIF_SELECTCLASSDRIVERS: u32 = 0x08;
    /// Obsolete.
    pub const DIF_VALIDATECLASSDRIVERS: u32 = 0x09;
    /// Reserved.
    pub const DIF_INSTALLCLASSDRIVERS: u32 = 0x0A;
    /// Reserved.
    pub const DIF_CALCDISKSPACE: u32 = 0x0B;
    /// A device information set or element is destroyed.
    pub const DIF_DESTROYPRIVATEDATA: u32 = 0x0C;
    /// Obsolete.
    pub const DIF_VALIDATEDRIVER: u32 = 0x0D;
    /// Obsolete.
    pub const DIF_MOVEDEVICE: u32 = 0x0E;
    /// Detect non-PnP devices.
    pub const DIF_DETECT: u32 = 0x0F;
    /// Obsolete.
    pub const DIF_INSTALLWIZARD: u32 = 0x10;
    /// Obsolete.
    pub const DIF_DESTROYWIZARDDATA: u32 = 0x11;
    /// Enable / disable / restart, or a property changed.
    pub const DIF_PROPERTYCHANGE: u32 = 0x12;
    /// Reserved.
    pub const DIF_ENABLECLASS: u32 = 0x13;
    /// Reserved.
    pub const DIF_DETECTVERIFY: u32 = 0x14;
    /// Pre-copy or list the driver files.
    pub const DIF_INSTALLDEVICEFILES: u32 = 0x15;
    /// Reinstate a non-PnP device in a hardware profile.
    pub const DIF_UNREMOVE: u32 = 0x16;
    /// Automatic driver selection (not sent from Windows 10 1703).
    pub const DIF_SELECTBESTCOMPATDRV: u32 = 0x17;
    /// May the selected driver be installed?
    pub const DIF_ALLOW_INSTALL: u32 = 0x18;
    /// Register a detected or manually installed device.
    pub const DIF_REGISTERDEVICE: u32 = 0x19;
    /// Add Hardware: before the select-driver page.
    pub const DIF_NEWDEVICEWIZARD_PRESELECT: u32 = 0x1A;
    /// Add Hardware: the select-driver page.
    pub const DIF_NEWDEVICEWIZARD_SELECT: u32 = 0x1B;
    /// Add Hardware: before the devnode is registered.
    pub const DIF_NEWDEVICEWIZARD_PREANALYZE: u32 = 0x1C;
    /// Add Hardware: after the devnode is registered.
    pub const DIF_NEWDEVICEWIZARD_POSTANALYZE: u32 = 0x1D;
    /// After DIF_INSTALLDEVICE: finish pages; where finish-install actions are announced.
    pub const DIF_NEWDEVICEWIZARD_FINISHINSTALL: u32 = 0x1E;
    /// Header only.
    pub const DIF_UNUSED1: u32 = 0x1F;
    /// Register device interfaces.
    pub const DIF_INSTALLINTERFACES: u32 = 0x20;
    /// Reserved.
    pub const DIF_DETECTCANCEL: u32 = 0x21;
    /// Register device co-installers.
    pub const DIF_REGISTER_COINSTALLERS: u32 = 0x22;
    /// Property pages.
    pub const DIF_ADDPROPERTYPAGE_ADVANCED: u32 = 0x23;
    /// Reserved.
    pub const DIF_ADDPROPERTYPAGE_BASIC: u32 = 0x24;
    /// Header only.
    pub const DIF_RESERVED1: u32 = 0x25;
    /// Windows 2000 / XP / Server 2003 troubleshooter.
    pub const DIF_TROUBLESHOOTER: u32 = 0x26;
    /// Power-management text on the properties dialog.
    pub const DIF_POWERMESSAGEWAKE: u32 = 0x27;
    /// Undocumented (remote property pages).
    pub const DIF_ADDREMOTEPROPERTYPAGE_ADVANCED: u32 = 0x28;
    /// Reserved.
    pub const DIF_UPDATEDRIVER_UI: u32 = 0x29;
    /// Finish-install actions (Vista and later).
    pub const DIF_FINISHINSTALL_ACTION: u32 = 0x2A;
    /// Header only.
    pub const DIF_RESERVED2: u32 = 0x30;
}

use codes::*;

// ---- Return sets (see the module comment for how they are chosen) ----

/// Co-installer that does not handle the DIF: NO_ERROR (CII).
const CO_NEUTRAL: AllowedReturns = AllowedReturns {
    no_error: true,
    do_default: false,
    postprocessing_required: false,
    win32_error: false,
    specific: &[],
    propagate_install_result: false,
};
/// Co-installer, generic rules of §2.6.
const CO_STANDARD: AllowedReturns = AllowedReturns {
    no_error: true,
    do_default: false,
    postprocessing_required: true,
    win32_error: true,
    specific: &[],
    propagate_install_result: true,
};
/// Co-installer where the DIF page forbids POSTPROCESSING_REQUIRED.
const CO_NO_POST: AllowedReturns = AllowedReturns {
    no_error: true,
    do_default: false,
    postprocessing_required: false,
    win32_error: true,
    specific: &[],
    propagate_install_result: false,
};
/// DIF_REGISTERDEVICE co-installer: no post-processing, ERROR_DUPLICATE_FOUND allowed.
const CO_REGISTERDEVICE: AllowedReturns = AllowedReturns {
    no_error: true,
    do_default: false,
    postprocessing_required: false,
    win32_error: true,
    specific: &[ERROR_DUPLICATE_FOUND],
    propagate_install_result: false,
};
/// Class installer that does not handle the DIF: DO_DEFAULT (PV-CII).
const CI_NEUTRAL: AllowedReturns = AllowedReturns {
    no_error: false,
    do_default: true,
    postprocessing_required: false,
    win32_error: false,
    specific: &[],
    propagate_install_result: false,
};
/// Class installer, generic rules of §2.6.
const CI_STANDARD: AllowedReturns = AllowedReturns {
    no_error: true,
    do_default: true,
    postprocessing_required: false,
    win32_error: true,
    specific: &[],
    propagate_install_result: false,
};
/// DIF_SELECTDEVICE class installer: also ERROR_DI_BAD_PATH.
const CI_SELECTDEVICE: AllowedReturns = AllowedReturns {
    specific: &[ERROR_DI_BAD_PATH],
    ..CI_STANDARD
};
/// DIF_REGISTERDEVICE class installer: also ERROR_DUPLICATE_FOUND.
const CI_REGISTERDEVICE: AllowedReturns = AllowedReturns {
    specific: &[ERROR_DUPLICATE_FOUND],
    ..CI_STANDARD
};

// ---- Role rules ----

const fn rule(
    invoked: Invocation,
    may_act: MayAct,
    returns: AllowedReturns,
    note: &'static str,
) -> RoleRule {
    RoleRule {
        invoked,
        may_act,
        returns,
        note,
    }
}

/// Class co-installer that can handle the DIF.
const CLASS_CO_H: RoleRule = rule(Invocation::Always, MayAct::Handles, CO_STANDARD, "");
/// Device co-installer that can handle the DIF.
const DEVICE_CO_H: RoleRule = rule(Invocation::WhenRegistered, MayAct::Handles, CO_STANDARD, "");
/// Device co-installer excluded by COP ("only a class co-installer can respond").
const DEVICE_CO_COP_EXCLUDED: RoleRule = rule(
    Invocation::NotInvoked,
    MayAct::DoesNotHandle,
    CO_NEUTRAL,
    "COP: device co-installers do not take part in this DIF",
);
/// Class co-installer for a reserved / obsolete code.
const CLASS_CO_NR: RoleRule = rule(
    Invocation::Always,
    MayAct::Reserved,
    CO_NEUTRAL,
    "called like for every DIF [inference, §2.4]; must return NO_ERROR",
);
/// Device co-installer for a reserved / obsolete code.
const DEVICE_CO_NR: RoleRule = rule(
    Invocation::WhenRegistered,
    MayAct::Reserved,
    CO_NEUTRAL,
    "called when registered [inference, §2.4]; must return NO_ERROR",
);
/// Class installer for a reserved / obsolete code.
const CLASS_INST_NR: RoleRule = rule(
    Invocation::Always,
    MayAct::Reserved,
    CI_NEUTRAL,
    "called like for every DIF [inference, §2.4]; must return ERROR_DI_DO_DEFAULT (PV-CII)",
);
/// Class co-installer for a header-only code.
const CLASS_CO_HEADER: RoleRule = rule(
    Invocation::Always,
    MayAct::DoesNotHandle,
    CO_NEUTRAL,
    "header only; an unrecognised code gets NO_ERROR (CII)",
);
/// Device co-installer for a header-only code.
const DEVICE_CO_HEADER: RoleRule = rule(
    Invocation::WhenRegistered,
    MayAct::DoesNotHandle,
    CO_NEUTRAL,
    "header only; an unrecognised code gets NO_ERROR (CII)",
);
/// Class installer for a header-only code.
const CLASS_INST_HEADER: RoleRule = rule(
    Invocation::Always,
    MayAct::DoesNotHandle,
    CI_NEUTRAL,
    "header only; an unrecognised code gets ERROR_DI_DO_DEFAULT (PV-CII)",
);

const fn handler(function: &'static str, requires_admin: bool) -> Option<DefaultHandler> {
    Some(DefaultHandler {
        function,
        removed_in: None,
        requires_admin,
    })
}

const fn since_2000(note: &'static str) -> OsSupport {
    OsSupport {
        since: Some(WindowsVersion::Win2000),
        not_sent_from: None,
        deprecated_in: None,
        note,
    }
}

const RESERVED_OS: OsSupport = OsSupport {
    since: None,
    not_sent_from: None,
    deprecated_in: None,
    note: "reserved for system use",
};
const OBSOLETE_OS: OsSupport = OsSupport {
    since: None,
    not_sent_from: Some(WindowsVersion::Win2000),
    deprecated_in: None,
    note: "obsolete; not used from Windows 2000 on",
};
const HEADER_OS: OsSupport = OsSupport {
    since: None,
    not_sent_from: None,
    deprecated_in: None,
    note: "header only; no page",
};

/// A reserved (system-use) row.
const fn reserved(
    name: &'static str,
    value: u32,
    params: Option<&'static str>,
    sources: &'static [DocKey],
) -> DifCode {
    DifCode {
        name,
        value,
        when_sent: "system use",
        device_info_data: DeviceInfoData::NotDocumented,
        class_co_installer: CLASS_CO_NR,
        device_co_installer: DEVICE_CO_NR,
        class_installer: CLASS_INST_NR,
        default_handler: None,
        class_install_params: params,
        status: DifStatus::Reserved,
        os: RESERVED_OS,
        constraints: &[],
        sources,
    }
}

/// An obsolete row.
const fn obsolete(
    name: &'static str,
    value: u32,
    params: Option<&'static str>,
    os_note: &'static str,
    sources: &'static [DocKey],
) -> DifCode {
    DifCode {
        name,
        value,
        when_sent: "not sent (obsolete)",
        device_info_data: DeviceInfoData::NotDocumented,
        class_co_installer: CLASS_CO_NR,
        device_co_installer: DEVICE_CO_NR,
        class_installer: CLASS_INST_NR,
        default_handler: None,
        class_install_params: params,
        status: DifStatus::Obsolete,
        os: OsSupport {
            note: os_note,
            ..OBSOLETE_OS
        },
        constraints: &[],
        sources,
    }
}

/// A header-only row (no documentation page).
const fn header_only(name: &'static str, value: u32) -> DifCode {
    DifCode {
        name,
        value,
        when_sent: "not documented",
        device_info_data: DeviceInfoData::NotDocumented,
        class_co_installer: CLASS_CO_HEADER,
        device_co_installer: DEVICE_CO_HEADER,
        class_installer: CLASS_INST_HEADER,
        default_handler: None,
        class_install_params: None,
        status: DifStatus::HeaderOnly,
        os: HEADER_OS,
        constraints: &[],
        sources: &[DocKey::WineHeader],
    }
}

/// A row for one of the four Add Hardware wizard DIFs (PRESELECT, SELECT, PREANALYZE, POSTANALYZE).
const fn wizard(
    name: &'static str,
    value: u32,
    when_sent: &'static str,
    sources: &'static [DocKey],
    class_co_note: &'static str,
) -> DifCode {
    DifCode {
        name,
        value,
        when_sent,
        device_info_data: DeviceInfoData::Required,
        class_co_installer: rule(
            Invocation::Always,
            MayAct::Handles,
            CO_STANDARD,
            class_co_note,
        ),
        device_co_installer: DEVICE_CO_COP_EXCLUDED,
        class_installer: rule(
            Invocation::Always,
            MayAct::Handles,
            CI_STANDARD,
            "NO_ERROR if it supplied page(s), otherwise ERROR_DI_DO_DEFAULT or a Win32 error",
        ),
        default_handler: None,
        class_install_params: Some("SP_NEWDEVICEWIZARD_DATA"),
        status: DifStatus::Public,
        os: since_2000("Windows 2000 and later"),
        constraints: &[
            Constraint::WizardPageLimit,
            Constraint::ClassInstallerNoErrorIffSupplied,
        ],
        sources,
    }
}

/// Every DIF code, in value order (43 rows).
pub(super) static DIF_TABLE: &[DifCode] = &[
    DifCode {
        name: "DIF_SELECTDEVICE",
        value: DIF_SELECTDEVICE,
        when_sent: "choosing a driver for a new device or a new driver for an existing one (manual pick, Add Hardware, \"choose from a list\")",
        device_info_data: DeviceInfoData::Optional,
        class_co_installer: rule(Invocation::Always, MayAct::Handles, CO_STANDARD, "work is done in pre-processing; by post-processing the driver is already chosen"),
        device_co_installer: rule(Invocation::WhenRegistered, MayAct::DoesNotHandle, CO_NEUTRAL, "does not handle: sent before the device's co-installers are registered (§2.4)"),
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_SELECTDEVICE, "NO_ERROR only if it showed its own selection UI and selected the driver; ERROR_DI_BAD_PATH when DriverPath holds no usable driver"),
        default_handler: handler("SetupDiSelectDevice", false),
        class_install_params: Some("SP_SELECTDEVICE_PARAMS (on the DeviceInfoData, else on the set)"),
        status: DifStatus::Public,
        os: since_2000("Windows 2000 and later"),
        constraints: &[Constraint::SelectParamsRules, Constraint::CoInstallerWorkInPre],
        sources: &[DocKey::DifPage("dif-selectdevice"), DocKey::Cdh],
    },
    DifCode {
        name: "DIF_INSTALLDEVICE",
        value: DIF_INSTALLDEVICE,
        when_sent: "after the driver is selected, device co-installers registered and interfaces registered; also the null-driver attempt when no INF is found, then again with DI_FLAGSEX_SETFAILEDINSTALL if that fails",
        device_info_data: DeviceInfoData::Required,
        class_co_installer: rule(Invocation::Always, MayAct::Handles, CO_STANDARD, "a Win32 error aborts the install; with DI_FLAGSEX_SETFAILEDINSTALL only NO_ERROR"),
        device_co_installer: rule(Invocation::WhenRegistered, MayAct::Handles, CO_STANDARD, "a Win32 error aborts the install; with DI_FLAGSEX_SETFAILEDINSTALL only NO_ERROR"),
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_STANDARD, "NO_ERROR only after calling SetupDiInstallDevice itself; with DI_FLAGSEX_SETFAILEDINSTALL only NO_ERROR or ERROR_DI_DO_DEFAULT"),
        default_handler: handler("SetupDiInstallDevice", true),
        class_install_params: None,
        status: DifStatus::Public,
        os: since_2000("Windows 2000 and later"),
        constraints: &[
            Constraint::SetFailedInstallRestrictsReturns,
            Constraint::HonourNoFileCopy,
            Constraint::FailureStopsInstall,
            Constraint::FinishInstallFlagNotHere,
        ],
        sources: &[DocKey::DifPage("dif-installdevice"), DocKey::Cdh, DocKey::SdkInstallDevice, DocKey::SdkDevInstallParams, DocKey::Hfa],
    },
    reserved("DIF_ASSIGNRESOURCES", DIF_ASSIGNRESOURCES, None, &[DocKey::DifPage("dif-assignresources")]),
    obsolete("DIF_PROPERTIES", DIF_PROPERTIES, None, "obsolete, unsupported since Windows 2000; use DIF_ADDPROPERTYPAGE_ADVANCED", &[DocKey::DifPage("dif-properties")]),
    DifCode {
        name: "DIF_REMOVE",
        value: DIF_REMOVE,
        when_sent: "the user removes the device in Device Manager; sent before the PnP query-remove / remove",
        device_info_data: DeviceInfoData::Required,
        class_co_installer: rule(Invocation::Always, MayAct::Handles, CO_STANDARD, "a Win32 error vetoes the removal; registry clean-up in post-processing when InstallResult is NO_ERROR"),
        device_co_installer: rule(Invocation::WhenRegistered, MayAct::Handles, CO_STANDARD, "a Win32 error vetoes the removal; registry clean-up in post-processing when InstallResult is NO_ERROR"),
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_STANDARD, "ERROR_DI_DO_DEFAULT after clean-up; NO_ERROR after calling SetupDiRemoveDevice itself; a Win32 error vetoes"),
        default_handler: handler("SetupDiRemoveDevice", true),
        class_install_params: Some("SP_REMOVEDEVICE_PARAMS, optional (absent when DI_CLASSINSTALLPARAMS is clear: global removal)"),
        status: DifStatus::Public,
        os: since_2000("Windows 2000 and later"),
        constraints: &[Constraint::FailureVetoesRemoval, Constraint::RemoveCleanupInPostOnSuccess, Constraint::CoInstallerWorkInPost],
        sources: &[DocKey::DifPage("dif-remove"), DocKey::Cdh, DocKey::SdkRemoveDevice],
    },
    DifCode {
        name: "DIF_FIRSTTIMESETUP",
        value: DIF_FIRSTTIMESETUP,
        when_sent: "GUI-mode setup, with an empty set, to detect non-PnP devices or migrate",
        device_info_data: DeviceInfoData::Null,
        class_co_installer: rule(Invocation::Always, MayAct::Handles, CO_STANDARD, "NO_ERROR from pre if not detecting; may detect in pre or post"),
        device_co_installer: DEVICE_CO_COP_EXCLUDED,
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_STANDARD, "NO_ERROR or a Win32 error if it detects; ERROR_DI_DO_DEFAULT if it does not handle it"),
        default_handler: None,
        class_install_params: None,
        status: DifStatus::ReservedExceptNonPnpDetection,
        os: since_2000("reserved, except for vendors of non-PnP devices that must be detected; GUI-mode setup never sends DIF_DETECT"),
        constraints: &[Constraint::MustBeSilent],
        sources: &[DocKey::DifPage("dif-firsttimesetup"), DocKey::Cop],
    },
    reserved("DIF_FOUNDDEVICE", DIF_FOUNDDEVICE, None, &[DocKey::DifPage("dif-founddevice")]),
    obsolete("DIF_SELECTCLASSDRIVERS", DIF_SELECTCLASSDRIVERS, None, "obsolete (Windows 2000 and later)", &[DocKey::DifPage("dif-selectclassdrivers")]),
    obsolete("DIF_VALIDATECLASSDRIVERS", DIF_VALIDATECLASSDRIVERS, None, "obsolete (Windows 2000 and later)", &[DocKey::DifPage("dif-validateclassdrivers")]),
    reserved("DIF_INSTALLCLASSDRIVERS", DIF_INSTALLCLASSDRIVERS, None, &[DocKey::DifPage("dif-installclassdrivers")]),
    reserved("DIF_CALCDISKSPACE", DIF_CALCDISKSPACE, None, &[DocKey::DifPage("dif-calcdiskspace")]),
    DifCode {
        name: "DIF_DESTROYPRIVATEDATA",
        value: DIF_DESTROYPRIVATEDATA,
        when_sent: "a device information set or element is destroyed, or Windows discards its list of co-installers and class installer",
        device_info_data: DeviceInfoData::Optional,
        class_co_installer: rule(Invocation::Always, MayAct::DoesNotHandle, CO_NEUTRAL, "called; co-installers do not handle it and return NO_ERROR (RET-06)"),
        device_co_installer: rule(Invocation::WhenRegistered, MayAct::DoesNotHandle, CO_NEUTRAL, "called; co-installers do not handle it and return NO_ERROR (RET-06)"),
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_STANDARD, "frees what it stored in ClassInstallReserved; typically ERROR_DI_DO_DEFAULT"),
        default_handler: None,
        class_install_params: None,
        status: DifStatus::Public,
        os: since_2000("Windows 2000 and later"),
        constraints: &[Constraint::ClassInstallReservedOwnership],
        sources: &[DocKey::DifPage("dif-destroyprivatedata"), DocKey::WineTests, DocKey::SdkDevInstallParams],
    },
    obsolete("DIF_VALIDATEDRIVER", DIF_VALIDATEDRIVER, None, "obsolete (Windows 2000 and later)", &[DocKey::DifPage("dif-validatedriver")]),
    obsolete("DIF_MOVEDEVICE", DIF_MOVEDEVICE, Some("SP_MOVEDEV_PARAMS (obsolete)"), "obsolete; cannot be used with any version of Windows", &[DocKey::DifPage("dif-movedevice"), DocKey::DriverDoc("install/sp-movedev-params")]),
    DifCode {
        name: "DIF_DETECT",
        value: DIF_DETECT,
        when_sent: "the Add Hardware wizard detects non-PnP devices of a class",
        device_info_data: DeviceInfoData::Null,
        class_co_installer: rule(Invocation::Always, MayAct::Handles, CO_STANDARD, "NO_ERROR from pre if not detecting; if detecting (pre or post) NO_ERROR or a Win32 error"),
        device_co_installer: DEVICE_CO_COP_EXCLUDED,
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_STANDARD, "NO_ERROR or a Win32 error if it detects; ERROR_DI_DO_DEFAULT if not"),
        default_handler: None,
        class_install_params: Some("SP_DETECTDEVICE_PARAMS (on the set; has a progress callback)"),
        status: DifStatus::Public,
        os: since_2000("Windows 2000 and later"),
        constraints: &[],
        sources: &[DocKey::DifPage("dif-detect"), DocKey::Cop],
    },
    obsolete("DIF_INSTALLWIZARD", DIF_INSTALLWIZARD, Some("SP_INSTALLWIZARD_DATA (obsolete)"), "obsolete; replaced by DIF_NEWDEVICEWIZARD_*", &[DocKey::DifPage("dif-installwizard"), DocKey::DriverDoc("install/sp-installwizard-data")]),
    obsolete("DIF_DESTROYWIZARDDATA", DIF_DESTROYWIZARDDATA, Some("SP_INSTALLWIZARD_DATA (header comment)"), "obsolete", &[DocKey::DifPage("dif-destroywizarddata"), DocKey::Lj2win32]),
    DifCode {
        name: "DIF_PROPERTYCHANGE",
        value: DIF_PROPERTYCHANGE,
        when_sent: "the device is enabled, disabled, started, stopped or restarted, or a property page changed something (DI_FLAGSEX_PROPCHANGE_PENDING)",
        device_info_data: DeviceInfoData::Required,
        class_co_installer: CLASS_CO_H,
        device_co_installer: DEVICE_CO_H,
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_STANDARD, "NO_ERROR only after calling SetupDiChangeState itself"),
        default_handler: handler("SetupDiChangeState", true),
        class_install_params: Some("SP_PROPCHANGE_PARAMS (StateChange = DICS_*, Scope = DICS_FLAG_*, HwProfile)"),
        status: DifStatus::Public,
        os: since_2000("Windows 2000 and later; not sent for the first start during DIF_INSTALLDEVICE"),
        constraints: &[Constraint::NotSentForFirstStart],
        sources: &[DocKey::DifPage("dif-propertychange"), DocKey::Cdh, DocKey::SdkChangeState],
    },
    reserved("DIF_ENABLECLASS", DIF_ENABLECLASS, Some("SP_ENABLECLASS_PARAMS (obsolete)"), &[DocKey::DifPage("dif-enableclass"), DocKey::DriverDoc("install/sp-enableclass-params")]),
    reserved("DIF_DETECTVERIFY", DIF_DETECTVERIFY, None, &[DocKey::DifPage("dif-detectverify")]),
    DifCode {
        name: "DIF_INSTALLDEVICEFILES",
        value: DIF_INSTALLDEVICEFILES,
        when_sent: "by some installers before DIF_REGISTER_COINSTALLERS / DIF_INSTALLINTERFACES / DIF_INSTALLDEVICE to pre-copy files; by others to retrieve the file list (queue not committed)",
        device_info_data: DeviceInfoData::Required,
        class_co_installer: CLASS_CO_H,
        device_co_installer: DEVICE_CO_COP_EXCLUDED,
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_STANDARD, "NO_ERROR only after calling SetupDiInstallDriverFiles itself"),
        default_handler: handler("SetupDiInstallDriverFiles", false),
        class_install_params: None,
        status: DifStatus::Public,
        os: since_2000("Windows 2000 and later"),
        constraints: &[Constraint::HonourNoFileCopy, Constraint::FailureStopsInstall],
        sources: &[DocKey::DifPage("dif-installdevicefiles"), DocKey::Cop, DocKey::Cdh],
    },
    DifCode {
        name: "DIF_UNREMOVE",
        value: DIF_UNREMOVE,
        when_sent: "a root-enumerated non-PnP device is reinstated in a hardware profile",
        device_info_data: DeviceInfoData::Required,
        class_co_installer: CLASS_CO_H,
        device_co_installer: DEVICE_CO_H,
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_STANDARD, "NO_ERROR only after calling SetupDiUnremoveDevice itself"),
        default_handler: handler("SetupDiUnremoveDevice", false),
        class_install_params: Some("SP_UNREMOVEDEVICE_PARAMS (Scope DI_UNREMOVEDEVICE_CONFIGSPECIFIC, HwProfile set)"),
        status: DifStatus::Public,
        os: since_2000("Windows 2000 and later"),
        constraints: &[Constraint::NonPnpOnly],
        sources: &[DocKey::DifPage("dif-unremove"), DocKey::Cdh],
    },
    DifCode {
        name: "DIF_SELECTBESTCOMPATDRV",
        value: DIF_SELECTBESTCOMPATDRV,
        when_sent: "preparing to install a new PnP device or change its driver, automatic selection (manual selection uses DIF_SELECTDEVICE)",
        device_info_data: DeviceInfoData::Required,
        class_co_installer: rule(Invocation::Always, MayAct::Handles, CO_STANDARD, "edits the driver list in pre-processing; selects a driver only in post-processing"),
        device_co_installer: DEVICE_CO_COP_EXCLUDED,
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_STANDARD, "NO_ERROR after selecting a driver with SetupDiSetSelectedDriver; ERROR_DI_DO_DEFAULT otherwise"),
        default_handler: handler("SetupDiSelectBestCompatDrv", false),
        class_install_params: None,
        status: DifStatus::Public,
        os: OsSupport {
            since: Some(WindowsVersion::Win2000),
            not_sent_from: Some(WindowsVersion::Win10v1703),
            deprecated_in: Some(WindowsVersion::Win10v1703),
            note: "deprecated in Windows 10 1703; no longer invoked from that version on",
        },
        constraints: &[Constraint::CoInstallerWorkInPre, Constraint::CoInstallerWorkInPost],
        sources: &[DocKey::DifPage("dif-selectbestcompatdrv"), DocKey::Cop, DocKey::Cdh],
    },
    DifCode {
        name: "DIF_ALLOW_INSTALL",
        value: DIF_ALLOW_INSTALL,
        when_sent: "after a driver is selected, before the device is installed",
        device_info_data: DeviceInfoData::Required,
        class_co_installer: rule(Invocation::Always, MayAct::Handles, CO_NO_POST, "NO_ERROR or a Win32 error; not ERROR_DI_POSTPROCESSING_REQUIRED"),
        device_co_installer: rule(Invocation::NotInvoked, MayAct::ShouldNotHandle, CO_NEUTRAL, "the DIF page says \"should not handle\"; COP: device co-installers do not take part"),
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_STANDARD, "typically ERROR_DI_DO_DEFAULT, or a Win32 error such as ERROR_DI_DONT_INSTALL or ERROR_NON_WINDOWS_NT_DRIVER"),
        default_handler: None,
        class_install_params: None,
        status: DifStatus::Public,
        os: since_2000("Windows 2000 and later"),
        constraints: &[Constraint::NoPostprocessing, Constraint::FailureStopsInstall, Constraint::NoInteractiveInstall],
        sources: &[DocKey::DifPage("dif-allow-install"), DocKey::Cop],
    },
    DifCode {
        name: "DIF_REGISTERDEVICE",
        value: DIF_REGISTERDEVICE,
        when_sent: "a new non-PnP device reported by DIF_DETECT is registered with PnP; analyze phase of Add Hardware; non-PnP detection",
        device_info_data: DeviceInfoData::Required,
        class_co_installer: rule(Invocation::Always, MayAct::Handles, CO_REGISTERDEVICE, "work in pre-processing (the device is registered by post); not ERROR_DI_POSTPROCESSING_REQUIRED"),
        device_co_installer: rule(Invocation::WhenRegistered, MayAct::DoesNotHandle, CO_NEUTRAL, "does not handle: the device is not registered yet, so it has no co-installers (§2.4)"),
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_REGISTERDEVICE, "NO_ERROR after calling SetupDiRegisterDeviceInfo (typically with a duplicate-compare callback)"),
        default_handler: handler("SetupDiRegisterDeviceInfo", false),
        class_install_params: None,
        status: DifStatus::Public,
        os: since_2000("Windows 2000 and later"),
        constraints: &[Constraint::NoPostprocessing, Constraint::ErrorDeletesElement, Constraint::CoInstallerWorkInPre],
        sources: &[DocKey::DifPage("dif-registerdevice"), DocKey::Cdh],
    },
    wizard("DIF_NEWDEVICEWIZARD_PRESELECT", DIF_NEWDEVICEWIZARD_PRESELECT, "manual non-PnP install: after the class is chosen, before the \"Select a Device Driver\" page", &[DocKey::DifPage("dif-newdevicewizard-preselect"), DocKey::Cop], "pages added in pre appear before the class installer's"),
    wizard("DIF_NEWDEVICEWIZARD_SELECT", DIF_NEWDEVICEWIZARD_SELECT, "manual non-PnP install: immediately before the select-driver page (pages supplied here replace it)", &[DocKey::DifPage("dif-newdevicewizard-select"), DocKey::Cop], "adds its select page in post-processing and only if the class installer added none; whoever supplies it calls SetupDiSetSelectedDriver"),
    wizard("DIF_NEWDEVICEWIZARD_PREANALYZE", DIF_NEWDEVICEWIZARD_PREANALYZE, "manual non-PnP install: after the driver is chosen, before the devnode is registered", &[DocKey::DifPage("dif-newdevicewizard-preanalyze"), DocKey::Cop], ""),
    wizard("DIF_NEWDEVICEWIZARD_POSTANALYZE", DIF_NEWDEVICEWIZARD_POSTANALYZE, "manual non-PnP install: after the devnode is registered, before drivers are installed", &[DocKey::DifPage("dif-newdevicewizard-postanalyze"), DocKey::Cop], "the last chance before drivers load"),
    DifCode {
        name: "DIF_NEWDEVICEWIZARD_FINISHINSTALL",
        value: DIF_NEWDEVICEWIZARD_FINISHINSTALL,
        when_sent: "after DIF_INSTALLDEVICE succeeds, before the Finish page, for PnP and Add Hardware installs; the only DIF sent both in the core (server-side) install and in the client context",
        device_info_data: DeviceInfoData::Required,
        class_co_installer: rule(Invocation::Always, MayAct::Handles, CO_STANDARD, "NO_ERROR with or without pages; sets DI_FLAGSEX_FINISHINSTALL_ACTION here if it has finish-install actions"),
        device_co_installer: rule(Invocation::WhenRegistered, MayAct::Handles, CO_STANDARD, "NO_ERROR with or without pages; sets DI_FLAGSEX_FINISHINSTALL_ACTION here if it has finish-install actions"),
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_STANDARD, "NO_ERROR if it supplied finish pages, ERROR_DI_DO_DEFAULT if it has none"),
        default_handler: None,
        class_install_params: Some("SP_NEWDEVICEWIZARD_DATA"),
        status: DifStatus::Public,
        os: since_2000("Windows 2000 and later"),
        constraints: &[Constraint::FinishInstallFlagSetHere, Constraint::ClassInstallerNoErrorIffSupplied],
        sources: &[DocKey::DifPage("dif-newdevicewizard-finishinstall"), DocKey::Hfa, DocKey::Ifa, DocKey::Mfa],
    },
    header_only("DIF_UNUSED1", DIF_UNUSED1),
    DifCode {
        name: "DIF_INSTALLINTERFACES",
        value: DIF_INSTALLINTERFACES,
        when_sent: "after device co-installers are registered, before installation completes",
        device_info_data: DeviceInfoData::Required,
        class_co_installer: CLASS_CO_H,
        device_co_installer: DEVICE_CO_H,
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_STANDARD, "NO_ERROR only after calling SetupDiInstallDeviceInterfaces itself"),
        default_handler: handler("SetupDiInstallDeviceInterfaces", false),
        class_install_params: None,
        status: DifStatus::Public,
        os: since_2000("Windows 2000 and later"),
        constraints: &[Constraint::HonourNoFileCopy, Constraint::FailureStopsInstall],
        sources: &[DocKey::DifPage("dif-installinterfaces"), DocKey::Cdh],
    },
    reserved("DIF_DETECTCANCEL", DIF_DETECTCANCEL, None, &[DocKey::DifPage("dif-detectcancel")]),
    DifCode {
        name: "DIF_REGISTER_COINSTALLERS",
        value: DIF_REGISTER_COINSTALLERS,
        when_sent: "before installation completes; its default handler registers the device co-installers",
        device_info_data: DeviceInfoData::Required,
        class_co_installer: CLASS_CO_H,
        device_co_installer: rule(Invocation::NotInvoked, MayAct::DoesNotHandle, CO_NEUTRAL, "does not handle: since XP CoInstallers32 is deleted before this DIF, and its default handler is what registers them (UDF, SDK-RCD)"),
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_STANDARD, "NO_ERROR only after calling SetupDiRegisterCoDeviceInstallers itself"),
        default_handler: handler("SetupDiRegisterCoDeviceInstallers", true),
        class_install_params: None,
        status: DifStatus::Public,
        os: since_2000("Windows 2000 and later; since XP CoInstallers32 and EnumPropPages32 are deleted before it is delivered"),
        constraints: &[Constraint::HonourNoFileCopy, Constraint::CoInstallerValuesDeletedBefore, Constraint::FailureStopsInstall],
        sources: &[DocKey::DifPage("dif-register-coinstallers"), DocKey::SdkRegisterCoDeviceInstallers, DocKey::Udf],
    },
    DifCode {
        name: "DIF_ADDPROPERTYPAGE_ADVANCED",
        value: DIF_ADDPROPERTYPAGE_ADVANCED,
        when_sent: "the user opens the properties of a device (or of a setup class) in Device Manager or Control Panel",
        device_info_data: DeviceInfoData::Optional,
        class_co_installer: rule(Invocation::Always, MayAct::Handles, CO_NO_POST, "adds pages in pre-processing; not ERROR_DI_POSTPROCESSING_REQUIRED"),
        device_co_installer: rule(Invocation::WhenRegistered, MayAct::Handles, CO_NO_POST, "adds pages in pre-processing; not ERROR_DI_POSTPROCESSING_REQUIRED"),
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_STANDARD, "NO_ERROR if it supplied pages, otherwise ERROR_DI_DO_DEFAULT or a Win32 error"),
        default_handler: None,
        class_install_params: Some("SP_ADDPROPERTYPAGE_DATA (= SP_NEWDEVICEWIZARD_DATA)"),
        status: DifStatus::Public,
        os: since_2000("Windows 2000 and later; supplying pages this way is not recommended (class installers and co-installers are deprecated)"),
        constraints: &[Constraint::NoPostprocessing, Constraint::PageReplacementFlags, Constraint::ClassInstallerNoErrorIffSupplied, Constraint::CoInstallerWorkInPre],
        sources: &[DocKey::DifPage("dif-addpropertypage-advanced"), DocKey::DriverDoc("install/overview-of-device-property-pages")],
    },
    reserved("DIF_ADDPROPERTYPAGE_BASIC", DIF_ADDPROPERTYPAGE_BASIC, Some("SP_ADDPROPERTYPAGE_DATA (header comment)"), &[DocKey::DifPage("dif-addpropertypage-basic"), DocKey::Lj2win32]),
    header_only("DIF_RESERVED1", DIF_RESERVED1),
    DifCode {
        name: "DIF_TROUBLESHOOTER",
        value: DIF_TROUBLESHOOTER,
        when_sent: "the user presses \"Troubleshooter\" for a device in Device Manager",
        device_info_data: DeviceInfoData::Required,
        class_co_installer: rule(Invocation::Always, MayAct::Handles, CO_STANDARD, "NO_ERROR in pre if not handling; handles it in post: propagates the status it received (probably ERROR_DI_DO_DEFAULT) when supplying CHM/HTML or not fixing, NO_ERROR if it fixed the problem"),
        device_co_installer: rule(Invocation::WhenRegistered, MayAct::Handles, CO_STANDARD, "as for class co-installers: handled in post-processing"),
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_STANDARD, "ERROR_DI_DO_DEFAULT (supplied files, or did not fix), NO_ERROR (fixed), or a Win32 error"),
        default_handler: None,
        class_install_params: Some("SP_TROUBLESHOOTER_PARAMS"),
        status: DifStatus::Public,
        os: OsSupport {
            since: Some(WindowsVersion::Win2000),
            not_sent_from: Some(WindowsVersion::Vista),
            deprecated_in: None,
            note: "only Windows 2000, XP and Server 2003 (the OS has built-in troubleshooters)",
        },
        constraints: &[Constraint::CoInstallerWorkInPost],
        sources: &[DocKey::DifPage("dif-troubleshooter")],
    },
    DifCode {
        name: "DIF_POWERMESSAGEWAKE",
        value: DIF_POWERMESSAGEWAKE,
        when_sent: "the user opens device properties and the drivers support power management",
        device_info_data: DeviceInfoData::Required,
        class_co_installer: rule(Invocation::Always, MayAct::Handles, CO_STANDARD, "supplies text in post-processing, carefully, since an earlier installer may have set it"),
        device_co_installer: rule(Invocation::WhenRegistered, MayAct::Handles, CO_STANDARD, "supplies text in post-processing, carefully, since an earlier installer may have set it"),
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_STANDARD, "NO_ERROR if it supplied text, otherwise ERROR_DI_DO_DEFAULT or a Win32 error"),
        default_handler: None,
        class_install_params: Some("SP_POWERMESSAGEWAKE_PARAMS"),
        status: DifStatus::Public,
        os: since_2000("Windows 2000 and later"),
        constraints: &[Constraint::ClassInstallerNoErrorIffSupplied, Constraint::CoInstallerWorkInPost],
        sources: &[DocKey::DifPage("dif-powermessagewake")],
    },
    DifCode {
        name: "DIF_ADDREMOTEPROPERTYPAGE_ADVANCED",
        value: DIF_ADDREMOTEPROPERTYPAGE_ADVANCED,
        when_sent: "undocumented (remote-machine variant of property pages)",
        device_info_data: DeviceInfoData::NotDocumented,
        class_co_installer: rule(Invocation::Always, MayAct::Undocumented, CO_NEUTRAL, "no page; the generic rule for unrecognised codes applies (NO_ERROR)"),
        device_co_installer: rule(Invocation::WhenRegistered, MayAct::Undocumented, CO_NEUTRAL, "no page; ROS treats it like DIF_ADDPROPERTYPAGE_ADVANCED [inference]"),
        class_installer: rule(Invocation::Always, MayAct::Undocumented, CI_NEUTRAL, "no page; the generic rule for unrecognised codes applies (ERROR_DI_DO_DEFAULT)"),
        default_handler: None,
        class_install_params: Some("SP_ADDPROPERTYPAGE_DATA (header comment)"),
        status: DifStatus::Undocumented,
        os: OsSupport { since: None, not_sent_from: None, deprecated_in: None, note: "no documentation page" },
        constraints: &[],
        sources: &[DocKey::Lj2win32, DocKey::ReactOs],
    },
    reserved("DIF_UPDATEDRIVER_UI", DIF_UPDATEDRIVER_UI, None, &[DocKey::DifPage("dif-updatedriver-ui"), DocKey::Log]),
    DifCode {
        name: "DIF_FINISHINSTALL_ACTION",
        value: DIF_FINISHINSTALL_ACTION,
        when_sent: "only for devices flagged with finish-install actions: Vista/7 - in the finish-install process in an administrator context (next admin logon while attached, reattach, \"Scan for hardware changes\"); Windows 8 and later - when an administrator completes \"Finish installing device software\" in Action Center",
        device_info_data: DeviceInfoData::Required,
        class_co_installer: rule(Invocation::Always, MayAct::Handles, CO_STANDARD, "NO_ERROR (done, nothing to do, or can never succeed) or a Win32 error (try again later); never ERROR_DI_DO_DEFAULT"),
        device_co_installer: rule(Invocation::WhenRegistered, MayAct::Handles, CO_STANDARD, "NO_ERROR (done, nothing to do, or can never succeed) or a Win32 error (try again later); never ERROR_DI_DO_DEFAULT"),
        class_installer: rule(Invocation::Always, MayAct::Handles, CI_STANDARD, "ERROR_DI_DO_DEFAULT (done / nothing / can never succeed) or a Win32 error (retry); NO_ERROR discouraged by the DIF page, allowed by IFA/RFA [conflict]"),
        default_handler: Some(DefaultHandler {
            function: "SetupDiFinishInstallAction",
            removed_in: Some(WindowsVersion::Win8),
            requires_admin: false,
        }),
        class_install_params: None,
        status: DifStatus::Public,
        os: OsSupport {
            since: Some(WindowsVersion::Vista),
            not_sent_from: None,
            deprecated_in: None,
            note: "the page's Requirements say Vista through Windows 7, but its body and HFA describe delivery on Windows 8 and later [conflict]",
        },
        constraints: &[
            Constraint::CoInstallerNeverDoDefault,
            Constraint::ClassInstallerNoErrorDiscouraged,
            Constraint::InteractiveAdminContext,
            Constraint::RetryBehaviourDependsOnOs,
        ],
        sources: &[DocKey::DifPage("dif-finishinstall-action"), DocKey::Hfa, DocKey::Rfa, DocKey::Dfa, DocKey::PvFinishInstallAction],
    },
    header_only("DIF_RESERVED2", DIF_RESERVED2),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::behavior::{Pass, Role};
    use crate::catalog::{ERROR_DI_DO_DEFAULT, ERROR_DI_POSTPROCESSING_REQUIRED, NO_ERROR};

    #[test]
    fn table_has_43_rows_in_value_order_with_unique_names() {
        assert_eq!(DIF_TABLE.len(), 43);
        for pair in DIF_TABLE.windows(2) {
            assert!(
                pair[0].value < pair[1].value,
                "{} before {}",
                pair[0].name,
                pair[1].name
            );
        }
        for (i, a) in DIF_TABLE.iter().enumerate() {
            assert!(a.name.starts_with("DIF_"), "{}", a.name);
            assert!(DIF_TABLE[i + 1..].iter().all(|b| b.name != a.name));
        }
    }

    #[test]
    fn co_installers_never_set_do_default_and_class_installers_never_request_post() {
        for dif in DIF_TABLE {
            for role in [Role::ClassCoInstaller, Role::DeviceCoInstaller] {
                assert!(
                    !dif.role(role)
                        .returns
                        .allows(ERROR_DI_DO_DEFAULT, Pass::Pre),
                    "{}",
                    dif.name
                );
            }
            let ci = &dif.class_installer.returns;
            assert!(
                !ci.allows(ERROR_DI_POSTPROCESSING_REQUIRED, Pass::Pre),
                "{}",
                dif.name
            );
            assert!(
                ci.allows(ERROR_DI_DO_DEFAULT, Pass::Pre),
                "{}: DO_DEFAULT is always allowed",
                dif.name
            );
        }
    }

    #[test]
    fn no_postprocessing_constraint_matches_the_return_sets() {
        for dif in DIF_TABLE {
            let forbidden = dif.has(Constraint::NoPostprocessing);
            let allowed = dif
                .class_co_installer
                .returns
                .allows(ERROR_DI_POSTPROCESSING_REQUIRED, Pass::Pre);
            if dif.is_vendor_handleable() && dif.class_co_installer.may_act == MayAct::Handles {
                assert_eq!(forbidden, !allowed, "{}", dif.name);
            }
        }
        let names: Vec<_> = DIF_TABLE
            .iter()
            .filter(|d| d.has(Constraint::NoPostprocessing))
            .map(|d| d.name)
            .collect();
        assert_eq!(
            names,
            [
                "DIF_ALLOW_INSTALL",
                "DIF_REGISTERDEVICE",
                "DIF_ADDPROPERTYPAGE_ADVANCED"
            ]
        );
    }

    #[test]
    fn reserved_codes_allow_only_the_neutral_values() {
        for dif in DIF_TABLE
            .iter()
            .filter(|d| !d.is_vendor_handleable() && d.status != DifStatus::Undocumented)
        {
            assert!(dif.class_co_installer.returns.allows(NO_ERROR, Pass::Pre));
            assert!(
                !dif.class_co_installer.returns.allows(5, Pass::Pre),
                "{}",
                dif.name
            );
            assert!(
                !dif.class_installer.returns.allows(NO_ERROR, Pass::Pre),
                "{}",
                dif.name
            );
            assert!(dif.default_handler.is_none());
        }
    }

    #[test]
    fn default_handlers_are_the_eleven_of_the_cdh_table() {
        let mut handlers: Vec<_> = DIF_TABLE
            .iter()
            .filter_map(|d| d.default_handler.map(|h| h.function))
            .collect();
        handlers.sort_unstable();
        assert_eq!(
            handlers,
            [
                "SetupDiChangeState",
                "SetupDiFinishInstallAction",
                "SetupDiInstallDevice",
                "SetupDiInstallDeviceInterfaces",
                "SetupDiInstallDriverFiles",
                "SetupDiRegisterCoDeviceInstallers",
                "SetupDiRegisterDeviceInfo",
                "SetupDiRemoveDevice",
                "SetupDiSelectBestCompatDrv",
                "SetupDiSelectDevice",
                "SetupDiUnremoveDevice",
            ]
        );
    }

    #[test]
    fn device_co_installers_excluded_by_cop() {
        let excluded: Vec<_> = DIF_TABLE
            .iter()
            .filter(|d| d.device_co_installer.invoked == Invocation::NotInvoked)
            .map(|d| d.name)
            .collect();
        assert_eq!(
            excluded,
            [
                "DIF_FIRSTTIMESETUP",
                "DIF_DETECT",
                "DIF_INSTALLDEVICEFILES",
                "DIF_SELECTBESTCOMPATDRV",
                "DIF_ALLOW_INSTALL",
                "DIF_NEWDEVICEWIZARD_PRESELECT",
                "DIF_NEWDEVICEWIZARD_SELECT",
                "DIF_NEWDEVICEWIZARD_PREANALYZE",
                "DIF_NEWDEVICEWIZARD_POSTANALYZE",
                "DIF_REGISTER_COINSTALLERS",
            ]
        );
    }
}
