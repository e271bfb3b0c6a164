//! The query language of a state: JSONPath fields in a JSONata state and JSONata in a JSONPath one.

use super::declare;

declare! {
    JsonPathFieldInJsonata = "029", error, "JSONPath field in a JSONata state", aws: "SCHEMA_VALIDATION_FAILED",
        span: key, reads: [QueryLanguage, InputPath, Parameters, ResultSelector, ResultPath, OutputPath, ItemsPath, Result, Variable],
        what: "A JSONPath-only field (`InputPath`, `Parameters`, `ResultPath`, `Variable`, `…Path`, …) in a state whose query language is JSONata.",
        failing: "`\"QueryLanguage\": \"JSONata\"` with `\"InputPath\": \"$.x\"`.",
        fix: "use `Arguments`/`Output`.";
    JsonataFieldInJsonPath = "030", error, "JSONata field in a JSONPath state", aws: "SCHEMA_VALIDATION_FAILED",
        span: key, reads: [QueryLanguage, Arguments, Output, Condition, Items],
        what: "A JSONata-only field (`Arguments`, `Output`, `Condition`, `Items`) in a JSONPath state.",
        failing: "`\"Output\": \"{% $states.input %}\"` without `\"QueryLanguage\": \"JSONata\"`.",
        fix: "set the query language, or use the JSONPath fields.";
}
