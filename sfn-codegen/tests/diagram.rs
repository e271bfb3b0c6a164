//! `sfn diagram`: Mermaid and DOT flowcharts, snapshot-tested for the seed machines and for
//! hand-written machines with Parallel, Map, Catch and names that need escaping.
//!
//! Update the snapshots with `INSTA_UPDATE=always cargo test -p sfn-codegen --test diagram`
//! (or `cargo insta review`) and review the `.snap` files.

mod common;

use sfn_codegen::diagram::{dot, mermaid};
use sfn_dsl::model::StateMachine;

#[test]
fn seeds() {
    let Some(shared) = common::shared_dir("diagram::seeds") else {
        return;
    };
    for (name, path) in common::seeds(&shared) {
        let text = std::fs::read_to_string(&path).unwrap();
        let m = StateMachine::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        insta::assert_snapshot!(format!("mermaid-{name}"), mermaid(&m));
        insta::assert_snapshot!(format!("dot-{name}"), dot(&m));
    }
}

/// Parallel with two branches, a Map with a nested Choice, Catch edges, and state names with
/// quotes, brackets, `#`, `<>`, a backtick, `direction TB` and non-ASCII text.
const NESTED: &str = r##"{
  "Comment": "escaping and nesting",
  "StartAt": "Fan \"out\" [1]",
  "States": {
    "Fan \"out\" [1]": {
      "Type": "Parallel",
      "Branches": [
        {"StartAt": "Résumé #1", "States": {
          "Résumé #1": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}
        }},
        {"StartAt": "注文 <check>", "States": {
          "注文 <check>": {"Type": "Wait", "Seconds": 5, "Next": "`done`"},
          "`done`": {"Type": "Succeed"}
        }}
      ],
      "Catch": [{"ErrorEquals": ["States.TaskFailed", "States.Timeout"], "Next": "Oops {x}"}],
      "Next": "Each item"
    },
    "Each item": {
      "Type": "Map",
      "ItemsPath": "$.items",
      "ItemProcessor": {
        "StartAt": "direction TB",
        "States": {
          "direction TB": {"Type": "Choice", "Choices": [
            {"And": [
              {"Variable": "$.kind", "StringEquals": "a&b"},
              {"Not": {"Variable": "$.n", "NumericGreaterThanEqualsPath": "$.max"}}
            ], "Next": "Keep"},
            {"Variable": "$.skip", "IsPresent": true, "Next": "Drop"}
          ], "Default": "Keep"},
          "Keep": {"Type": "Pass", "End": true},
          "Drop": {"Type": "Fail", "Error": "Dropped"}
        }
      },
      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Oops {x}"}],
      "End": true
    },
    "Oops {x}": {"Type": "Fail", "Error": "Failed", "Cause": "see logs"}
  }
}"##;

/// JSONata conditions (shortened), a constant condition and a distributed Map.
const JSONATA: &str = r#"{
  "QueryLanguage": "JSONata",
  "StartAt": "Route",
  "States": {
    "Route": {"Type": "Choice", "Choices": [
      {"Condition": "{% $states.input.order.total > 1000 and $states.input.customer.tier = 'gold' %}", "Next": "Big"},
      {"Condition": false, "Next": "Never"}
    ], "Default": "Small"},
    "Big": {"Type": "Map", "ItemProcessor": {
      "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
      "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}}, "End": true},
    "Small": {"Type": "Succeed"},
    "Never": {"Type": "Succeed"}
  }
}"#;

/// The Mermaid and DOT diagrams of `definition` match snapshots `mermaid-NAME` and `dot-NAME`;
/// the Mermaid text, for the checks of the test.
fn both_snapshots(name: &str, definition: &str) -> String {
    let m = StateMachine::from_json(definition).unwrap();
    let mm = mermaid(&m);
    insta::assert_snapshot!(format!("mermaid-{name}"), mm);
    insta::assert_snapshot!(format!("dot-{name}"), dot(&m));
    mm
}

#[test]
fn nested_and_escaped() {
    let mm = both_snapshots("nested-and-escaped", NESTED);
    // Ids are plain identifiers; raw quotes, `#` and angle brackets appear only as entities.
    for line in mm.lines().skip(1) {
        let id: String = line
            .trim_start()
            .chars()
            .take_while(|c| !c.is_whitespace() && !"([{".contains(*c))
            .collect();
        if id == "subgraph" || id == "end" || id == "classDef" {
            continue;
        }
        assert!(
            id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "unsafe id {id:?} in {line:?}"
        );
    }
    assert!(!mm.contains("<check>"));
    assert!(mm.contains("#quot;out#quot; [1]"));
    assert!(mm.contains("Résumé #35;1"));
    assert!(mm.contains("#100;irection TB"));
    assert!(mm.contains("-.->|\"States.TaskFailed, States.Timeout\"|"));
    assert!(mm.contains("|\"And($.kind == #quot;a#amp;b#quot;, Not($.n #gt;= $.max))\"|"));
}

#[test]
fn jsonata_conditions_are_shortened() {
    let mm = both_snapshots("jsonata", JSONATA);
    // Cut at 40 characters before escaping.
    assert!(mm.contains("|\"$states.input.order.total #gt; 1000 and $s…\"|"));
    assert!(mm.contains("|\"false\"|"));
    assert!(mm.contains("|\"default\"|"));
}

#[test]
fn output_is_deterministic_and_ids_do_not_clash() {
    let m = StateMachine::from_json(
        r#"{"StartAt": "a b", "States": {
            "a b": {"Type": "Pass", "Next": "a_b"},
            "a_b": {"Type": "Pass", "Next": "a-b"},
            "a-b": {"Type": "Pass", "Next": "Missing target"}
        }}"#,
    )
    .unwrap();
    let first = mermaid(&m);
    assert_eq!(first, mermaid(&m));
    assert_eq!(dot(&m), dot(&m));
    assert!(first.contains("    s_a_b(\"a b\")\n"), "{first}");
    assert!(first.contains("    s_a_b_2(\"a_b\")\n"), "{first}");
    assert!(first.contains("(\"a-b\")"), "{first}");
    // An unknown target (invalid machine) still draws, marked missing.
    assert!(
        first.contains("[\"Missing target (missing)\"]:::missing"),
        "{first}"
    );
}
