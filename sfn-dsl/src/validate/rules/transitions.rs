//! `Next` and `End`: exactly one on the states that continue, none on the others. Decided by
//! the importer, which keeps one transition per state in the model (and by the builder's types).

use super::prelude::*;

declare! {
    MissingTransition = "016", error, "state without Next or End", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: [Next, End],
        what: "A Task, Pass, Wait, Parallel or Map state has neither `Next` nor `End: true`.",
        failing: "`{\"Type\": \"Pass\"}`.",
        fix: "add `\"Next\": \"…\"` or `\"End\": true`.";
    ConflictingTransition = "017", error, "state with both Next and End", aws: "SCHEMA_VALIDATION_FAILED", span: key, reads: [Next, End],
        what: "A state has both `Next` and `End: true` (or `End: false`, which AWS also rejects).",
        failing: "`{\"Type\": \"Pass\", \"Next\": \"B\", \"End\": true}`.",
        fix: "keep one.";
    TransitionOnTerminal = "018", error, "Next or End on a Choice, Succeed or Fail state", aws: "SCHEMA_VALIDATION_FAILED", span: key, reads: [Type, Next, End],
        what: "Choice, Succeed and Fail states end or branch on their own and take neither `Next` nor `End`.",
        failing: "`{\"Type\": \"Succeed\", \"End\": true}`.",
        fix: "remove the field.";
}
