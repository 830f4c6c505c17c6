//! The SetupDiCallClassInstaller state machine of dif-model.md §2.2, one test per edge.

mod dispatch_support;

use dif_model::behavior::{CallKind, Pass, ReturnValue, Role};
use dif_model::catalog::dif_codes::*;
use dif_model::catalog::{
    WindowsVersion, DI_FLAGSEX_SETFAILEDINSTALL, DI_NODI_DEFAULTACTION, ERROR_DI_DO_DEFAULT,
    ERROR_DI_POSTPROCESSING_REQUIRED, ERROR_DUPLICATE_FOUND, NO_ERROR,
};
use dif_model::dispatch::{
    predict, CallPass, DispatchInput, Outcome, Participant, Prediction, Status, ViolationKind,
    MAX_BRANCHES,
};
use dispatch_support::{code, Builder};

const ACCESS_DENIED: u32 = 5;

/// `(participant, pass, status_in, status_out)` of every call of the only branch.
fn trace(p: &Prediction) -> Vec<(String, CallPass, Status, Status)> {
    assert_eq!(
        p.branches.len(),
        1,
        "expected one branch: {:#?}",
        p.branches
    );
    p.branches[0]
        .calls
        .iter()
        .map(|c| {
            (
                c.participant.clone(),
                c.pass,
                c.status_in.clone(),
                c.status_out.clone(),
            )
        })
        .collect()
}

fn kinds(p: &Prediction) -> Vec<ViolationKind> {
    p.violations.iter().map(|v| v.kind).collect()
}

fn err(code: u32) -> Status {
    Status::from_code(code)
}

#[test]
fn class_installer_do_default_runs_the_default_handler() {
    let ci = Builder::new("ci.c", "MyClassInstaller", Role::ClassInstaller)
        .handles(
            DIF_INSTALLDEVICE,
            &[(Pass::Pre, code(ERROR_DI_DO_DEFAULT))],
            &[],
        )
        .build();
    let participants = [Participant::known(
        Role::ClassInstaller,
        "ci.dll!MyClassInstaller",
        &ci,
    )];
    let p = predict(&participants, &DispatchInput::new(DIF_INSTALLDEVICE));
    assert_eq!(
        trace(&p),
        [
            (
                "ci.dll!MyClassInstaller".to_string(),
                CallPass::Main,
                Status::NoError,
                Status::DoDefault
            ),
            (
                "SetupDiInstallDevice".to_string(),
                CallPass::DefaultHandler,
                Status::DoDefault,
                Status::NoError
            ),
        ]
    );
    assert_eq!(p.outcomes, [Outcome::Handled]);
    assert!(p.violations.is_empty());
    assert!(p
        .assumptions
        .iter()
        .any(|a| a.contains("SetupDiInstallDevice is assumed to succeed")));
    assert_eq!(
        p.branches[0].calls[0].evidence.len(),
        1,
        "the return is traced to its source line"
    );
}

#[test]
fn class_installer_no_error_skips_the_default_handler() {
    let calls_handler = Builder::new("ci.c", "Ci", Role::ClassInstaller)
        .handles(
            DIF_INSTALLDEVICE,
            &[(Pass::Pre, code(NO_ERROR))],
            &[("SetupDiInstallDevice", CallKind::DefaultHandler)],
        )
        .build();
    let participants = [Participant::known(
        Role::ClassInstaller,
        "ci",
        &calls_handler,
    )];
    let p = predict(&participants, &DispatchInput::new(DIF_INSTALLDEVICE));
    assert_eq!(
        trace(&p),
        [(
            "ci".to_string(),
            CallPass::Main,
            Status::NoError,
            Status::NoError
        )]
    );
    assert!(!p.branches[0].default_handler_called());
    assert!(p.branches[0]
        .skipped
        .iter()
        .any(|s| s.participant == "SetupDiInstallDevice"));
    assert_eq!(p.outcomes, [Outcome::Handled]);
    assert!(
        p.violations.is_empty(),
        "it called the handler itself: {:#?}",
        p.violations
    );

    // The same without calling the handler supersedes it (RET-13).
    let supersedes = Builder::new("ci.c", "Ci", Role::ClassInstaller)
        .handles(DIF_INSTALLDEVICE, &[(Pass::Pre, code(NO_ERROR))], &[])
        .build();
    let participants = [Participant::known(Role::ClassInstaller, "ci", &supersedes)];
    let p = predict(&participants, &DispatchInput::new(DIF_INSTALLDEVICE));
    assert_eq!(kinds(&p), [ViolationKind::DefaultHandlerSuperseded]);
    assert_eq!(p.violations[0].rule, Some("RET-13"));
}

