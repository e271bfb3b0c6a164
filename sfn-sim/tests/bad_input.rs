//! Bad input never panics and every run ends: arbitrary mock files, intrinsic functions on
//! arbitrary argument types, and loops that never reach a terminal state. Each gives an
//! execution (AWS's error where AWS would fail) or a simulation error.

use proptest::prelude::*;
use serde_json::{Value, json};
use sfn_dsl::model::StateMachine;
use sfn_dsl::path::IntrinsicFn;
use sfn_sim::{Mock, SimError, Simulator, Status};

/// Arbitrary JSON, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        "[a-zA-Z0-9 .$\\-{}\\[\\]]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[A-Za-z0-9-]{1,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A machine whose one Task state is called `Call`.
fn one_task() -> StateMachine {
    StateMachine::from_json(
        r#"{"StartAt": "Call", "States": {"Call": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#,
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// A malformed `MockConfigFile.json` is a `MockConfig` error, never a panic; a well-formed
    /// one that answers the task runs.
    #[test]
    fn arbitrary_mock_files_are_errors_or_mocks(file in json_value(), response in json_value()) {
        let machine = one_task();
        if let Err(e) = Simulator::new(&machine).mock_config(&file, "M", "T") {
            prop_assert!(matches!(e, SimError::MockConfig(_)), "{e}");
            prop_assert!(!e.to_string().is_empty());
        }
        let config = json!({
            "StateMachines": {"M": {"TestCases": {"T": {"Call": "R"}}}},
            "MockedResponses": {"R": {"0": {"Return": response.clone()}}}
        });
        let exec = Simulator::new(&machine)
            .mock_config(&config, "M", "T")
            .expect("a well-formed mock file")
            .run(json!({}));
        // Small responses (far below AWS's payload limit) come back as the task's result.
        let exec = exec.expect("the task is mocked");
        prop_assert_eq!(exec.status, Status::Succeeded);
        prop_assert_eq!(exec.output, Some(response));
    }

    /// Every intrinsic function with arbitrary arguments (literals of any type, paths into an
    /// arbitrary input) fails with AWS's `States.…` error or succeeds; it never panics.
    #[test]
    fn intrinsics_on_any_argument_types(
        which in 0..IntrinsicFn::ALL.len(),
        args in prop::collection::vec(prop_oneof![
            Just("$.a".to_string()),
            Just("$.b[0]".to_string()),
            Just("'text'".to_string()),
            Just("'{}'".to_string()),
            Just("'[1,2]'".to_string()),
            Just("3".to_string()),
            Just("-1.5".to_string()),
            Just("true".to_string()),
            Just("null".to_string()),
        ], 0..4),
        input in json_value(),
    ) {
        let f = IntrinsicFn::ALL[which];
        let call = format!("{}({})", f.name(), args.join(", "));
        let definition = json!({
            "StartAt": "P",
            "States": {"P": {"Type": "Pass", "Parameters": {"r.$": call}, "End": true}}
        });
        // Calls the parser refuses (wrong arity, wrong literal type) are definition errors.
        let Ok(machine) = StateMachine::from_value(&definition) else { return Ok(()); };
        let input = json!({"a": input.clone(), "b": [input]});
        match Simulator::new(&machine).run(input) {
            Ok(exec) => {
                if exec.status == Status::Failed {
                    let error = exec.error.unwrap_or_default();
                    prop_assert!(error.starts_with("States."), "{call}: {error}");
                }
            }
            Err(e) => prop_assert!(!e.to_string().is_empty(), "{call}"),
        }
    }

    /// A loop that never reaches a terminal state ends at the history limit with AWS's error,
    /// whatever the loop's shape and the limit.
    #[test]
    fn endless_loops_end(states in 1usize..6, wait in any::<bool>(), limit in 10usize..400) {
        let mut members = serde_json::Map::new();
        for i in 0..states {
            let next = format!("S{}", (i + 1) % states);
            let state = if wait && i == 0 {
                json!({"Type": "Wait", "Seconds": 1, "Next": next})
            } else {
                json!({"Type": "Pass", "Next": next})
            };
            members.insert(format!("S{i}"), state);
        }
        // Unreachable states and no terminal state are validation errors, not the simulator's
        // business: import without validating.
        let machine = StateMachine::from_value(&json!({"StartAt": "S0", "States": members}));
        let Ok(machine) = machine else { return Ok(()); };
        let exec = Simulator::new(&machine)
            .max_events(limit)
            .run(json!({}))
            .expect("a loop is no simulation error");
        prop_assert_eq!(exec.status, Status::Failed);
        prop_assert!(exec.history.len() <= limit + 2, "{} events", exec.history.len());
    }
}

#[test]
fn a_task_without_mock_names_the_state() {
    let machine = one_task();
    let err = Simulator::new(&machine).run(json!({})).unwrap_err();
    assert!(matches!(err, SimError::UnmockedTask { .. }), "{err}");
    assert!(err.to_string().contains("Call"), "{err}");
    // And a mock makes it run.
    let exec = Simulator::new(&machine)
        .mock_task("Call", Mock::value(json!({"ok": true})))
        .run(json!({}))
        .unwrap();
    assert_eq!(exec.output, Some(json!({"ok": true})));
}
