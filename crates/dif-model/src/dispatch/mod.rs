//! A simulation of `SetupDiCallClassInstaller`: who is called for one DIF, in what order, with
//! which status, and how the call ends (dif-model.md §2.1–§2.4, §2.6).
//!
//! The state machine is the one of §2.2, drawn from the HDC flow chart (`dif-flow.png`), HDC,
//! CII and COP:
//!
//! ```text
//! status := NO_ERROR ; post := []
//! for co in class_coinstallers ++ device_coinstallers:          # pre-processing pass
//!     r := co(dif)
//!     if r == ERROR_DI_POSTPROCESSING_REQUIRED: post.push(co); continue
//!     if r == NO_ERROR: continue
//!     status := r ; goto POST                                     # class installer AND default handler skipped
//! status := class_installer ? class_installer(dif) : ERROR_DI_DO_DEFAULT
//! if status == ERROR_DI_DO_DEFAULT and not DI_NODI_DEFAULTACTION and dif has a default handler:
//!     status := handler() ? NO_ERROR : GetLastError()
//! POST:
//! for co in reverse(post): InstallResult := status ; status := co(dif)
//! ```
//!
//! Participants are modelled either from their analysed source ([`Behavior::Known`], every value
//! the source can return becomes a branch) or, when no source is available, as following the
//! protocol ([`Behavior::PerProtocol`], recorded as an assumption). What the model cannot decide
//! ends the branch as [`Outcome::Undetermined`] with the reason; nothing is guessed.

mod checks;
mod resolve;

use serde::Serialize;

use crate::behavior::{InstallerBehavior, Knowledge, NotableCall, Pass, Role, SourceLocation};
use crate::catalog::{
    self, dif_display_name, status_name, Constraint, DeviceInfoData, DifCode, Invocation, MayAct,
    WindowsVersion, DI_FLAGSEX_SETFAILEDINSTALL, DI_NODI_DEFAULTACTION, ERROR_DI_DO_DEFAULT,
    ERROR_DI_POSTPROCESSING_REQUIRED, NO_ERROR,
};
use resolve::Resolution;

/// At most this many branches are simulated per prediction; more sets [`Prediction::truncated`].
pub const MAX_BRANCHES: usize = 64;

/// One installer taking part in the dispatch of a DIF.
#[derive(Debug, Clone)]
pub struct Participant<'a> {
    /// Class co-installer, device co-installer or class installer.
    pub role: Role,
    /// A display name, e.g. `toastco.dll!ToasterCoInstaller`.
    pub name: String,
    /// What the participant does.
    pub behavior: Behavior<'a>,
}

impl<'a> Participant<'a> {
    /// A participant whose behaviour was read from its source.
    pub fn known(role: Role, name: impl Into<String>, behavior: &'a InstallerBehavior) -> Self {
        Participant {
            role,
            name: name.into(),
            behavior: Behavior::Known(behavior),
        }
    }

    /// A participant without source: assumed to follow the protocol.
    pub fn per_protocol(role: Role, name: impl Into<String>) -> Self {
        Participant {
            role,
            name: name.into(),
            behavior: Behavior::PerProtocol,
        }
    }
}

/// How a participant's return values are predicted.
#[derive(Debug, Clone, Copy)]
pub enum Behavior<'a> {
    /// From source analysis: the values its code returns for the DIF (or its `default:` path).
    Known(&'a InstallerBehavior),
    /// Source unknown: a co-installer returns NO_ERROR (asks for no post-processing) and a class
    /// installer returns ERROR_DI_DO_DEFAULT, as the protocol prescribes for a DIF it does not
    /// handle (CII, PV-CII). Every prediction that uses this says so in its assumptions.
    PerProtocol,
}

/// The arguments and context of one `SetupDiCallClassInstaller` call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DispatchInput {
    /// The DIF code (any value: unknown codes are passed through, §1.4).
    pub dif: u32,
    /// Whether a `DeviceInfoData` is given (§2.3: without one only the class installers are called).
    pub device_info_data: bool,
    /// Whether the device's co-installers are registered (after DIF_REGISTER_COINSTALLERS, COP).
    pub device_co_installers_registered: bool,
    /// `SP_DEVINSTALL_PARAMS.Flags` (`DI_NODI_DEFAULTACTION` is read).
    pub flags: u32,
    /// `SP_DEVINSTALL_PARAMS.FlagsEx` (`DI_FLAGSEX_SETFAILEDINSTALL` is read).
    pub flags_ex: u32,
    /// The Windows version (default handlers and DIF delivery change with it).
    pub windows: WindowsVersion,
}

impl DispatchInput {
    /// A call for `dif` with the usual context: a `DeviceInfoData` unless the DIF is always sent
    /// without one, device co-installers registered, no flags, Windows 11.
    pub fn new(dif: u32) -> Self {
        let without_device =
            catalog::dif_by_value(dif).is_some_and(|d| d.device_info_data == DeviceInfoData::Null);
        DispatchInput {
            dif,
            device_info_data: !without_device,
            device_co_installers_registered: true,
            flags: 0,
            flags_ex: 0,
            windows: WindowsVersion::Win11,
        }
    }

