//! State names: their length and characters, and their uniqueness in the whole machine.

use super::prelude::*;
use std::collections::hash_map::Entry;

/// AWS's limit on state names.
pub const MAX_STATE_NAME_CHARS: usize = 80;

declare! {
    StateName = "014", error, "invalid state name", aws: "INVALID_STATE_NAME", span: key, reads: [States],
        what: "A state name is empty or longer than 80 characters (AWS's limit).",
        failing: "a 90-character name.",
        fix: "shorten it.";
    DuplicateStateName = "015", error, "duplicate state name", aws: "DUPLICATE_STATE_NAME", span: key, reads: [States, Branches, ItemProcessor, Iterator],
        what: "The same state name is used twice in one machine (AWS requires names to be unique across the whole machine, nested Parallel branches and Map processors included).",
        failing: "a state `\"Done\"` at the top level and another in a Parallel branch.",
        fix: "rename one.";
}

impl<'m> Validator<'m> {
    /// First pass: every state name of the machine, its scope number, duplicates and name rules.
    /// `ptr` is the pointer of the scope's `States` object.
    pub(crate) fn collect_names(&mut self, states: &'m States, ptr: &Pointer) {
        let this = self.scope_ptrs.len();
        self.scope_ptrs.push(ptr.clone());
        for (index, (name, state)) in states.iter().enumerate() {
            // Pointers are only built for findings.
            let at = || ptr.push_str(name);
            // The byte length bounds the number of characters: only long names are counted.
            let too_long =
                name.len() > MAX_STATE_NAME_CHARS && name.chars().count() > MAX_STATE_NAME_CHARS;
            if name.is_empty() || too_long {
                let chars = name.chars().count();
                self.report(Code::StateName, at(), if chars == 0 {
                            "a state name cannot be empty".to_string()
                        } else {
                            format!("state name is {chars} characters long; AWS allows at most {MAX_STATE_NAME_CHARS}")
                        }, "use a shorter name; the name is also what the console and the execution history show");
            } else if has_control(name) {
                self.report(
                    Code::StateName,
                    at(),
                    "a state name cannot contain control characters",
                    "remove the control character (a tab or a line break?) from the name",
                );
            }
            // One hash lookup per name: insert the first definition, or find it.
            let first = match self.all_names.entry(name) {
                Entry::Vacant(e) => {
                    e.insert(NameAt { scope: this, index });
                    None
                }
                Entry::Occupied(e) => Some(*e.get()),
            };
            if let Some(first) = first {
                self.duplicate_names = true;
                let message = if first.scope == this {
                    // Only a model built in code can hold this (a JSON object cannot repeat
                    // a key), e.g. a builder's `declare` called twice with one name.
                    format!("the state \"{name}\" is declared twice in the same `States`")
                } else {
                    let first_at = self.scope_ptrs[first.scope].push_str(name);
                    format!("the state name \"{name}\" is already used at {first_at}")
                };
                self.report(Code::DuplicateStateName, at(), message, "state names must be unique in the whole machine, nested branches and processors included; rename one");
                if first.scope != this {
                    self.other_scopes.entry((this, name)).or_insert(index);
                }
            }
            for n in crate::validate::nested(state) {
                self.collect_names(n.states, &n.below(&at()).push(k::States));
            }
        }
    }
}

/// Where a state name is defined first in the whole machine: its scope (numbered in
/// depth-first order) and its position there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NameAt {
    pub(crate) scope: usize,
    pub(crate) index: usize,
}
/// True when `name` holds a control character (`char::is_control`), with a byte scan for
/// the usual printable-ASCII names.
fn has_control(name: &str) -> bool {
    name.bytes().any(|b| !(0x20..0x7F).contains(&b)) && name.chars().any(char::is_control)
}

/// A state the builder was asked to define twice (`at` is its pointer).
pub(crate) fn defined_twice(name: &str, at: Pointer) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateStateName,
        at.as_str(),
        format!("the state \"{name}\" is defined twice"),
    )
    .with_help("call `define` once per declared state; the second definition was ignored")
}
