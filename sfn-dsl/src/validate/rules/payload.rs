//! Payload templates: a literal that looks like a path.

use super::declare;

declare! {
    LiteralLooksLikePath = "034", lint(Suspicious, Warn), "literal string that looks like a path", aws: "NO_DOLLAR",
        span: key, reads: [Parameters, ResultSelector, ItemSelector, Assign, Credentials],
        what: "A payload template field without `.$` has a string that is a path or an intrinsic, so AWS passes the literal text instead of its value.",
        failing: "`\"Parameters\": {\"Id\": \"$.id\"}`.",
        fix: "`\"Id.$\": \"$.id\"`.";
}
