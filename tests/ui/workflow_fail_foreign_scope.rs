// A transition cannot enter or leave a Parallel branch or a Map processor.
fn main() {
    let _m = sfn::workflow!({
        "StartAt": "Fan out",
        "States": {
            "Fan out": {
                "Type": "Parallel",
                "Branches": [
                    {
                        "StartAt": "Left",
                        "States": { "Left": { "Type": "Pass", "Next": "Done" } }
                    }
                ],
                "Next": "Each"
            },
            "Each": {
                "Type": "Map",
                "ItemProcessor": {
                    "StartAt": "Item",
                    "States": { "Item": { "Type": "Pass", "End": true } }
                },
                "Next": "Item"
            },
            "Done": { "Type": "Succeed" }
        }
    });
}
