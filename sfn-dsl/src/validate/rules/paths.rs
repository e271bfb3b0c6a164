//! Paths, intrinsic functions and JSONata expressions that must parse, and the fields that take
//! only a Reference Path. Most are decided when the text is parsed (the importer, the builder's
//! setters, `path!`); the validator decides what needs the field (a Reference Path, `ResultPath`).

use super::declare;

declare! {
    InvalidPath = "027", error, "invalid path", aws: "SCHEMA_VALIDATION_FAILED",
        span: value, reads: [InputPath, OutputPath, ResultPath, ItemsPath, Variable, SecondsPath, TimestampPath, ErrorPath, CausePath, Parameters, ResultSelector, ItemSelector],
        what: "A JSONPath (Path, Reference Path, context path or variable) does not parse, or a field that needs a Reference Path got an expression with filters or wildcards.",
        failing: "`\"InputPath\": \"$.a..b[\"`.",
        fix: "the message gives the byte offset and what was expected.";
    InvalidIntrinsic = "028", error, "invalid intrinsic function", aws: "SCHEMA_VALIDATION_FAILED",
        span: value, reads: [Parameters, ResultSelector, ItemSelector, Arguments, Assign, ErrorPath, CausePath],
        what: "An intrinsic function call does not parse, is unknown or has the wrong arguments.",
        failing: "`\"States.Format()\"`, `\"States.MathAdd($.a)\"`.",
        fix: "the message gives the expected arity.";
    InvalidJsonata = "031", error, "invalid JSONata expression", aws: "INVALID_JSONATA_EXPRESSION",
        span: value, reads: [Arguments, Output, Condition, Items, Assign],
        what: "A JSONata expression is not enclosed as `{% … %}` or its expression does not parse.",
        failing: "`\"Output\": \"{% $states.input\"`.",
        fix: "close it with ` %}`.";
}
