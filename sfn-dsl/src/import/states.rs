//! Importers of the eight state types and their parts (Retry, Catch, Choice rules, Map parts).

use super::fields::*;
use super::reader::{At, Cx, Obj, did_you_mean};
use crate::diagnostic::{Diagnostic, escape_pointer_token};
use crate::fields::names as k;
use crate::fields::{Field, Owner};
use crate::json::node::Node;
use crate::model::object::{FieldType, ReadObject};
use crate::model::ser::Key;
use crate::model::*;
use crate::path::Path;
use crate::payload::PayloadValue;
use crate::rules::Code;

/// A member read as its Rust type reads it ([`FieldType`]), in the query language `$ql`.
macro_rules! read {
    ($cx:expr, $o:expr, $field:ident, $ql:expr) => {
        FieldType::read($cx, $o, const { Key::of(Field::$field) }, &mut { $ql })
    };
}

/// The `Type`s of the states.
fn types() -> impl Iterator<Item = &'static str> {
    Owner::STATES.into_iter().map(Owner::name)
}

pub(crate) fn state(
    cx: &mut Cx,
    v: &Node<'_>,
    at: At<'_>,
    inherited: QueryLanguage,
    name: &str,
) -> Option<State> {
    let mut o = Obj::new(cx, v, at, name, "a state")?;
    let ty = match o.get(k::Type) {
        Some(Node::String(t)) => t.as_ref(),
        Some(other) => {
            cx.wrong_type(&o.at.key(k::Type), k::Type, "a string", other);
            if let Node::Runtime = other {
                run_time_type(cx, v, o.at, inherited);
            }
            return None;
        }
        None => {
            cx.err(
                Code::MissingField,
                &o.at,
                format!("state \"{name}\" has no `Type`"),
            )
            .help = Some(format!(
                "add `\"Type\"`: one of {}",
                types().collect::<Vec<_>>().join(", ")
            ));
            return None;
        }
    };
    if Owner::state_type(ty).is_none() {
        let d = cx.err(
            Code::InvalidValue,
            &o.at.key(k::Type),
            format!("unknown state type \"{ty}\""),
        );
        d.help = Some(match did_you_mean(ty, types()) {
            Some(s) => format!("did you mean \"{s}\"?"),
            None => format!(
                "the state types are {}",
                types().collect::<Vec<_>>().join(", ")
            ),
        });
        return None;
    }
    o.what = match ty {
        "Task" => "a Task state",
        "Pass" => "a Pass state",
        "Choice" => "a Choice state",
        "Wait" => "a Wait state",
        "Succeed" => "a Succeed state",
        "Fail" => "a Fail state",
        "Parallel" => "a Parallel state",
        _ => "a Map state",
    };
    let state = body(cx, &mut o, ty, inherited);
    o.finish(cx);
    state
}

/// The fields of a state of type `ty` (`Type` already read).
fn body(cx: &mut Cx, o: &mut Obj<'_, '_>, ty: &str, inherited: QueryLanguage) -> Option<State> {
    let comment = read!(cx, o, Comment, inherited);
    let mut ql = inherited;
    let own_ql = FieldType::read(cx, o, const { Key::of(Field::QueryLanguage) }, &mut ql);
    let h = Head {
        comment,
        own_ql,
        ql,
        inherited,
    };
    match ty {
        "Task" => task(cx, o, h),
        "Pass" => pass(cx, o, h),
        "Choice" => choice(cx, o, h),
        "Wait" => wait(cx, o, h),
        "Succeed" => {
            no_transition(cx, o, "Succeed");
            Some(State::Succeed(Box::new(Succeed {
                comment: h.comment,
                query_language: h.own_ql,
                input_path: read!(cx, o, InputPath, h.ql),
                output_path: read!(cx, o, OutputPath, h.ql),
                output: read!(cx, o, Output, h.ql),
            })))
        }
        "Fail" => {
            no_transition(cx, o, "Fail");
            Some(State::Fail(Box::new(Fail {
                comment: h.comment,
                query_language: h.own_ql,
                error: read!(cx, o, Error, h.ql),
                cause: read!(cx, o, Cause, h.ql),
            })))
        }
        "Parallel" => parallel(cx, o, h),
        _ => map(cx, o, h),
    }
}

