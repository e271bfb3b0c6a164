//! Typed readers for single fields: strings, integers, paths, payload templates, `X`/`XPath` pairs.

use super::reader::{At, Cx, Obj};
pub(crate) use crate::fields::PayloadShape as Shape;
use crate::fields::names as k;
use crate::json::node::Node;
use crate::model::{Dynamic, Nullable, QueryLanguage, Transition};
use crate::path::{Expr, Jsonata, Path, PathError};
use crate::payload::PayloadValue;
use crate::rules::Code;

/// A string: a text (`Comment`, `Label`, `Resource`) when `run_time`, where a value only known
/// at run time reads as empty; else a string the shape of the definition depends on (a state
/// name, `Version`, an enumeration value), where such a value is reported.
pub(crate) fn string_of(
    cx: &mut Cx,
    o: &mut Obj<'_, '_>,
    key: &'static str,
    run_time: bool,
) -> Option<String> {
    match o.get(key)? {
        Node::String(s) => Some(s.to_string()),
        Node::Runtime if run_time => Some(String::new()),
        other => {
            cx.wrong_type(&o.at.key(key), key, "a string", other);
            None
        }
    }
}

/// Whether `o` has `key`, reporting a required field missing when not.
pub(crate) fn present(cx: &mut Cx, o: &mut Obj<'_, '_>, key: &'static str) -> bool {
    let present = o.map.contains_key(key);
    if !present {
        o.allow(&[key]);
        missing(cx, &o.at, key, o.what);
    }
    present
}

pub(crate) fn missing(cx: &mut Cx, at: &At<'_>, key: &str, what: &str) {
    cx.err(
        Code::MissingField,
        at,
        format!("{what} needs a `{key}` field"),
    )
    .help = Some(format!(
        "add `\"{key}\": …`; see the ASL specification for {what}"
    ));
}

/// An integer value (JSON number without fraction or exponent that fits i64).
pub(crate) fn int_value(cx: &mut Cx, at: &At<'_>, key: &str, v: &Node<'_>) -> Option<i64> {
    if let Node::Runtime = v {
        return Some(0);
    }
    if let Node::Number(n) = v {
        if let Some(i) = n.as_i64() {
            return Some(i);
        }
        if n.is_u64() {
            cx.err(Code::OutOfRange, at, format!("`{key}` is too large: {n}"))
                .help = Some("AWS limits these numbers to 99999999 or less".into());
            return None;
        }
    }
    cx.wrong_type(at, key, "an integer", v);
    None
}

pub(crate) fn int(cx: &mut Cx, o: &mut Obj<'_, '_>, key: &'static str) -> Option<i64> {
    let v = o.get(key)?;
    int_value(cx, &o.at.key(key), key, v)
}

pub(crate) fn number_value(cx: &mut Cx, at: &At<'_>, key: &str, v: &Node<'_>) -> Option<f64> {
    match v.as_f64() {
        Some(f) if v.is_number() => Some(f),
        _ if matches!(v, Node::Runtime) => Some(0.0),
        _ => {
            cx.wrong_type(at, key, "a number", v);
            None
        }
    }
}

pub(crate) fn number(cx: &mut Cx, o: &mut Obj<'_, '_>, key: &'static str) -> Option<f64> {
    let v = o.get(key)?;
    number_value(cx, &o.at.key(key), key, v)
}

pub(crate) fn string_list(
    cx: &mut Cx,
    o: &mut Obj<'_, '_>,
    key: &'static str,
) -> Option<Vec<String>> {
    let v = o.get(key)?;
    let at = o.at.key(key);
    let Node::Array(items) = v else {
        cx.wrong_type(&at, key, "an array of strings", v);
        return None;
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item {
            Node::String(s) => out.push(s.to_string()),
            Node::Runtime => out.push(String::new()),
            other => cx.wrong_type(&at.idx(i), key, "a string", other),
        }
    }
    Some(out)
}

/// A value of a fixed set (`"Mode": "DISTRIBUTED"`).
pub(crate) fn enum_field<T: Copy>(
    cx: &mut Cx,
    o: &mut Obj<'_, '_>,
    key: &'static str,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Option<T> {
    let base = o.at;
    let at = base.key(key);
    let s = string_of(cx, o, key, false)?;
    if let Some(v) = all.iter().copied().find(|v| name(*v) == s) {
        return Some(v);
    }
    let names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
    let d = cx.err(
        Code::InvalidValue,
        &at,
        format!("`{key}` must be one of {}, found \"{s}\"", names.join(", ")),
    );
    d.help = Some(match names.iter().find(|n| n.eq_ignore_ascii_case(&s)) {
        Some(m) => format!("values are case-sensitive: write \"{m}\""),
        None => format!("write one of {}", names.join(", ")),
    });
    None
}

