//! The catalogue against Microsoft's own metadata (`windows-sys`, generated from the Win32
//! metadata): every value the catalogue holds that windows-sys also has must agree, and every
//! catalogue entry windows-sys lacks is listed here by name, so that a gap cannot hide.

use dif_model::catalog::{
    self, dif_by_name, dif_by_sdk_name, dif_by_value, difs, flag_by_name, install_flags, parse_dif,
    return_code_by_name, return_code_by_value, return_codes, setup_class_by_guid,
    setup_class_by_name, setup_classes, FlagField, Guid,
};
use windows_sys::Win32::Devices::DeviceAndDriverInstallation as di;
use windows_sys::Win32::Foundation as foundation;

/// Pairs of (catalogue name, windows-sys value), built from the constant's identifier.
macro_rules! named {
    ($module:ident :: { $($name:ident),* $(,)? }) => {
        [$((stringify!($name), $module::$name as u32)),*]
    };
}

#[test]
fn all_43_dif_codes_match_windows_sys() {
    let expected = named!(di::{
        DIF_SELECTDEVICE, DIF_INSTALLDEVICE, DIF_ASSIGNRESOURCES, DIF_PROPERTIES, DIF_REMOVE,
        DIF_FIRSTTIMESETUP, DIF_FOUNDDEVICE, DIF_SELECTCLASSDRIVERS, DIF_VALIDATECLASSDRIVERS,
        DIF_INSTALLCLASSDRIVERS, DIF_CALCDISKSPACE, DIF_DESTROYPRIVATEDATA, DIF_VALIDATEDRIVER,
        DIF_MOVEDEVICE, DIF_DETECT, DIF_INSTALLWIZARD, DIF_DESTROYWIZARDDATA, DIF_PROPERTYCHANGE,
        DIF_ENABLECLASS, DIF_DETECTVERIFY, DIF_INSTALLDEVICEFILES, DIF_UNREMOVE,
        DIF_SELECTBESTCOMPATDRV, DIF_ALLOW_INSTALL, DIF_REGISTERDEVICE,
        DIF_NEWDEVICEWIZARD_PRESELECT, DIF_NEWDEVICEWIZARD_SELECT, DIF_NEWDEVICEWIZARD_PREANALYZE,
        DIF_NEWDEVICEWIZARD_POSTANALYZE, DIF_NEWDEVICEWIZARD_FINISHINSTALL, DIF_UNUSED1,
        DIF_INSTALLINTERFACES, DIF_DETECTCANCEL, DIF_REGISTER_COINSTALLERS,
        DIF_ADDPROPERTYPAGE_ADVANCED, DIF_ADDPROPERTYPAGE_BASIC, DIF_RESERVED1, DIF_TROUBLESHOOTER,
        DIF_POWERMESSAGEWAKE, DIF_ADDREMOTEPROPERTYPAGE_ADVANCED, DIF_UPDATEDRIVER_UI,
        DIF_FINISHINSTALL_ACTION, DIF_RESERVED2,
    });
    assert_eq!(expected.len(), 43);
    assert_eq!(difs().len(), 43);
    for (name, value) in expected {
        let row =
            dif_by_sdk_name(name).unwrap_or_else(|| panic!("{name} missing from the catalogue"));
        assert_eq!(row.value, value, "{name}");
        assert_eq!(dif_by_value(value).map(|d| d.name), Some(name));
    }
    // The named constants module agrees with the rows.
    assert_eq!(
        catalog::dif_codes::DIF_FINISHINSTALL_ACTION,
        di::DIF_FINISHINSTALL_ACTION
    );
    assert_eq!(catalog::dif_codes::DIF_RESERVED2, di::DIF_RESERVED2);
}

