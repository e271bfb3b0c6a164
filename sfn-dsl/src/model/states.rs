//! The state types other than Map (see `map.rs`) and the Choice rules (see `choice.rs`).

use super::{
    Branch, Catcher, ChoiceRule, Dynamic, Nullable, QueryLanguage, Retrier, Transition, WaitFor,
};
use crate::path::Path;
use crate::payload::PayloadValue;

/// A Task state: runs work through a `Resource` (Lambda, an AWS SDK or optimized integration,
/// an activity).
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage` of this state.
    pub query_language: Option<QueryLanguage>,
    /// `Resource`: the ARN or integration URI.
    pub resource: String,
    /// `Credentials`: the role to assume (payload template).
    pub credentials: Option<PayloadValue>,
    /// `InputPath` (JSONPath).
    pub input_path: Option<Nullable<Path>>,
    /// `Parameters` (JSONPath payload template).
    pub parameters: Option<PayloadValue>,
    /// `Arguments` (JSONata).
    pub arguments: Option<PayloadValue>,
    /// `ResultSelector` (JSONPath payload template).
    pub result_selector: Option<PayloadValue>,
    /// `ResultPath` (JSONPath).
    pub result_path: Option<Nullable<Path>>,
    /// `OutputPath` (JSONPath).
    pub output_path: Option<Nullable<Path>>,
    /// `Output` (JSONata).
    pub output: Option<PayloadValue>,
    /// `Assign`: variables to set.
    pub assign: Option<PayloadValue>,
    /// `TimeoutSeconds` / `TimeoutSecondsPath`.
    pub timeout_seconds: Option<Dynamic<i64>>,
    /// `HeartbeatSeconds` / `HeartbeatSecondsPath`.
    pub heartbeat_seconds: Option<Dynamic<i64>>,
    /// `Retry` (`None` when absent; an empty list is kept as written).
    pub retry: Option<Vec<Retrier>>,
    /// `Catch` (`None` when absent; an empty list is kept as written).
    pub catch: Option<Vec<Catcher>>,
    /// `Next` / `End`.
    pub transition: Transition,
}

/// A Pass state: passes its input to its output, optionally injecting data.
#[derive(Debug, Clone, PartialEq)]
pub struct Pass {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage` of this state.
    pub query_language: Option<QueryLanguage>,
    /// `InputPath` (JSONPath).
    pub input_path: Option<Nullable<Path>>,
    /// `Parameters` (JSONPath payload template).
    pub parameters: Option<PayloadValue>,
    /// `Result`: a literal JSON value treated as the state's result.
    pub result: Option<crate::payload::Literal>,
    /// `ResultPath` (JSONPath).
    pub result_path: Option<Nullable<Path>>,
    /// `OutputPath` (JSONPath).
    pub output_path: Option<Nullable<Path>>,
    /// `Output` (JSONata).
    pub output: Option<PayloadValue>,
    /// `Assign`.
    pub assign: Option<PayloadValue>,
    /// `Next` / `End`.
    pub transition: Transition,
}

/// A Choice state: branches on rules; `Default` when none matches.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage` of this state.
    pub query_language: Option<QueryLanguage>,
    /// `InputPath` (JSONPath).
    pub input_path: Option<Nullable<Path>>,
    /// `OutputPath` (JSONPath).
    pub output_path: Option<Nullable<Path>>,
    /// `Choices`: the rules, tried in order.
    pub choices: Vec<ChoiceRule>,
    /// `Default`: the state to go to when no rule matches.
    pub default: Option<String>,
    /// `Output` (JSONata).
    pub output: Option<PayloadValue>,
    /// `Assign`.
    pub assign: Option<PayloadValue>,
}

/// A Wait state: delays for some seconds or until a timestamp.
#[derive(Debug, Clone, PartialEq)]
pub struct Wait {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage` of this state.
    pub query_language: Option<QueryLanguage>,
    /// `Seconds` / `SecondsPath` / `Timestamp` / `TimestampPath`.
    pub wait_for: WaitFor,
    /// `InputPath` (JSONPath).
    pub input_path: Option<Nullable<Path>>,
    /// `OutputPath` (JSONPath).
    pub output_path: Option<Nullable<Path>>,
    /// `Output` (JSONata).
    pub output: Option<PayloadValue>,
    /// `Assign`.
    pub assign: Option<PayloadValue>,
    /// `Next` / `End`.
    pub transition: Transition,
}

/// A Succeed state: ends the execution (or branch) successfully.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Succeed {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage` of this state.
    pub query_language: Option<QueryLanguage>,
    /// `InputPath` (JSONPath).
    pub input_path: Option<Nullable<Path>>,
    /// `OutputPath` (JSONPath).
    pub output_path: Option<Nullable<Path>>,
    /// `Output` (JSONata).
    pub output: Option<PayloadValue>,
}

/// A Fail state: ends the execution with an error.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fail {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage` of this state.
    pub query_language: Option<QueryLanguage>,
    /// `Error` / `ErrorPath`.
    pub error: Option<Dynamic<String>>,
    /// `Cause` / `CausePath`.
    pub cause: Option<Dynamic<String>>,
}

/// A Parallel state: runs its branches concurrently.
#[derive(Debug, Clone, PartialEq)]
pub struct Parallel {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage` of this state.
    pub query_language: Option<QueryLanguage>,
    /// `Branches`.
    pub branches: Vec<Branch>,
    /// `InputPath` (JSONPath).
    pub input_path: Option<Nullable<Path>>,
    /// `Parameters` (JSONPath payload template).
    pub parameters: Option<PayloadValue>,
    /// `Arguments` (JSONata).
    pub arguments: Option<PayloadValue>,
    /// `ResultSelector` (JSONPath payload template).
    pub result_selector: Option<PayloadValue>,
    /// `ResultPath` (JSONPath).
    pub result_path: Option<Nullable<Path>>,
    /// `OutputPath` (JSONPath).
    pub output_path: Option<Nullable<Path>>,
    /// `Output` (JSONata).
    pub output: Option<PayloadValue>,
    /// `Assign`.
    pub assign: Option<PayloadValue>,
    /// `Retry` (`None` when absent; an empty list is kept as written).
    pub retry: Option<Vec<Retrier>>,
    /// `Catch` (`None` when absent; an empty list is kept as written).
    pub catch: Option<Vec<Catcher>>,
    /// `Next` / `End`.
    pub transition: Transition,
}
