//! Payload templates: a literal that looks like a path.

use super::prelude::*;
use crate::path::looks_like_expr;
use crate::payload::PayloadValue;

declare! {
    LiteralLooksLikePath = "034", lint(Suspicious, Warn), "literal string that looks like a path", aws: "NO_DOLLAR", span: key, reads: [Parameters, ResultSelector, ItemSelector, Assign, Credentials],
        what: "A payload template field without `.$` has a string that is a path or an intrinsic, so AWS passes the literal text instead of its value.",
        failing: "`\"Parameters\": {\"Id\": \"$.id\"}`.",
        fix: "`\"Id.$\": \"$.id\"`.";
}

impl<'m> Validator<'m> {
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
                            self.push(
                                Diagnostic::new(
                                    Code::JsonPathFieldInJsonata,
                                    at().push(format!("{k}.$")).as_str(),
                                    format!("`{k}.$` is a JSONPath template field, but this state's query language is JSONata"),
                                )
                                .with_help(format!("write `\"{k}\": \"{{% … %}}\"` with a JSONata expression (was \"{}\")", e.as_str())),
                            );
                        }
                        PayloadValue::Literal(crate::payload::Literal::String(s))
                            if ql == QueryLanguage::JsonPath && looks_like_expr(s) =>
                        {
                            self.push(
                                Diagnostic::new(
                                    Code::LiteralLooksLikePath,
                                    at().push(k).as_str(),
                                    format!("`{k}` is passed as the literal string \"{s}\", which looks like a path"),
                                )
                                .with_help(format!("to pass the value at that path, name the field `{k}.$`; if the literal text is meant, ignore this warning")),
                            );
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
                self.push(
                    Diagnostic::new(
                        Code::WrongType,
                        at().as_str(),
                        format!("the expression \"{}\" is not the value of an object field, so ASL cannot mark it with `.$`", e.as_str()),
                    )
                    .with_help("put it in an object field (`{\"value.$\": …}`), or build the array with `States.Array(…)`"),
                );
            }
            PayloadValue::Jsonata(_) if ql == QueryLanguage::JsonPath => {
                self.push(
                    Diagnostic::new(
                        Code::JsonataFieldInJsonPath,
                        at().as_str(),
                        "a JSONata expression in a JSONPath state is passed as literal text",
                    )
                    .with_help(
                        "add `\"QueryLanguage\": \"JSONata\"` to the state, or use a `Key.$` path",
                    ),
                );
            }
            _ => {}
        }
    }
}
