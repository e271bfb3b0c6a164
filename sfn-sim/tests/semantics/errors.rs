//! Retry back-off on the virtual clock, Catch, timeouts, the history limit.

use crate::common::*;
use serde_json::{Value, json};
use sfn_sim::{EventType, Mock, SimError, Simulator, Status};

#[test]
fn retry_backs_off_on_the_virtual_clock() {
    let m = flaky_task(
        json!([{"ErrorEquals": ["Boom"], "IntervalSeconds": 2, "BackoffRate": 3.0, "MaxAttempts": 3}]),
    );
    let exec = Simulator::new(&m)
        .mock_task(
            "T",
            Mock::sequence([
                Mock::error("Boom", "1"),
                Mock::error("Boom", "2"),
                Mock::error("Boom", "3"),
                Mock::value(json!("ok")),
            ]),
        )
        .run(json!({}))
        .unwrap();
    assert_eq!(exec.output, Some(json!("ok")));
    let scheduled: Vec<f64> = exec
        .events(EventType::TaskScheduled)
        .map(|e| seconds_since_start(&exec, e.timestamp))
        .collect();
    assert_eq!(scheduled, [0.0, 2.0, 8.0, 26.0]);

    let capped = flaky_task(
        json!([{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 10, "MaxDelaySeconds": 15, "MaxAttempts": 2}]),
    );
    let exec = Simulator::new(&capped)
        .mock_task("T", Mock::error("Boom", "always"))
        .run(json!({}))
        .unwrap();
    let scheduled: Vec<f64> = exec
        .events(EventType::TaskScheduled)
        .map(|e| seconds_since_start(&exec, e.timestamp))
        .collect();
    assert_eq!(scheduled, [0.0, 10.0, 25.0]);
    assert_eq!(
        (exec.error.as_deref(), exec.cause.as_deref()),
        (Some("Boom"), Some("always"))
    );
}

#[test]
fn full_jitter_is_seeded_and_bounded() {
    let m = flaky_task(
        json!([{"ErrorEquals": ["Boom"], "IntervalSeconds": 100, "MaxAttempts": 1, "JitterStrategy": "FULL"}]),
    );
    let delay = |seed| {
        let exec = Simulator::new(&m)
            .seed(seed)
            .mock_task(
                "T",
                Mock::sequence([Mock::error("Boom", ""), Mock::value(json!(1))]),
            )
            .run(json!({}))
            .unwrap();
        let last = exec
            .events(EventType::TaskScheduled)
            .last()
            .unwrap()
            .timestamp;
        seconds_since_start(&exec, last)
    };
    assert_eq!(delay(1), delay(1));
    assert!((0.0..=100.0).contains(&delay(1)) && (0.0..=100.0).contains(&delay(2)));
}

#[test]
fn retry_count_is_in_the_context_object() {
    let m = machine(json!({"StartAt": "T", "States": {"T": {
        "Type": "Task", "Resource": "r", "Parameters": {"n.$": "$$.State.RetryCount"},
        "Retry": [{"ErrorEquals": ["States.TaskFailed"]}], "End": true}}}));
    let exec = Simulator::new(&m)
        .mock_task(
            "T",
            Mock::from_fn(|call| match call.parameters["n"].as_i64() {
                Some(2) => Ok(json!({"attempt": call.attempt})),
                _ => Err(sfn_sim::StatesError::new("Flaky", "")),
            }),
        )
        .run(json!({}))
        .unwrap();
    assert_eq!(exec.output, Some(json!({"attempt": 2})));
}

#[test]
fn catch_routes_the_error_output() {
    let def = |errors: Value| {
        machine(json!({"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": "r", "Catch": [{"ErrorEquals": errors, "ResultPath": "$.err", "Next": "Handled"}], "End": true},
            "Handled": {"Type": "Pass", "End": true}}}))
    };
    let m = def(json!(["States.TaskFailed"]));
    let exec = Simulator::new(&m)
        .mock_task("T", Mock::error("Oops", "bad"))
        .run(json!({"in": 1}))
        .unwrap();
    assert_eq!(
        exec.output,
        Some(json!({"in": 1, "err": {"Error": "Oops", "Cause": "bad"}}))
    );
    assert_eq!(exec.path(), ["T", "Handled"]);
    assert!(exec.events(EventType::TaskFailed).next().is_some());

    // States.TaskFailed does not match States.Timeout; States.ALL does.
    let m = machine(json!({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "r", "TimeoutSeconds": 5,
              "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Handled"}], "End": true},
        "Handled": {"Type": "Pass", "End": true}}}));
    let exec = Simulator::new(&m)
        .mock_task("T", Mock::value(json!(1)).taking(60))
        .run(json!({}))
        .unwrap();
    assert_eq!(exec.error.as_deref(), Some("States.Timeout"));
    assert_eq!(exec.events(EventType::TaskTimedOut).count(), 1);
    assert_eq!(
        seconds_since_start(&exec, exec.history.last().unwrap().timestamp),
        5.0
    );

    // States.ALL does not catch States.Runtime.
    let m = machine(json!({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "r", "Parameters": {"x.$": "$.missing"},
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}], "End": true},
        "Handled": {"Type": "Pass", "End": true}}}));
    let exec = Simulator::new(&m)
        .mock_task("T", Mock::value(json!(1)))
        .run(json!({}))
        .unwrap();
    assert_eq!(exec.error.as_deref(), Some("States.Runtime"));
}

#[test]
fn heartbeat_and_never_completing_tasks() {
    let m = machine(json!({"StartAt": "T", "States": {"T": {
        "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"token.$": "$$.Task.Token"},
        "TimeoutSeconds": 300, "HeartbeatSeconds": 60, "End": true}}}));
    let exec = Simulator::new(&m)
        .task_token("tok")
        .mock_task(
            "T",
            Mock::from_fn(|call| Ok(call.parameters.clone())).taking(30),
        )
        .run(json!({}))
        .unwrap();
    assert_eq!(exec.output, Some(json!({"token": "tok"})));
    let exec = Simulator::new(&m)
        .mock_task("T", Mock::never_completes())
        .run(json!({}))
        .unwrap();
    assert_eq!(exec.error.as_deref(), Some("States.HeartbeatTimeout"));

    let no_timeout = flaky_task(json!([]));
    let err = Simulator::new(&no_timeout)
        .mock_task("T", Mock::never_completes())
        .run(json!({}))
        .unwrap_err();
    assert!(matches!(err, SimError::Mock { .. }), "{err}");
}

#[test]
fn execution_timeout_ends_a_long_wait() {
    let exec = run(
        json!({"TimeoutSeconds": 10, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}),
        json!({}),
    );
    assert_eq!(exec.status, Status::TimedOut);
    assert_eq!(exec.error.as_deref(), Some("States.Timeout"));
    assert_eq!(
        exec.history.last().unwrap().event_type,
        EventType::ExecutionTimedOut
    );
    assert_eq!(
        seconds_since_start(&exec, exec.history.last().unwrap().timestamp),
        10.0
    );
}

#[test]
fn an_endless_loop_ends_at_the_history_limit() {
    let def = json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Wait", "Seconds": 1, "Next": "A"}}});
    let exec = run(def.clone(), json!({}));
    assert_eq!(exec.status, Status::Failed);
    assert_eq!(exec.history.len(), sfn_sim::MAX_HISTORY_EVENTS);
    let m = machine(def);
    let exec = Simulator::new(&m).max_events(100).run(json!({})).unwrap();
    assert_eq!(exec.history.len(), 100);
    assert_eq!(exec.error.as_deref(), Some("States.Runtime"));
}
