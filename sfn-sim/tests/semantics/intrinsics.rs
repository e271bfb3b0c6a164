//! The `States.*` intrinsic functions: results and failures.

use crate::common::*;
use serde_json::json;

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
