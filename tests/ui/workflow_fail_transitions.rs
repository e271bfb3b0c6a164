// `Next` and `End` together, neither, on the states that take none, `"End": false`, and a
// Choice rule without `Next`.
fn main() {
    let _m = sfn::workflow!({
        "StartAt": "Both",
        "States": {
            "Both": { "Type": "Pass", "Next": "Neither", "End": true },
            "Neither": { "Type": "Pass" },
            "Not ending": { "Type": "Pass", "End": false },
            "Check": {
                "Type": "Choice",
                "Choices": [ { "Variable": "$.ok", "BooleanEquals": true } ],
                "Default": "Done",
                "Next": "Done"
            },
            "Done": { "Type": "Succeed", "End": true },
            "Failed": { "Type": "Fail", "Next": "Done" }
        }
    });
}
