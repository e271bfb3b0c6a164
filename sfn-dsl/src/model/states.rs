//! The state types other than Map (see `map.rs`) and the Choice rules (see `choice.rs`).

use super::{
    Branch, Catcher, ChoiceRule, Dynamic, Nullable, QueryLanguage, Retrier, Transition, WaitFor,
};
use crate::path::Path;
use crate::payload::PayloadValue;

asl_object! {
    /// A Task state: runs work through a `Resource` (Lambda, an AWS SDK or optimized integration,
    /// an activity).
    #[derive(Debug, Clone, PartialEq)]
    pub struct Task : Task, "a Task state" {
        /// `Comment`.
        pub comment: Option<String> = Comment,
        /// `QueryLanguage` of this state.
        pub query_language: Option<QueryLanguage> = QueryLanguage,
        /// `Resource`: the ARN or integration URI.
        pub resource: String = Resource,
        /// `Credentials`: the role to assume (payload template).
        pub credentials: Option<PayloadValue> = Credentials,
        /// `InputPath` (JSONPath).
        pub input_path: Option<Nullable<Path>> = InputPath,
        /// `Parameters` (JSONPath payload template).
        pub parameters: Option<PayloadValue> = Parameters,
        /// `Arguments` (JSONata).
        pub arguments: Option<PayloadValue> = Arguments,
        /// `ResultSelector` (JSONPath payload template).
        pub result_selector: Option<PayloadValue> = ResultSelector,
        /// `ResultPath` (JSONPath).
        pub result_path: Option<Nullable<Path>> = ResultPath,
        /// `OutputPath` (JSONPath).
        pub output_path: Option<Nullable<Path>> = OutputPath,
        /// `Output` (JSONata).
        pub output: Option<PayloadValue> = Output,
        /// `Assign`: variables to set.
        pub assign: Option<PayloadValue> = Assign,
        /// `TimeoutSeconds` / `TimeoutSecondsPath`.
        pub timeout_seconds: Option<Dynamic<i64>> = TimeoutSeconds,
        /// `HeartbeatSeconds` / `HeartbeatSecondsPath`.
        pub heartbeat_seconds: Option<Dynamic<i64>> = HeartbeatSeconds,
        /// `TestCount`, a field of the tests.
        #[cfg(test)]
        pub test_count: Option<i64> = TestCount,
        /// `Retry` (`None` when absent; an empty list is kept as written).
        pub retry: Option<Vec<Retrier>> = Retry,
        /// `Catch` (`None` when absent; an empty list is kept as written).
        pub catch: Option<Vec<Catcher>> = Catch,
        /// `Next` / `End`.
        pub transition: Transition = Next,
    }
}

asl_object! {
    /// A Pass state: passes its input to its output, optionally injecting data.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Pass : Pass, "a Pass state" {
        /// `Comment`.
        pub comment: Option<String> = Comment,
        /// `QueryLanguage` of this state.
        pub query_language: Option<QueryLanguage> = QueryLanguage,
        /// `InputPath` (JSONPath).
        pub input_path: Option<Nullable<Path>> = InputPath,
        /// `Parameters` (JSONPath payload template).
        pub parameters: Option<PayloadValue> = Parameters,
        /// `Result`: a literal JSON value treated as the state's result.
        pub result: Option<crate::payload::Literal> = Result,
        /// `ResultPath` (JSONPath).
        pub result_path: Option<Nullable<Path>> = ResultPath,
        /// `OutputPath` (JSONPath).
        pub output_path: Option<Nullable<Path>> = OutputPath,
        /// `Output` (JSONata).
        pub output: Option<PayloadValue> = Output,
        /// `Assign`.
        pub assign: Option<PayloadValue> = Assign,
        /// `Next` / `End`.
        pub transition: Transition = Next,
    }
}

