//! The interpreter: runs state graphs, records the history, moves the virtual clock.

use crate::callback::{PendingCallback, Replay};
use crate::error::{Fault, SimError, StatesError, names};
use crate::history::{Event, EventType, Execution, Status};
use crate::mock::{Mock, MockFn, MockKind, TaskCall};
use crate::select::{Scope, select, set_at};
use crate::time::Timestamp;
use crate::vars::Vars;
use crate::{Simulator, choice, intrinsics, json};
use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};
use serde_json::{Map, Value, json};
use sfn_dsl::fields::names as k;
use sfn_dsl::model::{
    Catcher, Choice, Dynamic, Fail, Map as MapState, Nullable, Parallel, Pass, QueryLanguage,
    Retrier, RuleCondition, State, States, Succeed, Task, Transition, Wait, WaitFor,
};
use sfn_dsl::path::{Expr, Jsonata, Path};
use sfn_dsl::payload::PayloadValue;
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

mod dataflow;
mod fan_out;
mod states;
mod task;

use dataflow::{Finish, arguments_of, finish_of};

/// AWS's payload quota: 256 KiB of UTF-8 JSON.
const MAX_PAYLOAD_BYTES: usize = 256 * 1024;

/// The longest any wait can last: one year, the longest a Standard execution runs.
const MAX_WAIT_SECONDS: i64 = 366 * 24 * 3600;

/// Runs one execution, with what the test sent to its callback tasks so far (`replay`); gives
/// back `replay` with the results of the mock closures this run called first.
pub(crate) fn run(
    sim: &Simulator<'_>,
    input: Value,
    replay: Replay,
) -> Result<(Execution, Replay), SimError> {
    let s = &sim.settings;
    let input = Arc::new(input);
    let mut run = Run {
        sim,
        replay,
        callbacks_reached: 0,
        fn_calls: 0,
        pending: Vec::new(),
        history: Vec::new(),
        clock: s.start_time,
        deadline: sim
            .machine
            .timeout_seconds
            .map(|t| s.start_time.plus_seconds(t)),
        rng: StdRng::seed_from_u64(s.seed),
        calls: HashMap::new(),
        exec_input_fits: OnceCell::new(),
        exec_input: Arc::clone(&input),
        child_events: None,
        used_mocks: HashSet::new(),
        // The seed's stream for JSONata is not the one of the other random choices, so adding
        // a `$random()` does not change the jitter of a retry.
        builtin_jsonata: sim
            .jsonata
            .is_none()
            .then(|| crate::jsonata::CoreEngine::with_seed(s.seed ^ 0x004a_534f_4e61_7461)),
    };
    let mut start = Event::new(EventType::ExecutionStarted, run.clock);
    start.input = Some(Arc::clone(&input));
    // The history cannot be full yet.
    let _ = run.emit(start);
    let machine = sim.machine;
    let mut vars = Vars::default();
    let outcome = run.graph(&machine.start_at, &machine.states, input, &mut vars);
    let (status, output, error) = match outcome {
        Ok(out) => (Status::Succeeded, Some(out), None),
        Err(Fault::States(e) | Fault::FanOutFailed(e)) => (Status::Failed, None, Some(e)),
        Err(Fault::Terminal(e, status)) => (status, None, Some(e)),
        Err(Fault::Paused) => (Status::Running, None, None),
        Err(Fault::Sim(e)) => return Err(e),
    };
    run.replay.now = run.replay.now.max(run.clock);
    let event_type = match status {
        Status::Running => None,
        Status::Succeeded => Some(EventType::ExecutionSucceeded),
        Status::Failed => Some(EventType::ExecutionFailed),
        Status::TimedOut => Some(EventType::ExecutionTimedOut),
    };
    // A Fail state without `Error` or `Cause` ends the execution without them, as on AWS.
    let error_name = error
        .as_ref()
        .map(|e| e.error.clone())
        .filter(|e| !e.is_empty());
    let cause = error.map(|e| e.cause).filter(|c| !c.is_empty());
    if let Some(event_type) = event_type {
        let mut end = Event::new(event_type, run.clock);
        end.output = output.clone();
        end.error = error_name.clone();
        end.cause = cause.clone();
        run.history.push(Event {
            id: run.history.len() as u64 + 1,
            previous_event_id: run.history.len() as u64,
            ..end
        });
    }
    let mut unused_mocks: Vec<String> = sim
        .task_mocks
        .keys()
        .filter(|k| !run.used_mocks.contains(&format!("state:{k}")))
        .map(|k| format!("mock_task({k:?})"))
        .chain(
            sim.resource_mocks
                .keys()
                .filter(|k| !run.used_mocks.contains(&format!("resource:{k}")))
                .map(|k| format!("mock_resource({k:?})")),
        )
        .chain(
            sim.reader_mocks
                .keys()
                .filter(|k| !run.used_mocks.contains(&format!("reader:{k}")))
                .map(|k| format!("mock_item_reader({k:?})")),
        )
        .chain(
            sim.writer_mocks
                .keys()
                .filter(|k| !run.used_mocks.contains(&format!("writer:{k}")))
                .map(|k| format!("mock_result_writer({k:?})")),
        )
        .collect();
    unused_mocks.sort();
    let execution = Execution {
        unused_mocks,
        status,
        output: output.map(Arc::unwrap_or_clone),
        error: error_name,
        cause,
        history: run.history,
        pending_callbacks: run.pending,
    };
    Ok((execution, run.replay))
}

