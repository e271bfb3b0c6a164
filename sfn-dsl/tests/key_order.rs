//! Literal objects keep the author's key order through import, `workflow!`, the builder and
//! serialization by themselves, without serde_json's `preserve_order` feature (which `cargo
//! test -p sfn-dsl` does not turn on: see `tests/serde_json_features.rs` at the root).

use sfn::payload::Literal;
use sfn_dsl::builder::*;
use sfn_dsl::model::{State, StateMachine};
use sfn_dsl::payload::PayloadValue;

/// Keys out of alphabetical order at every level: a sorted `Map` would reorder each object.
const RESULT: &str = r#"{"zeta":1,"alpha":{"y":[{"b":1,"a":2}],"x":null},"mid":"m"}"#;
const PARAMETERS: &str =
    r#"{"Zed":{"q":true,"p":false},"Tags":[{"Value":"v","Key":"k"}],"Id.$":"$.id","Alpha":1.5}"#;

fn definition() -> String {
    format!(
        r#"{{"StartAt":"P","States":{{"P":{{"Type":"Pass","Parameters":{PARAMETERS},"Result":{RESULT},"End":true}}}}}}"#
    )
}

fn written(machine: &StateMachine) -> String {
    serde_json::to_string(machine).unwrap()
}

fn assert_in_order(text: &str) {
    assert!(text.contains(&format!(r#""Result":{RESULT}"#)), "{text}");
    assert!(
        text.contains(&format!(r#""Parameters":{PARAMETERS}"#)),
        "{text}"
    );
}

#[test]
fn import_keeps_literal_key_order() {
    let m = StateMachine::from_json(&definition()).unwrap();
    assert_in_order(&written(&m));
    assert_in_order(&sfn::to_json_pretty(&m).replace([' ', '\n'], ""));
}

#[test]
fn deserialize_keeps_literal_key_order() {
    let m: StateMachine = serde_json::from_str(&definition()).unwrap();
    assert_in_order(&written(&m));
    let state: State = serde_json::from_str(&format!(
        r#"{{"Type":"Pass","Result":{RESULT},"End":true}}"#
    ))
    .unwrap();
    assert!(serde_json::to_string(&state).unwrap().contains(RESULT));
}

#[test]
fn workflow_keeps_literal_key_order() {
    let m = sfn::workflow!({
        "StartAt": "P",
        "States": {
            "P": {
                "Type": "Pass",
                "Parameters": {
                    "Zed": { "q": true, "p": false },
                    "Tags": [{ "Value": "v", "Key": "k" }],
                    "Id.$": "$.id",
                    "Alpha": 1.5
                },
                "Result": { "zeta": 1, "alpha": { "y": [{ "b": 1, "a": 2 }], "x": null }, "mid": "m" },
                "End": true
            }
        }
    });
    assert_in_order(&written(&m));
}

#[test]
fn builder_keeps_literal_key_order() {
    let mut m = StateMachine::builder();
    let p = m.declare("P");
    m.start_at(p);
    let parameters: PayloadValue = sfn_dsl::payload! {
        "Zed": { "q": true, "p": false },
        "Tags": [{ "Value": "v", "Key": "k" }],
        "Id": sfn::path::Path::input().field("id"),
        "Alpha": Literal::from(1.5),
    };
    let result: Literal = RESULT.parse().unwrap();
    m.define(p, Pass::new().parameters(parameters).result(result).end());
    assert_in_order(&written(&m.build().unwrap()));
}

#[test]
fn literals_read_and_write_in_order() {
    let l: Literal = RESULT.parse().unwrap();
    assert_eq!(l.to_string(), RESULT);
    let l: Literal = serde_json::from_str(RESULT).unwrap();
    assert_eq!(l.to_string(), RESULT);
    assert_eq!(
        serde_json::to_string(&PayloadValue::Literal(l)).unwrap(),
        RESULT
    );
    // Equality is JSON's: the same members in any order.
    let sorted: Literal = r#"{"alpha":{"x":null,"y":[{"a":2,"b":1}]},"mid":"m","zeta":1}"#
        .parse()
        .unwrap();
    assert_eq!(sorted, RESULT.parse::<Literal>().unwrap());
    assert_ne!(sorted.to_string(), RESULT);
}

/// Numbers as serde_json reads them with `float_roundtrip` (on in this crate's dev-dependency
/// only): sfn's reader parses them itself.
#[test]
fn literal_numbers_read_as_serde_json_reads_them() {
    for text in [
        "1.0000000000000002",
        "-0",
        "-0.0",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "1e-400",
        "2.2250738585072011e-308",
        "0.1",
        "977088.2294437439",
        "1E+2",
        "123456789012345678901234567890e-10",
    ] {
        let ours = text.parse::<Literal>().unwrap();
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(ours, theirs, "{text}");
        assert_eq!(ours.to_string(), theirs.to_string(), "{text}");
    }
    assert_eq!(
        "1.0000000000000002".parse::<Literal>().unwrap().to_string(),
        "1.0000000000000002"
    );
    let err = "1e400".parse::<Literal>().unwrap_err();
    assert!(
        err.message.contains("number out of range"),
        "{}",
        err.message
    );
}

/// What converts into a `serde_json::Value` converts into a `Literal` (an interpolated Rust
/// value in a Pass `Result` of `workflow!` takes `impl Into<Literal>`).
#[test]
fn literal_conversions() {
    assert_eq!(Literal::from(vec![1, 2]).to_string(), "[1,2]");
    assert_eq!(Literal::from(&["a", "b"][..]).to_string(), r#"["a","b"]"#);
    assert_eq!(Literal::from([true]).to_string(), "[true]");
    assert_eq!(Literal::from(Some(1.5)).to_string(), "1.5");
    assert_eq!(Literal::from(None::<i32>), Literal::Null);
    assert_eq!(Literal::from(f64::NAN), Literal::Null);
    assert_eq!(
        Literal::from(std::borrow::Cow::Borrowed("x")).as_str(),
        Some("x")
    );
    let from_pairs: Literal = [("z", 1), ("a", 2)].into_iter().collect();
    assert_eq!(from_pairs.to_string(), r#"{"z":1,"a":2}"#);
    // A repeated key keeps its first place and its last value, as serde_json reads it.
    let repeated = Literal::object([("z", 1.into()), ("a", 2.into()), ("z", 3.into())]);
    assert_eq!(repeated.to_string(), r#"{"z":3,"a":2}"#);
    let wide: Literal = (0..40).map(|i| (format!("k{}", i % 20), i)).collect();
    assert_eq!(wide.as_object().map(<[_]>::len), Some(20));
    assert_eq!(wide.get("k0"), Some(&Literal::from(20)));
    let read: Literal = serde_json::from_str(r#"{"b":1,"a":2,"b":3}"#).unwrap();
    assert_eq!(read.to_string(), r#"{"b":3,"a":2}"#);
    // And back.
    let value = serde_json::Value::from(&from_pairs);
    assert_eq!(value, serde_json::json!({"a": 2, "z": 1}));
    assert_eq!(Literal::from(value), from_pairs);
}
