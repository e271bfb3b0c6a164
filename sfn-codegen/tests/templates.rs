//! The templates (`sfn_codegen::templates`): one JSON snapshot per configuration, each machine
//! also validated with no findings at all; the one-call shortcuts against the seed machines;
//! and (in `templates/errors.rs`) the configurations that must be rejected.
//!
//! Update the snapshots with `INSTA_UPDATE=always cargo test -p sfn-codegen --test templates`
//! (or `cargo insta review`) and read every `.snap`.

mod common;
#[path = "templates/errors.rs"]
mod errors;

use sfn_codegen::templates::{
    Call, Callback, CallbackExits, CsvHeader, DistributedMap, Exit, Items, JobPoller, MapExits,
    PollerExits, PollerNames, Processor, Statuses, UnknownStatus,
};
use sfn_dsl::builder::{
    Choice, Condition, Fail, ItemBatcher, Map, Parallel, Pass, Resource, Succeed, Task,
};
use sfn_dsl::model::{ExecutionType, StateMachine};
use sfn_dsl::path::Path;
use sfn_dsl::payload;

const LAMBDA: &str = "arn:aws:lambda:eu-west-1:123456789012:function";
const QUEUE: &str = "https://sqs.eu-west-1.amazonaws.com/123456789012/approvals";
const TOPIC: &str = "arn:aws:sns:eu-west-1:123456789012:pipeline-events";

fn path(text: &str) -> Path {
    Path::parse(text).unwrap()
}

/// The machine validates with no finding (not even a warning) and matches its snapshot.
macro_rules! check {
    ($name:literal, $machine:expr) => {{
        let machine: StateMachine = $machine;
        let findings = sfn_dsl::validate::validate(&machine);
        assert!(findings.is_empty(), "{}: {findings:#?}", $name);
        insta::assert_snapshot!($name, sfn_codegen::to_json_pretty(&machine));
    }};
}

// ---------------------------------------------------------------- job poller

#[test]
fn poller_batch_shortcut() {
    check!(
        "poller-batch",
        JobPoller::batch("etl-queue", "nightly-export:3")
            .build()
            .unwrap()
    );
}

#[test]
fn poller_sagemaker_with_poll_limit() {
    check!(
        "poller-sagemaker-max-polls",
        JobPoller::sagemaker_pipeline("churn-model-pipeline")
            .wait_seconds(60)
            .max_polls(240)
            .build()
            .unwrap()
    );
}

#[test]
fn poller_glue_keep_polling_seconds_path() {
    check!(
        "poller-glue-keep-polling",
        JobPoller::glue("extract-orders")
            .on_unknown_status(UnknownStatus::KeepPolling)
            .wait_seconds_path("$.pollSeconds")
            .max_polls(100)
            .build()
            .unwrap()
    );
}

#[test]
fn poller_lambda_pair() {
    check!(
        "poller-lambda",
        JobPoller::lambda(
            format!("{LAMBDA}:start-export"),
            format!("{LAMBDA}:export-status")
        )
        .build()
        .unwrap()
    );
}

/// Two pollers in one machine, the first going on to the second (declared before either is
/// defined, so the JSON reads top-down), both failing into one handler.
#[test]
fn poller_two_in_one_machine() {
    let mut m = StateMachine::builder();
    m.comment("Extracts with Glue, then loads with Batch.");
    let extract = JobPoller::glue("extract-orders")
        .max_polls(120)
        .declare(&mut m, "Extract ")
        .unwrap();
    let load = JobPoller::batch("etl-queue", "load-orders:7")
        .map_submit(|c| c.parameter("JobName", "load-orders"))
        .max_polls(120)
        .declare(&mut m, "Load ")
        .unwrap();
    let notify = m.declare("Notify Failure");
    let failed = m.declare("Pipeline Failed");
    let done = m.declare("Done");
    let next = load.entry();
    extract.define(&mut m, PollerExits::new().succeeded(next).failed(notify));
    load.define(&mut m, PollerExits::new().succeeded(done).failed(notify));
    m.define(
        notify,
        Task::new(Resource::sns_publish())
            .parameters(payload! { "TopicArn": TOPIC, "Message": path("$.status") })
            .result_path_null()
            .next(failed),
    );
    m.define(
        failed,
        Fail::new()
            .error("PipelineFailed")
            .cause("A job of the pipeline failed"),
    );
    m.define(done, Succeed::new());
    check!("poller-two-in-one-machine", m.build().unwrap());
}

