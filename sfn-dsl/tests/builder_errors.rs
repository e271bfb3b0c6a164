//! What `build()` reports: builder mistakes and validator findings, each with its rule code
//! and the JSON pointer of the place.

use sfn_dsl::builder::*;
use sfn_dsl::model::{ExecutionType, StateMachine};
use sfn_dsl::path::{Expr, Jsonata, Path};
use sfn_dsl::payload::PayloadValue;
use sfn_dsl::{Code, Diagnostics, payload};

/// The `(code, pointer)` of every finding.
fn findings(result: Result<StateMachine, Diagnostics>) -> Vec<(Code, String)> {
    let diags = result.expect_err("build() should fail");
    diags.iter().map(|d| (d.code, d.pointer.clone())).collect()
}

fn at(code: Code, pointer: &str) -> (Code, String) {
    (code, pointer.to_string())
}

#[test]
fn defining_a_state_twice() {
    let mut m = StateMachine::builder();
    let a = m.declare("A");
    m.define(a, Pass::new().end());
    m.define(a, Succeed::new());
    let err = m.build().unwrap_err();
    assert_eq!(err.codes(), [Code::DuplicateStateName]);
    assert_eq!(err.0[0].pointer, "/States/A");
    assert!(err.0[0].message.contains("\"A\" is defined twice"), "{err}");
}

#[test]
fn declaring_a_name_twice() {
    let mut m = StateMachine::builder();
    let a = m.declare("A");
    let a2 = m.declare("A");
    m.define(a, Pass::new().next(a2));
    m.define(a2, Succeed::new());
    let err = m.build().unwrap_err();
    // The validator then sees `A → A` (names resolve to the first "A"): no terminal state.
    assert_eq!(err.codes(), [Code::DuplicateStateName, Code::NoTerminal]);
    assert_eq!(err.0[0].pointer, "/States/A");
    assert!(err.0[0].message.contains("declared twice"), "{err}");
}

#[test]
fn a_declared_state_never_defined() {
    let mut m = StateMachine::builder();
    let a = m.declare("A");
    let b = m.declare("Forgotten");
    m.define(a, Pass::new().next(b));
    let err = m.build().unwrap_err();
    // Only the builder's finding: the placeholder does not add validator noise.
    assert_eq!(err.codes(), [Code::MissingField]);
    assert_eq!(err.0[0].pointer, "/States/Forgotten");
    assert!(
        err.0[0]
            .message
            .contains("\"Forgotten\" is declared but never defined")
    );
}

#[test]
fn handles_of_another_top_level_builder() {
    let mut other = StateMachine::builder();
    let foreign = other.declare("Elsewhere");

    let mut m = StateMachine::builder();
    let a = m.declare("A");
    let c = m.declare("C");
    let t = m.declare("T");
    let done = m.declare("Done");
    m.define(a, Pass::new().next(foreign));
    m.define(
        c,
        Choice::new()
            .when(Condition::is_present("$.x", true), foreign)
            .otherwise(foreign),
    );
    m.define(
        t,
        Task::new("arn:aws:states:::lambda:invoke")
            .catch(Catch::on([errors::ALL]).next(foreign))
            .next(done),
    );
    m.define(foreign, Succeed::new());
    m.start_at(foreign);
    m.define(done, Succeed::new());
    let found = findings(m.build());
    for expected in [
        at(Code::UnknownTarget, "/States/A/Next"),
        at(Code::UnknownTarget, "/States/C/Choices/0/Next"),
        at(Code::UnknownTarget, "/States/C/Default"),
        at(Code::UnknownTarget, "/States/T/Catch/0/Next"),
        at(Code::UnknownTarget, "/States"),
        at(Code::UnknownTarget, "/StartAt"),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:?}");
    }
    assert!(found.iter().all(|(code, _)| *code != Code::InvalidPath));
    assert_eq!(other.name(foreign), Some("Elsewhere"));
}

