//! `sfn import` (`sfn_codegen::rustgen`): the generated code compiles and rebuilds the machine.
//!
//! `builder_code_rebuilds_every_machine` generates builder code for the fixtures in
//! `tests/import_fixtures/`, every seed machine and a deterministic sample of the corpus
//! (`SFN_IMPORT_SAMPLE=all` or `=<count>` to change its size), writes one Cargo project named
//! `import-rust` in Cargo's `CARGO_TARGET_TMPDIR` that calls every generated function, runs it
//! with `cargo run` (sharing this workspace's target directory, so only the generated code is compiled, and only
//! when it changed) and compares each printed machine with its input (numbers by value, key
//! order free). `import_fixtures/invalid/build-errors.json` checks that what `build()` rejects
//! stays rejected; `invalid/inexpressible.json` that what the builder cannot write becomes a
//! `compile_error!`.
//!
//! The `--style macro` output is snapshot-tested; `SFN_IMPORT_MACRO=1` also compiles it in the
//! same project and compares what `sfn::workflow!` builds. Update the snapshots with
//! `INSTA_UPDATE=always cargo test -p sfn-codegen --test import_rust`.

mod common;

use common::{manifest, read_definition, read_json, seeds, semantic_diff, shared_dir};
use serde_json::Value;
use sfn_codegen::rustgen::{
    Identifiers, identifier, string_literal, to_rust_builder, to_rust_macro,
};
use sfn_dsl::model::StateMachine;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The hand-written machines that exercise every field and the escaping.
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/import_fixtures");

/// How many corpus files the default run rebuilds: those that add field coverage first, then
/// an even spread over the folders.
const DEFAULT_SAMPLE: usize = 60;

/// One machine to rebuild.
struct Case {
    /// Where it comes from (for messages).
    label: String,
    /// The definition as read.
    input: Value,
    /// The generated function's name.
    fn_name: String,
    /// For an invalid definition: the rule codes `build()` must report (sorted).
    errors: &'static [&'static str],
}

