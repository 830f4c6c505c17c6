//! Protocol checks applied to every simulated call (the dispatch-visible rules of dif-model.md
//! §6.3 and §6.2). Participants assumed to follow the protocol are not checked: their values are
//! assumptions, not findings.

use super::resolve::{Alternative, Origin};
use super::{
    role_name, Behavior, BranchState, CallPass, Participant, PendingViolation, Simulation, Status,
    ViolationKind,
};
use crate::behavior::{CallKind, Pass, Role};
use crate::catalog::dif_codes::{
    DIF_DESTROYPRIVATEDATA, DIF_FINISHINSTALL_ACTION, DIF_INSTALLDEVICE,
};
use crate::catalog::{
    Constraint, DifStatus, DIF_SPECIFIC_CODES, DI_FLAGSEX_SETFAILEDINSTALL,
    ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION,
};

/// Checks one returned value and records violations on the branch.
#[allow(clippy::too_many_arguments)] // the call's full context is what the rules read
pub(super) fn check(
    sim: &Simulation<'_, '_>,
    st: &mut BranchState,
    p: &Participant<'_>,
    pass: CallPass,
    status_in: &Status,
    alt: &Alternative,
    out: &Status,
    origin: Origin,
) {
    if !origin.from_source || alt.is_propagation() {
        // Protocol assumptions are not findings; propagating InstallResult is allowed (CII).
        return;
    }
    let mut found = Findings {
        st,
        p,
        pass,
        out,
        alt,
    };
    let is_co = p.role != Role::ClassInstaller;
    let code = out.code();
    let dif = sim.dif;
    let dif_name = sim.dif_name.as_str();
    let mut reported = false;

    if is_co
        && *out == Status::DoDefault
        && (pass == CallPass::Pre || *status_in != Status::DoDefault)
    {
        let rule = if sim.input.dif == DIF_FINISHINSTALL_ACTION {
            "FIN-06"
        } else {
            "RET-01"
        };
        found.add(
            ViolationKind::CoInstallerSetsDoDefault,
            Some(rule),
            format!(
                "{} returns ERROR_DI_DO_DEFAULT for {dif_name}: only class installers use it; \"SetupDiCallClassInstaller will not process the request properly\" (CII){}",
                p.name,
                if pass == CallPass::Pre { "; it takes the error edge and skips the class installer and the default handler" } else { "" }
            ),
        );
        reported = true;
    }
    if !is_co && *out == Status::PostprocessingRequired {
        found.add(
            ViolationKind::ClassInstallerRequestsPostprocessing,
            Some("RET-04"),
            format!("{} (class installer) returns ERROR_DI_POSTPROCESSING_REQUIRED: class installers are never called back for post-processing (COP, CDH)", p.name),
        );
        reported = true;
    }
    if is_co
        && pass == CallPass::Pre
        && *out == Status::PostprocessingRequired
        && dif.is_some_and(|d| d.has(Constraint::NoPostprocessing))
    {
        found.add(
            ViolationKind::PostprocessingForbidden,
            Some("RET-05"),
            format!("{} requests post-processing for {dif_name}, whose page says co-installers should not return ERROR_DI_POSTPROCESSING_REQUIRED", p.name),
        );
        reported = true;
    }
    if is_co && pass == CallPass::Post && *out == Status::PostprocessingRequired {
        found.add(
            ViolationKind::PostprocessingRequestedInPost,
            Some("RET-08"),
            format!("{} returns ERROR_DI_POSTPROCESSING_REQUIRED in post-processing, which is its last call [inference from CII/COP]; the value becomes the final status", p.name),
        );
        reported = true;
    }
    if sim.input.dif == DIF_INSTALLDEVICE && sim.input.flags_ex & DI_FLAGSEX_SETFAILEDINSTALL != 0 {
        let allowed = if is_co {
            *out == Status::NoError
        } else {
            matches!(out, Status::NoError | Status::DoDefault)
        };
        if !allowed {
            found.add(
                ViolationKind::SetFailedInstallViolated,
                Some("RET-07"),
                format!(
                    "{} returns {} for DIF_INSTALLDEVICE with DI_FLAGSEX_SETFAILEDINSTALL: {} (SDK-DIP, DIF-installdevice)",
                    p.name,
                    out.label(),
                    if is_co { "co-installers must return NO_ERROR" } else { "class installers must return NO_ERROR or ERROR_DI_DO_DEFAULT" }
                ),
            );
            reported = true;
        }
    }
    if code == Some(ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION) {
        found.add(
            ViolationKind::InteractiveWindowStation,
            Some("RET-12"),
            format!("{} returns ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION, which makes the installation fail; use finish-install actions for UI (WCC, DIF-allow-install)", p.name),
        );
        reported = true;
    }
    if let Some(c) = code.filter(|c| DIF_SPECIFIC_CODES.contains(c)) {
        let listed = dif.is_some_and(|d| d.role(p.role).returns.specific.contains(&c));
        if !listed {
            found.add(
                ViolationKind::DifSpecificCodeElsewhere,
                Some("RET-16"),
                format!("{} returns {} for {dif_name}; the code is documented only for {} [inference: codes documented only there]", p.name, out.label(), if c == crate::catalog::ERROR_DI_BAD_PATH { "DIF_SELECTDEVICE" } else { "DIF_REGISTERDEVICE" }),
            );
            reported = true;
        }
    }
    if !origin.matched && !reported {
        let neutral = if is_co {
            Status::NoError
        } else {
            Status::DoDefault
        };
        if (pass != CallPass::Post) && *out != neutral {
            found.add(
                ViolationKind::UnrecognisedDifNotNeutral,
                Some(if is_co { "RET-02" } else { "RET-03" }),
                format!(
                    "{} does not recognise {dif_name} and returns {} for it: a {} must return {} for DIF codes it does not handle ({})",
                    p.name,
                    out.label(),
                    role_name(p.role),
                    neutral.label(),
                    if is_co { "CII" } else { "PV-CII, even for codes with no default action today" }
                ),
            );
            reported = true;
        }
    }
    let Some(dif) = dif else { return };
    if origin.matched && !reported {
        let rule_pass = if pass == CallPass::Post {
            Pass::Post
        } else {
            Pass::Pre
        };
        let returns = dif.role(p.role).returns;
        let allowed = match code {
            Some(c) => returns.allows(c, rule_pass),
            None => returns.win32_error,
        };
        if !allowed {
            let rule = if dif.value == DIF_DESTROYPRIVATEDATA && is_co {
                Some("RET-06")
            } else if matches!(dif.status, DifStatus::Reserved | DifStatus::Obsolete) {
                Some("BEH-09")
            } else {
                None
            };
            found.add(
                ViolationKind::UnlistedReturn,
                rule,
                format!(
                    "{} returns {} for {}, which is not among the values a {} may return for it ({})",
                    p.name,
                    out.label(),
                    dif.name,
                    role_name(p.role),
                    describe_rule(dif.role(p.role).note, dif.status)
                ),
            );
        }
    }
    if p.role == Role::ClassInstaller && origin.matched {
        if dif.value == DIF_FINISHINSTALL_ACTION && *out == Status::NoError {
            found.add(
                ViolationKind::ClassInstallerNoErrorForFinishInstallAction,
                Some("FIN-07"),
                format!("{} (class installer) returns NO_ERROR for DIF_FINISHINSTALL_ACTION: the DIF page says it should not (default processing is skipped); IFA/RFA describe it as success [conflict]", p.name),
            );
        }
        if let Some(handler) = dif
            .default_handler
            .filter(|h| h.exists_on(sim.input.windows))
        {
            let calls_handler = calls_function(p, dif.value, handler.function);
            if *out == Status::DoDefault && calls_handler {
                found.add(
                    ViolationKind::DefaultHandlerTwice,
                    Some("RET-14"),
                    format!("{} calls {} itself and then returns ERROR_DI_DO_DEFAULT, so SetupDiCallClassInstaller runs it a second time (HDC: after calling the handler return NO_ERROR)", p.name, handler.function),
                );
            }
            if *out == Status::NoError && !calls_handler {
                found.add(
                    ViolationKind::DefaultHandlerSuperseded,
                    Some("RET-13"),
                    format!("{} returns NO_ERROR for {} without calling {}: the default handler does not run (HDC, CDH: a class installer must not supersede it)", p.name, dif.name, handler.function),
                );
            }
        }
    }
}

