//! Scenario predictions (dif-model.md §2.8, §4): what carries over between steps, and snapshots
//! of whole scenarios for a small hand-written package.

mod dispatch_support;

use std::fmt::Write as _;

use dif_model::behavior::{CallKind, InstallerBehavior, Pass, ReturnValue, Role};
use dif_model::catalog::dif_codes::*;
use dif_model::catalog::{
    WindowsVersion, ERROR_DI_DO_DEFAULT, ERROR_DI_POSTPROCESSING_REQUIRED, NO_ERROR,
};
use dif_model::dispatch::{Outcome, Participant};
use dif_model::scenario::{
    predict_scenario, Reached, Scenario, ScenarioOptions, ScenarioPrediction,
};
use dispatch_support::{code, Builder};

/// A device co-installer in the style of the toaster sample: post-processing for
/// DIF_INSTALLDEVICE, a finish-install action announced in DIF_NEWDEVICEWIZARD_FINISHINSTALL and
/// run in DIF_FINISHINSTALL_ACTION (which can fail), NO_ERROR for everything else.
fn toaster_co_installer() -> InstallerBehavior {
    Builder::new("toastco.c", "ToasterCoInstaller", Role::DeviceCoInstaller)
        .handles(
            DIF_INSTALLDEVICE,
            &[
                (Pass::Pre, code(ERROR_DI_POSTPROCESSING_REQUIRED)),
                (Pass::Post, ReturnValue::PropagateInstallResult),
            ],
            &[],
        )
        .handles(
            DIF_NEWDEVICEWIZARD_FINISHINSTALL,
            &[(Pass::Both, code(NO_ERROR))],
            &[(
                "SetupDiSetDeviceInstallParamsW",
                CallKind::SetsFinishInstallFlag,
            )],
        )
        .handles(
            DIF_FINISHINSTALL_ACTION,
            &[
                (Pass::Both, code(NO_ERROR)),
                (
                    Pass::Both,
                    ReturnValue::SomeError {
                        expression: "GetLastError()".to_string(),
                    },
                ),
            ],
            &[("CreateProcessW", CallKind::ProcessStart)],
        )
        .otherwise(&[(Pass::Both, code(NO_ERROR))])
        .build()
}

/// A compact, reviewable rendering of a scenario prediction.
fn render(s: &ScenarioPrediction) -> String {
    let mut out = String::new();
    writeln!(out, "{} on {}: {}", s.scenario, s.windows, s.description).unwrap();
    for (i, step) in s.steps.iter().enumerate() {
        let reached = match &step.reached {
            Reached::Yes => "reached".to_string(),
            Reached::Conditional { reason } => format!("reached if: {reason}"),
            Reached::No { reason } => format!("not reached: {reason}"),
        };
        writeln!(
            out,
            "\n{}. {} - {}",
            i + 1,
            step.step.dif_name,
            step.step.context
        )
        .unwrap();
        writeln!(
            out,
            "   {reached}; device co-installers registered: {}",
            step.device_co_installers_registered
        )
        .unwrap();
        let Some(p) = &step.prediction else { continue };
        for n in &p.not_invoked {
            writeln!(out, "   not invoked: {} - {}", n.participant, n.reason).unwrap();
        }
        for (b, branch) in p.branches.iter().enumerate() {
            writeln!(out, "   branch {} -> {:?}", b + 1, branch.outcome).unwrap();
            for c in &branch.calls {
                writeln!(
                    out,
                    "     {:?} {}: {} -> {}",
                    c.pass,
                    c.participant,
                    c.status_in.label(),
                    c.status_out.label()
                )
                .unwrap();
            }
            for sk in &branch.skipped {
                writeln!(out, "     skipped {}: {}", sk.participant, sk.reason).unwrap();
            }
        }
        for v in &p.violations {
            writeln!(
                out,
                "   violation {:?} {:?}: {}",
                v.rule, v.kind, v.participant
            )
            .unwrap();
        }
    }
    writeln!(out, "\nnotes:").unwrap();
    for n in &s.notes {
        writeln!(out, " - {n}").unwrap();
    }
    out
}

#[test]
fn pnp_install_snapshot() {
    let co = toaster_co_installer();
    let participants = [
        Participant::per_protocol(Role::ClassInstaller, "MsPorts.Dll!PortsClassInstaller"),
        Participant::known(
            Role::DeviceCoInstaller,
            "toastco.dll!ToasterCoInstaller",
            &co,
        ),
    ];
    let s = predict_scenario(
        Scenario::PnpInstall,
        &participants,
        ScenarioOptions::default(),
    );
    insta::assert_snapshot!("pnp_install_win11", render(&s));
}

