//! `.waitForTaskToken` tasks without a mock: the execution waits, the test answers the task
//! (`send_task_success`, `send_task_failure`), keeps it alive (`send_task_heartbeat`) or lets
//! virtual time pass (`advance_clock`) until a timeout.

use crate::common::{machine, seconds_since_start};
use serde_json::{Value, json};
use sfn_dsl::model::StateMachine;
use sfn_sim::{EventType, Execution, ExecutionHandle, Mock, SimError, Simulator, Status};
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// Runs `test` on [`approval`] started with order 1, waiting for its callback, and the
/// callback's token.
fn waiting(test: impl FnOnce(ExecutionHandle<'_>, String)) {
    let m = approval(json!({}));
    let sim = Simulator::new(&m);
    let exec = sim.start(json!({"order": 1})).unwrap();
    let token = exec.pending_callbacks()[0].token.clone();
    test(exec, token);
}

/// One callback task (heartbeat 60 s, timeout 300 s) that catches everything into `Caught`.
fn approval(extra: Value) -> StateMachine {
    let mut task = json!({
        "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token", "order.$": "$.order"}},
        "ResultPath": "$.approval",
        "TimeoutSeconds": 300, "HeartbeatSeconds": 60,
        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Caught"}],
        "End": true
    });
    for (k, v) in extra.as_object().unwrap() {
        task[k] = v.clone();
    }
    machine(json!({"StartAt": "Approve", "States": {
        "Approve": task,
        "Caught": {"Type": "Pass", "End": true}}}))
}

fn types(exec: &Execution) -> Vec<&'static str> {
    exec.history.iter().map(|e| e.event_type.as_str()).collect()
}

#[test]
fn a_callback_task_without_a_mock_waits_and_succeeds_with_the_answer() {
    let m = approval(json!({}));
    let sim = Simulator::new(&m);
    let mut exec = sim.start(json!({"order": 7})).unwrap();
    assert_eq!(exec.status(), Status::Running);
    let pending = exec.pending_callbacks().to_vec();
    assert_eq!(pending.len(), 1);
    let p = &pending[0];
    assert_eq!(p.state, "Approve");
    assert_eq!(
        p.resource,
        "arn:aws:states:::sqs:sendMessage.waitForTaskToken"
    );
    assert_eq!(
        p.parameters,
        json!({"QueueUrl": "q", "MessageBody": {"token": p.token, "order": 7}})
    );
    assert_eq!(p.timeout_at, Some(p.scheduled_at.plus_seconds(300)));
    assert_eq!(
        p.heartbeat_timeout_at,
        Some(p.scheduled_at.plus_seconds(60))
    );
    // Running: no end event yet, and the task was submitted.
    assert_eq!(
        types(exec.execution()),
        [
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSubmitted"
        ]
    );
    assert_eq!(exec.execution().output, None);

    exec.advance_clock(Duration::from_secs(45)).unwrap();
    assert_eq!(exec.status(), Status::Running);
    exec.send_task_success(&p.token, json!({"by": "ana"}))
        .unwrap();
    assert_eq!(exec.status(), Status::Succeeded);
    assert!(exec.pending_callbacks().is_empty());
    let done = exec.into_execution();
    assert_eq!(
        done.output,
        Some(json!({"order": 7, "approval": {"by": "ana"}}))
    );
    assert_eq!(
        &types(&done)[5..],
        ["TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"]
    );
    let succeeded = done.events(EventType::TaskSucceeded).next().unwrap();
    assert_eq!(seconds_since_start(&done, succeeded.timestamp), 45.0);
    assert_eq!(succeeded.output.as_deref(), Some(&json!({"by": "ana"})));
}

#[test]
fn a_failure_sent_to_the_task_is_caught() {
    waiting(|mut exec, token| {
        exec.send_task_failure(&token, "Rejected", "not on a Friday")
            .unwrap();
        let done = exec.execution();
        assert_eq!(done.status, Status::Succeeded);
        assert_eq!(done.path(), ["Approve", "Caught"]);
        assert_eq!(
            done.output,
            Some(json!({"order": 1, "error": {"Error": "Rejected", "Cause": "not on a Friday"}}))
        );
        let failed = done.events(EventType::TaskFailed).next().unwrap();
        assert_eq!(
            (failed.error.as_deref(), failed.cause.as_deref()),
            (Some("Rejected"), Some("not on a Friday"))
        );
    });
}

