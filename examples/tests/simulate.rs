//! Every example machine run in the simulator (`sfn::sim`), as a user tests a state machine with
//! `cargo test`: tasks mocked, time virtual, assertions on the path taken and the result.
//!
//! The machines are read from the committed `examples/definitions/*.asl.json` (what is
//! deployed); the three templates' scenarios (job poller, callback, Distributed Map) come
//! first, then at least one scenario for every other definition.
//! [`every_definition_has_a_scenario`] fails when a definition is added without one.

mod common;

use common::{definitions_dir, package_dir};
use serde_json::{Value, json};
use sfn::StateMachine;
use sfn::sim::{EventType, Execution, ExecutionHandle, Mock, Simulator, Status};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

/// The definitions these tests simulate; each has at least one scenario below.
const SIMULATED: &[&str] = &[
    "job-poller",
    "callback",
    "distributed-map",
    "sagemaker-poller",
    "sagemaker-callback",
    "batch-job-poller",
    "nested-map-check-job",
    "glue-lambda-sns",
    "glue-lambda-sns-catch",
    "glue-lambda-sns-choice",
    "distributed-map-s3-json",
];

/// The committed definition `examples/definitions/<name>.asl.json`.
fn definition(name: &str) -> StateMachine {
    let path = definitions_dir().join(format!("{name}.asl.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    StateMachine::from_json(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
}

/// Seconds of virtual time from the start of the execution to its end.
fn virtual_seconds(exec: &Execution) -> i128 {
    let (first, last) = (&exec.history[0], exec.history.last().expect("events"));
    (last.timestamp.as_nanos() - first.timestamp.as_nanos()) / 1_000_000_000
}

/// A `DescribeJobs` result with one job in `status`.
fn batch_status(status: &str) -> Mock {
    Mock::value(json!({"Jobs": [{"JobId": "job-1", "Status": status}]}))
}

#[test]
fn every_definition_has_a_scenario() {
    let mut files: Vec<String> = std::fs::read_dir(definitions_dir())
        .expect("definitions")
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".asl.json").map(str::to_owned)
        })
        .collect();
    files.sort();
    let mut simulated: Vec<String> = SIMULATED.iter().map(|s| s.to_string()).collect();
    simulated.sort();
    assert_eq!(files, simulated, "add a scenario to tests/simulate.rs");
}

// ---- job poller (sfn::templates::JobPoller::batch, at most 120 polls) ----

fn job_poller(statuses: Mock) -> Execution {
    let machine = definition("job-poller");
    let exec = Simulator::new(&machine)
        .execution_name("nightly-2026-12-07")
        .mock_task(
            "Submit Job",
            Mock::from_fn(|call| {
                assert_eq!(call.parameters["JobName"], "nightly-2026-12-07");
                assert_eq!(call.parameters["JobQueue"], "etl-jobs");
                Ok(json!({"JobId": "job-1", "JobName": "nightly-2026-12-07", "JobArn": "arn:…"}))
            }),
        )
        .mock_task("Get Job Status", statuses)
        .run(json!({"date": "2026-12-07"}))
        .unwrap();
    assert!(exec.unused_mocks.is_empty(), "{:?}", exec.unused_mocks);
    exec
}

#[test]
fn job_poller_loops_twice_and_succeeds() {
    let exec = job_poller(Mock::sequence([
        batch_status("RUNNABLE"),
        batch_status("RUNNING"),
        batch_status("SUCCEEDED"),
    ]));
    assert_eq!(exec.status, Status::Succeeded);
    let poll = ["Wait", "Get Job Status", "Job Complete?"];
    let expected: Vec<&str> = std::iter::once("Submit Job")
        .chain(poll.repeat(3))
        .chain(["Job Succeeded"])
        .collect();
    assert_eq!(exec.path(), expected);
    assert_eq!(
        exec.output,
        Some(json!({
            "date": "2026-12-07",
            "job": {"JobId": "job-1", "JobName": "nightly-2026-12-07"},
            "status": {"Jobs": [{"JobId": "job-1", "Status": "SUCCEEDED"}]}
        }))
    );
    // Three waits of 30 s on the virtual clock; `describeJobs` was asked for the submitted job.
    assert_eq!(virtual_seconds(&exec), 90);
    let asked: Vec<&Value> = exec
        .events(EventType::TaskScheduled)
        .filter(|e| e.state.as_deref() == Some("Get Job Status"))
        .filter_map(|e| e.input.as_deref())
        .collect();
    assert_eq!(asked, [&json!({"Jobs": ["job-1"]}); 3]);
}

