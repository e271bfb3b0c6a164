//! The `sfn` command end to end: exit codes, reports, and one test per kind of bad input.

mod common;

use common::{says, sfn_in, temp_dir};
use std::path::{Path, PathBuf};

const VALID: &str = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

fn run(args: &[&str]) -> (i32, String, String) {
    sfn_in(None, args, "")
}

/// `sfn validate` of `bytes` written to `dir/name`: asserts its exit status and that its report
/// says each of `parts`; the report.
#[track_caller]
fn validate(dir: &Path, name: &str, bytes: impl AsRef<[u8]>, code: i32, parts: &[&str]) -> String {
    let p = write(dir, name, bytes);
    let (status, out, err) = run(&["validate", p.to_str().unwrap()]);
    let report = format!("{out}{err}");
    assert_eq!(status, code, "{report}");
    says(&report, parts);
    report
}

/// `sfn validate` tests, one a line: `test: the file => its exit status, [what the report says];`.
macro_rules! validate_tests {
    ($($test:ident: $bytes:expr => $code:literal, [$($part:literal),*];)*) => {$(
        #[test]
        fn $test() {
            validate(&temp_dir(stringify!($test)), "x.json", $bytes, $code, &[$($part),*]);
        }
    )*};
}

validate_tests! {
    valid_file_exits_zero: VALID => 0, ["1 file checked: 1 valid, 0 invalid"];
    not_json: "{\"StartAt\": \"A\"," => 1, ["error[SFN001]"];
    not_an_object: "[1, 2]" => 1, ["error[SFN001]", "array"];
    empty_file: "  \n" => 1, ["empty"];
    invalid_utf8: b"{\"StartAt\": \"\xff\xfe\"}" => 1, ["UTF-8"];
    deeply_nested: format!("{{\"a\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000)) => 1, ["deep"];
}

#[test]
fn findings_are_rustc_style_with_line_and_column() {
    let d = temp_dir("findings");
    let text = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"Next\": \"Bb\"},\n    \"B\": {\"Type\": \"Succeed\"}\n  }\n}\n";
    validate(
        &d,
        "m.json",
        text,
        1,
        &[
            "error[SFN011]",
            "m.json:4:35",
            "/States/A/Next",
            "help: did you mean \"B\"?",
        ],
    );
}

#[test]
fn json_format_is_one_object_per_finding() {
    let d = temp_dir("jsonfmt");
    let p = write(
        &d,
        "m.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass"}, "B": {"Type": "Succeed"}}}"#,
    );
    let (code, out, _) = run(&["validate", "--format", "json", p.to_str().unwrap()]);
    assert_eq!(code, 1);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
        .collect();
    assert!(!lines.is_empty());
    for l in &lines {
        for key in [
            "file", "code", "severity", "message", "pointer", "line", "column",
        ] {
            assert!(l.get(key).is_some(), "missing {key} in {l}");
        }
    }
    assert!(lines.iter().any(|l| l["code"] == "SFN016"), "{out}");
}

