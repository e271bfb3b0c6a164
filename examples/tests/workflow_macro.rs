//! Every example machine written a second way: its ASL pasted into `sfn::workflow!`, the way
//! a team migrating from JSON starts. Each must emit exactly the bytes of the builder version
//! in `sfn_examples::machines` (`sfn::to_json_pretty`, byte for byte, and the same model).
//!
//! The definitions are the seed files of `../shared/seeds/asl/`, pasted unchanged (the three
//! `glue-lambda-sns` seeds through one `macro_rules!` that writes the states they share), with
//! two exceptions:
//! * the batch job poller takes its Lambda ARNs from Rust constants, as interpolated values;
//! * in the SageMaker poller, the two Lambda `Parameters` list `FunctionName` before
//!   `Payload.$`, as the builder's `lambda_invoke` helper writes them; the seed file has them
//!   the other way round. A payload keeps its members in the order written, so this is the one
//!   byte-level difference between the seed and the builder version (which the examples'
//!   seed test compares with the seed file semantically).
//!
//! The callback machine has no seed file (its document describes it in prose): its
//! `workflow!` is the definition the builder generates, `definitions/sagemaker-callback.asl.json`.

use sfn::StateMachine;
use sfn_examples::machines::{self, EXAMPLES};

/// `sagemaker-poller`: `../shared/seeds/asl/seed-000-sagemaker-poller.json` in `workflow!`
/// (`FunctionName` first in `Parameters`, see the module docs).
fn sagemaker_poller() -> StateMachine {
    sfn::workflow!({
      "StartAt": "Prepare Data",
      "States": {
        "Prepare Data": {
          "Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke",
          "OutputPath": "$.Payload",
          "Parameters": {
            "FunctionName": "arn:aws:lambda:us-east-1:111122223333:function:prepare-data:$LATEST",
            "Payload.$": "$"
          },
          "Retry": [
            {
              "ErrorEquals": [
                "Lambda.ServiceException",
                "Lambda.AWSLambdaException",
                "Lambda.SdkClientException",
                "Lambda.TooManyRequestsException"
              ],
              "IntervalSeconds": 2,
              "MaxAttempts": 6,
              "BackoffRate": 2
            }
          ],
          "Next": "StartPipelineExecution"
        },
        "StartPipelineExecution": {
          "Type": "Task",
          "Parameters": {
            "ClientRequestToken": "f1048be316aab7153fb0b5c266359571",
            "PipelineName": "my-sagemaker-pipeline"
          },
          "Resource": "arn:aws:states:::aws-sdk:sagemaker:startPipelineExecution",
          "Next": "Wait 10 Seconds"
        },
        "Wait 10 Seconds": {
          "Type": "Wait",
          "Next": "DescribePipelineExecution",
          "Seconds": 10
        },
        "DescribePipelineExecution": {
          "Type": "Task",
          "Next": "Job Complete?",
          "Parameters": {
            "PipelineExecutionArn.$": "$.PipelineExecutionArn"
          },
          "Resource": "arn:aws:states:::aws-sdk:sagemaker:describePipelineExecution",
          "InputPath": "$"
        },
        "Job Complete?": {
          "Type": "Choice",
          "Choices": [
            {
              "Variable": "$.PipelineExecutionStatus",
              "StringEquals": "Failed",
              "Next": "Fail"
            },
            {
              "Variable": "$.PipelineExecutionStatus",
              "StringEquals": "Succeeded",
              "Next": "Job Succeeded"
            },
            {
              "Variable": "$.PipelineExecutionStatus",
              "StringEquals": "Stopped",
              "Next": "Fail"
            }
          ],
          "Default": "Wait 10 Seconds"
        },
        "Job Succeeded": {
          "Comment": "Placeholder for a state which handles the success.",
          "Type": "Pass",
          "Next": "Deploy Model"
        },
        "Fail": {
          "Type": "Fail"
        },
        "Deploy Model": {
          "Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke",
          "OutputPath": "$.Payload",
          "Parameters": {
            "FunctionName": "arn:aws:lambda:us-east-1:111122223333:function:deploy-model:$LATEST",
            "Payload.$": "$"
          },
          "Retry": [
            {
              "ErrorEquals": [
                "Lambda.ServiceException",
                "Lambda.AWSLambdaException",
                "Lambda.SdkClientException",
                "Lambda.TooManyRequestsException"
              ],
              "IntervalSeconds": 2,
              "MaxAttempts": 6,
              "BackoffRate": 2
            }
          ],
          "Next": "Success"
        },
        "Success": {
          "Type": "Succeed"
        }
      }
    })
}

