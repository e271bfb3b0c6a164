//! Golden JSON of the builder: every state type and field group, compared with what one
//! would write by hand.

use serde_json::json;
use sfn_dsl::builder::*;
use sfn_dsl::model::{JitterStrategy, QueryLanguage, StateMachine};
use sfn_dsl::path::Intrinsic;
use sfn_dsl::payload;

mod common;
use common::{built, j, one, p};

#[test]
fn machine_level_fields() {
    let mut m = StateMachine::builder();
    m.comment("top").timeout_seconds(3600).version("1.0");
    let a = m.declare("A");
    let b = m.declare("B");
    m.start_at(b);
    m.define(a, Succeed::new());
    m.define(b, Pass::new().next(a));
    let json = built(m);
    assert_eq!(
        json,
        json!({
            "Comment": "top",
            "StartAt": "B",
            "TimeoutSeconds": 3600,
            "Version": "1.0",
            "States": {
                "A": { "Type": "Succeed" },
                "B": { "Type": "Pass", "Next": "A" }
            }
        })
    );
    // Declaration order is the order of `States`, whatever the order of `define`.
    let names: Vec<&str> = json["States"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(names, ["A", "B"]);
}

#[test]
fn task_with_every_jsonpath_field() {
    let mut m = StateMachine::builder();
    let work = m.declare("Work");
    let failed = m.declare("Failed");
    m.define(
        work,
        Task::new(Resource::lambda_invoke())
            .comment("does the work")
            .query_language(QueryLanguage::JsonPath)
            .credentials(payload! { "RoleArn": "arn:aws:iam::123456789012:role/worker" })
            .input_path("$.input")
            .parameters(payload! {
                "FunctionName": "worker",
                "Payload": { "id": p("$.id"), "token": p("$$.Task.Token"), "n": 3 },
            })
            .result_selector(payload! { "body": p("$.Payload.body") })
            .result_path("$.result")
            .output_path("$.result")
            .assign(payload! { "lastId": p("$.id") })
            .timeout_seconds(300)
            .heartbeat_seconds(60)
            .retry(
                Retry::on([errors::TASK_FAILED])
                    .comment("flaky")
                    .interval_seconds(2)
                    .max_attempts(6)
                    .backoff_rate(1.5)
                    .max_delay_seconds(30)
                    .jitter(JitterStrategy::Full),
            )
            .catch(
                Catch::on([errors::TIMEOUT])
                    .comment("too slow")
                    .result_path("$.error")
                    .assign(payload! { "failed": true })
                    .next(failed),
            )
            .end(),
    );
    m.define(failed, Fail::new());
    let json = built(m);
    assert_eq!(
        json["States"]["Work"],
        json!({
            "Type": "Task",
            "Comment": "does the work",
            "QueryLanguage": "JSONPath",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Credentials": { "RoleArn": "arn:aws:iam::123456789012:role/worker" },
            "InputPath": "$.input",
            "Parameters": {
                "FunctionName": "worker",
                "Payload": { "id.$": "$.id", "token.$": "$$.Task.Token", "n": 3 }
            },
            "ResultSelector": { "body.$": "$.Payload.body" },
            "ResultPath": "$.result",
            "OutputPath": "$.result",
            "Assign": { "lastId.$": "$.id" },
            "TimeoutSeconds": 300,
            "HeartbeatSeconds": 60,
            "Retry": [{
                "Comment": "flaky", "ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 2,
                "MaxAttempts": 6, "BackoffRate": 1.5, "MaxDelaySeconds": 30, "JitterStrategy": "FULL"
            }],
            "Catch": [{
                "Comment": "too slow", "ErrorEquals": ["States.Timeout"], "ResultPath": "$.error",
                "Assign": { "failed": true }, "Next": "Failed"
            }],
            "End": true
        })
    );
}

#[test]
fn task_path_variants_and_nulls() {
    let json = one(Task::new("arn:aws:states:::sqs:sendMessage")
        .timeout_seconds_path("$.timeout")
        .heartbeat_seconds_path("$.heartbeat")
        .input_path_null()
        .result_path_null()
        .output_path_null()
        .end());
    assert_eq!(
        json,
        json!({
            "Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage",
            "InputPath": null,
            "ResultPath": null,
            "OutputPath": null,
            "TimeoutSecondsPath": "$.timeout",
            "HeartbeatSecondsPath": "$.heartbeat",
            "End": true
        })
    );
}

#[test]
fn pass_fields() {
    let json = one(Pass::new()
        .comment("inject")
        .input_path("$.a")
        .result(json!({ "x": [1, 2] }))
        .result_path("$.injected")
        .output_path("$")
        .assign(payload! { "count": 0 })
        .end());
    assert_eq!(
        json,
        json!({
            "Type": "Pass", "Comment": "inject", "InputPath": "$.a", "Result": { "x": [1, 2] },
            "ResultPath": "$.injected", "OutputPath": "$", "Assign": { "count": 0 }, "End": true
        })
    );
    let json = one(Pass::new()
        .parameters(payload! { "id": p("$.id"), "kind": "order" })
        .end());
    assert_eq!(
        json,
        json!({ "Type": "Pass", "Parameters": { "id.$": "$.id", "kind": "order" }, "End": true })
    );
}

#[test]
fn wait_forms() {
    assert_eq!(
        one(Wait::seconds(10).comment("pause").end()),
        json!({ "Type": "Wait", "Comment": "pause", "Seconds": 10, "End": true })
    );
    assert_eq!(
        one(Wait::seconds_path("$.wait_time").end()),
        json!({ "Type": "Wait", "SecondsPath": "$.wait_time", "End": true })
    );
    assert_eq!(
        one(Wait::timestamp("2026-03-01T12:00:00Z").end()),
        json!({ "Type": "Wait", "Timestamp": "2026-03-01T12:00:00Z", "End": true })
    );
    assert_eq!(
        one(Wait::timestamp_path("$.until")
            .input_path("$.in")
            .output_path("$.out")
            .end()),
        json!({ "Type": "Wait", "InputPath": "$.in", "TimestampPath": "$.until", "OutputPath": "$.out", "End": true })
    );
}

#[test]
fn succeed_and_fail() {
    assert_eq!(
        one(Succeed::new()
            .comment("ok")
            .input_path("$.a")
            .output_path("$.b")),
        json!({ "Type": "Succeed", "Comment": "ok", "InputPath": "$.a", "OutputPath": "$.b" })
    );
    assert_eq!(
        one(Fail::new().comment("no").error("Boom").cause("it broke")),
        json!({ "Type": "Fail", "Comment": "no", "Error": "Boom", "Cause": "it broke" })
    );
    let cause = Intrinsic::format("Job {} failed", [p("$.jobId")]).unwrap();
    assert_eq!(
        one(Fail::new().error_path("$.error").cause_path(cause)),
        json!({ "Type": "Fail", "ErrorPath": "$.error", "CausePath": "States.Format('Job {} failed', $.jobId)" })
    );
    assert_eq!(
        one(Fail::new().cause_path("States.Format('x {}', $.y)")),
        json!({ "Type": "Fail", "CausePath": "States.Format('x {}', $.y)" })
    );
}

#[test]
fn choice_rules_default_and_rule_fields() {
    let mut m = StateMachine::builder();
    let check = m.declare("Check");
    let yes = m.declare("Yes");
    let no = m.declare("No");
    m.define(
        check,
        Choice::new()
            .comment("decide")
            .input_path("$.in")
            .output_path("$.out")
            .when(
                Condition::and([
                    Condition::string_equals("$.status", "OK").comment("status"),
                    Condition::numeric_greater_than(p("$.count"), 5),
                ]),
                yes,
            )
            .when(
                Rule::new(Condition::or([
                    Condition::boolean_equals("$.flag", true),
                    Condition::not(Condition::is_present("$.x", true)),
                ]))
                .comment("second")
                .assign(payload! { "picked": "no" }),
                no,
            )
            .default(no),
    );
    m.define(yes, Succeed::new());
    m.define(no, Fail::new());
    let json = built(m);
    assert_eq!(
        json["States"]["Check"],
        json!({
            "Type": "Choice",
            "Comment": "decide",
            "InputPath": "$.in",
            "Choices": [
                {
                    "And": [
                        { "Comment": "status", "Variable": "$.status", "StringEquals": "OK" },
                        { "Variable": "$.count", "NumericGreaterThan": 5 }
                    ],
                    "Next": "Yes"
                },
                {
                    "Comment": "second",
                    "Or": [
                        { "Variable": "$.flag", "BooleanEquals": true },
                        { "Not": { "Variable": "$.x", "IsPresent": true } }
                    ],
                    "Assign": { "picked": "no" },
                    "Next": "No"
                }
            ],
            "Default": "No",
            "OutputPath": "$.out"
        })
    );
}

#[test]
fn jsonata_machine() {
    let mut m = StateMachine::builder();
    m.query_language(QueryLanguage::Jsonata);
    let call = m.declare("Call");
    let check = m.declare("Check");
    let each = m.declare("Each");
    let wait = m.declare("Wait");
    let done = m.declare("Done");
    let failed = m.declare("Failed");
    m.define(
        call,
        Task::new(Resource::lambda_invoke())
            .arguments(payload! { "FunctionName": "f", "Payload": j("$states.input") })
            .output(j("$states.result.Payload"))
            .assign(payload! { "attempt": j("$attempt + 1") })
            .timeout_seconds(j("$states.input.timeout"))
            .catch(
                Catch::on([errors::ALL])
                    .output(j("$states.errorOutput"))
                    .next(failed),
            )
            .next(check),
    );
    m.define(
        check,
        Choice::new()
            .when(
                Rule::new(Condition::jsonata(j("$states.input.ok"))).output(j("$states.input")),
                each,
            )
            .when(Condition::constant(false), failed)
            .otherwise(wait),
    );
    m.define(
        each,
        Map::new()
            .items(j("$states.input.items"))
            .item_processor(|proc| {
                let one = proc.declare("One");
                proc.define(one, Pass::new().output(j("$states.input * 2")).end());
            })
            .next(done),
    );
    m.define(wait, Wait::seconds(j("$states.input.delay")).next(call));
    m.define(done, Succeed::new().output(json!({ "ok": true })));
    m.define(
        failed,
        Fail::new().error(j("'E' & $attempt")).cause("failed"),
    );
    let json = built(m);
    assert_eq!(json["QueryLanguage"], "JSONata");
    assert_eq!(
        json["States"]["Call"],
        json!({
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Arguments": { "FunctionName": "f", "Payload": "{% $states.input %}" },
            "Output": "{% $states.result.Payload %}",
            "Assign": { "attempt": "{% $attempt + 1 %}" },
            "TimeoutSeconds": "{% $states.input.timeout %}",
            "Catch": [{ "ErrorEquals": ["States.ALL"], "Output": "{% $states.errorOutput %}", "Next": "Failed" }],
            "Next": "Check"
        })
    );
    assert_eq!(
        json["States"]["Check"]["Choices"],
        json!([
            { "Condition": "{% $states.input.ok %}", "Output": "{% $states.input %}", "Next": "Each" },
            { "Condition": false, "Next": "Failed" }
        ])
    );
    assert_eq!(json["States"]["Each"]["Items"], "{% $states.input.items %}");
    assert_eq!(
        json["States"]["Wait"]["Seconds"],
        "{% $states.input.delay %}"
    );
    assert_eq!(json["States"]["Failed"]["Error"], "{% 'E' & $attempt %}");
}

#[test]
fn per_state_query_language() {
    let json = one(Pass::new()
        .query_language(QueryLanguage::Jsonata)
        .output(j("$states.input.x"))
        .end());
    assert_eq!(
        json,
        json!({ "Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.input.x %}", "End": true })
    );
}

#[test]
fn states_all_entries_go_last() {
    let mut m = StateMachine::builder();
    let work = m.declare("Work");
    let a = m.declare("A");
    let b = m.declare("B");
    let c = m.declare("C");
    m.define(
        work,
        Task::new("arn:aws:states:::lambda:invoke")
            .retry(Retry::on([errors::ALL]).max_attempts(1))
            .retry(Retry::on([errors::TIMEOUT]).max_attempts(2))
            .retry(Retry::on(errors::lambda::TRANSIENT).max_attempts(3))
            .catch(Catch::on([errors::ALL]).next(a))
            .catch(Catch::on([errors::TIMEOUT]).next(b))
            .catch(Catch::on([errors::TASK_FAILED]).result_path("$.e").next(c))
            .end(),
    );
    for s in [a, b, c] {
        m.define(s, Succeed::new());
    }
    let json = built(m);
    let task = &json["States"]["Work"];
    let retry: Vec<i64> = task["Retry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["MaxAttempts"].as_i64().unwrap())
        .collect();
    assert_eq!(retry, [2, 3, 1]);
    assert_eq!(
        task["Retry"][1]["ErrorEquals"],
        json!([
            "Lambda.ServiceException",
            "Lambda.AWSLambdaException",
            "Lambda.SdkClientException",
            "Lambda.TooManyRequestsException"
        ])
    );
    assert_eq!(
        task["Catch"],
        json!([
            { "ErrorEquals": ["States.Timeout"], "Next": "B" },
            { "ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.e", "Next": "C" },
            { "ErrorEquals": ["States.ALL"], "Next": "A" }
        ])
    );
}
