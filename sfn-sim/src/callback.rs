//! Callbacks: an execution whose `.waitForTaskToken` tasks wait for the test to answer them
//! (`SendTaskSuccess`, `SendTaskFailure`, `SendTaskHeartbeat`), while virtual time passes.
//!
//! The interpreter runs a state graph as nested calls, so it cannot stop in the middle of one
//! and go on later. An execution that waits is instead *replayed*: every run starts from the
//! input again with everything the test has sent so far (each answer and heartbeat with the
//! virtual time it was sent at), and the simulator is deterministic, so the replay takes the
//! same path up to the task that waits and then goes on with the new answer. What is not
//! deterministic by nature, a [`Mock::from_fn`](crate::Mock::from_fn) closure, is called once:
//! its results are kept and given back to the replays.

use crate::error::{SimError, StatesError};
use crate::history::{Execution, Status};
use crate::time::Timestamp;
use crate::{Simulator, exec};
use serde_json::Value;
use std::time::Duration;

/// A `.waitForTaskToken` task that waits for a callback.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PendingCallback {
    /// The Task state's name.
    pub state: String,
    /// Its task token (`$$.Task.Token`): what the `send_task_*` methods take.
    pub token: String,
    /// Its `Resource` (e.g. `arn:aws:states:::sqs:sendMessage.waitForTaskToken`).
    pub resource: String,
    /// The effective parameters: what the service was sent, the token usually among them.
    pub parameters: Value,
    /// When the task was scheduled, on the virtual clock.
    pub scheduled_at: Timestamp,
    /// When `TimeoutSeconds` ends it with `States.Timeout`, if it has one.
    pub timeout_at: Option<Timestamp>,
    /// When `HeartbeatSeconds` ends it with `States.HeartbeatTimeout` unless a heartbeat or an
    /// answer comes first, if it has one.
    pub heartbeat_timeout_at: Option<Timestamp>,
    /// Which callback task of the run this is (0 for the first one reached): answers are kept
    /// by it, since a fixed [`Simulator::task_token`] gives every task the same token.
    pub(crate) ordinal: usize,
}

/// What the test has sent so far, replayed by every run of a waiting execution.
#[derive(Debug, Clone)]
pub(crate) struct Replay {
    /// The virtual time the execution has reached: a task whose time runs out before it times
    /// out, and a task without an answer waits.
    pub now: Timestamp,
    /// By callback ordinal: the answers and heartbeats sent to that task.
    pub callbacks: Vec<Sent>,
    /// The results of the `Mock::from_fn` calls, in the order of the calls.
    pub fn_results: Vec<Result<Value, StatesError>>,
}

/// What was sent to one callback task.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sent {
    /// The heartbeats, in the order they were sent.
    pub heartbeats: Vec<Timestamp>,
    /// The answer and when it was sent.
    pub answer: Option<(Timestamp, Result<Value, StatesError>)>,
}

impl Replay {
    pub(crate) fn new(start: Timestamp) -> Replay {
        Replay {
            now: start,
            callbacks: Vec::new(),
            fn_results: Vec::new(),
        }
    }

    fn sent(&mut self, ordinal: usize) -> &mut Sent {
        if self.callbacks.len() <= ordinal {
            self.callbacks.resize_with(ordinal + 1, Sent::default);
        }
        &mut self.callbacks[ordinal]
    }
}

/// An execution the test drives: started by [`Simulator::start`], it runs until it ends or
/// until a `.waitForTaskToken` task that no mock answers waits for its callback. The test then
/// answers the task as a worker would ([`send_task_success`](Self::send_task_success),
/// [`send_task_failure`](Self::send_task_failure)), keeps it alive
/// ([`send_task_heartbeat`](Self::send_task_heartbeat)), or lets virtual time pass
/// ([`advance_clock`](Self::advance_clock)) until `TimeoutSeconds` or `HeartbeatSeconds` ends
/// it with `States.Timeout` or `States.HeartbeatTimeout`; Retry and Catch apply as on AWS.
///
/// ```
/// use sfn::serde_json::json;
/// use sfn::model::StateMachine;
/// use sfn::sim::{Simulator, Status};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Approve", "States": {"Approve": {
///     "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
///     "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
///     "HeartbeatSeconds": 60, "End": true}}}"#).unwrap();
/// let sim = Simulator::new(&machine);
/// let mut exec = sim.start(json!({})).unwrap();
/// assert_eq!(exec.status(), Status::Running);
/// let token = exec.pending_callbacks()[0].token.clone();
/// assert_eq!(exec.pending_callbacks()[0].parameters["MessageBody"]["token"], token.as_str());
///
/// exec.send_task_success(&token, json!({"approved": true})).unwrap();
/// assert_eq!(exec.status(), Status::Succeeded);
/// assert_eq!(exec.execution().output, Some(json!({"approved": true})));
/// ```
///
/// Which wins: a mock. A `.waitForTaskToken` task with a state, resource or default mock gets
/// the mock's outcome as its callback's, without waiting (the way Step Functions Local's mocks
/// answer it); only a task without any mock waits.
///
/// The simulator runs Parallel branches and Map iterations one after the other, so one task
/// waits at a time: the branches and iterations after it start once it has its answer (or has
/// timed out).
pub struct ExecutionHandle<'s> {
    sim: &'s Simulator<'s>,
    input: Value,
    replay: Replay,
    execution: Execution,
}