/// Two pollers running side by side, each in a Parallel branch with the default exits.
#[test]
fn poller_in_parallel_branches() {
    let mut m = StateMachine::builder();
    let both = m.declare("Train And Export");
    let failed = m.declare("Failed");
    m.define(
        both,
        Parallel::new()
            .branch(|b| {
                JobPoller::sagemaker_pipeline("churn-model-pipeline")
                    .max_polls(240)
                    .add_to(b, "Train ", PollerExits::new())
                    .expect("a valid poller");
            })
            .branch(|b| {
                JobPoller::batch("etl-queue", "export-features")
                    .max_polls(240)
                    .add_to(b, "Export ", PollerExits::new())
                    .expect("a valid poller");
            })
            .result_path("$.results")
            .catch(
                sfn_dsl::builder::Catch::on(["States.ALL"])
                    .result_path("$.error")
                    .next(failed),
            )
            .end(),
    );
    m.define(failed, Fail::new().error("TrainingFailed"));
    check!("poller-in-parallel-branches", m.build().unwrap());
}

#[test]
fn poller_counter_variable_follows_the_prefix() {
    for (prefix, variable) in [
        ("Order ", "order_polls"),
        ("3D Render ", "_3d_render_polls"),
        ("", "polls"),
    ] {
        let mut m = StateMachine::builder();
        JobPoller::batch("q", "d")
            .max_polls(3)
            .add_to(&mut m, prefix, PollerExits::new())
            .unwrap();
        let json = serde_json::to_value(m.build().unwrap()).unwrap();
        let submit = &json["States"][format!("{prefix}Submit Job")];
        assert_eq!(submit["Assign"][variable], 0, "{prefix:?}");
    }
}

/// Seed 001 (the AWS Batch sample, two Lambda functions) is the generic poller with the
/// seed's names, `KeepPolling`, and the `succeeded` exit going on to the seed's last Task.
/// The result equals the seed exactly (key order aside).
#[test]
fn poller_reproduces_seed_001() {
    let Some(shared) = common::shared_dir("templates::poller_reproduces_seed_001") else {
        return;
    };
    const SUBMIT: &str = "arn:aws:lambda:eu-central-1:123456789012:function:StepFunctionsSample-JobStatusPol-SubmitJobFunction-1CBAEF68A1X8A";
    const CHECK: &str = "arn:aws:lambda:eu-central-1:123456789012:function:StepFunctionsSample-JobStatusPoll-CheckJobFunction-PXJ28RR8GQ4M";
    let mut m = StateMachine::builder();
    m.comment(
        "A state machine that submits a Job to AWS Batch and monitors the Job until it completes.",
    );
    let poller = JobPoller::new(
        Call::new(Resource::lambda_function(SUBMIT)).result_path("$.guid"),
        Call::new(Resource::lambda_function(CHECK))
            .input_path("$.guid")
            .result_path("$.status"),
        Statuses::at("$.status")
            .succeeded(["SUCCEEDED"])
            .failed(["FAILED"]),
    )
    .wait_seconds_path("$.wait_time")
    .on_unknown_status(UnknownStatus::KeepPolling)
    .names(PollerNames {
        wait: "Wait X Seconds".into(),
        ..PollerNames::default()
    })
    .declare(&mut m, "")
    .unwrap();
    let final_status = m.declare("Get Final Job Status");
    poller.define(
        &mut m,
        PollerExits::new()
            .succeeded(final_status)
            .failed(Exit::fail(
                "DescribeJob returned FAILED",
                "AWS Batch Job Failed",
            )),
    );
    m.define(
        final_status,
        Task::new(Resource::lambda_function(CHECK))
            .input_path("$.guid")
            .end(),
    );
    let ours = serde_json::to_value(m.build().unwrap()).unwrap();
    let seed = common::read_json(&shared.join("seeds/asl/seed-001-batch-job-poller.json")).unwrap();
    assert_eq!(ours, seed);
}

