//! The whole reading path: bytes → strict JSON → import → validate → emit → re-import.
//! Never a panic; whatever imports without error emits JSON that re-imports to the same model,
//! and emission is a fixed point. The fast reader of `sfn validate` (`validate::check_json`)
//! gives the same findings and machine as the strict path.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sfn_dsl::json::{Limits, parse_document};
use sfn_dsl::model::StateMachine;

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_bytes: 1 << 20, ..Limits::default() };
    let fast = sfn_dsl::validate::check_json(data, &limits);
    let value = match parse_document(data, &limits) {
        Ok(value) => value,
        Err(d) => {
            assert_eq!(fast, (vec![d], None));
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
