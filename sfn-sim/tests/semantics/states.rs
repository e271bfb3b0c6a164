//! Choice, Wait and Fail.

use crate::common::*;
use serde_json::{Value, json};
use sfn_sim::Status;

#[test]
fn choice_rules_and_no_match() {
    let def = json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [
            {"And": [
                {"Variable": "$.n", "NumericGreaterThanEqualsPath": "$.min"},
                {"Not": {"Variable": "$.s", "StringMatches": "tmp-*"}},
                {"Variable": "$.t", "TimestampLessThan": "2030-01-01T00:00:00Z"}
            ], "Next": "Yes"},
            {"Variable": "$.missing", "IsPresent": true, "Next": "Yes"}
        ]},
        "Yes": {"Type": "Succeed"}}});
    let yes = run(
        def.clone(),
        json!({"n": 5, "min": 5, "s": "file", "t": "2024-05-01T10:00:00+02:00"}),
    );
    assert_eq!(yes.path(), ["C", "Yes"]);
    let no = run(
        def,
        json!({"n": 5, "min": 5, "s": "tmp-1", "t": "2024-05-01T10:00:00Z"}),
    );
    assert_eq!(no.error.as_deref(), Some("States.NoChoiceMatched"));
}

#[test]
fn wait_states_move_the_virtual_clock_and_validate_their_values() {
    let def = json!({"StartAt": "W1", "States": {
        "W1": {"Type": "Wait", "Seconds": 30, "Next": "W2"},
        "W2": {"Type": "Wait", "SecondsPath": "$.s", "Next": "W3"},
        "W3": {"Type": "Wait", "TimestampPath": "$.until", "Next": "Now"},
        "Now": {"Type": "Pass", "Parameters": {"t.$": "$$.State.EnteredTime", "start.$": "$$.Execution.StartTime"}, "End": true}}});
    let exec = run(
        def.clone(),
        json!({"s": 60, "until": "2024-01-01T01:00:00Z"}),
    );
    assert_eq!(
        exec.output,
        Some(json!({"t": "2024-01-01T01:00:00.000Z", "start": "2024-01-01T00:00:00.000Z"}))
    );
    let bad = run(def.clone(), json!({"s": 1, "until": "2024-01-01T01:00:00"}));
    assert_eq!(bad.error.as_deref(), Some("States.Runtime"));
    assert!(bad.cause.unwrap().ends_with(
        "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.until == 2024-01-01T01:00:00"
    ));
    let negative = run(def, json!({"s": -1, "until": "2024-01-01T01:00:00Z"}));
    assert_eq!(negative.error.as_deref(), Some("States.Runtime"));
}

#[test]
fn fail_takes_error_and_cause_from_paths() {
    let exec = run(
        json!({"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.e", "CausePath": "States.Format('code {}', $.c)"}}}),
        json!({"e": "Boom", "c": 7}),
    );
    assert_eq!(
        (exec.status, exec.error.as_deref(), exec.cause.as_deref()),
        (Status::Failed, Some("Boom"), Some("code 7"))
    );
}

#[test]
fn invalid_wait_seconds_and_max_concurrency_values_fail_as_on_aws() {
    let wait = json!({"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}});
    let cause = |def: Value, input: Value| {
        let exec = run(def, input);
        assert_eq!(exec.error.as_deref(), Some("States.Runtime"));
        let cause = exec.cause.unwrap();
        let prefix = "An error occurred while executing the state '";
        assert!(cause.starts_with(prefix), "{cause}");
        cause[cause.find("). ").unwrap() + 3..].to_owned()
    };
    assert_eq!(
        cause(wait.clone(), json!({"s": -1})),
        "The SecondsPath parameter references a negative value: $.s == -1"
    );
    assert_eq!(
        cause(wait, json!({"s": "soon"})),
        "The SecondsPath parameter cannot be parsed as a long value: $.s == soon"
    );
    let map = json!({"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items",
        "MaxConcurrencyPath": "$.n",
        "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}});
    assert_eq!(
        cause(map.clone(), json!({"items": [], "n": -1})),
        "Expected non-negative integer for MaxConcurrency, got '-1' instead."
    );
    assert_eq!(
        cause(map.clone(), json!({"items": [], "n": {}})),
        "The MaxConcurrencyPath field refers to value \"{}\" which is not a valid integer: $.n"
    );
    assert_eq!(
        run(map, json!({"items": [1], "n": "2"})).output,
        Some(json!([1]))
    );
}
