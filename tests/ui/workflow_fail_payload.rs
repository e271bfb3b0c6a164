// Payload templates: a `"Key.$"` value that is not a valid path or intrinsic (the byte offset
// of the first bad character is in the message), and a `"Key"` without `.$` whose string is a
// path, a context path or an intrinsic (an error in the macro, with the fix-its).
fn main() {
    let _m = sfn::workflow!({
        "StartAt": "Call",
        "States": {
            "Call": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {
                    "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:f",
                    "Payload": {
                        "Id.$": "$.order..[id",
                        "Sum.$": "States.MathAdd($.a)",
                        "Oops.$": "order.id",
                        "Execution": "$.execution",
                        "Token": "$$.Task.Token",
                        "Greeting": "States.Format('Hello {}', $.name)"
                    }
                },
                "ResultSelector": { "Body": "$.Payload.body" },
                "Assign": { "total": "$.total" },
                "Credentials": { "RoleArn.$": "$.role arn" },
                "End": true
            }
        }
    });
}
