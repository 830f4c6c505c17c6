//! Runs the installer-source analysis over every file listed in the shared corpus's
//! `DIF_SOURCES.tsv` and compares the result with the table's `role`,
//! `returns_ERROR_DI_DO_DEFAULT` and `dif_codes` columns.
//!
//! The corpus lives outside the repository (`../shared/corpus` next to the workspace); when it
//! is absent the test prints why and passes without checking anything else.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use dif_model::behavior::{Knowledge, ReturnValue};
use dif_model::source::{analyze_file, PrototypeKind, SourceAnalysis};

const ERROR_DI_DO_DEFAULT: u32 = 0xE000_020E;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
}

/// DIF code names by value (dif-model.md §1.4), to compare with the table's names.
fn dif_name(value: u32) -> String {
    const NAMES: &[(u32, &str)] = &[
        (0x01, "DIF_SELECTDEVICE"),
        (0x02, "DIF_INSTALLDEVICE"),
        (0x03, "DIF_ASSIGNRESOURCES"),
        (0x04, "DIF_PROPERTIES"),
        (0x05, "DIF_REMOVE"),
        (0x06, "DIF_FIRSTTIMESETUP"),
        (0x07, "DIF_FOUNDDEVICE"),
        (0x08, "DIF_SELECTCLASSDRIVERS"),
        (0x09, "DIF_VALIDATECLASSDRIVERS"),
        (0x0A, "DIF_INSTALLCLASSDRIVERS"),
        (0x0B, "DIF_CALCDISKSPACE"),
        (0x0C, "DIF_DESTROYPRIVATEDATA"),
        (0x0D, "DIF_VALIDATEDRIVER"),
        (0x0E, "DIF_MOVEDEVICE"),
        (0x0F, "DIF_DETECT"),
        (0x10, "DIF_INSTALLWIZARD"),
        (0x11, "DIF_DESTROYWIZARDDATA"),
        (0x12, "DIF_PROPERTYCHANGE"),
        (0x13, "DIF_ENABLECLASS"),
        (0x14, "DIF_DETECTVERIFY"),
        (0x15, "DIF_INSTALLDEVICEFILES"),
        (0x16, "DIF_UNREMOVE"),
        (0x17, "DIF_SELECTBESTCOMPATDRV"),
        (0x18, "DIF_ALLOW_INSTALL"),
        (0x19, "DIF_REGISTERDEVICE"),
        (0x1A, "DIF_NEWDEVICEWIZARD_PRESELECT"),
        (0x1B, "DIF_NEWDEVICEWIZARD_SELECT"),
        (0x1C, "DIF_NEWDEVICEWIZARD_PREANALYZE"),
        (0x1D, "DIF_NEWDEVICEWIZARD_POSTANALYZE"),
        (0x1E, "DIF_NEWDEVICEWIZARD_FINISHINSTALL"),
        (0x1F, "DIF_UNUSED1"),
        (0x20, "DIF_INSTALLINTERFACES"),
        (0x21, "DIF_DETECTCANCEL"),
        (0x22, "DIF_REGISTER_COINSTALLERS"),
        (0x23, "DIF_ADDPROPERTYPAGE_ADVANCED"),
        (0x24, "DIF_ADDPROPERTYPAGE_BASIC"),
        (0x25, "DIF_RESERVED1"),
        (0x26, "DIF_TROUBLESHOOTER"),
        (0x27, "DIF_POWERMESSAGEWAKE"),
        (0x28, "DIF_ADDREMOTEPROPERTYPAGE_ADVANCED"),
        (0x29, "DIF_UPDATEDRIVER_UI"),
        (0x2A, "DIF_FINISHINSTALL_ACTION"),
        (0x30, "DIF_RESERVED2"),
    ];
    NAMES
        .iter()
        .find(|(v, _)| *v == value)
        .map_or_else(|| format!("0x{value:X}"), |(_, n)| n.to_string())
}

/// What the analysis says about one file, in the table's terms.
struct Found {
    roles: BTreeSet<&'static str>,
    returns_do_default: bool,
    difs: BTreeSet<String>,
    incomplete: usize,
    entries: usize,
}