    /// Sets whether a `DeviceInfoData` is given.
    pub fn with_device_info_data(mut self, given: bool) -> Self {
        self.device_info_data = given;
        self
    }

    /// Sets whether the device's co-installers are registered.
    pub fn with_device_co_installers_registered(mut self, registered: bool) -> Self {
        self.device_co_installers_registered = registered;
        self
    }

    /// Sets `Flags`.
    pub fn with_flags(mut self, flags: u32) -> Self {
        self.flags = flags;
        self
    }

    /// Sets `FlagsEx`.
    pub fn with_flags_ex(mut self, flags_ex: u32) -> Self {
        self.flags_ex = flags_ex;
        self
    }

    /// Sets the Windows version.
    pub fn with_windows(mut self, windows: WindowsVersion) -> Self {
        self.windows = windows;
        self
    }
}

/// A status value as the state machine sees it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Status {
    /// `NO_ERROR`.
    NoError,
    /// `ERROR_DI_DO_DEFAULT`.
    DoDefault,
    /// `ERROR_DI_POSTPROCESSING_REQUIRED`.
    PostprocessingRequired,
    /// Any other code (a Win32 or SetupAPI error).
    Error {
        /// The value.
        code: u32,
        /// Its catalogued name or hex form.
        name: String,
    },
    /// An error whose code is not known statically (e.g. `return GetLastError();`).
    UnspecifiedError {
        /// The expression returned.
        expression: String,
    },
    /// Not decidable; the branch ends here.
    Unknown {
        /// Why.
        reason: String,
    },
}

impl Status {
    /// The status for a numeric code.
    pub fn from_code(code: u32) -> Status {
        match code {
            NO_ERROR => Status::NoError,
            ERROR_DI_DO_DEFAULT => Status::DoDefault,
            ERROR_DI_POSTPROCESSING_REQUIRED => Status::PostprocessingRequired,
            _ => Status::Error {
                code,
                name: status_name(code),
            },
        }
    }

    /// The numeric code, when known.
    pub fn code(&self) -> Option<u32> {
        match self {
            Status::NoError => Some(NO_ERROR),
            Status::DoDefault => Some(ERROR_DI_DO_DEFAULT),
            Status::PostprocessingRequired => Some(ERROR_DI_POSTPROCESSING_REQUIRED),
            Status::Error { code, .. } => Some(*code),
            Status::UnspecifiedError { .. } | Status::Unknown { .. } => None,
        }
    }

    /// A short human form: the code's name, the expression, or `unknown`.
    pub fn label(&self) -> String {
        match self {
            Status::UnspecifiedError { expression } => format!("the error `{expression}`"),
            Status::Unknown { .. } => "an undecidable value".to_string(),
            other => other.code().map(status_name).unwrap_or_default(),
        }
    }
}

/// Which pass of the dispatch a call belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CallPass {
    /// A co-installer's first call (`Context->PostProcessing == FALSE`).
    Pre,
    /// The class installer's only call.
    Main,
    /// A co-installer's post-processing call (`Context->PostProcessing == TRUE`).
    Post,
    /// The DIF's default handler, run by SetupDiCallClassInstaller.
    DefaultHandler,
}

/// One call SetupDiCallClassInstaller makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Call {
    /// The participant's display name, or the default handler's function name.
    pub participant: String,
    /// The participant's role (`None` for the default handler).
    pub role: Option<Role>,
    /// The pass.
    pub pass: CallPass,
    /// The running status before the call (for post-processing: `Context->InstallResult`).
    pub status_in: Status,
    /// The value returned (for the class installer and post-processing: the new status).
    pub status_out: Status,
    /// Where in the source the returned value comes from (empty for assumptions).
    pub evidence: Vec<SourceLocation>,
    /// What the call means for the dispatch, with its basis.
    pub note: String,
}

/// A participant or handler skipped in one branch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The participant's display name, or the default handler's function name.
    pub participant: String,
    /// The role (`None` for the default handler).
    pub role: Option<Role>,
    /// Why it is not called, with the basis.
    pub reason: String,
}

/// A participant that is not called at all for this DIF (independent of branches).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotInvoked {
    /// The participant's display name.
    pub participant: String,
    /// Its role.
    pub role: Role,
    /// Why, with the basis.
    pub reason: String,
}

/// How `SetupDiCallClassInstaller` ends.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Outcome {
    /// Final status NO_ERROR: the call returns TRUE.
    Handled,
    /// Final status ERROR_DI_DO_DEFAULT: nothing handled the DIF and no default handler ran; the
    /// call returns FALSE with that code, which callers treat as success (WINE-T, §2.2).
    Unhandled,
    /// Any other final status: the call returns FALSE with it.
    Failed {
        /// The final status.
        status: Status,
    },
    /// A participant returns something the model cannot decide.
    Undetermined {
        /// Which participant and why.
        reason: String,
    },
}

