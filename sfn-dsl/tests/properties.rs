//! Property tests: arbitrary machines survive emit → import unchanged, emission is a fixed
//! point, and no input — bytes, JSON values, strings — makes a parser panic.

use proptest::prelude::*;
use serde_json::{Value, json};
use sfn_dsl::json::{Limits, parse_document};
use sfn_dsl::model::*;
use sfn_dsl::path::{Expr, Intrinsic, Jsonata, Path};
use sfn_dsl::payload::PayloadValue;

const PATHS: &[&str] = &[
    "$",
    "$.a",
    "$.a.b[0]",
    "$['x y'].z",
    "$.items[*].id",
    "$..name",
    "$.list[1:3]",
    "$.objs[?(@.v > 1)].k",
    "$.detail-type",
];
const EXPRS: &[&str] = &[
    "$.a",
    "$$.Execution.Id",
    "$$.Task.Token",
    "$$.Map.Item.Value",
    "$myVar.field",
    "States.Format('Hello {}', $.name)",
    "States.Array($.a, 'x', true, null, 3)",
    "States.MathAdd($.n, -3)",
    "States.UUID()",
    "States.JsonToString(States.StringToJson($.js))",
];

fn path() -> impl Strategy<Value = Path> {
    prop::sample::select(PATHS).prop_map(|p| Path::parse(p).unwrap())
}

fn reference_path() -> impl Strategy<Value = Path> {
    prop::sample::select(&["$", "$.a", "$.result.value", "$['k'][2]"][..])
        .prop_map(|p| Path::parse_reference(p).unwrap())
}

fn expr() -> impl Strategy<Value = Expr> {
    prop::sample::select(EXPRS).prop_map(|e| Expr::parse(e).unwrap())
}

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 _.\\-\u{e9}\u{4e2d}]{0,12}"
}

fn key() -> impl Strategy<Value = String> {
    "[a-zA-Z][a-zA-Z0-9_]{0,6}"
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1.0e6f64..1.0e6).prop_map(|f| json!(f)),
        text().prop_map(Value::String),
    ]
}

/// Payload templates in their canonical (imported) form. Expressions only stand as object
/// members (`Key.$`): ASL has no way to write one as an array element.
fn payload() -> impl Strategy<Value = PayloadValue> {
    let leaf = scalar().prop_map(PayloadValue::from);
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(PayloadValue::Array),
            object_of(prop_oneof![inner, expr().prop_map(PayloadValue::Expr)]),
        ]
    })
}

fn object_of(inner: impl Strategy<Value = PayloadValue>) -> impl Strategy<Value = PayloadValue> {
    prop::collection::btree_map(key(), inner, 0..4)
        .prop_map(|m| PayloadValue::Object(m.into_iter().collect()))
}

fn template() -> impl Strategy<Value = PayloadValue> {
    object_of(prop_oneof![payload(), expr().prop_map(PayloadValue::Expr)])
}

fn nullable_path() -> impl Strategy<Value = Option<Nullable<Path>>> {
    prop_oneof![
        Just(None),
        Just(Some(Nullable::Null)),
        path().prop_map(|p| Some(Nullable::Value(p)))
    ]
}

fn retrier() -> impl Strategy<Value = Retrier> {
    (
        prop::sample::select(
            &[
                "States.TaskFailed",
                "States.Timeout",
                "Lambda.ServiceException",
            ][..],
        ),
        prop::option::of(1i64..100),
        prop::option::of(0i64..10),
        prop::option::of(1.0f64..5.0),
        prop::option::of(1i64..1000),
        prop::option::of(prop::sample::select(JitterStrategy::ALL)),
    )
        .prop_map(|(e, interval, max, backoff, delay, jitter)| Retrier {
            comment: None,
            error_equals: vec![e.to_string()],
            interval_seconds: interval,
            max_attempts: max,
            backoff_rate: backoff,
            max_delay_seconds: delay,
            jitter_strategy: jitter,
        })
}

