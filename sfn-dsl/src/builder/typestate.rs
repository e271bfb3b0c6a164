//! The transition typestate: which state builders may be passed to `define`.
//!
//! Task, Pass, Wait, Parallel and Map builders start as `…<'s, NoTransition, D>`; `.next(state)`
//! turns them into `…<'s, HasNext, D>` and `.end()` into `…<'s, HasEnd, D>` (`D` is the scope
//! [depth](super::Depth)). Only those two can be
//! defined, and neither has `.next`/`.end` any more. The marker traits are sealed and carry
//! `#[diagnostic::on_unimplemented]`, so a mistake reads as one sentence:
//!
//! ```compile_fail
//! use sfn::builder::Pass;
//! use sfn::model::StateMachine;
//!
//! let mut m = StateMachine::builder();
//! let a = m.declare("A");
//! m.define(a, Pass::new()); // error: a state passed to `define` needs a transition …
//! ```
//!
//! ```compile_fail
//! use sfn::builder::Pass;
//! use sfn::model::StateMachine;
//!
//! let mut m = StateMachine::builder();
//! let a = m.declare("A");
//! m.define(a, Pass::new().end().next(a)); // error: this state already has a transition …
//! ```

use super::scope::Target;
use crate::diagnostic::Diagnostic;
use crate::model::State;

/// Marker: the state has neither `Next` nor `End` yet.
#[derive(Debug, Clone, Copy)]
pub enum NoTransition {}

/// Marker: the state has `Next` (or, for a Catch entry, its target).
#[derive(Debug, Clone, Copy)]
pub enum HasNext {}

/// Marker: the state has `"End": true`.
#[derive(Debug, Clone, Copy)]
pub enum HasEnd {}

pub(crate) mod sealed {
    /// Seals the marker traits.
    pub trait Marker {}
    impl Marker for super::NoTransition {}
    impl Marker for super::HasNext {}
    impl Marker for super::HasEnd {}

    /// Seals [`IntoState`](super::IntoState) and carries the conversion.
    pub trait State<'s> {
        /// The state with its targets still as handles.
        fn into_draft(self) -> super::Draft;
    }
}

/// Implemented by the transition marker of a state that has no transition yet: the bound on
/// `.next(…)` and `.end()`.
#[diagnostic::on_unimplemented(
    message = "this state already has a transition: a state takes exactly one of `.next(…)` and `.end()`",
    label = "second transition"
)]
pub trait CanTransition: sealed::Marker {}

#[diagnostic::do_not_recommend]
impl CanTransition for NoTransition {}

/// Implemented by the marker of a Catch entry that has its `.next(state)`: the bound on
/// `.catch(…)`.
#[diagnostic::on_unimplemented(
    message = "a Catch entry needs the state to go to: call `.next(state)` on it",
    label = "this Catch has no `.next(…)`"
)]
pub trait CatchRouted: sealed::Marker {}

#[diagnostic::do_not_recommend]
impl CatchRouted for HasNext {}

/// Implemented by the markers of a state with its transition ([`HasNext`], [`HasEnd`]): what
/// makes `define` require `.next(…)` or `.end()`.
#[diagnostic::on_unimplemented(
    message = "a state passed to `define` needs a transition: call `.next(state)` or `.end()` on it first",
    label = "this state has neither `.next(…)` nor `.end()`"
)]
pub trait Transitioned: sealed::Marker {}

#[diagnostic::do_not_recommend]
impl Transitioned for HasNext {}

#[diagnostic::do_not_recommend]
impl Transitioned for HasEnd {}

/// A finished state builder that `define` on a scope of depth `D` accepts: a Task, Pass, Wait,
/// Parallel or Map with exactly one of `.next(…)` and `.end()`, or any Choice, Succeed or Fail.
///
/// Sealed: only the builders of this module implement it.
#[diagnostic::on_unimplemented(
    message = "a state passed to `define` needs a transition: call `.next(state)` or `.end()` on it first",
    label = "this state has neither `.next(…)` nor `.end()`"
)]
pub trait IntoState<'s, D = super::Top>: sealed::State<'s> {}

