//! Task, Pass, Wait, Succeed and Fail.

use super::common::{dynamic_setters, error_setters, parsed, setters, shared_setters};
use super::depth::Top;
use super::empty;
use super::retry::Catching;
use super::scope::{Brand, StateId, Target};
use super::typestate::{
    CanTransition, Draft, HasEnd, HasNext, IntoState, NoTransition, sealed, transition_states,
};
use super::{IntoDynamic, IntoExpr, IntoPath, Resource};
use crate::diagnostic::Diagnostic;
use crate::fields::names as k;
use crate::model::{self, Dynamic, State, WaitFor};
use crate::path::{Expr, Path};
use crate::payload::PayloadValue;
use std::marker::PhantomData;

/// Implements `next`/`end` and the typestate plumbing for a builder with fields
/// `inner`, `next`, `errs` and `_t`.
macro_rules! transitions {
    ($ty:ident { $($field:ident),* }) => {
        impl<'s, T, D> $ty<'s, T, D> {
            /// `Next`: the state to go to after this one, a handle of the scope this state is
            /// defined in ([`SameScope`](crate::builder::SameScope)).
            pub fn next<E>(self, target: StateId<'s, E>) -> $ty<'s, HasNext, D>
            where
                T: CanTransition,
                D: $crate::builder::SameScope<E>,
            {
                let mut s = self.retype();
                s.next = Some(target.target);
                s
            }

            /// `"End": true`: this state ends the execution (or its branch / processor).
            pub fn end(self) -> $ty<'s, HasEnd, D>
            where
                T: CanTransition,
            {
                self.retype()
            }

            fn retype<U>(self) -> $ty<'s, U, D> {
                $ty { $($field: self.$field,)* _t: PhantomData }
            }
        }
        transition_states!($ty);
    };
}

/// What the states that do work (Task, Parallel, Map) share besides [`transitions!`] and
/// `error_setters!`: the setters of `comment`, `query_language`, the input/output fields,
/// `assign`, `arguments` and the result fields; and `$draft` (`draft` unless named), the
/// state's draft with its `Retry` and `Catch` entries settled.
macro_rules! work_state {
    ($ty:ident) => {
        $crate::builder::states::work_state!($ty, draft);
    };
    ($ty:ident, $draft:ident) => {
        impl<'s, T, D> $ty<'s, T, D> {
            fn $draft(mut self) -> Draft {
                let (retry, catch) = (&mut self.inner.retry, &mut self.inner.catch);
                let targets = Catching::settle(self.catching, retry, catch, &mut self.errs);
                Draft::new(State::$ty(self.inner), self.next, targets, self.errs)
            }
        }

        $crate::builder::common::shared_setters!(['s, T, D] $ty<'s, T, D>:
            basic, io, assign, arguments, result);
    };
}

pub(crate) use {transitions, work_state};

/// A Task state: does work through a [`Resource`].
///
/// ```
/// use sfn::builder::{errors, Resource, Retry, Task};
/// use sfn::model::StateMachine;
/// use sfn::path::Path;
/// use sfn::payload;
///
/// let mut m = StateMachine::builder();
/// let prepare = m.declare("Prepare Data");
/// m.define(prepare, Task::new(Resource::lambda_invoke())
///     .parameters(payload! {
///         "Payload": Path::input(),
///         "FunctionName": "arn:aws:lambda:us-east-1:111122223333:function:prepare-data:$LATEST",
///     })
///     .output_path("$.Payload")
///     .retry(Retry::on(errors::lambda::TRANSIENT).interval_seconds(2).max_attempts(6).backoff_rate(2.0))
///     .timeout_seconds(300)
///     .end());
/// let json = sfn::serde_json::to_value(m.build().unwrap()).unwrap();
/// assert_eq!(json["States"]["Prepare Data"]["Parameters"]["Payload.$"], "$");
/// assert_eq!(json["States"]["Prepare Data"]["TimeoutSeconds"], 300);
/// ```
#[derive(Debug, Clone)]
pub struct Task<'s, T = NoTransition, D = Top> {
    inner: Box<model::Task>,
    next: Option<Target>,
    catching: Catching,
    errs: Vec<Diagnostic>,
    _t: PhantomData<(Brand<'s>, T, D)>,
}

impl<D> Task<'_, NoTransition, D> {
    /// A Task running `resource` (an ARN string or a [`Resource`] constructor).
    pub fn new(resource: impl Into<Resource>) -> Self {
        Task {
            inner: Box::new(empty::task(resource.into().into_string())),
            next: None,
            catching: Catching::default(),
            errs: Vec::new(),
            _t: PhantomData,
        }
    }
}

