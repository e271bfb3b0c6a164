//! The schema rules: the fields an object has, needs, excludes, and their JSON types and values.
//! The importer ([`crate::import`]) decides them while it reads a definition, from the table of
//! [`crate::fields`]; the validator decides the few the model can still break (`Credentials`, a
//! Distributed Map's `ExecutionType`, CSV headers, `Version`, an expression outside an object).

use super::prelude::*;
use crate::payload::PayloadValue;

declare! {
    UnknownField = "003", error, "unknown field", aws: "SCHEMA_VALIDATION_FAILED", span: key, reads: [],
        what: "A field that the object does not have in ASL (often a typo).",
        failing: "`{\"Type\": \"Pass\", \"ResultPth\": \"$.x\", \"End\": true}`.",
        fix: "`\"ResultPath\"`.";
    MissingField = "004", error, "missing required field", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: [],
        what: "A required field is missing.",
        failing: "`{\"Type\": \"Task\", \"End\": true}` (no `Resource`).",
        fix: "add the field.";
    WrongType = "005", error, "field of the wrong JSON type", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: [],
        what: "A field has the wrong JSON type.",
        failing: "`{\"Type\": \"Wait\", \"Seconds\": \"10\", \"End\": true}`.",
        fix: "`\"Seconds\": 10`.";
    ExclusiveFields = "006", error, "mutually exclusive fields", aws: "SCHEMA_VALIDATION_FAILED", span: key, reads: [],
        what: "Two fields that exclude each other are both present.",
        failing: "`{\"Type\": \"Wait\", \"Seconds\": 5, \"SecondsPath\": \"$.s\", \"End\": true}`.",
        fix: "keep one.";
    InvalidValue = "007", error, "value not allowed", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: [Type, Mode, ExecutionType, Version],
        what: "A field that takes one of a fixed set of values has another value.",
        failing: "`{\"Type\": \"Tsak\"}` or `\"Mode\": \"distributed\"`.",
        fix: "use one of the listed values.";
}

impl<'m> Validator<'m> {
    /// `CSVHeaders` when `CSVHeaderLocation` is GIVEN (`at` makes the `ReaderConfig` pointer).
    pub(crate) fn csv_headers(&mut self, at: &dyn Fn() -> Pointer, c: &ReaderConfig) {
        if c.csv_header_location == Some(CsvHeaderLocation::Given) && c.csv_headers.is_none() {
            self.report(Code::MissingField, at().as_str(), "`CSVHeaderLocation` is GIVEN but there is no `CSVHeaders`", "list the column names in `CSVHeaders`, or use `\"CSVHeaderLocation\": \"FIRST_ROW\"`");
        }
    }

    /// `Version`: only "1.0".
    pub(crate) fn version(&mut self, at: &dyn Fn() -> Pointer, v: &str) {
        if v != "1.0" {
            self.report(
                Code::InvalidValue,
                at(),
                format!("`Version` must be \"1.0\", found \"{v}\""),
                "remove `Version` or set it to \"1.0\", the only ASL version",
            );
        }
    }

    /// `Credentials`: an object whose only field is `RoleArn` (or a JSONata expression).
    pub(crate) fn credentials(
        &mut self,
        at: &dyn Fn() -> Pointer,
        credentials: Option<&PayloadValue>,
    ) {
        let Some(PayloadValue::Object(members)) = credentials else {
            return;
        };
        let cp = at().push(k::Credentials);
        if !members.iter().any(|(k, _)| k == "RoleArn") {
            self.report(Code::MissingField, cp.as_str(), "`Credentials` needs a `RoleArn` field", "add `\"RoleArn\": \"arn:aws:iam::123456789012:role/…\"` (or `\"RoleArn.$\"` with a path), or remove `Credentials`");
        }
        for (key, value) in members {
            if key == "RoleArn" {
                continue;
            }
            let written = if matches!(value, PayloadValue::Expr(_)) {
                format!("{key}.$")
            } else {
                key.clone()
            };
            let mut d = Diagnostic::new(
                Code::UnknownField,
                cp.push(&written).as_str(),
                format!("unknown field `{written}` in `Credentials`"),
            );
            d = if key.eq_ignore_ascii_case("rolearn") {
                d.with_help("field names are case-sensitive: write `RoleArn`")
            } else {
                d.with_help(
                    "`Credentials` has one field, `RoleArn`: the IAM role to assume for this task",
                )
            };
            self.push(d);
        }
    }
}

/// A payload key that the builder was given with `.$` (it adds `.$` itself to an expression's
/// key): the finding, at the key under `at`.
pub(crate) fn dollar_key(k: &str, at: &Pointer) -> Option<Diagnostic> {
    let bare = k.strip_suffix(".$")?;
    Some(
        Diagnostic::new(
            Code::InvalidValue,
            at.push(k),
            format!("the payload key \"{k}\" ends in `.$`; the builder adds `.$` by itself"),
        )
        .with_help(format!(
            "write the key as \"{bare}\" and give it a `Path` or `Intrinsic` value (e.g. `path!(\"$.x\")`), not a string"
        )),
    )
}

/// A state the builder declared but never defined (it has no model until it is defined).
pub(crate) fn declared_not_defined(name: &str) -> Diagnostic {
    Diagnostic::new(
        Code::MissingField,
        Pointer::root().push(k::States).push(name),
        format!("the state \"{name}\" is declared but never defined"),
    )
    .with_help("call `define(handle, …)` for it, or remove its `declare`")
}

/// A Map state built without an item processor (relative to the state).
pub(crate) fn no_item_processor() -> Diagnostic {
    Diagnostic::new(
        Code::MissingField,
        Pointer::root().push(k::ItemProcessor).as_str(),
        "the Map state has no item processor",
    )
    .with_help("add `.item_processor(|p| …)` or `.distributed(execution_type, |p| …)`")
}
