//! `Retry` and `Catch` entries, and the error names AWS defines.

use super::common::{nullable_path_setters, prefixed, setters};
use super::depth::{SameScope, Top};
use super::scope::{Brand, StateId, Target};
use super::typestate::{HasNext, NoTransition, Slot};
use crate::diagnostic::Diagnostic;
use crate::model::{Catcher, JitterStrategy, Retrier};
use crate::payload::PayloadValue;
use std::marker::PhantomData;

/// The error names AWS Step Functions raises, for `Retry::on` and `Catch::on`.
///
/// ```
/// use sfn::builder::{errors, Retry};
///
/// let r = Retry::on(errors::lambda::TRANSIENT).interval_seconds(2);
/// assert_eq!(errors::lambda::TRANSIENT[0], "Lambda.ServiceException");
/// assert_eq!(errors::ALL, "States.ALL");
/// ```
pub mod errors {
    /// `States.ALL`: any error (except `States.DataLimitExceeded` and `States.Runtime`). An
    /// entry with it must have no other name and be the last one; the builder moves it last.
    pub const ALL: &str = "States.ALL";
    /// `States.Timeout`: `TimeoutSeconds` elapsed or a heartbeat was missed.
    pub const TIMEOUT: &str = "States.Timeout";
    /// `States.TaskFailed`: a Task failed.
    pub const TASK_FAILED: &str = "States.TaskFailed";
    /// `States.HeartbeatTimeout`: no heartbeat within `HeartbeatSeconds`.
    pub const HEARTBEAT_TIMEOUT: &str = "States.HeartbeatTimeout";
    /// `States.Permissions`: the execution role may not run the Task.
    pub const PERMISSIONS: &str = "States.Permissions";
    /// `States.ResultPathMatchFailure`: `ResultPath` cannot be applied to the input.
    pub const RESULT_PATH_MATCH_FAILURE: &str = "States.ResultPathMatchFailure";
    /// `States.ParameterPathFailure`: a `Key.$` path of `Parameters` matches nothing.
    pub const PARAMETER_PATH_FAILURE: &str = "States.ParameterPathFailure";
    /// `States.BranchFailed`: a Parallel branch failed.
    pub const BRANCH_FAILED: &str = "States.BranchFailed";
    /// `States.NoChoiceMatched`: no Choice rule matched and there is no `Default`.
    pub const NO_CHOICE_MATCHED: &str = "States.NoChoiceMatched";
    /// `States.IntrinsicFailure`: an intrinsic function failed.
    pub const INTRINSIC_FAILURE: &str = "States.IntrinsicFailure";
    /// `States.ExceedToleratedFailureThreshold`: a Distributed Map had too many failed items.
    pub const EXCEED_TOLERATED_FAILURE_THRESHOLD: &str = "States.ExceedToleratedFailureThreshold";
    /// `States.ItemReaderFailed`: a Distributed Map could not read its items.
    pub const ITEM_READER_FAILED: &str = "States.ItemReaderFailed";
    /// `States.ResultWriterFailed`: a Distributed Map could not write its results.
    pub const RESULT_WRITER_FAILED: &str = "States.ResultWriterFailed";
    /// `States.QueryEvaluationError`: a JSONata expression failed.
    pub const QUERY_EVALUATION_ERROR: &str = "States.QueryEvaluationError";

    /// The errors of the Lambda integration.
    pub mod lambda {
        /// `Lambda.ServiceException`.
        pub const SERVICE_EXCEPTION: &str = "Lambda.ServiceException";
        /// `Lambda.AWSLambdaException`.
        pub const AWS_LAMBDA_EXCEPTION: &str = "Lambda.AWSLambdaException";
        /// `Lambda.SdkClientException`.
        pub const SDK_CLIENT_EXCEPTION: &str = "Lambda.SdkClientException";
        /// `Lambda.TooManyRequestsException`.
        pub const TOO_MANY_REQUESTS_EXCEPTION: &str = "Lambda.TooManyRequestsException";
        /// The four transient Lambda errors the AWS console retries by default, in its order.
        pub const TRANSIENT: [&str; 4] = [
            SERVICE_EXCEPTION,
            AWS_LAMBDA_EXCEPTION,
            SDK_CLIENT_EXCEPTION,
            TOO_MANY_REQUESTS_EXCEPTION,
        ];
    }
}

