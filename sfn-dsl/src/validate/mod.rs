//! The validator: every rule of sfn, once, over the typed model.
//!
//! [`validate`] returns every finding (errors and warnings) with its rule code, the JSON pointer
//! of the offending field and a help line. The builder's `build()`, the `workflow!` macro and
//! `sfn validate` all run these same rules.
//!
//! ```
//! use sfn_dsl::model::StateMachine;
//! use sfn_dsl::validate::validate;
//!
//! let m = StateMachine::from_json(r#"{
//!     "StartAt": "A",
//!     "States": { "A": { "Type": "Pass", "Next": "B" }, "B": { "Type": "Succeed" }, "C": { "Type": "Succeed" } }
//! }"#).unwrap();
//! let findings = validate(&m);
//! assert_eq!(findings.len(), 1);
//! assert_eq!(findings[0].code.as_str(), "SFN012"); // "C" is unreachable
//! assert_eq!(findings[0].pointer, "/States/C");
//! ```

mod damage;
mod fields;
mod graph;
mod resource;
mod timestamp;

use crate::diagnostic::{Diagnostic, Diagnostics, Pointer};
use crate::model::StateMachine;

pub use timestamp::is_rfc3339;

/// Checks a machine against every rule; returns all findings in document order.
pub fn validate(machine: &StateMachine) -> Vec<Diagnostic> {
    let mut v = Validator::default();
    v.machine(machine);
    v.diags
}

/// Imports and validates a JSON value, continuing after import errors so that every problem
/// is reported at once. Findings of the validator that would only repeat an import error are
/// dropped: those at or below a place that already has an import error, and graph findings
/// (unreachable, no terminal, missing target) caused by a state, Choice rule or transition the
/// importer could not read.
pub fn check_value(value: &serde_json::Value) -> Vec<Diagnostic> {
    let (machine, mut diags) = crate::import::import_lenient(value);
    if let Some(m) = machine {
        let import_ptrs: Vec<String> = diags.iter().map(|d| d.pointer.clone()).collect();
        let damage = if diags.iter().any(Diagnostic::is_error) {
            damage::Damage::find(value, &m)
        } else {
            damage::Damage::default()
        };
        for d in validate(&m) {
            // A template field is `key` in the model and `key.$` in the file when its path
            // did not parse: the same field.
            let dollar = format!("{}.$", d.pointer);
            let shadowed = import_ptrs.iter().any(|p| {
                d.pointer == *p
                    || *p == dollar
                    || d.pointer.starts_with(&format!("{p}/"))
                    || p.starts_with(&format!("{}/", d.pointer))
            }) || damage.explains(&d, value);
            if !shadowed {
                diags.push(d);
            }
        }
    }
    diags
}

impl StateMachine {
    /// Validates the machine, failing with every error found (warnings do not fail).
    pub fn validated(self) -> Result<StateMachine, Diagnostics> {
        let diags = validate(&self);
        if diags.iter().any(Diagnostic::is_error) {
            Err(Diagnostics(diags))
        } else {
            Ok(self)
        }
    }
}

#[derive(Default)]
pub(crate) struct Validator<'m> {
    pub(crate) diags: Vec<Diagnostic>,
    /// Every state name of the machine with the pointer of its first definition.
    pub(crate) all_names: std::collections::HashMap<&'m str, Pointer>,
    /// The machine's top-level query language is JSONata.
    pub(crate) machine_jsonata: bool,
}
