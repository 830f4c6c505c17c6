//! The API-level golden cases of `../shared/golden/dev-cases.json` as Rust tests: field readers
//! (SetupGetIntField, SetupGetBinaryField, SetupFindFirstLine), decorated-section choice
//! (SetupDiGetActualModelsSection, ModelsSectionsUsed), SourceDisksFiles lookup, Strings
//! selection by LANGID, AddReg value decoding and DestinationDirs.
//!
//! Inputs are the cases' exact bytes; expected results are the values the cases record for
//! Windows. Results the cases mark `engine: "wine"` are only asserted where they agree with the
//! Windows rules; each such case says why.

mod common;

use common::*;
use inf_parser::directives::{
    binary_fields, setup_int, AddRegSkip, DiridError, RegData, RegRoot, RegType,
};
use inf_parser::{Arch, InfOptions, IntFieldError, NumberError, Target};

/// The target a case's `platform` describes. A case without `os_version` asserts something
/// that holds on every version; 10.0 is used then.
fn platform(
    arch: Arch,
    os: Option<(u32, u32)>,
    build: Option<u32>,
    suite_mask: Option<u32>,
) -> Target {
    let (major, minor) = os.unwrap_or((10, 0));
    Target {
        arch,
        os: (major, minor),
        build,
        product_type: None,
        suite_mask,
    }
}

/// SetupDiGetActualModelsSection for Manufacturer line `index`.
fn actual_models(inf: &inf_parser::Inf, index: usize, target: Target) -> Option<String> {
    let entry = inf
        .manufacturers()
        .into_iter()
        .nth(index)
        .expect("manufacturer line");
    inf.select_models(&entry, &target).map(|c| c.name)
}

/// The AddReg view of line `index` of `section`.
fn add_reg(
    inf: &inf_parser::Inf,
    section: &str,
    index: usize,
) -> inf_parser::directives::AddRegLine {
    inf.add_reg(section)
        .into_iter()
        .nth(index)
        .expect("AddReg line")
}

/// Little-endian bytes of a value as `data_hex` writes them.
fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The registry bytes of binary and DWORD data (what `data_hex` records).
fn data_hex(data: &RegData) -> String {
    match data {
        RegData::Dword { value: Ok(v), .. } => hex(&v.to_le_bytes()),
        RegData::Bytes(Ok(b)) => hex(b),
        other => panic!("no binary data: {other:?}"),
    }
}

/// E89 (§5.7, WT): keys are substituted; looking up the unsubstituted key `%foo%` fails
/// (ERROR_LINE_NOT_FOUND).
#[test]
fn e89_find_first_line_uses_substituted_keys() {
    let inf = load(
        b"[Version]\r\nSignature=\"$CHICAGO$\"\r\n[Test]\n%foo%=%bar%\n[Strings]\nfoo=aaa\nbar=bbb\nloop=%loop2%\nloop2=%loop%\nper%%cent=abcd\nper=1\ncent=2\n22=foo\nbig=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nmydrive=\"C:\\\"\nverybig=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
        1252,
    );
    assert!(inf.find_line("Test", "%foo%").is_none());
    assert_eq!(
        inf.find_line("Test", "AAA")
            .map(|l| l.field(1).unwrap().into_owned()),
        Some("bbb".to_owned())
    );
}

/// E101 (§5.7, WC): an undefined token stays literal and is reported (InfVerif 1235).
#[test]
fn e101_undefined_token_is_reported() {
    let inf = load(
        b"[Version]\r\nSignature=\"$CHICAGO$\"\r\n[Test]\nx=%undefined%",
        1252,
    );
    let undefined = inf.undefined_tokens();
    assert_eq!(undefined.len(), 1);
    assert_eq!(undefined[0].name, "undefined");
    assert_eq!(&inf.tree().text()[undefined[0].span.range()], "%undefined%");
}

