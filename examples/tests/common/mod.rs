//! Helpers shared by the tests of `sfn-examples`: finding `../shared` and comparing JSON
//! semantically. `semantic_diff` is a copy of the one in the workspace's `tests/common/mod.rs`
//! (a test crate of another package cannot be imported); keep them in step.

#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};

/// This package's directory (`examples/`).
pub fn package_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The committed definitions, `examples/definitions/`.
pub fn definitions_dir() -> PathBuf {
    package_dir().join("definitions")
}

/// The shared data folder beside the repository (`../shared` of the workspace), or
/// `SFN_SHARED`.
///
/// When it (or its `seeds/`) is missing the calling test prints `SKIPPED …` and gets `None`,
/// unless `SFN_REQUIRE_SHARED=1` (set by `.ci/run`), in which case it panics.
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("SFN_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| package_dir().join("../../shared"));
    if dir.join("seeds").is_dir() {
        return Some(dir);
    }
    if std::env::var("SFN_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!(
            "{test}: the shared data folder {} is missing (SFN_REQUIRE_SHARED=1)",
            dir.display()
        );
    }
    eprintln!(
        "SKIPPED {test}: the shared data folder {} is not there (it lives beside the repository in CI; set SFN_SHARED to point elsewhere)",
        dir.display()
    );
    None
}

/// JSON equality where numbers compare by value (`2` equals `2.0`) and key order is free.
/// Returns the JSON pointer of the first difference.
pub fn semantic_diff(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let same = match (x.as_i64(), y.as_i64()) {
                (Some(i), Some(j)) => i == j,
                _ => x.as_f64() == y.as_f64(),
            };
            (!same).then(|| format!("{at}: {x} != {y}"))
        }
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    None => return Some(format!("{at}/{k}: missing on the right")),
                    Some(w) => {
                        if let Some(d) = semantic_diff(v, w, &format!("{at}/{k}")) {
                            return Some(d);
                        }
                    }
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map(|k| format!("{at}/{k}: missing on the left"))
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(format!("{at}: array lengths {} != {}", x.len(), y.len()));
            }
            x.iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (v, w))| semantic_diff(v, w, &format!("{at}/{i}")))
        }
        _ => (a != b).then(|| format!("{at}: {a} != {b}")),
    }
}
