//! Values in generated builder code: paths, intrinsics, JSONata, payload templates, literal
//! JSON, `…`/`…Path` fields and Choice conditions.

use super::builder::Gen;
use super::layout::Doc;
use super::lexical::{number_literal, snake_identifier, string_literal};
use sfn_dsl::fields::names as k;
use sfn_dsl::model::{Comparison, Condition, Dynamic, NestedRule, Operand, OperandKind};
use sfn_dsl::path::{Expr, Jsonata, Path};
use sfn_dsl::payload::{Literal, PayloadValue};

/// The most members or items `payload!` gets in one object or array: it recurses once per
/// member, and the compiler's default recursion limit is 128.
const MACRO_MEMBERS: usize = 100;
/// The deepest macro expansion a `literal!` may reach (see [`literal_depth`]): the compiler's
/// default recursion limit is 128, and the call may itself sit in a few `vec!`s.
const LITERAL_DEPTH: usize = 100;

impl Gen {
    /// `path!("…")`.
    pub(crate) fn path(&mut self, p: &Path) -> Doc {
        self.root("path");
        Doc::call("path!", vec![Doc::text(string_literal(p.as_str()))])
    }

    /// `path!("…")` or `intrinsic!("…")`.
    pub(crate) fn expr(&mut self, e: &Expr) -> Doc {
        match e {
            Expr::Path(p) => self.path(p),
            Expr::Intrinsic(i) => {
                self.root("intrinsic");
                Doc::call("intrinsic!", vec![Doc::text(string_literal(i.as_str()))])
            }
        }
    }

    /// `jsonata!("{% … %}")`.
    pub(crate) fn jsonata(&mut self, j: &Jsonata) -> Doc {
        self.root("jsonata");
        Doc::call("jsonata!", vec![Doc::text(string_literal(j.as_str()))])
    }

    /// A value for `impl IntoDynamic<T>` (`TimeoutSeconds`, `Seconds`, `Error`, …) or, for the
    /// `…Path` form, the argument of the `…_path` setter. Returns the setter suffix (`""` or
    /// `"_path"`) and the argument.
    pub(crate) fn dynamic<T>(
        &mut self,
        d: &Dynamic<T>,
        value: impl FnOnce(&T) -> Doc,
        field: &str,
    ) -> (&'static str, Doc) {
        match d {
            Dynamic::Value(v) => ("", value(v)),
            Dynamic::Jsonata(j) => ("", self.jsonata(j)),
            Dynamic::Path(Expr::Path(p)) => ("_path", self.path(p)),
            Dynamic::Path(e @ Expr::Intrinsic(_)) => {
                self.note(format!(
                    "`{field}Path` holds an intrinsic function, which the builder takes only as a path; it is passed as text, and `build()` reports it"
                ));
                ("_path", Doc::text(string_literal(e.as_str())))
            }
        }
    }

    /// `.timeout_seconds(…)` or `.timeout_seconds_path(…)` (the setter named after the ASL
    /// `field`) of an `X` / `XPath` field, when it is set.
    pub(crate) fn dynamic_setter<T>(
        &mut self,
        doc: Doc,
        d: &Option<Dynamic<T>>,
        value: impl FnOnce(&T) -> Doc,
        field: &str,
    ) -> Doc {
        let Some(d) = d else { return doc };
        let (suffix, arg) = self.dynamic(d, value, field);
        doc.method(
            format!("{}{suffix}", snake_identifier(field, "")),
            vec![arg],
        )
    }

    /// A payload template as the argument of a setter (`impl Into<PayloadValue>`).
    pub(crate) fn payload(&mut self, v: &PayloadValue) -> Doc {
        let v = lift(v);
        self.payload_expr(&v)
    }

    /// A lifted payload value as a Rust expression that converts into a `PayloadValue`.
    fn payload_expr(&mut self, v: &PayloadValue) -> Doc {
        match v {
            PayloadValue::Object(members) => self.payload_object(members, "payload! "),
            PayloadValue::Array(_) if is_static(v) && literal_depth(v) <= LITERAL_DEPTH => {
                self.literal_macro(v)
            }
            PayloadValue::Array(items) => {
                let items = items
                    .iter()
                    .map(|item| {
                        let doc = self.payload_expr(item);
                        if self.is_payload_typed(item) {
                            doc
                        } else {
                            doc.method("into", vec![])
                        }
                    })
                    .collect();
                Doc::call(
                    "sfn::PayloadValue::Array",
                    vec![Doc::List("vec!".into(), items)],
                )
            }
            PayloadValue::Literal(v) => self.scalar(v),
            PayloadValue::Expr(e) => self.expr(e),
            PayloadValue::Jsonata(j) => self.jsonata(j),
        }
    }

    /// True when [`payload_expr`](Self::payload_expr) gives a `PayloadValue` itself (no
    /// conversion needed).
    fn is_payload_typed(&self, v: &PayloadValue) -> bool {
        match v {
            PayloadValue::Object(_) => true,
            PayloadValue::Array(_) => !(is_static(v) && literal_depth(v) <= LITERAL_DEPTH),
            _ => false,
        }
    }

