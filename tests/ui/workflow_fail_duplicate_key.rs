// A key twice in one object: an error on the second.
fn main() {
    let _m = sfn::workflow!({
        "StartAt": "A",
        "States": {
            "A": { "Type": "Pass", "Next": "B", "Next": "C" },
            "B": { "Type": "Succeed" },
            "C": { "Type": "Succeed" }
        }
    });
}
