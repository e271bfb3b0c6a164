//! Unit tests of the macro's front end and code generation, without a compiler run: which
//! messages an input produces, and what the expansion contains. (Where each message is shown
//! is tested with trybuild in the workspace's `tests/ui/workflow_fail_*.rs`.)

use super::{Mode, analyse};

/// The error messages of one input (empty when it expands).
fn errors(src: &str) -> Vec<String> {
    let tokens = src.parse().expect("tokens");
    match analyse(tokens, Mode::Panic) {
        Ok(_) => Vec::new(),
        Err((errs, _)) => errs.messages(),
    }
}

/// The expansion of an input that must be valid.
fn expands(src: &str, mode: Mode) -> String {
    let tokens = src.parse().expect("tokens");
    match analyse(tokens, mode) {
        Ok(t) => t.to_string(),
        Err((errs, _)) => panic!("{:#?}", errs.messages()),
    }
}

fn one_error(src: &str) -> String {
    let errs = errors(src);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    errs.into_iter().next().unwrap()
}

/// A machine with one Pass state whose extra fields are `fields`.
fn pass(fields: &str) -> String {
    format!(
        r#"{{ "StartAt": "A", "States": {{ "A": {{ "Type": "Pass", {fields} "End": true }} }} }}"#
    )
}

#[test]
fn a_valid_machine_expands_to_direct_construction() {
    let out = expands(
        &pass(r#""Result": { "a": [1, -2, 2.5, true, null] },"#),
        Mode::Panic,
    );
    assert!(out.contains("machine_base"), "{out}");
    // No JSON at run time, no validation when nothing is interpolated.
    for absent in ["from_json", "from_str", "from_value", "Cx", "validate"] {
        assert!(!out.contains(absent), "{absent} in {out}");
    }
    let out = expands(&pass(""), Mode::Try);
    assert!(out.contains("Ok"), "{out}");
}

#[test]
fn interpolated_values_are_validated_at_run_time() {
    let out = expands(&pass(r#""Comment": comment,"#), Mode::Panic);
    assert!(out.contains("finish_or_panic"), "{out}");
    assert!(out.contains("__sfn_w :: string (comment)"), "{out}");
    let out = expands(&pass(r#""InputPath": p,"#), Mode::Try);
    assert!(out.contains(". finish (__sfn_m)"), "{out}");
    assert!(
        out.contains(r#"__sfn_cx . path ("/States/A/InputPath" , p)"#),
        "{out}"
    );
}

#[test]
fn trailing_commas_are_accepted() {
    assert_eq!(
        errors(
            r#"{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Result": [1, 2,], "End": true, }, }, }"#
        ),
        Vec::<String>::new()
    );
}

#[test]
fn syntax_errors_are_all_reported() {
    let errs = errors(r#"{ StartAt: "A", "States" {}, "Comment": , "X": "a" "b", "Y": [1,, 2] }"#);
    assert_starts(
        &errs,
        &[
            "expected a key: a string literal",
            "expected `:` after the key \"States\"",
            "expected a value after",
            "expected `,` before this value",
            "expected a value before `,`",
        ],
    );
    assert!(errs[0].contains("`\"StartAt\"`"), "{errs:#?}");
}

/// Asserts that there is one message for each prefix, and that each starts with its own.
fn assert_starts(errs: &[String], prefixes: &[&str]) {
    assert_eq!(errs.len(), prefixes.len(), "{errs:#?}");
    for (e, prefix) in errs.iter().zip(prefixes) {
        assert!(e.starts_with(prefix), "{prefix:?} in {errs:#?}");
    }
}

#[test]
fn the_second_of_two_equal_keys_is_an_error() {
    let e = one_error(&pass(r#""Comment": "a", "Comment": "b","#));
    assert!(e.starts_with("SFN002: duplicate key \"Comment\""), "{e}");
}

#[test]
fn empty_and_non_object_input() {
    assert!(one_error("").starts_with("expected a state machine definition"));
    assert!(one_error("[1]").starts_with("a state machine definition is a JSON object"));
    assert!(one_error("42").starts_with("a state machine definition is a JSON object"));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = one_error(&pass(&format!(r#""Result": {deep},"#)));
    assert!(
        e.starts_with("the definition is nested more than 127 levels deep"),
        "{e}"
    );
    // 120 levels are fine.
    let ok = format!("{}{}", "[".repeat(120), "]".repeat(120));
    assert_eq!(
        errors(&pass(&format!(r#""Result": {ok},"#))),
        Vec::<String>::new()
    );
}

#[test]
fn every_finding_has_its_code_and_a_help_line() {
    let errs = errors(
        r#"{ "StartAt": "A", "States": {
            "A": { "Type": "Pass", "ResultPth": "$.x", "Next": "Wiat" },
            "Wait": { "Type": "Wait", "Seconds": 1, "End": true } } }"#,
    );
    assert_starts(
        &errs,
        &[
            "SFN003: unknown field `ResultPth`",
            "SFN011: `Next` names \"Wiat\"",
        ],
    );
    assert!(
        errs[0].contains("\n= help: did you mean `ResultPath`?"),
        "{errs:#?}"
    );
    assert!(errs.iter().all(|e| e.contains("\n= help: ")), "{errs:#?}");
}

#[test]
fn a_payload_string_that_looks_like_a_path_is_an_error_with_two_fixes() {
    let e = one_error(&pass(r#""Parameters": { "Id": "$.id" },"#));
    assert!(e.starts_with("SFN034: "), "{e}");
    assert!(e.contains(r#"`"Id.$"`"#), "{e}");
    assert!(e.contains(r#"`"Id": ("$.id")`"#), "{e}");
    // The escape hatch: a parenthesized string is a Rust expression, never checked.
    assert_eq!(
        errors(&pass(r#""Parameters": { "Id": ("$.id") },"#)),
        Vec::<String>::new()
    );
    // A `"Key.$"` that does not parse is one error, not two.
    let e = one_error(&pass(r#""Parameters": { "Id.$": "$.a b" },"#));
    assert!(e.starts_with("SFN027: ") && e.contains("at byte 3"), "{e}");
}

#[test]
fn a_path_field_with_a_dollar_key_gets_a_fix_it() {
    let e = one_error(&pass(r#""InputPath.$": "$.x","#));
    assert!(
        e.starts_with("SFN003: `InputPath` takes a path as it is"),
        "{e}"
    );
    assert!(e.contains(r#"write `"InputPath": "$.…"`"#), "{e}");
}

#[test]
fn findings_about_interpolated_values_wait_for_run_time() {
    // An empty `Resource` would be SFN038, a negative timeout SFN023: unknown until run time.
    let src = r#"{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": arn,
        "TimeoutSeconds": t, "HeartbeatSeconds": 60, "End": true } } }"#;
    assert_eq!(errors(src), Vec::<String>::new());
    // The task token may be inside an interpolated payload value.
    let src = r#"{ "StartAt": "A", "States": { "A": { "Type": "Task",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": { "MessageBody": body }, "End": true } } }"#;
    assert_eq!(errors(src), Vec::<String>::new());
    // With nothing interpolated, a task token never passed is SFN033: a lint (AWS runs such a
    // machine), a warning by default, so it does not stop the expansion.
    let src = r#"{ "StartAt": "A", "States": { "A": { "Type": "Task",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": { "MessageBody": "hello" }, "End": true } } }"#;
    assert_eq!(errors(src), Vec::<String>::new());
}

#[test]
fn structural_fields_cannot_be_interpolated() {
    let e = one_error(&pass(r#""Next": target,"#).replace(r#""End": true"#, r#""Comment": "x""#));
    assert!(
        e.starts_with("`Next` must be a string literal in `workflow!`"),
        "{e}"
    );
    let errs = errors(
        r#"{ "StartAt": start, "States": { "A": { "Type": kind, "Retry": [ r ], "End": true },
            "B": state } }"#,
    );
    assert_eq!(errs.len(), 4, "{errs:#?}");
}

#[test]
fn interpolated_values_fit_their_field() {
    // Each interpolated value is accepted where it stands: no finding at compile time.
    let src = r#"{ "Comment": c, "TimeoutSeconds": t, "StartAt": "W", "States": {
        "W": { "Type": "Wait", "SecondsPath": p, "Next": "T" },
        "T": { "Type": "Task", "Resource": r, "Credentials": creds, "Parameters": params,
               "ResultSelector": { "a": x, "b.$": y }, "ResultPath": rp, "OutputPath": op,
               "TimeoutSeconds": to, "HeartbeatSecondsPath": hp,
               "Retry": [ { "ErrorEquals": [e], "IntervalSeconds": i, "MaxAttempts": m,
                            "BackoffRate": b, "MaxDelaySeconds": d } ],
               "Next": "C" },
        "C": { "Type": "Choice", "Choices": [
                 { "Variable": v, "NumericEquals": n, "Next": "P" },
                 { "Variable": "$.s", "StringEquals": s, "Next": "P" },
                 { "Variable": "$.t", "TimestampEquals": ts, "Next": "P" },
                 { "Variable": "$.b", "BooleanEquals": bo, "Next": "P" },
                 { "Variable": "$.q", "StringEqualsPath": sp, "Next": "P" } ], "Default": "P" },
        "P": { "Type": "Pass", "Result": res, "Assign": { "v": av }, "Next": "M" },
        "M": { "Type": "Map", "ItemsPath": ip, "ItemSelector": sel, "MaxConcurrency": mc,
               "ItemProcessor": { "StartAt": "X", "States": { "X": { "Type": "Pass", "End": true } } },
               "Next": "F" },
        "F": { "Type": "Fail", "Error": err, "CausePath": cp } } }"#;
    assert_eq!(errors(src), Vec::<String>::new());
    // Each expression is placed in its field, none is replaced by the neutral value the
    // compile-time check read for it.
    let out = expands(src, Mode::Try);
    for e in [
        "c", "t", "p", "r", "creds", "params", "x", "y", "rp", "op", "to", "hp", "e", "i", "m",
        "b", "d", "v", "n", "s", "ts", "bo", "sp", "res", "av", "ip", "sel", "mc", "err", "cp",
    ] {
        assert!(
            out.contains(&format!("({e})")) || out.contains(&format!(", {e})")),
            "{e}: {out}"
        );
    }
}

#[test]
fn a_field_with_an_interpolated_value_is_still_checked_as_a_field() {
    // Unknown, or excluded by another field: what the importer says of the key, not of the
    // value, is known at compile time.
    let e = one_error(&pass(r#""ResultPth": x,"#));
    assert!(e.starts_with("SFN003: unknown field `ResultPth`"), "{e}");
    let src = r#"{ "StartAt": "W", "States": {
        "W": { "Type": "Wait", "Seconds": 1, "SecondsPath": p, "End": true } } }"#;
    let e = one_error(src);
    assert!(e.starts_with("SFN006: `Seconds` and `SecondsPath`"), "{e}");
}

#[test]
fn no_input_makes_the_macro_panic() {
    // Every prefix of a definition that still tokenizes (unbalanced groups do not reach the
    // macro), and every definition with one token tree removed.
    let src = r#"{ "Comment": c, "StartAt": "A", "States": {
        "A": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Parameters": { "Payload.$": "$", "List": [1, -2.5e3, null, true, x] },
               "Retry": [ { "ErrorEquals": ["States.ALL"], "BackoffRate": 2 } ],
               "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "B" } ], "Next": "C" },
        "B": { "Type": "Fail", "Error": "E" },
        "C": { "Type": "Choice", "Choices": [ { "Not": { "Variable": "$.a", "IsNull": true }, "Next": "D" } ],
               "Default": "B" },
        "D": { "Type": "Map", "ItemProcessor": { "StartAt": "E", "States": { "E": { "Type": "Succeed" } } },
               "End": true } } }"#;
    for end in 0..=src.len() {
        if let Ok(tokens) = src[..end].parse::<proc_macro2::TokenStream>() {
            let _ = analyse(tokens.clone(), Mode::Panic);
            let _ = analyse(tokens, Mode::Try);
        }
    }
    let chars: Vec<char> = src.chars().collect();
    for skip in 0..chars.len() {
        let text: String = chars
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, c)| c)
            .collect();
        if let Ok(tokens) = text.parse::<proc_macro2::TokenStream>() {
            let _ = analyse(tokens, Mode::Panic);
        }
    }
}

#[test]
fn an_internal_error_is_a_compile_error_with_a_value() {
    let out = super::internal_error(Mode::Try).to_string();
    assert!(
        out.contains("internal error in workflow!, please report it"),
        "{out}"
    );
    assert!(out.contains("try_fallback"), "{out}");
}

#[test]
fn lints_at_warn_are_warnings_and_levels_are_set_inside() {
    let lints = r#"{ "StartAt": "A", "States": { "A": { "Type": "Task",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": { "MessageBody": "hello" }, "Retry": [{ "ErrorEquals": ["X"] }],
        "End": true } } }"#;
    let warnings = |src: &str| -> Vec<String> {
        let mut errs = super::errors::Errors::default();
        let input = super::parse::input(src.parse().expect("tokens"), &mut errs).expect("input");
        let low = super::lower::lower(&input);
        super::check::check(&low, &input.levels, &mut errs);
        assert!(errs.is_empty(), "{:#?}", errs.messages());
        errs.warning_messages()
    };
    let found = warnings(lints);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].starts_with("SFN033: ") && found[1].starts_with("SFN042: "),
        "{found:#?}"
    );
    // The expansion carries one deprecated constant per warning.
    let out = expands(lints, Mode::Panic);
    assert!(
        out.contains("deprecated") && out.contains("SFN033") && out.contains("SFN042"),
        "{out}"
    );
    // Allowed: no warning.
    let allowed = format!("#![allow(SFN033, SFN042)] {lints}");
    assert_eq!(warnings(&allowed), Vec::<String>::new());
    // Denied: an error.
    let denied = format!("#![deny(warnings)] #![warn(SFN033)] {lints}");
    let errs = errors(&denied);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(errs[0].starts_with("SFN042: "), "{errs:#?}");
    // Errors cannot be allowed; unknown codes and levels are reported.
    assert!(
        one_error(&format!("#![allow(SFN011)] {lints}"))
            .starts_with("SFN011 is an error, not a lint")
    );
    assert!(one_error(&format!("#![allow(SFN999)] {lints}")).contains("unknown rule code"));
    assert!(one_error(&format!("#![expect(SFN033)] {lints}")).contains("not a lint level"));
}
