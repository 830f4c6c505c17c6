//! The static DIF catalogue: DIF codes, return codes, install-parameter flags, registry names and
//! system setup classes, each row carrying the documents it rests on.
//!
//! Everything here is data transcribed from `dif-model.md` (§1, §2.4–§2.6, §3.6, §5), which in turn
//! cites Microsoft's documentation and the SDK headers; the numeric values are cross-checked
//! against Microsoft's `windows-sys` crate in `tests/catalog.rs`. This module is the one source of
//! truth for those facts: the dispatch simulation and the lint rules read it instead of keeping
//! their own lists.

mod classes;
mod dif;
mod dif_table;
mod docs;
mod flags;
mod os;
mod registry;
mod returns;

pub use classes::{
    setup_class_by_guid, setup_class_by_name, setup_classes, ClassAvailability, ClassInstallerDoc,
    Guid, SetupClass,
};
pub use dif::{
    dif_by_name, dif_by_sdk_name, dif_by_value, dif_display_name, difs, parse_dif, AllowedReturns,
    Constraint, DefaultHandler, DeviceInfoData, DifCode, DifStatus, Invocation, MayAct, OsSupport,
    RoleRule,
};
pub use docs::DocKey;
pub use flags::{
    decompose_flags, flag_by_name, flags_by_value, install_flags, FlagAccess, FlagField,
    InstallFlag, DI_CLASSINSTALLPARAMS, DI_DONOTCALLCONFIGMG, DI_FLAGSEX_CI_FAILED,
    DI_FLAGSEX_FINISHINSTALL_ACTION, DI_FLAGSEX_PROPCHANGE_PENDING, DI_FLAGSEX_SETFAILEDINSTALL,
    DI_INSTALLDISABLED, DI_NEEDREBOOT, DI_NEEDRESTART, DI_NODI_DEFAULTACTION, DI_NOFILECOPY,
    DI_NOVCP, DI_QUIETINSTALL, DI_USECI_SELECTSTRINGS, FLAG_SOURCES,
};
pub use os::{UnknownWindowsVersion, WindowsVersion};
pub use registry::{
    addreg_flags, addreg_value_type, registry_names, AddRegFlag, RegistryName,
    DEFAULT_CLASS_INSTALLER_ENTRY, DEFAULT_CO_INSTALLER_ENTRY, FLG_ADDREG_32BITKEY,
    FLG_ADDREG_64BITKEY, FLG_ADDREG_APPEND, FLG_ADDREG_BINVALUETYPE, FLG_ADDREG_DELVAL,
    FLG_ADDREG_KEYONLY, FLG_ADDREG_NOCLOBBER, FLG_ADDREG_OVERWRITEONLY, FLG_ADDREG_TYPE_DWORD,
    FLG_ADDREG_TYPE_EXPAND_SZ, FLG_ADDREG_TYPE_MASK, FLG_ADDREG_TYPE_MULTI_SZ, FLG_ADDREG_TYPE_SZ,
    MAX_INSTALLWIZARD_DYNAPAGES, REGISTRY_SOURCES, REGSTR_PATH_CODEVICEINSTALLERS,
    REGSTR_VAL_COINSTALLERS_32, REGSTR_VAL_ENUMPROPPAGES_32, REGSTR_VAL_INSTALLER_32,
};
pub use returns::{
    return_code_by_name, return_code_by_sdk_name, return_code_by_value, return_codes, status_name,
    ReturnCode, APPLICATION_ERROR_MASK, ERROR_DI_BAD_PATH, ERROR_DI_DONT_INSTALL,
    ERROR_DI_DO_DEFAULT, ERROR_DI_FUNCTION_OBSOLETE, ERROR_DI_NOFILECOPY,
    ERROR_DI_POSTPROCESSING_REQUIRED, ERROR_DUPLICATE_FOUND, ERROR_INVALID_CLASS_INSTALLER,
    ERROR_INVALID_COINSTALLER, ERROR_IN_WOW64, ERROR_NON_WINDOWS_DRIVER,
    ERROR_NON_WINDOWS_NT_DRIVER, ERROR_NO_COMPAT_DRIVERS, ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION,
    ERROR_SEVERITY_ERROR, NO_ERROR,
};

pub(crate) use dif::DIF_SPECIFIC_CODES;

/// Numeric DIF code constants (`DI_FUNCTION` values, dif-model.md §1.4), for code that names a
/// specific DIF. The full rows are in [`difs`].
pub mod dif_codes {
    pub use super::dif_table::codes::*;
}