/// The error names of one `Retry` or `Catch` entry (`ErrorEquals`): one name or many.
///
/// [`Retry::on`] and [`Catch::on`] take anything that implements [`IntoErrorEquals`]: a
/// `&str` or `String` for one name, an array, slice or `Vec` of them for several.
///
/// ```
/// use sfn::builder::{errors, ErrorEquals, Retry};
///
/// let one = Retry::on(errors::ALL);
/// let many = Retry::on([errors::TIMEOUT, errors::TASK_FAILED]);
/// let lambda = Retry::on(errors::lambda::TRANSIENT);
/// let custom = Retry::on(String::from("MyError"));
/// assert_eq!(ErrorEquals::new(errors::ALL).names(), ["States.ALL"]);
/// assert_eq!(ErrorEquals::new(&["A", "B"][..]).names(), ["A", "B"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ErrorEquals(Vec<String>);

impl ErrorEquals {
    /// The names of one name or a list of names.
    pub fn new(names: impl IntoErrorEquals) -> Self {
        names.into_error_equals()
    }

    /// The names, in order.
    pub fn names(&self) -> &[String] {
        &self.0
    }
}

/// One error name or a list of them, for [`Retry::on`] and [`Catch::on`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an error name or a list of error names",
    label = "expected a `&str`, a `String`, or an array, slice or `Vec` of them",
    note = "write `Catch::on(errors::ALL)` for one name, `Catch::on([errors::TIMEOUT, \"MyError\"])` for several"
)]
pub trait IntoErrorEquals {
    /// The names.
    fn into_error_equals(self) -> ErrorEquals;
}

impl IntoErrorEquals for ErrorEquals {
    fn into_error_equals(self) -> ErrorEquals {
        self
    }
}

impl IntoErrorEquals for &str {
    fn into_error_equals(self) -> ErrorEquals {
        ErrorEquals(vec![self.to_owned()])
    }
}

impl IntoErrorEquals for String {
    fn into_error_equals(self) -> ErrorEquals {
        ErrorEquals(vec![self])
    }
}

impl IntoErrorEquals for &String {
    fn into_error_equals(self) -> ErrorEquals {
        ErrorEquals(vec![self.clone()])
    }
}

impl<S: Into<String>, const N: usize> IntoErrorEquals for [S; N] {
    fn into_error_equals(self) -> ErrorEquals {
        ErrorEquals(self.into_iter().map(Into::into).collect())
    }
}

impl<S: Into<String>> IntoErrorEquals for Vec<S> {
    fn into_error_equals(self) -> ErrorEquals {
        ErrorEquals(self.into_iter().map(Into::into).collect())
    }
}

impl<S: AsRef<str>> IntoErrorEquals for &[S] {
    fn into_error_equals(self) -> ErrorEquals {
        ErrorEquals(self.iter().map(|n| n.as_ref().to_owned()).collect())
    }
}

impl<S: Into<String>> FromIterator<S> for ErrorEquals {
    fn from_iter<I: IntoIterator<Item = S>>(names: I) -> Self {
        ErrorEquals(names.into_iter().map(Into::into).collect())
    }
}

/// True when an `ErrorEquals` list names `States.ALL`.
fn has_all(names: &[String]) -> bool {
    names.iter().any(|n| n == errors::ALL)
}

/// One `Retry` entry.
///
/// ```
/// use sfn::builder::{errors, Retry};
/// use sfn::model::{JitterStrategy, Retrier};
///
/// let r: Retrier = Retry::on([errors::TASK_FAILED])
///     .interval_seconds(2)
///     .max_attempts(6)
///     .backoff_rate(2.0)
///     .max_delay_seconds(60)
///     .jitter(JitterStrategy::Full)
///     .into();
/// assert_eq!(
///     sfn::serde_json::to_value(&r).unwrap(),
///     sfn::serde_json::json!({
///         "ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 2, "MaxAttempts": 6,
///         "BackoffRate": 2, "MaxDelaySeconds": 60, "JitterStrategy": "FULL"
///     })
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Retry {
    inner: Retrier,
}

