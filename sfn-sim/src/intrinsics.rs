//! Evaluation of the `States.*` intrinsic functions, parsed by `sfn_dsl::path::Intrinsic`.
//!
//! Failures are `States.IntrinsicFailure` errors whose cause names the function and the problem;
//! a path argument that matches nothing is a `States.Runtime` error, like any other path.

use crate::error::{Fault, StatesError, names};
use crate::select::{Scope, select};
use base64::Engine as _;
use rand::Rng as _;
use rand::rngs::StdRng;
use serde_json::{Map, Value};
use sfn_dsl::path::{Arg, Intrinsic, IntrinsicFn};

/// The most items `States.ArrayRange` may produce, and the longest input (in characters) of
/// `States.Base64Encode`, `States.Base64Decode` and `States.Hash`.
const MAX_RANGE_ITEMS: usize = 1000;
const MAX_ENCODE_CHARS: usize = 10_000;

/// A failure of one call, before the state adds its prefix.
pub(crate) enum CallError {
    /// `States.IntrinsicFailure` with this description.
    Failure(String),
    /// A path argument that matches nothing (`States.Runtime`).
    PathNotFound(sfn_dsl::path::Path),
    /// Anything else (a simulation error).
    Fault(Fault),
}

impl From<Fault> for CallError {
    fn from(f: Fault) -> Self {
        CallError::Fault(f)
    }
}

/// Evaluates a call in `scope`; `rng` feeds `States.MathRandom` (without a seed) and `States.UUID`.
pub(crate) fn call(i: &Intrinsic, scope: Scope<'_>, rng: &mut StdRng) -> Result<Value, CallError> {
    let mut args = Vec::with_capacity(i.args().len());
    for a in i.args() {
        args.push(match a {
            Arg::String(s) => Value::String(s.clone()),
            Arg::Number(n) => Value::Number(n.clone()),
            Arg::Bool(b) => Value::Bool(*b),
            Arg::Null => Value::Null,
            Arg::Path(p) => select(p, scope)?.ok_or_else(|| CallError::PathNotFound(p.clone()))?,
            Arg::Intrinsic(inner) => call(inner, scope, rng)?,
        });
    }
    apply(i, args, rng).map_err(CallError::Failure)
}