pub(crate) fn report_path_error(cx: &mut Cx, at: &At<'_>, key: &str, text: &str, e: &PathError) {
    let code = if text.starts_with("States.") {
        Code::InvalidIntrinsic
    } else {
        Code::InvalidPath
    };
    let d = cx.err(
        code,
        at,
        format!("`{key}` has an invalid expression \"{text}\": {e}"),
    );
    d.offset_in_value = Some(e.offset);
    d.help = Some(if code == Code::InvalidIntrinsic {
        "an intrinsic function is written `States.Name(arg, …)`; arguments are paths, numbers, booleans, null, 'quoted strings' or other intrinsics".into()
    } else {
        "a path starts with `$` (the input), `$$` (the context object) or `$name` (a variable), e.g. `$.order.items[0]`".into()
    });
}

/// How strict a path field is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum PathKind {
    /// Any JSONPath (`InputPath`, `OutputPath`, `Variable`).
    Path,
    /// Names and indexes only (`ResultPath`, `ItemsPath`, `…Path` fields).
    Reference,
}

pub(crate) fn parse_path(
    cx: &mut Cx,
    at: &At<'_>,
    key: &str,
    s: &str,
    kind: PathKind,
) -> Option<Path> {
    let r = match kind {
        PathKind::Path => Path::parse(s),
        PathKind::Reference => Path::parse_reference(s),
    };
    match r {
        Ok(p) => Some(p),
        Err(e) => {
            report_path_error(cx, at, key, s, &e);
            None
        }
    }
}

/// A path field; `null` is allowed when `nullable`.
pub(crate) fn path_field(
    cx: &mut Cx,
    o: &mut Obj<'_, '_>,
    key: &'static str,
    kind: PathKind,
) -> Option<Nullable<Path>> {
    let v = o.get(key)?;
    let at = o.at.key(key);
    match v {
        Node::Null => Some(Nullable::Null),
        Node::Runtime => Some(Nullable::Value(Path::input())),
        Node::String(s) => parse_path(cx, &at, key, s, kind).map(Nullable::Value),
        other => {
            cx.wrong_type(&at, key, "a path string or null", other);
            None
        }
    }
}

/// A path field that cannot be null (`ItemsPath`).
pub(crate) fn plain_path(
    cx: &mut Cx,
    o: &mut Obj<'_, '_>,
    key: &'static str,
    kind: PathKind,
) -> Option<Path> {
    let v = o.get(key)?;
    let at = o.at.key(key);
    match v {
        Node::String(s) => parse_path(cx, &at, key, s, kind),
        Node::Runtime => Some(Path::input()),
        other => {
            cx.wrong_type(&at, key, "a path string", other);
            None
        }
    }
}

pub(crate) fn parse_expr(cx: &mut Cx, at: &At<'_>, key: &str, s: &str) -> Option<Expr> {
    match Expr::parse(s) {
        Ok(e) => Some(e),
        Err(e) => {
            report_path_error(cx, at, key, s, &e);
            None
        }
    }
}

pub(crate) fn parse_jsonata(cx: &mut Cx, at: &At<'_>, key: &str, s: &str) -> Option<Jsonata> {
    match Jsonata::parse(s) {
        Ok(j) => Some(j),
        Err(e) => {
            let d = cx.err(
                Code::InvalidJsonata,
                at,
                format!("`{key}` has an invalid JSONata expression: {e}"),
            );
            d.offset_in_value = Some(e.offset);
            d.help = Some("a JSONata value is a string of the form \"{% expression %}\"".into());
            None
        }
    }
}

/// True when a string is meant as JSONata (it starts with `{%` or ends with `%}`), so that
/// malformed ones are reported; AWS treats anything else (even ` {% x %} ` with spaces) as text.
pub(crate) fn meant_as_jsonata(s: &str) -> bool {
    s.starts_with("{%") || s.ends_with("%}")
}