/// Seed 000 (SageMaker pipeline) is the poller with the seed's calls and names and
/// `KeepPolling`. Every state equals the seed's except the Choice: the seed writes `Failed`
/// and `Stopped` as two rules, the template as one `Or` rule; both send the same statuses to
/// the same states.
#[test]
fn poller_reproduces_seed_000_closely() {
    let Some(shared) = common::shared_dir("templates::poller_reproduces_seed_000_closely") else {
        return;
    };
    let lambda = |name: &str| {
        Task::new(Resource::lambda_invoke())
            .output_path("$.Payload")
            .parameters(payload! {
                "Payload": Path::input(),
                "FunctionName": format!("arn:aws:lambda:us-east-1:111122223333:function:{name}:$LATEST"),
            })
            .retry(
                sfn_dsl::builder::Retry::on(sfn_dsl::builder::errors::lambda::TRANSIENT)
                    .interval_seconds(2)
                    .max_attempts(6)
                    .backoff_rate(2.0),
            )
    };
    let mut m = StateMachine::builder();
    let prepare = m.declare("Prepare Data");
    let poller = JobPoller::new(
        Call::new(Resource::aws_sdk("sagemaker", "startPipelineExecution")).parameters(payload! {
            "ClientRequestToken": "f1048be316aab7153fb0b5c266359571",
            "PipelineName": "my-sagemaker-pipeline",
        }),
        Call::new(Resource::aws_sdk("sagemaker", "describePipelineExecution"))
            .parameters(payload! { "PipelineExecutionArn": path("$.PipelineExecutionArn") })
            .input_path("$"),
        Statuses::at("$.PipelineExecutionStatus")
            .succeeded(["Succeeded"])
            .failed(["Failed", "Stopped"]),
    )
    .wait_seconds(10)
    .on_unknown_status(UnknownStatus::KeepPolling)
    .names(PollerNames {
        submit: "StartPipelineExecution".into(),
        wait: "Wait 10 Seconds".into(),
        status: "DescribePipelineExecution".into(),
        ..PollerNames::default()
    })
    .declare(&mut m, "")
    .unwrap();
    let succeeded = m.declare("Job Succeeded");
    let fail = m.declare("Fail");
    let deploy = m.declare("Deploy Model");
    let success = m.declare("Success");
    let entry = poller.entry();
    poller.define(&mut m, PollerExits::new().succeeded(succeeded).failed(fail));
    m.define(prepare, lambda("prepare-data").next(entry));
    m.define(
        succeeded,
        Pass::new()
            .comment("Placeholder for a state which handles the success.")
            .next(deploy),
    );
    m.define(fail, Fail::new());
    m.define(deploy, lambda("deploy-model").next(success));
    m.define(success, Succeed::new());
    let ours = serde_json::to_value(m.build().unwrap()).unwrap();
    let seed = common::read_json(&shared.join("seeds/asl/seed-000-sagemaker-poller.json")).unwrap();
    let (ours, seed) = (&ours["States"], &seed["States"]);
    for (name, state) in seed.as_object().unwrap() {
        if name != "Job Complete?" {
            assert_eq!(&ours[name], state, "{name}");
        }
    }
    assert_eq!(
        ours.as_object().unwrap().len(),
        seed.as_object().unwrap().len()
    );
    assert_eq!(
        ours["Job Complete?"]["Choices"][0]["Or"],
        serde_json::json!([
            { "Variable": "$.PipelineExecutionStatus", "StringEquals": "Failed" },
            { "Variable": "$.PipelineExecutionStatus", "StringEquals": "Stopped" }
        ])
    );
    assert_eq!(
        ours["Job Complete?"]["Default"],
        seed["Job Complete?"]["Default"]
    );
}

// ---------------------------------------------------------------- callback

#[test]
fn callback_sqs_shortcut() {
    check!("callback-sqs", Callback::sqs(QUEUE).build().unwrap());
}

#[test]
fn callback_sns_with_heartbeat() {
    check!(
        "callback-sns-heartbeat",
        Callback::sns(TOPIC)
            .name("Ask For Approval")
            .input(payload! { "orderId": path("$.orderId"), "amount": path("$.amount") })
            .heartbeat_seconds(3600)
            .timeout_seconds(3 * 86_400)
            .rejected_error("ApprovalDenied")
            .result_path("$.approval")
            .build()
            .unwrap()
    );
}

