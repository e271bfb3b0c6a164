//! The real-world corpus in `../shared/corpus`: every file its MANIFEST labels valid imports,
//! validates and round-trips (export equals the input semantically); the counts per folder and
//! label are printed (`cargo test --test corpus -- --nocapture`).

mod common;

use common::{corpus_entries, read_definition, semantic_diff};
use serde_json::Value;
use sfn::fields::{Field, Kind, Owner};
use std::collections::BTreeMap;

/// How far a labelled-valid file gets.
#[derive(PartialEq, Eq)]
enum Exception {
    /// The file is not an ASL definition AWS would accept at all: it does not import.
    Import,
    /// The file imports and round-trips, but sfn's validator rejects it on purpose.
    Validation,
}

/// Files labelled valid that sfn rejects, each with the reason.
const EXCEPTIONS: &[(&str, Exception, &str)] = &[
    // Not ASL as AWS receives it.
    (
        "sfn-iot-data-analytics-dataset/statemachine/statemachine.asl.json",
        Exception::Import,
        "not JSON (a missing comma at line 10); CreateStateMachine rejects it with INVALID_JSON_DESCRIPTION (https://states-language.net/spec.html: a state machine is represented by a JSON object)",
    ),
    (
        "shared-fallback-state-jsonata/statemachine/statemachine.asl.json",
        Exception::Import,
        "`QueryLanguage` is written inside `States`, where AWS reads it as a state named QueryLanguage whose value is not an object; it belongs at the top level (https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html)",
    ),
    (
        "valid-task-intrisic-function.json",
        Exception::Import,
        "`Resource` is a CloudFormation `Fn::GetAtt` object: CloudFormation resolves it before AWS Step Functions sees the definition; ASL requires a string (https://states-language.net/spec.html#task-state)",
    ),
    (
        "task_retry_reference_exception.json5",
        Exception::Import,
        "`IntervalSeconds`/`MaxAttempts`/`BackoffRate` are strings; ASL requires numbers (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html); the test exercises an error path",
    ),
    (
        "map_item_reader_base_csv_headers_decl.json5",
        Exception::Import,
        "`CSVHeaders` is the placeholder string \"__TBD__\" that the LocalStack test replaces with an array before use; AWS requires an array of strings (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html)",
    ),
    (
        "valid-path-array-context.json",
        Exception::Import,
        "`$[(@.length-1)]` is a script expression, which Jayway JsonPath (the library AWS evaluates paths with) does not support; asl-validator accepts it because it uses another JSONPath library (https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html)",
    ),
    // Deliberate, stricter than the label.
    (
        "base_map_state_machine_choice_fail.json5",
        Exception::Validation,
        "a TestState API fixture: `StartAt` names no state of the machine (\"MapState\" vs \"State0\"), so CreateStateMachine would reject it (https://states-language.net/spec.html#toplevelfields: StartAt MUST exactly match one of the names of the States fields)",
    ),
    (
        "valid-assign.asl.json",
        Exception::Validation,
        "the variable name `top-level` contains `-`; AWS variable names are Unicode identifiers (https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html)",
    ),
    (
        "valid-map-noconfig.asl.json",
        Exception::Validation,
        "`ItemReader` on an inline Map: only a Distributed Map reads items from S3 (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html: inline mode accepts only a JSON array)",
    ),
    (
        "valid-map-tolerated.json",
        Exception::Validation,
        "`ToleratedFailurePercentage`/`Count` on an inline Map: they are Distributed Map fields (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html)",
    ),
    (
        "valid-map-with-item-batcher-jsonata.json",
        Exception::Validation,
        "a JSONPath state inside a machine whose top-level QueryLanguage is JSONata; AWS does not allow JSONPath states then (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html)",
    ),
    (
        "valid-task-credentials.json",
        Exception::Validation,
        "`Credentials` without `RoleArn` (and with other fields): AWS rejects it with SCHEMA_VALIDATION_FAILED \"The field 'RoleArn' is required\" (recorded against AWS by LocalStack, credentials/empty_credentials.json5; https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html)",
    ),
    (
        "task-with-credentials.json",
        Exception::Validation,
        "`Credentials` with `roleArn`: field names are case-sensitive and AWS requires `RoleArn` (https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html)",
    ),
    (
        "lambda_list_functions.json5",
        Exception::Validation,
        "`arn:aws:states:::lambda:listFunctions` is not an optimized integration (only `lambda:invoke` is; the SDK one is `aws-sdk:lambda:listFunctions`); LocalStack's own test for this template is skipped outside AWS as \"Add support for Invalid State Machine Definition errors\" (tests/aws/services/stepfunctions/v2/services/test_lambda_task_service.py::test_list_functions; https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html)",
    ),
];

