use sfn::literal;

fn main() {
    // `json!` takes a variable as a key; `literal!` takes string literals only.
    let key = "name";
    let _l = literal!({ "id": 1, key: "x" });
}
