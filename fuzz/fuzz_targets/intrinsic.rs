//! Intrinsic function calls: never panic; what parses keeps its text and re-parses equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sfn_dsl::path::Intrinsic;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    // Most interesting inputs start like a call; steer half of them there.
    let owned;
    let s = if data.first().is_some_and(|b| b % 2 == 0) {
        owned = format!("States.{s}");
        owned.as_str()
    } else {
        s
    };
    if let Ok(i) = Intrinsic::parse(s) {
        assert_eq!(i.as_str(), s);
        let again = Intrinsic::parse(i.as_str()).expect("re-parses");
        assert_eq!(again, i);
        // The typed constructor renders something that parses to the same call.
        if let Ok(rebuilt) = Intrinsic::new(i.function(), i.args().to_vec()) {
            let reparsed = Intrinsic::parse(rebuilt.as_str()).expect("rendered text parses");
            assert_eq!(reparsed.function(), i.function());
        }
    }
});
