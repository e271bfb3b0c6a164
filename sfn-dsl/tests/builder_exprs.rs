//! The value-level pieces of the builder: typed intrinsics, resources, conditions and the
//! `payload!` macro.

use serde_json::{Value, json};
use sfn_dsl::builder::*;
use sfn_dsl::model::{StateMachine, Transition};
use sfn_dsl::path::{Arg, Intrinsic, Jsonata, Path};
use sfn_dsl::payload;
use sfn_dsl::payload::PayloadValue;

mod common;
use common::{built, p};

/// `(built, expected)` pairs, one a line: `built => expected;`.
macro_rules! cases {
    ($($built:expr => $expected:expr;)*) => {
        vec![$(($built, $expected)),*]
    };
}

/// `(condition, its rule)` pairs, one a line: `condition => variable, operator: operand;` is the
/// rule `{"Variable": variable, operator: operand}`.
macro_rules! rules {
    ($($condition:expr => $variable:literal, $operator:literal: $operand:expr;)*) => {
        vec![$(($condition, json!({ "Variable": $variable, $operator: $operand }))),*]
    };
}

#[test]
fn typed_intrinsics_render_the_expected_text() {
    let cases: Vec<(Intrinsic, &str)> = cases! {
        Intrinsic::format("Hello {}, you are {}", [Arg::from(p("$.name")), Arg::from(42)]).unwrap() => "States.Format('Hello {}, you are {}', $.name, 42)";
        Intrinsic::format("It's {} {braces}", [p("$.x")]).unwrap() => r"States.Format('It\'s {} \{braces\}', $.x)";
        Intrinsic::string_to_json(p("$.body")).unwrap() => "States.StringToJson($.body)";
        Intrinsic::json_to_string(p("$.obj")) => "States.JsonToString($.obj)";
        Intrinsic::array([Arg::from("a"), Arg::from(1), Arg::from(true), Arg::from(p("$.x"))]) => "States.Array('a', 1, true, $.x)";
        Intrinsic::array_partition(p("$.list"), 4).unwrap() => "States.ArrayPartition($.list, 4)";
        Intrinsic::array_contains(p("$.list"), p("$.v")).unwrap() => "States.ArrayContains($.list, $.v)";
        Intrinsic::array_range(1, 9, 2).unwrap() => "States.ArrayRange(1, 9, 2)";
        Intrinsic::array_get_item(p("$.list"), 0).unwrap() => "States.ArrayGetItem($.list, 0)";
        Intrinsic::array_length(p("$.list")).unwrap() => "States.ArrayLength($.list)";
        Intrinsic::array_unique(p("$.list")).unwrap() => "States.ArrayUnique($.list)";
        Intrinsic::base64_encode("hi").unwrap() => "States.Base64Encode('hi')";
        Intrinsic::base64_decode(p("$.b64")).unwrap() => "States.Base64Decode($.b64)";
        Intrinsic::hash(p("$.data"), "SHA-256").unwrap() => "States.Hash($.data, 'SHA-256')";
        Intrinsic::json_merge(p("$.a"), p("$.b")).unwrap() => "States.JsonMerge($.a, $.b, false)";
        Intrinsic::math_random(1, 100).unwrap() => "States.MathRandom(1, 100)";
        Intrinsic::math_random_seeded(1, 100, p("$.seed")).unwrap() => "States.MathRandom(1, 100, $.seed)";
        Intrinsic::math_add(p("$.n"), -1).unwrap() => "States.MathAdd($.n, -1)";
        Intrinsic::string_split(p("$.csv"), ",").unwrap() => "States.StringSplit($.csv, ',')";
        Intrinsic::uuid() => "States.UUID()";
        Intrinsic::format("{}", [Intrinsic::uuid()]).unwrap() => "States.Format('{}', States.UUID())";
    };
    for (built, text) in cases {
        assert_eq!(built.as_str(), text);
        // What the constructor renders parses back to the same call.
        assert_eq!(
            Intrinsic::parse(text).unwrap().args(),
            built.args(),
            "{text}"
        );
    }
}

