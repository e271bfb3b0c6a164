//! Configurations the templates reject: each fails with a rule code and the JSON pointer of the
//! field (relative to the scope), and leaves the scope untouched.

use sfn_codegen::templates::{
    Call, Callback, CallbackExits, CsvHeader, DistributedMap, Items, JobPoller, PollerExits,
    Processor, Statuses, UnknownStatus,
};
use sfn_dsl::builder::{Parallel, Pass, Resource, Task};
use sfn_dsl::diagnostic::{Code, Diagnostic, Diagnostics};
use sfn_dsl::model::{ExecutionType, StateMachine};

const FN: &str = "arn:aws:lambda:eu-west-1:123456789012:function:work";
const QUEUE: &str = "https://sqs.eu-west-1.amazonaws.com/123456789012/q";

/// `(code, pointer)` of every finding.
fn found(result: Result<StateMachine, Diagnostics>) -> Vec<(Code, String)> {
    let diags = result.expect_err("the configuration must be rejected");
    diags.iter().map(|d| (d.code, d.pointer.clone())).collect()
}

fn one(code: Code, pointer: &str) -> Vec<(Code, String)> {
    vec![(code, pointer.to_string())]
}

/// The only finding, which has `code`.
fn the_finding(result: Result<StateMachine, Diagnostics>, code: Code) -> Diagnostic {
    let diags = result.expect_err("the configuration must be rejected");
    assert_eq!(diags.codes(), [code]);
    diags.0.into_iter().next().unwrap()
}