#[test]
fn callback_lambda() {
    check!(
        "callback-lambda",
        Callback::lambda(format!("{LAMBDA}:request-review"))
            .timeout_seconds(900)
            .result_replaces_input()
            .build()
            .unwrap()
    );
}

#[test]
fn callback_ecs() {
    check!(
        "callback-ecs",
        Callback::ecs(
            "arn:aws:ecs:eu-west-1:123456789012:cluster/workers",
            "arn:aws:ecs:eu-west-1:123456789012:task-definition/transcode:7",
            "transcoder",
        )
        .name("Transcode Video")
        .input(path("$.video"))
        .parameter("LaunchType", "FARGATE")
        .parameter(
            "NetworkConfiguration",
            payload! { "AwsvpcConfiguration": { "Subnets": ["subnet-0a1b2c3d"], "AssignPublicIp": "DISABLED" } },
        )
        .heartbeat_seconds(300)
        .timeout_seconds(7200)
        .build()
        .unwrap()
    );
}

/// A callback per item of an inline Map: approved items ship, rejected ones are cancelled,
/// unanswered ones fail the iteration (the default `timed_out` exit).
#[test]
fn callback_in_map_processor() {
    let mut m = StateMachine::builder();
    m.comment("Asks for an approval of every order, then ships or cancels it.");
    let each = m.declare("Approve Orders");
    let summary = m.declare("Summarize");
    m.define(
        each,
        Map::new()
            .items_path("$.orders")
            .max_concurrency(10)
            .item_processor(|p| {
                let approve = Callback::sqs(QUEUE)
                    .name("Request Approval")
                    .input(payload! { "order": Path::input(), "execution": path("$$.Execution.Id") })
                    .heartbeat_seconds(600)
                    .declare(p, "")
                    .expect("a valid callback");
                let ship = p.declare("Ship Order");
                let cancel = p.declare("Cancel Order");
                approve.define(p, CallbackExits::new().approved(ship).rejected(cancel));
                p.define(
                    ship,
                    Task::new(Resource::lambda_invoke())
                        .parameters(payload! { "FunctionName": format!("{LAMBDA}:ship-order"), "Payload": Path::input() })
                        .output_path("$.Payload")
                        .end(),
                );
                p.define(cancel, Pass::new().result(serde_json::json!({ "cancelled": true })).end());
            })
            .result_path("$.results")
            .next(summary),
    );
    m.define(summary, Pass::new().end());
    check!("callback-in-map-processor", m.build().unwrap());
}

// ---------------------------------------------------------------- distributed map

#[test]
fn distributed_map_shortcut() {
    check!(
        "distributed-map-lambda",
        DistributedMap::new(
            Items::s3_json(path("$.bucket"), path("$.key")),
            Processor::lambda(format!("{LAMBDA}:import-order")),
        )
        .comment("Imports every order of a JSON file in S3.")
        .build()
        .unwrap()
    );
}

/// CSV without a header row, batches, an item selector, results to S3, tolerated failures,
/// a label, EXPRESS children and a processor built with the builder.
#[test]
fn distributed_map_csv_express_batched() {
    check!(
        "distributed-map-csv-express",
        DistributedMap::new(
            Items::s3_csv("raw-data", "customers/2026-01.csv", CsvHeader::given(["id", "email", "country"]))
                .csv_delimiter(sfn_dsl::model::CsvDelimiter::Semicolon)
                .max_items(100_000),
            Processor::states(|p| {
                let check = p.declare("Needs Anonymizing?");
                let anonymize = p.declare("Anonymize Batch");
                let keep = p.declare("Keep Batch");
                p.define(
                    check,
                    Choice::new()
                        .when(Condition::boolean_equals("$.BatchInput.anonymize", true), anonymize)
                        .otherwise(keep),
                );
                p.define(
                    anonymize,
                    Task::new(Resource::lambda_invoke())
                        .parameters(payload! { "FunctionName": format!("{LAMBDA}:anonymize"), "Payload": Path::input() })
                        .output_path("$.Payload")
                        .end(),
                );
                p.define(keep, Pass::new().end());
                Ok(())
            }),
        )
        .name("Clean Customers")
        .execution_type(ExecutionType::Express)
        .item_batcher(ItemBatcher::new().max_items_per_batch(500).batch_input(payload! { "run": path("$$.Execution.Name"), "anonymize": path("$.anonymize") }))
        .item_selector(payload! { "row": path("$$.Map.Item.Value"), "source": "customers" })
        .write_results_to("clean-data", "customers/")
        .max_concurrency(200)
        .tolerated_failure_percentage(5.0)
        .tolerated_failure_count(50)
        .label("clean-customers")
        .build()
        .unwrap()
    );
}

