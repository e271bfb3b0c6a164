//! Every workflow of the seed documents, written with the `sfn` builder.
//!
//! One module per seed workflow; each machine is a plain function returning
//! `Result<StateMachine, Diagnostics>` (the result of [`build`](sfn::builder::MachineBuilder::build)).
//! [`EXAMPLES`] lists them with the file stem they are generated to, and [`all`] builds them.
//!
//! This module is compiled twice: as `sfn_examples::machines` (the library, used by the main
//! job and the tests) and inside `build.rs` through `#[path = "src/machines/mod.rs"]`, which
//! writes `definitions/<name>.asl.json`. It therefore depends only on `sfn`.
//!
//! The last three examples are the one-call shortcuts of [`sfn::templates`].

use sfn::builder::{NoTransition, Resource, Retry, Task, errors};
use sfn::{Diagnostics, StateMachine, path, payload};

mod batch_job_poller;
mod distributed_map_s3_json;
mod glue_lambda_sns;
mod nested_map_check_job;
mod sagemaker_callback;
mod sagemaker_poller;
mod templates;

pub use batch_job_poller::batch_job_poller;
pub use distributed_map_s3_json::distributed_map_s3_json;
pub use glue_lambda_sns::{glue_lambda_sns, glue_lambda_sns_catch, glue_lambda_sns_choice};
pub use nested_map_check_job::nested_map_check_job;
pub use sagemaker_callback::sagemaker_callback;
pub use sagemaker_poller::sagemaker_poller;
pub use templates::{callback, distributed_map, job_poller};

/// One example: where it is written, where it comes from, and how it is built.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// The file stem: the machine is generated to `definitions/<name>.asl.json`.
    pub name: &'static str,
    /// The seed document it comes from (in `../shared/seeds/docs/`).
    pub document: &'static str,
    /// The hand-extracted ASL in `../shared/seeds/asl/` it must equal, if the document has
    /// one (the callback machine is described in prose only).
    pub seed_asl: Option<&'static str>,
    /// One line on what the workflow does.
    pub summary: &'static str,
    /// Builds the machine.
    pub build: fn() -> Result<StateMachine, Diagnostics>,
}

/// Every example, in seed order.
pub const EXAMPLES: &[Example] = &[
    Example {
        name: "sagemaker-poller",
        document: "000_cab09ce9898ec59e.txt",
        seed_asl: Some("seed-000-sagemaker-poller.json"),
        summary: "start a SageMaker pipeline and poll its status every 10 s (job poller)",
        build: sagemaker_poller,
    },
    Example {
        name: "sagemaker-callback",
        document: "000_cab09ce9898ec59e.txt",
        seed_asl: None,
        summary: "start a job from Lambda and wait for its task-token callback",
        build: sagemaker_callback,
    },
    Example {
        name: "batch-job-poller",
        document: "001_ec61d89033f954ee.txt",
        seed_asl: Some("seed-001-batch-job-poller.json"),
        summary: "submit an AWS Batch job and poll it until it succeeds or fails",
        build: batch_job_poller,
    },
    Example {
        name: "nested-map-check-job",
        document: "002_86ef1044c5181583.txt",
        seed_asl: Some("seed-002-cdk-derived.json"),
        summary: "fan a Lambda out with two nested Maps and check the results agree",
        build: nested_map_check_job,
    },
    Example {
        name: "glue-lambda-sns",
        document: "003_c1d065357b917973.txt",
        seed_asl: Some("seed-003-a-glue-lambda-sns.json"),
        summary: "run a Glue job, query with Lambda, publish the result to SNS",
        build: glue_lambda_sns,
    },
    Example {
        name: "glue-lambda-sns-catch",
        document: "003_c1d065357b917973.txt",
        seed_asl: Some("seed-003-b-with-catch.json"),
        summary: "the same, with a Catch that notifies SNS and fails the execution",
        build: glue_lambda_sns_catch,
    },
    Example {
        name: "glue-lambda-sns-choice",
        document: "003_c1d065357b917973.txt",
        seed_asl: Some("seed-003-c-with-choice.json"),
        summary: "pick Glue job A or B from a Lambda's configuration, then the same",
        build: glue_lambda_sns_choice,
    },
    Example {
        name: "distributed-map-s3-json",
        document: "004_13dd150d7bc6ee2d.txt",
        seed_asl: Some("seed-004-distributed-map.json"),
        summary: "a Distributed Map over a JSON array read from S3, one Lambda per item",
        build: distributed_map_s3_json,
    },
    Example {
        name: "job-poller",
        document: "(template)",
        seed_asl: None,
        summary: "sfn::templates::JobPoller::batch: submit, wait, describe, loop, at most 120 polls",
        build: job_poller,
    },
    Example {
        name: "callback",
        document: "(template)",
        seed_asl: None,
        summary: "sfn::templates::Callback::sqs: wait for a task-token callback with heartbeat",
        build: callback,
    },
    Example {
        name: "distributed-map",
        document: "(template)",
        seed_asl: None,
        summary: "sfn::templates::DistributedMap: S3 JSON items, a Lambda per item, results to S3",
        build: distributed_map,
    },
];

/// Every example, built: `(file stem, machine or findings)`, in seed order.
///
/// This is what `build.rs` and the main job hand to
/// [`Generator::try_machine`](sfn::Generator::try_machine).
pub fn all() -> Vec<(&'static str, Result<StateMachine, Diagnostics>)> {
    EXAMPLES.iter().map(|e| (e.name, (e.build)())).collect()
}

/// The Task the console's "Lambda Invoke" block and CDK's `LambdaInvoke` generate:
/// `arn:aws:states:::lambda:invoke` of `function` with the whole state input as its payload
/// (`"Payload.$": "$"`). The function's result is under `Payload` of the task result. Usable
/// in any scope: `D` is the scope's depth, inferred where the Task is defined.
fn lambda_invoke<'s, D>(function: &str) -> Task<'s, NoTransition, D> {
    Task::new(Resource::lambda_invoke()).parameters(payload! {
        "FunctionName": function,
        "Payload": path!("$"),
    })
}

/// [`lambda_invoke`] as the console writes it: keep the function's result only (`$.Payload`),
/// and retry the transient Lambda errors `max_attempts` times, the first after `interval`
/// seconds, each next one twice as late.
fn invoke_retried<'s, D>(
    function: &str,
    interval: i64,
    max_attempts: i64,
) -> Task<'s, NoTransition, D> {
    lambda_invoke(function)
        .output_path(path!("$.Payload"))
        .retry(
            Retry::on(errors::lambda::TRANSIENT)
                .interval_seconds(interval)
                .max_attempts(max_attempts)
                .backoff_rate(2.0),
        )
}