#[test]
fn job_poller_fails_on_a_failed_status() {
    let exec = job_poller(Mock::sequence([
        batch_status("STARTING"),
        batch_status("FAILED"),
    ]));
    assert_eq!(exec.status, Status::Failed);
    assert_eq!(exec.path().last(), Some(&"Job Failed"));
    assert_eq!(exec.path().len(), 8);
    assert_eq!(exec.error.as_deref(), Some("JobFailed"));
    assert_eq!(
        exec.cause.as_deref(),
        Some("The job ended with status FAILED")
    );
}

#[test]
fn job_poller_fails_on_an_unknown_status() {
    let exec = job_poller(batch_status("EXPLODED"));
    assert_eq!(exec.status, Status::Failed);
    assert_eq!(
        exec.path(),
        [
            "Submit Job",
            "Wait",
            "Get Job Status",
            "Job Complete?",
            "Unknown Job Status"
        ]
    );
    assert_eq!(exec.error.as_deref(), Some("JobStatusUnknown"));
}

#[test]
fn job_poller_gives_up_after_the_poll_limit() {
    let exec = job_poller(Mock::from_fn(|_| {
        Ok(json!({"Jobs": [{"JobId": "job-1", "Status": "RUNNING"}]}))
    }));
    assert_eq!(exec.status, Status::Failed);
    assert_eq!(exec.error.as_deref(), Some("JobPollLimitReached"));
    let path = exec.path();
    assert_eq!(path.iter().filter(|s| **s == "Get Job Status").count(), 120);
    assert_eq!(path.last(), Some(&"Job Poll Limit Reached"));
    // 120 polls 30 s apart: one hour of virtual time, and no time spent by the test.
    assert_eq!(virtual_seconds(&exec), 3600);
    let last_wait = exec
        .steps()
        .into_iter()
        .rfind(|s| s.name == "Wait")
        .expect("a Wait");
    assert_eq!(
        last_wait.assigned,
        Some(json!({"polls": 120}).as_object().cloned().unwrap())
    );
}

// ---- callback (sfn::templates::Callback::sqs, heartbeat 1 h, timeout 1 day) ----
//
// No mock answers the callback task: the execution waits, and the test plays the worker with
// the task token the queue received.

/// The callback machine, started and waiting: its handle and the token of the waiting task.
fn callback_waiting<'s>(sim: &'s Simulator<'_>) -> (ExecutionHandle<'s>, String) {
    let exec = sim.start(json!({"request": "deploy v2"})).unwrap();
    assert_eq!(exec.status(), Status::Running);
    let pending = exec.pending_callbacks();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].state, "Wait for Callback");
    // The queue receives the token and the input.
    let token = pending[0].token.clone();
    assert_eq!(
        pending[0].parameters["MessageBody"],
        json!({"TaskToken": token, "Input": {"request": "deploy v2"}})
    );
    (exec, token)
}

#[test]
fn callback_succeeds_with_the_workers_answer() {
    let machine = definition("callback");
    let sim = Simulator::new(&machine);
    let (mut exec, token) = callback_waiting(&sim);
    exec.advance_clock(Duration::from_secs(1800)).unwrap();
    exec.send_task_success(&token, json!({"approved_by": "ana"}))
        .unwrap();
    let exec = exec.into_execution();
    assert_eq!(exec.status, Status::Succeeded);
    assert_eq!(exec.path(), ["Wait for Callback"]);
    assert_eq!(
        exec.output,
        Some(json!({"request": "deploy v2", "callback": {"approved_by": "ana"}}))
    );
    assert_eq!(virtual_seconds(&exec), 1800);
}

