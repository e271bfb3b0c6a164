//! The settings of the templates of `sfn-codegen` (the job poller, the callback, the
//! Distributed Map), checked before a template builds anything: with the validator's checks
//! where the setting becomes an ASL field (an error name, a variable name), and here where it
//! has none (a poll limit, the status lists). The help names the template's setter.

use super::prelude::*;
use crate::path::Expr;
use crate::payload::PayloadValue;

/// The job poller's settings: its three status lists (succeeded, failed, in progress), whether
/// a status in no list fails (`UnknownStatus::Fail`), its poll limit and the name of its poll
/// counter. `submit` and `choice` are the names of the submit Task and the Choice; the pointers
/// are relative to the scope (`/States/<choice>/Choices`).
///
/// ```
/// let none: &[String] = &[];
/// let ok = ["OK".to_string()];
/// let findings = sfn::validate::poller_settings(["Submit", "Check"], [&ok, &ok, none], false, Some(0), "polls");
/// assert_eq!(findings[0].code, sfn::Code::InvalidValue); // "OK" is both succeeded and failed
/// assert_eq!(findings[1].code, sfn::Code::OutOfRange);
/// assert_eq!(findings[1].pointer, "/States/Check/Choices");
/// ```
pub fn poller_settings(
    [submit, choice]: [&str; 2],
    lists: [&[String]; 3],
    unknown_fails: bool,
    max_polls: Option<u32>,
    counter: &str,
) -> Vec<Diagnostic> {
    let mut v = Validator::default();
    let at = || {
        Pointer::root()
            .push(k::States)
            .push(choice)
            .push(k::Choices)
    };
    let names = ["succeeded", "failed", "in-progress"];
    for (what, list) in names.iter().zip(lists).take(2) {
        if list.is_empty() {
            v.report(
                Code::EmptyCollection,
                at(),
                format!("the job poller has no {what} status value"),
                format!("list the values that mean {what} with `Statuses::{what}([…])`"),
            );
        }
    }
    if unknown_fails && lists[2].is_empty() {
        v.report(Code::EmptyCollection, at(), "the job poller has no in-progress status value, so with `UnknownStatus::Fail` the first poll of a running job would fail", "list the running values with `Statuses::in_progress([…])`, or use `on_unknown_status(UnknownStatus::KeepPolling)`");
    }
    for (i, (a, list)) in names.iter().zip(lists).enumerate() {
        for value in list {
            if value.is_empty() {
                let message = format!("an empty string is in the {a} status list");
                v.report(Code::InvalidValue, at(), message, "remove it");
            }
            if let Some(b) = (i + 1..3).find(|&j| lists[j].contains(value)) {
                v.report(
                    Code::InvalidValue,
                    at(),
                    format!(
                        "the status \"{value}\" is listed as both {a} and {}",
                        names[b]
                    ),
                    "a status value belongs to exactly one list",
                );
            }
        }
    }
    if max_polls == Some(0) {
        v.report(
            Code::OutOfRange,
            at(),
            "`max_polls(0)` would give up before the first poll",
            "allow at least 1 poll, or remove `max_polls`",
        );
    }
    if max_polls.is_some() {
        // The submit Task assigns the counter 0: the validator's check of `Assign`.
        let assign = PayloadValue::object([(counter, 0.into())]);
        let submit = || Pointer::root().push(k::States).push(submit);
        v.assign(&submit, &Some(assign), QueryLanguage::JsonPath);
        for d in v.diags.iter_mut() {
            if d.code == Code::InvalidVariableName {
                d.message = format!("the poll counter: {}", d.message);
                d.help = Some("name it with `poll_counter(\"…\")`: letters, digits and `_`, not starting with a digit, at most 80 characters".into());
            }
        }
    }
    v.diags
}

/// The callback's settings: the error name that rejects (`rejected_error`, the first `Catch`
/// entry's `ErrorEquals`, checked by the validator and outside the `States.` namespace) and,
/// for an ECS worker, its input (a path, sent as JSON text). The pointers are relative to the
/// Task.
///
/// ```
/// let findings = sfn::validate::callback_settings("", None);
/// assert_eq!(findings[0].code, sfn::Code::EmptyErrorEquals);
/// assert_eq!(findings[0].pointer, "/Catch/0/ErrorEquals/0");
/// ```
pub fn callback_settings(
    rejected_error: &str,
    ecs_input: Option<&PayloadValue>,
) -> Vec<Diagnostic> {
    let mut v = Validator::default();
    v.error_lists(
        &Pointer::root,
        k::Catch,
        [vec![rejected_error.to_owned()]].iter(),
    );
    v.diags.retain(Diagnostic::is_error);
    for d in v.diags.iter_mut() {
        d.message = format!("the rejection error: {}", d.message);
        d.help = Some("name the error the worker passes to SendTaskFailure with `rejected_error(\"…\")`, e.g. `Rejected`".into());
    }
    if rejected_error.starts_with("States.") {
        v.report(Code::InvalidValue, "/Catch/0/ErrorEquals/0", format!("the rejection error \"{rejected_error}\" is in the `States.` namespace, which Step Functions reserves for its own errors"), "use a name of your own with `rejected_error(\"…\")`, e.g. `Rejected`");
    }
    if ecs_input.is_some_and(|i| !matches!(i, PayloadValue::Expr(Expr::Path(_)))) {
        v.report(Code::InvalidValue, Pointer::root().push(k::Parameters).push("Overrides"), "an ECS callback passes its input in an environment variable, so `input` must be a path", "use `input(path)`, e.g. `Path::parse(\"$.order\")`");
    }
    v.diags
}

/// The column names a Distributed Map template gives a CSV file without a header row: at least
/// one. The pointer is relative to the Map.
///
/// ```
/// let findings = sfn::validate::given_csv_headers(&[]);
/// assert_eq!(findings[0].pointer, "/ItemReader/ReaderConfig/CSVHeaders");
/// ```
pub fn given_csv_headers(names: &[String]) -> Vec<Diagnostic> {
    let mut v = Validator::default();
    if names.is_empty() {
        let at = Pointer::root().push(k::ItemReader).push(k::ReaderConfig);
        v.report(
            Code::EmptyCollection,
            at.push(k::CsvHeaders),
            "`CSVHeaders` is empty, so the rows would have no field names",
            "name the columns with `CsvHeader::given([…])`, or use `CsvHeader::FirstRow`",
        );
    }
    v.diags
}