impl Retry {
    /// A retrier for one error name or several (`ErrorEquals`): `Retry::on(errors::ALL)`,
    /// `Retry::on([errors::TIMEOUT, "MyError"])`.
    pub fn on(errors: impl IntoErrorEquals) -> Self {
        Retry {
            inner: Retrier {
                comment: None,
                error_equals: errors.into_error_equals().0,
                interval_seconds: None,
                max_attempts: None,
                backoff_rate: None,
                max_delay_seconds: None,
                jitter_strategy: None,
            },
        }
    }
}

setters!([] Retry {
    /// `Comment`.
    pub fn comment(mut self, comment: impl Into<String>) -> Self => comment = comment.into();

    /// `IntervalSeconds`: the wait before the first retry (AWS default 1).
    pub fn interval_seconds(mut self, seconds: i64) -> Self => interval_seconds = seconds;

    /// `MaxAttempts`: how many retries (AWS default 3; 0 never retries).
    pub fn max_attempts(mut self, attempts: i64) -> Self => max_attempts = attempts;

    /// `BackoffRate`: the interval multiplier (AWS default 2.0, at least 1.0).
    pub fn backoff_rate(mut self, rate: f64) -> Self => backoff_rate = rate;

    /// `MaxDelaySeconds`: the cap of the interval.
    pub fn max_delay_seconds(mut self, seconds: i64) -> Self => max_delay_seconds = seconds;

    /// `JitterStrategy`.
    pub fn jitter(mut self, strategy: JitterStrategy) -> Self => jitter_strategy = strategy;
});

impl From<Retry> for Retrier {
    fn from(r: Retry) -> Retrier {
        r.inner
    }
}

/// One `Catch` entry: error names, where to go (`.next(state)`, required) and what to keep.
///
/// ```
/// use sfn::builder::{errors, Catch, Fail, Task};
/// use sfn::model::StateMachine;
///
/// let mut m = StateMachine::builder();
/// let work = m.declare("Work");
/// let failed = m.declare("Failed");
/// m.define(work, Task::new("arn:aws:states:::lambda:invoke")
///     .catch(Catch::on([errors::ALL]).result_path("$.error").next(failed))
///     .catch(Catch::on([errors::TIMEOUT]).next(failed))
///     .end());
/// m.define(failed, Fail::new().error("Failed"));
/// let machine = m.build().unwrap();
/// let json = sfn::serde_json::to_value(&machine).unwrap();
/// // `States.ALL` is moved last.
/// assert_eq!(json["States"]["Work"]["Catch"][0]["ErrorEquals"][0], "States.Timeout");
/// assert_eq!(json["States"]["Work"]["Catch"][1]["ResultPath"], "$.error");
/// ```
#[derive(Debug, Clone)]
pub struct Catch<'s, N = NoTransition, D = Top> {
    inner: Catcher,
    target: Option<Target>,
    errs: Vec<Diagnostic>,
    _n: PhantomData<(Brand<'s>, N, D)>,
}

impl<D> Catch<'_, NoTransition, D> {
    /// A catcher for one error name or several (`ErrorEquals`): `Catch::on(errors::ALL)`,
    /// `Catch::on([errors::TIMEOUT, "MyError"])`; finish it with `.next(state)`.
    pub fn on(errors: impl IntoErrorEquals) -> Self {
        Catch {
            inner: Catcher {
                comment: None,
                error_equals: errors.into_error_equals().0,
                next: String::new(),
                result_path: None,
                assign: None,
                output: None,
            },
            target: None,
            errs: Vec::new(),
            _n: PhantomData,
        }
    }
}

