//! Compile-fail tests of `workflow!`: every class of mistake is a compile error on the key or
//! value it is about, with the rule code and a help line (`tests/ui/workflow_fail_*.stderr`).
//!
//! The messages depend on the compiler; the toolchain is pinned in `rust-toolchain.toml`.
//! Regenerate with `TRYBUILD=overwrite cargo test --test ui_workflow` and review the diff.

#[test]
fn ui_workflow() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/workflow_fail_*.rs");
    t.pass("tests/ui/workflow_pass_*.rs");
}
