//! Seed 001: the AWS Batch job status poller.

use sfn::builder::{Choice, Condition, Fail, Resource, Task, Wait};
use sfn::{Diagnostics, StateMachine, path};

/// The "Job Status Poller" sample project of the Step Functions console, from seed document
/// `001_ec61d89033f954ee.txt` (`seed-001-batch-job-poller.json`).
///
/// `Submit Job` calls a Lambda that submits an AWS Batch job (its id goes to `$.guid`);
/// `Wait X Seconds` waits the number of seconds in the execution input's `wait_time`;
/// `Get Job Status` calls a second Lambda with the id and stores the status in `$.status`;
/// `Job Complete?` fails the execution on `FAILED`, goes on to `Get Final Job Status` on
/// `SUCCEEDED`, and waits again otherwise.
pub fn batch_job_poller() -> Result<StateMachine, Diagnostics> {
    const SUBMIT_JOB: &str = "arn:aws:lambda:eu-central-1:123456789012:function:StepFunctionsSample-JobStatusPol-SubmitJobFunction-1CBAEF68A1X8A";
    const CHECK_JOB: &str = "arn:aws:lambda:eu-central-1:123456789012:function:StepFunctionsSample-JobStatusPoll-CheckJobFunction-PXJ28RR8GQ4M";

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

    let job_id = path!("$.guid");
    let status = path!("$.status");

    m.define(
        submit,
        Task::new(Resource::lambda_function(SUBMIT_JOB))
            .result_path(job_id.clone())
            .next(wait),
    );
    m.define(
        wait,
        Wait::seconds_path(path!("$.wait_time")).next(get_status),
    );
    m.define(
        get_status,
        Task::new(Resource::lambda_function(CHECK_JOB))
            .input_path(job_id.clone())
            .result_path(status.clone())
            .next(complete),
    );
    m.define(
        complete,
        Choice::new()
            .when(Condition::string_equals(status.clone(), "FAILED"), failed)
            .when(Condition::string_equals(status, "SUCCEEDED"), final_status)
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
        Task::new(Resource::lambda_function(CHECK_JOB))
            .input_path(job_id)
            .end(),
    );
    m.build()
}
