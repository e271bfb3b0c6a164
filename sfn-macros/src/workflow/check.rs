//! The checks: `sfn_dsl::validate::check_value` (the rules of `sfn validate`, with the same
//! codes) over the lowered definition, each finding mapped back to the span of its key or value.
//!
//! Findings at an interpolated value's place are left to run time, and so are the findings of
//! a rule that reads several fields of a state ([`Code::cross_fields`]) when one of those fields
//! is interpolated. Errors and denied lints are compile errors; lints at level warn are compiler
//! warnings on the same token; the user sets levels with `#![allow(…)]`, `#![warn(…)]` and
//! `#![deny(…)]` before the definition. Two findings change meaning in the macro: a payload
//! string that looks like a path (`SFN034`, a warning in `sfn validate`) is denied by default,
//! because the macro has an explicit way to keep such a literal; and `"InputPath.$"` on a field
//! that takes a path as such gets a fix-it.

use super::errors::Errors;
use super::lower::{Ctx, Lowered, Place};
use super::parse::Node;
use crate::check::sub_span;
use proc_macro2::Span;
use sfn_dsl::levels::Levels;
use sfn_dsl::{Code, Diagnostic, Severity};

/// The levels of the macro: SFN034 is denied (the macro has an explicit way to keep a literal
/// that looks like a path), then the user's `#![allow/warn/deny(…)]`.
fn macro_levels(user: &Levels) -> Levels {
    let mut levels = Levels::new();
    // SFN034 is a lint, so setting its level cannot fail.
    let _ = levels.deny(Code::LiteralLooksLikePath);
    levels.merge(user);
    levels
}

/// Runs every rule and reports the findings that are known at compile time: errors and
/// denied lints as compile errors, lints at warn as compiler warnings.
pub fn check(low: &Lowered<'_>, user: &Levels, errs: &mut Errors) {
    let levels = macro_levels(user);
    for d in levels.apply(sfn_dsl::validate::check_value(&low.value)) {
        if depends_on_run_time(low, &d) {
            continue;
        }
        // A `"Key.$"` whose expression does not parse is read as a literal `Key`: that it
        // "looks like a path" only repeats the parse error.
        if d.code == Code::LiteralLooksLikePath && !low.places.contains_key(&d.pointer) {
            continue;
        }
        report(low, &d, errs);
    }
}

/// Whether a finding is reported as an error or a warning.
fn is_warning(d: &Diagnostic) -> bool {
    d.severity == Severity::Warning
}

/// True when the finding is at (or under) an interpolated value, or is a rule that looks at
/// several fields of a state one of which is interpolated.
fn depends_on_run_time(low: &Lowered<'_>, d: &Diagnostic) -> bool {
    let under = |p: &str| d.pointer == p || d.pointer.starts_with(&format!("{p}/"));
    if low.dyns.keys().any(|p| under(p)) || low.forbidden.iter().any(|(_, p)| under(p)) {
        return true;
    }
    // The graph is incomplete when a transition could not be read.
    if !low.forbidden.is_empty()
        && matches!(
            d.code,
            Code::Unreachable | Code::NoTerminal | Code::StartAtMissing | Code::UnknownTarget
        )
    {
        return true;
    }
    let state = state_of(low, &d.pointer);
    if low
        .forbidden
        .iter()
        .any(|(s, _)| !s.is_empty() && *s == state)
    {
        return true;
    }
    // A rule that reads several fields of the state waits only when one of those is
    // interpolated: with an interpolated `Resource`, `States.ALL` out of place and a heartbeat
    // not below the timeout are still compile errors.
    let reads = d.code.cross_fields();
    !state.is_empty()
        && low.dyns.keys().any(|p| {
            reads.iter().any(|field| {
                let at = format!("{state}/{field}");
                p == &at || p.starts_with(&format!("{at}/"))
            })
        })
}

/// The pointer of the state a pointer is in (empty at the top level).
fn state_of(low: &Lowered<'_>, pointer: &str) -> String {
    let mut p = pointer;
    loop {
        if low.places.get(p).is_some_and(|pl| pl.is_state) {
            return p.to_owned();
        }
        match p.rfind('/') {
            Some(i) => p = &p[..i],
            None => return String::new(),
        }
    }
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

fn report(low: &Lowered<'_>, d: &Diagnostic, errs: &mut Errors) {
    let (start, end) = span(low, d);
    let last = d.pointer.rsplit('/').next().unwrap_or_default();
    let in_fields =
        place(low, &d.pointer).is_some_and(|(p, exact)| exact && p.parent == Ctx::Fields);
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
    if is_warning(d) {
        errs.warn(d.code, start, message, help);
    } else {
        errs.coded(d.code, start, end, message, help);
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
