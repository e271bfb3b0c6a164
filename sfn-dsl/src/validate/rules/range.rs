//! Numbers AWS bounds, and a heartbeat below the timeout.

use super::prelude::*;

declare! {
    OutOfRange = "023", error, "number out of range", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: [IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds, TimeoutSeconds, HeartbeatSeconds, Seconds, MaxConcurrency, ToleratedFailurePercentage, ToleratedFailureCount, MaxItems, MaxItemsPerBatch, MaxInputBytesPerBatch],
        what: "A number is outside what AWS accepts (e.g. `BackoffRate` < 1, `MaxAttempts` < 0, `TimeoutSeconds` < 1, `Seconds` > 99999999, `ToleratedFailurePercentage` > 100).",
        failing: "`\"BackoffRate\": 0.5`.",
        fix: "use a value in the range the message gives.";
    HeartbeatTimeout = "024", error, "HeartbeatSeconds not below TimeoutSeconds", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: together [TimeoutSeconds, HeartbeatSeconds, TimeoutSecondsPath, HeartbeatSecondsPath],
        what: "`HeartbeatSeconds` is not smaller than `TimeoutSeconds`.",
        failing: "`\"TimeoutSeconds\": 60, \"HeartbeatSeconds\": 60`.",
        fix: "a heartbeat below the timeout.";
}

/// The largest number AWS accepts in most of its numeric fields (seconds, attempts, rates).
pub(crate) const AWS_MAX: f64 = 99_999_999.0;

impl<'m> Validator<'m> {
    /// A Task's `TimeoutSeconds` and `HeartbeatSeconds`: each in range, the heartbeat below
    /// the timeout.
    pub(crate) fn timeouts(
        &mut self,
        at: &dyn Fn() -> Pointer,
        timeout: Option<&Dynamic<i64>>,
        heartbeat: Option<&Dynamic<i64>>,
        ql: QueryLanguage,
    ) {
        self.dyn_range(at, k::TimeoutSeconds, timeout, 1.0, AWS_MAX, ql);
        self.dyn_range(at, k::HeartbeatSeconds, heartbeat, 1.0, AWS_MAX, ql);
        if let (Some(Dynamic::Value(h)), Some(Dynamic::Value(to))) = (heartbeat, timeout)
            && h >= to
        {
            self.report(
                Code::HeartbeatTimeout,
                at().push(k::HeartbeatSeconds).as_str(),
                format!("`HeartbeatSeconds` ({h}) must be smaller than `TimeoutSeconds` ({to})"),
                "a heartbeat is only useful when it can arrive before the task times out",
            );
        }
    }

    pub(crate) fn range(&mut self, at: &Pointer, field: &str, value: f64, min: f64, max: f64) {
        self.range_at(|| at.clone(), field, value, min, max);
    }
    /// [`range`](Self::range) with the pointer made only for a finding.
    pub(crate) fn range_at(
        &mut self,
        at: impl FnOnce() -> Pointer,
        field: &str,
        value: f64,
        min: f64,
        max: f64,
    ) {
        if value.is_nan() || value < min || value > max {
            let at = at();
            let shown = |x: f64| {
                if x.fract() == 0.0 {
                    format!("{}", x as i64)
                } else {
                    format!("{x}")
                }
            };
            self.report(
                Code::OutOfRange,
                at.as_str(),
                format!(
                    "`{field}` is {}; it must be between {} and {}",
                    shown(value),
                    shown(min),
                    shown(max)
                ),
                format!("use a value from {} to {}", shown(min), shown(max)),
            );
        }
    }
    /// A Map's `MaxConcurrency` (0 or more), `ToleratedFailurePercentage` (0 to 100) and
    /// `ToleratedFailureCount` (0 or more), or their `…Path` twins.
    pub(crate) fn map_limits(
        &mut self,
        at: &dyn Fn() -> Pointer,
        max_concurrency: Option<&Dynamic<i64>>,
        tolerated_failure_percentage: Option<&Dynamic<f64>>,
        tolerated_failure_count: Option<&Dynamic<i64>>,
        ql: QueryLanguage,
    ) {
        let (percentage, count) = (tolerated_failure_percentage, tolerated_failure_count);
        self.dyn_range(at, k::MaxConcurrency, max_concurrency, 0.0, f64::MAX, ql);
        self.dyn_range(
            at,
            k::ToleratedFailurePercentage,
            percentage,
            0.0,
            100.0,
            ql,
        );
        self.dyn_range(at, k::ToleratedFailureCount, count, 0.0, f64::MAX, ql);
    }