/// A state whose `Type` is only known at run time (interpolated into `workflow!`): reads it as
/// each state type and reports, once each and in the order written, the other values only
/// known at run time that the state cannot take, so that one compile shows them all.
fn run_time_type(cx: &mut Cx, v: &Node<'_>, at: At<'_>, inherited: QueryLanguage) {
    let base = at.pointer();
    let Node::Object(map) = v else { return };
    let mut found: Vec<(usize, Diagnostic)> = Vec::new();
    for ty in types() {
        let mut scratch = Cx::default();
        let Some(mut o) = Obj::new(&mut scratch, v, at, "", "a state") else {
            return;
        };
        let _ = body(&mut scratch, &mut o, ty, inherited);
        for d in scratch.diags {
            let Some(rel) = d.pointer.strip_prefix(&base) else {
                continue;
            };
            let key = rel.split('/').nth(1).unwrap_or_default();
            let Some(position) = map.keys().position(|k| escape_pointer_token(k) == key) else {
                continue;
            };
            let run_time = matches!(v.pointer(rel), Some(Node::Runtime));
            if d.code == Code::WrongType
                && run_time
                && found.iter().all(|(_, f)| f.pointer != d.pointer)
            {
                found.push((position, d));
            }
        }
    }
    found.sort_by_key(|(position, _)| *position);
    cx.diags.extend(found.into_iter().map(|(_, d)| d));
}

/// What every state has, read before its type-specific fields.
struct Head {
    comment: Option<String>,
    /// The state's own `QueryLanguage`.
    own_ql: Option<QueryLanguage>,
    /// The query language in force in the state.
    ql: QueryLanguage,
    /// The query language around the state, which its branches inherit.
    inherited: QueryLanguage,
}

fn no_transition(cx: &mut Cx, o: &mut Obj<'_, '_>, ty: &str) {
    for key in [k::Next, k::End] {
        if o.has(key) {
            cx.err(
                Code::TransitionOnTerminal,
                &o.at.key(key),
                format!("a {ty} state cannot have `{key}`"),
            )
            .help = Some(match ty {
                "Choice" => {
                    "a Choice state continues through its rules and `Default`; remove it".into()
                }
                _ => format!("a {ty} state always ends its execution or branch; remove `{key}`"),
            });
        }
    }
}

/// The JSONPath `Parameters` of a Task, Pass or Parallel state.
fn parameters(cx: &mut Cx, o: &mut Obj<'_, '_>) -> Option<PayloadValue> {
    payload(cx, o, k::Parameters, QueryLanguage::JsonPath, Shape::Any)
}

/// `Next` / `End`. After an error (already reported) the state is kept, ending, so that the
/// rest of the graph can still be checked.
fn next_or_end(cx: &mut Cx, o: &mut Obj<'_, '_>) -> Transition {
    transition(cx, o).unwrap_or(Transition::End)
}

/// `$ty { $head… <the result fields> $middle… <the error handling and transition> }`: a Task,
/// Parallel or Map state with the fields the three share, read in the order they are written.
macro_rules! with_shared_fields {
    ($cx:ident, $o:ident, $h:ident, $ty:ident { $($head:tt)* } { $($middle:tt)* }) => {
        $ty {
            comment: $h.comment,
            query_language: $h.own_ql,
            $($head)*
            arguments: read!($cx, $o, Arguments, $h.ql),
            result_selector: payload($cx, $o, k::ResultSelector, QueryLanguage::JsonPath, Shape::Any),
            result_path: read!($cx, $o, ResultPath, $h.ql),
            output_path: read!($cx, $o, OutputPath, $h.ql),
            output: read!($cx, $o, Output, $h.ql),
            assign: read!($cx, $o, Assign, $h.ql),
            $($middle)*
            retry: read!($cx, $o, Retry, $h.ql),
            catch: read!($cx, $o, Catch, $h.ql),
            transition: next_or_end($cx, $o),
        }
    };
}

