//! Test-only package: the end-to-end tests of the `difcheck` CLI live in `tests/`.
