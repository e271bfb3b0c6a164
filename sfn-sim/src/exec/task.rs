//! The Task state and its mocks.

use super::*;

impl Run<'_> {
    pub(super) fn task(
        &mut self,
        cx: &Cx<'_>,
        s: &Task,
        input: &Value,
        vars: &mut Vars,
        attempt: u32,
    ) -> Result<Done, Fault> {
        let with_token;
        let cx = if s.resource.ends_with(".waitForTaskToken") {
            let token = match &self.sim.settings.task_token {
                Some(t) => t.clone(),
                None => intrinsics::uuid_v4(&mut self.rng),
            };
            let mut context = cx.context().clone();
            context["Task"] = json!({ "Token": token });
            with_token = Cx::ready(cx.name, cx.entered_id, cx.lang, context);
            &with_token
        } else {
            cx
        };
        let params = self.arguments(
            cx,
            input,
            vars,
            s.input_path.as_ref(),
            s.parameters.as_ref(),
            s.arguments.as_ref(),
        )?;
        let timeout = match &s.timeout_seconds {
            Some(d) => Some(self.dynamic_int(cx, d, input, vars, "TimeoutSeconds")?),
            None => None,
        };
        let heartbeat = match &s.heartbeat_seconds {
            Some(d) => Some(self.dynamic_int(cx, d, input, vars, "HeartbeatSeconds")?),
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
            context: cx.context(),
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
        self.finish(cx, input, result, vars, finish_of!(s))
    }

    /// Calls the mock of a task: its outcome and how long it took (`None`: never completes).
    pub(super) fn call_mock(
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
        self.invoke_mock(key, mock, call)
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
}
