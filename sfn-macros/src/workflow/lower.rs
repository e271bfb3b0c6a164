//! The span tree → a `serde_json::Value` the validator can read, and an index from JSON
//! pointers back to the tokens.
//!
//! An interpolated Rust expression is replaced by a neutral stand-in that is valid for its
//! field (`"$"` for a path, `1` for seconds, an ARN for `Resource`, `null` in a payload), and
//! remembered as dynamic: findings at its place are not reported at compile time, because its
//! value is only known at run time. Fields that decide the shape of the machine (`Type`,
//! `Next`, `StartAt`, `States`, …) cannot be interpolated.

use super::errors::Errors;
use super::parse::{Input, Interp, Node, Str};
use proc_macro2::Span;
use sfn_dsl::__workflow::serde_json::{Map, Value, json};
use sfn_dsl::diagnostic::escape_pointer_token;
use sfn_dsl::model::{OperandKind, Operator};
use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};

/// What the members (or items) of a JSON value are.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ctx {
    /// ASL fields (a machine, a state, a Retry entry, a Choice rule, …).
    Fields,
    /// The states of a `States` object: keys are state names.
    StatesMap,
    /// A payload template (`Parameters`, `Assign`, …): keys are the user's.
    Payload,
    /// Literal JSON (`Result` of a Pass state).
    Json,
    /// A list of strings (`ErrorEquals`, `CSVHeaders`).
    StringList,
}

/// The JSON fields whose value is a payload template.
const PAYLOAD_ROOTS: &[&str] = &[
    "Parameters",
    "ResultSelector",
    "ItemSelector",
    "Assign",
    "Credentials",
    "Arguments",
    "BatchInput",
    "Output",
    "Items",
];

/// The context of the value of member `key` of an object of context `parent`.
fn child_ctx(parent: Ctx, key: &str) -> Ctx {
    match parent {
        Ctx::Fields => match key {
            "States" => Ctx::StatesMap,
            "Result" => Ctx::Json,
            "ErrorEquals" | "CSVHeaders" => Ctx::StringList,
            k if PAYLOAD_ROOTS.contains(&k) => Ctx::Payload,
            _ => Ctx::Fields,
        },
        Ctx::StatesMap => Ctx::Fields,
        other => other,
    }
}

/// One key or value of the input, found by its JSON pointer.
pub struct Place<'t> {
    /// The key of the member, when the value is an object member.
    pub key: Option<&'t Str>,
    /// The value.
    pub node: &'t Node,
    /// The context of the object or array this value is in.
    pub parent: Ctx,
    /// True for a state (a member of a `States` object).
    pub is_state: bool,
}

/// An interpolated expression and where it is.
pub struct Dyn<'t> {
    /// The expression.
    pub interp: &'t Interp,
    /// Set when the expansion has placed the expression.
    pub used: Cell<bool>,
}

/// The result of lowering.
pub struct Lowered<'t> {
    /// The definition as JSON, stand-ins in place of interpolated values.
    pub value: Value,
    /// Every key and value by pointer.
    pub places: HashMap<String, Place<'t>>,
    /// Every interpolated value by pointer.
    pub dyns: BTreeMap<String, Dyn<'t>>,
    /// Interpolations in places that cannot take one (already reported): the pointer of the
    /// enclosing state (empty at the top level) and of the value.
    pub forbidden: Vec<(String, String)>,
    /// The span for findings about the whole definition.
    pub root_span: Span,
}

struct Lower<'t, 'e> {
    out: Lowered<'t>,
    errs: &'e mut Errors,
}

/// Lowers the parsed input.
pub fn lower<'t>(input: &'t Input, errs: &mut Errors) -> Lowered<'t> {
    let mut l = Lower {
        out: Lowered {
            value: Value::Null,
            places: HashMap::new(),
            dyns: BTreeMap::new(),
            forbidden: Vec::new(),
            root_span: input.span,
        },
        errs,
    };
    l.out.places.insert(
        String::new(),
        Place {
            key: None,
            node: &input.root,
            parent: Ctx::Fields,
            is_state: false,
        },
    );
    let value = l.value(&input.root, "", Ctx::Fields, "");
    l.out.value = value;
    l.out
}

