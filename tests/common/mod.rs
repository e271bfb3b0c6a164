//! Helpers shared by the integration tests: finding `../shared`, reading corpus manifests,
//! comparing JSON semantically.

#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The shared data folder next to the repository (`../shared`), or `SFN_SHARED`.
///
/// When it is missing the calling test prints why it is skipped and returns `None`, unless
/// `SFN_REQUIRE_SHARED=1` (set by `.ci/run`), in which case it panics.
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("SFN_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("corpus").is_dir() && dir.join("seeds").is_dir() {
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

/// One row of a `MANIFEST.txt`.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub rel: String,
    pub expected: String,
    pub note: String,
}

/// Reads `dir/MANIFEST.txt` (tab-separated: path, expected, source, note).
pub fn manifest(dir: &Path) -> Vec<Entry> {
    let text = std::fs::read_to_string(dir.join("MANIFEST.txt")).expect("MANIFEST.txt");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols.len() >= 2).then(|| Entry {
                path: dir.join(cols[0]),
                rel: cols[0].to_string(),
                expected: cols[1].to_string(),
                note: cols.get(3).copied().unwrap_or("").to_string(),
            })
        })
        .collect()
}

/// Reads a corpus file: JSON through sfn's strict reader, JSON5 through the `json5` crate.
pub fn read_definition(path: &Path) -> Result<Value, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    if path.extension().is_some_and(|e| e == "json5") {
        let text = String::from_utf8(bytes).map_err(|e| e.to_string())?;
        json5::from_str::<Value>(&text).map_err(|e| e.to_string())
    } else {
        sfn::json::parse_document(&bytes, &sfn::json::Limits::default()).map_err(|d| d.to_string())
    }
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
