//! The adapter of docs/jsonata.md ("Using jsonata-core in sfn-sim"), kept here so that the
//! snippet there compiles. Not called by the comparison (`core::sfn_eval` is the same adapter).
#![allow(dead_code)]

use crate::aws;
use crate::core::{arg_json, uses_2_1_operator, with_js_regexes};

pub struct StatesError {
    pub error: &'static str,
    pub cause: String,
}

impl StatesError {
    fn query(cause: &str) -> StatesError {
        StatesError {
            error: "States.QueryEvaluationError",
            cause: cause.to_owned(),
        }
    }
}

use jsonata_core::ast::AstNode;
use jsonata_core::evaluator::{Context, Evaluator, EvaluatorError, EvaluatorOptions};
use jsonata_core::value::JValue;
use serde_json::{Map, Value};
use std::sync::Arc;

/// A `{% … %}` expression of the definition, parsed once.
pub struct Expr(Arc<AstNode>);

impl Expr {
    pub fn parse(src: &str) -> Result<Expr, String> {
        let ast = jsonata_core::parser::parse(src).map_err(|e| e.to_string())?;
        if let Some(op) = uses_2_1_operator(&ast) {
            // walk of the AST's serde form
            return Err(format!("S0211: {op} is JSONata 2.1; AWS runs 2.0.6"));
        }
        Ok(Expr(Arc::new(with_js_regexes(&ast).unwrap_or(ast))))
    }

    /// `Ok(None)` is JSONata's undefined.
    pub fn evaluate(
        &self,
        states: Value,
        vars: &Map<String, Value>,
    ) -> Result<Option<Value>, StatesError> {
        let mut ctx = Context::new();
        for (name, value) in vars {
            ctx.bind(name.clone(), JValue::from(value.clone()));
        }
        ctx.bind("states".into(), JValue::from(states)); // {"input", "context", "result"?, "errorOutput"?}
        let options = EvaluatorOptions {
            timeout_ms: Some(10_000),
            ..Default::default()
        };
        let mut ev = Evaluator::with_options(ctx, options);
        for (name, _) in aws::FUNCTIONS {
            // $partition $range $hash $random $uuid $parse
            let f = move |args: &[JValue]| {
                let args: Vec<Option<Value>> = args.iter().map(arg_json).collect(); // undefined: None
                match aws::call(name, &args) {
                    Ok(v) => Ok(v.map_or(JValue::Undefined, JValue::from)),
                    Err(e) => Err(EvaluatorError::EvaluationError(format!(
                        "{}: {}",
                        e.code, e.message
                    ))),
                }
            };
            let registered = if name == "random" {
                ev.register_fn_override(name, f)
            } else {
                ev.register_fn(name, f)
            };
            registered.expect("AWS functions register");
        }
        ev.register_fn_override("eval", |_: &[JValue]| {
            Err(EvaluatorError::TypeError(
                "T1006: Attempted to invoke a non-function".into(),
            ))
        })
        .expect("$eval can be overridden");

        match ev.evaluate(&self.0, &JValue::Undefined) {
            // AWS allows no top-level `$`
            Ok(v) if v.is_undefined() => Ok(None),
            Ok(v) if v.is_function() => {
                Err(StatesError::query("the expression returned a function"))
            }
            Ok(v) => Ok(Some(
                serde_json::from_str(&v.to_json_string().expect("JSON")).expect("JSON"),
            )),
            Err(e) => Err(StatesError::query(e.message())), // "T2002: The right side of …"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(src: &str, states: Value) -> Result<Option<Value>, String> {
        let expr = Expr::parse(src)?;
        expr.evaluate(states, &Map::new())
            .map_err(|e| format!("{}: {}", e.error, e.cause))
    }

    #[test]
    fn the_adapter_binds_states_and_maps_errors() {
        let states = json!({ "input": { "a": 1, "items": [1, 2, 3, 4, 5] } });
        assert_eq!(
            run("$states.input.a + 1", states.clone()),
            Ok(Some(json!(2)))
        );
        assert_eq!(
            run("$partition($states.input.items, 2)", states.clone()),
            Ok(Some(json!([[1, 2], [3, 4], [5]])))
        );
        assert_eq!(run("$states.input.missing", states.clone()), Ok(None));
        assert_eq!(
            run("$replace('a\u{e9}b', /\\w/, 'x')", states.clone()),
            Ok(Some(json!("x\u{e9}x")))
        );
        let err = run("$eval('1')", states.clone()).unwrap_err();
        assert!(
            err.starts_with("States.QueryEvaluationError: T1006"),
            "{err}"
        );
        let err = run("1 + 'a'", states.clone()).unwrap_err();
        assert!(
            err.starts_with("States.QueryEvaluationError: T2002"),
            "{err}"
        );
        assert!(
            run("$states.input.x ?? 1", states)
                .unwrap_err()
                .starts_with("S0211")
        );
    }
}
