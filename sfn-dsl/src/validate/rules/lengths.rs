//! Lists that must not be empty, strings AWS bounds, and the characters of a Map `Label`.

use super::declare;

declare! {
    EmptyCollection = "037", error, "empty list", aws: "SCHEMA_VALIDATION_FAILED",
        span: value, reads: [Branches],
        what: "A Parallel state has no branches, or a field that must not be empty is empty.",
        failing: "`\"Branches\": []`.",
        fix: "add a branch.";
    StringLength = "038", error, "string too long or empty", aws: "SCHEMA_VALIDATION_FAILED",
        span: value, reads: [Label, Resource],
        what: "A string field is longer or shorter than AWS allows (e.g. `Label` over 40 characters).",
        failing: "a 50-character `Label`.",
        fix: "shorten it.";
    InvalidCharacter = "039", error, "character not allowed in a name", aws: "INVALID_LABEL_NAME",
        span: value, reads: [Label],
        what: "A Map `Label` contains a character AWS does not allow in names: whitespace, brackets (`<>{}[]`), wildcards (`?*`), the special characters `\"#%\\^|~$&,;:/` and the backtick, or a control character. AWS rejects the definition (the label becomes part of the child executions' names).",
        failing: "`\"Label\": \"batch {1}\"`.",
        fix: "`\"Label\": \"batch-1\"`.";
}
