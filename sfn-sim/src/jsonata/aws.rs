//! Step Functions' own JSONata functions: `$partition`, `$range`, `$hash`, `$random`, `$uuid`
//! and `$parse`, over `serde_json` values (`None` is JSONata's undefined). The engine converts
//! the arguments, calls [`call`] and converts the result back.
//!
//! What they do is AWS's documentation; their error messages are ours (AWS does not document
//! them), each with a JSONata-style code.

use crate::intrinsics;
use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};
use serde_json::Value;

/// The functions, by the name an expression calls them with (`$partition` is `partition`).
pub(crate) const FUNCTIONS: [&str; 6] = ["partition", "range", "hash", "random", "uuid", "parse"];

/// The longest array `$range` builds: a guard against runaway ranges, not an AWS limit (AWS
/// documents none; a million numbers is already far over its 256 KiB payload quota).
const MAX_RANGE: usize = 1_000_000;

/// An integer-valued number (as JavaScript numbers are), in the range where `f64` is exact.
fn integer(v: Option<&Value>) -> Option<i64> {
    let f = v?.as_f64()?;
    (f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_991.0).then_some(f as i64)
}

fn signature_error(function: &str, position: usize) -> String {
    format!(
        "T0410: Argument {position} of function \"{function}\" does not match function signature"
    )
}

/// Calls AWS function `name`; `rng` feeds `$random()` without a seed and `$uuid()`. `Err` is
/// the message of a JSONata error, its code first.
pub(crate) fn call(
    name: &str,
    args: &[Option<Value>],
    rng: &mut StdRng,
) -> Result<Option<Value>, String> {
    let arg = |i: usize| args.get(i).and_then(Option::as_ref);
    let at_most = |n: usize| {
        if args.len() > n {
            Err(signature_error(name, n + 1))
        } else {
            Ok(())
        }
    };
    match name {
        "partition" => {
            at_most(2)?;
            let items = match arg(0) {
                None => return Ok(None),
                Some(Value::Array(a)) => a.as_slice(),
                Some(v) => std::slice::from_ref(v),
            };
            let size = integer(arg(1)).filter(|s| *s >= 1).ok_or_else(|| {
                "D3001: The chunk size given to $partition must be a positive integer".to_owned()
            })?;
            Ok(Some(Value::Array(
                items
                    .chunks(size as usize)
                    .map(|c| Value::Array(c.to_vec()))
                    .collect(),
            )))
        }
        "range" => {
            at_most(3)?;
            let step = if arg(2).is_none() {
                Some(1)
            } else {
                integer(arg(2))
            };
            let (Some(start), Some(end), Some(step)) = (integer(arg(0)), integer(arg(1)), step)
            else {
                return Err("D3001: $range takes an integer start, end and step".to_owned());
            };
            if step == 0 {
                return Err("D3001: The step given to $range must not be 0".to_owned());
            }
            let count = if (step > 0 && start > end) || (step < 0 && start < end) {
                0
            } else {
                (end.abs_diff(start) / step.unsigned_abs()) as usize + 1
            };
            if count > MAX_RANGE {
                return Err(format!(
                    "D3001: $range would give {count} items; at most {MAX_RANGE} are allowed"
                ));
            }
            Ok(Some(Value::Array(
                (0..count as i64)
                    .map(|i| Value::from(start + i * step))
                    .collect(),
            )))
        }
        "hash" => {
            at_most(2)?;
            let Some(value) = arg(0) else { return Ok(None) };
            let data = match value {
                Value::String(s) => s.clone(),
                other => crate::json::compact(other),
            };
            let algorithm = match arg(1) {
                None => "SHA-256",
                Some(Value::String(a)) => a.as_str(),
                Some(_) => return Err(signature_error(name, 2)),
            };
            intrinsics::hash(algorithm, data.as_bytes())
                .map(|h| Some(Value::String(h)))
                .ok_or_else(|| {
                    format!(
                        "D3001: The hash algorithm '{algorithm}' is not supported: use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"
                    )
                })
        }
        "random" => {
            at_most(1)?;
            let n = match arg(0) {
                None => rng.random::<f64>(),
                Some(Value::Number(seed)) => {
                    let seed = seed
                        .as_i64()
                        .map(|i| i as u64)
                        .or_else(|| seed.as_u64())
                        .unwrap_or_else(|| seed.as_f64().unwrap_or_default().to_bits());
                    StdRng::seed_from_u64(seed).random::<f64>()
                }
                Some(_) => return Err(signature_error(name, 1)),
            };
            Ok(Some(Value::from(n)))
        }
        "uuid" => {
            at_most(0)?;
            Ok(Some(Value::String(intrinsics::uuid_v4(rng))))
        }
        "parse" => {
            at_most(1)?;
            match arg(0) {
                None => Ok(None),
                Some(Value::String(s)) => serde_json::from_str(s)
                    .map(Some)
                    .map_err(|e| format!("D3001: The string given to $parse is not JSON: {e}")),
                Some(_) => Err(signature_error(name, 1)),
            }
        }
        _ => Err(format!("T1006: Attempted to invoke a non-function ${name}")),
    }
}