/// A `X` / `XPath` pair (`TimeoutSeconds` / `TimeoutSecondsPath`, `Error` / `ErrorPath`, …).
pub(crate) fn dynamic<T>(
    cx: &mut Cx,
    o: &mut Obj<'_, '_>,
    key: &'static str,
    path_key: &'static str,
    literal: impl FnOnce(&mut Cx, &At<'_>, &Node<'_>) -> Option<T>,
) -> Option<Dynamic<T>> {
    let plain = o.get(key);
    let path = o.get(path_key);
    if plain.is_some() && path.is_some() {
        cx.err(
            Code::ExclusiveFields,
            &o.at.key(path_key),
            format!("`{key}` and `{path_key}` exclude each other"),
        )
        .help = Some(format!(
            "keep either the literal `{key}` or the path `{path_key}`"
        ));
        return None;
    }
    if let Some(v) = path {
        let at = o.at.key(path_key);
        return match v {
            Node::String(s) => parse_expr(cx, &at, path_key, s).map(Dynamic::Path),
            Node::Runtime => Some(Dynamic::Path(Expr::Path(Path::input()))),
            other => {
                cx.wrong_type(&at, path_key, "a path string", other);
                None
            }
        };
    }
    let v = plain?;
    let at = o.at.key(key);
    if let Node::String(s) = v
        && meant_as_jsonata(s)
    {
        return parse_jsonata(cx, &at, key, s).map(Dynamic::Jsonata);
    }
    literal(cx, &at, v).map(Dynamic::Value)
}

/// A string value of a field (`Timestamp`, `Error`): a value only known at run time reads as
/// empty.
pub(crate) fn text_value(cx: &mut Cx, at: &At<'_>, key: &str, v: &Node<'_>) -> Option<String> {
    match v {
        Node::String(s) => Some(s.to_string()),
        Node::Runtime => Some(String::new()),
        other => {
            cx.wrong_type(at, key, "a string", other);
            None
        }
    }
}

/// Reads a payload template (`Parameters`, `ResultSelector`, `Assign`, `Output`, …).
pub(crate) fn payload(
    cx: &mut Cx,
    o: &mut Obj<'_, '_>,
    key: &'static str,
    ql: QueryLanguage,
    shape: Shape,
) -> Option<PayloadValue> {
    let v = o.get(key)?;
    let at = o.at.key(key);
    match (shape, v) {
        (Shape::Object, Node::Object(_)) | (Shape::Any, _) | (_, Node::Runtime) => {}
        (Shape::ObjectOrJsonata, Node::Object(_)) => {}
        (Shape::ObjectOrJsonata, Node::String(s))
            if ql == QueryLanguage::Jsonata || meant_as_jsonata(s) => {}
        (Shape::Object, other) => {
            cx.wrong_type(&at, key, "an object", other);
            return None;
        }
        (Shape::ObjectOrJsonata, other) => {
            cx.wrong_type(&at, key, "an object or a JSONata expression", other);
            return None;
        }
    }
    Some(payload_value(cx, &at, key, v, ql))
}

pub(crate) fn payload_value(
    cx: &mut Cx,
    at: &At<'_>,
    field: &str,
    v: &Node<'_>,
    ql: QueryLanguage,
) -> PayloadValue {
    match v {
        Node::Object(map) => {
            let mut members: Vec<(String, PayloadValue)> = Vec::with_capacity(map.len());
            for (k, v) in map {
                let child = at.key(k);
                let dynamic_key = if ql == QueryLanguage::JsonPath {
                    k.strip_suffix(".$")
                } else {
                    None
                };
                let (name, value) = match dynamic_key {
                    Some(name) => {
                        let value = match v {
                            Node::String(s) => match parse_expr(cx, &child, k, s) {
                                Some(e) => PayloadValue::Expr(e),
                                None => PayloadValue::Literal(v.to_literal()),
                            },
                            Node::Runtime => PayloadValue::Expr(Expr::Path(Path::input())),
                            other => {
                                cx.err(
                                    Code::WrongType,
                                    &child,
                                    format!(
                                        "`{k}` ends in `.$`, so its value must be a path or intrinsic function string, found {}",
                                        super::reader::describe(other)
                                    ),
                                )
                                .help = Some(format!("to pass a literal value, name the field `{name}`", name = &k[..k.len() - 2]));
                                PayloadValue::Literal(v.to_literal())
                            }
                        };
                        (name, value)
                    }
                    None => (k, payload_value(cx, &child, k, v, ql)),
                };
                if members.iter().any(|(n, _)| n == name) {
                    cx.err(
                        Code::DuplicateKey,
                        &child,
                        format!("`{name}` and `{name}.$` are both present in `{field}`"),
                    )
                    .help = Some("AWS rejects a template that sets a field twice; keep one".into());
                    continue;
                }
                members.push((name.to_owned(), value));
            }
            PayloadValue::Object(members)
        }
        Node::Array(items) => PayloadValue::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| payload_value(cx, &at.idx(i), field, item, ql))
                .collect(),
        ),
        Node::String(s) if ql == QueryLanguage::Jsonata && meant_as_jsonata(s) => {
            match parse_jsonata(cx, at, field, s) {
                Some(j) => PayloadValue::Jsonata(j),
                None => PayloadValue::Literal(v.to_literal()),
            }
        }
        other => PayloadValue::Literal(other.to_literal()),
    }
}