#[test]
fn bad_path_strings_everywhere() {
    let mut m = StateMachine::builder();
    let a = m.declare("A");
    let c = m.declare("C");
    let par = m.declare("P");
    let map = m.declare("M");
    let fail = m.declare("F");
    m.define(a, Pass::new().input_path("$.a b").next(c));
    m.define(
        c,
        Choice::new()
            .when(Condition::string_equals("$.x[", "v"), par)
            .when(
                Condition::and([
                    Condition::is_null("$.ok", false),
                    Condition::numeric_less_than_path("$.n", "$$..."),
                ]),
                par,
            )
            .otherwise(par),
    );
    m.define(
        par,
        Parallel::new()
            .branch(|b| {
                let x = b.declare("X");
                b.define(x, Pass::new().result_path("result").end());
            })
            .catch(Catch::on([errors::ALL]).result_path("$.err[").next(fail))
            .next(map),
    );
    m.define(
        map,
        Map::new()
            .item_reader(ItemReader::s3_list_objects_v2("b", "p").max_items_path("nope"))
            .distributed(ExecutionType::Standard, |p| {
                let y = p.declare("Y");
                p.define(y, Wait::seconds_path("$.").end());
            })
            .next(fail),
    );
    m.define(fail, Fail::new().cause_path("States.Format()"));
    let err = m.build().unwrap_err();
    let found: Vec<(Code, String)> = err.iter().map(|d| (d.code, d.pointer.clone())).collect();
    assert_eq!(
        found,
        [
            at(Code::InvalidPath, "/States/A/InputPath"),
            at(Code::InvalidPath, "/States/C/Choices/0/Variable"),
            at(
                Code::InvalidPath,
                "/States/C/Choices/1/And/1/NumericLessThanPath"
            ),
            at(
                Code::InvalidPath,
                "/States/P/Branches/0/States/X/ResultPath"
            ),
            at(Code::InvalidPath, "/States/P/Catch/0/ResultPath"),
            at(
                Code::InvalidPath,
                "/States/M/ItemReader/ReaderConfig/MaxItemsPath"
            ),
            at(
                Code::InvalidPath,
                "/States/M/ItemProcessor/States/Y/SecondsPath"
            ),
            at(Code::InvalidIntrinsic, "/States/F/CausePath"),
        ],
        "{err}"
    );
    let first = &err.0[0];
    assert_eq!(first.offset_in_value, Some(3));
    assert!(first.message.contains("\"$.a b\""), "{first}");
}

#[test]
fn payload_keys_ending_in_dollar() {
    let mut m = StateMachine::builder();
    let a = m.declare("A");
    m.define(
        a,
        Task::new("arn:aws:states:::lambda:invoke")
            .parameters(PayloadValue::object([(
                "Id.$",
                PayloadValue::Expr(Expr::parse("$.id").unwrap()),
            )]))
            .result_selector(serde_json::json!({ "Nested": { "x.$": "$.x" } }))
            .end(),
    );
    let err = m.build().unwrap_err();
    let found: Vec<(Code, String)> = err.iter().map(|d| (d.code, d.pointer.clone())).collect();
    assert_eq!(
        found,
        [
            at(Code::InvalidValue, "/States/A/Parameters/Id.$"),
            at(Code::InvalidValue, "/States/A/ResultSelector/Nested/x.$"),
        ],
        "{err}"
    );
    assert!(err.0[0].message.contains("ends in `.$`"));
}

#[test]
fn states_all_mixed_with_other_names_is_rejected_by_the_validator() {
    let mut m = StateMachine::builder();
    let a = m.declare("A");
    let b = m.declare("B");
    m.define(
        a,
        Task::new("arn:aws:states:::lambda:invoke")
            .retry(Retry::on([errors::ALL, errors::TIMEOUT]))
            .catch(Catch::on([errors::TIMEOUT, errors::ALL]).next(b))
            .end(),
    );
    m.define(b, Succeed::new());
    assert_eq!(
        findings(m.build()),
        [
            at(Code::StatesAllPosition, "/States/A/Retry/0/ErrorEquals/0"),
            at(Code::StatesAllPosition, "/States/A/Catch/0/ErrorEquals/1"),
        ]
    );
}