/// E111a–e (§5.8, WT): SetupGetIntField accepts 0x hex, rejects text with ERROR_INVALID_DATA,
/// reads empty middle and trailing fields as 0, and reads field 0 (the key).
#[test]
fn e111_setup_get_int_field() {
    let h = "[Version]\r\nSignature=\"$CHICAGO$\"\r\n[TestSection]\n";
    let int = |body: &str, field: usize| {
        let inf = load(format!("{h}{body}").as_bytes(), 1252);
        let line = inf.lines("TestSection").next().expect("line");
        line.int_field(field).expect("field exists")
    };
    assert_eq!(int("Key=0x4", 1), Ok(4));
    assert_eq!(int("Key=Field1", 1), Err(IntFieldError::NotANumber));
    assert_eq!(int("Key=Field1,,Field3", 2), Ok(0));
    assert_eq!(int("Key=Field1,", 2), Ok(0));
    assert_eq!(int("123=48", 0), Ok(123));
    // The typed views read numbers with the same rules.
    assert_eq!(setup_int("0x4"), Ok(4));
    assert_eq!(setup_int("Field1"), Err(NumberError::NotANumber));
    assert_eq!(setup_int(""), Ok(0));
}

/// E112 (§5.8, WT): binary fields are hex bytes with an optional 0x; `123` does not fit a byte.
#[test]
fn e112_setup_get_binary_field() {
    let inf = load(
        b"[Version]\r\nSignature=\"$CHICAGO$\"\r\n[section]\nkey1=0,11,022,0xaA,0x0Ff\nkey2=123\n",
        1252,
    );
    let key1 = inf.find_line("section", "key1").unwrap();
    assert_eq!(
        binary_fields(&key1, 2).map(|b| hex(&b)),
        Ok("11 22 AA FF".to_owned())
    );
    let key2 = inf.find_line("section", "key2").unwrap();
    let err = binary_fields(&key2, 1).unwrap_err();
    assert_eq!((err.field, err.reason), (1, NumberError::OutOfRange));
}

/// E115 (§5.9, DOC): on Windows XP x86 (5.1), with or without DataCenter, NT.5 wins.
#[test]
fn e115_version_decoration_wins() {
    let inf = load(
        b"[Version]\r\nSignature=\"$CHICAGO$\"\r\n[Manufacturer]\n%FooCorp%=FooMfg, NT, NT.5, NT.5.5, NT....0x80\n",
        1252,
    );
    assert_eq!(
        actual_models(&inf, 0, platform(Arch::X86, Some((5, 1)), None, None)).as_deref(),
        Some("FooMfg.NT.5")
    );
    assert_eq!(
        actual_models(&inf, 0, platform(Arch::X86, Some((5, 1)), None, Some(0x80))).as_deref(),
        Some("FooMfg.NT.5")
    );
}

/// E116 (§5.9, DOC): the suite-mask decoration applies only with DataCenter; x86 without it
/// falls back to the undecorated Models section.
#[test]
fn e116_suite_mask_and_x86_fallback() {
    let inf = load(b"[Version]\r\nSignature=\"$CHICAGO$\"\r\n[Manufacturer]\n%FooCorp%=FooMfg, NTx86....0x80, NTamd64\n", 1252);
    assert_eq!(
        actual_models(&inf, 0, platform(Arch::X86, None, None, Some(0x80))).as_deref(),
        Some("FooMfg.NTx86....0x80")
    );
    assert_eq!(
        actual_models(&inf, 0, platform(Arch::Amd64, None, None, None)).as_deref(),
        Some("FooMfg.NTamd64")
    );
    assert_eq!(
        actual_models(&inf, 0, platform(Arch::X86, None, None, None)).as_deref(),
        Some("FooMfg")
    );
}

/// E118 (§5.9, DOC): build numbers are compared only when major.minor equals the OS version; a
/// greater OS version ignores the build.
#[test]
fn e118_build_numbers() {
    let inf = load(
        b"[Version]\r\nSignature=\"$CHICAGO$\"\r\n[Manufacturer]\n%M% = MyMfg, NTamd64.6.1, NTamd64.10.0, NTamd64.10.0...14393\n",
        1252,
    );
    let on = |os, build| actual_models(&inf, 0, platform(Arch::Amd64, Some(os), build, None));
    assert_eq!(on((6, 1), None).as_deref(), Some("MyMfg.NTamd64.6.1"));
    assert_eq!(
        on((10, 0), Some(10240)).as_deref(),
        Some("MyMfg.NTamd64.10.0")
    );
    assert_eq!(
        on((10, 0), Some(14393)).as_deref(),
        Some("MyMfg.NTamd64.10.0...14393")
    );
    assert_eq!(
        on((10, 0), Some(22621)).as_deref(),
        Some("MyMfg.NTamd64.10.0...14393")
    );
    assert_eq!(
        on((10, 1), None).as_deref(),
        Some("MyMfg.NTamd64.10.0...14393")
    );
}

