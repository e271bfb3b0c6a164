//! The whole reading path: bytes → strict JSON → import → validate → emit → re-import.
//! Never a panic; whatever imports without error emits JSON that re-imports to the same model,
//! and emission is a fixed point. Validating the bytes (`validate::check_json`) gives the same
//! findings and machine as importing the `serde_json::Value` of the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sfn_dsl::json::{Limits, parse_document};
use sfn_dsl::model::StateMachine;

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_bytes: 1 << 20, ..Limits::default() };
    let (mut findings, machine) = sfn_dsl::validate::check_json(data, &limits);
    // Findings read from bytes have spans inside them; the `Value` path has none to compare.
    for d in &mut findings {
        if let Some(span) = d.span.take() {
            assert!(span.bytes.start <= span.bytes.end && span.bytes.end <= data.len());
        }
    }
    let fast = (findings, machine);
    let value = match parse_document(data, &limits) {
        Ok(value) => value,
        Err(d) => {
            assert_eq!(fast, (vec![sfn_dsl::Diagnostic { span: None, ..d }], None));
            return;
        }
    };
    assert_eq!(fast, sfn_dsl::validate::check_and_import(&value));
    if let Ok(machine) = StateMachine::from_value(&value) {
        let text = serde_json::to_string_pretty(&machine).expect("serializes");
        let again = StateMachine::from_json(&text).expect("emitted JSON re-imports");
        assert_eq!(again, machine);
        assert_eq!(serde_json::to_string_pretty(&again).unwrap(), text);
    }
});
