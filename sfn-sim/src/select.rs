//! Evaluates the parsed [`Path`]s of `sfn_dsl` on JSON values, as AWS (Jayway JsonPath) does:
//! a *definite* path (fields and single indexes only) gives one value or nothing; any other path
//! gives the list of every match (possibly empty). Also applies `ResultPath`.

use crate::error::{Fault, SimError};
use crate::vars::Vars;
use serde_json::{Map, Value};
use sfn_dsl::path::{Path, Root, Segment};

/// What `$`, `$$` and `$name` refer to while a field is evaluated.
#[derive(Clone, Copy)]
pub(crate) struct Scope<'a> {
    /// `$`.
    pub input: &'a Value,
    /// `$$`.
    pub context: &'a Value,
    /// `$name`.
    pub vars: &'a Vars,
}

/// True when the path gives at most one value (Jayway's "definite" path).
pub(crate) fn is_definite(path: &Path) -> bool {
    path.segments().iter().all(|s| match s {
        Segment::Field(_) | Segment::Index(_) | Segment::Function(_) => true,
        Segment::Union(items) => items.iter().all(|i| matches!(i, Segment::Field(_))),
        _ => false,
    })
}

/// The value of `path` in `scope`: `Ok(None)` when a definite path matches nothing (or names an
/// unknown variable); an indefinite path always gives an array.
pub(crate) fn select(path: &Path, scope: Scope<'_>) -> Result<Option<Value>, Fault> {
    let root = match path.root() {
        Root::Input => scope.input,
        Root::Context => scope.context,
        Root::Variable(name) => match scope.vars.get(name) {
            Some(v) => v,
            None => return Ok(None),
        },
    };
    select_from(root, path.segments(), scope.input, is_definite(path), path)
}

/// Applies `segments` to `root`; `doc` is the document `$` refers to inside filters.
fn select_from(
    root: &Value,
    segments: &[Segment],
    doc: &Value,
    definite: bool,
    path: &Path,
) -> Result<Option<Value>, Fault> {
    let mut nodes = vec![root.clone()];
    for (i, seg) in segments.iter().enumerate() {
        if let Segment::Function(call) = seg {
            if i + 1 != segments.len() {
                return Err(unsupported(
                    path,
                    "a function call before the end of a path",
                ));
            }
            let target = if definite {
                match nodes.pop() {
                    Some(v) => v,
                    None => return Ok(None),
                }
            } else {
                Value::Array(nodes)
            };
            return function(call, target, path).map(Some);
        }
        let mut next = Vec::new();
        for node in nodes {
            step(node, seg, doc, &mut next, path)?;
        }
        nodes = next;
        if definite && nodes.is_empty() {
            return Ok(None);
        }
    }
    Ok(Some(if definite {
        nodes.pop().unwrap_or(Value::Null)
    } else {
        Value::Array(nodes)
    }))
}

fn unsupported(path: &Path, what: &str) -> Fault {
    Fault::Sim(SimError::unsupported(
        format!("{what} in the JSONPath '{}'", path.as_str()),
        None,
    ))
}

/// Resolves a (possibly negative) index into a length.
fn resolve_index(i: i64, len: usize) -> Option<usize> {
    let len = i64::try_from(len).ok()?;
    let i = if i < 0 { len + i } else { i };
    (0..len).contains(&i).then_some(i as usize)
}

