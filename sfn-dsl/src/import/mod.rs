//! Import: ASL JSON → the typed model, reporting every structural problem with its JSON pointer.
//!
//! Import is lossless for valid definitions: exporting an imported machine gives JSON equal to the
//! input (only the order of ASL's own fields, which is canonical, and whitespace may change).
//! The states, the members of payload templates and of literals (`payload::Literal`) keep the
//! author's order: [`StateMachine::from_json`], [`StateMachine::from_slice`] and `Deserialize`
//! take it from the text, [`StateMachine::from_value`] from the `Value`, whose objects are
//! sorted by key unless serde_json's `preserve_order` feature is on. Nothing is dropped silently: an unknown
//! field is an error ([`Code::UnknownField`]) with a "did you mean".
//!
//! [`import_lenient`] keeps going after an error and returns a partial machine together with all
//! findings, so that the validator can still run over what could be read;
//! [`StateMachine::from_value`] and [`StateMachine::from_json`] are the strict entry points.

pub(crate) mod fields;
mod reader;
mod states;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fields::names as k;
use crate::json::Limits;
use crate::json::node::{Member, Node};
use crate::model::object::ReadObject;
use crate::model::{QueryLanguage, State, StateMachine, States};
use crate::payload::Literal;
use crate::rules::Code;
use fields::*;
use reader::At;

pub(crate) use reader::{Cx, Obj};
use serde_json::Value;
pub(crate) use states::before_members;

pub(crate) use reader::{describe_value, did_you_mean};

/// Imports a definition, continuing after errors. Returns the machine as far as it could be read
/// (`None` when not even the top level is an object) and every finding.
pub fn import_lenient(value: &Value) -> (Option<StateMachine>, Vec<Diagnostic>) {
    import_tree(&Node::from_value(value))
}

/// [`import_lenient`] of a tree read by [`crate::json::read`].
pub(crate) fn import_tree(value: &Node<'_>) -> (Option<StateMachine>, Vec<Diagnostic>) {
    let mut cx = Cx::default();
    let machine = machine(&mut cx, value);
    (machine, cx.diags)
}

