//! `workflow!` and `try_workflow!` through the facade: the machine they build is the one
//! importing the same JSON gives, interpolated Rust values land in their fields with the right
//! `.$` handling, and an interpolated value that makes the machine invalid is reported at run
//! time (`try_workflow!`) or panics at the call (`workflow!`).

use serde_json::json;
use sfn::builder::Resource;
use sfn::path::{Expr, Intrinsic};
use sfn::{Code, StateMachine, path, try_workflow, workflow};

const SUBMIT: &str = "arn:aws:lambda:us-east-1:123456789012:function:submit";

fn value(m: &StateMachine) -> serde_json::Value {
    serde_json::to_value(m).unwrap()
}

#[test]
fn the_issue_example_builds_the_imported_machine() {
    let submit_arn = SUBMIT;
    let status_arn = String::from("arn:aws:lambda:us-east-1:123456789012:function:status");
    let poller = workflow!({
        "StartAt": "Submit Job",
        "States": {
            "Submit Job": { "Type": "Task", "Resource": submit_arn, "ResultPath": "$.guid", "Next": "Wait" },
            "Wait": { "Type": "Wait", "SecondsPath": "$.wait_time", "Next": "Get Job Status" },
            "Get Job Status": { "Type": "Task", "Resource": status_arn,
                "Parameters": { "JobId.$": "$.guid.jobId" }, "ResultPath": "$.status", "Next": "Done?" },
            "Done?": { "Type": "Choice",
                "Choices": [ { "Variable": "$.status", "StringEquals": "SUCCEEDED", "Next": "Ok" } ],
                "Default": "Wait" },
            "Ok": { "Type": "Succeed" }
        }
    });
    let imported = StateMachine::from_value(&json!({
        "StartAt": "Submit Job",
        "States": {
            "Submit Job": { "Type": "Task", "Resource": SUBMIT, "ResultPath": "$.guid", "Next": "Wait" },
            "Wait": { "Type": "Wait", "SecondsPath": "$.wait_time", "Next": "Get Job Status" },
            "Get Job Status": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:status",
                "Parameters": { "JobId.$": "$.guid.jobId" }, "ResultPath": "$.status", "Next": "Done?" },
            "Done?": { "Type": "Choice",
                "Choices": [ { "Variable": "$.status", "StringEquals": "SUCCEEDED", "Next": "Ok" } ],
                "Default": "Wait" },
            "Ok": { "Type": "Succeed" }
        }
    }))
    .unwrap();
    assert_eq!(poller, imported);
    assert_eq!(sfn::to_json_pretty(&poller), sfn::to_json_pretty(&imported));
}

