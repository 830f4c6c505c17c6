//! Property tests: on random bytes and on random INF-like text in every encoding, the parser
//! never panics, round-trips byte for byte, tiles the text with nodes, keeps every span in range
//! and on character boundaries, lets every field be read, and is deterministic.
//!
//! Case counts are moderate so `cargo test` stays fast; set `PROPTEST_CASES` to run more.

#[path = "support/invariants.rs"]
mod invariants;

use inf_parser::decode;
use invariants::{check_invariants, CODEPAGES};
use proptest::prelude::*;

/// What a UTF-16 file must decode to: every unit or pair as `char::decode_utf16` reads it, with
/// U+FFFD for unpaired surrogates and for an odd last byte.
fn assert_utf16_text(bytes: &[u8], units: &[u16], odd_tail: bool) {
    let mut expected: String = char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect();
    if odd_tail {
        expected.push('\u{FFFD}');
    }
    assert_eq!(decode(bytes, 1252).text(), expected);
}

/// 256 cases per property unless `PROPTEST_CASES` says otherwise.
fn config() -> ProptestConfig {
    if std::env::var_os("PROPTEST_CASES").is_some() {
        ProptestConfig::default()
    } else {
        ProptestConfig::with_cases(256)
    }
}

/// Bytes biased towards the ones the decoder and tokenizer treat specially.
fn special_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        6 => any::<u8>(),
        2 => prop::sample::select(b"[];=,\"\\%\n\r \t".to_vec()),
        1 => prop::sample::select(vec![0x00u8, 0x1A, 0xFF, 0xFE, 0xEF, 0xBB, 0xBF, 0xD8, 0xDC, 0x81, 0x5C]),
    ]
}

/// A byte-order mark (or none) to put in front of random bytes.
fn bom() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => Just(Vec::new()),
        2 => Just(vec![0xFF, 0xFE]),
        1 => Just(vec![0xFE, 0xFF]),
        1 => Just(vec![0xEF, 0xBB, 0xBF]),
    ]
}

/// UTF-16 code units including unpaired surrogates, NUL, Control-Z and Unicode spaces.
fn utf16_unit() -> impl Strategy<Value = u16> {
    prop_oneof![
        6 => prop::sample::select(b"[Version]Signature=\"$Windows NT$\";,\\%\n\r \tabc".iter().map(|&b| u16::from(b)).collect::<Vec<_>>()),
        2 => any::<u16>(),
        1 => 0xD800u16..0xE000,
        1 => prop::sample::select(vec![0u16, 0x1A, 0xA0, 0x3000, 0x2028, 0x85, 0xFEFF, 0xFFFE, 0xFFFD]),
    ]
}

/// Pieces of INF text, from ordinary words to every character with a meaning.
fn piece() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        " ",
        "  ",
        "\t",
        "\u{A0}",
        "\u{3000}",
        "\u{2028}",
        "\u{85}",
        "\u{1680}",
        "\u{FEFF}",
        "\r",
        "\"",
        "\"\"",
        "\"a, b; c = d\"",
        "\" spaced \"",
        "\"\"\"x\"\"\"",
        "\\",
        "\\\\",
        "\\\n",
        " \\ \r\n",
        "\\ ; why\n",
        ";",
        "; note",
        "%",
        "%%",
        "%s%",
        "%Key%",
        "%KEY%",
        "%10%",
        "%11%\\drivers",
        "%1%",
        "%012%",
        "%a;b%",
        "\0",
        "=",
        ",",
        "[",
        "]",
        "é",
        "日本",
        "𝄞",
        "#",
        "//",
        "0x1F",
        "-7",
        "017",
        "ff",
        "$Windows NT$",
        "$Chicago$",
    ]);
    prop_oneof![
        8 => "[A-Za-z0-9_.]{1,10}",
        6 => fixed.prop_map(str::to_owned),
        1 => "\\PC{1,6}",
        1 => (4090usize..4110).prop_map(|n| "w".repeat(n)),
    ]
}

/// Concatenated pieces: a key, a field, or a section name.
fn token() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..5).prop_map(|v| v.concat())
}

fn section_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec!["Version", "Strings", "strings", "Strings.0407", "STRINGS.0409", "Manufacturer", "Models.NTamd64", "DDInstall", ""]).prop_map(str::to_owned),
        3 => token(),
        1 => (250usize..260).prop_map(|n| "n".repeat(n)),
    ]
}

