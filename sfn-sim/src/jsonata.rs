//! JSONata: the simulator runs JSONata states (`QueryLanguage: JSONata`) with a
//! [`JsonataEngine`]: by default the built-in [`CoreEngine`] (JSONata 2.0.6 as AWS runs it, on
//! the `jsonata-core` crate, with Step Functions' own functions), or one the caller plugs in
//! with [`Simulator::jsonata`](crate::Simulator::jsonata).
//!
//! Everything around the expressions is the simulator's: which fields are evaluated when, the
//! `$states` binding (`input`, `result`, `errorOutput`, `context`), variables, and turning a
//! failure into AWS's `States.QueryEvaluationError` (an expression that gives nothing where a
//! value is needed fails the state the same way, naming the field).

mod aws;
mod engine;

pub use engine::CoreEngine;

use serde_json::{Map, Value};

/// The values an expression can refer to: every visible variable by name (`$name`), and
/// `states` (`$states`) with `input`, `context` and, where AWS defines them, `result` and
/// `errorOutput`.
pub type Bindings = Map<String, Value>;

/// Why an expression failed; becomes a `States.QueryEvaluationError` of the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonataError {
    /// What went wrong, as the engine describes it.
    pub message: String,
}

impl std::fmt::Display for JsonataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for JsonataError {}

/// A JSONata evaluator (JSONata 2.0.6 as AWS runs it, with AWS's own functions).
///
/// [`CoreEngine`] is the simulator's own; implement this trait to run expressions with
/// another evaluator.
///
/// `expression` is the text between `{%` and `%}`, trimmed. An expression that yields nothing
/// (JSONata's `undefined`) returns `Ok(None)`.
///
/// ```
/// use sfn::serde_json::{Value, json};
/// use sfn::sim::jsonata::{Bindings, JsonataEngine, JsonataError};
///
/// /// Knows one expression: enough for a test.
/// struct Input;
/// impl JsonataEngine for Input {
///     fn evaluate(&self, expression: &str, bindings: &Bindings) -> Result<Option<Value>, JsonataError> {
///         match expression {
///             "$states.input" => Ok(bindings["states"].get("input").cloned()),
///             _ => Err(JsonataError { message: format!("unknown: {expression}") }),
///         }
///     }
/// }
/// let mut b = Bindings::new();
/// b.insert("states".into(), json!({"input": 1}));
/// assert_eq!(Input.evaluate("$states.input", &b).unwrap(), Some(json!(1)));
/// ```
pub trait JsonataEngine {
    /// Evaluates one expression with these bindings.
    fn evaluate(
        &self,
        expression: &str,
        bindings: &Bindings,
    ) -> Result<Option<Value>, JsonataError>;
}

/// A borrowed engine works too, so one engine can serve many simulators.
impl<E: JsonataEngine + ?Sized> JsonataEngine for &E {
    fn evaluate(
        &self,
        expression: &str,
        bindings: &Bindings,
    ) -> Result<Option<Value>, JsonataError> {
        (**self).evaluate(expression, bindings)
    }
}
