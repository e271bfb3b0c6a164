//! The data flow around a state's work: JSONPath paths, payload templates and `Assign`,
//! JSONata expressions, and the fields that end a Task, Parallel or Map state.

use super::*;
use crate::jsonata::JsonataEngine;
use sfn_dsl::fields::names as k;

impl<'s> Run<'s> {
    // ---- the JSONPath data flow ---------------------------------------------------------------

    pub(super) fn input_path(
        &self,
        cx: &Cx<'_>,
        p: Option<&Nullable<Path>>,
        input: &Value,
        vars: &Vars,
    ) -> Result<Value, Fault> {
        match p {
            None => Ok(input.clone()),
            Some(p) => self.io_path(cx, p, input, vars),
        }
    }

    /// `InputPath` or `OutputPath` when present: `null` gives `{}`, a path the value it
    /// selects (a path that selects nothing is a runtime error).
    fn io_path(
        &self,
        cx: &Cx<'_>,
        p: &Nullable<Path>,
        value: &Value,
        vars: &Vars,
    ) -> Result<Value, Fault> {
        match p {
            Nullable::Null => Ok(json!({})),
            Nullable::Value(p) => self
                .path(p, value, cx.context(), vars)?
                .ok_or_else(|| invalid_path(cx, p)),
        }
    }

    pub(super) fn output_path(
        &self,
        cx: &Cx<'_>,
        p: Option<&Nullable<Path>>,
        output: Value,
        vars: &Vars,
    ) -> Result<Value, Fault> {
        match p {
            None => Ok(output),
            Some(p) => self.io_path(cx, p, &output, vars),
        }
    }

    /// `ResultPath`: the result (absent), the input (`null`), or the input with the result
    /// put at the path (the only case that copies the input).
    pub(super) fn result_path(
        &self,
        cx: &Cx<'_>,
        p: Option<&Nullable<Path>>,
        input: &Value,
        result: Value,
    ) -> Result<Value, Fault> {
        match p {
            None => Ok(result),
            Some(Nullable::Null) => Ok(input.clone()),
            Some(Nullable::Value(p)) => set_at(input.clone(), p, result).map_err(|_| {
                cx.runtime(format!(
                    "Unable to apply ResultPath '{}' to input '{}'",
                    p.as_str(),
                    json::compact(input)
                ))
            }),
        }
    }

