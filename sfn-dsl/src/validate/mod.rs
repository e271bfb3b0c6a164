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

mod damage;
pub(crate) mod rules;
mod walk;

use crate::diagnostic::{Diagnostic, Diagnostics, Pointer};
use crate::json::Limits;
use crate::json::node::Node;
use crate::model::StateMachine;
use crate::rules::Code;

pub use rules::lengths::map_label;
pub use rules::range::{map_limits, task_timeouts};
pub use rules::timestamp::is_rfc3339;

/// Checks a machine against every rule; returns all findings in document order.
pub fn validate(machine: &StateMachine) -> Vec<Diagnostic> {
    let mut v = Validator::default();
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
    check_tree(&Node::from_value(value))
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
    // A file without findings is imported state by state as it is read; one with findings is
    // read again as a whole tree, which places them and explains the importer's follow-on.
    match crate::import::import_clean(bytes, limits) {
        Err(d) => return (vec![d], None),
        Ok(Some(machine)) if validate(&machine).is_empty() => return (Vec::new(), Some(machine)),
        Ok(_) => {}
    }
    match crate::json::read(bytes, limits, None) {
        Ok(doc) => {
            let (mut diags, machine) = check_tree(&doc.root);
            doc.place(&mut diags);
            (diags, machine)
        }
        Err(d) => (vec![d], None),
    }
}

/// [`check_and_import`] of a tree.
fn check_tree(value: &Node<'_>) -> (Vec<Diagnostic>, Option<StateMachine>) {
    let (mut diags, rules, machine) = check_tree_parts(value);
    diags.extend(rules);
    (diags, machine)
}

/// [`check_tree`] with the importer's findings and the validator's apart: `(import, rules,
/// machine)`. `workflow!` defers some of the validator's findings to run time, never the
/// importer's.
pub(crate) fn check_tree_parts(
    value: &Node<'_>,
) -> (Vec<Diagnostic>, Vec<Diagnostic>, Option<StateMachine>) {
    let (machine, diags) = crate::import::import_tree(value);
    let mut rules = Vec::new();
    if let Some(m) = &machine {
        let import_ptrs: Vec<String> = diags.iter().map(|d| d.pointer.clone()).collect();
        // Set lookups: comparing every finding with every import error would be quadratic.
        let import_ptrs = PointerSet::new(import_ptrs.iter().map(String::as_str));
        let damage = if diags.iter().any(Diagnostic::is_error) {
            damage::Damage::find(value, m)
        } else {
            damage::Damage::default()
        };
        for d in validate(m) {
            // A template field is `key` in the model and `key.$` in the file when its path
            // did not parse: the same field.
            let dollar = format!("{}.$", d.pointer);
            let import_error_here = if about_payload_keys(&d) {
                import_ptrs.covers(&d.pointer)
            } else {
                import_ptrs.related(&d.pointer)
            };
            let shadowed =
                import_error_here || import_ptrs.contains(&dollar) || damage.explains(&d, value);
            if !shadowed {
                rules.push(d);
            }
        }
    }
    (diags, rules, machine)
}

/// A finding about the keys of a payload object rather than its values: a variable name of
/// `Assign`, a field missing from or unknown in `Credentials`. The importer keeps every key of a
/// payload object (a value it cannot read becomes a literal), so an import error inside one of
/// its values does not explain such a finding; only one at or above the finding's place does.
fn about_payload_keys(d: &Diagnostic) -> bool {
    let parent = d.pointer.rsplit_once('/').map_or("", |(parent, _)| parent);
    match d.code {
        Code::InvalidVariableName => true,
        Code::MissingField => d.pointer.ends_with("/Credentials"),
        Code::UnknownField => parent.ends_with("/Credentials"),
        _ => false,
    }
}

/// A set of JSON pointers that answers "is this pointer one of them, under one of them, or
/// above one of them?" in time proportional to the pointer's depth, not to the set's size.
pub(crate) struct PointerSet<'a> {
    /// The pointers.
    exact: std::collections::HashSet<&'a str>,
    /// Every proper ancestor of a pointer of the set (`/a` and `` for `/a/b`).
    ancestors: std::collections::HashSet<&'a str>,
}

impl<'a> PointerSet<'a> {
    pub(crate) fn new(pointers: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set = PointerSet {
            exact: Default::default(),
            ancestors: Default::default(),
        };
        for p in pointers {
            if set.exact.insert(p) {
                for (i, _) in p.match_indices('/') {
                    set.ancestors.insert(&p[..i]);
                }
            }
        }
        set
    }

    /// True when `pointer` is a pointer of the set.
    pub(crate) fn contains(&self, pointer: &str) -> bool {
        self.exact.contains(pointer)
    }

    /// True when `pointer` is a pointer of the set or lies under one (`/a/b` under `/a`).
    pub(crate) fn covers(&self, pointer: &str) -> bool {
        self.exact.contains(pointer)
            || pointer
                .match_indices('/')
                .any(|(i, _)| self.exact.contains(&pointer[..i]))
    }

    /// True when `pointer` is a pointer of the set, lies under one or above one.
    pub(crate) fn related(&self, pointer: &str) -> bool {
        self.covers(pointer) || self.ancestors.contains(pointer)
    }
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
}
