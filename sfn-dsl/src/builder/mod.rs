//! The fluent builder: write state machines in Rust, get exactly the ASL JSON you would have
//! written by hand, minus the usual mistakes.
//!
//! # How it reads
//!
//! 1. Start a builder with [`StateMachine::builder()`](crate::model::StateMachine::builder).
//! 2. **Declare** every state by name: [`declare`](ScopeBuilder::declare) returns a `Copy`
//!    handle ([`StateId`]). Transitions (`next`, Choice rules, `otherwise`, Catch entries) take
//!    handles, never strings, so a transition to a state that does not exist cannot be written.
//! 3. **Define** each state with a state builder ([`Task`], [`Pass`], [`Wait`], [`Choice`],
//!    [`Succeed`], [`Fail`], [`Parallel`], [`Map`]), named after the ASL fields in snake_case.
//! 4. [`build`](MachineBuilder::build) assembles the model in declaration order and runs the
//!    validator; it returns the [`StateMachine`](crate::model::StateMachine) or every finding.
//!
//! # Tutorial: the AWS Batch job poller
//!
//! Submit a job, wait, check its status, loop until it succeeds or fails — the sample from
//! the AWS Step Functions console, written with the builder:
//!
//! ```
//! use sfn::builder::{Choice, Condition, Fail, Resource, Task, Wait};
//! use sfn::model::StateMachine;
//!
//! const SUBMIT: &str = "arn:aws:lambda:eu-central-1:123456789012:function:SubmitJob";
//! const CHECK: &str = "arn:aws:lambda:eu-central-1:123456789012:function:CheckJob";
//!
//! let mut m = StateMachine::builder();
//! m.comment("A state machine that submits a Job to AWS Batch and monitors the Job until it completes.");
//!
//! // Declare first: handles can be used before the states are defined (loops need that).
//! let submit = m.declare("Submit Job");
//! let wait = m.declare("Wait X Seconds");
//! let get_status = m.declare("Get Job Status");
//! let complete = m.declare("Job Complete?");
//! let failed = m.declare("Job Failed");
//! let final_status = m.declare("Get Final Job Status");
//!
//! m.define(submit, Task::new(Resource::lambda_function(SUBMIT))
//!     .result_path("$.guid")
//!     .next(wait));
//! m.define(wait, Wait::seconds_path("$.wait_time").next(get_status));
//! m.define(get_status, Task::new(Resource::lambda_function(CHECK))
//!     .input_path("$.guid")
//!     .result_path("$.status")
//!     .next(complete));
//! m.define(complete, Choice::new()
//!     .when(Condition::string_equals("$.status", "FAILED"), failed)
//!     .when(Condition::string_equals("$.status", "SUCCEEDED"), final_status)
//!     .otherwise(wait));
//! m.define(failed, Fail::new()
//!     .cause("AWS Batch Job Failed")
//!     .error("DescribeJob returned FAILED"));
//! m.define(final_status, Task::new(Resource::lambda_function(CHECK))
//!     .input_path("$.guid")
//!     .end());
//!
//! let machine = m.build().expect("a valid state machine");
//! let json = sfn::serde_json::to_value(&machine).unwrap();
//! assert_eq!(json["StartAt"], "Submit Job");
//! assert_eq!(json["States"]["Wait X Seconds"]["SecondsPath"], "$.wait_time");
//! assert_eq!(json["States"]["Job Complete?"]["Default"], "Wait X Seconds");
//! assert_eq!(json["States"]["Get Final Job Status"]["End"], true);
//! ```
//!
//! With the `sfn` facade, paths are usually written with `sfn::path!("$.guid")`, checked at
//! compile time; a `&str` works everywhere a path does and is checked by `build()`.
//!
//! # Payloads without `.$`
//!
//! `Parameters`, `ResultSelector`, `ItemSelector`, `Arguments`, `Assign`, `Output` and
//! `Credentials` take a [`PayloadValue`](crate::payload::PayloadValue), most easily written
//! with [`payload!`](crate::payload!). A value that is a [`Path`](crate::path::Path) or an
//! [`Intrinsic`](crate::path::Intrinsic) is written as `"Key.$"` by itself; a literal string is
//! always a literal. A key ending in `.$` does not compile in `payload!` and, in a JSONPath
//! state, fails `build()` (`SFN007`) when the payload is built another way (in a JSONata state
//! `.$` has no meaning, so such a key is an ordinary literal key there).
//!
//! ```
//! use sfn::builder::{Resource, Task};
//! use sfn::model::StateMachine;
//! use sfn::path::{Intrinsic, Path};
//! use sfn::payload;
//!
//! let mut m = StateMachine::builder();
//! let notify = m.declare("Notify");
//! m.define(notify, Task::new(Resource::sqs_send_message().wait_for_task_token())
//!     .parameters(payload! {
//!         "QueueUrl": "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs",
//!         "MessageBody": {
//!             "TaskToken": Path::context().field("Task").field("Token"),
//!             "Message": Intrinsic::format("Job {} is ready", [Path::parse("$.jobId").unwrap()]).unwrap(),
//!         },
//!     })
//!     .heartbeat_seconds(60)
//!     .end());
//! let json = sfn::serde_json::to_value(m.build().unwrap()).unwrap();
//! assert_eq!(json["States"]["Notify"]["Parameters"]["MessageBody"]["TaskToken.$"], "$$.Task.Token");
//! ```
//!
//! # What is checked when
//!
//! At compile time:
//! * a Task, Pass, Wait, Parallel or Map passed to `define` has exactly one of `.next(…)` and
//!   `.end()` (see [`IntoState`] and [`CanTransition`]); Succeed, Fail and Choice have no
//!   `.next`/`.end` at all, and a Catch entry needs its `.next(…)` ([`CatchRouted`]);
//! * a handle is only usable in its own scope: handles of a Parallel branch or Map processor
//!   closure cannot leave it, and outer handles cannot be used inside (see
//!   [Scopes and handles](#scopes-and-handles));
//! * Wait's four exclusive fields are four constructors; payload keys never need `.$`;
//! * with the `sfn` facade, `path!`, `intrinsic!` and `jsonata!` check their literal.
//!
//! By [`build`](MachineBuilder::build), each with its rule code and JSON pointer:
//! * a state declared but never defined (`SFN004`) or defined twice / declared twice
//!   (`SFN015`), a handle of another top-level builder (`SFN011`), a path string that does
//!   not parse (`SFN027`/`SFN028`), a payload key ending in `.$` in a JSONPath state
//!   (`SFN007`), a Map without a processor (`SFN004`);
//! * every rule of [`validate`](crate::validate::validate): reachability, terminal states,
//!   `States.ALL` alone in its entry (`SFN021`), ranges, timestamps, JSONPath/JSONata fields,
//!   `.waitForTaskToken` without the token, ….
//!
//! `States.ALL` Retry and Catch entries are moved after the others automatically.
//!
//! # Scopes and handles
//!
//! The machine is a scope, and so is each Parallel branch and each Map processor: the states
//! declared in a closure `|b| { … }` form a state machine of their own, and a transition
//! (`Next`, a Choice rule, `Default`, a Catch entry's `Next`) cannot enter or leave one. The
//! builder enforces it at compile time: a [`StateId`] can only be used with the scope whose
//! `declare` returned it. A branch that should continue somewhere outside ends instead
//! (`.end()`), and the Parallel or Map state goes on with `.next(…)` (or `.catch(…)` for
//! errors).
//!
//! The rule is checked twice over. Each scope has a **depth**, a type ([`Top`] for the machine,
//! [`Depth1`], [`Depth2`], [`Depth3`] for the nested ones, see [`Depth`]) carried by its
//! [`ScopeBuilder`], its handles and the state builders defined in it, and inferred without
//! annotations. A handle used at another depth than its own is a type error with this
//! message ([`SameScope`]):
//!
//! ```text
//! error[E0277]: this state handle belongs to another scope: a handle can only be used in the
//!               scope (the machine, a Parallel branch or a Map processor) whose `declare`
//!               returned it
//!    |
//! 13 |                 b.define(inner, Pass::new().next(fan_out));
//!    |                                             ---- ^^^^^^^ handle of a scope of depth `Top`, used in a scope of depth `Depth1`
//!    = note: Parallel branches and Map processors are scopes of their own: a transition
//!            cannot enter or leave one; end the branch (`.end()`) and continue after the
//!            Parallel or Map state (its `.next(…)` or `.catch(…)`), or declare the target
//!            state inside the closure
//! ```
//!
//! That covers an outer handle used in a branch or processor at any depth and a handle
//! smuggled out of its closure and used outside. Each scope also brands its handles with a
//! lifetime, which tells apart the scopes of one depth (two branches of one Parallel, or scopes
//! three levels apart, since depth 4 is `Depth1` again): a handle of a **sibling** scope, or a
//! handle stored outside its closure (`leaked = Some(inner)`) without being used there, is
//! still a compile error, but a lifetime one (`borrowed data escapes outside of closure`,
//! "`StateId<'s, D>` is invariant over the parameter `'s`"). Read it the same way: that handle
//! belongs to another scope. Finally, a handle of one top-level builder given to another is
//! found by `build()` (`SFN011`).
//!
//! ```compile_fail
//! use sfn::builder::{Map, Pass};
//! use sfn::model::StateMachine;
//!
//! let mut m = StateMachine::builder();
//! let each = m.declare("Each");
//! let done = m.declare("Done");
//! m.define(each, Map::new().item_processor(|p| {
//!     let item = p.declare("Item");
//!     p.define(item, Pass::new().next(done)); // error: this state handle belongs to another scope
//! }).next(done));
//! m.define(done, Pass::new().end());
//! ```
//!
//! A function that adds states to any scope is generic over the depth, which is then written
//! once in its signature (`D: Depth` only if it builds a Parallel or Map itself):
//!
//! ```
//! use sfn::builder::{NoTransition, Parallel, Pass, ScopeBuilder, StateId, Task};
//! use sfn::model::StateMachine;
//!
//! fn invoke<'s, D>(function: &str) -> Task<'s, NoTransition, D> {
//!     Task::new(format!("arn:aws:lambda:eu-west-1:123456789012:function:{function}"))
//! }
//!
//! fn call<'s, D>(b: &mut ScopeBuilder<'s, D>, function: &str, then: StateId<'s, D>) -> StateId<'s, D> {
//!     let id = b.declare(function);
//!     b.define(id, invoke(function).next(then));
//!     id
//! }
//!
//! let mut m = StateMachine::builder();
//! let both = m.declare("Both");
//! let done = m.declare("Done");
//! let first = call(&mut m, "prepare", both);
//! m.start_at(first);
//! m.define(both, Parallel::new().branch(|b| {
//!     let end = b.declare("Branch end");
//!     let work = call(b, "work", end);
//!     b.start_at(work);
//!     b.define(end, Pass::new().end());
//! }).next(done));
//! m.define(done, Pass::new().end());
//! assert!(m.build().is_ok());
//! ```
//!
//! A function whose signature leaves the depth out (`-> Task<'s>`, `&mut ScopeBuilder<'s>`)
//! means the top level ([`Top`] is the default). Used in a branch, its state builder is
//! reported as "this state builder was made for another scope" ([`StateOfScope`]), and a
//! `&mut ScopeBuilder<'s>` parameter as ``type mismatch resolving `<Top as Depth>::Nested ==
//! Top` `` on the `.branch`/`.item_processor` call: add the depth parameter `D` to the
//! function.

mod choice;
pub(crate) mod common;
mod condition;
mod depth;
pub(crate) mod empty;
mod intrinsic;
mod machine;
mod map;
mod parallel;
mod payload;
mod reader;
mod resource;
mod retry;
mod scope;
mod states;
mod typestate;

pub use choice::{Choice, Rule};
pub use common::{BadPath, IntoDynamic, IntoExpr, IntoPath};
pub use condition::{Comparable, Condition, IntoNumber, Ordered, PathExt, Timestamp};
pub use depth::{Depth, Depth1, Depth2, Depth3, SameScope, StateOfScope, Top};
pub use machine::MachineBuilder;
pub use map::Map;
pub use parallel::Parallel;
#[doc(hidden)]
pub use payload::__key_is_dynamic;
pub use reader::{ItemBatcher, ItemReader, ResultWriter};
pub use resource::Resource;
pub use retry::{Catch, ErrorEquals, IntoErrorEquals, Retry, errors};
pub use scope::{ScopeBuilder, StateId};
pub use states::{Fail, Pass, Succeed, Task, Wait};
pub use typestate::{
    CanTransition, CatchRouted, HasEnd, HasNext, IntoState, NoTransition, Transitioned,
};
