//! `Generator`: writing, idempotence (mtime kept), check mode with diffs, orphans, name checks and
//! the rustc-style report of an invalid machine. Every test sets `.check(..)` and
//! `.emit_rerun_if_changed(..)` explicitly, so `SFN_CHECK` in the environment does not matter.

mod common;

use common::TempDir;
use sfn_codegen::generator::{Problem, Status};
use sfn_codegen::{GenerateError, Generated, Generator};
use sfn_dsl::model::StateMachine;
use std::path::Path;

fn machine(next: &str) -> StateMachine {
    StateMachine::from_json(&format!(
        r#"{{"StartAt": "A", "States": {{
            "A": {{"Type": "Pass", "Next": "{next}"}},
            "B": {{"Type": "Succeed"}}}}}}"#
    ))
    .unwrap()
}

fn valid() -> StateMachine {
    machine("B")
}

/// Runs a generator over `dir` in write or check mode; returns the result and the directives.
fn run(
    dir: &Path,
    check: bool,
    machines: &[(&str, StateMachine)],
) -> (Result<Vec<Generated>, GenerateError>, String) {
    let mut g = Generator::new();
    g.out_dir(dir).check(check).emit_rerun_if_changed(true);
    for (name, m) in machines {
        g.machine(*name, m.clone());
    }
    let mut directives = Vec::new();
    let result = g.generate_to(&mut directives);
    (result, String::from_utf8(directives).unwrap())
}

#[test]
fn writes_canonical_json_and_reports_each_machine() {
    let tmp = TempDir::new("gen-writes");
    let out = tmp.path().join("definitions");
    let (result, directives) = run(&out, false, &[("order-poller", valid())]);
    let generated = result.unwrap();
    assert_eq!(generated.len(), 1);
    let g = &generated[0];
    assert_eq!(g.name, "order-poller");
    assert_eq!(g.status, Status::Created);
    assert_eq!(g.states, 2);
    let path = out.join("order-poller.asl.json");
    assert_eq!(g.path, path);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        sfn_codegen::to_json_pretty(&valid())
    );
    assert!(
        g.to_string()
            .ends_with("order-poller.asl.json created (2 states)")
    );
    assert!(directives.contains("cargo:rerun-if-env-changed=SFN_CHECK\n"));
    assert!(directives.contains(&format!("cargo:rerun-if-changed={}\n", path.display())));
}

#[test]
fn second_run_leaves_the_file_and_its_mtime_alone() {
    let tmp = TempDir::new("gen-idempotent");
    let (first, _) = run(tmp.path(), false, &[("m", valid())]);
    let path = &first.unwrap()[0].path;
    let before = std::fs::metadata(path).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let (second, _) = run(tmp.path(), false, &[("m", valid())]);
    assert_eq!(second.unwrap()[0].status, Status::Unchanged);
    assert_eq!(std::fs::metadata(path).unwrap().modified().unwrap(), before);
    // A change is written.
    let changed = StateMachine::from_json(
        r#"{"Comment": "new", "StartAt": "B", "States": {"B": {"Type": "Succeed"}}}"#,
    )
    .unwrap();
    let (third, _) = run(tmp.path(), false, &[("m", changed)]);
    assert_eq!(third.unwrap()[0].status, Status::Updated);
    assert!(std::fs::read_to_string(path).unwrap().contains("\"new\""));
}

#[test]
fn write_file_if_changed_reports_what_it_did() {
    let tmp = TempDir::new("gen-wfic");
    let p = tmp.path().join("x.asl.json");
    let w = sfn_codegen::generator::write_file_if_changed;
    assert_eq!(w(&p, b"a").unwrap(), Status::Created);
    assert_eq!(w(&p, b"a").unwrap(), Status::Unchanged);
    assert_eq!(w(&p, b"b").unwrap(), Status::Updated);
    assert_eq!(std::fs::read(&p).unwrap(), b"b");
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn check_mode_passes_when_equal_and_writes_nothing() {
    let tmp = TempDir::new("gen-check-ok");
    run(tmp.path(), false, &[("m", valid())]).0.unwrap();
    let path = tmp.path().join("m.asl.json");
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    let (result, _) = run(tmp.path(), true, &[("m", valid())]);
    assert_eq!(result.unwrap()[0].status, Status::UpToDate);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before
    );
}

