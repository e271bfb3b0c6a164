//! [`CoreEngine`]: JSONata as AWS runs it, on the `jsonata-core` crate.

use super::{Bindings, JsonataEngine, JsonataError, aws};
use crate::time::Timestamp;
use jsonata_core::ast::AstNode;
use jsonata_core::evaluator::{Context, Evaluator, EvaluatorError, EvaluatorOptions};
use jsonata_core::value::JValue;
use rand::SeedableRng as _;
use rand::rngs::StdRng;
use serde_json::{Map, Value};
use sfn_dsl::fields::names as k;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;

/// The default JSONata engine: JSONata 2.0.6 as AWS Step Functions runs it, on the
/// [`jsonata-core`](https://crates.io/crates/jsonata-core) evaluator (chosen by measuring the
/// Rust JSONata crates against jsonata 2.0.6; see `docs/jsonata.md` in the repository).
///
/// A [`Simulator`](crate::Simulator) without an engine of its own uses one, made for each run
/// with the simulator's seed. On top of jsonata-core, it gives expressions what AWS gives them:
///
/// - Step Functions' functions `$partition`, `$range`, `$hash`, `$random`, `$uuid` and
///   `$parse`; `$random()` and `$uuid()` draw from the engine's seed, so a run is repeatable
///   (AWS's own sequence for `$random(seed)` is not public: the same seed always gives the same
///   number here, not AWS's number);
/// - no `$eval` (calling it fails with `T1006`, as calling any undefined function does), and no
///   `??` or `?:` operators (JSONata 2.1; AWS runs 2.0.6): an expression using them fails with
///   `S0211`, as 2.0.6's parser rejects them;
/// - JavaScript's ASCII `\d`, `\w` and `\b` in regular expressions (look-around and
///   back-references stay unsupported and fail the expression);
/// - `$now()` and `$millis()` on the simulator's virtual clock: the time the state was entered
///   (`$states.context.State.EnteredTime`), so they too are the same from run to run;
/// - every error as a message that starts with its JSONata code (`T2002: …`), which the
///   simulator turns into a `States.QueryEvaluationError`;
/// - an evaluation time limit ([`CoreEngine::timeout`], 10 s by default), so a runaway
///   expression fails with `D1012` instead of hanging the run.
///
/// Each expression is parsed once and kept for later evaluations.
///
/// ```
/// use sfn::serde_json::json;
/// use sfn::sim::jsonata::{Bindings, CoreEngine, JsonataEngine};
///
/// let engine = CoreEngine::with_seed(7);
/// let mut b = Bindings::new();
/// b.insert("states".into(), json!({"input": {"items": [1, 2, 3]}}));
/// b.insert("limit".into(), json!(2));
/// let v = engine.evaluate("$partition($states.input.items, $limit)", &b).unwrap();
/// assert_eq!(v, Some(json!([[1, 2], [3]])));
/// assert_eq!(engine.evaluate("$states.input.absent", &b).unwrap(), None);
/// let err = engine.evaluate("$states.input.items + 1", &b).unwrap_err();
/// assert!(err.message.starts_with("T2001: "), "{err}");
/// ```
pub struct CoreEngine {
    rng: Arc<Mutex<StdRng>>,
    timeout: Duration,
    parsed: Mutex<HashMap<String, Result<Arc<AstNode>, JsonataError>>>,
}

impl std::fmt::Debug for CoreEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CoreEngine")
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Default for CoreEngine {
    fn default() -> Self {
        CoreEngine::with_seed(0)
    }
}

impl CoreEngine {
    /// An engine whose `$random()` and `$uuid()` draw from seed 0.
    pub fn new() -> CoreEngine {
        CoreEngine::default()
    }

    /// An engine whose `$random()` and `$uuid()` draw from `seed`.
    pub fn with_seed(seed: u64) -> CoreEngine {
        CoreEngine {
            rng: Arc::new(Mutex::new(StdRng::seed_from_u64(seed))),
            timeout: Duration::from_secs(10),
            parsed: Mutex::new(HashMap::new()),
        }
    }

    /// The longest one evaluation may take (wall-clock time); past it the expression fails
    /// with `D1012`.
    pub fn timeout(mut self, timeout: Duration) -> CoreEngine {
        self.timeout = timeout;
        self
    }

    /// Parses `expression` without evaluating it (and keeps it for its evaluations): the
    /// error its evaluation would give for a syntax error or a JSONata 2.1 operator.
    pub fn check(&self, expression: &str) -> Result<(), JsonataError> {
        self.parse(expression).map(drop)
    }

