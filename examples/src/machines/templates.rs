//! The three patterns every Step Functions team writes again, from
//! [`sfn::templates`]'s one-call shortcuts with realistic settings.

use sfn::templates::{Callback, DistributedMap, Items, JobPoller, Processor};
use sfn::{Diagnostics, StateMachine};

/// An AWS Batch job poller: submit a job, wait 30 s, describe it, loop while it runs; give
/// up after 120 polls (one hour) with a clear `Fail`.
pub fn job_poller() -> Result<StateMachine, Diagnostics> {
    JobPoller::batch("etl-jobs", "nightly-export:3")
        .max_polls(120)
        .build()
}

/// A human approval through SQS: the task token goes to the queue with the input, the
/// worker has a day to answer and must send a heartbeat every hour.
pub fn callback() -> Result<StateMachine, Diagnostics> {
    Callback::sqs("https://sqs.eu-west-1.amazonaws.com/123456789012/approvals")
        .heartbeat_seconds(3600)
        .timeout_seconds(86_400)
        .build()
}

/// A Distributed Map over a JSON array in S3, one Lambda invocation per item, the results
/// written back to S3; up to 5 % of the items may fail.
pub fn distributed_map() -> Result<StateMachine, Diagnostics> {
    DistributedMap::new(
        Items::s3_json("orders-input", "2026/orders.json"),
        Processor::lambda("arn:aws:lambda:eu-west-1:123456789012:function:process-order"),
    )
    .comment("Processes every order of a JSON file in S3 with a Lambda function.")
    .max_concurrency(500)
    .tolerated_failure_percentage(5.0)
    .label("orders")
    .write_results_to("orders-output", "results/")
    .build()
}