#[test]
fn callback_fails_when_the_worker_rejects() {
    let machine = definition("callback");
    let sim = Simulator::new(&machine);
    let (mut exec, token) = callback_waiting(&sim);
    exec.advance_clock(Duration::from_secs(600)).unwrap();
    exec.send_task_failure(&token, "Rejected", "not on a Friday")
        .unwrap();
    let exec = exec.into_execution();
    assert_eq!(exec.status, Status::Failed);
    assert_eq!(exec.path(), ["Wait for Callback", "Rejected"]);
    assert_eq!(exec.error.as_deref(), Some("Rejected"));
    assert_eq!(
        exec.input_of("Rejected"),
        Some(json!({"request": "deploy v2",
                    "error": {"Error": "Rejected", "Cause": "not on a Friday"}}))
    );
    assert_eq!(virtual_seconds(&exec), 600);
}

#[test]
fn callback_times_out_when_the_heartbeats_stop() {
    let machine = definition("callback");
    let sim = Simulator::new(&machine);
    let (mut exec, token) = callback_waiting(&sim);
    // The worker sends a heartbeat every 50 minutes, twice, then goes silent: the task
    // times out an hour (`HeartbeatSeconds`) after the last one, on the virtual clock.
    for _ in 0..2 {
        exec.advance_clock(Duration::from_secs(3000)).unwrap();
        exec.send_task_heartbeat(&token).unwrap();
    }
    exec.advance_clock(Duration::from_secs(3599)).unwrap();
    assert_eq!(exec.status(), Status::Running);
    exec.advance_clock(Duration::from_secs(1)).unwrap();
    let exec = exec.into_execution();
    assert_eq!(exec.status, Status::Failed);
    assert_eq!(exec.path(), ["Wait for Callback", "Timed Out"]);
    assert_eq!(exec.error.as_deref(), Some("CallbackTimedOut"));
    let timed_out = exec
        .events(EventType::TaskTimedOut)
        .next()
        .expect("timed out");
    assert_eq!(timed_out.error.as_deref(), Some("States.HeartbeatTimeout"));
    assert_eq!(virtual_seconds(&exec), 9600);
    assert_eq!(
        exec.input_of("Timed Out").unwrap()["error"]["Error"],
        "States.HeartbeatTimeout"
    );
}

#[test]
fn callback_answered_by_a_mock_does_not_wait() {
    // A mock of the callback task is its callback's outcome (as Step Functions Local mocks it).
    let machine = definition("callback");
    let exec = Simulator::new(&machine)
        .mock_task(
            "Wait for Callback",
            Mock::value(json!({"approved_by": "late"})).taking(7200),
        )
        .run(json!({"request": "deploy v2"}))
        .unwrap();
    // Two hours without a heartbeat: the hour of `HeartbeatSeconds` ends it first.
    assert_eq!(exec.path(), ["Wait for Callback", "Timed Out"]);
    assert_eq!(virtual_seconds(&exec), 3600);
}

// ---- Distributed Map (sfn::templates::DistributedMap, 5 % tolerated failures) ----

/// The orders of `tests/data/orders.json`, a local stand-in for the S3 object.
fn orders_file() -> Value {
    let path = package_dir().join("tests/data/orders.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("orders")).expect("JSON")
}

/// Runs the Distributed Map template's machine; also returns what its `ResultWriter` was given
/// (a Distributed Map's iterations are child executions: their states are not in the
/// parent's history, their outputs go to the writer).
fn distributed_map(items: Value, processor: Mock) -> (Execution, Vec<Value>) {
    let machine = definition("distributed-map");
    let written = Rc::new(RefCell::new(Vec::new()));
    let writer = Rc::clone(&written);
    let exec = Simulator::new(&machine)
        .mock_item_reader(
            "Process Items",
            Mock::from_fn(move |call| {
                assert_eq!(
                    call.parameters,
                    &json!({"Bucket": "orders-input", "Key": "2026/orders.json"})
                );
                Ok(items.clone())
            }),
        )
        .mock_task("Process Item", processor)
        .mock_result_writer(
            "Process Items",
            Mock::from_fn(move |call| {
                assert_eq!(
                    call.parameters["Parameters"],
                    json!({"Bucket": "orders-output", "Prefix": "results/"})
                );
                let results = call.parameters["Results"].as_array().expect("results");
                writer.borrow_mut().extend(results.iter().cloned());
                Ok(json!({
                    "MapRunArn": "arn:aws:states:us-east-1:123456789012:mapRun:StateMachine/orders:1",
                    "ResultWriterDetails": {"Bucket": "orders-output", "Key": "results/manifest.json"},
                    "Written": results.len(),
                }))
            }),
        )
        .run(json!({}))
        .unwrap();
    let written = written.borrow().clone();
    (exec, written)
}

/// A Lambda that charges an order, or rejects the ones whose id is in `rejected`.
fn charge(rejected: &'static [&'static str]) -> Mock {
    Mock::from_fn(move |call| {
        let order = &call.parameters["Payload"];
        if rejected.contains(&order["id"].as_str().unwrap_or_default()) {
            return Err(sfn::sim::StatesError::new(
                "Orders.Invalid",
                "the order cannot be charged",
            ));
        }
        Ok(json!({"StatusCode": 200, "Payload": {"id": order["id"], "charged": order["amount"]}}))
    })
}