#[test]
fn class_installer_that_calls_the_handler_and_returns_do_default_runs_it_twice() {
    let ci = Builder::new("ci.c", "Ci", Role::ClassInstaller)
        .handles(
            DIF_REMOVE,
            &[(Pass::Pre, code(ERROR_DI_DO_DEFAULT))],
            &[("SetupDiRemoveDevice", CallKind::DefaultHandler)],
        )
        .build();
    let p = predict(
        &[Participant::known(Role::ClassInstaller, "ci", &ci)],
        &DispatchInput::new(DIF_REMOVE),
    );
    assert!(p.branches[0].default_handler_called());
    assert_eq!(kinds(&p), [ViolationKind::DefaultHandlerTwice]);
}

#[test]
fn di_nodi_defaultaction_suppresses_the_default_handler() {
    let participants = [Participant::per_protocol(Role::ClassInstaller, "ci")];
    let input = DispatchInput::new(DIF_INSTALLDEVICE).with_flags(DI_NODI_DEFAULTACTION);
    let p = predict(&participants, &input);
    assert_eq!(
        trace(&p),
        [(
            "ci".to_string(),
            CallPass::Main,
            Status::NoError,
            Status::DoDefault
        )]
    );
    assert!(p.branches[0]
        .skipped
        .iter()
        .any(|s| s.participant == "SetupDiInstallDevice"
            && s.reason.contains("DI_NODI_DEFAULTACTION")));
    assert_eq!(p.outcomes, [Outcome::Unhandled]);
    assert!(
        p.assumptions.iter().any(|a| a.contains("§8.4")),
        "the open question is stated"
    );
}

#[test]
fn without_a_class_installer_the_status_is_do_default() {
    // DIF_REMOVE has a default handler: it runs.
    let p = predict(&[], &DispatchInput::new(DIF_REMOVE));
    assert_eq!(
        trace(&p),
        [(
            "SetupDiRemoveDevice".to_string(),
            CallPass::DefaultHandler,
            Status::DoDefault,
            Status::NoError
        )]
    );
    assert!(p.branches[0]
        .notes
        .iter()
        .any(|n| n.contains("no class installer")));
    assert_eq!(p.outcomes, [Outcome::Handled]);

    // DIF_ALLOW_INSTALL has none: FALSE / ERROR_DI_DO_DEFAULT, i.e. unhandled (WINE-T).
    let p = predict(&[], &DispatchInput::new(DIF_ALLOW_INSTALL));
    assert!(p.branches[0].calls.is_empty());
    assert_eq!(p.outcomes, [Outcome::Unhandled]);
    assert!(p.branches[0]
        .notes
        .iter()
        .any(|n| n.contains("FALSE with GetLastError() == ERROR_DI_DO_DEFAULT")));
}

