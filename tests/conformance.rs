//! The project-owned conformance suite in `tests/conformance/` (see its README): every
//! `*.valid.json` has no findings and round-trips losslessly, every `*.invalid.json` reports the
//! codes it states at the pointers it states (and no error of another code), every
//! `*.warning.json` reports its warning and no error. The suite covers every rule code and every
//! field of every state type; the last tests document where sfn deliberately disagrees with a
//! label of the shared corpus.

mod common;

use common::semantic_diff;
use serde_json::Value;
use sfn::Code;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What a suite file is expected to be, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Valid,
    Invalid,
    Warning,
}

/// One expected finding: a code and, when given, the JSON pointer it must be reported at.
#[derive(Debug, Clone)]
struct Expected {
    code: Code,
    pointer: Option<String>,
}

struct Case {
    name: String,
    kind: Kind,
    bytes: Vec<u8>,
    expected: Vec<Expected>,
}

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance")
}

/// Parses `expect SFN011 /States/A/Next, SFN012 /States/B | description`.
fn parse_expectation(name: &str, text: &str) -> Vec<Expected> {
    let text = text.trim();
    let body = text
        .strip_prefix("expect ")
        .unwrap_or_else(|| panic!("{name}: the expectation must start with `expect `: {text:?}"));
    let (items, description) = body
        .split_once(" | ")
        .unwrap_or_else(|| panic!("{name}: the expectation needs ` | description`: {text:?}"));
    assert!(!description.trim().is_empty(), "{name}: empty description");
    items
        .split(", ")
        .map(|item| {
            let (code, pointer) = common::expected_finding(item, name);
            Expected { code, pointer }
        })
        .collect()
}

fn load_cases() -> Vec<Case> {
    let dir = suite_dir();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let kind = if name.ends_with(".valid.json") {
                Kind::Valid
            } else if name.ends_with(".invalid.json") {
                Kind::Invalid
            } else if name.ends_with(".warning.json") {
                Kind::Warning
            } else {
                panic!("{name}: a suite file ends in .valid.json, .invalid.json or .warning.json")
            };
            let bytes = std::fs::read(&path).unwrap();
            let sidecar = path.with_extension("expect");
            let expectation = if sidecar.is_file() {
                Some(std::fs::read_to_string(&sidecar).unwrap())
            } else {
                // Lenient parse (duplicate keys allowed) just to read the Comment.
                serde_json::from_slice::<Value>(&bytes)
                    .ok()
                    .and_then(|v| v.get("Comment").and_then(Value::as_str).map(str::to_owned))
            };
            let expected = match (kind, expectation) {
                (Kind::Valid, Some(c)) => {
                    assert!(
                        !c.starts_with("expect "),
                        "{name}: a valid file states no expected codes"
                    );
                    Vec::new()
                }
                (Kind::Valid, None) => panic!("{name}: describe the case in the top-level Comment"),
                (_, Some(c)) => parse_expectation(&name, &c),
                (_, None) => panic!(
                    "{name}: state the expected codes in the top-level Comment or a .expect file"
                ),
            };
            Case {
                name,
                kind,
                bytes,
                expected,
            }
        })
        .collect()
}

/// Every finding for a file, exactly as `sfn validate` computes them.
fn findings(bytes: &[u8]) -> Vec<sfn::Diagnostic> {
    match sfn::json::parse_document(bytes, &sfn::json::Limits::default()) {
        Err(d) => vec![d],
        Ok(v) => sfn::validate::check_value(&v),
    }
}