    /// Evaluates `expression` on the input document `input` (`$`; undefined when `None`), as
    /// JSONata runs outside Step Functions. A state has no input document, only `$states` and
    /// the variables: [`JsonataEngine::evaluate`] is this with `None`.
    ///
    /// ```
    /// use sfn::serde_json::json;
    /// use sfn::sim::jsonata::{Bindings, CoreEngine};
    ///
    /// let engine = CoreEngine::new();
    /// let order = json!({"items": [{"price": 2, "qty": 3}, {"price": 5, "qty": 1}]});
    /// let total = engine.evaluate_on("$sum(items.(price * qty))", Some(&order), &Bindings::new());
    /// assert_eq!(total.unwrap(), Some(json!(11)));
    /// assert!(engine.check("$x ?? 1").unwrap_err().message.starts_with("S0211: "));
    /// ```
    pub fn evaluate_on(
        &self,
        expression: &str,
        input: Option<&Value>,
        bindings: &Bindings,
    ) -> Result<Option<Value>, JsonataError> {
        let ast = self.parse(expression)?;
        let mut context = Context::new();
        for (name, value) in bindings {
            context.bind(name.clone(), JValue::from(value.clone()));
        }
        let options = EvaluatorOptions {
            timeout_ms: Some(self.timeout.as_millis().try_into().unwrap_or(u64::MAX)),
            ..EvaluatorOptions::default()
        };
        let mut ev = Evaluator::with_options(context, options);
        register_functions(&mut ev, &self.rng);
        if let Some(now) = virtual_now(bindings) {
            register_clock(&mut ev, now);
        }
        let input = input.map_or(JValue::Undefined, |v| JValue::from(v.clone()));
        match ev.evaluate(&ast, &input) {
            Ok(v) => Ok(to_json(&v)),
            Err(e) => Err(error(e.message())),
        }
    }

    /// The parsed expression, from the cache or parsed now (and kept).
    fn parse(&self, expression: &str) -> Result<Arc<AstNode>, JsonataError> {
        let mut parsed = self.parsed.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(p) = parsed.get(expression) {
            return p.clone();
        }
        let p = parse(expression).map(Arc::new);
        parsed.insert(expression.to_owned(), p.clone());
        p
    }
}

fn error(message: impl Into<String>) -> JsonataError {
    JsonataError {
        message: message.into(),
    }
}

/// Parses `expression` as AWS's jsonata 2.0.6 would: without the 2.1 operators, with
/// JavaScript's regex classes.
fn parse(expression: &str) -> Result<AstNode, JsonataError> {
    let ast = jsonata_core::parser::parse(expression).map_err(|e| error(coded(&e.to_string())))?;
    let mut tree = serde_json::to_value(&ast).map_err(|e| error(e.to_string()))?;
    if let Some(symbol) = uses_2_1_operator(&tree) {
        let operator = if symbol == "?" { "??" } else { "?:" };
        return Err(error(format!(
            "S0211: The symbol {symbol} cannot be used as a unary operator (the {operator} operator is JSONata 2.1; AWS runs 2.0.6)"
        )));
    }
    if with_js_regexes(&mut tree) {
        return serde_json::from_value(tree).map_err(|e| error(e.to_string()));
    }
    Ok(ast)
}

/// The message from its JSONata code on (`Invalid syntax: S0201: …` is `S0201: …`).
fn coded(message: &str) -> String {
    let b = message.as_bytes();
    (0..b.len().saturating_sub(5))
        .find(|&i| {
            b[i].is_ascii_uppercase()
                && b[i + 1..i + 5].iter().all(u8::is_ascii_digit)
                && b[i + 5] == b':'
                && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
        })
        .map_or_else(|| message.to_owned(), |i| message[i..].to_owned())
}

/// The symbol jsonata 2.0.6 stops at when the AST (in its serde form) uses `??` or `?:`,
/// operators JSONata 2.1 added: `{"Binary": {"op": "Coalesce" | "Default", …}}`.
fn uses_2_1_operator(tree: &Value) -> Option<&'static str> {
    match tree {
        Value::Object(o) => {
            if let Some(Value::Object(b)) = o.get("Binary") {
                match b.get("op").and_then(Value::as_str) {
                    Some("Coalesce") => return Some("?"),
                    Some(k::Default) => return Some(":"),
                    _ => {}
                }
            }
            o.values().find_map(uses_2_1_operator)
        }
        Value::Array(a) => a.iter().find_map(uses_2_1_operator),
        _ => None,
    }
}

