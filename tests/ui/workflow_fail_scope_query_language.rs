// `QueryLanguage` on a Map's processor or a Parallel branch: AWS refuses it (their states use the
// machine's language), so it is an unknown field.
fn main() {
    let _m = sfn::workflow!({
        "StartAt": "Each",
        "States": {
            "Each": {
                "Type": "Map",
                "ItemProcessor": {
                    "QueryLanguage": "JSONata",
                    "StartAt": "P",
                    "States": { "P": { "Type": "Pass", "End": true } }
                },
                "Next": "Both"
            },
            "Both": {
                "Type": "Parallel",
                "Branches": [
                    { "QueryLanguage": "JSONata", "StartAt": "B", "States": { "B": { "Type": "Pass", "End": true } } }
                ],
                "End": true
            }
        }
    });
}