dynamic_setters!(['s, T, D] Task<'s, T, D> {
    /// `TimeoutSeconds`: a number, or a JSONata expression in JSONata states.
    pub fn timeout_seconds(mut self, seconds: impl IntoDynamic<i64>) -> Self;
    /// `TimeoutSecondsPath` (JSONPath): where the timeout is in the input.
    pub fn timeout_seconds_path(mut self, path: impl IntoPath) -> Self;

    /// `HeartbeatSeconds`: a number, or a JSONata expression in JSONata states.
    pub fn heartbeat_seconds(mut self, seconds: impl IntoDynamic<i64>) -> Self;
    /// `HeartbeatSecondsPath` (JSONPath): where the heartbeat interval is in the input.
    pub fn heartbeat_seconds_path(mut self, path: impl IntoPath) -> Self;
});

setters!(['s, T, D] Task<'s, T, D> {
    /// `Credentials`: the role to assume, e.g. `payload! { "RoleArn": "arn:aws:iam::…" }`.
    pub fn credentials(mut self, credentials: impl Into<PayloadValue>) -> Self
        => credentials = credentials.into();
});

transitions!(Task {
    inner,
    next,
    catching,
    errs
});
work_state!(Task);
shared_setters!(['s, T, D] Task<'s, T, D>: parameters);
error_setters!(Task);

/// A Pass state: passes its input on, optionally with `Result` or `Parameters`.
///
/// ```
/// use sfn::builder::Pass;
/// use sfn::model::StateMachine;
/// use sfn::literal;
/// use sfn::serde_json::json;
///
/// let mut m = StateMachine::builder();
/// let init = m.declare("Init");
/// m.define(init, Pass::new().result(literal!({ "count": 0 })).result_path("$.counter").end());
/// assert_eq!(
///     sfn::serde_json::to_value(m.build().unwrap()).unwrap()["States"]["Init"],
///     json!({ "Type": "Pass", "Result": { "count": 0 }, "ResultPath": "$.counter", "End": true })
/// );
/// ```
#[derive(Debug, Clone)]
pub struct Pass<'s, T = NoTransition, D = Top> {
    inner: Box<model::Pass>,
    next: Option<Target>,
    errs: Vec<Diagnostic>,
    _t: PhantomData<(Brand<'s>, T, D)>,
}

impl<D> Pass<'_, NoTransition, D> {
    /// A Pass state without fields.
    pub fn new() -> Self {
        Pass {
            inner: Box::new(empty::pass()),
            next: None,
            errs: Vec::new(),
            _t: PhantomData,
        }
    }
}

impl<D> Default for Pass<'_, NoTransition, D> {
    fn default() -> Self {
        Pass::new()
    }
}

setters!(['s, T, D] Pass<'s, T, D> {
    /// `Result`: a literal JSON value used as the state's result. A [`Literal`] keeps the order
    /// of its members ([`literal!`] writes one with the syntax of `json!`); a
    /// `serde_json::Value` object (`json!`) has its `Map`'s order (sorted by key unless
    /// serde_json's `preserve_order` feature is on).
    ///
    /// [`Literal`]: crate::payload::Literal
    /// [`literal!`]: crate::literal!
    pub fn result(mut self, result: impl Into<crate::payload::Literal>) -> Self
        => result = result.into();
});

impl<'s, T, D> Pass<'s, T, D> {
    fn draft(self) -> Draft {
        // Without `next` the model keeps the `"End": true` it starts with.
        Draft::new(State::Pass(self.inner), self.next, Vec::new(), self.errs)
    }
}

transitions!(Pass { inner, next, errs });
shared_setters!(['s, T, D] Pass<'s, T, D>: basic, io, assign, parameters, result_path);

/// A Wait state. The four constructors are the four exclusive ways to wait, so a Wait with
/// both `Seconds` and `SecondsPath` cannot be written.
///
/// ```
/// use sfn::builder::{Wait, Succeed};
/// use sfn::model::StateMachine;
/// use sfn::serde_json::json;
///
/// let mut m = StateMachine::builder();
/// let a = m.declare("A");
/// let b = m.declare("B");
/// let c = m.declare("C");
/// let d = m.declare("D");
/// let done = m.declare("Done");
/// m.define(a, Wait::seconds(10).next(b));
/// m.define(b, Wait::seconds_path("$.wait_time").next(c));
/// m.define(c, Wait::timestamp("2026-01-01T00:00:00Z").next(d));
/// m.define(d, Wait::timestamp_path("$.until").next(done));
/// m.define(done, Succeed::new());
/// let json = sfn::serde_json::to_value(m.build().unwrap()).unwrap();
/// assert_eq!(json["States"]["A"]["Seconds"], 10);
/// assert_eq!(json["States"]["B"]["SecondsPath"], "$.wait_time");
/// assert_eq!(json["States"]["C"]["Timestamp"], "2026-01-01T00:00:00Z");
/// assert_eq!(json["States"]["D"]["TimestampPath"], "$.until");
/// ```
#[derive(Debug, Clone)]
pub struct Wait<'s, T = NoTransition, D = Top> {
    inner: Box<model::Wait>,
    next: Option<Target>,
    errs: Vec<Diagnostic>,
    _t: PhantomData<(Brand<'s>, T, D)>,
}

impl<D> Wait<'_, NoTransition, D> {
    fn with(wait_for: WaitFor, errs: Vec<Diagnostic>) -> Self {
        Wait {
            inner: Box::new(empty::wait(wait_for)),
            next: None,
            errs,
            _t: PhantomData,
        }
    }

    /// `Seconds`: a number, or a JSONata expression in JSONata states.
    pub fn seconds(seconds: impl IntoDynamic<i64>) -> Self {
        Wait::with(WaitFor::Seconds(seconds.into_dynamic()), Vec::new())
    }

    /// `SecondsPath` (JSONPath): where the number of seconds is in the input.
    pub fn seconds_path(path: impl IntoPath) -> Self {
        let mut errs = Vec::new();
        let p = parsed(&mut errs, k::SecondsPath, path.into_path()).unwrap_or_else(Path::input);
        Wait::with(WaitFor::Seconds(Dynamic::Path(Expr::Path(p))), errs)
    }

    /// `Timestamp`: an RFC 3339 date-time (`2026-01-01T00:00:00Z`), or a JSONata expression.
    pub fn timestamp(timestamp: impl IntoDynamic<String>) -> Self {
        Wait::with(WaitFor::Timestamp(timestamp.into_dynamic()), Vec::new())
    }

    /// `TimestampPath` (JSONPath): where the timestamp is in the input.
    pub fn timestamp_path(path: impl IntoPath) -> Self {
        let mut errs = Vec::new();
        let p = parsed(&mut errs, k::TimestampPath, path.into_path()).unwrap_or_else(Path::input);
        Wait::with(WaitFor::Timestamp(Dynamic::Path(Expr::Path(p))), errs)
    }
}

impl<'s, T, D> Wait<'s, T, D> {
    fn draft(self) -> Draft {
        Draft::new(State::Wait(self.inner), self.next, Vec::new(), self.errs)
    }
}

transitions!(Wait { inner, next, errs });
shared_setters!(['s, T, D] Wait<'s, T, D>: basic, io, assign);

/// A Succeed state: ends the execution (or branch) successfully. It has no `next` or `end`.
///
/// ```
/// use sfn::builder::Succeed;
/// use sfn::model::StateMachine;
///
/// let mut m = StateMachine::builder();
/// let done = m.declare("Done");
/// m.define(done, Succeed::new().comment("All good").output_path("$.result"));
/// assert_eq!(
///     sfn::serde_json::to_value(m.build().unwrap()).unwrap()["States"]["Done"],
///     sfn::serde_json::json!({ "Type": "Succeed", "Comment": "All good", "OutputPath": "$.result" })
/// );
/// ```
#[derive(Debug, Clone, Default)]
pub struct Succeed {
    inner: Box<model::Succeed>,
    errs: Vec<Diagnostic>,
}

impl Succeed {
    /// A Succeed state without fields.
    pub fn new() -> Self {
        Succeed::default()
    }
}

impl<'s> sealed::State<'s> for Succeed {
    fn into_draft(self) -> Draft {
        Draft {
            state: State::Succeed(self.inner),
            next: None,
            targets: Vec::new(),
            errs: self.errs,
        }
    }
}

#[diagnostic::do_not_recommend]
impl<'s, D> IntoState<'s, D> for Succeed {}

shared_setters!([] Succeed: basic, io);

/// A Fail state: ends the execution with an error. It has no `next` or `end`.
///
/// ```
/// use sfn::builder::Fail;
/// use sfn::model::StateMachine;
/// use sfn::path::{Intrinsic, Path};
/// use sfn::serde_json::json;
///
/// let mut m = StateMachine::builder();
/// let failed = m.declare("Job Failed");
/// m.define(failed, Fail::new().cause("AWS Batch Job Failed").error("DescribeJob returned FAILED"));
/// assert_eq!(
///     sfn::serde_json::to_value(m.build().unwrap()).unwrap()["States"]["Job Failed"],
///     json!({ "Type": "Fail", "Error": "DescribeJob returned FAILED", "Cause": "AWS Batch Job Failed" })
/// );
///
/// let mut m = StateMachine::builder();
/// let failed = m.declare("Failed");
/// let cause = Intrinsic::format("Job {} failed", [Path::parse("$.jobId").unwrap()]).unwrap();
/// m.define(failed, Fail::new().error_path("$.error").cause_path(cause));
/// assert_eq!(
///     sfn::serde_json::to_value(m.build().unwrap()).unwrap()["States"]["Failed"],
///     json!({ "Type": "Fail", "ErrorPath": "$.error", "CausePath": "States.Format('Job {} failed', $.jobId)" })
/// );
/// ```
#[derive(Debug, Clone, Default)]
pub struct Fail {
    inner: Box<model::Fail>,
    errs: Vec<Diagnostic>,
}

impl Fail {
    /// A Fail state without fields.
    pub fn new() -> Self {
        Fail::default()
    }

    /// `ErrorPath` (JSONPath): a path or an intrinsic that yields the error name.
    pub fn error_path(mut self, expr: impl IntoExpr) -> Self {
        if let Some(e) = parsed(&mut self.errs, k::ErrorPath, expr.into_expr()) {
            self.inner.error = Some(Dynamic::Path(e));
        }
        self
    }

    /// `CausePath` (JSONPath): a path or an intrinsic that yields the cause.
    pub fn cause_path(mut self, expr: impl IntoExpr) -> Self {
        if let Some(e) = parsed(&mut self.errs, k::CausePath, expr.into_expr()) {
            self.inner.cause = Some(Dynamic::Path(e));
        }
        self
    }
}

setters!([] Fail {
    /// `Error`: the error name, or a JSONata expression in JSONata states.
    pub fn error(mut self, error: impl IntoDynamic<String>) -> Self => error = error.into_dynamic();
    /// `Cause`: a human-readable cause, or a JSONata expression in JSONata states.
    pub fn cause(mut self, cause: impl IntoDynamic<String>) -> Self => cause = cause.into_dynamic();
});

impl<'s> sealed::State<'s> for Fail {
    fn into_draft(self) -> Draft {
        Draft {
            state: State::Fail(self.inner),
            next: None,
            targets: Vec::new(),
            errs: self.errs,
        }
    }
}

#[diagnostic::do_not_recommend]
impl<'s, D> IntoState<'s, D> for Fail {}

shared_setters!([] Fail: basic);