/// Wraps a call failure into the error the state reports; a missing path shows the value it
/// was looked up in (`input`, or `context` for a `$$` path).
pub(crate) fn state_error(
    e: CallError,
    prefix: &str,
    field: &str,
    input: &Value,
    context: &Value,
) -> Fault {
    match e {
        CallError::Failure(m) => Fault::States(StatesError::new(
            names::INTRINSIC_FAILURE,
            format!("{prefix}{m}"),
        )),
        CallError::PathNotFound(p) => Fault::States(StatesError::new(
            names::RUNTIME,
            format!(
                "{prefix}The JSONPath '{}' specified for the field '{field}' could not be found in the input '{}'",
                p.as_str(),
                crate::json::compact(if p.is_context() { context } else { input })
            ),
        )),
        CallError::Fault(f) => f,
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn apply(i: &Intrinsic, args: Vec<Value>, rng: &mut StdRng) -> Result<Value, String> {
    let f = i.function();
    let name = f.name();
    let bad = |n: usize, want: &str, got: &Value| {
        format!(
            "The argument {n} of {name} must be {want}, but was {} ({}).",
            type_name(got),
            crate::json::compact(got)
        )
    };
    let arity = |min: usize| {
        if args.len() < min {
            Err(format!("{name} received {} arguments", args.len()))
        } else {
            Ok(())
        }
    };
    let string = |n: usize| -> Result<&str, String> {
        args[n]
            .as_str()
            .ok_or_else(|| bad(n + 1, "a string", &args[n]))
    };
    let array = |n: usize| -> Result<&Vec<Value>, String> {
        args[n]
            .as_array()
            .ok_or_else(|| bad(n + 1, "an array", &args[n]))
    };
    let integer = |n: usize| -> Result<i64, String> {
        match &args[n] {
            Value::Number(x) => match x.as_i64() {
                Some(v) => Ok(v),
                None => x
                    .as_f64()
                    .filter(|v| v.fract() == 0.0 && v.abs() < 9.0e18)
                    .map(|v| v as i64)
                    .ok_or_else(|| bad(n + 1, "an integer", &args[n])),
            },
            other => Err(bad(n + 1, "an integer", other)),
        }
    };
    match f {
        IntrinsicFn::Format => {
            arity(1)?;
            let template = string(0)?;
            let parts = match i.args().first() {
                Some(Arg::String(_)) => literal_template_parts(i.as_str()),
                _ => None,
            }
            .unwrap_or_else(|| plain_template_parts(template));
            let values = &args[1..];
            if parts.len() - 1 != values.len() {
                return Err(format!(
                    "The template of States.Format has {} placeholder(s) but {} value(s) were given.",
                    parts.len() - 1,
                    values.len()
                ));
            }
            let mut out = parts[0].clone();
            for (v, part) in values.iter().zip(&parts[1..]) {
                out.push_str(&format_value(v));
                out.push_str(part);
            }
            Ok(Value::String(out))
        }
        IntrinsicFn::StringToJson => {
            arity(1)?;
            let s = string(0)?;
            if s.trim().is_empty() {
                return Ok(Value::Null);
            }
            serde_json::from_str(s)
                .map(negative_zero_is_zero)
                .map_err(|e| {
                    format!("The string '{s}' given to States.StringToJson is not valid JSON: {e}")
                })
        }
        IntrinsicFn::JsonToString => {
            arity(1)?;
            Ok(Value::String(crate::json::compact(&args[0])))
        }
        IntrinsicFn::Array => Ok(Value::Array(args)),
        IntrinsicFn::ArrayPartition => {
            arity(2)?;
            let a = array(0)?;
            let size = integer(1)?;
            if size <= 0 {
                return Err(format!(
                    "The chunk size given to States.ArrayPartition must be a positive integer, but was {size}."
                ));
            }
            Ok(Value::Array(
                a.chunks(size as usize)
                    .map(|c| Value::Array(c.to_vec()))
                    .collect(),
            ))
        }
        IntrinsicFn::ArrayContains => {
            arity(2)?;
            let a = array(0)?;
            Ok(Value::Bool(
                a.iter().any(|x| crate::json::equal(x, &args[1])),
            ))
        }
        IntrinsicFn::ArrayRange => {
            arity(3)?;
            let (first, last, step) = (integer(0)?, integer(1)?, integer(2)?);
            if step == 0 {
                return Err("The step of States.ArrayRange cannot be 0.".to_owned());
            }
            let mut out = Vec::new();
            let mut x = i128::from(first);
            while (step > 0 && x <= i128::from(last)) || (step < 0 && x >= i128::from(last)) {
                if out.len() == MAX_RANGE_ITEMS {
                    return Err(format!(
                        "States.ArrayRange would produce more than {MAX_RANGE_ITEMS} items."
                    ));
                }
                out.push(Value::from(x as i64));
                x += i128::from(step);
            }
            Ok(Value::Array(out))
        }
        IntrinsicFn::ArrayGetItem => {
            arity(2)?;
            let a = array(0)?;
            let index = integer(1)?;
            usize::try_from(index)
                .ok()
                .and_then(|i| a.get(i))
                .cloned()
                .ok_or_else(|| {
                    format!(
                        "The index {index} given to States.ArrayGetItem is out of bounds for an array of {} items.",
                        a.len()
                    )
                })
        }
        IntrinsicFn::ArrayLength => {
            arity(1)?;
            Ok(Value::from(array(0)?.len()))
        }
        IntrinsicFn::ArrayUnique => {
            arity(1)?;
            let mut out: Vec<Value> = Vec::new();
            for x in array(0)? {
                if !out.iter().any(|y| crate::json::equal(x, y)) {
                    out.push(x.clone());
                }
            }
            Ok(Value::Array(out))
        }
        IntrinsicFn::Base64Encode => {
            arity(1)?;
            let s = string(0)?;
            check_length(name, s)?;
            Ok(Value::String(
                base64::engine::general_purpose::STANDARD.encode(s),
            ))
        }
        IntrinsicFn::Base64Decode => {
            arity(1)?;
            let s = string(0)?;
            check_length(name, s)?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(s)
                .map_err(|e| {
                    format!(
                        "The string '{s}' given to States.Base64Decode is not valid base64: {e}."
                    )
                })?;
            String::from_utf8(bytes).map(Value::String).map_err(|_| {
                format!(
                    "The string '{s}' given to States.Base64Decode does not decode to UTF-8 text."
                )
            })
        }
        IntrinsicFn::Hash => {
            arity(2)?;
            let data = match &args[0] {
                Value::String(s) => s.clone(),
                other => crate::json::compact(other),
            };
            check_length(name, &data)?;
            let algorithm = string(1)?;
            Ok(Value::String(hash(algorithm, data.as_bytes()).ok_or_else(|| {
                format!(
                    "The hash algorithm '{algorithm}' is not supported: use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512."
                )
            })?))
        }
        IntrinsicFn::JsonMerge => {
            arity(3)?;
            let (Value::Object(a), Value::Object(b)) = (&args[0], &args[1]) else {
                let (n, v) = if args[0].is_object() {
                    (2, &args[1])
                } else {
                    (1, &args[0])
                };
                return Err(bad(n, "a JSON object", v));
            };
            if args[2] != Value::Bool(false) {
                return Err(
                    "States.JsonMerge supports only a shallow merge: its third argument must be false."
                        .to_owned(),
                );
            }
            let mut merged: Map<String, Value> = a.clone();
            for (k, v) in b {
                merged.insert(k.clone(), v.clone());
            }
            Ok(Value::Object(merged))
        }
        IntrinsicFn::MathRandom => {
            arity(2)?;
            let (start, end) = (rounded(&args, 0, name)?, rounded(&args, 1, name)?);
            if start >= end {
                return Err(format!(
                    "The start {start} given to States.MathRandom must be less than its end {end}."
                ));
            }
            let value = match args.get(2) {
                Some(_) => {
                    let seed = rounded(&args, 2, name)?;
                    let mut seeded = <StdRng as rand::SeedableRng>::seed_from_u64(seed as u64);
                    seeded.random_range(start..end)
                }
                None => rng.random_range(start..end),
            };
            Ok(Value::from(value))
        }
        IntrinsicFn::MathAdd => {
            arity(2)?;
            let (a, b) = (rounded(&args, 0, name)?, rounded(&args, 1, name)?);
            Ok(Value::from(a + b))
        }
        IntrinsicFn::StringSplit => {
            arity(2)?;
            let s = string(0)?;
            let separators: Vec<char> = string(1)?.chars().collect();
            Ok(Value::Array(
                s.split(|c| separators.contains(&c))
                    .filter(|part| !part.is_empty())
                    .map(|p| Value::String(p.to_owned()))
                    .collect(),
            ))
        }
        IntrinsicFn::Uuid => Ok(Value::String(uuid_v4(rng))),
    }
}

/// An integer argument of `States.MathAdd` or `States.MathRandom`: AWS takes 32-bit integers
/// and rounds a number with a fraction to the nearest integer (halves up, as Java's
/// `Math.round`).
fn rounded(args: &[Value], n: usize, name: &str) -> Result<i64, String> {
    let v = &args[n];
    let x = match v {
        Value::Number(x) => match x.as_i64() {
            Some(i) => i,
            None => x.as_f64().map_or(i64::MAX, |f| (f + 0.5).floor() as i64),
        },
        _ => {
            return Err(format!(
                "The argument {} of {name} must be a number, but was {} ({}).",
                n + 1,
                type_name(v),
                crate::json::compact(v)
            ));
        }
    };
    if i32::try_from(x).is_err() {
        return Err(format!(
            "The argument {} of {name} must be between -2147483648 and 2147483647, but was {x}.",
            n + 1
        ));
    }
    Ok(x)
}

/// `-0` reads as the integer 0, as AWS's JSON reader has it (serde reads it as the float -0.0).
fn negative_zero_is_zero(v: Value) -> Value {
    match v {
        Value::Number(n) if n.as_f64().is_some_and(|f| f == 0.0 && f.is_sign_negative()) => {
            Value::from(0)
        }
        Value::Array(a) => Value::Array(a.into_iter().map(negative_zero_is_zero).collect()),
        Value::Object(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| (k, negative_zero_is_zero(v)))
                .collect(),
        ),
        other => other,
    }
}

fn check_length(name: &str, s: &str) -> Result<(), String> {
    if s.chars().count() > MAX_ENCODE_CHARS {
        Err(format!(
            "The input of {name} is longer than {MAX_ENCODE_CHARS} characters."
        ))
    } else {
        Ok(())
    }
}

/// The lowercase hexadecimal digest of `data`.
pub(crate) fn hash(algorithm: &str, data: &[u8]) -> Option<String> {
    use sha2::Digest as _;
    let bytes: Vec<u8> = match algorithm {
        "MD5" => md5::Md5::digest(data).to_vec(),
        "SHA-1" => sha1::Sha1::digest(data).to_vec(),
        "SHA-256" => sha2::Sha256::digest(data).to_vec(),
        "SHA-384" => sha2::Sha384::digest(data).to_vec(),
        "SHA-512" => sha2::Sha512::digest(data).to_vec(),
        _ => return None,
    };
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A random (version 4, variant 1) UUID from `rng`.
pub(crate) fn uuid_v4(rng: &mut StdRng) -> String {
    let mut b: [u8; 16] = rng.random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// How `States.Format` writes a value: strings as they are, numbers, booleans and `null` as
/// in JSON, objects and arrays the way AWS's Java runtime prints them (`{a=1, b=x}`, `[1, x]`).
fn format_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(format_value).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, v)| format!("{k}={}", format_value(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The text pieces between the `{}` placeholders of a template given as a value (a path).
fn plain_template_parts(template: &str) -> Vec<String> {
    template.split("{}").map(str::to_owned).collect()
}

/// The text pieces between the placeholders of the literal template that opens the call text
/// `States.Format('…', …)`: an escaped `\{` or `\}` is a brace, not a placeholder (the parsed
/// argument holds the unescaped text, which no longer tells them apart).
fn literal_template_parts(call: &str) -> Option<Vec<String>> {
    let start = call.find('(')? + 1;
    let rest = call[start..].trim_start();
    let mut chars = rest.strip_prefix('\'')?.chars().peekable();
    let mut parts = vec![String::new()];
    while let Some(c) = chars.next() {
        match c {
            '\\' => parts.last_mut()?.push(chars.next()?),
            '\'' => return Some(parts),
            '{' if chars.peek() == Some(&'}') => {
                chars.next();
                parts.push(String::new());
            }
            c => parts.last_mut()?.push(c),
        }
    }
    None
}
