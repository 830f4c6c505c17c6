//! Hostile input for the lint engine, in every profile, for INF and INX files: property tests
//! over random bytes and random driver-package INFs (no rule panics, every span valid, the same
//! diagnostics when linted twice or on several threads at once), every regression input the
//! fuzzer or these tests ever found (`tests/regressions/`), and files built to exhaust the rules:
//! `%strkey%` cycles and huge expansions, deep and cyclic `Include`/`Needs` chains, huge
//! files, NUL bytes, Control-Z, invalid UTF-16, binary files.
//!
//! The promises are checked by `support/lint_invariants.rs`, which the `cargo fuzz` target `lint`
//! runs too. Big inputs are generated at test time, never committed.

#[path = "support/lint_invariants.rs"]
mod lint_invariants;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lint::{lint_bytes, FileReport, Profile};
use lint_invariants::{check_lint_invariants, check_report, input_path, options};
use proptest::prelude::*;

const VERSION: &str = "[Version]\r\nSignature=\"$Windows NT$\"\r\nClass=System\r\nClassGuid={4d36e97d-e325-11ce-bfc1-08002be10318}\r\nProvider=%Mfg%\r\nDriverVer=01/01/2024,1.0.0.0\r\nCatalogFile=pkg.cat\r\nPnpLockdown=1\r\n";

/// Lints `bytes` in every profile, checking every promise, and returns the strictest report.
fn lint_all(bytes: &[u8]) -> FileReport {
    check_lint_invariants(bytes, false, 1252)
        .pop()
        .expect("a report per profile")
}

fn codes(report: &FileReport) -> Vec<&str> {
    report.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

/// Runs `f` and fails if it took longer than `limit` (a generous bound: the point is that the
/// work does not explode, not how fast a debug build is).
fn within<T>(limit: Duration, what: &str, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    let took = started.elapsed();
    assert!(took < limit, "{what} took {took:?} (limit {limit:?})");
    out
}

// ------------------------------------------------------------------ property tests

/// 48 cases per property unless `PROPTEST_CASES` says otherwise (each case lints six times).
fn config() -> ProptestConfig {
    if std::env::var_os("PROPTEST_CASES").is_some() {
        ProptestConfig::default()
    } else {
        ProptestConfig::with_cases(48)
    }
}

/// Section names: a small pool, so that references resolve, repeat and form cycles.
fn section_name() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "Version",
        "Manufacturer",
        "Models",
        "Models.NTamd64",
        "Models.NTamd64.10.0...22000",
        "Inst",
        "Inst.NTamd64",
        "Inst.NTamd64.Services",
        "Inst.NTamd64.HW",
        "Inst.NTamd64.CoInstallers",
        "Inst.NTamd64.Wdf",
        "Inst.NTamd64.Interfaces",
        "DefaultInstall",
        "DefaultInstall.Services",
        "ClassInstall32",
        "Reg",
        "Reg2",
        "Files",
        "Files2",
        "Svc",
        "SourceDisksNames",
        "SourceDisksNames.amd64",
        "SourceDisksFiles",
        "SourceDisksFiles.amd64",
        "DestinationDirs",
        "Strings",
        "Strings.0409",
        "Needed",
        "Cycle",
    ])
    .prop_map(str::to_owned)
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "AddReg", "DelReg", "CopyFiles", "DelFiles", "RenFiles", "Include", "Needs",
            "AddService", "DelService", "AddInterface", "CopyINF", "Signature", "Class",
            "ClassGuid", "Provider", "DriverVer", "CatalogFile", "PnpLockdown", "DriverPackageType",
            "DefaultDestDir", "ServiceType", "StartType", "ErrorControl", "ServiceBinary",
            "KmdfLibraryVersion", "FeatureScore", "Reboot", "RegisterDlls", "UpdateIniFields",
            "BitReg", "ProfileItems", "%Device%", "Mfg", "Device", "widget.sys", "1", "HKR",
            "DiskName", "coinst.dll",
        ]).prop_map(str::to_owned),
        1 => "[A-Za-z0-9_.%]{1,12}",
    ]
}

fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "Inst", "Reg", "Reg2", "Files", "Files2", "Svc", "Needed", "Cycle", "Models",
            "Models.NTamd64", "NTamd64", "NTamd64.10.0...22000", "NTx86", "NTarm64", "%Mfg%",
            "%Device%", "%Undefined%", "%DiskName%", "%%", "%12%", "%13%", "%10%\\system32",
            "%11%", "%1%", "HKR", "HKLM", "HKCR", "Software\\Vendor", "CoInstallers32",
            "\"coinst.dll,CoInstaller\"", "WdfCoInstaller01011.dll,WdfCoInstaller", "0x00010001",
            "0x00000002", "1", "0", "2", "3", "13", "-1", "4294967296", "widget.sys", "coinst.dll",
            "..\\..\\outside", "C:\\Windows\\x.sys", "\\\\server\\share", "/etc", "x64", "pkg.cat",
            "machine.inf", "usbport.inf", "wdma_usb.inf", "{4d36e97d-e325-11ce-bfc1-08002be10318}",
            "{not-a-guid}", "USB\\VID_1234&PID_5678", "ROOT\\Widget", "$Windows NT$", "$ARCH$",
            "Widget.Service", "0x2", "@widget.sys", "",
        ]).prop_map(str::to_owned),
        1 => "[ -~]{0,16}",
        1 => "\\PC{0,6}",
    ]
}

/// One line: `key = fields`, a bare line, or a comment.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (key(), prop::collection::vec(field(), 0..6))
            .prop_map(|(k, f)| format!("{k} = {}", f.join(","))),
        2 => prop::collection::vec(field(), 1..5).prop_map(|f| f.join(",")),
        1 => prop::sample::select(vec![
            "; difcheck: ignore[INF1209]", "; difcheck: ignore-file[DCK0212]",
            "; difcheck: ignore[", "; comment", "k = \"unterminated", "\\", "x = a,\\",
        ]).prop_map(str::to_owned),
    ]
}

fn section() -> impl Strategy<Value = String> {
    (section_name(), prop::collection::vec(line(), 0..8)).prop_map(|(name, lines)| {
        let mut s = format!("[{name}]\r\n");
        for l in lines {
            s.push_str(&l);
            s.push_str("\r\n");
        }
        s
    })
}

/// A driver-package INF: a mostly valid `[Version]` (or none), then random sections.
fn package_inf() -> impl Strategy<Value = String> {
    (any::<bool>(), prop::collection::vec(section(), 0..14)).prop_map(|(version, sections)| {
        let mut s = if version {
            VERSION.to_owned()
        } else {
            String::new()
        };
        s.extend(sections);
        s
    })
}

/// Encodes the text the ways real (and broken) files are.
fn encoded(text: &str, how: u8) -> Vec<u8> {
    match how % 4 {
        0 => encoding_free_ansi(text),
        1 => [&[0xFF, 0xFE][..], &utf16le(text)].concat(),
        2 => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        _ => text.as_bytes().to_vec(),
    }
}

/// Text as single bytes (characters above U+00FF become `?`), like an ANSI file.
fn encoding_free_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_bytes_lint_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..512), inx in any::<bool>()) {
        check_lint_invariants(&bytes, inx, 1252);
    }

    #[test]
    fn random_package_infs_lint_cleanly(text in package_inf(), how in any::<u8>(), inx in any::<bool>()) {
        check_lint_invariants(&encoded(&text, how), inx, 1252);
    }

    #[test]
    fn damaged_package_infs_lint_cleanly(
        text in package_inf(),
        damage in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cp in prop::sample::select(vec![1252u16, 932, 65001]),
    ) {
        let mut bytes = text.into_bytes();
        if !bytes.is_empty() {
            for (at, b) in damage {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
        }
        check_lint_invariants(&bytes, false, cp);
    }

    /// The same files linted on four threads at once give what one thread gives.
    #[test]
    fn parallel_runs_agree(texts in prop::collection::vec(package_inf(), 4)) {
        let path = input_path(false);
        let opts = options(Profile::WindowsDriver, 1252);
        let alone: Vec<FileReport> = texts
            .iter()
            .map(|t| lint_bytes(&path, t.as_bytes(), &opts))
            .collect();
        let together: Vec<Vec<FileReport>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| s.spawn(|| texts.iter().map(|t| lint_bytes(&path, t.as_bytes(), &opts)).collect::<Vec<_>>()))
                .collect();
            handles.into_iter().map(|h| h.join().expect("no panic")).collect()
        });
        for run in together {
            for (a, b) in alone.iter().zip(&run) {
                check_report(b);
                prop_assert_eq!(&a.diagnostics, &b.diagnostics);
            }
        }
    }
}

