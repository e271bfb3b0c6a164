//! Choice rules: comparisons, `And`/`Or`/`Not`, and JSONata `Condition`.

use crate::path::{Jsonata, Path};
use crate::payload::PayloadValue;

/// One entry of a Choice state's `Choices`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceRule {
    /// `Comment`.
    pub comment: Option<String>,
    /// The test: a JSONPath comparison tree or a JSONata `Condition`.
    pub condition: RuleCondition,
    /// `Next`: the state to go to when the rule matches.
    pub next: String,
    /// `Assign`: variables set when the rule matches.
    pub assign: Option<PayloadValue>,
    /// `Output` (JSONata).
    pub output: Option<PayloadValue>,
}

/// The test of a top-level Choice rule.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleCondition {
    /// A JSONPath rule: `Variable` + operator, or `And`/`Or`/`Not`.
    JsonPath(Condition),
    /// `"Condition": "{% … %}"` (JSONata).
    Jsonata(Jsonata),
    /// `"Condition": true` or `false` (JSONata): a constant test.
    Constant(bool),
}

/// A JSONPath Choice rule's test.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// `And`: all of the nested rules match.
    And(Vec<NestedRule>),
    /// `Or`: any of the nested rules matches.
    Or(Vec<NestedRule>),
    /// `Not`: the nested rule does not match.
    Not(Box<NestedRule>),
    /// `Variable` compared with an operator.
    Compare(Comparison),
}

/// A rule nested inside `And`, `Or` or `Not`: a condition and an optional `Comment`, no `Next`.
#[derive(Debug, Clone, PartialEq)]
pub struct NestedRule {
    /// `Comment`.
    pub comment: Option<String>,
    /// The test.
    pub condition: Condition,
}

/// `Variable` and one comparison operator with its operand.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// `Variable`: the path of the value to test.
    pub variable: Path,
    /// The operator (`StringEquals`, `NumericGreaterThanPath`, `IsPresent`, …).
    pub operator: Operator,
    /// The operand.
    pub operand: Operand,
}

/// The operand of a comparison operator.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// A string (`String*`, `Timestamp*`, `StringMatches`).
    String(String),
    /// A number (`Numeric*`).
    Number(serde_json::Number),
    /// A boolean (`BooleanEquals`, `Is*`).
    Bool(bool),
    /// A path (the `…Path` operators).
    Path(Path),
    /// A value of a type no operator takes; kept so that import is lossless and the validator
    /// can report it (`SFN026`).
    Invalid(crate::payload::Literal),
}

/// What kind of operand an operator takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperandKind {
    /// A JSON string.
    String,
    /// An RFC 3339 timestamp string.
    Timestamp,
    /// A JSON number.
    Number,
    /// A JSON boolean.
    Bool,
    /// A path string.
    Path,
}

macro_rules! operators {
    ($( $name:ident => $kind:ident ),* $(,)?) => {
        /// A comparison operator of a JSONPath Choice rule.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Operator {
            $(
                #[doc = concat!("`", stringify!($name), "`")]
                $name,
            )*
        }

        impl Operator {
            /// Every operator.
            pub const ALL: &'static [Operator] = &[$(Operator::$name),*];

            /// The field names of [`Operator::ALL`], in the same order.
            pub(crate) const NAMES: &'static [&'static str] = &[$(stringify!($name)),*];

            /// The field name as written in ASL.
            pub fn as_str(self) -> &'static str {
                match self { $(Operator::$name => stringify!($name),)* }
            }

            /// Looks an operator up by its field name.
            pub fn from_name(s: &str) -> Option<Operator> {
                match s { $(stringify!($name) => Some(Operator::$name),)* _ => None }
            }

            /// The operand this operator takes.
            pub fn operand_kind(self) -> OperandKind {
                match self { $(Operator::$name => OperandKind::$kind,)* }
            }
        }
    };
}

operators! {
    StringEquals => String, StringEqualsPath => Path,
    StringLessThan => String, StringLessThanPath => Path,
    StringGreaterThan => String, StringGreaterThanPath => Path,
    StringLessThanEquals => String, StringLessThanEqualsPath => Path,
    StringGreaterThanEquals => String, StringGreaterThanEqualsPath => Path,
    StringMatches => String,
    NumericEquals => Number, NumericEqualsPath => Path,
    NumericLessThan => Number, NumericLessThanPath => Path,
    NumericGreaterThan => Number, NumericGreaterThanPath => Path,
    NumericLessThanEquals => Number, NumericLessThanEqualsPath => Path,
    NumericGreaterThanEquals => Number, NumericGreaterThanEqualsPath => Path,
    BooleanEquals => Bool, BooleanEqualsPath => Path,
    TimestampEquals => Timestamp, TimestampEqualsPath => Path,
    TimestampLessThan => Timestamp, TimestampLessThanPath => Path,
    TimestampGreaterThan => Timestamp, TimestampGreaterThanPath => Path,
    TimestampLessThanEquals => Timestamp, TimestampLessThanEqualsPath => Path,
    TimestampGreaterThanEquals => Timestamp, TimestampGreaterThanEqualsPath => Path,
    IsNull => Bool, IsPresent => Bool, IsNumeric => Bool, IsString => Bool,
    IsBoolean => Bool, IsTimestamp => Bool,
}