/// `sagemaker-callback`: `definitions/sagemaker-callback.asl.json` in `workflow!`.
fn sagemaker_callback() -> StateMachine {
    sfn::workflow!({
      "Comment": "Starts a job that has no status API from a Lambda and waits until the job sends the task token back (SendTaskSuccess / SendTaskFailure).",
      "StartAt": "Prepare Data",
      "States": {
        "Prepare Data": {
          "Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {
            "FunctionName": "arn:aws:lambda:us-east-1:111122223333:function:prepare-data:$LATEST",
            "Payload.$": "$"
          },
          "OutputPath": "$.Payload",
          "Retry": [
            {
              "ErrorEquals": [
                "Lambda.ServiceException",
                "Lambda.AWSLambdaException",
                "Lambda.SdkClientException",
                "Lambda.TooManyRequestsException"
              ],
              "IntervalSeconds": 2,
              "MaxAttempts": 6,
              "BackoffRate": 2
            }
          ],
          "Next": "Start Job and Wait for Callback"
        },
        "Start Job and Wait for Callback": {
          "Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Parameters": {
            "FunctionName": "arn:aws:lambda:us-east-1:111122223333:function:start-job:$LATEST",
            "Payload": {
              "Input.$": "$",
              "TaskToken.$": "$$.Task.Token"
            }
          },
          "TimeoutSeconds": 3600,
          "HeartbeatSeconds": 300,
          "Catch": [
            {
              "ErrorEquals": [
                "States.Timeout",
                "States.HeartbeatTimeout"
              ],
              "ResultPath": "$.error",
              "Next": "Job Timed Out"
            },
            {
              "ErrorEquals": [
                "States.ALL"
              ],
              "ResultPath": "$.error",
              "Next": "Job Failed"
            }
          ],
          "Next": "Deploy Model"
        },
        "Deploy Model": {
          "Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {
            "FunctionName": "arn:aws:lambda:us-east-1:111122223333:function:deploy-model:$LATEST",
            "Payload.$": "$"
          },
          "OutputPath": "$.Payload",
          "Retry": [
            {
              "ErrorEquals": [
                "Lambda.ServiceException",
                "Lambda.AWSLambdaException",
                "Lambda.SdkClientException",
                "Lambda.TooManyRequestsException"
              ],
              "IntervalSeconds": 2,
              "MaxAttempts": 6,
              "BackoffRate": 2
            }
          ],
          "Next": "Success"
        },
        "Job Timed Out": {
          "Type": "Fail",
          "Error": "JobTimedOut",
          "Cause": "The job sent no heartbeat or callback in time."
        },
        "Job Failed": {
          "Type": "Fail",
          "ErrorPath": "$.error.Error",
          "CausePath": "$.error.Cause"
        },
        "Success": {
          "Type": "Succeed"
        }
      }
    })
}

/// The Lambda functions of the batch job poller, as a Rust program would hold them.
const SUBMIT_JOB: &str = "arn:aws:lambda:eu-central-1:123456789012:function:StepFunctionsSample-JobStatusPol-SubmitJobFunction-1CBAEF68A1X8A";
const CHECK_JOB: &str = "arn:aws:lambda:eu-central-1:123456789012:function:StepFunctionsSample-JobStatusPoll-CheckJobFunction-PXJ28RR8GQ4M";

