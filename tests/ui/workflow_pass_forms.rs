// What compiles: trailing commas, the braces-only form, interpolated Rust values of the
// accepted types, a literal string that looks like a path kept as a Rust expression, and
// `try_workflow!`.
use sfn::builder::Resource;
use sfn::{Diagnostics, StateMachine, path};

fn main() {
    let arn = Resource::lambda_function("arn:aws:lambda:us-east-1:123456789012:function:f");
    let queue = String::from("https://sqs.us-east-1.amazonaws.com/123456789012/q");
    let minutes = 5;
    let m: StateMachine = sfn::workflow!({
        "Comment": format!("runs every {minutes} minutes"),
        "StartAt": "Call",
        "States": {
            "Call": {
                "Type": "Task",
                "Resource": arn,
                "TimeoutSeconds": (60 * minutes),
                "Parameters": {
                    "Queue": queue,
                    "Id.$": path!("$.id"),
                    "Pattern": ("$.literally"),
                    "Count": 3,
                    "Nested": { "Token.$": "$$.Task.Token", "List": [1, "two", null, true,], },
                },
                "Retry": [ { "ErrorEquals": [ "States.Timeout" ], "MaxAttempts": (2 + 1) }, ],
                "End": true,
            },
        },
    });
    let _ = m;
    let braces: StateMachine = sfn::workflow! {
        "StartAt": "Done",
        "States": { "Done": { "Type": "Succeed" } }
    };
    let _ = braces;
    let tried: Result<StateMachine, Diagnostics> = sfn::try_workflow!({
        "StartAt": "Done",
        "States": { "Done": { "Type": "Succeed" } }
    });
    let _ = tried;
}