struct Run<'s> {
    sim: &'s Simulator<'s>,
    /// What the test sent to the callback tasks, and the mock closures' results so far.
    replay: Replay,
    /// How many callback tasks without a mock this run reached (the ordinal of the next one).
    callbacks_reached: usize,
    /// How many mock closures this run called (the index of the next one's result in
    /// `replay.fn_results`).
    fn_calls: usize,
    /// The callback task this run stopped at.
    pending: Vec<PendingCallback>,
    history: Vec<Event>,
    clock: Timestamp,
    deadline: Option<Timestamp>,
    rng: StdRng,
    /// How often each sequence mock was called, by its key (`state:…` or `resource:…`).
    calls: HashMap<String, usize>,
    /// Shared with every state's [`ContextSource`] and the `ExecutionStarted` event.
    exec_input: Arc<Value>,
    /// Whether the execution's input is within the payload quota (found out when a state
    /// passes it on unchanged).
    exec_input_fits: OnceCell<bool>,
    /// The mocks called, by key (`state:…`, `resource:…`, `default`).
    used_mocks: HashSet<String>,
    /// Inside a Distributed Map's child execution: the number of events of that child (its
    /// events are not in the parent's history).
    child_events: Option<usize>,
    /// The JSONata engine when the simulator has none of its own (made for each run, so each
    /// run starts its `$random()` sequence from the seed).
    builtin_jsonata: Option<crate::jsonata::CoreEngine>,
}

/// Where a state goes when it is done.
enum Flow<'s> {
    Next(&'s str, Arc<Value>),
    End(Arc<Value>),
}

/// What one state knows while it runs.
struct Cx<'a> {
    name: &'a str,
    /// The name as the state's events hold it.
    label: Arc<str>,
    entered_id: u64,
    lang: QueryLanguage,
    /// The context object `$$`, made on first use from `source`: most states never read it,
    /// and it holds a copy of the execution's input (made for every state, that copy made a
    /// Map over many items quadratic).
    context: OnceCell<Value>,
    source: Option<ContextSource<'a>>,
}

/// What the context object of a state is made of.
struct ContextSource<'a> {
    settings: &'a crate::Settings,
    exec_input: Arc<Value>,
    entered: Timestamp,
    retry_count: Option<u32>,
}

