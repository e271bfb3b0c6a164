//! The simulator's semantics, piece by piece: intrinsics, data flow (`InputPath`,
//! `Parameters`, `ResultSelector`, `ResultPath`, `OutputPath`), Choice, Wait, Retry back-off on
//! the virtual clock, Catch, timeouts, variables, Map, Parallel, mocks and the history.

use serde_json::{Value, json};
use sfn_dsl::model::StateMachine;
use sfn_sim::{EventType, Execution, Mock, SimError, Simulator, Status, Timestamp};

fn machine(definition: Value) -> StateMachine {
    StateMachine::from_json(&definition.to_string()).expect("a valid definition")
}

fn run(definition: Value, input: Value) -> Execution {
    Simulator::new(&machine(definition))
        .run(input)
        .expect("the simulation runs")
}

/// Runs one Pass state whose `Parameters` are `{"r.$": <expr>}` and gives `r`, or the error
/// and cause.
fn eval(expr: &str, input: Value) -> Result<Value, (String, String)> {
    let exec = run(
        json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"r.$": expr}, "End": true}}}),
        input,
    );
    match exec.status {
        Status::Succeeded => Ok(exec.output.unwrap()["r"].clone()),
        _ => Err((exec.error.unwrap(), exec.cause.unwrap())),
    }
}

fn seconds_since_start(exec: &Execution, t: Timestamp) -> f64 {
    (t.as_nanos() - exec.history[0].timestamp.as_nanos()) as f64 / 1e9
}

// ---- intrinsic functions ---------------------------------------------------------------------

#[test]
fn intrinsics_compute_what_aws_computes() {
    let input = json!({
        "n": [1, 2, 3, 4, 5], "dup": [1, 1, "a", "a", {"x": 1}, {"x": 1.0}], "s": "Hello World",
        "obj": {"a": 1, "b": [true, null]}, "json": "{\"k\": [1, 2]}", "a": {"x": 1, "y": 2}, "b": {"y": 3},
        "half": 1.5, "minus_half": -0.5
    });
    let cases = [
        (
            "States.Format('Hi {}, you are {}', $.s, 42)",
            json!("Hi Hello World, you are 42"),
        ),
        (
            "States.Format('{} and {}', $.obj, null)",
            json!("{a=1, b=[true, null]} and null"),
        ),
        (
            "States.Format('literal \\{\\} and {}', 1.5)",
            json!("literal {} and 1.5"),
        ),
        ("States.StringToJson($.json)", json!({"k": [1, 2]})),
        (
            "States.JsonToString($.obj)",
            json!("{\"a\":1,\"b\":[true,null]}"),
        ),
        (
            "States.Array(1, 'two', $.obj.a, null)",
            json!([1, "two", 1, null]),
        ),
        (
            "States.ArrayPartition($.n, 2)",
            json!([[1, 2], [3, 4], [5]]),
        ),
        ("States.ArrayContains($.dup, $.obj.a)", json!(true)),
        ("States.ArrayContains($.n, 9)", json!(false)),
        ("States.ArrayRange(1, 9, 2)", json!([1, 3, 5, 7, 9])),
        ("States.ArrayRange(5, 1, -2)", json!([5, 3, 1])),
        ("States.ArrayGetItem($.n, 4)", json!(5)),
        ("States.ArrayLength($.n)", json!(5)),
        ("States.ArrayUnique($.dup)", json!([1, "a", {"x": 1}])),
        ("States.Base64Encode($.s)", json!("SGVsbG8gV29ybGQ=")),
        (
            "States.Base64Decode('SGVsbG8gV29ybGQ=')",
            json!("Hello World"),
        ),
        (
            "States.Hash($.s, 'MD5')",
            json!("b10a8db164e0754105b7a99be72e3fe5"),
        ),
        (
            "States.Hash($.s, 'SHA-1')",
            json!("0a4d55a8d778e5022fab701977c5d840bbc486d0"),
        ),
        (
            "States.Hash($.s, 'SHA-256')",
            json!("a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e"),
        ),
        ("States.JsonMerge($.a, $.b, false)", json!({"x": 1, "y": 3})),
        ("States.MathAdd($.obj.a, -3)", json!(-2)),
        ("States.MathAdd($.half, 1)", json!(3)),
        ("States.MathAdd($.minus_half, 0)", json!(0)),
        ("States.StringSplit('a,b;;c', ',;')", json!(["a", "b", "c"])),
        (
            "States.ArrayGetItem(States.StringSplit($.s, ' '), States.MathAdd(States.ArrayLength(States.StringSplit($.s, ' ')), -1))",
            json!("World"),
        ),
    ];
    for (expr, want) in cases {
        assert_eq!(eval(expr, input.clone()), Ok(want), "{expr}");
    }
}

#[test]
fn random_intrinsics_are_seeded() {
    let r = eval("States.MathRandom(1, 10)", json!({})).unwrap();
    assert!((1..10).contains(&r.as_i64().unwrap()), "{r}");
    assert_eq!(
        eval("States.MathRandom(1, 10)", json!({})).unwrap(),
        r,
        "same seed, same number"
    );
    let seeded = eval("States.MathRandom(0, 1000, 7)", json!({})).unwrap();
    assert_eq!(
        eval("States.MathRandom(0, 1000, 7)", json!({})).unwrap(),
        seeded
    );
    let uuid = eval("States.UUID()", json!({})).unwrap();
    let uuid = uuid.as_str().unwrap();
    assert_eq!(uuid.len(), 36);
    assert_eq!(&uuid[14..15], "4", "a version 4 UUID: {uuid}");
}

