//! Choice rules: their `Next`, their shape (one comparison each) and the type of the value compared.

use super::prelude::*;
use crate::validate::rules::timestamp::is_rfc3339;

declare! {
    ChoiceRuleNext = "019", error, "Choice rule Next misplaced", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: [Choices, Next],
        what: "A top-level Choice rule without `Next`, or a nested rule (inside `And`/`Or`/`Not`) with one.",
        failing: "`{\"Variable\": \"$.x\", \"IsPresent\": true}` at the top of `Choices`.",
        fix: "add `Next`.";
    ChoiceRuleShape = "020", error, "malformed Choice rule", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: [Choices, Variable, And, Or, Not],
        what: "A Choice rule is not exactly one comparison: no operator, two operators, no `Variable`, an empty `And`/`Or`, or an empty `Choices` list.",
        failing: "`{\"Variable\": \"$.x\", \"Next\": \"A\"}`.",
        fix: "add exactly one operator such as `\"IsPresent\": true`.";
    OperatorValueType = "026", error, "comparison value of the wrong type", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: [Choices],
        what: "A comparison operator has a value of the wrong type (`NumericEquals` takes a number, `StringEquals` a string, `Is*` a boolean, `…Path` a path).",
        failing: "`\"NumericEquals\": \"5\"`.",
        fix: "`\"NumericEquals\": 5`.";
}

impl<'m> Validator<'m> {
    /// A Choice state's `Choices`: at least one rule.
    pub(crate) fn empty_choices(&mut self, at: &dyn Fn() -> Pointer, choices: &[ChoiceRule]) {
        if choices.is_empty() {
            self.report(
                Code::ChoiceRuleShape,
                at().push(k::Choices).as_str(),
                "`Choices` is empty",
                "a Choice state needs at least one rule",
            );
        }
    }

    /// A JSONPath Choice condition; `at` makes the pointer of the rule (only for findings).
    pub(crate) fn condition(&mut self, at: &dyn Fn() -> Pointer, c: &Condition) {
        match c {
            Condition::And(rules) | Condition::Or(rules) => {
                let key = if matches!(c, Condition::And(_)) {
                    k::And
                } else {
                    k::Or
                };
                if rules.is_empty() {
                    self.report(
                        Code::ChoiceRuleShape,
                        at().push(key),
                        format!("`{key}` is empty"),
                        format!("`{key}` needs at least one nested rule"),
                    );
                }
                for (i, r) in rules.iter().enumerate() {
                    self.condition(&|| at().push(key).push(i), &r.condition);
                }
            }
            Condition::Not(r) => self.condition(&|| at().push(k::Not), &r.condition),
            Condition::Compare(cmp) => {
                let op = cmp.operator.as_str();
                let p = || at().push(op);
                let expected = match cmp.operator.operand_kind() {
                    OperandKind::String => "a string",
                    OperandKind::Timestamp => "an RFC 3339 timestamp string",
                    OperandKind::Number => "a number",
                    OperandKind::Bool => "a boolean",
                    OperandKind::Path => "a path string",
                };
                match (&cmp.operand, cmp.operator.operand_kind()) {
                    (Operand::Invalid(v), _) => self.report(
                        Code::OperatorValueType,
                        p(),
                        format!(
                            "`{op}` takes {expected}, found {}",
                            crate::import::describe_value(v)
                        ),
                        match cmp.operator.operand_kind() {
                            OperandKind::Number => {
                                format!("write the number without quotes, e.g. `\"{op}\": 5`")
                            }
                            OperandKind::Bool => {
                                format!("write `\"{op}\": true` or `false`, without quotes")
                            }
                            _ => format!("write `\"{op}\"` with {expected}"),
                        },
                    ),
                    (Operand::String(s), OperandKind::Timestamp) if !is_rfc3339(s) => {
                        self.bad_timestamp(&p(), op, s)
                    }
                    (Operand::String(s), OperandKind::String)
                        if cmp.operator == Operator::StringMatches =>
                    {
                        if let Some(off) = bad_match_escape(s) {
                            self.push(
                                Diagnostic::new(Code::OperatorValueType, p(), format!("`StringMatches` pattern \"{s}\" has an invalid escape"))
                                    .with_help("only `\\*` and `\\\\` are escapes in a StringMatches pattern (write them as \"\\\\*\" and \"\\\\\\\\\" in JSON)")
                                    .at_offset(off),
                            );
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// The byte offset of the first invalid escape in a `StringMatches` pattern.
fn bad_match_escape(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            match b.get(i + 1) {
                Some(b'*' | b'\\') => i += 2,
                _ => return Some(i),
            }
        } else {
            i += 1;
        }
    }
    None
}

/// A JSONata condition the builder was asked to nest inside `And`, `Or` or `Not` (`at` is the
/// nested rule's pointer).
pub(crate) fn nested_jsonata(at: &str) -> Diagnostic {
    Diagnostic::new(
        Code::ChoiceRuleShape,
        at,
        "a JSONata `Condition` cannot be nested inside `And`, `Or` or `Not`",
    )
    .with_help("combine the tests inside the JSONata expression (`and`, `or`, `$not`)")
}
