//! Scopes and handles: [`ScopeBuilder`] declares and defines the states of one scope (a
//! machine, a Parallel branch or a Map processor) and hands out [`StateId`] handles.

use super::common::prefixed;
use super::depth::{SameScope, Top};
use super::typestate::{self, Draft, IntoState, sealed};
use crate::diagnostic::{Diagnostic, Pointer};
use crate::fields::names as k;
use crate::model::{State, States};
use std::fmt;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, Ordering};

/// An invariant lifetime: the brand that ties handles and state builders to one scope.
pub(crate) type Brand<'s> = PhantomData<fn(&'s ()) -> &'s ()>;

/// A handle as data: which scope declared it and its index there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Target {
    pub(crate) scope: u64,
    pub(crate) index: usize,
}

/// Every scope gets a unique id, so that a handle used with the wrong builder is caught by
/// `build()` even where the lifetime brand cannot tell the builders apart.
fn next_scope_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A handle to a declared state: what `next`, `otherwise`, Choice rules and Catch entries
/// take instead of a name, so that a transition to a state that does not exist cannot be
/// written.
///
/// The handle is branded with its scope, so that a handle of a Parallel branch or Map
/// processor cannot be used outside its closure, nor an outer handle inside one (compile
/// errors): by the scope's [depth](super::Depth) `D` (the error then says "this state handle
/// belongs to another scope", see [`SameScope`]) and by the lifetime `'s`, which also tells
/// apart two scopes of the same depth. A handle of one top-level builder given to another is
/// reported by `build()` (`SFN011`).
///
/// ```
/// use sfn::builder::{Pass, Succeed};
/// use sfn::model::StateMachine;
///
/// let mut m = StateMachine::builder();
/// let hello = m.declare("Hello");
/// let done = m.declare("Done");
/// m.define(hello, Pass::new().next(done));
/// m.define(done, Succeed::new());
/// assert_eq!(m.name(hello), Some("Hello"));
/// ```
pub struct StateId<'s, D = Top> {
    pub(crate) target: Target,
    _brand: PhantomData<(Brand<'s>, D)>,
}

// By hand: derived impls would require `D: Copy` etc., which a function generic over the depth
// does not have.
impl<D> Clone for StateId<'_, D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D> Copy for StateId<'_, D> {}

impl<D> PartialEq for StateId<'_, D> {
    fn eq(&self, other: &Self) -> bool {
        self.target == other.target
    }
}

impl<D> Eq for StateId<'_, D> {}

impl<D> std::hash::Hash for StateId<'_, D> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.target.hash(state);
    }
}

impl<D> fmt::Debug for StateId<'_, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "StateId(#{} of scope {})",
            self.target.index, self.target.scope
        )
    }
}

/// One declared state.
#[derive(Debug)]
struct Slot {
    name: String,
    state: Option<State>,
}

/// The states of one scope, declared first and defined later, in declaration order.
///
/// The top-level [`MachineBuilder`](super::MachineBuilder) dereferences to a
/// `ScopeBuilder<'static>` (of depth [`Top`]); Parallel branches and Map processors get a fresh
/// `ScopeBuilder<'b, D>` in their closure, one [depth](super::Depth) further down. A function
/// that adds states to any scope takes `&mut ScopeBuilder<'s, D>`:
///
/// ```
/// use sfn::builder::{Parallel, Pass, ScopeBuilder, StateId, Wait};
/// use sfn::model::StateMachine;
///
/// /// Waits, then goes on to `then`.
/// fn pause<'s, D>(b: &mut ScopeBuilder<'s, D>, name: &str, then: StateId<'s, D>) -> StateId<'s, D> {
///     let wait = b.declare(name);
///     b.define(wait, Wait::seconds(5).next(then));
///     wait
/// }
///
/// let mut m = StateMachine::builder();
/// let fan_out = m.declare("Fan out");
/// let done = m.declare("Done");
/// let first = pause(&mut m, "Pause", fan_out);
/// m.start_at(first);
/// m.define(fan_out, Parallel::new().branch(|b| {
///     let end = b.declare("Branch end");
///     let start = pause(b, "Branch pause", end);
///     b.start_at(start);
///     b.define(end, Pass::new().end());
/// }).next(done));
/// m.define(done, Pass::new().end());
/// let machine = m.build().unwrap();
/// assert_eq!(machine.start_at, "Pause");
/// ```
pub struct ScopeBuilder<'s, D = Top> {
    id: u64,
    comment: Option<String>,
    start_at: Option<Target>,
    slots: Vec<Slot>,
    /// Findings with pointers relative to the scope object.
    errs: Vec<Diagnostic>,
    _brand: PhantomData<(Brand<'s>, D)>,
}