#[test]
fn intrinsic_failures_are_intrinsic_failure_errors() {
    let input = json!({"n": [1, 2], "s": "x", "o": {}});
    let cases = [
        (
            "States.ArrayGetItem($.n, 5)",
            "The index 5 given to States.ArrayGetItem is out of bounds for an array of 2 items.",
        ),
        (
            "States.ArrayLength($.s)",
            "The argument 1 of States.ArrayLength must be an array, but was string (\"x\").",
        ),
        (
            "States.StringToJson('{nope')",
            "The string '{nope' given to States.StringToJson is not valid JSON",
        ),
        ("States.ArrayPartition($.n, $.n[0])", ""),
        (
            "States.JsonMerge($.o, $.n, false)",
            "The argument 2 of States.JsonMerge must be a JSON object, but was array ([1,2]).",
        ),
        (
            "States.Base64Decode('***')",
            "The string '***' given to States.Base64Decode is not valid base64",
        ),
        (
            "States.MathAdd(2147483647, $.s)",
            "The argument 2 of States.MathAdd must be a number, but was string (\"x\").",
        ),
        (
            "States.MathRandom(5, 5)",
            "The start 5 given to States.MathRandom must be less than its end 5.",
        ),
    ];
    for (expr, cause) in cases {
        let result = eval(expr, input.clone());
        if cause.is_empty() {
            assert!(result.is_ok(), "{expr}: {result:?}");
            continue;
        }
        let (error, got) = result.expect_err(expr);
        assert_eq!(error, "States.IntrinsicFailure", "{expr}");
        let prefix =
            "An error occurred while executing the state 'P' (entered at the event id #2). ";
        assert!(
            got.starts_with(prefix) && got[prefix.len()..].starts_with(cause),
            "{expr}: {got}"
        );
    }
    let (error, cause) = eval("States.ArrayLength($.missing)", input).unwrap_err();
    assert_eq!(error, "States.Runtime");
    assert!(cause.ends_with(
        "The JSONPath '$.missing' specified for the field 'r.$' could not be found in the input '{\"n\":[1,2],\"s\":\"x\",\"o\":{}}'"
    ), "{cause}");
}

// ---- data flow ---------------------------------------------------------------------------------

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
        exec.history[2].input,
        Some(json!({"id": 7, "exec": "run-1", "fixed": [1, {"k": 7}]}))
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
    assert_eq!(exec.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        exec.cause.as_deref(),
        Some(
            "An error occurred while executing the state 'B' (entered at the event id #4). Invalid path '$.nope' : No results for path: $['nope']"
        )
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

// ---- Choice, Wait, Fail --------------------------------------------------------------------------

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

// ---- Retry, Catch, timeouts --------------------------------------------------------------------

fn flaky_task(retry: Value) -> StateMachine {
    machine(json!({"StartAt": "T", "States": {"T": {
        "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
        "Retry": retry, "End": true}}}))
}

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

// ---- mocks -------------------------------------------------------------------------------------

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

// ---- Map, Parallel, variables -------------------------------------------------------------------

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

// ---- JSONata seam ------------------------------------------------------------------------------

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
    let exec = Simulator::new(&m)
        .jsonata(TinyJsonata)
        .mock_task(
            "T",
            Mock::from_fn(|call| Ok(json!({"v": call.parameters.clone()}))),
        )
        .run(json!({"id": 9}))
        .unwrap();
    assert_eq!(exec.output, Some(json!({"id": 9, "lit": 1})));
    assert_eq!(
        exec.output_of("T"),
        Some(json!({"res": {"v": {"id": 9, "lit": 1}}, "id": 9}))
    );

    let err = Simulator::new(&m)
        .mock_task("T", Mock::value(json!(1)))
        .run(json!({}))
        .unwrap_err();
    assert!(matches!(err, SimError::Unsupported { .. }), "{err}");
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
fn string_to_json_reads_what_aws_reads() {
    for (text, want) in [
        ("", json!(null)),
        (" ", json!(null)),
        ("null", json!(null)),
        ("-0", json!(0)),
        ("1.1", json!(1.1)),
        ("\"x\"", json!("x")),
    ] {
        assert_eq!(
            eval("States.StringToJson($.s)", json!({"s": text})),
            Ok(want),
            "{text:?}"
        );
    }
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

#[test]
fn a_missing_context_path_shows_the_context_object() {
    let (error, cause) = eval("$$.Execution.Nope", json!({"in": 1})).unwrap_err();
    assert_eq!(error, "States.Runtime");
    assert!(cause.contains("The JSONPath '$$.Execution.Nope' specified for the field 'r.$' could not be found in the input '{\"Execution\":{"), "{cause}");
    let (_, cause) = eval("States.Format('{}', $$.Nope)", json!({})).unwrap_err();
    assert!(
        cause.contains("could not be found in the input '{\"Execution\":{"),
        "{cause}"
    );
}
