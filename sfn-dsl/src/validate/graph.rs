//! Whole-graph rules: StartAt, transition targets and scopes, reachability, terminal states,
//! state names.

use super::Validator;
use crate::diagnostic::{Diagnostic, Pointer};
use crate::fields::names as k;
use crate::import::did_you_mean;
use crate::model::{Processor, QueryLanguage, State, StateMachine, States, Transition};
use crate::rules::Code;
use std::collections::hash_map::Entry;

/// AWS's limit on state names.
pub const MAX_STATE_NAME_CHARS: usize = 80;

/// Above this many states in a scope, "did you mean" is only computed for the first findings.
const SUGGESTION_BUDGET: usize = 64;

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

/// One scope's transitions as adjacency lists in one vector (no allocation per state).
struct Edges<'m> {
    /// `to[start[i]..start[i + 1]]` are the states state `i` can go to.
    start: Vec<usize>,
    to: Vec<usize>,
    /// States with a transition that resolves to no state of this scope, and those targets.
    dangling: Vec<bool>,
    unresolved: Vec<&'m str>,
    /// "did you mean" computations left.
    budget: usize,
    /// The state after the last resolved target: where the next target most likely is.
    hint: usize,
}

impl<'m> Validator<'m> {
    pub(crate) fn machine(&mut self, m: &'m StateMachine) {
        let ql = m.query_language.unwrap_or_default();
        self.machine_jsonata = ql == QueryLanguage::Jsonata;
        let root = Pointer::root();
        self.all_names.reserve(m.states.count_nested());
        self.collect_names(&m.states, &root.push(k::States));
        let mut counter = 0;
        self.scope(&m.start_at, &m.states, &root, ql, &mut counter);
        if let Some(t) = m.timeout_seconds {
            self.range(
                &root.push(k::TimeoutSeconds),
                k::TimeoutSeconds,
                t as f64,
                1.0,
                99_999_999.0,
            );
        }
        if let Some(v) = &m.version
            && v != "1.0"
        {
            self.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    root.push(k::Version),
                    format!("`Version` must be \"1.0\", found \"{v}\""),
                )
                .with_help("remove `Version` or set it to \"1.0\", the only ASL version"),
            );
        }
    }

    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// The position of `name` in scope `scope` (its first definition there), if it is a state
    /// of that scope.
    fn local(&self, scope: usize, name: &str) -> Option<usize> {
        match self.all_names.get(name) {
            Some(first) if first.scope == scope => Some(first.index),
            Some(_) => self.other_scopes.get(&(scope, name)).copied(),
            None => None,
        }
    }

    /// The pointer of the first definition of a state name.
    fn name_pointer(&self, name: &str) -> Option<Pointer> {
        let first = self.all_names.get(name)?;
        Some(self.scope_ptrs[first.scope].push_str(name))
    }

    /// First pass: every state name of the machine, its scope number, duplicates and name rules.
    /// `ptr` is the pointer of the scope's `States` object.
    fn collect_names(&mut self, states: &'m States, ptr: &Pointer) {
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
                self.push(
                    Diagnostic::new(
                        Code::StateName,
                        at(),
                        if chars == 0 {
                            "a state name cannot be empty".to_string()
                        } else {
                            format!("state name is {chars} characters long; AWS allows at most {MAX_STATE_NAME_CHARS}")
                        },
                    )
                    .with_help("use a shorter name; the name is also what the console and the execution history show"),
                );
            } else if has_control(name) {
                self.push(
                    Diagnostic::new(
                        Code::StateName,
                        at(),
                        "a state name cannot contain control characters",
                    )
                    .with_help(
                        "remove the control character (a tab or a line break?) from the name",
                    ),
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
                self.push(
                    Diagnostic::new(Code::DuplicateStateName, at(), message)
                    .with_help("state names must be unique in the whole machine, nested branches and processors included; rename one"),
                );
                if first.scope != this {
                    self.other_scopes.entry((this, name)).or_insert(index);
                }
            }
            match state {
                State::Parallel(p) => {
                    for (i, b) in p.branches.iter().enumerate() {
                        self.collect_names(
                            &b.states,
                            &at().push(k::Branches).push(i).push(k::States),
                        );
                    }
                }
                State::Map(m) => {
                    let field = match &m.processor {
                        Processor::ItemProcessor(_) => k::ItemProcessor,
                        Processor::Iterator(_) => k::Iterator,
                    };
                    self.collect_names(
                        &m.processor.get().states,
                        &at().push(field).push(k::States),
                    );
                }
                _ => {}
            }
        }
    }

    /// Second pass: one scope's graph, then its states' fields and nested scopes.
    /// `ptr` is the pointer of the object holding `StartAt` and `States`.
    fn scope(
        &mut self,
        start_at: &'m str,
        states: &'m States,
        ptr: &Pointer,
        ql: QueryLanguage,
        counter: &mut usize,
    ) {
        let this = *counter;
        *counter += 1;
        let states_ptr = ptr.push(k::States);
        let mut edges = Edges {
            start: Vec::with_capacity(states.len() + 1),
            to: Vec::with_capacity(states.len()),
            dangling: vec![false; states.len()],
            unresolved: Vec::new(),
            budget: SUGGESTION_BUDGET,
            hint: 0,
        };
        if states.is_empty() {
            self.push(
                Diagnostic::new(Code::EmptyStates, states_ptr.clone(), "`States` is empty")
                    .with_help("add at least one state"),
            );
        }
        let start = self.local(this, start_at);
        if start.is_none() && !states.is_empty() {
            let d = self.unknown_target(
                Code::StartAtMissing,
                ptr.push(k::StartAt),
                "`StartAt`",
                start_at,
                states,
                this,
                &mut edges.budget,
            );
            self.push(d);
        }
        for (i, (name, state)) in states.iter().enumerate() {
            // The state's pointer is only built for a finding.
            let at = || states_ptr.push_str(name);
            // Checked targets, in document order; pointers only for findings.
            edges.start.push(edges.to.len());
            if let Some(Transition::Next(n)) = state.transition() {
                self.target(&mut edges, i, this, states, n, "`Next`", || {
                    at().push(k::Next)
                });
            }
            if let State::Choice(c) = state {
                for (r, rule) in c.choices.iter().enumerate() {
                    self.target(
                        &mut edges,
                        i,
                        this,
                        states,
                        &rule.next,
                        "this Choice rule's `Next`",
                        || at().push(k::Choices).push(r).push(k::Next),
                    );
                }
                if let Some(d) = &c.default {
                    self.target(&mut edges, i, this, states, d, "`Default`", || {
                        at().push(k::Default)
                    });
                }
            }
            for (k, catcher) in state.catch().iter().enumerate() {
                self.target(
                    &mut edges,
                    i,
                    this,
                    states,
                    &catcher.next,
                    "this Catch's `Next`",
                    || at().push(k::Catch).push(k).push(k::Next),
                );
            }
            let state_ql = state.query_language().unwrap_or(ql);
            self.state_fields(&at, name, state, state_ql);
            // Nested scopes.
            match state {
                State::Parallel(p) => {
                    if p.branches.is_empty() {
                        self.push(
                            Diagnostic::new(
                                Code::EmptyCollection,
                                at().push(k::Branches).as_str(),
                                "`Branches` is empty",
                            )
                            .with_help("a Parallel state needs at least one branch"),
                        );
                    }
                    for (b, branch) in p.branches.iter().enumerate() {
                        let bptr = at().push(k::Branches).push(b);
                        let bql = branch.query_language.unwrap_or(ql);
                        self.ql_override(&|| bptr.clone(), branch.query_language);
                        self.scope(&branch.start_at, &branch.states, &bptr, bql, counter);
                    }
                }
                State::Map(m) => {
                    let field = match &m.processor {
                        Processor::ItemProcessor(_) => k::ItemProcessor,
                        Processor::Iterator(_) => k::Iterator,
                    };
                    let proc = m.processor.get();
                    let pptr = at().push(field);
                    self.ql_override(&|| pptr.clone(), proc.query_language);
                    self.scope(
                        &proc.start_at,
                        &proc.states,
                        &pptr,
                        proc.query_language.unwrap_or(ql),
                        counter,
                    );
                }
                _ => {}
            }
        }
        edges.start.push(edges.to.len());
        let Some(start) = start else { return };
        // Reachability (iterative; linear in states + edges).
        let mut seen = vec![false; states.len()];
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(i) = stack.pop() {
            for &j in &edges.to[edges.start[i]..edges.start[i + 1]] {
                if !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        let Edges {
            dangling,
            unresolved,
            ..
        } = edges;
        let mut any_terminal = false;
        for (i, (name, state)) in states.iter().enumerate() {
            if !seen[i] {
                // A state that a misspelled transition was meant to reach is already named in
                // that finding's "did you mean"; reporting it unreachable would only repeat it.
                let meant = unresolved
                    .iter()
                    .any(|t| did_you_mean(t, std::iter::once(name)).is_some());
                if self.local(this, name) == Some(i) && !meant {
                    self.push(
                        Diagnostic::new(
                            Code::Unreachable,
                            states_ptr.push(name).as_str(),
                            format!("state \"{name}\" is never reached from \"{start_at}\""),
                        )
                        .with_help(
                            "point a `Next`, `Default`, Choice rule or Catch at it, or delete it",
                        ),
                    );
                }
                continue;
            }
            any_terminal |= matches!(state, State::Succeed(_) | State::Fail(_))
                || matches!(state.transition(), Some(Transition::End))
                // where a reachable transition goes is unknown: do not claim there is no exit
                || dangling[i];
        }
        if !any_terminal {
            self.push(
                Diagnostic::new(
                    Code::NoTerminal,
                    ptr.push(k::StartAt).as_str(),
                    "no terminal state is reachable from `StartAt`: every execution would run until it times out",
                )
                .with_help("add `\"End\": true` to a state, or a Succeed or Fail state, on the way out of the loop"),
            );
        }
    }

    /// `QueryLanguage: JSONPath` inside a machine whose top level is JSONata.
    pub(crate) fn ql_override(&mut self, at: &dyn Fn() -> Pointer, own: Option<QueryLanguage>) {
        if self.machine_jsonata && own == Some(QueryLanguage::JsonPath) {
            self.push(
                Diagnostic::new(
                    Code::JsonPathFieldInJsonata,
                    at().push(k::QueryLanguage).as_str(),
                    "a machine whose top-level `QueryLanguage` is JSONata cannot use JSONPath in a state",
                )
                .with_help("convert this part to JSONata, or set the top level to JSONPath and opt states into JSONata"),
            );
        }
    }

    /// One transition of state `i`: an edge when `target` is a state of this scope, else an
    /// `UnknownTarget` finding at the pointer `at` makes.
    #[allow(clippy::too_many_arguments)]
    fn target(
        &mut self,
        edges: &mut Edges<'m>,
        i: usize,
        this: usize,
        states: &'m States,
        target: &'m str,
        what: &'static str,
        at: impl FnOnce() -> Pointer,
    ) {
        // Most transitions go to the next state, or to the state after the last target (the
        // rules of a Choice, in order): with no duplicate names anywhere, a name match there is
        // the answer, without hashing and without a cache miss in a large machine.
        let fast = if self.duplicate_names {
            None
        } else {
            [i + 1, edges.hint]
                .into_iter()
                .find(|&k| states.0.get(k).is_some_and(|(n, _)| n == target))
        };
        match fast.or_else(|| self.local(this, target)) {
            Some(j) => {
                edges.to.push(j);
                edges.hint = j + 1;
            }
            None => {
                edges.dangling[i] = true;
                if edges.unresolved.len() < SUGGESTION_BUDGET {
                    edges.unresolved.push(target);
                }
                let d = self.unknown_target(
                    Code::UnknownTarget,
                    at(),
                    what,
                    target,
                    states,
                    this,
                    &mut edges.budget,
                );
                self.push(d);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn unknown_target(
        &self,
        code: Code,
        at: Pointer,
        what: &str,
        target: &str,
        states: &'m States,
        this_scope: usize,
        budget: &mut usize,
    ) -> Diagnostic {
        let msg = format!("{what} names \"{target}\", which is not a state of this scope");
        let mut d = Diagnostic::new(code, at.as_str(), msg);
        if let Some(first) = self.all_names.get(target)
            && first.scope != this_scope
        {
            let place = self
                .name_pointer(target)
                .map(|p| p.to_string())
                .unwrap_or_default();
            d.message = format!("{what} names \"{target}\", a state of another scope ({place})");
            return d.with_help(
                    "Parallel branches and Map processors are scopes of their own: a transition cannot enter or leave one; end the branch and continue after the Parallel or Map state",
                );
        }
        if *budget > 0 {
            *budget -= 1;
            if let Some(s) = did_you_mean(target, states.iter().map(|(n, _)| n)) {
                return d.with_help(format!("did you mean \"{s}\"?"));
            }
        }
        if target.is_empty() {
            d.with_help("name the state to continue with")
        } else {
            d.with_help(format!(
                "define a state named \"{target}\" or name an existing one"
            ))
        }
    }
}
