//! Helpers shared by the integration tests: finding `../shared`, reading corpus manifests,
//! comparing JSON semantically. They live in the workspace's `sfn-test-support` crate, shared
//! with the tests of the other packages; this module keeps `mod common;` working.

#![allow(unused_imports)]

pub use sfn_test_support::{
    Entry, corpus_folders, manifest, read_definition, semantic_diff, shared_dir,
};
