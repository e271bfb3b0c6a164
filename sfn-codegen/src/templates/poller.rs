//! The job poller: submit → wait → get status → Choice → loop back, with an optional limit on
//! the number of polls.

use super::call::Call;
use super::fragment::{Fallback, add_to_and_build, exit_state, path_text};
use super::poller_config::{PollerExits, PollerNames, Statuses, UnknownStatus, any_of};
use sfn_dsl::builder::{Choice, Condition, Fail, IntoPath, ScopeBuilder, StateId, Top, Wait};
use sfn_dsl::diagnostic::Diagnostics;
use sfn_dsl::path::{Intrinsic, Path};
use sfn_dsl::payload::PayloadValue;
use sfn_dsl::validate::poller_settings;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Interval {
    Seconds(i64),
    SecondsPath(String),
}

/// The job poller template: start a job that does not report its end by itself, then poll its
/// status until it succeeds or fails.
///
/// ```text
/// Submit Job ─▶ Wait ─▶ Get Job Status ─▶ Job Complete? ─┬─ failed values ──────▶ failed exit
///                ▲                                       ├─ succeeded values ───▶ succeeded exit
///                │                                       ├─ polls ≥ max_polls ──▶ timed_out exit
///                └───────────────────────────────────────┴─ in-progress values / Default
/// ```
///
/// | exit | reached when | default |
/// |---|---|---|
/// | `succeeded` | the status is a succeeded value | `End` (a Succeed state `Job Succeeded`) |
/// | `failed` | the status is a failed value | Fail `Job Failed`: `Error` `JobFailed`, `CausePath` naming the status |
/// | `unknown_status` | the status is in no list ([`UnknownStatus::Fail`]) | Fail `Unknown Job Status`: `Error` `JobStatusUnknown`, `CausePath` naming the status |
/// | `timed_out` | [`max_polls`](Self::max_polls) polls saw no final status | Fail `Job Poll Limit Reached`: `Error` `JobPollLimitReached` |
///
/// Defaults: wait 30 seconds between polls, no poll limit, [`UnknownStatus::Fail`].
///
/// **The poll counter** (with `max_polls`) is a workflow variable, not a field of the state
/// input: the submit Task assigns `0`, the Wait state assigns `States.MathAdd($n, 1)`, and the
/// Choice compares it after the succeeded/failed rules (so a job that finishes on the last
/// poll still counts). Variables survive whatever `ResultPath`/`OutputPath` the calls use,
/// and do not show up in the output. The variable is named after the prefix
/// (`order_polls` for `"Order "`, `polls` for no prefix); [`poll_counter`](Self::poll_counter)
/// renames it.
///
/// Presets with the right calls, status path and values: [`batch`](Self::batch),
/// [`sagemaker_pipeline`](Self::sagemaker_pipeline), [`glue`](Self::glue),
/// [`lambda`](Self::lambda).
///
/// ```
/// use sfn::templates::{Call, JobPoller, Statuses};
/// use sfn::builder::Resource;
///
/// let poller = JobPoller::new(
///     Call::new(Resource::lambda_function("arn:aws:lambda:eu-west-1:123456789012:function:submit"))
///         .result_path("$.guid"),
///     Call::new(Resource::lambda_function("arn:aws:lambda:eu-west-1:123456789012:function:check"))
///         .input_path("$.guid")
///         .result_path("$.status"),
///     Statuses::at("$.status").succeeded(["SUCCEEDED"]).failed(["FAILED"]).in_progress(["RUNNING"]),
/// )
/// .wait_seconds_path("$.wait_time")
/// .max_polls(120);
/// let machine = poller.build().unwrap();
/// assert_eq!(machine.start_at, "Submit Job");
/// ```
#[derive(Debug, Clone)]
pub struct JobPoller {
    submit: Call,
    status: Call,
    statuses: Statuses,
    interval: Interval,
    max_polls: Option<u32>,
    counter: Option<String>,
    unknown: UnknownStatus,
    names: PollerNames,
    comment: Option<String>,
}

impl JobPoller {
    /// A poller that starts the job with `submit`, reads its status with `status`, and
    /// decides with `statuses`.
    pub fn new(submit: Call, status: Call, statuses: Statuses) -> Self {
        JobPoller {
            submit,
            status,
            statuses,
            interval: Interval::Seconds(30),
            max_polls: None,
            counter: None,
            unknown: UnknownStatus::default(),
            names: PollerNames::default(),
            comment: None,
        }
    }

