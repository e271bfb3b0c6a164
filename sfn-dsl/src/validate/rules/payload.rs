//! A path where AWS takes literal text: a literal in a payload template that looks like a path
//! (AWS's `NO_DOLLAR`), a `.$` key in a Pass state's `Result` (`PASS_RESULT_IS_STATIC`), a path
//! in a field whose `…Path` twin reads paths (`NO_PATH`). AWS accepts each with a warning.

use super::prelude::*;
use crate::path::looks_like_expr;
use crate::payload::{Literal, PayloadValue};

declare! {
    LiteralLooksLikePath = "034", lint(Suspicious, Warn), "literal string that looks like a path", aws: "NO_DOLLAR", span: key, reads: [Parameters, ResultSelector, ItemSelector, Assign, Credentials],
        what: "A payload template field without `.$` has a string that is a path or an intrinsic, so AWS passes the literal text instead of its value.",
        failing: "`\"Parameters\": {\"Id\": \"$.id\"}`.",
        fix: "`\"Id.$\": \"$.id\"`.";
    PassResultIsStatic = "045", lint(Suspicious, Warn), "path in a Pass state's Result", aws: "PASS_RESULT_IS_STATIC", span: key, reads: [Result],
        what: "A key of a Pass state's `Result` ends in `.$`. `Result` is taken as written: AWS passes the key with its `.$` and the path as literal text (its validator warns with `PASS_RESULT_IS_STATIC`).",
        failing: "`\"Result\": {\"order.$\": \"$.order\"}`.",
        fix: "`\"Parameters\": {\"order.$\": \"$.order\"}`, which evaluates the path.";
    PathInLiteralField = "046", lint(Suspicious, Warn), "path in a field that takes literal text", aws: "NO_PATH", span: value, reads: [Error, Cause],
        what: "A Fail state's `Error` or `Cause` is a string that looks like a path or an intrinsic function. AWS reports that text literally; the `…Path` field (`ErrorPath`, `CausePath`) reads the value (its validator warns with `NO_PATH`).",
        failing: "`\"Cause\": \"$.error.Cause\"`.",
        fix: "`\"CausePath\": \"$.error.Cause\"`.";
}

impl<'m> Validator<'m> {
    /// SFN045: the `.$` keys of a JSONPath Pass state's `Result`, at any depth.
    pub(crate) fn static_result(&mut self, at: &dyn Fn() -> Pointer, result: &Literal) {
        match result {
            Literal::Object(members) => {
                for (key, value) in members {
                    let here = || at().push_str(key);
                    if key.ends_with(".$") {
                        self.report(Code::PassResultIsStatic, here().as_str(), format!("`{key}` is a key of `Result`, which is passed as written: the key keeps its `.$` and no path is evaluated"), "to evaluate paths, build the output with `Parameters` instead of `Result`");
                    }
                    self.static_result(&here, value);
                }
            }
            Literal::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.static_result(&|| at().push(i), item);
                }
            }
            _ => {}
        }
    }

    /// SFN046: a JSONPath Fail state's `Error` or `Cause` that looks like a path.
    pub(crate) fn path_in_literal(
        &mut self,
        at: &dyn Fn() -> Pointer,
        field: &str,
        value: Option<&Dynamic<String>>,
    ) {
        if let Some(Dynamic::Value(s)) = value
            && looks_like_expr(s)
        {
            self.report(Code::PathInLiteralField, at().push(field).as_str(), format!("`{field}` is the literal text \"{s}\", which looks like a path"), format!("to report the value at that path, name the field `{field}Path`; if the literal text is meant, ignore this warning"));
        }
    }

    /// A JSONPath payload template (`Parameters`, `ResultSelector`, `ItemSelector`, …).
    pub(crate) fn template(
        &mut self,
        at: &dyn Fn() -> Pointer,
        field: &str,
        t: &Option<PayloadValue>,
        ql: QueryLanguage,
    ) {
        let Some(t) = t else { return };
        if ql == QueryLanguage::Jsonata && matches!(field, k::Parameters | k::ResultSelector) {
            self.jsonpath_in(at, field);
            return;
        }
        self.payload(&|| at().push(field), t, ql);
    }
    /// Walks a payload: `.$` expressions in JSONata states, JSONata in JSONPath states, literals
    /// that look like forgotten `.$`. `at` makes the payload's pointer, only for findings
    /// (templates are walked for every state).
    pub(crate) fn payload(
        &mut self,
        at: &dyn Fn() -> Pointer,
        v: &PayloadValue,
        ql: QueryLanguage,
    ) {
        match v {
            PayloadValue::Object(members) => {
                for (k, v) in members {
                    match v {
                        PayloadValue::Expr(e) if ql == QueryLanguage::Jsonata => {
                            self.report(Code::JsonPathFieldInJsonata, at().push(format!("{k}.$")).as_str(), format!("`{k}.$` is a JSONPath template field, but this state's query language is JSONata"), format!("write `\"{k}\": \"{{% … %}}\"` with a JSONata expression (was \"{}\")", e.as_str()));
                        }
                        PayloadValue::Literal(crate::payload::Literal::String(s))
                            if ql == QueryLanguage::JsonPath && looks_like_expr(s) =>
                        {
                            self.report(Code::LiteralLooksLikePath, at().push(k).as_str(), format!("`{k}` is passed as the literal string \"{s}\", which looks like a path"), format!("to pass the value at that path, name the field `{k}.$`; if the literal text is meant, ignore this warning"));
                        }
                        // `Key.$` in a JSONPath state: what expressions are for.
                        PayloadValue::Expr(_) => {}
                        // Nothing to check in a literal (and no pointer to build for it).
                        PayloadValue::Literal(_) => {}
                        _ => self.payload(&|| at().push_str(k), v, ql),
                    }
                }
            }
            PayloadValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if !matches!(item, PayloadValue::Literal(_)) {
                        self.payload(&|| at().push(i), item, ql);
                    }
                }
            }
            PayloadValue::Expr(e) => {
                // Only an object member (`Key.$`) can hold an expression in ASL.
                self.report(Code::WrongType, at().as_str(), format!("the expression \"{}\" is not the value of an object field, so ASL cannot mark it with `.$`", e.as_str()), "put it in an object field (`{\"value.$\": …}`), or build the array with `States.Array(…)`");
            }
            PayloadValue::Jsonata(_) if ql == QueryLanguage::JsonPath => {
                self.report(
                    Code::JsonataFieldInJsonPath,
                    at().as_str(),
                    "a JSONata expression in a JSONPath state is passed as literal text",
                    "add `\"QueryLanguage\": \"JSONata\"` to the state, or use a `Key.$` path",
                );
            }
            _ => {}
        }
    }
}
