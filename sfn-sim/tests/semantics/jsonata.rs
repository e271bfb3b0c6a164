//! The built-in JSONata engine (`CoreEngine`): AWS's functions, what AWS leaves out, errors,
//! undefined results, determinism.

use crate::common::*;
use serde_json::{Value, json};
use sfn_sim::jsonata::{Bindings, CoreEngine, JsonataEngine};
use sfn_sim::{Mock, Simulator, Status};
use std::time::Duration;

fn bindings(input: Value) -> Bindings {
    let mut b = Bindings::new();
    b.insert(
        "states".into(),
        json!({"input": input, "context": {"State": {"Name": "S"}}}),
    );
    b.insert("limit".into(), json!(2));
    b
}

/// The value of `expression` on `input` (`None`: undefined); panics on an error.
fn eval(expression: &str, input: Value) -> Option<Value> {
    CoreEngine::new()
        .evaluate(expression, &bindings(input))
        .unwrap_or_else(|e| panic!("{expression}: {e}"))
}

/// The error message of `expression`; panics when it gives a value.
fn eval_err(expression: &str) -> String {
    match CoreEngine::new().evaluate(expression, &bindings(json!({}))) {
        Ok(v) => panic!("{expression} gave {v:?}, not an error"),
        Err(e) => e.message,
    }
}

#[test]
fn states_and_variables_are_bound() {
    let input = json!({"a": 1, "items": [{"n": 1}, {"n": 2}]});
    assert_eq!(
        eval("$states.input.a + $limit", input.clone()),
        Some(json!(3))
    );
    assert_eq!(
        eval("$sum($states.input.items.n)", input.clone()),
        Some(json!(3))
    );
    assert_eq!(eval("$states.context.State.Name", input), Some(json!("S")));
}

#[test]
fn partition() {
    let input = json!({"items": [1, 2, 3, 4, 5]});
    assert_eq!(
        eval("$partition($states.input.items, 2)", input.clone()),
        Some(json!([[1, 2], [3, 4], [5]]))
    );
    assert_eq!(eval("$partition([], 3)", input.clone()), Some(json!([])));
    assert!(eval_err("$partition([1, 2], 0)").starts_with("D3001: "));
}

#[test]
fn range() {
    let input = json!({});
    assert_eq!(
        eval("$range(0, 10, 2)", input.clone()),
        Some(json!([0, 2, 4, 6, 8, 10]))
    );
    assert_eq!(
        eval("$range(3, 1, -1)", input.clone()),
        Some(json!([3, 2, 1]))
    );
    assert_eq!(eval("$range(1, 3)", input.clone()), Some(json!([1, 2, 3])));
    assert_eq!(eval("$range(5, 1, 1)", input), Some(json!([])));
    assert!(eval_err("$range(1, 5, 0)").starts_with("D3001: "));
    assert!(eval_err("$range(1.5, 5, 1)").starts_with("D3001: "));
}

#[test]
fn hash() {
    let input = json!({"content": "hello"});
    assert_eq!(
        eval("$hash($states.input.content, 'SHA-256')", input.clone()),
        Some(json!(
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        ))
    );
    assert_eq!(
        eval("$hash('hello', 'MD5')", input.clone()),
        Some(json!("5d41402abc4b2a76b9719d911017c592"))
    );
    assert_eq!(
        eval("$hash('hello', 'SHA-1')", input),
        Some(json!("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"))
    );
    let err = eval_err("$hash('hello', 'SHA-3')");
    assert!(err.starts_with("D3001: ") && err.contains("SHA-3"), "{err}");
}

#[test]
fn random_is_deterministic_from_the_seed() {
    let b = bindings(json!({}));
    let draw = |seed: u64| {
        let engine = CoreEngine::with_seed(seed);
        let first = engine.evaluate("$random()", &b).unwrap().unwrap();
        let second = engine.evaluate("$random()", &b).unwrap().unwrap();
        (first, second)
    };
    let (a, b2) = draw(1);
    for v in [&a, &b2] {
        let n = v.as_f64().unwrap();
        assert!((0.0..1.0).contains(&n), "{n}");
    }
    assert_ne!(a, b2, "successive draws differ");
    assert_eq!(draw(1), (a.clone(), b2), "the same seed, the same sequence");
    assert_ne!(draw(2).0, a, "another seed, another sequence");
    // With a seed argument, the number depends on that seed only.
    let seeded = |engine_seed: u64, expr: &str| {
        CoreEngine::with_seed(engine_seed)
            .evaluate(expr, &b)
            .unwrap()
            .unwrap()
    };
    assert_eq!(seeded(1, "$random(42)"), seeded(9, "$random(42)"));
    assert_ne!(seeded(1, "$random(42)"), seeded(1, "$random(43)"));
    assert!(eval_err("$random('x')").starts_with("T0410: "));
}