    setters! {
        /// Wait this many seconds between polls (`Seconds`; default 30).
        pub fn wait_seconds(mut self, seconds: i64) -> Self => interval = Interval::Seconds(seconds);
        /// Wait the number of seconds found at `path` between polls (`SecondsPath`).
        pub fn wait_seconds_path(mut self, path: impl IntoPath) -> Self => interval = Interval::SecondsPath(path_text(path));
        /// Stop after `polls` status checks that saw no final status, and take the `timed_out`
        /// exit (at least 1).
        pub fn max_polls(mut self, polls: u32) -> Self => max_polls = Some(polls);
        /// The name of the poll counter variable (default: derived from the prefix).
        pub fn poll_counter(mut self, variable: impl Into<String>) -> Self => counter = Some(variable.into());
        /// What a status in no list does (default [`UnknownStatus::Fail`]).
        pub fn on_unknown_status(mut self, unknown: UnknownStatus) -> Self => unknown = unknown;
        /// The state names (before the prefix).
        pub fn names(mut self, names: PollerNames) -> Self => names = names;
        /// The machine `Comment` written by [`build`](Self::build) (presets set one).
        pub fn comment(mut self, comment: impl Into<String>) -> Self => comment = Some(comment.into());
    }

    /// Adjusts the submit call, e.g. of a preset:
    /// `.map_submit(|c| c.parameter("JobName", "nightly"))`.
    pub fn map_submit(mut self, f: impl FnOnce(Call) -> Call) -> Self {
        self.submit = f(self.submit);
        self
    }

    /// Adjusts the status call.
    pub fn map_status(mut self, f: impl FnOnce(Call) -> Call) -> Self {
        self.status = f(self.status);
        self
    }

    /// The counter variable for `prefix`.
    fn counter_name(&self, prefix: &str) -> String {
        if let Some(c) = &self.counter {
            return c.clone();
        }
        let mut stem = String::new();
        for c in prefix.chars() {
            if c.is_ascii_alphanumeric() {
                stem.push(c.to_ascii_lowercase());
            } else if !stem.is_empty() && !stem.ends_with('_') {
                stem.push('_');
            }
        }
        let stem = stem.trim_end_matches('_');
        match stem.chars().next() {
            None => "polls".to_string(),
            Some(c) if c.is_ascii_digit() => format!("_{stem}_polls"),
            Some(_) => format!("{stem}_polls"),
        }
    }

    /// Checks the configuration and declares the poller's main states (submit, wait, status,
    /// Choice) in `scope`, named `<prefix><name>`; [`DeclaredPoller::define`] defines them
    /// once the exits are known. Use it instead of [`add_to`](Self::add_to) when an exit
    /// must point at a state declared later, e.g. at another fragment:
    ///
    /// ```
    /// use sfn::templates::{JobPoller, PollerExits};
    /// use sfn::model::StateMachine;
    ///
    /// let mut m = StateMachine::builder();
    /// let extract = JobPoller::glue("extract-orders").declare(&mut m, "Extract ").unwrap();
    /// let load = JobPoller::batch("etl", "load-orders").declare(&mut m, "Load ").unwrap();
    /// let next = load.entry();
    /// extract.define(&mut m, PollerExits::new().succeeded(next));
    /// load.define(&mut m, PollerExits::new());
    /// let machine = m.build().unwrap();
    /// assert_eq!(machine.start_at, "Extract Start Job Run");
    /// ```
    ///
    /// Fails with every configuration finding (pointers relative to `scope`,
    /// `/States/<prefixed name>/…`) without touching `scope`.
    pub fn declare<'s, D>(
        self,
        scope: &mut ScopeBuilder<'s, D>,
        prefix: &str,
    ) -> Result<DeclaredPoller<'s, D>, Diagnostics> {
        let n = &self.names;
        let s = &self.statuses;
        let findings = poller_settings(
            [
                &format!("{prefix}{}", n.submit),
                &format!("{prefix}{}", n.check),
            ],
            [&s.succeeded, &s.failed, &s.in_progress],
            self.unknown == UnknownStatus::Fail,
            self.max_polls,
            &self.counter_name(prefix),
        );
        if !findings.is_empty() {
            return Err(Diagnostics::new(findings));
        }
        let submit = scope.declare(format!("{prefix}{}", n.submit));
        let wait = scope.declare(format!("{prefix}{}", n.wait));
        let status = scope.declare(format!("{prefix}{}", n.status));
        let check = scope.declare(format!("{prefix}{}", n.check));
        Ok(DeclaredPoller {
            poller: self,
            prefix: prefix.to_string(),
            submit,
            wait,
            status,
            check,
        })
    }

    add_to_and_build! {
        exits: PollerExits;

        /// Adds the poller to `scope` (a machine, a Parallel branch or a Map processor) with its
        /// state names prefixed by `prefix`, wires its exits, and returns its entry (the submit
        /// Task) for a `Next`, a Choice rule or `start_at`.
        ///
        /// ```
        /// use sfn::templates::{Exit, JobPoller, PollerExits};
        /// use sfn::builder::{Pass, Task};
        /// use sfn::model::StateMachine;
        ///
        /// let mut m = StateMachine::builder();
        /// let prepare = m.declare("Prepare");
        /// let report = m.declare("Report");
        /// let poll = JobPoller::batch("etl-queue", "export")
        ///     .max_polls(60)
        ///     .add_to(&mut m, "Export ", PollerExits::new()
        ///         .succeeded(report)
        ///         .failed(Exit::fail("ExportFailed", "The export job failed")))
        ///     .unwrap();
        /// m.define(prepare, Pass::new().next(poll));
        /// m.define(report, Pass::new().end());
        /// let json = sfn::serde_json::to_value(m.build().unwrap()).unwrap();
        /// assert_eq!(json["States"]["Prepare"]["Next"], "Export Submit Job");
        /// assert_eq!(json["States"]["Export Wait"]["Assign"]["export_polls.$"],
        ///            "States.MathAdd($export_polls, 1)");
        /// ```
        pub fn add_to;

        /// The one-call shortcut: a whole machine with just this poller and every exit at its
        /// default (see the table above), validated by `build()`.
        ///
        /// ```
        /// let machine = sfn::templates::JobPoller::batch("etl-queue", "nightly-export")
        ///     .build()
        ///     .unwrap();
        /// println!("{}", sfn::to_json_pretty(&machine));
        /// ```
        pub fn build;
    }
}

