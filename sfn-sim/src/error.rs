//! The two kinds of failure: an error *inside* the simulated execution ([`StatesError`], which
//! Retry and Catch see and which can fail the execution), and an error *of the simulation*
//! ([`SimError`]: a task without a mock, a feature not implemented yet), which stops the run.

use std::fmt;

/// A runtime error as AWS reports it: an error name (`States.Runtime`, `States.TaskFailed`, a
/// name raised by a task or a Fail state) and a cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatesError {
    /// The error name, e.g. `States.Timeout`.
    pub error: String,
    /// The human-readable cause (may be empty).
    pub cause: String,
}

impl StatesError {
    /// An error with a name and a cause.
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> StatesError {
        StatesError {
            error: error.into(),
            cause: cause.into(),
        }
    }
}

impl fmt::Display for StatesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error, self.cause)
    }
}

/// The error names AWS Step Functions defines (`States.*`).
pub mod names {
    /// Matches every error name except [`RUNTIME`].
    pub const ALL: &str = "States.ALL";
    /// A Parallel or Map branch failed.
    pub const BRANCH_FAILED: &str = "States.BranchFailed";
    /// A state's input, output or result exceeded 256 KiB. The AWS guide calls it terminal,
    /// but AWS catches it on a Task (by name and by `States.ALL`), and so does the simulator.
    pub const DATA_LIMIT_EXCEEDED: &str = "States.DataLimitExceeded";
    /// A Distributed Map exceeded its tolerated failures.
    pub const EXCEED_TOLERATED_FAILURE_THRESHOLD: &str = "States.ExceedToleratedFailureThreshold";
    /// A task sent no heartbeat for longer than `HeartbeatSeconds`.
    pub const HEARTBEAT_TIMEOUT: &str = "States.HeartbeatTimeout";
    /// A Map's `ItemReader` could not read its items.
    pub const ITEM_READER_FAILED: &str = "States.ItemReaderFailed";
    /// An intrinsic function failed.
    pub const INTRINSIC_FAILURE: &str = "States.IntrinsicFailure";
    /// No Choice rule matched and there is no `Default`.
    pub const NO_CHOICE_MATCHED: &str = "States.NoChoiceMatched";
    /// A JSONata expression failed or gave a value of the wrong type.
    pub const QUERY_EVALUATION_ERROR: &str = "States.QueryEvaluationError";
    /// The execution failed on something it could not process (a path that matches nothing, an
    /// invalid Wait value, …); terminal: `States.ALL` does not catch it.
    pub const RUNTIME: &str = "States.Runtime";
    /// A task failed (matches every task error except [`TIMEOUT`]).
    pub const TASK_FAILED: &str = "States.TaskFailed";
    /// A task ran longer than `TimeoutSeconds`, or the execution longer than its `TimeoutSeconds`.
    pub const TIMEOUT: &str = "States.Timeout";
}

/// Why a simulation could not run to an AWS outcome. A *failed execution* is not a `SimError`:
/// it is an [`Execution`](crate::Execution) with status `FAILED`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SimError {
    /// A Task state was entered and no mock answers it (by state name or by resource).
    UnmockedTask {
        /// The state's name.
        state: String,
        /// Its `Resource`.
        resource: String,
    },
    /// The definition uses something the simulator does not implement yet.
    Unsupported {
        /// What is not supported.
        feature: String,
        /// The state that uses it, if any.
        state: Option<String>,
    },
    /// The definition cannot run: `StartAt`/`Next` names a missing state, a JSONPath-mode field
    /// holds a JSONata expression, ….
    InvalidDefinition(String),
    /// A Step Functions Local `MockConfigFile.json` could not be read.
    MockConfig(String),
    /// A mock was used wrongly (an empty sequence, a mock that never completes without any timeout).
    Mock {
        /// The state whose mock failed.
        state: String,
        /// What went wrong.
        message: String,
    },
    /// [`send_task_success`](crate::ExecutionHandle::send_task_success),
    /// [`send_task_failure`](crate::ExecutionHandle::send_task_failure) or
    /// [`send_task_heartbeat`](crate::ExecutionHandle::send_task_heartbeat) named a task token
    /// that no task is waiting for: a token never issued, or the token of a task that already
    /// succeeded, failed or timed out (AWS answers `TaskDoesNotExist` or `TaskTimedOut`).
    UnknownTaskToken {
        /// The token sent.
        token: String,
        /// The tokens of the tasks that are waiting for a callback.
        pending: Vec<String>,
    },
}

impl SimError {
    pub(crate) fn unsupported(feature: impl Into<String>, state: Option<&str>) -> SimError {
        SimError::Unsupported {
            feature: feature.into(),
            state: state.map(str::to_owned),
        }
    }
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimError::UnmockedTask { state, resource } => write!(
                f,
                "the Task state '{state}' (resource '{resource}') has no mock: add one with mock_task(\"{state}\", …) or mock_resource(…)"
            ),
            SimError::Unsupported {
                feature,
                state: Some(state),
            } => write!(
                f,
                "not supported by the simulator yet: {feature} (in state '{state}')"
            ),
            SimError::Unsupported {
                feature,
                state: None,
            } => write!(f, "not supported by the simulator yet: {feature}"),
            SimError::InvalidDefinition(message) => {
                write!(f, "the definition cannot run: {message}")
            }
            SimError::MockConfig(message) => write!(f, "the mock configuration: {message}"),
            SimError::Mock { state, message } => {
                write!(f, "the mock of state '{state}': {message}")
            }
            SimError::UnknownTaskToken { token, pending } if pending.is_empty() => write!(
                f,
                "no task is waiting for the task token '{token}': no task waits for a callback"
            ),
            SimError::UnknownTaskToken { token, pending } => write!(
                f,
                "no task is waiting for the task token '{token}'; the tasks waiting have the token{} '{}'",
                if pending.len() == 1 { "" } else { "s" },
                pending.join("', '")
            ),
        }
    }
}

impl std::error::Error for SimError {}

/// What interrupts the evaluation of a state: an AWS error (catchable or not) or a simulation
/// error (which ends the run).
#[derive(Debug, Clone)]
pub(crate) enum Fault {
    /// An error of the execution.
    States(StatesError),
    /// An error of the simulation.
    Sim(SimError),
    /// A Parallel or Map state failed after it started its branches or iterations: the state
    /// emits its `…StateFailed` event unless it retries (only the state itself sees this).
    FanOutFailed(StatesError),
    /// An end of the whole execution that no Catch sees: its `TimeoutSeconds` passed
    /// (`TIMED_OUT`), or its history reached its limit (`FAILED`).
    Terminal(StatesError, crate::Status),
    /// A `.waitForTaskToken` task that no mock answers waits for a callback the test has not
    /// sent yet: the run stops here, and the execution is `RUNNING` (the task is in
    /// `Run::pending`).
    Paused,
}

impl From<SimError> for Fault {
    fn from(e: SimError) -> Fault {
        Fault::Sim(e)
    }
}

impl From<StatesError> for Fault {
    fn from(e: StatesError) -> Fault {
        Fault::States(e)
    }
}
