//! The package analysis behind the installer-source rules, end to end: where sources come from,
//! installer functions no INF registers, and installers that could not be analysed (which a
//! report must list rather than pass off as clean).

use std::path::Path;

use lint::{lint_bytes, FileReport, LintOptions, Profile};

const INF_HEAD: &str = r#"[Version]
Signature = "$Windows NT$"
Class = Widget
ClassGuid = {5a1f7e2c-3b4d-4e6f-8a9b-0c1d2e3f4a5b}
Provider = %Vendor%
CatalogFile = widget.cat
DriverVer = 01/01/2024,1.0.0.0

[Manufacturer]
%Vendor% = Widget, NTamd64

[Widget.NTamd64]
%Widget.Desc% = Widget_Device, PCI\VEN_1234&DEV_5678

[Widget_Device.NT]
[Widget_Device.NT.Services]
AddService = widget, 0x00000002, Widget_Service

[Widget_Service]
ServiceType = 1
StartType = 3
ErrorControl = 1
ServiceBinary = %13%\widget.sys
"#;

const INF_TAIL: &str = r#"
[Strings]
Vendor = "Contoso"
Widget.Desc = "Contoso Widget"
"#;

const CO_INSTALLER: &str = r#"
[Widget_Device.NT.CoInstallers]
AddReg = Widget_CoInstaller_AddReg

[Widget_CoInstaller_AddReg]
HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
"#;

/// A co-installer that returns ERROR_DI_DO_DEFAULT for codes it does not recognise, and a class
/// installer that does the same (which is what a class installer must do).
const SOURCES: &str = r#"
DWORD CALLBACK OtherCoInstaller(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)
{
    switch (f) {
    default:
        return ERROR_DI_DO_DEFAULT;
    }
}

DWORD CALLBACK OtherClassInstaller(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d)
{
    return ERROR_DI_DO_DEFAULT;
}
"#;

fn lint(dir: &Path, inf: &str, options: LintOptions) -> FileReport {
    let path = dir.join("widget.inf");
    std::fs::write(&path, inf).expect("write INF");
    let bytes = std::fs::read(&path).expect("read INF");
    lint_bytes(&path, &bytes, &options)
}

fn options(sources: Option<&Path>, discover: bool) -> LintOptions {
    LintOptions {
        profile: Profile::Basic,
        sources: sources.map(Path::to_path_buf),
        discover_sources: discover,
        ..LintOptions::default()
    }
}

fn codes(report: &FileReport) -> Vec<&str> {
    report.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

#[test]
fn in_a_repository_an_installer_belongs_to_its_nearest_inf() {
    // A samples repository: this INF's package in `pkg/`, another package (with its own INF
    // and installer) in `other/`. Discovered sources are the repository root, holding both.
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).expect(".git");
    for folder in ["pkg", "other", "other/src"] {
        std::fs::create_dir(root.join(folder)).expect("folder");
    }
    std::fs::write(root.join("other/other.inf"), INF_HEAD).expect("write other INF");
    std::fs::write(root.join("other/src/other.c"), SOURCES).expect("write source");
    let unregistered = |report: &FileReport| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("not registered by this INF"))
            .count()
    };
    // Both INFs register a co-installer (whose source is not there).
    let inf = format!("{INF_HEAD}{CO_INSTALLER}{INF_TAIL}");
    let report = lint(&root.join("pkg"), &inf, options(None, true));
    assert_eq!(unregistered(&report), 0, "{:?}", codes(&report));
    // To the other package's INF, its installer is its own.
    let report = lint(&root.join("other"), &inf, options(None, true));
    assert!(unregistered(&report) > 0, "{:?}", codes(&report));
    // Unless that INF registers no installer at all: then none is its concern, and the
    // repository's sources are not even read.
    let plain = format!("{INF_HEAD}{INF_TAIL}");
    let plain_options = options(None, true);
    let report = lint(&root.join("other"), &plain, plain_options.clone());
    assert_eq!(unregistered(&report), 0, "{:?}", codes(&report));
    assert_eq!(plain_options.source_cache.analysed_folders(), 0);

    // A package laid out as `inf/` and `coinstaller/` folders: the INF is the nearest one.
    std::fs::remove_file(root.join("other/other.inf")).expect("remove other INF");
    std::fs::create_dir(root.join("other/inf")).expect("inf folder");
    let report = lint(&root.join("other/inf"), &inf, options(None, true));
    assert!(unregistered(&report) > 0, "{:?}", codes(&report));

    // Sources named on the command line are the package's, wherever they are.
    std::fs::write(root.join("other/other.inf"), INF_HEAD).expect("write other INF");
    let report = lint(
        &root.join("pkg"),
        &inf,
        options(Some(&root.join("other")), false),
    );
    assert!(unregistered(&report) > 0, "{:?}", codes(&report));
}