/// Whether the participant's source calls `function` while handling `dif`.
fn calls_function(p: &Participant<'_>, dif: u32, function: &str) -> bool {
    match p.behavior {
        Behavior::Known(b) => b
            .handles
            .iter()
            .filter(|h| h.dif == dif)
            .flat_map(|h| h.calls.iter())
            .any(|c| {
                c.kind == CallKind::DefaultHandler && c.function.eq_ignore_ascii_case(function)
            }),
        Behavior::PerProtocol => false,
    }
}

/// The wording behind an allowed-return set, for messages.
fn describe_rule(note: &str, status: DifStatus) -> String {
    match status {
        DifStatus::Reserved | DifStatus::Obsolete | DifStatus::HeaderOnly => {
            "vendor installers must not handle reserved or obsolete codes: co-installers return NO_ERROR, class installers ERROR_DI_DO_DEFAULT".to_string()
        }
        _ if note.is_empty() => "dif-model.md §1.6 and §2.6".to_string(),
        _ => note.to_string(),
    }
}

/// Adds violations for one call to its branch.
struct Findings<'s, 'p, 'a> {
    st: &'s mut BranchState,
    p: &'p Participant<'a>,
    pass: CallPass,
    out: &'s Status,
    alt: &'s Alternative,
}

impl Findings<'_, '_, '_> {
    fn add(&mut self, kind: ViolationKind, rule: Option<&'static str>, message: String) {
        self.st.violations.push(PendingViolation {
            kind,
            rule,
            participant: self.p.name.clone(),
            role: self.p.role,
            pass: Some(self.pass),
            returned: Some(self.out.clone()),
            message,
            evidence: self.alt.evidence.clone(),
        });
    }
}
