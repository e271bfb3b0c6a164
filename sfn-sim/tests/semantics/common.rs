//! Helpers of the semantics tests.

use serde_json::{Value, json};
use sfn_dsl::model::StateMachine;
use sfn_sim::{Execution, Simulator, Status, Timestamp};

pub fn machine(definition: Value) -> StateMachine {
    StateMachine::from_json(&definition.to_string()).expect("a valid definition")
}

pub fn run(definition: Value, input: Value) -> Execution {
    Simulator::new(&machine(definition))
        .run(input)
        .expect("the simulation runs")
}

/// Runs one Pass state whose `Parameters` are `{"r.$": <expr>}` and gives `r`, or the error
/// and cause.
pub fn eval(expr: &str, input: Value) -> Result<Value, (String, String)> {
    let exec = run(
        json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"r.$": expr}, "End": true}}}),
        input,
    );
    match exec.status {
        Status::Succeeded => Ok(exec.output.unwrap()["r"].clone()),
        _ => Err((exec.error.unwrap(), exec.cause.unwrap())),
    }
}

/// Asserts that `exec` ended with the error `error` and the cause `cause`.
#[track_caller]
pub fn assert_failed(exec: &Execution, error: &str, cause: &str) {
    let got = (exec.error.as_deref(), exec.cause.as_deref());
    assert_eq!(got, (Some(error), Some(cause)));
}

pub fn seconds_since_start(exec: &Execution, t: Timestamp) -> f64 {
    (t.as_nanos() - exec.history[0].timestamp.as_nanos()) as f64 / 1e9
}

pub fn flaky_task(retry: Value) -> StateMachine {
    machine(json!({"StartAt": "T", "States": {"T": {
        "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
        "Retry": retry, "End": true}}}))
}
