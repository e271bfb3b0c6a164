//! What a user sees when a machine that does not build is unwrapped: the rule code, the
//! message, the pointer and the help, not a `Debug` dump of the findings.

use sfn::builder::Pass;

fn panic_message(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
    let payload = std::panic::catch_unwind(f).expect_err("it panics");
    match payload.downcast::<String>() {
        Ok(s) => *s,
        Err(payload) => payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .unwrap_or_default(),
    }
}

#[test]
fn expect_on_an_invalid_builder_machine_shows_the_rule_and_message() {
    let message = panic_message(|| {
        let mut m = sfn::StateMachine::builder();
        let a = m.declare("A");
        let b = m.declare("B");
        m.define(a, Pass::new().next(b));
        m.build().expect("the machine builds");
    });
    assert!(
        message.starts_with("the machine builds: error[SFN"),
        "{message}"
    );
    assert!(message.contains("\"B\""), "{message}");
    assert!(message.contains("\n  at /States/B"), "{message}");
    assert!(!message.contains("Diagnostic {"), "{message}");
    assert!(!message.contains("code:"), "{message}");
}

#[test]
fn unwrap_on_a_bad_import_shows_the_rule_and_message() {
    let message = panic_message(|| {
        sfn::StateMachine::from_json(
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Ed": true}}}"#,
        )
        .unwrap();
    });
    assert!(message.contains("error[SFN003]"), "{message}");
    assert!(message.contains("/States/A/Ed"), "{message}");
    assert!(!message.contains("UnknownField"), "{message}");
}