#[test]
fn dif_lookups_by_name_and_number() {
    let install = dif_by_value(2).expect("DIF_INSTALLDEVICE");
    for spelling in [
        "DIF_INSTALLDEVICE",
        "dif_installdevice",
        "InstallDevice",
        " installdevice ",
    ] {
        assert_eq!(
            dif_by_name(spelling).map(|d| d.value),
            Some(2),
            "{spelling:?}"
        );
    }
    assert_eq!(
        dif_by_name("allow-install").map(|d| d.name),
        Some("DIF_ALLOW_INSTALL")
    );
    assert_eq!(
        dif_by_name("register_coinstallers").map(|d| d.value),
        Some(0x22)
    );
    assert!(dif_by_name("DIF_").is_none());
    assert!(dif_by_name("NOTADIF").is_none());
    assert!(
        dif_by_sdk_name("REMOVE").is_none(),
        "exact lookup needs the prefix"
    );
    assert_eq!(install.name, "DIF_INSTALLDEVICE");
    assert_eq!(parse_dif("0x2A"), Some(0x2A));
    assert_eq!(parse_dif("42"), Some(42));
    assert_eq!(parse_dif("finishinstall_action"), Some(42));
    assert_eq!(
        parse_dif("0xdeadbeef"),
        Some(0xdead_beef),
        "unknown codes pass through"
    );
    assert_eq!(parse_dif("nonsense"), None);
    assert!(dif_by_value(0x2B).is_none());
    assert_eq!(catalog::dif_display_name(0x31), "unknown DIF 0x31");
}

#[test]
fn return_codes_match_windows_sys() {
    let expected = named!(foundation::{
        NO_ERROR, ERROR_DI_DO_DEFAULT, ERROR_DI_NOFILECOPY, ERROR_DI_POSTPROCESSING_REQUIRED,
        ERROR_DUPLICATE_FOUND, ERROR_DI_BAD_PATH, ERROR_DI_DONT_INSTALL, ERROR_NON_WINDOWS_NT_DRIVER,
        ERROR_NON_WINDOWS_DRIVER, ERROR_INVALID_CLASS_INSTALLER, ERROR_INVALID_COINSTALLER,
        ERROR_NO_COMPAT_DRIVERS, ERROR_IN_WOW64, ERROR_DI_FUNCTION_OBSOLETE,
        ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION,
    });
    assert_eq!(
        return_codes().len(),
        expected.len(),
        "every catalogued return code is checked"
    );
    for (name, value) in expected {
        assert_eq!(
            return_code_by_name(name).map(|c| c.value),
            Some(value),
            "{name}"
        );
        assert_eq!(
            return_code_by_value(value).map(|c| c.name),
            Some(name),
            "{name}"
        );
    }
    assert_eq!(
        catalog::ERROR_DI_DO_DEFAULT,
        foundation::ERROR_DI_DO_DEFAULT
    );
    assert_eq!(
        catalog::APPLICATION_ERROR_MASK,
        windows_sys::Win32::System::SystemServices::APPLICATION_ERROR_MASK
    );
    assert_eq!(
        catalog::ERROR_SEVERITY_ERROR,
        windows_sys::Win32::System::SystemServices::ERROR_SEVERITY_ERROR
    );
}

