//! Small JSON helpers: AWS's compact text, equality with numbers compared by value, sizes.

use serde_json::Value;

/// The compact JSON text of a value (no spaces), as AWS prints values in causes.
pub(crate) fn compact(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// The size of a value's compact JSON text in bytes (what AWS's 256 KiB payload quota counts),
/// counted without writing the text.
pub(crate) fn size(v: &Value) -> usize {
    match v {
        Value::Null | Value::Bool(true) => 4,
        Value::Bool(false) => 5,
        Value::Number(n) => number_size(n),
        Value::String(s) => string_size(s),
        Value::Array(a) => 2 + a.len().saturating_sub(1) + a.iter().map(size).sum::<usize>(),
        Value::Object(m) => {
            2 + m.len().saturating_sub(1)
                + m.iter()
                    .map(|(k, v)| string_size(k) + 1 + size(v))
                    .sum::<usize>()
        }
    }
}

/// The size of a string as serde_json writes it: quoted, with `"`, `\\` and the control
/// characters escaped.
fn string_size(s: &str) -> usize {
    2 + s.len()
        + s.bytes()
            .map(|b| match b {
                b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 1,
                0x00..=0x1f => 5,
                _ => 0,
            })
            .sum::<usize>()
}

fn number_size(n: &serde_json::Number) -> usize {
    fn digits(mut n: u64) -> usize {
        let mut d = 1;
        while n >= 10 {
            n /= 10;
            d += 1;
        }
        d
    }
    if let Some(u) = n.as_u64() {
        digits(u)
    } else if let Some(i) = n.as_i64() {
        1 + digits(i.unsigned_abs())
    } else {
        n.to_string().len()
    }
}

/// JSON equality where numbers compare by value (`1 == 1.0`) and key order does not matter.
pub(crate) fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| equal(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn size_is_the_length_of_the_compact_text() {
        for v in [
            json!(null),
            json!(true),
            json!(false),
            json!(0),
            json!(-7),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(1.5),
            json!(-2.5e-300),
            json!(1e21),
            json!(""),
            json!("a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}é😀"),
            json!([]),
            json!({}),
            json!([1, [2, {"a\n": [null, "x"]}], {}]),
            json!({"k": {"l": [true, false, 3.25]}, "é": "\u{0}"}),
        ] {
            assert_eq!(
                super::size(&v),
                serde_json::to_string(&v).unwrap().len(),
                "{v}"
            );
        }
    }
}
