//! Task mocks: what a Task state's work returns in a simulation.

use crate::error::StatesError;
use serde_json::Value;
use sfn_dsl::fields::names as k;
use std::fmt;
use std::rc::Rc;

/// What a mocked task sees of its call.
#[derive(Debug)]
#[non_exhaustive]
pub struct TaskCall<'a> {
    /// The Task state's name.
    pub state: &'a str,
    /// Its `Resource`.
    pub resource: &'a str,
    /// The effective parameters (after `InputPath` and `Parameters`, or `Arguments`).
    pub parameters: &'a Value,
    /// The context object `$$` of this attempt (`State.RetryCount`, `Task.Token`, …).
    pub context: &'a Value,
    /// 0 for the first attempt, then 1, 2, … for the retries.
    pub attempt: u32,
}

/// What a task does: returns a value, fails with an error, or never completes. A mock may take
/// virtual time (see [`Mock::taking`]), which `TimeoutSeconds` and `HeartbeatSeconds` are checked
/// against.
///
/// ```
/// use sfn::serde_json::json;
/// use sfn::sim::Mock;
///
/// let ok = Mock::value(json!({"StatusCode": 200}));
/// let flaky = Mock::sequence([Mock::error("Lambda.ServiceException", "busy"), Mock::value(json!(1))]);
/// let echo = Mock::from_fn(|call| Ok(call.parameters.clone()));
/// let slow = Mock::value(json!(null)).taking(120);
/// # let _ = (ok, flaky, echo, slow);
/// ```
#[derive(Clone)]
pub struct Mock {
    pub(crate) kind: MockKind,
    pub(crate) seconds: u64,
}

pub(crate) type MockFn = dyn Fn(&TaskCall<'_>) -> Result<Value, StatesError>;

#[derive(Clone)]
pub(crate) enum MockKind {
    Value(Value),
    Error(StatesError),
    Sequence(Vec<Mock>),
    Fn(Rc<MockFn>),
    Never,
}

impl Mock {
    /// The task succeeds with `result`.
    pub fn value(result: Value) -> Mock {
        Mock {
            kind: MockKind::Value(result),
            seconds: 0,
        }
    }

    /// The task fails with an error name (e.g. `"Lambda.ServiceException"`, `"States.TaskFailed"`)
    /// and a cause.
    pub fn error(error: impl Into<String>, cause: impl Into<String>) -> Mock {
        Mock {
            kind: MockKind::Error(StatesError::new(error, cause)),
            seconds: 0,
        }
    }

    /// Successive calls get successive mocks (the first call the first one, …); a call past
    /// the end is a simulation error ([`SimError::Mock`](crate::SimError::Mock)).
    pub fn sequence(mocks: impl IntoIterator<Item = Mock>) -> Mock {
        Mock {
            kind: MockKind::Sequence(mocks.into_iter().collect()),
            seconds: 0,
        }
    }

    /// The task's outcome computed from its call (its effective parameters, its attempt, …).
    pub fn from_fn(f: impl Fn(&TaskCall<'_>) -> Result<Value, StatesError> + 'static) -> Mock {
        Mock {
            kind: MockKind::Fn(Rc::new(f)),
            seconds: 0,
        }
    }

    /// The task never completes: its `TimeoutSeconds` (or `HeartbeatSeconds`) ends it with
    /// `States.Timeout` (`States.HeartbeatTimeout`). A task without either is a simulation
    /// error, since on AWS it would wait for a year.
    pub fn never_completes() -> Mock {
        Mock {
            kind: MockKind::Never,
            seconds: 0,
        }
    }

    /// The task takes `seconds` of virtual time (0 by default) and sends no heartbeat in that
    /// time. A task that takes longer than its `TimeoutSeconds` times out.
    pub fn taking(mut self, seconds: u64) -> Mock {
        self.seconds = seconds;
        self
    }
}

impl fmt::Debug for Mock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            MockKind::Value(v) => write!(f, "Mock::value({v})"),
            MockKind::Error(e) => write!(f, "Mock::error({:?}, {:?})", e.error, e.cause),
            MockKind::Sequence(s) => f.debug_tuple("Mock::sequence").field(s).finish(),
            MockKind::Fn(_) => f.write_str("Mock::from_fn(..)"),
            MockKind::Never => f.write_str("Mock::never_completes()"),
        }?;
        if self.seconds > 0 {
            write!(f, ".taking({})", self.seconds)?;
        }
        Ok(())
    }
}

/// The state mocks of one test case of a Step Functions Local `MockConfigFile.json`: for each
/// state the test case names, the sequence of its mocked response (`"0"`, `"1-2"`, … →
/// `Return` or `Throw`).
pub(crate) fn from_mock_config(
    config: &Value,
    state_machine: &str,
    test_case: &str,
) -> Result<Vec<(String, Mock)>, String> {
    let case = config
        .pointer(&format!(
            "/StateMachines/{}/TestCases/{}",
            escape(state_machine),
            escape(test_case)
        ))
        .and_then(Value::as_object)
        .ok_or_else(|| {
            format!("no test case StateMachines.{state_machine}.TestCases.{test_case}")
        })?;
    let mut mocks = Vec::with_capacity(case.len());
    for (state, response) in case {
        let name = response
            .as_str()
            .ok_or_else(|| format!("the test case maps state '{state}' to a non-string"))?;
        let steps = config
            .pointer(&format!("/MockedResponses/{}", escape(name)))
            .and_then(Value::as_object)
            .ok_or_else(|| format!("no mocked response MockedResponses.{name}"))?;
        let mut ranged: Vec<(u64, u64, Mock)> = Vec::with_capacity(steps.len());
        for (key, step) in steps {
            let (from, to) = match key.split_once('-') {
                Some((a, b)) => (a.trim().parse(), b.trim().parse()),
                None => (key.trim().parse(), key.trim().parse()),
            };
            let (Ok(from), Ok(to)) = (from, to) else {
                return Err(format!(
                    "MockedResponses.{name}: '{key}' is not an invocation index or range"
                ));
            };
            let mock = match (step.get("Return"), step.get("Throw")) {
                (Some(v), None) => Mock::value(v.clone()),
                (None, Some(t)) => Mock::error(
                    t.get(k::Error).and_then(Value::as_str).unwrap_or_default(),
                    t.get(k::Cause).and_then(Value::as_str).unwrap_or_default(),
                ),
                _ => {
                    return Err(format!(
                        "MockedResponses.{name}.{key} must have exactly one of Return and Throw"
                    ));
                }
            };
            if to < from {
                return Err(format!(
                    "MockedResponses.{name}: the range '{key}' is empty"
                ));
            }
            ranged.push((from, to, mock));
        }
        ranged.sort_by_key(|(from, _, _)| *from);
        let mut sequence = Vec::new();
        for (from, to, mock) in ranged {
            if from != sequence.len() as u64 {
                return Err(format!(
                    "MockedResponses.{name}: invocation {} has no response",
                    sequence.len()
                ));
            }
            for _ in from..=to.min(from + 10_000) {
                sequence.push(mock.clone());
            }
        }
        mocks.push((state.clone(), Mock::sequence(sequence)));
    }
    Ok(mocks)
}

/// A JSON pointer token for a key.
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
