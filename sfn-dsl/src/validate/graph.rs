//! Whole-graph rules: StartAt, transition targets and scopes, reachability, terminal states,
//! state names.

use super::Validator;
use crate::diagnostic::{Diagnostic, Pointer};
use crate::import::did_you_mean;
use crate::model::{Processor, QueryLanguage, State, StateMachine, States, Transition};
use crate::rules::Code;
use std::collections::HashMap;

/// AWS's limit on state names.
pub const MAX_STATE_NAME_CHARS: usize = 80;

/// Above this many states in a scope, "did you mean" is only computed for the first findings.
const SUGGESTION_BUDGET: usize = 64;

/// One scope's name table.
struct Scope<'m> {
    index: HashMap<&'m str, usize>,
}

impl<'m> Validator<'m> {
    pub(crate) fn machine(&mut self, m: &'m StateMachine) {
        let ql = m.query_language.unwrap_or_default();
        self.machine_jsonata = ql == QueryLanguage::Jsonata;
        let root = Pointer::root();
        let mut scope_of: HashMap<&'m str, usize> = HashMap::new();
        let mut counter = 0;
        self.collect_names(&m.states, &root.push("States"), &mut counter, &mut scope_of);
        let mut counter = 0;
        self.scope(&m.start_at, &m.states, &root, ql, &mut counter, &scope_of);
        if let Some(t) = m.timeout_seconds {
            self.range(
                &root.push("TimeoutSeconds"),
                "TimeoutSeconds",
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
                    root.push("Version"),
                    format!("`Version` must be \"1.0\", found \"{v}\""),
                )
                .with_help("remove `Version` or set it to \"1.0\", the only ASL version"),
            );
        }
    }

    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// First pass: every state name of the machine, its scope number, duplicates and name rules.
    fn collect_names(
        &mut self,
        states: &'m States,
        ptr: &Pointer,
        counter: &mut usize,
        scope_of: &mut HashMap<&'m str, usize>,
    ) {
        let this = *counter;
        *counter += 1;
        for (name, state) in states.iter() {
            let at = ptr.push(name);
            let chars = name.chars().count();
            if chars == 0 || chars > MAX_STATE_NAME_CHARS {
                self.push(
                    Diagnostic::new(
                        Code::StateName,
                        at.as_str(),
                        if chars == 0 {
                            "a state name cannot be empty".to_string()
                        } else {
                            format!("state name is {chars} characters long; AWS allows at most {MAX_STATE_NAME_CHARS}")
                        },
                    )
                    .with_help("use a shorter name; the name is also what the console and the execution history show"),
                );
            } else if name.chars().any(char::is_control) {
                self.push(
                    Diagnostic::new(
                        Code::StateName,
                        at.as_str(),
                        "a state name cannot contain control characters",
                    )
                    .with_help(
                        "remove the control character (a tab or a line break?) from the name",
                    ),
                );
            }
            if let Some(first) = self.all_names.get(name) {
                self.push(
                    Diagnostic::new(
                        Code::DuplicateStateName,
                        at.as_str(),
                        format!("the state name \"{name}\" is already used at {first}"),
                    )
                    .with_help("state names must be unique in the whole machine, nested branches and processors included; rename one"),
                );
            } else {
                self.all_names.insert(name, at.clone());
                scope_of.insert(name, this);
            }
            match state {
                State::Parallel(p) => {
                    for (i, b) in p.branches.iter().enumerate() {
                        self.collect_names(
                            &b.states,
                            &at.push("Branches").push(i).push("States"),
                            counter,
                            scope_of,
                        );
                    }
                }
                State::Map(m) => {
                    let field = match &m.processor {
                        Processor::ItemProcessor(_) => "ItemProcessor",
                        Processor::Iterator(_) => "Iterator",
                    };
                    self.collect_names(
                        &m.processor.get().states,
                        &at.push(field).push("States"),
                        counter,
                        scope_of,
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
        scope_of: &HashMap<&'m str, usize>,
    ) {
        let this = *counter;
        *counter += 1;
        let states_ptr = ptr.push("States");
        let mut scope = Scope {
            index: HashMap::with_capacity(states.len()),
        };
        for (i, (name, _)) in states.iter().enumerate() {
            scope.index.entry(name).or_insert(i);
        }
        let mut budget = SUGGESTION_BUDGET;
        let start = scope.index.get(start_at).copied();
        if start.is_none() && !states.is_empty() {
            let d = self.unknown_target(
                Code::StartAtMissing,
                ptr.push("StartAt"),
                "`StartAt`",
                start_at,
                states,
                this,
                scope_of,
                &mut budget,
            );
            self.push(d);
        }
        // Edges, checked targets.
        let mut edges: Vec<Vec<usize>> = vec![Vec::new(); states.len()];
        // States with a transition that resolves to no state of this scope, and those targets.
        let mut dangling = vec![false; states.len()];
        let mut unresolved: Vec<&'m str> = Vec::new();
        for (i, (name, state)) in states.iter().enumerate() {
            let at = states_ptr.push(name);
            let mut targets: Vec<(Pointer, &'static str, &'m str)> = Vec::new();
            if let Some(Transition::Next(n)) = state.transition() {
                targets.push((at.push("Next"), "`Next`", n));
            }
            if let State::Choice(c) = state {
                for (r, rule) in c.choices.iter().enumerate() {
                    targets.push((
                        at.push("Choices").push(r).push("Next"),
                        "this Choice rule's `Next`",
                        &rule.next,
                    ));
                }
                if let Some(d) = &c.default {
                    targets.push((at.push("Default"), "`Default`", d));
                }
            }
            for (k, catcher) in state.catch().iter().enumerate() {
                targets.push((
                    at.push("Catch").push(k).push("Next"),
                    "this Catch's `Next`",
                    &catcher.next,
                ));
            }
            for (p, what, target) in targets {
                match scope.index.get(target) {
                    Some(&j) => edges[i].push(j),
                    None => {
                        dangling[i] = true;
                        if unresolved.len() < SUGGESTION_BUDGET {
                            unresolved.push(target);
                        }
                        let d = self.unknown_target(
                            Code::UnknownTarget,
                            p,
                            what,
                            target,
                            states,
                            this,
                            scope_of,
                            &mut budget,
                        );
                        self.push(d);
                    }
                }
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
                                at.push("Branches").as_str(),
                                "`Branches` is empty",
                            )
                            .with_help("a Parallel state needs at least one branch"),
                        );
                    }
                    for (b, branch) in p.branches.iter().enumerate() {
                        let bptr = at.push("Branches").push(b);
                        let bql = branch.query_language.unwrap_or(ql);
                        self.ql_override(&bptr, branch.query_language);
                        self.scope(
                            &branch.start_at,
                            &branch.states,
                            &bptr,
                            bql,
                            counter,
                            scope_of,
                        );
                    }
                }
                State::Map(m) => {
                    let field = match &m.processor {
                        Processor::ItemProcessor(_) => "ItemProcessor",
                        Processor::Iterator(_) => "Iterator",
                    };
                    let proc = m.processor.get();
                    let pptr = at.push(field);
                    self.ql_override(&pptr, proc.query_language);
                    self.scope(
                        &proc.start_at,
                        &proc.states,
                        &pptr,
                        proc.query_language.unwrap_or(ql),
                        counter,
                        scope_of,
                    );
                }
                _ => {}
            }
        }
        let Some(start) = start else { return };
        // Reachability (iterative; linear in states + edges).
        let mut seen = vec![false; states.len()];
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(i) = stack.pop() {
            for &j in &edges[i] {
                if !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        let mut any_terminal = false;
        for (i, (name, state)) in states.iter().enumerate() {
            if !seen[i] {
                // A state that a misspelled transition was meant to reach is already named in
                // that finding's "did you mean"; reporting it unreachable would only repeat it.
                let meant = unresolved
                    .iter()
                    .any(|t| did_you_mean(t, std::iter::once(name)).is_some());
                if scope.index.get(name) == Some(&i) && !meant {
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
                    ptr.push("StartAt").as_str(),
                    "no terminal state is reachable from `StartAt`: every execution would run until it times out",
                )
                .with_help("add `\"End\": true` to a state, or a Succeed or Fail state, on the way out of the loop"),
            );
        }
    }

    /// `QueryLanguage: JSONPath` inside a machine whose top level is JSONata.
    pub(crate) fn ql_override(&mut self, at: &Pointer, own: Option<QueryLanguage>) {
        if self.machine_jsonata && own == Some(QueryLanguage::JsonPath) {
            self.push(
                Diagnostic::new(
                    Code::JsonPathFieldInJsonata,
                    at.push("QueryLanguage").as_str(),
                    "a machine whose top-level `QueryLanguage` is JSONata cannot use JSONPath in a state",
                )
                .with_help("convert this part to JSONata, or set the top level to JSONPath and opt states into JSONata"),
            );
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
        scope_of: &HashMap<&'m str, usize>,
        budget: &mut usize,
    ) -> Diagnostic {
        let msg = format!("{what} names \"{target}\", which is not a state of this scope");
        let mut d = Diagnostic::new(code, at.as_str(), msg);
        if let Some(&other) = scope_of.get(target)
            && other != this_scope
        {
            let place = self
                .all_names
                .get(target)
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