impl<'a> Cx<'a> {
    /// A state's context, made when it is first read.
    fn lazy(
        name: &'a str,
        label: Arc<str>,
        entered_id: u64,
        lang: QueryLanguage,
        source: ContextSource<'a>,
    ) -> Self {
        Cx {
            name,
            label,
            entered_id,
            lang,
            context: OnceCell::new(),
            source: Some(source),
        }
    }

    /// The context of the state of `cx` with another context object (`$$.Map.Item`,
    /// `$$.Task.Token` added to its own).
    fn ready(cx: &Cx<'a>, context: Value) -> Self {
        Cx {
            name: cx.name,
            label: Arc::clone(&cx.label),
            entered_id: cx.entered_id,
            lang: cx.lang,
            context: OnceCell::from(context),
            source: None,
        }
    }

    /// The context object `$$`.
    fn context(&self) -> &Value {
        self.context.get_or_init(|| match &self.source {
            Some(source) => context(self.name, source),
            None => Value::Null,
        })
    }

    /// The `$states` of a JSONata expression that sees the state's input and the context.
    fn states_binding(&self, input: &Value) -> Value {
        json!({"input": input, "context": self.context()})
    }

    fn prefix(&self) -> String {
        format!(
            "An error occurred while executing the state '{}' (entered at the event id #{}). ",
            self.name, self.entered_id
        )
    }

    /// A `States.Runtime` error of this state.
    fn runtime(&self, detail: impl AsRef<str>) -> Fault {
        Fault::States(StatesError::new(
            names::RUNTIME,
            format!("{}{}", self.prefix(), detail.as_ref()),
        ))
    }

    /// A `States.QueryEvaluationError` of this state.
    fn query_error(&self, detail: impl AsRef<str>) -> Fault {
        Fault::States(StatesError::new(
            names::QUERY_EVALUATION_ERROR,
            format!("{}{}", self.prefix(), detail.as_ref()),
        ))
    }

    /// A path of field `field` matched nothing in `input` (in the context object for a `$$`
    /// path, which is then what the cause shows).
    fn not_found(&self, path: &Path, field: &str, input: &Value) -> Fault {
        let input = if path.is_context() {
            self.context()
        } else {
            input
        };
        let path = path.as_str();
        self.runtime(format!(
            "The JSONPath '{path}' specified for the field '{field}' could not be found in the input '{}'",
            json::compact(input)
        ))
    }

    fn unsupported(&self, feature: impl Into<String>) -> Fault {
        Fault::Sim(SimError::unsupported(feature, Some(self.name)))
    }
}

/// What a state produced, before its `…StateExited` event.
struct Done<'s> {
    /// Its output: the state's input itself when the state passes it on unchanged.
    output: Arc<Value>,
    next: Option<&'s str>,
    assigned: Option<Map<String, Value>>,
}

fn is_jsonata(lang: QueryLanguage) -> bool {
    lang == QueryLanguage::Jsonata
}

impl<'s> Run<'s> {
    // ---- events, clock, context ------------------------------------------------------------

    fn emit(&mut self, mut e: Event) -> Result<u64, Fault> {
        let max = self.sim.settings.max_events;
        if let Some(n) = &mut self.child_events {
            *n += 1;
            if *n > max {
                return Err(history_full(max));
            }
            return Ok(*n as u64);
        }
        if self.history.len() + 1 >= max {
            return Err(history_full(max));
        }
        e.id = self.history.len() as u64 + 1;
        // As on AWS, the first state entered has no previous event; every other event follows
        // the one before it.
        e.previous_event_id = if e.id == 2 { 0 } else { e.id - 1 };
        self.history.push(e);
        Ok(self.history.len() as u64)
    }

    fn event(&self, event_type: EventType, state: &Arc<str>) -> Event {
        let mut e = Event::new(event_type, self.clock);
        e.state = Some(Arc::clone(state));
        e
    }

