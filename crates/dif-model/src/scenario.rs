//! Typical DIF sequences (dif-model.md §2.8 and §4) and predictions for each of their steps.
//!
//! A scenario is an ordered list of `SetupDiCallClassInstaller` calls Windows makes in one
//! situation (a PnP install, a manual install, …). [`predict_scenario`] runs the dispatch
//! simulation for each step, carrying between steps what the documents say carries over: a failed
//! install step stops the sequence, device co-installers join once DIF_REGISTER_COINSTALLERS has
//! registered them, and DIF_FINISHINSTALL_ACTION is sent only when an installer set
//! `DI_FLAGSEX_FINISHINSTALL_ACTION`.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::behavior::{CallKind, Knowledge, Role};
use crate::catalog::dif_codes::*;
use crate::catalog::{self, DocKey, WindowsVersion, DI_CLASSINSTALLPARAMS};
use crate::dispatch::{self, Behavior, CallPass, DispatchInput, Outcome, Participant, Prediction};

/// A typical DIF sequence, named as on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scenario {
    /// Hardware-first PnP install or driver update (`UpdateDriverForPlugAndPlayDevices`).
    PnpInstall,
    /// Manual non-PnP install through the Add Hardware wizard.
    ManualInstall,
    /// Device Manager: properties opened, something changed.
    PropertyChange,
    /// Device Manager: uninstall.
    Remove,
    /// Finish-install flow on Windows Vista / 7 (default handler, retries).
    FinishInstallWin7,
    /// Finish-install flow on Windows 8 and later (Action Center, one opportunity).
    FinishInstallWin8,
}

/// The error of [`Scenario::from_str`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown scenario `{0}` (expected one of: pnp-install, manual-install, property-change, remove, finish-install-win7, finish-install-win8)")]
pub struct UnknownScenario(pub String);

impl Scenario {
    /// Every scenario.
    pub const ALL: [Scenario; 6] = [
        Scenario::PnpInstall,
        Scenario::ManualInstall,
        Scenario::PropertyChange,
        Scenario::Remove,
        Scenario::FinishInstallWin7,
        Scenario::FinishInstallWin8,
    ];