#[test]
fn typed_intrinsics_check_their_arguments() {
    assert!(Intrinsic::format("{} {}", [p("$.a")]).is_err());
    assert!(Intrinsic::hash(p("$.d"), "SHA-2").is_err());
    assert!(Intrinsic::array_partition(p("$.l"), 0).is_err());
    assert!(Intrinsic::array_range(1, 5, 0).is_err());
    assert!(Intrinsic::array_length("not an array").is_err());
    assert!(Intrinsic::math_add("x", 1).is_err());
}

#[test]
fn resources() {
    let cases = cases! {
        Resource::lambda_invoke() => "arn:aws:states:::lambda:invoke";
        Resource::lambda_invoke().wait_for_task_token() => "arn:aws:states:::lambda:invoke.waitForTaskToken";
        Resource::lambda_function("arn:aws:lambda:eu-west-1:1:function:f") => "arn:aws:lambda:eu-west-1:1:function:f";
        Resource::service("batch", "submitJob").sync() => "arn:aws:states:::batch:submitJob.sync";
        Resource::batch_submit_job().sync() => "arn:aws:states:::batch:submitJob.sync";
        Resource::glue_start_job_run().sync() => "arn:aws:states:::glue:startJobRun.sync";
        Resource::sagemaker_create_training_job().sync() => "arn:aws:states:::sagemaker:createTrainingJob.sync";
        Resource::sagemaker_create_transform_job() => "arn:aws:states:::sagemaker:createTransformJob";
        Resource::sagemaker("createProcessingJob") => "arn:aws:states:::sagemaker:createProcessingJob";
        Resource::aws_sdk("sagemaker", "describePipelineExecution") => "arn:aws:states:::aws-sdk:sagemaker:describePipelineExecution";
        Resource::sns_publish() => "arn:aws:states:::sns:publish";
        Resource::sqs_send_message().wait_for_task_token() => "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
        Resource::dynamodb_get_item() => "arn:aws:states:::dynamodb:getItem";
        Resource::dynamodb_put_item() => "arn:aws:states:::dynamodb:putItem";
        Resource::dynamodb_update_item() => "arn:aws:states:::dynamodb:updateItem";
        Resource::dynamodb_delete_item() => "arn:aws:states:::dynamodb:deleteItem";
        Resource::ecs_run_task().sync() => "arn:aws:states:::ecs:runTask.sync";
        Resource::step_functions_start_execution().sync2() => "arn:aws:states:::states:startExecution.sync:2";
        Resource::eventbridge_put_events() => "arn:aws:states:::events:putEvents";
        Resource::s3_get_object() => "arn:aws:states:::s3:getObject";
        Resource::activity("arn:aws:states:eu-west-1:1:activity:a") => "arn:aws:states:eu-west-1:1:activity:a";
        Resource::arn("anything") => "anything";
        Resource::from("from-str") => "from-str";
        Resource::from(String::from("from-string")) => "from-string";
    };
    for (r, text) in cases {
        assert_eq!(r.as_str(), text);
        assert_eq!(r.to_string(), text);
    }
}

/// The JSON of the single rule of a Choice testing `condition`.
fn rule(condition: Condition) -> Value {
    let mut m = StateMachine::builder();
    let c = m.declare("C");
    let d = m.declare("D");
    m.define(c, Choice::new().when(condition, d));
    m.define(d, Succeed::new());
    let mut json = built(m)["States"]["C"]["Choices"][0].clone();
    json.as_object_mut().unwrap().remove("Next");
    json
}

