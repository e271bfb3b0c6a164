//! The whole reading path: bytes → strict JSON → import → validate → emit → re-import.
//! Never a panic; whatever imports without error emits JSON that re-imports to the same model,
//! and emission is a fixed point.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sfn_dsl::json::{Limits, parse_document};
use sfn_dsl::model::StateMachine;

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_bytes: 1 << 20, ..Limits::default() };
    let Ok(value) = parse_document(data, &limits) else { return };
    let _ = sfn_dsl::validate::check_value(&value);
    if let Ok(machine) = StateMachine::from_value(&value) {
        let text = serde_json::to_string_pretty(&machine).expect("serializes");
        let again = StateMachine::from_json(&text).expect("emitted JSON re-imports");
        assert_eq!(again, machine);
        assert_eq!(serde_json::to_string_pretty(&again).unwrap(), text);
    }
});
