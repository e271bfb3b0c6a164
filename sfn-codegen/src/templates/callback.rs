//! The callback: a `.waitForTaskToken` task that hands `$$.Task.Token` to a worker (a queue, a
//! topic, a function, a container) and waits for `SendTaskSuccess` / `SendTaskFailure`.

use super::call::set_member;
use super::fragment::{
    Fallback, Findings, add_to_and_build, define_routed, exit_state, exits_type, path_text, route,
    set_some,
};
use sfn_dsl::builder::{Catch, Fail, IntoPath, Resource, ScopeBuilder, StateId, Task, Top, errors};
use sfn_dsl::diagnostic::{Code, Diagnostics};
use sfn_dsl::path::{Expr, Intrinsic, Path};
use sfn_dsl::payload::PayloadValue;
use sfn_dsl::validate::{callback_settings, task_timeouts};

/// Who gets the token.
#[derive(Debug, Clone)]
enum Target {
    Sqs(PayloadValue),
    Sns(PayloadValue),
    Lambda(PayloadValue),
    Ecs {
        cluster: PayloadValue,
        task_definition: PayloadValue,
        container: String,
    },
    Custom {
        resource: Resource,
        parameters: PayloadValue,
    },
}

exits_type! {
    /// Where the callback's exits go; an exit left unset gets the default of the table of
    /// [`Callback`].
    ///
    /// ```
    /// use sfn::templates::{CallbackExits, Exit};
    ///
    /// let exits = CallbackExits::new().timed_out(Exit::fail("NoAnswer", "Nobody answered in time"));
    /// # let _: CallbackExits = exits; // used nowhere here, so the depth is not inferred
    /// ```
    pub struct CallbackExits;

    /// Every exit at its default.
    pub fn new;

    /// Where to go after `SendTaskSuccess` (the task's `Next`/`End`).
    pub fn approved;

    /// Where to go after `SendTaskFailure` with the rejection error.
    pub fn rejected;

    /// Where to go when `TimeoutSeconds` or `HeartbeatSeconds` passed.
    pub fn timed_out;
}

/// The callback template: one `.waitForTaskToken` Task that sends `$$.Task.Token` with the
/// input to a worker and waits for it to answer.
///
/// The token goes where each service carries data:
///
/// | constructor | `Resource` | token and input in `Parameters` |
/// |---|---|---|
/// | [`sqs`](Self::sqs) | `sqs:sendMessage.waitForTaskToken` | `MessageBody`: `{"TaskToken", "Input"}` |
/// | [`sns`](Self::sns) | `sns:publish.waitForTaskToken` | `Message`: `{"TaskToken", "Input"}` |
/// | [`lambda`](Self::lambda) | `lambda:invoke.waitForTaskToken` | `Payload`: `{"TaskToken", "Input"}` |
/// | [`ecs`](Self::ecs) | `ecs:runTask.waitForTaskToken` | `Overrides.ContainerOverrides[0].Environment`: `TASK_TOKEN`, `TASK_INPUT` (JSON text) |
/// | [`custom`](Self::custom) | yours, `.waitForTaskToken` appended | yours (`build()` fails with `SFN033` without the token) |
///
/// | exit | reached when | default |
/// |---|---|---|
/// | `approved` | the worker called `SendTaskSuccess` | `End` (`"End": true` on the task) |
/// | `rejected` | `SendTaskFailure` with the error [`rejected_error`](Self::rejected_error) (`Rejected`) | Fail `Rejected`: `Error` `Rejected` |
/// | `timed_out` | `States.Timeout`, or `States.HeartbeatTimeout` when a heartbeat is set | Fail `Timed Out`: `Error` `CallbackTimedOut` |
///
/// Defaults: state name `Wait for Callback`, `TimeoutSeconds` 86400 (a day; without one a
/// forgotten callback waits a year), no heartbeat, the answer (`SendTaskSuccess` output) at
/// `$.callback`, the error output of a caught error at `$.error`. Other errors (e.g. the
/// message could not be sent) are not caught.
///
/// ```
/// use sfn::templates::Callback;
///
/// let machine = Callback::sns("arn:aws:sns:eu-west-1:123456789012:approvals")
///     .name("Ask For Approval")
///     .heartbeat_seconds(3600)
///     .timeout_seconds(3 * 86400)
///     .build()
///     .unwrap();
/// let json = sfn::serde_json::to_value(&machine).unwrap();
/// let task = &json["States"]["Ask For Approval"];
/// assert_eq!(task["Resource"], "arn:aws:states:::sns:publish.waitForTaskToken");
/// assert_eq!(task["Parameters"]["Message"]["TaskToken.$"], "$$.Task.Token");
/// assert_eq!(task["Catch"][1]["ErrorEquals"][1], "States.HeartbeatTimeout");
/// ```
#[derive(Debug, Clone)]
pub struct Callback {
    target: Target,
    input: PayloadValue,
    extra: Vec<(String, PayloadValue)>,
    timeout_seconds: i64,
    heartbeat_seconds: Option<i64>,
    rejected_error: String,
    result_path: Option<String>,
    error_path: String,
    name: String,
    comment: Option<String>,
}

