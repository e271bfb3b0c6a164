//! Helpers shared by the tests of the sfn workspace (a dev-dependency only, never published):
//!
//! * [`shared_dir`] and [`shared_dir_with`] find the shared data folder beside the repository
//!   (`../shared`, or `SFN_SHARED`), and skip or fail the calling test when it is missing;
//! * [`seeds`] lists its seed machines, [`manifest`] reads a corpus folder's `MANIFEST.txt`;
//! * [`read_json`] and [`read_definition`] read a definition with sfn's strict JSON reader (and
//!   JSON5 through the `json5` crate);
//! * [`semantic_diff`] compares JSON values: numbers by value, keys in any order, and the JSON
//!   pointer of the first difference.
//!
//! ```
//! use serde_json::json;
//! use sfn_test_support::semantic_diff;
//!
//! let built = json!({"Type": "Wait", "Seconds": 2.0});
//! let file = json!({"Seconds": 2, "Type": "Wait"});
//! assert_eq!(semantic_diff(&built, &file, ""), None);
//! ```

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The shared data folder with its `corpus/` and `seeds/`: see [`shared_dir_with`].
#[track_caller]
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    shared_dir_with(test, &["corpus", "seeds"])
}

/// The shared data folder beside the repository (`<workspace>/../shared`), or `SFN_SHARED`
/// (a relative `SFN_SHARED` is relative to the workspace root), when each of the subfolders
/// `needs` is in it.
///
/// When it is not, the calling test `test` writes `SKIPPED <test>: …` with the folder it looked
/// for to the process's stderr (uncaptured, so `cargo test` shows it among the results) and
/// gets `None`, unless `SFN_REQUIRE_SHARED=1` (set by `.ci/run`), in which case it
/// panics (at the caller's line).
///
/// ```
/// let Some(shared) = sfn_test_support::shared_dir_with("my_test", &["seeds"]) else {
///     return; // skipped, and said so on stderr
/// };
/// assert!(shared.join("seeds").is_dir());
/// ```
#[track_caller]
pub fn shared_dir_with(test: &str, needs: &[&str]) -> Option<PathBuf> {
    // Cargo runs each package's tests in the package's folder: a relative `SFN_SHARED`
    // (`SFN_SHARED=../shared cargo test`) is read from the workspace root, where it was typed.
    let dir = match std::env::var_os("SFN_SHARED").map(PathBuf::from) {
        Some(dir) if dir.is_relative() => workspace_dir().join(dir),
        Some(dir) => dir,
        None => workspace_dir().join("../shared"),
    };
    if needs.iter().all(|sub| dir.join(sub).is_dir()) {
        return Some(dir);
    }
    if std::env::var("SFN_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!(
            "{test}: the shared data folder {} is missing (SFN_REQUIRE_SHARED=1)",
            dir.display()
        );
    }
    // Straight to the process's stderr, not through `eprintln!`: the test harness captures the
    // print macros of a passing test, and a skip must show in a plain `cargo test`.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr().lock(),
        "SKIPPED {test}: the shared data folder {} is not there (it lives beside the repository in CI; set SFN_SHARED to point elsewhere)",
        dir.display()
    );
    None
}

/// The workspace's root directory (the parent of this crate's).
fn workspace_dir() -> &'static Path {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here)
}

/// The seed machines `seeds/asl/seed-*.json` of the shared folder, sorted, with their names
/// (the file stem). Panics when there are none.
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

/// The files below `dir`, at any depth, whose extension is one of `extensions` (none when
/// `dir` cannot be read), in the order the directories list them.
pub fn files_below(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_below(&path, extensions));
        } else if path
            .extension()
            .is_some_and(|e| extensions.iter().any(|x| e == *x))
        {
            files.push(path);
        }
    }
    files
}

