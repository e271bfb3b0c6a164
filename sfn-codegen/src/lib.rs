//! JSON emission, the `build.rs` generator and the templates of sfn.
//!
//! [`to_json_pretty`] writes a machine in the canonical form: the key order of the AWS
//! documentation, two-space indentation, a trailing newline, identical bytes on every run.
//! The [`templates`] are always there; every other part is a cargo feature, off by default:
//!
//! | feature | what it adds |
//! |---|---|
//! | `generator` | `Generator`: writes definitions from `build.rs`, with a check mode (implies `report`) |
//! | `report` | `report`: rustc-style reports of findings, with the offending line |
//! | `schema` | `schema`: the JSON Schema of ASL definitions |
//! | `import` | `rustgen`: Rust code that rebuilds a definition |
//! | `diagram` | `diagram`: Mermaid and Graphviz flowcharts |

#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "diagram")]
pub mod diagram;
#[cfg(feature = "generator")]
pub mod generator;
#[cfg(feature = "report")]
pub mod report;
#[cfg(feature = "import")]
pub mod rustgen;
#[cfg(feature = "schema")]
pub mod schema;
pub mod templates;

#[cfg(feature = "generator")]
pub use generator::{GenerateError, Generated, Generator, generate};

use sfn_dsl::model::StateMachine;

/// The canonical pretty JSON of a machine: keys in the AWS documentation's order, states in
/// declaration order, two-space indentation and a trailing newline.
///
/// ```
/// let m = sfn::model::StateMachine::from_json(
///     r#"{"States": {"A": {"End": true, "Type": "Pass"}}, "StartAt": "A"}"#,
/// ).unwrap();
/// assert_eq!(
///     sfn::to_json_pretty(&m),
///     "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Pass\",\n      \"End\": true\n    }\n  }\n}\n"
/// );
/// ```
pub fn to_json_pretty(machine: &StateMachine) -> String {
    // serde_json's own pretty printer: the model's `Serialize` writes the keys in canonical
    // order. A state takes 100 to 2,000 bytes: starting at 128 per state saves the smallest
    // doublings of the buffer without reserving much that stays unused.
    let capacity = machine.states.count_nested().saturating_mul(128).max(256);
    let mut out = Vec::with_capacity(capacity);
    let mut ser = serde_json::Serializer::pretty(&mut out);
    // Serializing the model cannot fail: it holds only strings, finite numbers and JSON values.
    if let Err(e) = serde::Serialize::serialize(machine, &mut ser) {
        return format!("{{\"error\": \"{e}\"}}\n");
    }
    out.push(b'\n');
    // serde_json writes UTF-8 only.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