#[test]
fn install_flags_match_windows_sys() {
    let flags = named!(di::{
        DI_SHOWOEM, DI_SHOWCOMPAT, DI_SHOWCLASS, DI_SHOWALL, DI_NOVCP, DI_DIDCOMPAT, DI_DIDCLASS,
        DI_AUTOASSIGNRES, DI_NEEDRESTART, DI_NEEDREBOOT, DI_NOBROWSE, DI_MULTMFGS, DI_DISABLED,
        DI_GENERALPAGE_ADDED, DI_RESOURCEPAGE_ADDED, DI_PROPERTIES_CHANGE, DI_INF_IS_SORTED,
        DI_ENUMSINGLEINF, DI_DONOTCALLCONFIGMG, DI_INSTALLDISABLED, DI_COMPAT_FROM_CLASS,
        DI_CLASSINSTALLPARAMS, DI_NODI_DEFAULTACTION, DI_QUIETINSTALL, DI_NOFILECOPY, DI_FORCECOPY,
        DI_DRIVERPAGE_ADDED, DI_USECI_SELECTSTRINGS, DI_OVERRIDE_INFFLAGS, DI_PROPS_NOCHANGEUSAGE,
        DI_NOSELECTICONS, DI_NOWRITE_IDS,
    });
    let flags_ex = named!(di::{
        DI_FLAGSEX_RESERVED2, DI_FLAGSEX_RESERVED3, DI_FLAGSEX_CI_FAILED,
        DI_FLAGSEX_FINISHINSTALL_ACTION, DI_FLAGSEX_DIDINFOLIST, DI_FLAGSEX_DIDCOMPATINFO,
        DI_FLAGSEX_FILTERCLASSES, DI_FLAGSEX_SETFAILEDINSTALL, DI_FLAGSEX_DEVICECHANGE,
        DI_FLAGSEX_ALWAYSWRITEIDS, DI_FLAGSEX_PROPCHANGE_PENDING, DI_FLAGSEX_ALLOWEXCLUDEDDRVS,
        DI_FLAGSEX_NOUIONQUERYREMOVE, DI_FLAGSEX_USECLASSFORCOMPAT, DI_FLAGSEX_RESERVED4,
        DI_FLAGSEX_NO_DRVREG_MODIFY, DI_FLAGSEX_IN_SYSTEM_SETUP, DI_FLAGSEX_INET_DRIVER,
        DI_FLAGSEX_APPENDDRIVERLIST, DI_FLAGSEX_PREINSTALLBACKUP, DI_FLAGSEX_BACKUPONREPLACE,
        DI_FLAGSEX_DRIVERLIST_FROM_URL, DI_FLAGSEX_RESERVED1, DI_FLAGSEX_EXCLUDE_OLD_INET_DRIVERS,
        DI_FLAGSEX_POWERPAGE_ADDED, DI_FLAGSEX_FILTERSIMILARDRIVERS, DI_FLAGSEX_INSTALLEDDRIVER,
        DI_FLAGSEX_NO_CLASSLIST_NODE_MERGE, DI_FLAGSEX_ALTPLATFORM_DRVSEARCH,
        DI_FLAGSEX_RESTART_DEVICE_ONLY, DI_FLAGSEX_RECURSIVESEARCH,
        DI_FLAGSEX_SEARCH_PUBLISHED_INFS,
    });
    assert_eq!(
        install_flags().len(),
        flags.len() + flags_ex.len(),
        "every catalogued flag is checked"
    );
    for (field, list) in [
        (FlagField::Flags, &flags[..]),
        (FlagField::FlagsEx, &flags_ex[..]),
    ] {
        for &(name, value) in list {
            let flag = flag_by_name(name).unwrap_or_else(|| panic!("{name} missing"));
            assert_eq!((flag.value, flag.field), (value, field), "{name}");
        }
    }
    assert_eq!(catalog::DI_NODI_DEFAULTACTION, di::DI_NODI_DEFAULTACTION);
    assert_eq!(
        catalog::DI_FLAGSEX_SETFAILEDINSTALL,
        di::DI_FLAGSEX_SETFAILEDINSTALL
    );
    assert_eq!(
        catalog::DI_FLAGSEX_FINISHINSTALL_ACTION,
        di::DI_FLAGSEX_FINISHINSTALL_ACTION
    );
}

#[test]
fn addreg_flags_and_limits_match_windows_sys() {
    let checked = named!(di::{
        FLG_ADDREG_TYPE_SZ, FLG_ADDREG_BINVALUETYPE, FLG_ADDREG_NOCLOBBER, FLG_ADDREG_DELVAL,
        FLG_ADDREG_APPEND, FLG_ADDREG_KEYONLY, FLG_ADDREG_OVERWRITEONLY, FLG_ADDREG_64BITKEY,
        FLG_ADDREG_32BITKEY, FLG_ADDREG_TYPE_MULTI_SZ, FLG_ADDREG_TYPE_EXPAND_SZ,
    });
    // windows-sys 0.59 has no FLG_ADDREG_TYPE_DWORD / FLG_ADDREG_TYPE_MASK: checked by value here.
    let unchecked = ["FLG_ADDREG_TYPE_DWORD", "FLG_ADDREG_TYPE_MASK"];
    let table = catalog::addreg_flags();
    assert_eq!(table.len(), checked.len() + unchecked.len());
    for (name, value) in checked {
        assert_eq!(
            table.iter().find(|f| f.name == name).map(|f| f.value),
            Some(value),
            "{name}"
        );
    }
    assert_eq!(
        catalog::FLG_ADDREG_TYPE_DWORD,
        catalog::FLG_ADDREG_TYPE_MULTI_SZ | catalog::FLG_ADDREG_BINVALUETYPE
    );
    assert_eq!(
        catalog::MAX_INSTALLWIZARD_DYNAPAGES,
        di::MAX_INSTALLWIZARD_DYNAPAGES
    );
}