/// The machine of a definition file that reads and imports without a finding. Each state of the
/// top-level `States` is imported as soon as the reader has read its object, so that only one
/// state's tree is alive at a time. `Ok(None)` when the importer finds something (its findings,
/// their order and places need the whole tree: the caller reads the file again, as
/// [`crate::json::read`] and [`import_tree`]), or when `QueryLanguage` comes after `States` and
/// the states were read in another language; `Err` when the file cannot be read.
pub(crate) fn import_clean(
    bytes: &[u8],
    limits: &Limits,
) -> Result<Option<StateMachine>, Diagnostic> {
    let mut streamed = Streamed::default();
    let mut sink = |before: &[Member<'_>], name: &str, state: Node<'_>| {
        if streamed.found {
            return;
        }
        // The language in force: the top-level `QueryLanguage` if it comes before `States`.
        let ql = *streamed.ql.get_or_insert_with(|| {
            let own = before.iter().find(|m| m.key == k::QueryLanguage);
            match own.and_then(|m| m.value.as_str()) {
                Some("JSONata") => QueryLanguage::Jsonata,
                _ => QueryLanguage::JsonPath,
            }
        });
        let mut cx = Cx::default();
        let at = At::root();
        match states::state(&mut cx, &state, at.key(k::States).key(name), ql, name) {
            Some(s) if cx.diags.is_empty() => streamed.states.push((name.to_owned(), s)),
            _ => streamed.found = true,
        }
    };
    let doc = crate::json::read(bytes, limits, Some(&mut sink))?;
    if streamed.found {
        return Ok(None);
    }
    let mut cx = Cx {
        diags: Vec::new(),
        streamed: Some(streamed),
    };
    let machine = machine(&mut cx, &doc.root);
    Ok(machine.filter(|_| cx.diags.is_empty() && cx.streamed.is_none()))
}

/// The top-level states, imported as the reader read them ([`import_clean`]).
#[derive(Default)]
pub(crate) struct Streamed {
    /// The query language they were read in (`None` before the first state).
    ql: Option<QueryLanguage>,
    states: Vec<(String, State)>,
    /// Whether the importer found something in one of them.
    found: bool,
}

/// Imports a single state object (as found in some test fixtures), continuing after errors.
pub fn import_state_lenient(value: &Value) -> (Option<State>, Vec<Diagnostic>) {
    let mut cx = Cx::default();
    let state = states::state(
        &mut cx,
        &Node::from_value(value),
        At::root(),
        QueryLanguage::JsonPath,
        "(state)",
    );
    (state, cx.diags)
}

fn strict<T>((value, diags): (Option<T>, Vec<Diagnostic>)) -> Result<T, Diagnostics> {
    match value {
        Some(v) if !diags.iter().any(Diagnostic::is_error) => Ok(v),
        _ => Err(Diagnostics::new(diags)),
    }
}

impl StateMachine {
    /// Imports a definition from a `serde_json::Value` (whose objects are sorted by key unless
    /// serde_json's `preserve_order` feature is on: [`StateMachine::from_json`] keeps the order
    /// of the text). Fails with every structural finding
    /// (unknown fields, wrong types, invalid paths, …); graph rules are checked by
    /// [`crate::validate::validate`].
    pub fn from_value(value: &Value) -> Result<StateMachine, Diagnostics> {
        strict(import_lenient(value))
    }

    /// Reads and imports a definition from JSON text, rejecting duplicate keys, which AWS rejects
    /// too. See [`crate::json::parse_document`] for the limits applied.
    ///
    /// ```
    /// use sfn::model::StateMachine;
    /// let err = StateMachine::from_json(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Ed": true}}}"#)
    ///     .unwrap_err();
    /// // unknown field `Ed` (did you mean `End`?), and so no `End` either
    /// assert!(err.codes().contains(&sfn::Code::UnknownField));
    /// ```
    pub fn from_json(text: &str) -> Result<StateMachine, Diagnostics> {
        Self::from_slice(text.as_bytes())
    }

    /// [`StateMachine::from_json`] of the bytes of a file: also says where the bytes are not
    /// UTF-8.
    ///
    /// ```
    /// use sfn::model::StateMachine;
    /// let m = StateMachine::from_slice(br#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#)
    ///     .unwrap();
    /// assert_eq!(m.start_at, "A");
    /// let err = StateMachine::from_slice(b"{\"StartAt\": \"\xFF\"}").unwrap_err();
    /// assert_eq!(err.codes(), [sfn::Code::InvalidJson]);
    /// ```
    pub fn from_slice(bytes: &[u8]) -> Result<StateMachine, Diagnostics> {
        let limits = Limits::default();
        let read = |d| Diagnostics::new(vec![d]);
        if let Some(machine) = import_clean(bytes, &limits).map_err(read)? {
            return Ok(machine);
        }
        let doc = crate::json::read(bytes, &limits, None).map_err(read)?;
        let (machine, mut diags) = import_tree(&doc.root);
        doc.place(&mut diags);
        strict((machine, diags))
    }
}

impl State {
    /// Imports a single state object.
    pub fn from_value(value: &Value) -> Result<State, Diagnostics> {
        strict(import_state_lenient(value))
    }
}

// Deserialized through a `Literal`, not a `Value`: the members keep the order of the text.
impl<'de> serde::Deserialize<'de> for StateMachine {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = <Literal as serde::Deserialize>::deserialize(d)?;
        strict(import_tree(&Node::from_literal(&v))).map_err(serde::de::Error::custom)
    }
}

impl<'de> serde::Deserialize<'de> for State {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = <Literal as serde::Deserialize>::deserialize(d)?;
        let mut cx = Cx::default();
        let state = states::state(
            &mut cx,
            &Node::from_literal(&v),
            At::root(),
            QueryLanguage::JsonPath,
            "(state)",
        );
        strict((state, cx.diags)).map_err(serde::de::Error::custom)
    }
}

fn machine(cx: &mut Cx, value: &Node<'_>) -> Option<StateMachine> {
    let Node::Object(_) = value else {
        cx.err(
            Code::InvalidJson,
            &At::root(),
            format!(
                "a state machine definition is a JSON object, found {}",
                reader::describe(value)
            ),
        )
        .help =
            Some("a definition is one object: {\"StartAt\": \"First\", \"States\": {…}}".into());
        return None;
    };
    let mut o = Obj::new(cx, value, At::root(), "(definition)", "a state machine")?;
    let machine = StateMachine::read(cx, &mut o, &mut QueryLanguage::default());
    o.finish(cx);
    Some(machine)
}