    pub(crate) fn dyn_range<T: Copy + AsF64>(
        &mut self,
        at: &dyn Fn() -> Pointer,
        field: &'static str,
        v: Option<&Dynamic<T>>,
        min: f64,
        max: f64,
        ql: QueryLanguage,
    ) {
        match v {
            Some(Dynamic::Value(x)) => self.range(&at().push(field), field, x.as_f64(), min, max),
            Some(Dynamic::Path(e)) => self.dyn_path(at, &format!("{field}Path"), e, ql, false),
            Some(Dynamic::Jsonata(_)) => self.jsonata_in(at, field, ql),
            None => {}
        }
    }
}

/// Numbers the range rules compare.
pub(crate) trait AsF64 {
    fn as_f64(&self) -> f64;
}

impl AsF64 for i64 {
    fn as_f64(&self) -> f64 {
        *self as f64
    }
}

impl AsF64 for f64 {
    fn as_f64(&self) -> f64 {
        *self
    }
}

/// A Task's `TimeoutSeconds` and `HeartbeatSeconds` checked as [`validate`](super::super::validate)
/// checks them (`SFN023`, `SFN024`), with the findings' pointers relative to the state
/// (`/TimeoutSeconds`, `/HeartbeatSeconds`). For code that makes a Task from settings of its
/// own and reports their mistakes before it builds anything, such as the templates of
/// `sfn-codegen`.
///
/// ```
/// let findings = sfn::validate::task_timeouts(60, Some(60));
/// assert_eq!(findings[0].code, sfn::Code::HeartbeatTimeout);
/// assert_eq!(findings[0].pointer, "/HeartbeatSeconds");
/// ```
pub fn task_timeouts(timeout_seconds: i64, heartbeat_seconds: Option<i64>) -> Vec<Diagnostic> {
    let mut v = Validator::default();
    v.timeouts(
        &Pointer::root,
        Some(&Dynamic::Value(timeout_seconds)),
        heartbeat_seconds.map(Dynamic::Value).as_ref(),
        QueryLanguage::JsonPath,
    );
    v.diags
}

/// A Map's `MaxConcurrency`, `ToleratedFailurePercentage` and `ToleratedFailureCount` checked as
/// [`validate`](super::super::validate) checks them (`SFN023`), with the findings' pointers
/// relative to the state (`/MaxConcurrency`, …): for code that makes a Map from settings of its
/// own and reports their mistakes before it builds anything, such as the Distributed Map
/// template of `sfn-codegen`.
///
/// ```
/// let findings = sfn::validate::map_limits(Some(-1), Some(150.0), None);
/// assert_eq!(findings[0].code, sfn::Code::OutOfRange);
/// assert_eq!(findings[0].pointer, "/MaxConcurrency");
/// assert_eq!(findings[1].pointer, "/ToleratedFailurePercentage");
/// ```
pub fn map_limits(
    max_concurrency: Option<i64>,
    tolerated_failure_percentage: Option<f64>,
    tolerated_failure_count: Option<i64>,
) -> Vec<Diagnostic> {
    let mut v = Validator::default();
    v.map_limits(
        &Pointer::root,
        max_concurrency.map(Dynamic::Value).as_ref(),
        tolerated_failure_percentage.map(Dynamic::Value).as_ref(),
        tolerated_failure_count.map(Dynamic::Value).as_ref(),
        QueryLanguage::JsonPath,
    );
    v.diags
}
