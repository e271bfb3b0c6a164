//! Compile-time checked expressions for [`sfn`](https://docs.rs/sfn): `path!`, `intrinsic!` and
//! `jsonata!`, and whole state machines in ASL's JSON syntax: [`workflow!`] and
//! [`try_workflow!`].
//!
//! Each macro takes one string literal, checks it with the same parser `sfn` uses at run time
//! ([`sfn_dsl::path`]) and expands to code that builds the typed value. A bad expression is a
//! compile error that names the byte offset of the problem (and points into the literal where
//! the compiler allows it), so a typo in a JSONPath never reaches AWS.
//!
//! Use the macros through the `sfn` facade (`sfn::path!`): the expansion refers to
//! `::sfn::path`.
//!
//! ```
//! use sfn::{intrinsic, jsonata, path};
//!
//! let status = path!("$.detail.status");
//! assert_eq!(status.as_str(), "$.detail.status");
//! let token = path!("$$.Task.Token");
//! assert!(token.is_context());
//! let greeting = intrinsic!("States.Format('Hello {}', $.name)");
//! assert_eq!(greeting.args().len(), 2);
//! let total = jsonata!("$sum($states.input.items.price)");
//! assert_eq!(total.as_str(), "{% $sum($states.input.items.price) %}");
//! ```
//!
//! The layout follows serde_derive: `parse` reads the input, `check` runs the `sfn-dsl`
//! parser and maps its error to a span, `expand` writes the code.

mod check;
mod expand;
mod parse;
mod workflow;

use proc_macro::TokenStream;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs one macro; a panic (a bug in sfn-macros) becomes a compile error instead of an ICE-like
/// "proc macro panicked".
fn guarded(kind: check::Kind, input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    match catch_unwind(AssertUnwindSafe(|| expand::run(kind, input))) {
        Ok(tokens) => tokens.into(),
        Err(_) => quote::quote! {
            ::core::compile_error!("internal error in sfn-macros (this is a bug, please report it)")
        }
        .into(),
    }
}

/// A JSONPath checked at compile time; evaluates to a `sfn::path::Path`.
///
/// Accepts everything [`Path::parse`](sfn_dsl::path::Path::parse) accepts: input paths (`$.a.b`),
/// context paths (`$$.Execution.Id`) and variables (`$order.id`).
///
/// ```
/// use sfn::path;
///
/// let p = path!("$.orders[0]['order-id']");
/// assert_eq!(p.as_str(), "$.orders[0]['order-id']");
/// assert_eq!(path!("$total").variable(), Some("total"));
/// ```
///
/// A path that does not parse does not compile; the message gives the byte offset:
///
/// ```compile_fail
/// let p = sfn::path!("$.a b"); // error: invalid path: … at byte 3
/// ```
#[proc_macro]
pub fn path(input: TokenStream) -> TokenStream {
    guarded(check::Kind::Path, input)
}

/// An intrinsic function call checked at compile time (name, argument count, literal argument
/// types, `States.Format` placeholders); evaluates to a `sfn::path::Intrinsic`.
///
/// ```
/// use sfn::intrinsic;
/// use sfn::path::IntrinsicFn;
///
/// let id = intrinsic!("States.UUID()");
/// assert_eq!(id.function(), IntrinsicFn::Uuid);
/// ```
///
/// ```compile_fail
/// let sum = sfn::intrinsic!("States.MathAdd($.a)"); // error: takes 2 arguments, found 1
/// ```
#[proc_macro]
pub fn intrinsic(input: TokenStream) -> TokenStream {
    guarded(check::Kind::Intrinsic, input)
}

/// A JSONata expression checked at compile time; evaluates to a `sfn::path::Jsonata`.
///
/// The literal is either the bare expression (`"$states.input.id"`, wrapped as
/// `{% $states.input.id %}`) or the whole `{% … %}` string, kept as written.
///
/// ```
/// use sfn::jsonata;
///
/// assert_eq!(jsonata!("$states.input.id").as_str(), "{% $states.input.id %}");
/// assert_eq!(jsonata!("{% $x + 1 %}").expression(), "$x + 1");
/// ```
///
/// ```compile_fail
/// let j = sfn::jsonata!("1 +"); // error: invalid JSONata expression
/// ```
#[proc_macro]
pub fn jsonata(input: TokenStream) -> TokenStream {
    guarded(check::Kind::Jsonata, input)
}

