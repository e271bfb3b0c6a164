// Interpolated Rust values are not allowed where the macro needs the literal to check the
// definition: `Type`, transitions, `States`, whole states or Retry entries, ….
fn main() {
    let next = "B";
    let kind = "Pass";
    let retrier = ();
    let states = ();
    let _m = sfn::workflow!({
        "StartAt": "A",
        "States": {
            "A": { "Type": kind, "Next": next },
            "B": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                   "Retry": [ retrier ], "End": true },
            "C": { "Type": "Parallel", "Branches": [ { "StartAt": "X", "States": states } ], "End": true }
        }
    });
}