impl Callback {
    fn with(target: Target) -> Self {
        Callback {
            target,
            input: Path::input().into(),
            extra: Vec::new(),
            timeout_seconds: 86_400,
            heartbeat_seconds: None,
            rejected_error: "Rejected".into(),
            result_path: Some("$.callback".into()),
            error_path: "$.error".into(),
            name: "Wait for Callback".into(),
            comment: None,
        }
    }

    /// Send the token in an SQS message to `queue_url` (a literal or a path); the worker
    /// reads `TaskToken` and `Input` from the JSON body.
    pub fn sqs(queue_url: impl Into<PayloadValue>) -> Self {
        Callback::with(Target::Sqs(queue_url.into()))
            .comment("Sends the task token to an SQS queue and waits for the worker's callback.")
    }

    /// Publish the token to the SNS topic `topic_arn`; subscribers read `TaskToken` and
    /// `Input` from the JSON message.
    pub fn sns(topic_arn: impl Into<PayloadValue>) -> Self {
        Callback::with(Target::Sns(topic_arn.into()))
            .comment("Publishes the task token to an SNS topic and waits for the callback.")
    }

    /// Invoke the Lambda function `function` with `TaskToken` and `Input` in its event; the
    /// function (or whoever it hands the token to) calls back later.
    pub fn lambda(function: impl Into<PayloadValue>) -> Self {
        Callback::with(Target::Lambda(function.into()))
            .comment("Invokes a Lambda function with the task token and waits for the callback.")
    }

    /// Run an ECS task of `task_definition` on `cluster`; the container `container` gets the
    /// token in the environment variable `TASK_TOKEN` and the input as JSON text in
    /// `TASK_INPUT`. Add `LaunchType`, `NetworkConfiguration`, … with
    /// [`parameter`](Self::parameter).
    pub fn ecs(
        cluster: impl Into<PayloadValue>,
        task_definition: impl Into<PayloadValue>,
        container: impl Into<String>,
    ) -> Self {
        Callback::with(Target::Ecs {
            cluster: cluster.into(),
            task_definition: task_definition.into(),
            container: container.into(),
        })
        .comment("Runs an ECS task with the task token and waits for the container's callback.")
    }

    /// Any integration: `resource` (`.waitForTaskToken` is appended unless present) with
    /// these `Parameters`, which must pass `$$.Task.Token` themselves.
    pub fn custom(resource: impl Into<Resource>, parameters: impl Into<PayloadValue>) -> Self {
        Callback::with(Target::Custom {
            resource: resource.into(),
            parameters: parameters.into(),
        })
    }

    /// What is sent as `Input` next to the token (default `$`, the state input). For ECS it
    /// must be a path (it is sent as `States.JsonToString(path)`).
    pub fn input(mut self, input: impl Into<PayloadValue>) -> Self {
        self.input = input.into();
        self
    }

    /// Sets one more top-level member of `Parameters`, e.g. `MessageGroupId` for a FIFO
    /// queue or `LaunchType` for ECS.
    pub fn parameter(mut self, key: impl Into<String>, value: impl Into<PayloadValue>) -> Self {
        self.extra.push((key.into(), value.into()));
        self
    }

    setters! {
        /// `TimeoutSeconds`: how long to wait for the callback (default 86400).
        pub fn timeout_seconds(mut self, seconds: i64) -> Self => timeout_seconds = seconds;
        /// `HeartbeatSeconds`: the worker must call `SendTaskHeartbeat` at least this often;
        /// must be below the timeout.
        pub fn heartbeat_seconds(mut self, seconds: i64) -> Self => heartbeat_seconds = Some(seconds);
        /// The error name the worker passes to `SendTaskFailure` to reject (default
        /// `Rejected`); it leads to the `rejected` exit.
        pub fn rejected_error(mut self, error: impl Into<String>) -> Self => rejected_error = error.into();
        /// `ResultPath` of the answer (default `$.callback`).
        pub fn result_path(mut self, path: impl IntoPath) -> Self => result_path = Some(path_text(path));
    }