#[test]
fn co_installer_win32_error_stops_the_pre_chain() {
    let first = Builder::new("a.c", "A", Role::ClassCoInstaller)
        .handles(
            DIF_INSTALLDEVICE,
            &[
                (Pass::Pre, code(ERROR_DI_POSTPROCESSING_REQUIRED)),
                (Pass::Post, ReturnValue::PropagateInstallResult),
            ],
            &[],
        )
        .build();
    let failing = Builder::new("b.c", "B", Role::DeviceCoInstaller)
        .handles(DIF_INSTALLDEVICE, &[(Pass::Pre, code(ACCESS_DENIED))], &[])
        .build();
    let participants = [
        Participant::known(Role::ClassCoInstaller, "a", &first),
        Participant::known(Role::DeviceCoInstaller, "b", &failing),
        Participant::per_protocol(Role::DeviceCoInstaller, "c"),
        Participant::per_protocol(Role::ClassInstaller, "ci"),
    ];
    let p = predict(&participants, &DispatchInput::new(DIF_INSTALLDEVICE));
    assert_eq!(
        trace(&p),
        [
            (
                "a".to_string(),
                CallPass::Pre,
                Status::NoError,
                Status::PostprocessingRequired
            ),
            (
                "b".to_string(),
                CallPass::Pre,
                Status::NoError,
                err(ACCESS_DENIED)
            ),
            // Post-processing still runs for the co-installer that asked (COP), with the error.
            (
                "a".to_string(),
                CallPass::Post,
                err(ACCESS_DENIED),
                err(ACCESS_DENIED)
            ),
        ]
    );
    let skipped: Vec<_> = p.branches[0]
        .skipped
        .iter()
        .map(|s| s.participant.as_str())
        .collect();
    assert_eq!(skipped, ["c", "ci", "SetupDiInstallDevice"]);
    assert_eq!(
        p.outcomes,
        [Outcome::Failed {
            status: err(ACCESS_DENIED)
        }]
    );
    assert!(p.branches[0]
        .notes
        .iter()
        .any(|n| n.contains("stops the device installation")));
}

#[test]
fn post_processing_runs_in_reverse_order_with_the_running_status() {
    let asks = |file: &'static str, post: ReturnValue| {
        Builder::new(file, "Co", Role::ClassCoInstaller)
            .handles(
                DIF_INSTALLINTERFACES,
                &[
                    (Pass::Pre, code(ERROR_DI_POSTPROCESSING_REQUIRED)),
                    (Pass::Post, post),
                ],
                &[],
            )
            .build()
    };
    let class_1 = asks("c1.c", ReturnValue::PropagateInstallResult);
    let class_2 = asks("c2.c", code(ACCESS_DENIED)); // replaces the status in post
    let device = asks("d.c", code(NO_ERROR));
    let participants = [
        Participant::per_protocol(Role::ClassInstaller, "ci"),
        Participant::known(Role::DeviceCoInstaller, "device", &device),
        Participant::known(Role::ClassCoInstaller, "class-1", &class_1),
        Participant::known(Role::ClassCoInstaller, "class-2", &class_2),
    ];
    let p = predict(&participants, &DispatchInput::new(DIF_INSTALLINTERFACES));
    assert_eq!(
        trace(&p),
        [
            (
                "class-1".to_string(),
                CallPass::Pre,
                Status::NoError,
                Status::PostprocessingRequired
            ),
            (
                "class-2".to_string(),
                CallPass::Pre,
                Status::NoError,
                Status::PostprocessingRequired
            ),
            (
                "device".to_string(),
                CallPass::Pre,
                Status::NoError,
                Status::PostprocessingRequired
            ),
            (
                "ci".to_string(),
                CallPass::Main,
                Status::NoError,
                Status::DoDefault
            ),
            (
                "SetupDiInstallDeviceInterfaces".to_string(),
                CallPass::DefaultHandler,
                Status::DoDefault,
                Status::NoError
            ),
            (
                "device".to_string(),
                CallPass::Post,
                Status::NoError,
                Status::NoError
            ),
            (
                "class-2".to_string(),
                CallPass::Post,
                Status::NoError,
                err(ACCESS_DENIED)
            ),
            (
                "class-1".to_string(),
                CallPass::Post,
                err(ACCESS_DENIED),
                err(ACCESS_DENIED)
            ),
        ]
    );
    assert_eq!(
        p.outcomes,
        [Outcome::Failed {
            status: err(ACCESS_DENIED)
        }]
    );
}

