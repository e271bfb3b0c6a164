//! Compile-fail tests of the builder's compile-time guarantees and of the `path!` family,
//! with the exact compiler messages committed next to each case (`tests/ui/*.stderr`).
//!
//! The messages depend on the compiler; the toolchain is pinned in `rust-toolchain.toml`.
//! Regenerate with `TRYBUILD=overwrite cargo test --test ui` and review the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail_*.rs");
    t.pass("tests/ui/pass_*.rs");
}