/// Runs `workflow!` or `try_workflow!`; a panic (a bug in sfn-macros) becomes a compile error
/// at the call, with a value of the macro's type.
fn guarded_workflow(mode: workflow::Mode, input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    match catch_unwind(AssertUnwindSafe(|| workflow::run(input, mode))) {
        Ok(tokens) => tokens.into(),
        Err(_) => workflow::internal_error(mode).into(),
    }
}

/// An AWS Step Functions state machine written in ASL's own JSON syntax and checked at
/// compile time; evaluates to a [`sfn::StateMachine`](sfn_dsl::model::StateMachine).
///
/// Any existing definition pastes in unchanged, as into `serde_json::json!`; values may be
/// Rust expressions. The macro runs every rule of `sfn validate` (the same `SFN0xx` codes) and
/// reports every mistake in one compile, each on the key or value it is about, with a help
/// line. It expands to direct construction of the typed model: there is no JSON at run time.
///
/// ```
/// let submit_arn = "arn:aws:lambda:us-east-1:123456789012:function:submit";
/// let status_arn = String::from("arn:aws:lambda:us-east-1:123456789012:function:status");
///
/// let poller = sfn::workflow!({
///     "StartAt": "Submit Job",
///     "States": {
///         "Submit Job": { "Type": "Task", "Resource": submit_arn, "ResultPath": "$.guid", "Next": "Wait" },
///         "Wait": { "Type": "Wait", "SecondsPath": "$.wait_time", "Next": "Get Job Status" },
///         "Get Job Status": { "Type": "Task", "Resource": status_arn, "TimeoutSeconds": (60 * 5),
///             "Parameters": { "JobId.$": "$.guid.jobId" }, "ResultPath": "$.status", "Next": "Done?" },
///         "Done?": { "Type": "Choice",
///             "Choices": [ { "Variable": "$.status", "StringEquals": "SUCCEEDED", "Next": "Ok" } ],
///             "Default": "Wait" },
///         "Ok": { "Type": "Succeed" }
///     }
/// });
/// let json = sfn::to_json_pretty(&poller); // canonical, deterministic ASL
/// assert!(json.contains(r#""TimeoutSeconds": 300"#));
/// assert!(json.contains(r#""JobId.$": "$.guid.jobId""#));
/// ```
///
/// # Syntax
///
/// * JSON: objects, arrays, string literals (raw strings too), numbers (with a leading `-`),
///   `true`, `false`, `null`. Keys are string literals. Trailing commas are accepted (pasted
///   JSON never has them; Rust code often does). A key twice in one object is an error on the
///   second (`SFN002`). Nesting deeper than 127 levels is an error. Rust's lexer reads the
///   strings: JSON's `\u00e9` is written `\u{e9}` and `\/` is written `/`.
/// * `workflow! { "StartAt": …, "States": { … } }` (braces only) works as well.
/// * Any other value, up to the next `,`, is a Rust expression evaluated at run time:
///   `"Resource": submit_arn`, `"TimeoutSeconds": (60 * 5)`, `"Comment": format!("…")`.
///   Parentheses are optional, and needed only around an expression with a `,` outside
///   brackets (`(HashMap::<K, V>::new())`).
///
/// # Interpolated values
///
/// Each field takes the Rust types that can only give a value of its kind:
///
/// | field | accepted |
/// |---|---|
/// | `Resource` (also of `ItemReader`, `ResultWriter`) | `Into<sfn::builder::Resource>`: `&str`, `String`, `Resource` |
/// | `Comment`, `Label`, `ErrorEquals` entries, `CSVHeaders` entries, string operands | `Into<String>` |
/// | `InputPath`, `OutputPath`, `ResultPath`, `ItemsPath`, `Variable`, `…Path` operands | `IntoPath`: `Path` (e.g. `path!`), `&str`, `String` |
/// | `SecondsPath`, `TimeoutSecondsPath`, `ErrorPath`, … (the `…Path` of a value field) | `IntoExpr`: `Path`, `Intrinsic`, `Expr`, `&str`, `String` |
/// | `Seconds`, `TimeoutSeconds`, `HeartbeatSeconds`, `MaxConcurrency`, … | `IntoDynamic<i64>`: `i64` or a `Jsonata` expression |
/// | `ToleratedFailurePercentage` | `IntoDynamic<f64>` |
/// | `Error`, `Cause`, `Timestamp` | `IntoDynamic<String>` |
/// | `IntervalSeconds`, `MaxAttempts`, `MaxDelaySeconds`, the machine's `TimeoutSeconds` | `Into<i64>` |
/// | `BackoffRate` | `Into<f64>` |
/// | numeric / boolean comparison operands | `Into<sfn::payload::Literal>` (a `serde_json::Value` is one) / `bool` |
/// | `Result` of a Pass state, values inside it | `Into<sfn::payload::Literal>` (a `serde_json::Value` is one) |
/// | payloads (`Parameters`, `ResultSelector`, `ItemSelector`, `Assign`, `Credentials`, `Arguments`, `Output`, `Items`, …) and their members | `Into<PayloadValue>` |
/// | a payload member `"Key.$"` | `IntoExpr` |
///
/// A payload member `"Key": value` whose value is a `Path`, an `Intrinsic` or an `Expr` is
/// written `"Key.$"` by itself, exactly as with [`payload!`](sfn_dsl::payload!); a string is
/// always literal text.
///
/// Fields that decide the shape of the machine must be literals, because the macro checks the
/// graph at compile time: `Type`, `Next`, `Default`, `StartAt`, `End`, `QueryLanguage`,
/// `Version`, the enumerations (`Mode`, `JitterStrategy`, …), and the structure (`States`,
/// a state, `Branches`, `ItemProcessor`, `Choices` and their rules, `Retry` and `Catch`
/// entries, `ErrorEquals` as a whole, …). For a graph only known at run time, use the builder
/// (`sfn::builder`).
///
/// **What happens at run time.** Without interpolated values, the expansion only constructs the
/// model: everything was checked at compile time and nothing can fail (no validation runs).
/// With interpolated values, the rules that depend on them could not be checked at compile
/// time (an empty `Resource`, a `&str` path that does not parse, `HeartbeatSeconds` not below
/// an interpolated `TimeoutSeconds`, a `.waitForTaskToken` resource whose token would be in an
/// interpolated payload …): the machine is validated once when it is built, and `workflow!`
/// **panics** at the macro call with every finding when there is an error (warnings never
/// fail). Use [`try_workflow!`] to get them as `Err(Diagnostics)` instead.
///
/// # Errors at compile time
///
/// Each with its rule code and a help line, on the key or value it is about: a `Next`,
/// `Default`, `StartAt` or Catch `Next` naming a state that does not exist (with "did you
/// mean") or one in another scope (a Parallel branch, a Map processor); an unreachable state;
/// no reachable terminal state; `Next` and `End` together or neither; `Next`/`End` on Choice,
/// Succeed and Fail; a Choice rule without `Next`; an unknown field (with "did you mean"), a
/// missing one, one of the wrong JSON type, two exclusive ones; a path, intrinsic or JSONata
/// expression that does not parse (the message gives the byte offset); `"InputPath.$"` on a
/// field that takes a path as such; and every other rule of `sfn validate` (`States.ALL` not
/// last, a `.waitForTaskToken` task that never passes `$$.Task.Token`, a state name over 80
/// characters, JSONPath fields in a JSONata state, numbers out of range, …).
///
/// ```compile_fail
/// let m = sfn::workflow!({
///     "StartAt": "Submit",
///     "States": {
///         "Submit": { "Type": "Pass", "Next": "Wiat" }, // error: SFN011: `Next` names "Wiat" … did you mean "Wait"?
///         "Wait": { "Type": "Wait", "Seconds": 5, "End": true }
///     }
/// });
/// ```
///
/// In a payload template, a key without `.$` whose string is a path, a context path or an
/// intrinsic call is an error (in `sfn validate` it is warning `SFN034`), because AWS would
/// pass the text itself:
///
/// ```compile_fail
/// let m = sfn::workflow!({
///     "StartAt": "A",
///     "States": { "A": { "Type": "Pass", "Parameters": { "Id": "$.id" }, "End": true } }
///     // error: SFN034: `Id` is passed as the literal string "$.id", which looks like a path
/// });
/// ```
///
/// Write `"Id.$": "$.id"` to pass the value at the path. To pass the text, write the value as
/// a Rust expression, which the macro never checks: `"Id": ("$.id")`.
///
/// ```
/// let m = sfn::workflow!({
///     "StartAt": "A",
///     "States": { "A": { "Type": "Pass", "Parameters": { "Id.$": "$.id", "Text": ("$.id") }, "End": true } }
/// });
/// let json = sfn::to_json_pretty(&m);
/// assert!(json.contains(r#""Id.$": "$.id""#) && json.contains(r#""Text": "$.id""#));
/// ```
///
/// ```compile_fail
/// let next = "B";
/// let m = sfn::workflow!({
///     "StartAt": "A",
///     "States": { "A": { "Type": "Pass", "Next": next }, "B": { "Type": "Succeed" } }
///     // error: `Next` must be a string literal in `workflow!`: transitions are checked at compile time
/// });
/// ```
///
/// Lints (definitions AWS accepts that are probably mistakes) at level warn are compiler
/// warnings on the offending token (shown as the use of a deprecated constant named after the
/// rule, the only way a stable proc macro can warn). Change a level before the definition, as
/// with `sfn validate --allow/--warn/--deny`; an error (a definition AWS refuses) cannot be
/// allowed:
///
/// ```
/// let m = sfn::workflow!(#![allow(SFN033)] #![deny(SFN042)] {
///     "StartAt": "Notify",
///     "States": { "Notify": { "Type": "Task",
///         "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
///         "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q" },
///         "End": true } }
/// });
/// ```
///
/// ```compile_fail
/// let m = sfn::workflow!(#![allow(SFN011)] {   // error: SFN011 is an error, not a lint
///     "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true } }
/// });
/// ```
///
/// A rule is left to run time only when a field it reads is interpolated; it then runs with
/// the same levels.
#[proc_macro]
pub fn workflow(input: TokenStream) -> TokenStream {
    guarded_workflow(workflow::Mode::Panic, input)
}