/// One path through the state machine, for one choice of return values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Branch {
    /// The calls made, in order.
    pub calls: Vec<Call>,
    /// Participants or handlers skipped on this path.
    pub skipped: Vec<Skipped>,
    /// How the call ends.
    pub outcome: Outcome,
    /// What the path means (state-machine edges taken, consequences of the outcome).
    pub notes: Vec<String>,
}

impl Branch {
    /// Whether the DIF's default handler runs on this path.
    pub fn default_handler_called(&self) -> bool {
        self.calls
            .iter()
            .any(|c| c.pass == CallPass::DefaultHandler)
    }
}

/// The kinds of protocol violation the simulation detects (IDs of dif-model.md §6 in `rule`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ViolationKind {
    /// A co-installer sets ERROR_DI_DO_DEFAULT (RET-01; FIN-06 for DIF_FINISHINSTALL_ACTION).
    CoInstallerSetsDoDefault,
    /// A DIF the installer does not recognise gets a value other than the neutral one
    /// (co-installer NO_ERROR: RET-02; class installer ERROR_DI_DO_DEFAULT: RET-03).
    UnrecognisedDifNotNeutral,
    /// The class installer returns ERROR_DI_POSTPROCESSING_REQUIRED (RET-04).
    ClassInstallerRequestsPostprocessing,
    /// A co-installer requests post-processing for a DIF whose page forbids it (RET-05).
    PostprocessingForbidden,
    /// A return not allowed with DI_FLAGSEX_SETFAILEDINSTALL during DIF_INSTALLDEVICE (RET-07).
    SetFailedInstallViolated,
    /// A co-installer returns ERROR_DI_POSTPROCESSING_REQUIRED in post-processing (RET-08).
    PostprocessingRequestedInPost,
    /// ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION returned (RET-12).
    InteractiveWindowStation,
    /// The class installer returns NO_ERROR for a DIF with a default handler without calling it (RET-13).
    DefaultHandlerSuperseded,
    /// The class installer calls the default handler and returns DO_DEFAULT: it runs twice (RET-14).
    DefaultHandlerTwice,
    /// ERROR_DI_BAD_PATH outside DIF_SELECTDEVICE or ERROR_DUPLICATE_FOUND outside DIF_REGISTERDEVICE (RET-16).
    DifSpecificCodeElsewhere,
    /// The class installer returns NO_ERROR for DIF_FINISHINSTALL_ACTION (FIN-07).
    ClassInstallerNoErrorForFinishInstallAction,
    /// A value not in the DIF's allowed set for the role (RET-06 for DIF_DESTROYPRIVATEDATA,
    /// BEH-09 for reserved codes).
    UnlistedReturn,
    /// The analysed prototype's role differs from the role the installer is registered in (BEH-23).
    RoleMismatch,
}

/// A protocol violation found while simulating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// What kind.
    pub kind: ViolationKind,
    /// The rule ID of dif-model.md §6, when there is one.
    pub rule: Option<&'static str>,
    /// The participant.
    pub participant: String,
    /// Its role.
    pub role: Role,
    /// The pass, when the violation is about a call.
    pub pass: Option<CallPass>,
    /// The value returned, when the violation is about a return.
    pub returned: Option<Status>,
    /// Explanation with its basis.
    pub message: String,
    /// Where the returned value comes from in the source.
    pub evidence: Vec<SourceLocation>,
    /// Indices of the branches in which it occurs.
    pub branches: Vec<usize>,
}

/// A notable call (default handler, UI, process start, install-param flags) a participant's
/// source makes while handling this DIF, as found by source analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParticipantCall {
    /// The participant's display name.
    pub participant: String,
    /// Its role.
    pub role: Role,
    /// The call.
    pub call: NotableCall,
}

/// The prediction for one `SetupDiCallClassInstaller` call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Prediction {
    /// The DIF's name (or `unknown DIF 0x…`).
    pub dif_name: String,
    /// The call's arguments and context.
    pub input: DispatchInput,
    /// Participants not called at all, with the reason.
    pub not_invoked: Vec<NotInvoked>,
    /// Every path through the state machine (one unless some participant can return several values).
    pub branches: Vec<Branch>,
    /// The distinct outcomes of the branches, in branch order.
    pub outcomes: Vec<Outcome>,
    /// What the prediction assumes (protocol-following participants, default-handler success, …).
    pub assumptions: Vec<String>,
    /// Protocol violations found on some branch.
    pub violations: Vec<Violation>,
    /// Notable calls the invoked participants make while handling this DIF.
    pub notable_calls: Vec<ParticipantCall>,
    /// Whether branches beyond [`MAX_BRANCHES`] were dropped.
    pub truncated: bool,
}

