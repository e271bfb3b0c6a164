// The other rules of the validator, with their codes: `States.ALL` not last, a
// `.waitForTaskToken` task that never passes the token, a state name over 80 characters,
// JSONPath fields in a JSONata state, numbers out of range, heartbeat vs timeout, timestamps.
fn main() {
    let _m = sfn::workflow!({
        "StartAt": "Notify",
        "States": {
            "Notify": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q" },
                "TimeoutSeconds": 60,
                "HeartbeatSeconds": 60,
                "Retry": [
                    { "ErrorEquals": ["States.ALL"] },
                    { "ErrorEquals": ["States.Timeout"], "BackoffRate": 0.5 }
                ],
                "Next": "A state whose name is far too long to be accepted by AWS Step Functions: it has 87 chars"
            },
            "A state whose name is far too long to be accepted by AWS Step Functions: it has 87 chars": {
                "Type": "Pass",
                "Next": "Modern"
            },
            "Modern": {
                "Type": "Pass",
                "QueryLanguage": "JSONata",
                "InputPath": "$.input",
                "Next": "Later"
            },
            "Later": { "Type": "Wait", "Timestamp": "2026-01-01 00:00:00", "End": true }
        }
    });
}