/// `batch-job-poller`: `../shared/seeds/asl/seed-001-batch-job-poller.json` in `workflow!`.
fn batch_job_poller() -> StateMachine {
    sfn::workflow!({
      "Comment": "A state machine that submits a Job to AWS Batch and monitors the Job until it completes.",
      "StartAt": "Submit Job",
      "States": {
        "Submit Job": {
          "Type": "Task",
          "Resource": SUBMIT_JOB,
          "ResultPath": "$.guid",
          "Next": "Wait X Seconds"
        },
        "Wait X Seconds": {
          "Type": "Wait",
          "SecondsPath": "$.wait_time",
          "Next": "Get Job Status"
        },
        "Get Job Status": {
          "Type": "Task",
          "Resource": CHECK_JOB,
          "Next": "Job Complete?",
          "InputPath": "$.guid",
          "ResultPath": "$.status"
        },
        "Job Complete?": {
          "Type": "Choice",
          "Choices": [
            {
              "Variable": "$.status",
              "StringEquals": "FAILED",
              "Next": "Job Failed"
            },
            {
              "Variable": "$.status",
              "StringEquals": "SUCCEEDED",
              "Next": "Get Final Job Status"
            }
          ],
          "Default": "Wait X Seconds"
        },
        "Job Failed": {
          "Type": "Fail",
          "Cause": "AWS Batch Job Failed",
          "Error": "DescribeJob returned FAILED"
        },
        "Get Final Job Status": {
          "Type": "Task",
          "Resource": CHECK_JOB,
          "InputPath": "$.guid",
          "End": true
        }
      }
    })
}

/// `nested-map-check-job`: `../shared/seeds/asl/seed-002-cdk-derived.json` in `workflow!`.
fn nested_map_check_job() -> StateMachine {
    sfn::workflow!({
      "Comment": "Hand-translated from the CDK TypeScript in seed 002 (no ASL JSON in the seed itself). Approximates what CDK v1 sfn/tasks would synthesize.",
      "TimeoutSeconds": 3600,
      "StartAt": "Split Map",
      "States": {
        "Split Map": {
          "Type": "Map",
          "MaxConcurrency": 0,
          "Iterator": {
            "StartAt": "Split Job",
            "States": {
              "Split Job": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "InputPath": "$",
                "OutputPath": "$.Payload",
                "Parameters": {
                  "FunctionName": "arn:aws:lambda:ap-southeast-2:123456789012:function:SplitterFunc",
                  "Payload.$": "$"
                },
                "Retry": [
                  {
                    "ErrorEquals": ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"],
                    "IntervalSeconds": 2,
                    "MaxAttempts": 6,
                    "BackoffRate": 2
                  }
                ],
                "Next": "Calc Map"
              },
              "Calc Map": {
                "Type": "Map",
                "MaxConcurrency": 0,
                "Iterator": {
                  "StartAt": "Calc Job",
                  "States": {
                    "Calc Job": {
                      "Type": "Task",
                      "Resource": "arn:aws:states:::lambda:invoke",
                      "OutputPath": "$.Payload.SHAH_HASH",
                      "Parameters": {
                        "FunctionName": "arn:aws:lambda:ap-southeast-2:123456789012:function:clmath",
                        "Payload.$": "$"
                      },
                      "End": true
                    }
                  }
                },
                "Next": "Check Job"
              },
              "Check Job": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "InputPath": "$",
                "OutputPath": "$",
                "Parameters": {
                  "FunctionName": "arn:aws:lambda:ap-southeast-2:123456789012:function:ReducerFunc",
                  "Payload.$": "$"
                },
                "Next": "Choice Func"
              },
              "Choice Func": {
                "Type": "Choice",
                "Choices": [
                  { "Variable": "$.Payload", "BooleanEquals": true, "Next": "Success" },
                  { "Variable": "$.Payload", "BooleanEquals": false, "Next": "Differences found" }
                ]
              },
              "Success": { "Type": "Succeed" },
              "Differences found": { "Type": "Fail" }
            }
          },
          "Next": "FinalSuccess"
        },
        "FinalSuccess": { "Type": "Succeed" }
      }
    })
}

