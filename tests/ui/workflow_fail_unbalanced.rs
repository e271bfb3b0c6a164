// Unbalanced braces never reach the macro: rustc's tokenizer rejects them first, pointing at
// the unclosed delimiter. The macro itself is never entered, so it cannot misbehave.
fn main() {
    let _m = sfn::workflow!({
        "StartAt": "A",
        "States": { "A": { "Type": "Pass", "End": true }
    });
}