fn show(diags: &[sfn::Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| {
            format!(
                "  {} {} at {:?}: {}",
                d.severity, d.code, d.pointer, d.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Import → canonical JSON → compare with the file; also checks that `fmt` is a fixed point.
fn round_trip(name: &str, bytes: &[u8]) -> Result<(), String> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let machine = sfn::StateMachine::from_value(&value).map_err(|d| format!("{name}: {d}"))?;
    let pretty = sfn::to_json_pretty(&machine);
    let back: Value = serde_json::from_str(&pretty).map_err(|e| e.to_string())?;
    if let Some(d) = semantic_diff(&value, &back, "") {
        return Err(format!("{name}: the round trip differs at {d}"));
    }
    let again = sfn::StateMachine::from_json(&pretty).map_err(|d| format!("{name}: {d}"))?;
    if sfn::to_json_pretty(&again) != pretty {
        return Err(format!("{name}: fmt(fmt(x)) != fmt(x)"));
    }
    Ok(())
}

#[test]
fn the_suite_has_at_least_150_files_of_each_kind_of_outcome() {
    let cases = load_cases();
    let valid = cases.iter().filter(|c| c.kind == Kind::Valid).count();
    assert!(cases.len() >= 150, "only {} files", cases.len());
    assert!(
        valid >= 50 && cases.len() - valid >= 50,
        "{valid} valid of {}",
        cases.len()
    );
}

#[test]
fn valid_files_have_no_findings_and_round_trip() {
    let mut failures = Vec::new();
    for c in load_cases().iter().filter(|c| c.kind == Kind::Valid) {
        let found = findings(&c.bytes);
        if !found.is_empty() {
            failures.push(format!(
                "{}: expected no findings, found\n{}",
                c.name,
                show(&found)
            ));
            continue;
        }
        if let Err(e) = round_trip(&c.name, &c.bytes) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn invalid_and_warning_files_report_the_stated_codes() {
    let mut failures = Vec::new();
    for c in load_cases().iter().filter(|c| c.kind != Kind::Valid) {
        let found = findings(&c.bytes);
        for e in &c.expected {
            let hit = found
                .iter()
                .any(|d| d.code == e.code && e.pointer.as_ref().is_none_or(|p| *p == d.pointer));
            if !hit {
                failures.push(format!(
                    "{}: expected {} at {:?}, found\n{}",
                    c.name,
                    e.code,
                    e.pointer.as_deref().unwrap_or("(anywhere)"),
                    show(&found)
                ));
            }
        }
        // One rule per file: no error of a code the file does not state.
        let stray: Vec<_> = found
            .iter()
            .filter(|d| d.is_error() && !c.expected.iter().any(|e| e.code == d.code))
            .cloned()
            .collect();
        if !stray.is_empty() {
            failures.push(format!(
                "{}: errors it does not state:\n{}",
                c.name,
                show(&stray)
            ));
        }
        for d in found
            .iter()
            .filter(|d| c.expected.iter().any(|e| e.code == d.code))
        {
            if d.help.is_none() && d.code != Code::InvalidJson {
                failures.push(format!("{}: {} has no help line", c.name, d.code));
            }
        }
        if c.kind == Kind::Warning {
            if found.iter().any(|d| d.is_error()) {
                failures.push(format!("{}: a warning file has errors", c.name));
            } else if let Err(e) = round_trip(&c.name, &c.bytes) {
                failures.push(e);
            }
            for e in &c.expected {
                if e.code.default_severity() != sfn::Severity::Warning {
                    failures.push(format!("{}: {} is not a warning", c.name, e.code));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_code_has_a_failing_file() {
    let cases = load_cases();
    let covered: BTreeSet<Code> = cases
        .iter()
        .flat_map(|c| c.expected.iter().map(|e| e.code))
        .collect();
    let missing: Vec<_> = Code::ALL
        .iter()
        .filter(|c| !covered.contains(c))
        .map(|c| c.as_str())
        .collect();
    assert!(missing.is_empty(), "no suite file expects {missing:?}");
    // File names start with the code they are about, e.g. `sfn011-next-typo.invalid.json`.
    for c in cases.iter().filter(|c| c.kind != Kind::Valid) {
        let first = c.expected[0].code.as_str().to_lowercase();
        assert!(
            c.name.starts_with(&format!("{first}-")),
            "{}: an invalid or warning file is named after its first code ({first}-…)",
            c.name
        );
    }
}

/// The fields the valid files must use at least once, per object kind, separated by spaces:
/// `STATE` stands for the fields every state has, `WORK` for those that the states doing work
/// (Task, Parallel and Map) have after their input.
const FIELDS: &[(&str, &str)] = &[
    (
        "machine",
        "Comment QueryLanguage StartAt States TimeoutSeconds Version",
    ),
    (
        "Task",
        "STATE Resource Credentials InputPath Parameters Arguments WORK TimeoutSeconds \
         TimeoutSecondsPath HeartbeatSeconds HeartbeatSecondsPath",
    ),
    (
        "Pass",
        "STATE InputPath Parameters Result ResultPath OutputPath Output Assign Next End",
    ),
    (
        "Choice",
        "STATE InputPath OutputPath Choices Default Output Assign",
    ),
    (
        "Wait",
        "STATE InputPath OutputPath Seconds SecondsPath Timestamp TimestampPath Output \
         Assign Next End",
    ),
    ("Succeed", "STATE InputPath OutputPath Output"),
    ("Fail", "STATE Error ErrorPath Cause CausePath"),
    (
        "Parallel",
        "STATE Branches InputPath Parameters Arguments WORK",
    ),
    (
        "Map",
        "STATE ItemProcessor Iterator InputPath ItemsPath Items ItemSelector Parameters \
         ItemReader ItemBatcher ResultWriter MaxConcurrency MaxConcurrencyPath \
         ToleratedFailurePercentage ToleratedFailurePercentagePath ToleratedFailureCount \
         ToleratedFailureCountPath Label WORK",
    ),
    (
        "Retry",
        "Comment ErrorEquals IntervalSeconds MaxAttempts BackoffRate MaxDelaySeconds \
         JitterStrategy",
    ),
    ("Catch", "Comment ErrorEquals Next ResultPath Output Assign"),
    (
        "rule",
        "Comment Variable Next And Or Not Condition Assign Output",
    ),
    ("Branches", "Comment StartAt States"),
    ("ItemProcessor", "Comment ProcessorConfig StartAt States"),
    ("ProcessorConfig", "Mode ExecutionType"),
    ("ItemReader", "Resource ReaderConfig Parameters Arguments"),
    (
        "ReaderConfig",
        "InputType CSVHeaderLocation CSVHeaders CSVDelimiter MaxItems MaxItemsPath \
         ManifestType",
    ),
    (
        "ItemBatcher",
        "MaxItemsPerBatch MaxItemsPerBatchPath MaxInputBytesPerBatch \
         MaxInputBytesPerBatchPath BatchInput",
    ),
    ("ResultWriter", "Resource Parameters Arguments WriterConfig"),
    ("WriterConfig", "OutputType Transformation"),
    ("Credentials", "RoleArn"),
];
const STATE: &str = "Type Comment QueryLanguage";
const WORK: &str = "ResultSelector ResultPath OutputPath Output Assign Retry Catch Next End";

/// Records `(object kind, key)` for every key of a definition, walking states, rules and Map parts.
fn collect_fields(kind: &str, v: &Value, out: &mut BTreeMap<String, BTreeSet<String>>) {
    let Value::Object(map) = v else { return };
    let kind = if kind == "state" {
        map.get("Type").and_then(Value::as_str).unwrap_or("state")
    } else {
        kind
    };
    for (key, value) in map {
        let base = key.strip_suffix(".$").unwrap_or(key);
        out.entry(kind.to_string())
            .or_default()
            .insert(base.to_string());
        match (kind, key.as_str()) {
            (_, "States") => {
                if let Value::Object(states) = value {
                    for s in states.values() {
                        collect_fields("state", s, out);
                    }
                }
            }
            ("Parallel", "Branches") | (_, "Retry" | "Catch" | "Choices" | "And" | "Or") => {
                let child = match key.as_str() {
                    "Branches" | "Retry" | "Catch" => key.as_str(),
                    _ => "rule",
                };
                for item in value.as_array().into_iter().flatten() {
                    collect_fields(child, item, out);
                }
            }
            (_, "Not") => collect_fields("rule", value, out),
            ("Map", "ItemProcessor" | "Iterator") => collect_fields("ItemProcessor", value, out),
            ("Map", "ItemReader" | "ItemBatcher" | "ResultWriter")
            | ("ItemProcessor", "ProcessorConfig")
            | ("ItemReader", "ReaderConfig")
            | ("ResultWriter", "WriterConfig")
            | ("Task", "Credentials") => collect_fields(key, value, out),
            _ => {}
        }
    }
}

#[test]
fn valid_files_use_every_field_of_every_state_type_and_every_operator() {
    let mut seen: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in load_cases().iter().filter(|c| c.kind == Kind::Valid) {
        let v: Value = serde_json::from_slice(&c.bytes).unwrap();
        collect_fields("machine", &v, &mut seen);
    }
    let mut missing = Vec::new();
    for (kind, fields) in FIELDS {
        let fields = fields.replace("STATE", STATE).replace("WORK", WORK);
        for f in fields.split_whitespace() {
            if !seen.get(*kind).is_some_and(|s| s.contains(f)) {
                missing.push(format!("{kind}.{f}"));
            }
        }
    }
    for op in sfn::Operator::ALL {
        if !seen.get("rule").is_some_and(|s| s.contains(op.as_str())) {
            missing.push(format!("rule.{}", op.as_str()));
        }
    }
    assert!(
        missing.is_empty(),
        "no valid suite file uses: {}",
        missing.join(", ")
    );
}

// ---------------------------------------------------------------------------------------------
// Deliberate disagreements with the corpus labels (../shared/corpus). Each test states the
// definition sfn judges differently from the label, and why.

fn check(text: &str) -> Vec<sfn::Diagnostic> {
    findings(text.as_bytes())
}

/// asl-validator labels `invalid-jsonata-surround-syntax-no-spaces.json` (`"{%10%}"`) invalid
/// because its schema pattern is `^\{% .+ %\}$`. AWS only requires the `{%` and `%}` delimiters:
/// its own published samples use `"{%$lowercase(…) %}"` and `"{% $states.input%}"`
/// (aws-samples/step-functions-workflows-collection: bedrock-evaluations-sam,
/// distributed-data-stream-aggregator), and the AWS guide describes the syntax as
/// `"{% <JSONata expression> %}"` with no rule about spaces
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html>).
#[test]
fn disagreement_jsonata_without_spaces_is_valid() {
    let found = check(
        r#"{"QueryLanguage": "JSONata", "StartAt": "X", "States": {"X": {"Type": "Pass", "Output": "{%10%}", "End": true}}}"#,
    );
    assert!(found.is_empty(), "{}", show(&found));
}

/// asl-validator labels `invalid-json-surround-syntax-extra-spaces.json` (`"{% \n10         %}"`)
/// invalid; its Comment blames the spaces, but its schema pattern `^\{% .+ %\}$` fails on the
/// line break (`.` does not match `\n`). Whitespace, line breaks included, is insignificant in
/// JSONata (<https://docs.jsonata.org/programming>), AWS strips the delimiters and evaluates the
/// rest, and multi-line expressions are common in Workflow Studio exports.
#[test]
fn disagreement_jsonata_with_line_breaks_and_extra_spaces_is_valid() {
    let found = check(
        r#"{"QueryLanguage": "JSONata", "StartAt": "X", "States": {"X": {"Type": "Pass", "Output": "{% \n10         %}", "End": true}}}"#,
    );
    assert!(found.is_empty(), "{}", show(&found));
}

/// Labelled valid by their corpus, rejected by sfn on purpose; the reasons (with links) are the
/// `EXCEPTIONS` of `tests/corpus.rs`. Here one representative per rule, so that a change of the
/// rule shows up next to its justification.
#[test]
fn disagreement_stricter_than_the_label() {
    let cases: &[(&str, Code, &str)] = &[
        // asl-validator valid-assign.asl.json: `top-level` is not an identifier
        // (https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html).
        (
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"top-level": 1}, "End": true}}}"#,
            Code::InvalidVariableName,
            "/States/A/Assign/top-level",
        ),
        // asl-validator valid-map-tolerated.json: tolerated failures belong to a Distributed Map
        // (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html).
        (
            r#"{"StartAt": "M", "States": {"M": {"Type": "Map", "ToleratedFailureCount": 1, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}"#,
            Code::DistributedOnly,
            "/States/M/ToleratedFailureCount",
        ),
        // asl-validator valid-task-credentials.json, wmfs task-with-credentials.json: AWS requires
        // `RoleArn` (SCHEMA_VALIDATION_FAILED recorded by LocalStack in
        // credentials/empty_credentials.json5).
        (
            r#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Credentials": {"roleArn": "x"}, "End": true}}}"#,
            Code::MissingField,
            "/States/T/Credentials",
        ),
        // localstack lambda_list_functions.json5: only `lambda:invoke` is an optimized Lambda
        // integration; LocalStack skips its test outside AWS because AWS rejects the definition.
        (
            r#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:listFunctions", "End": true}}}"#,
            Code::InvalidResource,
            "/States/T/Resource",
        ),
        // localstack sqs_wait_for_task_token_no_token_parameter.json5: AWS accepts it, but the
        // execution can only time out (SFN033 by design, see DESIGN.md).
        (
            r#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": {"QueueUrl": "q", "MessageBody": "m"}, "End": true}}}"#,
            Code::MissingTaskToken,
            "/States/T/Resource",
        ),
    ];
    for (text, code, pointer) in cases {
        let found = check(text);
        assert!(
            found
                .iter()
                .any(|d| d.code == *code && d.pointer == *pointer),
            "expected {code} at {pointer} for {text}\n{}",
            show(&found)
        );
    }
}
