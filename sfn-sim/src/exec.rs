//! The interpreter: runs state graphs, records the history, moves the virtual clock.

use crate::error::{Fault, SimError, StatesError, names};
use crate::history::{Event, EventType, Execution, Status};
use crate::mock::{Mock, MockKind, TaskCall};
use crate::select::{Scope, select, set_at};
use crate::time::Timestamp;
use crate::vars::Vars;
use crate::{Simulator, choice, intrinsics, json};
use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};
use serde_json::{Map, Value, json};
use sfn_dsl::model::{
    Catcher, Choice, Dynamic, Fail, Map as MapState, Nullable, Parallel, Pass, QueryLanguage,
    Retrier, RuleCondition, State, States, Succeed, Task, Transition, Wait, WaitFor,
};
use sfn_dsl::path::{Expr, Jsonata, Path};
use sfn_dsl::payload::PayloadValue;
use std::collections::{HashMap, HashSet};

/// AWS's payload quota: 256 KiB of UTF-8 JSON.
const MAX_PAYLOAD_BYTES: usize = 256 * 1024;

/// The longest any wait can last: one year, the longest a Standard execution runs.
const MAX_WAIT_SECONDS: i64 = 366 * 24 * 3600;

/// Runs one execution.
pub(crate) fn run(sim: &Simulator<'_>, input: Value) -> Result<Execution, SimError> {
    let s = &sim.settings;
    let mut run = Run {
        sim,
        history: Vec::new(),
        clock: s.start_time,
        deadline: sim
            .machine
            .timeout_seconds
            .map(|t| s.start_time.plus_seconds(t)),
        rng: StdRng::seed_from_u64(s.seed),
        calls: HashMap::new(),
        exec_input: input.clone(),
        child_events: None,
        used_mocks: HashSet::new(),
    };
    let mut start = Event::new(EventType::ExecutionStarted, run.clock);
    start.input = Some(input.clone());
    // The history cannot be full yet.
    let _ = run.emit(start);
    let machine = sim.machine;
    let lang = machine.query_language.unwrap_or_default();
    let mut vars = Vars::default();
    let outcome = run.graph(&machine.start_at, &machine.states, lang, input, &mut vars);
    let (status, output, error) = match outcome {
        Ok(out) => (Status::Succeeded, Some(out), None),
        Err(Fault::States(e)) => (Status::Failed, None, Some(e)),
        Err(Fault::Terminal(e, status)) => (status, None, Some(e)),
        Err(Fault::Sim(e)) => return Err(e),
    };
    let event_type = match status {
        Status::Succeeded => EventType::ExecutionSucceeded,
        Status::Failed => EventType::ExecutionFailed,
        Status::TimedOut => EventType::ExecutionTimedOut,
    };
    let mut end = Event::new(event_type, run.clock);
    end.output = output.clone();
    if let Some(e) = &error {
        end.error = Some(e.error.clone());
        end.cause = Some(e.cause.clone());
    }
    run.history.push(Event {
        id: run.history.len() as u64 + 1,
        previous_event_id: run.history.len() as u64,
        ..end
    });
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
        .collect();
    unused_mocks.sort();
    Ok(Execution {
        unused_mocks,
        status,
        output,
        error: error.as_ref().map(|e| e.error.clone()),
        cause: error.map(|e| e.cause),
        history: run.history,
    })
}

struct Run<'s> {
    sim: &'s Simulator<'s>,
    history: Vec<Event>,
    clock: Timestamp,
    deadline: Option<Timestamp>,
    rng: StdRng,
    /// How often each sequence mock was called, by its key (`state:…` or `resource:…`).
    calls: HashMap<String, usize>,
    exec_input: Value,
    /// The mocks called, by key (`state:…`, `resource:…`, `default`).
    used_mocks: HashSet<String>,
    /// Inside a Distributed Map's child execution: the number of events of that child (its
    /// events are not in the parent's history).
    child_events: Option<usize>,
}

/// Where a state goes when it is done.
enum Flow {
    Next(String, Value),
    End(Value),
}

/// What one state knows while it runs.
struct Cx<'a> {
    name: &'a str,
    entered_id: u64,
    lang: QueryLanguage,
    context: Value,
}

