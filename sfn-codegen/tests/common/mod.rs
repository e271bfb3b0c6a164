//! Helpers shared by the integration tests of sfn-codegen: finding `../shared`, listing the
//! seed machines, reading corpus manifests, temporary directories.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The shared data folder beside the repository (`<workspace>/../shared`), or `SFN_SHARED`.
///
/// When it is missing the test prints `SKIPPED …` and gets `None`, unless `SFN_REQUIRE_SHARED=1`
/// (set by `.ci/run`), in which case it panics.
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("SFN_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared"));
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
        "SKIPPED {test}: the shared data folder {} is not there (set SFN_SHARED to point elsewhere)",
        dir.display()
    );
    None
}

/// The seed machines `seeds/asl/seed-*.json`, sorted, with their names (file stem).
pub fn seeds(shared: &Path) -> Vec<(String, PathBuf)> {
    let dir = shared.join("seeds/asl");
    let mut seeds: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .expect("seeds/asl")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with("seed-") && n.ends_with(".json")
            })
        })
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no seed-*.json in {}", dir.display());
    seeds
}

/// Reads a definition with sfn's strict JSON reader.
pub fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    sfn_dsl::json::parse_document(&bytes, &sfn_dsl::json::Limits::default())
        .map_err(|d| d.to_string())
}

/// The rows of `dir/MANIFEST.txt` (path, expected), skipping comments.
pub fn manifest(dir: &Path) -> Vec<(PathBuf, String)> {
    let text = std::fs::read_to_string(dir.join("MANIFEST.txt")).expect("MANIFEST.txt");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols.len() >= 2).then(|| (dir.join(cols[0]), cols[1].to_string()))
        })
        .collect()
}

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

/// Reads a corpus file: JSON through sfn's strict reader, JSON5 (LocalStack templates) through
/// the `json5` crate.
pub fn read_definition(path: &Path) -> Result<serde_json::Value, String> {
    if path.extension().is_some_and(|e| e == "json5") {
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        json5::from_str::<serde_json::Value>(&text).map_err(|e| e.to_string())
    } else {
        read_json(path)
    }
}

/// JSON equality where numbers compare by value (`2` equals `2.0`) and key order is free.
/// Returns the JSON pointer of the first difference, with both sides.
pub fn semantic_diff(a: &serde_json::Value, b: &serde_json::Value, at: &str) -> Option<String> {
    use serde_json::Value;
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
