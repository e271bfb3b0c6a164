//! Every rule of sfn, one file per rule or per small family of rules.
//!
//! Each file declares its rules with [`declare!`] — code, title, kind (error, or lint with its
//! category and default level), AWS's code, the fields the rule reads, whether a finding
//! underlines the key or the value, and the text of `docs/rules.md` — and holds the checks that
//! decide them. [`crate::rules`] collects the declarations into [`Code`](crate::rules::Code).
//!
//! The validator's walker (`walk.rs`) visits each node once and calls the checks of the rules
//! about it. A few rules are decided while a definition is read or built, where the model has
//! no place for what they catch (a duplicate key, a field of the wrong type, a state declared
//! but never defined): their files say so, and the reader and the builder call the functions
//! here to make those findings. The `rules_are_decided_in_validate` test holds this.

pub(crate) mod choice;
pub(crate) mod distributed;
pub(crate) mod error_names;
pub(crate) mod express;
pub(crate) mod graph;
pub(crate) mod json;
pub(crate) mod jsonata;
pub(crate) mod lengths;
pub(crate) mod names;
pub(crate) mod paths;
pub(crate) mod payload;
pub(crate) mod query_language;
pub(crate) mod range;
pub(crate) mod resource;
pub(crate) mod schema;
pub(crate) mod settings;
pub(crate) mod task_token;
pub(crate) mod timestamp;
pub(crate) mod transitions;
pub(crate) mod variables;

/// What the rule files use.
mod prelude {
    pub(crate) use super::declare;
    pub(crate) use crate::diagnostic::{Diagnostic, Pointer};
    pub(crate) use crate::fields::names as k;
    pub(crate) use crate::model::*;
    pub(crate) use crate::rules::Code;
    pub(crate) use crate::validate::Validator;
}

/// Declares the rules of one file:
///
/// ```text
/// declare! {
///     Name = "0NN", error | lint(Category, Level), "title", aws: "AWS_CODE" | "",
///         span: key | value, reads: [Field, …] | together [Field, …],
///         what: "…", failing: "…", fix: "…";
/// }
/// ```
///
/// `reads` lists the fields whose values the rule looks at, one at a time (a finding is at the
/// field it read), or `together` when it compares several fields of one state (its findings are
/// placed at one of them). It expands to a macro `decls!` that [`crate::rules`]'s registry
/// calls to collect every file's declarations into one [`Code`](crate::rules::Code).
macro_rules! declare {
    (@with ($d:tt) $($body:tt)*) => {
        /// This file's rule declarations, handed on to the registry.
        macro_rules! decls {
            ([$d($d acc:tt)*] $d($d rest:tt)*) => {
                crate::rules::registry! { [$d($d acc)* $($body)*] $d($d rest)* }
            };
        }
        pub(crate) use decls;
    };
    ($($body:tt)*) => {
        crate::validate::rules::declare!(@with ($) $($body)*);
    };
}
pub(crate) use declare;
