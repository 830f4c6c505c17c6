#!/bin/sh
# Seeds the fuzz corpora (fuzz/corpus/{parse,lint,source}) with the files we wrote ourselves:
# the INF fixtures (fixtures/, crates/lint/tests/fixtures/), the installer-source fixtures
# (crates/dif-model/tests/fixtures/sources/, in the `source` target's input format) and every
# regression input. Copies are made at run time and never committed (fuzz/.gitignore); the
# shared reference corpus is not used. Same as `cargo xtask fuzz --seed-only`.
set -eu
cd "$(dirname "$0")/.."
exec cargo xtask fuzz --seed-only "$@"