/// The three `glue-lambda-sns` seeds in `workflow!`: the `$start` state and the states of
/// `{ … }`, then the states all three end with, `Fetch Data` and `SNS Notify`, then the states
/// of `then { … }`. With `catching ["State" => "JOB_NAME", …]`, each named Glue job goes on to
/// `Fetch Data` and catches every error into `Notify Error Message`, which comes last, with
/// `Workflow Failure`.
macro_rules! glue_lambda_sns {
    ($start:tt { $($states:tt)* } $(then { $($after:tt)* })?) => {
        sfn::workflow!({
          "StartAt": $start,
          "States": {
            $($states)*
            "Fetch Data": {
              "Type": "Task",
              "Resource": "arn:aws:lambda:REGION:ACCOUNT_ID:function:FUNCTION_NAME",
              "ResultPath": "$.data.lambdaresult",
              "OutputPath": "$.data",
              "Next": "SNS Notify"
            },
            "SNS Notify": {
              "Type": "Task",
              "Resource": "arn:aws:states:::sns:publish",
              "Parameters": {
                "TopicArn": "TOPIC_ARN",
                "Subject": "[SQL QUERY]: Here's your query result",
                "Message.$": "$.data.lambdaresult"
              },
              "End": true
            }
            $(, $($after)*)?
          }
        })
    };
    ($start:tt { $($states:tt)* } catching [$($job:tt => $job_name:tt),*]) => {
        glue_lambda_sns!($start {
            $($states)*
            $($job: {
              "Type": "Task",
              "Resource": "arn:aws:states:::glue:startJobRun.sync",
              "Parameters": {
                "JobName": $job_name
              },
              "Catch": [
                {
                  "ErrorEquals": [
                    "States.ALL"
                  ],
                  "ResultPath": "$.error",
                  "Next": "Notify Error Message"
                }
              ],
              "Next": "Fetch Data"
            },)*
        } then {
            "Notify Error Message": {
              "Type": "Task",
              "Resource": "arn:aws:states:::sns:publish",
              "Parameters": {
                "TopicArn": "TOPIC_ARN",
                "Subject": "[ERROR]: Step Functions workflow failed",
                "Message.$": "$.error"
              },
              "Next": "Workflow Failure"
            },
            "Workflow Failure": {
              "Type": "Fail"
            }
        })
    };
}

/// `glue-lambda-sns`: `../shared/seeds/asl/seed-003-a-glue-lambda-sns.json` in `workflow!`.
fn glue_lambda_sns() -> StateMachine {
    glue_lambda_sns!("Run Glue Job" {
        "Run Glue Job": {
          "Type": "Task",
          "Resource": "arn:aws:states:::glue:startJobRun.sync",
          "Parameters": {
            "JobName": "GLUE_JOB_NAME"
          },
          "Next": "Fetch Data"
        },
    })
}

/// `glue-lambda-sns-catch`: `../shared/seeds/asl/seed-003-b-with-catch.json` in `workflow!`.
fn glue_lambda_sns_catch() -> StateMachine {
    glue_lambda_sns!("Run Glue Job" {} catching ["Run Glue Job" => "GLUE_JOB_NAME"])
}

/// `glue-lambda-sns-choice`: `../shared/seeds/asl/seed-003-c-with-choice.json` in `workflow!`.
fn glue_lambda_sns_choice() -> StateMachine {
    glue_lambda_sns!("Fetch Config" {
        "Fetch Config": {
          "Type": "Task",
          "Resource": "arn:aws:lambda:REGION:ACCOUNT_ID:function:FUNCTION_NAME",
          "ResultPath": "$.data.configuration",
          "OutputPath": "$.data",
          "Next": "Choice Glue"
        },
        "Choice Glue": {
          "Type": "Choice",
          "Choices": [
            {
              "Variable": "$.configuration",
              "StringEquals": "Choice A",
              "Next": "Glue Job A"
            },
            {
              "Variable": "$.configuration",
              "StringEquals": "Choice B",
              "Next": "Glue Job B"
            }
          ],
          "Default": "Glue Job A"
        },
    } catching ["Glue Job A" => "GLUE_JOB_A_NAME", "Glue Job B" => "GLUE_JOB_B_NAME"])
}