    /// The command-line name, e.g. `pnp-install`.
    pub fn name(self) -> &'static str {
        match self {
            Scenario::PnpInstall => "pnp-install",
            Scenario::ManualInstall => "manual-install",
            Scenario::PropertyChange => "property-change",
            Scenario::Remove => "remove",
            Scenario::FinishInstallWin7 => "finish-install-win7",
            Scenario::FinishInstallWin8 => "finish-install-win8",
        }
    }

    /// One line saying what the scenario is.
    pub fn description(self) -> &'static str {
        match self {
            Scenario::PnpInstall => {
                "hardware-first PnP install or driver update (UpdateDriverForPlugAndPlayDevices)"
            }
            Scenario::ManualInstall => {
                "manual install of a non-PnP device through the Add Hardware wizard"
            }
            Scenario::PropertyChange => {
                "Device Manager: the device's properties are opened and a setting is changed"
            }
            Scenario::Remove => "Device Manager: the device is uninstalled",
            Scenario::FinishInstallWin7 => "finish-install actions on Windows Vista / Windows 7",
            Scenario::FinishInstallWin8 => "finish-install actions on Windows 8 and later",
        }
    }

    /// The documents the sequence rests on.
    pub fn sources(self) -> &'static [DocKey] {
        match self {
            Scenario::PnpInstall => &[
                DocKey::WineNewdevTests,
                DocKey::Log,
                DocKey::DifPage("dif-installdevice"),
                DocKey::DifPage("dif-selectbestcompatdrv"),
            ],
            Scenario::ManualInstall => &[
                DocKey::DifPage("dif-newdevicewizard-preselect"),
                DocKey::DifPage("dif-newdevicewizard-select"),
                DocKey::DifPage("dif-selectdevice"),
                DocKey::DifPage("dif-newdevicewizard-preanalyze"),
                DocKey::DifPage("dif-registerdevice"),
                DocKey::DifPage("dif-newdevicewizard-postanalyze"),
            ],
            Scenario::PropertyChange => &[
                DocKey::DifPage("dif-addpropertypage-advanced"),
                DocKey::DifPage("dif-powermessagewake"),
                DocKey::DifPage("dif-propertychange"),
                DocKey::SdkChangeState,
            ],
            Scenario::Remove => &[DocKey::DifPage("dif-remove"), DocKey::SdkRemoveDevice],
            Scenario::FinishInstallWin7 => &[
                DocKey::Hfa,
                DocKey::Rfa,
                DocKey::Dfa,
                DocKey::Mfa,
                DocKey::PvFinishInstallAction,
            ],
            Scenario::FinishInstallWin8 => &[
                DocKey::Hfa,
                DocKey::Rfa,
                DocKey::Fia,
                DocKey::Gfa,
                DocKey::DifPage("dif-finishinstall-action"),
            ],
        }
    }

    /// The Windows version the scenario is predicted for: the requested one, except that the
    /// finish-install scenarios are tied to their versions (Vista/7, and 8 or later).
    pub fn windows(self, requested: Option<WindowsVersion>) -> WindowsVersion {
        match (self, requested) {
            (Scenario::FinishInstallWin7, Some(v))
                if (WindowsVersion::Vista..=WindowsVersion::Win7).contains(&v) =>
            {
                v
            }
            (Scenario::FinishInstallWin7, _) => WindowsVersion::Win7,
            (Scenario::FinishInstallWin8, Some(v)) if v >= WindowsVersion::Win8 => v,
            (Scenario::FinishInstallWin8, _) => WindowsVersion::Win8,
            (_, requested) => requested.unwrap_or(WindowsVersion::Win11),
        }
    }

    /// Whether the device's co-installers are registered when the sequence starts.
    fn starts_registered(self) -> bool {
        !matches!(self, Scenario::PnpInstall | Scenario::ManualInstall)
    }

    /// The steps of the sequence on `windows`.
    pub fn steps(self, windows: WindowsVersion) -> Vec<ScenarioStep> {
        use StepCondition::{Always, Cleanup, External, FinishInstallFlagSet};
        let destroy = |context: &'static str| {
            step(
                DIF_DESTROYPRIVATEDATA,
                context,
                Cleanup,
                OnFailure::Continue,
            )
        };
        let install_tail = [
            step(DIF_ALLOW_INSTALL, "the installers may veto the selected driver", Always, OnFailure::StopSequence),
            step(DIF_INSTALLDEVICEFILES, "driver files are queued or pre-copied", Always, OnFailure::StopSequence),
            step(DIF_REGISTER_COINSTALLERS, "the default handler registers the device co-installers of DDInstall.CoInstallers", Always, OnFailure::StopSequence),
            step(DIF_INSTALLINTERFACES, "device interfaces are registered; device co-installers take part from here on", Always, OnFailure::StopSequence),
            step(DIF_INSTALLDEVICE, "the driver is installed and the device started", Always, OnFailure::StopSequence),
            step(DIF_NEWDEVICEWIZARD_FINISHINSTALL, "after a successful DIF_INSTALLDEVICE (core installation): finish pages; installers with finish-install actions set DI_FLAGSEX_FINISHINSTALL_ACTION here", Always, OnFailure::Continue),
        ];
        match self {
            Scenario::PnpInstall => {
                let mut select = step(DIF_SELECTBESTCOMPATDRV, "automatic selection of the best compatible driver", Always, OnFailure::StopSequence);
                if let Some(not_from) = catalog::dif_by_value(DIF_SELECTBESTCOMPATDRV).and_then(|d| d.os.not_sent_from) {
                    if windows >= not_from {
                        select.condition = StepCondition::NotSentOn { windows };
                    }
                }
                let mut steps = vec![select];
                steps.extend(install_tail);
                steps.push(destroy("the device information set is destroyed at the end of the install"));
                steps
            }
            Scenario::ManualInstall => {
                let mut steps = vec![
                    step(DIF_NEWDEVICEWIZARD_PRESELECT, "after the class is chosen, before the Select a Device Driver page", Always, OnFailure::StopSequence),
                    step(DIF_NEWDEVICEWIZARD_SELECT, "immediately before the select-driver page", Always, OnFailure::StopSequence),
                    step(DIF_SELECTDEVICE, "the user picks the driver", Always, OnFailure::StopSequence),
                    step(DIF_NEWDEVICEWIZARD_PREANALYZE, "after the driver is chosen, before the devnode is registered", Always, OnFailure::StopSequence),
                    step(DIF_REGISTERDEVICE, "the new non-PnP device is registered with PnP", Always, OnFailure::StopSequence),
                    step(DIF_NEWDEVICEWIZARD_POSTANALYZE, "after the devnode is registered, before drivers are installed", Always, OnFailure::StopSequence),
                ];
                steps.extend(install_tail);
                steps.push(destroy("the device information set is destroyed when the wizard closes"));
                steps
            }
            Scenario::PropertyChange => vec![
                step(DIF_ADDPROPERTYPAGE_ADVANCED, "the user opens the device's properties in Device Manager", Always, OnFailure::Continue),
                step(DIF_POWERMESSAGEWAKE, "the properties dialog of a power-managed device", External { condition: "the device's drivers support power management" }, OnFailure::Continue),
                ScenarioStep {
                    flags: DI_CLASSINSTALLPARAMS,
                    ..step(DIF_PROPERTYCHANGE, "the user changes a setting, or enables, disables or restarts the device (SP_PROPCHANGE_PARAMS set by the caller)", External { condition: "the user changes a setting or the device state" }, OnFailure::Continue)
                },
                destroy("the properties dialog closes and its device information set is destroyed"),
            ],
            Scenario::Remove => vec![
                step(DIF_REMOVE, "the user uninstalls the device in Device Manager, before the PnP query-remove / remove", Always, OnFailure::StopSequence),
                destroy("the device information element is destroyed"),
            ],
            Scenario::FinishInstallWin7 | Scenario::FinishInstallWin8 => {
                let action_context = if self == Scenario::FinishInstallWin7 {
                    "administrator context: right after core installation for hardware-first installs (non-administrators are asked for credentials), otherwise at the next administrator logon while the device is attached, on reattach or on \"Scan for hardware changes\"; a Win32 error keeps the device flagged for a retry"
                } else {
                    "only when an administrator completes \"Finish installing device software\" in Action Center; the action gets a single opportunity and there is no default action"
                };
                vec![
                    step(DIF_NEWDEVICEWIZARD_FINISHINSTALL, "core installation (server side): installers with finish-install actions set DI_FLAGSEX_FINISHINSTALL_ACTION here", Always, OnFailure::Continue),
                    step(DIF_NEWDEVICEWIZARD_FINISHINSTALL, "client context: the finish-install process completes finish-install wizard pages", External { condition: "Windows runs the finish-install process in the client context after core installation (HFA)" }, OnFailure::Continue),
                    step(DIF_FINISHINSTALL_ACTION, action_context, FinishInstallFlagSet, OnFailure::Continue),
                    destroy("the finish-install process destroys its device information set [inference from §2.8: every set destruction sends it]"),
                ]
            }
        }
    }

    /// What the sequence leaves out or assumes.
    fn notes(self, windows: WindowsVersion) -> Vec<String> {
        let mut notes = Vec::new();
        match self {
            Scenario::PnpInstall => {
                notes.push("sequence expected on Windows by WINE-ND for UpdateDriverForPlugAndPlayDevices; an install started from Device Manager first sends DIF_UPDATEDRIVER_UI (reserved; LOG)".to_string());
                notes.push("when no INF matches, Windows sends DIF_INSTALLDEVICE for a null driver, and again with DI_FLAGSEX_SETFAILEDINSTALL if that fails (DIF-installdevice); not part of this sequence".to_string());
                notes.push("later, in the client context, DIF_NEWDEVICEWIZARD_FINISHINSTALL is sent again and DIF_FINISHINSTALL_ACTION if the device was flagged: see finish-install-win7 / finish-install-win8".to_string());
            }
            Scenario::ManualInstall => {
                notes.push("the order is inferred from the DIF pages' \"When sent\" lines; no document states it as one sequence (dif-model.md §2.8, §8.12)".to_string());
                notes.push("a detection install instead sends DIF_DETECT (no DeviceInfoData), then DIF_REGISTERDEVICE per new device".to_string());
            }
            Scenario::PropertyChange => {
                notes.push("a property page whose change needs a restart sets DI_FLAGSEX_PROPCHANGE_PENDING, after which Device Manager sends DIF_PROPERTYCHANGE; the first start during DIF_INSTALLDEVICE does not produce DIF_PROPERTYCHANGE".to_string());
            }
            Scenario::Remove => {}
            Scenario::FinishInstallWin7 | Scenario::FinishInstallWin8 => {
                notes.push("DI_FLAGSEX_FINISHINSTALL_ACTION set by any installer during DIF_NEWDEVICEWIZARD_FINISHINSTALL makes Windows flag the device; DIF_FINISHINSTALL_ACTION then goes to all its installers (MFA, HFA step 4; CXC)".to_string());
                notes.push("finish-install actions are not supported in universal or mobile driver packages (every finish-install page)".to_string());
                if windows < WindowsVersion::Win8 {
                    notes.push("then the default finish-install action runs: SetupDiFinishInstallAction processes the device's RunOnce entries in the administrator context, unless the class installer returned NO_ERROR (HFA step 5, DFA, PV-FIA)".to_string());
                } else {
                    notes.push("SetupDiFinishInstallAction was removed in Windows 8: there is no default finish-install action (FIA, DIF-finishinstall-action)".to_string());
                }
            }
        }
        notes
    }
}

