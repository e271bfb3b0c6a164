//! Helpers shared by the integration tests: finding `../shared`, reading corpus manifests,
//! comparing JSON semantically. They live in the workspace's `sfn-test-support` crate, shared
//! with the tests of the other packages; this module keeps `mod common;` working.

#![allow(unused_imports)]

pub use sfn_test_support::{
    Entry, corpus_entries, corpus_folders, manifest, read_definition, semantic_diff, shared_dir,
};

/// One expected finding, written `SFN011 /States/A/Next` (or the rule code alone), in the
/// expectations of the file `at`: its rule and pointer.
#[allow(dead_code)]
pub fn expected_finding(item: &str, at: &str) -> (sfn::Code, Option<String>) {
    let (code, pointer) = match item.split_once(' ') {
        Some((c, p)) => (c, Some(p.to_string())),
        None => (item, None),
    };
    let code =
        sfn::Code::from_code(code).unwrap_or_else(|| panic!("{at}: unknown rule code {code:?}"));
    (code, pointer)
}