/// `Next` / `End` of a Task, Pass, Wait, Parallel or Map state.
pub(crate) fn transition(cx: &mut Cx, o: &mut Obj<'_, '_>) -> Option<Transition> {
    let next = string_of(cx, o, k::Next, false);
    let end_v = o.get(k::End);
    let end = match end_v {
        None => None,
        Some(Node::Bool(b)) => Some(*b),
        Some(other) => {
            cx.wrong_type(&o.at.key(k::End), k::End, "the boolean true", other);
            return None;
        }
    };
    match (next, end) {
        (Some(n), None) => Some(Transition::Next(n)),
        (None, Some(true)) => Some(Transition::End),
        (Some(_), Some(_)) => {
            cx.err(
                Code::ConflictingTransition,
                &o.at.key(k::End),
                "a state cannot have both `Next` and `End`",
            )
            .help =
                Some("remove `End` to continue with `Next`, or remove `Next` to end here".into());
            None
        }
        (None, Some(false)) => {
            cx.err(
                Code::MissingTransition,
                &o.at.key(k::End),
                "`End` must be true when present",
            )
            .help = Some(
                "write `\"End\": true` to end here, or replace it with `\"Next\": \"<state>\"`"
                    .into(),
            );
            None
        }
        (None, None) => {
            if !o.map.contains_key(k::Next) {
                cx.err(
                    Code::MissingTransition,
                    &o.at,
                    "this state has neither `Next` nor `End`",
                )
                .help = Some("add `\"Next\": \"<state>\"` or `\"End\": true`".into());
            }
            None
        }
    }
}

/// Reads the object `v` with `read`, then reports its unknown fields; `None` (after reporting)
/// when `v` is not an object.
pub(crate) fn read_obj<'v, T>(
    cx: &mut Cx,
    v: &'v Node<'v>,
    at: At<'_>,
    field: &str,
    what: &'static str,
    read: impl FnOnce(&mut Cx, &mut Obj<'v, '_>) -> T,
) -> Option<T> {
    let mut o = Obj::new(cx, v, at, field, what)?;
    let t = read(cx, &mut o);
    o.finish(cx);
    Some(t)
}

/// The object member `key` of `o`, when present, read by [`read_obj`].
pub(crate) fn member<'v, T>(
    cx: &mut Cx,
    o: &mut Obj<'v, '_>,
    key: &'static str,
    what: &'static str,
    read: impl FnOnce(&mut Cx, &mut Obj<'v, '_>) -> T,
) -> Option<T> {
    let v = o.get(key)?;
    read_obj(cx, v, o.at.key(key), key, what, read)
}

/// The list `key` of `o`, when present: each entry read by `item`.
pub(crate) fn list<'v, T>(
    cx: &mut Cx,
    o: &mut Obj<'v, '_>,
    key: &'static str,
    mut item: impl FnMut(&mut Cx, &'v Node<'v>, At<'_>) -> Option<T>,
) -> Option<Vec<T>> {
    let v = o.get(key)?;
    let base = o.at;
    let at = base.key(key);
    let Node::Array(items) = v else {
        cx.wrong_type(&at, key, "an array", v);
        return None;
    };
    // Sized up front: collecting a `filter_map` would start at four entries.
    let mut out = Vec::with_capacity(items.len());
    for (i, v) in items.iter().enumerate() {
        out.extend(item(cx, v, at.idx(i)));
    }
    Some(out)
}