    /// The answer replaces the state input (no `ResultPath`).
    pub fn result_replaces_input(mut self) -> Self {
        self.result_path = None;
        self
    }

    setters! {
        /// `ResultPath` of the Catch entries: where the error output goes (default `$.error`).
        pub fn error_path(mut self, path: impl IntoPath) -> Self => error_path = path_text(path);
        /// The name of the Task state, before the prefix (default `Wait for Callback`).
        pub fn name(mut self, name: impl Into<String>) -> Self => name = name.into();
        /// The machine `Comment` written by [`build`](Self::build).
        pub fn comment(mut self, comment: impl Into<String>) -> Self => comment = Some(comment.into());
    }

    fn check(&self, prefix: &str) -> Findings {
        let mut f = Findings::default();
        let state = format!("{prefix}{}", self.name);
        // The validator decides (as `sfn validate` would); the help names the setters.
        for mut d in task_timeouts(self.timeout_seconds, self.heartbeat_seconds) {
            if d.code == Code::HeartbeatTimeout {
                d.help = Some(
                    "lower `heartbeat_seconds` or raise `timeout_seconds` (default 86400)".into(),
                );
            }
            f.push_at(&state, d);
        }
        let ecs_input = matches!(self.target, Target::Ecs { .. }).then_some(&self.input);
        for d in callback_settings(&self.rejected_error, ecs_input) {
            f.push_at(&state, d);
        }
        f
    }

    fn resource_and_parameters(&self) -> (Resource, PayloadValue) {
        let token = || PayloadValue::from(Path::context().field("Task").field("Token"));
        let message =
            || PayloadValue::object([("TaskToken", token()), ("Input", self.input.clone())]);
        let (resource, mut parameters) = match &self.target {
            Target::Sqs(url) => (
                Resource::sqs_send_message(),
                PayloadValue::object([("QueueUrl", url.clone()), ("MessageBody", message())]),
            ),
            Target::Sns(topic) => (
                Resource::sns_publish(),
                PayloadValue::object([("TopicArn", topic.clone()), ("Message", message())]),
            ),
            Target::Lambda(function) => (
                Resource::lambda_invoke(),
                PayloadValue::object([("FunctionName", function.clone()), ("Payload", message())]),
            ),
            Target::Ecs {
                cluster,
                task_definition,
                container,
            } => {
                let input = match &self.input {
                    PayloadValue::Expr(Expr::Path(p)) => {
                        Intrinsic::json_to_string(p.clone()).into()
                    }
                    other => other.clone(),
                };
                let env = |name: &str, value: PayloadValue| {
                    PayloadValue::object([("Name", PayloadValue::from(name)), ("Value", value)])
                };
                let overrides = PayloadValue::object([(
                    "ContainerOverrides",
                    PayloadValue::Array(vec![PayloadValue::object([
                        ("Name", PayloadValue::from(container.as_str())),
                        (
                            "Environment",
                            PayloadValue::Array(vec![
                                env("TASK_TOKEN", token()),
                                env("TASK_INPUT", input),
                            ]),
                        ),
                    ])]),
                )]);
                (
                    Resource::ecs_run_task(),
                    PayloadValue::object([
                        ("Cluster", cluster.clone()),
                        ("TaskDefinition", task_definition.clone()),
                        ("Overrides", overrides),
                    ]),
                )
            }
            Target::Custom {
                resource,
                parameters,
            } => (resource.clone(), parameters.clone()),
        };
        for (k, v) in &self.extra {
            parameters = set_member(Some(parameters), k.clone(), v.clone());
        }
        let resource = if resource.as_str().ends_with(".waitForTaskToken") {
            resource
        } else {
            resource.wait_for_task_token()
        };
        (resource, parameters)
    }