/// Reads a NUL-terminated UTF-16 string constant of windows-sys.
fn wide(p: windows_sys::core::PCWSTR) -> String {
    let mut units = Vec::new();
    // SAFETY: windows-sys `w!` constants point at static, NUL-terminated UTF-16 arrays.
    unsafe {
        let mut q = p;
        while *q != 0 {
            units.push(*q);
            q = q.add(1);
        }
    }
    String::from_utf16(&units).expect("valid UTF-16")
}

#[test]
fn registry_names_match_windows_sys() {
    use windows_sys::Win32::System::Registry as reg;
    let expected = [
        (
            "REGSTR_VAL_COINSTALLERS_32",
            wide(reg::REGSTR_VAL_COINSTALLERS_32),
        ),
        (
            "REGSTR_VAL_INSTALLER_32",
            wide(reg::REGSTR_VAL_INSTALLER_32),
        ),
        (
            "REGSTR_VAL_ENUMPROPPAGES_32",
            wide(reg::REGSTR_VAL_ENUMPROPPAGES_32),
        ),
        (
            "REGSTR_PATH_CODEVICEINSTALLERS",
            wide(reg::REGSTR_PATH_CODEVICEINSTALLERS),
        ),
    ];
    assert_eq!(catalog::registry_names().len(), expected.len());
    for (macro_name, value) in expected {
        let row = catalog::registry_names()
            .iter()
            .find(|r| r.macro_name == macro_name)
            .expect(macro_name);
        assert_eq!(row.value, value, "{macro_name}");
    }
}

