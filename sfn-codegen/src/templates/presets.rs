//! [`JobPoller`] presets: AWS Batch, SageMaker Pipelines, AWS Glue and a pair of Lambda
//! functions, each with the right calls, status path and status values.

use super::call::Call;
use super::poller::JobPoller;
use super::poller_config::{PollerNames, Statuses};
use sfn_dsl::builder::Resource;
use sfn_dsl::path::{Intrinsic, Path};
use sfn_dsl::payload::PayloadValue;

/// `$.<a>.<b>…` (the presets' fixed paths).
fn path(text: &str) -> Path {
    Path::parse(text).unwrap_or_else(|e| unreachable!("preset path {text}: {e}"))
}

/// A payload object of `(key, value)` pairs.
fn object<const N: usize>(members: [(&str, PayloadValue); N]) -> PayloadValue {
    PayloadValue::object(members)
}

/// Every preset stores the submit result at `$.job` and the latest status response at
/// `$.status`, so the state input travels on unchanged beside them.
impl JobPoller {
    /// AWS Batch: `batch:submitJob` (without `.sync`), then the SDK call `DescribeJobs`
    /// every 30 seconds.
    ///
    /// | state | what it does |
    /// |---|---|
    /// | `Submit Job` | `arn:aws:states:::batch:submitJob` with `JobName` = the execution name, `JobQueue`, `JobDefinition`; keeps `{JobId, JobName}` at `$.job` |
    /// | `Get Job Status` | `arn:aws:states:::aws-sdk:batch:describeJobs` for `$.job.JobId`; the response at `$.status` |
    /// | `Job Complete?` | on `$.status.Jobs[0].Status`: `SUCCEEDED`; `FAILED`; in progress `SUBMITTED`, `PENDING`, `RUNNABLE`, `STARTING`, `RUNNING` |
    ///
    /// SDK integrations return the AWS API's fields in PascalCase (`Jobs[0].Status`, not the
    /// CLI's `jobs[0].status`). Change the job name with
    /// `.map_submit(|c| c.parameter("JobName", "nightly-export"))`.
    ///
    /// ```
    /// let m = sfn::templates::JobPoller::batch("etl-queue", "nightly-export:3")
    ///     .build()
    ///     .unwrap();
    /// let json = sfn::serde_json::to_value(&m).unwrap();
    /// assert_eq!(json["States"]["Submit Job"]["Parameters"]["JobQueue"], "etl-queue");
    /// assert_eq!(json["States"]["Job Complete?"]["Choices"][0]["Variable"], "$.status.Jobs[0].Status");
    /// ```
    pub fn batch(
        job_queue: impl Into<PayloadValue>,
        job_definition: impl Into<PayloadValue>,
    ) -> Self {
        let submit = Call::new(Resource::batch_submit_job())
            .parameters(object([
                ("JobName", path("$$.Execution.Name").into()),
                ("JobQueue", job_queue.into()),
                ("JobDefinition", job_definition.into()),
            ]))
            .result_selector(object([
                ("JobId", path("$.JobId").into()),
                ("JobName", path("$.JobName").into()),
            ]))
            .result_path("$.job");
        let status = Call::new(Resource::aws_sdk("batch", "describeJobs"))
            .parameters(object([(
                "Jobs",
                Intrinsic::array([path("$.job.JobId")]).into(),
            )]))
            .result_path("$.status");
        JobPoller::new(
            submit,
            status,
            Statuses::at("$.status.Jobs[0].Status")
                .succeeded(["SUCCEEDED"])
                .failed(["FAILED"])
                .in_progress(["SUBMITTED", "PENDING", "RUNNABLE", "STARTING", "RUNNING"]),
        )
        .comment("Submits an AWS Batch job and polls DescribeJobs until the job succeeds or fails.")
    }

    /// Amazon SageMaker Pipelines: the SDK call `StartPipelineExecution`, then
    /// `DescribePipelineExecution` every 30 seconds (the pattern of seed 000).
    ///
    /// | state | what it does |
    /// |---|---|
    /// | `Start Pipeline Execution` | `arn:aws:states:::aws-sdk:sagemaker:startPipelineExecution` with `PipelineName`; `{PipelineExecutionArn}` at `$.job` |
    /// | `Describe Pipeline Execution` | `…:describePipelineExecution` for `$.job.PipelineExecutionArn`; the response at `$.status` |
    /// | `Pipeline Complete?` | on `$.status.PipelineExecutionStatus`: `Succeeded`; `Failed`, `Stopped`; in progress `Executing`, `Stopping` |
    ///
    /// ```
    /// let m = sfn::templates::JobPoller::sagemaker_pipeline("my-sagemaker-pipeline")
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(m.start_at, "Start Pipeline Execution");
    /// ```
    pub fn sagemaker_pipeline(pipeline_name: impl Into<PayloadValue>) -> Self {
        let submit = Call::new(Resource::aws_sdk("sagemaker", "startPipelineExecution"))
            .parameters(object([("PipelineName", pipeline_name.into())]))
            .result_path("$.job");
        let status = Call::new(Resource::aws_sdk("sagemaker", "describePipelineExecution"))
            .parameters(object([(
                "PipelineExecutionArn",
                path("$.job.PipelineExecutionArn").into(),
            )]))
            .result_path("$.status");
        JobPoller::new(
            submit,
            status,
            Statuses::at("$.status.PipelineExecutionStatus")
                .succeeded(["Succeeded"])
                .failed(["Failed", "Stopped"])
                .in_progress(["Executing", "Stopping"]),
        )
        .names(PollerNames {
            submit: "Start Pipeline Execution".into(),
            status: "Describe Pipeline Execution".into(),
            check: "Pipeline Complete?".into(),
            succeeded: "Pipeline Succeeded".into(),
            failed: "Pipeline Failed".into(),
            unknown_status: "Unknown Pipeline Status".into(),
            timed_out: "Pipeline Poll Limit Reached".into(),
            ..PollerNames::default()
        })
        .comment("Starts a SageMaker pipeline execution and polls DescribePipelineExecution until it succeeds or fails.")
    }

