//! Generated documentation stays in sync with the code.

use std::path::Path;

/// `docs/rules.md` is generated from the rule table; regenerate with `SFN_BLESS=1`.
#[test]
fn rules_reference_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let expected = sfn::rules::reference_markdown();
    if std::env::var("SFN_BLESS").as_deref() == Ok("1") {
        std::fs::write(&path, &expected).expect("write docs/rules.md");
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is stale: run `SFN_BLESS=1 cargo test --test docs` and commit the result"
    );
}