    /// `payload! { … }`, or `sfn::PayloadValue::object([…])` when `payload!` cannot hold the
    /// object (a key ending in `.$`, too many members).
    fn payload_object(&mut self, members: &[(String, PayloadValue)], prefix: &str) -> Doc {
        if members.len() <= MACRO_MEMBERS && members.iter().all(|(k, _)| !k.ends_with(".$")) {
            self.root("payload");
            let members = members
                .iter()
                .map(|(k, v)| (string_literal(k), self.payload_member(v)))
                .collect();
            return Doc::Object(prefix.to_string(), members);
        }
        let pairs = members
            .iter()
            .map(|(k, v)| {
                let value = self.payload_expr(v);
                let value = if self.is_payload_typed(v) {
                    value
                } else {
                    Doc::call("sfn::PayloadValue::from", vec![value])
                };
                Doc::call("", vec![Doc::text(string_literal(k)), value])
            })
            .collect();
        Doc::call(
            "sfn::PayloadValue::object",
            vec![Doc::List(String::new(), pairs)],
        )
    }

    /// A value inside `payload! { … }`: nested `{ … }` and `[ … ]`, `null`, or an expression.
    fn payload_member(&mut self, v: &PayloadValue) -> Doc {
        match v {
            PayloadValue::Object(members) => self.payload_object(members, ""),
            PayloadValue::Array(items) if items.len() <= MACRO_MEMBERS => {
                let items = items.iter().map(|i| self.payload_member(i)).collect();
                Doc::List(String::new(), items)
            }
            PayloadValue::Literal(Literal::Null) => Doc::text("null"),
            other => self.payload_expr(other),
        }
    }

    /// A JSON scalar as a Rust expression (`null` as `literal!(null)`); containers as
    /// [`literal`](Self::literal) writes them.
    fn scalar(&mut self, v: &Literal) -> Doc {
        match v {
            Literal::Null => {
                self.root("literal");
                Doc::call("literal!", vec![Doc::text("null")])
            }
            Literal::Bool(b) => Doc::text(b.to_string()),
            Literal::Number(n) => Doc::text(number_literal(n)),
            Literal::String(s) => Doc::text(string_literal(s)),
            Literal::Array(_) | Literal::Object(_) => self.literal(v),
        }
    }

    /// A literal JSON value for `impl Into<Literal>` (Pass `Result`): `literal!(…)`, or, when
    /// too large for a macro, its compact JSON text parsed by `Literal`'s `FromStr` (sfn's
    /// reader: members in order, numbers exact).
    pub(crate) fn literal(&mut self, v: &Literal) -> Doc {
        match v {
            Literal::Array(_) | Literal::Object(_) => {
                let lifted = lift(&PayloadValue::Literal(v.clone()));
                if literal_depth(&lifted) <= LITERAL_DEPTH {
                    self.literal_macro(&lifted)
                } else {
                    let text = serde_json::to_string(v).unwrap_or_default();
                    Doc::text(string_literal(&text))
                        .method("parse::<sfn::payload::Literal>", vec![])
                        .method("expect", vec![Doc::text("\"valid JSON\"")])
                }
            }
            scalar => self.scalar(scalar),
        }
    }

    /// `literal!(…)` of a static, lifted value.
    fn literal_macro(&mut self, v: &PayloadValue) -> Doc {
        self.root("literal");
        Doc::call("literal!", vec![literal_syntax(v)])
    }

    /// A JSONPath condition: `Condition::string_equals(path!("$.a"), "x")`, `Condition::and([…])`.
    pub(crate) fn condition(&mut self, c: &Condition) -> Doc {
        self.builder(k::Condition);
        match c {
            Condition::And(rules) => self.combine("Condition::and", rules),
            Condition::Or(rules) => self.combine("Condition::or", rules),
            Condition::Not(rule) => {
                let inner = self.nested(rule);
                Doc::call("Condition::not", vec![inner])
            }
            Condition::Compare(cmp) => self.comparison(cmp),
        }
    }

    fn combine(&mut self, head: &str, rules: &[NestedRule]) -> Doc {
        let items = rules.iter().map(|r| self.nested(r)).collect();
        Doc::call(head, vec![Doc::List(String::new(), items)])
    }

    fn nested(&mut self, rule: &NestedRule) -> Doc {
        let doc = self.condition(&rule.condition);
        match &rule.comment {
            Some(c) => doc.method("comment", vec![Doc::text(string_literal(c))]),
            None => doc,
        }
    }

