//! Variable names of `Assign`.

use super::declare;

declare! {
    InvalidVariableName = "032", error, "invalid variable name", aws: "SCHEMA_VALIDATION_FAILED",
        span: key, reads: [Assign],
        what: "A variable name in `Assign` is not a valid name (letters, digits and `_`, not starting with a digit, at most 80 characters) or is reserved (`states`).",
        failing: "`\"Assign\": {\"1st\": 1}`.",
        fix: "`\"first\"`.";
}
