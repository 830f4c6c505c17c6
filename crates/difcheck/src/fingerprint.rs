//! Fingerprints that identify a finding across runs, whatever the file's encoding.
//!
//! Two kinds:
//! - [`line_hashes`]: GitHub code scanning's `primaryLocationLineHash`. `upload-sarif` computes it
//!   itself when missing, but reads the file as UTF-8, which garbles UTF-16 INF files; when the
//!   value is present it keeps ours. We compute it with the same algorithm (documented in
//!   `github/codeql-action`, `src/fingerprints.ts`) over the decoded text, so that for UTF-8 and
//!   ASCII files our value is the one the action would compute, and UTF-16 files get a
//!   meaningful one.
//! - [`baseline_fingerprint`]: the key of a baseline entry, robust to lines moving.

use sha2::{Digest, Sha256};

/// Characters hashed per line: the first 100 that are not spaces or tabs, from the line start
/// on (running into the following lines when the line is shorter).
const BLOCK_SIZE: usize = 100;
/// The rolling hash's base.
const MOD: u64 = 37;
/// The end-of-input marker fed after the last character.
const EOF: u64 = 65535;

/// `primaryLocationLineHash` for every line of `text`: element `n - 1` is line `n`'s value,
/// `"<hex>:<k>"`, where `k` counts earlier lines with the same hash.
///
/// `utf8_bom` feeds U+FEFF first, as the action sees it when it reads a UTF-8 file with a BOM.
/// Arithmetic wraps at 64 bits, like the `Long` values the action uses.
pub fn line_hashes(text: &str, utf8_bom: bool) -> Vec<String> {
    let first_mod = (0..BLOCK_SIZE).fold(1u64, |acc, _| acc.wrapping_mul(MOD));
    let mut window = [0u64; BLOCK_SIZE];
    let mut line_numbers = [0usize; BLOCK_SIZE]; // 0 = no line starts here
    let mut hash: u64 = 0;
    let mut index = 0usize;
    let mut line_number = 0usize;
    let mut line_start = true;
    let mut prev_cr = false;
    let mut counts: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    let mut out: Vec<String> = Vec::new();

    let mut emit = |hash: u64, line: usize, out: &mut Vec<String>| {
        let n = counts.entry(hash).or_insert(0);
        *n += 1;
        if out.len() < line {
            out.resize(line, String::new());
        }
        out[line - 1] = format!("{hash:x}:{n}");
    };

    let mut process = |c: u64,
                       window: &mut [u64; BLOCK_SIZE],
                       line_numbers: &mut [usize; BLOCK_SIZE],
                       hash: &mut u64,
                       index: &mut usize,
                       out: &mut Vec<String>| {
        let (space, tab, lf, cr) = (b' ' as u64, b'\t' as u64, b'\n' as u64, b'\r' as u64);
        if c == space || c == tab || (prev_cr && c == lf) {
            prev_cr = false;
            return;
        }
        let c = if c == cr {
            prev_cr = true;
            lf
        } else {
            prev_cr = false;
            c
        };
        if line_numbers[*index] != 0 {
            emit(*hash, line_numbers[*index], out);
            line_numbers[*index] = 0;
        }
        if line_start {
            line_start = false;
            line_number += 1;
            line_numbers[*index] = line_number;
        }
        if c == lf {
            line_start = true;
        }
        let begin = window[*index];
        window[*index] = c;
        *hash = MOD
            .wrapping_mul(*hash)
            .wrapping_add(c)
            .wrapping_sub(first_mod.wrapping_mul(begin));
        *index = (*index + 1) % BLOCK_SIZE;
    };

    // The action walks UTF-16 code units (JavaScript's `charCodeAt`).
    let bom = utf8_bom.then_some(0xFEFFu16);
    for unit in bom.into_iter().chain(text.encode_utf16()) {
        process(
            u64::from(unit),
            &mut window,
            &mut line_numbers,
            &mut hash,
            &mut index,
            &mut out,
        );
    }
    process(
        EOF,
        &mut window,
        &mut line_numbers,
        &mut hash,
        &mut index,
        &mut out,
    );
    for _ in 0..BLOCK_SIZE {
        if line_numbers[index] != 0 {
            emit(hash, line_numbers[index], &mut out);
            line_numbers[index] = 0;
        }
        let begin = window[index];
        window[index] = 0;
        hash = MOD
            .wrapping_mul(hash)
            .wrapping_sub(first_mod.wrapping_mul(begin));
        index = (index + 1) % BLOCK_SIZE;
    }
    out
}

