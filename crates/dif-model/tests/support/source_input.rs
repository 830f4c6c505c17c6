//! How one fuzz input stands for installer source files, shared by the invariants
//! (`source_invariants.rs`), the `cargo fuzz` target `source` and the corpus seeding in
//! `cargo xtask fuzz` (which has no dependency on dif-model, hence this separate file).
//!
//! The first byte's low seven bits pick the extension: `.c`, `.cpp`, `.h`, `.hpp` or `.def`.
//! With its high bit set (and not `.def`), the next two bytes (little-endian) say where to split
//! the rest in two, at `cut / 65535` of its length: a C/C++ file and a `.def` file, analysed
//! together, so that `.def` aliasing and name resolution see arbitrary input too.

#![allow(dead_code)] // Each user needs a different part.

/// Extensions the first byte chooses from.
pub const EXTENSIONS: [&str; 5] = ["c", "cpp", "h", "hpp", "def"];

/// The files `(name, bytes)` an input stands for: one, or a code file and `input.def`.
pub fn split_input(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    let Some((&mode, body)) = data.split_first() else {
        return vec![("empty.c".to_owned(), Vec::new())];
    };
    let ext = EXTENSIONS[usize::from(mode & 0x7F) % EXTENSIONS.len()];
    let two_files = mode & 0x80 != 0 && ext != "def";
    if !two_files || body.len() < 2 {
        return vec![(format!("input.{ext}"), body.to_vec())];
    }
    let (cut, rest) = body.split_at(2);
    let cut = usize::from(u16::from_le_bytes([cut[0], cut[1]]));
    let (code, def) = rest.split_at(cut * rest.len() / 65535);
    vec![
        (format!("input.{ext}"), code.to_vec()),
        ("input.def".to_owned(), def.to_vec()),
    ]
}

/// The input that stands for one file with extension `ext` (one of [`EXTENSIONS`]; others are
/// read as C).
pub fn input_of(ext: &str, bytes: &[u8]) -> Vec<u8> {
    let mode = EXTENSIONS
        .iter()
        .position(|e| e.eq_ignore_ascii_case(ext))
        .unwrap_or(0) as u8;
    [&[mode][..], bytes].concat()
}

/// The input that stands for a C/C++ file (extension `ext`) and a `.def` file analysed
/// together. The code is padded with spaces until the split falls exactly between the two
/// (never needed below 64 KiB, where every split point can be expressed).
pub fn input_of_pair(ext: &str, code: &[u8], def: &[u8]) -> Vec<u8> {
    let index = EXTENSIONS
        .iter()
        .position(|e| e.eq_ignore_ascii_case(ext))
        .filter(|&i| EXTENSIONS[i] != "def")
        .unwrap_or(0);
    let mode = 0x80 | index as u8;
    let mut pad = 0usize;
    loop {
        let total = code.len() + pad + def.len();
        let want = code.len() + pad;
        // The smallest cut reaching `want`; exact unless split points are more than a byte apart.
        let cut = (want * 65535).div_ceil(total.max(1)).min(65535);
        if total == 0 || cut * total / 65535 == want {
            let mut out = vec![mode];
            out.extend_from_slice(&(cut as u16).to_le_bytes());
            out.extend_from_slice(code);
            out.resize(out.len() + pad, b' ');
            out.extend_from_slice(def);
            return out;
        }
        pad += 1;
        if pad > 65_535 {
            // A pair this large cannot be split exactly: keep the code alone.
            return input_of(ext, code);
        }
    }
}