#[test]
fn co_installer_do_default_is_a_violation_that_skips_the_class_installer() {
    let co = Builder::new("co.c", "Co", Role::DeviceCoInstaller)
        .handles(
            DIF_FINISHINSTALL_ACTION,
            &[(Pass::Pre, code(ERROR_DI_DO_DEFAULT))],
            &[],
        )
        .build();
    let participants = [
        Participant::known(Role::DeviceCoInstaller, "co", &co),
        Participant::per_protocol(Role::ClassInstaller, "ci"),
    ];
    let p = predict(
        &participants,
        &DispatchInput::new(DIF_FINISHINSTALL_ACTION).with_windows(WindowsVersion::Win7),
    );
    assert_eq!(
        trace(&p),
        [(
            "co".to_string(),
            CallPass::Pre,
            Status::NoError,
            Status::DoDefault
        )]
    );
    let skipped: Vec<_> = p.branches[0]
        .skipped
        .iter()
        .map(|s| s.participant.as_str())
        .collect();
    assert_eq!(skipped, ["ci", "SetupDiFinishInstallAction"]);
    assert_eq!(p.outcomes, [Outcome::Unhandled]);
    assert!(p.branches[0].calls[0].note.contains("CII"));
    assert_eq!(kinds(&p), [ViolationKind::CoInstallerSetsDoDefault]);
    assert_eq!(p.violations[0].rule, Some("FIN-06"));
}

#[test]
fn unknown_dif_codes_pass_through_to_everyone() {
    let participants = [
        Participant::per_protocol(Role::ClassCoInstaller, "class-co"),
        Participant::per_protocol(Role::DeviceCoInstaller, "device-co"),
        Participant::per_protocol(Role::ClassInstaller, "ci"),
    ];
    let p = predict(&participants, &DispatchInput::new(0xdead_beef));
    assert_eq!(p.dif_name, "unknown DIF 0xDEADBEEF");
    let called: Vec<_> = trace(&p)
        .into_iter()
        .map(|(n, pass, _, out)| (n, pass, out))
        .collect();
    assert_eq!(
        called,
        [
            ("class-co".to_string(), CallPass::Pre, Status::NoError),
            ("device-co".to_string(), CallPass::Pre, Status::NoError),
            ("ci".to_string(), CallPass::Main, Status::DoDefault),
        ]
    );
    assert_eq!(p.outcomes, [Outcome::Unhandled]);
    assert!(p
        .assumptions
        .iter()
        .any(|a| a.contains("not a catalogued DIF code") && a.contains("WINE-T")));
    assert!(
        p.assumptions.iter().any(|a| a.contains("[inference")),
        "device co-installer invocation is an inference"
    );
    assert!(
        p.assumptions
            .iter()
            .filter(|a| a.contains("source not analysed"))
            .count()
            == 3
    );
}

#[test]
fn difs_without_a_device_call_only_the_class_installers() {
    let participants = [
        Participant::per_protocol(Role::ClassCoInstaller, "class-co"),
        Participant::per_protocol(Role::DeviceCoInstaller, "device-co"),
        Participant::per_protocol(Role::ClassInstaller, "ci"),
    ];
    let input = DispatchInput::new(DIF_DETECT);
    assert!(
        !input.device_info_data,
        "DIF_DETECT is always sent without a device"
    );
    let p = predict(&participants, &input);
    let called: Vec<_> = trace(&p).into_iter().map(|(n, ..)| n).collect();
    assert_eq!(called, ["class-co", "ci"]);
    assert_eq!(p.not_invoked.len(), 1);
    assert_eq!(p.not_invoked[0].participant, "device-co");
    assert!(p.not_invoked[0].reason.contains("no DeviceInfoData"));
    assert_eq!(
        p.outcomes,
        [Outcome::Unhandled],
        "DIF_DETECT has no default handler"
    );

    // A DIF that needs a device, called without one, says so.
    let p = predict(
        &participants,
        &DispatchInput::new(DIF_INSTALLDEVICE).with_device_info_data(false),
    );
    assert!(p.assumptions.iter().any(|a| a.contains("none is given")));
}