#[test]
fn every_comparison_operator() {
    use Condition as C;
    let ts = "2026-01-01T00:00:00Z";
    let cases: Vec<(Condition, Value)> = rules! {
        C::string_equals("$.s", "a") => "$.s", "StringEquals": "a";
        C::string_equals_path("$.s", "$.t") => "$.s", "StringEqualsPath": "$.t";
        C::string_less_than("$.s", "a") => "$.s", "StringLessThan": "a";
        C::string_less_than_path("$.s", "$.t") => "$.s", "StringLessThanPath": "$.t";
        C::string_greater_than("$.s", "a") => "$.s", "StringGreaterThan": "a";
        C::string_greater_than_path("$.s", "$.t") => "$.s", "StringGreaterThanPath": "$.t";
        C::string_less_than_equals("$.s", "a") => "$.s", "StringLessThanEquals": "a";
        C::string_less_than_equals_path("$.s", "$.t") => "$.s", "StringLessThanEqualsPath": "$.t";
        C::string_greater_than_equals("$.s", "a") => "$.s", "StringGreaterThanEquals": "a";
        C::string_greater_than_equals_path("$.s", "$.t") => "$.s", "StringGreaterThanEqualsPath": "$.t";
        C::string_matches("$.s", "log-*.txt") => "$.s", "StringMatches": "log-*.txt";
        C::numeric_equals("$.n", 1) => "$.n", "NumericEquals": 1;
        C::numeric_equals_path("$.n", "$.m") => "$.n", "NumericEqualsPath": "$.m";
        C::numeric_less_than("$.n", 1.5) => "$.n", "NumericLessThan": 1.5;
        C::numeric_less_than_path("$.n", "$.m") => "$.n", "NumericLessThanPath": "$.m";
        C::numeric_greater_than("$.n", -3) => "$.n", "NumericGreaterThan": -3;
        C::numeric_greater_than_path("$.n", "$.m") => "$.n", "NumericGreaterThanPath": "$.m";
        C::numeric_less_than_equals("$.n", 10u64) => "$.n", "NumericLessThanEquals": 10;
        C::numeric_less_than_equals_path("$.n", "$.m") => "$.n", "NumericLessThanEqualsPath": "$.m";
        C::numeric_greater_than_equals("$.n", 0) => "$.n", "NumericGreaterThanEquals": 0;
        C::numeric_greater_than_equals_path("$.n", "$.m") => "$.n", "NumericGreaterThanEqualsPath": "$.m";
        C::boolean_equals("$.b", false) => "$.b", "BooleanEquals": false;
        C::boolean_equals_path("$.b", "$.c") => "$.b", "BooleanEqualsPath": "$.c";
        C::timestamp_equals("$.t", ts) => "$.t", "TimestampEquals": ts;
        C::timestamp_equals_path("$.t", "$.u") => "$.t", "TimestampEqualsPath": "$.u";
        C::timestamp_less_than("$.t", ts) => "$.t", "TimestampLessThan": ts;
        C::timestamp_less_than_path("$.t", "$.u") => "$.t", "TimestampLessThanPath": "$.u";
        C::timestamp_greater_than("$.t", ts) => "$.t", "TimestampGreaterThan": ts;
        C::timestamp_greater_than_path("$.t", "$.u") => "$.t", "TimestampGreaterThanPath": "$.u";
        C::timestamp_less_than_equals("$.t", ts) => "$.t", "TimestampLessThanEquals": ts;
        C::timestamp_less_than_equals_path("$.t", "$.u") => "$.t", "TimestampLessThanEqualsPath": "$.u";
        C::timestamp_greater_than_equals("$.t", ts) => "$.t", "TimestampGreaterThanEquals": ts;
        C::timestamp_greater_than_equals_path("$.t", "$.u") => "$.t", "TimestampGreaterThanEqualsPath": "$.u";
        C::is_null("$.x", true) => "$.x", "IsNull": true;
        C::is_present("$.x", false) => "$.x", "IsPresent": false;
        C::is_numeric("$.x", true) => "$.x", "IsNumeric": true;
        C::is_string("$.x", true) => "$.x", "IsString": true;
        C::is_boolean("$.x", true) => "$.x", "IsBoolean": true;
        C::is_timestamp("$.x", true) => "$.x", "IsTimestamp": true;
        C::string_equals(p("$$.Execution.Name"), "x") => "$$.Execution.Name", "StringEquals": "x";
    };
    for (condition, expected) in cases {
        assert_eq!(rule(condition), expected);
    }
}

