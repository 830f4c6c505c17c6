//! The types of the DIF catalogue and its lookups; the rows themselves are in `dif_table`.

use serde::Serialize;

use super::dif_table::DIF_TABLE;
use super::docs::DocKey;
use super::os::WindowsVersion;
use super::returns::{
    ERROR_DI_BAD_PATH, ERROR_DI_DO_DEFAULT, ERROR_DI_POSTPROCESSING_REQUIRED,
    ERROR_DUPLICATE_FOUND, NO_ERROR,
};
use crate::behavior::{Pass, Role};

/// One DIF code: a row of dif-model.md §1.4–§1.6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DifCode {
    /// The SDK name, e.g. `DIF_INSTALLDEVICE`.
    pub name: &'static str,
    /// The `DI_FUNCTION` value.
    pub value: u32,
    /// When Windows sends it ("When sent" on the DIF page).
    pub when_sent: &'static str,
    /// Whether the `DeviceInfoData` argument is given.
    pub device_info_data: DeviceInfoData,
    /// What the DIF means for class co-installers.
    pub class_co_installer: RoleRule,
    /// What the DIF means for device co-installers.
    pub device_co_installer: RoleRule,
    /// What the DIF means for the class installer.
    pub class_installer: RoleRule,
    /// The default handler SetupDiCallClassInstaller runs on `ERROR_DI_DO_DEFAULT`, if any.
    pub default_handler: Option<DefaultHandler>,
    /// The class-install-params structure that goes with the DIF, if any.
    pub class_install_params: Option<&'static str>,
    /// Public, reserved, obsolete, … (PV-DIF and the DIF pages).
    pub status: DifStatus,
    /// Which Windows versions send it.
    pub os: OsSupport,
    /// DIF-specific rules that lint rules and the dispatch simulation check.
    pub constraints: &'static [Constraint],
    /// The documents the row is taken from.
    pub sources: &'static [DocKey],
}

/// Whether a DIF is sent with a `DeviceInfoData` (dif-model.md §1.5 "DID", §2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeviceInfoData {
    /// Always sent for one device.
    Required,
    /// Sometimes for a device, sometimes for the set (then the set's class is used).
    Optional,
    /// Always sent without a device; the set has an associated class.
    Null,
    /// Not documented (reserved, obsolete and header-only codes).
    NotDocumented,
}

/// How a DIF code is classified by the documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DifStatus {
    /// Vendors' installers may handle it.
    Public,
    /// Reserved for system use; vendor installers must not handle it.
    Reserved,
    /// Reserved, except for vendors of non-PnP devices that must be detected (DIF_FIRSTTIMESETUP).
    ReservedExceptNonPnpDetection,
    /// Obsolete; not sent by any supported Windows.
    Obsolete,
    /// Defined in the SDK header only; no documentation page.
    HeaderOnly,
    /// Defined in the header with a hint of its purpose but no documentation page.
    Undocumented,
}

/// Which Windows versions send a DIF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OsSupport {
    /// First version that sends it, when documented.
    pub since: Option<WindowsVersion>,
    /// First version that no longer sends it.
    pub not_sent_from: Option<WindowsVersion>,
    /// Version from which the documentation calls it deprecated.
    pub deprecated_in: Option<WindowsVersion>,
    /// The status wording of the DIF page.
    pub note: &'static str,
}

impl OsSupport {
    /// Whether the given Windows version sends the DIF, as far as the documentation says.
    /// Codes without a documented first version (reserved, header-only) count as sent.
    pub fn is_sent_on(&self, windows: WindowsVersion) -> bool {
        at_or_after(self.since, windows) && before(self.not_sent_from, windows)
    }
}

/// `windows` is at or after `since` (no bound: true).
fn at_or_after(since: Option<WindowsVersion>, windows: WindowsVersion) -> bool {
    match since {
        Some(v) => v <= windows,
        None => true,
    }
}

/// `windows` is before `until` (no bound: true).
fn before(until: Option<WindowsVersion>, windows: WindowsVersion) -> bool {
    match until {
        Some(v) => windows < v,
        None => true,
    }
}