impl<D> fmt::Debug for ScopeBuilder<'_, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScopeBuilder")
            .field("id", &self.id)
            .field(
                "states",
                &self.slots.iter().map(|s| &s.name).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

/// A finished scope: what a machine, a branch or a processor is made of.
pub(crate) struct Finished {
    pub(crate) comment: Option<String>,
    pub(crate) start_at: String,
    pub(crate) states: States,
    /// Findings with pointers relative to the scope object.
    pub(crate) errs: Vec<Diagnostic>,
}

impl<'s, D> ScopeBuilder<'s, D> {
    pub(crate) fn new() -> Self {
        ScopeBuilder {
            id: next_scope_id(),
            comment: None,
            start_at: None,
            slots: Vec::new(),
            errs: Vec::new(),
            _brand: PhantomData,
        }
    }

    /// Runs `build` on a fresh scope of depth `D` and finishes it (Parallel branches, Map
    /// processors).
    pub(crate) fn nested<F>(build: F) -> Finished
    where
        F: for<'b> FnOnce(&mut ScopeBuilder<'b, D>),
    {
        let mut scope = ScopeBuilder::new();
        build(&mut scope);
        scope.finish()
    }

    /// Declares a state named `name` and returns its handle. States appear in the JSON in
    /// declaration order; the first declared is `StartAt` unless [`start_at`](Self::start_at)
    /// says otherwise. A name declared twice, in this scope or anywhere in the machine, is
    /// reported by `build()` (`SFN015`, from the validator's one name index of the machine).
    pub fn declare(&mut self, name: impl Into<String>) -> StateId<'s, D> {
        let index = self.slots.len();
        self.slots.push(Slot {
            name: name.into(),
            state: None,
        });
        StateId {
            target: Target {
                scope: self.id,
                index,
            },
            _brand: PhantomData,
        }
    }

    /// Defines the declared state `id`. `state` is a Task, Pass, Wait, Parallel or Map builder
    /// with exactly one of `.next(…)` and `.end()` (checked at compile time), or a Choice,
    /// Succeed or Fail builder. Defining a state twice is reported by `build()` (`SFN015`).
    /// `id` must be a handle of this scope ([`SameScope`]).
    pub fn define<E, S>(&mut self, id: StateId<'s, E>, state: S) -> &mut Self
    where
        D: SameScope<E>,
        S: IntoState<'s, D>,
    {
        let draft = sealed::State::into_draft(state);
        let Some(index) = self.own(id.target) else {
            self.errs.push(foreign(
                Pointer::root().push(k::States).as_str(),
                "`define`",
            ));
            return self;
        };
        if self.slots[index].state.is_some() {
            let name = &self.slots[index].name;
            self.errs
                .push(rules::names::defined_twice(name, state_pointer(name)));
            return self;
        }
        let state = self.resolve(draft, index);
        self.slots[index].state = Some(state);
        self
    }

    /// Sets `StartAt` (by default the first declared state).
    pub fn start_at<E>(&mut self, id: StateId<'s, E>) -> &mut Self
    where
        D: SameScope<E>,
    {
        if self.own(id.target).is_some() {
            self.start_at = Some(id.target);
        } else {
            self.errs.push(foreign("/StartAt", "`start_at`"));
        }
        self
    }

    /// `Comment` of the scope (the machine, the branch or the processor).
    pub fn comment(&mut self, comment: impl Into<String>) -> &mut Self {
        self.comment = Some(comment.into());
        self
    }

    /// The name `id` was declared with, or `None` for a handle of another builder.
    pub fn name<E>(&self, id: StateId<'s, E>) -> Option<&str>
    where
        D: SameScope<E>,
    {
        self.own(id.target).map(|i| self.slots[i].name.as_str())
    }

    /// The states defined so far, with their names, in declaration order (declared but not
    /// yet defined states are skipped). Lets code that receives a scope inspect what was put
    /// in it, e.g. a Distributed Map template checking that an `EXPRESS` processor has no
    /// `.sync` task.
    ///
    /// ```
    /// use sfn::builder::{Pass, Succeed};
    /// use sfn::model::StateMachine;
    ///
    /// let mut m = StateMachine::builder();
    /// let a = m.declare("A");
    /// let b = m.declare("B");
    /// m.define(a, Pass::new().next(b));
    /// let names: Vec<&str> = m.states().map(|(name, _)| name).collect();
    /// assert_eq!(names, ["A"]);
    /// # m.define(b, Succeed::new());
    /// ```
    pub fn states(&self) -> impl Iterator<Item = (&str, &State)> {
        self.slots
            .iter()
            .filter_map(|s| s.state.as_ref().map(|state| (s.name.as_str(), state)))
    }

    /// The index of a handle of this scope.
    fn own(&self, t: Target) -> Option<usize> {
        (t.scope == self.id && t.index < self.slots.len()).then_some(t.index)
    }

    /// Writes the draft's targets as names; findings go under the pointer of the state in
    /// slot `index` (built only when there is a finding).
    fn resolve(&mut self, draft: Draft, index: usize) -> State {
        let Draft {
            mut state,
            next,
            targets,
            errs,
        } = draft;
        if !errs.is_empty() {
            let at = state_pointer(&self.slots[index].name);
            self.errs.extend(prefixed(at.as_str(), errs));
        }
        for (slot, target) in targets {
            self.resolve_one(&mut state, index, slot, target);
        }
        if let Some(target) = next {
            self.resolve_one(&mut state, index, typestate::Slot::Next, target);
        }
        state
    }

    /// Writes the name of `target` into `slot` of the state in slot `index`.
    fn resolve_one(
        &mut self,
        state: &mut State,
        index: usize,
        slot: typestate::Slot,
        target: Target,
    ) {
        match self.own(target) {
            Some(i) => slot.apply(state, self.slots[i].name.clone()),
            None => {
                let at = state_pointer(&self.slots[index].name);
                self.errs
                    .push(foreign(&format!("{at}{}", slot.pointer()), slot.field()))
            }
        }
    }

    /// Assembles the scope in declaration order.
    pub(crate) fn finish(self) -> Finished {
        let mut errs = self.errs;
        let start_at = match self.start_at {
            Some(t) => self.slots[t.index].name.clone(),
            None => self
                .slots
                .first()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
        };
        let mut states = States(Vec::with_capacity(self.slots.len()));
        for slot in self.slots {
            let state = slot.state.unwrap_or_else(|| {
                errs.push(rules::schema::declared_not_defined(&slot.name));
                State::Succeed(Box::default())
            });
            states.push(slot.name, state);
        }
        Finished {
            comment: self.comment,
            start_at,
            states,
            errs,
        }
    }
}

/// `/States/<name>`.
fn state_pointer(name: &str) -> Pointer {
    Pointer::root().push(k::States).push(name)
}

use crate::validate::rules::{self, graph::foreign};