/// The verdict of sfn on one file: the error findings, and the round-trip difference if any.
fn check(value: &Value) -> (Vec<String>, Option<String>) {
    let is_single_state = value.get("States").is_none() && value.get("Type").is_some();
    if is_single_state {
        let (state, diags) = sfn::import::import_state_lenient(value);
        let errors: Vec<String> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect();
        let diff = state.and_then(|s| {
            let back = serde_json::to_value(&s).expect("serialize");
            semantic_diff(value, &back, "")
        });
        return (errors, diff);
    }
    let diags = sfn::validate::check_value(value);
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    let diff = if errors.is_empty() {
        let m =
            sfn::StateMachine::from_value(value).expect("imports when check_value finds no error");
        let back: Value =
            serde_json::from_str(&sfn::to_json_pretty(&m)).expect("emitted JSON parses");
        semantic_diff(value, &back, "")
    } else {
        None
    };
    (errors, diff)
}

#[derive(Default)]
struct Count {
    files: usize,
    accepted: usize,
    round_trip: usize,
}

#[test]
fn corpus_valid_files_import_validate_and_round_trip() {
    let Some(entries) = corpus_entries("corpus_valid_files_import_validate_and_round_trip") else {
        return;
    };

    let mut failures = Vec::new();
    let mut table: BTreeMap<(String, String), Count> = BTreeMap::new();
    let mut valid_total = 0;
    let mut valid_ok = 0;
    for (name, e) in entries {
        let c = table.entry((name.clone(), e.expected.clone())).or_default();
        c.files += 1;
        if e.expected == "template" {
            continue;
        }
        let labelled_valid = e.expected.starts_with("valid");
        let exception = EXCEPTIONS
            .iter()
            .find(|(p, _, _)| e.rel.ends_with(p))
            .map(|(_, kind, _)| kind);
        let value = match read_definition(&e.path) {
            Ok(v) => v,
            Err(err) => {
                if labelled_valid && exception.is_none() {
                    failures.push(format!("{name}/{}: does not parse: {err}", e.rel));
                }
                continue;
            }
        };
        let (errors, diff) = check(&value);
        if errors.is_empty() {
            c.accepted += 1;
            if diff.is_none() {
                c.round_trip += 1;
            }
        }
        if !labelled_valid {
            continue;
        }
        valid_total += 1;
        if exception == Some(&Exception::Import) {
            continue;
        }
        if exception == Some(&Exception::Validation) {
            // Must still import losslessly.
            match sfn::import::import_lenient(&value) {
                (Some(m), d) if !d.iter().any(|d| d.is_error()) => {
                    let back: Value = serde_json::from_str(&sfn::to_json_pretty(&m))
                        .expect("emitted JSON parses");
                    if let Some(d) = semantic_diff(&value, &back, "") {
                        failures.push(format!("{name}/{}: round trip differs at {d}", e.rel));
                    }
                }
                (_, d) => failures.push(format!(
                    "{name}/{}: listed as a validation exception but does not import:\n    {}",
                    e.rel,
                    d.iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join("\n    ")
                )),
            }
            if errors.is_empty() {
                failures.push(format!(
                    "{name}/{}: listed as an exception but now accepted; remove it from EXCEPTIONS",
                    e.rel
                ));
            }
            continue;
        }
        if !errors.is_empty() {
            failures.push(format!(
                "{name}/{}: rejected:\n    {}",
                e.rel,
                errors.join("\n    ")
            ));
        } else if let Some(d) = diff {
            failures.push(format!("{name}/{}: round trip differs at {d}", e.rel));
        } else {
            valid_ok += 1;
        }
    }
    println!(
        "{:<40} {:<26} {:>5} {:>9} {:>10}",
        "folder", "label", "files", "accepted", "round-trip"
    );
    for ((folder, label), c) in &table {
        println!(
            "{folder:<40} {label:<26} {:>5} {:>9} {:>10}",
            c.files, c.accepted, c.round_trip
        );
    }
    println!(
        "labelled valid: {valid_ok}/{valid_total} accepted and round-tripped; {} listed exceptions:",
        EXCEPTIONS.len()
    );
    for (path, kind, why) in EXCEPTIONS {
        let kind = if *kind == Exception::Import {
            "not imported"
        } else {
            "imported, rejected by a rule"
        };
        println!("  {path} ({kind}): {why}");
    }
    assert!(
        failures.is_empty(),
        "{} corpus files labelled valid fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// What the `Value` path makes of a file: `parse_document`, then `check_and_import` of the
/// `serde_json::Value`, the machine written back as JSON.
fn strict_verdict(bytes: &[u8]) -> (Vec<sfn::Diagnostic>, Option<String>) {
    match sfn::json::parse_document(bytes, &sfn::json::Limits::default()) {
        Ok(value) => {
            let (findings, machine) = sfn::validate::check_and_import(&value);
            (findings, machine.map(|m| sfn::to_json_pretty(&m)))
        }
        // The reader's finding has a span, which `bytes_verdict` checks and drops.
        Err(d) => (vec![sfn::Diagnostic { span: None, ..d }], None),
    }
}

/// What `sfn validate` makes of the same bytes: `check_json`, which reads them into a tree that
/// keeps spans and imports that. Every finding has a span: a non-empty range of the bytes
/// (empty only at their end), or the finding is refused; the spans are then dropped, as the
/// `Value` path has none to compare with.
fn bytes_verdict(bytes: &[u8]) -> (Vec<sfn::Diagnostic>, Option<String>) {
    let (mut findings, machine) = sfn::validate::check_json(bytes, &sfn::json::Limits::default());
    for d in &mut findings {
        let located = match &d.span {
            Some(span) => {
                span.bytes.start <= span.bytes.end
                    && span.bytes.end <= bytes.len()
                    && (span.bytes.start < span.bytes.end || span.bytes.end == bytes.len())
                    && span.found <= d.pointer.len()
            }
            // Only the reader's findings about the whole file have no place.
            None => d.code == sfn::Code::InvalidJson && d.pointer.is_empty(),
        };
        if !located {
            d.message = format!("BAD SPAN {:?}: {}", d.span, d.message);
        }
        d.span = None;
    }
    (findings, machine.map(|m| sfn::to_json_pretty(&m)))
}

/// Variants of a file that take the readers down their rarer branches: cut short, a key
/// repeated at the top and inside, escapes, a deeper nesting, compact and with a BOM.
fn variants(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![("as is".to_string(), bytes.to_vec())];
    for cut in [
        bytes.len() / 3,
        bytes.len() / 2,
        bytes.len().saturating_sub(2),
    ] {
        out.push((format!("cut at byte {cut}"), bytes[..cut].to_vec()));
    }
    let text = String::from_utf8_lossy(bytes);
    if let Some(at) = text.find('{') {
        let mut t = text.to_string();
        t.insert_str(at + 1, r#""StartAt": "Repeated", "#);
        out.push(("StartAt repeated".into(), t.into_bytes()));
    }
    if let Some(at) = text.find(r#""Type""#) {
        let mut t = text.to_string();
        t.insert_str(at, r#""Type": "Pass", "#);
        out.push(("Type repeated".into(), t.into_bytes()));
        let mut t = text.to_string();
        t.insert_str(
            at,
            r#""Comment": "tab\t, \u00e9, \ud83d\ude00 and \"quotes\"", "#,
        );
        out.push(("escaped comment".into(), t.into_bytes()));
        let mut t = text.to_string();
        t.insert_str(at, r#""Comment": "lone \udc00", "#);
        out.push(("lone surrogate".into(), t.into_bytes()));
        let mut t = text.to_string();
        t.insert_str(
            at,
            r#""Parameters": {"n": 123456789012345678901234567890, "f": -1.5e-300, "z": -0}, "#,
        );
        out.push(("big numbers".into(), t.into_bytes()));
    }
    if let Ok(value) = serde_json::from_slice::<Value>(bytes) {
        out.push((
            "compact".into(),
            serde_json::to_vec(&value).expect("writes"),
        ));
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(bytes);
        out.push(("with a BOM".into(), with_bom));
    }
    out
}

/// `sfn validate` reads the bytes of a file into a tree of its own, which keeps spans; every
/// corpus file, and variants of each, must give the same findings and the same machine as
/// importing the `serde_json::Value` of the same file, and every finding must have a span.
#[test]
fn reading_bytes_agrees_with_importing_a_value_on_the_corpus() {
    let Some(entries) = corpus_entries("reading_bytes_agrees_with_importing_a_value_on_the_corpus")
    else {
        return;
    };
    let mut compared = 0;
    let mut failures = Vec::new();
    for (_, e) in entries {
        let bytes = if e.path.extension().is_some_and(|x| x == "json5") {
            match read_definition(&e.path) {
                Ok(v) => serde_json::to_vec_pretty(&v).expect("writes"),
                Err(_) => continue,
            }
        } else {
            std::fs::read(&e.path).expect("corpus file reads")
        };
        for (what, bytes) in variants(&bytes) {
            compared += 1;
            let strict = strict_verdict(&bytes);
            let fast = bytes_verdict(&bytes);
            if strict != fast {
                failures.push(format!(
                    "{} ({what}):\n  value: {:?}\n  bytes: {:?}",
                    e.path.display(),
                    strict.0.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
                    fast.0.iter().map(|d| d.to_string()).collect::<Vec<_>>()
                ));
            }
        }
    }
    println!("{compared} files and variants read both ways");
    assert!(compared > 3000, "only {compared} files compared");
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Where `value`, an object of kind `owner` written by `to_json_pretty`, breaks the field table:
/// a key that is not a field of `owner` (a Choice rule's operators aside), or keys out of the
/// table's order. Payloads are not looked into.
fn field_table_breaks(value: &Value, owner: Owner, at: &str, out: &mut Vec<String>) {
    let Some(map) = value.as_object() else {
        return;
    };
    let mut last: Option<Field> = None;
    for (key, child) in map {
        let here = format!("{at}/{key}");
        let Some(field) = Field::from_name(key) else {
            if !(owner == Owner::ChoiceRule && sfn::model::Operator::from_name(key).is_some()) {
                out.push(format!("{here}: not a field of the table"));
            }
            continue;
        };
        if !field.owners().contains(owner) {
            out.push(format!("{here}: not a field of a {}", owner.name()));
        }
        if last.is_some_and(|l| l > field) {
            out.push(format!(
                "{here}: after {:?}, against the table's order",
                last
            ));
        }
        last = Some(field);
        match field.kind() {
            Kind::Object(o) => field_table_breaks(child, o, &here, out),
            Kind::List(o) => {
                for (i, item) in child.as_array().into_iter().flatten().enumerate() {
                    field_table_breaks(item, o, &format!("{here}/{i}"), out);
                }
            }
            Kind::States => {
                for (name, state) in child.as_object().into_iter().flatten() {
                    let ty = state["Type"].as_str().and_then(Owner::state_type);
                    match ty {
                        Some(ty) => field_table_breaks(state, ty, &format!("{here}/{name}"), out),
                        None => out.push(format!("{here}/{name}: no state type")),
                    }
                }
            }
            _ => {}
        }
    }
}

/// `to_json_pretty` writes every object with the fields the field table gives it, in the
/// table's order: checked on every corpus definition that imports.
#[test]
fn emitted_json_follows_the_field_table() {
    let Some(entries) = corpus_entries("emitted_json_follows_the_field_table") else {
        return;
    };
    let (mut checked, mut failures) = (0, Vec::new());
    for (_, e) in entries {
        let Ok(value) = read_definition(&e.path) else {
            continue;
        };
        let Ok(machine) = sfn::StateMachine::from_value(&value) else {
            continue;
        };
        let back: Value =
            serde_json::from_str(&sfn::to_json_pretty(&machine)).expect("emitted JSON parses");
        let mut breaks = Vec::new();
        field_table_breaks(&back, Owner::Machine, "", &mut breaks);
        checked += 1;
        if !breaks.is_empty() {
            failures.push(format!("{}:\n  {}", e.rel, breaks.join("\n  ")));
        }
    }
    println!("{checked} definitions checked against the field table");
    assert!(checked > 400, "only {checked} definitions imported");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
