//! The `Resource` of a Task state: placeholders, ARN shape, Lambda function names and the
//! `arn:aws:states:::` optimized integrations AWS recognizes.
//!
//! Only what is certain to fail is an error ([`Code::InvalidResource`]); a `Resource` that is not
//! an ARN at all is a warning ([`Code::ResourceNotArn`]) because test fixtures and templates use
//! placeholder text that is replaced before deployment.

use super::prelude::*;
use crate::import::did_you_mean;
use std::borrow::Cow;

declare! {
    InvalidResource = "040", error, "Resource names nothing AWS can run", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: [Resource],
        what: "A Task's `Resource` cannot work: an unterminated `${…}` placeholder, an ARN that ends in `:`, a Lambda function ARN whose function name or alias has characters Lambda does not allow, an `arn:aws:states:::` optimized integration that does not exist (AWS rejects it as \"not recognized\"; e.g. `dynamodb:query` exists only as the SDK integration `aws-sdk:dynamodb:query`), or an integration pattern the service does not support (`.sync` or `.waitForTaskToken` where the guide's table of optimized integrations has \"Not supported\", e.g. `lambda:invoke.sync`, refused the same way).",
        failing: "`\"Resource\": \"arn:aws:states:::dynamodb:query\"`.",
        fix: "`\"Resource\": \"arn:aws:states:::aws-sdk:dynamodb:query\"`.";
    ResourceNotArn = "041", lint(Correctness, Warn), "Resource is not an ARN", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: [Resource],
        what: "A Task's `Resource` is not an ARN (`arn:partition:service:…`) nor a `${…}` definition-substitution placeholder. AWS rejects such a definition; test fixtures often use placeholder text that is replaced before deployment, hence only a warning.",
        failing: "`\"Resource\": \"my-function\"`.",
        fix: "`\"Resource\": \"arn:aws:lambda:us-east-1:123456789012:function:my-function\"`.";
}

/// The integration patterns a service supports besides Request Response: `.sync` (Run a Job,
/// `.sync:2` too) and `.waitForTaskToken` (Wait for Callback).
const SYNC: u8 = 1;
const TOKEN: u8 = 2;
/// Not in AWS's table of patterns: sfn does not judge the suffix.
const UNLISTED: u8 = SYNC | TOKEN;

/// The optimized integrations (`arn:<partition>:states:::<service>:<action>`) with the actions
/// AWS recognizes (an empty list means "any action": services with many actions, where sfn checks
/// only the service name) and the patterns the service supports.
///
/// Source: <https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html> (the
/// table "Optimized integrations in Step Functions" gives the patterns) and the page of each
/// service linked from there.
const OPTIMIZED: &[(&str, &[&str], u8)] = &[
    ("apigateway", &["invoke"], TOKEN),
    ("athena", &[], SYNC),
    ("batch", &["submitJob"], SYNC),
    ("bedrock", &[], SYNC | TOKEN),
    ("codebuild", &[], SYNC),
    ("databrew", &["startJobRun"], SYNC),
    (
        "dynamodb",
        &["getItem", "putItem", "updateItem", "deleteItem"],
        0,
    ),
    ("ecs", &["runTask"], SYNC | TOKEN),
    ("eks", &[], SYNC | TOKEN),
    ("elasticmapreduce", &[], SYNC),
    ("emr-containers", &[], SYNC),
    ("emr-serverless", &[], SYNC),
    ("events", &["putEvents"], TOKEN),
    ("glue", &["startJobRun"], SYNC),
    ("http", &["invoke"], UNLISTED),
    ("lambda", &["invoke"], TOKEN),
    ("mediaconvert", &["createJob"], SYNC),
    // The Distributed Map's ItemReader / ResultWriter resources.
    ("s3", &["getObject", "listObjectsV2", "putObject"], UNLISTED),
    ("sagemaker", &[], SYNC),
    ("sns", &["publish"], TOKEN),
    ("sqs", &["sendMessage"], TOKEN),
    ("states", &["startExecution"], SYNC | TOKEN),
    // The AWS SDK integrations (`aws-sdk:<service>:<action>`), the table's first row.
    ("aws-sdk", &[], TOKEN),
];