/// The `States` of a scope (machine, branch, processor).
pub(crate) fn scope_states(cx: &mut Cx, o: &mut Obj<'_, '_>, ql: QueryLanguage) -> States {
    let Some(v) = o.get(k::States) else {
        missing(cx, &o.at, k::States, o.what);
        return States::new();
    };
    let at = o.at.key(k::States);
    let Node::Object(map) = v else {
        cx.wrong_type(&at, k::States, "an object of named states", v);
        return States::new();
    };
    // The machine's states, imported as they were read, if in the language in force here.
    if let Some(streamed) = cx.streamed.take_if(|s| s.ql.is_none_or(|q| q == ql)) {
        return States(streamed.states);
    }
    let mut out = Vec::with_capacity(map.len());
    for (name, state) in map {
        if let Some(s) = states::state(cx, state, at.key(name), ql, name) {
            out.push((name.to_owned(), s));
        }
    }
    States(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The machine imported state by state as the reader reads it is the one imported from the
    /// whole tree; there is none when the import finds something or the states were read in
    /// another language, and `check_json` then gives what the whole tree gives.
    #[test]
    fn streamed_import_agrees_with_the_whole_tree() {
        let pass = r#"{"Type": "Pass", "Output": "{% $states.input %}", "End": true}"#;
        // In a JSONata machine, `ResultPath` is the validator's finding, not the importer's.
        let jsonpath = r#"{"Type": "Pass", "ResultPath": "$.x", "End": true}"#;
        let parallel = r#"{"Type": "Parallel", "End": true, "Branches": [{"StartAt": "B",
            "States": {"B": {"Type": "Pass", "Parameters": {"a.$": "$.b"}, "End": true}}}]}"#;
        let bad = r#"{"Type": "Pass", "Output": "{% $x + %}", "End": true}"#;
        let (jsonata, jsonata_after) = (
            r#""QueryLanguage": "JSONata", "#,
            r#", "QueryLanguage": "JSONata""#,
        );
        // (members before `States`, the states, members after them, whether the import streams)
        for (before, states, after, streams) in [
            ("", format!(r#""A": {jsonpath}"#), "", true),
            ("", format!(r#""A": {parallel}"#), "", true),
            ("", format!(r#""A": {pass}"#), "", true),
            (jsonata, format!(r#""A": {pass}"#), "", true),
            (jsonata, format!(r#""A": {jsonpath}"#), "", true),
            ("", String::new(), "", true),
            // `QueryLanguage` after `States`: the states were read in another language.
            ("", format!(r#""A": {pass}"#), jsonata_after, false),
            ("", format!(r#""A": {jsonpath}"#), jsonata_after, false),
            (
                r#""QueryLanguage": "Jsonata", "#,
                format!(r#""A": {pass}"#),
                "",
                false,
            ),
            (jsonata, format!(r#""A": {bad}"#), "", false),
            (
                "",
                format!(r#""A": {jsonpath}, "B": {{"Type": "Wait"}}"#),
                "",
                false,
            ),
            ("", format!(r#""A": {jsonpath}"#), r#", "Extra": 1"#, false),
        ] {
            let text = format!(r#"{{{before}"StartAt": "A", "States": {{{states}}}{after}}}"#);
            let limits = Limits::default();
            let doc = crate::json::read(text.as_bytes(), &limits, None).unwrap();
            let (machine, diags) = import_tree(&doc.root);
            let streamed = import_clean(text.as_bytes(), &limits).unwrap();
            assert_eq!(streamed.is_some(), streams, "{text}: {diags:?}");
            if streams {
                assert!(diags.is_empty());
                assert_eq!(streamed, machine, "{text}");
            }
            assert_eq!(
                crate::validate::check_json(text.as_bytes(), &limits),
                {
                    let (mut diags, machine) =
                        crate::validate::check_and_import(&doc.root.to_value());
                    doc.place(&mut diags);
                    (diags, machine)
                },
                "{text}"
            );
        }
        let text = r#"{"StartAt": "A", "States": []}"#;
        assert_eq!(import_clean(text.as_bytes(), &Limits::default()), Ok(None));
        // A failure of the reader is the reader's finding, whichever way the file is read.
        let text = br#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}, "A": 1}}"#;
        let limits = Limits::default();
        assert_eq!(
            import_clean(text, &limits).unwrap_err(),
            crate::json::read(text, &limits, None).unwrap_err()
        );
    }
}
