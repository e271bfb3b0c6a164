//! The scope depth: a type that tells the machine's top-level scope from the Parallel branches
//! and Map processors nested in it, so that a handle used in the wrong scope is a type error
//! with a message about scopes ([`SameScope`]) rather than a lifetime error.
//!
//! See [`Depth`].

/// The depth of the machine's top-level scope (the default of every `D`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Top {}

/// The depth of a Parallel branch or Map processor of the top-level scope (and of depths 4,
/// 7, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Depth1 {}

/// The depth of a scope nested two levels down (and of depths 5, 8, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Depth2 {}

/// The depth of a scope nested three levels down (and of depths 6, 9, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Depth3 {}

mod sealed {
    pub trait Depth {}
    impl Depth for super::Top {}
    impl Depth for super::Depth1 {}
    impl Depth for super::Depth2 {}
    impl Depth for super::Depth3 {}
}

/// A scope depth: [`Top`], [`Depth1`], [`Depth2`] or [`Depth3`]. Sealed.
///
/// Every [`ScopeBuilder`](super::ScopeBuilder), [`StateId`](super::StateId) and state builder
/// carries a depth `D`: [`Top`] for the machine, then [`Depth1`], [`Depth2`], [`Depth3`] for the
/// scopes nested one, two and three levels down. Depth four is `Depth1` again (and so on in a
/// cycle of three), so that a function that nests scopes recursively, to a depth only known at
/// run time, still compiles to finitely many copies.
///
/// `D` is inferred: a state builder gets the depth of the scope whose `define` it is passed to,
/// a branch or processor closure the depth below its Parallel or Map. It is written only in the
/// signature of a function that works in any scope:
///
/// ```
/// use sfn::builder::{ScopeBuilder, StateId, Wait};
///
/// /// Waits, then goes on to `then`, in whatever scope `b` is.
/// fn pause<'s, D>(b: &mut ScopeBuilder<'s, D>, then: StateId<'s, D>) -> StateId<'s, D> {
///     let wait = b.declare("Pause");
///     b.define(wait, Wait::seconds(5).next(then));
///     wait
/// }
/// ```
///
/// Such a function needs the bound `D: Depth` only if it builds a Parallel or Map itself.
///
/// A Parallel or Map gets its depth when it reaches `define`, after its closures were
/// type-checked; until then the handle checks inside a closure wait, which makes a closure of
/// several hundred states noticeably slower to compile than the same states at the top level
/// (`docs/performance.md`).
pub trait Depth: sealed::Depth {
    /// The depth of the branches and processors of a Parallel or Map defined at this depth.
    type Nested: Depth;
}

impl Depth for Top {
    type Nested = Depth1;
}

impl Depth for Depth1 {
    type Nested = Depth2;
}

impl Depth for Depth2 {
    type Nested = Depth3;
}

impl Depth for Depth3 {
    type Nested = Depth1;
}

/// `D: SameScope<E>`: a handle declared at depth `E` may be used in a scope of depth `D`;
/// only true for `E` = `D`. The bound on every method that takes a [`StateId`](super::StateId)
/// (`next`, `when`, `otherwise`, Catch's `next`, `define`, `start_at`, `name`).
#[diagnostic::on_unimplemented(
    message = "this state handle belongs to another scope: a handle can only be used in the scope (the machine, a Parallel branch or a Map processor) whose `declare` returned it",
    label = "handle of a scope of depth `{E}`, used in a scope of depth `{Self}`",
    note = "Parallel branches and Map processors are scopes of their own: a transition cannot enter or leave one; end the branch (`.end()`) and continue after the Parallel or Map state (its `.next(…)` or `.catch(…)`), or declare the target state inside the closure"
)]
pub trait SameScope<E> {}

#[diagnostic::do_not_recommend]
impl<D> SameScope<D> for D {}

/// `D: StateOfScope<E>`: a state builder made for depth `E` may be defined in a scope of
/// depth `D`; only true for `E` = `D`. The bound on [`define`](super::ScopeBuilder::define).
/// It fails only when a function's signature fixed the depth of a state builder, e.g. a
/// helper returning `Task<'s>` (that is `Task<'s, NoTransition, Top>`) used in a branch.
#[diagnostic::on_unimplemented(
    message = "this state builder was made for another scope",
    label = "made for a scope of depth `{E}`, defined in a scope of depth `{Self}`",
    note = "a function that returns a state builder for any scope takes the depth as a parameter: `fn task<'s, D>() -> Task<'s, NoTransition, D>`"
)]
pub trait StateOfScope<E> {}

#[diagnostic::do_not_recommend]
impl<D> StateOfScope<D> for D {}
