//! Support of the `workflow!` macro (`sfn-macros`). Not a public API: the macro and its
//! expansion call these functions, nothing else should.
//!
//! At compile time the macro hands the definition to [`check`] as a [`Source`] (its values,
//! with each interpolated Rust expression as a value only known at run time), which imports it
//! once and validates the model.
//!
//! The expansion builds the model directly (no JSON at run time). Everything written literally
//! was checked at compile time, so the functions taking `&'static str` cannot fail on what the
//! macro passes them. Interpolated Rust values go through [`Cx`], which records what is wrong
//! with them (a path that does not parse) and runs the validator at the end.

use crate::builder::{IntoDynamic, IntoExpr, IntoPath, Resource};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::json::node::{Items, Node, Object};
pub use crate::levels::{Level, Levels};
use crate::model::object::ReadObject;
use crate::model::*;
use crate::path::{Expr, Jsonata, Path};
use crate::payload::PayloadValue;
pub use crate::rules::Code;
pub use crate::validate::rules::json::duplicate_key_in_macro;
use serde_json::Number;

pub use crate::model;
pub use crate::payload::Literal;
pub use crate::payload::PayloadValue as P;
pub use serde_json;

/// A definition written in `workflow!`, as the importer reads it: JSON values, and
/// [`Source::run_time`] for each interpolated Rust expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Source(Node<'static>);

impl Source {
    /// `null`.
    pub fn null() -> Self {
        Source(Node::Null)
    }

    /// `true` or `false`.
    pub fn bool(b: bool) -> Self {
        Source(Node::Bool(b))
    }

    /// A number.
    pub fn number(n: Number) -> Self {
        Source(Node::Number(n))
    }

    /// A string.
    pub fn string(s: String) -> Self {
        Source(Node::String(s.into()))
    }

    /// A value only known at run time (an interpolated Rust expression). The importer takes it
    /// wherever a field's value may come from Rust, as the neutral value of the field's type
    /// (an empty string, 0, the path `$`, `null`), and reports it as [`Code::WrongType`] where
    /// the shape of the definition depends on it (`Type`, `Next`, `States`, an enumeration, …).
    pub fn run_time() -> Self {
        Source(Node::Runtime)
    }

    /// An array.
    pub fn array(items: Vec<Source>) -> Self {
        Source(Node::Array(Items::unplaced(items.into_iter().map(|s| s.0))))
    }

    /// An object; the keys are unique (the macro reports a repeated key itself).
    pub fn object(members: Vec<(String, Source)>) -> Self {
        let members = members.into_iter().map(|(key, v)| (key.into(), v.0));
        Source(Node::Object(Object::unplaced(members)))
    }
}

/// What [`check`] found in a [`Source`].
#[derive(Debug)]
pub struct Checked {
    /// The importer's findings. None depends on a value only known at run time: such a value
    /// is either taken as it stands or reported itself.
    pub import: Vec<Diagnostic>,
    /// The validator's findings, without those that only repeat an import finding (as
    /// [`crate::validate::check_value`]) and those that read a value only known at run time
    /// (the macro checks those at run time).
    pub rules: Vec<Diagnostic>,
    /// The machine as far as it could be read (`None` when the definition is not an object).
    pub machine: Option<StateMachine>,
}

/// Imports `source` once and validates the machine: the compile-time check of `workflow!`.
pub fn check(source: &Source) -> Checked {
    let (import, rules, machine) = crate::validate::check_tree_parts(
        &source.0,
        true,
        crate::validate::StateMachineType::Standard,
    );
    Checked {
        import,
        rules,
        machine,
    }
}

/// `workflow!`'s value after a compile error, so that the expression still has its type.
pub fn fallback() -> StateMachine {
    machine_base()
}

/// `try_workflow!`'s value after a compile error.
pub fn try_fallback() -> Result<StateMachine, Diagnostics> {
    Ok(machine_base())
}

macro_rules! enums {
    ($($f:ident: $t:ident),* $(,)?) => {$(
        #[doc = concat!("A `", stringify!($t), "` checked at compile time.")]
        pub fn $f(text: &'static str) -> $t {
            $t::from_name(text).unwrap_or_else(|| checked(text, &"value"))
        }
    )*};
}

enums! {
    processor_mode: ProcessorMode,
    execution_type: ExecutionType,
    input_type: InputType,
    csv_header_location: CsvHeaderLocation,
    csv_delimiter: CsvDelimiter,
    manifest_type: ManifestType,
    writer_output_type: WriterOutputType,
    transformation: Transformation,
    jitter_strategy: JitterStrategy,
}

/// A `String` from a literal.
pub fn s(text: &'static str) -> String {
    text.to_owned()
}

/// A path checked at compile time.
pub fn path(text: &'static str) -> Path {
    Path::parse(text).unwrap_or_else(|e| checked(text, &e))
}

