//! AWS Step Functions' own JSONata functions (`$partition`, `$range`, `$hash`, `$random`,
//! `$uuid`, `$parse`), written once over `serde_json` values; each crate's adapter in main.rs
//! converts its arguments, calls [`call`] and converts the result back. `None` is JSONata's
//! undefined. reference.cjs registers the same behaviour with jsonata@2.0.6. (jsonata-core+sfn
//! uses sfn-sim's own, as the simulator does.)

use serde_json::Value;

/// An error of an AWS function, as a JSONata code and message.
pub struct AwsError {
    pub code: &'static str,
    pub message: String,
}

fn err<T>(message: impl Into<String>) -> Result<T, AwsError> {
    Err(AwsError {
        code: "D3001",
        message: message.into(),
    })
}

/// The functions and their arities (the most arguments each takes).
pub const FUNCTIONS: [(&str, usize); 6] = [
    ("partition", 2),
    ("range", 3),
    ("hash", 2),
    ("random", 1),
    ("uuid", 0),
    ("parse", 1),
];

fn integer(v: Option<&Value>) -> Option<i64> {
    let f = v?.as_f64()?;
    (f.fract() == 0.0 && f.abs() < 9e15).then_some(f as i64)
}

/// Calls AWS function `name` with `args`.
pub fn call(name: &str, args: &[Option<Value>]) -> Result<Option<Value>, AwsError> {
    let arg = |i: usize| args.get(i).and_then(Option::as_ref);
    match name {
        "partition" => {
            let items = match arg(0) {
                Some(Value::Array(a)) => a.clone(),
                Some(v) => vec![v.clone()],
                None => vec![],
            };
            let Some(size) = integer(arg(1)).filter(|s| *s >= 1) else {
                return err("$partition: size must be a positive integer");
            };
            Ok(Some(Value::Array(
                items
                    .chunks(size as usize)
                    .map(|c| Value::Array(c.to_vec()))
                    .collect(),
            )))
        }
        "range" => {
            let step = if arg(2).is_none() {
                Some(1)
            } else {
                integer(arg(2))
            };
            let (Some(start), Some(end), Some(step)) = (integer(arg(0)), integer(arg(1)), step)
            else {
                return err("$range: integer arguments and a non-zero step expected");
            };
            if step == 0 {
                return err("$range: integer arguments and a non-zero step expected");
            }
            let mut out = Vec::new();
            let mut i = start;
            while (step > 0 && i <= end) || (step < 0 && i >= end) {
                out.push(Value::from(i));
                i += step;
            }
            Ok(Some(Value::Array(out)))
        }
        "hash" => {
            use sha2::Digest;
            let Some(value) = arg(0) else { return Ok(None) };
            let text = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let bytes = text.as_bytes();
            let digest: Vec<u8> = match arg(1).and_then(Value::as_str).unwrap_or("SHA-256") {
                "MD5" => md5::Md5::digest(bytes).to_vec(),
                "SHA-1" => sha1::Sha1::digest(bytes).to_vec(),
                "SHA-256" => sha2::Sha256::digest(bytes).to_vec(),
                "SHA-384" => sha2::Sha384::digest(bytes).to_vec(),
                "SHA-512" => sha2::Sha512::digest(bytes).to_vec(),
                other => return err(format!("$hash: unsupported algorithm {other}")),
            };
            Ok(Some(Value::String(
                digest.iter().map(|b| format!("{b:02x}")).collect(),
            )))
        }
        "random" => {
            // A number in [0, 1); its value is not compared (cases using $random are
            // nondeterministic). AWS's seeded form is not reproduced here.
            let n = uuid::Uuid::new_v4().as_u128() as u64 >> 11;
            Ok(Some(Value::from(n as f64 / (1u64 << 53) as f64)))
        }
        "uuid" => Ok(Some(Value::String(uuid::Uuid::new_v4().to_string()))),
        "parse" => match arg(0) {
            None => Ok(None),
            Some(Value::String(s)) => match serde_json::from_str(s) {
                Ok(v) => Ok(Some(v)),
                Err(e) => err(format!("$parse: {e}")),
            },
            Some(_) => Err(AwsError {
                code: "T0410",
                message: "$parse: argument 1 must be a string".into(),
            }),
        },
        _ => err(format!("unknown AWS function {name}")),
    }
}
