fn main() {
    let _ok = sfn::path!("$.detail.status");
    let _bad = sfn::path!("$.detail..[status");
    let _raw = sfn::path!(r"$.a b");
}
