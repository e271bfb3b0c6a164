// Fields: unknown for the state's type (with "did you mean"), missing, of the wrong JSON type,
// mutually exclusive, an unknown `Type`.
fn main() {
    let _m = sfn::workflow!({
        "StartAt": "Work",
        "States": {
            "Work": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
                "ResultPth": "$.result",
                "Next": "No resource"
            },
            "No resource": { "Type": "Task", "Next": "Wait" },
            "Wait": { "Type": "Wait", "Seconds": "10", "Next": "Both waits" },
            "Both waits": { "Type": "Wait", "Seconds": 5, "SecondsPath": "$.s", "Next": "Typo" },
            "Typo": { "Type": "Tsak", "End": true }
        }
    });
}
