//! The untyped alternative to sfn: the same machines written as `serde_json::Value`s with
//! `json!` (and a `serde_json::Map` for the generated `States`), as a user without sfn would
//! write them. The baseline of "typed costs nothing over untyped" builds one of these and
//! writes it with `serde_json::to_string`; [`check_same_json`] holds each to sfn's output.

use super::{CHOICE_WIDTH, DEPTH, Shape, level_sizes};
use serde_json::{Map, Value, json};

impl Shape {
    /// The same JSON as [`Shape::build`] makes, built with `json!` (no validation).
    pub fn build_untyped(self, n: usize) -> Value {
        match self {
            Shape::Chain => chain(n),
            Shape::WideChoice => wide_choice(n),
            Shape::Nested => nested(n),
            Shape::Payload => payload_chain(n),
        }
    }
}

/// The baseline's whole work: build the `Value` with `json!`, write it with `to_string`.
pub fn build_and_write(shape: Shape, n: usize) -> String {
    serde_json::to_string(&shape.build_untyped(n)).expect("serializable")
}

/// Panics unless the untyped machine is the JSON sfn writes, key order included.
pub fn check_same_json(shape: Shape, n: usize) {
    assert_eq!(
        super::count_states(&shape.build(n)),
        n,
        "{} states",
        shape.name()
    );
    let sfn: Value =
        serde_json::from_str(&super::build_and_emit(shape, n)).expect("sfn writes JSON");
    let (sfn, untyped) = (
        serde_json::to_string(&sfn).expect("serializable"),
        serde_json::to_string(&shape.build_untyped(n)).expect("serializable"),
    );
    if sfn != untyped {
        let at = sfn
            .bytes()
            .zip(untyped.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let around = |s: &str| {
            s.get(at.saturating_sub(60)..(at + 60).min(s.len()))
                .map(String::from)
        };
        panic!(
            "{} at {n} states: the untyped baseline is not sfn's JSON; from byte {at}:\n sfn: {:?}\n json!: {:?}",
            shape.name(),
            around(&sfn),
            around(&untyped)
        );
    }
}

fn chain(n: usize) -> Value {
    let mut states = Map::with_capacity(n);
    for i in 0..n {
        let state = if i + 1 < n {
            json!({ "Type": "Pass", "Next": format!("Step {}", i + 1) })
        } else {
            json!({ "Type": "Pass", "End": true })
        };
        states.insert(format!("Step {i}"), state);
    }
    json!({ "StartAt": "Step 0", "States": states })
}

fn wide_choice(n: usize) -> Value {
    // The chunks of `super::wide_choice`: one Choice and up to CHOICE_WIDTH targets each.
    let mut widths = Vec::new();
    let mut left = n;
    while left > 0 {
        let width = (left - 1).min(CHOICE_WIDTH);
        widths.push(width);
        left -= width + 1;
    }
    let mut states = Map::with_capacity(n);
    for (c, &width) in widths.iter().enumerate() {
        let after = (c + 1 < widths.len()).then(|| format!("Route {}", c + 1));
        let choices: Vec<Value> = (0..width)
            .map(|j| {
                json!({
                    "Variable": "$.kind",
                    "StringEquals": format!("kind-{j}"),
                    "Next": format!("Handle {c}.{j}"),
                })
            })
            .collect();
        let default = after.clone().unwrap_or_else(|| format!("Handle {c}.0"));
        states.insert(
            format!("Route {c}"),
            json!({ "Type": "Choice", "Choices": choices, "Default": default }),
        );
        for j in 0..width {
            let state = match &after {
                Some(next) => json!({ "Type": "Pass", "Next": next }),
                None => json!({ "Type": "Pass", "End": true }),
            };
            states.insert(format!("Handle {c}.{j}"), state);
        }
    }
    json!({ "StartAt": "Route 0", "States": states })
}

fn nested(n: usize) -> Value {
    let (start_at, states) = level(0, &level_sizes(n));
    json!({ "StartAt": start_at, "States": states })
}

/// One scope of the nested machine: its `StartAt` and its `States`.
fn level(depth: usize, sizes: &[usize; DEPTH]) -> (String, Map<String, Value>) {
    let inner = (depth + 1 < DEPTH).then(|| {
        if depth.is_multiple_of(2) {
            format!("L{depth} Fan out")
        } else {
            format!("L{depth} For each")
        }
    });
    let mut states = Map::with_capacity(sizes[depth] + 1);
    for i in 0..sizes[depth] {
        let next = if i + 1 < sizes[depth] {
            Some(format!("L{depth} Step {}", i + 1))
        } else {
            inner.clone()
        };
        let state = match next {
            Some(next) => json!({ "Type": "Pass", "Next": next }),
            None => json!({ "Type": "Pass", "End": true }),
        };
        states.insert(format!("L{depth} Step {i}"), state);
    }
    if let Some(inner) = inner {
        let (start_at, nested) = level(depth + 1, sizes);
        let state = if depth.is_multiple_of(2) {
            json!({
                "Type": "Parallel",
                "Branches": [{ "StartAt": start_at, "States": nested }],
                "End": true,
            })
        } else {
            json!({
                "Type": "Map",
                "ItemsPath": "$.items",
                "ItemProcessor": { "StartAt": start_at, "States": nested },
                "MaxConcurrency": 10,
                "End": true,
            })
        };
        states.insert(inner, state);
    }
    let start_at = states.keys().next().expect("a state").clone();
    (start_at, states)
}

fn payload_chain(n: usize) -> Value {
    let mut states = Map::with_capacity(n);
    states.insert(
        "Failed".into(),
        json!({ "Type": "Fail", "Error": "CallFailed", "Cause": "a call failed" }),
    );
    for i in 0..n - 1 {
        let mut task = json!({
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {
                "FunctionName": "arn:aws:lambda:eu-west-1:123456789012:function:worker:live",
                "Payload": {
                    "Step": i as i64,
                    "Input.$": "$.input",
                    "Execution.$": "$$.Execution.Id",
                    "StartedAt.$": "$$.Execution.StartTime",
                    "Message.$": "States.Format('step {} of {}', $.step, $.total)",
                    "Id.$": "States.UUID()",
                    "Order": {
                        "OrderId.$": "$.order.id",
                        "Customer.$": "$.order.customer['customer-id']",
                        "Lines.$": "$.order.lines[*].sku",
                        "Total.$": "States.MathAdd($.order.subtotal, $.order.shipping)",
                        "Currency": "EUR",
                        "Flags": { "Express": true, "Gift": false, "Priority": 3 },
                    },
                    "Tags": ["bench", "sfn", { "Key": "source", "Value.$": "$.tag" }, { "Key": "step", "Value": i as i64 }],
                    "Retries": { "Max": 3, "Backoff": 2.5, "Jitter": "FULL" },
                    "Note": "a literal string that is long enough to look like real configuration text",
                },
                "InvocationType": "RequestResponse",
            },
            "ResultSelector": {
                "Status.$": "$.Payload.status",
                "Body.$": "States.StringToJson($.Payload.body)",
                "Headers": { "RequestId.$": "$.SdkResponseMetadata.RequestId" },
            },
            "ResultPath": format!("$.results.step{i}"),
            "Retry": [{
                "ErrorEquals": ["Lambda.ServiceException", "Lambda.TooManyRequestsException"],
                "IntervalSeconds": 2,
                "MaxAttempts": 6,
                "BackoffRate": 2,
            }],
            "Catch": [{ "ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed" }],
        });
        let object = task.as_object_mut().expect("an object");
        if i + 2 < n {
            object.insert("Next".into(), Value::String(format!("Call {}", i + 1)));
        } else {
            object.insert("End".into(), Value::Bool(true));
        }
        states.insert(format!("Call {i}"), task);
    }
    json!({ "StartAt": "Call 0", "States": states })
}