/// A [`JobPoller`] whose main states are declared but not defined yet (see
/// [`JobPoller::declare`]). `build()` reports the states as undefined (`SFN004`) if
/// [`define`](Self::define) is never called.
#[derive(Debug)]
#[must_use = "call `define` to give the declared states their definitions"]
pub struct DeclaredPoller<'s, D = Top> {
    poller: JobPoller,
    prefix: String,
    submit: StateId<'s, D>,
    wait: StateId<'s, D>,
    status: StateId<'s, D>,
    check: StateId<'s, D>,
}

impl<'s, D> DeclaredPoller<'s, D> {
    /// The entry of the fragment: the submit Task.
    pub fn entry(&self) -> StateId<'s, D> {
        self.submit
    }

    /// Defines the declared states and the states the exits need, in `scope` (the scope
    /// given to `declare`).
    pub fn define(self, scope: &mut ScopeBuilder<'s, D>, exits: PollerExits<'s, D>) {
        let DeclaredPoller {
            poller: p,
            prefix,
            submit,
            wait,
            status,
            check,
        } = self;
        let name = |n: &str| format!("{prefix}{n}");
        let status_path = Path::parse(&p.statuses.path).ok();
        let with_status = |template: &str| {
            status_path
                .clone()
                .and_then(|sp| Intrinsic::format(template, [sp]).ok())
        };
        let failed_fail = Fail::new().error("JobFailed");
        let failed_fail = match with_status("The job ended with status {}") {
            Some(cause) => failed_fail.cause_path(cause),
            None => failed_fail.cause("The job ended with a failed status"),
        };
        let failed = exit_state(
            scope,
            name(&p.names.failed),
            exits.failed,
            Fallback::Fail(failed_fail),
        );
        let unknown = (p.unknown == UnknownStatus::Fail).then(|| {
            let fail = Fail::new().error("JobStatusUnknown");
            let fail = match with_status(
                "The job reported the status {}, which is in no status list of the poller",
            ) {
                Some(cause) => fail.cause_path(cause),
                None => {
                    fail.cause("The job reported a status that is in no status list of the poller")
                }
            };
            exit_state(
                scope,
                name(&p.names.unknown_status),
                exits.unknown_status,
                Fallback::Fail(fail),
            )
        });
        let counter = p.counter_name(&prefix);
        let limit = p.max_polls.map(|max| {
            let fail = Fail::new()
                .error("JobPollLimitReached")
                .cause(format!("The job did not finish within {max} polls"));
            let target = exit_state(
                scope,
                name(&p.names.timed_out),
                exits.timed_out,
                Fallback::Fail(fail),
            );
            (max, target)
        });
        let succeeded = exit_state(
            scope,
            name(&p.names.succeeded),
            exits.succeeded,
            Fallback::End,
        );

        let variable = Path::variable_root(&counter).ok();
        let mut submit_task = p.submit.task();
        let mut wait_state = match &p.interval {
            Interval::Seconds(s) => Wait::seconds(*s),
            Interval::SecondsPath(path) => Wait::seconds_path(path.as_str()),
        };
        if let (Some(_), Some(var)) = (limit, &variable) {
            submit_task = submit_task.assign(PayloadValue::object([(counter.as_str(), 0.into())]));
            if let Ok(add) = Intrinsic::math_add(var.clone(), 1) {
                wait_state =
                    wait_state.assign(PayloadValue::object([(counter.as_str(), add.into())]));
            }
        }
        scope.define(submit, submit_task.next(wait));
        scope.define(wait, wait_state.next(status));
        scope.define(status, p.status.task().next(check));

        let sp = p.statuses.path.as_str();
        let mut choice = Choice::new()
            .when(any_of(sp, &p.statuses.failed), failed)
            .when(any_of(sp, &p.statuses.succeeded), succeeded);
        if let (Some((max, target)), Some(var)) = (limit, variable) {
            choice = choice.when(Condition::numeric_greater_than_equals(var, max), target);
        }
        choice = match unknown {
            Some(unknown) => choice
                .when(any_of(sp, &p.statuses.in_progress), wait)
                .otherwise(unknown),
            None => choice.otherwise(wait),
        };
        scope.define(check, choice);
    }
}