impl Prediction {
    /// Whether every branch's outcome satisfies `matches` (false when there are no branches).
    pub fn always(&self, matches: impl Fn(&Outcome) -> bool) -> bool {
        !self.branches.is_empty() && self.branches.iter().all(|b| matches(&b.outcome))
    }

    /// Whether some branch's outcome satisfies `matches`.
    pub fn sometimes(&self, matches: impl Fn(&Outcome) -> bool) -> bool {
        self.branches.iter().any(|b| matches(&b.outcome))
    }
}

/// Predicts one `SetupDiCallClassInstaller(input.dif, …)` call for these participants.
///
/// `participants` may come in any order; they are grouped by role, keeping the given order within
/// a role (class co-installers in `CoDeviceInstallers` order, device co-installers in
/// `CoInstallers32` order, §2.1). More than one class installer is reported as an assumption and
/// only the first is used.
pub fn predict(participants: &[Participant<'_>], input: &DispatchInput) -> Prediction {
    let mut sim = Simulation::new(participants, input);
    sim.start();
    sim.into_prediction()
}

/// A violation seen on one branch, before branch indices are merged.
#[derive(Debug, Clone)]
struct PendingViolation {
    kind: ViolationKind,
    rule: Option<&'static str>,
    participant: String,
    role: Role,
    pass: Option<CallPass>,
    returned: Option<Status>,
    message: String,
    evidence: Vec<SourceLocation>,
}

/// The state of one branch while it is simulated.
#[derive(Debug, Clone)]
struct BranchState {
    calls: Vec<Call>,
    skipped: Vec<Skipped>,
    notes: Vec<String>,
    /// Indices into `Simulation::pre_order` of co-installers that asked for post-processing.
    post: Vec<usize>,
    status: Status,
    violations: Vec<PendingViolation>,
}

struct Simulation<'p, 'a> {
    input: &'p DispatchInput,
    dif: Option<&'static DifCode>,
    dif_name: String,
    /// Class co-installers then invoked device co-installers: the pre-processing order.
    pre_order: Vec<&'p Participant<'a>>,
    class_installer: Option<&'p Participant<'a>>,
    not_invoked: Vec<NotInvoked>,
    assumptions: Vec<String>,
    branches: Vec<Branch>,
    violations: Vec<Violation>,
    /// Violations that hold on every branch (found before branching).
    global_violations: Vec<PendingViolation>,
    notable_calls: Vec<ParticipantCall>,
    truncated: bool,
}

impl<'p, 'a> Simulation<'p, 'a> {
    fn new(participants: &'p [Participant<'a>], input: &'p DispatchInput) -> Self {
        let dif = catalog::dif_by_value(input.dif);
        let mut sim = Simulation {
            input,
            dif,
            dif_name: dif_display_name(input.dif),
            pre_order: Vec::new(),
            class_installer: None,
            not_invoked: Vec::new(),
            assumptions: Vec::new(),
            branches: Vec::new(),
            violations: Vec::new(),
            global_violations: Vec::new(),
            notable_calls: Vec::new(),
            truncated: false,
        };
        sim.note_dif_context();
        sim.select_participants(participants);
        sim
    }

    fn assume(&mut self, text: String) {
        if !self.assumptions.contains(&text) {
            self.assumptions.push(text);
        }
    }

    /// Assumptions about the DIF itself: unknown code, OS delivery, DeviceInfoData.
    fn note_dif_context(&mut self) {
        let input = self.input;
        let Some(dif) = self.dif else {
            self.assume(format!(
                "{} is not a catalogued DIF code: Windows passes unknown codes through unchanged to the class co-installers and the class installer (WINE-T); it has no default handler",
                self.dif_name
            ));
            return;
        };
        if !dif.os.is_sent_on(input.windows) {
            self.assume(format!(
                "{} does not send {} ({}); the prediction shows what would happen if it were sent",
                input.windows, dif.name, dif.os.note
            ));
        }
        match (dif.device_info_data, input.device_info_data) {
            (DeviceInfoData::Required, false) => self.assume(format!(
                "{} is documented with a DeviceInfoData, but none is given: simulated as a call for the set's class (§2.3)",
                dif.name
            )),
            (DeviceInfoData::Null, true) => self.assume(format!(
                "{} is documented without a DeviceInfoData, but one is given",
                dif.name
            )),
            _ => {}
        }
    }

    /// Groups participants by role and decides which device co-installers are invoked (§2.3, §2.4).
    fn select_participants(&mut self, participants: &'p [Participant<'a>]) {
        let input = self.input;
        let mut device_co = Vec::new();
        for p in participants {
            match p.role {
                Role::ClassCoInstaller => self.pre_order.push(p),
                Role::DeviceCoInstaller => device_co.push(p),
                Role::ClassInstaller => match self.class_installer {
                    None => self.class_installer = Some(p),
                    Some(first) => self.assume(format!(
                        "a setup class has one class installer (Installer32); {} is ignored, {} is used",
                        p.name, first.name
                    )),
                },
            }
        }
        let device_rule = self.dif.map(|d| d.device_co_installer);
        for p in device_co {
            let reason = if !input.device_info_data {
                Some("no DeviceInfoData: only the class co-installers and the class installer of the set's class are called (SDK-CCI, CII; §2.3)".to_string())
            } else if device_rule.is_some_and(|r| r.invoked == Invocation::NotInvoked) {
                Some(format!(
                    "{}: {} (§2.4)",
                    self.dif_name,
                    device_rule.map_or("", |r| r.note)
                ))
            } else if !input.device_co_installers_registered {
                Some("the device's co-installers are not registered yet; they are registered by the DIF_REGISTER_COINSTALLERS default handler (COP, SDK-RCD)".to_string())
            } else {
                None
            };
            match reason {
                Some(reason) => self.not_invoked.push(NotInvoked {
                    participant: p.name.clone(),
                    role: p.role,
                    reason,
                }),
                None => self.pre_order.push(p),
            }
        }
        let device_co_invoked = self
            .pre_order
            .iter()
            .any(|p| p.role == Role::DeviceCoInstaller);
        match device_rule {
            None if device_co_invoked => self.assume(format!(
                "device co-installers are assumed to be called for {} like for any DIF they are not excluded from [inference, §2.4]",
                self.dif_name
            )),
            Some(rule) if device_co_invoked && rule.may_act != MayAct::Handles => self.assume(format!(
                "device co-installers are called for {} although the documentation marks them \"{}\": {}",
                self.dif_name,
                rule.may_act.label(),
                rule.note
            )),
            _ => {}
        }
        let called: Vec<&'p Participant<'a>> = self
            .pre_order
            .iter()
            .copied()
            .chain(self.class_installer)
            .collect();
        for p in called {
            self.describe_participant(p);
        }
    }

    /// Assumptions, role checks and notable calls for one invoked participant.
    fn describe_participant(&mut self, p: &Participant<'a>) {
        match p.behavior {
            Behavior::PerProtocol => {
                let what = if p.role == Role::ClassInstaller {
                    "returns ERROR_DI_DO_DEFAULT"
                } else {
                    "returns NO_ERROR and asks for no post-processing"
                };
                self.assume(format!(
                    "{} ({}): source not analysed; assumed to follow the protocol ({what}; CII, PV-CII)",
                    p.name,
                    role_name(p.role)
                ));
            }
            Behavior::Known(b) => {
                if let Knowledge::Unknown { reason } = &b.completeness {
                    self.assume(format!(
                        "{}: source analysis incomplete ({reason}); values returned on paths it did not follow are not predicted",
                        p.name
                    ));
                }
                if let Knowledge::Known { value } = b.role {
                    if value != p.role {
                        self.global_violations.push(PendingViolation {
                            kind: ViolationKind::RoleMismatch,
                            rule: Some("BEH-23"),
                            participant: p.name.clone(),
                            role: p.role,
                            pass: None,
                            returned: None,
                            message: format!(
                                "{} is registered as a {} but its prototype is that of a {} (CII: co-installers take 4 parameters, PV-CII: class installers 3)",
                                p.name,
                                role_name(p.role),
                                role_name(value)
                            ),
                            evidence: vec![b.defined_at.clone()],
                        });
                    }
                }
                for handling in b.handles.iter().filter(|h| h.dif == self.input.dif) {
                    for call in &handling.calls {
                        self.notable_calls.push(ParticipantCall {
                            participant: p.name.clone(),
                            role: p.role,
                            call: call.clone(),
                        });
                    }
                }
            }
        }
    }

    fn start(&mut self) {
        let state = BranchState {
            calls: Vec::new(),
            skipped: Vec::new(),
            notes: Vec::new(),
            post: Vec::new(),
            status: Status::NoError,
            violations: Vec::new(),
        };
        self.pre_pass(0, state);
    }

    /// The values `p` may return in `pass`.
    fn alternatives(&self, p: &Participant<'a>, pass: Pass) -> Resolution {
        resolve::resolve(p, self.input.dif, pass, &self.dif_name)
    }

    /// Co-installer pre-processing, participant `index` onwards (§2.2 first loop).
    fn pre_pass(&mut self, index: usize, state: BranchState) {
        if self.truncated {
            return;
        }
        let Some(&p) = self.pre_order.get(index) else {
            return self.class_installer_step(state);
        };
        let resolution = self.alternatives(p, Pass::Pre);
        for alt in resolution.alternatives {
            let mut st = state.clone();
            let status_in = st.status.clone();
            let out = alt.to_status(CallPass::Pre, &status_in);
            checks::check(
                self,
                &mut st,
                p,
                CallPass::Pre,
                &status_in,
                &alt,
                &out,
                resolution.origin,
            );
            match out {
                Status::Unknown { ref reason } => {
                    let reason = format!(
                        "{} ({}) pre-processing: {reason}",
                        p.name,
                        role_name(p.role)
                    );
                    st.calls.push(call(
                        p,
                        CallPass::Pre,
                        status_in,
                        out.clone(),
                        alt.evidence,
                        "the model cannot decide this value",
                    ));
                    self.finish(st, Some(reason));
                }
                Status::NoError => {
                    st.calls.push(call(
                        p,
                        CallPass::Pre,
                        status_in,
                        out,
                        alt.evidence,
                        "NO_ERROR: continue with the next participant (HDC chart)",
                    ));
                    self.pre_pass(index + 1, st);
                }
                Status::PostprocessingRequired => {
                    st.calls.push(call(
                        p,
                        CallPass::Pre,
                        status_in,
                        out,
                        alt.evidence,
                        "ERROR_DI_POSTPROCESSING_REQUIRED: remembered for post-processing; the running status stays NO_ERROR (HDC chart, CII)",
                    ));
                    st.post.push(index);
                    self.pre_pass(index + 1, st);
                }
                failure => {
                    let note = if failure == Status::DoDefault {
                        "ERROR_DI_DO_DEFAULT from a co-installer is outside the protocol: \"SetupDiCallClassInstaller will not process the request properly\" (CII); in the chart any value other than NO_ERROR / POSTPROCESSING_REQUIRED takes the error edge, so the remaining co-installers, the class installer and the default handler are skipped [inference from the chart, §2.2] - a caller that treats ERROR_DI_DO_DEFAULT as success silently loses the default action".to_string()
                    } else {
                        format!(
                            "{} stops the pre-processing chain: the remaining co-installers, the class installer and the default handler are skipped and post-processing follows (HDC chart; WINE-T)",
                            failure.label()
                        )
                    };
                    st.calls.push(call(
                        p,
                        CallPass::Pre,
                        status_in,
                        failure.clone(),
                        alt.evidence,
                        &note,
                    ));
                    st.status = failure;
                    self.skip_rest_after_failure(&mut st, index + 1);
                    self.post_pass(0, st);
                }
            }
        }
    }

    /// Records what a pre-processing failure skips.
    fn skip_rest_after_failure(&self, st: &mut BranchState, next: usize) {
        let reason = "a co-installer failed in pre-processing (HDC chart)".to_string();
        for p in &self.pre_order[next.min(self.pre_order.len())..] {
            st.skipped.push(Skipped {
                participant: p.name.clone(),
                role: Some(p.role),
                reason: reason.clone(),
            });
        }
        if let Some(ci) = self.class_installer {
            st.skipped.push(Skipped {
                participant: ci.name.clone(),
                role: Some(ci.role),
                reason: reason.clone(),
            });
        }
        if let Some(handler) = self.existing_default_handler() {
            st.skipped.push(Skipped {
                participant: handler.function.to_string(),
                role: None,
                reason,
            });
        }
    }

    /// The DIF's default handler, if it exists on the input's Windows version.
    fn existing_default_handler(&self) -> Option<catalog::DefaultHandler> {
        self.dif
            .and_then(|d| d.default_handler)
            .filter(|h| h.exists_on(self.input.windows))
    }

    /// The class installer's call, or ERROR_DI_DO_DEFAULT when there is none (§2.2).
    fn class_installer_step(&mut self, mut state: BranchState) {
        let Some(ci) = self.class_installer else {
            state.notes.push("no class installer: status := ERROR_DI_DO_DEFAULT (HDC chart: \"if none, Err = ERROR_DI_DO_DEFAULT\")".to_string());
            state.status = Status::DoDefault;
            return self.default_step(state);
        };
        let resolution = self.alternatives(ci, Pass::Pre);
        for alt in resolution.alternatives {
            let mut st = state.clone();
            let status_in = st.status.clone();
            let out = alt.to_status(CallPass::Main, &status_in);
            checks::check(
                self,
                &mut st,
                ci,
                CallPass::Main,
                &status_in,
                &alt,
                &out,
                resolution.origin,
            );
            match out {
                Status::Unknown { ref reason } => {
                    let reason = format!("{} (class installer): {reason}", ci.name);
                    st.calls.push(call(
                        ci,
                        CallPass::Main,
                        status_in,
                        out.clone(),
                        alt.evidence,
                        "the model cannot decide this value",
                    ));
                    self.finish(st, Some(reason));
                }
                Status::DoDefault => {
                    st.calls.push(call(ci, CallPass::Main, status_in, Status::DoDefault, alt.evidence, "ERROR_DI_DO_DEFAULT: SetupDiCallClassInstaller runs the default handler if there is one (HDC)"));
                    st.status = Status::DoDefault;
                    self.default_step(st);
                }
                other => {
                    let note = match other {
                        Status::NoError => "NO_ERROR: the class installer completed the request; the default handler is not called (HDC, CDH)".to_string(),
                        Status::PostprocessingRequired => "ERROR_DI_POSTPROCESSING_REQUIRED from a class installer is outside the protocol (COP, CDH: a class installer is never called back); it becomes the status and the default handler is not called".to_string(),
                        ref failure => format!("{}: the class installer failed; the default handler is not called (HDC chart)", failure.label()),
                    };
                    if let Some(handler) = self.existing_default_handler() {
                        st.skipped.push(Skipped {
                            participant: handler.function.to_string(),
                            role: None,
                            reason: format!(
                                "the class installer returned {}, not ERROR_DI_DO_DEFAULT (HDC)",
                                other.label()
                            ),
                        });
                    }
                    st.calls.push(call(
                        ci,
                        CallPass::Main,
                        status_in,
                        other.clone(),
                        alt.evidence,
                        &note,
                    ));
                    st.status = other;
                    self.post_pass(0, st);
                }
            }
        }
    }

    /// The default handler when the status is ERROR_DI_DO_DEFAULT (§2.2).
    fn default_step(&mut self, mut st: BranchState) {
        let input = self.input;
        let handler = self.dif.and_then(|d| d.default_handler);
        if input.flags & DI_NODI_DEFAULTACTION != 0 {
            let reason = "DI_NODI_DEFAULTACTION: \"don't perform any default action if the class installer returns DO_DEFAULT or there is no class installer\" (SDK-DIP; flag edge of the HDC chart)".to_string();
            match handler {
                Some(h) => st.skipped.push(Skipped {
                    participant: h.function.to_string(),
                    role: None,
                    reason,
                }),
                None => st.notes.push(reason),
            }
            self.assume("with DI_NODI_DEFAULTACTION the final status is taken to stay ERROR_DI_DO_DEFAULT; what Windows returns then is not documented (dif-model.md §8.4)".to_string());
            return self.post_pass(0, st);
        }
        match handler {
            Some(h) if h.exists_on(input.windows) => {
                let mut note = format!("default handler {}: TRUE -> NO_ERROR, FALSE -> its GetLastError() becomes the status (HDC chart; CDH)", h.function);
                if input.dif == catalog::dif_codes::DIF_INSTALLDEVICE && input.flags_ex & DI_FLAGSEX_SETFAILEDINSTALL != 0 {
                    note.push_str("; with DI_FLAGSEX_SETFAILEDINSTALL it only marks the device FAILEDINSTALL (SDK-DIP)");
                }
                st.calls.push(Call {
                    participant: h.function.to_string(),
                    role: None,
                    pass: CallPass::DefaultHandler,
                    status_in: Status::DoDefault,
                    status_out: Status::NoError,
                    evidence: Vec::new(),
                    note,
                });
                st.status = Status::NoError;
                self.assume(format!("the default handler {} is assumed to succeed", h.function));
            }
            Some(h) => st.notes.push(format!(
                "{} does not exist on {} (removed in {}): there is no default action and the status stays ERROR_DI_DO_DEFAULT",
                h.function,
                input.windows,
                h.removed_in.map_or("", |v| v.display_name())
            )),
            None => st.notes.push(format!(
                "{} has no default handler: the status stays ERROR_DI_DO_DEFAULT (HDC chart: \"NO_ERROR or ERROR_DI_DO_DEFAULT\")",
                self.dif_name
            )),
        }
        self.post_pass(0, st);
    }

    /// Post-processing in reverse order of the pre-pass (§2.1 step 5, COP step 6).
    fn post_pass(&mut self, done: usize, state: BranchState) {
        if self.truncated {
            return;
        }
        if done == state.post.len() {
            return self.finish(state, None);
        }
        let index = state.post[state.post.len() - 1 - done];
        let p = self.pre_order[index];
        let resolution = self.alternatives(p, Pass::Post);
        for alt in resolution.alternatives {
            let mut st = state.clone();
            let status_in = st.status.clone();
            let out = alt.to_status(CallPass::Post, &status_in);
            checks::check(
                self,
                &mut st,
                p,
                CallPass::Post,
                &status_in,
                &alt,
                &out,
                resolution.origin,
            );
            if let Status::Unknown { ref reason } = out {
                let reason = format!(
                    "{} ({}) post-processing: {reason}",
                    p.name,
                    role_name(p.role)
                );
                st.calls.push(call(
                    p,
                    CallPass::Post,
                    status_in,
                    out.clone(),
                    alt.evidence,
                    "the model cannot decide this value",
                ));
                return self.finish(st, Some(reason));
            }
            let note = if alt.is_propagation() {
                format!(
                    "post-processing with InstallResult = {}: propagates it unchanged (CII)",
                    status_in.label()
                )
            } else {
                format!(
                    "post-processing with InstallResult = {}: its return value {} becomes the status (CII; COP: post-processing runs even after a failure)",
                    status_in.label(),
                    out.label()
                )
            };
            st.calls.push(call(
                p,
                CallPass::Post,
                status_in,
                out.clone(),
                alt.evidence,
                &note,
            ));
            st.status = out;
            self.post_pass(done + 1, st);
        }
    }

    /// Ends a branch: outcome from the final status, plus what it means for this DIF.
    fn finish(&mut self, mut st: BranchState, undetermined: Option<String>) {
        if self.branches.len() >= MAX_BRANCHES {
            self.truncated = true;
            return;
        }
        let outcome = match undetermined {
            Some(reason) => Outcome::Undetermined { reason },
            None => match &st.status {
                Status::NoError => Outcome::Handled,
                Status::DoDefault => Outcome::Unhandled,
                other => Outcome::Failed {
                    status: other.clone(),
                },
            },
        };
        st.notes.extend(self.outcome_notes(&outcome));
        let branch_index = self.branches.len();
        for v in st.violations.drain(..) {
            self.record_violation(v, branch_index);
        }
        self.branches.push(Branch {
            calls: st.calls,
            skipped: st.skipped,
            outcome,
            notes: st.notes,
        });
    }

    fn record_violation(&mut self, v: PendingViolation, branch: usize) {
        let existing = self.violations.iter_mut().find(|e| {
            e.kind == v.kind
                && e.participant == v.participant
                && e.pass == v.pass
                && e.returned == v.returned
        });
        match existing {
            Some(e) => {
                if !e.branches.contains(&branch) {
                    e.branches.push(branch);
                }
            }
            None => self.violations.push(Violation {
                kind: v.kind,
                rule: v.rule,
                participant: v.participant,
                role: v.role,
                pass: v.pass,
                returned: v.returned,
                message: v.message,
                evidence: v.evidence,
                branches: vec![branch],
            }),
        }
    }

    /// What an outcome means for the caller and for this DIF.
    fn outcome_notes(&self, outcome: &Outcome) -> Vec<String> {
        let mut notes = Vec::new();
        match outcome {
            Outcome::Handled => notes.push("SetupDiCallClassInstaller returns TRUE".to_string()),
            Outcome::Unhandled => notes.push("SetupDiCallClassInstaller returns FALSE with GetLastError() == ERROR_DI_DO_DEFAULT; callers treat this as \"not handled\", not as a failure (WINE-T)".to_string()),
            Outcome::Failed { status } => {
                notes.push(match status {
                    Status::UnspecifiedError { expression } => format!("SetupDiCallClassInstaller returns FALSE with GetLastError() == the value of `{expression}`"),
                    other => format!("SetupDiCallClassInstaller returns FALSE with GetLastError() == {}", other.label()),
                });
                if let Some(dif) = self.dif {
                    if dif.has(Constraint::FailureStopsInstall) {
                        notes.push(format!("a failed {} stops the device installation", dif.name));
                    }
                    if dif.has(Constraint::FailureVetoesRemoval) {
                        notes.push("the removal is vetoed (DIF-remove)".to_string());
                    }
                    if dif.has(Constraint::ErrorDeletesElement) {
                        notes.push("Windows deletes the device information element from the set (DIF-registerdevice)".to_string());
                    }
                    if dif.has(Constraint::RetryBehaviourDependsOnOs) {
                        notes.push(if self.input.windows < WindowsVersion::Win8 {
                            "before Windows 8 the device stays flagged and the finish-install action is retried at the next admin logon, reattach or \"Scan for hardware changes\" (RFA, GFA)".to_string()
                        } else {
                            "from Windows 8 the action runs once: the error does not keep the device flagged, so the action must let the user retry itself (GFA, CXC, CXO)".to_string()
                        });
                    }
                }
            }
            Outcome::Undetermined { .. } => {}
        }
        notes
    }

    fn into_prediction(mut self) -> Prediction {
        let all: Vec<usize> = (0..self.branches.len()).collect();
        for v in std::mem::take(&mut self.global_violations) {
            for &b in &all {
                self.record_violation(v.clone(), b);
            }
        }
        if self.truncated {
            self.assume(format!(
                "only the first {MAX_BRANCHES} branches are simulated"
            ));
        }
        let mut outcomes: Vec<Outcome> = Vec::new();
        for b in &self.branches {
            if !outcomes.contains(&b.outcome) {
                outcomes.push(b.outcome.clone());
            }
        }
        Prediction {
            dif_name: self.dif_name,
            input: self.input.clone(),
            not_invoked: self.not_invoked,
            branches: self.branches,
            outcomes,
            assumptions: self.assumptions,
            violations: self.violations,
            notable_calls: self.notable_calls,
            truncated: self.truncated,
        }
    }
}

/// A call record.
fn call(
    p: &Participant<'_>,
    pass: CallPass,
    status_in: Status,
    status_out: Status,
    evidence: Vec<SourceLocation>,
    note: &str,
) -> Call {
    Call {
        participant: p.name.clone(),
        role: Some(p.role),
        pass,
        status_in,
        status_out,
        evidence,
        note: note.to_string(),
    }
}

/// A role's name in prose.
pub(crate) fn role_name(role: Role) -> &'static str {
    match role {
        Role::ClassCoInstaller => "class co-installer",
        Role::DeviceCoInstaller => "device co-installer",
        Role::ClassInstaller => "class installer",
    }
}
