//! Map (inline and distributed) and Parallel.

use crate::common::*;
use serde_json::json;
use sfn_sim::{EventType, Status};

#[test]
fn map_runs_each_item_with_its_selector() {
    let exec = run(
        json!({"StartAt": "M", "States": {"M": {
            "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
            "ItemSelector": {"i.$": "$$.Map.Item.Index", "v.$": "$$.Map.Item.Value", "k.$": "$.k"},
            "ItemProcessor": {"StartAt": "Double", "States": {"Double": {
                "Type": "Pass", "Parameters": {"r.$": "States.MathAdd($.v, $.v)", "i.$": "$.i", "k.$": "$.k"}, "End": true}}},
            "ResultPath": "$.out", "End": true}}}),
        json!({"items": [1, 2, 3], "k": "x"}),
    );
    assert_eq!(
        exec.output.as_ref().unwrap()["out"],
        json!([{"r": 2, "i": 0, "k": "x"}, {"r": 4, "i": 1, "k": "x"}, {"r": 6, "i": 2, "k": "x"}])
    );
    assert_eq!(exec.events(EventType::MapIterationStarted).count(), 3);
    assert_eq!(exec.path(), ["M", "Double", "Double", "Double"]);
}

#[test]
fn map_iteration_failure_fails_the_map() {
    let exec = run(
        json!({"StartAt": "M", "States": {"M": {
            "Type": "Map",
            "ItemProcessor": {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "ItemError", "Cause": "bad item"}}},
            "Catch": [{"ErrorEquals": ["ItemError"], "Next": "Caught"}], "End": true},
            "Caught": {"Type": "Pass", "End": true}}}),
        json!([1]),
    );
    assert_eq!(
        exec.output,
        Some(json!({"Error": "ItemError", "Cause": "bad item"}))
    );
    assert_eq!(exec.events(EventType::MapIterationFailed).count(), 1);
}

#[test]
fn distributed_map_tolerates_failures_up_to_its_threshold() {
    let def = |tolerated: i64| {
        json!({"StartAt": "M", "States": {"M": {
            "Type": "Map", "ToleratedFailureCount": tolerated,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "C", "States": {
                    "C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "F"}], "Default": "S"},
                    "F": {"Type": "Fail", "Error": "Two"},
                    "S": {"Type": "Succeed"}}},
            "End": true}}})
    };
    let ok = run(def(1), json!([1, 2, 3]));
    assert_eq!(ok.status, Status::Succeeded);
    assert_eq!(
        ok.path(),
        ["M"],
        "child executions are not in the parent's history"
    );
    let failed = run(def(0), json!([1, 2, 3]));
    assert_eq!(
        failed.error.as_deref(),
        Some("States.ExceedToleratedFailureThreshold")
    );
}

#[test]
fn parallel_collects_branch_outputs_in_order() {
    let exec = run(
        json!({"StartAt": "P", "States": {"P": {
            "Type": "Parallel", "ResultSelector": {"both.$": "$"},
            "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "a", "End": true}}},
                {"StartAt": "B", "States": {"B": {"Type": "Pass", "InputPath": "$.x", "End": true}}}
            ], "End": true}}}),
        json!({"x": 1}),
    );
    assert_eq!(exec.output, Some(json!({"both": ["a", 1]})));
    assert_eq!(exec.events(EventType::ParallelStateSucceeded).count(), 1);
}

#[test]
fn item_batcher_batches_the_selected_items() {
    let exec = run(
        json!({"StartAt": "M", "States": {"M": {
            "Type": "Map",
            "ItemSelector": {"v.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index"},
            "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"k.$": "$.k"}},
            "ItemsPath": "$.items",
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
            "End": true}}}),
        json!({"items": ["a", "b", "c"], "k": 1}),
    );
    assert_eq!(
        exec.output,
        Some(json!([
            {"BatchInput": {"k": 1}, "Items": [{"v": "a", "i": 0}, {"v": "b", "i": 1}]},
            {"BatchInput": {"k": 1}, "Items": [{"v": "c", "i": 2}]}
        ]))
    );
}

#[test]
fn a_retried_map_starts_again_and_fails_once() {
    let exec = run(
        json!({"StartAt": "M", "States": {"M": {
            "Type": "Map",
            "ItemProcessor": {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "C"}}},
            "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 2, "IntervalSeconds": 1, "BackoffRate": 1.0}],
            "End": true}}}),
        json!([1]),
    );
    let types: Vec<&str> = exec.history.iter().map(|e| e.event_type.as_str()).collect();
    assert_eq!(
        types,
        [
            "ExecutionStarted",
            "MapStateEntered",
            "MapStateStarted",
            "MapIterationStarted",
            "FailStateEntered",
            "MapIterationFailed",
            "MapStateStarted",
            "MapIterationStarted",
            "FailStateEntered",
            "MapIterationFailed",
            "MapStateStarted",
            "MapIterationStarted",
            "FailStateEntered",
            "MapIterationFailed",
            "MapStateFailed",
            "ExecutionFailed"
        ]
    );
    assert_eq!(
        (exec.error.as_deref(), exec.cause.as_deref()),
        (Some("E"), Some("C"))
    );
    assert_eq!(
        exec.history[1].previous_event_id, 0,
        "the first state entered follows no event"
    );
}

/// A branch or processor has no `QueryLanguage` of its own: its states take the machine's, not
/// the language of the Parallel or Map that runs them (AWS, floci-io/floci#2968).
#[test]
fn nested_states_take_the_machine_language_not_the_map_or_parallel_one() {
    let exec = run(
        json!({"StartAt": "M", "States": {
            "M": {"Type": "Map", "QueryLanguage": "JSONata", "Items": "{% $states.input.items %}",
                "ItemProcessor": {"StartAt": "Wrap", "States": {"Wrap": {
                    "Type": "Pass", "Parameters": {"v.$": "$"}, "End": true}}},
                "Next": "P"},
            "P": {"Type": "Parallel", "QueryLanguage": "JSONata", "Output": "{% $states.result %}",
                "Branches": [{"StartAt": "First", "States": {"First": {
                    "Type": "Pass", "InputPath": "$[0]", "End": true}}}],
                "End": true}}}),
        json!({"items": [1, 2]}),
    );
    assert_eq!(exec.status, Status::Succeeded, "{:?}", exec.error);
    assert_eq!(exec.output, Some(json!([{"v": 1}])));
}
