//! Which parts of a machine's graph the lenient importer could not read.
//!
//! When a state or a Choice rule cannot be imported, or a state's `Next`/`End` conflict, the
//! imported graph lacks edges that the file has. The graph rules would then report states as
//! unreachable, loops as endless or targets as missing only because of the import error that is
//! already reported. [`Damage`] finds those places by comparing the JSON with the imported model,
//! so that [`super::check_value`] can leave such consequential findings out.

use crate::Diagnostic;
use crate::diagnostic::Pointer;
use crate::fields::names as k;
use crate::json::node::Node;
use crate::model::{Processor, State, StateMachine, States, Transition};
use crate::rules::Code;
use std::collections::{HashMap, HashSet};

/// The scopes whose graph is incomplete and the names of states that were dropped.
#[derive(Default)]
pub(crate) struct Damage {
    /// Pointers of scope objects (the object holding `StartAt` and `States`; `""` for the machine).
    scopes: HashSet<String>,
    /// Names of states present in the file but missing from the imported model.
    dropped: HashSet<String>,
}

impl Damage {
    pub(crate) fn find(value: &Node<'_>, machine: &StateMachine) -> Damage {
        let mut d = Damage::default();
        d.scope(value, &machine.states, &Pointer::root());
        d
    }

    fn scope(&mut self, json: &Node<'_>, states: &States, at: &Pointer) {
        let Some(Node::Object(json_states)) = json.get(k::States) else {
            return;
        };
        let mut damaged = false;
        // The first state of each name (a linear `States::get` per name would be quadratic).
        let mut by_name: HashMap<&str, &State> = HashMap::with_capacity(states.len());
        for (name, state) in states.iter() {
            by_name.entry(name).or_insert(state);
        }
        for (name, js) in json_states {
            let Some(&state) = by_name.get(name) else {
                damaged = true;
                self.dropped.insert(name.to_owned());
                continue;
            };
            let sp = at.push(k::States).push(name);
            // A `Next` in the file that the model does not have (conflicting Next/End).
            if let Some(Node::String(next)) = js.get(k::Next)
                && !matches!(state.transition(), Some(Transition::Next(n)) if n == next)
                && state.transition().is_some()
            {
                damaged = true;
            }
            let len = |key: &str| js.get(key).and_then(Node::as_array).map_or(0, |a| a.len());
            if state.catch().len() != len(k::Catch) {
                damaged = true;
            }
            match state {
                State::Choice(c) if c.choices.len() != len(k::Choices) => damaged = true,
                State::Parallel(p) => {
                    let branches = js.get(k::Branches).and_then(Node::as_array);
                    for (i, b) in p.branches.iter().enumerate() {
                        if let Some(jb) = branches.and_then(|a| a.get(i)) {
                            self.scope(jb, &b.states, &sp.push(k::Branches).push(i));
                        }
                    }
                }
                State::Map(m) => {
                    let field = match &m.processor {
                        Processor::ItemProcessor(_) => k::ItemProcessor,
                        Processor::Iterator(_) => k::Iterator,
                    };
                    if let Some(jp) = js.get(field) {
                        self.scope(jp, &m.processor.get().states, &sp.push(field));
                    }
                }
                _ => {}
            }
        }
        if damaged {
            self.scopes.insert(at.as_str().to_owned());
        }
    }

    /// True when `d` only repeats an import error: a graph finding of a damaged scope, or a
    /// missing-target finding whose target is a state the importer dropped.
    pub(crate) fn explains(&self, d: &Diagnostic, value: &Node<'_>) -> bool {
        match d.code {
            Code::Unreachable => d
                .pointer
                .rfind("/States/")
                .is_some_and(|i| self.scopes.contains(&d.pointer[..i])),
            Code::NoTerminal => d
                .pointer
                .strip_suffix("/StartAt")
                .is_some_and(|scope| self.scopes.contains(scope)),
            // A scope the importer could not read is empty in the model: only an empty
            // `States` in the file is reported.
            Code::EmptyStates => {
                !matches!(value.pointer(&d.pointer), Some(Node::Object(o)) if o.is_empty())
            }
            Code::UnknownTarget | Code::StartAtMissing => value
                .pointer(&d.pointer)
                .and_then(Node::as_str)
                .is_some_and(|target| self.dropped.contains(target)),
            _ => false,
        }
    }
}
