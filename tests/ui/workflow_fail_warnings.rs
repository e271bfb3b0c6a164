// Lints at level warn are compiler warnings on the offending token; the levels can be changed
// inside the macro with `#![allow(…)]`, `#![warn(…)]`, `#![deny(…)]`. (The type error at the
// end makes the compilation fail, so that this test records the warnings.)
fn main() {
    // SFN033 (a task token never passed) and SFN042 (a one-character error name) warn.
    let _warned = sfn::workflow!({
        "StartAt": "Notify",
        "States": {
            "Notify": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q" },
                "Retry": [{ "ErrorEquals": ["X"] }],
                "End": true
            }
        }
    });
    // Allowed: nothing is said. Denied: a compile error.
    let _quiet = sfn::workflow!(#![allow(SFN033, SFN042)] {
        "StartAt": "Notify",
        "States": {
            "Notify": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q" },
                "Retry": [{ "ErrorEquals": ["X"] }],
                "End": true
            }
        }
    });
    let _denied = sfn::workflow!(#![deny(warnings)] #![allow(SFN033)] {
        "StartAt": "Notify",
        "States": {
            "Notify": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q" },
                "Retry": [{ "ErrorEquals": ["X"] }],
                "End": true
            }
        }
    });
    // An error (AWS refuses the definition) cannot be allowed.
    let _bad = sfn::workflow!(#![allow(SFN011)] {
        "StartAt": "A",
        "States": { "A": { "Type": "Pass", "End": true } }
    });
    let _: u8 = "the end";
}