impl fmt::Display for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Scenario {
    type Err = UnknownScenario;

    /// Accepts the names of [`Scenario::name`], case-insensitively, `_` for `-`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        Scenario::ALL
            .into_iter()
            .find(|sc| sc.name() == wanted)
            .ok_or_else(|| UnknownScenario(s.to_string()))
    }
}

/// When a step is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum StepCondition {
    /// Whenever the sequence gets this far.
    Always,
    /// Only if something outside the model happens.
    External {
        /// What has to happen.
        condition: &'static str,
    },
    /// Only if an installer set `DI_FLAGSEX_FINISHINSTALL_ACTION` during
    /// DIF_NEWDEVICEWIZARD_FINISHINSTALL (MFA, HFA).
    FinishInstallFlagSet,
    /// Not sent on this Windows version.
    NotSentOn {
        /// The version.
        windows: WindowsVersion,
    },
    /// Sent even when the sequence stopped early (destruction of the device information set).
    Cleanup,
}

/// What a failure of a step does to the rest of the sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OnFailure {
    /// The sequence stops (only clean-up steps follow).
    StopSequence,
    /// The sequence goes on.
    Continue,
}

/// One `SetupDiCallClassInstaller` call of a scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScenarioStep {
    /// The DIF.
    pub dif: u32,
    /// Its name.
    pub dif_name: &'static str,
    /// When and why Windows sends it in this scenario.
    pub context: &'static str,
    /// Whether a `DeviceInfoData` is given.
    pub device_info_data: bool,
    /// `SP_DEVINSTALL_PARAMS.Flags` set by the caller for this step.
    pub flags: u32,
    /// `SP_DEVINSTALL_PARAMS.FlagsEx` set by the caller for this step.
    pub flags_ex: u32,
    /// When it is sent.
    pub condition: StepCondition,
    /// What its failure does to the sequence.
    pub on_failure: OnFailure,
}