fn task(cx: &mut Cx, o: &mut Obj<'_, '_>, h: Head) -> Option<State> {
    let resource = read!(cx, o, Resource, h.ql);
    let t = with_shared_fields!(cx, o, h, Task {
        resource,
        credentials: payload(cx, o, k::Credentials, h.ql, Shape::ObjectOrJsonata),
        input_path: read!(cx, o, InputPath, h.ql),
        parameters: parameters(cx, o),
    } {
        timeout_seconds: read!(cx, o, TimeoutSeconds, h.ql),
        heartbeat_seconds: read!(cx, o, HeartbeatSeconds, h.ql),
    });
    Some(State::Task(Box::new(t)))
}

fn pass(cx: &mut Cx, o: &mut Obj<'_, '_>, h: Head) -> Option<State> {
    let p = Pass {
        comment: h.comment,
        query_language: h.own_ql,
        input_path: read!(cx, o, InputPath, h.ql),
        parameters: parameters(cx, o),
        result: o.get(k::Result).map(Node::to_literal),
        result_path: read!(cx, o, ResultPath, h.ql),
        output_path: read!(cx, o, OutputPath, h.ql),
        output: read!(cx, o, Output, h.ql),
        assign: read!(cx, o, Assign, h.ql),
        transition: next_or_end(cx, o),
    };
    Some(State::Pass(Box::new(p)))
}

fn wait(cx: &mut Cx, o: &mut Obj<'_, '_>, h: Head) -> Option<State> {
    let seconds = o.has(k::Seconds) || o.has(k::SecondsPath);
    let timestamp = o.has(k::Timestamp) || o.has(k::TimestampPath);
    let wait_for = if seconds && timestamp {
        let key = if o.map.contains_key(k::Timestamp) {
            k::Timestamp
        } else {
            k::TimestampPath
        };
        cx.err(
            Code::ExclusiveFields,
            &o.at.key(key),
            "a Wait state waits either for seconds or until a timestamp, not both",
        )
        .help = Some(
            "keep exactly one of `Seconds`, `SecondsPath`, `Timestamp`, `TimestampPath`".into(),
        );
        None
    } else if seconds {
        Option::map(read!(cx, o, Seconds, h.ql), WaitFor::Seconds)
    } else if timestamp {
        Option::map(read!(cx, o, Timestamp, h.ql), WaitFor::Timestamp)
    } else {
        cx.err(
            Code::MissingField,
            &o.at,
            "a Wait state needs one of `Seconds`, `SecondsPath`, `Timestamp`, `TimestampPath`",
        )
        .help = Some("for example `\"Seconds\": 10`".into());
        None
    };
    let w = Wait {
        comment: h.comment,
        query_language: h.own_ql,
        input_path: read!(cx, o, InputPath, h.ql),
        output_path: read!(cx, o, OutputPath, h.ql),
        output: read!(cx, o, Output, h.ql),
        assign: read!(cx, o, Assign, h.ql),
        transition: next_or_end(cx, o),
        wait_for: wait_for.unwrap_or(WaitFor::Seconds(Dynamic::Value(0))),
    };
    Some(State::Wait(Box::new(w)))
}

fn choice(cx: &mut Cx, o: &mut Obj<'_, '_>, h: Head) -> Option<State> {
    no_transition(cx, o, "Choice");
    let mut choices = Vec::new();
    match o.get(k::Choices) {
        None => missing(cx, &o.at, k::Choices, o.what),
        Some(Node::Array(items)) => {
            let at = o.at.key(k::Choices);
            choices.reserve_exact(items.len());
            for (i, item) in items.iter().enumerate() {
                choices.extend(choice_rule(cx, item, at.idx(i), h.ql));
            }
        }
        Some(other) => cx.wrong_type(
            &o.at.key(k::Choices),
            k::Choices,
            "an array of rules",
            other,
        ),
    }
    let c = Choice {
        comment: h.comment,
        query_language: h.own_ql,
        input_path: read!(cx, o, InputPath, h.ql),
        output_path: read!(cx, o, OutputPath, h.ql),
        choices,
        default: read!(cx, o, Default, h.ql),
        output: read!(cx, o, Output, h.ql),
        assign: read!(cx, o, Assign, h.ql),
    };
    Some(State::Choice(Box::new(c)))
}

