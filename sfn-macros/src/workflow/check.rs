//! The checks: `sfn_dsl::__workflow::check` (the importer and the rules of `sfn validate`, with
//! the same codes) over the lowered definition, each finding mapped back to the span of its key
//! or value.
//!
//! An interpolated value the importer cannot take (a `Type`, a transition, a whole state, …) is
//! an error on the expression. The findings of a rule that reads an interpolated value wait for
//! run time (`sfn_dsl` leaves them out, with those that only repeat an import error, in its one
//! follow-on rule): those at (or under) its place, and those of a rule that reads several
//! fields of a state ([`Code::cross_fields`]) one of which is interpolated. Errors and denied lints are
//! compile errors; lints at level warn are compiler warnings on the same token; the user sets
//! levels with `#![allow(…)]`, `#![warn(…)]` and `#![deny(…)]` before the definition. Two
//! findings change meaning in the macro: a payload string that looks like a path (`SFN034`, a
//! warning in `sfn validate`) is denied by default, because the macro has an explicit way to
//! keep such a literal; and `"InputPath.$"` on a field that takes a path as such gets a fix-it.

use super::errors::Errors;
use super::lower::{Lowered, Place};
use super::parse::Node;
use crate::check::sub_span;
use proc_macro2::Span;
use sfn_dsl::levels::Levels;
use sfn_dsl::model::StateMachine;
use sfn_dsl::{Code, Diagnostic};

/// The levels of the macro: SFN034 is denied (the macro has an explicit way to keep a literal
/// that looks like a path), then the user's `#![allow/warn/deny(…)]`.
fn macro_levels(user: &Levels) -> Levels {
    let mut levels = Levels::new();
    // SFN034 is a lint, so setting its level cannot fail.
    let _ = levels.deny(Code::LiteralLooksLikePath);
    levels.merge(user);
    levels
}

/// Imports and validates the definition and reports the findings that are known at compile
/// time: errors and denied lints as compile errors, lints at warn as compiler warnings. Returns
/// the machine when it imported without error.
pub fn check(low: &Lowered<'_>, user: &Levels, errs: &mut Errors) -> Option<StateMachine> {
    let checked = sfn_dsl::__workflow::check(&low.source);
    // The interpolations the importer cannot take, in the order it read them.
    let rejected = |d: &Diagnostic| d.code == Code::WrongType && low.dyns.contains_key(&d.pointer);
    // The importer's findings are errors, whatever the levels. The validator's findings that
    // only repeat one of them are already left out (`sfn_dsl`'s follow-on rule).
    for d in &checked.import {
        if rejected(d) {
            let e = low.dyns[&d.pointer].interp;
            let help = d.help.as_deref().unwrap_or_default();
            errs.error_range(e.start, e.end, &d.message, help);
        } else {
            report(low, d, true, errs);
        }
    }
    for d in macro_levels(user).apply(checked.rules) {
        report(low, &d, false, errs);
    }
    let imported = !checked.import.iter().any(Diagnostic::is_error);
    checked.machine.filter(|_| imported)
}

/// The place of a pointer, or of its closest existing ancestor (`exact` false then).
fn place<'l, 't>(low: &'l Lowered<'t>, pointer: &str) -> Option<(&'l Place<'t>, bool)> {
    let mut p = pointer;
    let mut exact = true;
    loop {
        if let Some(pl) = low.places.get(p) {
            return Some((pl, exact));
        }
        exact = false;
        p = &p[..p.rfind('/')?];
    }
}

/// Reports one finding; `imported` for the importer's, whose unknown fields are fields of ASL
/// objects (the validator's are keys of `Credentials`).
fn report(low: &Lowered<'_>, d: &Diagnostic, imported: bool, errs: &mut Errors) {
    let (start, end) = span(low, d);
    let last = d.pointer.rsplit('/').next().unwrap_or_default();
    let in_fields = imported && place(low, &d.pointer).is_some_and(|(_, exact)| exact);
    let (message, help) = match d.code {
        Code::LiteralLooksLikePath => {
            let text = match place(low, &d.pointer) {
                Some((
                    Place {
                        node: Node::Str(s), ..
                    },
                    true,
                )) => s.value.clone(),
                _ => String::new(),
            };
            (
                d.message.clone(),
                format!(
                    "to pass the value at that path, write the key as `\"{last}.$\"`; to pass the text itself, \
                     write the value as a Rust expression, which is never checked: `\"{last}\": ({text:?})`"
                ),
            )
        }
        Code::UnknownField if in_fields && last.ends_with(".$") => {
            let field = &last[..last.len() - 2];
            (
                format!("`{field}` takes a path as it is: its key never ends in `.$`"),
                format!(
                    "write `\"{field}\": \"$.…\"`; `.$` is only for the keys of payload templates (`Parameters`, `ResultSelector`, `ItemSelector`, `Assign`, …)"
                ),
            )
        }
        _ => (
            d.message.clone(),
            d.help.clone().unwrap_or_else(|| d.code.fix().to_owned()),
        ),
    };
    if d.is_error() {
        errs.coded(d.code, start, end, message, help);
    } else {
        errs.warn(d.code, start, message, help);
    }
}

/// The span a finding is shown on.
fn span(low: &Lowered<'_>, d: &Diagnostic) -> (Span, Span) {
    let Some((pl, exact)) = place(low, &d.pointer) else {
        return (low.root_span, low.root_span);
    };
    let key_span = pl.key.map(|k| k.lit.span());
    let container = matches!(pl.node, Node::Object(_) | Node::Array(_) | Node::Invalid);
    if !exact || d.code.about_key() || container {
        if let Some(k) = key_span {
            return (k, k);
        }
        if std::ptr::eq(pl.node, low.places[""].node) {
            return (low.root_span, low.root_span);
        }
    }
    if let (Node::Str(s), Some(offset)) = (pl.node, d.offset_in_value)
        && exact
        && !d.code.about_key()
        && let Some(sub) = sub_span(&s.lit, &s.value, offset)
    {
        return (sub, sub);
    }
    pl.node.range(low.root_span)
}