/// The default handler of a DIF (CDH table, dif-model.md §2.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DefaultHandler {
    /// The SetupAPI function, e.g. `SetupDiInstallDevice`.
    pub function: &'static str,
    /// The Windows version from which the handler no longer exists (SetupDiFinishInstallAction
    /// was removed in Windows 8).
    pub removed_in: Option<WindowsVersion>,
    /// The function's reference page says the caller must be an administrator (§2.5).
    pub requires_admin: bool,
}

impl DefaultHandler {
    /// Whether the handler exists on the given Windows version.
    pub fn exists_on(&self, windows: WindowsVersion) -> bool {
        before(self.removed_in, windows)
    }
}

/// What a DIF means for one participant role: a cell group of dif-model.md §1.5 and §1.6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RoleRule {
    /// Whether SetupDiCallClassInstaller calls the role's entry points for this DIF (§2.4).
    pub invoked: Invocation,
    /// Whether the role may do real work for it ("Who handles" on the DIF page).
    pub may_act: MayAct,
    /// What the role may return (§1.6, with the generic rules of §2.6 for codes it ignores).
    pub returns: AllowedReturns,
    /// The role-specific wording the row rests on, when there is more to say.
    pub note: &'static str,
}

/// Whether a role's entry points are called for a DIF (dif-model.md §2.4, "invoked").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Invocation {
    /// Called for every SetupDiCallClassInstaller call with this DIF (class co-installers and the
    /// class installer are called for every DIF, unknown codes included: WINE-T).
    Always,
    /// Device co-installers: called when a `DeviceInfoData` is given and the device's
    /// co-installers are registered (COP).
    WhenRegistered,
    /// Not called for this DIF (COP lists the DIFs device co-installers do not take part in; UDF:
    /// since XP `CoInstallers32` is deleted before DIF_REGISTER_COINSTALLERS).
    NotInvoked,
}

/// Whether a role may act on a DIF ("Who handles" on the DIF page; dif-model.md §1.5 legend).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MayAct {
    /// "Can handle" (H).
    Handles,
    /// "Should not handle" (SN).
    ShouldNotHandle,
    /// "Does not handle" (—): not called at that point, or called but must only return the
    /// neutral value.
    DoesNotHandle,
    /// Reserved or obsolete code: vendor installers must not handle it (NR).
    Reserved,
    /// No documentation says (`?`).
    Undocumented,
}

impl MayAct {
    /// The documentation's wording ("can handle", "should not handle", …).
    pub fn label(self) -> &'static str {
        match self {
            MayAct::Handles => "can handle",
            MayAct::ShouldNotHandle => "should not handle",
            MayAct::DoesNotHandle => "does not handle",
            MayAct::Reserved => "reserved: must not handle",
            MayAct::Undocumented => "undocumented",
        }
    }
}

/// The set of values a role may return for a DIF (dif-model.md §1.6; §2.6 for the generic rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AllowedReturns {
    /// `NO_ERROR`.
    pub no_error: bool,
    /// `ERROR_DI_DO_DEFAULT` (class installers only; co-installers never *set* it).
    pub do_default: bool,
    /// `ERROR_DI_POSTPROCESSING_REQUIRED`, in the pre-processing pass (co-installers only).
    pub postprocessing_required: bool,
    /// Any Win32 error code (a failure or veto).
    pub win32_error: bool,
    /// Codes that are documented only for this DIF (`ERROR_DUPLICATE_FOUND`, `ERROR_DI_BAD_PATH`);
    /// outside their DIF they are flagged even where Win32 errors are allowed (RET-16).
    pub specific: &'static [u32],
    /// In post-processing, returning `Context->InstallResult` unchanged (CII: a co-installer may
    /// propagate the status it received, including ERROR_DI_DO_DEFAULT).
    pub propagate_install_result: bool,
}

/// Codes documented for exactly one DIF; see [`AllowedReturns::specific`].
pub(crate) const DIF_SPECIFIC_CODES: &[u32] = &[ERROR_DUPLICATE_FOUND, ERROR_DI_BAD_PATH];

impl AllowedReturns {
    /// Whether `value` is allowed in `pass` (`Pass::Pre` for a class installer's only call).
    ///
    /// POSTPROCESSING_REQUIRED is allowed only in the pre-pass (RET-08, an inference); in the
    /// post-pass a co-installer that may request post-processing may return NO_ERROR, a Win32
    /// error, or propagate what it received (checked by the caller, who knows `InstallResult`).
    pub fn allows(&self, value: u32, pass: Pass) -> bool {
        match value {
            NO_ERROR => self.no_error || (pass == Pass::Post && self.postprocessing_required),
            ERROR_DI_DO_DEFAULT => self.do_default,
            ERROR_DI_POSTPROCESSING_REQUIRED => self.postprocessing_required && pass != Pass::Post,
            v if DIF_SPECIFIC_CODES.contains(&v) => self.specific.contains(&v),
            _ => self.win32_error || self.specific.contains(&value),
        }
    }
}

