// An unreachable state, and a scope whose every path loops forever.
fn main() {
    let _unreachable = sfn::workflow!({
        "StartAt": "A",
        "States": {
            "A": { "Type": "Pass", "Next": "B" },
            "B": { "Type": "Succeed" },
            "Orphan": { "Type": "Succeed" }
        }
    });
    let _loop = sfn::workflow!({
        "StartAt": "Ping",
        "States": {
            "Ping": { "Type": "Pass", "Next": "Pong" },
            "Pong": { "Type": "Wait", "Seconds": 1, "Next": "Ping" }
        }
    });
}