// ------------------------------------------------------------------ regressions and fixtures

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every input that ever broke a promise (found by the fuzzer or by these tests), one file per
/// failure, keeps every promise now, as an INF and as an INX, in each code page the fuzz target
/// uses.
#[test]
fn regression_inputs_keep_every_promise() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    assert!(
        dir.join("README.md").is_file(),
        "{} explains the folder",
        dir.display()
    );
    let mut files = Vec::new();
    files_under(&dir, &mut files);
    files.retain(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| !n.starts_with('.') && !n.ends_with(".md"))
    });
    files.sort();
    for path in files {
        let bytes = std::fs::read(&path).expect("readable");
        // Every way the fuzz target may have read it.
        for inx in [false, true] {
            for codepage in [1252, 932, 65001] {
                let outcome =
                    std::panic::catch_unwind(|| check_lint_invariants(&bytes, inx, codepage));
                assert!(
                    outcome.is_ok(),
                    "promises broken by {} (inx: {inx}, code page {codepage})",
                    path.display()
                );
            }
        }
    }
}

// ------------------------------------------------------------------ %strkey%

#[test]
fn string_key_cycles_terminate() {
    let text = format!(
        "{VERSION}[Manufacturer]\r\n%Mfg% = Models,NTamd64\r\n[Models.NTamd64]\r\n%a% = Inst,%b%\r\n\
         [Inst.NTamd64]\r\nAddReg = %a%\r\nCopyFiles = %self%\r\n[Strings]\r\nMfg = \"%Mfg%\"\r\n\
         a = \"%b%\"\r\nb = \"%a%\"\r\nself = \"%self%\"\r\n{}",
        (0..60)
            .map(|i| format!("x{i} = \"%x{}%%x{}%\"\r\n", i + 1, i + 1))
            .collect::<String>()
    );
    within(Duration::from_secs(20), "string cycles", || {
        lint_all(text.as_bytes())
    });
}

/// Many fields, each 4096 characters of `%big%` tokens naming a huge value. Expanding them in
/// full used to take minutes and gigabytes (every rule reading a field copied the whole
/// expansion before truncating it to 4096 characters).
#[test]
fn huge_string_expansions_stay_fast() {
    let value = "x".repeat(64 * 1024);
    let tokens = format!("%big%{}", "%big%".repeat(800));
    let mut text = format!("{VERSION}[DefaultInstall]\r\n");
    for _ in 0..50 {
        text.push_str(&format!("AddReg = {tokens}\r\nCopyFiles = {tokens}\r\n"));
    }
    text.push_str("[Reg]\r\n");
    for _ in 0..50 {
        text.push_str(&format!("HKR,{tokens},{tokens},0x00010001,{tokens}\r\n"));
    }
    text.push_str(&format!("[Strings]\r\nbig = \"{value}\"\r\n"));
    within(Duration::from_secs(30), "huge expansions", || {
        lint_all(text.as_bytes())
    });
}

// ------------------------------------------------------------------ Include / Needs