#[test]
fn heartbeats_keep_the_task_alive_until_they_stop() {
    waiting(|mut exec, token| {
        for _ in 0..3 {
            exec.advance_clock(Duration::from_secs(50)).unwrap();
            exec.send_task_heartbeat(&token).unwrap();
            assert_eq!(exec.status(), Status::Running);
        }
        // The last heartbeat was at 150 s: the next one was due at 210 s.
        assert_eq!(
            exec.pending_callbacks()[0].heartbeat_timeout_at,
            Some(exec.pending_callbacks()[0].scheduled_at.plus_seconds(210))
        );
        exec.advance_clock(Duration::from_secs(59)).unwrap();
        assert_eq!(exec.status(), Status::Running);
        exec.advance_clock(Duration::from_secs(1)).unwrap();
        let done = exec.execution();
        assert_eq!(done.path(), ["Approve", "Caught"]);
        let timed_out = done.events(EventType::TaskTimedOut).next().unwrap();
        assert_eq!(timed_out.error.as_deref(), Some("States.HeartbeatTimeout"));
        assert_eq!(seconds_since_start(done, timed_out.timestamp), 210.0);
        assert_eq!(
            done.output.as_ref().unwrap()["error"]["Error"],
            "States.HeartbeatTimeout"
        );
        // The token is gone with its task.
        assert_eq!(
            exec.send_task_success(&token, json!(1)),
            Err(SimError::UnknownTaskToken {
                token: token.clone(),
                pending: vec![]
            })
        );
    });
}

#[test]
fn timeout_seconds_ends_the_task_even_with_heartbeats() {
    let m = approval(json!({"Catch": []}));
    let sim = Simulator::new(&m);
    let mut exec = sim.start(json!({"order": 1})).unwrap();
    let token = exec.pending_callbacks()[0].token.clone();
    for _ in 0..6 {
        exec.advance_clock(Duration::from_secs(55)).unwrap();
        if exec.status() == Status::Running {
            exec.send_task_heartbeat(&token).unwrap();
        }
    }
    let done = exec.execution();
    assert_eq!(done.status, Status::Failed);
    assert_eq!(done.error.as_deref(), Some("States.Timeout"));
    let timed_out = done.events(EventType::TaskTimedOut).next().unwrap();
    assert_eq!(seconds_since_start(done, timed_out.timestamp), 300.0);
    assert_eq!(types(done)[5..], ["TaskTimedOut", "ExecutionFailed"]);
}

#[test]
fn a_retried_callback_task_waits_again_with_a_new_token() {
    let m = approval(json!({
        "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 10, "MaxAttempts": 1}]
    }));
    let sim = Simulator::new(&m);
    let mut exec = sim.start(json!({"order": 1})).unwrap();
    let first = exec.pending_callbacks()[0].clone();
    exec.send_task_failure(&first.token, "Busy", "").unwrap();
    assert_eq!(exec.status(), Status::Running);
    let second = exec.pending_callbacks()[0].clone();
    assert_ne!(second.token, first.token);
    assert_eq!(
        second.scheduled_at.as_nanos() - first.scheduled_at.as_nanos(),
        10_000_000_000
    );
    // The first token no longer answers anything.
    let err = exec.send_task_success(&first.token, json!(1)).unwrap_err();
    assert_eq!(
        err,
        SimError::UnknownTaskToken {
            token: first.token.clone(),
            pending: vec![second.token.clone()]
        }
    );
    assert!(err.to_string().contains(&second.token), "{err}");
    exec.send_task_success(&second.token, json!("ok")).unwrap();
    assert_eq!(
        exec.execution().output,
        Some(json!({"order": 1, "approval": "ok"}))
    );
    assert_eq!(exec.execution().events(EventType::TaskScheduled).count(), 2);
}

#[test]
fn an_unknown_token_is_an_error_and_changes_nothing() {
    let m = approval(json!({}));
    let sim = Simulator::new(&m);
    let mut exec = sim.start(json!({"order": 1})).unwrap();
    let before = exec.execution().clone();
    for result in [
        exec.send_task_success("nope", json!(1)),
        exec.send_task_failure("nope", "E", "C"),
        exec.send_task_heartbeat("nope"),
    ] {
        assert!(
            matches!(result, Err(SimError::UnknownTaskToken { ref token, .. }) if token == "nope")
        );
    }
    assert_eq!(exec.execution(), &before);
}

#[test]
fn the_machines_timeout_ends_a_waiting_execution() {
    let m = machine(
        json!({"TimeoutSeconds": 100, "StartAt": "T", "States": {"T": {
        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "Parameters": {"Payload": {"t.$": "$$.Task.Token"}}, "End": true}}}),
    );
    let sim = Simulator::new(&m);
    let mut exec = sim.start(json!({})).unwrap();
    assert_eq!(exec.pending_callbacks()[0].timeout_at, None);
    exec.advance_clock(Duration::from_secs(99)).unwrap();
    assert_eq!(exec.status(), Status::Running);
    exec.advance_clock(Duration::from_secs(2)).unwrap();
    assert_eq!(exec.status(), Status::TimedOut);
    let end = exec.execution().history.last().unwrap();
    assert_eq!(end.event_type, EventType::ExecutionTimedOut);
    assert_eq!(seconds_since_start(exec.execution(), end.timestamp), 100.0);
}

