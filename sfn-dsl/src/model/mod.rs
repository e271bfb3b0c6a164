//! The typed ASL model: one Rust type per Amazon States Language concept.
//!
//! Field names follow the ASL specification in snake_case (`result_path`, `seconds_path`,
//! `item_reader`). Fields that exclude each other are enums ([`Transition`], [`WaitFor`],
//! [`Dynamic`], [`Processor`]), so a definition with both `Seconds` and `SecondsPath` cannot be
//! represented. Fields of the two query languages (JSONPath and JSONata) are both present where
//! AWS has both; which ones a state may use is checked by [`crate::validate`].
//!
//! A model is usually built with the builder or imported from JSON with
//! [`StateMachine::from_json`]; it serializes to ASL JSON with `serde`.
//!
//! ```
//! use sfn::model::StateMachine;
//!
//! let machine = StateMachine::from_json(r#"{
//!     "StartAt": "Hello",
//!     "States": { "Hello": { "Type": "Pass", "Result": "world", "End": true } }
//! }"#).unwrap();
//! assert_eq!(machine.start_at, "Hello");
//! assert_eq!(machine.states.len(), 1);
//! ```

macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $( $(#[$vdoc:meta])* $variant:ident = $text:literal ),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vdoc])* $variant, )*
        }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value as written in ASL.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }

            /// Parses the ASL spelling.
            pub fn from_name(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)* _ => None }
            }
        }

        field_types! {
            Option<$name>: $crate::model::object::Form::Names(&[$($text),*]), false,
                |cx, o, f, _| $crate::import::fields::enum_field(cx, o, f.name, $name::ALL, $name::as_str),
                |w, k, v| w.name(k, *v, $name::as_str);
        }
    };
}

#[macro_use]
pub(crate) mod object;
mod choice;
mod map;
pub(crate) mod ser;
mod states;

pub use choice::{
    ChoiceRule, Comparison, Condition, NestedRule, Operand, OperandKind, Operator, RuleCondition,
};
pub use map::{
    CsvDelimiter, CsvHeaderLocation, ExecutionType, InputType, ItemBatcher, ItemProcessor,
    ItemReader, ItemSelector, ManifestType, Map, Processor, ProcessorConfig, ProcessorMode,
    ReaderConfig, ResultWriter, Transformation, WriterConfig, WriterOutputType,
};
pub use object::{AslObject, Form, Member};
pub use states::{Choice, Fail, Parallel, Pass, Succeed, Task, Wait};

use crate::path::{Expr, Jsonata, Path};
use crate::payload::PayloadValue;

asl_object! {
    /// A whole state machine definition (the top-level ASL object).
    #[derive(Debug, Clone, PartialEq)]
    pub struct StateMachine : Machine, "a state machine" {
        /// `Comment`: a human-readable description.
        pub comment: Option<String> = Comment,
        /// `QueryLanguage`: the default for every state (JSONPath when absent).
        pub query_language: Option<QueryLanguage> = QueryLanguage,
        /// `StartAt`: the name of the first state.
        pub start_at: String = StartAt,
        /// `TimeoutSeconds`: the maximum run time of an execution.
        pub timeout_seconds: Option<i64> = TimeoutSeconds,
        /// `Version`: the ASL version, `"1.0"`.
        pub version: Option<String> = Version,
        /// `States`, in declaration order.
        pub states: States = States,
    }
}

asl_object! {
    /// A Parallel branch: a state graph of its own (`StartAt` and `States`).
    #[derive(Debug, Clone, PartialEq)]
    pub struct Branch : Branch, "a Parallel branch" {
        /// `Comment`.
        pub comment: Option<String> = Comment,
        /// `StartAt`.
        pub start_at: String = StartAt,
        /// `States`.
        pub states: States = States,
    }
}

/// The states of one scope (a machine, a Parallel branch or a Map processor), in declaration order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct States(pub Vec<(String, State)>);

impl States {
    /// An empty set of states.
    pub fn new() -> Self {
        States(Vec::new())
    }

