//! The corpus files labelled invalid in `../shared/corpus/*/MANIFEST.txt` are rejected for the
//! reason their MANIFEST gives. The reasons, as rule codes and JSON pointers, are the table
//! `tests/corpus-invalid.txt` (one row per file; its header explains the columns). The test fails
//! when an invalid-labelled file has no row (a new corpus file cannot slip through), when a row
//! names no such file, and when sfn does not report a row's findings as errors; it prints a
//! summary per folder (`cargo test --test corpus_invalid -- --nocapture`).

mod common;

use common::{corpus_entries, read_definition};
use serde_json::Value;
use sfn::{Code, Diagnostic};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What a row expects of sfn.
enum Expect {
    /// sfn accepts the file on purpose; the test in `tests/conformance.rs` named by the reason
    /// says why.
    Accepted,
    /// sfn reports each of these as an error: a code and, when given, the pointer.
    Errors(Vec<(Code, Option<String>)>),
}

struct Row {
    /// Relative to `../shared/corpus`: `<folder>/<path in the MANIFEST>`.
    path: String,
    expect: Expect,
    reason: String,
}

fn table_path() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus-invalid.txt"
    ))
}

/// Reads `tests/corpus-invalid.txt`, panicking on a malformed row.
fn load_table() -> Vec<Row> {
    let text = std::fs::read_to_string(table_path()).expect("tests/corpus-invalid.txt");
    let mut rows: Vec<Row> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let at = format!("tests/corpus-invalid.txt:{}", i + 1);
        let cols: Vec<&str> = line.split('\t').collect();
        let [path, expect, reason] = cols[..] else {
            panic!(
                "{at}: expected 3 tab-separated columns (path, expect, reason), found {}",
                cols.len()
            );
        };
        assert!(!reason.trim().is_empty(), "{at}: empty reason");
        assert!(
            rows.iter().all(|r| r.path != path),
            "{at}: a second row for {path}"
        );
        let expect = if expect == "accepted" {
            assert!(
                reason.contains("see tests/conformance.rs "),
                "{at}: an accepted file names the test in tests/conformance.rs that says why"
            );
            Expect::Accepted
        } else {
            Expect::Errors(
                expect
                    .split("; ")
                    .map(|item| common::expected_finding(item, &at))
                    .collect(),
            )
        };
        rows.push(Row {
            path: path.to_string(),
            expect,
            reason: reason.to_string(),
        });
    }
    rows
}

/// Every finding of sfn on a corpus file, read the way `tests/corpus.rs` reads it: JSON with
/// sfn's reader (a parse error is a finding), JSON5 through the `json5` crate, a single
/// State object (LocalStack's TestState fixtures) through the lenient state importer.
fn findings(path: &Path) -> Result<Vec<Diagnostic>, String> {
    let value: Value = if path.extension().is_some_and(|e| e == "json5") {
        read_definition(path)?
    } else {
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        match sfn::json::parse_document(&bytes, &sfn::json::Limits::default()) {
            Ok(v) => v,
            Err(d) => return Ok(vec![d]),
        }
    };
    let is_single_state = value.get("States").is_none() && value.get("Type").is_some();
    if is_single_state {
        let (_, diags) = sfn::import::import_state_lenient(&value);
        return Ok(diags);
    }
    Ok(sfn::validate::check_value(&value))
}

fn show(d: &Diagnostic) -> String {
    let pointer = if d.pointer.is_empty() {
        "(root)"
    } else {
        &d.pointer
    };
    format!("{} {pointer}: {}", d.code.as_str(), d.message)
}

#[derive(Default)]
struct Count {
    invalid: usize,
    /// Rejected with every listed finding.
    as_listed: usize,
    /// Of those, how many also report errors of codes the row does not list.
    further: usize,
    accepted: usize,
    todo: usize,
}

