#![doc = include_str!("../README.md")]

pub use sfn_dsl::diagnostic::{Diagnostic, Diagnostics, Severity, Span};
pub use sfn_dsl::literal;
pub use sfn_dsl::model::*;
pub use sfn_dsl::path::{Expr, Intrinsic, IntrinsicFn, Jsonata, Path, PathError};
pub use sfn_dsl::payload::PayloadValue;
pub use sfn_dsl::rules::Code;
pub use sfn_dsl::validate::validate;
pub use sfn_dsl::{fields, import, json, levels, model, path, payload, rules, validate};

pub use sfn_codegen::to_json_pretty;

// No doc comments on re-exports: rustdoc would put them in front of the item's own docs.
pub use sfn_codegen::templates;

#[cfg(feature = "macros")]
pub use sfn_macros::{intrinsic, jsonata, path, try_workflow, workflow};

#[cfg(feature = "codegen")]
pub use sfn_codegen::{GenerateError, Generated, Generator, generate, generator};

#[cfg(feature = "schema")]
pub use sfn_codegen::schema;

#[cfg(feature = "report")]
pub use sfn_codegen::report;

#[cfg(feature = "import")]
pub use sfn_codegen::rustgen;

#[cfg(feature = "diagram")]
pub use sfn_codegen::diagram;

/// The JSON library of the model, so that a program that depends on `sfn` alone can write
/// `sfn::serde_json::json!({ … })`. `sfn` turns on none of its features: the model's literals
/// ([`payload::Literal`]) keep the author's key order by themselves, and a `Value` object is
/// sorted by key unless some crate of the program turns on `preserve_order` (the `sim`
/// feature does, see the `sim` module).
#[doc(no_inline)]
pub use serde_json;

#[doc(hidden)]
pub use sfn_dsl::__workflow;

/// The fluent builder (re-exported from `sfn_dsl::builder`, which has the full reference and
/// a tutorial).
///
/// With the facade, paths are written with [`path!`](crate::path!) and checked at compile
/// time, and payloads with [`payload!`](crate::payload!):
///
/// ```
/// use sfn::builder::{errors, Choice, Condition, Fail, PathExt, Resource, Retry, Succeed, Task, Wait};
/// use sfn::{path, payload, StateMachine};
///
/// let mut m = StateMachine::builder();
/// let start = m.declare("StartPipelineExecution");
/// let wait = m.declare("Wait 10 Seconds");
/// let describe = m.declare("DescribePipelineExecution");
/// let check = m.declare("Job Complete?");
/// let failed = m.declare("Fail");
/// let done = m.declare("Success");
///
/// m.define(start, Task::new(Resource::aws_sdk("sagemaker", "startPipelineExecution"))
///     .parameters(payload! { "PipelineName": "my-sagemaker-pipeline" })
///     .retry(Retry::on([errors::TASK_FAILED]).max_attempts(2))
///     .next(wait));
/// m.define(wait, Wait::seconds(10).next(describe));
/// m.define(describe, Task::new(Resource::aws_sdk("sagemaker", "describePipelineExecution"))
///     .parameters(payload! { "PipelineExecutionArn": path!("$.PipelineExecutionArn") })
///     .next(check));
/// let status = path!("$.PipelineExecutionStatus");
/// m.define(check, Choice::new()
///     .when(status.clone().equals("Failed"), failed)
///     .when(Condition::string_equals(status, "Succeeded"), done)
///     .otherwise(wait));
/// m.define(failed, Fail::new());
/// m.define(done, Succeed::new());
///
/// let machine = m.build().unwrap();
/// let json = sfn::serde_json::to_value(&machine).unwrap();
/// assert_eq!(
///     json["States"]["DescribePipelineExecution"]["Parameters"],
///     sfn::serde_json::json!({ "PipelineExecutionArn.$": "$.PipelineExecutionArn" })
/// );
/// println!("{}", sfn::to_json_pretty(&machine));
/// ```
pub mod builder {
    pub use sfn_dsl::builder::*;
}

/// Runs state machines in-process with AWS's semantics (the `sim` feature; re-exported from
/// the `sfn-sim` crate, which has the full reference): [`Simulator`](sim::Simulator) with
/// task mocks ([`Mock`](sim::Mock), or a Step Functions Local `MockConfigFile.json`), a
/// virtual clock, and an [`Execution`](sim::Execution) with its status, output or error, and
/// its history in AWS's event vocabulary.
///
/// Execution data is `serde_json::Value`, and AWS keeps the key order of inputs and outputs:
/// `sim` turns on serde_json's `preserve_order` and `float_roundtrip` features (the only
/// feature of `sfn` that does), and so they apply to every crate of a program built with it.
///
/// ```
/// use sfn::serde_json::json;
/// use sfn::sim::{Mock, Simulator, Status};
///
/// let machine = sfn::StateMachine::from_json(r#"{"StartAt": "Charge", "States": {
///     "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
///                "OutputPath": "$.Payload", "End": true}}}"#).unwrap();
/// let exec = Simulator::new(&machine)
///     .mock_task("Charge", Mock::value(json!({"Payload": {"charged": true}})))
///     .run(json!({"amount": 42}))
///     .unwrap();
/// assert_eq!(exec.status, Status::Succeeded);
/// assert_eq!(exec.output, Some(json!({"charged": true})));
/// ```
#[cfg(feature = "sim")]
pub mod sim {
    pub use sfn_sim::*;
}