/// A DIF-specific rule, as a flag that rules can test (dif-model.md §1.6 "Special constraints").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Constraint {
    /// With `DI_FLAGSEX_SETFAILEDINSTALL` the DIF only marks the device FAILEDINSTALL:
    /// co-installers must return NO_ERROR, class installers NO_ERROR or DO_DEFAULT (RET-07).
    SetFailedInstallRestrictsReturns,
    /// `DI_FLAGSEX_FINISHINSTALL_ACTION` is set during this DIF and no other (IFA, MFA, HFA).
    FinishInstallFlagSetHere,
    /// Finish-install actions must not be announced here: this DIF is not sent in the client
    /// context (HFA).
    FinishInstallFlagNotHere,
    /// Co-installers must not return POSTPROCESSING_REQUIRED (RET-05).
    NoPostprocessing,
    /// Co-installers must never return DO_DEFAULT, stated on the DIF page itself (FIN-06).
    CoInstallerNeverDoDefault,
    /// The DIF page says a class installer should not return NO_ERROR (default processing is then
    /// skipped), while IFA/RFA call it "success, skip default", a conflict (FIN-07).
    ClassInstallerNoErrorDiscouraged,
    /// Class installer returns NO_ERROR iff it supplied pages or text, else DO_DEFAULT (RET-15, FIN-08).
    ClassInstallerNoErrorIffSupplied,
    /// Honour `DI_NOFILECOPY` and `DI_NOVCP` (queue, never commit) (BEH-12).
    HonourNoFileCopy,
    /// A failure stops the device installation.
    FailureStopsInstall,
    /// A failure vetoes the removal (DIF_REMOVE).
    FailureVetoesRemoval,
    /// Any error (typically ERROR_DUPLICATE_FOUND) makes Windows delete the element from the set.
    ErrorDeletesElement,
    /// Co-installers do their work in the pre-processing pass (by post it is too late).
    CoInstallerWorkInPre,
    /// Co-installers do (part of) their work in the post-processing pass.
    CoInstallerWorkInPost,
    /// Registry clean-up belongs in post-processing and only when `InstallResult == NO_ERROR`;
    /// never delete files (BEH-13).
    RemoveCleanupInPostOnSuccess,
    /// No UI and nothing that needs a restart (BEH-17).
    MustBeSilent,
    /// Check `NumDynamicPages < MAX_INSTALLWIZARD_DYNAPAGES` before adding wizard pages (BEH-15).
    WizardPageLimit,
    /// Runs in an interactive administrator context; inform the user; wait for spawned work.
    InteractiveAdminContext,
    /// Before Windows 8 a Win32 return keeps the device flagged for a retry; from Windows 8 the
    /// action runs once (GFA, CXC, CXO; FIN-09).
    RetryBehaviourDependsOnOs,
    /// The first start during DIF_INSTALLDEVICE does not produce this DIF.
    NotSentForFirstStart,
    /// Only for non-PnP (root-enumerated) devices.
    NonPnpOnly,
    /// SP_SELECTDEVICE_PARAMS rules: `DI_USECI_SELECTSTRINGS`, `DriverPath`, `DNF_BAD_DRIVER` (BEH-14).
    SelectParamsRules,
    /// Co-installers must not use `ClassInstallReserved`; the class installer frees what it
    /// stored there (BEH-08, BEH-25).
    ClassInstallReservedOwnership,
    /// Replacing a system property page needs the matching `*_PAGE_ADDED` flag (BEH-16).
    PageReplacementFlags,
    /// Never return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION; with `DI_QUIETINSTALL` fail rather
    /// than show UI (RET-12, BEH-03).
    NoInteractiveInstall,
    /// `CoInstallers32` and `EnumPropPages32` are deleted before this DIF is delivered (UDF).
    CoInstallerValuesDeletedBefore,
}