#[test]
fn finish_install_win7_snapshot_json() {
    let co = toaster_co_installer();
    let participants = [Participant::known(
        Role::DeviceCoInstaller,
        "toastco.dll!ToasterCoInstaller",
        &co,
    )];
    let s = predict_scenario(
        Scenario::FinishInstallWin7,
        &participants,
        ScenarioOptions::default(),
    );
    insta::assert_json_snapshot!("finish_install_win7", s);
}

#[test]
fn finish_install_win8_snapshot() {
    let co = toaster_co_installer();
    let participants = [Participant::known(
        Role::DeviceCoInstaller,
        "toastco.dll!ToasterCoInstaller",
        &co,
    )];
    let s = predict_scenario(
        Scenario::FinishInstallWin8,
        &participants,
        ScenarioOptions::default(),
    );
    insta::assert_snapshot!("finish_install_win8", render(&s));
}

#[test]
fn device_co_installers_join_after_register_coinstallers() {
    let co = toaster_co_installer();
    let participants = [Participant::known(Role::DeviceCoInstaller, "co", &co)];
    let s = predict_scenario(
        Scenario::PnpInstall,
        &participants,
        ScenarioOptions {
            windows: Some(WindowsVersion::Win7),
        },
    );
    let registered: Vec<_> = s
        .steps
        .iter()
        .map(|st| (st.step.dif_name, st.device_co_installers_registered))
        .collect();
    assert_eq!(
        registered,
        [
            ("DIF_SELECTBESTCOMPATDRV", false),
            ("DIF_ALLOW_INSTALL", false),
            ("DIF_INSTALLDEVICEFILES", false),
            ("DIF_REGISTER_COINSTALLERS", false),
            ("DIF_INSTALLINTERFACES", true),
            ("DIF_INSTALLDEVICE", true),
            ("DIF_NEWDEVICEWIZARD_FINISHINSTALL", true),
            ("DIF_DESTROYPRIVATEDATA", true),
        ]
    );
    assert!(
        s.steps.iter().all(|st| st.reached == Reached::Yes),
        "Windows 7 still sends DIF_SELECTBESTCOMPATDRV"
    );

    // A class installer that returns NO_ERROR for DIF_REGISTER_COINSTALLERS without calling the
    // handler leaves the device co-installers unregistered.
    let ci = Builder::new("ci.c", "Ci", Role::ClassInstaller)
        .handles(
            DIF_REGISTER_COINSTALLERS,
            &[(Pass::Pre, code(NO_ERROR))],
            &[],
        )
        .otherwise(&[(Pass::Pre, code(ERROR_DI_DO_DEFAULT))])
        .build();
    let participants = [
        Participant::known(Role::ClassInstaller, "ci", &ci),
        Participant::known(Role::DeviceCoInstaller, "co", &co),
    ];
    let s = predict_scenario(
        Scenario::PnpInstall,
        &participants,
        ScenarioOptions::default(),
    );
    let install = s
        .steps
        .iter()
        .find(|st| st.step.dif == DIF_INSTALLDEVICE)
        .unwrap();
    assert!(!install.device_co_installers_registered);
    assert!(s
        .notes
        .iter()
        .any(|n| n.contains("not registered for the later steps")));
}