/// Gives the regex literals of the AST (in its serde form) JavaScript's classes; whether any
/// changed. A regex can only be a literal in JSONata, so this covers them all.
fn with_js_regexes(tree: &mut Value) -> bool {
    match tree {
        Value::Object(o) => {
            let mut changed = false;
            if let Some(Value::Object(r)) = o.get_mut("Regex")
                && let Some(js) = r
                    .get("pattern")
                    .and_then(Value::as_str)
                    .and_then(js_regex_classes)
            {
                r.insert("pattern".into(), Value::String(js));
                changed = true;
            }
            o.values_mut().fold(changed, |c, v| with_js_regexes(v) | c)
        }
        Value::Array(a) => a.iter_mut().fold(false, |c, v| with_js_regexes(v) | c),
        _ => false,
    }
}

/// A JavaScript regex pattern for the `regex` crate, whose `\d`, `\w` and `\b` match Unicode
/// where JavaScript's match ASCII only; `None` when the pattern has none of them.
pub(super) fn js_regex_classes(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len() + 16);
    let (mut changed, mut in_class, mut chars) = (false, false, pattern.chars());
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => {
                let Some(next) = chars.next() else {
                    out.push(ch);
                    break;
                };
                let ascii = match next {
                    'd' if in_class => Some("0-9"),
                    'w' if in_class => Some("0-9A-Za-z_"),
                    'd' => Some("[0-9]"),
                    'D' if !in_class => Some("[^0-9]"),
                    'w' => Some("[0-9A-Za-z_]"),
                    'W' if !in_class => Some("[^0-9A-Za-z_]"),
                    'b' if !in_class => Some("(?-u:\\b)"),
                    'B' if !in_class => Some("(?-u:\\B)"),
                    _ => None,
                };
                match ascii {
                    Some(a) => {
                        out.push_str(a);
                        changed = true;
                    }
                    None => {
                        out.push(ch);
                        out.push(next);
                    }
                }
            }
            '[' => {
                in_class = true;
                out.push(ch);
            }
            ']' => {
                in_class = false;
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    changed.then_some(out)
}

/// A JSONata value as JSON, the way `JSON.stringify` writes it (AWS passes results on as
/// JSON): `None` for undefined and for a function; in an object, members whose value is
/// either are left out; in an array, they are `null`. Integral numbers are JSON integers, as
/// JavaScript prints them (`2`, not `2.0`); infinities and NaN are `null`.
fn to_json(v: &JValue) -> Option<Value> {
    Some(match v {
        JValue::Undefined | JValue::Lambda(_) | JValue::Builtin { .. } | JValue::Regex { .. } => {
            return None;
        }
        JValue::Null => Value::Null,
        JValue::Bool(b) => Value::Bool(*b),
        JValue::Number(n) => number(*n),
        JValue::String(s) => Value::String(s.to_string()),
        JValue::Array(items) => Value::Array(
            items
                .iter()
                .map(|i| to_json(i).unwrap_or(Value::Null))
                .collect(),
        ),
        JValue::Object(members) => Value::Object(
            members
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), to_json(v)?)))
                .collect::<Map<_, _>>(),
        ),
    })
}

fn number(n: f64) -> Value {
    if !n.is_finite() {
        Value::Null
    } else if n.fract() == 0.0 && n.abs() < 9.2e18 {
        Value::from(n as i64)
    } else {
        Value::from(n)
    }
}

/// When the expression runs on the virtual clock: the `EnteredTime` of the state in
/// `$states.context` (else the execution's `StartTime`); `None` without a context.
fn virtual_now(bindings: &Bindings) -> Option<Timestamp> {
    let context = bindings.get("states")?.get("context")?;
    [("State", "EnteredTime"), ("Execution", "StartTime")]
        .iter()
        .find_map(|(object, field)| Timestamp::parse(context.get(object)?.get(field)?.as_str()?))
}