#[test]
fn uuid_is_a_version_4_uuid_from_the_seed() {
    let b = bindings(json!({}));
    let uuid = |seed: u64| {
        CoreEngine::with_seed(seed)
            .evaluate("$uuid()", &b)
            .unwrap()
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    };
    let u = uuid(3);
    let parts: Vec<&str> = u.split('-').collect();
    assert_eq!(
        parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
        [8, 4, 4, 4, 12],
        "{u}"
    );
    assert!(parts[2].starts_with('4'), "version 4: {u}");
    assert!(
        matches!(&parts[3][..1], "8" | "9" | "a" | "b"),
        "variant 1: {u}"
    );
    assert_eq!(uuid(3), u);
    assert_ne!(uuid(4), u);
}

#[test]
fn parse() {
    let input = json!({"text": "{\"a\": [1, 2.5, \"x\"], \"b\": null}"});
    assert_eq!(
        eval("$parse($states.input.text)", input.clone()),
        Some(json!({"a": [1, 2.5, "x"], "b": null}))
    );
    assert_eq!(
        eval("$parse($states.input.text).a[1]", input.clone()),
        Some(json!(2.5))
    );
    assert_eq!(eval("$parse($states.input.absent)", input), None);
    assert!(eval_err("$parse('{oops')").starts_with("D3001: "));
    assert!(eval_err("$parse(1)").starts_with("T0410: "));
}

#[test]
fn eval_is_not_there() {
    assert!(
        eval_err("$eval('1 + 1')").starts_with("T1006: "),
        "AWS offers $parse instead of $eval"
    );
}

#[test]
fn the_operators_of_jsonata_2_1_are_rejected() {
    for expr in [
        "$states.input.x ?? 1",
        "$states.input.x ?: 1",
        "[1, ($a ?? 2)]",
    ] {
        let err = eval_err(expr);
        assert!(
            err.starts_with("S0211: ") && err.contains("JSONata 2.1"),
            "{expr}: {err}"
        );
    }
    // The conditional operator of 2.0 is fine.
    assert_eq!(
        eval("$limit > 1 ? 'big' : 'small'", json!({})),
        Some(json!("big"))
    );
}

#[test]
fn regexes_have_javascript_classes() {
    assert_eq!(
        eval("$replace('a\u{e9}b', /\\w/, 'x')", json!({})),
        Some(json!("x\u{e9}x"))
    );
    assert_eq!(
        eval("$contains('\u{663}', /\\d/)", json!({})),
        Some(json!(false))
    );
    assert_eq!(
        eval("$contains('a7', /[\\d]/)", json!({})),
        Some(json!(true))
    );
    assert_eq!(
        eval("$split('a1b22c', /\\d+/)", json!({})),
        Some(json!(["a", "b", "c"]))
    );
}

#[test]
fn errors_carry_their_jsonata_code() {
    let err = eval_err("$states.input + 1");
    assert!(err.starts_with("T2001: "), "{err}");
    let err = eval_err("'a' & ");
    assert!(err.starts_with("S0"), "a syntax error: {err}");
    let err = eval_err("$unknown(1)");
    assert!(err.starts_with("T1006: "), "{err}");
}

#[test]
fn undefined_is_none() {
    assert_eq!(eval("$states.input.absent", json!({})), None);
    assert_eq!(eval("$states.input.a[5]", json!({"a": [1]})), None);
    // A function is not a JSON value: JSON.stringify gives nothing for it too.
    assert_eq!(eval("function($x) { $x }", json!({})), None);
    // Undefined members of an object are left out.
    assert_eq!(
        eval("{'a': 1, 'b': $states.input.absent}", json!({})),
        Some(json!({"a": 1}))
    );
}

#[test]
fn numbers_are_javascript_numbers() {
    assert_eq!(
        eval("0.1 + 0.2", json!({})),
        Some(json!(0.30000000000000004))
    );
    // An integral result is a JSON integer, as JavaScript writes it.
    let v = eval("10 / 4 * 2", json!({})).unwrap();
    assert_eq!(v.to_string(), "5");
    assert_eq!(eval("$string(1e21)", json!({})), Some(json!("1e+21")));
    assert_eq!(
        eval("$string(1/3)", json!({})),
        Some(json!("0.333333333333333"))
    );
}

#[test]
fn a_runaway_expression_times_out() {
    let engine = CoreEngine::new().timeout(Duration::from_millis(100));
    let err = engine
        .evaluate(
            "($loop := function($n) { $loop($n + 1) }; $loop(0))",
            &bindings(json!({})),
        )
        .unwrap_err();
    assert!(
        err.message.starts_with("D1012: ") || err.message.starts_with("U1001: "),
        "{err}"
    );
}

