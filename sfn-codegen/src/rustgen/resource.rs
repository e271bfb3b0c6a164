//! `Resource` constructors for the ARNs and integration URIs that have one.

use super::builder::Gen;
use super::layout::Doc;
use sfn_dsl::fields::names as k;

/// The prefix of optimized and SDK integrations.
const STATES: &str = "arn:aws:states:::";

/// Integration patterns, longest first, with their `Resource` method.
const PATTERNS: [(&str, &str); 3] = [
    (".waitForTaskToken", "wait_for_task_token"),
    (".sync:2", "sync2"),
    (".sync", "sync"),
];

/// Optimized integrations that have a named constructor.
const NAMED: &[(&str, &str, &str)] = &[
    ("lambda", "invoke", "lambda_invoke"),
    ("batch", "submitJob", "batch_submit_job"),
    ("glue", "startJobRun", "glue_start_job_run"),
    (
        "sagemaker",
        "createTrainingJob",
        "sagemaker_create_training_job",
    ),
    (
        "sagemaker",
        "createTransformJob",
        "sagemaker_create_transform_job",
    ),
    ("sns", "publish", "sns_publish"),
    ("sqs", "sendMessage", "sqs_send_message"),
    ("dynamodb", "getItem", "dynamodb_get_item"),
    ("dynamodb", "putItem", "dynamodb_put_item"),
    ("dynamodb", "updateItem", "dynamodb_update_item"),
    ("dynamodb", "deleteItem", "dynamodb_delete_item"),
    ("ecs", "runTask", "ecs_run_task"),
    ("states", "startExecution", "step_functions_start_execution"),
    ("events", "putEvents", "eventbridge_put_events"),
    ("s3", "getObject", "s3_get_object"),
    ("s3", "listObjectsV2", "s3_list_objects_v2"),
    ("s3", "putObject", "s3_put_object"),
];

/// True for a name the `service`/`aws_sdk` constructors can rebuild exactly.
fn plain(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The `Resource` expression that produces exactly `arn`: a named constructor
/// (`Resource::lambda_invoke()`), `Resource::service(…)`, `Resource::aws_sdk(…)`,
/// `Resource::lambda_function(…)`, `Resource::activity(…)` (each with its integration pattern),
/// or `Resource::arn(…)`.
pub(crate) fn resource(g: &mut Gen, arn: &str) -> Doc {
    g.builder(k::Resource);
    if let Some(rest) = arn.strip_prefix(STATES) {
        let (base, pattern) = PATTERNS
            .iter()
            .find_map(|(suffix, method)| rest.strip_suffix(suffix).map(|b| (b, Some(*method))))
            .unwrap_or((rest, None));
        let ctor = if let Some(sdk) = base.strip_prefix("aws-sdk:") {
            sdk.split_once(':')
                .filter(|(s, a)| plain(s) && plain(a))
                .map(|(s, a)| Doc::call("Resource::aws_sdk", vec![Gen::str(s), Gen::str(a)]))
        } else {
            base.split_once(':')
                .filter(|(s, a)| plain(s) && plain(a))
                .map(
                    |(s, a)| match NAMED.iter().find(|(ns, na, _)| *ns == s && *na == a) {
                        Some((_, _, f)) => Doc::call(format!("Resource::{f}"), vec![]),
                        None => Doc::call("Resource::service", vec![Gen::str(s), Gen::str(a)]),
                    },
                )
        };
        if let Some(ctor) = ctor {
            return match pattern {
                Some(method) => ctor.method(method, vec![]),
                None => ctor,
            };
        }
    }
    let parts: Vec<&str> = arn.splitn(7, ':').collect();
    let ctor = match parts.as_slice() {
        ["arn", "aws", "lambda", _, _, "function", _] => "Resource::lambda_function",
        ["arn", "aws", "states", _, _, "activity", _] => "Resource::activity",
        _ => "Resource::arn",
    };
    Doc::call(ctor, vec![Gen::str(arn)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rustgen::layout::render;

    fn r(arn: &str) -> String {
        render(&resource(&mut Gen::default(), arn), 0, 0, 0)
    }

    #[test]
    fn constructors() {
        assert_eq!(
            r("arn:aws:states:::lambda:invoke"),
            "Resource::lambda_invoke()"
        );
        assert_eq!(
            r("arn:aws:states:::lambda:invoke.waitForTaskToken"),
            "Resource::lambda_invoke().wait_for_task_token()"
        );
        assert_eq!(
            r("arn:aws:states:::states:startExecution.sync:2"),
            "Resource::step_functions_start_execution().sync2()"
        );
        assert_eq!(
            r("arn:aws:states:::aws-sdk:s3:listObjectsV2"),
            "Resource::aws_sdk(\"s3\", \"listObjectsV2\")"
        );
        assert_eq!(
            r("arn:aws:states:::codebuild:startBuild.sync"),
            "Resource::service(\"codebuild\", \"startBuild\").sync()"
        );
        assert_eq!(
            r("arn:aws:lambda:us-east-1:123456789012:function:f"),
            "Resource::lambda_function(\"arn:aws:lambda:us-east-1:123456789012:function:f\")"
        );
        assert_eq!(
            r("arn:aws:states:us-east-1:123456789012:activity:a"),
            "Resource::activity(\"arn:aws:states:us-east-1:123456789012:activity:a\")"
        );
        assert_eq!(
            r("arn:aws:states:::a:b:c"),
            "Resource::arn(\"arn:aws:states:::a:b:c\")"
        );
        assert_eq!(r("${LambdaArn}"), "Resource::arn(\"${LambdaArn}\")");
    }
}