/// A state of one of the linear kinds, continuing with `next`.
fn state(next: Transition) -> impl Strategy<Value = State> {
    let task = (
        prop::option::of(text()),
        prop::option::of(template()),
        prop::option::of(template()),
        nullable_path(),
        prop::option::of(1i64..1000),
        prop::option::of(prop::collection::vec(retrier(), 0..3)),
    )
        .prop_map({
            let next = next.clone();
            move |(comment, parameters, selector, output_path, timeout, retry)| {
                State::Task(Box::new(Task {
                    comment,
                    query_language: None,
                    resource: "arn:aws:states:::lambda:invoke".into(),
                    credentials: None,
                    input_path: None,
                    parameters,
                    arguments: None,
                    result_selector: selector,
                    result_path: None,
                    output_path,
                    output: None,
                    assign: None,
                    timeout_seconds: timeout.map(Dynamic::Value),
                    heartbeat_seconds: None,
                    retry,
                    catch: None,
                    transition: next.clone(),
                }))
            }
        });
    let pass = (
        prop::option::of(scalar()),
        nullable_path(),
        reference_path(),
        prop::option::of(template()),
    )
        .prop_map({
            let next = next.clone();
            move |(result, input_path, rp, assign)| {
                State::Pass(Box::new(Pass {
                    comment: None,
                    query_language: None,
                    input_path,
                    parameters: None,
                    result: result.map(Into::into),
                    result_path: Some(Nullable::Value(rp)),
                    output_path: None,
                    output: None,
                    assign,
                    transition: next.clone(),
                }))
            }
        });
    let wait = prop_oneof![
        (0i64..100_000).prop_map(|s| WaitFor::Seconds(Dynamic::Value(s))),
        reference_path().prop_map(|p| WaitFor::Seconds(Dynamic::Path(Expr::Path(p)))),
        Just(WaitFor::Timestamp(Dynamic::Value(
            "2026-01-01T00:00:00Z".into()
        ))),
    ]
    .prop_map({
        let next = next.clone();
        move |wait_for| {
            State::Wait(Box::new(Wait {
                comment: None,
                query_language: None,
                wait_for,
                input_path: None,
                output_path: None,
                output: None,
                assign: None,
                transition: next.clone(),
            }))
        }
    });
    let jsonata = Just(State::Pass(Box::new(Pass {
        comment: None,
        query_language: Some(QueryLanguage::Jsonata),
        input_path: None,
        parameters: None,
        result: None,
        result_path: None,
        output_path: None,
        output: Some(PayloadValue::Object(vec![(
            "x".into(),
            PayloadValue::Jsonata(Jsonata::parse("{% $states.input.a + 1 %}").unwrap()),
        )])),
        assign: None,
        transition: next,
    })));
    prop_oneof![task, pass, wait, jsonata]
}

fn choice(next: String) -> impl Strategy<Value = State> {
    let ops = prop_oneof![
        Just((Operator::StringEquals, Operand::String("done".into()))),
        Just((Operator::NumericGreaterThan, Operand::Number(5.into()))),
        Just((Operator::BooleanEquals, Operand::Bool(true))),
        Just((Operator::IsPresent, Operand::Bool(false))),
        Just((
            Operator::TimestampLessThan,
            Operand::String("2026-01-01T00:00:00Z".into())
        )),
        path().prop_map(|p| (Operator::StringEqualsPath, Operand::Path(p))),
    ];
    (path(), ops, any::<bool>()).prop_map(move |(variable, (operator, operand), negate)| {
        let cmp = Condition::Compare(Comparison {
            variable,
            operator,
            operand,
        });
        let condition = if negate {
            Condition::Not(Box::new(NestedRule {
                comment: None,
                condition: cmp,
            }))
        } else {
            cmp
        };
        State::Choice(Box::new(Choice {
            comment: None,
            query_language: None,
            input_path: None,
            output_path: None,
            choices: vec![ChoiceRule {
                comment: None,
                condition: RuleCondition::JsonPath(condition),
                next: next.clone(),
                assign: None,
                output: None,
            }],
            default: Some(next.clone()),
            output: None,
            assign: None,
        }))
    })
}

/// A chain `S0 → S1 → … → end` of arbitrary states, then a final Succeed or Fail.
fn machine() -> impl Strategy<Value = StateMachine> {
    (
        1usize..8,
        any::<bool>(),
        prop::option::of(text()),
        prop::option::of(1i64..100_000),
    )
        .prop_flat_map(|(n, fail, comment, timeout)| {
            let states: Vec<BoxedStrategy<State>> = (0..n)
                .map(|i| {
                    let next = format!("S{}", i + 1);
                    if i % 3 == 2 {
                        choice(next).boxed()
                    } else {
                        state(Transition::Next(next)).boxed()
                    }
                })
                .collect();
            (states, Just(n), Just(fail), Just(comment), Just(timeout))
        })
        .prop_map(|(states, n, fail, comment, timeout)| {
            let mut all = States::new();
            for (i, s) in states.into_iter().enumerate() {
                all.push(format!("S{i}"), s);
            }
            let last = if fail {
                State::Fail(Box::new(Fail {
                    error: Some(Dynamic::Value("E".into())),
                    cause: Some(Dynamic::Path(Expr::Intrinsic(
                        Intrinsic::parse("States.Format('bad {}', $.x)").unwrap(),
                    ))),
                    ..Fail::default()
                }))
            } else {
                State::Succeed(Box::default())
            };
            all.push(format!("S{n}"), last);
            StateMachine {
                comment,
                query_language: None,
                start_at: "S0".into(),
                timeout_seconds: timeout,
                version: None,
                states: all,
            }
        })
}

