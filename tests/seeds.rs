//! The seed definitions (`../shared/seeds/asl/seed-*.json`): each one validates without findings,
//! and its canonical form (`sfn fmt`) is snapshot-tested so a change in emission shows up as a
//! readable diff.

mod common;

use common::{read_definition, semantic_diff, shared_dir};

#[test]
fn every_seed_validates_and_round_trips() {
    let Some(shared) = shared_dir("every_seed_validates_and_round_trips") else {
        return;
    };
    let dir = shared.join("seeds/asl");
    let mut seeds: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds/asl")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("seed-"))
        })
        .collect();
    seeds.sort();
    assert_eq!(
        seeds.len(),
        7,
        "expected the seven seed machines in {}",
        dir.display()
    );
    for path in seeds {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let value = read_definition(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let findings = sfn::validate::check_value(&value);
        assert!(
            findings.is_empty(),
            "{name}:\n{}",
            findings
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
        let machine = sfn::StateMachine::from_value(&value).expect("imports");
        let pretty = sfn::to_json_pretty(&machine);
        let back: serde_json::Value = serde_json::from_str(&pretty).unwrap();
        assert_eq!(semantic_diff(&value, &back, ""), None, "{name}");
        // fmt is a fixed point
        let again = sfn::StateMachine::from_json(&pretty).expect("re-imports");
        assert_eq!(
            sfn::to_json_pretty(&again),
            pretty,
            "{name}: fmt(fmt(x)) != fmt(x)"
        );
        insta::assert_snapshot!(format!("fmt-{name}"), pretty);
    }
}
