//! `sfn run` end to end through the binary: each exit status, both formats, `--history`, input
//! from standard input, and the errors of mock files.

mod common;

use common::{says, sfn_in, stderr_says, temp_dir};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// Submit a job, then ask for its status until it is `DONE` or `FAILED`.
const POLLER: &str = r#"{
  "StartAt": "Submit",
  "States": {
    "Submit": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "OutputPath": "$.Payload", "Next": "Wait"},
    "Wait": {"Type": "Wait", "Seconds": 10, "Next": "Status"},
    "Status": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "ResultSelector": {"state.$": "$.Payload.state"}, "ResultPath": "$.status",
               "Next": "Done?"},
    "Done?": {"Type": "Choice",
              "Choices": [{"Variable": "$.status.state", "StringEquals": "DONE", "Next": "Done"},
                          {"Variable": "$.status.state", "StringEquals": "FAILED", "Next": "Failed"}],
              "Default": "Wait"},
    "Done": {"Type": "Succeed"},
    "Failed": {"Type": "Fail", "Error": "JobFailed", "Cause": "the job failed"}
  }
}"#;

const MOCKS: &str = r#"{
  "StateMachines": {"poller": {"TestCases": {
    "Twice": {"Submit": "Submitted", "Status": "RunningThenDone"},
    "Fails": {"Submit": "Submitted", "Status": "Failed"},
    "NoStatus": {"Submit": "Submitted"}
  }}},
  "MockedResponses": {
    "Submitted": {"0": {"Return": {"Payload": {"id": "job-1"}}}},
    "RunningThenDone": {
      "0": {"Return": {"Payload": {"state": "RUNNING"}}},
      "1": {"Return": {"Payload": {"state": "DONE"}}}
    },
    "Failed": {"0": {"Throw": {"Error": "Lambda.Unknown", "Cause": "boom"}},
               "1": {"Return": {"Payload": {"state": "FAILED"}}}}
  }
}"#;

/// A fresh temporary directory for one test, with the poller and its mocks.
fn setup(name: &str) -> PathBuf {
    let dir = temp_dir(&format!("run-{name}"));
    std::fs::write(dir.join("poller.asl.json"), POLLER).expect("write");
    std::fs::write(dir.join("mocks.json"), MOCKS).expect("write");
    dir
}

/// `sfn run poller.asl.json --mocks MOCKS --test-case CASE`, then `extra`.
fn poller_args<'a>(mocks: &'a str, case: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let run = [
        "run",
        "poller.asl.json",
        "--mocks",
        mocks,
        "--test-case",
        case,
    ];
    [&run[..], extra].concat()
}

/// Runs `sfn` in `dir` with `stdin`; the exit status, standard output and standard error.
fn sfn(dir: &Path, args: &[&str], stdin: &str) -> (i32, String, String) {
    sfn_in(Some(dir), args, stdin)
}

fn run_json(dir: &Path, args: &[&str], stdin: &str) -> Value {
    let (code, out, err) = sfn(dir, args, stdin);
    assert_eq!(code, 0, "{out}{err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not one JSON object ({e}): {out}"))
}

#[test]
fn a_succeeded_execution_shows_the_states_taken_and_the_output() {
    let d = setup("human");
    let args = poller_args("mocks.json", "Twice", &[]);
    let (code, out, err) = sfn(&d, &args, "");
    assert_eq!(code, 0, "{out}{err}");
    let states: Vec<&str> = out
        .lines()
        .take_while(|l| !l.starts_with("SUCCEEDED"))
        .map(|l| l.split_whitespace().nth(1).expect("a state line"))
        .collect();
    assert_eq!(
        states,
        [
            "Submit", "Wait", "Status", "Done?", "Wait", "Status", "Done?", "Done"
        ],
        "{out}"
    );
    says(
        &out,
        &[
            "SUCCEEDED after 8 states and 20s of virtual time",
            "\"state\": \"DONE\"",
        ],
    );
    assert!(err.is_empty(), "{err}");
}

#[test]
fn json_format_is_one_object_with_status_and_output() {
    let d = setup("json");
    let exec = run_json(
        &d,
        &poller_args("mocks.json", "Twice", &["--format", "json"]),
        "",
    );
    assert_eq!(
        exec,
        json!({"status": "SUCCEEDED", "output": {"id": "job-1", "status": {"state": "DONE"}}})
    );
}

