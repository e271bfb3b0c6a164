//! The error names of `Retry` and `Catch` (`ErrorEquals`).

use super::declare;

declare! {
    StatesAllPosition = "021", error, "States.ALL not alone or not last", aws: "SCHEMA_VALIDATION_FAILED",
        span: value, reads: together [Retry, Catch],
        what: "`States.ALL` must be the only error name of its retrier or catcher and that entry must be last.",
        failing: "`\"ErrorEquals\": [\"States.ALL\", \"States.Timeout\"]`.",
        fix: "a separate, last entry.";
    EmptyErrorEquals = "022", error, "empty ErrorEquals", aws: "SCHEMA_VALIDATION_FAILED",
        span: value, reads: [ErrorEquals],
        what: "`ErrorEquals` is empty or holds an empty name.",
        failing: "`\"ErrorEquals\": []`.",
        fix: "list at least one error name.";
    SuspiciousErrorName = "042", lint(Suspicious, Warn), "error name that cannot be right", aws: "",
        span: value, reads: [ErrorEquals],
        what: "An `ErrorEquals` name is one character long, or has leading or trailing whitespace. AWS accepts it, but no error is named like that, so the entry never matches; a list of one-character names is usually a name split into its characters (`\"States.ALL\".chars()`).",
        failing: "`\"ErrorEquals\": [\"S\", \"t\", \"a\", \"t\", \"e\", \"s\", \".\", \"A\", \"L\", \"L\"]`.",
        fix: "`\"ErrorEquals\": [\"States.ALL\"]` (in Rust: `Catch::on(errors::ALL)`).";
}