impl Constraint {
    /// One sentence saying what the constraint requires.
    pub fn description(self) -> &'static str {
        match self {
            Constraint::SetFailedInstallRestrictsReturns => "with DI_FLAGSEX_SETFAILEDINSTALL the DIF only marks the device FAILEDINSTALL: co-installers must return NO_ERROR, class installers NO_ERROR or ERROR_DI_DO_DEFAULT",
            Constraint::FinishInstallFlagSetHere => "DI_FLAGSEX_FINISHINSTALL_ACTION is set during this DIF (the only DIF sent in both the core install and the client context)",
            Constraint::FinishInstallFlagNotHere => "finish-install actions must not be announced during this DIF; set DI_FLAGSEX_FINISHINSTALL_ACTION during DIF_NEWDEVICEWIZARD_FINISHINSTALL",
            Constraint::NoPostprocessing => "co-installers must not return ERROR_DI_POSTPROCESSING_REQUIRED",
            Constraint::CoInstallerNeverDoDefault => "co-installers must never return ERROR_DI_DO_DEFAULT",
            Constraint::ClassInstallerNoErrorDiscouraged => "the DIF page says a class installer should not return NO_ERROR (default processing is skipped); IFA/RFA call it success",
            Constraint::ClassInstallerNoErrorIffSupplied => "a class installer returns NO_ERROR if it supplied pages or text, otherwise ERROR_DI_DO_DEFAULT",
            Constraint::HonourNoFileCopy => "honour DI_NOFILECOPY and DI_NOVCP: queue file operations to FileQueue, never commit",
            Constraint::FailureStopsInstall => "a failure stops the device installation",
            Constraint::FailureVetoesRemoval => "a failure vetoes the removal; without DI_QUIETINSTALL explain it to the user",
            Constraint::ErrorDeletesElement => "any error (typically ERROR_DUPLICATE_FOUND) makes Windows delete the element from the set",
            Constraint::CoInstallerWorkInPre => "co-installers do their work in the pre-processing pass",
            Constraint::CoInstallerWorkInPost => "co-installers do (part of) their work in the post-processing pass",
            Constraint::RemoveCleanupInPostOnSuccess => "registry clean-up belongs in post-processing and only when InstallResult is NO_ERROR; never delete files",
            Constraint::MustBeSilent => "no UI and nothing that needs a restart",
            Constraint::WizardPageLimit => "check NumDynamicPages < MAX_INSTALLWIZARD_DYNAPAGES before adding wizard pages",
            Constraint::InteractiveAdminContext => "runs in an interactive administrator context: inform the user of progress and outcome, wait for spawned work",
            Constraint::RetryBehaviourDependsOnOs => "before Windows 8 a Win32 error keeps the device flagged for a retry; from Windows 8 the action runs once",
            Constraint::NotSentForFirstStart => "the first start of the device during DIF_INSTALLDEVICE does not produce this DIF",
            Constraint::NonPnpOnly => "only for non-PnP (root-enumerated) devices",
            Constraint::SelectParamsRules => "do not change DriverPath; set DI_USECI_SELECTSTRINGS when writing select strings; may set but never clear DNF_BAD_DRIVER",
            Constraint::ClassInstallReservedOwnership => "co-installers must not use ClassInstallReserved; the class installer frees what it stored there",
            Constraint::PageReplacementFlags => "replacing a system page requires DI_DRIVERPAGE_ADDED / DI_RESOURCEPAGE_ADDED / DI_FLAGSEX_POWERPAGE_ADDED; the General page cannot be replaced",
            Constraint::NoInteractiveInstall => "never return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION; with DI_QUIETINSTALL fail rather than show UI",
            Constraint::CoInstallerValuesDeletedBefore => "since Windows XP CoInstallers32 and EnumPropPages32 are deleted before this DIF is delivered",
        }
    }

    /// The rule IDs of dif-model.md §6 that check this constraint.
    pub fn rules(self) -> &'static [&'static str] {
        match self {
            Constraint::SetFailedInstallRestrictsReturns => &["RET-07"],
            Constraint::FinishInstallFlagSetHere | Constraint::FinishInstallFlagNotHere => {
                &["FIN-02"]
            }
            Constraint::NoPostprocessing => &["RET-05"],
            Constraint::CoInstallerNeverDoDefault => &["FIN-06", "RET-01"],
            Constraint::ClassInstallerNoErrorDiscouraged => &["FIN-07"],
            Constraint::ClassInstallerNoErrorIffSupplied => &["RET-15", "FIN-08"],
            Constraint::HonourNoFileCopy => &["BEH-12"],
            Constraint::FailureStopsInstall
            | Constraint::FailureVetoesRemoval
            | Constraint::ErrorDeletesElement => &[],
            Constraint::CoInstallerWorkInPre | Constraint::CoInstallerWorkInPost => &["BEH-18"],
            Constraint::RemoveCleanupInPostOnSuccess => &["BEH-13"],
            Constraint::MustBeSilent => &["BEH-17"],
            Constraint::WizardPageLimit => &["BEH-15"],
            Constraint::InteractiveAdminContext => &["FIN-10"],
            Constraint::RetryBehaviourDependsOnOs => &["FIN-09"],
            Constraint::NotSentForFirstStart | Constraint::NonPnpOnly => &[],
            Constraint::SelectParamsRules => &["BEH-14"],
            Constraint::ClassInstallReservedOwnership => &["BEH-08", "BEH-25"],
            Constraint::PageReplacementFlags => &["BEH-16"],
            Constraint::NoInteractiveInstall => &["RET-12", "BEH-03"],
            Constraint::CoInstallerValuesDeletedBefore => &["INF-09", "BEH-10"],
        }
    }
}

