//! The Task state and its mocks.

use super::*;
use sfn_dsl::fields::names as k;

/// A callback task about to wait.
struct Waiting<'a> {
    state: &'a str,
    resource: &'a str,
    token: String,
    parameters: &'a Value,
    timeout: Option<i64>,
    heartbeat: Option<i64>,
}

/// How a task ends: its outcome, or a timeout at an instant with its error name.
type TaskEnd = Result<Result<Value, StatesError>, (Timestamp, &'static str)>;

impl<'s> Run<'s> {
    pub(super) fn task(
        &mut self,
        cx: &Cx<'_>,
        s: &'s Task,
        input: &Value,
        vars: &mut Vars,
        attempt: u32,
    ) -> Result<Done<'s>, Fault> {
        let with_token;
        let callback = s.resource.ends_with(".waitForTaskToken");
        let (cx, token) = if callback {
            let token = match &self.sim.settings.task_token {
                Some(t) => t.clone(),
                None => intrinsics::uuid_v4(&mut self.rng),
            };
            let mut context = cx.context().clone();
            context["Task"] = json!({ "Token": token });
            with_token = Cx::ready(cx, context);
            (&with_token, token)
        } else {
            (cx, String::new())
        };
        let params = self.arguments(cx, input, vars, arguments_of!(s))?;
        // A negative `TimeoutSeconds` or `HeartbeatSeconds` is 0.
        let mut seconds = |d: &Option<Dynamic<i64>>, field| {
            Ok::<_, Fault>(
                self.dynamic(cx, d.as_ref(), input, vars, field)?
                    .map(|n| n.max(0)),
            )
        };
        let timeout = seconds(&s.timeout_seconds, k::TimeoutSeconds)?;
        let heartbeat = seconds(&s.heartbeat_seconds, k::HeartbeatSeconds)?;
        let params = Arc::new(params);
        let resource: Arc<str> = Arc::from(s.resource.as_str());
        let mut scheduled = self.task_event(EventType::TaskScheduled, cx, &resource);
        scheduled.input = Some(Arc::clone(&params));
        self.emit(scheduled)?;
        self.emit(self.task_event(EventType::TaskStarted, cx, &resource))?;
        if callback {
            // The message carrying the token is sent; the task now waits for its callback.
            self.emit(self.task_event(EventType::TaskSubmitted, cx, &resource))?;
        }

        let call = TaskCall {
            state: cx.name,
            resource: &s.resource,
            parameters: &params,
            context: cx.context(),
            attempt,
        };
        // What ends the task: its outcome, or a timeout (when, and its error name).
        let outcome = match self.find_mock(&call) {
            Some((key, mock)) => {
                let (outcome, seconds) = self.invoke_mock(key, mock, &call)?;
                // Which limit ends a task that runs `seconds` (or forever) without a heartbeat.
                let limit = first_limit(timeout, heartbeat);
                match (seconds, limit) {
                    (Some(secs), Some((t, name))) if secs > t as u64 => {
                        Err((self.clock.plus_seconds(t), name))
                    }
                    (None, Some((t, name))) => Err((self.clock.plus_seconds(t), name)),
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
                }
            }
            None if callback => {
                let waiting = Waiting {
                    state: cx.name,
                    resource: &s.resource,
                    token,
                    parameters: &params,
                    timeout,
                    heartbeat,
                };
                self.callback(waiting)?
            }
            None => {
                return Err(Fault::Sim(SimError::UnmockedTask {
                    state: cx.name.to_owned(),
                    resource: s.resource.clone(),
                }));
            }
        };
        let result = match outcome {
            Err((at, name)) => {
                self.advance_to(at)?;
                let err = StatesError::new(name, "");
                return Err(self.task_failed(EventType::TaskTimedOut, cx, &resource, err));
            }
            Ok(Err(err)) => {
                return Err(self.task_failed(EventType::TaskFailed, cx, &resource, err));
            }
            Ok(Ok(v)) if json::size(&v) > MAX_PAYLOAD_BYTES => {
                // AWS fails the task itself, naming the integration (`lambda` for
                // `arn:aws:states:::lambda:invoke`) or the ARN it called.
                let label = s
                    .resource
                    .strip_prefix("arn:aws:states:::")
                    .and_then(|rest| rest.split([':', '.']).next())
                    .unwrap_or(&s.resource);
                let err = StatesError::new(
                    names::DATA_LIMIT_EXCEEDED,
                    format!(
                        "The state/task '{label}' returned a result with a size exceeding the maximum number of bytes service limit."
                    ),
                );
                return Err(self.task_failed(EventType::TaskFailed, cx, &resource, err));
            }
            Ok(Ok(v)) => v,
        };
        let result = Arc::new(result);
        let mut e = self.task_event(EventType::TaskSucceeded, cx, &resource);
        e.output = Some(Arc::clone(&result));
        self.emit(e)?;
        self.finish(cx, input, result, vars, finish_of!(s))
    }

    /// An event of the task of `cx`, which calls `resource`.
    fn task_event(&self, event_type: EventType, cx: &Cx<'_>, resource: &Arc<str>) -> Event {
        let mut e = self.event(event_type, &cx.label);
        e.resource = Some(Arc::clone(resource));
        e
    }

    /// Records the end of the task of `cx` by `err` (`TaskFailed`, `TaskTimedOut`) and
    /// returns it as the task's fault.
    fn task_failed(
        &mut self,
        event_type: EventType,
        cx: &Cx<'_>,
        resource: &Arc<str>,
        err: StatesError,
    ) -> Fault {
        let mut e = self.task_event(event_type, cx, resource);
        e.error = Some(err.error.clone());
        e.cause = Some(err.cause.clone());
        match self.emit(e) {
            Ok(_) => Fault::States(err),
            Err(f) => f,
        }
    }

    /// A `.waitForTaskToken` task that no mock answers, scheduled now: the answer the test sent
    /// before it timed out, its timeout (when, and the error) once the test's clock is past it,
    /// or else a pause of the run ([`Fault::Paused`]) with the task pending.
    fn callback(&mut self, w: Waiting<'_>) -> Result<TaskEnd, Fault> {
        let ordinal = self.callbacks_reached;
        self.callbacks_reached += 1;
        let scheduled = self.clock;
        let sent = self
            .replay
            .callbacks
            .get(ordinal)
            .cloned()
            .unwrap_or_default();
        let timeout_at = w.timeout.map(|t| scheduled.plus_seconds(t));
        // Each heartbeat that comes in time starts a new `HeartbeatSeconds`.
        let heartbeat_timeout_at = w.heartbeat.map(|h| {
            let mut last = scheduled;
            for &beat in &sent.heartbeats {
                if beat >= last.plus_seconds(h) {
                    break;
                }
                last = last.max(beat);
            }
            last.plus_seconds(h)
        });
        let limit = first_limit(timeout_at, heartbeat_timeout_at);
        if let Some((at, answer)) = sent.answer
            && limit.is_none_or(|(t, _)| at < t)
        {
            self.advance_to(at)?;
            return Ok(Ok(answer));
        }
        if let Some((t, name)) = limit
            && t <= self.replay.now
        {
            return Ok(Err((t, name)));
        }
        // Still waiting: the execution's own `TimeoutSeconds` may end it meanwhile.
        self.advance_to(self.replay.now.max(self.clock))?;
        self.pending.push(PendingCallback {
            state: w.state.to_owned(),
            token: w.token,
            resource: w.resource.to_owned(),
            parameters: w.parameters.clone(),
            scheduled_at: scheduled,
            timeout_at,
            heartbeat_timeout_at,
            ordinal,
        });
        Err(Fault::Paused)
    }

    /// The mock that answers a task: its state's, else its resource's, else the default one,
    /// with its key (for its sequence and `unused_mocks`).
    fn find_mock(&self, call: &TaskCall<'_>) -> Option<(String, &'s Mock)> {
        let sim: &'s Simulator<'s> = self.sim;
        match sim.task_mocks.get(call.state) {
            Some(m) => Some((format!("state:{}", call.state), m)),
            None => match (sim.resource_mocks.get(call.resource), &sim.default_mock) {
                (Some(m), _) => Some((format!("resource:{}", call.resource), m)),
                (None, Some(m)) => Some(("default".to_owned(), m)),
                (None, None) => None,
            },
        }
    }

    /// Calls `mock` (known by `key` for its sequence and for `unused_mocks`): its outcome and
    /// how long it took (`None`: never completes).
    pub(super) fn invoke_mock(
        &mut self,
        key: String,
        mock: &Mock,
        call: &TaskCall<'_>,
    ) -> Result<(Result<Value, StatesError>, Option<u64>), Fault> {
        self.used_mocks.insert(key.clone());
        let mock: &Mock = match &mock.kind {
            MockKind::Sequence(items) => {
                let n = self.calls.entry(key).or_insert(0);
                let Some(m) = items.get(*n) else {
                    return Err(Fault::Sim(SimError::Mock {
                        state: call.state.to_owned(),
                        message: format!(
                            "its sequence has {} mocks and this is call {}",
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
            MockKind::Fn(f) => (self.call_fn(f.as_ref(), call), seconds),
            MockKind::Never => (Ok(Value::Null), None),
            MockKind::Sequence(_) => {
                return Err(Fault::Sim(SimError::Mock {
                    state: call.state.to_owned(),
                    message: "a sequence inside a sequence".to_owned(),
                }));
            }
        })
    }

    /// Calls a mock closure, once per call of the execution: a replay of a waiting execution
    /// gets the result of the first run.
    fn call_fn(&mut self, f: &MockFn, call: &TaskCall<'_>) -> Result<Value, StatesError> {
        let n = self.fn_calls;
        self.fn_calls += 1;
        if let Some(result) = self.replay.fn_results.get(n) {
            return result.clone();
        }
        let result = f(call);
        self.replay.fn_results.push(result.clone());
        result
    }
}

/// The first limit that ends a task, `TimeoutSeconds` or `HeartbeatSeconds` (the timeout on a
/// tie), with the error it ends the task with.
fn first_limit<T: Ord>(timeout: Option<T>, heartbeat: Option<T>) -> Option<(T, &'static str)> {
    [
        timeout.map(|t| (t, names::TIMEOUT)),
        heartbeat.map(|h| (h, names::HEARTBEAT_TIMEOUT)),
    ]
    .into_iter()
    .flatten()
    .min_by(|(a, _), (b, _)| a.cmp(b))
}
