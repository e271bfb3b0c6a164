// `Next`, `Default`, `StartAt` and a Catch's `Next` naming a state that does not exist: one
// error each, on the name, with "did you mean".
fn main() {
    let _m = sfn::workflow!({
        "StartAt": "Sumbit",
        "States": {
            "Submit": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:submit",
                "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Handle Eror" } ],
                "Next": "Wiat"
            },
            "Wait": { "Type": "Wait", "Seconds": 5, "Next": "Done?" },
            "Done?": {
                "Type": "Choice",
                "Choices": [ { "Variable": "$.done", "BooleanEquals": true, "Next": "Succeeded" } ],
                "Default": "Wiat"
            },
            "Succeeded": { "Type": "Succeed" },
            "Handle Error": { "Type": "Fail" }
        }
    });
}