#[test]
fn every_state_type_and_field_family_matches_the_importer() {
    let m = workflow!({
        "Comment": "all state types",
        "TimeoutSeconds": 3600,
        "Version": "1.0",
        "StartAt": "Task",
        "States": {
            "Task": {
                "Type": "Task",
                "Comment": "a task",
                "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Credentials": { "RoleArn": "arn:aws:iam::123456789012:role/r" },
                "InputPath": null,
                "Parameters": {
                    "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q",
                    "MessageBody": { "Token.$": "$$.Task.Token", "Id.$": "States.UUID()", "List": [1, -2, 2.5, true, null, "x", { "a": [] }] }
                },
                "ResultSelector": { "Body.$": "$.body" },
                "ResultPath": "$.result",
                "OutputPath": "$",
                "Assign": { "count": 1, "last.$": "$.result" },
                "TimeoutSeconds": 300,
                "HeartbeatSecondsPath": "$.heartbeat",
                "Retry": [
                    { "ErrorEquals": ["States.Timeout"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 1.5, "MaxDelaySeconds": 10, "JitterStrategy": "FULL" },
                    { "ErrorEquals": ["States.ALL"] }
                ],
                "Catch": [ { "ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed" } ],
                "Next": "Pass"
            },
            "Pass": { "Type": "Pass", "Result": { "a": [1, { "b": null }], "c": -1.25e3 }, "ResultPath": null, "Next": "Wait" },
            "Wait": { "Type": "Wait", "Timestamp": "2026-01-01T00:00:00Z", "Next": "Choice" },
            "Choice": {
                "Type": "Choice",
                "Choices": [
                    { "And": [
                        { "Variable": "$.n", "NumericGreaterThan": 5 },
                        { "Not": { "Variable": "$.s", "StringMatches": "a*" } },
                        { "Variable": "$.t", "TimestampLessThanPath": "$.limit" }
                      ], "Next": "Parallel" },
                    { "Variable": "$.f", "NumericEquals": 2.5, "Next": "Done" },
                    { "Or": [ { "Variable": "$.b", "IsPresent": false } ], "Next": "Done" }
                ],
                "Default": "Failed"
            },
            "Parallel": {
                "Type": "Parallel",
                "Branches": [
                    { "StartAt": "Left", "States": { "Left": { "Type": "Pass", "End": true } } },
                    { "Comment": "right", "StartAt": "Right", "States": { "Right": { "Type": "Succeed" } } }
                ],
                "ResultPath": "$.parallel",
                "Next": "Map"
            },
            "Map": {
                "Type": "Map",
                "ItemReader": {
                    "Resource": "arn:aws:states:::s3:getObject",
                    "ReaderConfig": { "InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["a", "b"], "MaxItems": 10 },
                    "Parameters": { "Bucket": "b", "Key": "k.csv" }
                },
                "ItemBatcher": { "MaxItemsPerBatch": 5 },
                "ItemSelector": { "item.$": "$$.Map.Item.Value" },
                "ItemProcessor": {
                    "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS" },
                    "StartAt": "Each",
                    "States": { "Each": { "Type": "Pass", "End": true } }
                },
                "MaxConcurrency": 10,
                "ToleratedFailurePercentage": 5.5,
                "Label": "items",
                "ResultWriter": {
                    "Resource": "arn:aws:states:::s3:putObject",
                    "Parameters": { "Bucket": "out", "Prefix": "p" },
                    "WriterConfig": { "OutputType": "JSONL", "Transformation": "COMPACT" }
                },
                "Next": "Jsonata"
            },
            "Jsonata": {
                "Type": "Pass",
                "QueryLanguage": "JSONata",
                "Output": { "x": "{% $states.input.x %}" },
                "Next": "Done"
            },
            "Done": { "Type": "Succeed", "OutputPath": "$.result" },
            "Failed": { "Type": "Fail", "Error": "Oops", "CausePath": "States.Format('failed: {}', $.error)" }
        }
    });
    let text = sfn::to_json_pretty(&m);
    let imported = StateMachine::from_json(&text).unwrap();
    assert_eq!(m, imported);
    assert!(sfn::validate(&m).iter().all(|d| !d.is_error()));
}

#[test]
fn interpolated_values_go_where_they_belong() {
    let queue = String::from("https://sqs.us-east-1.amazonaws.com/123456789012/q");
    let minutes = 5;
    let id = path!("$.order.id");
    let uuid = Intrinsic::uuid();
    let resource = Resource::sqs_send_message();
    let m = workflow!({
        "Comment": format!("every {minutes} minutes"),
        "StartAt": "Send",
        "States": {
            "Send": {
                "Type": "Task",
                "Resource": resource,
                "TimeoutSeconds": (60 * minutes),
                "Parameters": {
                    "QueueUrl": queue,
                    "Id": id,
                    "Request.$": uuid,
                    "Pattern": ("$.literally"),
                    "Count": (1 + 2),
                    "Tags": vec!["a", "b"],
                    "Body": json!({ "k": [1, 2] })
                },
                "ResultPath": path!("$.sent"),
                "Retry": [ { "ErrorEquals": [sfn::builder::errors::TASK_FAILED], "MaxAttempts": (2 + 1) } ],
                "Next": "Wait"
            },
            "Wait": { "Type": "Wait", "Seconds": (minutes * 60), "Next": "Check" },
            "Check": {
                "Type": "Choice",
                "Choices": [ { "Variable": path!("$.n"), "NumericEquals": (minutes), "Next": "Done" } ],
                "Default": "Done"
            },
            "Done": { "Type": "Pass", "Result": json!({ "ok": true }), "End": true }
        }
    });
    let v = value(&m);
    let send = &v["States"]["Send"];
    assert_eq!(v["Comment"], "every 5 minutes");
    assert_eq!(send["Resource"], "arn:aws:states:::sqs:sendMessage");
    assert_eq!(send["TimeoutSeconds"], 300);
    assert_eq!(
        send["Parameters"],
        json!({
            "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q",
            "Id.$": "$.order.id",
            "Request.$": "States.UUID()",
            "Pattern": "$.literally",
            "Count": 3,
            "Tags": ["a", "b"],
            "Body": { "k": [1, 2] }
        })
    );
    assert_eq!(send["ResultPath"], "$.sent");
    assert_eq!(
        send["Retry"][0],
        json!({ "ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 3 })
    );
    assert_eq!(v["States"]["Wait"]["Seconds"], 300);
    assert_eq!(v["States"]["Check"]["Choices"][0]["NumericEquals"], 5);
    assert_eq!(v["States"]["Done"]["Result"], json!({ "ok": true }));
}

#[test]
fn try_workflow_reports_an_invalid_interpolated_value() {
    let empty = "";
    let bad_path = "$.a b";
    let err = try_workflow!({
        "StartAt": "A",
        "States": {
            "A": { "Type": "Task", "Resource": empty, "InputPath": bad_path, "End": true }
        }
    })
    .unwrap_err();
    let found: Vec<(Code, &str)> = err.iter().map(|d| (d.code, d.pointer.as_str())).collect();
    assert!(
        found.contains(&(Code::InvalidPath, "/States/A/InputPath")),
        "{err}"
    );
    assert!(
        found.contains(&(Code::StringLength, "/States/A/Resource")),
        "{err}"
    );
}

#[test]
fn try_workflow_runs_the_rules_that_depend_on_interpolated_values() {
    let timeout = 60;
    let token_resource = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
    let err = try_workflow!({
        "StartAt": "A",
        "States": {
            "A": { "Type": "Task", "Resource": token_resource, "TimeoutSeconds": timeout, "HeartbeatSeconds": 60, "End": true }
        }
    })
    .unwrap_err();
    let codes = err.codes();
    assert!(codes.contains(&Code::HeartbeatTimeout), "{err}");
    assert!(codes.contains(&Code::MissingTaskToken), "{err}");
}

#[test]
fn try_workflow_of_a_valid_definition_is_ok() {
    let arn = SUBMIT;
    let m = try_workflow!({
        "StartAt": "A",
        "States": { "A": { "Type": "Task", "Resource": arn, "End": true } }
    })
    .unwrap();
    assert_eq!(value(&m)["States"]["A"]["Resource"], SUBMIT);
    let literal = try_workflow!({ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } });
    assert!(literal.is_ok());
}

#[test]
#[should_panic(expected = "workflow!: the state machine is invalid with its interpolated values")]
fn workflow_panics_when_an_interpolated_value_is_invalid() {
    let empty = String::new();
    let _ = workflow!({
        "StartAt": "A",
        "States": { "A": { "Type": "Task", "Resource": empty, "End": true } }
    });
}

#[test]
fn a_dynamic_key_value_can_be_an_expression_or_text() {
    let from_text = "$.x";
    let expr: Expr = Expr::parse("States.Format('{}', $.y)").unwrap();
    let m = workflow!({
        "StartAt": "A",
        "States": {
            "A": { "Type": "Pass", "Parameters": { "X.$": from_text, "Y.$": expr }, "End": true }
        }
    });
    assert_eq!(
        value(&m)["States"]["A"]["Parameters"],
        json!({ "X.$": "$.x", "Y.$": "States.Format('{}', $.y)" })
    );
}

#[test]
fn the_braces_only_form_and_trailing_commas() {
    let a = workflow! {
        "StartAt": "Done",
        "States": { "Done": { "Type": "Succeed", }, },
    };
    let b = workflow!({ "StartAt": "Done", "States": { "Done": { "Type": "Succeed" } } });
    assert_eq!(a, b);
}

/// The machine of the next test, through `$mac` (with the inner attribute `$attr`): one
/// Task calling the interpolated `$resource`, with no task token in its `Parameters`.
macro_rules! notify_machine {
    ($($mac:ident)::+, $resource:ident $(, #!$attr:tt)?) => {
        $($mac)::+!($(#!$attr)? {
            "StartAt": "Notify",
            "States": {
                "Notify": {
                    "Type": "Task",
                    "Resource": $resource,
                    "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q" },
                    "End": true
                }
            }
        })
    };
}

#[test]
fn the_task_token_rule_waits_for_an_interpolated_resource_and_names_itself() {
    // The rule reads `Resource`, which is interpolated: it runs when the value is known, at
    // the levels set inside the macro (SFN033 warns by default; denied here).
    let resource = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
    let result = notify_machine!(sfn::try_workflow, resource, #![deny(SFN033)]);
    let err = result.expect_err("SFN033 is denied");
    assert_eq!(err.codes(), [sfn::Code::MissingTaskToken]);
    assert_eq!(err.0[0].pointer, "/States/Notify/Resource");

    // At its default level (warn) the same machine builds.
    let machine = notify_machine!(sfn::try_workflow, resource).expect("a warning does not fail");
    assert_eq!(
        sfn::validate(&machine)
            .iter()
            .map(|d| d.code)
            .collect::<Vec<_>>(),
        [sfn::Code::MissingTaskToken]
    );

    // workflow! panics with the rule's code in the message.
    let panic =
        std::panic::catch_unwind(|| notify_machine!(sfn::workflow, resource, #![deny(SFN033)]))
            .expect_err("it panics");
    let message = panic.downcast::<String>().map(|s| *s).unwrap_or_default();
    assert!(message.contains("error[SFN033]"), "{message}");
    assert!(
        message.contains("could only be checked at run time"),
        "{message}"
    );
}