#[test]
fn distributed_map_processes_the_items_of_a_local_file() {
    let (exec, written) = distributed_map(orders_file(), charge(&[]));
    assert_eq!(exec.status, Status::Succeeded);
    assert_eq!(exec.path(), ["Process Items"]);
    assert_eq!(
        exec.output,
        Some(json!({
            "MapRunArn": "arn:aws:states:us-east-1:123456789012:mapRun:StateMachine/orders:1",
            "ResultWriterDetails": {"Bucket": "orders-output", "Key": "results/manifest.json"},
            "Written": 5
        }))
    );
    assert_eq!(written.len(), 5);
    assert_eq!(written[1], json!({"id": "o-2", "charged": 40}));
}

#[test]
fn distributed_map_tolerates_five_percent_of_failures() {
    let items: Vec<Value> = (0..40)
        .map(|i| json!({"id": format!("o-{i}"), "amount": i}))
        .collect();
    let (exec, _) = distributed_map(Value::from(items), charge(&["o-3", "o-17"]));
    assert_eq!(exec.status, Status::Succeeded, "{:?}", exec.cause);
    assert_eq!(exec.output.unwrap()["Written"], 40);
}

#[test]
fn distributed_map_fails_when_tolerated_failures_are_exceeded() {
    let (exec, _) = distributed_map(orders_file(), charge(&["o-4"]));
    assert_eq!(exec.status, Status::Failed);
    assert_eq!(
        exec.error.as_deref(),
        Some("States.ExceedToleratedFailureThreshold")
    );
    assert_eq!(exec.path()[0], "Process Items");
    assert_eq!(exec.events(EventType::MapRunFailed).count(), 1);
}

// ---- the seed workflows ----

/// Lambda's transient error, which the seeds' Lambda tasks retry.
fn lambda_throttled() -> Mock {
    Mock::error("Lambda.TooManyRequestsException", "Rate exceeded")
}

#[test]
fn sagemaker_poller_polls_the_pipeline_then_deploys() {
    let machine = definition("sagemaker-poller");
    let exec = Simulator::new(&machine)
        .mock_task(
            "Prepare Data",
            Mock::sequence([
                lambda_throttled(),
                Mock::value(json!({"Payload": {"dataset": "s3://data/2026-12-07"}})),
            ]),
        )
        .mock_task(
            "StartPipelineExecution",
            Mock::value(json!({"PipelineExecutionArn": "arn:pipeline/execution/1"})),
        )
        .mock_task(
            "DescribePipelineExecution",
            // As AWS's DescribePipelineExecution, the result names the execution again: the
            // state has no ResultPath, and the next poll reads `$.PipelineExecutionArn`.
            Mock::sequence([
                Mock::value(json!({"PipelineExecutionArn": "arn:pipeline/execution/1",
                                   "PipelineExecutionStatus": "Executing"})),
                Mock::value(json!({"PipelineExecutionArn": "arn:pipeline/execution/1",
                                   "PipelineExecutionStatus": "Succeeded", "ModelName": "m-1"})),
            ]),
        )
        .mock_task(
            "Deploy Model",
            Mock::from_fn(|call| {
                Ok(json!({"Payload": {"deployed": call.parameters["Payload"]["ModelName"]}}))
            }),
        )
        .run(json!({"run": 1}))
        .unwrap();
    assert!(exec.succeeded(), "{:?} {:?}", exec.error, exec.cause);
    assert_eq!(
        exec.path(),
        [
            "Prepare Data",
            "StartPipelineExecution",
            "Wait 10 Seconds",
            "DescribePipelineExecution",
            "Job Complete?",
            "Wait 10 Seconds",
            "DescribePipelineExecution",
            "Job Complete?",
            "Job Succeeded",
            "Deploy Model",
            "Success"
        ]
    );
    assert_eq!(exec.output, Some(json!({"deployed": "m-1"})));
    // 2 s of retry back-off and two 10 s waits.
    assert_eq!(virtual_seconds(&exec), 22);
}