fn step(
    dif: u32,
    context: &'static str,
    condition: StepCondition,
    on_failure: OnFailure,
) -> ScenarioStep {
    let row = catalog::dif_by_value(dif);
    ScenarioStep {
        dif,
        dif_name: row.map_or("", |d| d.name),
        context,
        device_info_data: !row.is_some_and(|d| d.device_info_data == catalog::DeviceInfoData::Null),
        flags: 0,
        flags_ex: 0,
        condition,
        on_failure,
    }
}

/// Whether a step is reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Reached {
    /// Whenever the scenario happens.
    Yes,
    /// Only under the stated condition.
    Conditional {
        /// The condition.
        reason: String,
    },
    /// Not reached.
    No {
        /// Why.
        reason: String,
    },
}

/// Options of [`predict_scenario`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScenarioOptions {
    /// The Windows version; `None` means Windows 11 (or the version a finish-install scenario is
    /// tied to).
    pub windows: Option<WindowsVersion>,
}

/// The prediction for one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepPrediction {
    /// The step.
    pub step: ScenarioStep,
    /// Whether it is reached.
    pub reached: Reached,
    /// Whether the device's co-installers are registered when it is sent.
    pub device_co_installers_registered: bool,
    /// The dispatch prediction; `None` when the step is not reached.
    pub prediction: Option<Prediction>,
}