fn choice_rule(cx: &mut Cx, v: &Node<'_>, at: At<'_>, ql: QueryLanguage) -> Option<ChoiceRule> {
    let mut o = Obj::new(cx, v, at, k::Choices, "a Choice rule")?;
    let comment = read!(cx, &mut o, Comment, ql);
    let next: Option<String> = read!(cx, &mut o, Next, ql);
    let assign = read!(cx, &mut o, Assign, ql);
    let output = read!(cx, &mut o, Output, ql);
    let condition = if o.map.contains_key(k::Condition) {
        let base = o.at;
        let at = base.key(k::Condition);
        let c = match o.get(k::Condition) {
            Some(Node::String(s)) => {
                parse_jsonata(cx, &at, k::Condition, s).map(RuleCondition::Jsonata)
            }
            Some(Node::Bool(b)) => Some(RuleCondition::Constant(*b)),
            Some(other) => {
                cx.wrong_type(
                    &at,
                    k::Condition,
                    "a JSONata expression string or a boolean",
                    other,
                );
                None
            }
            None => None,
        };
        o.allow(&[k::Variable, k::And, k::Or, k::Not]);
        if let Some(k) = [k::Variable, k::And, k::Or, k::Not]
            .into_iter()
            .find(|k| o.map.contains_key(k))
        {
            cx.err(
                Code::ChoiceRuleShape,
                &o.at.key(k),
                format!("a rule with a JSONata `Condition` cannot also have `{k}`"),
            )
            .help = Some(format!(
                "`Condition` is the whole test of a JSONata rule: remove `{k}` and express it inside the `{{% … %}}` expression"
            ));
        }
        c
    } else {
        condition(cx, &mut o, 0).map(RuleCondition::JsonPath)
    };
    if next.is_none() && !o.map.contains_key(k::Next) {
        cx.err(
            Code::ChoiceRuleNext,
            &o.at,
            "this Choice rule has no `Next`",
        )
        .help =
            Some("add `\"Next\": \"<state>\"`: the state to go to when the rule matches".into());
    }
    o.finish(cx);
    Some(ChoiceRule {
        comment,
        condition: condition?,
        next: next?,
        assign,
        output,
    })
}

const MAX_RULE_DEPTH: usize = 64;