/// E119 (§5.9, DOC): each Manufacturer line is evaluated on its own.
#[test]
fn e119_models_sections_used_per_line() {
    let inf = load(
        b"[Version]\r\nSignature=\"$CHICAGO$\"\r\n[Manufacturer]\n%M%=Ex1,NTamd64.10.0...17134\n%M%=Ex2,NTamd64.10.0...22000\n",
        1252,
    );
    let used = |build| -> Vec<String> {
        inf.models_sections_used(&platform(Arch::Amd64, Some((10, 0)), Some(build), None))
            .into_iter()
            .map(|c| c.name)
            .collect()
    };
    assert_eq!(
        used(22000),
        vec!["Ex1.NTamd64.10.0...17134", "Ex2.NTamd64.10.0...22000"]
    );
    assert_eq!(used(17763), vec!["Ex1.NTamd64.10.0...17134"]);
}

/// E122a (§5.9, DOC): SourceDisksFiles uses `.<arch>` without NT and falls back per entry.
#[test]
fn e122a_source_disks_files_arch_then_undecorated() {
    let inf = load(
        b"[Version]\r\nSignature=\"$CHICAGO$\"\r\n[SourceDisksFiles.amd64]\na.sys=1\n[SourceDisksFiles]\na.sys=2\n",
        1252,
    );
    let disk = |arch| {
        inf.source_disks_file("a.sys", arch)
            .and_then(|f| f.disk_id_text)
            .map(|f| f.text)
    };
    assert_eq!(disk(Arch::Amd64).as_deref(), Some("1"));
    assert_eq!(disk(Arch::X86).as_deref(), Some("2"));
}

/// E122b (§5.9, DOC): `[SourceDisksFiles.ntamd64]` is not an architecture variant.
#[test]
fn e122b_source_disks_files_nt_suffix_is_ignored() {
    let inf = load(
        b"[Version]\r\nSignature=\"$CHICAGO$\"\r\n[SourceDisksFiles.ntamd64]\na.sys=1\n[SourceDisksFiles]\na.sys=2\n",
        1252,
    );
    let f = inf.source_disks_file("a.sys", Arch::Amd64).unwrap();
    assert_eq!(f.disk_id_text.map(|t| t.text).as_deref(), Some("2"));
}

/// E123 (§5.9, DOC, WC): the Strings section is chosen by LANGID: exact, then the neutral
/// sublanguage, then the same primary language, then `[Strings]`.
///
/// The case also records Wine's result (`X` whatever the LANGID): Wine ignores
/// `[Strings.LLLL]`, which contradicts the documented Windows rule, so it is not asserted.
#[test]
fn e123_strings_by_langid() {
    let bytes = b"[Version]\r\nSignature=\"$CHICAGO$\"\r\n[Strings]\nDiskName=\"X\"\n[Strings.0407]\nDiskName=\"Y\"\n";
    let token = |langid| {
        let inf = load_with(
            bytes,
            1252,
            InfOptions {
                langid: Some(langid),
                ..InfOptions::default()
            },
        );
        inf.string("DiskName").map(str::to_owned)
    };
    assert_eq!(token(0x0407).as_deref(), Some("Y"));
    assert_eq!(token(0x0807).as_deref(), Some("Y"));
    assert_eq!(token(0x0409).as_deref(), Some("X"));
}

