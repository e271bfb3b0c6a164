//! Helpers shared by the tests of `sfn-examples`: this package's folders, and (from the
//! workspace's `sfn-test-support`) finding `../shared` and comparing JSON semantically.

#![allow(dead_code, unused_imports)]

use std::path::{Path, PathBuf};

pub use sfn_test_support::semantic_diff;

/// This package's directory (`examples/`).
pub fn package_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The committed definitions, `examples/definitions/`.
pub fn definitions_dir() -> PathBuf {
    package_dir().join("definitions")
}

/// The shared data folder beside the repository (`../shared` of the workspace), or
/// `SFN_SHARED`, when its `seeds/` is there; see [`sfn_test_support::shared_dir_with`].
#[track_caller]
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    sfn_test_support::shared_dir_with(test, &["seeds"])
}
