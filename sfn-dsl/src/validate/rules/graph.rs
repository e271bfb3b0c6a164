//! The graph rules of a scope: `StartAt`, transition targets, reachability, a way out, states.

use super::prelude::*;
use crate::import::did_you_mean;

/// Above this many states in a scope, "did you mean" is only computed for the first findings.
pub(crate) const SUGGESTION_BUDGET: usize = 64;

declare! {
    StartAtMissing = "010", error, "StartAt names no state", aws: "MISSING_TRANSITION_TARGET", span: value, reads: [StartAt],
        what: "`StartAt` names no state of its `States`.",
        failing: "`{\"StartAt\": \"Frist\", \"States\": {\"First\": …}}`.",
        fix: "name an existing state.";
    UnknownTarget = "011", error, "transition to a state that does not exist", aws: "MISSING_TRANSITION_TARGET", span: value, reads: [Next, Default, Choices, Catch],
        what: "`Next`, `Default` or a Catch's `Next` names a state that does not exist in the same scope. Parallel branches and Map processors are scopes of their own: no transition crosses them.",
        failing: "`\"Next\": \"Wiat\"` when the state is `\"Wait\"`.",
        fix: "name a state of the same scope.";
    Unreachable = "012", error, "unreachable state", aws: "MISSING_TRANSITION_TARGET", span: key, reads: [StartAt, Next, Default, Choices, Catch],
        what: "A state that no path from `StartAt` reaches. AWS rejects such definitions.",
        failing: "a state no `Next`, `Default`, Choice rule or Catch points to.",
        fix: "link or delete it.";
    NoTerminal = "013", error, "no reachable terminal state", aws: "MISSING_END_STATE", span: value, reads: [StartAt, Next, End, Type],
        what: "No terminal state (`End: true`, Succeed, Fail) is reachable, so every execution loops forever.",
        failing: "`A → B → A`.",
        fix: "give the loop an exit.";
    EmptyStates = "036", error, "no states", aws: "MISSING_TRANSITION_TARGET", span: value, reads: [States],
        what: "A `States` object has no states.",
        failing: "`\"States\": {}`.",
        fix: "add at least one state.";
}

impl<'m> Validator<'m> {
    /// A scope's start: the edges to fill, `States` not empty, and the position of `StartAt`.
    pub(crate) fn scope_start(
        &mut self,
        this: usize,
        start_at: &'m str,
        states: &'m States,
        ptr: &Pointer,
        states_ptr: &Pointer,
    ) -> (Edges<'m>, Option<usize>) {
        let mut edges = Edges {
            start: Vec::with_capacity(states.len() + 1),
            to: Vec::with_capacity(states.len()),
            dangling: vec![false; states.len()],
            unresolved: Vec::new(),
            budget: SUGGESTION_BUDGET,
            hint: 0,
        };
        if states.is_empty() {
            self.report(
                Code::EmptyStates,
                states_ptr,
                "`States` is empty",
                "add at least one state",
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
        (edges, start)
    }

    /// The transitions of state `i` (`Next`, a Choice's rules and `Default`, the catchers'
    /// `Next`), in document order; `at` makes the state's pointer, only for findings.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn state_edges(
        &mut self,
        edges: &mut Edges<'m>,
        i: usize,
        this: usize,
        states: &'m States,
        state: &'m State,
        at: &dyn Fn() -> Pointer,
    ) {
        // Checked targets, in document order; pointers only for findings.
        edges.start.push(edges.to.len());
        if let Some(Transition::Next(n)) = state.transition() {
            self.target(edges, i, this, states, n, "`Next`", || at().push(k::Next));
        }
        if let State::Choice(c) = state {
            for (r, rule) in c.choices.iter().enumerate() {
                self.target(
                    edges,
                    i,
                    this,
                    states,
                    &rule.next,
                    "this Choice rule's `Next`",
                    || at().push(k::Choices).push(r).push(k::Next),
                );
            }
            if let Some(d) = &c.default {
                self.target(edges, i, this, states, d, "`Default`", || {
                    at().push(k::Default)
                });
            }
        }
        for (k, catcher) in state.catch().iter().enumerate() {
            self.target(
                edges,
                i,
                this,
                states,
                &catcher.next,
                "this Catch's `Next`",
                || at().push(k::Catch).push(k).push(k::Next),
            );
        }
    }

    /// Once the scope's states are walked: unreachable states and a scope with no way out.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn reachability(
        &mut self,
        this: usize,
        start: Option<usize>,
        start_at: &str,
        states: &'m States,
        ptr: &Pointer,
        states_ptr: &Pointer,
        mut edges: Edges<'m>,
    ) {
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
                    self.report(
                        Code::Unreachable,
                        states_ptr.push(name).as_str(),
                        format!("state \"{name}\" is never reached from \"{start_at}\""),
                        "point a `Next`, `Default`, Choice rule or Catch at it, or delete it",
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
            self.report(Code::NoTerminal, ptr.push(k::StartAt).as_str(), "no terminal state is reachable from `StartAt`: every execution would run until it times out", "add `\"End\": true` to a state, or a Succeed or Fail state, on the way out of the loop");
        }
    }

    /// One transition of state `i`: an edge when `target` is a state of this scope, else an
    /// `UnknownTarget` finding at the pointer `at` makes.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn target(
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
    pub(crate) fn unknown_target(
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
    /// The position of `name` in scope `scope` (its first definition there), if it is a state
    /// of that scope.
    pub(crate) fn local(&self, scope: usize, name: &str) -> Option<usize> {
        match self.all_names.get(name) {
            Some(first) if first.scope == scope => Some(first.index),
            Some(_) => self.other_scopes.get(&(scope, name)).copied(),
            None => None,
        }
    }
    /// The pointer of the first definition of a state name.
    pub(crate) fn name_pointer(&self, name: &str) -> Option<Pointer> {
        let first = self.all_names.get(name)?;
        Some(self.scope_ptrs[first.scope].push_str(name))
    }
}

/// One scope's transitions as adjacency lists in one vector (no allocation per state).
pub(crate) struct Edges<'m> {
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

/// A builder's transition (or `define`, `start_at`) given the handle of a state another builder
/// declared: a target that is no state of this scope.
pub(crate) fn foreign(pointer: &str, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownTarget,
        pointer,
        format!("{what} was given the handle of a state declared by another builder"),
    )
    .with_help("use handles only with the builder (and scope) whose `declare` returned them")
}