    /// Checks the configuration and declares the Task state `<prefix><name>` in `scope`;
    /// [`DeclaredCallback::define`] defines it once the exits are known (see
    /// [`JobPoller::declare`](super::JobPoller::declare) for why).
    ///
    /// Fails with every configuration finding (pointers relative to `scope`) without
    /// touching `scope`.
    pub fn declare<'s, D>(
        self,
        scope: &mut ScopeBuilder<'s, D>,
        prefix: &str,
    ) -> Result<DeclaredCallback<'s, D>, Diagnostics> {
        self.check(prefix).finish()?;
        let task = scope.declare(format!("{prefix}{}", self.name));
        Ok(DeclaredCallback {
            callback: self,
            prefix: prefix.to_string(),
            task,
        })
    }

    add_to_and_build! {
        exits: CallbackExits;

        /// Adds the callback to `scope` with its state names prefixed by `prefix`, wires its
        /// exits, and returns its entry (the Task).
        ///
        /// ```
        /// use sfn::templates::{Callback, CallbackExits};
        /// use sfn::builder::{Map, Pass};
        /// use sfn::model::StateMachine;
        ///
        /// // One approval per order, inside a Map processor.
        /// let mut m = StateMachine::builder();
        /// let each = m.declare("Approve Each Order");
        /// m.define(each, Map::new().items_path("$.orders").item_processor(|p| {
        ///     let entry = Callback::sqs("https://sqs.eu-west-1.amazonaws.com/123456789012/approvals")
        ///         .add_to(p, "Order ", CallbackExits::new())
        ///         .expect("a valid callback");
        ///     p.start_at(entry);
        /// }).end());
        /// let json = sfn::serde_json::to_value(m.build().unwrap()).unwrap();
        /// assert_eq!(json["States"]["Approve Each Order"]["ItemProcessor"]["StartAt"],
        ///            "Order Wait for Callback");
        /// ```
        pub fn add_to;

        /// The one-call shortcut: a whole machine with just this callback and every exit at its
        /// default, validated by `build()`.
        ///
        /// ```
        /// let machine = sfn::templates::Callback::sqs(
        ///     "https://sqs.eu-west-1.amazonaws.com/123456789012/approvals",
        /// )
        /// .build()
        /// .unwrap();
        /// assert_eq!(machine.start_at, "Wait for Callback");
        /// ```
        pub fn build;
    }
}

/// A [`Callback`] whose Task is declared but not defined yet (see [`Callback::declare`]).
#[derive(Debug)]
#[must_use = "call `define` to give the declared state its definition"]
pub struct DeclaredCallback<'s, D = Top> {
    callback: Callback,
    prefix: String,
    task: StateId<'s, D>,
}

impl<'s, D> DeclaredCallback<'s, D> {
    /// The entry of the fragment: the `.waitForTaskToken` Task.
    pub fn entry(&self) -> StateId<'s, D> {
        self.task
    }

    /// Defines the Task and the states its exits need, in `scope`.
    pub fn define(self, scope: &mut ScopeBuilder<'s, D>, exits: CallbackExits<'s, D>) {
        let DeclaredCallback {
            callback: c,
            prefix,
            task,
        } = self;
        let rejected_fail = Fail::new().error(c.rejected_error.as_str()).cause(format!(
            "The worker rejected the request (SendTaskFailure with the error {})",
            c.rejected_error
        ));
        let rejected = exit_state(
            scope,
            format!("{prefix}Rejected"),
            exits.rejected,
            Fallback::Fail(rejected_fail),
        );
        let timed_out_fail =
            Fail::new()
                .error("CallbackTimedOut")
                .cause(match c.heartbeat_seconds {
                    Some(h) => format!(
                        "No callback within {} seconds, or no heartbeat within {h} seconds",
                        c.timeout_seconds
                    ),
                    None => format!("No callback within {} seconds", c.timeout_seconds),
                });
        let timed_out = exit_state(
            scope,
            format!("{prefix}Timed Out"),
            exits.timed_out,
            Fallback::Fail(timed_out_fail),
        );
        let approved = route(
            scope,
            format!("{prefix}Approved"),
            exits.approved,
            Fallback::End,
        );

        let (resource, parameters) = c.resource_and_parameters();
        let mut state = Task::new(resource)
            .parameters(parameters)
            .timeout_seconds(c.timeout_seconds);
        state = set_some(state, c.heartbeat_seconds, |s, h| s.heartbeat_seconds(h));
        state = set_some(state, c.result_path.as_ref(), |s, p| {
            s.result_path(p.as_str())
        });
        let timeouts: &[&str] = match c.heartbeat_seconds {
            Some(_) => &[errors::TIMEOUT, errors::HEARTBEAT_TIMEOUT],
            None => &[errors::TIMEOUT],
        };
        let state = state
            .catch(
                Catch::on([c.rejected_error.as_str()])
                    .result_path(c.error_path.as_str())
                    .next(rejected),
            )
            .catch(
                Catch::on(timeouts)
                    .result_path(c.error_path.as_str())
                    .next(timed_out),
            );
        define_routed!(scope, task, state, approved);
    }
}
