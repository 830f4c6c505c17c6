//! The built installer DLLs of the PE rule fixtures (DIF0024, DIF0025) are minimal PE images
//! this test generates: a DOS header, a PE header with the machine type, one `.edata` section
//! with an export directory. The files under `tests/fixtures/` must be exactly what the
//! generator writes (regenerate them with `DIFCHECK_WRITE_PE_FIXTURES=1 cargo test -p lint
//! --test pe_fixtures`), and goblin must read back the machine type and export names.

use std::path::{Path, PathBuf};

const I386: u16 = 0x014c;
const AMD64: u16 = 0x8664;

/// `(fixture file, machine, exports)`.
const DLLS: &[(&str, u16, &[&str])] = &[
    (
        "installer/DIF0024.src/WidgetCo.dll",
        I386,
        &["WidgetCoInstaller"],
    ),
    (
        "installer/DIF0024.valid.src/WidgetCo.dll",
        AMD64,
        &["WidgetCoInstaller"],
    ),
    (
        "installer/DIF0025.src/WidgetCo.dll",
        I386,
        &["_WidgetCoInstaller@16"],
    ),
    (
        "installer/DIF0025.valid.src/WidgetCo.dll",
        I386,
        &["WidgetCoInstaller"],
    ),
];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn put16(b: &mut [u8], at: usize, v: u16) {
    b[at..at + 2].copy_from_slice(&v.to_le_bytes());
}

fn put32(b: &mut [u8], at: usize, v: u32) {
    b[at..at + 4].copy_from_slice(&v.to_le_bytes());
}

fn put64(b: &mut [u8], at: usize, v: u64) {
    b[at..at + 8].copy_from_slice(&v.to_le_bytes());
}