/// Collapses whitespace so that re-indenting a line keeps its fingerprint.
pub fn normalize_line(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The baseline key of a finding: SHA-256 over the rule code, the file's path (relative to the
/// baseline file), the normalized text of the primary line and the finding's index among the
/// findings of the same rule on identical lines of that file. Moving a line, or adding lines
/// above it, keeps the key; editing the line changes it. Returns 32 hex digits.
pub fn baseline_fingerprint(
    code: &str,
    path: &str,
    normalized_line: &str,
    occurrence: usize,
) -> String {
    let mut h = Sha256::new();
    for part in [code, path, normalized_line, &occurrence.to_string()] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Test vectors published with the action's own tests (`src/fingerprints.test.ts`).
    fn check(input: &str, expected: &[&str]) {
        let got = line_hashes(input, false);
        assert_eq!(got, expected, "input {input:?}");
    }

    #[test]
    fn agrees_with_the_action_test_vectors() {
        check("", &["c129715d7a2bc9a3:1"]);
        check(
            " a\nb\n  \t\tc\n d",
            &[
                "271789c17abda88f:1",
                "54703d4cd895b18:1",
                "180aee12dab6264:1",
                "a23a3dc5e078b07b:1",
            ],
        );
        let seven = [
            "e9496ae3ebfced30:1",
            "fb7c023a8b9ccb3f:1",
            "ce8ba1a563dcdaca:1",
            "e20e36e16fcb0cc8:1",
            "b3edc88f2938467e:1",
            "c8e28b0b4002a3a0:1",
            "c129715d7a2bc9a3:1",
        ];
        check(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", &seven);
        check(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", &seven);
        check(
            " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
            &seven,
        );
        check(
            " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
            &seven,
        );
        check(
            " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End",
            &[
                "8b7cf3e952e7aeb2:1",
                "b1ae1287ec4718d9:1",
                "bff680108adb0fcc:1",
                "c6805c5e1288b612:1",
                "b86d3392aea1be30:1",
                "e6ceba753e1a442:1",
            ],
        );
    }

    #[test]
    fn identical_lines_are_numbered() {
        let input = "Lorem ipsum dolor sit amet.\n".repeat(10);
        check(
            &input,
            &[
                "a7f2ff13bc495cf2:1",
                "a7f2ff13bc495cf2:2",
                "a7f2ff13bc495cf2:3",
                "a7f2ff13bc495cf2:4",
                "a7f2ff13bc495cf2:5",
                "a7f2ff13bc495cf2:6",
                "a7f2ff1481e87703:1",
                "a9cf91f7bbf1862b:1",
                "55ec222b86bcae53:1",
                "cc97dc7b1d7d8f7b:1",
                "c129715d7a2bc9a3:1",
            ],
        );
    }

    #[test]
    fn non_ascii_text_hashes_utf16_units() {
        // One line per input line plus the end-of-input line; astral characters are two units
        // and must not shift line numbers.
        let h = line_hashes("é€😀\nx\n", false);
        assert_eq!(h.len(), 3);
        assert_ne!(line_hashes("x\n", true)[0], line_hashes("x\n", false)[0]);
    }

    #[test]
    fn baseline_fingerprints() {
        let a = baseline_fingerprint("INF1209", "a.inf", "[Strings]", 0);
        assert_eq!(a.len(), 32);
        assert_eq!(a, baseline_fingerprint("INF1209", "a.inf", "[Strings]", 0));
        assert_ne!(a, baseline_fingerprint("INF1209", "a.inf", "[Strings]", 1));
        assert_ne!(a, baseline_fingerprint("INF1209", "b.inf", "[Strings]", 0));
        assert_ne!(a, baseline_fingerprint("INF1002", "a.inf", "[Strings]", 0));
        assert_eq!(normalize_line("  Key  =\tvalue  "), "Key = value");
    }
}