#[test]
fn a_failed_execution_exits_zero_with_error_and_cause() {
    let d = setup("failed");
    let args = poller_args("mocks.json", "Fails", &[]);
    let exec = run_json(&d, &[&args[..], &["--format", "json"]].concat(), "");
    assert_eq!(
        exec,
        json!({"status": "FAILED", "error": "Lambda.Unknown", "cause": "boom"})
    );
    let (code, out, _) = sfn(&d, &args, "");
    assert_eq!(code, 0, "{out}");
    says(
        &out,
        &[
            "Status  Task  (failed)",
            "FAILED after 3 states",
            "error: Lambda.Unknown\ncause: boom",
        ],
    );
}

#[test]
fn history_has_aws_get_execution_history_events() {
    let d = setup("history");
    let exec = run_json(
        &d,
        &poller_args("mocks.json", "Twice", &["--format", "json", "--history"]),
        "",
    );
    let history = exec["history"].as_array().expect("history");
    assert_eq!(history[0]["type"], "ExecutionStarted");
    assert_eq!(
        history[0]["executionStartedEventDetails"]["input"],
        json!({})
    );
    assert_eq!(
        history[1],
        json!({"id": 2, "previousEventId": 0, "timestamp": "2024-01-01T00:00:00.000Z",
               "type": "TaskStateEntered",
               "stateEnteredEventDetails": {"name": "Submit", "input": {}}})
    );
    let last = history.last().expect("events");
    assert_eq!(last["type"], "ExecutionSucceeded");
    assert_eq!(
        last["executionSucceededEventDetails"]["output"],
        exec["output"]
    );
    // The second Wait ends 20 virtual seconds after the start.
    let waits: Vec<&Value> = history
        .iter()
        .filter(|e| e["type"] == "WaitStateExited")
        .map(|e| &e["timestamp"])
        .collect();
    assert_eq!(
        waits,
        [
            &json!("2024-01-01T00:00:10.000Z"),
            &json!("2024-01-01T00:00:20.000Z")
        ]
    );

    let (code, out, _) = sfn(&d, &poller_args("mocks.json", "Twice", &["--history"]), "");
    assert_eq!(code, 0);
    says(&out, &["history:\n", "ExecutionSucceeded"]);
}

#[test]
fn input_and_definition_from_standard_input() {
    let d = setup("stdin");
    let echo = r#"{"StartAt": "P", "States": {"P": {"Type": "Pass",
        "Parameters": {"greeting.$": "States.Format('hello {}', $.name)"}, "End": true}}}"#;
    std::fs::write(d.join("echo.json"), echo).expect("write");
    let exec = run_json(
        &d,
        &["run", "echo.json", "--input", "-", "--format", "json"],
        r#"{"name": "world"}"#,
    );
    assert_eq!(
        exec,
        json!({"status": "SUCCEEDED", "output": {"greeting": "hello world"}})
    );
    std::fs::write(d.join("input.json"), r#"{"name": "file"}"#).expect("write");
    let exec = run_json(
        &d,
        &["run", "-", "--input", "input.json", "--format", "json"],
        echo,
    );
    assert_eq!(exec["output"], json!({"greeting": "hello file"}));
    // Standard input cannot be both.
    stderr_says(
        sfn(&d, &["run", "-", "--input", "-"], echo),
        2,
        &["standard input can be read once"],
    );
}

#[test]
fn a_timed_out_execution_exits_zero() {
    let d = setup("timeout");
    std::fs::write(
        d.join("slow.json"),
        r#"{"StartAt": "W", "TimeoutSeconds": 5, "States": {"W": {"Type": "Wait", "Seconds": 60, "End": true}}}"#,
    )
    .expect("write");
    let exec = run_json(&d, &["run", "slow.json", "--format", "json"], "");
    assert_eq!(exec["status"], "TIMED_OUT");
}

