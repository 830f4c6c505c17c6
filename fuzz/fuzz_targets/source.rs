//! Fuzz target: any bytes, read as a C, C++, header or `.def` installer source (or split into a
//! C/C++ file and a `.def` file analysed together), must be analysed without a panic, with every
//! source location inside its file, every entry point findable by name, and the same result when
//! analysed again.
//!
//! The checks are the ones the dif-model tests run
//! (`crates/dif-model/tests/support/source_invariants.rs`), so a crash found here reproduces
//! there: copy the artifact to `crates/dif-model/tests/regressions/` and
//! `cargo test -p dif-model --test hostile_sources`.
//!
//! ```text
//! cargo xtask fuzz --seconds 60 --target source    # seeds the corpus, then fuzzes
//! cargo +nightly fuzz run source -- -max_total_time=600 -timeout=20
//! ```

#![no_main]

#[path = "../../crates/dif-model/tests/support/source_invariants.rs"]
mod source_invariants;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    source_invariants::check_source_invariants(data);
});
