//! Helpers shared by the integration tests of sfn-codegen: temporary directories, and (from the
//! workspace's `sfn-test-support`) finding `../shared`, listing the seed machines, reading corpus
//! manifests and definitions, comparing JSON semantically.

#![allow(dead_code, unused_imports)]

use std::path::{Path, PathBuf};

pub use sfn_test_support::{
    manifest, read_definition, read_json, seeds, semantic_diff, shared_dir,
};

/// A fresh, empty temporary directory for one test; removed by [`TempDir`]'s `Drop`.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("sfn-codegen-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