asl_object! {
    /// A Choice state: branches on rules; `Default` when none matches.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Choice : Choice, "a Choice state" {
        /// `Comment`.
        pub comment: Option<String> = Comment @head,
        /// `QueryLanguage` of this state.
        pub query_language: Option<QueryLanguage> = QueryLanguage @head,
        /// `InputPath` (JSONPath).
        pub input_path: Option<Nullable<Path>> = InputPath,
        /// `OutputPath` (JSONPath).
        pub output_path: Option<Nullable<Path>> = OutputPath,
        /// `Choices`: the rules, tried in order.
        pub choices: Vec<ChoiceRule> = Choices @first,
        /// `Default`: the state to go to when no rule matches.
        pub default: Option<String> = Default,
        /// `Output` (JSONata).
        pub output: Option<PayloadValue> = Output,
        /// `Assign`.
        pub assign: Option<PayloadValue> = Assign,
    }
}

asl_object! {
    /// A Wait state: delays for some seconds or until a timestamp.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Wait : Wait, "a Wait state" {
        /// `Comment`.
        pub comment: Option<String> = Comment @head,
        /// `QueryLanguage` of this state.
        pub query_language: Option<QueryLanguage> = QueryLanguage @head,
        /// `InputPath` (JSONPath).
        pub input_path: Option<Nullable<Path>> = InputPath,
        /// `OutputPath` (JSONPath).
        pub output_path: Option<Nullable<Path>> = OutputPath,
        /// `Seconds` / `SecondsPath` / `Timestamp` / `TimestampPath`.
        pub wait_for: WaitFor = Seconds @first,
        /// `Output` (JSONata).
        pub output: Option<PayloadValue> = Output,
        /// `Assign`.
        pub assign: Option<PayloadValue> = Assign,
        /// `Next` / `End`.
        pub transition: Transition = Next,
    }
}

asl_object! {
    /// A Succeed state: ends the execution (or branch) successfully.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct Succeed : Succeed, "a Succeed state" {
        /// `Comment`.
        pub comment: Option<String> = Comment @head,
        /// `QueryLanguage` of this state.
        pub query_language: Option<QueryLanguage> = QueryLanguage @head,
        /// `InputPath` (JSONPath).
        pub input_path: Option<Nullable<Path>> = InputPath,
        /// `OutputPath` (JSONPath).
        pub output_path: Option<Nullable<Path>> = OutputPath,
        /// `Output` (JSONata).
        pub output: Option<PayloadValue> = Output,
    }
}

asl_object! {
    /// A Fail state: ends the execution with an error.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct Fail : Fail, "a Fail state" {
        /// `Comment`.
        pub comment: Option<String> = Comment @head,
        /// `QueryLanguage` of this state.
        pub query_language: Option<QueryLanguage> = QueryLanguage @head,
        /// `Error` / `ErrorPath`.
        pub error: Option<Dynamic<String>> = Error,
        /// `Cause` / `CausePath`.
        pub cause: Option<Dynamic<String>> = Cause,
    }
}

asl_object! {
    /// A Parallel state: runs its branches concurrently.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Parallel : Parallel, "a Parallel state" {
        /// `Comment`.
        pub comment: Option<String> = Comment,
        /// `QueryLanguage` of this state.
        pub query_language: Option<QueryLanguage> = QueryLanguage,
        /// `Branches`.
        pub branches: Vec<Branch> = Branches,
        /// `InputPath` (JSONPath).
        pub input_path: Option<Nullable<Path>> = InputPath,
        /// `Parameters` (JSONPath payload template).
        pub parameters: Option<PayloadValue> = Parameters,
        /// `Arguments` (JSONata).
        pub arguments: Option<PayloadValue> = Arguments,
        /// `ResultSelector` (JSONPath payload template).
        pub result_selector: Option<PayloadValue> = ResultSelector,
        /// `ResultPath` (JSONPath).
        pub result_path: Option<Nullable<Path>> = ResultPath,
        /// `OutputPath` (JSONPath).
        pub output_path: Option<Nullable<Path>> = OutputPath,
        /// `Output` (JSONata).
        pub output: Option<PayloadValue> = Output,
        /// `Assign`.
        pub assign: Option<PayloadValue> = Assign,
        /// `Retry` (`None` when absent; an empty list is kept as written).
        pub retry: Option<Vec<Retrier>> = Retry,
        /// `Catch` (`None` when absent; an empty list is kept as written).
        pub catch: Option<Vec<Catcher>> = Catch,
        /// `Next` / `End`.
        pub transition: Transition = Next,
    }
}