/// The prediction for a whole scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScenarioPrediction {
    /// The scenario.
    pub scenario: Scenario,
    /// What it is.
    pub description: &'static str,
    /// The Windows version predicted for.
    pub windows: WindowsVersion,
    /// The documents the sequence rests on.
    pub sources: &'static [DocKey],
    /// One entry per step, in order.
    pub steps: Vec<StepPrediction>,
    /// What the sequence leaves out, assumes, or learned between steps.
    pub notes: Vec<String>,
}

/// Whether later steps are still reached after a step that can fail.
enum Stop {
    None,
    Some { reason: String },
    All { reason: String },
}

/// Predicts every step of `scenario` for these participants.
pub fn predict_scenario(
    scenario: Scenario,
    participants: &[Participant<'_>],
    options: ScenarioOptions,
) -> ScenarioPrediction {
    let windows = scenario.windows(options.windows);
    let mut notes = scenario.notes(windows);
    let mut registered = scenario.starts_registered();
    let mut stop = Stop::None;
    let mut finish_flag = FinishFlag::default();
    let mut steps = Vec::new();

    for (index, step) in scenario.steps(windows).into_iter().enumerate() {
        let reached = reached(&step, &stop, &finish_flag);
        let prediction = match reached {
            Reached::No { .. } => None,
            _ => {
                let input = DispatchInput {
                    dif: step.dif,
                    device_info_data: step.device_info_data,
                    device_co_installers_registered: registered,
                    flags: step.flags,
                    flags_ex: step.flags_ex,
                    windows,
                };
                Some(dispatch::predict(participants, &input))
            }
        };
        let registered_at_step = registered;
        if let Some(p) = &prediction {
            if step.on_failure == OnFailure::StopSequence {
                stop = next_stop(stop, p, index, step.dif_name);
            }
            if step.dif == DIF_NEWDEVICEWIZARD_FINISHINSTALL {
                finish_flag.observe(p, participants);
            }
            if step.dif == DIF_REGISTER_COINSTALLERS {
                registered = co_installers_registered(p, &mut notes);
            }
        }
        steps.push(StepPrediction {
            step,
            reached,
            device_co_installers_registered: registered_at_step,
            prediction,
        });
    }
    ScenarioPrediction {
        scenario,
        description: scenario.description(),
        windows,
        sources: scenario.sources(),
        steps,
        notes,
    }
}

/// Whether a step is reached, given earlier failures and the finish-install flag.
fn reached(step: &ScenarioStep, stop: &Stop, finish_flag: &FinishFlag) -> Reached {
    let mut conditions = Vec::new();
    match &step.condition {
        StepCondition::NotSentOn { windows } => {
            return Reached::No { reason: format!("{windows} no longer sends {}", step.dif_name) };
        }
        StepCondition::Cleanup => return Reached::Yes,
        StepCondition::External { condition } => conditions.push(condition.to_string()),
        StepCondition::FinishInstallFlagSet => match finish_flag.verdict() {
            Ok(Some(reason)) => conditions.push(reason),
            Ok(None) => return Reached::No { reason: "no installer sets DI_FLAGSEX_FINISHINSTALL_ACTION during DIF_NEWDEVICEWIZARD_FINISHINSTALL, so Windows does not flag the device for finish-install actions (MFA, HFA)".to_string() },
            Err(reason) => conditions.push(reason),
        },
        StepCondition::Always => {}
    }
    match stop {
        Stop::All { reason } => {
            return Reached::No {
                reason: reason.clone(),
            }
        }
        Stop::Some { reason } => conditions.insert(0, reason.clone()),
        Stop::None => {}
    }
    if conditions.is_empty() {
        Reached::Yes
    } else {
        Reached::Conditional {
            reason: conditions.join("; and "),
        }
    }
}

/// Updates the stop state after a step whose failure stops the sequence.
fn next_stop(stop: Stop, p: &Prediction, index: usize, dif_name: &str) -> Stop {
    let failed = |o: &Outcome| matches!(o, Outcome::Failed { .. });
    let uncertain =
        |o: &Outcome| matches!(o, Outcome::Failed { .. } | Outcome::Undetermined { .. });
    if p.always(failed) {
        return Stop::All {
            reason: format!(
                "step {} ({dif_name}) fails on every branch, which stops the sequence",
                index + 1
            ),
        };
    }
    if p.sometimes(uncertain) {
        let reason = format!("only where step {} ({dif_name}) does not fail", index + 1);
        return match stop {
            Stop::Some { reason: earlier } => Stop::Some {
                reason: format!("{earlier}, and {reason}"),
            },
            Stop::All { reason } => Stop::All { reason },
            Stop::None => Stop::Some { reason },
        };
    }
    stop
}

/// Whether device co-installers are registered after DIF_REGISTER_COINSTALLERS: its default
/// handler (or a class installer that called it and returned NO_ERROR) registers them (SDK-RCD).
fn co_installers_registered(p: &Prediction, notes: &mut Vec<String>) -> bool {
    let ci_calls_handler = p.notable_calls.iter().any(|c| {
        c.role == Role::ClassInstaller
            && c.call.kind == CallKind::DefaultHandler
            && c.call
                .function
                .eq_ignore_ascii_case("SetupDiRegisterCoDeviceInstallers")
    });
    let registers: Vec<bool> = p
        .branches
        .iter()
        .map(|b| {
            b.default_handler_called()
                || (ci_calls_handler
                    && b.calls.iter().any(|c| {
                        c.role == Some(Role::ClassInstaller)
                            && c.pass == CallPass::Main
                            && c.status_out == dispatch::Status::NoError
                    }))
        })
        .collect();
    if registers.iter().all(|&r| r) && !registers.is_empty() {
        true
    } else if registers.iter().any(|&r| r) {
        notes.push("device co-installers are registered only on some branches of DIF_REGISTER_COINSTALLERS; later steps assume they are".to_string());
        true
    } else {
        notes.push("SetupDiRegisterCoDeviceInstallers does not run during DIF_REGISTER_COINSTALLERS, so the device co-installers are not registered for the later steps".to_string());
        false
    }
}

/// What is known about `DI_FLAGSEX_FINISHINSTALL_ACTION` after the DIF_NEWDEVICEWIZARD_FINISHINSTALL steps.
#[derive(Default)]
struct FinishFlag {
    /// "name (file:line)" of installers whose source sets the flag.
    set_by: Vec<String>,
    /// Invoked installers whose source is not (fully) known.
    unknown: Vec<String>,
    observed: bool,
}

impl FinishFlag {
    fn observe(&mut self, p: &Prediction, participants: &[Participant<'_>]) {
        self.observed = true;
        for c in p
            .notable_calls
            .iter()
            .filter(|c| c.call.kind == CallKind::SetsFinishInstallFlag)
        {
            let entry = format!(
                "{} ({}:{})",
                c.participant,
                c.call.at.file.display(),
                c.call.at.line
            );
            if !self.set_by.contains(&entry) {
                self.set_by.push(entry);
            }
        }
        for part in participants {
            if p.not_invoked.iter().any(|n| n.participant == part.name) {
                continue;
            }
            let unknown = match part.behavior {
                Behavior::PerProtocol => true,
                Behavior::Known(b) => matches!(b.completeness, Knowledge::Unknown { .. }),
            };
            if unknown && !self.unknown.contains(&part.name) {
                self.unknown.push(part.name.clone());
            }
        }
    }

    /// `Ok(Some(condition))`: sent if the flag is set at run time; `Ok(None)`: not sent;
    /// `Err(condition)`: depends on installers whose source is unknown.
    fn verdict(&self) -> Result<Option<String>, String> {
        if !self.set_by.is_empty() {
            return Ok(Some(format!(
                "the device is flagged only if DI_FLAGSEX_FINISHINSTALL_ACTION is set at run time: set by {} during DIF_NEWDEVICEWIZARD_FINISHINSTALL (MFA, HFA)",
                self.set_by.join(", ")
            )));
        }
        if !self.observed || !self.unknown.is_empty() {
            let who = if self.unknown.is_empty() {
                "an installer".to_string()
            } else {
                self.unknown.join(", ")
            };
            return Err(format!("only if {who}, whose source was not analysed, sets DI_FLAGSEX_FINISHINSTALL_ACTION during DIF_NEWDEVICEWIZARD_FINISHINSTALL (MFA, HFA)"));
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in Scenario::ALL {
            assert_eq!(s.name().parse::<Scenario>(), Ok(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.name())
            );
        }
        assert_eq!("PNP_INSTALL".parse::<Scenario>(), Ok(Scenario::PnpInstall));
        assert!("install".parse::<Scenario>().is_err());
    }

    #[test]
    fn pnp_install_follows_wine_nd_and_drops_selectbestcompatdrv_from_1703() {
        let names = |w| {
            Scenario::PnpInstall
                .steps(w)
                .into_iter()
                .map(|s| (s.dif_name, s.condition))
                .collect::<Vec<_>>()
        };
        let win7 = names(WindowsVersion::Win7);
        let order: Vec<_> = win7.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            order,
            [
                "DIF_SELECTBESTCOMPATDRV",
                "DIF_ALLOW_INSTALL",
                "DIF_INSTALLDEVICEFILES",
                "DIF_REGISTER_COINSTALLERS",
                "DIF_INSTALLINTERFACES",
                "DIF_INSTALLDEVICE",
                "DIF_NEWDEVICEWIZARD_FINISHINSTALL",
                "DIF_DESTROYPRIVATEDATA",
            ]
        );
        assert_eq!(win7[0].1, StepCondition::Always);
        assert_eq!(
            names(WindowsVersion::Win11)[0].1,
            StepCondition::NotSentOn {
                windows: WindowsVersion::Win11
            }
        );
    }

    #[test]
    fn finish_install_scenarios_are_tied_to_their_windows() {
        assert_eq!(
            Scenario::FinishInstallWin7.windows(Some(WindowsVersion::Win11)),
            WindowsVersion::Win7
        );
        assert_eq!(
            Scenario::FinishInstallWin7.windows(Some(WindowsVersion::Vista)),
            WindowsVersion::Vista
        );
        assert_eq!(
            Scenario::FinishInstallWin8.windows(None),
            WindowsVersion::Win8
        );
        assert_eq!(
            Scenario::FinishInstallWin8.windows(Some(WindowsVersion::Win10)),
            WindowsVersion::Win10
        );
        assert_eq!(Scenario::Remove.windows(None), WindowsVersion::Win11);
    }
}