#[test]
fn corpus_invalid_files_are_rejected_for_their_reason() {
    let Some(entries) = corpus_entries("corpus_invalid_files_are_rejected_for_their_reason") else {
        return;
    };
    let table = load_table();
    let by_path: BTreeMap<&str, &Row> = table.iter().map(|r| (r.path.as_str(), r)).collect();
    let conformance_rs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance.rs"))
            .expect("tests/conformance.rs");

    let mut failures = Vec::new();
    let mut seen = BTreeSet::new();
    let mut counts: BTreeMap<String, Count> = BTreeMap::new();
    // Errors of other codes than a row lists, reported besides its reason.
    let mut also = Vec::new();
    for (name, e) in entries {
        let c = counts.entry(name.clone()).or_default();
        if e.expected != "invalid" {
            continue;
        }
        c.invalid += 1;
        let key = format!("{name}/{}", e.rel);
        seen.insert(key.clone());
        let Some(row) = by_path.get(key.as_str()) else {
            failures.push(format!(
                "{key}: labelled invalid ({}) but has no row in tests/corpus-invalid.txt; add one with the rule code(s) sfn must report",
                if e.note.is_empty() { "no note" } else { &e.note }
            ));
            continue;
        };
        if row.reason.starts_with("TODO-REASON:") {
            c.todo += 1;
        }
        let found = match findings(&e.path) {
            Ok(f) => f,
            Err(err) => {
                failures.push(format!("{key}: does not read: {err}"));
                continue;
            }
        };
        let errors: Vec<&Diagnostic> = found.iter().filter(|d| d.is_error()).collect();
        let reported = || {
            if errors.is_empty() {
                "    (no error)".to_string()
            } else {
                errors
                    .iter()
                    .map(|d| format!("    {}", show(d)))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        };
        match &row.expect {
            Expect::Accepted => {
                let test = row
                    .reason
                    .split("see tests/conformance.rs ")
                    .nth(1)
                    .and_then(|t| t.split_whitespace().next())
                    .unwrap_or("");
                if !conformance_rs.contains(&format!("fn {test}(")) {
                    failures.push(format!(
                        "{key}: the row names the test {test:?}, which tests/conformance.rs does not have"
                    ));
                }
                if errors.is_empty() {
                    c.accepted += 1;
                } else {
                    failures.push(format!(
                        "{key}: listed as deliberately accepted, but sfn rejects it now; update the row (and {test}):\n{}",
                        reported()
                    ));
                }
            }
            Expect::Errors(expected) => {
                let missing: Vec<String> = expected
                    .iter()
                    .filter(|(code, pointer)| {
                        !errors.iter().any(|d| {
                            d.code == *code && pointer.as_ref().is_none_or(|p| *p == d.pointer)
                        })
                    })
                    .map(|(code, pointer)| match pointer {
                        Some(p) => format!("{} {p}", code.as_str()),
                        None => code.as_str().to_string(),
                    })
                    .collect();
                if missing.is_empty() {
                    c.as_listed += 1;
                    let further: Vec<String> = errors
                        .iter()
                        .filter(|d| !expected.iter().any(|(code, _)| *code == d.code))
                        .map(|d| show(d))
                        .collect();
                    if !further.is_empty() {
                        c.further += 1;
                        also.push(format!("  {key}:\n    {}", further.join("\n    ")));
                    }
                } else {
                    failures.push(format!(
                        "{key}: sfn does not report {} (reason: {}); it reports:\n{}",
                        missing.join("; "),
                        row.reason,
                        reported()
                    ));
                }
            }
        }
    }
    for row in &table {
        if !seen.contains(&row.path) {
            failures.push(format!(
                "{}: a row of tests/corpus-invalid.txt, but no MANIFEST labels this file invalid; remove the row",
                row.path
            ));
        }
    }

    println!(
        "{:<40} {:>7} {:>17} {:>15} {:>20} {:>11}",
        "folder",
        "invalid",
        "rejected (listed)",
        "+further errors",
        "accepted (on purpose)",
        "TODO-REASON"
    );
    let mut total = Count::default();
    for (folder, c) in &counts {
        println!(
            "{folder:<40} {:>7} {:>17} {:>15} {:>20} {:>11}",
            c.invalid, c.as_listed, c.further, c.accepted, c.todo
        );
        total.invalid += c.invalid;
        total.as_listed += c.as_listed;
        total.further += c.further;
        total.accepted += c.accepted;
        total.todo += c.todo;
    }
    println!(
        "{:<40} {:>7} {:>17} {:>15} {:>20} {:>11}",
        "total", total.invalid, total.as_listed, total.further, total.accepted, total.todo
    );
    if !also.is_empty() {
        println!(
            "further errors besides the listed reason:\n{}",
            also.join("\n")
        );
    }
    assert!(
        failures.is_empty(),
        "{} problems with the corpus files labelled invalid:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