#[test]
fn sagemaker_poller_fails_when_the_pipeline_stops() {
    let machine = definition("sagemaker-poller");
    let exec = Simulator::new(&machine)
        .mock_task("Prepare Data", Mock::value(json!({"Payload": {}})))
        .mock_task(
            "StartPipelineExecution",
            Mock::value(json!({"PipelineExecutionArn": "arn:pipeline/execution/1"})),
        )
        .mock_task(
            "DescribePipelineExecution",
            Mock::value(json!({"PipelineExecutionStatus": "Stopped"})),
        )
        .run(json!({}))
        .unwrap();
    assert_eq!(exec.status, Status::Failed);
    assert_eq!(exec.path().last(), Some(&"Fail"));
    assert_eq!((exec.error, exec.cause), (None, None));
}

fn sagemaker_callback(job: Mock) -> Execution {
    let machine = definition("sagemaker-callback");
    Simulator::new(&machine)
        .task_token("tok")
        .mock_task(
            "Prepare Data",
            Mock::value(json!({"Payload": {"dataset": "s3://data/x"}})),
        )
        .mock_task("Start Job and Wait for Callback", job)
        .mock_task(
            "Deploy Model",
            Mock::from_fn(|call| {
                Ok(json!({"Payload": {"deployed": call.parameters["Payload"]["model"]}}))
            }),
        )
        .run(json!({}))
        .unwrap()
}

#[test]
fn sagemaker_callback_deploys_after_the_callback() {
    let exec = sagemaker_callback(
        Mock::from_fn(|call| {
            assert_eq!(call.parameters["Payload"]["TaskToken"], "tok");
            assert_eq!(
                call.parameters["Payload"]["Input"],
                json!({"dataset": "s3://data/x"})
            );
            Ok(json!({"model": "m-7"}))
        })
        .taking(240),
    );
    assert_eq!(exec.status, Status::Succeeded);
    assert_eq!(
        exec.path(),
        [
            "Prepare Data",
            "Start Job and Wait for Callback",
            "Deploy Model",
            "Success"
        ]
    );
    assert_eq!(exec.output, Some(json!({"deployed": "m-7"})));
}

#[test]
fn sagemaker_callback_fails_with_the_jobs_error() {
    let exec = sagemaker_callback(Mock::error("Training.Diverged", "loss is NaN"));
    assert_eq!(exec.status, Status::Failed);
    assert_eq!(
        exec.path(),
        [
            "Prepare Data",
            "Start Job and Wait for Callback",
            "Job Failed"
        ]
    );
    assert_eq!(exec.error.as_deref(), Some("Training.Diverged"));
    assert_eq!(exec.cause.as_deref(), Some("loss is NaN"));
}

#[test]
fn sagemaker_callback_times_out_without_a_heartbeat() {
    // A job that never answers and sends no heartbeat: the 300 s of `HeartbeatSeconds` end
    // the task long before the hour of `TimeoutSeconds`.
    let exec = sagemaker_callback(Mock::never_completes());
    assert_eq!(exec.status, Status::Failed);
    assert_eq!(exec.path().last(), Some(&"Job Timed Out"));
    assert_eq!(exec.error.as_deref(), Some("JobTimedOut"));
    assert_eq!(virtual_seconds(&exec), 300);
}