/// A path or intrinsic checked at compile time.
pub fn expr(text: &'static str) -> Expr {
    Expr::parse(text).unwrap_or_else(|e| checked(text, &e))
}

/// A JSONata `{% … %}` string checked at compile time.
pub fn jsonata(text: &'static str) -> Jsonata {
    Jsonata::parse(text).unwrap_or_else(|e| checked(text, &e))
}

#[cold]
fn checked(text: &str, e: &dyn std::fmt::Display) -> ! {
    unreachable!("checked at compile time by workflow!: \"{text}\": {e}")
}

/// `Nullable::Value(path(text))`.
pub fn npath(text: &'static str) -> Option<Nullable<Path>> {
    Some(Nullable::Value(path(text)))
}

/// `"…": null` of `InputPath`, `OutputPath`, `ResultPath`.
pub fn null_path() -> Option<Nullable<Path>> {
    Some(Nullable::Null)
}

/// `"Next": "<name>"`.
pub fn next(name: &'static str) -> Transition {
    Transition::Next(name.to_owned())
}

/// JSON literals.
pub fn j_str(v: &'static str) -> Literal {
    Literal::String(v.to_owned())
}

/// A JSON integer.
pub fn j_i64(v: i64) -> Literal {
    Literal::from(v)
}

/// A JSON integer above `i64::MAX`.
pub fn j_u64(v: u64) -> Literal {
    Literal::from(v)
}

/// A JSON number with a fraction or an exponent.
pub fn j_f64(v: f64) -> Literal {
    Literal::from(v)
}

/// A JSON array.
pub fn j_arr(items: Vec<Literal>) -> Literal {
    Literal::Array(items)
}