impl DifCode {
    /// The rule for one role.
    pub fn role(&self, role: Role) -> &RoleRule {
        match role {
            Role::ClassCoInstaller => &self.class_co_installer,
            Role::DeviceCoInstaller => &self.device_co_installer,
            Role::ClassInstaller => &self.class_installer,
        }
    }

    /// Whether the DIF carries a constraint.
    pub fn has(&self, constraint: Constraint) -> bool {
        self.constraints.contains(&constraint)
    }

    /// The DIF's reference page, when it has one.
    pub fn doc_page(&self) -> Option<DocKey> {
        self.sources
            .iter()
            .copied()
            .find(|k| matches!(k, DocKey::DifPage(_)))
    }

    /// Whether vendor installers may handle the DIF at all (not reserved/obsolete/header-only).
    pub fn is_vendor_handleable(&self) -> bool {
        matches!(
            self.status,
            DifStatus::Public | DifStatus::ReservedExceptNonPnpDetection
        )
    }
}

/// All 43 DIF codes of dif-model.md §1.4, in value order.
pub fn difs() -> &'static [DifCode] {
    DIF_TABLE
}

/// The DIF code with this value.
pub fn dif_by_value(value: u32) -> Option<&'static DifCode> {
    DIF_TABLE.iter().find(|d| d.value == value)
}

/// The DIF code with this name: case-insensitive, with or without the `DIF_` prefix, and with
/// `-` accepted for `_` (so `installdevice`, `DIF_InstallDevice` and `allow-install` all work).
pub fn dif_by_name(name: &str) -> Option<&'static DifCode> {
    let normal = name.trim().replace('-', "_").to_ascii_uppercase();
    let bare = normal.strip_prefix("DIF_").unwrap_or(&normal);
    DIF_TABLE.iter().find(|d| &d.name[4..] == bare)
}

/// The DIF code whose SDK name is exactly `name` (case-sensitive, as a C identifier is), e.g.
/// `DIF_REMOVE`; for source analysis, where `REMOVE` alone must not match.
pub fn dif_by_sdk_name(name: &str) -> Option<&'static DifCode> {
    DIF_TABLE.iter().find(|d| d.name == name)
}

/// A DIF given by name (see [`dif_by_name`]) or by number (`42`, `0x2A`); unknown numbers are
/// accepted because Windows passes unknown codes through unchanged (§1.4).
pub fn parse_dif(text: &str) -> Option<u32> {
    let t = text.trim();
    let number = match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(hex) => u32::from_str_radix(hex, 16).ok(),
        None => t.parse::<u32>().ok(),
    };
    number.or_else(|| dif_by_name(t).map(|d| d.value))
}

/// The name of a DIF value, or `unknown DIF 0x…` for values not in the catalogue.
pub fn dif_display_name(value: u32) -> String {
    match dif_by_value(value) {
        Some(d) => d.name.to_string(),
        None => format!("unknown DIF 0x{value:X}"),
    }
}