/// The integration-pattern suffixes of a `Resource`, the pattern each needs and its name.
pub(super) const SUFFIXES: &[(&str, u8, &str)] = &[
    (".sync:2", SYNC, "Run a Job"),
    (".sync", SYNC, "Run a Job"),
    (".waitForTaskToken", TOKEN, "Wait for Callback"),
];

/// Characters Lambda allows in a function name or alias.
fn lambda_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Replaces every complete `${…}` placeholder with `x`; `Err(offset)` for an unterminated one.
/// Borrows `s` when it has no placeholder (the usual case: no copy).
fn without_placeholders(s: &str) -> Result<Cow<'_, str>, usize> {
    if !s.contains("${") {
        return Ok(Cow::Borrowed(s));
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut offset = 0;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        match after.find('}') {
            Some(j) => {
                out.push('x');
                offset += i + 2 + j + 1;
                rest = &after[j + 1..];
            }
            None => return Err(offset + i),
        }
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

impl Validator<'_> {
    /// Checks a Task's `Resource` (`at` makes the pointer of the `Resource` field, only for a
    /// finding).
    pub(crate) fn resource(&mut self, at: &dyn Fn() -> Pointer, resource: &str) {
        if resource.is_empty() {
            return; // reported as an empty string (SFN038)
        }
        let plain = match without_placeholders(resource) {
            Ok(p) => p,
            Err(offset) => {
                self.push(
                    Diagnostic::new(
                        Code::InvalidResource,
                        at(),
                        format!("`Resource` \"{resource}\" has a `${{` placeholder without its closing `}}`"),
                    )
                    .with_help("a definition substitution is written `${Name}`; AWS receives the text unchanged when it is not complete, and it is not an ARN")
                    .at_offset(offset),
                );
                return;
            }
        };
        if !plain.starts_with("arn:") {
            if plain != "x" {
                self.report(Code::ResourceNotArn, at(), format!("`Resource` \"{resource}\" is not an ARN"), "AWS accepts only ARNs here, e.g. \"arn:aws:states:::lambda:invoke\" or \"arn:aws:lambda:us-east-1:123456789012:function:my-function\"; ignore this warning if the text is a placeholder replaced before deployment");
            }
            return;
        }
        if resource.ends_with(':') {
            self.report(Code::InvalidResource, at(), format!("`Resource` \"{resource}\" ends with `:`, so its last part is empty"), "remove the trailing `:` or complete the ARN (a Lambda alias or version follows the last `:`)");
            return;
        }
        // arn:partition:service:region:account:rest
        let mut parts = plain.splitn(6, ':').skip(2);
        let (Some(service), Some(region), Some(account), Some(rest)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            self.report(Code::InvalidResource, at(), format!("`Resource` \"{resource}\" is not a complete ARN"), "an ARN has the form arn:partition:service:region:account-id:resource, e.g. \"arn:aws:states:::lambda:invoke\"");
            return;
        };
        match service {
            "lambda" => self.lambda_arn(at, resource, rest),
            "states" if region.is_empty() && account.is_empty() && !resource.contains("${") => {
                self.integration(at, resource, rest)
            }
            _ => {}
        }
    }

    /// `function:NAME` or `function:NAME:QUALIFIER` of a Lambda function ARN.
    fn lambda_arn(&mut self, at: &dyn Fn() -> Pointer, resource: &str, rest: &str) {
        let Some(function) = rest.strip_prefix("function:") else {
            return;
        };
        let mut parts = function.split(':');
        let name = parts.next().unwrap_or_default();
        let qualifier = parts.next();
        let bad = |s: &str| s.is_empty() || !s.chars().all(lambda_name_char);
        let problem = if bad(name) {
            Some(format!("the function name \"{name}\""))
        } else if let Some(q) = qualifier.filter(|q| *q != "$LATEST" && bad(q)) {
            Some(format!("the alias or version \"{q}\""))
        } else if parts.next().is_some() {
            Some("the part after the alias or version".to_string())
        } else {
            None
        };
        if let Some(what) = problem {
            self.report(Code::InvalidResource, at(), format!("`Resource` \"{resource}\" is not a Lambda function ARN Lambda can resolve: {what} is not valid"), "a Lambda function ARN ends in `function:NAME` or `function:NAME:ALIAS`, with letters, digits, `-` and `_` only (or `:$LATEST`)");
        }
    }

    /// `service:action[.suffix]` after `arn:<partition>:states:::`.
    fn integration(&mut self, at: &dyn Fn() -> Pointer, resource: &str, rest: &str) {
        let (base, suffix) = SUFFIXES
            .iter()
            .find_map(|s| Some((rest.strip_suffix(s.0)?, Some(s))))
            .unwrap_or((rest, None));
        let (service, action) = base.split_once(':').unwrap_or((base, ""));
        let supported = OPTIMIZED.iter().find(|o| o.0 == service).map(|o| o.2);
        if let (Some(&(suffix, pattern, name)), Some(supported)) = (suffix, supported)
            && supported & pattern == 0
        {
            let others: Vec<_> = SUFFIXES[1..]
                .iter()
                .filter(|s| supported & s.1 != 0)
                .map(|s| format!("`{}`", s.0))
                .collect();
            let others = match others.as_slice() {
                [] => "only Request Response (no suffix)".to_string(),
                o => format!("Request Response (no suffix) and {}", o.join(", ")),
            };
            let d = Diagnostic::new(Code::InvalidResource, at(), format!("`Resource` \"{resource}\": the {service} integration does not support the {name} pattern (`{suffix}`); AWS does not recognize the resource"))
                .with_help(format!("{service} supports {others} (https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html); remove `{suffix}` or use another pattern"))
                .at_offset(resource.len() - suffix.len());
            self.push(d);
            return;
        }
        if let Some(sdk) = base.strip_prefix("aws-sdk:") {
            let ok = sdk
                .split_once(':')
                .is_some_and(|(svc, action)| !svc.is_empty() && !action.is_empty());
            if !ok {
                self.report(Code::InvalidResource, at(), format!("`Resource` \"{resource}\" is not an AWS SDK integration: it needs a service and an action"), "write arn:aws:states:::aws-sdk:SERVICE:ACTION, e.g. \"arn:aws:states:::aws-sdk:s3:listBuckets\"");
            }
            return;
        }
        let sdk_help = || {
            format!(
                "AWS recognizes only the optimized integrations listed at https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html; for any other API call use the AWS SDK integration \"arn:aws:states:::aws-sdk:{service}:{}\"",
                if action.is_empty() { "ACTION" } else { action }
            )
        };
        match OPTIMIZED.iter().find(|o| o.0 == service) {
            None => {
                let mut d = Diagnostic::new(
                    Code::InvalidResource,
                    at(),
                    format!(
                        "`Resource` \"{resource}\" names the integration `{service}`, which Step Functions does not recognize"
                    ),
                );
                d = match did_you_mean(service, OPTIMIZED.iter().map(|o| o.0)) {
                    Some(s) => {
                        d.with_help(format!("did you mean `{s}`? Otherwise: {}", sdk_help()))
                    }
                    None => d.with_help(sdk_help()),
                };
                self.push(d);
            }
            Some((_, actions, _)) if !actions.is_empty() && !actions.contains(&action) => {
                let mut d = Diagnostic::new(
                    Code::InvalidResource,
                    at(),
                    format!(
                        "`Resource` \"{resource}\": `{service}:{action}` is not an optimized integration (the {service} ones are {})",
                        actions.join(", ")
                    ),
                );
                d = match did_you_mean(action, actions.iter().copied()) {
                    Some(a) => d.with_help(format!(
                        "did you mean `{service}:{a}`? Otherwise: {}",
                        sdk_help()
                    )),
                    _ => d.with_help(sdk_help()),
                };
                self.push(d);
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_replaced_or_reported() {
        assert_eq!(without_placeholders("a${b}c${d}").as_deref(), Ok("axcx"));
        assert_eq!(without_placeholders("${lambdaArn"), Err(0));
        assert_eq!(without_placeholders("arn:${p}:x:${y"), Err(11));
        assert_eq!(without_placeholders("plain").as_deref(), Ok("plain"));
    }
}