/// A JSON object, members in order.
pub fn j_obj(members: Vec<(&'static str, Literal)>) -> Literal {
    let members = members.into_iter().map(|(k, v)| (k.to_owned(), v));
    Literal::Object(members.collect())
}

/// A payload object, members in order.
pub fn p_obj(members: Vec<(&'static str, PayloadValue)>) -> PayloadValue {
    let members = members.into_iter().map(|(k, v)| (k.to_owned(), v));
    PayloadValue::Object(members.collect())
}

/// A comparison operand number.
pub fn num_i64(v: i64) -> Number {
    Number::from(v)
}

/// A comparison operand number above `i64::MAX`.
pub fn num_u64(v: u64) -> Number {
    Number::from(v)
}

/// A comparison operand number with a fraction (finite: checked at compile time).
pub fn num_f64(v: f64) -> Number {
    Number::from_f64(v).unwrap_or_else(|| Number::from(0))
}

/// A comparison `Variable` + operator + operand.
pub fn compare(variable: Path, operator: &'static str, operand: Operand) -> Condition {
    let operator = Operator::from_name(operator).unwrap_or_else(|| checked(operator, &"operator"));
    Condition::Compare(Comparison {
        variable,
        operator,
        operand,
    })
}

/// A state list.
pub fn states(states: Vec<(&'static str, State)>) -> States {
    States(states.into_iter().map(|(n, s)| (n.to_owned(), s)).collect())
}

/// The base of the model types that have an empty value (`Succeed`, `ItemBatcher`, …).
pub fn default<T: Default>() -> T {
    T::default()
}

macro_rules! bases {
    ($($f:ident: $t:ident),* $(,)?) => {$(
        #[doc = concat!(
            "An empty `", stringify!($t), "` (every member `None`, empty, `End`): the expansion ",
            "assigns only the fields that were written (see `build` in ",
            "`sfn-macros/src/workflow/expand/mod.rs`)."
        )]
        pub fn $f() -> $t {
            <$t as ReadObject>::empty()
        }
    )*};
}

bases! {
    machine_base: StateMachine,
    branch_base: Branch,
    processor_base: ItemProcessor,
    task_base: Task,
    pass_base: Pass,
    choice_base: Choice,
    wait_base: Wait,
    parallel_base: Parallel,
    map_base: Map,
    retrier_base: Retrier,
    catcher_base: Catcher,
    reader_base: ItemReader,
}

/// An empty Choice rule (see [`machine_base`]).
pub fn rule_base() -> ChoiceRule {
    ChoiceRule {
        comment: None,
        condition: RuleCondition::Constant(true),
        next: String::new(),
        assign: None,
        output: None,
    }
}

/// Conversions of interpolated values whose type already guarantees a valid field.
///
/// A `Resource` from anything `Into<sfn::builder::Resource>` (`&str`, `String`, `Resource`).
pub fn resource(v: impl Into<Resource>) -> String {
    v.into().as_str().to_owned()
}

/// A string field (`Comment`, `Label`, an `ErrorEquals` entry, a string operand).
pub fn string(v: impl Into<String>) -> String {
    v.into()
}

/// An integer field without a `…Path` twin (`IntervalSeconds`, `MaxAttempts`, the machine's
/// `TimeoutSeconds`).
pub fn int(v: impl Into<i64>) -> i64 {
    v.into()
}

/// `BackoffRate`.
pub fn float(v: impl Into<f64>) -> f64 {
    v.into()
}

/// An integer field with a literal, path or JSONata form (`TimeoutSeconds`, `Seconds`, …).
pub fn dyn_int(v: impl IntoDynamic<i64>) -> Dynamic<i64> {
    v.into_dynamic()
}

/// A number field with a literal, path or JSONata form (`ToleratedFailurePercentage`).
pub fn dyn_float(v: impl IntoDynamic<f64>) -> Dynamic<f64> {
    v.into_dynamic()
}

/// A string field with a literal, path or JSONata form (`Error`, `Cause`, `Timestamp`).
pub fn dyn_string(v: impl IntoDynamic<String>) -> Dynamic<String> {
    v.into_dynamic()
}

/// A payload member or a whole payload (`Parameters`, `Assign`, …).
pub fn payload(v: impl Into<PayloadValue>) -> PayloadValue {
    v.into()
}

/// A JSON value (`Result` of a Pass state, members inside it).
pub fn json(v: impl Into<Literal>) -> Literal {
    v.into()
}

/// A numeric comparison operand; anything but a number is kept as written and reported by
/// the validator.
pub fn number(v: impl Into<Literal>) -> Operand {
    match v.into() {
        Literal::Number(n) => Operand::Number(n),
        other => Operand::Invalid(other),
    }
}

/// The run-time part of one `workflow!` with interpolated values: conversions that can fail
/// record a finding with the JSON pointer of the field, and [`Cx::finish`] validates.
#[derive(Debug, Default)]
pub struct Cx {
    errs: Vec<Diagnostic>,
    levels: Levels,
}

impl Cx {
    /// A new context.
    pub fn new() -> Self {
        Cx::default()
    }

    /// An interpolated path (`Path`, `&str`, `String`); a string that does not parse is
    /// recorded and `$` stands in for it.
    pub fn path(&mut self, pointer: &'static str, v: impl IntoPath) -> Path {
        v.into_path().unwrap_or_else(|bad| {
            self.bad(pointer, &bad.text, &bad.error);
            Path::input()
        })
    }

    /// An interpolated expression (`Path`, `Intrinsic`, `Expr`, `&str`, `String`).
    pub fn expr(&mut self, pointer: &'static str, v: impl IntoExpr) -> Expr {
        v.into_expr().unwrap_or_else(|bad| {
            self.bad(pointer, &bad.text, &bad.error);
            Expr::Path(Path::input())
        })
    }

    fn bad(&mut self, pointer: &str, text: &str, e: &crate::path::PathError) {
        let field = pointer.rsplit('/').next().unwrap_or_default();
        self.errs.push(crate::validate::rules::paths::unparsed(
            pointer,
            text,
            e,
            format!("the value interpolated into `{field}` is not valid: \"{text}\": {e}"),
            "fix the value, or write it in the macro as a literal to have it checked at compile time",
        ));
    }

    /// The level of a lint set inside the macro (`#![deny(SFN042)]`): the run-time check
    /// uses the same levels as the compile-time one.
    pub fn level(&mut self, code: Code, level: Level) {
        // The macro only passes lints, whose level it has already set at compile time.
        let _ = self.levels.set(code, level);
    }

    /// `#![deny(warnings)]` inside the macro.
    pub fn deny_warnings(&mut self) {
        self.levels.deny_warnings();
    }

    /// Every finding of the interpolated values and of the validator, when there is an error.
    pub fn finish(self, machine: StateMachine) -> Result<StateMachine, Diagnostics> {
        let mut diags = self.errs;
        let own: Vec<String> = diags.iter().map(|d| d.pointer.clone()).collect();
        diags.extend(
            self.levels
                .apply(crate::validate::validate(&machine))
                .into_iter()
                .filter(|d| {
                    !own.iter()
                        .any(|p| d.pointer == *p || d.pointer.starts_with(&format!("{p}/")))
                }),
        );
        if diags.iter().any(Diagnostic::is_error) {
            Err(Diagnostics::with_machine(diags, machine))
        } else {
            Ok(machine)
        }
    }

    /// [`Cx::finish`] for `workflow!`: panics (at the macro call) with every finding.
    #[track_caller]
    pub fn finish_or_panic(self, machine: StateMachine) -> StateMachine {
        match self.finish(machine) {
            Ok(m) => m,
            Err(d) => panic!(
                "workflow!: the state machine is invalid with its interpolated values; these \
                 rules could only be checked at run time (use try_workflow! to handle this as an \
                 error):\n{d}"
            ),
        }
    }
}