fn summarize(analysis: &SourceAnalysis) -> Found {
    let mut found = Found {
        roles: BTreeSet::new(),
        returns_do_default: false,
        difs: BTreeSet::new(),
        incomplete: 0,
        entries: analysis.entries.len(),
    };
    for entry in &analysis.entries {
        match entry.prototype.kind {
            Knowledge::Known {
                value: PrototypeKind::CoInstaller,
            } => found.roles.insert("coinstaller"),
            Knowledge::Known {
                value: PrototypeKind::ClassInstaller,
            } => found.roles.insert("class-installer"),
            Knowledge::Unknown { .. } => found.roles.insert("?"),
        };
        let b = &entry.behavior;
        let all_returns = b
            .handles
            .iter()
            .flat_map(|h| h.returns.iter())
            .chain(b.default_returns.iter());
        for (_, ev) in all_returns {
            if matches!(
                ev.value,
                ReturnValue::Code {
                    value: ERROR_DI_DO_DEFAULT,
                    ..
                }
            ) {
                found.returns_do_default = true;
            }
        }
        found.difs.extend(b.handles.iter().map(|h| dif_name(h.dif)));
        if matches!(b.completeness, Knowledge::Unknown { .. }) {
            found.incomplete += 1;
        }
    }
    found
}

#[test]
fn dif_sources_in_the_shared_corpus() {
    let dir = corpus_dir();
    let table = match std::fs::read_to_string(dir.join("DIF_SOURCES.tsv")) {
        Ok(t) => t,
        Err(err) => {
            println!(
                "skipped: shared corpus not available at {} ({err})",
                dir.display()
            );
            return;
        }
    };
    let mut lines = table.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("DIF_SOURCES.tsv has no `{name}` column"))
    };
    let (c_path, c_role, c_default, c_difs) = (
        col("local_path"),
        col("role"),
        col("returns_ERROR_DI_DO_DEFAULT"),
        col("dif_codes"),
    );
    let (mut rows, mut role_ok, mut default_ok, mut difs_ok) = (0, 0, 0, 0);
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        let path = dir.join(cells[c_path]);
        let bytes = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{} is listed but unreadable: {e}", path.display()));
        let analysis = analyze_file(&path, &bytes);
        let found = summarize(&analysis);
        rows += 1;
        let expected_difs: BTreeSet<String> = cells[c_difs]
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let role_agrees = found.roles.contains(cells[c_role]);
        let default_agrees = found.returns_do_default == (cells[c_default] == "1");
        let difs_agree = found.difs == expected_difs;
        role_ok += usize::from(role_agrees);
        default_ok += usize::from(default_agrees);
        difs_ok += usize::from(difs_agree);
        println!(
            "{} entries={} incomplete={} role:{} do_default:{} difs:{}",
            cells[c_path],
            found.entries,
            found.incomplete,
            if role_agrees {
                "ok".to_string()
            } else {
                format!("table {} / found {:?}", cells[c_role], found.roles)
            },
            if default_agrees {
                "ok".to_string()
            } else {
                format!(
                    "table {} / found {}",
                    cells[c_default], found.returns_do_default
                )
            },
            if difs_agree {
                "ok".to_string()
            } else {
                format!(
                    "only in table {:?}, only found {:?}",
                    expected_difs.difference(&found.difs).collect::<Vec<_>>(),
                    found.difs.difference(&expected_difs).collect::<Vec<_>>()
                )
            },
        );
        // Every listed file is an installer source: the analysis must find its entry point.
        assert!(
            found.entries > 0,
            "no entry point found in {}",
            path.display()
        );
    }
    println!("{rows} files: role agrees {role_ok}, returns_ERROR_DI_DO_DEFAULT agrees {default_ok}, dif_codes agree {difs_ok}");
    assert!(rows > 0, "DIF_SOURCES.tsv lists no files");
    // Every disagreement was investigated when this test was written (there were none); a new
    // one is either a regression or a row of the table to re-check against its source.
    assert_eq!(
        (role_ok, default_ok, difs_ok),
        (rows, rows, rows),
        "disagreements are listed above"
    );
}
