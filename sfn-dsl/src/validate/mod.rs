//! The validator: every rule of sfn, once, over the typed model.
//!
//! [`validate`] returns every finding (errors and warnings) with its rule code, the JSON pointer
//! of the offending field and a help line. The builder's `build()`, the `workflow!` macro and
//! `sfn validate` all run these same rules.
//!
//! ```
//! use sfn::model::StateMachine;
//! use sfn::validate::validate;
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

mod follow_on;
pub(crate) mod rules;
mod walk;

use crate::diagnostic::{Diagnostic, Diagnostics, Pointer};
use crate::fields::names as k;
use crate::json::Limits;
use crate::json::node::Node;
use crate::model::{State, StateMachine, States};

pub(crate) use follow_on::FollowOns;
pub use rules::lengths::map_label;
pub use rules::range::{map_limits, task_timeouts};
pub use rules::settings::{callback_settings, given_csv_headers, poller_settings};
pub use rules::timestamp::is_rfc3339;

/// Checks a machine against every rule; returns all findings in document order. The machine
/// is checked as a STANDARD one ([`validate_as`] checks an EXPRESS one).
pub fn validate(machine: &StateMachine) -> Vec<Diagnostic> {
    validate_as(machine, StateMachineType::Standard)
}

/// The type of a state machine: the `type` given to CreateStateMachine, not part of the
/// definition. An EXPRESS machine cannot run a Task with the `.sync` or `.waitForTaskToken`
/// integration pattern or an activity (SFN043), nor a Distributed Map (SFN049); [`validate`]
/// checks these rules only in the child executions a Distributed Map declares EXPRESS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum StateMachineType {
    /// `STANDARD`, the default.
    #[default]
    Standard,
    /// `EXPRESS`.
    Express,
}

/// [`validate`] of a machine of the given type.
///
/// ```
/// use sfn::model::StateMachine;
/// use sfn::validate::{StateMachineType, validate, validate_as};
///
/// let m = StateMachine::from_json(r#"{
///     "StartAt": "Approve",
///     "States": { "Approve": {
///         "Type": "Task", "End": true,
///         "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
///         "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q",
///                         "MessageBody": { "token.$": "$$.Task.Token" } }
///     } }
/// }"#).unwrap();
/// assert!(validate(&m).is_empty()); // a STANDARD machine may wait for a callback
/// let findings = validate_as(&m, StateMachineType::Express);
/// assert_eq!(findings[0].code.as_str(), "SFN043");
/// assert_eq!(findings[0].pointer, "/States/Approve/Resource");
/// ```
pub fn validate_as(machine: &StateMachine, ty: StateMachineType) -> Vec<Diagnostic> {
    let mut v = Validator {
        ty,
        ..Validator::default()
    };
    v.machine(machine);
    v.diags
}

/// Imports and validates a JSON value, continuing after import errors so that every problem
/// is reported at once. Findings of the validator that would only repeat an import error are
/// dropped: those at, below or above a place that already has an import error (an object with a
/// field the importer could not read is incomplete in the model), except findings about the keys
/// of a payload object, which an error inside one of its values does not explain; and graph
/// findings (unreachable, no terminal, missing target) caused by a state, Choice rule or
/// transition the importer could not read.
pub fn check_value(value: &serde_json::Value) -> Vec<Diagnostic> {
    check_and_import(value).0
}

/// [`check_value`], also returning the machine the lenient import made of `value` (`None` when
/// the value is not a machine at all). With findings, the machine lacks what the importer
/// could not read. `sfn validate` uses it to free the machine on another thread.
///
/// ```
/// use sfn::validate::check_and_import;
///
/// let value = sfn::serde_json::json!({
///     "StartAt": "A",
///     "States": { "A": { "Type": "Pass", "Ed": true } }
/// });
/// let (findings, machine) = check_and_import(&value);
/// // unknown field `Ed` (did you mean `End`?), so the state has neither `Next` nor `End`
/// assert!(findings.iter().any(|d| d.pointer == "/States/A/Ed"));
/// assert_eq!(machine.unwrap().start_at, "A");
/// ```
pub fn check_and_import(value: &serde_json::Value) -> (Vec<Diagnostic>, Option<StateMachine>) {
    let (mut diags, rules, machine) =
        check_tree_parts(&Node::from_value(value), false, StateMachineType::Standard);
    diags.extend(rules);
    (diags, machine)
}

/// Reads, imports and validates a definition file: [`crate::json::parse_document`] and
/// [`check_and_import`] in one step, without building a `serde_json::Value` of the whole file
/// (the work of `sfn validate`, several times faster). A file that is not JSON, or is over a
/// [`Limits`] bound, gives the one finding `parse_document` gives, and no machine.
///
/// ```
/// use sfn::json::Limits;
/// use sfn::validate::check_json;
///
/// let text = br#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Ed": true}}}"#;
/// let (findings, machine) = check_json(text, &Limits::default());
/// assert!(findings.iter().any(|d| d.pointer == "/States/A/Ed"));
/// assert_eq!(machine.unwrap().start_at, "A");
///
/// let (findings, machine) = check_json(br#"{"StartAt": "A", "StartAt": "B"}"#, &Limits::default());
/// assert_eq!(findings[0].code.as_str(), "SFN002"); // duplicate key
/// assert!(machine.is_none());
/// ```
pub fn check_json(bytes: &[u8], limits: &Limits) -> (Vec<Diagnostic>, Option<StateMachine>) {
    check_json_as(bytes, limits, StateMachineType::Standard)
}

