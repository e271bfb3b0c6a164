//! The JSON rules: the file must be one JSON object with unique keys. Both are decided while
//! the file is read ([`crate::json`], and the `workflow!` macro's parser for a duplicate key), since
//! the model keeps neither a broken file nor a repeated key.

use super::prelude::*;

declare! {
    InvalidJson = "001", error, "the input is not a JSON object", aws: "INVALID_JSON_DESCRIPTION", span: value, reads: [],
        what: "The file is not a JSON object: not JSON at all, empty, not UTF-8, nested too deep or too large.",
        failing: "`{\"StartAt\": \"A\",` (truncated).",
        fix: "make the file one JSON object.";
    DuplicateKey = "002", error, "duplicate JSON key", aws: "", span: key, reads: [],
        what: "The same key appears twice in one JSON object. AWS rejects such definitions; most JSON parsers silently keep the last value, so one of the two is lost.",
        failing: "`{\"Type\": \"Pass\", \"Next\": \"A\", \"Next\": \"B\"}`.",
        fix: "remove one of the keys.";
}

/// A key repeated in one object of a `workflow!` definition (the macro's parser finds it; the
/// finding has no pointer, the macro places it at the key's token).
pub fn duplicate_key_in_macro(key: &str) -> crate::Diagnostic {
    crate::Diagnostic::new(
        crate::Code::DuplicateKey,
        "",
        format!("duplicate key \"{key}\" in this object"),
    )
    .with_help("remove one of the two; AWS rejects definitions with duplicate keys")
}