#[test]
fn deep_and_cyclic_needs_chains_terminate() {
    let mut text = format!(
        "{VERSION}[Manufacturer]\r\n%Mfg% = Models,NTamd64\r\n[Models.NTamd64]\r\n%Dev% = Inst,ROOT\\Widget\r\n\
         [Inst.NTamd64]\r\nInclude = machine.inf, inst.inf, other.inf\r\nNeeds = N0, Inst.NTamd64, Cycle1\r\nAddReg = Reg\r\n\
         [Inst.NTamd64.Services]\r\nInclude = machine.inf\r\nNeeds = N0.Services, Inst.NTamd64.Services\r\n\
         [Inst.NTamd64.CoInstallers]\r\nNeeds = Inst.NTamd64.CoInstallers\r\nAddReg = CoReg\r\n\
         [CoReg]\r\nHKR,,CoInstallers32,0x00010000,\"coinst.dll,CoInstaller\"\r\n\
         [Cycle1]\r\nNeeds = Cycle2\r\nInclude = inst.inf\r\n[Cycle2]\r\nNeeds = Cycle1, Cycle2\r\n\
         [Reg]\r\nHKR,,Value,0x00010001,1\r\n"
    );
    // A chain 2000 sections deep, each also needing the first (a wide cycle).
    for i in 0..2000 {
        text.push_str(&format!(
            "[N{i}]\r\nNeeds = N{}, N0\r\nAddReg = Reg\r\nCopyFiles = F{i}\r\n[N{i}.Services]\r\nNeeds = N{}.Services\r\n",
            i + 1,
            i + 1
        ));
    }
    text.push_str("[Strings]\r\nMfg = \"Vendor\"\r\nDev = \"Widget\"\r\n");
    within(Duration::from_secs(60), "Needs chains", || {
        lint_all(text.as_bytes())
    });
}

/// `Needs=` naming one section many times, and a section needing thousands of sections: the
/// walk must not be quadratic in what it has visited.
#[test]
fn wide_needs_lists_terminate() {
    let names: Vec<String> = (0..3000).map(|i| format!("W{i}")).collect();
    let mut text = format!(
        "{VERSION}[DefaultInstall.NTamd64]\r\nNeeds = {}\r\nNeeds = {}\r\n",
        names.join(","),
        vec!["W0"; 3000].join(",")
    );
    for n in &names {
        text.push_str(&format!("[{n}]\r\nNeeds = {}\r\nAddReg = R\r\n", names[0]));
    }
    text.push_str("[R]\r\nHKR,,V,0x00010001,1\r\n");
    within(Duration::from_secs(60), "wide Needs lists", || {
        lint_all(text.as_bytes())
    });
}

// ------------------------------------------------------------------ sizes

/// One registry value joined from a million physical lines (a REG_MULTI_SZ of a million
/// strings): every rule that reads registry lines walks all of it.
#[test]
fn a_million_continuation_lines() {
    let mut text = format!(
        "{VERSION}[DefaultInstall.NTamd64]\r\nAddReg = R\r\n[R]\r\nHKR,,Big,0x00010000,first,\\\r\n"
    );
    for _ in 0..1_000_000 {
        text.push_str("v,\\\r\n");
    }
    text.push_str("last\r\n[Strings]\r\nMfg = \"Vendor\"\r\n");
    let report = within(Duration::from_secs(120), "continuation lines", || {
        lint_bytes(
            &input_path(false),
            text.as_bytes(),
            &options(Profile::WindowsDriver, 1252),
        )
    });
    check_report(&report);
    assert!(
        report.diagnostics.len() < 10,
        "a valid line is valid however long: {:?}",
        codes(&report)
    );
}

/// One `CopyFiles` line joined from a million physical lines, every entry valid: the file-list
/// rules follow each entry (about 4 s in release, 20 s in a debug build).
#[test]
#[ignore = "slow in debug builds (~20 s); run in release by `cargo xtask hostile`"]
fn a_million_copy_files_entries() {
    let mut text = format!("{VERSION}[DefaultInstall.NTamd64]\r\nCopyFiles = Files,\\\r\n");
    for _ in 0..1_000_000 {
        text.push_str("Files,\\\r\n");
    }
    text.push_str(
        "Files\r\n[Files]\r\nwidget.sys\r\n[DestinationDirs]\r\nDefaultDestDir = 13\r\n\
         [SourceDisksNames]\r\n1 = %Disk%\r\n[SourceDisksFiles]\r\nwidget.sys = 1\r\n\
         [Strings]\r\nMfg = \"Vendor\"\r\nDisk = \"Disk\"\r\n",
    );
    let report = within(
        Duration::from_secs(120),
        "a million CopyFiles entries",
        || {
            lint_bytes(
                &input_path(false),
                text.as_bytes(),
                &options(Profile::WindowsDriver, 1252),
            )
        },
    );
    check_report(&report);
    assert!(
        report.diagnostics.len() < 10,
        "a valid line is valid however long: {:?}",
        codes(&report)
    );
}

