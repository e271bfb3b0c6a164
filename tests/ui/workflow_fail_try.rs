// `try_workflow!` checks the same rules at compile time.
fn main() {
    let _m = sfn::try_workflow!({
        "StartAt": "A",
        "States": { "A": { "Type": "Pass", "Nxet": "A" } }
    });
}