#[test]
fn an_invalid_definition_exits_one_reported_like_validate() {
    let d = setup("invalid");
    std::fs::write(
        d.join("bad.json"),
        "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"Next\": \"Bb\"},\n    \"B\": {\"Type\": \"Succeed\"}\n  }\n}\n",
    )
    .expect("write");
    let (code, out, err) = sfn(&d, &["run", "bad.json"], "");
    assert_eq!(code, 1, "{out}{err}");
    says(
        &err,
        &[
            "error[SFN011]",
            "bad.json:4:35",
            "bad.json cannot be run until these errors are fixed",
        ],
    );
    assert!(out.is_empty(), "{out}");
    let (code, out, _) = sfn(&d, &["run", "bad.json", "--format", "json"], "");
    assert_eq!(code, 1);
    let finding: Value = serde_json::from_str(out.lines().next().expect("a finding")).unwrap();
    assert_eq!(finding["code"], "SFN011");
    assert_eq!(finding["line"], 4);
}

#[test]
fn a_task_without_a_mock_exits_two_naming_the_state() {
    let d = setup("unmocked");
    stderr_says(
        sfn(&d, &["run", "poller.asl.json"], ""),
        2,
        &[
            "the Task state 'Submit' (resource 'arn:aws:states:::lambda:invoke') has no mock",
            "--mocks",
        ],
    );
    let (code, _, err) = sfn(&d, &poller_args("mocks.json", "NoStatus", &[]), "");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("the Task state 'Status'")
            && err.contains("StateMachines.poller.TestCases.NoStatus"),
        "{err}"
    );
}

#[test]
fn a_callback_task_without_a_mock_exits_two_since_no_callback_can_come() {
    let d = setup("callback");
    std::fs::write(
        d.join("callback.asl.json"),
        r#"{"StartAt": "Approve", "States": {"Approve": {"Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q",
                           "MessageBody": {"token.$": "$$.Task.Token"}},
            "End": true}}}"#,
    )
    .expect("write");
    let (code, out, err) = sfn(&d, &["run", "callback.asl.json"], "");
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("the Task state 'Approve'")
            && err.contains("waits for a callback")
            && err.contains("--mocks"),
        "{err}"
    );
}

#[test]
fn bad_mock_files_and_unknown_test_cases_exit_two() {
    let d = setup("badmocks");
    let run = |mocks: &str, case: &str| {
        std::fs::write(d.join("m.json"), mocks).expect("write");
        let (code, out, err) = sfn(&d, &poller_args("m.json", case, &[]), "");
        assert_eq!(code, 2, "{out}{err}");
        assert!(out.is_empty(), "{out}");
        err
    };
    let err = run(MOCKS, "Thrice");
    says(
        &err,
        &[
            "no test case StateMachines.poller.TestCases.Thrice; there are: \"Twice\", \"Fails\", \"NoStatus\"",
        ],
    );
    let err = run("{\"StateMachines\": ", "Twice");
    says(&err, &["the mock file (m.json) is not JSON"]);
    let err = run(r#"{"MockedResponses": {}}"#, "Twice");
    says(&err, &["StateMachines"]);
    let err = run(
        r#"{"StateMachines": {"poller": {"TestCases": {"T": {"Submit": "R"}}}},
            "MockedResponses": {"R": {"0": {"Return": 1, "Throw": {"Error": "E"}}}}}"#,
        "T",
    );
    says(
        &err,
        &["MockedResponses.R.0 must have exactly one of Return and Throw"],
    );
    let err = run(
        r#"{"StateMachines": {"poller": {"TestCases": {"T": {"Submit": "Missing"}}}},
            "MockedResponses": {}}"#,
        "T",
    );
    says(&err, &["no mocked response MockedResponses.Missing"]);
    // Two state machines: the definition's file name picks one, or --state-machine.
    let two = r#"{"StateMachines": {"a": {"TestCases": {}}, "b": {"TestCases": {}}},
                  "MockedResponses": {}}"#;
    let err = run(two, "T");
    says(&err, &["--state-machine"]);
    // A missing file.
    let (code, _, err) = sfn(&d, &poller_args("nope.json", "T", &[]), "");
    assert_eq!(code, 2);
    says(&err, &["cannot read the mock file: nope.json"]);
}

