//! Property tests for the typed layer: on random INF-like files built from directive-shaped
//! lines (malformed ones included), every typed view, selection and stamping function runs
//! without panicking, every span it reports lies inside the text on character boundaries, and
//! stamping maps every stamped offset back into the .inx monotonically.
//!
//! Case counts are moderate so `cargo test` stays fast; set `PROPTEST_CASES` to run more.

use inf_parser::directives::CopyFilesValue;
use inf_parser::inx::{stamp, ArchStamp, StampOptions};
use inf_parser::{parse_inf, Arch, Inf, InfOptions, InstallSuffix, Span, Target};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    if std::env::var_os("PROPTEST_CASES").is_some() {
        ProptestConfig::default()
    } else {
        ProptestConfig::with_cases(192)
    }
}

/// Section names the generated lines refer to, so references resolve sometimes.
const SECTIONS: &[&str] = &[
    "Version",
    "Manufacturer",
    "M",
    "M.NTamd64",
    "M.NTamd64.10.0...19041",
    "M.NTx86",
    "Inst",
    "Inst.NT",
    "Inst.NTamd64",
    "Inst.NTamd64.Services",
    "Inst.Services",
    "Inst.HW",
    "Svc",
    "Reg",
    "Files",
    "DestinationDirs",
    "SourceDisksNames",
    "SourceDisksFiles",
    "SourceDisksFiles.amd64",
    "SourceDisksFiles.ntamd64",
    "ClassInstall32",
    "DefaultInstall.NTarm64",
    "Strings",
];

/// One value: names, numbers, decorations, tokens and junk.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(SECTIONS.to_vec()).prop_map(str::to_owned),
        3 => prop::sample::select(vec![
            "", "0", "1", "0x10001", "0x00010000", "0x00380001", "0x8000", "0x20001", "0xB0001", "-1", "010", "0x",
            "99999999999", "%11%", "%13%\\x.sys", "%S%", "%undefined%", "HKR", "HKLM", "hkxx", "@a.sys", "a.sys",
            "NT", "NTamd64", "NTamd64.10.0...19041", "NTx64", "NT$ARCH$", "NT$ARCH$.10.0", "NT..1", "NTx86....0x80",
            "NTamd64.6.3...14393", "NTarm64.10.0.1.2.3.4", "NT.10.0.7", "01/02/2020", "13/45/99999", "1.2.3.4",
            "1.65536", "0.0.0.0", "{4d36e97d-e325-11ce-bfc1-08002be10318}", "{bad}", "$Windows NT$", "$KMDFVERSION$",
            "$UMDFCOINSTALLERVERSION$", "$arch$", "\"quoted, value\"", "a;comment", "\u{e9}\u{65e5}",
        ])
        .prop_map(str::to_owned),
        1 => "[ -~]{0,12}",
    ]
}

/// A directive-shaped line.
fn line() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "Signature",
        "Class",
        "ClassGuid",
        "Provider",
        "CatalogFile",
        "CatalogFile.NTamd64",
        "CatalogFile.ntx64",
        "DriverVer",
        "PnpLockdown",
        "ExtensionId",
        "%M%",
        "%D%",
        "CopyFiles",
        "AddReg",
        "DelReg",
        "AddService",
        "DelService",
        "Include",
        "Needs",
        "ServiceType",
        "StartType",
        "ErrorControl",
        "ServiceBinary",
        "Dependencies",
        "DefaultDestDir",
        "Files",
        "1",
        "a.sys",
        "S",
        "HKR",
    ]);
    (prop::option::of(key), prop::collection::vec(value(), 0..7)).prop_map(|(k, vals)| {
        let body = vals.join(",");
        match k {
            Some(k) => format!("{k}={body}"),
            None => body,
        }
    })
}

/// A file: a Version header, then sections of random lines.
fn file() -> impl Strategy<Value = String> {
    let section = (
        prop::sample::select(SECTIONS.to_vec()),
        prop::collection::vec(line(), 0..6),
    )
        .prop_map(|(name, lines)| {
            let mut s = format!("[{name}]\r\n");
            for l in lines {
                s.push_str(&l);
                s.push_str("\r\n");
            }
            s
        });
    prop::collection::vec(section, 0..10).prop_map(|sections| {
        let mut s = String::from("[Version]\r\nSignature=\"$Windows NT$\"\r\n");
        s.extend(sections);
        s
    })
}

fn check(text: &str, span: Span) {
    assert!(span.start <= span.end, "span {span:?} reversed");
    assert!(
        span.end as usize <= text.len(),
        "span {span:?} past the end"
    );
    assert!(text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize));
}

