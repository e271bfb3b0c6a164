//! Variable names of `Assign`.

use super::prelude::*;
use crate::path::validate_variable_name;
use crate::payload::PayloadValue;

declare! {
    InvalidVariableName = "032", error, "invalid variable name", aws: "SCHEMA_VALIDATION_FAILED", span: key, reads: [Assign],
        what: "A variable name in `Assign` is not a valid name (letters, digits and `_`, not starting with a digit, at most 80 characters) or is reserved (`states`).",
        failing: "`\"Assign\": {\"1st\": 1}`.",
        fix: "`\"first\"`.";
}

impl<'m> Validator<'m> {
    pub(crate) fn assign(
        &mut self,
        at: &dyn Fn() -> Pointer,
        assign: &Option<PayloadValue>,
        ql: QueryLanguage,
    ) {
        let Some(a) = assign else { return };
        let at = || at().push(k::Assign);
        if let PayloadValue::Object(members) = a {
            for (name, _) in members {
                if let Err(e) = validate_variable_name(name) {
                    let key = if matches!(
                        members.iter().find(|(n, _)| n == name),
                        Some((_, PayloadValue::Expr(_)))
                    ) {
                        format!("{name}.$")
                    } else {
                        name.clone()
                    };
                    self.push(
                        Diagnostic::new(Code::InvalidVariableName, at().push(&key).as_str(), format!("\"{name}\" is not a valid variable name: {}", e.message))
                            .with_help("a variable name starts with a letter or `_`, continues with letters, digits and `_`, and has at most 80 characters")
                            .at_offset(e.offset),
                    );
                }
            }
        }
        self.payload(&at, a, ql);
    }
}