/// A 1 KiB DLL for `machine` (PE32+ for AMD64, PE32 otherwise) whose export table names
/// `exports`; every export points at one `ret` byte of the section.
fn minimal_dll(machine: u16, dll_name: &str, exports: &[&str]) -> Vec<u8> {
    const FILE_ALIGN: u32 = 0x200;
    const SECTION_RVA: u32 = 0x1000;
    let plus = machine == AMD64;
    let mut b = vec![0u8; 0x400];
    // DOS header: "MZ" and e_lfanew (goblin wants the PE header after a DOS stub's room).
    b[0] = b'M';
    b[1] = b'Z';
    put32(&mut b, 0x3c, 0x80);
    // PE signature and COFF header.
    b[0x80..0x84].copy_from_slice(b"PE\0\0");
    let coff = 0x84;
    let opt_size: u16 = if plus { 240 } else { 224 };
    put16(&mut b, coff, machine);
    put16(&mut b, coff + 2, 1); // NumberOfSections
    put16(&mut b, coff + 16, opt_size);
    // EXECUTABLE_IMAGE | DLL, plus LARGE_ADDRESS_AWARE (PE32+) or 32BIT_MACHINE (PE32).
    put16(&mut b, coff + 18, if plus { 0x2022 } else { 0x2102 });
    // Optional header.
    let opt = coff + 20;
    put16(&mut b, opt, if plus { 0x20b } else { 0x10b });
    put32(&mut b, opt + 8, FILE_ALIGN); // SizeOfInitializedData
    put32(&mut b, opt + 20, SECTION_RVA); // BaseOfCode
    let tail = if plus {
        put64(&mut b, opt + 24, 0x1_8000_0000); // ImageBase
        opt + 112
    } else {
        put32(&mut b, opt + 24, SECTION_RVA); // BaseOfData
        put32(&mut b, opt + 28, 0x1000_0000); // ImageBase
        opt + 96
    };
    put32(&mut b, opt + 32, 0x1000); // SectionAlignment
    put32(&mut b, opt + 36, FILE_ALIGN); // FileAlignment
    put16(&mut b, opt + 40, 6); // MajorOperatingSystemVersion
    put16(&mut b, opt + 48, 6); // MajorSubsystemVersion
    put32(&mut b, opt + 56, 0x2000); // SizeOfImage
    put32(&mut b, opt + 60, FILE_ALIGN); // SizeOfHeaders
    put16(&mut b, opt + 68, 2); // Subsystem: Windows GUI
    put32(&mut b, tail - 4, 16); // NumberOfRvaAndSizes
                                 // Section header `.edata`, raw data at 0x200, mapped at 0x1000.
    let sh = opt + opt_size as usize;
    b[sh..sh + 6].copy_from_slice(b".edata");
    put32(&mut b, sh + 8, FILE_ALIGN); // VirtualSize
    put32(&mut b, sh + 12, SECTION_RVA);
    put32(&mut b, sh + 16, FILE_ALIGN); // SizeOfRawData
    put32(&mut b, sh + 20, FILE_ALIGN); // PointerToRawData
    put32(&mut b, sh + 36, 0x6000_0020); // CODE | EXECUTE | READ
                                         // Export directory and its tables, in the section.
    let mut names: Vec<&str> = exports.to_vec();
    names.sort_unstable();
    let n = names.len() as u32;
    let raw = |rva: u32| (rva - SECTION_RVA + FILE_ALIGN) as usize;
    let dir = SECTION_RVA;
    let functions = dir + 40;
    let name_ptrs = functions + 4 * n;
    let ordinals = name_ptrs + 4 * n;
    let mut strings = ordinals + 2 * n;
    let dll_name_rva = strings;
    let mut name_rvas = Vec::new();
    let mut string_bytes: Vec<u8> = dll_name.bytes().chain([0]).collect();
    strings += string_bytes.len() as u32;
    for name in &names {
        name_rvas.push(strings);
        string_bytes.extend(name.bytes().chain([0]));
        strings += name.len() as u32 + 1;
    }
    let code = SECTION_RVA + 0x1f0; // outside the export directory, so not a forwarder
    put32(&mut b, raw(dir) + 12, dll_name_rva);
    put32(&mut b, raw(dir) + 16, 1); // Base
    put32(&mut b, raw(dir) + 20, n);
    put32(&mut b, raw(dir) + 24, n);
    put32(&mut b, raw(dir) + 28, functions);
    put32(&mut b, raw(dir) + 32, name_ptrs);
    put32(&mut b, raw(dir) + 36, ordinals);
    for i in 0..n {
        put32(&mut b, raw(functions + 4 * i), code);
        put32(&mut b, raw(name_ptrs + 4 * i), name_rvas[i as usize]);
        put16(&mut b, raw(ordinals + 2 * i), i as u16);
    }
    let at = raw(dll_name_rva);
    b[at..at + string_bytes.len()].copy_from_slice(&string_bytes);
    b[raw(code)] = 0xc3;
    // Export data directory (entry 0), covering the directory, tables and names.
    let dirs = tail;
    put32(&mut b, dirs, dir);
    put32(&mut b, dirs + 4, strings - dir);
    b
}

#[test]
fn generated_dlls_read_back() {
    for &(_, machine, exports) in DLLS {
        let bytes = minimal_dll(machine, "WidgetCo.dll", exports);
        let pe = goblin::pe::PE::parse(&bytes).expect("goblin parses the generated DLL");
        assert_eq!(pe.header.coff_header.machine, machine);
        assert!(pe.is_lib);
        let mut names: Vec<&str> = pe.exports.iter().filter_map(|e| e.name).collect();
        names.sort_unstable();
        let mut expected = exports.to_vec();
        expected.sort_unstable();
        assert_eq!(names, expected);
    }
}

#[test]
fn fixture_dlls_match_their_generator() {
    let write = std::env::var_os("DIFCHECK_WRITE_PE_FIXTURES").is_some();
    let mut stale = Vec::new();
    for &(file, machine, exports) in DLLS {
        let path = fixtures_dir().join(file);
        let bytes = minimal_dll(machine, "WidgetCo.dll", exports);
        if write {
            std::fs::create_dir_all(path.parent().expect("fixture folder")).expect("create folder");
            std::fs::write(&path, &bytes).expect("write fixture DLL");
        } else if std::fs::read(&path).ok().as_deref() != Some(&bytes[..]) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "fixture DLLs differ from the generator: {stale:?}; run DIFCHECK_WRITE_PE_FIXTURES=1 cargo test -p lint --test pe_fixtures"
    );
}
