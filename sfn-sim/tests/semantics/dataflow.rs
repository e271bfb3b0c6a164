//! The JSONPath data flow (InputPath, Parameters, ResultSelector, ResultPath, OutputPath)
//! and the payload limit.

use crate::common::*;
use serde_json::{Value, json};
use sfn_sim::{EventType, Mock, Simulator, Status};

#[test]
fn result_path_merges_into_the_raw_input() {
    let pass = |extra: Value| {
        let mut state = json!({"Type": "Pass", "Result": {"r": 1}, "End": true});
        for (k, v) in extra.as_object().unwrap() {
            state[k] = v.clone();
        }
        run(
            json!({"StartAt": "P", "States": {"P": state}}),
            json!({"a": {"b": 2}, "keep": true}),
        )
        .output
        .unwrap()
    };
    assert_eq!(
        pass(json!({})),
        json!({"r": 1}),
        "ResultPath $ (the default) replaces"
    );
    assert_eq!(
        pass(json!({"ResultPath": null})),
        json!({"a": {"b": 2}, "keep": true}),
        "null discards the result"
    );
    assert_eq!(
        pass(json!({"ResultPath": "$.a.c.d"})),
        json!({"a": {"b": 2, "c": {"d": {"r": 1}}}, "keep": true}),
        "missing objects are created"
    );
    assert_eq!(
        pass(json!({"ResultPath": "$.a"})),
        json!({"a": {"r": 1}, "keep": true})
    );
    assert_eq!(
        pass(json!({"InputPath": "$.a", "ResultPath": "$.x"})),
        json!({"a": {"b": 2}, "keep": true, "x": {"r": 1}}),
        "ResultPath applies to the raw input, not to InputPath's selection"
    );
    assert_eq!(
        pass(json!({"ResultPath": "$.x", "OutputPath": "$.x.r"})),
        json!(1)
    );
    assert_eq!(pass(json!({"OutputPath": null})), json!({}));
}

#[test]
fn task_data_flow_and_its_events() {
    let m = machine(json!({"StartAt": "T", "States": {"T": {
        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "InputPath": "$.order",
        "Parameters": {"id.$": "$.id", "exec.$": "$$.Execution.Name", "fixed": [1, {"k.$": "$.id"}]},
        "ResultSelector": {"status.$": "$.Payload.status"},
        "ResultPath": "$.result",
        "OutputPath": "$.result",
        "End": true
    }}}));
    let exec = Simulator::new(&m)
        .execution_name("run-1")
        .mock_resource(
            "arn:aws:states:::lambda:invoke",
            Mock::from_fn(|call| {
                assert_eq!(
                    call.parameters,
                    &json!({"id": 7, "exec": "run-1", "fixed": [1, {"k": 7}]})
                );
                Ok(json!({"Payload": {"status": "OK", "noise": 1}}))
            }),
        )
        .run(json!({"order": {"id": 7}}))
        .unwrap();
    assert_eq!(exec.output, Some(json!({"status": "OK"})));
    let types: Vec<&str> = exec.history.iter().map(|e| e.event_type.as_str()).collect();
    assert_eq!(
        types,
        [
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSucceeded",
            "TaskStateExited",
            "ExecutionSucceeded"
        ]
    );
    let ids: Vec<u64> = exec.history.iter().map(|e| e.id).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(
        exec.history[2].input.as_deref(),
        Some(&json!({"id": 7, "exec": "run-1", "fixed": [1, {"k": 7}]}))
    );
}

#[test]
fn a_missing_input_path_is_a_runtime_error() {
    let exec = run(
        json!({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "B"},
            "B": {"Type": "Pass", "InputPath": "$.nope", "End": true}}}),
        json!({"x": 1}),
    );
    assert_eq!(exec.status, Status::Failed);
    assert_failed(
        &exec,
        "States.Runtime",
        "An error occurred while executing the state 'B' (entered at the event id #4). Invalid path '$.nope' : No results for path: $['nope']",
    );
}

#[test]
fn payloads_over_256_kib_exceed_the_data_limit() {
    let big = "a".repeat(300 * 1024);
    let exec = run(
        json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"big.$": "$.big"}, "End": true}}}),
        json!({"big": big}),
    );
    assert_eq!(exec.error.as_deref(), Some("States.DataLimitExceeded"));
}

#[test]
fn states_that_pass_their_input_on_still_check_the_data_limit() {
    // A Pass without fields passes its input on as it is (shared, not copied): an execution
    // input over the quota still fails the first state, as before.
    let big = "a".repeat(300 * 1024);
    let exec = run(
        json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "Q"},
                                           "Q": {"Type": "Pass", "End": true}}}),
        json!({"big": big}),
    );
    assert_eq!(exec.error.as_deref(), Some("States.DataLimitExceeded"));
    assert_eq!(exec.path(), ["P"]);
    // A Map whose items each fit but whose output does not.
    let exec = run(
        json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
            "ItemProcessor": {"StartAt": "I", "States": {
                "I": {"Type": "Pass", "Parameters": {"s.$": "States.Format('{}{}{}{}', $, $, $, $)"},
                      "End": true}}}}}}),
        json!(vec!["x".repeat(20 * 1024); 4]),
    );
    assert_eq!(exec.error.as_deref(), Some("States.DataLimitExceeded"));
}

#[test]
fn events_share_the_values_they_record() {
    let exec = run(
        json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "Q"},
                                           "Q": {"Type": "Pass", "End": true}}}),
        json!({"a": [1, 2]}),
    );
    let p_exited = exec.history[2].output.as_ref().unwrap();
    let q_entered = exec.history[3].input.as_ref().unwrap();
    assert!(std::sync::Arc::ptr_eq(p_exited, q_entered));
    assert_eq!(**q_entered, json!({"a": [1, 2]}));
    assert_eq!(exec.history[3].state.as_deref(), Some("Q"));
}

#[test]
fn an_oversized_task_result_fails_the_task_and_can_be_caught() {
    let m = machine(json!({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
        "Caught": {"Type": "Pass", "End": true}}}));
    let exec = Simulator::new(&m)
        .mock_task("T", Mock::value(json!("x".repeat(300 * 1024))))
        .run(json!({}))
        .unwrap();
    assert_eq!(
        exec.output,
        Some(json!({
            "Error": "States.DataLimitExceeded",
            "Cause": "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit."
        }))
    );
    assert_eq!(exec.events(EventType::TaskFailed).count(), 1);
    assert_eq!(exec.events(EventType::TaskSucceeded).count(), 0);
}

#[test]
fn a_missing_timeout_path_is_reported_like_the_jsonpath_library() {
    let m = machine(json!({"StartAt": "T", "States": {"T": {
        "Type": "Task", "Resource": "r", "TimeoutSecondsPath": "$.limits.timeout", "End": true}}}));
    let exec = Simulator::new(&m)
        .mock_task("T", Mock::value(json!(1)))
        .run(json!({}))
        .unwrap();
    assert_eq!(exec.error.as_deref(), Some("States.Runtime"));
    assert!(
        exec.cause.as_deref().unwrap().ends_with(
            "Invalid path '$.limits.timeout' : No results for path: $['limits']['timeout']"
        ),
        "{:?}",
        exec.cause
    );
    let exec = Simulator::new(&m)
        .mock_task("T", Mock::value(json!(1)).taking(5))
        .run(json!({"limits": {"timeout": 3}}))
        .unwrap();
    assert_eq!(exec.error.as_deref(), Some("States.Timeout"));
}