#[test]
fn enormous_file_is_refused_before_reading() {
    let d = temp_dir("huge");
    let p = d.join("x.json");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(65 * 1024 * 1024).unwrap(); // sparse: 65 MiB of zero bytes, over the 64 MiB default
    let (code, out, err) = run(&["validate", p.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(format!("{out}{err}").contains("limit"), "{out}{err}");
    // and the limit is configurable
    let small = write(&d, "small.json", VALID);
    let (code, out, _) = run(&["validate", "--max-bytes", "10", small.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
}

#[test]
fn duplicate_keys_and_bom() {
    let d = temp_dir("dup");
    validate(
        &d,
        "dup.json",
        r#"{"StartAt": "A", "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#,
        1,
        &["error[SFN002]", "StartAt"],
    );
    validate(&d, "bom.json", format!("\u{feff}{VALID}"), 0, &[]);
}

#[test]
fn io_and_usage_errors_exit_two() {
    let (code, _, err) = run(&["validate", "/nonexistent/definitely/missing.json"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = run(&["validate"]);
    assert_eq!(code, 2);
    let (code, _, _) = run(&["frobnicate"]);
    assert_eq!(code, 2);
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("validate") && out.contains("fmt"));
}

#[test]
fn fmt_prints_canonical_form_and_is_a_fixed_point() {
    let d = temp_dir("fmt");
    let p = write(
        &d,
        "m.json",
        r#"{"States":{"A":{"End":true,"Type":"Pass"}},"StartAt":"A","Comment":"c"}"#,
    );
    let (code, out, err) = run(&["fmt", p.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "{\n  \"Comment\": \"c\",\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Pass\",\n      \"End\": true\n    }\n  }\n}\n"
    );
    let again = write(&d, "again.json", &out);
    let (code, out2, _) = run(&["fmt", again.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(out, out2);
    let (code, _, _) = run(&["fmt", "--check", again.to_str().unwrap()]);
    assert_eq!(code, 0);
    let (code, out, _) = run(&["fmt", "--check", p.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
}

#[test]
fn fmt_write_is_atomic_and_leaves_canonical_files_alone() {
    let d = temp_dir("fmtwrite");
    let p = write(
        &d,
        "m.json",
        r#"{"States":{"A":{"End":true,"Type":"Pass"}},"StartAt":"A"}"#,
    );
    let (code, _, err) = run(&["fmt", "--write", p.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let formatted = std::fs::read_to_string(&p).unwrap();
    assert!(formatted.starts_with("{\n  \"StartAt\""), "{formatted}");
    let mtime = std::fs::metadata(&p).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let (code, _, _) = run(&["fmt", "--write", p.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::metadata(&p).unwrap().modified().unwrap(),
        mtime,
        "canonical file was rewritten"
    );
    // An invalid file is never touched.
    let bad = write(
        &d,
        "bad.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Ed": true}}}"#,
    );
    let before = std::fs::read(&bad).unwrap();
    let (code, _, err) = run(&["fmt", "--write", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    says(&err, &["SFN003"]);
    assert_eq!(std::fs::read(&bad).unwrap(), before);
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&d)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn stdin_is_read_with_a_dash() {
    let (code, out, err) = sfn_in(None, &["validate", "-"], VALID);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn state_count_and_payload_size_limits() {
    use sfn_dsl::json::{Limits, parse_document};
    use sfn_dsl::validate::check_json;
    // Through the library: both limits are configurable and reported with the place.
    let states: Vec<String> = (0..10)
        .map(|i| format!("\"S{i}\": {{\"Type\": \"Succeed\"}}"))
        .collect();
    let text = format!(
        "{{\"StartAt\": \"S0\", \"States\": {{{}}}}}",
        states.join(",")
    );
    let limits = Limits {
        max_states: 5,
        ..Limits::default()
    };
    let err = parse_document(text.as_bytes(), &limits).unwrap_err();
    assert_eq!(err.pointer, "/States");
    assert!(
        err.message.contains("more than 5 states"),
        "{}",
        err.message
    );
    assert!(parse_document(text.as_bytes(), &Limits::default()).is_ok());
    // `check_json` (the same reader, which enforces the limits as it reads) gives the same finding.
    assert_eq!(check_json(text.as_bytes(), &limits).0, [err]);
    assert!(check_json(text.as_bytes(), &Limits::default()).1.is_some());

    let big = "x".repeat(2048);
    let text = format!(
        r#"{{"StartAt": "A", "States": {{"A": {{"Type": "Pass", "Parameters": {{"blob": "{big}"}}, "End": true}}}}}}"#
    );
    let limits = Limits {
        max_payload_bytes: 1024,
        ..Limits::default()
    };
    let err = parse_document(text.as_bytes(), &limits).unwrap_err();
    assert_eq!(err.pointer, "/States/A/Parameters");
    assert_eq!(
        check_json(text.as_bytes(), &limits).0,
        std::slice::from_ref(&err)
    );
    assert!(
        err.message.contains("over the limit of 1024 bytes"),
        "{}",
        err.message
    );
    // And through the CLI with the default limits: a 2 MiB payload is refused with exit 1.
    let d = temp_dir("payload");
    let huge = "x".repeat(2 * 1024 * 1024);
    let out = validate(
        &d,
        "big.json",
        format!(
            r#"{{"StartAt": "A", "States": {{"A": {{"Type": "Pass", "Result": ["{huge}"], "End": true}}}}}}"#
        ),
        1,
        &[],
    );
    assert!(
        out.contains("/States/A/Result") && out.contains("over the limit"),
        "{}",
        &out[..out.len().min(500)]
    );
}

/// A `.waitForTaskToken` task that never passes the token (SFN033, a lint AWS accepts) and a
/// one-character error name (SFN042, a lint): warnings by default.
const LINTS: &str = r#"{"StartAt": "T", "States": {"T": {"Type": "Task",
  "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
  "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q", "MessageBody": "hi"},
  "Retry": [{"ErrorEquals": ["X"]}], "End": true}}}"#;

#[test]
fn lint_levels_deny_warn_and_allow() {
    let d = temp_dir("levels");
    let p = write(&d, "lints.json", LINTS);
    let file = p.to_str().unwrap();

    // Lints warn by default: exit 0.
    let (code, out, _) = run(&["validate", file]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("warning[SFN033]") && out.contains("warning[SFN042]"),
        "{out}"
    );

    // `--deny warnings` fails on them; a code's own level wins over it.
    let (code, out, _) = run(&["validate", "--deny", "warnings", file]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[SFN033]") && out.contains("error[SFN042]"),
        "{out}"
    );
    let (code, out, _) = run(&[
        "validate", "--deny", "warnings", "--allow", "SFN033", "--warn", "SFN042", file,
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("SFN033"), "{out}");
    says(&out, &["warning[SFN042]"]);

    // One code denied.
    let (code, out, _) = run(&["validate", "--deny", "SFN042", file]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[SFN042]") && out.contains("warning[SFN033]"),
        "{out}"
    );

    // Allowed: not reported at all.
    let (code, out, _) = run(&["validate", "--allow", "SFN033", "--allow", "SFN042", file]);
    assert_eq!(code, 0, "{out}");
    says(&out, &["1 valid, 0 invalid (0 errors, 0 warnings)"]);
}

#[test]
fn allowing_an_error_or_an_unknown_code_is_a_usage_error() {
    let d = temp_dir("levels-usage");
    let p = write(&d, "ok.json", VALID);
    let file = p.to_str().unwrap();
    let (code, out, err) = run(&["validate", "--allow", "SFN011", file]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    says(
        &err,
        &["--allow SFN011: SFN011 is an error, not a lint: AWS refuses such a definition"],
    );
    let (code, _, err) = run(&["validate", "--deny", "SFN999", file]);
    assert_eq!(code, 2);
    says(&err, &["unknown rule code \"SFN999\""]);
    let (code, _, err) = run(&["validate", "--deny", "SFN042", "--allow", "SFN042", file]);
    assert_eq!(code, 2);
    says(&err, &["both --deny and --allow"]);
}

#[test]
fn json_output_carries_the_aws_code() {
    let d = temp_dir("aws-code");
    let p = write(
        &d,
        "m.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#,
    );
    let (code, out, _) = run(&["validate", "--format", "json", p.to_str().unwrap()]);
    assert_eq!(code, 1);
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["code"], "SFN011");
    assert_eq!(first["aws_code"], "MISSING_TRANSITION_TARGET");
    // A lint AWS has no code for: null.
    let p = write(&d, "lints.json", LINTS);
    let (_, out, _) = run(&["validate", "--format", "json", p.to_str().unwrap()]);
    let token: serde_json::Value = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["code"] == "SFN033")
        .expect("SFN033 reported");
    assert_eq!(token["aws_code"], serde_json::Value::Null);
    assert_eq!(token["severity"], "warning");
}

#[test]
fn type_express_checks_what_express_machines_cannot_run() {
    let d = temp_dir("express");
    let text = r#"{"StartAt": "Run", "States": {
        "Run": {"Type": "Task", "Resource": "arn:aws:states:::batch:submitJob.sync",
                "Parameters": {"JobName": "j", "JobQueue": "q", "JobDefinition": "d"}, "Next": "Review"},
        "Review": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:review", "Next": "Fan"},
        "Fan": {"Type": "Map", "ItemsPath": "$.items", "End": true, "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "D", "States": {"D": {"Type": "Succeed"}}}}
    }}"#;
    let p = write(&d, "m.json", text);
    let file = p.to_str().unwrap();
    // STANDARD, the default, runs all three.
    for args in [
        &["validate", file][..],
        &["validate", "--type", "standard", file],
    ] {
        let (code, out, _) = run(args);
        assert_eq!(code, 0, "{out}");
    }
    let (code, out, _) = run(&["validate", "--type", "express", file]);
    assert_eq!(code, 1, "{out}");
    says(
        &out,
        &[
            "error[SFN043]: the task \"Run\" uses the Run a Job integration pattern (`.sync`), which an EXPRESS state machine does not support",
            "m.json:2:",
            "error[SFN043]: the task \"Review\" runs an activity",
            "error[SFN049]: the Distributed Map \"Fan\" cannot run here",
            "/States/Fan/ItemProcessor/ProcessorConfig/Mode",
            "(3 errors, 0 warnings)",
        ],
    );
    // SFN049 is a lint (AWS's answer is not recorded): it can be allowed.
    let (code, out, _) = run(&["validate", "--type", "express", "--allow", "SFN049", file]);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("SFN049"), "{out}");
}