#[test]
fn check_mode_fails_with_a_unified_diff_when_stale() {
    let tmp = TempDir::new("gen-check-stale");
    run(tmp.path(), false, &[("m", valid())]).0.unwrap();
    let path = tmp.path().join("m.asl.json");
    let committed = std::fs::read_to_string(&path).unwrap();
    let newer = StateMachine::from_json(
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "C"}, "C": {"Type": "Succeed"}}}"#,
    )
    .unwrap();
    let err = run(tmp.path(), true, &[("m", newer)]).0.unwrap_err();
    let text = err.to_string();
    assert!(text.contains("m.asl.json is stale"), "{text}");
    assert!(text.contains("(committed)"), "{text}");
    assert!(text.contains("@@"), "{text}");
    assert!(text.contains("-      \"Next\": \"B\""), "{text}");
    assert!(text.contains("+      \"Next\": \"C\""), "{text}");
    assert!(matches!(err.problems(), [Problem::Stale { .. }]));
    // Nothing was written.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), committed);
    // Debug shows the same report after a heading, for `fn main() -> Result<(), GenerateError>`.
    assert_eq!(
        format!("{err:?}"),
        format!("sfn could not generate the state machine definitions (1 problem):\n\n{text}")
    );
}

#[test]
fn check_mode_fails_when_missing() {
    let tmp = TempDir::new("gen-check-missing");
    let err = run(tmp.path(), true, &[("m", valid())]).0.unwrap_err();
    let text = err.to_string();
    assert!(text.contains("m.asl.json is missing"), "{text}");
    assert!(text.contains("--- /dev/null"), "{text}");
    assert!(text.contains("+  \"StartAt\": \"A\","), "{text}");
    assert!(!tmp.path().join("m.asl.json").exists());
    // A missing output directory is the same: every file is missing.
    let err = run(&tmp.path().join("nope"), true, &[("m", valid())])
        .0
        .unwrap_err();
    assert!(matches!(err.problems(), [Problem::Missing { .. }]));
    assert!(!tmp.path().join("nope").exists());
}

#[test]
fn orphans_warn_in_write_mode_and_fail_in_check_mode() {
    let tmp = TempDir::new("gen-orphans");
    std::fs::write(tmp.path().join("old-name.asl.json"), "{}").unwrap();
    std::fs::write(tmp.path().join("notes.json"), "{}").unwrap();
    let (result, directives) = run(tmp.path(), false, &[("m", valid())]);
    let generated = result.unwrap();
    assert_eq!(generated.len(), 2);
    let orphan = &generated[1];
    assert_eq!(orphan.name, "old-name");
    assert_eq!(orphan.status, Status::Orphaned);
    assert!(
        directives.contains("cargo:warning=") && directives.contains("old-name.asl.json"),
        "{directives}"
    );
    assert!(!directives.contains("notes.json"), "{directives}");
    // The orphan is left alone.
    assert!(tmp.path().join("old-name.asl.json").exists());
    let err = run(tmp.path(), true, &[("m", valid())]).0.unwrap_err();
    assert!(matches!(err.problems(), [Problem::Orphan { .. }]));
    assert!(
        err.to_string()
            .contains("old-name.asl.json is not produced by any machine")
    );
}

#[test]
fn invalid_machine_fails_with_a_rustc_style_report_and_is_not_written() {
    let tmp = TempDir::new("gen-invalid");
    let (result, _) = run(
        tmp.path(),
        false,
        &[("ok", valid()), ("bad", machine("Nope"))],
    );
    let err = result.unwrap_err();
    let text = err.to_string();
    assert!(text.contains("error[SFN011]"), "{text}");
    // The location is in the JSON that would have been written.
    assert!(
        text.contains(&format!(
            "--> {}:6:15",
            tmp.path().join("bad.asl.json").display()
        )),
        "{text}"
    );
    assert!(text.contains("state machine `bad` is invalid"), "{text}");
    assert!(!tmp.path().join("bad.asl.json").exists());
    // The valid machine is still written.
    assert!(tmp.path().join("ok.asl.json").exists());
    let [
        Problem::Invalid {
            name, diagnostics, ..
        },
    ] = err.problems()
    else {
        panic!("{text}");
    };
    assert_eq!(name, "bad");
    assert_eq!(diagnostics[0].code.as_str(), "SFN011");
}

#[test]
fn try_machine_reports_build_errors() {
    let tmp = TempDir::new("gen-try");
    let built = StateMachine::from_json(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass"}}}"#);
    let err = Generator::new()
        .out_dir(tmp.path())
        .check(false)
        .emit_rerun_if_changed(false)
        .try_machine("broken", built)
        .generate()
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("error[SFN"), "{text}");
    assert!(text.contains("broken.asl.json"), "{text}");
    assert!(!tmp.path().join("broken.asl.json").exists());
}