/// Where an interpolated value is: a member of an object of some context, or an array item.
enum Role<'a> {
    Member { parent: Ctx, key: &'a str },
    Item { array: Ctx },
}

impl<'t> Lower<'t, '_> {
    /// Lowers `node`, whose own members/items have context `ctx`.
    fn value(&mut self, node: &'t Node, ptr: &str, ctx: Ctx, state: &str) -> Value {
        match node {
            Node::Object(o) => {
                let mut map = Map::new();
                for m in &o.members {
                    let child = format!("{ptr}/{}", escape_pointer_token(&m.key.value));
                    let is_state = ctx == Ctx::StatesMap;
                    let child_state = if is_state { child.as_str() } else { state };
                    let child_state = child_state.to_owned();
                    self.out.places.insert(
                        child.clone(),
                        Place {
                            key: Some(&m.key),
                            node: &m.value,
                            parent: ctx,
                            is_state,
                        },
                    );
                    let v = match &m.value {
                        Node::Expr(e) => self.interp(
                            e,
                            &child,
                            Role::Member {
                                parent: ctx,
                                key: &m.key.value,
                            },
                            &child_state,
                        ),
                        other => {
                            let cctx = child_ctx(ctx, &m.key.value);
                            self.value(other, &child, cctx, &child_state)
                        }
                    };
                    map.insert(m.key.value.clone(), v);
                }
                Value::Object(map)
            }
            Node::Array(a) => {
                let mut items = Vec::with_capacity(a.items.len());
                for (i, item) in a.items.iter().enumerate() {
                    let child = format!("{ptr}/{i}");
                    self.out.places.insert(
                        child.clone(),
                        Place {
                            key: None,
                            node: item,
                            parent: ctx,
                            is_state: false,
                        },
                    );
                    items.push(match item {
                        Node::Expr(e) => self.interp(e, &child, Role::Item { array: ctx }, state),
                        other => self.value(other, &child, ctx, state),
                    });
                }
                Value::Array(items)
            }
            Node::Str(s) => Value::String(s.value.clone()),
            Node::Scalar(s) => s.value.clone(),
            // Only reached for the root, which the parser never makes an expression.
            Node::Expr(_) | Node::Invalid => Value::Null,
        }
    }

    fn interp(&mut self, e: &'t Interp, ptr: &str, role: Role<'_>, state: &str) -> Value {
        match stand_in(&role) {
            Ok(v) => {
                self.out.dyns.insert(
                    ptr.to_owned(),
                    Dyn {
                        interp: e,
                        used: Cell::new(false),
                    },
                );
                v
            }
            Err((message, help)) => {
                self.errs.error_range(e.start, e.end, message, help);
                self.out.forbidden.push((state.to_owned(), ptr.to_owned()));
                match role {
                    Role::Member { key: "Type", .. } => Value::String("Pass".into()),
                    _ => Value::Null,
                }
            }
        }
    }
}

type Forbidden = (String, String);

