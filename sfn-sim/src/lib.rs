#![doc = include_str!("../README.md")]

mod callback;
mod choice;
mod error;
mod exec;
mod filter;
mod history;
mod intrinsics;
mod json;
pub mod jsonata;
mod mock;
mod select;
mod time;
mod vars;

pub use callback::{ExecutionHandle, PendingCallback};
pub use error::{SimError, StatesError, names};
pub use history::{Event, EventType, Execution, Status, Step};
pub use mock::{Mock, TaskCall};
pub use time::Timestamp;

use serde_json::Value;
use sfn_dsl::model::StateMachine;
use std::collections::HashMap;

/// AWS's quota of events in one execution's history.
pub const MAX_HISTORY_EVENTS: usize = 25_000;

/// A state machine ready to run, with its mocks and the settings of its executions.
///
/// Every setting has a deterministic default, so two runs with the same input give the same
/// execution, history timestamps and random numbers included.
pub struct Simulator<'m> {
    machine: &'m StateMachine,
    task_mocks: HashMap<String, Mock>,
    resource_mocks: HashMap<String, Mock>,
    default_mock: Option<Mock>,
    reader_mocks: HashMap<String, Mock>,
    writer_mocks: HashMap<String, Mock>,
    settings: Settings,
    jsonata: Option<Box<dyn jsonata::JsonataEngine + 'm>>,
}

/// The values the context object and the history are made of.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub state_machine_name: String,
    pub execution_name: String,
    pub region: String,
    pub account: String,
    pub role_arn: Option<String>,
    pub start_time: Timestamp,
    pub seed: u64,
    pub max_events: usize,
    pub task_token: Option<String>,
}