#[test]
fn batch_job_poller_waits_the_given_seconds_until_the_job_succeeds() {
    let machine = definition("batch-job-poller");
    let exec = Simulator::new(&machine)
        .mock_task("Submit Job", Mock::value(json!({"jobId": "b-1"})))
        .mock_task(
            "Get Job Status",
            Mock::sequence([
                Mock::value(json!("RUNNABLE")),
                Mock::value(json!("RUNNING")),
                Mock::value(json!("SUCCEEDED")),
            ]),
        )
        .mock_task(
            "Get Final Job Status",
            Mock::from_fn(|call| {
                Ok(json!({"jobId": call.parameters["jobId"], "status": "SUCCEEDED"}))
            }),
        )
        .run(json!({"jobName": "nightly", "wait_time": 15}))
        .unwrap();
    assert_eq!(exec.status, Status::Succeeded);
    let poll = ["Wait X Seconds", "Get Job Status", "Job Complete?"];
    let expected: Vec<&str> = std::iter::once("Submit Job")
        .chain(poll.repeat(3))
        .chain(["Get Final Job Status"])
        .collect();
    assert_eq!(exec.path(), expected);
    assert_eq!(
        exec.output,
        Some(json!({"jobId": "b-1", "status": "SUCCEEDED"}))
    );
    assert_eq!(virtual_seconds(&exec), 45);
}

#[test]
fn nested_map_check_job_splits_computes_and_checks_every_item() {
    let machine = definition("nested-map-check-job");
    let exec = Simulator::new(&machine)
        .mock_task(
            "Split Job",
            Mock::from_fn(|call| {
                let text = call.parameters["Payload"].as_str().unwrap_or_default();
                let parts: Vec<Value> = text.split(' ').map(Value::from).collect();
                Ok(json!({"Payload": parts}))
            }),
        )
        .mock_task(
            "Calc Job",
            Mock::from_fn(|call| {
                let part = call.parameters["Payload"].as_str().unwrap_or_default();
                Ok(json!({"Payload": {"SHAH_HASH": format!("h({part})")}}))
            }),
        )
        .mock_task(
            "Check Job",
            Mock::from_fn(|call| {
                let hashes = call.parameters["Payload"].as_array().map_or(0, Vec::len);
                Ok(json!({"Payload": hashes > 0, "checked": hashes}))
            }),
        )
        .run(json!(["a b", "c"]))
        .unwrap();
    assert_eq!(exec.status, Status::Succeeded);
    let iteration = |calcs: usize| {
        [
            vec!["Split Job", "Calc Map"],
            vec!["Calc Job"; calcs],
            vec!["Check Job", "Choice Func", "Success"],
        ]
        .concat()
    };
    assert_eq!(
        exec.path(),
        [
            vec!["Split Map"],
            iteration(2),
            iteration(1),
            vec!["FinalSuccess"]
        ]
        .concat()
    );
    assert_eq!(
        exec.output,
        Some(json!([{"Payload": true, "checked": 2}, {"Payload": true, "checked": 1}]))
    );
    assert_eq!(exec.output_of("Calc Map"), Some(json!(["h(a)", "h(b)"])));
}

#[test]
fn nested_map_check_job_fails_when_a_check_finds_differences() {
    let machine = definition("nested-map-check-job");
    let exec = Simulator::new(&machine)
        .mock_task("Split Job", Mock::value(json!({"Payload": ["x"]})))
        .mock_task(
            "Calc Job",
            Mock::value(json!({"Payload": {"SHAH_HASH": "h"}})),
        )
        .mock_task("Check Job", Mock::value(json!({"Payload": false})))
        .run(json!(["x"]))
        .unwrap();
    assert_eq!(exec.status, Status::Failed);
    assert!(exec.path().contains(&"Differences found"));
    assert!(!exec.path().contains(&"FinalSuccess"));
}

/// Glue, the query Lambda and SNS of the three seed-003 machines.
fn glue_lambda_sns(name: &str, glue: Mock, config: Option<&str>) -> Execution {
    let machine = definition(name);
    let mut sim = Simulator::new(&machine)
        .mock_resource("arn:aws:states:::glue:startJobRun.sync", glue)
        .mock_task("Fetch Data", Mock::value(json!([["2026-12-07", 1042]])))
        .mock_resource(
            "arn:aws:states:::sns:publish",
            Mock::from_fn(|call| {
                Ok(json!({"MessageId": "m-1", "Sent": call.parameters["Message"]}))
            }),
        );
    if let Some(config) = config {
        sim = sim.mock_task("Fetch Config", Mock::value(json!(config)));
    }
    sim.run(json!({})).unwrap()
}

fn glue_succeeded() -> Mock {
    Mock::value(json!({"JobRunId": "jr_1", "JobRunState": "SUCCEEDED"}))
}