/// `$now()` and `$millis()` on the virtual clock: the time `now` the state was entered.
/// `$now(picture, timezone)` formats it as `$fromMillis` does, as in jsonata-js.
fn register_clock(ev: &mut Evaluator, now: Timestamp) {
    let millis = now.as_nanos().div_euclid(1_000_000) as f64;
    let registered = ev.register_fn_override("millis", move |args: &[JValue]| {
        if args.is_empty() {
            Ok(JValue::Number(millis))
        } else {
            Err(EvaluatorError::TypeError(
                "T0410: Argument 1 of function \"millis\" does not match function signature".into(),
            ))
        }
    });
    debug_assert!(registered.is_ok(), "$millis is overridden: {registered:?}");
    let registered = ev.register_fn_override("now", move |args: &[JValue]| {
        if args.iter().all(JValue::is_undefined) {
            return Ok(JValue::from(now.to_string()));
        }
        static FROM_MILLIS: OnceLock<AstNode> = OnceLock::new();
        let ast = FROM_MILLIS.get_or_init(|| {
            jsonata_core::parser::parse("$fromMillis($m, $p, $t)").expect("a valid expression")
        });
        let mut context = Context::new();
        context.bind("m".into(), JValue::Number(millis));
        for (name, arg) in ["p", "t"].into_iter().zip(args) {
            context.bind(name.into(), arg.clone());
        }
        Evaluator::with_context(context).evaluate(ast, &JValue::Undefined)
    });
    debug_assert!(registered.is_ok(), "$now is overridden: {registered:?}");
}

/// Registers AWS's functions and removes `$eval`.
fn register_functions(ev: &mut Evaluator, rng: &Arc<Mutex<StdRng>>) {
    for name in aws::FUNCTIONS {
        let rng = Arc::clone(rng);
        let f = move |args: &[JValue]| {
            let args: Vec<Option<Value>> = args.iter().map(to_json).collect();
            let mut rng = rng.lock().unwrap_or_else(PoisonError::into_inner);
            match aws::call(name, &args, &mut rng) {
                Ok(v) => Ok(v.map_or(JValue::Undefined, JValue::from)),
                Err(message) => Err(EvaluatorError::EvaluationError(message)),
            }
        };
        // `$random` is a JSONata built-in too (AWS's takes a seed); the others are new names.
        let registered = if name == "random" {
            ev.register_fn_override(name, f)
        } else {
            ev.register_fn(name, f)
        };
        debug_assert!(registered.is_ok(), "${name} registers: {registered:?}");
    }
    let removed = ev.register_fn_override("eval", |_: &[JValue]| {
        Err(EvaluatorError::TypeError(
            "T1006: Attempted to invoke a non-function".into(),
        ))
    });
    debug_assert!(removed.is_ok(), "$eval is overridden: {removed:?}");
}

impl JsonataEngine for CoreEngine {
    fn evaluate(
        &self,
        expression: &str,
        bindings: &Bindings,
    ) -> Result<Option<Value>, JsonataError> {
        // AWS allows neither `$` nor bare field names at the top level: there is no input
        // document, only `$states` and the variables.
        self.evaluate_on(expression, None, bindings)
    }
}

// `JValue` and `Evaluator` hold `Rc`s, so they live only during one evaluation: the engine
// itself can be shared.
const _: fn() = || {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<CoreEngine>();
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_found_inside_messages() {
        assert_eq!(
            coded("Invalid syntax: S0201: Syntax error"),
            "S0201: Syntax error"
        );
        assert_eq!(coded("T2002: The right side"), "T2002: The right side");
        assert_eq!(coded("no code here"), "no code here");
    }

    #[test]
    fn regex_classes_become_ascii() {
        assert_eq!(
            js_regex_classes(r"\d+-\w"),
            Some("[0-9]+-[0-9A-Za-z_]".into())
        );
        assert_eq!(js_regex_classes(r"[\d.]"), Some("[0-9.]".into()));
        assert_eq!(
            js_regex_classes(r"\bx\B"),
            Some(r"(?-u:\b)x(?-u:\B)".into())
        );
        assert_eq!(
            js_regex_classes(r"a\.b\\d"),
            None,
            "escaped backslash, then a d"
        );
        assert_eq!(js_regex_classes("plain"), None);
    }

    #[test]
    fn results_are_json_as_javascript_writes_it() {
        assert_eq!(number(2.0).to_string(), "2");
        assert_eq!(number(-0.0).to_string(), "0");
        assert_eq!(number(0.5).to_string(), "0.5");
        assert_eq!(number(f64::INFINITY), Value::Null);
        let v = JValue::from(serde_json::json!({"a": [1, null], "b": "x"}));
        assert_eq!(
            to_json(&v),
            Some(serde_json::json!({"a": [1, null], "b": "x"}))
        );
        assert_eq!(to_json(&JValue::Undefined), None);
    }
}
