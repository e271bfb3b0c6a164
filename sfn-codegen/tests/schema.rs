//! The JSON Schema of `sfn schema` against the importer: it is a valid draft 2020-12 schema, it
//! accepts every seed and every corpus file labelled valid, it never rejects a definition the
//! importer accepts, and it rejects the structural mistakes the importer rejects.

mod common;

use serde_json::{Value, json};
use sfn_dsl::rules::Code;

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&sfn_codegen::schema::schema_json()).unwrap();
    jsonschema::draft202012::new(&schema).expect("the schema compiles")
}

/// The schema's findings (empty when valid), one line each.
fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn schema_is_a_valid_draft_2020_12_schema_with_id_and_title() {
    let schema: Value = serde_json::from_str(&sfn_codegen::schema::schema_json()).unwrap();
    assert!(jsonschema::meta::is_valid(&schema));
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["$id"], sfn_codegen::schema::SCHEMA_ID);
    assert!(schema["title"].as_str().unwrap().contains("Step Functions"));
    // Deterministic, and every change shows up for review.
    assert_eq!(
        sfn_codegen::schema::schema_json(),
        sfn_codegen::schema::schema_json()
    );
    insta::assert_snapshot!("schema", sfn_codegen::schema::schema_json());
}

#[test]
fn every_seed_matches_the_schema() {
    let Some(shared) = common::shared_dir("every_seed_matches_the_schema") else {
        return;
    };
    let v = validator();
    for (name, path) in common::seeds(&shared) {
        let value = common::read_json(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let errs = errors(&v, &value);
        assert!(errs.is_empty(), "{name}:\n{}", errs.join("\n"));
    }
}

/// Labelled valid, but not a definition the importer (and so the schema) accepts; the same
/// files are exceptions in the workspace's corpus test.
const NOT_IMPORTABLE: &[(&str, &str)] = &[
    (
        "sfn-iot-data-analytics-dataset/statemachine/statemachine.asl.json",
        "not JSON (a missing comma)",
    ),
    (
        "shared-fallback-state-jsonata/statemachine/statemachine.asl.json",
        "`QueryLanguage` written inside `States`",
    ),
];

#[test]
fn every_valid_workflow_collection_file_matches_the_schema() {
    let Some(shared) =
        common::shared_dir("every_valid_workflow_collection_file_matches_the_schema")
    else {
        return;
    };
    let dir = shared.join("corpus/step-functions-workflows-collection");
    let v = validator();
    let (mut checked, mut failures) = (0, Vec::new());
    for entry in common::manifest(&dir) {
        if entry.expected != "valid" {
            continue;
        }
        let (path, rel) = (entry.path, entry.rel);
        if NOT_IMPORTABLE.iter().any(|(p, _)| *p == rel) {
            continue;
        }
        let value = common::read_json(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
        checked += 1;
        let errs = errors(&v, &value);
        if !errs.is_empty() {
            failures.push(format!("{rel}:\n  {}", errs.join("\n  ")));
        }
    }
    assert!(checked >= 50, "only {checked} files checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every definition of the corpus: the schema never rejects what the importer accepts, and where
/// the importer alone rejects, the reason is one JSON Schema cannot express (the grammar of
/// paths, intrinsics and JSONata; `Key` and `Key.$` both present).
#[test]
fn schema_agrees_with_the_importer_on_the_whole_corpus() {
    let Some(shared) = common::shared_dir("schema_agrees_with_the_importer_on_the_whole_corpus")
    else {
        return;
    };
    let v = validator();
    let beyond_schema = [
        Code::InvalidPath,
        Code::InvalidIntrinsic,
        Code::InvalidJsonata,
        Code::DuplicateKey,
    ];
    let (mut agree, mut problems) = (0, Vec::new());
    for folder in std::fs::read_dir(shared.join("corpus")).unwrap() {
        let folder = folder.unwrap().path();
        if !folder.join("MANIFEST.txt").is_file() {
            continue;
        }
        for entry in common::manifest(&folder) {
            let path = entry.path;
            let Ok(value) = common::read_definition(&path) else {
                continue;
            };
            if value.get("States").is_none() {
                continue; // a single state or a fragment
            }
            let imported = sfn_dsl::model::StateMachine::from_value(&value);
            let errs = errors(&v, &value);
            match (&imported, errs.is_empty()) {
                (Ok(_), true) | (Err(_), false) => agree += 1,
                (Ok(_), false) => problems.push(format!(
                    "schema rejects what the importer accepts: {}\n  {}",
                    path.display(),
                    errs.join("\n  ")
                )),
                (Err(d), true) => {
                    if !d.iter().any(|d| beyond_schema.contains(&d.code)) {
                        problems.push(format!(
                            "schema accepts what the importer rejects: {}\n{d}",
                            path.display()
                        ));
                    }
                }
            }
        }
    }
    assert!(agree > 300, "only {agree} files compared");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn machine_with(state: Value) -> Value {
    json!({"StartAt": "S", "States": {"S": state}})
}

/// Each case: sfn rejects it (the importer, or for the operand type the validator's per-field
/// rule SFN026), and so does the schema.
#[test]
fn schema_rejects_structural_mistakes() {
    let v = validator();
    let cases = [
        (
            "unknown field",
            machine_with(json!({"Type": "Pass", "End": true, "Ed": 1})),
        ),
        (
            "unknown top-level field ($schema)",
            json!({"$schema": "x", "StartAt": "S", "States": {"S": {"Type": "Succeed"}}}),
        ),
        (
            "Next and End",
            machine_with(json!({"Type": "Pass", "Next": "S", "End": true})),
        ),
        (
            "neither Next nor End",
            machine_with(json!({"Type": "Pass"})),
        ),
        (
            "End false",
            machine_with(json!({"Type": "Pass", "End": false})),
        ),
        (
            "TimeoutSeconds and TimeoutSecondsPath",
            machine_with(json!({"Type": "Task", "Resource": "arn", "End": true,
                "TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t"})),
        ),
        (
            "TimeoutSeconds as a string",
            machine_with(json!({"Type": "Task", "Resource": "arn", "End": true,
                "TimeoutSeconds": "5"})),
        ),
        (
            "a Key.$ member that is not a string",
            machine_with(json!({"Type": "Task", "Resource": "arn", "End": true,
                "Parameters": {"a": {"b.$": 5}}})),
        ),
        (
            "a Key.$ member that is not a path",
            machine_with(json!({"Type": "Pass", "End": true, "Parameters": {"b.$": "hello"}})),
        ),
        (
            "a JSONPath Assign with a bad Key.$",
            machine_with(json!({"Type": "Pass", "End": true, "Assign": {"x.$": 1}})),
        ),
        (
            "a malformed JSONata string",
            machine_with(json!({"Type": "Pass", "End": true, "Output": "{% $x"})),
        ),
        (
            "two operators in one rule",
            machine_with(json!({"Type": "Choice", "Choices": [{"Variable": "$.a",
                "StringEquals": "x", "IsPresent": true, "Next": "S"}]})),
        ),
        (
            "an operator without Variable",
            machine_with(
                json!({"Type": "Choice", "Choices": [{"StringEquals": "x", "Next": "S"}]}),
            ),
        ),
        (
            "a wrong operand type",
            machine_with(json!({"Type": "Choice", "Choices": [{"Variable": "$.a",
                "NumericEquals": "1", "Next": "S"}]})),
        ),
        (
            "a rule without Next",
            machine_with(
                json!({"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true}]}),
            ),
        ),
        (
            "Next in a nested rule",
            machine_with(
                json!({"Type": "Choice", "Choices": [{"Not": {"Variable": "$.a",
                "IsNull": true, "Next": "S"}, "Next": "S"}]}),
            ),
        ),
        (
            "Condition with Variable",
            machine_with(
                json!({"Type": "Choice", "QueryLanguage": "JSONata", "Choices": [
                {"Condition": "{% true %}", "Variable": "$.a", "Next": "S"}]}),
            ),
        ),
        (
            "Seconds and Timestamp",
            machine_with(
                json!({"Type": "Wait", "Seconds": 1, "Timestamp": "2024-01-01T00:00:00Z",
                "End": true}),
            ),
        ),
        (
            "Succeed with Next",
            machine_with(json!({"Type": "Succeed", "Next": "S"})),
        ),
        (
            "Iterator and ItemProcessor",
            machine_with(json!({"Type": "Map", "End": true,
                "Iterator": {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}},
                "ItemProcessor": {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}})),
        ),
        (
            "a bad state deep inside a Map",
            machine_with(json!({"Type": "Map", "End": true,
                "ItemProcessor": {"StartAt": "A", "States": {"A": {"Type": "Sucseed"}}}})),
        ),
        (
            "a Retry entry without ErrorEquals",
            machine_with(json!({"Type": "Task", "Resource": "arn", "End": true,
                "Retry": [{"MaxAttempts": 2}]})),
        ),
        (
            "a JSONPath Assign inside a JSONPath branch of a JSONata-less machine",
            machine_with(json!({"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true,
                    "Assign": {"x.$": 1}}}}]})),
        ),
        ("empty States", json!({"StartAt": "S", "States": {}})),
    ];
    for (what, doc) in cases {
        assert!(
            sfn_dsl::validate::check_value(&doc)
                .iter()
                .any(|d| d.is_error()),
            "{what}: sfn accepts it"
        );
        assert!(
            !errors(&v, &doc).is_empty(),
            "{what}: the schema accepts it"
        );
    }
}

/// Which payload fields are JSONPath follows `QueryLanguage`, inherited scope by scope.
#[test]
fn schema_follows_the_query_language_like_the_importer() {
    let v = validator();
    let assign_dollar = json!({"Type": "Pass", "End": true, "Assign": {"x.$": 1}});
    let jsonata_machine = json!({"QueryLanguage": "JSONata", "StartAt": "S",
        "States": {"S": assign_dollar}});
    let jsonata_state = machine_with(json!({"Type": "Pass", "End": true,
        "QueryLanguage": "JSONata", "Assign": {"x.$": 1}}));
    // A branch has no `QueryLanguage` of its own: its states use the machine's.
    let jsonata_branch = json!({"QueryLanguage": "JSONata", "StartAt": "S", "States": {
        "S": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "A", "States": {"A": assign_dollar}}]}}});
    // In JSONata `x.$` is an ordinary key.
    for (what, doc) in [
        ("machine", jsonata_machine),
        ("state", jsonata_state),
        ("branch", jsonata_branch),
    ] {
        assert!(
            sfn_dsl::model::StateMachine::from_value(&doc).is_ok(),
            "{what}: importer"
        );
        assert_eq!(errors(&v, &doc), Vec::<String>::new(), "{what}: schema");
    }
    // A JSONata state's own language does not carry into its branches (as in the importer).
    let doc = machine_with(
        json!({"Type": "Parallel", "End": true, "QueryLanguage": "JSONata",
        "Branches": [{"StartAt": "A", "States": {"A": assign_dollar}}]}),
    );
    assert!(sfn_dsl::model::StateMachine::from_value(&doc).is_err());
    assert!(!errors(&v, &doc).is_empty());
}