#[test]
fn try_machine_shows_builder_errors_in_the_json_with_line_and_column() {
    use sfn_dsl::builder::{Catch, Pass, Resource, Task, errors};
    let tmp = TempDir::new("gen-try-builder");
    let mut m = StateMachine::builder();
    let call = m.declare("Call");
    let failed = m.declare("Failed");
    m.define(
        call,
        Task::new(Resource::lambda_invoke())
            .heartbeat_seconds(60)
            .timeout_seconds(30)
            .catch(Catch::on(errors::ALL).next(failed))
            .end(),
    );
    m.define(failed, Pass::new().end());
    let err = Generator::new()
        .out_dir(tmp.path())
        .check(false)
        .emit_rerun_if_changed(false)
        .try_machine("broken", m.build())
        .generate()
        .unwrap_err();
    let text = err.to_string();
    // The finding is placed in the JSON that would have been written, with its line.
    assert!(text.contains("broken.asl.json:"), "{text}");
    assert!(text.contains("\"HeartbeatSeconds\": 60"), "{text}");
    assert!(text.contains("^^ /States/Call/HeartbeatSeconds"), "{text}");
    // `fn main() -> Result<(), GenerateError>` prints `Error: ` and the Debug text: a heading
    // line, so that it does not read `Error: error[SFN…]`.
    let debug = format!("Error: {err:?}");
    assert!(
        debug.starts_with(
            "Error: sfn could not generate the state machine definitions (1 problem):\n\nerror["
        ),
        "{debug}"
    );
}

#[test]
fn names_are_checked_before_anything_is_written() {
    let tmp = TempDir::new("gen-names");
    for (names, needle) in [
        (vec![""], "the name is empty"),
        (vec!["a/b"], "'/' is not allowed"),
        (vec!["a b"], "' ' is not allowed"),
        (vec![".hidden"], "cannot start with `.`"),
        (vec!["x.asl.json"], "without `.asl.json`"),
        (vec!["dup", "Dup"], "used by another machine"),
    ] {
        let machines: Vec<(&str, StateMachine)> = names.iter().map(|n| (*n, valid())).collect();
        let err = run(tmp.path(), false, &machines).0.unwrap_err();
        assert!(err.to_string().contains(needle), "{names:?}: {err}");
        assert!(matches!(err.problems()[0], Problem::InvalidName { .. }));
    }
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    // Dots, dashes, underscores and digits are fine.
    run(tmp.path(), false, &[("v1.order_poller-2", valid())])
        .0
        .unwrap();
}

#[test]
fn no_out_dir_outside_a_build_script_is_an_error() {
    if std::env::var_os("OUT_DIR").is_some() {
        return;
    }
    let err = Generator::new()
        .machine("m", valid())
        .check(false)
        .generate()
        .unwrap_err();
    assert!(matches!(err.problems(), [Problem::NoOutDir]));
}

#[test]
fn directives_are_off_unless_asked_outside_a_build_script() {
    if std::env::var_os("OUT_DIR").is_some() {
        return;
    }
    let tmp = TempDir::new("gen-quiet");
    let mut out = Vec::new();
    Generator::new()
        .out_dir(tmp.path())
        .check(false)
        .machine("m", valid())
        .generate_to(&mut out)
        .unwrap();
    assert!(out.is_empty());
}

#[test]
fn levels_deny_a_lint_or_allow_it() {
    use sfn_dsl::Code;
    use sfn_dsl::levels::Levels;
    let tmp = TempDir::new("gen-levels");
    // SFN042, a lint that warns by default: a one-character error name.
    let machine = StateMachine::from_json(
        r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
           "Retry": [{"ErrorEquals": ["X"]}], "End": true}}}"#,
    )
    .unwrap();
    let generate = |levels: Levels| {
        let mut directives = Vec::new();
        let result = Generator::new()
            .out_dir(tmp.path())
            .check(false)
            .emit_rerun_if_changed(true)
            .levels(levels)
            .machine("m", machine.clone())
            .generate_to(&mut directives);
        (result, String::from_utf8(directives).unwrap())
    };
    // Default: written, with a cargo warning.
    let (result, directives) = generate(Levels::new());
    result.unwrap();
    assert!(
        directives.contains("cargo:warning=") && directives.contains("SFN042"),
        "{directives}"
    );
    // Denied: not generated, reported as an error.
    let mut deny = Levels::new();
    deny.deny_warnings();
    let err = generate(deny).0.unwrap_err();
    assert!(err.to_string().contains("error[SFN042]"), "{err}");
    // Allowed: written, nothing said.
    let mut allow = Levels::new();
    allow.allow(Code::SuspiciousErrorName).unwrap();
    let (result, directives) = generate(allow);
    result.unwrap();
    assert!(!directives.contains("SFN042"), "{directives}");
}