impl Cx<'_> {
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

    fn not_found(&self, path: &str, field: &str, input: &Value) -> Fault {
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
struct Done {
    output: Value,
    next: Option<String>,
    assigned: Option<Map<String, Value>>,
}

fn is_jsonata(lang: QueryLanguage) -> bool {
    lang == QueryLanguage::Jsonata
}

impl Run<'_> {
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
        e.previous_event_id = e.id - 1;
        self.history.push(e);
        Ok(self.history.len() as u64)
    }

    fn event(&self, event_type: EventType, state: &str) -> Event {
        let mut e = Event::new(event_type, self.clock);
        e.state = Some(state.to_owned());
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

    fn arn(&self, kind: &str, name: &str) -> String {
        let s = &self.sim.settings;
        format!("arn:aws:states:{}:{}:{kind}:{name}", s.region, s.account)
    }

    /// The context object `$$` of a state; `State.RetryCount` only for the states that can
    /// retry (Task, Parallel, Map), as on AWS.
    fn context(&self, state: &str, entered: Timestamp, retry_count: Option<u32>) -> Value {
        let s = &self.sim.settings;
        let mut execution = json!({
            "Id": self.arn("execution", &format!("{}:{}", s.state_machine_name, s.execution_name)),
            "Input": self.exec_input,
            "Name": s.execution_name,
            "RoleArn": s.role_arn.clone().unwrap_or_else(|| format!("arn:aws:iam::{}:role/StepFunctionsRole", s.account)),
            "StartTime": s.start_time.to_string(),
        });
        execution["RedriveCount"] = json!(0);
        let mut state = json!({ "EnteredTime": entered.to_string(), "Name": state });
        if let Some(n) = retry_count {
            state["RetryCount"] = json!(n);
        }
        json!({
            "Execution": execution,
            "State": state,
            "StateMachine": {
                "Id": self.arn("stateMachine", &s.state_machine_name),
                "Name": s.state_machine_name,
            },
        })
    }

    // ---- graphs and states -------------------------------------------------------------------

    fn graph(
        &mut self,
        start_at: &str,
        states: &States,
        lang: QueryLanguage,
        input: Value,
        vars: &mut Vars,
    ) -> Result<Value, Fault> {
        let mut name = start_at.to_owned();
        let mut input = input;
        loop {
            let Some(state) = states.get(&name) else {
                return Err(Fault::Sim(SimError::InvalidDefinition(format!(
                    "there is no state named '{name}'"
                ))));
            };
            let lang = state.query_language().unwrap_or(lang);
            match self.state(&name, state, lang, input, vars)? {
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
        name: &str,
        state: &State,
        lang: QueryLanguage,
        input: Value,
        vars: &mut Vars,
    ) -> Result<Flow, Fault> {
        let ty = state.type_name();
        let mut entered = self.event(EventType::entered(ty), name);
        entered.input = Some(input.clone());
        let entered_id = self.emit(entered)?;
        let entered_at = self.clock;
        let mut cx = Cx {
            name,
            entered_id,
            lang,
            context: self.context(name, entered_at, None),
        };
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
                    cx.context = self.context(name, entered_at, Some(retry_count));
                    let attempt = match state {
                        State::Task(s) => self.task(&cx, s, &input, vars, retry_count),
                        State::Parallel(s) => self.parallel(&cx, s, &input, vars),
                        State::Map(s) => self.map(&cx, s, &input, vars),
                        _ => unreachable!("only Task, Parallel and Map are retried"),
                    };
                    match attempt {
                        Err(Fault::States(e)) => {
                            if let Some(delay) = self.retry_delay(state.retry(), &mut counts, &e) {
                                self.advance(delay)?;
                                retry_count += 1;
                                continue;
                            }
                            if let Some(c) = state
                                .catch()
                                .iter()
                                .find(|c| matches(&c.error_equals, &e.error))
                            {
                                break self.caught(&cx, c, &input, vars, e);
                            }
                            return Err(Fault::States(e));
                        }
                        other => break other,
                    }
                }
            }
        }?;
        let out_size = json::size(&done.output);
        if out_size > MAX_PAYLOAD_BYTES {
            return Err(data_limit(name));
        }
        // Assigned variables are visible from the next state on: every field of this state
        // (Output, OutputPath, …) saw the values from before.
        for (k, v) in done.assigned.iter().flatten() {
            vars.set(k.clone(), v.clone());
        }
        let mut exited = self.event(EventType::exited(ty), name);
        exited.output = Some(done.output.clone());
        exited.assigned = done.assigned;
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
        c: &Catcher,
        input: &Value,
        vars: &mut Vars,
        e: StatesError,
    ) -> Result<Done, Fault> {
        let error_output = json!({"Error": e.error, "Cause": e.cause});
        let (output, assigned) = if is_jsonata(cx.lang) {
            let states =
                json!({"input": input, "context": cx.context, "errorOutput": error_output});
            let out = match &c.output {
                Some(o) => self.jsonata_payload(cx, o, &states, vars, "Output")?,
                None => error_output.clone(),
            };
            (
                out,
                self.assign_jsonata(cx, c.assign.as_ref(), &states, vars)?,
            )
        } else {
            let assigned = self.assign_jsonpath(cx, c.assign.as_ref(), &error_output, vars)?;
            (
                self.result_path(cx, c.result_path.as_ref(), input.clone(), error_output)?,
                assigned,
            )
        };
        Ok(Done {
            output,
            next: Some(c.next.clone()),
            assigned,
        })
    }

    // ---- the JSONPath data flow ---------------------------------------------------------------

    fn input_path(
        &self,
        cx: &Cx<'_>,
        p: Option<&Nullable<Path>>,
        input: &Value,
        vars: &Vars,
    ) -> Result<Value, Fault> {
        match p {
            None => Ok(input.clone()),
            Some(Nullable::Null) => Ok(json!({})),
            Some(Nullable::Value(p)) => self
                .path(p, input, &cx.context, vars)?
                .ok_or_else(|| cx.not_found(p.as_str(), "InputPath", input)),
        }
    }

    fn output_path(
        &self,
        cx: &Cx<'_>,
        p: Option<&Nullable<Path>>,
        output: Value,
        vars: &Vars,
    ) -> Result<Value, Fault> {
        match p {
            None => Ok(output),
            Some(Nullable::Null) => Ok(json!({})),
            Some(Nullable::Value(p)) => self
                .path(p, &output, &cx.context, vars)?
                .ok_or_else(|| cx.not_found(p.as_str(), "OutputPath", &output)),
        }
    }

    fn result_path(
        &self,
        cx: &Cx<'_>,
        p: Option<&Nullable<Path>>,
        input: Value,
        result: Value,
    ) -> Result<Value, Fault> {
        match p {
            None => Ok(result),
            Some(Nullable::Null) => Ok(input),
            Some(Nullable::Value(p)) => {
                let shown = json::compact(&input);
                set_at(input, p, result).map_err(|_| {
                    cx.runtime(format!(
                        "Unable to apply ResultPath '{}' to input '{shown}'",
                        p.as_str()
                    ))
                })
            }
        }
    }

    fn path(
        &self,
        p: &Path,
        input: &Value,
        context: &Value,
        vars: &Vars,
    ) -> Result<Option<Value>, Fault> {
        select(
            p,
            Scope {
                input,
                context,
                vars,
            },
        )
    }

    /// Evaluates a JSONPath-mode payload template with `$` = `input`.
    fn payload(
        &mut self,
        cx: &Cx<'_>,
        t: &PayloadValue,
        input: &Value,
        vars: &Vars,
        field: &str,
    ) -> Result<Value, Fault> {
        Ok(match t {
            PayloadValue::Literal(v) => v.clone(),
            PayloadValue::Jsonata(j) => Value::String(j.as_str().to_owned()),
            PayloadValue::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|i| self.payload(cx, i, input, vars, field))
                    .collect::<Result<_, _>>()?,
            ),
            PayloadValue::Object(members) => {
                let mut out = Map::new();
                for (k, v) in members {
                    let field = match v {
                        PayloadValue::Expr(_) => format!("{k}.$"),
                        _ => k.clone(),
                    };
                    out.insert(k.clone(), self.payload(cx, v, input, vars, &field)?);
                }
                Value::Object(out)
            }
            PayloadValue::Expr(e) => self.expr(cx, e, input, vars, field)?,
        })
    }

    /// The value of a path or an intrinsic function call in a field named `field`.
    fn expr(
        &mut self,
        cx: &Cx<'_>,
        e: &Expr,
        input: &Value,
        vars: &Vars,
        field: &str,
    ) -> Result<Value, Fault> {
        match e {
            Expr::Path(p) => self
                .path(p, input, &cx.context, vars)?
                .ok_or_else(|| cx.not_found(p.as_str(), field, input)),
            Expr::Intrinsic(i) => {
                let scope = Scope {
                    input,
                    context: &cx.context,
                    vars,
                };
                intrinsics::call(i, scope, &mut self.rng)
                    .map_err(|err| intrinsics::state_error(err, &cx.prefix(), field, input))
            }
        }
    }

    /// Runs a JSONPath `Assign` with `$` = `input`; the new values are visible from the next
    /// state on (every expression sees the variables as they were).
    fn assign_jsonpath(
        &mut self,
        cx: &Cx<'_>,
        assign: Option<&PayloadValue>,
        input: &Value,
        vars: &Vars,
    ) -> Result<Option<Map<String, Value>>, Fault> {
        let Some(assign) = assign.filter(|a| !is_empty_object(a)) else {
            return Ok(None);
        };
        let Value::Object(values) = self.payload(cx, assign, input, vars, "Assign")? else {
            return Err(Fault::Sim(SimError::InvalidDefinition(format!(
                "the Assign of state '{}' is not an object",
                cx.name
            ))));
        };
        Ok(Some(values))
    }

    // ---- JSONata -------------------------------------------------------------------------------

    fn bindings(&self, states: &Value, vars: &Vars) -> Map<String, Value> {
        let mut b = vars.visible();
        b.insert("states".to_owned(), states.clone());
        b
    }

    fn jsonata_expr(
        &self,
        cx: &Cx<'_>,
        j: &Jsonata,
        states: &Value,
        vars: &Vars,
        field: &str,
    ) -> Result<Option<Value>, Fault> {
        let Some(engine) = &self.sim.jsonata else {
            return Err(cx.unsupported(format!(
                "JSONata expressions ({field}: {}): plug an evaluator in with Simulator::jsonata",
                j.as_str()
            )));
        };
        engine
            .evaluate(j.expression().trim(), &self.bindings(states, vars))
            .map_err(|e| cx.query_error(format!("The {field} field could not be evaluated: {e}")))
    }

    /// Evaluates a JSONata-mode template: literals as they are, `{% %}` strings evaluated.
    fn jsonata_payload(
        &self,
        cx: &Cx<'_>,
        t: &PayloadValue,
        states: &Value,
        vars: &Vars,
        field: &str,
    ) -> Result<Value, Fault> {
        Ok(match t {
            PayloadValue::Literal(v) => v.clone(),
            PayloadValue::Expr(e) => Value::String(e.as_str().to_owned()),
            PayloadValue::Jsonata(j) => match self.jsonata_expr(cx, j, states, vars, field)? {
                Some(v) => v,
                None => {
                    return Err(cx.query_error(format!(
                        "The {field} field evaluated to an undefined value: {}",
                        j.as_str()
                    )));
                }
            },
            PayloadValue::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|i| self.jsonata_payload(cx, i, states, vars, field))
                    .collect::<Result<_, _>>()?,
            ),
            PayloadValue::Object(members) => {
                let mut out = Map::new();
                for (k, v) in members {
                    // A member whose expression yields nothing is left out, as on AWS.
                    if let PayloadValue::Jsonata(j) = v {
                        if let Some(x) = self.jsonata_expr(cx, j, states, vars, field)? {
                            out.insert(k.clone(), x);
                        }
                        continue;
                    }
                    out.insert(k.clone(), self.jsonata_payload(cx, v, states, vars, field)?);
                }
                Value::Object(out)
            }
        })
    }

    fn assign_jsonata(
        &self,
        cx: &Cx<'_>,
        assign: Option<&PayloadValue>,
        states: &Value,
        vars: &Vars,
    ) -> Result<Option<Map<String, Value>>, Fault> {
        let Some(assign) = assign.filter(|a| !is_empty_object(a)) else {
            return Ok(None);
        };
        let Value::Object(values) = self.jsonata_payload(cx, assign, states, vars, "Assign")?
        else {
            return Err(Fault::Sim(SimError::InvalidDefinition(format!(
                "the Assign of state '{}' is not an object",
                cx.name
            ))));
        };
        Ok(Some(values))
    }

    /// A `Dynamic` integer field (`TimeoutSeconds`, `MaxConcurrency`, …).
    fn dynamic_int(
        &mut self,
        cx: &Cx<'_>,
        d: &Dynamic<i64>,
        input: &Value,
        vars: &Vars,
        field: &str,
    ) -> Result<i64, Fault> {
        match d {
            Dynamic::Value(v) => Ok(*v),
            Dynamic::Path(e) => {
                let v = self.expr(cx, e, input, vars, &format!("{field}Path"))?;
                // AWS reads the value as a Java integer: a number, or a string of digits.
                let int = match &v {
                    Value::String(s) => s.trim().parse::<i64>().ok(),
                    v => v
                        .as_i64()
                        .or_else(|| v.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
                };
                int.ok_or_else(|| {
                    cx.runtime(format!(
                        "The {field}Path field refers to value \"{}\" which is not a valid integer: {}",
                        display(&v),
                        e.as_str()
                    ))
                })
            }
            Dynamic::Jsonata(j) => {
                let states = json!({"input": input, "context": cx.context});
                let v = self
                    .jsonata_expr(cx, j, &states, vars, field)?
                    .unwrap_or(Value::Null);
                v.as_i64().ok_or_else(|| {
                    cx.query_error(format!(
                        "The {field} field must evaluate to an integer, but was {}",
                        json::compact(&v)
                    ))
                })
            }
        }
    }

    // ---- the states ----------------------------------------------------------------------------

    fn next_of(t: &Transition) -> Option<String> {
        match t {
            Transition::Next(n) => Some(n.clone()),
            Transition::End => None,
        }
    }

    fn pass(
        &mut self,
        cx: &Cx<'_>,
        s: &Pass,
        input: &Value,
        vars: &mut Vars,
    ) -> Result<Done, Fault> {
        let next = Self::next_of(&s.transition);
        if is_jsonata(cx.lang) {
            let states = json!({"input": input, "context": cx.context});
            let output = match &s.output {
                Some(o) => self.jsonata_payload(cx, o, &states, vars, "Output")?,
                None => input.clone(),
            };
            let assigned = self.assign_jsonata(cx, s.assign.as_ref(), &states, vars)?;
            return Ok(Done {
                output,
                next,
                assigned,
            });
        }
        let effective = self.input_path(cx, s.input_path.as_ref(), input, vars)?;
        let effective = match &s.parameters {
            Some(p) => self.payload(cx, p, &effective, vars, "Parameters")?,
            None => effective,
        };
        let result = s.result.clone().unwrap_or(effective);
        if json::size(&result) > MAX_PAYLOAD_BYTES {
            return Err(data_limit(cx.name));
        }
        let assigned = self.assign_jsonpath(cx, s.assign.as_ref(), &result, vars)?;
        let output = self.result_path(cx, s.result_path.as_ref(), input.clone(), result)?;
        let output = self.output_path(cx, s.output_path.as_ref(), output, vars)?;
        Ok(Done {
            output,
            next,
            assigned,
        })
    }

    fn succeed(
        &mut self,
        cx: &Cx<'_>,
        s: &Succeed,
        input: &Value,
        vars: &mut Vars,
    ) -> Result<Done, Fault> {
        let output = if is_jsonata(cx.lang) {
            let states = json!({"input": input, "context": cx.context});
            match &s.output {
                Some(o) => self.jsonata_payload(cx, o, &states, vars, "Output")?,
                None => input.clone(),
            }
        } else {
            let effective = self.input_path(cx, s.input_path.as_ref(), input, vars)?;
            self.output_path(cx, s.output_path.as_ref(), effective, vars)?
        };
        Ok(Done {
            output,
            next: None,
            assigned: None,
        })
    }

    fn fail(&mut self, cx: &Cx<'_>, s: &Fail, input: &Value, vars: &mut Vars) -> Fault {
        let field = |d: &Option<Dynamic<String>>,
                     name: &str,
                     this: &mut Self|
         -> Result<Option<String>, Fault> {
            match d {
                None => Ok(None),
                Some(Dynamic::Value(v)) => Ok(Some(v.clone())),
                Some(Dynamic::Path(e)) => {
                    let v = this.expr(cx, e, input, vars, &format!("{name}Path"))?;
                    Ok(Some(match v {
                        Value::String(s) => s,
                        other => json::compact(&other),
                    }))
                }
                Some(Dynamic::Jsonata(j)) => {
                    let states = json!({"input": input, "context": cx.context});
                    match this.jsonata_expr(cx, j, &states, vars, name)? {
                        Some(Value::String(s)) => Ok(Some(s)),
                        Some(other) => Err(cx.query_error(format!(
                            "The {name} field must evaluate to a string, but was {}",
                            json::compact(&other)
                        ))),
                        None => Ok(None),
                    }
                }
            }
        };
        let error = match field(&s.error, "Error", self) {
            Ok(e) => e,
            Err(f) => return f,
        };
        let cause = match field(&s.cause, "Cause", self) {
            Ok(c) => c,
            Err(f) => return f,
        };
        Fault::States(StatesError::new(
            error.unwrap_or_default(),
            cause.unwrap_or_default(),
        ))
    }

    fn choice(
        &mut self,
        cx: &Cx<'_>,
        s: &Choice,
        input: &Value,
        vars: &mut Vars,
    ) -> Result<Done, Fault> {
        if is_jsonata(cx.lang) {
            let states = json!({"input": input, "context": cx.context});
            for rule in &s.choices {
                let holds = match &rule.condition {
                    RuleCondition::Constant(b) => *b,
                    RuleCondition::Jsonata(j) => {
                        match self.jsonata_expr(cx, j, &states, vars, "Condition")? {
                            Some(Value::Bool(b)) => b,
                            other => {
                                return Err(cx.query_error(format!(
                                    "The Condition field must evaluate to a boolean, but was {}",
                                    other.map_or("undefined".to_owned(), |v| json::compact(&v))
                                )));
                            }
                        }
                    }
                    RuleCondition::JsonPath(_) => {
                        return Err(Fault::Sim(SimError::InvalidDefinition(format!(
                            "the JSONata Choice state '{}' has a JSONPath rule",
                            cx.name
                        ))));
                    }
                };
                if holds {
                    // A matching rule's own Output and Assign apply; the state's apply
                    // only when the Default is taken.
                    let output = match &rule.output {
                        Some(o) => self.jsonata_payload(cx, o, &states, vars, "Output")?,
                        None => input.clone(),
                    };
                    let assigned = self.assign_jsonata(cx, rule.assign.as_ref(), &states, vars)?;
                    return Ok(Done {
                        output,
                        next: Some(rule.next.clone()),
                        assigned,
                    });
                }
            }
            let Some(default) = &s.default else {
                return Err(no_choice(cx));
            };
            let output = match &s.output {
                Some(o) => self.jsonata_payload(cx, o, &states, vars, "Output")?,
                None => input.clone(),
            };
            let assigned = self.assign_jsonata(cx, s.assign.as_ref(), &states, vars)?;
            return Ok(Done {
                output,
                next: Some(default.clone()),
                assigned,
            });
        }
        let effective = self.input_path(cx, s.input_path.as_ref(), input, vars)?;
        let mut chosen = None;
        for rule in &s.choices {
            let RuleCondition::JsonPath(condition) = &rule.condition else {
                return Err(Fault::Sim(SimError::InvalidDefinition(format!(
                    "the JSONPath Choice state '{}' has a JSONata Condition",
                    cx.name
                ))));
            };
            let scope = Scope {
                input: &effective,
                context: &cx.context,
                vars,
            };
            match choice::holds(condition, scope) {
                Ok(true) => {
                    chosen = Some(rule);
                    break;
                }
                Ok(false) => {}
                Err(choice::RuleError::InvalidPath(p)) => {
                    return Err(cx.runtime(format!(
                        "Invalid path '{p}': The choice state's condition path references an invalid value."
                    )));
                }
                Err(choice::RuleError::Fault(f)) => return Err(f),
            }
        }
        let next = match (chosen, &s.default) {
            (Some(rule), _) => rule.next.clone(),
            (None, Some(d)) => d.clone(),
            (None, None) => return Err(no_choice(cx)),
        };
        // A matching rule's Assign applies; the state's only when the Default is taken.
        let assign = match chosen {
            Some(rule) => rule.assign.as_ref(),
            None => s.assign.as_ref(),
        };
        let assigned = self.assign_jsonpath(cx, assign, &effective, vars)?;
        let output = self.output_path(cx, s.output_path.as_ref(), effective, vars)?;
        Ok(Done {
            output,
            next: Some(next),
            assigned,
        })
    }

    fn wait(
        &mut self,
        cx: &Cx<'_>,
        s: &Wait,
        input: &Value,
        vars: &mut Vars,
    ) -> Result<Done, Fault> {
        let next = Self::next_of(&s.transition);
        let jsonata = is_jsonata(cx.lang);
        let effective = if jsonata {
            input.clone()
        } else {
            self.input_path(cx, s.input_path.as_ref(), input, vars)?
        };
        let until = match &s.wait_for {
            WaitFor::Seconds(Dynamic::Value(n)) => self.clock.plus_seconds(*n),
            WaitFor::Seconds(Dynamic::Path(e)) => {
                let v = self.expr(cx, e, &effective, vars, "SecondsPath")?;
                match v.as_i64().or_else(|| v.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)) {
                    Some(n) if n >= 0 => self.clock.plus_seconds(n),
                    _ => {
                        return Err(cx.runtime(format!(
                            "The SecondsPath parameter does not reference a valid non-negative integer: {} == {}",
                            e.as_str(),
                            display(&v)
                        )));
                    }
                }
            }
            WaitFor::Seconds(Dynamic::Jsonata(j)) => {
                let states = json!({"input": input, "context": cx.context});
                let v = self.jsonata_expr(cx, j, &states, vars, "Seconds")?.unwrap_or(Value::Null);
                match v.as_i64() {
                    Some(n) if (0..=99_999_999).contains(&n) => self.clock.plus_seconds(n),
                    _ => {
                        return Err(cx.query_error(format!(
                            "The Seconds field must evaluate to an integer between 0 and 99999999, but was {}",
                            json::compact(&v)
                        )));
                    }
                }
            }
            WaitFor::Timestamp(Dynamic::Value(t)) => Timestamp::parse(t).ok_or_else(|| {
                cx.runtime(format!(
                    "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {t}"
                ))
            })?,
            WaitFor::Timestamp(Dynamic::Path(e)) => {
                let v = self.expr(cx, e, &effective, vars, "TimestampPath")?;
                v.as_str().and_then(Timestamp::parse).ok_or_else(|| {
                    cx.runtime(format!(
                        "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {} == {}",
                        e.as_str(),
                        display(&v)
                    ))
                })?
            }
            WaitFor::Timestamp(Dynamic::Jsonata(j)) => {
                let states = json!({"input": input, "context": cx.context});
                let v = self.jsonata_expr(cx, j, &states, vars, "Timestamp")?.unwrap_or(Value::Null);
                v.as_str().and_then(Timestamp::parse).ok_or_else(|| {
                    cx.query_error(format!(
                        "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {}",
                        display(&v)
                    ))
                })?
            }
        };
        self.advance_to(until)?;
        if jsonata {
            let states = json!({"input": input, "context": cx.context});
            let output = match &s.output {
                Some(o) => self.jsonata_payload(cx, o, &states, vars, "Output")?,
                None => input.clone(),
            };
            let assigned = self.assign_jsonata(cx, s.assign.as_ref(), &states, vars)?;
            return Ok(Done {
                output,
                next,
                assigned,
            });
        }
        let assigned = self.assign_jsonpath(cx, s.assign.as_ref(), &effective, vars)?;
        let output = self.output_path(cx, s.output_path.as_ref(), effective, vars)?;
        Ok(Done {
            output,
            next,
            assigned,
        })
    }

    /// The end of a Task, Parallel or Map state: `ResultSelector`, `ResultPath`, `OutputPath`
    /// and `Assign` (JSONPath), or `Output` and `Assign` (JSONata), applied to `result`.
    #[allow(clippy::too_many_arguments)]
    fn finish(
        &mut self,
        cx: &Cx<'_>,
        input: &Value,
        result: Value,
        vars: &mut Vars,
        fields: Finish<'_>,
    ) -> Result<Done, Fault> {
        if json::size(&result) > MAX_PAYLOAD_BYTES {
            return Err(data_limit(cx.name));
        }
        let next = Self::next_of(fields.transition);
        if is_jsonata(cx.lang) {
            let states = json!({"input": input, "context": cx.context, "result": result});
            let output = match fields.output {
                Some(o) => self.jsonata_payload(cx, o, &states, vars, "Output")?,
                None => result,
            };
            let assigned = self.assign_jsonata(cx, fields.assign, &states, vars)?;
            return Ok(Done {
                output,
                next,
                assigned,
            });
        }
        let result = match fields.result_selector {
            Some(t) => self.payload(cx, t, &result, vars, "ResultSelector")?,
            None => result,
        };
        let assigned = self.assign_jsonpath(cx, fields.assign, &result, vars)?;
        let output = self.result_path(cx, fields.result_path, input.clone(), result)?;
        let output = self.output_path(cx, fields.output_path, output, vars)?;
        Ok(Done {
            output,
            next,
            assigned,
        })
    }

    /// The effective input of a Task or Parallel state: `InputPath` then `Parameters`
    /// (JSONPath), or `Arguments` (JSONata).
    #[allow(clippy::too_many_arguments)]
    fn arguments(
        &mut self,
        cx: &Cx<'_>,
        input: &Value,
        vars: &Vars,
        input_path: Option<&Nullable<Path>>,
        parameters: Option<&PayloadValue>,
        arguments: Option<&PayloadValue>,
    ) -> Result<Value, Fault> {
        if is_jsonata(cx.lang) {
            let states = json!({"input": input, "context": cx.context});
            return match arguments {
                Some(a) => self.jsonata_payload(cx, a, &states, vars, "Arguments"),
                None => Ok(input.clone()),
            };
        }
        let effective = self.input_path(cx, input_path, input, vars)?;
        let effective = match parameters {
            Some(p) => self.payload(cx, p, &effective, vars, "Parameters")?,
            None => effective,
        };
        if json::size(&effective) > MAX_PAYLOAD_BYTES {
            return Err(data_limit(cx.name));
        }
        Ok(effective)
    }

    fn task(
        &mut self,
        cx: &Cx<'_>,
        s: &Task,
        input: &Value,
        vars: &mut Vars,
        attempt: u32,
    ) -> Result<Done, Fault> {
        let mut context = cx.context.clone();
        if s.resource.ends_with(".waitForTaskToken") {
            let token = match &self.sim.settings.task_token {
                Some(t) => t.clone(),
                None => intrinsics::uuid_v4(&mut self.rng),
            };
            context["Task"] = json!({ "Token": token });
        }
        let cx = Cx {
            name: cx.name,
            entered_id: cx.entered_id,
            lang: cx.lang,
            context,
        };
        let params = self.arguments(
            &cx,
            input,
            vars,
            s.input_path.as_ref(),
            s.parameters.as_ref(),
            s.arguments.as_ref(),
        )?;
        let timeout = match &s.timeout_seconds {
            Some(d) => Some(self.dynamic_int(&cx, d, input, vars, "TimeoutSeconds")?),
            None => None,
        };
        let heartbeat = match &s.heartbeat_seconds {
            Some(d) => Some(self.dynamic_int(&cx, d, input, vars, "HeartbeatSeconds")?),
            None => None,
        };
        let mut scheduled = self.event(EventType::TaskScheduled, cx.name);
        scheduled.input = Some(params.clone());
        scheduled.resource = Some(s.resource.clone());
        self.emit(scheduled)?;
        let mut started = self.event(EventType::TaskStarted, cx.name);
        started.resource = Some(s.resource.clone());
        self.emit(started)?;

        let call = TaskCall {
            state: cx.name,
            resource: &s.resource,
            parameters: &params,
            context: &cx.context,
            attempt,
        };
        let (outcome, seconds) = self.call_mock(&call)?;
        // Which limit ends a task that runs `seconds` (or forever) without a heartbeat.
        let limit = [
            timeout.map(|t| (t, names::TIMEOUT)),
            heartbeat.map(|h| (h, names::HEARTBEAT_TIMEOUT)),
        ]
        .into_iter()
        .flatten()
        .min_by_key(|(t, _)| *t);
        let outcome = match (seconds, limit) {
            (Some(secs), Some((t, name))) if secs > t as u64 => Err((t, name)),
            (None, Some((t, name))) => Err((t, name)),
            (None, None) => {
                return Err(Fault::Sim(SimError::Mock {
                    state: cx.name.to_owned(),
                    message: "the mock never completes and the state has neither TimeoutSeconds nor HeartbeatSeconds".to_owned(),
                }));
            }
            (Some(secs), _) => {
                self.advance(secs as f64)?;
                Ok(outcome)
            }
        };
        let result = match outcome {
            Err((t, name)) => {
                self.advance(t as f64)?;
                let mut e = self.event(EventType::TaskTimedOut, cx.name);
                e.error = Some(name.to_owned());
                e.cause = Some(String::new());
                e.resource = Some(s.resource.clone());
                self.emit(e)?;
                return Err(Fault::States(StatesError::new(name, "")));
            }
            Ok(Err(err)) => {
                let mut e = self.event(EventType::TaskFailed, cx.name);
                e.error = Some(err.error.clone());
                e.cause = Some(err.cause.clone());
                e.resource = Some(s.resource.clone());
                self.emit(e)?;
                return Err(Fault::States(err));
            }
            Ok(Ok(v)) => v,
        };
        let mut e = self.event(EventType::TaskSucceeded, cx.name);
        e.output = Some(result.clone());
        e.resource = Some(s.resource.clone());
        self.emit(e)?;
        self.finish(
            &cx,
            input,
            result,
            vars,
            Finish {
                result_selector: s.result_selector.as_ref(),
                result_path: s.result_path.as_ref(),
                output_path: s.output_path.as_ref(),
                output: s.output.as_ref(),
                assign: s.assign.as_ref(),
                transition: &s.transition,
            },
        )
    }

    /// Calls the mock of a task: its outcome and how long it took (`None`: never completes).
    fn call_mock(
        &mut self,
        call: &TaskCall<'_>,
    ) -> Result<(Result<Value, StatesError>, Option<u64>), Fault> {
        let sim = self.sim;
        let (key, mock) = match sim.task_mocks.get(call.state) {
            Some(m) => (format!("state:{}", call.state), m),
            None => match (sim.resource_mocks.get(call.resource), &sim.default_mock) {
                (Some(m), _) => (format!("resource:{}", call.resource), m),
                (None, Some(m)) => ("default".to_owned(), m),
                (None, None) => {
                    return Err(Fault::Sim(SimError::UnmockedTask {
                        state: call.state.to_owned(),
                        resource: call.resource.to_owned(),
                    }));
                }
            },
        };
        self.used_mocks.insert(key.clone());
        let mock: &Mock = match &mock.kind {
            MockKind::Sequence(items) => {
                let n = self.calls.entry(key).or_insert(0);
                let Some(m) = items.get(*n) else {
                    return Err(Fault::Sim(SimError::Mock {
                        state: call.state.to_owned(),
                        message: format!(
                            "its sequence of {} mocks was called a {}th time",
                            items.len(),
                            *n + 1
                        ),
                    }));
                };
                *n += 1;
                m
            }
            _ => mock,
        };
        let seconds = Some(mock.seconds);
        Ok(match &mock.kind {
            MockKind::Value(v) => (Ok(v.clone()), seconds),
            MockKind::Error(e) => (Err(e.clone()), seconds),
            MockKind::Fn(f) => (f(call), seconds),
            MockKind::Never => (Ok(Value::Null), None),
            MockKind::Sequence(_) => {
                return Err(Fault::Sim(SimError::Mock {
                    state: call.state.to_owned(),
                    message: "a sequence inside a sequence".to_owned(),
                }));
            }
        })
    }

    fn parallel(
        &mut self,
        cx: &Cx<'_>,
        s: &Parallel,
        input: &Value,
        vars: &mut Vars,
    ) -> Result<Done, Fault> {
        let effective = self.arguments(
            cx,
            input,
            vars,
            s.input_path.as_ref(),
            s.parameters.as_ref(),
            s.arguments.as_ref(),
        )?;
        self.emit(self.event(EventType::ParallelStateStarted, cx.name))?;
        let mut results = Vec::with_capacity(s.branches.len());
        for b in &s.branches {
            let mut branch_vars = vars.child();
            let lang = b.query_language.unwrap_or(cx.lang);
            match self.graph(
                &b.start_at,
                &b.states,
                lang,
                effective.clone(),
                &mut branch_vars,
            ) {
                Ok(v) => results.push(v),
                Err(Fault::States(e)) => {
                    let mut ev = self.event(EventType::ParallelStateFailed, cx.name);
                    ev.error = Some(e.error.clone());
                    ev.cause = Some(e.cause.clone());
                    self.emit(ev)?;
                    return Err(Fault::States(e));
                }
                Err(other) => return Err(other),
            }
        }
        self.emit(self.event(EventType::ParallelStateSucceeded, cx.name))?;
        self.finish(
            cx,
            input,
            Value::Array(results),
            vars,
            Finish {
                result_selector: s.result_selector.as_ref(),
                result_path: s.result_path.as_ref(),
                output_path: s.output_path.as_ref(),
                output: s.output.as_ref(),
                assign: s.assign.as_ref(),
                transition: &s.transition,
            },
        )
    }

    fn map(
        &mut self,
        cx: &Cx<'_>,
        s: &MapState,
        input: &Value,
        vars: &mut Vars,
    ) -> Result<Done, Fault> {
        if s.item_reader.is_some() {
            return Err(cx.unsupported("Map ItemReader (reading items from S3)"));
        }
        if s.result_writer.is_some() {
            return Err(cx.unsupported("Map ResultWriter (writing results to S3)"));
        }
        let jsonata = is_jsonata(cx.lang);
        let distributed = s.is_distributed();
        let effective = if jsonata {
            input.clone()
        } else {
            self.input_path(cx, s.input_path.as_ref(), input, vars)?
        };
        let states = json!({"input": input, "context": cx.context});
        let items = if jsonata {
            match &s.items {
                Some(t) => self.jsonata_payload(cx, t, &states, vars, "Items")?,
                None => input.clone(),
            }
        } else {
            match &s.items_path {
                Some(p) => self
                    .path(p, &effective, &cx.context, vars)?
                    .ok_or_else(|| cx.not_found(p.as_str(), "ItemsPath", &effective))?,
                None => effective.clone(),
            }
        };
        let Value::Array(items) = items else {
            let detail = format!(
                "Map state input must be an array but was: {}",
                json::compact(&items)
            );
            return Err(if jsonata {
                cx.query_error(detail)
            } else {
                cx.runtime(detail)
            });
        };
        if let Some(d) = &s.max_concurrency {
            let n = self.dynamic_int(cx, d, &effective, vars, "MaxConcurrency")?;
            if n < 0 {
                return Err(cx.runtime(format!(
                    "MaxConcurrency must be a non-negative integer, but was {n}"
                )));
            }
        }
        let tolerated_count = match &s.tolerated_failure_count {
            Some(d) => {
                let n = self.dynamic_int(cx, d, &effective, vars, "ToleratedFailureCount")?;
                if n < 0 {
                    return Err(cx.runtime("ToleratedFailureCount cannot be negative."));
                }
                Some(n)
            }
            None => None,
        };
        let tolerated_percentage = match &s.tolerated_failure_percentage {
            Some(d) => Some(self.tolerated_percentage(cx, d, &effective, vars)?),
            None => None,
        };
        let batched = match &s.item_batcher {
            Some(b) => self.batches(cx, b, items, &effective, vars)?,
            None => items,
        };
        let mut started = self.event(EventType::MapStateStarted, cx.name);
        started.index = Some(batched.len());
        self.emit(started)?;
        if distributed {
            self.emit(self.event(EventType::MapRunStarted, cx.name))?;
        }
        let processor = s.processor.get();
        let lang = processor.query_language.unwrap_or(cx.lang);
        let mut results = Vec::with_capacity(batched.len());
        let mut failures = 0usize;
        let total = batched.len();
        for (index, item) in batched.into_iter().enumerate() {
            let mut item_context = cx.context.clone();
            item_context["Map"] = json!({"Item": {"Index": index, "Value": item}});
            let item_cx = Cx {
                name: cx.name,
                entered_id: cx.entered_id,
                lang: cx.lang,
                context: item_context,
            };
            let item_input = match &s.item_selector {
                None => item,
                Some(sel) if jsonata => {
                    let st = json!({"input": input, "context": item_cx.context});
                    self.jsonata_payload(&item_cx, sel.template(), &st, vars, "ItemSelector")?
                }
                Some(sel) => {
                    self.payload(&item_cx, sel.template(), &effective, vars, "ItemSelector")?
                }
            };
            let mut ev = self.event(EventType::MapIterationStarted, cx.name);
            ev.index = Some(index);
            if !distributed {
                self.emit(ev)?;
            }
            let outer = self.child_events;
            let mut iteration_vars = if distributed {
                self.child_events = Some(0);
                Vars::default()
            } else {
                vars.child()
            };
            let outcome = self.graph(
                &processor.start_at,
                &processor.states,
                lang,
                item_input,
                &mut iteration_vars,
            );
            self.child_events = outer;
            match outcome {
                Ok(v) => {
                    let mut ev = self.event(EventType::MapIterationSucceeded, cx.name);
                    ev.index = Some(index);
                    if !distributed {
                        self.emit(ev)?;
                    }
                    results.push(v);
                }
                Err(Fault::States(e)) if distributed => {
                    failures += 1;
                    results.push(json!({"Error": e.error, "Cause": e.cause}));
                }
                Err(Fault::States(e)) => {
                    let mut ev = self.event(EventType::MapIterationFailed, cx.name);
                    ev.index = Some(index);
                    self.emit(ev)?;
                    let mut ev = self.event(EventType::MapStateFailed, cx.name);
                    ev.error = Some(e.error.clone());
                    ev.cause = Some(e.cause.clone());
                    self.emit(ev)?;
                    return Err(Fault::States(e));
                }
                Err(other) => return Err(other),
            }
        }
        if distributed && failures > 0 {
            let count_ok = tolerated_count.is_some_and(|n| failures as i64 <= n);
            let pct_ok = tolerated_percentage
                .is_some_and(|p| (failures as f64) * 100.0 / (total as f64) <= p);
            if !count_ok && !pct_ok {
                self.emit(self.event(EventType::MapRunFailed, cx.name))?;
                let e = StatesError::new(
                    names::EXCEED_TOLERATED_FAILURE_THRESHOLD,
                    "The specified tolerated failure threshold was exceeded",
                );
                let mut ev = self.event(EventType::MapStateFailed, cx.name);
                ev.error = Some(e.error.clone());
                ev.cause = Some(e.cause.clone());
                self.emit(ev)?;
                return Err(Fault::States(e));
            }
        }
        if distributed {
            self.emit(self.event(EventType::MapRunSucceeded, cx.name))?;
        }
        self.emit(self.event(EventType::MapStateSucceeded, cx.name))?;
        self.finish(
            cx,
            input,
            Value::Array(results),
            vars,
            Finish {
                result_selector: s.result_selector.as_ref(),
                result_path: s.result_path.as_ref(),
                output_path: s.output_path.as_ref(),
                output: s.output.as_ref(),
                assign: s.assign.as_ref(),
                transition: &s.transition,
            },
        )
    }

    fn tolerated_percentage(
        &mut self,
        cx: &Cx<'_>,
        d: &Dynamic<f64>,
        input: &Value,
        vars: &Vars,
    ) -> Result<f64, Fault> {
        let p = match d {
            Dynamic::Value(v) => *v,
            Dynamic::Path(e) => {
                let v = self.expr(cx, e, input, vars, "ToleratedFailurePercentagePath")?;
                v.as_f64().ok_or_else(|| {
                    cx.runtime(format!(
                        "The ToleratedFailurePercentagePath field refers to value \"{}\" which is not a valid float: {}",
                        display(&v),
                        e.as_str()
                    ))
                })?
            }
            Dynamic::Jsonata(j) => {
                let states = json!({"input": input, "context": cx.context});
                let v = self
                    .jsonata_expr(cx, j, &states, vars, "ToleratedFailurePercentage")?
                    .unwrap_or(Value::Null);
                v.as_f64().ok_or_else(|| {
                    cx.query_error(format!(
                        "The ToleratedFailurePercentage field must evaluate to a number, but was {}",
                        json::compact(&v)
                    ))
                })?
            }
        };
        if !(0.0..=100.0).contains(&p) {
            let detail = "ToleratedFailurePercentage must be between 0 and 100.";
            return Err(if is_jsonata(cx.lang) {
                cx.query_error(detail)
            } else {
                cx.runtime(detail)
            });
        }
        Ok(p)
    }

    /// Groups items as `ItemBatcher` says: `{"Items": [...]}` plus the `BatchInput` members.
    fn batches(
        &mut self,
        cx: &Cx<'_>,
        b: &sfn_dsl::model::ItemBatcher,
        items: Vec<Value>,
        input: &Value,
        vars: &Vars,
    ) -> Result<Vec<Value>, Fault> {
        let max_items = match &b.max_items_per_batch {
            Some(d) => Some(self.dynamic_int(cx, d, input, vars, "MaxItemsPerBatch")?),
            None => None,
        };
        let max_bytes = match &b.max_input_bytes_per_batch {
            Some(d) => Some(self.dynamic_int(cx, d, input, vars, "MaxInputBytesPerBatch")?),
            None => None,
        };
        let batch_input = match &b.batch_input {
            Some(t) if is_jsonata(cx.lang) => {
                let states = json!({"input": input, "context": cx.context});
                Some(self.jsonata_payload(cx, t, &states, vars, "BatchInput")?)
            }
            Some(t) => Some(self.payload(cx, t, input, vars, "BatchInput")?),
            None => None,
        };
        let max_items = max_items.map_or(usize::MAX, |n| n.max(1) as usize);
        let max_bytes = max_bytes.map_or(usize::MAX, |n| n.max(1) as usize);
        let mut out: Vec<Vec<Value>> = Vec::new();
        let mut bytes = 0;
        for item in items {
            let size = json::size(&item);
            match out.last_mut() {
                Some(last) if last.len() < max_items && bytes + size <= max_bytes => {
                    bytes += size;
                    last.push(item);
                }
                _ => {
                    bytes = size;
                    out.push(vec![item]);
                }
            }
        }
        Ok(out
            .into_iter()
            .map(|items| {
                let mut batch = Map::new();
                if let Some(bi) = &batch_input {
                    batch.insert("BatchInput".to_owned(), bi.clone());
                }
                batch.insert("Items".to_owned(), Value::Array(items));
                Value::Object(batch)
            })
            .collect())
    }
}

/// The fields that end a Task, Parallel or Map state.
struct Finish<'a> {
    result_selector: Option<&'a PayloadValue>,
    result_path: Option<&'a Nullable<Path>>,
    output_path: Option<&'a Nullable<Path>>,
    output: Option<&'a PayloadValue>,
    assign: Option<&'a PayloadValue>,
    transition: &'a Transition,
}

/// Whether a retrier's or catcher's `ErrorEquals` handles the error `error`.
pub(crate) fn matches(error_equals: &[String], error: &str) -> bool {
    error_equals.iter().any(|e| {
        e == error
            || (e == names::ALL && error != names::RUNTIME && error != names::DATA_LIMIT_EXCEEDED)
            || (e == names::TASK_FAILED
                && ![names::TIMEOUT, names::RUNTIME, names::DATA_LIMIT_EXCEEDED].contains(&error))
    }) && error != names::DATA_LIMIT_EXCEEDED
}

/// `Assign: {}` assigns nothing (AWS records no assigned variables for it).
fn is_empty_object(p: &PayloadValue) -> bool {
    match p {
        PayloadValue::Object(m) => m.is_empty(),
        PayloadValue::Literal(Value::Object(m)) => m.is_empty(),
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
