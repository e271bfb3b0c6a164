// Fields that take a path as such: checked as paths, and never written with `.$`.
fn main() {
    let _m = sfn::workflow!({
        "StartAt": "Work",
        "States": {
            "Work": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
                "InputPath.$": "$.input",
                "ResultPath": "$.items[*]",
                "OutputPath": "$.a b",
                "Next": "Wait"
            },
            "Wait": { "Type": "Wait", "SecondsPath": "$.delay[", "Next": "Check" },
            "Check": {
                "Type": "Choice",
                "Choices": [ { "Variable": "status", "StringEquals": "done", "Next": "Done" } ],
                "Default": "Wait"
            },
            "Done": { "Type": "Succeed" }
        }
    });
}
