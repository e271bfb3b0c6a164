//! The result of a run: [`Execution`] with its status and its history of [`Event`]s, in AWS's
//! event vocabulary (`GetExecutionHistory`).

use crate::callback::PendingCallback;
use crate::time::Timestamp;
use serde_json::Value;
use std::sync::Arc;

macro_rules! event_types {
    ($($name:ident),* $(,)?) => {
        /// The type of a history event, named as AWS names it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum EventType {
            $(
                #[doc = concat!("`", stringify!($name), "`")]
                $name,
            )*
        }

        impl EventType {
            /// The name as AWS writes it, e.g. `"PassStateEntered"`.
            pub fn as_str(self) -> &'static str {
                match self { $(EventType::$name => stringify!($name),)* }
            }
        }
    };
}

event_types! {
    ExecutionStarted, ExecutionSucceeded, ExecutionFailed, ExecutionTimedOut,
    TaskStateEntered, TaskStateExited, PassStateEntered, PassStateExited,
    ChoiceStateEntered, ChoiceStateExited, WaitStateEntered, WaitStateExited,
    SucceedStateEntered, SucceedStateExited, FailStateEntered,
    ParallelStateEntered, ParallelStateExited, ParallelStateStarted, ParallelStateSucceeded,
    ParallelStateFailed,
    MapStateEntered, MapStateExited, MapStateStarted, MapStateSucceeded, MapStateFailed,
    MapIterationStarted, MapIterationSucceeded, MapIterationFailed,
    MapRunStarted, MapRunSucceeded, MapRunFailed,
    TaskScheduled, TaskStarted, TaskSubmitted, TaskSucceeded, TaskFailed, TaskTimedOut,
}

impl EventType {
    /// The `…StateEntered` event of a state type (`"Pass"`, `"Task"`, …).
    pub(crate) fn entered(state_type: &str) -> EventType {
        match state_type {
            "Task" => EventType::TaskStateEntered,
            "Pass" => EventType::PassStateEntered,
            "Choice" => EventType::ChoiceStateEntered,
            "Wait" => EventType::WaitStateEntered,
            "Succeed" => EventType::SucceedStateEntered,
            "Fail" => EventType::FailStateEntered,
            "Parallel" => EventType::ParallelStateEntered,
            _ => EventType::MapStateEntered,
        }
    }

    /// The `…StateExited` event of a state type (Fail states never exit).
    pub(crate) fn exited(state_type: &str) -> EventType {
        match state_type {
            "Task" => EventType::TaskStateExited,
            "Pass" => EventType::PassStateExited,
            "Choice" => EventType::ChoiceStateExited,
            "Wait" => EventType::WaitStateExited,
            "Succeed" => EventType::SucceedStateExited,
            "Parallel" => EventType::ParallelStateExited,
            _ => EventType::MapStateExited,
        }
    }

    /// True for the `…StateEntered` events.
    pub fn is_state_entered(self) -> bool {
        self.as_str().ends_with("StateEntered")
    }

    /// True for the `…StateExited` events.
    pub fn is_state_exited(self) -> bool {
        self.as_str().ends_with("StateExited")
    }
}

/// One event of the history. Fields that do not apply to the event's type are `None`.
///
/// Names and values are shared (`Arc`): the output of a state, the `…StateExited` event that
/// records it and the `…StateEntered` event of the next state hold one value, so a history costs
/// no copy of the data it records. Read them through `as_deref()`:
/// `event.output.as_deref() == Some(&json!(1))`, `event.state.as_deref() == Some("Pass")`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Event {
    /// 1, 2, 3, … in order.
    pub id: u64,
    /// The event before this one (0 for the first).
    pub previous_event_id: u64,
    /// When it happened, on the virtual clock.
    pub timestamp: Timestamp,
    /// What happened.
    pub event_type: EventType,
    /// The state's name (state, task, Map and Parallel events).
    pub state: Option<Arc<str>>,
    /// The input (`ExecutionStarted`, `…StateEntered`) or the parameters (`TaskScheduled`).
    pub input: Option<Arc<Value>>,
    /// The output (`…StateExited`, `TaskSucceeded`, `ExecutionSucceeded`; never on
    /// `TaskSubmitted`, whose output on AWS is the response of a service the simulator does not
    /// call).
    pub output: Option<Arc<Value>>,
    /// The error name of a failure event.
    pub error: Option<String>,
    /// The cause of a failure event.
    pub cause: Option<String>,
    /// The task's resource (`TaskScheduled`, …).
    pub resource: Option<Arc<str>>,
    /// The item index of a Map iteration event.
    pub index: Option<usize>,
    /// The number of iterations of `MapStateStarted`.
    pub length: Option<usize>,
    /// The variables a state assigned (on its `…StateExited` event).
    pub assigned: Option<Arc<serde_json::Map<String, Value>>>,
}