fn fixtures() -> Vec<(String, PathBuf)> {
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(FIXTURES)
        .expect("tests/import_fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    files.sort();
    files
}

fn import(label: &str, value: &Value) -> StateMachine {
    StateMachine::from_value(value).unwrap_or_else(|e| panic!("{label} does not import: {e}"))
}

// ---------------------------------------------------------------------------------------------
// Identifiers and string literals
// ---------------------------------------------------------------------------------------------

#[test]
fn identifiers_are_snake_case_valid_and_unique() {
    assert_eq!(identifier("Submit Job"), "submit_job");
    assert_eq!(identifier("Job Complete?"), "job_complete");
    assert_eq!(
        identifier("DescribePipelineExecution"),
        "describe_pipeline_execution"
    );
    assert_eq!(identifier("getHTTPStatus"), "get_http_status");
    assert_eq!(
        identifier("SNS Publish - Send Success"),
        "sns_publish_send_success"
    );
    // Keywords, including the edition-2024 `gen`.
    assert_eq!(identifier("type"), "type_");
    assert_eq!(identifier("match"), "match_");
    assert_eq!(identifier("Match"), "match_");
    assert_eq!(identifier("gen"), "gen_");
    assert_eq!(identifier("self"), "self_");
    // Names clippy's `disallowed_names` rejects.
    assert_eq!(identifier("foo"), "foo_");
    // Leading digits.
    assert_eq!(identifier("1st step"), "state_1st_step");
    assert_eq!(identifier("42"), "state_42");
    // Unicode: accents are dropped, other scripts give a neutral name.
    assert_eq!(identifier("Résumé über"), "resume_uber");
    assert_eq!(identifier("Straße"), "strasse");
    assert_eq!(identifier("注文を処理"), "state");
    assert_eq!(identifier("注文 2"), "state_2");
    assert_eq!(identifier("\"quoted\" {braces}"), "quoted_braces");

    let mut ids = Identifiers::new(["m", "b", "p"]);
    assert_eq!(ids.fresh("Submit Job"), "submit_job");
    assert_eq!(ids.fresh("submit-job"), "submit_job_2");
    assert_eq!(ids.fresh("SubmitJob"), "submit_job_3");
    assert_eq!(ids.fresh("m"), "m_2");
    assert_eq!(ids.fresh("注文"), "state");
    assert_eq!(ids.fresh("確認"), "state_2");
    assert_eq!(ids.fresh("state 2"), "state_2_2");
    for name in ["type", "fn", "1", "", "é", "a b", "_"] {
        let id = ids.fresh(name);
        assert!(
            id.starts_with(|c: char| c.is_ascii_lowercase())
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{name:?} → {id:?}"
        );
    }
}

#[test]
fn string_literals_escape_what_they_must() {
    assert_eq!(string_literal("plain"), r#""plain""#);
    // Braces are never escaped: generated code does not go through `format!`.
    assert_eq!(
        string_literal("Hello {} {{x}} {0}"),
        r#""Hello {} {{x}} {0}""#
    );
    // Quotes and backslashes: a raw string with as many `#` as needed.
    assert_eq!(string_literal(r#"say "hi""#), r##"r#"say "hi""#"##);
    assert_eq!(string_literal(r"C:\path"), r#"r"C:\path""#);
    assert_eq!(string_literal(r##"a"#b"##), r###"r##"a"#b"##"###);
    // Control characters: escapes (and then quotes and backslashes escaped too).
    assert_eq!(string_literal("a\nb\t\"c\"\\"), r#""a\nb\t\"c\"\\""#);
    assert_eq!(string_literal("nul\0 \u{1}"), r#""nul\0 \u{1}""#);
    // Unicode stays readable; invisible and bidi characters are escaped.
    assert_eq!(string_literal("注文 — ✓ é"), "\"注文 — ✓ é\"");
    assert_eq!(
        string_literal("a\u{202E}b\u{200B}"),
        r#""a\u{202e}b\u{200b}""#
    );
}

#[test]
fn inexpressible_definitions_become_compile_errors() {
    let path = Path::new(FIXTURES).join("invalid/inexpressible.json");
    let m = import("inexpressible", &read_json(&path).unwrap());
    let code = to_rust_builder(&m, "inexpressible");
    for expected in [
        r#"m.start_at(compile_error!("#,
        r#"sfn import: "Missing" is not a state of this scope"#,
        r#"Pass::new().next(compile_error!("#,
        r#"sfn import: "Nowhere" is not a state of this scope"#,
        "sfn import: the operand 5 of `StringEquals` has the wrong type",
        r#"sfn import: the operand "yes" of `BooleanEquals` has the wrong type"#,
        "sfn import: the operand 1 of `StringEqualsPath` has the wrong type",
        r#"// NOTE: "Gone" is not a state of this scope"#,
    ] {
        assert!(code.contains(expected), "{expected:?} not in:\n{code}");
    }
    // An empty machine (which does not import, but can be constructed) gives code too.
    let empty = StateMachine {
        comment: None,
        query_language: None,
        start_at: "A".into(),
        timeout_seconds: None,
        version: None,
        states: sfn_dsl::model::States::new(),
    };
    let code = to_rust_builder(&empty, "empty");
    assert!(
        code.contains("let mut m = StateMachine::builder();\n\n    m.build()\n"),
        "{code}"
    );
}

// ---------------------------------------------------------------------------------------------
// Snapshots
// ---------------------------------------------------------------------------------------------

#[test]
fn snapshots_of_fixtures() {
    for (name, path) in fixtures() {
        let m = import(&name, &read_json(&path).unwrap());
        insta::assert_snapshot!(format!("builder-{name}"), to_rust_builder(&m, &name));
        insta::assert_snapshot!(format!("macro-{name}"), to_rust_macro(&m, &name));
    }
}

#[test]
fn snapshots_of_seeds() {
    let Some(shared) = shared_dir("import_rust::snapshots_of_seeds") else {
        return;
    };
    for (name, path) in seeds(&shared) {
        let m = import(&name, &read_json(&path).unwrap());
        insta::assert_snapshot!(format!("builder-{name}"), to_rust_builder(&m, &name));
        insta::assert_snapshot!(format!("macro-{name}"), to_rust_macro(&m, &name));
    }
}

// ---------------------------------------------------------------------------------------------
// Compile and run the generated code
// ---------------------------------------------------------------------------------------------

/// `Type.Field` for every field of every state, `QueryLanguage.JSONata`, and the rule kinds of
/// Choice states: what a sample should cover.
fn features(value: &Value) -> BTreeSet<String> {
    fn scope(states: &Value, out: &mut BTreeSet<String>) {
        let Some(map) = states.as_object() else {
            return;
        };
        for state in map.values() {
            let Some(obj) = state.as_object() else {
                continue;
            };
            let ty = obj.get("Type").and_then(Value::as_str).unwrap_or("?");
            for (k, v) in obj {
                out.insert(format!("{ty}.{k}"));
                if k == "QueryLanguage" {
                    out.insert(format!("QueryLanguage.{}", v.as_str().unwrap_or("?")));
                }
            }
            for rule in obj
                .get("Choices")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                for k in rule.as_object().into_iter().flatten().map(|(k, _)| k) {
                    out.insert(format!("Choices.{k}"));
                }
            }
            for b in obj
                .get("Branches")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                scope(&b["States"], out);
            }
            for p in ["ItemProcessor", "Iterator"] {
                if let Some(p) = obj.get(p) {
                    scope(&p["States"], out);
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    if let Some(ql) = value.get("QueryLanguage").and_then(Value::as_str) {
        out.insert(format!("QueryLanguage.{ql}"));
    }
    scope(&value["States"], &mut out);
    out
}

/// The corpus files sfn can rebuild: labelled valid, a definition (not a single state), no
/// validation error, and lossless import (export equals the input). Sorted by folder and path.
fn eligible_corpus(shared: &Path) -> Vec<(String, Value)> {
    let corpus = shared.join("corpus");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .expect("corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("MANIFEST.txt").is_file())
        .collect();
    folders.sort();
    let mut out = Vec::new();
    for folder in folders {
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        let mut rows = manifest(&folder);
        rows.sort_by(|a, b| a.path.cmp(&b.path));
        for entry in rows {
            let (path, expected) = (entry.path, entry.expected);
            if expected != "valid" && expected != "valid-after-substitution" {
                continue;
            }
            let Ok(value) = read_definition(&path) else {
                continue;
            };
            if value.get("States").is_none()
                || sfn_dsl::validate::check_value(&value)
                    .iter()
                    .any(|d| d.is_error())
            {
                continue;
            }
            let Ok(m) = StateMachine::from_value(&value) else {
                continue;
            };
            let back = serde_json::to_value(&m).unwrap();
            if semantic_diff(&value, &back, "").is_some() {
                continue;
            }
            let rel = path.strip_prefix(&folder).unwrap().display().to_string();
            out.push((format!("{name}/{rel}"), value));
        }
    }
    out
}

/// A deterministic sample: first every file that covers a feature no earlier pick covers
/// (in folder order), then files evenly spread over each folder, in proportion to its size,
/// up to `size` picks in all. `None` takes everything.
fn sample(eligible: &[(String, Value)], size: Option<usize>) -> Vec<usize> {
    let Some(size) = size else {
        return (0..eligible.len()).collect();
    };
    let mut picked = BTreeSet::new();
    let mut covered = BTreeSet::new();
    for (i, (_, value)) in eligible.iter().enumerate() {
        let f = features(value);
        if !f.is_subset(&covered) {
            covered.extend(f);
            picked.insert(i);
        }
    }
    let mut by_folder: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (label, _)) in eligible.iter().enumerate() {
        by_folder
            .entry(label.split('/').next().unwrap())
            .or_default()
            .push(i);
    }
    let remaining = size.saturating_sub(picked.len());
    for files in by_folder.values() {
        let quota = (remaining * files.len())
            .div_ceil(eligible.len())
            .min(files.len());
        for k in 0..quota {
            picked.insert(files[k * files.len() / quota]);
        }
    }
    picked.into_iter().collect()
}

fn sample_size() -> Option<usize> {
    match std::env::var("SFN_IMPORT_SAMPLE").as_deref() {
        Ok("all") => None,
        Ok(n) => Some(n.parse().expect("SFN_IMPORT_SAMPLE is `all` or a number")),
        Err(_) => Some(DEFAULT_SAMPLE),
    }
}

/// One function the generated project calls: the index of its case and the style.
type Call = (usize, &'static str);

/// The generated project's files (relative path, content), and the functions it calls, in
/// order.
fn project(
    cases: &[Case],
    codes: &[String],
    with_macro: bool,
) -> (Vec<(String, String)>, Vec<Call>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let cargo_toml = format!(
        r#"[package]
name = "sfn-import-rust-check"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
# `sfn` alone, which turns on no serde_json feature: the generated code keeps key order and
# reads numbers exactly without `preserve_order` and `float_roundtrip`.
sfn = {{ path = {root:?} }}

[workspace]
"#,
        root = root.display().to_string()
    );
    let mut files = vec![("Cargo.toml".to_string(), cargo_toml)];
    if let Ok(lock) = std::fs::read_to_string(root.join("Cargo.lock")) {
        files.push(("Cargo.lock".to_string(), lock));
    }
    let mut main = String::from(
        "//! Generated by sfn-codegen's `import_rust` test: builds every imported machine and\n\
         //! prints its JSON. `workflow!` shows its lints (SFN041 on a placeholder `Resource`, …)\n\
         //! as deprecation warnings: they are the definitions' own, not the generated code's.\n\
         #![deny(warnings)]\n#![allow(deprecated)]\n\n",
    );
    let mut calls = String::new();
    let mut order = Vec::new();
    for (i, (case, code)) in cases.iter().zip(codes).enumerate() {
        main.push_str(&format!("mod c{i:03};\n"));
        let mut module = code.clone();
        // The generator shortens long names: take the one it wrote.
        let name = code
            .split_once("pub fn ")
            .and_then(|(_, rest)| rest.split_once('('))
            .map(|(name, _)| name)
            .expect("a function");
        calls.push_str(&format!("        c{i:03}::{name},\n"));
        order.push((i, "builder"));
        // An invalid definition does not compile with `workflow!`, by design.
        if with_macro && case.errors.is_empty() {
            let m = import(&case.label, &case.input);
            let macro_name = format!("macro_{i:03}");
            module.push('\n');
            module.push_str(&to_rust_macro(&m, &macro_name));
            module.push_str(&format!(
                "\npub fn {macro_name}_ok() -> Result<sfn::StateMachine, sfn::Diagnostics> {{\n    Ok({macro_name}())\n}}\n"
            ));
            calls.push_str(&format!("        c{i:03}::{macro_name}_ok,\n"));
            order.push((i, "macro"));
        }
        files.push((format!("src/c{i:03}.rs"), module));
    }
    let id = project_id(&files);
    main.push_str(&format!(
        "\ntype Build = fn() -> Result<sfn::StateMachine, sfn::Diagnostics>;\n\nfn main() {{\n    println!(\"@@id {id}\");\n    let cases: &[Build] = &[\n{calls}    ];\n    for (i, case) in cases.iter().enumerate() {{\n        match case() {{\n            Ok(m) => print!(\"@@case {{i}} ok\\n{{}}\", sfn::to_json_pretty(&m)),\n            Err(e) => print!(\"@@case {{i}} err\\n{{e}}\\n\"),\n        }}\n    }}\n}}\n"
    ));
    files.push(("src/main.rs".to_string(), main));
    (files, order)
}

/// Writes the project into one fixed folder (files rewritten only when their bytes change, so
/// that a second run compiles nothing), runs it and returns what each function printed.
fn run_project(files: &[(String, String)]) -> Vec<(bool, String)> {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.join("import-rust");
    let src = dir.join("src");
    if let Ok(entries) = std::fs::read_dir(&src) {
        for entry in entries.filter_map(Result::ok) {
            let rel = format!("src/{}", entry.file_name().to_string_lossy());
            if !files.iter().any(|(r, _)| *r == rel) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    for (rel, content) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        if std::fs::read_to_string(&path).ok().as_deref() != Some(content.as_str()) {
            std::fs::write(&path, content).unwrap();
        }
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.parent().unwrap().to_path_buf());
    let mut run = Command::new(env!("CARGO"));
    run.args(["run", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target);
    let what = format!("the generated project in {}", dir.display());
    let stdout = sfn_test_support::stdout_of(run, &what);
    let mut chunks = stdout.split("@@case ");
    let id = chunks.next().unwrap_or_default();
    assert_eq!(
        id.trim(),
        format!("@@id {}", project_id(files)),
        "a stale binary ran"
    );
    chunks
        .map(|chunk| {
            let (head, body) = chunk.split_once('\n').unwrap_or((chunk, ""));
            (head.ends_with(" ok"), body.to_string())
        })
        .collect()
}

/// The fields whose value is literal JSON or a payload template, where the generated code must
/// keep the author's member order (the other fields of a state are written in ASL's order).
const LITERAL_FIELDS: [&str; 9] = [
    "Result",
    "Parameters",
    "Arguments",
    "ItemSelector",
    "ResultSelector",
    "Output",
    "Assign",
    "Credentials",
    "BatchInput",
];

/// Where `built` orders the members of an object inside a [`LITERAL_FIELDS`] value otherwise
/// than `input` (`inside`: `at` is in such a value). Run after `semantic_diff`, which found the
/// same members: this proves the order survives without serde_json's `preserve_order` in the
/// generated project (this test's own `Value`s keep it).
fn literal_order_diff(input: &Value, built: &Value, at: &str, inside: bool) -> Option<String> {
    match (input, built) {
        (Value::Object(x), Value::Object(y)) => {
            if inside && !x.keys().eq(y.keys()) {
                let keys =
                    |m: &serde_json::Map<String, Value>| m.keys().cloned().collect::<Vec<_>>();
                return Some(format!(
                    "{at}: members in the order {:?}, not {:?}",
                    keys(y),
                    keys(x)
                ));
            }
            // Under `States` a key names a state, not a field.
            let state_names = at.ends_with("/States");
            x.iter().find_map(|(k, v)| {
                let inside = inside || (!state_names && LITERAL_FIELDS.contains(&k.as_str()));
                literal_order_diff(v, y.get(k)?, &format!("{at}/{k}"), inside)
            })
        }
        (Value::Array(x), Value::Array(y)) => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| literal_order_diff(v, w, &format!("{at}/{i}"), inside)),
        _ => None,
    }
}

#[test]
fn literal_order_diff_sees_literals_only() {
    use serde_json::json;
    // A state named like a literal field, its fields in another order: not a literal.
    let input = json!({"States": {"Result": {"Type": "Pass", "Result": {"b": 1, "a": [{"d": 0, "c": 0}]}}}});
    let same = json!({"States": {"Result": {"Result": {"b": 1, "a": [{"d": 0, "c": 0}]}, "Type": "Pass"}}});
    assert_eq!(literal_order_diff(&input, &same, "", false), None);
    let sorted = json!({"States": {"Result": {"Type": "Pass", "Result": {"b": 1, "a": [{"c": 0, "d": 0}]}}}});
    assert_eq!(
        literal_order_diff(&input, &sorted, "", false).as_deref(),
        Some(r#"/States/Result/Result/a/0: members in the order ["c", "d"], not ["d", "c"]"#)
    );
}

/// A hash of the project's sources other than `main.rs`, which prints it first: proof that
/// the binary that ran was built from these sources.
fn project_id(files: &[(String, String)]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for (rel, content) in files.iter().filter(|(r, _)| r != "src/main.rs") {
        (rel, content).hash(&mut hasher);
    }
    format!("{:016x}", hasher.finish())
}

#[test]
fn builder_code_rebuilds_every_machine() {
    let mut cases = Vec::new();
    let add = |label: String, input: Value, cases: &mut Vec<Case>| {
        let stem = label.rsplit('/').next().unwrap_or(&label);
        let stem = stem.trim_end_matches(".json5").trim_end_matches(".json");
        let fn_name = format!("{}_{}", identifier(stem), cases.len());
        cases.push(Case {
            label,
            input,
            fn_name,
            errors: &[],
        });
    };
    for (name, path) in fixtures() {
        add(
            format!("fixture {name}"),
            read_json(&path).unwrap(),
            &mut cases,
        );
    }
    // What the builder takes but `build()` rejects stays rejected.
    let invalid = Path::new(FIXTURES).join("invalid/build-errors.json");
    add(
        "invalid build-errors".into(),
        read_json(&invalid).unwrap(),
        &mut cases,
    );
    cases.last_mut().unwrap().errors = &["SFN026", "SFN028"];
    let mut corpus_counts = None;
    match shared_dir("import_rust::builder_code_rebuilds_every_machine (seeds and corpus)") {
        None => {}
        Some(shared) => {
            for (name, path) in seeds(&shared) {
                add(
                    format!("seed {name}"),
                    read_json(&path).unwrap(),
                    &mut cases,
                );
            }
            let eligible = eligible_corpus(&shared);
            let picks = sample(&eligible, sample_size());
            corpus_counts = Some((picks.len(), eligible.len()));
            let mut covered = BTreeSet::new();
            for i in picks {
                let (label, value) = &eligible[i];
                covered.extend(features(value));
                add(format!("corpus {label}"), value.clone(), &mut cases);
            }
            for needed in [
                "Parallel.Branches",
                "Map.ItemProcessor",
                "Map.Iterator",
                "Map.ItemReader",
                "Choices.And",
                "Choices.Condition",
                "Task.Catch",
                "Task.Assign",
                "QueryLanguage.JSONata",
            ] {
                assert!(covered.contains(needed), "the sample has no {needed}");
            }
        }
    }
    let with_macro = std::env::var("SFN_IMPORT_MACRO").as_deref() == Ok("1");
    let codes: Vec<String> = cases
        .iter()
        .map(|c| to_rust_builder(&import(&c.label, &c.input), &c.fn_name))
        .collect();
    let (files, order) = project(&cases, &codes, with_macro);
    let results = run_project(&files);
    assert_eq!(results.len(), order.len(), "one output per function");

    let mut failures = Vec::new();
    for ((ok, body), &(index, style)) in results.iter().zip(&order) {
        let case = &cases[index];
        if !case.errors.is_empty() {
            let mut found: Vec<&str> = body
                .match_indices("SFN0")
                .map(|(i, _)| &body[i..i + 6])
                .collect();
            found.sort_unstable();
            if *ok || found != case.errors {
                failures.push(format!(
                    "{} ({style}): expected build() to report {:?}, got:\n{body}",
                    case.label, case.errors
                ));
            }
            continue;
        }
        if !ok {
            failures.push(format!("{} ({style}): build() failed:\n{body}", case.label));
            continue;
        }
        let back: Value = serde_json::from_str(body).expect("printed JSON parses");
        let diff = semantic_diff(&case.input, &back, "")
            .or_else(|| literal_order_diff(&case.input, &back, "", false));
        if let Some(diff) = diff {
            failures.push(format!("{} ({style}): {diff}", case.label));
        }
    }
    if let Some((sampled, eligible)) = corpus_counts {
        eprintln!(
            "import_rust: {} machines rebuilt ({} fixtures and seeds, {sampled} of {eligible} eligible corpus files), {} failed",
            cases.len(),
            cases.len() - sampled,
            failures.len()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
