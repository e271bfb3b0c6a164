//! `sfn` forces no serde_json feature on its users: `preserve_order` and `float_roundtrip` would
//! change `serde_json::Map` and number parsing in every crate of a program that depends on `sfn`
//! (cargo unifies features). The model keeps the author's key order itself (`payload::Literal`)
//! and sfn's reader parses numbers itself. Only the simulator (`sim`) turns the features on,
//! for execution data.

use std::process::Command;

const FORCED: [&str; 2] = ["preserve_order", "float_roundtrip"];

/// The serde_json features `cargo tree` shows for `package` with `args` (`-e` edge kinds and
/// `--features`).
fn serde_json_features(package: &str, args: &[&str]) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut tree = Command::new(cargo);
    tree.current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["tree", "--offline", "--locked", "-p", package])
        .args(args);
    let text = sfn_test_support::stdout_of(tree, &format!("cargo tree -p {package} {args:?}"));
    assert!(text.contains("serde_json feature"), "{text}");
    let mut found: Vec<String> = text
        .lines()
        .filter_map(|l| l.split("serde_json feature \"").nth(1))
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn no_serde_json_feature_is_forced_on_users() {
    for features in ["", "codegen", "schema", "import", "report", "diagram"] {
        let mut args = vec!["-e", "features,normal"];
        if !features.is_empty() {
            args.extend(["--features", features]);
        }
        let found = serde_json_features("sfn", &args);
        for f in FORCED {
            assert!(
                !found.iter().any(|x| x == f),
                "`sfn` with features [{features}] turns on serde_json's `{f}`: {found:?}"
            );
        }
    }
    // Everything but the simulator, at once.
    let found = serde_json_features(
        "sfn",
        &[
            "-e",
            "features,normal",
            "--features",
            "codegen,schema,import,report,diagram",
        ],
    );
    assert!(
        !found.iter().any(|x| FORCED.contains(&x.as_str())),
        "{found:?}"
    );
}

/// The simulator does turn them on (its execution data is `serde_json::Value`, and AWS keeps
/// its key order), as documented.
#[test]
fn the_simulator_turns_them_on() {
    let found = serde_json_features("sfn", &["-e", "features,normal", "--features", "sim"]);
    for f in FORCED {
        assert!(found.iter().any(|x| x == f), "{f}: {found:?}");
    }
}

/// `cargo test -p sfn-dsl` builds without `preserve_order` (its dev-dependencies add only
/// `float_roundtrip`), so that its `key_order` tests check that the model keeps key order by
/// itself.
#[test]
fn sfn_dsl_tests_run_without_preserve_order() {
    let found = serde_json_features("sfn-dsl", &["-e", "features,normal,dev"]);
    assert!(!found.iter().any(|x| x == "preserve_order"), "{found:?}");
}