/// The setters that add a mock to one of the simulator's maps, under the name of what it mocks.
macro_rules! mock_setters {
    ($($(#[$doc:meta])* pub fn $name:ident($key:ident) => $map:ident;)*) => {
        impl Simulator<'_> {$(
            $(#[$doc])*
            pub fn $name(mut self, $key: impl Into<String>, mock: Mock) -> Self {
                self.$map.insert($key.into(), mock);
                self
            }
        )*}
    };
}

mock_setters! {
    /// Mocks the Task state named `state` (in any scope: a Parallel branch or a Map processor
    /// too). A state mock wins over a resource mock.
    pub fn mock_task(state) => task_mocks;
    /// Mocks every Task state whose `Resource` is `resource` and that has no state mock.
    pub fn mock_resource(resource) => resource_mocks;
    /// Mocks the `ItemReader` of the Map state named `map_state`: the mock sees the reader's
    /// effective `Parameters` and returns the items as the reader would decode them (an
    /// array); `ReaderConfig.MaxItems` then applies. Without it, a Map with an `ItemReader` is
    /// [`SimError::Unsupported`].
    ///
    /// ```
    /// use sfn::serde_json::json;
    /// use sfn::model::StateMachine;
    /// use sfn::sim::{Mock, Simulator};
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Each", "States": {"Each": {
    ///     "Type": "Map",
    ///     "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
    ///                    "ReaderConfig": {"InputType": "JSON", "MaxItems": 2},
    ///                    "Parameters": {"Bucket": "b", "Key.$": "$.key"}},
    ///     "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
    ///                       "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
    ///     "End": true}}}"#).unwrap();
    /// let exec = Simulator::new(&machine)
    ///     .mock_item_reader("Each", Mock::from_fn(|call| {
    ///         assert_eq!(call.parameters, &json!({"Bucket": "b", "Key": "orders.json"}));
    ///         Ok(json!([{"id": 1}, {"id": 2}, {"id": 3}]))
    ///     }))
    ///     .run(json!({"key": "orders.json"}))
    ///     .unwrap();
    /// assert_eq!(exec.output, Some(json!([{"id": 1}, {"id": 2}])));
    /// ```
    pub fn mock_item_reader(map_state) => reader_mocks;
    /// Mocks the `ResultWriter` of the Map state named `map_state`: the mock sees
    /// `{"Parameters": <the writer's effective Parameters>, "Results": [<each iteration's
    /// output>]}` and its value becomes the Map's result (on AWS, `MapRunArn` and
    /// `ResultWriterDetails`). Without it, a Map with a `ResultWriter` is
    /// [`SimError::Unsupported`].
    pub fn mock_result_writer(map_state) => writer_mocks;
}

impl<'m> Simulator<'m> {
    /// A simulator of `machine` with the default settings: state machine `StateMachine`,
    /// execution `execution`, account `123456789012` in `us-east-1`, started at
    /// 2024-01-01T00:00:00Z, random seed 0, AWS's history limit.
    pub fn new(machine: &'m StateMachine) -> Simulator<'m> {
        Simulator {
            machine,
            task_mocks: HashMap::new(),
            resource_mocks: HashMap::new(),
            default_mock: None,
            reader_mocks: HashMap::new(),
            writer_mocks: HashMap::new(),
            settings: Settings {
                state_machine_name: "StateMachine".to_owned(),
                execution_name: "execution".to_owned(),
                region: "us-east-1".to_owned(),
                account: "123456789012".to_owned(),
                role_arn: None,
                start_time: Timestamp::from_unix_seconds(1_704_067_200),
                seed: 0,
                max_events: MAX_HISTORY_EVENTS,
                task_token: None,
            },
            jsonata: None,
        }
    }

    /// Mocks the Task states of one test case of a Step Functions Local `MockConfigFile.json`
    /// (`StateMachines.<state_machine>.TestCases.<test_case>` maps state names to
    /// `MockedResponses`, whose invocations `"0"`, `"1-2"`, … `Return` a value or `Throw` an
    /// `Error` and `Cause`).
    ///
    /// ```
    /// use sfn::serde_json::json;
    /// use sfn::model::StateMachine;
    /// use sfn::sim::Simulator;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Call", "States": {"Call": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///     "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 1}],
    ///     "End": true}}}"#).unwrap();
    /// let config = json!({
    ///     "StateMachines": {"Orders": {"TestCases": {"Throttled": {"Call": "ThrottledThenOk"}}}},
    ///     "MockedResponses": {"ThrottledThenOk": {
    ///         "0-1": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}},
    ///         "2": {"Return": {"StatusCode": 200}}
    ///     }}
    /// });
    /// let exec = Simulator::new(&machine)
    ///     .mock_config(&config, "Orders", "Throttled")
    ///     .unwrap()
    ///     .run(json!({}))
    ///     .unwrap();
    /// assert_eq!(exec.output, Some(json!({"StatusCode": 200})));
    /// ```
    pub fn mock_config(
        mut self,
        config: &Value,
        state_machine: &str,
        test_case: &str,
    ) -> Result<Self, SimError> {
        let mocks = mock::from_mock_config(config, state_machine, test_case)
            .map_err(SimError::MockConfig)?;
        for (state, m) in mocks {
            self.task_mocks.insert(state, m);
        }
        Ok(self)
    }

    /// Answers every Task state that has neither a state nor a resource mock (by default such
    /// a task is a [`SimError::UnmockedTask`]).
    pub fn default_mock(mut self, mock: Mock) -> Self {
        self.default_mock = Some(mock);
        self
    }

    /// The state machine's name (`$$.StateMachine.Name`, and part of the ARNs).
    pub fn state_machine_name(mut self, name: impl Into<String>) -> Self {
        self.settings.state_machine_name = name.into();
        self
    }

    /// The execution's name (`$$.Execution.Name`).
    pub fn execution_name(mut self, name: impl Into<String>) -> Self {
        self.settings.execution_name = name.into();
        self
    }

    /// The region and account of the ARNs.
    pub fn region_and_account(
        mut self,
        region: impl Into<String>,
        account: impl Into<String>,
    ) -> Self {
        self.settings.region = region.into();
        self.settings.account = account.into();
        self
    }

    /// The execution role (`$$.Execution.RoleArn`).
    pub fn role_arn(mut self, arn: impl Into<String>) -> Self {
        self.settings.role_arn = Some(arn.into());
        self
    }

    /// When the execution starts on the virtual clock (`$$.Execution.StartTime`).
    pub fn start_time(mut self, at: Timestamp) -> Self {
        self.settings.start_time = at;
        self
    }

    /// The seed of every random choice: `JitterStrategy: FULL`, `States.MathRandom` without a
    /// seed, `States.UUID`, task tokens, and JSONata's `$random()` and `$uuid()`.
    pub fn seed(mut self, seed: u64) -> Self {
        self.settings.seed = seed;
        self
    }

    /// The `$$.Task.Token` given to every `.waitForTaskToken` task (by default each task gets
    /// its own token, drawn from the seed).
    pub fn task_token(mut self, token: impl Into<String>) -> Self {
        self.settings.task_token = Some(token.into());
        self
    }

    /// The most events a history may hold ([`MAX_HISTORY_EVENTS`] by default); an execution
    /// that reaches it fails, so an endless loop always ends.
    pub fn max_events(mut self, max: usize) -> Self {
        self.settings.max_events = max.max(1);
        self
    }

    /// The JSONata evaluator for JSONata states, instead of the built-in
    /// [`CoreEngine`](jsonata::CoreEngine) (which each run makes with the simulator's
    /// [`seed`](Simulator::seed)).
    pub fn jsonata(mut self, engine: impl jsonata::JsonataEngine + 'm) -> Self {
        self.jsonata = Some(Box::new(engine));
        self
    }

    /// Runs one execution with `input`.
    ///
    /// A failed or timed-out execution is an `Ok` [`Execution`] with that status; `Err` means
    /// the simulation itself could not go on (a task without a mock, an unsupported feature).
    /// An execution whose `.waitForTaskToken` task has no mock stops there with status
    /// [`Status::Running`] and the task in [`Execution::pending_callbacks`]: to answer it, run
    /// with [`start`](Simulator::start) instead.
    pub fn run(&self, input: Value) -> Result<Execution, SimError> {
        let replay = callback::Replay::new(self.settings.start_time);
        exec::run(self, input, replay).map(|(execution, _)| execution)
    }

    /// Starts one execution with `input` and runs it until it ends or a `.waitForTaskToken`
    /// task without a mock waits for its callback; the [`ExecutionHandle`] then answers the
    /// task, sends heartbeats and lets virtual time pass.
    ///
    /// `Err` as for [`run`](Simulator::run).
    pub fn start(&self, input: Value) -> Result<ExecutionHandle<'_>, SimError> {
        ExecutionHandle::start(self, input)
    }
}