    /// Moves the clock `seconds` forward; past the execution's deadline it times out.
    fn advance(&mut self, seconds: f64) -> Result<(), Fault> {
        self.advance_to(self.clock.plus_seconds_f64(seconds.max(0.0)))
    }

    fn advance_to(&mut self, to: Timestamp) -> Result<(), Fault> {
        if let Some(deadline) = self.deadline
            && to > deadline
        {
            self.clock = deadline;
            return Err(Fault::Terminal(
                StatesError::new(names::TIMEOUT, ""),
                Status::TimedOut,
            ));
        }
        self.clock = self.clock.max(to);
        Ok(())
    }

    /// What the context object `$$` of a state entered at `entered` is made of;
    /// `State.RetryCount` only for the states that can retry (Task, Parallel, Map), as on AWS.
    fn context_source(&self, entered: Timestamp, retry_count: Option<u32>) -> ContextSource<'s> {
        let sim: &'s Simulator<'s> = self.sim;
        ContextSource {
            settings: &sim.settings,
            exec_input: Arc::clone(&self.exec_input),
            entered,
            retry_count,
        }
    }

    // ---- graphs and states -------------------------------------------------------------------

    /// Runs the states of one scope (the machine, a branch, an iteration). A state without a
    /// `QueryLanguage` of its own takes the machine's, also inside a Parallel or Map that sets
    /// another (as AWS: a branch or processor has no language of its own).
    fn graph(
        &mut self,
        start_at: &'s str,
        states: &'s States,
        input: Arc<Value>,
        vars: &mut Vars,
    ) -> Result<Arc<Value>, Fault> {
        let machine_lang = self.sim.machine.query_language.unwrap_or_default();
        let mut name = start_at;
        let mut input = input;
        // `States::get` is a linear search: in a long chain, one per transition is quadratic.
        let index: Option<HashMap<&str, &State>> =
            (states.len() > 8).then(|| states.iter().collect());
        loop {
            let found = match &index {
                Some(index) => index.get(name).copied(),
                None => states.get(name),
            };
            let Some(state) = found else {
                return Err(Fault::Sim(SimError::InvalidDefinition(format!(
                    "there is no state named '{name}'"
                ))));
            };
            let lang = state.query_language().unwrap_or(machine_lang);
            match self.state(name, state, lang, input, vars)? {
                Flow::Next(next, out) => {
                    name = next;
                    input = out;
                }
                Flow::End(out) => return Ok(out),
            }
        }
    }

    fn state(
        &mut self,
        name: &'s str,
        state: &'s State,
        lang: QueryLanguage,
        input: Arc<Value>,
        vars: &mut Vars,
    ) -> Result<Flow<'s>, Fault> {
        let ty = state.type_name();
        let label: Arc<str> = Arc::from(name);
        let mut entered = self.event(EventType::entered(ty), &label);
        entered.input = Some(Arc::clone(&input));
        let entered_id = self.emit(entered)?;
        let entered_at = self.clock;
        let mut cx = Cx::lazy(
            name,
            Arc::clone(&label),
            entered_id,
            lang,
            self.context_source(entered_at, None),
        );
        let done = match state {
            State::Pass(s) => self.pass(&cx, s, &input, vars),
            State::Choice(s) => self.choice(&cx, s, &input, vars),
            State::Wait(s) => self.wait(&cx, s, &input, vars),
            State::Succeed(s) => self.succeed(&cx, s, &input, vars),
            State::Fail(s) => return Err(self.fail(&cx, s, &input, vars)),
            State::Task(_) | State::Parallel(_) | State::Map(_) => {
                let mut counts = vec![0i64; state.retry().len()];
                let mut retry_count = 0u32;
                loop {
                    cx = Cx::lazy(
                        name,
                        Arc::clone(&label),
                        entered_id,
                        lang,
                        self.context_source(entered_at, Some(retry_count)),
                    );
                    let attempt = match state {
                        State::Task(s) => self.task(&cx, s, &input, vars, retry_count),
                        State::Parallel(s) => self.parallel(&cx, s, &input, vars),
                        State::Map(s) => self.map(&cx, s, &input, vars),
                        _ => unreachable!("only Task, Parallel and Map are retried"),
                    };
                    // A Parallel or Map that started and fails for good emits its
                    // `…StateFailed` event (without details: the catch or the execution has
                    // them); one that is retried starts again.
                    let (e, started) = match attempt {
                        Err(Fault::States(e)) => (e, false),
                        Err(Fault::FanOutFailed(e)) => (e, true),
                        other => break other,
                    };
                    if let Some(delay) = self.retry_delay(state.retry(), &mut counts, &e) {
                        self.advance(delay)?;
                        retry_count += 1;
                        continue;
                    }
                    if started {
                        let failed = match state {
                            State::Parallel(_) => EventType::ParallelStateFailed,
                            _ => EventType::MapStateFailed,
                        };
                        self.emit(self.event(failed, &label))?;
                    }
                    if let Some(c) = state
                        .catch()
                        .iter()
                        .enumerate()
                        .find(|(_, c)| matches(&c.error_equals, &e.error))
                    {
                        break self.caught(&cx, c, &input, vars, e);
                    }
                    return Err(Fault::States(e));
                }
            }
        }?;
        // A state that passes its input on unchanged needs no new check of its size (unless
        // it is an execution input over the quota, which the first state fails on).
        let unchanged = Arc::ptr_eq(&done.output, &input)
            && (!Arc::ptr_eq(&input, &self.exec_input)
                || *self
                    .exec_input_fits
                    .get_or_init(|| json::size(&input) <= MAX_PAYLOAD_BYTES));
        if !unchanged && json::size(&done.output) > MAX_PAYLOAD_BYTES {
            return Err(data_limit(name));
        }
        // Assigned variables are visible from the next state on: every field of this state
        // (Output, OutputPath, …) saw the values from before.
        for (k, v) in done.assigned.iter().flatten() {
            vars.set(k.clone(), v.clone());
        }
        let mut exited = self.event(EventType::exited(ty), &label);
        exited.output = Some(Arc::clone(&done.output));
        exited.assigned = done.assigned.map(Arc::new);
        self.emit(exited)?;
        Ok(match done.next {
            Some(next) => Flow::Next(next, done.output),
            None => Flow::End(done.output),
        })
    }

    /// The delay before the next attempt, when a retrier handles `e` and has attempts left.
    fn retry_delay(
        &mut self,
        retriers: &[Retrier],
        counts: &mut [i64],
        e: &StatesError,
    ) -> Option<f64> {
        let (i, r) = retriers
            .iter()
            .enumerate()
            .find(|(_, r)| matches(&r.error_equals, &e.error))?;
        let max_attempts = r.max_attempts.unwrap_or(3);
        if counts[i] >= max_attempts {
            return None;
        }
        let interval = r.interval_seconds.unwrap_or(1) as f64;
        let rate = r.backoff_rate.unwrap_or(2.0);
        let mut delay = interval * rate.powi(counts[i].min(i32::MAX as i64) as i32);
        if let Some(max) = r.max_delay_seconds {
            delay = delay.min(max as f64);
        }
        // A back-off that overflows waits as long as AWS lets any wait last (a year).
        delay = delay.min(MAX_WAIT_SECONDS as f64);
        if r.jitter_strategy == Some(sfn_dsl::model::JitterStrategy::Full) {
            delay *= self.rng.random::<f64>();
        }
        counts[i] += 1;
        Some(delay)
    }

    fn caught(
        &mut self,
        cx: &Cx<'_>,
        (index, c): (usize, &'s Catcher),
        input: &Value,
        vars: &mut Vars,
        e: StatesError,
    ) -> Result<Done<'s>, Fault> {
        let error_output = json!({k::Error: e.error, k::Cause: e.cause});
        let (output, assigned) = if is_jsonata(cx.lang) {
            let states =
                json!({"input": input, "context": cx.context(), "errorOutput": error_output});
            let out = match &c.output {
                Some(o) => {
                    let field = format!("Catch[{index}]/Output");
                    self.jsonata_payload(cx, o, &states, vars, &field)?
                }
                None => error_output.clone(),
            };
            let field = format!("Catch[{index}]/Assign");
            (
                out,
                self.assign_jsonata(cx, c.assign.as_ref(), &states, vars, &field)?,
            )
        } else {
            let assigned = self.assign_jsonpath(cx, c.assign.as_ref(), &error_output, vars)?;
            (
                self.result_path(cx, c.result_path.as_ref(), input, error_output)?,
                assigned,
            )
        };
        Ok(Done {
            output: Arc::new(output),
            next: Some(&c.next),
            assigned,
        })
    }
}

