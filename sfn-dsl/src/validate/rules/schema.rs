//! The schema rules: the fields an object has, needs, excludes, and their JSON types and values.
//! The importer ([`crate::import`]) decides them while it reads a definition, from the table of
//! [`crate::fields`]; the validator decides the few the model can still break (`Credentials`, a
//! Distributed Map's `ExecutionType`, CSV headers, `Version`, an expression outside an object).

use super::declare;

declare! {
    UnknownField = "003", error, "unknown field", aws: "SCHEMA_VALIDATION_FAILED",
        span: key, reads: [],
        what: "A field that the object does not have in ASL (often a typo).",
        failing: "`{\"Type\": \"Pass\", \"ResultPth\": \"$.x\", \"End\": true}`.",
        fix: "`\"ResultPath\"`.";
    MissingField = "004", error, "missing required field", aws: "SCHEMA_VALIDATION_FAILED",
        span: value, reads: [],
        what: "A required field is missing.",
        failing: "`{\"Type\": \"Task\", \"End\": true}` (no `Resource`).",
        fix: "add the field.";
    WrongType = "005", error, "field of the wrong JSON type", aws: "SCHEMA_VALIDATION_FAILED",
        span: value, reads: [],
        what: "A field has the wrong JSON type.",
        failing: "`{\"Type\": \"Wait\", \"Seconds\": \"10\", \"End\": true}`.",
        fix: "`\"Seconds\": 10`.";
    ExclusiveFields = "006", error, "mutually exclusive fields", aws: "SCHEMA_VALIDATION_FAILED",
        span: key, reads: [],
        what: "Two fields that exclude each other are both present.",
        failing: "`{\"Type\": \"Wait\", \"Seconds\": 5, \"SecondsPath\": \"$.s\", \"End\": true}`.",
        fix: "keep one.";
    InvalidValue = "007", error, "value not allowed", aws: "SCHEMA_VALIDATION_FAILED",
        span: value, reads: [Type, Mode, ExecutionType, Version],
        what: "A field that takes one of a fixed set of values has another value.",
        failing: "`{\"Type\": \"Tsak\"}` or `\"Mode\": \"distributed\"`.",
        fix: "use one of the listed values.";
}