    /// AWS Glue: `glue:startJobRun` (without `.sync`), then the SDK call `GetJobRun` every
    /// 30 seconds.
    ///
    /// | state | what it does |
    /// |---|---|
    /// | `Start Job Run` | `arn:aws:states:::glue:startJobRun` with `JobName`; `{JobRunId}` at `$.job` |
    /// | `Get Job Run` | `arn:aws:states:::aws-sdk:glue:getJobRun` for `JobName` and `$.job.JobRunId`; the response at `$.status` |
    /// | `Job Complete?` | on `$.status.JobRun.JobRunState`: `SUCCEEDED`; `FAILED`, `ERROR`, `TIMEOUT`, `STOPPED`, `EXPIRED`; in progress `STARTING`, `RUNNING`, `STOPPING`, `WAITING` |
    ///
    /// ```
    /// let m = sfn::templates::JobPoller::glue("extract-orders").build().unwrap();
    /// assert_eq!(m.start_at, "Start Job Run");
    /// ```
    pub fn glue(job_name: impl Into<String>) -> Self {
        let job_name = job_name.into();
        let submit = Call::new(Resource::glue_start_job_run())
            .parameters(object([("JobName", job_name.as_str().into())]))
            .result_selector(object([("JobRunId", path("$.JobRunId").into())]))
            .result_path("$.job");
        let status = Call::new(Resource::aws_sdk("glue", "getJobRun"))
            .parameters(object([
                ("JobName", job_name.as_str().into()),
                ("RunId", path("$.job.JobRunId").into()),
            ]))
            .result_path("$.status");
        JobPoller::new(
            submit,
            status,
            Statuses::at("$.status.JobRun.JobRunState")
                .succeeded(["SUCCEEDED"])
                .failed(["FAILED", "ERROR", "TIMEOUT", "STOPPED", "EXPIRED"])
                .in_progress(["STARTING", "RUNNING", "STOPPING", "WAITING"]),
        )
        .names(PollerNames {
            submit: "Start Job Run".into(),
            status: "Get Job Run".into(),
            ..PollerNames::default()
        })
        .comment("Starts an AWS Glue job run and polls GetJobRun until it succeeds or fails.")
    }

    /// Two Lambda functions through `arn:aws:states:::lambda:invoke`, each with the console's
    /// default Retry: `submit_function` starts the job, `status_function` reports on it.
    ///
    /// The contract of the two functions:
    ///
    /// | state | gets as `Payload` | its return value is kept at |
    /// |---|---|---|
    /// | `Submit Job` | the state input | `$.job.Payload` |
    /// | `Get Job Status` | `$.job.Payload` (what submit returned) | `$.status.Payload`, which must have a `status` string: `SUCCEEDED`, `FAILED`, or in progress `PENDING`, `RUNNING` |
    ///
    /// ```
    /// use sfn::templates::JobPoller;
    ///
    /// let m = JobPoller::lambda(
    ///     "arn:aws:lambda:eu-west-1:123456789012:function:start-export",
    ///     "arn:aws:lambda:eu-west-1:123456789012:function:export-status",
    /// )
    /// .build()
    /// .unwrap();
    /// let json = sfn::serde_json::to_value(&m).unwrap();
    /// assert_eq!(json["States"]["Get Job Status"]["Parameters"]["Payload.$"], "$.job.Payload");
    /// ```
    pub fn lambda(submit_function: impl Into<String>, status_function: impl Into<String>) -> Self {
        let keep_payload = || object([("Payload", path("$.Payload").into())]);
        let submit = Call::lambda(submit_function)
            .result_selector(keep_payload())
            .result_path("$.job");
        let status = Call::lambda(status_function)
            .parameter("Payload", path("$.job.Payload"))
            .result_selector(keep_payload())
            .result_path("$.status");
        JobPoller::new(
            submit,
            status,
            Statuses::at("$.status.Payload.status")
                .succeeded(["SUCCEEDED"])
                .failed(["FAILED"])
                .in_progress(["PENDING", "RUNNING"]),
        )
        .comment("Starts a job with one Lambda function and polls another until the job succeeds or fails.")
    }
}
