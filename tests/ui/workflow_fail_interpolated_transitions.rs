// A transition, Choice rule or Catch entry that cannot be interpolated is the only error of its
// scope: the states it may lead to are not reported as unreachable, in the machine or in a
// Map's processor.
fn main() {
    let next = "B";
    let entry = ();
    let _m = sfn::workflow!({
        "StartAt": "A",
        "States": {
            "A": { "Type": "Pass", "Next": next },
            "B": { "Type": "Map", "Next": "C", "ItemProcessor": { "StartAt": "X", "States": {
                "X": { "Type": "Pass", "Next": next },
                "Y": { "Type": "Succeed" }
            } } },
            "C": { "Type": "Choice", "Choices": [ entry ], "Default": "D" },
            "D": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                   "Catch": [ entry ], "End": true }
        }
    });
}