/// Reads the test of a rule object (top-level or nested): `Variable` + one operator, or `And`/`Or`/`Not`.
fn condition(cx: &mut Cx, o: &mut Obj<'_, '_>, depth: usize) -> Option<Condition> {
    if depth > MAX_RULE_DEPTH {
        cx.err(
            Code::ChoiceRuleShape,
            &o.at,
            format!("Choice rules are nested deeper than {MAX_RULE_DEPTH} levels"),
        )
        .help = Some(
            "flatten the rule: combine tests in one `And`/`Or` list instead of nesting".into(),
        );
        return None;
    }
    o.allow(&[k::Variable, k::And, k::Or, k::Not]);
    o.allow_matching(Operator::NAMES, |k| Operator::from_name(k).is_some());
    let map = o.map;
    let ops = || {
        map.keys()
            .filter_map(|k| Operator::from_name(k).map(|op| (k, op)))
    };
    let logical = || {
        [k::And, k::Or, k::Not]
            .into_iter()
            .filter(|k| map.contains_key(k))
    };
    let tests = ops().count() + logical().count();
    if tests == 0 {
        let d = cx.err(
            Code::ChoiceRuleShape,
            &o.at,
            "this rule has no comparison operator and no `And`, `Or` or `Not`",
        );
        d.help = Some(
            "add exactly one operator, e.g. `\"StringEquals\": \"done\"` or `\"IsPresent\": true`"
                .into(),
        );
        return None;
    }
    if tests > 1 {
        let names: Vec<&str> = ops().map(|(k, _)| k).chain(logical()).collect();
        let second = names[1];
        cx.err(
            Code::ChoiceRuleShape,
            &o.at.key(second),
            format!(
                "a rule has exactly one test, this one has {}: {}",
                tests,
                names.join(", ")
            ),
        )
        .help = Some("combine several tests with `And` or `Or`".into());
        return None;
    }
    if let Some((key, op)) = ops().next() {
        let Some(var) = o.map.get(k::Variable) else {
            cx.err(
                Code::ChoiceRuleShape,
                &o.at,
                format!("`{key}` needs a `Variable` to compare"),
            )
            .help = Some("add `\"Variable\": \"$.field\"`".into());
            return None;
        };
        let var_at = o.at.key(k::Variable);
        let variable = match var {
            Node::String(s) => parse_path(cx, &var_at, k::Variable, s, PathKind::Path)?,
            Node::Runtime => Path::input(),
            other => {
                cx.wrong_type(&var_at, k::Variable, "a path string", other);
                return None;
            }
        };
        let v = o.map.get(key)?;
        let op_at = o.at.key(key);
        let operand = match (op.operand_kind(), v) {
            (OperandKind::Path, Node::String(s)) => {
                Operand::Path(parse_path(cx, &op_at, key, s, PathKind::Path)?)
            }
            (OperandKind::String | OperandKind::Timestamp, Node::String(s)) => {
                Operand::String(s.to_string())
            }
            (OperandKind::Number, Node::Number(n)) => Operand::Number(n.clone()),
            (OperandKind::Bool, Node::Bool(b)) => Operand::Bool(*b),
            // A value only known at run time stands as its kind's neutral value.
            (OperandKind::Path, Node::Runtime) => Operand::Path(Path::input()),
            (OperandKind::String | OperandKind::Timestamp, Node::Runtime) => {
                Operand::String(String::new())
            }
            (OperandKind::Number, Node::Runtime) => Operand::Number(0.into()),
            (OperandKind::Bool, Node::Runtime) => Operand::Bool(true),
            (_, other) => Operand::Invalid(other.to_literal()),
        };
        return Some(Condition::Compare(Comparison {
            variable,
            operator: op,
            operand,
        }));
    }
    // No operator and one test: one of `And`, `Or`, `Not`.
    let key = logical().next()?;
    if o.map.contains_key(k::Variable) {
        cx.err(
            Code::ChoiceRuleShape,
            &o.at.key(k::Variable),
            format!("`Variable` cannot be combined with `{key}`"),
        )
        .help = Some("put the comparison inside the nested rules".into());
        return None;
    }
    let at = o.at.key(key);
    let v = o.map.get(key)?;
    match key {
        k::Not => nested_rule(cx, v, at, depth).map(|r| Condition::Not(Box::new(r))),
        _ => {
            let Node::Array(items) = v else {
                cx.wrong_type(&at, key, "an array of rules", v);
                return None;
            };
            if items.is_empty() {
                cx.err(Code::ChoiceRuleShape, &at, format!("`{key}` is empty"))
                    .help = Some(format!("`{key}` needs at least one nested rule"));
            }
            let mut rules = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                rules.push(nested_rule(cx, item, at.idx(i), depth)?);
            }
            Some(if key == k::And {
                Condition::And(rules)
            } else {
                Condition::Or(rules)
            })
        }
    }
}

fn nested_rule(cx: &mut Cx, v: &Node<'_>, at: At<'_>, depth: usize) -> Option<NestedRule> {
    let mut o = Obj::new(cx, v, at, "rule", "a nested Choice rule")?;
    let comment = read!(cx, &mut o, Comment, QueryLanguage::JsonPath);
    if o.has(k::Next) {
        cx.err(
            Code::ChoiceRuleNext,
            &o.at.key(k::Next),
            "a rule nested in `And`, `Or` or `Not` cannot have `Next`",
        )
        .help = Some("only the top-level rule says where to go; move `Next` there".into());
    }
    let condition = condition(cx, &mut o, depth + 1);
    o.finish(cx);
    Some(NestedRule {
        comment,
        condition: condition?,
    })
}