#[test]
fn setup_class_guids_match_windows_sys() {
    let checked = [
        ("1394", di::GUID_DEVCLASS_1394),
        ("1394Debug", di::GUID_DEVCLASS_1394DEBUG),
        ("61883", di::GUID_DEVCLASS_61883),
        ("Adapter", di::GUID_DEVCLASS_ADAPTER),
        ("APMSupport", di::GUID_DEVCLASS_APMSUPPORT),
        ("AVC", di::GUID_DEVCLASS_AVC),
        ("Battery", di::GUID_DEVCLASS_BATTERY),
        ("Biometric", di::GUID_DEVCLASS_BIOMETRIC),
        ("Bluetooth", di::GUID_DEVCLASS_BLUETOOTH),
        ("Camera", di::GUID_DEVCLASS_CAMERA),
        ("CDROM", di::GUID_DEVCLASS_CDROM),
        ("Computer", di::GUID_DEVCLASS_COMPUTER),
        ("Decoder", di::GUID_DEVCLASS_DECODER),
        ("DiskDrive", di::GUID_DEVCLASS_DISKDRIVE),
        ("Display", di::GUID_DEVCLASS_DISPLAY),
        ("Dot4", di::GUID_DEVCLASS_DOT4),
        ("Dot4Print", di::GUID_DEVCLASS_DOT4PRINT),
        ("Enum1394", di::GUID_DEVCLASS_ENUM1394),
        ("Extension", di::GUID_DEVCLASS_EXTENSION),
        ("FDC", di::GUID_DEVCLASS_FDC),
        ("FloppyDisk", di::GUID_DEVCLASS_FLOPPYDISK),
        ("HDC", di::GUID_DEVCLASS_HDC),
        ("HIDClass", di::GUID_DEVCLASS_HIDCLASS),
        ("Image", di::GUID_DEVCLASS_IMAGE),
        ("Infrared", di::GUID_DEVCLASS_INFRARED),
        ("Keyboard", di::GUID_DEVCLASS_KEYBOARD),
        ("LegacyDriver", di::GUID_DEVCLASS_LEGACYDRIVER),
        ("Media", di::GUID_DEVCLASS_MEDIA),
        ("MediumChanger", di::GUID_DEVCLASS_MEDIUM_CHANGER),
        ("Modem", di::GUID_DEVCLASS_MODEM),
        ("Monitor", di::GUID_DEVCLASS_MONITOR),
        ("Mouse", di::GUID_DEVCLASS_MOUSE),
        ("MTD", di::GUID_DEVCLASS_MTD),
        ("Multifunction", di::GUID_DEVCLASS_MULTIFUNCTION),
        ("MultiportSerial", di::GUID_DEVCLASS_MULTIPORTSERIAL),
        ("Net", di::GUID_DEVCLASS_NET),
        ("NetClient", di::GUID_DEVCLASS_NETCLIENT),
        ("NetService", di::GUID_DEVCLASS_NETSERVICE),
        ("NetTrans", di::GUID_DEVCLASS_NETTRANS),
        ("NoDriver", di::GUID_DEVCLASS_NODRIVER),
        ("PCMCIA", di::GUID_DEVCLASS_PCMCIA),
        ("PNPPrinters", di::GUID_DEVCLASS_PNPPRINTERS),
        ("Ports", di::GUID_DEVCLASS_PORTS),
        ("Printer", di::GUID_DEVCLASS_PRINTER),
        ("PrinterUpgrade", di::GUID_DEVCLASS_PRINTERUPGRADE),
        ("PrintQueue", di::GUID_DEVCLASS_PRINTQUEUE),
        ("Processor", di::GUID_DEVCLASS_PROCESSOR),
        ("SBP2", di::GUID_DEVCLASS_SBP2),
        ("SCSIAdapter", di::GUID_DEVCLASS_SCSIADAPTER),
        ("SecurityAccelerator", di::GUID_DEVCLASS_SECURITYACCELERATOR),
        ("Sensor", di::GUID_DEVCLASS_SENSOR),
        ("SmartCardReader", di::GUID_DEVCLASS_SMARTCARDREADER),
        ("SoftwareComponent", di::GUID_DEVCLASS_SOFTWARECOMPONENT),
        ("Sound", di::GUID_DEVCLASS_SOUND),
        ("System", di::GUID_DEVCLASS_SYSTEM),
        ("TapeDrive", di::GUID_DEVCLASS_TAPEDRIVE),
        ("Unknown", di::GUID_DEVCLASS_UNKNOWN),
        ("USB", di::GUID_DEVCLASS_USB),
        ("Volume", di::GUID_DEVCLASS_VOLUME),
        ("VolumeSnapshot", di::GUID_DEVCLASS_VOLUMESNAPSHOT),
        ("WCEUSBS", di::GUID_DEVCLASS_WCEUSBS),
        ("WPD", di::GUID_DEVCLASS_WPD),
    ];
    // Classes of dif-model.md §5 for which windows-sys 0.59 has no GUID_DEVCLASS_* constant.
    let not_in_windows_sys = [
        "AudioProcessingObject",
        "Securitydevices",
        "NvmeDisk",
        "USBDevice",
        "SoftwareDevice",
        "AudioEndpoint",
    ];
    assert_eq!(
        setup_classes().len(),
        checked.len() + not_in_windows_sys.len()
    );
    for (name, guid) in checked {
        let class = setup_class_by_name(name).unwrap_or_else(|| panic!("{name} missing"));
        let g: Guid = class.guid;
        assert_eq!(
            (g.data1(), g.data2(), g.data3(), g.data4()),
            (guid.data1, guid.data2, guid.data3, guid.data4),
            "{name}"
        );
        // Lookup by GUID text, upper case and without braces, finds the same row.
        let text = g.to_string().trim_matches(['{', '}']).to_ascii_uppercase();
        assert_eq!(setup_class_by_guid(&text).map(|c| c.name), Some(name));
    }
    for name in not_in_windows_sys {
        assert!(setup_class_by_name(name).is_some(), "{name}");
    }
}

#[test]
fn every_dif_row_cites_its_page_or_header() {
    for dif in difs() {
        assert!(!dif.sources.is_empty(), "{}", dif.name);
        if let Some(page) = dif.doc_page() {
            let url = page.url().expect("driver pages have addresses");
            assert!(
                url.starts_with(
                    "https://learn.microsoft.com/windows-hardware/drivers/install/dif-"
                ),
                "{url}"
            );
            // The page slug is the DIF name in lower case with `-` for `_`.
            let slug = dif.name.to_ascii_lowercase().replace('_', "-");
            assert!(url.ends_with(&slug), "{} -> {url}", dif.name);
        }
    }
    let without_page: Vec<_> = difs()
        .iter()
        .filter(|d| d.doc_page().is_none())
        .map(|d| d.name)
        .collect();
    assert_eq!(
        without_page,
        [
            "DIF_UNUSED1",
            "DIF_RESERVED1",
            "DIF_ADDREMOTEPROPERTYPAGE_ADVANCED",
            "DIF_RESERVED2"
        ]
    );
}
