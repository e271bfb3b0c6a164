//! JSONPath Choice rules: every comparison operator, their `…Path` forms, `And`/`Or`/`Not`.
//!
//! As on AWS, a comparison of values of different types is false (never an error), a
//! `Variable` that matches nothing is an error except for `IsPresent`, and timestamps compare as
//! instants.

use crate::select::{Scope, select};
use crate::time::Timestamp;
use serde_json::Value;
use sfn_dsl::model::{Comparison, Condition, Operand, Operator};
use std::cmp::Ordering;

/// Why a rule could not be evaluated (a `States.Runtime` error of the state).
#[derive(Debug)]
pub(crate) enum RuleError {
    /// A path (the `Variable`, or the operand of a `…Path` operator) matched nothing.
    InvalidPath(String),
    /// An error of the path evaluation (a simulation error).
    Fault(crate::error::Fault),
}

/// Whether `condition` holds in `scope`.
pub(crate) fn holds(condition: &Condition, scope: Scope<'_>) -> Result<bool, RuleError> {
    match condition {
        Condition::And(rules) => {
            for r in rules {
                if !holds(&r.condition, scope)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        Condition::Or(rules) => {
            for r in rules {
                if holds(&r.condition, scope)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Condition::Not(rule) => Ok(!holds(&rule.condition, scope)?),
        Condition::Compare(c) => compare(c, scope),
    }
}

fn compare(c: &Comparison, scope: Scope<'_>) -> Result<bool, RuleError> {
    let value = select(&c.variable, scope).map_err(RuleError::Fault)?;
    if c.operator == Operator::IsPresent {
        let expected = matches!(c.operand, Operand::Bool(true));
        return Ok(value.is_some() == expected);
    }
    let Some(value) = value else {
        return Err(RuleError::InvalidPath(c.variable.as_str().to_owned()));
    };
    let operand: Value = match &c.operand {
        Operand::String(s) => Value::String(s.clone()),
        Operand::Number(n) => Value::Number(n.clone()),
        Operand::Bool(b) => Value::Bool(*b),
        Operand::Path(p) => select(p, scope)
            .map_err(RuleError::Fault)?
            .ok_or_else(|| RuleError::InvalidPath(p.as_str().to_owned()))?,
        Operand::Invalid(v) => v.to_value(),
    };
    Ok(apply(c.operator, &value, &operand))
}

/// The comparison itself, on the variable's value and the operand's value.
pub(crate) fn apply(op: Operator, value: &Value, operand: &Value) -> bool {
    use Operator as O;
    let is = |b: bool| operand.as_bool() == Some(b);
    match op {
        O::IsNull => is(value.is_null()),
        O::IsPresent => is(true),
        O::IsNumeric => is(value.is_number()),
        O::IsString => is(value.is_string()),
        O::IsBoolean => is(value.is_boolean()),
        O::IsTimestamp => is(value.as_str().and_then(Timestamp::parse).is_some()),
        O::StringEquals | O::StringEqualsPath => strings(value, operand, |o| o == Ordering::Equal),
        O::StringLessThan | O::StringLessThanPath => strings(value, operand, |o| o.is_lt()),
        O::StringGreaterThan | O::StringGreaterThanPath => strings(value, operand, |o| o.is_gt()),
        O::StringLessThanEquals | O::StringLessThanEqualsPath => {
            strings(value, operand, |o| o.is_le())
        }
        O::StringGreaterThanEquals | O::StringGreaterThanEqualsPath => {
            strings(value, operand, |o| o.is_ge())
        }
        O::StringMatches => match (value.as_str(), operand.as_str()) {
            (Some(v), Some(pattern)) => matches_pattern(v, pattern),
            _ => false,
        },
        O::NumericEquals | O::NumericEqualsPath => numbers(value, operand, |o| o.is_eq()),
        O::NumericLessThan | O::NumericLessThanPath => numbers(value, operand, |o| o.is_lt()),
        O::NumericGreaterThan | O::NumericGreaterThanPath => numbers(value, operand, |o| o.is_gt()),
        O::NumericLessThanEquals | O::NumericLessThanEqualsPath => {
            numbers(value, operand, |o| o.is_le())
        }
        O::NumericGreaterThanEquals | O::NumericGreaterThanEqualsPath => {
            numbers(value, operand, |o| o.is_ge())
        }
        O::BooleanEquals | O::BooleanEqualsPath => match (value, operand) {
            (Value::Bool(a), Value::Bool(b)) => a == b,
            _ => false,
        },
        O::TimestampEquals | O::TimestampEqualsPath => timestamps(value, operand, |o| o.is_eq()),
        O::TimestampLessThan | O::TimestampLessThanPath => {
            timestamps(value, operand, |o| o.is_lt())
        }
        O::TimestampGreaterThan | O::TimestampGreaterThanPath => {
            timestamps(value, operand, |o| o.is_gt())
        }
        O::TimestampLessThanEquals | O::TimestampLessThanEqualsPath => {
            timestamps(value, operand, |o| o.is_le())
        }
        O::TimestampGreaterThanEquals | O::TimestampGreaterThanEqualsPath => {
            timestamps(value, operand, |o| o.is_ge())
        }
    }
}

fn strings(a: &Value, b: &Value, f: impl Fn(Ordering) -> bool) -> bool {
    match (a, b) {
        (Value::String(a), Value::String(b)) => f(a.cmp(b)),
        _ => false,
    }
}

/// Numbers compare by value: exactly when both are integers, as doubles otherwise.
pub(crate) fn number_cmp(a: &serde_json::Number, b: &serde_json::Number) -> Option<Ordering> {
    match (a.as_i64(), b.as_i64()) {
        (Some(x), Some(y)) => Some(x.cmp(&y)),
        _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
    }
}

fn numbers(a: &Value, b: &Value, f: impl Fn(Ordering) -> bool) -> bool {
    match (a, b) {
        (Value::Number(a), Value::Number(b)) => number_cmp(a, b).is_some_and(f),
        _ => false,
    }
}

fn timestamps(a: &Value, b: &Value, f: impl Fn(Ordering) -> bool) -> bool {
    match (
        a.as_str().and_then(Timestamp::parse),
        b.as_str().and_then(Timestamp::parse),
    ) {
        (Some(a), Some(b)) => f(a.cmp(&b)),
        _ => false,
    }
}

/// `StringMatches`: `*` matches any run of characters (including none); `\*` is a literal
/// star and `\\` a literal backslash.
pub(crate) fn matches_pattern(value: &str, pattern: &str) -> bool {
    /// One piece of the pattern: a literal character or a wildcard.
    #[derive(PartialEq)]
    enum Tok {
        Char(char),
        Star,
    }
    let mut toks = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(e) => toks.push(Tok::Char(e)),
                None => toks.push(Tok::Char('\\')),
            },
            '*' => toks.push(Tok::Star),
            c => toks.push(Tok::Char(c)),
        }
    }
    let v: Vec<char> = value.chars().collect();
    // Greedy matching with backtracking to the last star: linear in practice.
    let (mut vi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while vi < v.len() {
        match toks.get(ti) {
            Some(Tok::Char(c)) if *c == v[vi] => {
                vi += 1;
                ti += 1;
            }
            Some(Tok::Star) => {
                star = Some((ti, vi));
                ti += 1;
            }
            _ => match star {
                Some((st, sv)) => {
                    ti = st + 1;
                    vi = sv + 1;
                    star = Some((st, sv + 1));
                }
                None => return false,
            },
        }
    }
    toks[ti..].iter().all(|t| *t == Tok::Star)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn string_matches() {
        assert!(matches_pattern("log-2024.txt", "log-*.txt"));
        assert!(matches_pattern("abc", "*"));
        assert!(matches_pattern("", "*"));
        assert!(!matches_pattern("abc", "ab"));
        assert!(matches_pattern("a*c", "a\\*c"));
        assert!(!matches_pattern("abc", "a\\*c"));
        assert!(matches_pattern("aXbYc", "a*b*c"));
        assert!(!matches_pattern("aXbY", "a*b*c"));
    }

    #[test]
    fn types_must_agree() {
        assert!(apply(Operator::NumericEquals, &json!(1), &json!(1.0)));
        assert!(!apply(Operator::NumericEquals, &json!("1"), &json!(1)));
        assert!(!apply(Operator::StringEquals, &json!(1), &json!("1")));
        assert!(!apply(Operator::BooleanEquals, &json!(null), &json!(false)));
        assert!(apply(Operator::IsNull, &json!(null), &json!(true)));
        assert!(apply(Operator::IsNull, &json!(1), &json!(false)));
        assert!(apply(
            Operator::TimestampLessThan,
            &json!("2016-03-14T01:59:00Z"),
            &json!("2016-03-14T02:00:00+00:00")
        ));
        assert!(!apply(
            Operator::TimestampEquals,
            &json!("nope"),
            &json!("nope")
        ));
    }
}