fn step(
    node: Value,
    seg: &Segment,
    doc: &Value,
    out: &mut Vec<Value>,
    path: &Path,
) -> Result<(), Fault> {
    match seg {
        Segment::Field(name) => {
            if let Value::Object(mut m) = node
                && let Some(v) = m.remove(name)
            {
                out.push(v);
            }
        }
        Segment::Index(i) => {
            if let Value::Array(mut a) = node
                && let Some(i) = resolve_index(*i, a.len())
            {
                out.push(a.swap_remove(i));
            }
        }
        Segment::Wildcard => match node {
            Value::Object(m) => out.extend(m.into_iter().map(|(_, v)| v)),
            Value::Array(a) => out.extend(a),
            _ => {}
        },
        Segment::Slice { start, end, step } => {
            if let Value::Array(a) = node {
                out.extend(slice(a, *start, *end, *step));
            }
        }
        Segment::Union(items) => {
            let fields: Vec<&str> = items
                .iter()
                .filter_map(|i| match i {
                    Segment::Field(f) => Some(f.as_str()),
                    _ => None,
                })
                .collect();
            if fields.len() == items.len() {
                // Jayway: several names on one object give an object of the members present.
                if let Value::Object(m) = node {
                    let picked: Map<String, Value> = fields
                        .iter()
                        .filter_map(|f| m.get(*f).map(|v| ((*f).to_owned(), v.clone())))
                        .collect();
                    out.push(Value::Object(picked));
                }
            } else {
                for item in items {
                    step(node.clone(), item, doc, out, path)?;
                }
            }
        }
        Segment::RecursiveDescent(inner) => {
            let mut all = Vec::new();
            descendants(node, &mut all);
            for n in all {
                step(n, inner, doc, out, path)?;
            }
        }
        Segment::Filter(text) => {
            let expr = crate::filter::parse(text).map_err(|m| unsupported(path, &m))?;
            match node {
                Value::Array(a) => {
                    for item in a {
                        if expr.test(&item, doc) {
                            out.push(item);
                        }
                    }
                }
                other => {
                    if expr.test(&other, doc) {
                        out.push(other);
                    }
                }
            }
        }
        Segment::Function(_) => return Err(unsupported(path, "a function call inside a path")),
    }
    Ok(())
}

/// The node and all its descendants, parents first (Jayway's deep-scan order).
fn descendants(node: Value, out: &mut Vec<Value>) {
    let children: Vec<Value> = match &node {
        Value::Object(m) => m.values().cloned().collect(),
        Value::Array(a) => a.clone(),
        _ => Vec::new(),
    };
    out.push(node);
    for c in children {
        descendants(c, out);
    }
}

fn slice(a: Vec<Value>, start: Option<i64>, end: Option<i64>, step: Option<i64>) -> Vec<Value> {
    let len = a.len() as i64;
    let step = step.unwrap_or(1);
    if step <= 0 {
        return Vec::new();
    }
    let clamp = |i: i64| if i < 0 { (len + i).max(0) } else { i.min(len) };
    let s = clamp(start.unwrap_or(0));
    let e = clamp(end.unwrap_or(len));
    a.into_iter()
        .enumerate()
        .filter(|(i, _)| {
            let i = *i as i64;
            i >= s && i < e && (i - s) % step == 0
        })
        .map(|(_, v)| v)
        .collect()
}

/// Jayway's path functions: `length()`, `size()`, `min()`, `max()`, `avg()`, `sum()`,
/// `stddev()`, `keys()`, `first()`, `last()`.
fn function(call: &str, target: Value, path: &Path) -> Result<Value, Fault> {
    let name = call.split('(').next().unwrap_or_default();
    let numbers = |v: &Value| -> Vec<f64> {
        match v {
            Value::Array(a) => a.iter().filter_map(Value::as_f64).collect(),
            _ => Vec::new(),
        }
    };
    let num = |f: f64| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number);
    Ok(match name {
        "length" | "size" => match &target {
            Value::Array(a) => a.len().into(),
            Value::Object(m) => m.len().into(),
            Value::String(s) => s.chars().count().into(),
            _ => {
                return Err(unsupported(
                    path,
                    "length() of a value that is not an array",
                ));
            }
        },
        "min" | "max" | "avg" | "sum" | "stddev" => {
            let ns = numbers(&target);
            if ns.is_empty() {
                return Err(unsupported(path, "a numeric function of an empty array"));
            }
            let sum: f64 = ns.iter().sum();
            let avg = sum / ns.len() as f64;
            num(match name {
                "min" => ns.iter().copied().fold(f64::INFINITY, f64::min),
                "max" => ns.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                "avg" => avg,
                "sum" => sum,
                _ => (ns.iter().map(|n| (n - avg).powi(2)).sum::<f64>() / ns.len() as f64).sqrt(),
            })
        }
        "keys" => match target {
            Value::Object(m) => Value::Array(m.keys().cloned().map(Value::String).collect()),
            _ => return Err(unsupported(path, "keys() of a value that is not an object")),
        },
        "first" | "last" => match target {
            Value::Array(mut a) if !a.is_empty() => {
                if name == "first" {
                    a.swap_remove(0)
                } else {
                    a.pop().unwrap_or(Value::Null)
                }
            }
            _ => return Err(unsupported(path, "first()/last() of an empty array")),
        },
        _ => return Err(unsupported(path, &format!("the path function {call}"))),
    })
}

