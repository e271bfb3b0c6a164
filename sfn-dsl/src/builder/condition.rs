//! Conditions of Choice rules: typed comparisons on paths, `And`/`Or`/`Not`, and JSONata.

use super::IntoPath;
use super::common::{bad_path, parsed, prefixed};
use crate::diagnostic::Diagnostic;
use crate::fields::names as k;
use crate::model::{self, Comparison, NestedRule, Operand, Operator, RuleCondition};
use crate::path::{Jsonata, Path};

/// The test of a Choice rule: a comparison of the value at a path (JSONPath), a combination
/// of conditions, or a JSONata expression.
///
/// Path arguments take a [`Path`] (e.g. from `path!`) or text, parsed with errors reported by
/// `build()`.
///
/// ```
/// use sfn::builder::Condition;
///
/// let ok = Condition::and([
///     Condition::string_equals("$.status", "SUCCEEDED"),
///     Condition::numeric_greater_than_equals("$.attempts", 1),
///     Condition::not(Condition::is_null("$.result", true)),
/// ]);
/// let late = Condition::timestamp_greater_than_path("$.now", "$.deadline");
/// let either = Condition::or([ok, late]);
/// # let _ = either;
/// ```
#[derive(Debug, Clone)]
pub struct Condition {
    kind: Kind,
    comment: Option<String>,
    /// Findings with pointers relative to the rule.
    errs: Vec<Diagnostic>,
}

#[derive(Debug, Clone)]
enum Kind {
    JsonPath(model::Condition),
    Jsonata(Jsonata),
    Constant(bool),
}

/// A number operand of the `Numeric*` operators.
pub trait IntoNumber {
    /// The JSON number, `None` for NaN and the infinities (reported by `build()`).
    fn into_number(self) -> Option<serde_json::Number>;
}

macro_rules! into_number {
    ($($t:ty),*) => {$(
        impl IntoNumber for $t {
            fn into_number(self) -> Option<serde_json::Number> {
                Some(self.into())
            }
        }
    )*};
}

into_number!(i32, i64, u32, u64, usize);

impl IntoNumber for f64 {
    fn into_number(self) -> Option<serde_json::Number> {
        serde_json::Number::from_f64(self)
    }
}

fn number(n: impl IntoNumber) -> Result<Operand, super::BadPath> {
    Ok(n.into_number().map_or(
        Operand::Invalid(crate::payload::Literal::Null),
        Operand::Number,
    ))
}

impl Condition {
    fn compare(
        variable: impl IntoPath,
        operator: Operator,
        operand: Result<Operand, super::BadPath>,
    ) -> Condition {
        let mut errs = Vec::new();
        let variable =
            parsed(&mut errs, k::Variable, variable.into_path()).unwrap_or_else(Path::input);
        let operand = operand.unwrap_or_else(|bad| {
            let field = operator.as_str();
            errs.push(bad_path(format!("/{field}"), field, bad));
            Operand::Path(Path::input())
        });
        Condition {
            kind: Kind::JsonPath(model::Condition::Compare(Comparison {
                variable,
                operator,
                operand,
            })),
            comment: None,
            errs,
        }
    }

    /// `And`: every condition holds.
    pub fn and(conditions: impl IntoIterator<Item = Condition>) -> Condition {
        Condition::combine(k::And, conditions, model::Condition::And)
    }

    /// `Or`: at least one condition holds.
    pub fn or(conditions: impl IntoIterator<Item = Condition>) -> Condition {
        Condition::combine(k::Or, conditions, model::Condition::Or)
    }

    /// `Not`: the condition does not hold (also written `!condition`).
    #[allow(clippy::should_implement_trait)]
    pub fn not(condition: Condition) -> Condition {
        let mut errs = Vec::new();
        let rule = condition.nested("/Not", &mut errs);
        Condition {
            kind: Kind::JsonPath(model::Condition::Not(Box::new(rule))),
            comment: None,
            errs,
        }
    }

    fn combine(
        field: &str,
        conditions: impl IntoIterator<Item = Condition>,
        make: fn(Vec<NestedRule>) -> model::Condition,
    ) -> Condition {
        let mut errs = Vec::new();
        let rules = conditions
            .into_iter()
            .enumerate()
            .map(|(i, c)| c.nested(&format!("/{field}/{i}"), &mut errs))
            .collect();
        Condition {
            kind: Kind::JsonPath(make(rules)),
            comment: None,
            errs,
        }
    }