/// Runs every typed view the way rules and the chain extractor will, checking spans.
fn exercise(inf: &Inf) -> usize {
    let text = inf.tree().text();
    let mut seen = 0usize;
    let version = inf.version();
    for c in &version.catalog_files {
        check(text, c.entry.value.span);
    }
    if let Some(dv) = &version.driver_ver {
        dv.problems.iter().for_each(|p| check(text, p.span));
    }
    for arch in Arch::ALL {
        let _ = version.catalog_file_for(arch);
        let _ = inf.select_class_install32(arch);
        let _ = inf.select_default_install(arch);
        let _ = inf.source_disks_file("a.sys", arch);
        let _ = inf.source_disks_name(1, arch);
    }
    for m in inf.manufacturers() {
        check(text, m.line.span);
        check(text, m.models.span);
        for d in &m.decorations {
            check(text, d.value.span);
            let _ = d.issues();
        }
    }
    let mut targets: Vec<Target> = inf
        .declared_targets(&Arch::CURRENT)
        .into_iter()
        .map(|d| d.target)
        .collect();
    targets.push(Target::windows10(Arch::Amd64, 19041));
    targets.push(Target::new(Arch::X86, 5, 1));
    for t in targets {
        for choice in inf.models_sections_used(&t) {
            for e in inf.models_entries(&choice.name) {
                seen += 1;
                check(text, e.install_section.span);
                e.ids().for_each(|id| check(text, id.span));
                let inst = inf.select_install_section(&e.install_section.text, t.arch);
                for suffix in InstallSuffix::ALL {
                    let _ = inf.install_suffix_section(&inst, suffix);
                }
                for a in inf.add_services(&inst.suffixed(InstallSuffix::Services)) {
                    check(text, a.name.span);
                    if let Some(s) = &a.install_section {
                        let _ = inf.service_install(&s.text).problems();
                    }
                }
            }
        }
    }
    for s in inf.sections() {
        for d in inf.directives(&s.name) {
            check(text, d.name.span);
            for v in &d.values {
                check(text, v.span);
                let _ = v.raw(inf);
                let _ = v.to_u32();
            }
        }
        for r in inf.add_reg(&s.name) {
            seen += 1;
            check(text, r.root_text.span);
            let _ = (r.reg_type().name(), r.skip(), r.extra_value_fields());
        }
        for r in inf.del_reg(&s.name) {
            let _ = r.lacks_delreg_bit();
        }
        for c in inf.copy_files(&s.name) {
            check(text, c.value().span);
            if let CopyFilesValue::Section { value, .. } = &c {
                inf.file_list(&value.text)
                    .iter()
                    .for_each(|f| check(text, f.destination.span));
            }
        }
        let _ = (
            inf.needs(&s.name),
            inf.includes(&s.name),
            inf.del_services(&s.name),
            inf.driver_ver(&s.name),
        );
        let _ = inf.service_install(&s.name).problems();
    }
    let dirs = inf.destination_dirs();
    let _ = dirs.for_section("Files");
    let _ = inf.source_disks_sections();
    for a in [None, Some(Arch::Amd64)] {
        inf.source_disks_files(a)
            .iter()
            .for_each(|f| check(text, f.file.span));
        inf.source_disks_names(a)
            .iter()
            .for_each(|n| check(text, n.line.span));
    }
    seen
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn typed_views_never_panic(text in file()) {
        let inf = parse_inf(text.as_bytes(), 1252, InfOptions::default());
        exercise(&inf);
    }

    #[test]
    fn stamping_maps_back(text in file(), arch in prop::sample::select(vec![
        ArchStamp::Leave, ArchStamp::Remove, ArchStamp::arch(Arch::Amd64), ArchStamp::Replace("x64".into()),
    ])) {
        let opts = StampOptions { arch, kmdf_version: Some((1, 33)), umdf_version: Some((2, 33, 0)), ..StampOptions::default() };
        let stamped = stamp(&text, &opts);
        let mut last = 0u32;
        for offset in 0..=stamped.text.len() as u32 {
            let back = stamped.to_source(offset);
            prop_assert!(back >= last && back as usize <= text.len());
            last = back;
        }
        prop_assert_eq!(stamped.to_source(stamped.text.len() as u32) as usize, text.len());
        // Text outside the edits is copied unchanged.
        let mut copied = 0usize;
        for e in &stamped.edits {
            let gap = &stamped.text[copied..e.stamped.start as usize];
            let from = stamped.to_source(copied as u32) as usize;
            prop_assert_eq!(gap, &text[from..from + gap.len()]);
            copied = e.stamped.end as usize;
        }
        let inf = stamped.to_inf(InfOptions::default());
        for l in inf.tree().lines() {
            check(&text, stamped.span_to_source(l.span));
        }
        exercise(&inf);
    }
}

/// The generator produces files the typed views actually read (the properties above are not
/// vacuous).
#[test]
fn generated_files_reach_the_views() {
    let text = "[Version]\r\nSignature=\"$Windows NT$\"\r\n[Manufacturer]\r\n%M%=M,NTamd64\r\n[M.NTamd64]\r\n\
                %D%=Inst,ID\r\n[Inst]\r\nAddReg=Reg\r\n[Reg]\r\nHKR,,X,0x10001,1\r\n";
    let inf = parse_inf(text.as_bytes(), 1252, InfOptions::default());
    assert!(exercise(&inf) >= 2);
}