    /// Number of states in this scope (nested scopes not counted).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are no states.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of states in this scope and in every Parallel branch and Map processor nested in
    /// it.
    ///
    /// ```
    /// use sfn::model::StateMachine;
    ///
    /// let machine = StateMachine::from_json(r#"{
    ///     "StartAt": "Fan out",
    ///     "States": {
    ///         "Fan out": { "Type": "Parallel", "End": true, "Branches": [
    ///             { "StartAt": "A", "States": { "A": { "Type": "Succeed" } } },
    ///             { "StartAt": "B", "States": { "B": { "Type": "Succeed" } } }
    ///         ] }
    ///     }
    /// }"#).unwrap();
    /// assert_eq!(machine.states.len(), 1);
    /// assert_eq!(machine.states.count_nested(), 3);
    /// ```
    pub fn count_nested(&self) -> usize {
        self.iter()
            .map(|(_, state)| {
                1 + match state {
                    State::Parallel(p) => p.branches.iter().map(|b| b.states.count_nested()).sum(),
                    State::Map(m) => m.processor.get().states.count_nested(),
                    _ => 0,
                }
            })
            .sum()
    }

    /// The states with their names, in declaration order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &State)> {
        self.0.iter().map(|(n, s)| (n.as_str(), s))
    }

    /// The state named `name` (a linear search; the validator indexes names itself).
    pub fn get(&self, name: &str) -> Option<&State> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, s)| s)
    }

    /// Appends a state.
    pub fn push(&mut self, name: impl Into<String>, state: State) {
        self.0.push((name.into(), state));
    }
}

/// One state.
#[derive(Debug, Clone, PartialEq)]
pub enum State {
    /// `"Type": "Task"`.
    Task(Box<Task>),
    /// `"Type": "Pass"`.
    Pass(Box<Pass>),
    /// `"Type": "Choice"`.
    Choice(Box<Choice>),
    /// `"Type": "Wait"`.
    Wait(Box<Wait>),
    /// `"Type": "Succeed"`.
    Succeed(Box<Succeed>),
    /// `"Type": "Fail"`.
    Fail(Box<Fail>),
    /// `"Type": "Parallel"`.
    Parallel(Box<Parallel>),
    /// `"Type": "Map"`.
    Map(Box<Map>),
}

impl State {
    /// The `Type` as written in ASL.
    pub fn type_name(&self) -> &'static str {
        self.owner().name()
    }

    /// The state's type in the field table ([`crate::fields`]).
    pub fn owner(&self) -> crate::fields::Owner {
        use crate::fields::Owner;
        match self {
            State::Task(_) => Owner::Task,
            State::Pass(_) => Owner::Pass,
            State::Choice(_) => Owner::Choice,
            State::Wait(_) => Owner::Wait,
            State::Succeed(_) => Owner::Succeed,
            State::Fail(_) => Owner::Fail,
            State::Parallel(_) => Owner::Parallel,
            State::Map(_) => Owner::Map,
        }
    }

    /// The state's own `QueryLanguage`, if it sets one.
    pub fn query_language(&self) -> Option<QueryLanguage> {
        match self {
            State::Task(s) => s.query_language,
            State::Pass(s) => s.query_language,
            State::Choice(s) => s.query_language,
            State::Wait(s) => s.query_language,
            State::Succeed(s) => s.query_language,
            State::Fail(s) => s.query_language,
            State::Parallel(s) => s.query_language,
            State::Map(s) => s.query_language,
        }
    }

    /// `Next`/`End` of the states that have one (Task, Pass, Wait, Parallel, Map).
    pub fn transition(&self) -> Option<&Transition> {
        match self {
            State::Task(s) => Some(&s.transition),
            State::Pass(s) => Some(&s.transition),
            State::Wait(s) => Some(&s.transition),
            State::Parallel(s) => Some(&s.transition),
            State::Map(s) => Some(&s.transition),
            State::Choice(_) | State::Succeed(_) | State::Fail(_) => None,
        }
    }

    /// The retriers of Task, Parallel and Map states (empty for the others).
    pub fn retry(&self) -> &[Retrier] {
        self.error_handling().0.unwrap_or_default()
    }

    /// The catchers of Task, Parallel and Map states (empty for the others).
    pub fn catch(&self) -> &[Catcher] {
        self.error_handling().1.unwrap_or_default()
    }

    /// `Retry` and `Catch` of Task, Parallel and Map states.
    fn error_handling(&self) -> (Option<&[Retrier]>, Option<&[Catcher]>) {
        match self {
            State::Task(s) => (s.retry.as_deref(), s.catch.as_deref()),
            State::Parallel(s) => (s.retry.as_deref(), s.catch.as_deref()),
            State::Map(s) => (s.retry.as_deref(), s.catch.as_deref()),
            _ => (None, None),
        }
    }
}