#[test]
fn device_co_installers_are_not_invoked_where_cop_excludes_them_or_before_registration() {
    let participants = [Participant::per_protocol(
        Role::DeviceCoInstaller,
        "device-co",
    )];
    let p = predict(&participants, &DispatchInput::new(DIF_ALLOW_INSTALL));
    assert!(p.not_invoked[0].reason.contains("COP"));
    let p = predict(
        &participants,
        &DispatchInput::new(DIF_INSTALLDEVICE).with_device_co_installers_registered(false),
    );
    assert!(p.not_invoked[0].reason.contains("not registered"));
    let p = predict(&participants, &DispatchInput::new(DIF_INSTALLDEVICE));
    assert!(p.not_invoked.is_empty());
}

#[test]
fn several_possible_returns_become_branches() {
    let co = Builder::new("co.c", "Co", Role::ClassCoInstaller)
        .handles(
            DIF_ALLOW_INSTALL,
            &[
                (Pass::Pre, code(NO_ERROR)),
                (Pass::Both, code(ACCESS_DENIED)),
                (Pass::Pre, code(0)),
            ],
            &[],
        )
        .build();
    let participants = [
        Participant::known(Role::ClassCoInstaller, "co", &co),
        Participant::per_protocol(Role::ClassInstaller, "ci"),
    ];
    let p = predict(&participants, &DispatchInput::new(DIF_ALLOW_INSTALL));
    assert_eq!(p.branches.len(), 2, "NO_ERROR and 0 are the same value");
    assert_eq!(p.branches[0].calls[0].evidence.len(), 2);
    assert_eq!(
        p.outcomes,
        [
            Outcome::Unhandled,
            Outcome::Failed {
                status: err(ACCESS_DENIED)
            }
        ]
    );
    assert!(p.sometimes(|o| matches!(o, Outcome::Failed { .. })));
    assert!(!p.always(|o| matches!(o, Outcome::Failed { .. })));
}

#[test]
fn undecidable_values_end_the_branch_as_undetermined() {
    let co = Builder::new("co.c", "Co", Role::ClassCoInstaller)
        .handles(
            DIF_REMOVE,
            &[(
                Pass::Pre,
                ReturnValue::Unknown {
                    reason: "returns Helper()".to_string(),
                },
            )],
            &[],
        )
        .build();
    let participants = [
        Participant::known(Role::ClassCoInstaller, "co", &co),
        Participant::per_protocol(Role::ClassInstaller, "ci"),
    ];
    let p = predict(&participants, &DispatchInput::new(DIF_REMOVE));
    assert_eq!(p.branches.len(), 1);
    match &p.outcomes[0] {
        Outcome::Undetermined { reason } => {
            assert!(reason.contains("returns Helper()"), "{reason}")
        }
        other => panic!("expected undetermined, got {other:?}"),
    }

    // A co-installer asking for post-processing with no analysed post pass is undetermined too.
    let co = Builder::new("co.c", "Co", Role::ClassCoInstaller)
        .handles(
            DIF_REMOVE,
            &[(Pass::Pre, code(ERROR_DI_POSTPROCESSING_REQUIRED))],
            &[],
        )
        .build();
    let participants = [Participant::known(Role::ClassCoInstaller, "co", &co)];
    let p = predict(&participants, &DispatchInput::new(DIF_REMOVE));
    assert!(
        matches!(&p.outcomes[0], Outcome::Undetermined { reason } if reason.contains("post-processing"))
    );
}

