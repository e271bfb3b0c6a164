//! Task, ItemReader and ResultWriter mocks.

use crate::common::*;
use serde_json::json;
use sfn_sim::{Mock, SimError, Simulator};

#[test]
fn unmocked_tasks_and_exhausted_sequences_are_simulation_errors() {
    let m = flaky_task(json!([]));
    let err = Simulator::new(&m).run(json!({})).unwrap_err();
    assert_eq!(
        err,
        SimError::UnmockedTask {
            state: "T".into(),
            resource: "arn:aws:lambda:us-east-1:123456789012:function:f".into()
        }
    );
    assert!(err.to_string().contains("'T'"));
    let m = flaky_task(json!([{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 0}]));
    let err = Simulator::new(&m)
        .mock_task("T", Mock::sequence([Mock::error("E", "")]))
        .run(json!({}))
        .unwrap_err();
    assert!(
        matches!(err, SimError::Mock { ref state, .. } if state == "T"),
        "{err}"
    );
}

#[test]
fn unused_mocks_are_reported_and_the_default_mock_answers_the_rest() {
    let m = flaky_task(json!([]));
    let exec = Simulator::new(&m)
        .mock_task("Elsewhere", Mock::value(json!(1)))
        .mock_resource(
            "arn:aws:lambda:us-east-1:123456789012:function:other",
            Mock::value(json!(2)),
        )
        .default_mock(Mock::value(json!("default")))
        .run(json!({}))
        .unwrap();
    assert_eq!(exec.output, Some(json!("default")));
    assert_eq!(
        exec.unused_mocks,
        [
            "mock_resource(\"arn:aws:lambda:us-east-1:123456789012:function:other\")",
            "mock_task(\"Elsewhere\")"
        ]
    );
}

#[test]
fn mock_config_files_are_checked() {
    let m = flaky_task(json!([]));
    let config = json!({
        "StateMachines": {"SM": {"TestCases": {"Gap": {"T": "R"}, "Missing": {"T": "Nope"}}}},
        "MockedResponses": {"R": {"0": {"Return": 1}, "2": {"Return": 2}}}
    });
    let err = |case: &str| match Simulator::new(&m).mock_config(&config, "SM", case) {
        Err(SimError::MockConfig(message)) => message,
        other => panic!("{case}: {:?}", other.map(|_| ())),
    };
    assert_eq!(
        err("Gap"),
        "MockedResponses.R: invocation 1 has no response"
    );
    assert_eq!(err("Missing"), "no mocked response MockedResponses.Nope");
    assert_eq!(
        err("Other"),
        "no test case StateMachines.SM.TestCases.Other"
    );
}

#[test]
fn result_writer_mocks_replace_the_map_result() {
    let m = machine(json!({"StartAt": "Each", "States": {"Each": {
        "Type": "Map", "ItemsPath": "$.items",
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix.$": "$.prefix"}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
        "End": true}}}));
    let exec = Simulator::new(&m)
        .mock_result_writer(
            "Each",
            Mock::from_fn(|call| {
                assert_eq!(
                    call.parameters,
                    &json!({"Parameters": {"Bucket": "out", "Prefix": "p/"}, "Results": [1, 2]})
                );
                Ok(json!({"ResultWriterDetails": {"Bucket": "out", "Key": "p/manifest.json"}}))
            }),
        )
        .mock_item_reader("Unused", Mock::value(json!([])))
        .run(json!({"items": [1, 2], "prefix": "p/"}))
        .unwrap();
    assert_eq!(
        exec.output,
        Some(json!({"ResultWriterDetails": {"Bucket": "out", "Key": "p/manifest.json"}}))
    );
    assert_eq!(exec.unused_mocks, ["mock_item_reader(\"Unused\")"]);
    let err = Simulator::new(&m)
        .run(json!({"items": [], "prefix": ""}))
        .unwrap_err();
    assert!(matches!(err, SimError::Unsupported { .. }), "{err}");
}