    pub(super) fn path(
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
    pub(super) fn payload(
        &mut self,
        cx: &Cx<'_>,
        t: &PayloadValue,
        input: &Value,
        vars: &Vars,
        field: &str,
    ) -> Result<Value, Fault> {
        template(t, false, field, &mut |leaf, field| match leaf {
            Leaf::Expr(e) => self.expr(cx, e, input, vars, field),
            Leaf::Jsonata(j) => Ok(Value::String(j.as_str().to_owned())),
        })
    }

    /// The value of a path or an intrinsic function call in a field named `field`.
    pub(super) fn expr(
        &mut self,
        cx: &Cx<'_>,
        e: &Expr,
        input: &Value,
        vars: &Vars,
        field: &str,
    ) -> Result<Value, Fault> {
        match e {
            Expr::Path(p) => self
                .path(p, input, cx.context(), vars)?
                .ok_or_else(|| cx.not_found(p, field, input)),
            Expr::Intrinsic(i) => {
                let scope = Scope {
                    input,
                    context: cx.context(),
                    vars,
                };
                intrinsics::call(i, scope, &mut self.rng).map_err(|err| {
                    intrinsics::state_error(err, &cx.prefix(), field, input, cx.context())
                })
            }
        }
    }

    /// Runs a JSONPath `Assign` with `$` = `input`; the new values are visible from the next
    /// state on (every expression sees the variables as they were).
    pub(super) fn assign_jsonpath(
        &mut self,
        cx: &Cx<'_>,
        assign: Option<&PayloadValue>,
        input: &Value,
        vars: &Vars,
    ) -> Result<Option<Map<String, Value>>, Fault> {
        match assign.filter(|a| !is_empty_object(a)) {
            Some(a) => assigned(cx, self.payload(cx, a, input, vars, k::Assign)?),
            None => Ok(None),
        }
    }

    // ---- JSONata -------------------------------------------------------------------------------

    pub(super) fn bindings(&self, states: &Value, vars: &Vars) -> Map<String, Value> {
        let mut b = vars.visible();
        b.insert("states".to_owned(), states.clone());
        b
    }

    pub(super) fn jsonata_expr(
        &self,
        cx: &Cx<'_>,
        j: &Jsonata,
        states: &Value,
        vars: &Vars,
        field: &str,
    ) -> Result<Option<Value>, Fault> {
        let engine: &dyn JsonataEngine = match (&self.sim.jsonata, &self.builtin_jsonata) {
            (Some(plugged), _) => plugged.as_ref(),
            (None, Some(builtin)) => builtin,
            (None, None) => {
                return Err(cx.unsupported(format!(
                    "JSONata expressions ({field}: {}): no engine",
                    j.as_str()
                )));
            }
        };
        let expression = j.expression().trim();
        engine
            .evaluate(expression, &self.bindings(states, vars))
            .map_err(|e| {
                cx.query_error(format!(
                    "The JSONata expression '{expression}' specified for the field '{field}' threw an error during evaluation. {e}"
                ))
            })
    }

    /// The value of an expression that must give one: AWS fails the state when it gives
    /// nothing (JSONata's `undefined`), naming the field (`Output`, `Arguments/Input/id`, …).
    pub(super) fn jsonata_value(
        &self,
        cx: &Cx<'_>,
        j: &Jsonata,
        states: &Value,
        vars: &Vars,
        field: &str,
    ) -> Result<Value, Fault> {
        self.jsonata_expr(cx, j, states, vars, field)?.ok_or_else(|| {
            cx.query_error(format!(
                "The JSONata expression '{}' specified for the field '{field}' returned nothing (undefined).",
                j.expression().trim()
            ))
        })
    }

    /// The value of an expression that must give a value of one kind: `read` takes it (`None`
    /// when it is of another kind, `kind` naming the one it must be, `a string`).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn jsonata_of<T>(
        &self,
        cx: &Cx<'_>,
        j: &Jsonata,
        states: &Value,
        vars: &Vars,
        field: &str,
        kind: &str,
        read: impl FnOnce(&Value) -> Option<T>,
    ) -> Result<T, Fault> {
        let v = self.jsonata_value(cx, j, states, vars, field)?;
        read(&v).ok_or_else(|| {
            cx.query_error(format!(
                "The {field} field must evaluate to {kind}, but was {}",
                json::compact(&v)
            ))
        })
    }

    /// Evaluates a JSONata-mode template: literals as they are, `{% %}` strings evaluated;
    /// `field` names the place in errors (`Output/a/b[0]`).
    pub(super) fn jsonata_payload(
        &self,
        cx: &Cx<'_>,
        t: &PayloadValue,
        states: &Value,
        vars: &Vars,
        field: &str,
    ) -> Result<Value, Fault> {
        template(t, true, field, &mut |leaf, field| match leaf {
            Leaf::Expr(e) => Ok(Value::String(e.as_str().to_owned())),
            Leaf::Jsonata(j) => self.jsonata_value(cx, j, states, vars, field),
        })
    }

    pub(super) fn assign_jsonata(
        &self,
        cx: &Cx<'_>,
        assign: Option<&PayloadValue>,
        states: &Value,
        vars: &Vars,
        field: &str,
    ) -> Result<Option<Map<String, Value>>, Fault> {
        match assign.filter(|a| !is_empty_object(a)) {
            Some(a) => assigned(cx, self.jsonata_payload(cx, a, states, vars, field)?),
            None => Ok(None),
        }
    }

    /// The value of an optional `Dynamic` number field (`TimeoutSeconds`, `MaxConcurrency`,
    /// …), read as a [`Number`].
    pub(super) fn dynamic<T: Number>(
        &mut self,
        cx: &Cx<'_>,
        d: Option<&Dynamic<T>>,
        input: &Value,
        vars: &Vars,
        field: &str,
    ) -> Result<Option<T>, Fault> {
        Ok(Some(match d {
            None => return Ok(None),
            Some(Dynamic::Value(v)) => *v,
            Some(Dynamic::Path(Expr::Path(p)))
                if matches!(field, k::TimeoutSeconds | k::HeartbeatSeconds)
                    && self.path(p, input, cx.context(), vars)?.is_none() =>
            {
                return Err(invalid_path(cx, p));
            }
            Some(Dynamic::Path(e)) => {
                let v = self.expr(cx, e, input, vars, &format!("{field}Path"))?;
                T::from_path(&v).ok_or_else(|| {
                    cx.runtime(format!(
                        "The {field}Path field refers to value \"{}\" which is not a valid {}: {}",
                        display(&v),
                        T::JAVA,
                        e.as_str()
                    ))
                })?
            }
            Some(Dynamic::Jsonata(j)) => {
                let states = cx.states_binding(input);
                let (kind, read) = T::JSONATA;
                self.jsonata_of(cx, j, &states, vars, field, kind, read)?
            }
        }))
    }