/// E124 (§5.10, WC, DOC): REG_DWORD with exactly 5 fields: field 5 is a number.
#[test]
fn e124_dword_number() {
    let inf = load(
        b"[Version]\r\nSignature=\"$CHICAGO$\"\r\n[Test]\nHKR,,DeviceType,0x10001,0x22\n",
        1252,
    );
    let line = add_reg(&inf, "Test", 0);
    assert_eq!(line.reg_type().name(), "REG_DWORD");
    assert_eq!(data_hex(&line.data), "22 00 00 00");
}

/// E125 (§5.10, WC, DOC): REG_DWORD with more than 5 fields: fields 5.. are bytes.
#[test]
fn e125_dword_bytes() {
    let inf = load(
        b"[Version]\r\nSignature=\"$CHICAGO$\"\r\n[Test]\nHKR,,V,0x10001,01,00,00,00\n",
        1252,
    );
    let line = add_reg(&inf, "Test", 0);
    assert_eq!(line.reg_type(), RegType::Dword);
    assert_eq!(data_hex(&line.data), "01 00 00 00");
}

/// E127 (§5.10, WC, DOC): custom registry type (T<<16)|1: type 0x38 with hex byte data.
#[test]
fn e127_custom_type() {
    let inf = load(
        b"[Version]\r\nSignature=\"$CHICAGO$\"\r\n[Test]\nHKR,,MyValue,0x00380001,1,0,2,3\n",
        1252,
    );
    let line = add_reg(&inf, "Test", 0);
    assert_eq!(line.reg_type().name(), "0x38");
    assert_eq!(data_hex(&line.data), "01 00 02 03");
}

/// E128 (§5.10, WC, DOC): 0x00020001 is REG_NONE with no data.
#[test]
fn e128_reg_none() {
    let inf = load(
        b"[Version]\r\nSignature=\"$CHICAGO$\"\r\n[Test]\nHKR,,N,0x00020001\n",
        1252,
    );
    let line = add_reg(&inf, "Test", 0);
    assert_eq!(line.reg_type().name(), "REG_NONE");
    assert_eq!(line.data, RegData::Bytes(Ok(Vec::new())));
}

/// E130 (§5.10, WC, DOC): an unknown registry root.
///
/// The case records only Wine's result (the line is skipped) and InfVerif 1224. The Windows
/// rule is the InfVerif one, so the root is asserted invalid; that the line writes nothing is
/// Wine's behaviour, which the view reports as its skip reason.
#[test]
fn e130_unknown_root() {
    let inf = load(
        b"[Version]\r\nSignature=\"$CHICAGO$\"\r\n[Test]\nHKXX,,X,,1\n",
        1252,
    );
    let line = add_reg(&inf, "Test", 0);
    assert_eq!(line.root, RegRoot::Invalid("HKXX".to_owned()));
    assert_eq!(line.skip(), Some(AddRegSkip::InvalidRoot));
}

/// E131a (§5.10, WC, DOC): `%11%` expands to a path, not a number: the DIRID is invalid.
#[test]
fn e131a_destination_dir_must_be_numeric() {
    let inf = load(
        b"[Version]\r\nSignature=\"$CHICAGO$\"\r\n[DestinationDirs]\nDefaultDestDir = %11%\n",
        1252,
    );
    let dirs = inf.destination_dirs();
    let default = dirs.default_dir().expect("DefaultDestDir");
    assert!(matches!(default.dirid, Err(DiridError::NotANumber { .. })));
    // The same holds when DIRIDs are kept symbolic.
    let symbolic = load_with(
        b"[Version]\r\nSignature=\"$CHICAGO$\"\r\n[DestinationDirs]\nDefaultDestDir = %11%\n",
        1252,
        InfOptions::default(),
    );
    assert!(symbolic
        .destination_dirs()
        .default_dir()
        .unwrap()
        .dirid
        .is_err());
}

/// E131b (§5.10, WC, DOC): a Strings token that expands to a number is a valid DIRID.
#[test]
fn e131b_destination_dir_from_strings() {
    let inf = load(b"[Version]\r\nSignature=\"$CHICAGO$\"\r\n[DestinationDirs]\nDefaultDestDir = %D%\n[Strings]\nD=12\n", 1252);
    assert_eq!(inf.destination_dirs().default_dir().unwrap().dirid, Ok(12));
}
