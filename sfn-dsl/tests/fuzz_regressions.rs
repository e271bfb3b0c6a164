//! Inputs that once crashed a fuzz target (`fuzz/`), replayed through the same steps as the
//! target. A new crash input goes into `tests/fuzz-regressions/` with a descriptive name.

use sfn_dsl::json::{Limits, parse_document};
use sfn_dsl::model::StateMachine;

/// The steps of the `importer` fuzz target.
fn importer(data: &[u8]) {
    let fast = sfn_dsl::validate::check_json(data, &Limits::default());
    let value = match parse_document(data, &Limits::default()) {
        Ok(value) => value,
        Err(d) => {
            assert_eq!(fast, (vec![d], None));
            return;
        }
    };
    assert_eq!(fast, sfn_dsl::validate::check_and_import(&value));
    if let Ok(machine) = StateMachine::from_value(&value) {
        let text = serde_json::to_string_pretty(&machine).unwrap();
        let again = StateMachine::from_json(&text).expect("emitted JSON re-imports");
        assert_eq!(again, machine);
    }
}

#[test]
fn replay_fuzz_crashes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/fuzz-regressions") {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        importer(&data);
        let text = String::from_utf8_lossy(&data);
        let _ = sfn_dsl::path::Path::parse(&text);
        let _ = sfn_dsl::path::Intrinsic::parse(&text);
        n += 1;
    }
    assert!(n > 0, "no regression inputs in {}", dir.display());
}

#[test]
fn unterminated_string_ending_in_a_multibyte_character() {
    // The first fuzz crash: serde_json's byte column pointed inside the BOM character.
    let err = parse_document("\"+\u{feff}".as_bytes(), &Limits::default()).unwrap_err();
    assert_eq!(err.code, sfn_dsl::Code::InvalidJson);
    let err = parse_document("{\"a\": \"é".as_bytes(), &Limits::default()).unwrap_err();
    assert_eq!(err.code, sfn_dsl::Code::InvalidJson);
}