    fn comparison(&mut self, cmp: &Comparison) -> Doc {
        let variable = self.path(&cmp.variable);
        // `NumericGreaterThanEqualsPath` → `numeric_greater_than_equals_path`.
        let name = snake_identifier(cmp.operator.as_str(), "");
        let operand = match (cmp.operator.operand_kind(), &cmp.operand) {
            (OperandKind::String | OperandKind::Timestamp, Operand::String(s)) => {
                Doc::text(string_literal(s))
            }
            (OperandKind::Number, Operand::Number(n)) => Doc::text(number_literal(n)),
            (OperandKind::Bool, Operand::Bool(b)) => Doc::text(b.to_string()),
            (OperandKind::Path, Operand::Path(p)) => self.path(p),
            (OperandKind::Number, _) => {
                self.note(format!(
                    "the operand of `{}` is not a number; `f64::NAN` stands for it, and `build()` reports it",
                    cmp.operator.as_str()
                ));
                Doc::text("f64::NAN")
            }
            (_, operand) => {
                let json = serde_json::to_string(operand).unwrap_or_default();
                let message = format!(
                    "the operand {json} of `{}` has the wrong type; the builder cannot write it",
                    cmp.operator.as_str()
                );
                self.note(message.clone());
                let message = format!("sfn import: {message}");
                Doc::call("compile_error!", vec![Doc::text(string_literal(&message))])
            }
        };
        Doc::call(format!("Condition::{name}"), vec![variable, operand])
    }
}

/// The same payload with literal objects and arrays turned into `Object`/`Array` nodes (which
/// serialize identically), so that one printer handles both.
fn lift(v: &PayloadValue) -> PayloadValue {
    match v {
        PayloadValue::Literal(Literal::Object(map)) => PayloadValue::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), lift(&PayloadValue::Literal(v.clone()))))
                .collect(),
        ),
        PayloadValue::Literal(Literal::Array(items)) => PayloadValue::Array(
            items
                .iter()
                .map(|v| lift(&PayloadValue::Literal(v.clone())))
                .collect(),
        ),
        PayloadValue::Object(members) => {
            PayloadValue::Object(members.iter().map(|(k, v)| (k.clone(), lift(v))).collect())
        }
        PayloadValue::Array(items) => PayloadValue::Array(items.iter().map(lift).collect()),
        other => other.clone(),
    }
}

/// True when the value holds no path, intrinsic or JSONata expression.
fn is_static(v: &PayloadValue) -> bool {
    match v {
        PayloadValue::Object(m) => m.iter().all(|(_, v)| is_static(v)),
        PayloadValue::Array(a) => a.iter().all(is_static),
        PayloadValue::Literal(_) => true,
        PayloadValue::Expr(_) | PayloadValue::Jsonata(_) => false,
    }
}

/// How deep the compiler's macro expansion goes for `literal!(v)` of a static, lifted value,
/// the call itself being 1: an object or array recurses once per member or item (and once more
/// to end), and a nested one starts from the depth of its member.
fn literal_depth(v: &PayloadValue) -> usize {
    fn nested<'a>(values: impl ExactSizeIterator<Item = &'a PayloadValue>) -> usize {
        let len = values.len();
        values
            .enumerate()
            .filter(|(_, v)| matches!(v, PayloadValue::Object(_) | PayloadValue::Array(_)))
            .map(|(i, v)| 2 + i + literal_depth(v))
            .fold(len + 2, usize::max)
    }
    match v {
        PayloadValue::Object(m) => nested(m.iter().map(|(_, v)| v)),
        PayloadValue::Array(a) => nested(a.iter()),
        _ => 1,
    }
}

/// A static, lifted value in `literal!` syntax (that of `serde_json::json!`).
fn literal_syntax(v: &PayloadValue) -> Doc {
    match v {
        PayloadValue::Object(m) => Doc::Object(
            String::new(),
            m.iter()
                .map(|(k, v)| (string_literal(k), literal_syntax(v)))
                .collect(),
        ),
        PayloadValue::Array(a) => Doc::List(String::new(), a.iter().map(literal_syntax).collect()),
        PayloadValue::Literal(Literal::Null) => Doc::text("null"),
        PayloadValue::Literal(Literal::Bool(b)) => Doc::text(b.to_string()),
        PayloadValue::Literal(Literal::Number(n)) => Doc::text(number_literal(n)),
        PayloadValue::Literal(Literal::String(s)) => Doc::text(string_literal(s)),
        // Not reached for static lifted values.
        PayloadValue::Literal(other) => Doc::text(other.to_string()),
        PayloadValue::Expr(e) => Doc::text(string_literal(e.as_str())),
        PayloadValue::Jsonata(j) => Doc::text(string_literal(j.as_str())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_names() {
        let snake = |name| snake_identifier(name, "");
        assert_eq!(snake("StringEquals"), "string_equals");
        assert_eq!(
            snake("NumericGreaterThanEqualsPath"),
            "numeric_greater_than_equals_path"
        );
        assert_eq!(snake("IsNull"), "is_null");
        // Every operator has a `Condition` constructor named in snake case, word for word.
        for op in sfn_dsl::model::Operator::ALL {
            let camel: String = (snake(op.as_str()).split('_'))
                .map(|w| w[..1].to_ascii_uppercase() + &w[1..])
                .collect();
            assert_eq!(camel, op.as_str());
        }
    }
}