#[test]
fn set_failed_install_restricts_returns() {
    let co = Builder::new("co.c", "Co", Role::DeviceCoInstaller)
        .handles(DIF_INSTALLDEVICE, &[(Pass::Pre, code(ACCESS_DENIED))], &[])
        .build();
    let ci = Builder::new("ci.c", "Ci", Role::ClassInstaller)
        .handles(DIF_INSTALLDEVICE, &[(Pass::Pre, code(ACCESS_DENIED))], &[])
        .build();
    let input = DispatchInput::new(DIF_INSTALLDEVICE).with_flags_ex(DI_FLAGSEX_SETFAILEDINSTALL);
    let p = predict(
        &[Participant::known(Role::DeviceCoInstaller, "co", &co)],
        &input,
    );
    assert_eq!(kinds(&p), [ViolationKind::SetFailedInstallViolated]);
    let p = predict(
        &[Participant::known(Role::ClassInstaller, "ci", &ci)],
        &input,
    );
    assert_eq!(kinds(&p), [ViolationKind::SetFailedInstallViolated]);
    // Without the flag a failure is allowed.
    let p = predict(
        &[Participant::known(Role::ClassInstaller, "ci", &ci)],
        &DispatchInput::new(DIF_INSTALLDEVICE),
    );
    assert!(p.violations.is_empty());
    // With the flag, the default handler only marks the device.
    let p = predict(&[], &input);
    assert!(p.branches[0].calls[0].note.contains("FAILEDINSTALL"));
}

#[test]
fn forbidden_and_misplaced_post_processing_requests() {
    let co = Builder::new("co.c", "Co", Role::ClassCoInstaller)
        .handles(
            DIF_REGISTERDEVICE,
            &[
                (Pass::Pre, code(ERROR_DI_POSTPROCESSING_REQUIRED)),
                (Pass::Post, code(ERROR_DI_POSTPROCESSING_REQUIRED)),
            ],
            &[],
        )
        .build();
    let ci = Builder::new("ci.c", "Ci", Role::ClassInstaller)
        .handles(
            DIF_REGISTERDEVICE,
            &[(Pass::Pre, code(ERROR_DI_POSTPROCESSING_REQUIRED))],
            &[],
        )
        .build();
    let participants = [
        Participant::known(Role::ClassCoInstaller, "co", &co),
        Participant::known(Role::ClassInstaller, "ci", &ci),
    ];
    let p = predict(
        &participants,
        &DispatchInput::new(DIF_REGISTERDEVICE).with_device_co_installers_registered(false),
    );
    let mut rules: Vec<_> = p.violations.iter().filter_map(|v| v.rule).collect();
    rules.sort_unstable();
    assert_eq!(rules, ["RET-04", "RET-05", "RET-08"]);
    assert_eq!(
        p.outcomes,
        [Outcome::Failed {
            status: Status::PostprocessingRequired
        }]
    );
    assert!(p.branches[0]
        .notes
        .iter()
        .any(|n| n.contains("deletes the device information element")));
}

#[test]
fn unrecognised_difs_must_get_the_neutral_value() {
    let co = Builder::new("co.c", "Co", Role::ClassCoInstaller)
        .otherwise(&[(Pass::Both, code(ACCESS_DENIED))])
        .build();
    let ci = Builder::new("ci.c", "Ci", Role::ClassInstaller)
        .otherwise(&[(Pass::Pre, code(NO_ERROR))])
        .build();
    let p = predict(
        &[Participant::known(Role::ClassCoInstaller, "co", &co)],
        &DispatchInput::new(DIF_PROPERTYCHANGE),
    );
    assert_eq!(p.violations[0].rule, Some("RET-02"));
    let p = predict(
        &[Participant::known(Role::ClassInstaller, "ci", &ci)],
        &DispatchInput::new(DIF_PROPERTYCHANGE),
    );
    assert_eq!(p.violations[0].rule, Some("RET-03"));
    assert_eq!(
        p.outcomes,
        [Outcome::Handled],
        "NO_ERROR skips SetupDiChangeState"
    );
}