#[test]
fn usage_errors_exit_two_and_help_names_the_exit_statuses() {
    let d = setup("usage");
    let (code, _, err) = sfn(&d, &["run", "poller.asl.json", "--test-case", "Twice"], "");
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = sfn(&d, &["run", "missing.json"], "");
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = sfn(
        &d,
        &["run", "poller.asl.json", "--input", "poller.asl.json/x"],
        "",
    );
    assert_eq!(code, 2, "{err}");
    std::fs::write(d.join("in.json"), "not json").expect("write");
    stderr_says(
        sfn(&d, &["run", "poller.asl.json", "--input", "in.json"], ""),
        2,
        &["the input (in.json) is not JSON"],
    );
    let (code, out, _) = sfn(&d, &["run", "--help"], "");
    assert_eq!(code, 0);
    for line in [
        "0  the execution reached a final status",
        "1  the definition is invalid",
        "2  usage or I/O error",
    ] {
        says(&out, &[line]);
    }
}

/// A Distributed Map with an `ItemReader` (at most 3 items) inside a Parallel branch, then an
/// inline Map over its results.
const READER: &str = r#"{
  "StartAt": "Start",
  "States": {
    "Start": {"Type": "Pass", "Next": "Fan out"},
    "Fan out": {"Type": "Parallel", "OutputPath": "$[0]", "Next": "Lines", "Branches": [{
      "StartAt": "Orders",
      "States": {"Orders": {"Type": "Map",
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                       "ReaderConfig": {"InputType": "JSON", "MaxItems": 3},
                       "Parameters": {"Bucket": "orders", "Key.$": "$.key"}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                          "StartAt": "Order",
                          "States": {"Order": {"Type": "Pass", "Parameters": {"order.$": "$.id"}, "End": true}}},
        "End": true}}
    }]},
    "Lines": {"Type": "Map", "ItemsPath": "$",
              "ItemProcessor": {"StartAt": "Line", "States": {"Line": {"Type": "Pass", "End": true}}},
              "End": true}
  }
}"#;

const ITEMS: &str = r#"[{"id": 1}, {"id": 2}, {"id": 3}, {"id": 4}]"#;

/// `setup` plus the ItemReader machine, its items and its input.
fn setup_reader(name: &str) -> PathBuf {
    let d = setup(name);
    std::fs::write(d.join("reader.asl.json"), READER).expect("write");
    std::fs::write(d.join("items.json"), ITEMS).expect("write");
    std::fs::write(d.join("in.json"), r#"{"key": "2026/orders.json"}"#).expect("write");
    d
}

/// `sfn run reader.asl.json --input in.json` with `extra`: exit status, stdout, stderr.
fn run_reader(d: &Path, extra: &[&str], stdin: &str) -> (i32, String, String) {
    let mut args = vec!["run", "reader.asl.json", "--input", "in.json"];
    args.extend_from_slice(extra);
    sfn(d, &args, stdin)
}

#[test]
fn item_reader_gives_a_map_its_items_from_a_json_file() {
    let d = setup_reader("reader-ok");
    let expected =
        json!({"status": "SUCCEEDED", "output": [{"order": 1}, {"order": 2}, {"order": 3}]});
    let exec = run_json(
        &d,
        &[
            "run",
            "reader.asl.json",
            "--input",
            "in.json",
            "--item-reader",
            "Orders=items.json",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(exec, expected);
    // From standard input; and the file name is everything after the first `=`.
    std::fs::create_dir_all(d.join("a=b")).expect("mkdir");
    std::fs::write(d.join("a=b/items.json"), ITEMS).expect("write");
    for (arg, stdin) in [("Orders=-", ITEMS), ("Orders=a=b/items.json", "")] {
        let (code, out, err) = run_reader(&d, &["--item-reader", arg, "--format", "json"], stdin);
        assert_eq!(code, 0, "{arg}: {out}{err}");
        assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), expected);
        assert!(err.is_empty(), "{err}");
    }
    // The human format, and --help.
    let (code, out, err) = run_reader(&d, &["--item-reader", "Orders=items.json"], "");
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("\"order\": 3") && !out.contains("\"order\": 4"),
        "{out}"
    );
    let (_, help, _) = sfn(&d, &["run", "--help"], "");
    says(&help, &["--item-reader <STATE=FILE>"]);
}

#[test]
fn a_map_whose_item_reader_has_no_items_exits_two_naming_the_option() {
    let d = setup_reader("reader-missing");
    let (code, out, err) = run_reader(&d, &[], "");
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    says(
        &err,
        &[
            "the Map state 'Orders' reads its items with an ItemReader: give them with --item-reader 'Orders=FILE'",
        ],
    );
}