#[test]
fn map_without_a_processor() {
    let mut m = StateMachine::builder();
    let a = m.declare("A");
    m.define(a, Map::new().items_path("$.items").end());
    assert_eq!(
        findings(m.build()),
        [at(Code::MissingField, "/States/A/ItemProcessor")]
    );
}

#[test]
fn jsonata_condition_inside_and() {
    let mut m = StateMachine::builder();
    let c = m.declare("C");
    let d = m.declare("D");
    m.define(
        c,
        Choice::new().when(
            Condition::and([Condition::jsonata(Jsonata::new("true").unwrap())]),
            d,
        ),
    );
    m.define(d, Succeed::new());
    assert_eq!(
        findings(m.build()),
        [at(Code::ChoiceRuleShape, "/States/C/Choices/0/And/0")]
    );
}

#[test]
fn validator_findings_fail_the_build() {
    let mut m = StateMachine::builder();
    let a = m.declare("A");
    let lonely = m.declare("Lonely");
    m.define(a, Succeed::new());
    m.define(lonely, Succeed::new());
    assert_eq!(
        findings(m.build()),
        [at(Code::Unreachable, "/States/Lonely")]
    );

    let mut m = StateMachine::builder();
    let notify = m.declare("Notify");
    m.define(
        notify,
        Task::new(Resource::sqs_send_message().wait_for_task_token())
            .parameters(payload! { "MessageBody": "no token here" })
            .end(),
    );
    // SFN033 is a lint (AWS runs the machine; it can only time out): denied, it fails.
    let mut levels = sfn_dsl::levels::Levels::new();
    levels.deny(Code::MissingTaskToken).unwrap();
    let found = findings(m.build_with(&levels));
    assert!(
        found.iter().any(|(c, _)| *c == Code::MissingTaskToken),
        "{found:?}"
    );

    let mut m = StateMachine::builder();
    let w = m.declare("W");
    m.define(w, Wait::timestamp("2026-01-01 00:00").end());
    assert_eq!(
        findings(m.build()),
        [at(Code::InvalidTimestamp, "/States/W/Timestamp")]
    );
}

#[test]
fn warnings_alone_do_not_fail() {
    let mut m = StateMachine::builder();
    let a = m.declare("A");
    // A literal that looks like a path is SFN034, a warning: allowed, the text is passed as is.
    m.define(
        a,
        Pass::new()
            .parameters(payload! { "Literal": "$.not_a_path_here" })
            .end(),
    );
    let machine = m.build().expect("warnings do not fail the build");
    let diags = sfn_dsl::validate::validate(&machine);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, Code::LiteralLooksLikePath);
}

#[test]
fn an_empty_builder() {
    let m = StateMachine::builder();
    assert_eq!(findings(m.build()), [at(Code::EmptyStates, "/States")]);

    let mut m = StateMachine::builder();
    let p = m.declare("P");
    m.define(p, Parallel::new().branch(|_| {}).end());
    assert_eq!(
        findings(m.build()),
        [at(Code::EmptyStates, "/States/P/Branches/0/States")]
    );
}

#[test]
fn diagnostics_display_names_code_pointer_and_help() {
    let mut m = StateMachine::builder();
    let a = m.declare("A");
    m.define(a, Pass::new().output_path(String::from("$$$")).end());
    let text = m.build().unwrap_err().to_string();
    assert!(
        text.starts_with("error[SFN027]: `OutputPath` is not valid: \"$$$\""),
        "{text}"
    );
    assert!(text.contains("at /States/A/OutputPath"), "{text}");
    assert!(text.contains("help: "), "{text}");
    let _ = Path::input();
}