    /// The end of a Task, Parallel or Map state: `ResultSelector`, `ResultPath`, `OutputPath`
    /// and `Assign` (JSONPath), or `Output` and `Assign` (JSONata), applied to `result`.
    pub(super) fn finish(
        &mut self,
        cx: &Cx<'_>,
        input: &Value,
        result: Arc<Value>,
        vars: &mut Vars,
        fields: Finish<'s>,
    ) -> Result<Done<'s>, Fault> {
        let next = Self::next_of(fields.transition);
        if fields.result_selector.is_none()
            && fields.result_path.is_none()
            && fields.output_path.is_none()
            && fields.output.is_none()
            && fields.assign.is_none()
        {
            // The result is the output (its size is checked as the output's, the same error).
            return Ok(Done {
                output: result,
                next,
                assigned: None,
            });
        }
        if json::size(&result) > MAX_PAYLOAD_BYTES {
            return Err(data_limit(cx.name));
        }
        if is_jsonata(cx.lang) {
            let states = json!({"input": input, "context": cx.context(), "result": *result});
            let (output, assign) = (fields.output, fields.assign);
            return self
                .jsonata_output_and_assign(cx, output, assign, &result, &states, vars, next);
        }
        let result = match fields.result_selector {
            Some(t) => self.payload(cx, t, &result, vars, k::ResultSelector)?,
            None => Arc::unwrap_or_clone(result),
        };
        let assigned = self.assign_jsonpath(cx, fields.assign, &result, vars)?;
        let output = self.result_path(cx, fields.result_path, input, result)?;
        let output = self.output_path(cx, fields.output_path, output, vars)?;
        Ok(Done {
            output: Arc::new(output),
            next,
            assigned,
        })
    }

    /// The effective input of a Task or Parallel state: `InputPath` then `Parameters`
    /// (JSONPath), or `Arguments` (JSONata); the three fields are [`arguments_of!`]'s.
    pub(super) fn arguments(
        &mut self,
        cx: &Cx<'_>,
        input: &Value,
        vars: &Vars,
        (input_path, parameters, arguments): Arguments<'_>,
    ) -> Result<Value, Fault> {
        if is_jsonata(cx.lang) {
            let states = cx.states_binding(input);
            return match arguments {
                Some(a) => self.jsonata_payload(cx, a, &states, vars, k::Arguments),
                None => Ok(input.clone()),
            };
        }
        let effective = self.input_path(cx, input_path, input, vars)?;
        let effective = match parameters {
            Some(p) => self.payload(cx, p, &effective, vars, k::Parameters)?,
            None => effective,
        };
        if json::size(&effective) > MAX_PAYLOAD_BYTES {
            return Err(data_limit(cx.name));
        }
        Ok(effective)
    }
}

/// The variables an `Assign` sets: its value, which must be an object.
fn assigned(cx: &Cx<'_>, values: Value) -> Result<Option<Map<String, Value>>, Fault> {
    match values {
        Value::Object(values) => Ok(Some(values)),
        _ => Err(Fault::Sim(SimError::InvalidDefinition(format!(
            "the Assign of state '{}' is not an object",
            cx.name
        )))),
    }
}

/// A string of a payload template that may be evaluated: a path or intrinsic function call
/// (a `.$` member, JSONPath) or a `{% %}` expression (JSONata).
enum Leaf<'a> {
    Expr(&'a Expr),
    Jsonata(&'a Jsonata),
}

/// Walks a payload template of either query language: literals as they are, the strings
/// `leaf` gives; `field` names the place for errors, as each language names it (JSONPath:
/// `Parameters`, `key.$`; JSONata: `Arguments/a/b[0]`).
fn template(
    t: &PayloadValue,
    jsonata: bool,
    field: &str,
    leaf: &mut dyn FnMut(Leaf<'_>, &str) -> Result<Value, Fault>,
) -> Result<Value, Fault> {
    Ok(match t {
        PayloadValue::Literal(v) => v.to_value(),
        PayloadValue::Expr(e) => leaf(Leaf::Expr(e), field)?,
        PayloadValue::Jsonata(j) => leaf(Leaf::Jsonata(j), field)?,
        PayloadValue::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| match jsonata {
                    true => template(item, jsonata, &format!("{field}[{i}]"), leaf),
                    false => template(item, jsonata, field, leaf),
                })
                .collect::<Result<_, _>>()?,
        ),
        PayloadValue::Object(members) => {
            let mut out = Map::new();
            for (k, v) in members {
                let at = match v {
                    _ if jsonata => format!("{field}/{k}"),
                    PayloadValue::Expr(_) => format!("{k}.$"),
                    _ => k.clone(),
                };
                out.insert(k.clone(), template(v, jsonata, &at, leaf)?);
            }
            Value::Object(out)
        }
    })
}