/// The stand-in of an interpolated value, or why it cannot be interpolated there.
fn stand_in(role: &Role<'_>) -> Result<Value, Forbidden> {
    let (parent, key) = match *role {
        Role::Item { array } => {
            return match array {
                Ctx::Payload | Ctx::Json => Ok(Value::Null),
                Ctx::StringList => Ok(Value::String("Sfn.Placeholder".into())),
                Ctx::Fields | Ctx::StatesMap => Err((
                    "this entry must be written out in `workflow!`, not interpolated".into(),
                    "write the entry as a JSON object; Rust expressions can be used for its values"
                        .into(),
                )),
            };
        }
        Role::Member { parent, key } => (parent, key),
    };
    match parent {
        Ctx::Payload => {
            return Ok(if key.ends_with(".$") {
                Value::String("$".into())
            } else {
                Value::Null
            });
        }
        Ctx::Json | Ctx::StringList => return Ok(Value::Null),
        Ctx::StatesMap => {
            return Err((
                format!("the state \"{key}\" must be written out in `workflow!`, not interpolated"),
                "write the state as a JSON object; Rust expressions can be used for its field values".into(),
            ));
        }
        Ctx::Fields => {}
    }
    if let Some(op) = Operator::from_name(key) {
        return Ok(match op.operand_kind() {
            OperandKind::String => json!("placeholder"),
            OperandKind::Timestamp => json!("2000-01-01T00:00:00Z"),
            OperandKind::Number => json!(0),
            OperandKind::Bool => json!(true),
            OperandKind::Path => json!("$"),
        });
    }
    Ok(match key {
        "Parameters" | "ResultSelector" | "ItemSelector" | "Assign" | "Credentials"
        | "Arguments" | "BatchInput" => json!({}),
        "Output" | "Items" | "Result" => Value::Null,
        "InputPath"
        | "OutputPath"
        | "ResultPath"
        | "ItemsPath"
        | "Variable"
        | "SecondsPath"
        | "TimestampPath"
        | "TimeoutSecondsPath"
        | "HeartbeatSecondsPath"
        | "ErrorPath"
        | "CausePath"
        | "MaxConcurrencyPath"
        | "ToleratedFailurePercentagePath"
        | "ToleratedFailureCountPath"
        | "MaxItemsPath"
        | "MaxItemsPerBatchPath"
        | "MaxInputBytesPerBatchPath" => json!("$"),
        "TimeoutSeconds" => json!(99_999_999),
        "HeartbeatSeconds"
        | "Seconds"
        | "IntervalSeconds"
        | "MaxAttempts"
        | "MaxDelaySeconds"
        | "MaxItems"
        | "MaxItemsPerBatch"
        | "MaxInputBytesPerBatch" => {
            json!(1)
        }
        "MaxConcurrency" | "ToleratedFailureCount" | "ToleratedFailurePercentage" => json!(0),
        "BackoffRate" => json!(2),
        "Comment" | "Error" | "Cause" | "Label" => json!("placeholder"),
        "Resource" => json!("arn:aws:lambda:us-east-1:123456789012:function:placeholder"),
        "Timestamp" => json!("2000-01-01T00:00:00Z"),
        "Next" | "Default" | "StartAt" => {
            return Err((
                format!("`{key}` must be a string literal in `workflow!`: transitions are checked at compile time"),
                "name the state as a literal, e.g. `\"Next\": \"Wait\"`; for targets only known at run time, use `sfn::builder`".into(),
            ));
        }
        "Type" | "QueryLanguage" | "Version" | "End" | "Mode" | "ExecutionType"
        | "JitterStrategy" | "InputType" | "CSVHeaderLocation" | "CSVDelimiter"
        | "ManifestType" | "OutputType" | "Transformation" | "Condition" => {
            return Err((
                format!(
                    "`{key}` must be written literally in `workflow!`: it decides how the definition is checked"
                ),
                format!(
                    "write `\"{key}\"` as a JSON value; Rust expressions can be used for paths, payloads, ARNs, numbers and texts"
                ),
            ));
        }
        "States" | "Branches" | "ItemProcessor" | "Iterator" | "ProcessorConfig" | "Choices"
        | "Retry" | "Catch" | "ErrorEquals" | "ItemReader" | "ItemBatcher" | "ResultWriter"
        | "ReaderConfig" | "WriterConfig" | "CSVHeaders" | "And" | "Or" | "Not" => {
            return Err((
                format!("`{key}` must be written out in `workflow!`, not interpolated"),
                format!(
                    "write `\"{key}\"` as JSON; Rust expressions can be used for the values inside it"
                ),
            ));
        }
        // An unknown field: the validator reports it.
        _ => Value::Null,
    })
}
