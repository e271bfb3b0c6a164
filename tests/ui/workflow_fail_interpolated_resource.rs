// An interpolated `Resource` leaves to run time only the rules that read it (the task token):
// `States.ALL` out of place and a heartbeat not below the timeout are still compile errors,
// each on its literal.
fn main() {
    let submit_arn = "arn:aws:lambda:eu-west-1:123456789012:function:submit";
    let _m = sfn::workflow!({
        "StartAt": "Submit",
        "States": {
            "Submit": {
                "Type": "Task",
                "Resource": submit_arn,
                "TimeoutSeconds": 30,
                "HeartbeatSeconds": 60,
                "Catch": [
                    { "ErrorEquals": ["States.ALL"], "Next": "Failed" },
                    { "ErrorEquals": ["States.Timeout"], "Next": "Failed" }
                ],
                "End": true
            },
            "Failed": { "Type": "Fail" }
        }
    });
}