fn line_end() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["\r\n", "\r\n", "\n", "\r", "", " \\\r\n", "\u{1A}"])
}

/// One physical line of INF-like text (with its line ending).
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (section_name(), prop_oneof![Just(""), Just("]"), Just("] ; c"), Just("] tail")], line_end())
            .prop_map(|(name, close, end)| format!("[{name}{}{end}", if close.is_empty() { "" } else { close })),
        2 => (prop::sample::select(vec!["Signature", "Key", "key", "s", "a", "DriverVer"]), token(), line_end())
            .prop_map(|(k, v, end)| format!("{k} = {v}{end}")),
        6 => (token(), prop::collection::vec(token(), 0..6), any::<bool>(), line_end())
            .prop_map(|(k, fields, has_key, end)| {
                let values = fields.join(",");
                if has_key { format!("{k}={values}{end}") } else { format!("{k}{values}{end}") }
            }),
        1 => (token(), line_end()).prop_map(|(c, end)| format!("; {c}{end}")),
        1 => line_end().prop_map(str::to_owned),
    ]
}

fn inf_text() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..24).prop_map(|v| v.concat())
}

/// INF-like text encoded the ways real (and broken) files are.
fn encoded(text: &str, how: u8) -> Vec<u8> {
    let utf16 = |big_endian: bool| -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    };
    match how % 6 {
        0 => encoding_rs::WINDOWS_1252.encode(text).0.into_owned(),
        1 => text.as_bytes().to_vec(),
        2 => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        3 => [vec![0xFF, 0xFE], utf16(false)].concat(),
        4 => utf16(false),
        _ => [vec![0xFE, 0xFF], utf16(true)].concat(),
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_bytes(bom in bom(), body in prop::collection::vec(special_byte(), 0..600)) {
        check_invariants(&[bom, body].concat(), 1252);
    }

    #[test]
    fn random_bytes_in_any_codepage(body in prop::collection::vec(special_byte(), 0..400), cp in prop::sample::select(CODEPAGES)) {
        check_invariants(&body, cp);
    }

    #[test]
    fn random_utf16(units in prop::collection::vec(utf16_unit(), 0..400), bom in any::<bool>(), big_endian in any::<bool>(), odd_tail in any::<bool>()) {
        let mut bytes = Vec::with_capacity(units.len() * 2 + 3);
        match (bom, big_endian) {
            (true, false) => bytes.extend_from_slice(&[0xFF, 0xFE]),
            (true, true) => bytes.extend_from_slice(&[0xFE, 0xFF]),
            _ => {}
        }
        for u in &units {
            bytes.extend_from_slice(&if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        if odd_tail {
            bytes.push(b'x');
        }
        check_invariants(&bytes, 1252);
        if bom {
            assert_utf16_text(&bytes, &units, odd_tail);
        }
    }

    #[test]
    fn long_utf16_with_surrogates_near_chunk_edges(
        prefix in 2030usize..2060,
        tail in prop::collection::vec(utf16_unit(), 0..40),
        big_endian in any::<bool>(),
    ) {
        // The decoder works in chunks of 2048 units and must neither split a surrogate pair
        // nor lose an unpaired one at a chunk edge.
        let mut units = vec![u16::from(b'x'); prefix];
        units.extend(tail);
        let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for u in &units {
            bytes.extend_from_slice(&if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        check_invariants(&bytes, 1252);
        assert_utf16_text(&bytes, &units, false);
    }

    #[test]
    fn structured_inf_text(text in inf_text(), how in any::<u8>()) {
        check_invariants(&encoded(&text, how), 1252);
    }

    #[test]
    fn structured_inf_text_in_any_codepage(text in inf_text(), cp in prop::sample::select(CODEPAGES)) {
        check_invariants(text.as_bytes(), cp);
    }

    #[test]
    fn structured_inf_text_damaged(
        text in inf_text(),
        how in any::<u8>(),
        damage in prop::collection::vec((any::<prop::sample::Index>(), special_byte()), 1..6),
    ) {
        let mut bytes = encoded(&text, how);
        if !bytes.is_empty() {
            for (at, byte) in damage {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
        }
        check_invariants(&bytes, 1252);
    }
}
