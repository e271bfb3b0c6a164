//! Every rule code with a definition that breaks it and a fixed one that passes.

use sfn_dsl::Code;
use sfn_dsl::diagnostic::Diagnostic;
use sfn_dsl::json::{Limits, parse_document};
use sfn_dsl::validate::check_value;

fn findings(text: &str) -> Vec<Diagnostic> {
    match parse_document(text.as_bytes(), &Limits::default()) {
        Err(d) => vec![d],
        Ok(v) => check_value(&v),
    }
}

/// Wraps states into a machine starting at the first one.
fn machine(start: &str, states: &str) -> String {
    format!(r#"{{"StartAt": "{start}", "States": {{ {states} }}}}"#)
}

struct Case {
    code: Code,
    /// The pointer the finding must name.
    pointer: &'static str,
    failing: String,
    passing: String,
}

fn case(code: Code, pointer: &'static str, failing: String, passing: String) -> Case {
    Case {
        code,
        pointer,
        failing,
        passing,
    }
}

fn pass_end(name: &str) -> String {
    format!(r#""{name}": {{"Type": "Pass", "End": true}}"#)
}

fn task(extra: &str) -> String {
    format!(
        r#""T": {{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", {extra} "End": true}}"#
    )
}

fn cases() -> Vec<Case> {
    let m = machine;
    vec![
        case(
            Code::InvalidJson,
            "",
            r#"{"StartAt": "A","#.into(),
            m("A", &pass_end("A")),
        ),
        case(
            Code::DuplicateKey,
            "/States/A/End",
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "End": true}}}"#
                .into(),
            m("A", &pass_end("A")),
        ),
        case(
            Code::UnknownField,
            "/States/A/Ed",
            m("A", r#""A": {"Type": "Pass", "Ed": true, "End": true}"#),
            m("A", &pass_end("A")),
        ),
        case(
            Code::MissingField,
            "/States/T",
            m("T", r#""T": {"Type": "Task", "End": true}"#),
            m("T", &task("")),
        ),
        case(
            Code::WrongType,
            "/States/W/Seconds",
            m(
                "W",
                r#""W": {"Type": "Wait", "Seconds": "10", "End": true}"#,
            ),
            m("W", r#""W": {"Type": "Wait", "Seconds": 10, "End": true}"#),
        ),
        case(
            Code::ExclusiveFields,
            "/States/W/SecondsPath",
            m(
                "W",
                r#""W": {"Type": "Wait", "Seconds": 5, "SecondsPath": "$.s", "End": true}"#,
            ),
            m(
                "W",
                r#""W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}"#,
            ),
        ),
        case(
            Code::InvalidValue,
            "/States/A/Type",
            m("A", r#""A": {"Type": "Pas", "End": true}"#),
            m("A", &pass_end("A")),
        ),
        case(
            Code::StartAtMissing,
            "/StartAt",
            m("B", &pass_end("A")),
            m("A", &pass_end("A")),
        ),
        case(
            Code::UnknownTarget,
            "/States/A/Next",
            m(
                "A",
                &format!(
                    r#""A": {{"Type": "Pass", "Next": "Bb"}}, {}"#,
                    pass_end("B")
                ),
            ),
            m(
                "A",
                &format!(r#""A": {{"Type": "Pass", "Next": "B"}}, {}"#, pass_end("B")),
            ),
        ),
        case(
            Code::Unreachable,
            "/States/B",
            m("A", &format!("{}, {}", pass_end("A"), pass_end("B"))),
            m(
                "A",
                &format!(r#""A": {{"Type": "Pass", "Next": "B"}}, {}"#, pass_end("B")),
            ),
        ),
        case(
            Code::NoTerminal,
            "/StartAt",
            m(
                "A",
                r#""A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}"#,
            ),
            m(
                "A",
                r#""A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}"#,
            ),
        ),
        case(
            Code::StateName,
            "/States/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            m(&"A".repeat(81), &pass_end(&"A".repeat(81))),
            m(&"A".repeat(80), &pass_end(&"A".repeat(80))),
        ),
        case(
            Code::DuplicateStateName,
            "/States/P/Branches/0/States/A",
            m(
                "A",
                r#""A": {"Type": "Pass", "Next": "P"}, "P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}]}"#,
            ),
            m(
                "A",
                r#""A": {"Type": "Pass", "Next": "P"}, "P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}]}"#,
            ),
        ),
        case(
            Code::MissingTransition,
            "/States/A",
            m("A", r#""A": {"Type": "Pass"}"#),
            m("A", &pass_end("A")),
        ),
        case(
            Code::ConflictingTransition,
            "/States/A/End",
            m(
                "A",
                &format!(
                    r#""A": {{"Type": "Pass", "Next": "B", "End": true}}, {}"#,
                    pass_end("B")
                ),
            ),
            m(
                "A",
                &format!(r#""A": {{"Type": "Pass", "Next": "B"}}, {}"#, pass_end("B")),
            ),
        ),
        case(
            Code::TransitionOnTerminal,
            "/States/S/End",
            m("S", r#""S": {"Type": "Succeed", "End": true}"#),
            m("S", r#""S": {"Type": "Succeed"}"#),
        ),
        case(
            Code::ChoiceRuleNext,
            "/States/C/Choices/0",
            m(
                "C",
                r#""C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true}], "Default": "D"}, "D": {"Type": "Succeed"}"#,
            ),
            m(
                "C",
                r#""C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "D"}], "Default": "D"}, "D": {"Type": "Succeed"}"#,
            ),
        ),
        case(
            Code::ChoiceRuleShape,
            "/States/C/Choices/0",
            m(
                "C",
                r#""C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "Next": "D"}], "Default": "D"}, "D": {"Type": "Succeed"}"#,
            ),
            m(
                "C",
                r#""C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": false, "Next": "D"}], "Default": "D"}, "D": {"Type": "Succeed"}"#,
            ),
        ),
        case(
            Code::StatesAllPosition,
            "/States/T/Retry/0/ErrorEquals/0",
            m(
                "T",
                &task(
                    r#""Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["States.Timeout"]}],"#,
                ),
            ),
            m(
                "T",
                &task(
                    r#""Retry": [{"ErrorEquals": ["States.Timeout"]}, {"ErrorEquals": ["States.ALL"]}],"#,
                ),
            ),
        ),
        case(
            Code::EmptyErrorEquals,
            "/States/T/Retry/0/ErrorEquals",
            m("T", &task(r#""Retry": [{"ErrorEquals": []}],"#)),
            m(
                "T",
                &task(r#""Retry": [{"ErrorEquals": ["States.TaskFailed"]}],"#),
            ),
        ),
        case(
            Code::OutOfRange,
            "/States/T/Retry/0/BackoffRate",
            m(
                "T",
                &task(r#""Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": 0.5}],"#),
            ),
            m(
                "T",
                &task(r#""Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": 1.5}],"#),
            ),
        ),
        case(
            Code::HeartbeatTimeout,
            "/States/T/HeartbeatSeconds",
            m(
                "T",
                &task(r#""TimeoutSeconds": 60, "HeartbeatSeconds": 60,"#),
            ),
            m(
                "T",
                &task(r#""TimeoutSeconds": 60, "HeartbeatSeconds": 30,"#),
            ),
        ),
        case(
            Code::InvalidTimestamp,
            "/States/W/Timestamp",
            m(
                "W",
                r#""W": {"Type": "Wait", "Timestamp": "2026-01-01 00:00:00", "End": true}"#,
            ),
            m(
                "W",
                r#""W": {"Type": "Wait", "Timestamp": "2026-01-01T00:00:00Z", "End": true}"#,
            ),
        ),
        case(
            Code::OperatorValueType,
            "/States/C/Choices/0/NumericEquals",
            m(
                "C",
                r#""C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": "5", "Next": "D"}]}, "D": {"Type": "Succeed"}"#,
            ),
            m(
                "C",
                r#""C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 5, "Next": "D"}]}, "D": {"Type": "Succeed"}"#,
            ),
        ),
        case(
            Code::InvalidPath,
            "/States/A/InputPath",
            m(
                "A",
                r#""A": {"Type": "Pass", "InputPath": "$.a[", "End": true}"#,
            ),
            m(
                "A",
                r#""A": {"Type": "Pass", "InputPath": "$.a[0]", "End": true}"#,
            ),
        ),
        case(
            Code::InvalidIntrinsic,
            "/States/A/Parameters/sum.$",
            m(
                "A",
                r#""A": {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.a)"}, "End": true}"#,
            ),
            m(
                "A",
                r#""A": {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.a, 1)"}, "End": true}"#,
            ),
        ),
        case(
            Code::JsonPathFieldInJsonata,
            "/States/A/InputPath",
            m(
                "A",
                r#""A": {"Type": "Pass", "QueryLanguage": "JSONata", "InputPath": "$.x", "End": true}"#,
            ),
            m(
                "A",
                r#""A": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.input.x %}", "End": true}"#,
            ),
        ),
        case(
            Code::JsonataFieldInJsonPath,
            "/States/A/Output",
            m(
                "A",
                r#""A": {"Type": "Pass", "Output": "{% $states.input.x %}", "End": true}"#,
            ),
            m(
                "A",
                r#""A": {"Type": "Pass", "OutputPath": "$.x", "End": true}"#,
            ),
        ),
        case(
            Code::InvalidJsonata,
            "/States/A/Output",
            m(
                "A",
                r#""A": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.input.x", "End": true}"#,
            ),
            m(
                "A",
                r#""A": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.input.x %}", "End": true}"#,
            ),
        ),
        case(
            Code::InvalidVariableName,
            "/States/A/Assign/1st",
            m(
                "A",
                r#""A": {"Type": "Pass", "Assign": {"1st": 1}, "End": true}"#,
            ),
            m(
                "A",
                r#""A": {"Type": "Pass", "Assign": {"first": 1}, "End": true}"#,
            ),
        ),
        case(
            Code::MissingTaskToken,
            "/States/T/Resource",
            m(
                "T",
                r#""T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": {"QueueUrl": "q", "MessageBody": {"x": 1}}, "End": true}"#,
            ),
            m(
                "T",
                r#""T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": {"QueueUrl": "q", "MessageBody": {"TaskToken.$": "$$.Task.Token"}}, "End": true}"#,
            ),
        ),
        case(
            Code::LiteralLooksLikePath,
            "/States/A/Parameters/Id",
            m(
                "A",
                r#""A": {"Type": "Pass", "Parameters": {"Id": "$.id"}, "End": true}"#,
            ),
            m(
                "A",
                r#""A": {"Type": "Pass", "Parameters": {"Id.$": "$.id"}, "End": true}"#,
            ),
        ),
        case(
            Code::DistributedOnly,
            "/States/M/Label",
            m(
                "M",
                r#""M": {"Type": "Map", "Label": "x", "ItemProcessor": {"StartAt": "S", "States": {"S": {"Type": "Succeed"}}}, "End": true}"#,
            ),
            m(
                "M",
                r#""M": {"Type": "Map", "Label": "x", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "S", "States": {"S": {"Type": "Succeed"}}}, "End": true}"#,
            ),
        ),
        case(
            Code::EmptyStates,
            "/States",
            r#"{"StartAt": "A", "States": {}}"#.into(),
            m("A", &pass_end("A")),
        ),
        case(
            Code::EmptyCollection,
            "/States/P/Branches",
            m(
                "P",
                r#""P": {"Type": "Parallel", "Branches": [], "End": true}"#,
            ),
            m(
                "P",
                r#""P": {"Type": "Parallel", "Branches": [{"StartAt": "S", "States": {"S": {"Type": "Succeed"}}}], "End": true}"#,
            ),
        ),
        case(
            Code::StringLength,
            "/States/T/Resource",
            m("T", r#""T": {"Type": "Task", "Resource": "", "End": true}"#),
            m("T", &task("")),
        ),
        case(
            Code::InvalidCharacter,
            "/States/M/Label",
            m(
                "M",
                r#""M": {"Type": "Map", "Label": "batch {1}", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "S", "States": {"S": {"Type": "Succeed"}}}, "End": true}"#,
            ),
            m(
                "M",
                r#""M": {"Type": "Map", "Label": "batch-1", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "S", "States": {"S": {"Type": "Succeed"}}}, "End": true}"#,
            ),
        ),
        case(
            Code::InvalidResource,
            "/States/T/Resource",
            m(
                "T",
                r#""T": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:query", "End": true}"#,
            ),
            m(
                "T",
                r#""T": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:query", "End": true}"#,
            ),
        ),
        case(
            Code::ResourceNotArn,
            "/States/T/Resource",
            m(
                "T",
                r#""T": {"Type": "Task", "Resource": "my-function", "End": true}"#,
            ),
            m(
                "T",
                r#""T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:my-function", "End": true}"#,
            ),
        ),
        case(
            Code::SuspiciousErrorName,
            "/States/T/Catch/0/ErrorEquals",
            m(
                "T",
                &task(
                    r#""Catch": [{"ErrorEquals": ["S","t","a","t","e","s",".","A","L","L"], "Next": "T"}],"#,
                ),
            ),
            m(
                "T",
                &task(r#""Catch": [{"ErrorEquals": ["States.ALL"], "Next": "T"}],"#),
            ),
        ),
        case(
            Code::ExpressPattern,
            "/States/M/ItemProcessor/States/Run/Resource",
            m(
                "M",
                &express_map("arn:aws:states:::sqs:sendMessage.waitForTaskToken"),
            ),
            m("M", &express_map("arn:aws:states:::sqs:sendMessage")),
        ),
        case(
            Code::ExpressDistributedMap,
            "/States/M/ItemProcessor/States/Inner/ItemProcessor/ProcessorConfig/Mode",
            m("M", &express_nested_map("DISTRIBUTED")),
            m("M", &express_nested_map("INLINE")),
        ),
        case(
            Code::DuplicateLabel,
            "/States/B/Label",
            m(
                "A",
                &[
                    labelled_map("A", "batch", r#""Next": "B""#),
                    labelled_map("B", "batch", r#""End": true"#),
                ]
                .join(","),
            ),
            m(
                "A",
                &[
                    labelled_map("A", "batch", r#""Next": "B""#),
                    labelled_map("B", "other", r#""End": true"#),
                ]
                .join(","),
            ),
        ),
        case(
            Code::PassResultIsStatic,
            "/States/A/Result/items/0/id.$",
            m(
                "A",
                r#""A": {"Type": "Pass", "Result": {"items": [{"id.$": "$.id"}]}, "End": true}"#,
            ),
            m(
                "A",
                r#""A": {"Type": "Pass", "Parameters": {"items": [{"id.$": "$.id"}]}, "End": true}"#,
            ),
        ),
        case(
            Code::PathInLiteralField,
            "/States/F/Error",
            m("F", r#""F": {"Type": "Fail", "Error": "$.error.Error"}"#),
            m(
                "F",
                r#""F": {"Type": "Fail", "ErrorPath": "$.error.Error"}"#,
            ),
        ),
        case(
            Code::JsonataTopLevelReference,
            "/States/A/Output/total",
            m(
                "A",
                r#""A": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"total": "{% $sum(prices) %}"}, "End": true}"#,
            ),
            m(
                "A",
                r#""A": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"total": "{% $sum($states.input.prices) %}"}, "End": true}"#,
            ),
        ),
        case(
            Code::StatesFieldUnavailable,
            "/States/T/Arguments/Payload",
            m(
                "T",
                r#""T": {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"Payload": "{% $states.result %}"}, "End": true}"#,
            ),
            m(
                "T",
                r#""T": {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke", "Output": {"Payload": "{% $states.result %}"}, "End": true}"#,
            ),
        ),
    ]
}

/// `$states.result` only in the `Output` and `Assign` of a Task, Parallel or Map state,
/// `$states.errorOutput` only in those of a Catch entry.
#[test]
fn states_result_and_error_output_where_they_exist() {
    let text = r#"{"QueryLanguage": "JSONata", "StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Arguments": {"a": "{% $states.input %}", "b": "{% $states.result %}"},
              "Output": {"r": "{% $states.result.Payload %}", "e": "{% $states.errorOutput %}"},
              "Assign": {"r": "{% $states.`result` %}"},
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "P",
                         "Output": {"e": "{% $states.errorOutput.Cause %}", "r": "{% $states.result %}"},
                         "Assign": {"e": "{% $states.errorOutput %}"}}],
              "Next": "P"},
        "P": {"Type": "Pass", "Output": "{% $states.context.Execution.Id & $states.errorOutput %}", "End": true}
    }}"#;
    assert_eq!(
        places(text, Code::StatesFieldUnavailable),
        [
            ("/States/P/Output".to_owned(), Some(42)),
            ("/States/T/Arguments/b".to_owned(), Some(11)),
            ("/States/T/Catch/0/Output/r".to_owned(), Some(11)),
            ("/States/T/Output/e".to_owned(), Some(11)),
        ]
    );
}

/// A Distributed Map state `name` with `label` and `transition` (`"Next": …` or `"End": true`).
fn labelled_map(name: &str, label: &str, transition: &str) -> String {
    format!(
        r#""{name}": {{"Type": "Map", "Label": "{label}", {transition},
            "ItemProcessor": {{"ProcessorConfig": {{"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}},
                "StartAt": "{name} item", "States": {{"{name} item": {{"Type": "Pass", "End": true}}}}}}}}"#
    )
}

/// The pointer and the offset in the value of each finding of `code`, sorted.
fn places(text: &str, code: Code) -> Vec<(String, Option<usize>)> {
    let mut found: Vec<(String, Option<usize>)> = findings(text)
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| (d.pointer, d.offset_in_value))
        .collect();
    found.sort();
    found
}

/// SFN047 is found in every field of a JSONata state that holds an expression, each at the
/// offset of the name in its string.
#[test]
fn jsonata_top_level_references_in_every_field() {
    let text = r#"{"QueryLanguage": "JSONata", "StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [{"Condition": "{% ready %}", "Next": "M"}], "Default": "F"},
        "M": {"Type": "Map", "Items": "{% $states.input.items %}", "MaxConcurrency": "{% limit %}",
              "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"Payload": "{% [$, 1] %}"},
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $states.errorOutput.x & y %}", "Next": "E"}],
                  "End": true}, "E": {"Type": "Succeed"}}},
              "End": true},
        "F": {"Type": "Fail", "Error": "{% $$.code %}", "Cause": "{% $map($states.input.a, function($v) { $v.b & c }) %}"}
    }}"#;
    let expected = [
        ("/States/C/Choices/0/Condition", 3),
        ("/States/M/MaxConcurrency", 3),
        ("/States/M/ItemProcessor/States/T/Arguments/Payload", 4),
        ("/States/M/ItemProcessor/States/T/Catch/0/Output", 27),
        ("/States/F/Error", 3),
        ("/States/F/Cause", 47),
    ];
    let mut expected: Vec<(String, Option<usize>)> = expected
        .iter()
        .map(|(p, o)| ((*p).to_owned(), Some(*o)))
        .collect();
    expected.sort();
    assert_eq!(places(text, Code::JsonataTopLevelReference), expected);
}

/// A Distributed Map with EXPRESS children whose one task calls `resource`.
fn express_map(resource: &str) -> String {
    format!(
        r#""M": {{"Type": "Map", "ItemsPath": "$.items",
            "ItemProcessor": {{"ProcessorConfig": {{"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}},
                "StartAt": "Run", "States": {{"Run": {{"Type": "Task", "Resource": "{resource}",
                "Parameters": {{"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q", "MessageBody.$": "$$.Task.Token"}},
                "End": true}}}}}},
            "End": true}}"#
    )
}

/// A Map whose EXPRESS child executions run a Map of `mode`.
fn express_nested_map(mode: &str) -> String {
    format!(
        r#""M": {{"Type": "Map", "ItemsPath": "$.items",
            "ItemProcessor": {{"ProcessorConfig": {{"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}},
                "StartAt": "Inner", "States": {{"Inner": {{"Type": "Map", "ItemsPath": "$.parts", "End": true,
                    "ItemProcessor": {{"ProcessorConfig": {{"Mode": "{mode}"{}}},
                        "StartAt": "Done", "States": {{"Done": {{"Type": "Succeed"}}}}}}}}}}}},
            "End": true}}"#,
        if mode == "DISTRIBUTED" {
            r#", "ExecutionType": "STANDARD""#
        } else {
            ""
        }
    )
}

#[test]
fn suspicious_error_names() {
    let m = |names: &str| {
        machine(
            "T",
            &format!(
                r#""T": {{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [{{"ErrorEquals": {names}}}], "End": true}}"#
            ),
        )
    };
    let found = findings(&m(r#"["S","t","a","t","e","s",".","A","L","L"]"#));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .message
            .contains("\"States.ALL\" split into its characters"),
        "{}",
        found[0]
    );
    for (names, pointer, says) in [
        (
            r#"["X"]"#,
            "/States/T/Retry/0/ErrorEquals/0",
            "one character",
        ),
        (
            r#"["Custom", " MyError"]"#,
            "/States/T/Retry/0/ErrorEquals/1",
            "whitespace around it",
        ),
        (
            r#"["   "]"#,
            "/States/T/Retry/0/ErrorEquals/0",
            "only whitespace",
        ),
    ] {
        let found = findings(&m(names));
        assert_eq!(found.len(), 1, "{names}: {found:?}");
        assert_eq!(found[0].code, Code::SuspiciousErrorName);
        assert_eq!(found[0].pointer, pointer);
        assert!(found[0].message.contains(says), "{}", found[0]);
        assert!(!found[0].is_error(), "AWS accepts it: a warning");
    }
    // Two-character names and names AWS defines are fine.
    assert!(findings(&m(r#"["E1", "States.Timeout"]"#)).is_empty());
}

#[test]
fn every_code_has_a_case() {
    let cases = cases();
    for &code in Code::ALL {
        assert!(
            cases.iter().any(|c| c.code == code),
            "no test case for {code} ({})",
            code.title()
        );
    }
}

#[test]
fn failing_definitions_report_the_code_at_the_pointer() {
    for c in cases() {
        let found = findings(&c.failing);
        assert!(
            found
                .iter()
                .any(|d| d.code == c.code && d.pointer == c.pointer),
            "{}: expected {} at {:?} for\n{}\nfound:\n{}",
            c.code.title(),
            c.code,
            c.pointer,
            c.failing,
            found
                .iter()
                .map(|d| format!("{} at {}: {}", d.code, d.pointer, d.message))
                .collect::<Vec<_>>()
                .join("\n")
        );
        let d = found.iter().find(|d| d.code == c.code).unwrap();
        assert!(
            d.help.is_some() || c.code == Code::InvalidJson,
            "{} has no help line",
            c.code
        );
    }
}

#[test]
fn fixed_definitions_pass() {
    for c in cases() {
        let found = findings(&c.passing);
        assert!(
            found.is_empty(),
            "{}: the fixed definition should have no findings:\n{}\nfound:\n{}",
            c.code,
            c.passing,
            found
                .iter()
                .map(|d| format!("{} at {}: {}", d.code, d.pointer, d.message))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}
