//! Paths, reference paths, payload expressions and JSONata: never panic, and what parses
//! keeps its exact text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sfn_dsl::path::{Expr, Jsonata, Path};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(p) = Path::parse(s) {
        assert_eq!(p.as_str(), s);
        assert_eq!(Path::parse(p.as_str()).as_ref(), Ok(&p));
    }
    let _ = Path::parse_reference(s);
    if let Ok(e) = Expr::parse(s) {
        assert_eq!(e.as_str(), s);
    }
    if let Ok(j) = Jsonata::parse(s) {
        assert_eq!(j.as_str(), s);
    }
    let _ = sfn_dsl::path::looks_like_expr(s);
    let _ = sfn_dsl::path::validate_variable_name(s);
});
