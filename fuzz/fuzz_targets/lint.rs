//! Fuzz target: any bytes, linted as an INF (or as an INX stamped for every architecture) in
//! every profile, must be linted without a rule panicking, with every span of every diagnostic
//! in range, a report that serializes to JSON, and the same diagnostics when linted again.
//!
//! The checks are the ones the lint tests run (`crates/lint/tests/support/lint_invariants.rs`),
//! so a crash found here reproduces there: copy the artifact to `crates/lint/tests/regressions/`
//! and `cargo test -p lint --test hostile_lint`.
//!
//! ```text
//! cargo xtask fuzz --seconds 60 --target lint      # seeds the corpus, then fuzzes
//! cargo +nightly fuzz run lint -- -max_total_time=600 -timeout=20
//! ```

#![no_main]

#[path = "../../crates/lint/tests/support/lint_invariants.rs"]
mod lint_invariants;

use libfuzzer_sys::fuzz_target;

/// Code pages the input is read in (one per input, chosen from it): ANSI, a DBCS code page
/// whose trail bytes may be `\` and `[`, and UTF-8.
const CODEPAGES: [u16; 3] = [1252, 932, 65001];

fuzz_target!(|data: &[u8]| {
    // Chosen from the input, so that a crash reproduces from the artifact alone.
    let pick = data.iter().fold(0usize, |h, &b| {
        h.wrapping_mul(31).wrapping_add(usize::from(b))
    });
    // One input in four is an INX: stamping costs three lint runs.
    let inx = pick % 4 == 0;
    let codepage = CODEPAGES[(pick / 4) % CODEPAGES.len()];
    lint_invariants::check_lint_invariants(data, inx, codepage);
});