#[test]
fn returns_outside_the_dif_rules_are_reported() {
    let co = Builder::new("co.c", "Co", Role::ClassCoInstaller)
        .handles(
            DIF_DESTROYPRIVATEDATA,
            &[(Pass::Pre, code(ACCESS_DENIED))],
            &[],
        )
        .build();
    let p = predict(
        &[Participant::known(Role::ClassCoInstaller, "co", &co)],
        &DispatchInput::new(DIF_DESTROYPRIVATEDATA),
    );
    assert_eq!(
        (p.violations[0].kind, p.violations[0].rule),
        (ViolationKind::UnlistedReturn, Some("RET-06"))
    );

    let ci = Builder::new("ci.c", "Ci", Role::ClassInstaller)
        .handles(
            DIF_INSTALLDEVICE,
            &[(Pass::Pre, code(ERROR_DUPLICATE_FOUND))],
            &[],
        )
        .build();
    let p = predict(
        &[Participant::known(Role::ClassInstaller, "ci", &ci)],
        &DispatchInput::new(DIF_INSTALLDEVICE),
    );
    assert_eq!(p.violations[0].rule, Some("RET-16"));

    let ci = Builder::new("ci.c", "Ci", Role::ClassInstaller)
        .handles(
            DIF_FINISHINSTALL_ACTION,
            &[(Pass::Pre, code(NO_ERROR))],
            &[],
        )
        .build();
    let p = predict(
        &[Participant::known(Role::ClassInstaller, "ci", &ci)],
        &DispatchInput::new(DIF_FINISHINSTALL_ACTION),
    );
    assert_eq!(
        kinds(&p),
        [ViolationKind::ClassInstallerNoErrorForFinishInstallAction]
    );
}

#[test]
fn finish_install_action_default_handler_exists_only_before_windows_8() {
    let win7 = predict(
        &[],
        &DispatchInput::new(DIF_FINISHINSTALL_ACTION).with_windows(WindowsVersion::Win7),
    );
    assert!(win7.branches[0].default_handler_called());
    assert_eq!(win7.outcomes, [Outcome::Handled]);
    let win8 = predict(
        &[],
        &DispatchInput::new(DIF_FINISHINSTALL_ACTION).with_windows(WindowsVersion::Win8),
    );
    assert!(!win8.branches[0].default_handler_called());
    assert!(win8.branches[0]
        .notes
        .iter()
        .any(|n| n.contains("does not exist on Windows 8")));
    assert_eq!(win8.outcomes, [Outcome::Unhandled]);

    // A retryable error: kept flagged on Windows 7, single opportunity on Windows 8.
    let co = Builder::new("co.c", "Co", Role::DeviceCoInstaller)
        .handles(
            DIF_FINISHINSTALL_ACTION,
            &[(Pass::Pre, code(ACCESS_DENIED))],
            &[],
        )
        .build();
    let participants = [Participant::known(Role::DeviceCoInstaller, "co", &co)];
    let win7 = predict(
        &participants,
        &DispatchInput::new(DIF_FINISHINSTALL_ACTION).with_windows(WindowsVersion::Win7),
    );
    assert!(win7.branches[0]
        .notes
        .iter()
        .any(|n| n.contains("stays flagged")));
    let win8 = predict(
        &participants,
        &DispatchInput::new(DIF_FINISHINSTALL_ACTION).with_windows(WindowsVersion::Win8),
    );
    assert!(win8.branches[0]
        .notes
        .iter()
        .any(|n| n.contains("runs once")));
}

