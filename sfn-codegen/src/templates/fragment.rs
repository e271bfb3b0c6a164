//! What every template shares: [`Exit`] (where a named exit goes), prefixed state names, and
//! the helpers that turn exits into states and configuration mistakes into findings.

use sfn_dsl::builder::{Fail, ScopeBuilder, StateId, Succeed, Top};
use sfn_dsl::diagnostic::{Diagnostic, Diagnostics, Pointer};
use sfn_dsl::fields::names as k;

/// Where a named exit of a fragment goes (`succeeded`, `failed`, `approved`, `rejected`,
/// `timed_out`, `done`, …).
///
/// A `StateId` converts into `Exit::Next`, so an exits setter takes either a handle of the
/// enclosing scope or one of the terminal variants:
///
/// | variant | when the exit follows a Task or Map | when a Choice rule or a Catch leads to it |
/// |---|---|---|
/// | `Next(id)` | `"Next": "<id>"` | that rule's / entry's `"Next": "<id>"` |
/// | `End` | `"End": true` on that state | a Succeed state named after the exit |
/// | `Succeed` | `Next` to a Succeed state named after the exit | a Succeed state named after the exit |
/// | `Fail { error, cause }` | `Next` to a Fail state named after the exit | a Fail state named after the exit |
///
/// A state created for an exit is named `<prefix><exit state name>` (see each template's
/// names), so two fragments in one machine never clash.
///
/// ```
/// use sfn::templates::{Callback, CallbackExits, Exit};
/// use sfn::builder::{Pass, Succeed};
/// use sfn::model::StateMachine;
///
/// let mut m = StateMachine::builder();
/// let approval = Callback::sqs("https://sqs.eu-west-1.amazonaws.com/123456789012/approvals")
///     .declare(&mut m, "Refund ")
///     .unwrap();
/// let pay = m.declare("Pay Refund");
/// approval.define(&mut m, CallbackExits::new()
///     .approved(pay)                                          // Exit::Next
///     .rejected(Exit::fail("RefundRejected", "A manager rejected the refund"))
///     .timed_out(Exit::Succeed));
/// m.define(pay, Pass::new().end());
/// let json = sfn::serde_json::to_value(m.build().unwrap()).unwrap();
/// assert_eq!(json["States"]["Refund Wait for Callback"]["Next"], "Pay Refund");
/// assert_eq!(json["States"]["Refund Rejected"]["Error"], "RefundRejected");
/// assert_eq!(json["States"]["Refund Timed Out"]["Type"], "Succeed");
/// ```
///
/// `D` is the [depth](sfn_dsl::builder::Depth) of the scope the fragment is added to, inferred.
#[derive(Debug, Clone, PartialEq)]
pub enum Exit<'s, D = Top> {
    /// Go on to a state of the enclosing scope.
    Next(StateId<'s, D>),
    /// End the enclosing scope (the machine, the Parallel branch or the Map iteration)
    /// successfully.
    End,
    /// A Succeed state.
    Succeed,
    /// A Fail state with this `Error` and `Cause`.
    Fail {
        /// `Error`: the error name callers can catch.
        error: String,
        /// `Cause`: a human-readable explanation.
        cause: String,
    },
}

impl<D> Exit<'_, D> {
    /// `Exit::Fail` from anything string-like.
    pub fn fail(error: impl Into<String>, cause: impl Into<String>) -> Self {
        Exit::Fail {
            error: error.into(),
            cause: cause.into(),
        }
    }
}

impl<'s, D> From<StateId<'s, D>> for Exit<'s, D> {
    fn from(id: StateId<'s, D>) -> Self {
        Exit::Next(id)
    }
}

/// A template's exits type: `pub struct $name<'s, D = Top>` with `new()` (every exit unset) and, for
/// each `pub fn <exit>;`, a field `Option<Exit>` and its setter (a `StateId` or an [`Exit`]).
/// Each item keeps the docs written before it in the call.
macro_rules! exits_type {
    (
        $(#[$doc:meta])*
        pub struct $name:ident;
        $(#[$new_doc:meta])*
        pub fn new;
        $(
            $(#[$exit_doc:meta])*
            pub fn $exit:ident;
        )+
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name<'s, D = ::sfn_dsl::builder::Top> {
            $(pub(crate) $exit: Option<$crate::templates::Exit<'s, D>>,)+
        }

        impl<D> Default for $name<'_, D> {
            fn default() -> Self {
                $name { $($exit: None,)+ }
            }
        }

        impl<'s, D> $name<'s, D> {
            $(#[$new_doc])*
            pub fn new() -> Self {
                $name::default()
            }

            $(
                $(#[$exit_doc])*
                pub fn $exit(mut self, exit: impl Into<$crate::templates::Exit<'s, D>>) -> Self {
                    self.$exit = Some(exit.into());
                    self
                }
            )+
        }
    };
}

pub(crate) use exits_type;

/// What a template does with an exit the caller left unset.
pub(crate) enum Fallback {
    /// End the scope (a Succeed state where a state is needed).
    End,
    /// This Fail state.
    Fail(Fail),
}

/// A resolved exit of a state that has a transition.
pub(crate) enum Route<'s, D> {
    /// `"Next": …`.
    Next(StateId<'s, D>),
    /// `"End": true`.
    End,
}

/// Resolves an exit reached by a state with a transition (Task, Map): `End` stays `End`,
/// everything else becomes a state.
pub(crate) fn route<'s, D>(
    scope: &mut ScopeBuilder<'s, D>,
    name: String,
    exit: Option<Exit<'s, D>>,
    fallback: Fallback,
) -> Route<'s, D> {
    match (&exit, &fallback) {
        (Some(Exit::End), _) | (None, Fallback::End) => Route::End,
        _ => Route::Next(exit_state(scope, name, exit, fallback)),
    }
}

/// Resolves an exit reached by a Choice rule or a Catch entry: always a state, declared as
/// `name` unless the exit is a handle of the caller.
pub(crate) fn exit_state<'s, D>(
    scope: &mut ScopeBuilder<'s, D>,
    name: String,
    exit: Option<Exit<'s, D>>,
    fallback: Fallback,
) -> StateId<'s, D> {
    let fail = match exit {
        Some(Exit::Next(id)) => return id,
        Some(Exit::Fail { error, cause }) => Some(Fail::new().error(error).cause(cause)),
        Some(Exit::End | Exit::Succeed) => None,
        None => match fallback {
            Fallback::End => None,
            Fallback::Fail(f) => Some(f),
        },
    };
    let id = scope.declare(name);
    match fail {
        Some(f) => scope.define(id, f),
        None => scope.define(id, Succeed::new()),
    };
    id
}