    /// `"Condition": "{% … %}"` (JSONata states): the rule matches when the expression is true.
    pub fn jsonata(expression: Jsonata) -> Condition {
        Condition {
            kind: Kind::Jsonata(expression),
            comment: None,
            errs: Vec::new(),
        }
    }

    /// `"Condition": true` or `false` (JSONata states).
    pub fn constant(value: bool) -> Condition {
        Condition {
            kind: Kind::Constant(value),
            comment: None,
            errs: Vec::new(),
        }
    }

    /// `Comment` of the condition when it is nested in `And`, `Or` or `Not` (a top-level
    /// rule's comment is [`Rule::comment`](super::Rule::comment)).
    pub fn comment(mut self, comment: impl Into<String>) -> Condition {
        self.comment = Some(comment.into());
        self
    }

    /// This condition as a rule nested at `at`; JSONata conditions cannot be nested.
    fn nested(self, at: &str, errs: &mut Vec<Diagnostic>) -> NestedRule {
        errs.extend(prefixed(at, self.errs));
        let condition = match self.kind {
            Kind::JsonPath(c) => c,
            Kind::Jsonata(_) | Kind::Constant(_) => {
                errs.push(crate::validate::rules::choice::nested_jsonata(at));
                model::Condition::Compare(Comparison {
                    variable: Path::input(),
                    operator: Operator::IsPresent,
                    operand: Operand::Bool(true),
                })
            }
        };
        NestedRule {
            comment: self.comment,
            condition,
        }
    }

    /// The rule test, the comment and the findings (relative to the rule).
    pub(crate) fn into_parts(self) -> (RuleCondition, Option<String>, Vec<Diagnostic>) {
        let condition = match self.kind {
            Kind::JsonPath(c) => RuleCondition::JsonPath(c),
            Kind::Jsonata(j) => RuleCondition::Jsonata(j),
            Kind::Constant(b) => RuleCondition::Constant(b),
        };
        (condition, self.comment, self.errs)
    }
}

impl std::ops::Not for Condition {
    type Output = Condition;
    fn not(self) -> Condition {
        Condition::not(self)
    }
}

macro_rules! comparisons {
    ($($name:ident => $op:ident ($arg:ident : $ty:ty) = $conv:expr, $doc:literal;)*) => {
        impl Condition {$(
            #[doc = concat!("`", stringify!($op), "`: ", $doc)]
            pub fn $name(variable: impl IntoPath, $arg: $ty) -> Condition {
                Condition::compare(variable, Operator::$op, $conv)
            }
        )*}
    };
}

