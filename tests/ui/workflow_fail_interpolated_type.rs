// Elsewhere an interpolated value's type is checked by rustc, at the user's expression.
fn main() {
    let seconds = String::from("10");
    let path = 42;
    let _m = sfn::workflow!({
        "StartAt": "A",
        "States": {
            "A": { "Type": "Wait", "Seconds": seconds, "Next": "B" },
            "B": { "Type": "Pass", "InputPath": path, "End": true }
        }
    });
}