impl std::fmt::Debug for ExecutionHandle<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExecutionHandle")
            .field("now", &self.replay.now)
            .field("execution", &self.execution)
            .finish_non_exhaustive()
    }
}

impl<'s> ExecutionHandle<'s> {
    pub(crate) fn start(sim: &'s Simulator<'s>, input: Value) -> Result<Self, SimError> {
        let (execution, replay) =
            exec::run(sim, input.clone(), Replay::new(sim.settings.start_time))?;
        Ok(ExecutionHandle {
            sim,
            input,
            replay,
            execution,
        })
    }

    /// `RUNNING` while a task waits for a callback, then how the execution ended.
    pub fn status(&self) -> Status {
        self.execution.status
    }

    /// The tasks waiting for a callback (empty once the execution ended).
    pub fn pending_callbacks(&self) -> &[PendingCallback] {
        &self.execution.pending_callbacks
    }

    /// The virtual time the execution has reached: when it started waiting, plus the time the
    /// test let pass; the time of its end once it ended.
    pub fn now(&self) -> Timestamp {
        self.replay.now
    }

    /// The execution so far: status, output or error, history, pending callbacks.
    pub fn execution(&self) -> &Execution {
        &self.execution
    }

    /// The execution so far, taken out of the handle.
    pub fn into_execution(self) -> Execution {
        self.execution
    }

    /// `SendTaskSuccess`: the task holding `token` succeeds now with `output` as its result,
    /// and the execution goes on until it ends or a task waits again.
    ///
    /// `Err` for a token no task waits for ([`SimError::UnknownTaskToken`]), or when the run
    /// after the answer cannot go on (a task without a mock, …); the handle is then unchanged.
    pub fn send_task_success(&mut self, token: &str, output: Value) -> Result<(), SimError> {
        self.answer(token, Ok(output))
    }

    /// `SendTaskFailure`: the task holding `token` fails now with `error` and `cause` (its
    /// Retry and Catch see them), and the execution goes on.
    ///
    /// `Err` as for [`send_task_success`](Self::send_task_success).
    pub fn send_task_failure(
        &mut self,
        token: &str,
        error: impl Into<String>,
        cause: impl Into<String>,
    ) -> Result<(), SimError> {
        self.answer(token, Err(StatesError::new(error, cause)))
    }

    /// `SendTaskHeartbeat`: the task holding `token` starts a new `HeartbeatSeconds` from now.
    /// AWS records no event for it.
    ///
    /// `Err` for a token no task waits for ([`SimError::UnknownTaskToken`]).
    pub fn send_task_heartbeat(&mut self, token: &str) -> Result<(), SimError> {
        let ordinal = self.ordinal(token)?;
        let now = self.replay.now;
        self.resume(|replay| replay.sent(ordinal).heartbeats.push(now))
    }

    /// Lets `by` of virtual time pass: a waiting task whose `TimeoutSeconds` or
    /// `HeartbeatSeconds` runs out in that time fails with `States.Timeout` or
    /// `States.HeartbeatTimeout` at that instant, and the execution goes on from there (a
    /// machine's `TimeoutSeconds` likewise ends it `TIMED_OUT`). Nothing happens to an execution
    /// that ended, except that its clock moves.
    ///
    /// `Err` when the run after a timeout cannot go on (a task without a mock, …); the handle
    /// is then unchanged.
    pub fn advance_clock(&mut self, by: Duration) -> Result<(), SimError> {
        let nanos = i128::try_from(by.as_nanos()).unwrap_or(i128::MAX);
        let to = Timestamp::from_nanos(self.replay.now.as_nanos().saturating_add(nanos));
        if self.execution.status != Status::Running {
            self.replay.now = to;
            return Ok(());
        }
        self.resume(|replay| replay.now = to)
    }

    fn answer(&mut self, token: &str, answer: Result<Value, StatesError>) -> Result<(), SimError> {
        let ordinal = self.ordinal(token)?;
        let now = self.replay.now;
        self.resume(|replay| replay.sent(ordinal).answer = Some((now, answer)))
    }

    /// The ordinal of the waiting task that holds `token`.
    fn ordinal(&self, token: &str) -> Result<usize, SimError> {
        let pending = &self.execution.pending_callbacks;
        pending
            .iter()
            .find(|p| p.token == token)
            .map(|p| p.ordinal)
            .ok_or_else(|| SimError::UnknownTaskToken {
                token: token.to_owned(),
                pending: pending.iter().map(|p| p.token.clone()).collect(),
            })
    }

    /// Runs the execution again with what the test has sent, changed by `change`; keeps the
    /// handle as it was when that run fails.
    fn resume(&mut self, change: impl FnOnce(&mut Replay)) -> Result<(), SimError> {
        let mut replay = self.replay.clone();
        change(&mut replay);
        let (execution, replay) = exec::run(self.sim, self.input.clone(), replay)?;
        self.execution = execution;
        self.replay = replay;
        Ok(())
    }
}