impl<'s, D> Catch<'s, NoTransition, D> {
    /// `Next`: the state to go to when the entry matches, a handle of the scope the state with
    /// this entry is defined in ([`SameScope`](crate::builder::SameScope)).
    pub fn next<E>(self, target: StateId<'s, E>) -> Catch<'s, HasNext, D>
    where
        D: SameScope<E>,
    {
        Catch {
            inner: self.inner,
            target: Some(target.target),
            errs: self.errs,
            _n: PhantomData,
        }
    }
}

impl<'s, N, D> Catch<'s, N, D> {
    pub(crate) fn into_entry(self) -> CatchEntry {
        CatchEntry {
            catcher: self.inner,
            target: self.target,
            errs: self.errs,
        }
    }
}

nullable_path_setters!(['s, N, D] Catch<'s, N, D> {
    /// `ResultPath` (JSONPath): where the error output goes in the input.
    pub fn result_path(mut self, path: impl IntoPath) -> Self;
    /// `"ResultPath": null`: drop the error output and pass the input on.
    pub fn result_path_null(mut self) -> Self;
});

setters!(['s, N, D] Catch<'s, N, D> {
    /// `Comment`.
    pub fn comment(mut self, comment: impl Into<String>) -> Self => comment = comment.into();
    /// `Assign`: variables set when the entry matches.
    pub fn assign(mut self, assign: impl Into<PayloadValue>) -> Self => assign = assign.into();
    /// `Output` (JSONata): what the next state gets.
    pub fn output(mut self, output: impl Into<PayloadValue>) -> Self => output = output.into();
});

/// A Catch entry inside a state builder.
#[derive(Debug, Clone)]
pub(crate) struct CatchEntry {
    catcher: Catcher,
    target: Option<Target>,
    errs: Vec<Diagnostic>,
}

/// The `Retry` and `Catch` entries added to a Task, Parallel or Map builder.
#[derive(Debug, Clone, Default)]
pub(crate) struct Catching {
    pub(crate) retriers: Vec<Retrier>,
    pub(crate) catchers: Vec<CatchEntry>,
}

impl Catching {
    /// Writes the entries into the state's `retry` and `catch` (replacing an explicitly empty
    /// list only when there are entries) and records their findings; returns the state's
    /// targets: the Catch entries' (the state's `Next` goes into its draft apart).
    pub(crate) fn settle(
        self,
        retry: &mut Option<Vec<Retrier>>,
        catch: &mut Option<Vec<Catcher>>,
        errs: &mut Vec<Diagnostic>,
    ) -> Vec<(Slot, Target)> {
        let mut targets = Vec::new();
        *retry = retriers(self.retriers).or(retry.take());
        *catch = catchers(self.catchers, &mut targets, errs).or(catch.take());
        targets
    }
}

/// `Retry` with the `States.ALL` entries moved last (stable otherwise); `None` when empty.
fn retriers(list: Vec<Retrier>) -> Option<Vec<Retrier>> {
    if list.is_empty() {
        return None;
    }
    let (mut rest, all): (Vec<_>, Vec<_>) =
        list.into_iter().partition(|r| !has_all(&r.error_equals));
    rest.extend(all);
    Some(rest)
}

/// `Catch` with the `States.ALL` entries moved last; records their targets and findings.
fn catchers(
    list: Vec<CatchEntry>,
    targets: &mut Vec<(Slot, Target)>,
    errs: &mut Vec<Diagnostic>,
) -> Option<Vec<Catcher>> {
    if list.is_empty() {
        return None;
    }
    let (mut rest, all): (Vec<_>, Vec<_>) = list
        .into_iter()
        .partition(|c| !has_all(&c.catcher.error_equals));
    rest.extend(all);
    let mut out = Vec::with_capacity(rest.len());
    for (i, entry) in rest.into_iter().enumerate() {
        if let Some(t) = entry.target {
            targets.push((Slot::Catch(i), t));
        }
        if !entry.errs.is_empty() {
            errs.extend(prefixed(&format!("/Catch/{i}"), entry.errs));
        }
        out.push(entry.catcher);
    }
    Some(out)
}