/// Defines `$id` as `$state` followed by `$route` (`.next(…)` or `.end()`).
macro_rules! define_routed {
    ($scope:expr, $id:expr, $state:expr, $route:expr) => {
        match $route {
            $crate::templates::fragment::Route::Next(next) => {
                $scope.define($id, $state.next(next));
            }
            $crate::templates::fragment::Route::End => {
                $scope.define($id, $state.end());
            }
        }
    };
}

pub(crate) use define_routed;

/// The `add_to` and `build` of a template, the same for every one: `add_to` calls the
/// template's `declare`, then `define` on what it returns, and gives back its `entry`;
/// `build` adds the fragment with no prefix and the `$exits::new()` defaults to a new machine
/// with the template's `comment`, and validates the machine. Each method keeps the docs (and
/// doctests) written before it in the call.
macro_rules! add_to_and_build {
    (
        exits: $exits:ident;
        $(where add_to: [$($add_to_where:tt)*]; where build: [$($build_where:tt)*];)?
        $(#[$add_to_doc:meta])*
        pub fn add_to;
        $(#[$build_doc:meta])*
        pub fn build;
    ) => {
        $(#[$add_to_doc])*
        pub fn add_to<'s, D>(
            self,
            scope: &mut ::sfn_dsl::builder::ScopeBuilder<'s, D>,
            prefix: &str,
            exits: $exits<'s, D>,
        ) -> Result<::sfn_dsl::builder::StateId<'s, D>, ::sfn_dsl::diagnostic::Diagnostics>
        $(where $($add_to_where)*)?
        {
            let declared = self.declare(scope, prefix)?;
            let entry = declared.entry();
            declared.define(scope, exits);
            Ok(entry)
        }

        $(#[$build_doc])*
        pub fn build(
            self,
        ) -> Result<::sfn_dsl::model::StateMachine, ::sfn_dsl::diagnostic::Diagnostics>
        $(where $($build_where)*)?
        {
            let mut m = ::sfn_dsl::builder::MachineBuilder::new();
            if let Some(c) = &self.comment {
                m.comment(c);
            }
            self.add_to(&mut m, "", $exits::new())?;
            m.build()
        }
    };
}

pub(crate) use add_to_and_build;

/// Collects the findings of a template's configuration check, with pointers relative to the
/// scope the fragment is added to (`/States/<prefixed name>/<field>`).
#[derive(Debug, Default)]
pub(crate) struct Findings(Vec<Diagnostic>);

impl Findings {
    /// Records a finding of the validator about the state `state` (its pointer relative to
    /// the state), moved under `/States/<state>`.
    pub(crate) fn push_at(&mut self, state: &str, mut d: Diagnostic) {
        d.pointer = format!(
            "{}{}",
            Pointer::root().push(k::States).push(state),
            d.pointer
        );
        self.0.push(d);
    }

    /// Records findings made elsewhere (e.g. inside a processor), moved under `prefix`.
    pub(crate) fn extend_under(
        &mut self,
        prefix: &str,
        findings: impl IntoIterator<Item = Diagnostic>,
    ) {
        self.0.extend(findings.into_iter().map(|mut d| {
            d.pointer = format!("{prefix}{}", d.pointer);
            d
        }));
    }

    /// `Err` with every finding when there is at least one.
    pub(crate) fn finish(self) -> Result<(), Diagnostics> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Diagnostics::new(self.0))
        }
    }
}

/// `state` with `set` applied to `value` when there is one: an optional field of a template.
pub(crate) fn set_some<S, T>(state: S, value: Option<T>, set: impl FnOnce(S, T) -> S) -> S {
    match value {
        Some(v) => set(state, v),
        None => state,
    }
}

/// The text of a path-like argument: a `Path` (from `path!`) or text, kept as given so that
/// `build()` reports a bad one with its pointer.
pub(crate) fn path_text(path: impl sfn_dsl::builder::IntoPath) -> String {
    match path.into_path() {
        Ok(p) => p.as_str().to_string(),
        Err(bad) => bad.text,
    }
}