/// A hundred thousand entries that are each wrong: a finding each, and no rule quadratic in
/// the number of findings.
#[test]
fn a_hundred_thousand_findings() {
    let mut text = format!("{VERSION}[DefaultInstall]\r\nCopyFiles = first,\\\r\n");
    for i in 0..100_000 {
        text.push_str(&format!("missing{i},\\\r\n"));
    }
    text.push_str("last\r\n");
    let report = within(Duration::from_secs(60), "100 000 findings", || {
        lint_bytes(
            &input_path(false),
            text.as_bytes(),
            &options(Profile::WindowsDriver, 1252),
        )
    });
    check_report(&report);
    assert!(
        report.diagnostics.len() >= 100_000,
        "{}",
        report.diagnostics.len()
    );
}

#[test]
fn a_single_50_mb_line() {
    let mut bytes = format!("{VERSION}[DefaultInstall]\r\nAddReg = ").into_bytes();
    bytes.resize(bytes.len() + 50 * 1024 * 1024, b'a');
    bytes.extend_from_slice(b"\r\n[Strings]\r\nk = \"");
    bytes.resize(bytes.len() + 1024 * 1024, b'v');
    bytes.extend_from_slice(b"\"\r\n");
    let report = within(Duration::from_secs(120), "a 50 MB line", || {
        lint_bytes(
            &input_path(false),
            &bytes,
            &options(Profile::WindowsDriver, 1252),
        )
    });
    check_report(&report);
    assert!(
        codes(&report).contains(&"DCK1009"),
        "the over-long field is reported: {:?}",
        codes(&report)
    );
}

/// A million sections: about 1.5 s in release, about 10 s in a debug build. Section lookups and
/// directive scans cost about the same per section however many there are, so the time grows
/// linearly (it took 15 s in release when every rule looked every section up by name again);
/// `cargo xtask hostile` runs it in release.
#[test]
#[ignore = "slow in debug builds (~10 s); run in release by `cargo xtask hostile`"]
fn a_million_sections() {
    let mut text = String::from(VERSION);
    for i in 0..1_000_000 {
        text.push_str(&format!("[S{i}]\r\n"));
    }
    let report = within(Duration::from_secs(120), "a million sections", || {
        lint_bytes(
            &input_path(false),
            text.as_bytes(),
            &options(Profile::WindowsDriver, 1252),
        )
    });
    check_report(&report);
}

// ------------------------------------------------------------------ damaged files

#[test]
fn nul_control_z_and_invalid_utf16_are_findings() {
    let nul = format!("{VERSION}[DefaultInstall]\r\nAddReg = R\0\r\n[R]\r\nHKR,,V\0,,1\r\n");
    let report = lint_all(nul.as_bytes());
    assert!(!report.diagnostics.is_empty());

    let ctrl_z = format!("{VERSION}[DefaultInstall]\r\nAddReg = R\r\n\x1a[R]\r\nHKR,,V,,1\r\n");
    let report = lint_all(ctrl_z.as_bytes());
    assert!(!report.diagnostics.is_empty());

    let mut odd = [&[0xFF, 0xFE][..], &utf16le(VERSION)].concat();
    odd.push(b'!');
    let report = lint_all(&odd);
    assert!(
        !report.diagnostics.is_empty(),
        "an odd-length UTF-16 file is reported"
    );

    let mut surrogates = vec![0xFF, 0xFE];
    surrogates.extend(utf16le(VERSION));
    for u in [0xD800u16, 0x41, 0xDC00, 0x41, 0xDBFF] {
        surrogates.extend_from_slice(&u.to_le_bytes());
    }
    let report = lint_all(&surrogates);
    assert!(
        !report.diagnostics.is_empty(),
        "lone surrogates are reported"
    );
}

#[test]
fn binary_files_are_findings_not_failures() {
    let mut pe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
    pe.resize(64 * 1024, 0);
    let mut state = 0x1234_5678_9ABC_DEF0u64;
    let random: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    for (name, bytes) in [("pe", pe), ("random", random)] {
        for inx in [false, true] {
            let report = check_lint_invariants(&bytes, inx, 1252)
                .pop()
                .expect("reports");
            assert!(
                !report.diagnostics.is_empty(),
                "{name}: a binary file gets at least one finding"
            );
        }
    }
}
