//! [`Call`]: the work a template's Task state does, without its transition.

use super::fragment::{path_text, set_some};
use sfn_dsl::builder::{IntoPath, NoTransition, Resource, Retry, Task, errors};
use sfn_dsl::path::Path;
use sfn_dsl::payload::PayloadValue;

/// The work of one Task state of a template — its `Resource` and data fields — without a
/// name or a transition (the template adds those). The setters are the Task fields of the
/// same names; paths may be `Path`s (from `path!`) or text, checked by `build()`.
///
/// ```
/// use sfn::templates::Call;
/// use sfn::builder::Resource;
/// use sfn::path::Path;
///
/// let describe = Call::new(Resource::aws_sdk("batch", "describeJobs"))
///     .parameter("Jobs", sfn::path::Intrinsic::array([Path::parse("$.job.JobId").unwrap()]))
///     .result_selector(sfn::payload! { "Status": Path::parse("$.Jobs[0].Status").unwrap() })
///     .result_path("$.status");
/// assert_eq!(describe.resource().as_str(), "arn:aws:states:::aws-sdk:batch:describeJobs");
/// ```
#[derive(Debug, Clone)]
pub struct Call {
    resource: Resource,
    comment: Option<String>,
    input_path: Option<String>,
    parameters: Option<PayloadValue>,
    result_selector: Option<PayloadValue>,
    /// `None`: unset; `Some(None)`: `"ResultPath": null`.
    result_path: Option<Option<String>>,
    output_path: Option<String>,
    timeout_seconds: Option<i64>,
    retry: Vec<Retry>,
}

/// The `Retry` entry the AWS console gives a Lambda invoke task (and seed 004 has): the four
/// transient Lambda errors, 1 s, 3 attempts, backoff 2.
pub(crate) fn lambda_retry() -> Retry {
    Retry::on(errors::lambda::TRANSIENT)
        .interval_seconds(1)
        .max_attempts(3)
        .backoff_rate(2.0)
}

impl Call {
    /// A call of `resource` (an ARN or a [`Resource`] constructor) with no other field.
    pub fn new(resource: impl Into<Resource>) -> Self {
        Call {
            resource: resource.into(),
            comment: None,
            input_path: None,
            parameters: None,
            result_selector: None,
            result_path: None,
            output_path: None,
            timeout_seconds: None,
            retry: Vec::new(),
        }
    }

    /// A Lambda function through the optimized integration `arn:aws:states:::lambda:invoke`:
    /// `Parameters` `{"FunctionName": function, "Payload.$": "$"}` and the console's default
    /// `Retry` on the transient Lambda errors (1 s, 3 attempts, backoff 2). The invoke result
    /// has the function's return value under `Payload`.
    ///
    /// ```
    /// use sfn::templates::Call;
    ///
    /// let call = Call::lambda("arn:aws:lambda:eu-west-1:123456789012:function:check-job")
    ///     .parameter("Payload", sfn::path::Path::parse("$.job.Payload").unwrap());
    /// assert_eq!(call.resource().as_str(), "arn:aws:states:::lambda:invoke");
    /// ```
    pub fn lambda(function: impl Into<String>) -> Self {
        Call::new(Resource::lambda_invoke())
            .parameters(PayloadValue::object([
                ("FunctionName", PayloadValue::from(function.into())),
                ("Payload", Path::input().into()),
            ]))
            .retry(lambda_retry())
    }

    /// The `Resource`.
    pub fn resource(&self) -> &Resource {
        &self.resource
    }

    setters! {
        /// `Comment` of the Task.
        pub fn comment(mut self, comment: impl Into<String>) -> Self => comment = Some(comment.into());
        /// `InputPath`.
        pub fn input_path(mut self, path: impl IntoPath) -> Self => input_path = Some(path_text(path));
        /// `Parameters`: replaces the whole payload template.
        pub fn parameters(mut self, template: impl Into<PayloadValue>) -> Self => parameters = Some(template.into());
    }

    /// Sets one top-level member of `Parameters` (replacing a member of that name, or adding
    /// it last); handy to adjust a preset, e.g. `.parameter("JobName", "nightly-export")`.
    pub fn parameter(mut self, key: impl Into<String>, value: impl Into<PayloadValue>) -> Self {
        self.parameters = Some(set_member(self.parameters.take(), key.into(), value.into()));
        self
    }

    /// `ResultSelector`.
    pub fn result_selector(mut self, template: impl Into<PayloadValue>) -> Self {
        self.result_selector = Some(template.into());
        self
    }

    /// `ResultPath`: where the result goes in the state's input.
    pub fn result_path(mut self, path: impl IntoPath) -> Self {
        self.result_path = Some(Some(path_text(path)));
        self
    }

    /// `"ResultPath": null`: discard the result, pass the input on.
    pub fn result_path_null(mut self) -> Self {
        self.result_path = Some(None);
        self
    }

    setters! {
        /// `OutputPath`.
        pub fn output_path(mut self, path: impl IntoPath) -> Self => output_path = Some(path_text(path));
        /// `TimeoutSeconds` of the Task.
        pub fn timeout_seconds(mut self, seconds: i64) -> Self => timeout_seconds = Some(seconds);
    }

    /// Appends a `Retry` entry.
    pub fn retry(mut self, retry: Retry) -> Self {
        self.retry.push(retry);
        self
    }

    /// Removes every `Retry` entry (e.g. the default one of [`Call::lambda`]).
    pub fn no_retry(mut self) -> Self {
        self.retry.clear();
        self
    }

    /// The Task state with these fields and no transition yet.
    pub(crate) fn task<'s, D>(&self) -> Task<'s, NoTransition, D> {
        let mut t = Task::new(self.resource.clone());
        t = set_some(t, self.comment.as_ref(), |t, c| t.comment(c));
        t = set_some(t, self.input_path.as_ref(), |t, p| t.input_path(p.as_str()));
        t = set_some(t, self.parameters.as_ref(), |t, p| t.parameters(p.clone()));
        t = set_some(t, self.result_selector.as_ref(), |t, s| {
            t.result_selector(s.clone())
        });
        match &self.result_path {
            Some(Some(p)) => t = t.result_path(p.as_str()),
            Some(None) => t = t.result_path_null(),
            None => {}
        }
        t = set_some(t, self.output_path.as_ref(), |t, p| {
            t.output_path(p.as_str())
        });
        t = set_some(t, self.timeout_seconds, |t, s| t.timeout_seconds(s));
        for r in &self.retry {
            t = t.retry(r.clone());
        }
        t
    }
}

/// `object` with `key` set to `value`; anything but an object becomes a new object.
pub(crate) fn set_member(
    object: Option<PayloadValue>,
    key: String,
    value: PayloadValue,
) -> PayloadValue {
    let mut members = match object {
        Some(PayloadValue::Object(m)) => m,
        _ => Vec::new(),
    };
    match members.iter_mut().find(|(k, _)| *k == key) {
        Some((_, v)) => *v = value,
        None => members.push((key, value)),
    }
    PayloadValue::Object(members)
}