/// A state whose targets are still handles; `define` resolves them to names.
#[derive(Debug)]
pub struct Draft {
    pub(crate) state: State,
    /// The `Next` target, kept apart from the others: most states have only this one, and
    /// then the draft needs no vector.
    pub(crate) next: Option<Target>,
    /// The other targets (Choice rules and `Default`, Catch entries), resolved before `next`.
    pub(crate) targets: Vec<(Slot, Target)>,
    /// Findings with pointers relative to the state.
    pub(crate) errs: Vec<Diagnostic>,
}

impl Draft {
    /// A state's draft from its parts.
    pub(crate) fn new(
        state: State,
        next: Option<Target>,
        targets: Vec<(Slot, Target)>,
        errs: Vec<Diagnostic>,
    ) -> Draft {
        Draft {
            state,
            next,
            targets,
            errs,
        }
    }
}

/// Where a target goes in a state.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Slot {
    /// `Next`.
    Next,
    /// `Choices[i].Next`.
    Rule(usize),
    /// `Default` of a Choice.
    Default,
    /// `Catch[i].Next`.
    Catch(usize),
}

impl Slot {
    /// The pointer of the slot, relative to its state.
    pub(crate) fn pointer(self) -> String {
        match self {
            Slot::Next => "/Next".to_string(),
            Slot::Rule(i) => format!("/Choices/{i}/Next"),
            Slot::Default => "/Default".to_string(),
            Slot::Catch(i) => format!("/Catch/{i}/Next"),
        }
    }

    /// How messages name the slot.
    pub(crate) fn field(self) -> &'static str {
        match self {
            Slot::Next => "`Next`",
            Slot::Rule(_) => "the Choice rule's `Next`",
            Slot::Default => "`Default`",
            Slot::Catch(_) => "the Catch entry's `Next`",
        }
    }

    /// Writes `name` into the slot of `state`.
    pub(crate) fn apply(self, state: &mut State, name: String) {
        use crate::model::Transition;
        match (self, state) {
            (Slot::Next, State::Task(s)) => s.transition = Transition::Next(name),
            (Slot::Next, State::Pass(s)) => s.transition = Transition::Next(name),
            (Slot::Next, State::Wait(s)) => s.transition = Transition::Next(name),
            (Slot::Next, State::Parallel(s)) => s.transition = Transition::Next(name),
            (Slot::Next, State::Map(s)) => s.transition = Transition::Next(name),
            (Slot::Rule(i), State::Choice(c)) => c.choices[i].next = name,
            (Slot::Default, State::Choice(c)) => c.default = Some(name),
            (Slot::Catch(i), State::Task(s)) => set_catch(&mut s.catch, i, name),
            (Slot::Catch(i), State::Parallel(s)) => set_catch(&mut s.catch, i, name),
            (Slot::Catch(i), State::Map(s)) => set_catch(&mut s.catch, i, name),
            _ => {}
        }
    }
}

fn set_catch(catch: &mut Option<Vec<crate::model::Catcher>>, i: usize, name: String) {
    if let Some(c) = catch.as_mut().and_then(|c| c.get_mut(i)) {
        c.next = name;
    }
}

/// Implements `IntoState` for the builders with a transition typestate: one impl for every
/// marker `T` and depth `E`, whose bounds say what is missing. Every builder of the family
/// matches the impl, so a failed bound is reported with its own message (`Transitioned`:
/// no transition yet; `StateOfScope`: a builder made for another scope) and no list of
/// "other types" that implement `IntoState`; `D: StateOfScope<E>` is also what infers `E`.
macro_rules! transition_states {
    ($($ty:ident),*) => {$(
        impl<'s, T, E> $crate::builder::typestate::sealed::State<'s> for $ty<'s, T, E> {
            fn into_draft(self) -> $crate::builder::typestate::Draft {
                self.draft()
            }
        }
        impl<'s, D, T, E> $crate::builder::IntoState<'s, D> for $ty<'s, T, E>
        where
            T: $crate::builder::Transitioned,
            D: $crate::builder::StateOfScope<E>,
        {
        }
    )*};
}

pub(crate) use transition_states;
