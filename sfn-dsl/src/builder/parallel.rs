//! The Parallel state.

use super::common::{error_setters, prefixed, shared_setters};
use super::depth::{Depth, Top};
use super::empty;
use super::retry::Catching;
use super::scope::{Brand, ScopeBuilder, StateId, Target};
use super::states::{transitions, work_state};
use super::typestate::{CanTransition, Draft, HasEnd, HasNext, NoTransition, transition_states};
use crate::diagnostic::Diagnostic;
use crate::model::{self, Branch, State};
use std::marker::PhantomData;

/// A Parallel state: runs its branches at the same time; its result is the array of their
/// outputs. Each branch is a scope of its own, built in a closure with the same builder API.
///
/// ```
/// use sfn::builder::{Parallel, Pass, Task};
/// use sfn::model::StateMachine;
///
/// let mut m = StateMachine::builder();
/// let both = m.declare("Both");
/// m.define(both, Parallel::new()
///     .branch(|b| {
///         let a = b.declare("A");
///         b.define(a, Pass::new().end());
///     })
///     .branch(|b| {
///         let call = b.declare("Call");
///         b.define(call, Task::new("arn:aws:states:::lambda:invoke").end());
///     })
///     .result_path("$.results")
///     .end());
/// let json = sfn::serde_json::to_value(m.build().unwrap()).unwrap();
/// assert_eq!(json["States"]["Both"]["Branches"][1]["StartAt"], "Call");
/// ```
///
/// Handles do not cross scopes: this does not compile.
///
/// ```compile_fail
/// use sfn::builder::{Parallel, Pass};
/// use sfn::model::StateMachine;
///
/// let mut m = StateMachine::builder();
/// let top = m.declare("Top");
/// m.define(top, Parallel::new().branch(|b| {
///     let a = b.declare("A");
///     b.define(a, Pass::new().next(top)); // `top` belongs to the outer scope
/// }).end());
/// ```
#[derive(Debug, Clone)]
pub struct Parallel<'s, T = NoTransition, D = Top> {
    inner: Box<model::Parallel>,
    next: Option<Target>,
    catching: Catching,
    errs: Vec<Diagnostic>,
    _t: PhantomData<(Brand<'s>, T, D)>,
}

impl<D> Parallel<'_, NoTransition, D> {
    /// A Parallel state without branches (add them with [`branch`](Parallel::branch)).
    pub fn new() -> Self {
        Parallel {
            inner: Box::new(empty::parallel()),
            next: None,
            catching: Catching::default(),
            errs: Vec::new(),
            _t: PhantomData,
        }
    }
}

impl<D> Default for Parallel<'_, NoTransition, D> {
    fn default() -> Self {
        Parallel::new()
    }
}

impl<'s, T, D> Parallel<'s, T, D> {
    /// Adds a branch: `build` declares and defines its states on a fresh scope (its first
    /// declared state is its `StartAt` unless it calls `start_at`).
    pub fn branch<F>(mut self, build: F) -> Self
    where
        D: Depth,
        F: for<'b> FnOnce(&mut ScopeBuilder<'b, D::Nested>),
    {
        let finished = ScopeBuilder::<D::Nested>::nested(build);
        let at = format!("/Branches/{}", self.inner.branches.len());
        self.errs.extend(prefixed(&at, finished.errs));
        self.inner.branches.push(Branch {
            comment: finished.comment,
            start_at: finished.start_at,
            states: finished.states,
        });
        self
    }
}

transitions!(Parallel {
    inner,
    next,
    catching,
    errs
});
work_state!(Parallel);
shared_setters!(['s, T, D] Parallel<'s, T, D>: parameters);
error_setters!(Parallel);