#[test]
fn glue_lambda_sns_cannot_publish_the_query_result() {
    // The seed's `OutputPath: $.data` hands SNS Notify `{"lambdaresult": …}`, and its
    // `Message.$: $.data.lambdaresult` then points at nothing: AWS fails the execution with
    // States.Runtime, and so does the simulator (the seed would need `$.lambdaresult`).
    let exec = glue_lambda_sns("glue-lambda-sns", glue_succeeded(), None);
    assert_eq!(exec.status, Status::Failed);
    assert_eq!(exec.path(), ["Run Glue Job", "Fetch Data", "SNS Notify"]);
    assert_eq!(
        exec.input_of("SNS Notify"),
        Some(json!({"lambdaresult": [["2026-12-07", 1042]]}))
    );
    assert_eq!(exec.error.as_deref(), Some("States.Runtime"));
    assert!(
        exec.cause
            .as_deref()
            .unwrap_or_default()
            .contains("$.data.lambdaresult"),
        "{:?}",
        exec.cause
    );
}

#[test]
fn glue_lambda_sns_catch_notifies_and_fails_when_glue_fails() {
    let exec = glue_lambda_sns(
        "glue-lambda-sns-catch",
        Mock::error("Glue.AWSGlueException", "job run failed"),
        None,
    );
    assert_eq!(exec.status, Status::Failed);
    assert_eq!(
        exec.path(),
        ["Run Glue Job", "Notify Error Message", "Workflow Failure"]
    );
    assert_eq!(
        exec.output_of("Notify Error Message"),
        Some(json!({"MessageId": "m-1",
                    "Sent": {"Error": "Glue.AWSGlueException", "Cause": "job run failed"}}))
    );
    assert_eq!((exec.error, exec.cause), (None, None));
}

#[test]
fn glue_lambda_sns_catch_has_the_seeds_output_path_bug_too() {
    let exec = glue_lambda_sns("glue-lambda-sns-catch", glue_succeeded(), None);
    assert_eq!(exec.status, Status::Failed);
    assert_eq!(exec.path(), ["Run Glue Job", "Fetch Data", "SNS Notify"]);
    assert_eq!(exec.error.as_deref(), Some("States.Runtime"));
}

#[test]
fn glue_lambda_sns_choice_runs_the_configured_job() {
    let exec = glue_lambda_sns(
        "glue-lambda-sns-choice",
        Mock::error("Glue.ConcurrentRunsExceededException", "busy"),
        Some("Choice B"),
    );
    assert_eq!(exec.status, Status::Failed);
    assert_eq!(
        exec.path(),
        [
            "Fetch Config",
            "Choice Glue",
            "Glue Job B",
            "Notify Error Message",
            "Workflow Failure"
        ]
    );
    assert_eq!(
        exec.input_of("Glue Job B"),
        Some(json!({"configuration": "Choice B"}))
    );
    // An unknown configuration takes the Default, job A.
    let exec = glue_lambda_sns("glue-lambda-sns-choice", glue_succeeded(), Some("Choice Z"));
    assert_eq!(
        exec.path()[..4],
        ["Fetch Config", "Choice Glue", "Glue Job A", "Fetch Data"]
    );
}

#[test]
fn distributed_map_s3_json_invokes_the_lambda_for_every_item() {
    let machine = definition("distributed-map-s3-json");
    let exec = Simulator::new(&machine)
        .mock_item_reader(
            "Map",
            Mock::from_fn(|call| {
                assert_eq!(
                    call.parameters,
                    &json!({"Bucket": "poc-bucket", "Key": "input/orders.json"})
                );
                Ok(orders_file())
            }),
        )
        .mock_task(
            "Lambda Invoke",
            Mock::sequence(std::iter::once(lambda_throttled()).chain(
                (0..5).map(|i| Mock::value(json!({"StatusCode": 200, "Payload": {"item": i}}))),
            )),
        )
        .run(json!({"map_input_s3_bucket": "poc-bucket", "map_input_s3_key": "input/orders.json"}))
        .unwrap();
    assert_eq!(exec.status, Status::Succeeded);
    assert_eq!(exec.path(), ["Map"]);
    // The first call was throttled and retried: every item still has its result, in order.
    let items: Vec<Value> = (0..5).map(|i| json!({"item": i})).collect();
    assert_eq!(exec.output, Some(Value::from(items)));
}