#[test]
fn unregistered_installer_functions_are_checked_and_say_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("src");
    std::fs::create_dir(&src).expect("src dir");
    std::fs::write(src.join("other.c"), SOURCES).expect("write source");
    let report = lint(
        dir.path(),
        &format!("{INF_HEAD}{INF_TAIL}"),
        options(Some(&src), false),
    );
    let co: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "DIF0050")
        .collect();
    assert_eq!(co.len(), 1, "{:?}", codes(&report));
    assert!(
        co[0]
            .message
            .contains("`OtherCoInstaller` (not registered by this INF)"),
        "{}",
        co[0].message
    );
    assert!(
        co[0].primary.is_none(),
        "an unregistered function has no INF line to point at"
    );
    assert!(co[0]
        .labels
        .iter()
        .any(|l| l.file.as_deref() == Some(&*src.join("other.c"))));
    // The class installer's ERROR_DI_DO_DEFAULT is what the protocol asks for.
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("OtherClassInstaller")),
        "{:?}",
        codes(&report)
    );
    assert!(report.installers_not_analysed.is_empty());
}

#[test]
fn a_registered_installer_without_source_is_listed_as_not_analysed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("src");
    std::fs::create_dir(&src).expect("src dir");
    std::fs::write(src.join("other.c"), SOURCES).expect("write source");
    let report = lint(
        dir.path(),
        &format!("{INF_HEAD}{CO_INSTALLER}{INF_TAIL}"),
        options(Some(&src), false),
    );
    let missing = &report.installers_not_analysed;
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(
        missing[0].installer,
        "WidgetCo.dll!WidgetCoInstaller (device co-installer)"
    );
    assert!(
        missing[0]
            .reason
            .starts_with("source not found for `WidgetCo.dll!WidgetCoInstaller`"),
        "{}",
        missing[0].reason
    );
}

#[test]
fn without_sources_the_registered_installers_are_listed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = lint(
        dir.path(),
        &format!("{INF_HEAD}{CO_INSTALLER}{INF_TAIL}"),
        options(None, false),
    );
    let missing = &report.installers_not_analysed;
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(
        missing[0]
            .reason
            .contains("no installer sources were given"),
        "{}",
        missing[0].reason
    );
    // Nothing was analysed, so no source rule may report anything.
    assert!(
        !codes(&report)
            .iter()
            .any(|c| c.starts_with("DIF") && *c >= "DIF0050"),
        "{:?}",
        codes(&report)
    );
}

#[test]
fn sources_beside_the_inf_are_found_without_being_given() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("coinst")).expect("coinst dir");
    std::fs::write(
        dir.path().join("coinst/widgetco.c"),
        "DWORD CALLBACK WidgetCoInstaller(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)\n{\n    return ERROR_DI_DO_DEFAULT;\n}\n",
    )
    .expect("write source");
    let report = lint(
        dir.path(),
        &format!("{INF_HEAD}{CO_INSTALLER}{INF_TAIL}"),
        options(None, true),
    );
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "DIF0050")
        .collect();
    assert_eq!(found.len(), 1, "{:?}", codes(&report));
    // Registered: the finding points at the INF registration and names the DLL.
    assert!(found[0].primary.is_some());
    assert!(
        found[0]
            .message
            .starts_with("device co-installer `WidgetCo.dll!WidgetCoInstaller`"),
        "{}",
        found[0].message
    );
    assert!(
        report.installers_not_analysed.is_empty(),
        "{:?}",
        report.installers_not_analysed
    );
}