#[test]
fn a_failing_install_step_stops_the_sequence_but_not_the_cleanup() {
    let veto = Builder::new("co.c", "Co", Role::ClassCoInstaller)
        .handles(DIF_ALLOW_INSTALL, &[(Pass::Pre, code(0xE000_022B))], &[])
        .otherwise(&[(Pass::Both, code(NO_ERROR))])
        .build();
    let participants = [Participant::known(Role::ClassCoInstaller, "veto", &veto)];
    let s = predict_scenario(
        Scenario::PnpInstall,
        &participants,
        ScenarioOptions::default(),
    );
    let reached: Vec<_> = s
        .steps
        .iter()
        .map(|st| {
            (
                st.step.dif_name,
                matches!(st.reached, Reached::No { .. }),
                st.prediction.is_some(),
            )
        })
        .collect();
    assert_eq!(
        reached,
        [
            ("DIF_SELECTBESTCOMPATDRV", true, false),
            ("DIF_ALLOW_INSTALL", false, true),
            ("DIF_INSTALLDEVICEFILES", true, false),
            ("DIF_REGISTER_COINSTALLERS", true, false),
            ("DIF_INSTALLINTERFACES", true, false),
            ("DIF_INSTALLDEVICE", true, false),
            ("DIF_NEWDEVICEWIZARD_FINISHINSTALL", true, false),
            ("DIF_DESTROYPRIVATEDATA", false, true),
        ]
    );

    // A veto on only one branch makes the later steps conditional.
    let maybe = Builder::new("co.c", "Co", Role::ClassCoInstaller)
        .handles(
            DIF_ALLOW_INSTALL,
            &[(Pass::Pre, code(NO_ERROR)), (Pass::Pre, code(0xE000_022B))],
            &[],
        )
        .otherwise(&[(Pass::Both, code(NO_ERROR))])
        .build();
    let participants = [Participant::known(Role::ClassCoInstaller, "maybe", &maybe)];
    let s = predict_scenario(
        Scenario::PnpInstall,
        &participants,
        ScenarioOptions::default(),
    );
    let files = &s.steps[2];
    assert!(
        matches!(&files.reached, Reached::Conditional { reason } if reason.contains("step 2 (DIF_ALLOW_INSTALL) does not fail"))
    );
}

#[test]
fn finish_install_action_is_sent_only_when_someone_sets_the_flag() {
    let plain = Builder::new("co.c", "Co", Role::DeviceCoInstaller)
        .otherwise(&[(Pass::Both, code(NO_ERROR))])
        .build();
    let participants = [Participant::known(Role::DeviceCoInstaller, "plain", &plain)];
    let s = predict_scenario(
        Scenario::FinishInstallWin8,
        &participants,
        ScenarioOptions::default(),
    );
    let action = &s.steps[2];
    assert_eq!(action.step.dif, DIF_FINISHINSTALL_ACTION);
    assert!(
        matches!(&action.reached, Reached::No { reason } if reason.contains("no installer sets"))
    );
    assert!(action.prediction.is_none());

    // With an installer whose source is unknown, it depends on that installer.
    let participants = [Participant::per_protocol(Role::ClassInstaller, "ci")];
    let s = predict_scenario(
        Scenario::FinishInstallWin8,
        &participants,
        ScenarioOptions::default(),
    );
    assert!(
        matches!(&s.steps[2].reached, Reached::Conditional { reason } if reason.contains("ci, whose source was not analysed"))
    );
    let p = s.steps[2].prediction.as_ref().unwrap();
    assert_eq!(
        p.outcomes,
        [Outcome::Unhandled],
        "no default finish-install action on Windows 8"
    );
}

#[test]
fn manual_install_and_device_manager_scenarios() {
    let participants = [
        Participant::per_protocol(Role::ClassCoInstaller, "class-co"),
        Participant::per_protocol(Role::DeviceCoInstaller, "device-co"),
    ];
    let s = predict_scenario(
        Scenario::ManualInstall,
        &participants,
        ScenarioOptions::default(),
    );
    assert_eq!(s.steps.len(), 13);
    assert_eq!(s.steps[0].step.dif_name, "DIF_NEWDEVICEWIZARD_PRESELECT");
    let wizard = s.steps[0].prediction.as_ref().unwrap();
    assert!(wizard
        .not_invoked
        .iter()
        .any(|n| n.participant == "device-co"));
    assert!(s.notes.iter().any(|n| n.contains("inferred")));

    let s = predict_scenario(
        Scenario::PropertyChange,
        &participants,
        ScenarioOptions::default(),
    );
    let names: Vec<_> = s.steps.iter().map(|st| st.step.dif_name).collect();
    assert_eq!(
        names,
        [
            "DIF_ADDPROPERTYPAGE_ADVANCED",
            "DIF_POWERMESSAGEWAKE",
            "DIF_PROPERTYCHANGE",
            "DIF_DESTROYPRIVATEDATA"
        ]
    );
    assert!(matches!(s.steps[1].reached, Reached::Conditional { .. }));
    let change = s.steps[2].prediction.as_ref().unwrap();
    assert!(
        change.branches[0].default_handler_called(),
        "SetupDiChangeState runs"
    );

    let s = predict_scenario(Scenario::Remove, &participants, ScenarioOptions::default());
    let remove = s.steps[0].prediction.as_ref().unwrap();
    assert_eq!(
        remove.branches[0].calls.len(),
        3,
        "class co, device co, SetupDiRemoveDevice"
    );
}