/// `QueryLanguage`: how a state's fields are evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum QueryLanguage {
    /// `"JSONPath"`, the default: paths, `Key.$` payload templates and intrinsic functions.
    #[default]
    JsonPath,
    /// `"JSONata"`: `{% … %}` expressions, `Arguments`, `Output`, `Condition`.
    Jsonata,
}

impl QueryLanguage {
    /// The value as written in ASL.
    pub fn as_str(self) -> &'static str {
        match self {
            QueryLanguage::JsonPath => "JSONPath",
            QueryLanguage::Jsonata => "JSONata",
        }
    }
}

/// How a Task, Pass, Wait, Parallel or Map state continues: exactly one of `Next` and `End`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transition {
    /// `"Next": "<state>"`.
    Next(String),
    /// `"End": true`.
    End,
}

/// A field that is either set to a path or explicitly `null` (`InputPath`, `OutputPath`,
/// `ResultPath`): `null` discards the input / result.
#[derive(Debug, Clone, PartialEq)]
pub enum Nullable<T> {
    /// `null`.
    Null,
    /// A value.
    Value(T),
}

/// A field AWS accepts as a literal, a path (the `…Path` form of the field) or, in JSONata
/// states, a `{% … %}` expression: `TimeoutSeconds`/`TimeoutSecondsPath`,
/// `MaxConcurrency`/`MaxConcurrencyPath`, `Error`/`ErrorPath`, ….
#[derive(Debug, Clone, PartialEq)]
pub enum Dynamic<T> {
    /// The plain field with a literal value (`"TimeoutSeconds": 60`).
    Value(T),
    /// The `…Path` field (`"TimeoutSecondsPath": "$.timeout"`).
    Path(Expr),
    /// The plain field with a JSONata expression (`"TimeoutSeconds": "{% $t %}"`).
    Jsonata(Jsonata),
}

/// What a Wait state waits for: exactly one of `Seconds`, `SecondsPath`, `Timestamp`, `TimestampPath`.
#[derive(Debug, Clone, PartialEq)]
pub enum WaitFor {
    /// `Seconds` / `SecondsPath`.
    Seconds(Dynamic<i64>),
    /// `Timestamp` / `TimestampPath` (RFC 3339).
    Timestamp(Dynamic<String>),
}

string_enum! {
    /// `JitterStrategy` of a retrier.
    JitterStrategy { /// `"FULL"`: randomize the interval.
    Full = "FULL", /// `"NONE"`.
    None = "NONE" }
}

asl_object! {
    /// One entry of `Retry`.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Retrier : Retrier, "a Retry entry" {
        /// `Comment`.
        pub comment: Option<String> = Comment,
        /// `ErrorEquals`: the error names this retrier handles.
        pub error_equals: Vec<String> = ErrorEquals,
        /// `IntervalSeconds` (default 1).
        pub interval_seconds: Option<i64> = IntervalSeconds,
        /// `MaxAttempts` (default 3; 0 means never retry).
        pub max_attempts: Option<i64> = MaxAttempts,
        /// `BackoffRate` (default 2.0, at least 1.0).
        pub backoff_rate: Option<f64> = BackoffRate,
        /// `MaxDelaySeconds`: the cap of the interval.
        pub max_delay_seconds: Option<i64> = MaxDelaySeconds,
        /// `JitterStrategy`.
        pub jitter_strategy: Option<JitterStrategy> = JitterStrategy,
    }
}

asl_object! {
    /// One entry of `Catch`.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Catcher : Catcher, "a Catch entry" {
        /// `Comment`.
        pub comment: Option<String> = Comment,
        /// `ErrorEquals`.
        pub error_equals: Vec<String> = ErrorEquals,
        /// `Next`: the state to go to.
        pub next: String = Next,
        /// `ResultPath` (JSONPath).
        pub result_path: Option<Nullable<Path>> = ResultPath,
        /// `Assign`.
        pub assign: Option<PayloadValue> = Assign,
        /// `Output` (JSONata).
        pub output: Option<PayloadValue> = Output,
    }
}
