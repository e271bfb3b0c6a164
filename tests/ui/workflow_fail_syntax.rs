// Malformed input: a key that is not a string, a missing `:`, a missing `,`, a value that is
// not JSON, an empty value. Every one is reported in one compile.
fn main() {
    let _m = sfn::workflow!({
        StartAt: "A",
        "Comment" "no colon",
        "States": {
            "A": { "Type": "Pass" "End": true },
            "B": { "Type": 'P', "End": true },
            "C": { "Type": , "End": true }
        }
    });
}