/// A Map's `ItemProcessor` (or `Iterator`, `key`), the query language around it being `ql`.
fn processor(
    cx: &mut Cx,
    v: &Node<'_>,
    at: At<'_>,
    key: &'static str,
    what: &'static str,
    mut ql: QueryLanguage,
) -> Option<ItemProcessor> {
    read_obj(cx, v, at, key, what, |cx, o| {
        ItemProcessor::read(cx, o, &mut ql)
    })
}

fn parallel(cx: &mut Cx, o: &mut Obj<'_, '_>, h: Head) -> Option<State> {
    if !o.map.contains_key(k::Branches) {
        missing(cx, &o.at, k::Branches, o.what);
    }
    let branches: Option<Vec<Branch>> = read!(cx, o, Branches, h.inherited);
    let branches = branches.unwrap_or_default();
    let p = with_shared_fields!(cx, o, h, Parallel {
        branches,
        input_path: read!(cx, o, InputPath, h.ql),
        parameters: parameters(cx, o),
    } {});
    Some(State::Parallel(Box::new(p)))
}

fn map(cx: &mut Cx, o: &mut Obj<'_, '_>, h: Head) -> Option<State> {
    let processor = match (o.get(k::ItemProcessor), o.get(k::Iterator)) {
        (Some(_), Some(_)) => {
            cx.err(
                Code::ExclusiveFields,
                &o.at.key(k::Iterator),
                "`ItemProcessor` and `Iterator` exclude each other",
            )
            .help =
                Some("`Iterator` is the old name of `ItemProcessor`; keep `ItemProcessor`".into());
            None
        }
        (Some(v), None) => processor(
            cx,
            v,
            o.at.key(k::ItemProcessor),
            k::ItemProcessor,
            "an ItemProcessor",
            h.inherited,
        )
        .map(Processor::ItemProcessor),
        (None, Some(v)) => processor(
            cx,
            v,
            o.at.key(k::Iterator),
            k::Iterator,
            "an Iterator",
            h.inherited,
        )
        .map(Processor::Iterator),
        (None, None) => {
            missing(cx, &o.at, k::ItemProcessor, o.what);
            None
        }
    };
    let item_selector = match (
        o.map.contains_key(k::ItemSelector),
        o.map.contains_key(k::Parameters),
    ) {
        (true, true) => {
            o.allow(&[k::ItemSelector, k::Parameters]);
            cx.err(
                Code::ExclusiveFields,
                &o.at.key(k::Parameters),
                "`ItemSelector` and `Parameters` exclude each other in a Map state",
            )
            .help =
                Some("`Parameters` is the old name of `ItemSelector`; keep `ItemSelector`".into());
            None
        }
        (true, false) => {
            payload(cx, o, k::ItemSelector, h.ql, Shape::Any).map(ItemSelector::ItemSelector)
        }
        (false, true) => {
            payload(cx, o, k::Parameters, h.ql, Shape::Any).map(ItemSelector::Parameters)
        }
        (false, false) => {
            o.allow(&[k::ItemSelector, k::Parameters]);
            None
        }
    };
    let processor = processor.unwrap_or_else(|| {
        Processor::ItemProcessor(ItemProcessor {
            comment: None,
            query_language: None,
            processor_config: None,
            start_at: String::new(),
            states: States::new(),
        })
    });
    let m = with_shared_fields!(cx, o, h, Map {
        processor,
        item_selector,
        input_path: read!(cx, o, InputPath, h.ql),
        items_path: plain_path(cx, o, k::ItemsPath, PathKind::Reference),
        items: payload(cx, o, k::Items, QueryLanguage::Jsonata, Shape::Any),
        item_reader: read!(cx, o, ItemReader, h.ql),
        item_batcher: read!(cx, o, ItemBatcher, h.ql),
        max_concurrency: read!(cx, o, MaxConcurrency, h.ql),
        tolerated_failure_percentage: read!(cx, o, ToleratedFailurePercentage, h.ql),
        tolerated_failure_count: read!(cx, o, ToleratedFailureCount, h.ql),
        label: read!(cx, o, Label, h.ql),
        result_writer: read!(cx, o, ResultWriter, h.ql),
    } {});
    Some(State::Map(Box::new(m)))
}
