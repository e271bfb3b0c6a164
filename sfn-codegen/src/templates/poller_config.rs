//! The poller's configuration types: [`Statuses`], [`UnknownStatus`], [`PollerNames`] and
//! [`PollerExits`].

use super::fragment::{exits_type, path_text};
use sfn_dsl::builder::{Condition, IntoPath};

/// Which status values mean what, and where the status is in the output of the status task.
///
/// Each list may hold several values (one Choice rule per list, an `Or` when it has more than
/// one value). `succeeded` and `failed` must not be empty, and no value may be in two lists.
///
/// ```
/// use sfn::templates::Statuses;
///
/// let s = Statuses::at("$.status.JobRun.JobRunState")
///     .succeeded(["SUCCEEDED"])
///     .failed(["FAILED", "ERROR", "TIMEOUT", "STOPPED", "EXPIRED"])
///     .in_progress(["STARTING", "RUNNING", "STOPPING", "WAITING"]);
/// assert_eq!(s.path(), "$.status.JobRun.JobRunState");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statuses {
    pub(crate) path: String,
    pub(crate) succeeded: Vec<String>,
    pub(crate) failed: Vec<String>,
    pub(crate) in_progress: Vec<String>,
}

fn strings<S: Into<String>>(values: impl IntoIterator<Item = S>) -> Vec<String> {
    values.into_iter().map(Into::into).collect()
}

impl Statuses {
    /// The status is the string at `path` (in the status task's output, after its
    /// `ResultSelector`/`ResultPath`); all lists start empty.
    pub fn at(path: impl IntoPath) -> Self {
        Statuses {
            path: path_text(path),
            succeeded: Vec::new(),
            failed: Vec::new(),
            in_progress: Vec::new(),
        }
    }

    /// The values that mean the job succeeded (replaces the list).
    pub fn succeeded<S: Into<String>>(mut self, values: impl IntoIterator<Item = S>) -> Self {
        self.succeeded = strings(values);
        self
    }

    /// The values that mean the job failed (replaces the list).
    pub fn failed<S: Into<String>>(mut self, values: impl IntoIterator<Item = S>) -> Self {
        self.failed = strings(values);
        self
    }

    /// The values that mean the job is still running (replaces the list). Needed with
    /// [`UnknownStatus::Fail`]; with [`UnknownStatus::KeepPolling`] they are not written
    /// (the Choice's `Default` already polls again).
    pub fn in_progress<S: Into<String>>(mut self, values: impl IntoIterator<Item = S>) -> Self {
        self.in_progress = strings(values);
        self
    }

    /// The status path.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// What the poller does with a status that is in none of the lists.
///
/// ```
/// use sfn::templates::{JobPoller, UnknownStatus};
///
/// // Seed-001 style: anything but SUCCEEDED/FAILED polls again.
/// let p = JobPoller::batch("jobs", "nightly").on_unknown_status(UnknownStatus::KeepPolling);
/// # let _ = p;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnknownStatus {
    /// The Choice's `Default` goes to the `unknown_status` exit (by default a Fail state
    /// `Unknown Job Status`, `Error` `JobStatusUnknown`, with the status in its `Cause`); the
    /// in-progress values get a rule of their own that polls again. A new status added by
    /// the service fails loudly instead of looping forever. The default.
    #[default]
    Fail,
    /// The Choice's `Default` polls again (as the AWS samples do). Pair it with
    /// [`max_polls`](super::JobPoller::max_polls) so that a status nobody expected cannot loop
    /// forever.
    KeepPolling,
}

/// The names of the poller's states, before the prefix. `Default` gives the names in the
/// table of [`JobPoller`](super::JobPoller); change single ones with struct update syntax.
///
/// ```
/// use sfn::templates::PollerNames;
///
/// let names = PollerNames { wait: "Wait X Seconds".into(), ..PollerNames::default() };
/// assert_eq!(names.check, "Job Complete?");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollerNames {
    /// The submit Task (the entry). Default `Submit Job`.
    pub submit: String,
    /// The Wait state. Default `Wait`.
    pub wait: String,
    /// The status Task. Default `Get Job Status`.
    pub status: String,
    /// The Choice. Default `Job Complete?`.
    pub check: String,
    /// The state made for the `succeeded` exit when it is `End`/`Succeed`. Default `Job Succeeded`.
    pub succeeded: String,
    /// The state made for the `failed` exit. Default `Job Failed`.
    pub failed: String,
    /// The state made for the `unknown_status` exit. Default `Unknown Job Status`.
    pub unknown_status: String,
    /// The state made for the `timed_out` exit. Default `Job Poll Limit Reached`.
    pub timed_out: String,
}

impl Default for PollerNames {
    fn default() -> Self {
        PollerNames {
            submit: "Submit Job".into(),
            wait: "Wait".into(),
            status: "Get Job Status".into(),
            check: "Job Complete?".into(),
            succeeded: "Job Succeeded".into(),
            failed: "Job Failed".into(),
            unknown_status: "Unknown Job Status".into(),
            timed_out: "Job Poll Limit Reached".into(),
        }
    }
}

exits_type! {
    /// Where the poller's exits go; an exit left unset gets the default of the table of
    /// [`JobPoller`](super::JobPoller).
    ///
    /// ```
    /// use sfn::templates::{Exit, PollerExits};
    ///
    /// let exits = PollerExits::new().failed(Exit::fail("ExportFailed", "The nightly export failed"));
    /// # let _: PollerExits = exits; // used nowhere here, so the depth is not inferred
    /// ```
    pub struct PollerExits;

    /// Every exit at its default.
    pub fn new;

    /// Where to go when the status is a succeeded value.
    pub fn succeeded;

    /// Where to go when the status is a failed value.
    pub fn failed;

    /// Where to go when the status is in no list (with [`UnknownStatus::Fail`]).
    pub fn unknown_status;

    /// Where to go when [`max_polls`](super::JobPoller::max_polls) polls did not see the job finish.
    pub fn timed_out;
}

/// The status at `path` is one of `values`: one comparison, or an `Or` of several.
pub(crate) fn any_of(path: &str, values: &[String]) -> Condition {
    match values {
        [one] => Condition::string_equals(path, one.as_str()),
        _ => Condition::or(
            values
                .iter()
                .map(|v| Condition::string_equals(path, v.as_str())),
        ),
    }
}