/// Runs `command` (a `cargo` command) and returns its standard output; panics, saying `what`
/// it was and with its standard error, when it fails.
pub fn stdout_of(mut command: std::process::Command, what: &str) -> String {
    let out = command.output().expect("cargo runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{what} failed:\n{stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// One row of a `MANIFEST.txt`.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file: the manifest's folder joined with [`Entry::rel`].
    pub path: PathBuf,
    /// The path as the manifest writes it, relative to its folder.
    pub rel: String,
    /// The label: `valid`, `invalid`, `template`, …
    pub expected: String,
    /// The fourth column, empty when there is none.
    pub note: String,
}

/// The folders of `shared/corpus` that hold a `MANIFEST.txt`, sorted. Panics when there are
/// none: a corpus without manifests would make every corpus test pass vacuously.
pub fn corpus_folders(shared: &Path) -> Vec<PathBuf> {
    let corpus = shared.join("corpus");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap_or_else(|e| panic!("{}: {e}", corpus.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join("MANIFEST.txt").is_file())
        .collect();
    folders.sort();
    assert!(
        !folders.is_empty(),
        "no corpus folders with a MANIFEST.txt in {}",
        corpus.display()
    );
    folders
}

/// Every row of the corpus manifests ([`corpus_folders`], [`manifest`]) with the name of its
/// folder; `None`, after saying that `test` is skipped, when `../shared` is missing.
pub fn corpus_entries(test: &str) -> Option<Vec<(String, Entry)>> {
    let shared = shared_dir(test)?;
    let mut entries = Vec::new();
    for folder in corpus_folders(&shared) {
        let name = folder.file_name().unwrap().to_string_lossy().to_string();
        entries.extend(manifest(&folder).into_iter().map(|e| (name.clone(), e)));
    }
    Some(entries)
}

/// Reads `dir/MANIFEST.txt` (tab-separated: path, expected, source, note), skipping comments
/// and blank lines.
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

/// Reads a definition with sfn's strict JSON reader ([`sfn_dsl::json::parse_document`]).
pub fn read_json(path: &Path) -> Result<Value, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    sfn_dsl::json::parse_document(&bytes, &sfn_dsl::json::Limits::default())
        .map_err(|d| d.to_string())
}

/// Reads a corpus file: JSON through sfn's reader ([`read_json`]), JSON5 (LocalStack
/// templates, `*.json5`) through the `json5` crate.
pub fn read_definition(path: &Path) -> Result<Value, String> {
    if path.extension().is_some_and(|e| e == "json5") {
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        json5::from_str::<Value>(&text).map_err(|e| e.to_string())
    } else {
        read_json(path)
    }
}

/// JSON equality where numbers compare by value (`2` equals `2.0`) and key order is free.
///
/// Returns `None` when `a` and `b` are equal, else the JSON pointer of the first difference
/// (below `at`, the pointer of `a` and `b` themselves) with what differs there.
///
/// ```
/// use serde_json::json;
/// use sfn_test_support::semantic_diff;
///
/// let a = json!({"States": {"A": {"Seconds": 1}}});
/// let b = json!({"States": {"A": {"Seconds": 2}}});
/// assert_eq!(semantic_diff(&a, &b, "").as_deref(), Some("/States/A/Seconds: 1 != 2"));
/// ```
pub fn semantic_diff(a: &Value, b: &Value, at: &str) -> Option<String> {
    semantic_diff_masked(a, b, at, &[])
}

/// [`semantic_diff`] that passes over the values at the JSON pointers `masked` (as the
/// recorded cases mask ids and times), and over a member missing on the right there.
pub fn semantic_diff_masked(a: &Value, b: &Value, at: &str, masked: &[String]) -> Option<String> {
    if masked.iter().any(|m| m == at) {
        return None;
    }
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
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                match y.get(k) {
                    None if masked.contains(&p) => {}
                    None => return Some(format!("{p}: missing on the right")),
                    Some(w) => {
                        if let Some(d) = semantic_diff_masked(v, w, &p, masked) {
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
                .find_map(|(i, (v, w))| semantic_diff_masked(v, w, &format!("{at}/{i}"), masked))
        }
        _ => (a != b).then(|| format!("{at}: {a} != {b}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_compare_by_value() {
        assert_eq!(semantic_diff(&json!(2), &json!(2.0), ""), None);
        assert_eq!(semantic_diff(&json!(-0.5), &json!(-0.5), ""), None);
        assert_eq!(
            semantic_diff(&json!(i64::MAX), &json!(i64::MAX - 1), "/n").as_deref(),
            Some("/n: 9223372036854775807 != 9223372036854775806")
        );
        assert_eq!(
            semantic_diff(&json!(1), &json!("1"), "").as_deref(),
            Some(": 1 != \"1\"")
        );
    }

    #[test]
    fn keys_in_any_order_and_missing_keys() {
        let a = json!({"a": 1, "b": [true, null]});
        assert_eq!(
            semantic_diff(&a, &json!({"b": [true, null], "a": 1.0}), ""),
            None
        );
        assert_eq!(
            semantic_diff(&a, &json!({"a": 1}), "").as_deref(),
            Some("/b: missing on the right")
        );
        assert_eq!(
            semantic_diff(&json!({"a": 1}), &a, "").as_deref(),
            Some("/b: missing on the left")
        );
    }

    #[test]
    fn arrays_by_length_then_element() {
        assert_eq!(
            semantic_diff(&json!([1, 2]), &json!([1]), "/x").as_deref(),
            Some("/x: array lengths 2 != 1")
        );
        assert_eq!(
            semantic_diff(
                &json!([{"a": 1}, {"a": 2}]),
                &json!([{"a": 1}, {"a": 3}]),
                ""
            )
            .as_deref(),
            Some("/1/a: 2 != 3")
        );
    }

    #[test]
    fn manifest_rows() {
        let dir = std::env::temp_dir().join(format!("sfn-test-support-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("MANIFEST.txt"),
            "# path\texpected\tsource\tnote\n\na.json\tvalid\tdocs\tfine\nb.json\tinvalid\nc.json\n",
        )
        .unwrap();
        let rows = manifest(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].path, dir.join("a.json"));
        assert_eq!(
            (
                rows[0].rel.as_str(),
                rows[0].expected.as_str(),
                rows[0].note.as_str()
            ),
            ("a.json", "valid", "fine")
        );
        assert_eq!(
            (
                rows[1].rel.as_str(),
                rows[1].expected.as_str(),
                rows[1].note.as_str()
            ),
            ("b.json", "invalid", "")
        );
    }
}
