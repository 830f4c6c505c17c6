//! Fuzz target: any bytes, read in code page 1252 and in one more code page chosen from the
//! input, must decode, parse, round-trip byte for byte, tile the text with nodes, keep every
//! span in range, build the semantic view and let every field be read, the same way twice.
//!
//! The checks are the ones the property tests and the stable fixture test run
//! (`crates/inf-parser/tests/support/invariants.rs`), so a crash found here reproduces there:
//! copy the artifact to `crates/inf-parser/tests/regressions/` and `cargo test -p inf-parser`.
//!
//! ```text
//! fuzz/seed-corpus.sh                      # seed corpus from fixtures/ and the regressions
//! cargo +nightly fuzz run parse -- -max_total_time=600
//! ```

#![no_main]

#[path = "../../crates/inf-parser/tests/support/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    invariants::check_invariants(data, 1252);
    // A second code page, so DBCS and UTF-8 decoding get the same scrutiny; chosen from the
    // input so that a crash reproduces from the artifact alone.
    let pick = data.iter().fold(0usize, |h, &b| {
        h.wrapping_mul(31).wrapping_add(usize::from(b))
    });
    let codepage = invariants::CODEPAGES[pick % invariants::CODEPAGES.len()];
    if codepage != 1252 {
        invariants::check_invariants(data, codepage);
    }
});