/// Whether a retrier's or catcher's `ErrorEquals` handles the error `error`.
pub(crate) fn matches(error_equals: &[String], error: &str) -> bool {
    error_equals.iter().any(|e| {
        e == error
            || (e == names::ALL && error != names::RUNTIME)
            || (e == names::TASK_FAILED && ![names::TIMEOUT, names::RUNTIME].contains(&error))
    })
}

/// `Assign: {}` assigns nothing (AWS records no assigned variables for it).
fn is_empty_object(p: &PayloadValue) -> bool {
    match p {
        PayloadValue::Object(m) => m.is_empty(),
        PayloadValue::Literal(sfn_dsl::payload::Literal::Object(m)) => m.is_empty(),
        _ => false,
    }
}

fn no_choice(cx: &Cx<'_>) -> Fault {
    Fault::States(StatesError::new(
        names::NO_CHOICE_MATCHED,
        format!("{}No Matches!", cx.prefix()),
    ))
}

fn data_limit(state: &str) -> Fault {
    Fault::States(StatesError::new(
        names::DATA_LIMIT_EXCEEDED,
        format!(
            "The state/task '{state}' returned a result with a size exceeding the maximum number of bytes service limit."
        ),
    ))
}

fn history_full(max: usize) -> Fault {
    Fault::Terminal(
        StatesError::new(
            names::RUNTIME,
            format!("The execution reached the maximum number of history events ({max})."),
        ),
        Status::Failed,
    )
}