#[test]
fn difs_not_sent_on_the_target_windows_are_flagged_as_hypothetical() {
    let p = predict(
        &[],
        &DispatchInput::new(DIF_SELECTBESTCOMPATDRV).with_windows(WindowsVersion::Win10v1703),
    );
    assert!(p
        .assumptions
        .iter()
        .any(|a| a.contains("does not send DIF_SELECTBESTCOMPATDRV")));
    let p = predict(
        &[],
        &DispatchInput::new(DIF_SELECTBESTCOMPATDRV).with_windows(WindowsVersion::Win10),
    );
    assert!(!p.assumptions.iter().any(|a| a.contains("does not send")));
    let p = predict(
        &[],
        &DispatchInput::new(DIF_TROUBLESHOOTER).with_windows(WindowsVersion::WinXp),
    );
    assert!(!p.assumptions.iter().any(|a| a.contains("does not send")));
}

#[test]
fn registered_role_and_prototype_role_must_agree() {
    let looks_like_ci = Builder::new("x.c", "X", Role::ClassInstaller)
        .otherwise(&[(Pass::Pre, code(NO_ERROR))])
        .build();
    let p = predict(
        &[Participant::known(
            Role::DeviceCoInstaller,
            "x",
            &looks_like_ci,
        )],
        &DispatchInput::new(DIF_INSTALLDEVICE),
    );
    assert_eq!(kinds(&p), [ViolationKind::RoleMismatch]);
    assert_eq!(p.violations[0].branches, [0]);
}

#[test]
fn incomplete_analysis_and_extra_class_installers_are_assumptions() {
    let partial = Builder::new("co.c", "Co", Role::ClassCoInstaller)
        .otherwise(&[(Pass::Both, code(NO_ERROR))])
        .incomplete("unsupported macro")
        .build();
    let participants = [
        Participant::known(Role::ClassCoInstaller, "co", &partial),
        Participant::per_protocol(Role::ClassInstaller, "first"),
        Participant::per_protocol(Role::ClassInstaller, "second"),
    ];
    let p = predict(&participants, &DispatchInput::new(DIF_INSTALLDEVICE));
    assert!(p
        .assumptions
        .iter()
        .any(|a| a.contains("unsupported macro")));
    assert!(p
        .assumptions
        .iter()
        .any(|a| a.contains("second is ignored")));
    assert!(trace(&p).iter().all(|(n, ..)| n != "second"));
}

#[test]
fn branch_explosion_is_capped() {
    let co = Builder::new("co.c", "Co", Role::ClassCoInstaller)
        .handles(
            DIF_INSTALLDEVICE,
            &[
                (Pass::Pre, code(NO_ERROR)),
                (Pass::Pre, code(ERROR_DI_POSTPROCESSING_REQUIRED)),
                (Pass::Post, ReturnValue::PropagateInstallResult),
            ],
            &[],
        )
        .build();
    let participants: Vec<_> = (0..8)
        .map(|i| Participant::known(Role::ClassCoInstaller, format!("co{i}"), &co))
        .collect();
    let p = predict(&participants, &DispatchInput::new(DIF_INSTALLDEVICE));
    assert!(p.truncated);
    assert_eq!(p.branches.len(), MAX_BRANCHES);
    assert!(p.assumptions.iter().any(|a| a.contains("only the first")));
}

#[test]
fn predictions_serialize_to_json() {
    let p = predict(
        &[Participant::per_protocol(Role::ClassInstaller, "ci")],
        &DispatchInput::new(DIF_INSTALLDEVICE),
    );
    let json = serde_json::to_value(&p).expect("serializable");
    assert_eq!(json["dif_name"], "DIF_INSTALLDEVICE");
    assert_eq!(json["outcomes"][0]["kind"], "handled");
    assert_eq!(json["branches"][0]["calls"][1]["pass"], "default-handler");
    assert_eq!(
        json["branches"][0]["calls"][0]["status_out"]["kind"],
        "do-default"
    );
}