fn map(processor: Processor<'_>) -> DistributedMap<'_> {
    DistributedMap::new(Items::s3_json("b", "k.json"), processor)
}

#[test]
fn tolerated_failure_percentage_over_100() {
    assert_eq!(
        found(
            map(Processor::lambda(FN))
                .tolerated_failure_percentage(150.0)
                .build()
        ),
        one(
            Code::OutOfRange,
            "/States/Process Items/ToleratedFailurePercentage"
        )
    );
}

#[test]
fn negative_tolerated_failure_count_and_concurrency() {
    assert_eq!(
        found(
            map(Processor::lambda(FN))
                .tolerated_failure_count(-1)
                .max_concurrency(-5)
                .build()
        ),
        // In the order `sfn validate` reports them.
        vec![
            (
                Code::OutOfRange,
                "/States/Process Items/MaxConcurrency".to_string()
            ),
            (
                Code::OutOfRange,
                "/States/Process Items/ToleratedFailureCount".to_string()
            ),
        ]
    );
}

#[test]
fn label_over_40_characters() {
    let found = the_finding(
        map(Processor::lambda(FN)).label("a".repeat(41)).build(),
        Code::StringLength,
    );
    assert_eq!(
        found.message,
        "`Label` is 41 characters long; AWS allows at most 40"
    );
    // The validator's check: the characters too, before anything is built.
    let diags = map(Processor::lambda(FN))
        .label("batch {1}")
        .build()
        .unwrap_err();
    assert_eq!(diags.codes(), [Code::InvalidCharacter]);
}

#[test]
fn empty_given_csv_headers() {
    let items = Items::s3_csv("b", "k.csv", CsvHeader::given(Vec::<String>::new()));
    assert_eq!(
        found(DistributedMap::new(items, Processor::lambda(FN)).build()),
        one(
            Code::EmptyCollection,
            "/States/Process Items/ItemReader/ReaderConfig/CSVHeaders"
        )
    );
}

#[test]
fn express_processor_with_sync_task() {
    let processor = Processor::states(|p| {
        let run = p.declare("Run Job");
        p.define(run, Task::new(Resource::batch_submit_job().sync()).end());
        Ok(())
    });
    let found = the_finding(
        map(processor)
            .execution_type(ExecutionType::Express)
            .build(),
        Code::ExpressPattern,
    );
    assert_eq!(
        found.pointer,
        "/States/Process Items/ItemProcessor/States/Run Job/Resource"
    );
    assert!(
        found
            .message
            .contains("Run a Job integration pattern (`.sync`), which EXPRESS child executions"),
        "{found}"
    );
    // The same processor is fine with STANDARD children.
    let processor = Processor::states(|p| {
        let run = p.declare("Run Job");
        p.define(run, Task::new(Resource::batch_submit_job().sync()).end());
        Ok(())
    });
    assert!(map(processor).build().is_ok());
}

/// A callback (`.waitForTaskToken`) nested in a Parallel branch of an EXPRESS processor.
#[test]
fn express_processor_with_nested_callback() {
    let processor = Processor::states(|p| {
        let fan = p.declare("Fan");
        p.define(
            fan,
            Parallel::new()
                .branch(|b| {
                    Callback::sqs(QUEUE)
                        .add_to(b, "", CallbackExits::new())
                        .expect("valid");
                })
                .end(),
        );
        Ok(())
    });
    assert_eq!(
        found(
            map(processor)
                .execution_type(ExecutionType::Express)
                .build()
        ),
        one(
            Code::ExpressPattern,
            "/States/Process Items/ItemProcessor/States/Fan/Branches/0/States/Wait for Callback/Resource"
        )
    );
}

/// A fragment's finding inside a processor closure comes out of the map, under its pointer.
#[test]
fn fragment_error_inside_processor_propagates() {
    let processor = Processor::states(|p| {
        Callback::sqs(QUEUE)
            .heartbeat_seconds(60)
            .timeout_seconds(60)
            .add_to(p, "Item ", CallbackExits::new())?;
        Ok(())
    });
    assert_eq!(
        found(map(processor).build()),
        one(
            Code::HeartbeatTimeout,
            "/States/Process Items/ItemProcessor/States/Item Wait for Callback/HeartbeatSeconds"
        )
    );
}

#[test]
fn heartbeat_not_below_timeout() {
    assert_eq!(
        found(
            Callback::sqs(QUEUE)
                .heartbeat_seconds(600)
                .timeout_seconds(600)
                .build()
        ),
        one(
            Code::HeartbeatTimeout,
            "/States/Wait for Callback/HeartbeatSeconds"
        )
    );
    // Against the default timeout (86400) too, and the message says which.
    let diags = Callback::sns("arn:aws:sns:eu-west-1:123456789012:t")
        .heartbeat_seconds(90_000)
        .build()
        .unwrap_err();
    assert_eq!(
        diags.0[0].message,
        "`HeartbeatSeconds` (90000) must be smaller than `TimeoutSeconds` (86400)"
    );
}

#[test]
fn non_positive_timeout_and_heartbeat() {
    assert_eq!(
        found(Callback::lambda(FN).timeout_seconds(0).build()),
        one(Code::OutOfRange, "/States/Wait for Callback/TimeoutSeconds")
    );
    assert_eq!(
        found(Callback::lambda(FN).heartbeat_seconds(0).build()),
        one(
            Code::OutOfRange,
            "/States/Wait for Callback/HeartbeatSeconds"
        )
    );
}

#[test]
fn rejection_error_empty_or_reserved() {
    assert_eq!(
        found(Callback::sqs(QUEUE).rejected_error("").build()),
        one(
            Code::EmptyErrorEquals,
            "/States/Wait for Callback/Catch/0/ErrorEquals/0"
        )
    );
    assert_eq!(
        found(
            Callback::sqs(QUEUE)
                .rejected_error("States.Rejected")
                .build()
        ),
        one(
            Code::InvalidValue,
            "/States/Wait for Callback/Catch/0/ErrorEquals/0"
        )
    );
}

#[test]
fn ecs_input_must_be_a_path() {
    let c = Callback::ecs("cluster", "task:1", "worker").input("literal text");
    assert_eq!(
        found(c.build()),
        one(
            Code::InvalidValue,
            "/States/Wait for Callback/Parameters/Overrides"
        )
    );
}

/// A custom callback that forgets the token is caught by `build()` (SFN033).
#[test]
fn custom_callback_without_token_is_a_warning() {
    // AWS runs such a machine (it can only time out): SFN033 is a lint, a warning by default.
    let c = Callback::custom(
        Resource::sqs_send_message(),
        sfn_dsl::payload! { "QueueUrl": QUEUE, "MessageBody": "hi" },
    );
    let machine = c.build().expect("a warning does not fail the build");
    let found: Vec<_> = sfn_dsl::validate::validate(&machine)
        .into_iter()
        .map(|d| (d.code, d.pointer, d.severity))
        .collect();
    assert_eq!(
        found,
        [(
            Code::MissingTaskToken,
            "/States/Wait for Callback/Resource".to_string(),
            sfn_dsl::Severity::Warning
        )]
    );
}

fn generic(statuses: Statuses) -> JobPoller {
    JobPoller::new(Call::lambda(FN), Call::lambda(FN), statuses)
}

#[test]
fn empty_status_lists() {
    let diags = generic(Statuses::at("$.status")).build().unwrap_err();
    assert_eq!(
        diags.codes(),
        [
            Code::EmptyCollection,
            Code::EmptyCollection,
            Code::EmptyCollection
        ]
    );
    assert!(
        diags
            .iter()
            .all(|d| d.pointer == "/States/Job Complete?/Choices")
    );
    assert!(
        diags.0[0].message.contains("no succeeded status value"),
        "{diags}"
    );
    assert!(
        diags.0[1].message.contains("no failed status value"),
        "{diags}"
    );
    assert!(
        diags.0[2].message.contains("no in-progress status value"),
        "{diags}"
    );
}

#[test]
fn in_progress_values_optional_when_keep_polling() {
    let ok = generic(Statuses::at("$.status").succeeded(["OK"]).failed(["KO"]))
        .on_unknown_status(UnknownStatus::KeepPolling)
        .max_polls(10)
        .build();
    assert!(ok.is_ok(), "{ok:?}");
}

#[test]
fn status_in_two_lists_or_empty() {
    let statuses = Statuses::at("$.status")
        .succeeded(["DONE"])
        .failed(["FAILED", "DONE"])
        .in_progress(["RUNNING", ""]);
    let diags = generic(statuses).build().unwrap_err();
    assert_eq!(diags.codes(), [Code::InvalidValue, Code::InvalidValue]);
    assert_eq!(
        diags.0[0].message,
        "the status \"DONE\" is listed as both succeeded and failed"
    );
    assert_eq!(
        diags.0[1].message,
        "an empty string is in the in-progress status list"
    );
}

#[test]
fn zero_polls_and_bad_counter_variable() {
    assert_eq!(
        found(JobPoller::batch("q", "d").max_polls(0).build()),
        one(Code::OutOfRange, "/States/Job Complete?/Choices")
    );
    assert_eq!(
        found(
            JobPoller::batch("q", "d")
                .max_polls(5)
                .poll_counter("poll-count")
                .build()
        ),
        one(
            Code::InvalidVariableName,
            "/States/Submit Job/Assign/poll-count"
        )
    );
}

/// A bad status path is not the template's business: `build()` reports it (SFN027) on the
/// Choice rule.
#[test]
fn bad_status_path_fails_build() {
    let statuses = Statuses::at("$.status[")
        .succeeded(["OK"])
        .failed(["KO"])
        .in_progress(["RUN"]);
    let diags = generic(statuses).build().unwrap_err();
    assert!(
        diags.codes().iter().all(|c| *c == Code::InvalidPath),
        "{diags}"
    );
    assert!(
        diags.0[0]
            .pointer
            .starts_with("/States/Job Complete?/Choices/"),
        "{diags}"
    );
}

/// Two fragments with one prefix clash: `build()` says so (SFN015).
#[test]
fn same_prefix_twice_fails_build() {
    let mut m = StateMachine::builder();
    let second = Callback::sqs(QUEUE)
        .add_to(&mut m, "A ", CallbackExits::new())
        .unwrap();
    let first = Callback::sqs(QUEUE)
        .add_to(&mut m, "A ", CallbackExits::new().approved(second))
        .unwrap();
    m.start_at(first);
    assert!(
        m.build()
            .unwrap_err()
            .codes()
            .contains(&Code::DuplicateStateName)
    );
}

/// A rejected configuration declares nothing: the scope builds as if it was never tried.
#[test]
fn rejection_leaves_the_scope_untouched() {
    let mut m = StateMachine::builder();
    let only = m.declare("Only");
    m.define(only, Pass::new().end());
    assert!(
        JobPoller::batch("q", "d")
            .max_polls(0)
            .add_to(&mut m, "", PollerExits::new())
            .is_err()
    );
    assert!(
        Callback::sqs(QUEUE)
            .timeout_seconds(0)
            .add_to(&mut m, "", CallbackExits::new())
            .is_err()
    );
    assert!(
        map(Processor::lambda(FN))
            .label("")
            .add_to(&mut m, "", Default::default())
            .is_err()
    );
    let machine = m.build().unwrap();
    assert_eq!(machine.states.len(), 1);
}

/// The full text of one report, as a user sees it.
#[test]
fn messages_read_well() {
    let diags = Callback::sqs(QUEUE)
        .heartbeat_seconds(600)
        .timeout_seconds(300)
        .build()
        .unwrap_err();
    assert_eq!(
        diags.to_string(),
        "error[SFN024]: `HeartbeatSeconds` (600) must be smaller than `TimeoutSeconds` (300)\n  \
         at /States/Wait for Callback/HeartbeatSeconds\n  \
         help: lower `heartbeat_seconds` or raise `timeout_seconds` (default 86400)"
    );
}

/// The setting checks decided in `sfn_dsl::validate` name the setter to change.
#[test]
fn setting_messages_name_the_setter() {
    let diags = JobPoller::batch("q", "d")
        .max_polls(5)
        .poll_counter("poll-count")
        .build()
        .unwrap_err();
    assert_eq!(
        diags.to_string(),
        "error[SFN032]: the poll counter: \"poll-count\" is not a valid variable name: invalid character `-` in variable name\n  \
         at /States/Submit Job/Assign/poll-count\n  \
         help: name it with `poll_counter(\"…\")`: letters, digits and `_`, not starting with a digit, at most 80 characters"
    );
    let diags = Callback::sqs(QUEUE).rejected_error("").build().unwrap_err();
    assert_eq!(
        diags.to_string(),
        "error[SFN022]: the rejection error: an error name is empty\n  \
         at /States/Wait for Callback/Catch/0/ErrorEquals/0\n  \
         help: name the error the worker passes to SendTaskFailure with `rejected_error(\"…\")`, e.g. `Rejected`"
    );
}