#[test]
fn run_stops_at_the_first_callback_with_the_execution_running() {
    let m = approval(json!({}));
    let exec = Simulator::new(&m).run(json!({"order": 1})).unwrap();
    assert_eq!(exec.status, Status::Running);
    assert_eq!(exec.pending_callbacks.len(), 1);
    assert_eq!(exec.pending_callbacks[0].state, "Approve");
}

#[test]
fn a_mock_answers_a_callback_task_without_waiting() {
    let m = approval(json!({}));
    let exec = Simulator::new(&m)
        .mock_task("Approve", Mock::value(json!("mocked")))
        .run(json!({"order": 1}))
        .unwrap();
    assert_eq!(exec.status, Status::Succeeded);
    assert_eq!(exec.output, Some(json!({"order": 1, "approval": "mocked"})));
    assert_eq!(exec.events(EventType::TaskSubmitted).count(), 1);
}

#[test]
fn mock_closures_are_called_once_however_often_the_execution_resumes() {
    let m = machine(json!({"StartAt": "Before", "States": {
        "Before": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f",
                   "ResultPath": "$.before", "Next": "Wait"},
        "Wait": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                 "Parameters": {"t.$": "$$.Task.Token"}, "HeartbeatSeconds": 10,
                 "ResultPath": "$.wait", "Next": "After"},
        "After": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f",
                  "ResultPath": "$.after", "End": true}}}));
    let calls = Rc::new(Cell::new(0));
    let counter = Rc::clone(&calls);
    let sim = Simulator::new(&m).mock_resource(
        "arn:aws:lambda:us-east-1:1:function:f",
        Mock::from_fn(move |_| {
            counter.set(counter.get() + 1);
            Ok(json!(counter.get()))
        }),
    );
    let mut exec = sim.start(json!({})).unwrap();
    let token = exec.pending_callbacks()[0].token.clone();
    for _ in 0..3 {
        exec.advance_clock(Duration::from_secs(5)).unwrap();
        exec.send_task_heartbeat(&token).unwrap();
    }
    assert_eq!(calls.get(), 1);
    exec.send_task_success(&token, json!("w")).unwrap();
    assert_eq!(calls.get(), 2);
    assert_eq!(
        exec.execution().output,
        Some(json!({"before": 1, "wait": "w", "after": 2}))
    );
}

#[test]
fn callbacks_in_map_iterations_and_parallel_branches_wait_one_at_a_time() {
    let waiting = json!({"Type": "Task",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"item.$": "$", "t.$": "$$.Task.Token"}, "End": true});
    let m = machine(json!({"StartAt": "Both", "States": {"Both": {
    "Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
            "ItemProcessor": {"StartAt": "W", "States": {"W": waiting}}}}},
        {"StartAt": "One", "States": {"One": waiting}}
    ]}}}));
    let sim = Simulator::new(&m);
    let mut exec = sim.start(json!([10, 20])).unwrap();
    let mut answered = Vec::new();
    while exec.status() == Status::Running {
        let pending = exec.pending_callbacks();
        assert_eq!(pending.len(), 1);
        let p = pending[0].clone();
        answered.push((p.state.clone(), p.parameters["item"].clone()));
        exec.send_task_success(&p.token, json!({"got": p.parameters["item"]}))
            .unwrap();
        assert!(answered.len() <= 3);
    }
    assert_eq!(
        answered,
        [
            ("W".to_owned(), json!(10)),
            ("W".to_owned(), json!(20)),
            ("One".to_owned(), json!([10, 20]))
        ]
    );
    assert_eq!(
        exec.execution().output,
        Some(json!([[{"got": 10}, {"got": 20}], {"got": [10, 20]}]))
    );
}

#[test]
fn any_clock_move_is_safe() {
    let m = approval(json!({}));
    let sim = Simulator::new(&m);
    let mut exec = sim.start(json!({"order": 1})).unwrap();
    exec.advance_clock(Duration::MAX).unwrap();
    exec.advance_clock(Duration::MAX).unwrap();
    let done = exec.execution();
    assert_eq!(done.path(), ["Approve", "Caught"]);
    let timed_out = done.events(EventType::TaskTimedOut).next().unwrap();
    assert_eq!(timed_out.error.as_deref(), Some("States.HeartbeatTimeout"));
    assert!(
        done.history
            .iter()
            .all(|e| !e.to_aws_json()["timestamp"].is_null())
    );
}