fn emit(m: &StateMachine) -> String {
    let mut s = serde_json::to_string_pretty(m).unwrap();
    s.push('\n');
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn emit_then_import_gives_the_same_machine(m in machine()) {
        let text = emit(&m);
        let back = StateMachine::from_json(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&back, &m);
        // emission is a fixed point
        prop_assert_eq!(emit(&back), text);
        // and generated machines are valid
        let findings = sfn_dsl::validate::validate(&m);
        prop_assert!(findings.iter().all(|d| !d.is_error()), "{:?}", findings);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(v) = parse_document(&bytes, &Limits::default()) {
            let _ = sfn_dsl::validate::check_value(&v);
        }
        readers_agree(&bytes, &Limits::default())?;
    }

    #[test]
    fn arbitrary_strings_never_panic_the_expression_parsers(s in "\\PC{0,64}") {
        let _ = Path::parse(&s);
        let _ = Path::parse_reference(&s);
        let _ = Expr::parse(&s);
        let _ = Intrinsic::parse(&s);
        let _ = Jsonata::parse(&s);
        let _ = sfn_dsl::path::looks_like_expr(&s);
        let _ = sfn_dsl::path::validate_variable_name(&s);
    }

    #[test]
    fn grammar_shaped_strings_never_panic(s in "(\\$|\\$\\$|States\\.[A-Za-z]{0,12}\\(|\\{% )[a-z.\\[\\]0-9*?@()'\",:$ =<>!%}{-]{0,40}") {
        let _ = Path::parse(&s);
        let _ = Expr::parse(&s);
        let _ = Jsonata::parse(&s);
    }
}

/// `validate::check_json` (reading the bytes into a tree with spans) gives the same findings and
/// the same machine, up to member order, as the `Value` path: `parse_document` to a `serde_json::Value`, then
/// `check_and_import`. Every finding of `check_json` has a span inside the bytes (the reader's
/// findings about the whole file excepted), which is dropped before comparing.
fn readers_agree(bytes: &[u8], limits: &Limits) -> Result<(), TestCaseError> {
    let unplaced = |d: &sfn_dsl::Diagnostic| sfn_dsl::Diagnostic {
        span: None,
        ..d.clone()
    };
    let strict = match parse_document(bytes, limits) {
        Ok(v) => sfn_dsl::validate::check_and_import(&v),
        Err(d) => (vec![unplaced(&d)], None),
    };
    let (findings, machine) = sfn_dsl::validate::check_json(bytes, limits);
    for d in &findings {
        match &d.span {
            Some(span) => prop_assert!(
                span.bytes.start <= span.bytes.end && span.bytes.end <= bytes.len(),
                "{:?} of {} bytes",
                span,
                bytes.len()
            ),
            None => prop_assert!(d.pointer.is_empty(), "{:?}", d),
        }
    }
    // Up to member order: the `Value`'s objects are sorted by key unless serde_json's
    // `preserve_order` feature is on (the tree keeps the order of the text), which also orders
    // the states, and so the findings about them.
    let unordered = |(findings, machine): (Vec<sfn_dsl::Diagnostic>, Option<StateMachine>)| {
        let mut findings: Vec<String> = findings.iter().map(|d| format!("{d:?}")).collect();
        findings.sort();
        (findings, machine.map(|m| serde_json::to_value(&m).unwrap()))
    };
    prop_assert_eq!(
        unordered((findings.iter().map(unplaced).collect::<Vec<_>>(), machine)),
        unordered(strict),
        "{}",
        String::from_utf8_lossy(bytes)
    );
    Ok(())
}

/// A JSON number as a person may write it: sign, fraction and exponent in any of their forms,
/// so that `serde_json` writes some of them longer than the text (`1e3` as `1000.0`).
fn number_text() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop_oneof![Just(0u64), 1..1_000u64, Just(12_345_678_901_234_567_890)],
        prop::option::of(0..1_000u32),
        prop::option::of((
            prop::sample::select(&["e", "E"][..]),
            prop::sample::select(&["", "+", "-"][..]),
            0..30u32,
        )),
    )
        .prop_map(|(negative, int, fraction, exponent)| {
            let mut text = format!("{}{int}", if negative { "-" } else { "" });
            if let Some(f) = fraction {
                text += &format!(".{f}");
            }
            if let Some((e, sign, x)) = exponent {
                text += &format!("{e}{sign}{x}");
            }
            text
        })
}