/// `distributed-map-s3-json`: `../shared/seeds/asl/seed-004-distributed-map.json` in `workflow!`.
fn distributed_map_s3_json() -> StateMachine {
    sfn::workflow!({
      "Comment": "A description of my state machine",
      "StartAt": "Map",
      "States": {
        "Map": {
          "Type": "Map",
          "ItemProcessor": {
            "ProcessorConfig": {
              "Mode": "DISTRIBUTED",
              "ExecutionType": "STANDARD"
            },
            "StartAt": "Lambda Invoke",
            "States": {
              "Lambda Invoke": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "OutputPath": "$.Payload",
                "Parameters": {
                  "FunctionName": "arn:aws:lambda:us-east-1:878625312159:function:sfn-poc-lbd-1:$LATEST",
                  "Payload.$": "$"
                },
                "Retry": [
                  {
                    "ErrorEquals": [
                      "Lambda.ServiceException",
                      "Lambda.AWSLambdaException",
                      "Lambda.SdkClientException",
                      "Lambda.TooManyRequestsException"
                    ],
                    "IntervalSeconds": 1,
                    "MaxAttempts": 3,
                    "BackoffRate": 2
                  }
                ],
                "End": true
              }
            }
          },
          "End": true,
          "Label": "Map",
          "MaxConcurrency": 1000,
          "ItemReader": {
            "Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {
              "InputType": "JSON"
            },
            "Parameters": {
              "Bucket.$": "$.map_input_s3_bucket",
              "Key.$": "$.map_input_s3_key"
            }
          }
        }
      }
    })
}

/// Builds a machine.
type Build = fn() -> StateMachine;
/// Builds a machine with the builder.
type BuildWithBuilder = fn() -> Result<StateMachine, sfn::Diagnostics>;

/// Each example: its name, the `workflow!` version and the builder version.
const TWINS: &[(&str, Build, BuildWithBuilder)] = &[
    (
        "sagemaker-poller",
        sagemaker_poller,
        machines::sagemaker_poller,
    ),
    (
        "sagemaker-callback",
        sagemaker_callback,
        machines::sagemaker_callback,
    ),
    (
        "batch-job-poller",
        batch_job_poller,
        machines::batch_job_poller,
    ),
    (
        "nested-map-check-job",
        nested_map_check_job,
        machines::nested_map_check_job,
    ),
    (
        "glue-lambda-sns",
        glue_lambda_sns,
        machines::glue_lambda_sns,
    ),
    (
        "glue-lambda-sns-catch",
        glue_lambda_sns_catch,
        machines::glue_lambda_sns_catch,
    ),
    (
        "glue-lambda-sns-choice",
        glue_lambda_sns_choice,
        machines::glue_lambda_sns_choice,
    ),
    (
        "distributed-map-s3-json",
        distributed_map_s3_json,
        machines::distributed_map_s3_json,
    ),
];

#[test]
fn workflow_macro_emits_the_bytes_of_the_builder() {
    let mut failures = Vec::new();
    for (name, with_macro, with_builder) in TWINS {
        let built = with_builder().unwrap_or_else(|e| panic!("{name}: {e}"));
        let expanded = with_macro();
        let (a, b) = (sfn::to_json_pretty(&expanded), sfn::to_json_pretty(&built));
        if a != b {
            failures.push(format!("{name}:\n--- workflow!\n{a}\n--- builder\n{b}"));
        } else if expanded != built {
            failures.push(format!("{name}: same JSON, different models"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_seed_example_has_a_workflow_macro_twin() {
    let twins: Vec<&str> = TWINS.iter().map(|(n, _, _)| *n).collect();
    for e in EXAMPLES.iter().filter(|e| e.seed_asl.is_some()) {
        assert!(
            twins.contains(&e.name),
            "the seed example {} has no workflow! twin here",
            e.name
        );
    }
    for twin in twins {
        assert!(
            EXAMPLES.iter().any(|e| e.name == twin),
            "{twin} is not an example any more"
        );
    }
}