impl Event {
    /// The event as AWS's `GetExecutionHistory` returns it: `id`, `previousEventId`,
    /// `timestamp`, `type` and the details object of its type (`stateEnteredEventDetails`,
    /// `taskFailedEventDetails`, `mapIterationStartedEventDetails`, …), with inputs and outputs
    /// as JSON values rather than JSON text (as the recordings under `sim-cases/` have them).
    ///
    /// ```
    /// use sfn::serde_json::json;
    /// use sfn::model::StateMachine;
    /// use sfn::sim::Simulator;
    ///
    /// let machine = StateMachine::from_json(
    ///     r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#,
    /// ).unwrap();
    /// let exec = Simulator::new(&machine).run(json!({"a": 1})).unwrap();
    /// assert_eq!(exec.history[1].to_aws_json(), json!({
    ///     "id": 2, "previousEventId": 0, "timestamp": "2024-01-01T00:00:00.000Z",
    ///     "type": "PassStateEntered",
    ///     "stateEnteredEventDetails": {"name": "P", "input": {"a": 1}}
    /// }));
    /// ```
    pub fn to_aws_json(&self) -> Value {
        use EventType as T;
        let mut details = serde_json::Map::new();
        let mut put = |k: &str, v: Option<Value>| {
            if let Some(v) = v {
                details.insert(k.to_owned(), v);
            }
        };
        let name = self.state.as_deref().map(Value::from);
        let text = |s: &Option<String>| s.clone().map(Value::String);
        let shared = |s: &Option<Arc<str>>| s.as_deref().map(Value::from);
        let value = |v: &Option<Arc<Value>>| v.as_deref().cloned();
        // The details are named after the type (`taskScheduledEventDetails`), but those of
        // every `…StateEntered` and `…StateExited` event.
        let of_type = Some(self.event_type.as_str());
        let key = match self.event_type {
            T::ExecutionStarted => {
                put("input", value(&self.input));
                of_type
            }
            T::ExecutionSucceeded => {
                put("output", value(&self.output));
                of_type
            }
            T::ExecutionFailed | T::ExecutionTimedOut => {
                put("error", text(&self.error));
                put("cause", text(&self.cause));
                of_type
            }
            t if t.is_state_entered() => {
                put("name", name);
                put("input", value(&self.input));
                Some("StateEntered")
            }
            t if t.is_state_exited() => {
                put("name", name);
                put("output", value(&self.output));
                put(
                    "assignedVariables",
                    self.assigned.as_deref().cloned().map(Value::Object),
                );
                Some("StateExited")
            }
            T::TaskScheduled
            | T::TaskStarted
            | T::TaskSubmitted
            | T::TaskSucceeded
            | T::TaskFailed
            | T::TaskTimedOut => {
                put("resource", shared(&self.resource));
                match self.event_type {
                    T::TaskScheduled => put("parameters", value(&self.input)),
                    T::TaskSubmitted | T::TaskSucceeded => put("output", value(&self.output)),
                    T::TaskFailed | T::TaskTimedOut => {
                        put("error", text(&self.error));
                        put("cause", text(&self.cause));
                    }
                    _ => {}
                }
                of_type
            }
            T::MapStateStarted => {
                put("length", self.length.map(Value::from));
                of_type
            }
            T::MapIterationStarted | T::MapIterationSucceeded | T::MapIterationFailed => {
                put("name", name);
                put("index", self.index.map(Value::from));
                of_type
            }
            _ => None,
        };
        let mut event = serde_json::json!({
            "id": self.id,
            "previousEventId": self.previous_event_id,
            "timestamp": self.timestamp.to_string(),
            "type": self.event_type.as_str(),
        });
        if let Some(key) = key {
            let (first, rest) = key.split_at(1);
            let key = format!("{}{rest}EventDetails", first.to_ascii_lowercase());
            event[key] = Value::Object(details);
        }
        event
    }

    pub(crate) fn new(event_type: EventType, timestamp: Timestamp) -> Event {
        Event {
            id: 0,
            previous_event_id: 0,
            timestamp,
            event_type,
            state: None,
            input: None,
            output: None,
            error: None,
            cause: None,
            resource: None,
            index: None,
            length: None,
            assigned: None,
        }
    }
}