/// Arbitrary JSON shaped like state machines: the importer and validator never panic.
fn asl_like_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        scalar(),
        prop::sample::select(
            &[
                "Task",
                "Pass",
                "Choice",
                "Wait",
                "Succeed",
                "Fail",
                "Parallel",
                "Map",
                "$.a",
                "$$.Task.Token",
                "States.ALL",
                "{% 1 %}",
                "S0",
                "S1"
            ][..]
        )
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(
                    &[
                        "StartAt",
                        "States",
                        "Type",
                        "Next",
                        "End",
                        "Resource",
                        "Parameters",
                        "Choices",
                        "Variable",
                        "StringEquals",
                        "And",
                        "Not",
                        "Default",
                        "Branches",
                        "ItemProcessor",
                        "Iterator",
                        "Retry",
                        "Catch",
                        "ErrorEquals",
                        "Seconds",
                        "SecondsPath",
                        "S0",
                        "S1",
                        "x.$",
                        "QueryLanguage",
                        "Assign",
                        "Output",
                        "Condition",
                        "ItemReader",
                        "ProcessorConfig",
                        "Mode"
                    ][..]
                )
                .prop_map(str::to_string),
                inner,
                0..6,
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_json_values_never_panic_the_importer(v in asl_like_value()) {
        let _ = sfn_dsl::validate::check_value(&v);
        let _ = sfn_dsl::import::import_state_lenient(&v);
        if let Ok(m) = StateMachine::from_value(&v) {
            // whatever imports also emits and re-imports
            let text = emit(&m);
            prop_assert!(StateMachine::from_json(&text).is_ok(), "{}", text);
        }
    }

    #[test]
    fn reading_bytes_agrees_with_importing_the_value(v in asl_like_value(), cut in 0.0..1.0f64) {
        // `sfn validate` imports the tree it read, with spans: same findings, same machine
        for text in [serde_json::to_string(&v).unwrap(), serde_json::to_string_pretty(&v).unwrap()] {
            readers_agree(text.as_bytes(), &Limits::default())?;
            let cut = text.floor_char_boundary((text.len() as f64 * cut) as usize);
            let short = &text.as_bytes()[..cut];
            readers_agree(short, &Limits::default())?;
        }
    }

    #[test]
    fn the_readers_agree_on_the_state_and_payload_limits(
        v in asl_like_value(),
        max_states in 0..6usize,
        max_payload_bytes in 0..48usize,
    ) {
        // The reader checks the limits as it reads, and says so with a span.
        let limits = Limits { max_states, max_payload_bytes, ..Limits::default() };
        for text in [serde_json::to_string(&v).unwrap(), serde_json::to_string_pretty(&v).unwrap()] {
            readers_agree(text.as_bytes(), &limits)?;
        }
    }

    #[test]
    fn the_readers_count_states_alike(
        top in 1..5usize,
        branch in 0..4usize,
        max_states in 0..10usize,
    ) {
        // States of every scope count: the machine's and a Parallel branch's.
        let states = |prefix: &str, n: usize| {
            (0..n)
                .map(|i| format!(r#""{prefix}{i}": {{"Type": "Succeed"}}"#))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut top_states = states("S", top);
        if branch > 0 {
            top_states += &format!(
                r#", "P": {{"Type": "Parallel", "End": true, "Branches": [{{"StartAt": "B0", "States": {{{}}}}}]}}"#,
                states("B", branch)
            );
        }
        let text = format!(r#"{{"StartAt": "S0", "States": {{{top_states}}}}}"#);
        let limits = Limits { max_states, ..Limits::default() };
        readers_agree(text.as_bytes(), &limits)?;
    }

    #[test]
    fn the_readers_measure_payload_numbers_alike(
        numbers in prop::collection::vec(number_text(), 0..6),
        max_payload_bytes in 0..160usize,
    ) {
        // A payload is measured as `serde_json` writes it, which can be longer than its text.
        let text = format!(
            r#"{{"StartAt": "A", "States": {{"A": {{"Type": "Pass", "Result": [{}], "End": true}}}}}}"#,
            numbers.join(", ")
        );
        let limits = Limits { max_payload_bytes, ..Limits::default() };
        readers_agree(text.as_bytes(), &limits)?;
    }
}

/// What sfn's reader must make of `bytes`, next to `serde_json::from_slice`: the same value
/// when both accept the text, and, when only one does, a reason AWS has too. sfn refuses a key
/// repeated in one object (serde_json keeps the last), a top level that is not an object, and
/// nesting past 127 levels; serde_json refuses nothing sfn accepts.
fn reader_agrees_with_serde_json(bytes: &[u8]) -> Result<(), TestCaseError> {
    let limits = Limits::default();
    let ours = parse_document(bytes, &limits);
    let theirs =
        serde_json::from_slice::<Value>(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
    match (ours, theirs) {
        (Ok(a), Ok(b)) => {
            prop_assert_eq!(&a, &b);
            // The same number representations, not only equal values.
            prop_assert_eq!(a.to_string(), b.to_string());
        }
        (Ok(a), Err(e)) => prop_assert!(false, "sfn accepts what serde_json refuses ({e}): {a}"),
        (Err(d), Ok(v)) => prop_assert!(
            d.code == sfn_dsl::Code::DuplicateKey
                || !v.is_object()
                || d.message.contains("nested deeper"),
            "sfn refuses what serde_json accepts: {d}"
        ),
        (Err(d), Err(_)) => {
            // Both refuse: sfn says where, inside the bytes.
            let span = d.span.clone();
            prop_assert!(
                span.is_none_or(|s| s.bytes.start <= s.bytes.end && s.bytes.end <= bytes.len()),
                "{:?}",
                d
            );
        }
    }
    Ok(())
}

/// JSON text as people and generators write it, and broken in small ways: values from the ASL
/// generator, written compact and pretty, then cut, with a byte changed, or with a key repeated.
fn json_texts() -> impl Strategy<Value = Vec<u8>> {
    (
        asl_like_value(),
        any::<bool>(),
        0.0..1.0f64,
        prop::sample::select(
            &[
                "", ",", "}", "]", "\"", "\\", ":", "0", "-", "1e400", "\\u12", "\\ud800", "\u{1}",
                "é", " ", "\n", "tru", "nul", "[", "{",
            ][..],
        ),
        0.0..1.0f64,
    )
        .prop_map(|(v, pretty, cut, insert, at)| {
            let text = if pretty {
                serde_json::to_string_pretty(&v).unwrap()
            } else {
                serde_json::to_string(&v).unwrap()
            };
            let mut bytes = text.into_bytes();
            let len = bytes.len();
            let at = ((len as f64) * at) as usize;
            if cut < 0.3 {
                bytes.truncate(((len as f64) * cut / 0.3) as usize);
            } else if cut < 0.8 {
                bytes.splice(at..at, insert.bytes());
            }
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn the_reader_reads_what_serde_json_reads(bytes in json_texts()) {
        reader_agrees_with_serde_json(&bytes)?;
    }

    #[test]
    fn the_reader_reads_arbitrary_bytes_as_serde_json_does(
        bytes in prop::collection::vec(prop::sample::select(&b"{}[],:\"\\ \n0123456789.eE+-tfnrul\xC3\xA9aK"[..]), 0..64)
    ) {
        reader_agrees_with_serde_json(&bytes)?;
    }
}

/// Number texts hard to round: up to 25 significant digits, the point anywhere, exponents
/// from below the subnormals to past the largest `f64`.
fn hard_number_text() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        "[1-9][0-9]{0,24}",
        0..26usize,
        prop::option::of(-360..330i32),
    )
        .prop_map(|(negative, digits, point, exponent)| {
            let mut text = String::from(if negative { "-" } else { "" });
            let point = point.min(digits.len() - 1);
            text += &digits[..=point];
            if point + 1 < digits.len() {
                text += ".";
                text += &digits[point + 1..];
            }
            if let Some(x) = exponent {
                text += &format!("e{x}");
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// sfn's reader parses numbers itself (serde_json's `float_roundtrip`, on here through the
    /// dev-dependency, is the reference): the same `f64` (or integer), or the same refusal.
    #[test]
    fn the_reader_parses_numbers_as_serde_json_does(text in hard_number_text()) {
        let ours = text.parse::<sfn_dsl::payload::Literal>();
        let theirs = serde_json::from_str::<Value>(&text);
        match (ours, theirs) {
            (Ok(ours), Ok(theirs)) => {
                prop_assert_eq!(&ours, &theirs, "{}", text);
                prop_assert_eq!(ours.to_string(), theirs.to_string(), "{}", text);
            }
            (Err(_), Err(_)) => {}
            (ours, theirs) => prop_assert!(false, "{}: {:?} / {:?}", text, ours, theirs),
        }
    }
}
