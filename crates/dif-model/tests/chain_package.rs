//! `analyze_package` on the `fixtures/dif` packages: the chain, the match of every registered
//! entry point to its source, and the dispatch participants that result.

use std::path::{Path, PathBuf};

use dif_model::behavior::Role;
use dif_model::catalog::dif_codes::*;
use dif_model::chain::{
    analyze_package, Activation, Handling, InstallerRole, MatchOutcome, PackageAnalysis,
    SourcesOrigin,
};
use dif_model::dispatch::{predict, CallPass, DispatchInput, Outcome};
use inf_parser::{parse_inf, Arch, InfOptions, Target};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/dif")
}

fn analyze(inf: &str, sources: &str) -> PackageAnalysis {
    let path = fixtures().join(inf);
    let bytes = std::fs::read(&path).unwrap();
    let inf = parse_inf(&bytes, 1252, InfOptions::default());
    let target = Target::windows10(Arch::Amd64, 22621).with_product_type(1);
    analyze_package(&path, &inf, &target, Some(&fixtures().join(sources)))
}

#[test]
fn toaster_sources_are_matched() {
    let p = analyze("toaster/toaster.inf", "toaster");
    assert_eq!(p.sources.origin, SourcesOrigin::Given);
    assert_eq!(p.sources.files, 2);
    assert_eq!(p.matches.len(), 2);
    for m in &p.matches {
        assert!(matches!(m.outcome, MatchOutcome::Found { .. }), "{m:?}");
    }
    assert!(p.unregistered.is_empty());
    assert_eq!(p.chain.devices.len(), 2);
    let dev = &p.chain.devices[0];
    let names: Vec<(String, InstallerRole)> = p
        .named_participants(dev)
        .into_iter()
        .map(|(n, i)| (n, i.role))
        .collect();
    assert_eq!(
        names,
        vec![
            ("tostrco".to_string(), InstallerRole::DeviceCoInstaller),
            ("tostrcls".to_string(), InstallerRole::ClassInstaller)
        ]
    );
    let co = &dev.device_co_installers[0];
    assert!(matches!(
        p.handling(co, DIF_INSTALLDEVICE),
        Handling::Handles { .. }
    ));
    assert_eq!(p.handling(co, DIF_PROPERTYCHANGE), Handling::DefaultPath);

    // DIF_INSTALLDEVICE: co-installer pre, class installer, default handler, co-installer post.
    let participants = p.participants(dev);
    let prediction = predict(&participants, &DispatchInput::new(DIF_INSTALLDEVICE));
    assert_eq!(prediction.outcomes, vec![Outcome::Handled]);
    let calls: Vec<(&str, CallPass)> = prediction.branches[0]
        .calls
        .iter()
        .map(|c| (c.participant.as_str(), c.pass))
        .collect();
    assert_eq!(
        calls,
        vec![
            ("tostrco", CallPass::Pre),
            ("tostrcls", CallPass::Main),
            ("SetupDiInstallDevice", CallPass::DefaultHandler),
            ("tostrco", CallPass::Post)
        ]
    );
    assert!(
        prediction.violations.is_empty(),
        "{:?}",
        prediction.violations
    );
}

#[test]
fn kmdf_co_installer_is_microsofts() {
    let p = analyze("kmdf/kmdfecho.inf", "kmdf");
    assert_eq!(p.matches.len(), 1);
    assert!(
        matches!(&p.matches[0].outcome, MatchOutcome::Microsoft { reason } if reason.contains("KMDF co-installer 01011"))
    );
    let dev = &p.chain.devices[0];
    let participants = p.participants(dev);
    assert_eq!(participants.len(), 1);
    assert_eq!(participants[0].role, Role::DeviceCoInstaller);
    assert_eq!(dev.wdf.as_ref().unwrap().services.len(), 1);
}

#[test]
fn class_co_installers_from_default_install() {
    let p = analyze("classco/acmeports.inf", "classco");
    let cc = &p.chain.class_co_installers;
    assert_eq!(cc.len(), 2);
    assert!(cc
        .iter()
        .all(|i| matches!(i.activation, Activation::Conditional { .. })));
    assert_eq!(cc[1].entry, "CoDeviceInstall");
    assert!(cc[1].entry_defaulted);
    let log = p.match_of(&cc[1]).unwrap();
    assert!(
        matches!(&log.outcome, MatchOutcome::NotFound { reason } if reason.starts_with("source not found for `acmelog.dll!CoDeviceInstall`"))
    );
    assert!(matches!(
        p.match_of(&cc[0]).unwrap().outcome,
        MatchOutcome::Found { .. }
    ));
    let ci = p.chain.class_installer().unwrap();
    assert!(ci.inbox);
    let dev = &p.chain.devices[0];
    let roles: Vec<Role> = p.participants(dev).iter().map(|x| x.role).collect();
    assert_eq!(
        roles,
        vec![
            Role::ClassCoInstaller,
            Role::ClassCoInstaller,
            Role::ClassInstaller
        ]
    );
    // The policy check can veto: two outcomes for DIF_ALLOW_INSTALL.
    let prediction = predict(&p.participants(dev), &DispatchInput::new(DIF_ALLOW_INSTALL));
    assert_eq!(prediction.outcomes.len(), 2, "{:?}", prediction.outcomes);
}

#[test]
fn plain_package_has_no_installers() {
    let p = analyze("plain/plainsys.inf", "plain");
    assert!(p.matches.is_empty());
    assert_eq!(p.chain.devices.len(), 1);
    assert_eq!(p.chain.devices[0].install.name, "Plain_Install.NT");
    assert!(p.participants(&p.chain.devices[0]).is_empty());
    assert!(p.chain.class_installer().is_none());
}
