//! Variables and their scopes, and the JSONata seam (the built-in engine: `jsonata.rs`).

use crate::common::*;
use serde_json::{Value, json};
use sfn_sim::{Mock, Simulator};

#[test]
fn variables_are_scoped_and_assigned_after_the_state() {
    let exec = run(
        json!({"StartAt": "Set", "States": {
            "Set": {"Type": "Pass", "Result": {"v": 1, "list": [0]}, "Assign": {"x.$": "$.v"}, "Next": "Use"},
            "Use": {"Type": "Pass", "Parameters": {"x.$": "$x", "list.$": "$.list"}, "Assign": {"x.$": "States.MathAdd($x, 1)"}, "Next": "M"},
            "M": {"Type": "Map", "ItemsPath": "$.list",
                  "ItemProcessor": {"StartAt": "Inner", "States": {"Inner": {
                      "Type": "Pass", "Parameters": {"outer.$": "$x"}, "Assign": {"inner": 1}, "End": true}}},
                  "ResultPath": "$.m", "Next": "After"},
            "After": {"Type": "Pass", "Parameters": {"x.$": "$x", "m.$": "$.m"}, "End": true}}}),
        json!({}),
    );
    assert_eq!(exec.output, Some(json!({"x": 2, "m": [{"outer": 2}]})));
    assert_eq!(
        exec.output_of("Use"),
        Some(json!({"x": 1, "list": [0]})),
        "Use saw x before its own Assign"
    );
    let steps = exec.steps();
    assert_eq!(
        steps[0].assigned,
        Some(serde_json::from_value(json!({"x": 1})).unwrap())
    );
}

struct TinyJsonata;

impl sfn_sim::jsonata::JsonataEngine for TinyJsonata {
    fn evaluate(
        &self,
        expression: &str,
        bindings: &sfn_sim::jsonata::Bindings,
    ) -> Result<Option<Value>, sfn_sim::jsonata::JsonataError> {
        // `$states.a.b` or `$name` paths only: enough to test the plumbing.
        let mut parts = expression.trim_start_matches('$').split('.');
        let mut v = bindings.get(parts.next().unwrap_or_default()).cloned();
        for p in parts {
            v = v.and_then(|v| v.get(p).cloned());
        }
        Ok(v)
    }
}

#[test]
fn jsonata_states_run_through_the_plugged_engine() {
    let m = machine(
        json!({"QueryLanguage": "JSONata", "StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "r", "Arguments": {"id": "{% $states.input.id %}", "lit": 1},
              "Output": {"res": "{% $states.result %}", "id": "{% $states.input.id %}"},
              "Assign": {"saved": "{% $states.result.v %}"}, "Next": "P"},
        "P": {"Type": "Pass", "Output": "{% $saved %}", "End": true}}}),
    );
    // `T` answers `{"v": its arguments}`.
    let run = |sim: Simulator| {
        sim.mock_task(
            "T",
            Mock::from_fn(|call| Ok(json!({"v": call.parameters.clone()}))),
        )
        .run(json!({"id": 9}))
        .unwrap()
    };
    let exec = run(Simulator::new(&m).jsonata(TinyJsonata));
    assert_eq!(exec.output, Some(json!({"id": 9, "lit": 1})));
    assert_eq!(
        exec.output_of("T"),
        Some(json!({"res": {"v": {"id": 9, "lit": 1}}, "id": 9}))
    );

    // Without an engine of its own, the simulator uses the built-in one.
    let exec = run(Simulator::new(&m));
    assert_eq!(exec.output, Some(json!({"id": 9, "lit": 1})));
}

#[test]
fn a_jsonata_expression_that_gives_nothing_fails_naming_its_field() {
    let m = machine(
        json!({"QueryLanguage": "JSONata", "StartAt": "P", "States": {
        "P": {"Type": "Pass", "Output": {"list": [1, {"v": "{% $states.input.absent %}"}]}, "End": true}}}),
    );
    let exec = Simulator::new(&m)
        .jsonata(TinyJsonata)
        .run(json!({}))
        .unwrap();
    assert_failed(
        &exec,
        "States.QueryEvaluationError",
        "An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression '$states.input.absent' specified for the field 'Output/list[1]/v' returned nothing (undefined).",
    );
}
