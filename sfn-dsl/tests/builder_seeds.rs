//! The seed state machines rebuilt with the builder must equal the hand-written JSON in
//! `../shared/seeds/asl` (semantically: key order free, `2` equals `2.0`).

use serde_json::Value;
use sfn_dsl::builder::*;
use sfn_dsl::model::StateMachine;
use sfn_dsl::path::Path;
use sfn_dsl::payload;
use sfn_test_support::{semantic_diff, shared_dir_with};

fn assert_same_as_seed(machine: &StateMachine, file: &str) {
    let Some(dir) = shared_dir_with(file, &["seeds"]) else {
        return;
    };
    let text = std::fs::read_to_string(dir.join("seeds/asl").join(file)).expect("seed file");
    let expected: Value = serde_json::from_str(&text).unwrap();
    let built = serde_json::to_value(machine).unwrap();
    if let Some(d) = semantic_diff(&built, &expected, "") {
        panic!(
            "{file} differs at {d} (left: the build, right: the file)\nbuilt:\n{}",
            serde_json::to_string_pretty(&built).unwrap()
        );
    }
}

#[test]
fn seed_001_batch_job_poller() {
    const SUBMIT: &str = "arn:aws:lambda:eu-central-1:123456789012:function:StepFunctionsSample-JobStatusPol-SubmitJobFunction-1CBAEF68A1X8A";
    const CHECK: &str = "arn:aws:lambda:eu-central-1:123456789012:function:StepFunctionsSample-JobStatusPoll-CheckJobFunction-PXJ28RR8GQ4M";

    let mut m = StateMachine::builder();
    m.comment(
        "A state machine that submits a Job to AWS Batch and monitors the Job until it completes.",
    );
    let submit = m.declare("Submit Job");
    let wait = m.declare("Wait X Seconds");
    let get_status = m.declare("Get Job Status");
    let complete = m.declare("Job Complete?");
    let failed = m.declare("Job Failed");
    let final_status = m.declare("Get Final Job Status");

    m.define(
        submit,
        Task::new(Resource::lambda_function(SUBMIT))
            .result_path("$.guid")
            .next(wait),
    );
    m.define(wait, Wait::seconds_path("$.wait_time").next(get_status));
    m.define(
        get_status,
        Task::new(Resource::lambda_function(CHECK))
            .input_path("$.guid")
            .result_path("$.status")
            .next(complete),
    );
    m.define(
        complete,
        Choice::new()
            .when(Condition::string_equals("$.status", "FAILED"), failed)
            .when(
                Condition::string_equals("$.status", "SUCCEEDED"),
                final_status,
            )
            .otherwise(wait),
    );
    m.define(
        failed,
        Fail::new()
            .cause("AWS Batch Job Failed")
            .error("DescribeJob returned FAILED"),
    );
    m.define(
        final_status,
        Task::new(Resource::lambda_function(CHECK))
            .input_path("$.guid")
            .end(),
    );

    let machine = m.build().unwrap_or_else(|e| panic!("{e}"));
    assert_same_as_seed(&machine, "seed-001-batch-job-poller.json");
}

#[test]
fn seed_000_sagemaker_poller() {
    /// The Lambda invocation the console generates: `lambda:invoke` with the transient retry.
    fn invoke<'s>(function: &str) -> Task<'s> {
        Task::new(Resource::lambda_invoke())
            .output_path("$.Payload")
            .parameters(payload! { "Payload": Path::input(), "FunctionName": function })
            .retry(
                Retry::on(errors::lambda::TRANSIENT)
                    .interval_seconds(2)
                    .max_attempts(6)
                    .backoff_rate(2.0),
            )
    }

    let mut m = StateMachine::builder();
    let prepare = m.declare("Prepare Data");
    let start = m.declare("StartPipelineExecution");
    let wait = m.declare("Wait 10 Seconds");
    let describe = m.declare("DescribePipelineExecution");
    let complete = m.declare("Job Complete?");
    let succeeded = m.declare("Job Succeeded");
    let fail = m.declare("Fail");
    let deploy = m.declare("Deploy Model");
    let success = m.declare("Success");

    m.define(
        prepare,
        invoke("arn:aws:lambda:us-east-1:111122223333:function:prepare-data:$LATEST").next(start),
    );
    m.define(
        start,
        Task::new(Resource::aws_sdk("sagemaker", "startPipelineExecution"))
            .parameters(payload! {
                "ClientRequestToken": "f1048be316aab7153fb0b5c266359571",
                "PipelineName": "my-sagemaker-pipeline",
            })
            .next(wait),
    );
    m.define(wait, Wait::seconds(10).next(describe));
    m.define(
        describe,
        Task::new(Resource::aws_sdk("sagemaker", "describePipelineExecution"))
            .parameters(
                payload! { "PipelineExecutionArn": Path::parse("$.PipelineExecutionArn").unwrap() },
            )
            .input_path("$")
            .next(complete),
    );
    let status = Path::parse("$.PipelineExecutionStatus").unwrap();
    m.define(
        complete,
        Choice::new()
            .when(status.clone().equals("Failed"), fail)
            .when(status.clone().equals("Succeeded"), succeeded)
            .when(status.equals("Stopped"), fail)
            .otherwise(wait),
    );
    m.define(
        succeeded,
        Pass::new()
            .comment("Placeholder for a state which handles the success.")
            .next(deploy),
    );
    m.define(fail, Fail::new());
    m.define(
        deploy,
        invoke("arn:aws:lambda:us-east-1:111122223333:function:deploy-model:$LATEST").next(success),
    );
    m.define(success, Succeed::new());

    let machine = m.build().unwrap_or_else(|e| panic!("{e}"));
    assert_same_as_seed(&machine, "seed-000-sagemaker-poller.json");
}