#[test]
fn the_engine_parses_each_expression_once_and_can_be_shared() {
    fn shared<T: Send + Sync>(_: &T) {}
    let engine = CoreEngine::new();
    shared(&engine);
    let b = bindings(json!({"a": 1}));
    for i in 0..3 {
        assert_eq!(
            engine.evaluate("$states.input.a + $limit", &b).unwrap(),
            Some(json!(3)),
            "evaluation {i}"
        );
    }
    // A parse error is kept too, and stays an error.
    assert!(engine.evaluate("1 +", &b).is_err());
    assert!(engine.evaluate("1 +", &b).is_err());
}

// ---- through the simulator ---------------------------------------------------------------------

#[test]
fn the_simulator_uses_the_built_in_engine_by_default() {
    let m = machine(
        json!({"QueryLanguage": "JSONata", "StartAt": "P", "States": {
        "P": {"Type": "Pass",
              "Output": {"sum": "{% $sum($states.input.n) %}",
                         "chunks": "{% $partition($states.input.n, 2) %}",
                         "id": "{% $uuid() %}"},
              "End": true}}}),
    );
    let run = |seed: u64| {
        Simulator::new(&m)
            .seed(seed)
            .run(json!({"n": [1, 2, 3]}))
            .unwrap()
    };
    let exec = run(0);
    assert_eq!(exec.status, Status::Succeeded);
    let out = exec.output.clone().unwrap();
    assert_eq!(out["sum"], json!(6));
    assert_eq!(out["chunks"], json!([[1, 2], [3]]));
    assert_eq!(run(0).output, exec.output, "a run is repeatable");
    assert_ne!(run(1).output, exec.output, "$uuid() follows the seed");
}

#[test]
fn an_evaluation_error_is_a_query_evaluation_error_with_its_cause() {
    let m = machine(
        json!({"QueryLanguage": "JSONata", "StartAt": "P", "States": {
        "P": {"Type": "Pass", "Output": {"x": "{% $states.input.a + 1 %}"}, "End": true}}}),
    );
    let exec = Simulator::new(&m).run(json!({"a": "one"})).unwrap();
    assert_eq!(exec.status, Status::Failed);
    assert_failed(
        &exec,
        "States.QueryEvaluationError",
        "An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression '$states.input.a + 1' specified for the field 'Output/x' threw an error during evaluation. T2001: The left side of the + operator must evaluate to a number",
    );

    // It can be caught like any error.
    let m = machine(
        json!({"QueryLanguage": "JSONata", "StartAt": "P", "States": {
        "P": {"Type": "Task", "Resource": "r", "Arguments": {"x": "{% $eval('1') %}"}, "End": true,
              "Catch": [{"ErrorEquals": ["States.QueryEvaluationError"], "Next": "Caught",
                         "Output": "{% $states.errorOutput.Error %}"}]},
        "Caught": {"Type": "Pass", "End": true}}}),
    );
    let exec = Simulator::new(&m)
        .default_mock(Mock::value(json!(1)))
        .run(json!({}))
        .unwrap();
    assert_eq!(exec.output, Some(json!("States.QueryEvaluationError")));
}

#[test]
fn an_expression_that_gives_nothing_fails_the_state() {
    let m = machine(
        json!({"QueryLanguage": "JSONata", "StartAt": "P", "States": {
        "P": {"Type": "Pass", "Output": {"v": "{% $states.input.absent %}"}, "End": true}}}),
    );
    let exec = Simulator::new(&m).run(json!({})).unwrap();
    assert_failed(
        &exec,
        "States.QueryEvaluationError",
        "An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression '$states.input.absent' specified for the field 'Output/v' returned nothing (undefined).",
    );
}

#[test]
fn now_and_millis_are_on_the_virtual_clock() {
    let mut b = Bindings::new();
    b.insert(
        "states".into(),
        json!({"input": {}, "context": {"State": {"EnteredTime": "2024-03-05T06:07:08.009Z"}}}),
    );
    let engine = CoreEngine::new();
    let eval = |expr: &str| engine.evaluate(expr, &b).unwrap().unwrap();
    assert_eq!(eval("$now()"), json!("2024-03-05T06:07:08.009Z"));
    assert_eq!(eval("$millis()"), json!(1_709_618_828_009_i64));
    assert_eq!(eval("$now('[Y0001]-[M01]-[D01]')"), json!("2024-03-05"));
    assert_eq!(eval("$toMillis($now()) = $millis()"), json!(true));

    // In a run: the time the state was entered.
    let m = machine(
        json!({"QueryLanguage": "JSONata", "StartAt": "W", "States": {
        "W": {"Type": "Wait", "Seconds": 90, "Next": "P"},
        "P": {"Type": "Pass", "Output": "{% $now() %}", "End": true}}}),
    );
    let exec = Simulator::new(&m).run(json!({})).unwrap();
    assert_eq!(exec.output, Some(json!("2024-01-01T00:01:30.000Z")));
}
