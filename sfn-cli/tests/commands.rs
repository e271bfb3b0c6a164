//! The subcommands that print what a library function returns (`diagram`, `import`,
//! `schema`): each prints exactly that function's output, and reports bad input with the
//! right exit code.

mod common;

use common::{says, sfn_in, temp_dir};
use sfn_codegen::diagram::{dot, mermaid};
use sfn_codegen::rustgen::{to_rust_builder, to_rust_macro};
use sfn_dsl::model::StateMachine;
use std::path::Path;
use std::process::Command;

/// The fixtures of sfn-codegen's import tests.
const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../sfn-codegen/tests/import_fixtures"
);

fn import(label: &str, text: &str) -> StateMachine {
    StateMachine::from_json(text).unwrap_or_else(|d| panic!("{label} does not import: {d}"))
}

/// A definition with a Choice loop and a Distributed Map (one of the examples).
const NESTED: &str = include_str!("../../examples/definitions/distributed-map.asl.json");

fn sfn(args: &[&str], stdin: &str) -> (i32, String, String) {
    sfn_in(None, args, stdin)
}

#[test]
fn cli_prints_mermaid_by_default_and_dot_on_request() {
    let m = StateMachine::from_json(NESTED).unwrap();
    let (code, out, err) = sfn(&["diagram", "-"], NESTED);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, mermaid(&m));
    let (code, out, _) = sfn(&["diagram", "--format", "dot", "-"], NESTED);
    assert_eq!(code, 0);
    assert_eq!(out, dot(&m));
}

#[test]
fn cli_reports_import_errors_and_exits_1() {
    let text =
        "{\n  \"StartAt\": \"A\",\n  \"States\": {\"A\": {\"Type\": \"Pass\", \"Ed\": true}}\n}\n";
    let (code, out, err) = sfn(&["diagram", "-"], text);
    assert_eq!(code, 1, "{err}");
    assert_eq!(out, "");
    says(
        &err,
        &["error[SFN003]", "--> <stdin>:3:", "<stdin> cannot be drawn"],
    );
    let (code, _, err) = sfn(&["diagram", "/nonexistent/x.json"], "");
    assert_eq!(code, 2, "{err}");
}

// ---------------------------------------------------------------------------------------------
// The CLI
// ---------------------------------------------------------------------------------------------

#[test]
fn cli_import() {
    let sfn = env!("CARGO_BIN_EXE_sfn");
    let file = Path::new(FIXTURES).join("jsonata-fields.json");
    let m = import("jsonata-fields", &std::fs::read_to_string(&file).unwrap());

    let out = Command::new(sfn).arg("import").arg(&file).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        to_rust_builder(&m, "jsonata_fields")
    );

    let out = Command::new(sfn)
        .args(["import", "--style", "macro", "--name", "Order Flow"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text, to_rust_macro(&m, "order_flow"));
    assert!(text.contains("pub fn order_flow() -> sfn::StateMachine {"));

    let dir = temp_dir("commands-import");
    let bad = dir.join("bad.asl.json");
    std::fs::write(
        &bad,
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Ed": true}}}"#,
    )
    .unwrap();
    let out = Command::new(sfn).arg("import").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Ed") && stderr.contains("cannot be imported"),
        "{stderr}"
    );

    // A file that imports but does not validate still gets code, with a warning.
    let invalid = dir.join("order-flow.asl.json");
    std::fs::write(
        &invalid,
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}}"#,
    )
    .unwrap();
    let out = Command::new(sfn)
        .arg("import")
        .arg(&invalid)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    says(&text, &["pub fn order_flow()"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning"));
}

#[test]
fn cli_prints_the_schema() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sfn"))
        .arg("schema")
        .output()
        .expect("run sfn");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        sfn_codegen::schema::schema_json()
    );
}