#[test]
fn a_malformed_item_reader_argument_exits_two() {
    let d = setup_reader("reader-malformed");
    for (arg, why) in [
        ("Orders", "expected STATE=FILE: the Map state's name"),
        ("=items.json", "the state name before `=` is empty"),
        ("Orders=", "the file name after `=` is empty"),
    ] {
        let (code, out, err) = run_reader(&d, &["--item-reader", arg], "");
        assert_eq!(code, 2, "{arg}: {out}{err}");
        assert!(
            err.contains("--item-reader <STATE=FILE>") && err.contains(why),
            "{arg}: {err}"
        );
    }
    stderr_says(
        run_reader(
            &d,
            &[
                "--item-reader",
                "Orders=items.json",
                "--item-reader",
                "Orders=items.json",
            ],
            "",
        ),
        2,
        &["--item-reader names the state 'Orders' twice"],
    );
    stderr_says(
        sfn(
            &d,
            &[
                "run",
                "reader.asl.json",
                "--input",
                "-",
                "--item-reader",
                "Orders=-",
            ],
            "{}",
        ),
        2,
        &["standard input can be read once"],
    );
}

#[test]
fn item_reader_files_that_are_missing_or_not_an_array_exit_two() {
    let d = setup_reader("reader-file");
    stderr_says(
        run_reader(&d, &["--item-reader", "Orders=nope.json"], ""),
        2,
        &["cannot read the items of --item-reader Orders: nope.json"],
    );
    std::fs::write(d.join("bad.json"), "[{\"id\": 1},").expect("write");
    stderr_says(
        run_reader(&d, &["--item-reader", "Orders=bad.json"], ""),
        2,
        &["the items of --item-reader Orders (bad.json) is not JSON"],
    );
    std::fs::write(d.join("object.json"), r#"{"Items": [1]}"#).expect("write");
    stderr_says(
        run_reader(&d, &["--item-reader", "Orders=object.json"], ""),
        2,
        &[
            "the items of --item-reader Orders (object.json) must be a JSON array of the items, not an object",
        ],
    );
}

#[test]
fn item_reader_of_a_state_that_is_no_map_with_a_reader_exits_two() {
    let d = setup_reader("reader-state");
    let readers = "the Map states with an ItemReader are: \"Orders\"";
    for (state, why) in [
        ("Ordres", "the definition has no state named 'Ordres'"),
        (
            "Start",
            "'Start' is a Pass state, not a Map state with an ItemReader",
        ),
        (
            "Order",
            "'Order' is a Pass state, not a Map state with an ItemReader",
        ),
        (
            "Lines",
            "the Map state 'Lines' has no ItemReader (it iterates its input)",
        ),
    ] {
        let arg = format!("{state}=items.json");
        let (code, out, err) = run_reader(&d, &["--item-reader", &arg], "");
        assert_eq!(code, 2, "{arg}: {out}{err}");
        assert!(out.is_empty(), "{out}");
        assert!(
            err.contains(&format!("--item-reader {state}=…: {why}; {readers}")),
            "{arg}: {err}"
        );
    }
    // A definition without any reader says so.
    stderr_says(
        sfn(
            &d,
            &[
                "run",
                "poller.asl.json",
                "--item-reader",
                "Submit=items.json",
            ],
            "",
        ),
        2,
        &[
            "'Submit' is a Task state, not a Map state with an ItemReader; the definition has no Map state with an ItemReader",
        ],
    );
}

#[test]
fn a_map_with_a_result_writer_exits_two_as_sfn_run_cannot_write() {
    let d = setup_reader("reader-writer");
    let machine: Value = serde_json::from_str(READER).unwrap();
    let mut machine = machine;
    machine["States"]["Fan out"]["Branches"][0]["States"]["Orders"]["ResultWriter"] = json!({
        "Resource": "arn:aws:states:::s3:putObject",
        "Parameters": {"Bucket": "results", "Prefix": "orders/"}
    });
    std::fs::write(d.join("writer.asl.json"), machine.to_string()).expect("write");
    stderr_says(
        sfn(
            &d,
            &[
                "run",
                "writer.asl.json",
                "--input",
                "in.json",
                "--item-reader",
                "Orders=items.json",
            ],
            "",
        ),
        2,
        &[
            "the Map state 'Orders' writes its results with a ResultWriter, which sfn run cannot simulate yet",
        ],
    );
}