/// A value as AWS quotes it in messages: a string without quotes, anything else as JSON.
fn display(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => json::compact(other),
    }
}

fn arn(s: &crate::Settings, kind: &str, name: &str) -> String {
    format!("arn:aws:states:{}:{}:{kind}:{name}", s.region, s.account)
}

/// The context object `$$` of the state `state`.
fn context(state: &str, source: &ContextSource<'_>) -> Value {
    let s = source.settings;
    let mut execution = json!({
        "Id": arn(s, "execution", &format!("{}:{}", s.state_machine_name, s.execution_name)),
        "Input": null,
        "Name": s.execution_name,
        "RoleArn": s.role_arn.clone().unwrap_or_else(|| format!("arn:aws:iam::{}:role/StepFunctionsRole", s.account)),
        "StartTime": s.start_time.to_string(),
    });
    // A copy, not `to_value` (serializing a large input again for each state is slower).
    execution["Input"] = Value::clone(&source.exec_input);
    execution["RedriveCount"] = json!(0);
    let mut state = json!({ "EnteredTime": source.entered.to_string(), "Name": state });
    if let Some(n) = source.retry_count {
        state["RetryCount"] = json!(n);
    }
    json!({
        "Execution": execution,
        "State": state,
        "StateMachine": {
            "Id": arn(s, "stateMachine", &s.state_machine_name),
            "Name": s.state_machine_name,
        },
    })
}
