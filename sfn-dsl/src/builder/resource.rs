//! The `Resource` of a Task: Lambda, optimized service integrations, AWS SDK integrations,
//! activities.

use std::fmt;

/// The `Resource` of a Task (an ARN or an integration URI).
///
/// Optimized integrations are `arn:aws:states:::<service>:<action>`, optionally followed by an
/// integration pattern: [`sync`](Resource::sync) (`.sync`, run a job and wait for it),
/// [`sync2`](Resource::sync2) (`.sync:2`) or [`wait_for_task_token`](Resource::wait_for_task_token)
/// (`.waitForTaskToken`, wait for a callback). SDK integrations are
/// `arn:aws:states:::aws-sdk:<service>:<action>`.
///
/// ```
/// use sfn::builder::Resource;
///
/// assert_eq!(Resource::lambda_invoke().as_str(), "arn:aws:states:::lambda:invoke");
/// assert_eq!(Resource::service("batch", "submitJob").sync().as_str(),
///            "arn:aws:states:::batch:submitJob.sync");
/// assert_eq!(Resource::step_functions_start_execution().sync2().as_str(),
///            "arn:aws:states:::states:startExecution.sync:2");
/// assert_eq!(Resource::sqs_send_message().wait_for_task_token().as_str(),
///            "arn:aws:states:::sqs:sendMessage.waitForTaskToken");
/// assert_eq!(Resource::aws_sdk("sagemaker", "describePipelineExecution").as_str(),
///            "arn:aws:states:::aws-sdk:sagemaker:describePipelineExecution");
/// assert_eq!(Resource::from("arn:aws:lambda:eu-west-1:123456789012:function:f").as_str(),
///            "arn:aws:lambda:eu-west-1:123456789012:function:f");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Resource(String);

impl Resource {
    /// Any ARN or integration URI, as written.
    pub fn arn(arn: impl Into<String>) -> Self {
        Resource(arn.into())
    }

    /// An optimized integration: `arn:aws:states:::<service>:<action>`.
    pub fn service(service: &str, action: &str) -> Self {
        Resource(format!("arn:aws:states:::{service}:{action}"))
    }

    /// An AWS SDK integration: `arn:aws:states:::aws-sdk:<service>:<action>` (the action in
    /// camelCase, as in the SDK: `describePipelineExecution`).
    pub fn aws_sdk(service: &str, action: &str) -> Self {
        Resource(format!("arn:aws:states:::aws-sdk:{service}:{action}"))
    }

    /// A Lambda function called directly by its ARN (the legacy form; the result is the
    /// function's return value).
    pub fn lambda_function(arn: impl Into<String>) -> Self {
        Resource(arn.into())
    }

    /// An activity, by its ARN (`arn:aws:states:<region>:<account>:activity:<name>`).
    pub fn activity(arn: impl Into<String>) -> Self {
        Resource(arn.into())
    }

    /// An optimized SageMaker integration, e.g. `sagemaker("createTrainingJob")` →
    /// `arn:aws:states:::sagemaker:createTrainingJob`.
    pub fn sagemaker(action: &str) -> Self {
        Resource::service("sagemaker", action)
    }

    /// The `.sync` integration pattern: run the job and wait until it completes.
    pub fn sync(self) -> Self {
        self.suffixed(".sync")
    }

    /// The `.sync:2` integration pattern (Step Functions `startExecution` with parsed output).
    pub fn sync2(self) -> Self {
        self.suffixed(".sync:2")
    }

    /// The `.waitForTaskToken` pattern: pass `$$.Task.Token` and wait for `SendTaskSuccess`.
    /// `build()` fails (`SFN033`) when the task never passes the token.
    pub fn wait_for_task_token(self) -> Self {
        self.suffixed(".waitForTaskToken")
    }

    fn suffixed(mut self, suffix: &str) -> Self {
        self.0.push_str(suffix);
        self
    }

    /// The ARN or URI.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ARN or URI, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// Constructors of optimized integrations (`arn:aws:states:::<service>:<action>`), by product
/// and service, each documented with the product, its URI and a note.
macro_rules! services {
    ($($product:literal $service:literal { $($name:ident $action:literal $note:literal),* })*) => {
        impl Resource {$($(
            #[doc = concat!($product, " `arn:aws:states:::", $service, ":", $action, "`", $note, ".")]
            pub fn $name() -> Self {
                Resource::service($service, $action)
            }
        )*)*}
    };
}

services! {
    "The Lambda integration" "lambda" { lambda_invoke "invoke"
        " (pass `FunctionName` and `Payload` in `Parameters`; the result is under `Payload`)" }
    "AWS Batch" "batch" { batch_submit_job "submitJob" " (usually with [`sync`](Self::sync))" }
    "AWS Glue" "glue" { glue_start_job_run "startJobRun" " (usually with [`sync`](Self::sync))" }
    "SageMaker" "sagemaker" {
        sagemaker_create_training_job "createTrainingJob" "",
        sagemaker_create_transform_job "createTransformJob" ""
    }
    "Amazon SNS" "sns" { sns_publish "publish" "" }
    "Amazon SQS" "sqs" { sqs_send_message "sendMessage" "" }
    "DynamoDB" "dynamodb" {
        dynamodb_get_item "getItem" "", dynamodb_put_item "putItem" "",
        dynamodb_update_item "updateItem" "", dynamodb_delete_item "deleteItem" ""
    }
    "Amazon ECS" "ecs" { ecs_run_task "runTask" " (usually with [`sync`](Self::sync))" }
    "Step Functions" "states" { step_functions_start_execution "startExecution"
        " (a nested workflow; usually with [`sync2`](Self::sync2))" }
    "Amazon EventBridge" "events" { eventbridge_put_events "putEvents" "" }
    "Amazon S3" "s3" {
        s3_get_object "getObject" " (also the `ItemReader` of a Distributed Map)",
        s3_list_objects_v2 "listObjectsV2" " (an `ItemReader` over a bucket listing)",
        s3_put_object "putObject" " (the `ResultWriter` of a Distributed Map)"
    }
}

impl From<&str> for Resource {
    fn from(arn: &str) -> Self {
        Resource(arn.to_string())
    }
}

impl From<String> for Resource {
    fn from(arn: String) -> Self {
        Resource(arn)
    }
}

impl AsRef<str> for Resource {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