comparisons! {
    string_equals => StringEquals(value: impl Into<String>) = Ok(Operand::String(value.into())), "the string at `variable` equals `value`.";
    string_equals_path => StringEqualsPath(other: impl IntoPath) = other.into_path().map(Operand::Path), "the string at `variable` equals the one at `other`.";
    string_less_than => StringLessThan(value: impl Into<String>) = Ok(Operand::String(value.into())), "the string at `variable` sorts before `value`.";
    string_less_than_path => StringLessThanPath(other: impl IntoPath) = other.into_path().map(Operand::Path), "the string at `variable` sorts before the one at `other`.";
    string_greater_than => StringGreaterThan(value: impl Into<String>) = Ok(Operand::String(value.into())), "the string at `variable` sorts after `value`.";
    string_greater_than_path => StringGreaterThanPath(other: impl IntoPath) = other.into_path().map(Operand::Path), "the string at `variable` sorts after the one at `other`.";
    string_less_than_equals => StringLessThanEquals(value: impl Into<String>) = Ok(Operand::String(value.into())), "the string at `variable` sorts before or equals `value`.";
    string_less_than_equals_path => StringLessThanEqualsPath(other: impl IntoPath) = other.into_path().map(Operand::Path), "the string at `variable` sorts before or equals the one at `other`.";
    string_greater_than_equals => StringGreaterThanEquals(value: impl Into<String>) = Ok(Operand::String(value.into())), "the string at `variable` sorts after or equals `value`.";
    string_greater_than_equals_path => StringGreaterThanEqualsPath(other: impl IntoPath) = other.into_path().map(Operand::Path), "the string at `variable` sorts after or equals the one at `other`.";
    string_matches => StringMatches(pattern: impl Into<String>) = Ok(Operand::String(pattern.into())), "the string at `variable` matches `pattern`, where `*` matches any run of characters (`\\*` matches a literal star).";
    numeric_equals => NumericEquals(value: impl IntoNumber) = number(value), "the number at `variable` equals `value`.";
    numeric_equals_path => NumericEqualsPath(other: impl IntoPath) = other.into_path().map(Operand::Path), "the number at `variable` equals the one at `other`.";
    numeric_less_than => NumericLessThan(value: impl IntoNumber) = number(value), "the number at `variable` is less than `value`.";
    numeric_less_than_path => NumericLessThanPath(other: impl IntoPath) = other.into_path().map(Operand::Path), "the number at `variable` is less than the one at `other`.";
    numeric_greater_than => NumericGreaterThan(value: impl IntoNumber) = number(value), "the number at `variable` is greater than `value`.";
    numeric_greater_than_path => NumericGreaterThanPath(other: impl IntoPath) = other.into_path().map(Operand::Path), "the number at `variable` is greater than the one at `other`.";
    numeric_less_than_equals => NumericLessThanEquals(value: impl IntoNumber) = number(value), "the number at `variable` is at most `value`.";
    numeric_less_than_equals_path => NumericLessThanEqualsPath(other: impl IntoPath) = other.into_path().map(Operand::Path), "the number at `variable` is at most the one at `other`.";
    numeric_greater_than_equals => NumericGreaterThanEquals(value: impl IntoNumber) = number(value), "the number at `variable` is at least `value`.";
    numeric_greater_than_equals_path => NumericGreaterThanEqualsPath(other: impl IntoPath) = other.into_path().map(Operand::Path), "the number at `variable` is at least the one at `other`.";
    boolean_equals => BooleanEquals(value: bool) = Ok(Operand::Bool(value)), "the boolean at `variable` equals `value`.";
    boolean_equals_path => BooleanEqualsPath(other: impl IntoPath) = other.into_path().map(Operand::Path), "the boolean at `variable` equals the one at `other`.";
    timestamp_equals => TimestampEquals(value: impl Into<String>) = Ok(Operand::String(value.into())), "the timestamp at `variable` equals `value` (RFC 3339).";
    timestamp_equals_path => TimestampEqualsPath(other: impl IntoPath) = other.into_path().map(Operand::Path), "the timestamp at `variable` equals the one at `other`.";
    timestamp_less_than => TimestampLessThan(value: impl Into<String>) = Ok(Operand::String(value.into())), "the timestamp at `variable` is before `value` (RFC 3339).";
    timestamp_less_than_path => TimestampLessThanPath(other: impl IntoPath) = other.into_path().map(Operand::Path), "the timestamp at `variable` is before the one at `other`.";
    timestamp_greater_than => TimestampGreaterThan(value: impl Into<String>) = Ok(Operand::String(value.into())), "the timestamp at `variable` is after `value` (RFC 3339).";
    timestamp_greater_than_path => TimestampGreaterThanPath(other: impl IntoPath) = other.into_path().map(Operand::Path), "the timestamp at `variable` is after the one at `other`.";
    timestamp_less_than_equals => TimestampLessThanEquals(value: impl Into<String>) = Ok(Operand::String(value.into())), "the timestamp at `variable` is at or before `value` (RFC 3339).";
    timestamp_less_than_equals_path => TimestampLessThanEqualsPath(other: impl IntoPath) = other.into_path().map(Operand::Path), "the timestamp at `variable` is at or before the one at `other`.";
    timestamp_greater_than_equals => TimestampGreaterThanEquals(value: impl Into<String>) = Ok(Operand::String(value.into())), "the timestamp at `variable` is at or after `value` (RFC 3339).";
    timestamp_greater_than_equals_path => TimestampGreaterThanEqualsPath(other: impl IntoPath) = other.into_path().map(Operand::Path), "the timestamp at `variable` is at or after the one at `other`.";
    is_null => IsNull(value: bool) = Ok(Operand::Bool(value)), "whether the value at `variable` is `null`.";
    is_present => IsPresent(value: bool) = Ok(Operand::Bool(value)), "whether `variable` matches anything in the input.";
    is_numeric => IsNumeric(value: bool) = Ok(Operand::Bool(value)), "whether the value at `variable` is a number.";
    is_string => IsString(value: bool) = Ok(Operand::Bool(value)), "whether the value at `variable` is a string.";
    is_boolean => IsBoolean(value: bool) = Ok(Operand::Bool(value)), "whether the value at `variable` is a boolean.";
    is_timestamp => IsTimestamp(value: bool) = Ok(Operand::Bool(value)), "whether the value at `variable` is an RFC 3339 timestamp string.";
}

/// A timestamp operand for the fluent comparisons of [`PathExt`] (selects the `Timestamp*`
/// operators).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp(pub String);