/// [`workflow!`], evaluating to `Result<StateMachine, Diagnostics>` instead of panicking when an
/// interpolated value makes the machine invalid.
///
/// Everything written literally is checked at compile time, exactly as by `workflow!`. At run
/// time the interpolated values are converted and the machine is validated (only when there
/// are interpolated values; otherwise this is always `Ok`). The `Err` holds every finding with
/// its rule code and JSON pointer; warnings alone are `Ok`.
///
/// ```
/// use sfn::Code;
///
/// let resource = String::new(); // e.g. read from the environment, and missing
/// let result = sfn::try_workflow!({
///     "StartAt": "Call",
///     "States": { "Call": { "Type": "Task", "Resource": resource, "End": true } }
/// });
/// let err = result.unwrap_err();
/// assert_eq!(err.codes(), [Code::StringLength]);
/// assert_eq!(err.iter().next().unwrap().pointer, "/States/Call/Resource");
/// ```
///
/// ```compile_fail
/// let m = sfn::try_workflow!({
///     "StartAt": "A",
///     "States": { "A": { "Type": "Pass", "ResultPth": "$.x", "End": true } }
///     // error: SFN003: unknown field `ResultPth` in a Pass state … did you mean `ResultPath`?
/// });
/// ```
#[proc_macro]
pub fn try_workflow(input: TokenStream) -> TokenStream {
    guarded_workflow(workflow::Mode::Try, input)
}