/// [`check_json`] of a machine of the given type (see [`validate_as`]).
pub fn check_json_as(
    bytes: &[u8],
    limits: &Limits,
    ty: StateMachineType,
) -> (Vec<Diagnostic>, Option<StateMachine>) {
    // A file without findings is imported state by state as it is read; one with findings is
    // read again as a whole tree, which places them and explains the importer's follow-on.
    match crate::import::import_clean(bytes, limits) {
        Err(d) => return (vec![d], None),
        Ok(Some(machine)) if validate_as(&machine, ty).is_empty() => {
            return (Vec::new(), Some(machine));
        }
        Ok(_) => {}
    }
    match crate::json::read(bytes, limits, None) {
        Ok(doc) => {
            let (mut diags, rules, machine) = check_tree_parts(&doc.root, false, ty);
            diags.extend(rules);
            doc.place(&mut diags);
            (diags, machine)
        }
        Err(d) => (vec![d], None),
    }
}

/// Imports and validates a tree, the importer's findings and the validator's apart: `(import, rules,
/// machine)`. With `run_time` (`workflow!`), the validator's findings that read a value only
/// known at run time are left out too; the importer's never are.
pub(crate) fn check_tree_parts(
    value: &Node<'_>,
    run_time: bool,
    ty: StateMachineType,
) -> (Vec<Diagnostic>, Vec<Diagnostic>, Option<StateMachine>) {
    let (machine, diags) = crate::import::import_tree(value);
    let rules = match &machine {
        Some(m) => {
            let mut follow_ons = FollowOns::new(&diags).in_tree(value, m);
            if run_time {
                follow_ons = follow_ons.at_run_time(value);
            }
            validate_as(m, ty)
                .into_iter()
                .filter(|d| !follow_ons.leave_out(d))
                .collect()
        }
        None => Vec::new(),
    };
    (diags, rules, machine)
}

impl StateMachine {
    /// Validates the machine, failing with every error found (warnings do not fail).
    pub fn validated(self) -> Result<StateMachine, Diagnostics> {
        let diags = validate(&self);
        if diags.iter().any(Diagnostic::is_error) {
            Err(Diagnostics::with_machine(diags, self))
        } else {
            Ok(self)
        }
    }
}

#[derive(Default)]
pub(crate) struct Validator<'m> {
    pub(crate) diags: Vec<Diagnostic>,
    /// Every state name of the machine with the scope and position of its first definition.
    pub(crate) all_names: crate::hash::NameMap<&'m str, rules::names::NameAt>,
    /// The pointer of each scope's `States` object, by scope number (depth-first order).
    pub(crate) scope_ptrs: Vec<Pointer>,
    /// Names defined again in another scope than their first definition: (scope, name) → the
    /// position of the first definition in that scope.
    pub(crate) other_scopes: crate::hash::NameMap<(usize, &'m str), usize>,
    /// Some state name is defined twice (anywhere in the machine).
    pub(crate) duplicate_names: bool,
    /// The machine's top-level query language is JSONata.
    pub(crate) machine_jsonata: bool,
    /// Every Map `Label` seen so far, with the pointer of the first to use it.
    pub(crate) labels: std::collections::HashMap<String, String>,
    /// The type of the machine.
    pub(crate) ty: StateMachineType,
}

/// A scope nested in a state: a Parallel's branch or a Map's processor.
pub(crate) struct Nested<'m> {
    /// Where it is in its state: `Branches/<index>`, or the processor's field name.
    step: NestedStep,
    pub(crate) start_at: &'m str,
    pub(crate) states: &'m States,
}

enum NestedStep {
    Branch(usize),
    Processor(&'static str),
}

impl Nested<'_> {
    /// The scope's pointer, below its state's pointer `state`.
    pub(crate) fn below(&self, state: &Pointer) -> Pointer {
        match self.step {
            NestedStep::Branch(i) => state.push(k::Branches).push(i),
            NestedStep::Processor(field) => state.push(field),
        }
    }

    /// The scope's object in its state's tree `state`, if the tree has it there.
    pub(crate) fn in_tree<'t>(&self, state: &'t Node<'t>) -> Option<&'t Node<'t>> {
        match self.step {
            NestedStep::Branch(i) => state.get(k::Branches)?.as_array()?.get(i),
            NestedStep::Processor(field) => state.get(field),
        }
    }
}

/// The scopes nested directly in `state`, in order: a Parallel's branches, a Map's processor.
pub(crate) fn nested(state: &State) -> impl Iterator<Item = Nested<'_>> {
    let (branches, map) = match state {
        State::Parallel(p) => (&p.branches[..], None),
        State::Map(m) => (&[][..], Some(m)),
        _ => (&[][..], None),
    };
    let branches = branches.iter().enumerate().map(|(i, b)| Nested {
        step: NestedStep::Branch(i),
        start_at: &b.start_at,
        states: &b.states,
    });
    let processor = map.map(|m| {
        let p = m.processor.get();
        Nested {
            step: NestedStep::Processor(m.processor.field()),
            start_at: &p.start_at,
            states: &p.states,
        }
    });
    branches.chain(processor)
}
