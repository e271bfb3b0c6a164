//! Follow-on findings: the one place that decides which of the validator's findings are left
//! out because they only repeat an earlier finding or wait for a value known only at run time,
//! for every entry point. `sfn validate`, `from_json` and `workflow!` leave out those that
//! repeat an import error (including a value `workflow!` cannot take as a Rust expression), the
//! builder's `build()` those that repeat one of its own findings (a state declared but never
//! defined, a bad `.$` key, …), and `workflow!` at compile time those that read a value
//! interpolated from Rust (it checks them again at run time).
//!
//! A finding repeats an earlier one when it is at, below or above the earlier one's place (an
//! object with a field that could not be read is incomplete in the model), except a finding
//! about the keys of a payload object, which an error inside one of its values does not
//! explain; or when it is about the graph (unreachable, no terminal, missing target) of a scope
//! whose states, Choice rules or transitions the importer could not all read ([`Damage`]).

use crate::Diagnostic;
use crate::diagnostic::Pointer;
use crate::fields::names as k;
use crate::json::node::Node;
use crate::model::{State, StateMachine, States, Transition};
use crate::rules::Code;
use std::collections::{HashMap, HashSet};

/// The earlier findings, and which findings of the validator they explain.
pub(crate) struct FollowOns<'a> {
    /// The places of the earlier findings.
    earlier: PointerSet<'a>,
    /// Whether an earlier finding is an error.
    error: bool,
    /// What the importer could not read of a definition, with its tree.
    damage: Option<(Damage, &'a Node<'a>)>,
    /// The places of values known only at run time.
    run_time: Vec<String>,
}

impl<'a> FollowOns<'a> {
    /// Follow-ons of `earlier`, by place alone.
    pub(crate) fn new(earlier: &'a [Diagnostic]) -> Self {
        FollowOns {
            earlier: PointerSet::new(earlier.iter().map(|d| d.pointer.as_str())),
            error: earlier.iter().any(Diagnostic::is_error),
            damage: None,
            run_time: Vec::new(),
        }
    }

    /// Also the graph findings that follow from what the importer could not read of `tree`
    /// into `machine` (looked for only when an earlier finding is an error).
    pub(crate) fn in_tree(mut self, tree: &'a Node<'a>, machine: &StateMachine) -> Self {
        if self.error {
            self.damage = Some((Damage::find(tree, machine), tree));
        }
        self
    }

    /// Also the findings that wait for a value of `tree` known only at run time (a Rust
    /// expression interpolated into `workflow!`): those at or under such a value, and those of
    /// a rule that reads several fields of a state ([`Code::cross_fields`]) when one of those
    /// holds such a value. With an interpolated `Resource`, `States.ALL` out of place and a
    /// heartbeat not below the timeout are still found.
    pub(crate) fn at_run_time(mut self, tree: &Node<'_>) -> Self {
        fn walk(node: &Node<'_>, at: Pointer, out: &mut Vec<String>) {
            match node {
                Node::Runtime => out.push(at.as_str().to_owned()),
                Node::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        walk(item, at.push(i), out);
                    }
                }
                Node::Object(o) => {
                    for (key, value) in o.iter() {
                        walk(value, at.push_str(key), out);
                    }
                }
                _ => {}
            }
        }
        walk(tree, Pointer::root(), &mut self.run_time);
        self
    }

    /// True when `d` is left out: it only repeats an earlier finding or waits for a value
    /// known only at run time.
    pub(crate) fn leave_out(&self, d: &Diagnostic) -> bool {
        self.repeats(d) || self.waits(d)
    }

    /// True when `d` only repeats an earlier finding.
    fn repeats(&self, d: &Diagnostic) -> bool {
        if self.earlier.exact.is_empty() {
            return false;
        }
        // A template field is `key` in the model and `key.$` in the file when its path did not
        // parse: the same field.
        let here = if about_payload_keys(d) {
            self.earlier.covers(&d.pointer)
        } else {
            self.earlier.related(&d.pointer)
        };
        here || self.earlier.contains(&format!("{}.$", d.pointer))
            || self
                .damage
                .as_ref()
                .is_some_and(|(damage, tree)| damage.explains(d, tree))
    }

    /// True when `d` reads a value known only at run time.
    fn waits(&self, d: &Diagnostic) -> bool {
        let state = state_of(&d.pointer);
        self.run_time.iter().any(|p| {
            under(&d.pointer, p)
                || (!state.is_empty()
                    && d.code.cross_fields().iter().any(|field| {
                        p.strip_prefix(state)
                            .and_then(|rest| rest.strip_prefix('/'))
                            .is_some_and(|rest| under(rest, field))
                    }))
        })
    }
}

