//! Every seed example equals the ASL extracted from its seed document
//! (`../shared/seeds/asl/`), semantically: equal after parsing, numbers by value, key order
//! free.
//!
//! The target is exact equality, and every seed file is reproduced exactly, including what
//! looks like placeholders:
//! * seed 003's `arn:aws:lambda:REGION:ACCOUNT_ID:function:FUNCTION_NAME`, `TOPIC_ARN` and
//!   `GLUE_JOB_NAME` are the article's own text and are written as such (`sfn validate`
//!   accepts them without findings);
//! * seed 002 has no ASL in its document (CDK TypeScript only); the seed file is a hand
//!   translation, and the example reproduces it, its `Comment` and the legacy `Iterator`
//!   field included (see `machines::nested_map_check_job`);
//! * numbers differ only in form: the seeds write `"BackoffRate": 2`, the builder takes an
//!   `f64` and writes `2` as well (compared by value anyway).
//!
//! The one example without a seed file, `sagemaker-callback`, comes from prose in seed
//! document 000; its shape is checked by `callback_passes_the_task_token` below.

mod common;

use common::{definitions_dir, semantic_diff, shared_dir};
use serde_json::Value;
use sfn_examples::machines::{EXAMPLES, Example};

fn built_json(example: &Example) -> Value {
    let machine = (example.build)().unwrap_or_else(|e| panic!("{}: {e}", example.name));
    // What is committed: the canonical text, parsed back.
    serde_json::from_str(&sfn::to_json_pretty(&machine)).expect("canonical JSON parses")
}

#[test]
fn every_seed_example_equals_its_seed_file() {
    let Some(shared) = shared_dir("every_seed_example_equals_its_seed_file") else {
        return;
    };
    let mut failures = Vec::new();
    for example in EXAMPLES {
        let Some(seed) = example.seed_asl else {
            continue;
        };
        let text = std::fs::read_to_string(shared.join("seeds/asl").join(seed))
            .unwrap_or_else(|e| panic!("{seed}: {e}"));
        let expected: Value = serde_json::from_str(&text).expect("seed file parses");
        if let Some(d) = semantic_diff(&built_json(example), &expected, "") {
            failures.push(format!(
                "{} (built) vs {seed}: differs at {d}",
                example.name
            ));
        }
        // The committed definition too (the same text unless it is stale, which
        // `definitions.rs` reports with a diff).
        let committed = definitions_dir().join(format!("{}.asl.json", example.name));
        match std::fs::read_to_string(&committed) {
            Ok(text) => {
                let committed: Value = serde_json::from_str(&text).expect("definition parses");
                if let Some(d) = semantic_diff(&committed, &expected, "") {
                    failures.push(format!(
                        "{} (committed) vs {seed}: differs at {d}",
                        example.name
                    ));
                }
            }
            Err(e) => failures.push(format!("{}: {e}", committed.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_seed_file_has_an_example() {
    let Some(shared) = shared_dir("every_seed_file_has_an_example") else {
        return;
    };
    let mut seeds: Vec<String> = std::fs::read_dir(shared.join("seeds/asl"))
        .expect("seeds/asl")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|f| f.starts_with("seed-") && f.ends_with(".json"))
        .collect();
    seeds.sort();
    let mut covered: Vec<String> = EXAMPLES
        .iter()
        .filter_map(|e| e.seed_asl.map(str::to_string))
        .collect();
    covered.sort();
    assert_eq!(covered, seeds, "one example per seed-*.json");
}

#[test]
fn every_seed_document_has_an_example() {
    let Some(shared) = shared_dir("every_seed_document_has_an_example") else {
        return;
    };
    for entry in std::fs::read_dir(shared.join("seeds/docs")).expect("seeds/docs") {
        let file = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        assert!(
            EXAMPLES.iter().any(|e| e.document == file),
            "no example comes from the seed document {file}"
        );
    }
}

#[test]
fn callback_passes_the_task_token() {
    let example = EXAMPLES
        .iter()
        .find(|e| e.name == "sagemaker-callback")
        .expect("the callback example");
    let json = built_json(example);
    let task = &json["States"]["Start Job and Wait for Callback"];
    assert_eq!(
        task["Resource"],
        "arn:aws:states:::lambda:invoke.waitForTaskToken"
    );
    assert_eq!(
        task["Parameters"]["Payload"]["TaskToken.$"],
        "$$.Task.Token"
    );
    assert!(task["HeartbeatSeconds"].as_i64() < task["TimeoutSeconds"].as_i64());
    assert_eq!(
        task["Catch"][0]["ErrorEquals"],
        serde_json::json!(["States.Timeout", "States.HeartbeatTimeout"])
    );
    assert_eq!(
        task["Catch"][1]["ErrorEquals"],
        serde_json::json!(["States.ALL"])
    );
    assert_eq!(
        json["States"][task["Catch"][0]["Next"].as_str().unwrap()]["Type"],
        "Fail"
    );
}
