//! Choice rules: their `Next`, their shape (one comparison each) and the type of the value compared.

use super::declare;

declare! {
    ChoiceRuleNext = "019", error, "Choice rule Next misplaced", aws: "SCHEMA_VALIDATION_FAILED",
        span: value, reads: [Choices, Next],
        what: "A top-level Choice rule without `Next`, or a nested rule (inside `And`/`Or`/`Not`) with one.",
        failing: "`{\"Variable\": \"$.x\", \"IsPresent\": true}` at the top of `Choices`.",
        fix: "add `Next`.";
    ChoiceRuleShape = "020", error, "malformed Choice rule", aws: "SCHEMA_VALIDATION_FAILED",
        span: value, reads: [Choices, Variable, And, Or, Not],
        what: "A Choice rule is not exactly one comparison: no operator, two operators, no `Variable`, an empty `And`/`Or`, or an empty `Choices` list.",
        failing: "`{\"Variable\": \"$.x\", \"Next\": \"A\"}`.",
        fix: "add exactly one operator such as `\"IsPresent\": true`.";
    OperatorValueType = "026", error, "comparison value of the wrong type", aws: "SCHEMA_VALIDATION_FAILED",
        span: value, reads: [Choices],
        what: "A comparison operator has a value of the wrong type (`NumericEquals` takes a number, `StringEquals` a string, `Is*` a boolean, `…Path` a path).",
        failing: "`\"NumericEquals\": \"5\"`.",
        fix: "`\"NumericEquals\": 5`.";
}