/// How an execution ended, or that it has not ended yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// `RUNNING`: a `.waitForTaskToken` task waits for a callback
    /// ([`Execution::pending_callbacks`]).
    Running,
    /// `SUCCEEDED`.
    Succeeded,
    /// `FAILED`.
    Failed,
    /// `TIMED_OUT`: the machine's `TimeoutSeconds` passed.
    TimedOut,
}

impl Status {
    /// The status as AWS writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Running => "RUNNING",
            Status::Succeeded => "SUCCEEDED",
            Status::Failed => "FAILED",
            Status::TimedOut => "TIMED_OUT",
        }
    }
}

/// One state the execution went through: its input, and its output when it exited.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Step {
    /// The state's name.
    pub name: String,
    /// Its type (`"Pass"`, `"Task"`, …).
    pub state_type: &'static str,
    /// Its input (from `…StateEntered`).
    pub input: Value,
    /// Its output (from `…StateExited`); `None` when it failed or was caught.
    pub output: Option<Value>,
    /// The variables it assigned.
    pub assigned: Option<serde_json::Map<String, Value>>,
}

/// A simulated execution: finished, or `RUNNING` while a task waits for a callback.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Execution {
    /// How it ended ([`Status::Running`] while it waits for a callback).
    pub status: Status,
    /// The output when it succeeded.
    pub output: Option<Value>,
    /// The error name when it failed or timed out (`None` also for a Fail state without
    /// `Error`).
    pub error: Option<String>,
    /// The cause when it failed or timed out (`None` when there is none, as for a Fail state
    /// without `Cause` or an execution timeout).
    pub cause: Option<String>,
    /// Every event, in order (up to the wait of a `RUNNING` execution).
    pub history: Vec<Event>,
    /// The tasks of a `RUNNING` execution that wait for a callback (empty once it ended); see
    /// [`ExecutionHandle`](crate::ExecutionHandle) to answer them.
    pub pending_callbacks: Vec<PendingCallback>,
    /// The state and resource mocks this run never called, as `mock_task("Name")` /
    /// `mock_resource("arn")`: a mock that is never used usually means a test that does not
    /// test what it says.
    pub unused_mocks: Vec<String>,
}

impl Execution {
    /// True when the status is `SUCCEEDED`.
    pub fn succeeded(&self) -> bool {
        self.status == Status::Succeeded
    }

    /// The names of the states entered, in order (states of Parallel branches and Map
    /// iterations included, in the order the simulator ran them).
    pub fn path(&self) -> Vec<&str> {
        self.history
            .iter()
            .filter(|e| e.event_type.is_state_entered())
            .filter_map(|e| e.state.as_deref())
            .collect()
    }

    /// Every state entered, with its input and output, in order.
    pub fn steps(&self) -> Vec<Step> {
        let mut steps: Vec<Step> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        for e in &self.history {
            let Some(name) = e.state.as_deref() else {
                continue;
            };
            if e.event_type.is_state_entered() {
                open.push(steps.len());
                let state_type = e.event_type.as_str().trim_end_matches("StateEntered");
                steps.push(Step {
                    name: name.to_owned(),
                    state_type: STATE_TYPES
                        .iter()
                        .find(|t| **t == state_type)
                        .copied()
                        .unwrap_or("Map"),
                    input: e.input.as_deref().cloned().unwrap_or(Value::Null),
                    output: None,
                    assigned: None,
                });
            } else if e.event_type.is_state_exited()
                && let Some(pos) = open.iter().rposition(|&i| steps[i].name == name)
            {
                let i = open[pos];
                open.truncate(pos);
                steps[i].output = e.output.as_deref().cloned();
                steps[i].assigned = e.assigned.as_deref().cloned();
            }
        }
        steps
    }

    /// The input of the first visit of the state `name`.
    pub fn input_of(&self, name: &str) -> Option<Value> {
        self.steps()
            .into_iter()
            .find(|s| s.name == name)
            .map(|s| s.input)
    }

    /// The output of the first visit of the state `name` that exited.
    pub fn output_of(&self, name: &str) -> Option<Value> {
        self.steps()
            .into_iter()
            .filter(|s| s.name == name)
            .find_map(|s| s.output)
    }

    /// The events of one type, in order.
    pub fn events(&self, event_type: EventType) -> impl Iterator<Item = &Event> {
        self.history
            .iter()
            .filter(move |e| e.event_type == event_type)
    }
}

const STATE_TYPES: &[&str] = &[
    "Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map",
];