/// Why `ResultPath` could not be applied.
pub(crate) struct ResultPathError;

/// Puts `result` at the reference path `path` inside `input` (AWS's `ResultPath`): missing
/// objects on the way are created, an existing value is replaced. Fails when the way goes
/// through a value that is not an object (or an array, for an index that exists).
pub(crate) fn set_at(input: Value, path: &Path, result: Value) -> Result<Value, ResultPathError> {
    if path.root() != &Root::Input {
        return Err(ResultPathError);
    }
    fn put(node: &mut Value, segments: &[Segment], result: Value) -> Result<(), ResultPathError> {
        let Some((first, rest)) = segments.split_first() else {
            *node = result;
            return Ok(());
        };
        let child = match (first, node) {
            (Segment::Field(name), Value::Object(m)) => m
                .entry(name.clone())
                .or_insert_with(|| Value::Object(Map::new())),
            (Segment::Index(i), Value::Array(a)) => {
                let i = resolve_index(*i, a.len()).ok_or(ResultPathError)?;
                &mut a[i]
            }
            _ => return Err(ResultPathError),
        };
        put(child, rest, result)
    }
    let mut input = input;
    put(&mut input, path.segments(), result)?;
    Ok(input)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sel(p: &str, v: &Value) -> Option<Value> {
        let vars = Vars::default();
        let scope = Scope {
            input: v,
            context: &Value::Null,
            vars: &vars,
        };
        select(&Path::parse(p).unwrap(), scope).ok().flatten()
    }

    #[test]
    fn definite_and_indefinite_paths() {
        let v = json!({"a": {"b": [1, 2, {"c": 3}]}, "items": [{"n": 1}, {"n": 2}, {"m": 3}]});
        assert_eq!(sel("$.a.b[1]", &v), Some(json!(2)));
        assert_eq!(sel("$.a.b[-1].c", &v), Some(json!(3)));
        assert_eq!(sel("$.a.x", &v), None);
        assert_eq!(sel("$.items[*].n", &v), Some(json!([1, 2])));
        assert_eq!(sel("$.items[?(@.n > 1)]", &v), Some(json!([{"n": 2}])));
        assert_eq!(sel("$..c", &v), Some(json!([3])));
        assert_eq!(sel("$.a.b[0:2]", &v), Some(json!([1, 2])));
        assert_eq!(sel("$.items.length()", &v), Some(json!(3)));
        assert_eq!(sel("$.nothing[*]", &v), Some(json!([])));
    }

    #[test]
    fn result_path_creates_and_replaces() {
        let p = |s| Path::parse(s).unwrap();
        assert_eq!(
            set_at(json!({"a": 1}), &p("$.b.c"), json!(2)).ok(),
            Some(json!({"a": 1, "b": {"c": 2}}))
        );
        assert_eq!(
            set_at(json!({"a": 1}), &p("$.a"), json!(2)).ok(),
            Some(json!({"a": 2}))
        );
        assert_eq!(
            set_at(json!({"a": 1}), &p("$"), json!(2)).ok(),
            Some(json!(2))
        );
        assert!(set_at(json!("text"), &p("$.a"), json!(2)).is_err());
    }
}