mod sealed {
    pub trait Sealed {}
}

/// A value [`PathExt::equals`] compares with: a string (`String*`), a number (`Numeric*`),
/// a `bool` (`BooleanEquals`) or a [`Timestamp`] (`Timestamp*`).
pub trait Comparable: sealed::Sealed {
    #[doc(hidden)]
    fn operand(self) -> (&'static Relations, Result<Operand, super::BadPath>);
}

/// A [`Comparable`] with an order (everything but `bool`): the operand of
/// [`PathExt::less_than`] and friends.
pub trait Ordered: Comparable {}

/// The operators of a family of operands, one for each relation: equals, less than, greater
/// than, less than or equals, greater than or equals.
type Relations = [Operator; 5];

macro_rules! comparable {
    ($ordered:ident $family:expr; $($t:ty => |$v:ident| $conv:expr),*) => {$(
        impl sealed::Sealed for $t {}
        impl Comparable for $t {
            fn operand(self) -> (&'static Relations, Result<Operand, super::BadPath>) {
                let $v = self;
                (&$family, $conv)
            }
        }
        comparable!(@$ordered $t);
    )*};
    (@ordered $t:ty) => { impl Ordered for $t {} };
    (@unordered $t:ty) => {};
}

use Operator as O;
comparable!(ordered [
    O::StringEquals, O::StringLessThan, O::StringGreaterThan,
    O::StringLessThanEquals, O::StringGreaterThanEquals,
]; &str => |v| Ok(Operand::String(v.to_string())), String => |v| Ok(Operand::String(v)));
comparable!(ordered [
    O::NumericEquals, O::NumericLessThan, O::NumericGreaterThan,
    O::NumericLessThanEquals, O::NumericGreaterThanEquals,
]; i32 => |v| number(v), i64 => |v| number(v), u32 => |v| number(v), u64 => |v| number(v),
    f64 => |v| number(v));
comparable!(unordered [O::BooleanEquals; 5]; bool => |v| Ok(Operand::Bool(v)));
comparable!(ordered [
    O::TimestampEquals, O::TimestampLessThan, O::TimestampGreaterThan,
    O::TimestampLessThanEquals, O::TimestampGreaterThanEquals,
]; Timestamp => |v| Ok(Operand::String(v.0)));

/// Fluent conditions on a [`Path`]: the operator follows from the operand's type.
///
/// ```
/// use sfn::builder::{Condition, PathExt, Timestamp};
/// use sfn::path::Path;
///
/// let status = Path::parse("$.status").unwrap();
/// let c = status.clone().equals("SUCCEEDED");            // StringEquals
/// let n = Path::parse("$.count").unwrap().greater_than(5); // NumericGreaterThan
/// let t = Path::parse("$.at").unwrap().less_than(Timestamp("2026-01-01T00:00:00Z".into()));
/// let m = status.matches("FAIL*");                          // StringMatches
/// let all = Condition::and([c, n, t, !m]);
/// # let _ = all;
/// ```
pub trait PathExt {
    /// `StringEquals`, `NumericEquals`, `BooleanEquals` or `TimestampEquals`.
    fn equals(self, value: impl Comparable) -> Condition;
    /// `…LessThan`.
    fn less_than(self, value: impl Ordered) -> Condition;
    /// `…GreaterThan`.
    fn greater_than(self, value: impl Ordered) -> Condition;
    /// `…LessThanEquals`.
    fn less_than_equals(self, value: impl Ordered) -> Condition;
    /// `…GreaterThanEquals`.
    fn greater_than_equals(self, value: impl Ordered) -> Condition;
    /// `StringMatches` (`*` is a wildcard).
    fn matches(self, pattern: impl Into<String>) -> Condition;
}

/// The methods of [`PathExt`] that compare with an operand: `relation` indexes [`Relations`].
macro_rules! relations {
    ($($name:ident($bound:ident) = $relation:literal;)*) => {$(
        fn $name(self, value: impl $bound) -> Condition {
            let (operators, operand) = value.operand();
            Condition::compare(self, operators[$relation], operand)
        }
    )*};
}

impl PathExt for Path {
    relations! {
        equals(Comparable) = 0;
        less_than(Ordered) = 1;
        greater_than(Ordered) = 2;
        less_than_equals(Ordered) = 3;
        greater_than_equals(Ordered) = 4;
    }
    fn matches(self, pattern: impl Into<String>) -> Condition {
        Condition::string_matches(self, pattern)
    }
}