/// An S3 listing in a larger machine (declared first, so that its exit can name a later
/// state): the map goes on to a report, and its failure is caught.
#[test]
fn distributed_map_listing_embedded() {
    let mut m = StateMachine::builder();
    let resize = DistributedMap::new(
        Items::s3_listing(path("$.bucket"), "incoming/").max_items(5000),
        Processor::lambda(format!("{LAMBDA}:resize")).name("Resize Image"),
    )
    .max_concurrency(50)
    .result_path("$.resized")
    .declare(&mut m, "Thumbnails ")
    .unwrap();
    let report = m.declare("Report");
    resize.define(
        &mut m,
        MapExits::new()
            .done(report)
            .failed(Exit::fail("ThumbnailsFailed", "Too many images failed")),
    );
    m.define(report, Pass::new().end());
    check!("distributed-map-listing-embedded", m.build().unwrap());
}

/// An S3 Inventory report, one Batch job per object: a job poller inside a STANDARD
/// Distributed Map processor.
#[test]
fn distributed_map_inventory_with_poller() {
    check!(
        "distributed-map-inventory-poller",
        DistributedMap::new(
            Items::s3_inventory(
                "inventory-bucket",
                "media/daily/2026-01-01T01-00Z/manifest.json"
            ),
            Processor::states(|p| {
                JobPoller::batch("media-queue", "transcode:4")
                    .map_submit(|c| {
                        c.parameter("JobName", "transcode").parameter(
                            "Parameters",
                            payload! { "bucket": path("$.Bucket"), "key": path("$.Key") },
                        )
                    })
                    .max_polls(720)
                    .add_to(p, "Transcode ", PollerExits::new())?;
                Ok(())
            }),
        )
        .name("Transcode Objects")
        .max_concurrency(20)
        .tolerated_failure_percentage(1.0)
        .write_results_to("media-results", "transcode/")
        .build()
        .unwrap()
    );
}

/// Items already in the input, with the default exits inside a Parallel branch.
#[test]
fn distributed_map_from_input_in_branch() {
    let mut m = StateMachine::builder();
    let fan = m.declare("Fan Out");
    m.define(
        fan,
        Parallel::new()
            .branch(|b| {
                DistributedMap::new(
                    Items::from_input("$.users"),
                    Processor::lambda(format!("{LAMBDA}:notify-user")),
                )
                .max_concurrency(100)
                .add_to(b, "Notify ", MapExits::new().done(Exit::Succeed))
                .expect("a valid map");
            })
            .branch(|b| {
                let audit = b.declare("Audit");
                b.define(audit, Pass::new().end());
            })
            .end(),
    );
    check!("distributed-map-from-input-in-branch", m.build().unwrap());
}

/// Seed 004 is the Distributed Map shortcut over a JSON object with a Lambda processor and the
/// seed's names, label and concurrency. The result equals the seed exactly (key order aside).
#[test]
fn distributed_map_reproduces_seed_004() {
    let Some(shared) = common::shared_dir("templates::distributed_map_reproduces_seed_004") else {
        return;
    };
    let machine = DistributedMap::new(
        Items::s3_json(path("$.map_input_s3_bucket"), path("$.map_input_s3_key")),
        Processor::lambda("arn:aws:lambda:us-east-1:878625312159:function:sfn-poc-lbd-1:$LATEST")
            .name("Lambda Invoke"),
    )
    .name("Map")
    .label("Map")
    .max_concurrency(1000)
    .comment("A description of my state machine")
    .build()
    .unwrap();
    let ours = serde_json::to_value(&machine).unwrap();
    let seed = common::read_json(&shared.join("seeds/asl/seed-004-distributed-map.json")).unwrap();
    assert_eq!(ours, seed);
}
