//! The query language of a state: JSONPath fields in a JSONata state and JSONata in a JSONPath one.

use super::prelude::*;
use crate::payload::PayloadValue;

declare! {
    JsonPathFieldInJsonata = "029", error, "JSONPath field in a JSONata state", aws: "SCHEMA_VALIDATION_FAILED", span: key, reads: [QueryLanguage, InputPath, Parameters, ResultSelector, ResultPath, OutputPath, ItemsPath, Result, Variable],
        what: "A JSONPath-only field (`InputPath`, `Parameters`, `ResultPath`, `Variable`, `…Path`, …) in a state whose query language is JSONata.",
        failing: "`\"QueryLanguage\": \"JSONata\"` with `\"InputPath\": \"$.x\"`.",
        fix: "use `Arguments`/`Output`.";
    JsonataFieldInJsonPath = "030", error, "JSONata field in a JSONPath state", aws: "SCHEMA_VALIDATION_FAILED", span: key, reads: [QueryLanguage, Arguments, Output, Condition, Items],
        what: "A JSONata-only field (`Arguments`, `Output`, `Condition`, `Items`) in a JSONPath state.",
        failing: "`\"Output\": \"{% $states.input %}\"` without `\"QueryLanguage\": \"JSONata\"`.",
        fix: "set the query language, or use the JSONPath fields.";
}

impl<'m> Validator<'m> {
    /// A JSONPath Choice rule in a JSONata state (`at` makes the rule's pointer).
    pub(crate) fn jsonpath_rule(&mut self, at: &dyn Fn() -> Pointer) {
        self.report(
            Code::JsonPathFieldInJsonata,
            at(),
            "a JSONPath Choice rule (`Variable` and an operator) in a JSONata state",
            "write the test as `\"Condition\": \"{% … %}\"`",
        );
    }

    pub(crate) fn jsonpath_in(&mut self, at: &dyn Fn() -> Pointer, field: &str) {
        let help = match field {
            k::InputPath | k::Parameters | k::ResultSelector | k::ResultPath | k::OutputPath => {
                "JSONata states use `Arguments` and `Output` instead of the five JSONPath fields".to_string()
            }
            f if f.ends_with("Path") => format!("write `{}` with a \"{{% … %}}\" expression instead", &f[..f.len() - 4]),
            _ => "rewrite it as a JSONata expression \"{% … %}\", or set `\"QueryLanguage\": \"JSONPath\"` on the state".to_string(),
        };
        self.report(
            Code::JsonPathFieldInJsonata,
            at().push(field).as_str(),
            format!("`{field}` is a JSONPath field, but this state's query language is JSONata"),
            help,
        );
    }
    pub(crate) fn jsonata_in(&mut self, at: &dyn Fn() -> Pointer, field: &str, ql: QueryLanguage) {
        if ql == QueryLanguage::Jsonata {
            return;
        }
        self.report(Code::JsonataFieldInJsonPath, at().push(field).as_str(), format!("`{field}` uses JSONata, but this state's query language is JSONPath"), "add `\"QueryLanguage\": \"JSONata\"` to the state (or the machine), or use the JSONPath fields");
    }
    pub(crate) fn opt_jsonpath<T>(
        &mut self,
        at: &dyn Fn() -> Pointer,
        field: &str,
        v: &Option<T>,
        ql: QueryLanguage,
    ) {
        if v.is_some() && ql == QueryLanguage::Jsonata {
            self.jsonpath_in(at, field);
        }
    }
    pub(crate) fn opt_jsonata<T>(
        &mut self,
        at: &dyn Fn() -> Pointer,
        field: &str,
        v: &Option<T>,
        ql: QueryLanguage,
    ) {
        if v.is_some() {
            self.jsonata_in(at, field, ql);
        }
    }
    pub(crate) fn io(
        &mut self,
        at: &dyn Fn() -> Pointer,
        input: &Option<Nullable<crate::path::Path>>,
        output: &Option<Nullable<crate::path::Path>>,
        ql: QueryLanguage,
    ) {
        self.opt_jsonpath(at, k::InputPath, input, ql);
        self.opt_jsonpath(at, k::OutputPath, output, ql);
    }
    pub(crate) fn output(
        &mut self,
        at: &dyn Fn() -> Pointer,
        output: &Option<PayloadValue>,
        ql: QueryLanguage,
    ) {
        self.opt_jsonata(at, k::Output, output, ql);
    }
    /// `QueryLanguage: JSONPath` inside a machine whose top level is JSONata.
    pub(crate) fn ql_override(&mut self, at: &dyn Fn() -> Pointer, own: Option<QueryLanguage>) {
        if self.machine_jsonata && own == Some(QueryLanguage::JsonPath) {
            self.report(Code::JsonPathFieldInJsonata, at().push(k::QueryLanguage).as_str(), "a machine whose top-level `QueryLanguage` is JSONata cannot use JSONPath in a state", "convert this part to JSONata, or set the top level to JSONPath and opt states into JSONata");
        }
    }
}
