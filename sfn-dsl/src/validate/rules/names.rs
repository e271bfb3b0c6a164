//! State names: their length and characters, and their uniqueness in the whole machine.

use super::declare;

declare! {
    StateName = "014", error, "invalid state name", aws: "INVALID_STATE_NAME",
        span: key, reads: [States],
        what: "A state name is empty or longer than 80 characters (AWS's limit).",
        failing: "a 90-character name.",
        fix: "shorten it.";
    DuplicateStateName = "015", error, "duplicate state name", aws: "DUPLICATE_STATE_NAME",
        span: key, reads: [States, Branches, ItemProcessor, Iterator],
        what: "The same state name is used twice in one machine (AWS requires names to be unique across the whole machine, nested Parallel branches and Map processors included).",
        failing: "a state `\"Done\"` at the top level and another in a Parallel branch.",
        fix: "rename one.";
}