#[test]
fn fluent_comparisons_pick_the_operator_from_the_operand() {
    let mut cases: Vec<(Condition, Value)> = rules! {
        p("$.s").equals("x") => "$.s", "StringEquals": "x";
        p("$.s").equals(String::from("x")) => "$.s", "StringEquals": "x";
        p("$.n").equals(3) => "$.n", "NumericEquals": 3;
        p("$.b").equals(true) => "$.b", "BooleanEquals": true;
        p("$.n").less_than(2.5) => "$.n", "NumericLessThan": 2.5;
        p("$.s").greater_than("m") => "$.s", "StringGreaterThan": "m";
        p("$.n").less_than_equals(7i64) => "$.n", "NumericLessThanEquals": 7;
        p("$.t").greater_than_equals(Timestamp("2026-01-01T00:00:00Z".into())) => "$.t", "TimestampGreaterThanEquals": "2026-01-01T00:00:00Z";
        p("$.s").matches("a*") => "$.s", "StringMatches": "a*";
    };
    cases.push((
        !p("$.s").equals("x"),
        json!({ "Not": { "Variable": "$.s", "StringEquals": "x" } }),
    ));
    for (condition, expected) in cases {
        assert_eq!(rule(condition), expected);
    }
}

#[test]
fn payload_macro_shapes() {
    let token = Path::context().field("Task").field("Token");
    let value = payload! {
        "JobId": p("$.guid.jobId"),
        "Region": "eu-west-1",
        "Count": 3,
        "Ratio": 0.5,
        "Big": 5_000_000_000u64,
        "Flag": false,
        "Null": null,
        "Literal": json!({ "a": [1, 2] }),
        "Nested": { "Token": token, "Deeper": { "Id": Intrinsic::uuid() } },
        "List": [1, "two", p("$.three"), { "four": p("$.four") }, [5], null],
        "Empty": {},
        "Jsonata": Jsonata::new("$x").unwrap(),
        "Expr": sfn_dsl::path::Expr::parse("States.Format('{}', $.x)").unwrap(),
        "Vec": vec!["a", "b"],
    };
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        json!({
            "JobId.$": "$.guid.jobId",
            "Region": "eu-west-1",
            "Count": 3,
            "Ratio": 0.5,
            "Big": 5_000_000_000u64,
            "Flag": false,
            "Null": null,
            "Literal": { "a": [1, 2] },
            "Nested": { "Token.$": "$$.Task.Token", "Deeper": { "Id.$": "States.UUID()" } },
            "List": [1, "two", "$.three", { "four.$": "$.four" }, [5], null],
            "Empty": {},
            "Jsonata": "{% $x %}",
            "Expr.$": "States.Format('{}', $.x)",
            "Vec": ["a", "b"]
        })
    );
    assert_eq!(payload! {}, PayloadValue::Object(Vec::new()));
    // A trailing comma or none, the same thing.
    assert_eq!(payload! { "a": 1 }, payload! { "a": 1, });
}

#[test]
fn handles_are_copy_and_know_their_names() {
    let mut m = StateMachine::builder();
    let a = m.declare("A");
    let copy = a;
    assert_eq!(a, copy);
    assert_eq!(m.name(copy), Some("A"));
    m.define(a, Pass::new().next(copy))
        .define(copy, Pass::new().end());
    // The second definition is ignored and reported.
    let err = m.build().unwrap_err();
    assert_eq!(err.0[0].pointer, "/States/A");
}

#[test]
fn the_model_is_what_the_builder_built() {
    let mut m = StateMachine::builder();
    let a = m.declare("A");
    let b = m.declare("B");
    m.define(a, Pass::new().next(b));
    m.define(b, Pass::new().end());
    let machine = m.build().unwrap();
    assert_eq!(machine.start_at, "A");
    assert_eq!(
        machine.states.get("A").unwrap().transition(),
        Some(&Transition::Next("B".into()))
    );
    assert_eq!(
        machine.states.get("B").unwrap().transition(),
        Some(&Transition::End)
    );
}
