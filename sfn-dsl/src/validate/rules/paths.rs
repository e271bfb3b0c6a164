//! Paths, intrinsic functions and JSONata expressions that must parse, and the fields that take
//! only a Reference Path. Most are decided when the text is parsed (the importer, the builder's
//! setters, `path!`); the validator decides what needs the field (a Reference Path, `ResultPath`).

use super::prelude::*;
use crate::path::{Expr, Root};

declare! {
    InvalidPath = "027", error, "invalid path", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: [InputPath, OutputPath, ResultPath, ItemsPath, Variable, SecondsPath, TimestampPath, ErrorPath, CausePath, Parameters, ResultSelector, ItemSelector],
        what: "A JSONPath (Path, Reference Path, context path or variable) does not parse, or a field that needs a Reference Path got an expression with filters or wildcards.",
        failing: "`\"InputPath\": \"$.a..b[\"`.",
        fix: "the message gives the byte offset and what was expected.";
    InvalidIntrinsic = "028", error, "invalid intrinsic function", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: [Parameters, ResultSelector, ItemSelector, Arguments, Assign, ErrorPath, CausePath],
        what: "An intrinsic function call does not parse, is unknown or has the wrong arguments.",
        failing: "`\"States.Format()\"`, `\"States.MathAdd($.a)\"`.",
        fix: "the message gives the expected arity.";
    InvalidJsonata = "031", error, "invalid JSONata expression", aws: "INVALID_JSONATA_EXPRESSION", span: value, reads: [Arguments, Output, Condition, Items, Assign],
        what: "A JSONata expression is not enclosed as `{% … %}` or its expression does not parse.",
        failing: "`\"Output\": \"{% $states.input\"`.",
        fix: "close it with ` %}`.";
}

impl<'m> Validator<'m> {
    /// A `…Path` field: a Reference Path (or, for `ErrorPath`/`CausePath`, an intrinsic too).
    pub(crate) fn dyn_path(
        &mut self,
        at: &dyn Fn() -> Pointer,
        field: &str,
        e: &Expr,
        ql: QueryLanguage,
        intrinsic_ok: bool,
    ) {
        if ql == QueryLanguage::Jsonata {
            self.jsonpath_in(at, field);
            return;
        }
        match e {
            Expr::Path(p) if !p.is_reference() => self.report(
                Code::InvalidPath,
                at().push(field).as_str(),
                format!(
                    "`{field}` must be a Reference Path (names and indexes only), found \"{}\"",
                    p.as_str()
                ),
                "remove filters, wildcards, slices and `..` from the path",
            ),
            Expr::Intrinsic(i) if !intrinsic_ok => self.report(
                Code::InvalidPath,
                at().push(field).as_str(),
                format!(
                    "`{field}` takes a path, not an intrinsic function (\"{}\")",
                    i.as_str()
                ),
                "compute the value in an earlier Pass state and refer to it by path",
            ),
            _ => {}
        }
    }
    /// `ResultPath`: a JSONPath field whose path must start at the state input (`$`).
    pub(crate) fn result_path(
        &mut self,
        at: &dyn Fn() -> Pointer,
        v: &Option<Nullable<crate::path::Path>>,
        ql: QueryLanguage,
    ) {
        self.opt_jsonpath(at, k::ResultPath, v, ql);
        if let Some(Nullable::Value(p)) = v
            && !matches!(p.root(), Root::Input)
        {
            self.report(Code::InvalidPath, at().push(k::ResultPath).as_str(), format!("`ResultPath` \"{}\" must start with `$.`: a result can only be placed into the state's input", p.as_str()), "to keep a value for later states, use `Assign` to set a variable instead");
        }
    }
}

/// A path or intrinsic given as text (to a builder setter, or interpolated into `workflow!`)
/// that does not parse: an intrinsic when it starts with `States.`, else a path.
pub(crate) fn unparsed(
    pointer: impl Into<String>,
    text: &str,
    error: &crate::path::PathError,
    message: String,
    help: &str,
) -> Diagnostic {
    let code = if text.starts_with("States.") {
        Code::InvalidIntrinsic
    } else {
        Code::InvalidPath
    };
    Diagnostic::new(code, pointer, message)
        .with_help(help)
        .at_offset(error.offset)
}