/// A number of a `Dynamic` field, read as AWS reads it: from an expression, a JSON number of
/// the type; from a path, what Java reads as the type.
pub(super) trait Number: Copy {
    /// The Java type AWS reads a path's value as (`integer`): a number, or a string holding one.
    const JAVA: &str;
    /// What an expression must give (`an integer`), and how it is read.
    const JSONATA: (&str, fn(&Value) -> Option<Self>);
    fn from_path(v: &Value) -> Option<Self>;
}

impl Number for i64 {
    const JAVA: &str = "integer";
    const JSONATA: (&str, fn(&Value) -> Option<i64>) = ("an integer", Value::as_i64);
    fn from_path(v: &Value) -> Option<i64> {
        match v {
            Value::String(s) => s.trim().parse().ok(),
            v => v
                .as_i64()
                .or_else(|| v.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        }
    }
}

impl Number for f64 {
    const JAVA: &str = "float";
    const JSONATA: (&str, fn(&Value) -> Option<f64>) = ("a number", Value::as_f64);
    fn from_path(v: &Value) -> Option<f64> {
        match v {
            Value::String(s) => s.trim().parse().ok().filter(|f: &f64| f.is_finite()),
            v => v.as_f64(),
        }
    }
}

/// `InputPath`, `OutputPath`, `TimeoutSecondsPath` and `HeartbeatSecondsPath` report a path
/// that matches nothing the way AWS's JSONPath library words it.
fn invalid_path(cx: &Cx<'_>, p: &Path) -> Fault {
    cx.runtime(format!(
        "Invalid path '{}' : No results for path: {}",
        p.as_str(),
        normalized(p)
    ))
}

/// A path as the JSONPath library prints it in errors: `$['a']['b'][0]`.
fn normalized(p: &Path) -> String {
    let mut out = String::from("$");
    for s in p.segments() {
        match s {
            sfn_dsl::path::Segment::Field(f) => out.push_str(&format!("['{f}']")),
            sfn_dsl::path::Segment::Index(i) => out.push_str(&format!("[{i}]")),
            _ => return p.as_str().to_owned(),
        }
    }
    out
}

/// The [`Finish`] of a Task, Parallel or Map state `s` (the three share these fields).
macro_rules! finish_of {
    ($s:expr) => {
        Finish {
            result_selector: $s.result_selector.as_ref(),
            result_path: $s.result_path.as_ref(),
            output_path: $s.output_path.as_ref(),
            output: $s.output.as_ref(),
            assign: $s.assign.as_ref(),
            transition: &$s.transition,
        }
    };
}
pub(super) use finish_of;

/// `InputPath`, `Parameters` and `Arguments` of a Task or Parallel state `s`.
macro_rules! arguments_of {
    ($s:expr) => {
        (
            $s.input_path.as_ref(),
            $s.parameters.as_ref(),
            $s.arguments.as_ref(),
        )
    };
}
pub(super) use arguments_of;

/// The fields that make a Task's or Parallel's effective input ([`arguments_of!`]).
pub(super) type Arguments<'a> = (
    Option<&'a Nullable<Path>>,
    Option<&'a PayloadValue>,
    Option<&'a PayloadValue>,
);

/// The fields that end a Task, Parallel or Map state.
pub(super) struct Finish<'a> {
    pub(super) result_selector: Option<&'a PayloadValue>,
    pub(super) result_path: Option<&'a Nullable<Path>>,
    pub(super) output_path: Option<&'a Nullable<Path>>,
    pub(super) output: Option<&'a PayloadValue>,
    pub(super) assign: Option<&'a PayloadValue>,
    pub(super) transition: &'a Transition,
}
