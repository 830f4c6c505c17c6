//! End-to-end tests of `difcheck dif` on the packages of `fixtures/dif` (written for these
//! tests): human and JSON output as insta snapshots, run from `fixtures/dif` with relative
//! paths and an explicit `--sources` so that nothing depends on the machine or on other files of
//! the repository.

mod common;

use std::path::{Path, PathBuf};

use common::{copy_tree, run_in, settings, Run};
use serde_json::Value;

fn dif_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/dif")
}

fn dif(args: &[&str]) -> Run {
    let mut all = vec!["dif"];
    all.extend_from_slice(args);
    run_in(&dif_fixtures(), &all, None)
}

macro_rules! snap {
    ($name:expr, $run:expr) => {{
        let run = $run;
        settings().bind(|| insta::assert_snapshot!($name, run.transcript()));
        run
    }};
}

fn json(run: &Run) -> Value {
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("JSON output")
}

#[test]
fn toaster_human() {
    let r = snap!(
        "dif_toaster_human",
        dif(&["toaster/toaster.inf", "--sources", "toaster"])
    );
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.lines().all(|l| l.chars().count() <= 100),
        "a line is wider than 100 columns"
    );
}

#[test]
fn toaster_json() {
    let r = snap!(
        "dif_toaster_json",
        dif(&[
            "toaster/toaster.inf",
            "--sources",
            "toaster",
            "--format",
            "json"
        ])
    );
    let v = json(&r);
    assert_eq!(v["version"], 1);
    let group = &v["install_sections"][0];
    assert_eq!(group["devices"].as_array().unwrap().len(), 2);
    let names: Vec<&str> = group["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["tostrco", "tostrcls"]);
    // Every INF span carries its line.
    let co = &group["devices"][0]["device_co_installers"][0];
    assert_eq!(co["registration"]["line"]["span"]["line"], 74);
    assert_eq!(co["copied"]["dirid"], 11);
}

#[test]
fn toaster_all_scenarios_on_windows_7_x86() {
    let r = snap!(
        "dif_toaster_x86_win7_all",
        dif(&[
            "toaster/toaster.inf",
            "--sources",
            "toaster",
            "--arch",
            "x86",
            "--os",
            "6.1.7601",
            "--scenario",
            "all"
        ])
    );
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("[Toaster.NTx86]"));
    assert!(r.stdout.contains("finish-install-win8"));
}

#[test]
fn kmdf_human_and_json() {
    let r = snap!(
        "dif_kmdf_human",
        dif(&["kmdf/kmdfecho.inf", "--sources", "kmdf"])
    );
    assert_eq!(r.code, 0);
    let r = snap!(
        "dif_kmdf_json",
        dif(&["kmdf/kmdfecho.inf", "--sources", "kmdf", "--format", "json"])
    );
    let v = json(&r);
    let p = &v["install_sections"][0]["participants"][0];
    assert_eq!(p["behavior"], "per-protocol");
    assert!(p["per_protocol_reason"]
        .as_str()
        .unwrap()
        .contains("KMDF co-installer"));
}

#[test]
fn class_co_installer_human_and_json() {
    let r = snap!(
        "dif_classco_human",
        dif(&["classco/acmeports.inf", "--sources", "classco"])
    );
    assert_eq!(r.code, 0);
    assert!(r
        .stdout
        .contains("source not found for `acmelog.dll!CoDeviceInstall`"));
    let r = snap!(
        "dif_classco_json",
        dif(&[
            "classco/acmeports.inf",
            "--sources",
            "classco",
            "--format",
            "json"
        ])
    );
    let v = json(&r);
    let roles: Vec<&str> = v["install_sections"][0]["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["role"].as_str().unwrap())
        .collect();
    assert_eq!(
        roles,
        [
            "class-co-installer",
            "class-co-installer",
            "class-installer"
        ]
    );
}

#[test]
fn plain_human_and_json() {
    let r = snap!(
        "dif_plain_human",
        dif(&["plain/plainsys.inf", "--sources", "plain"])
    );
    assert_eq!(r.code, 0);
    let r = snap!(
        "dif_plain_json",
        dif(&[
            "plain/plainsys.inf",
            "--sources",
            "plain",
            "--format",
            "json"
        ])
    );
    let v = json(&r);
    assert!(v["matches"].as_array().unwrap().is_empty());
    assert!(v["install_sections"][0]["participants"]
        .as_array()
        .unwrap()
        .is_empty());
}

/// An INX is read as stampinf would stamp it for the architecture; lines point into the .inx.
#[test]
fn inx_is_stamped_for_the_architecture() {
    let r = snap!(
        "dif_inx_arm64",
        dif(&["inx/kmdfecho.inx", "--sources", "inx", "--arch", "arm64"])
    );
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("[Echo.NTarm64]"));
    assert!(r.stdout.contains("WdfCoInstaller01015.dll!WdfCoInstaller"));
    assert!(r
        .stdout
        .contains("kmdfecho.inx:39 (in [Echo_CoInstaller_AddReg])"));
    let v = json(&dif(&[
        "inx/kmdfecho.inx",
        "--sources",
        "inx",
        "--arch",
        "arm64",
        "--format",
        "json",
    ]));
    assert_eq!(v["inx"], true);
    let co = &v["install_sections"][0]["devices"][0]["device_co_installers"][0];
    assert_eq!(co["registration"]["line"]["span"]["line"], 39);
}

/// Without `--sources`, the sources are searched from the INF's repository root.
#[test]
fn sources_default_to_the_repository_root() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&dif_fixtures().join("toaster"), &dir.path().join("pkg"));
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let r = snap!(
        "dif_toaster_repository_root",
        run_in(&dir.path().join("pkg"), &["dif", "toaster.inf"], None)
    );
    assert_eq!(r.code, 0);
    assert!(r
        .stdout
        .contains("sources  .. (repository root of the INF)"));
}

#[test]
fn usage_errors() {
    let r = snap!("dif_missing_file", dif(&["missing.inf"]));
    assert_eq!(r.code, 2);
    let r = dif(&["toaster/toaster.inf", "--scenario", "boot"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown scenario"));
    let r = dif(&["toaster/toaster.inf", "--arch", "mips"]);
    assert_eq!(r.code, 2);
}