/// True when `pointer` is `at` or lies under it.
fn under(pointer: &str, at: &str) -> bool {
    pointer
        .strip_prefix(at)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The pointer of the state a pointer is in (empty at the top level). States are the members
/// of a `States` object: the machine's, a Parallel branch's (`…/Branches/<i>/States`) or a Map
/// processor's (`…/ItemProcessor/States`, `…/Iterator/States`).
fn state_of(pointer: &str) -> &str {
    // The tokens with the byte offset where each ends.
    let mut tokens = pointer
        .match_indices('/')
        .map(|(i, _)| i)
        .skip(1)
        .chain([pointer.len()])
        .scan(0, |start, end| {
            let token = pointer.get(*start + 1..end)?;
            *start = end;
            Some((token, end))
        });
    let mut state = 0;
    while tokens.next().is_some_and(|(t, _)| t == k::States) {
        let Some((_, end)) = tokens.next() else { break };
        state = end;
        match tokens.next() {
            Some((k::Branches, _)) => {
                tokens.next();
            }
            Some((k::ItemProcessor | k::Iterator, _)) => {}
            _ => break,
        }
    }
    &pointer[..state]
}

/// A finding about the keys of a payload object rather than its values: a variable name of
/// `Assign`, a field missing from or unknown in `Credentials`. The importer keeps every key of a
/// payload object (a value it cannot read becomes a literal), so an import error inside one of
/// its values does not explain such a finding; only one at or above the finding's place does.
fn about_payload_keys(d: &Diagnostic) -> bool {
    let parent = d.pointer.rsplit_once('/').map_or("", |(parent, _)| parent);
    match d.code {
        Code::InvalidVariableName => true,
        Code::MissingField => d.pointer.ends_with("/Credentials"),
        Code::UnknownField => parent.ends_with("/Credentials"),
        _ => false,
    }
}

/// A set of JSON pointers that answers "is this pointer one of them, under one of them, or
/// above one of them?" in time proportional to the pointer's depth, not to the set's size.
struct PointerSet<'a> {
    /// The pointers.
    exact: HashSet<&'a str>,
    /// Every proper ancestor of a pointer of the set (`/a` and `` for `/a/b`).
    ancestors: HashSet<&'a str>,
}

impl<'a> PointerSet<'a> {
    fn new(pointers: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set = PointerSet {
            exact: HashSet::new(),
            ancestors: HashSet::new(),
        };
        for p in pointers {
            if set.exact.insert(p) {
                for (i, _) in p.match_indices('/') {
                    set.ancestors.insert(&p[..i]);
                }
            }
        }
        set
    }

    /// True when `pointer` is a pointer of the set.
    fn contains(&self, pointer: &str) -> bool {
        self.exact.contains(pointer)
    }

    /// True when `pointer` is a pointer of the set or lies under one (`/a/b` under `/a`).
    fn covers(&self, pointer: &str) -> bool {
        self.exact.contains(pointer)
            || pointer
                .match_indices('/')
                .any(|(i, _)| self.exact.contains(&pointer[..i]))
    }

    /// True when `pointer` is a pointer of the set, lies under one or above one.
    fn related(&self, pointer: &str) -> bool {
        self.covers(pointer) || self.ancestors.contains(pointer)
    }
}

/// The scopes whose graph is incomplete and the names of states that were dropped.
#[derive(Default)]
struct Damage {
    /// Pointers of scope objects (the object holding `StartAt` and `States`; `""` for the machine).
    scopes: HashSet<String>,
    /// Names of states present in the file but missing from the imported model.
    dropped: HashSet<String>,
}

impl Damage {
    fn find(value: &Node<'_>, machine: &StateMachine) -> Damage {
        let mut d = Damage::default();
        d.scope(value, &machine.start_at, &machine.states, &Pointer::root());
        d
    }

    fn scope(&mut self, json: &Node<'_>, start_at: &str, states: &States, at: &Pointer) {
        let Some(Node::Object(json_states)) = json.get(k::States) else {
            return;
        };
        // A transition in the file that the model does not have: one the importer could not
        // read (an interpolated target, say), or a `Next` that conflicts with `End`.
        let lacks = |json: Option<&Node<'_>>, model: Option<&str>| {
            json.is_some_and(|j| j.as_str().is_none_or(|target| Some(target) != model))
        };
        let mut damaged = lacks(json.get(k::StartAt), Some(start_at));
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
            if let Some(transition) = state.transition() {
                let next = match transition {
                    Transition::Next(n) => Some(n.as_str()),
                    Transition::End => None,
                };
                damaged |= lacks(js.get(k::Next), next);
            }
            let len = |key: &str| js.get(key).and_then(Node::as_array).map_or(0, |a| a.len());
            if state.catch().len() != len(k::Catch) {
                damaged = true;
            }
            if let State::Choice(c) = state {
                damaged |= c.choices.len() != len(k::Choices)
                    || lacks(js.get(k::Default), c.default.as_deref());
            }
            for n in super::nested(state) {
                if let Some(json) = n.in_tree(js) {
                    self.scope(json, n.start_at, n.states, &n.below(&sp));
                }
            }
        }
        if damaged {
            self.scopes.insert(at.as_str().to_owned());
        }
    }

    /// True when `d` only repeats an import error: a graph finding of a damaged scope, or a
    /// missing-target finding whose target is a state the importer dropped.
    fn explains(&self, d: &Diagnostic, value: &Node<'_>) -> bool {
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
