// No definition, an empty object, a definition that is not an object.
fn main() {
    let _a = sfn::workflow!();
    let _b = sfn::workflow!({});
    let _c = sfn::workflow!([1, 2]);
    let _d = sfn::workflow!({ "StartAt": "A", "States": {} });
}
