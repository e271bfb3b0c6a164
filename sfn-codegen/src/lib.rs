//! JSON emission and the `sfn` command-line tool.
//!
//! [`to_json_pretty`] writes a machine in the canonical form: the key order of the AWS
//! documentation, two-space indentation, a trailing newline, identical bytes on every run.

pub mod diagram;
pub mod generator;
mod pretty;
pub mod report;
pub mod rustgen;
pub mod schema;
pub mod templates;

pub use generator::{GenerateError, Generated, Generator, generate};

use sfn_dsl::model::StateMachine;

/// The canonical pretty JSON of a machine: keys in the AWS documentation's order, states in
/// declaration order, two-space indentation and a trailing newline.
///
/// ```
/// let m = sfn_dsl::model::StateMachine::from_json(
///     r#"{"States": {"A": {"End": true, "Type": "Pass"}}, "StartAt": "A"}"#,
/// ).unwrap();
/// assert_eq!(
///     sfn_codegen::to_json_pretty(&m),
///     "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Pass\",\n      \"End\": true\n    }\n  }\n}\n"
/// );
/// ```
pub fn to_json_pretty(machine: &StateMachine) -> String {
    // Serializing the model cannot fail: it holds only strings, finite numbers and JSON values.
    // A state takes 100 to 2,000 bytes: starting at 128 per state saves the smallest doublings
    // of the buffer (each a copy of all written so far) without reserving much that stays unused.
    let capacity = machine.states.count_nested().saturating_mul(128).max(256);
    pretty::to_string_pretty(machine, capacity)
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}\n"))
}
