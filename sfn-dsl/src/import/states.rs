//! Importers of the eight state types and their parts (Retry, Catch, Choice rules, Map parts).

use super::fields::*;
use super::reader::{At, Cx, Obj, did_you_mean};
use crate::diagnostic::{Diagnostic, escape_pointer_token};
use crate::fields::names as k;
use crate::fields::{Field, Owner};
use crate::json::node::Node;
use crate::model::object::{FieldType, Form, ReadObject};
use crate::model::ser::{Key, W};
use crate::model::*;
use crate::path::Path;
use crate::rules::Code;
use serde::ser::SerializeMap;

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
    let Some(owner) = Owner::state_type(ty) else {
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
    };
    let state = body(cx, &mut o, owner, inherited);
    o.finish(cx);
    Some(state)
}

/// The fields of a state of type `ty` (`Type` already read), read as its members say.
fn body(cx: &mut Cx, o: &mut Obj<'_, '_>, ty: Owner, inherited: QueryLanguage) -> State {
    fn read<T: ReadObject>(cx: &mut Cx, o: &mut Obj<'_, '_>, ql: QueryLanguage) -> Box<T> {
        o.what = T::WHAT;
        Box::new(T::read(cx, o, &mut { ql }))
    }
    match ty {
        Owner::Task => State::Task(read(cx, o, inherited)),
        Owner::Pass => State::Pass(read(cx, o, inherited)),
        Owner::Choice => State::Choice(read(cx, o, inherited)),
        Owner::Wait => State::Wait(read(cx, o, inherited)),
        Owner::Succeed => State::Succeed(read(cx, o, inherited)),
        Owner::Fail => State::Fail(read(cx, o, inherited)),
        Owner::Parallel => State::Parallel(read(cx, o, inherited)),
        _ => State::Map(read(cx, o, inherited)),
    }
}

/// A state whose `Type` is only known at run time (interpolated into `workflow!`): reads it as
/// each state type and reports, once each and in the order written, the other values only
/// known at run time that the state cannot take, so that one compile shows them all.
fn run_time_type(cx: &mut Cx, v: &Node<'_>, at: At<'_>, inherited: QueryLanguage) {
    let base = at.pointer();
    let Node::Object(map) = v else { return };
    let mut found: Vec<(usize, Diagnostic)> = Vec::new();
    for ty in Owner::STATES {
        let mut scratch = Cx::default();
        let Some(mut o) = Obj::new(&mut scratch, v, at, "", "a state") else {
            return;
        };
        body(&mut scratch, &mut o, ty, inherited);
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

/// What a state of `owner` checks before reading its members: a state without `Next` reports
/// `Next` and `End`. Decided at compile time, as `owner` is a constant.
#[inline(always)]
pub(crate) fn before_members(cx: &mut Cx, o: &mut Obj<'_, '_>, owner: Owner) {
    if owner.is_state() && !Field::Next.owners().contains(owner) {
        no_transition(cx, o, owner.name());
    }
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

/// `Next` / `End`. After an error (already reported) the state is kept, ending, so that the
/// rest of the graph can still be checked.
impl FieldType for Transition {
    const FORM: Form = Form::OneOf;
    const REQUIRED: bool = true;
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, _: Key, _: &mut QueryLanguage) -> Self {
        transition(cx, o).unwrap_or_else(Self::empty)
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, _: Key) -> Result<(), M::Error> {
        match self {
            Transition::Next(n) => w.f(const { Key::of(Field::Next) }, n),
            Transition::End => w.f(const { Key::of(Field::End) }, &true),
        }
    }
    fn empty() -> Self {
        Transition::End
    }
}

/// A Wait state's `Seconds` or `Timestamp`, or their `…Path` twins: exactly one. After an error
/// (already reported) the state waits 0 seconds.
impl FieldType for WaitFor {
    const FORM: Form = Form::OneOf;
    const REQUIRED: bool = true;
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, key: Key, ql: &mut QueryLanguage) -> Self {
        const TIMESTAMP: Key = Key::of(Field::Timestamp);
        let seconds = o.has(key.name) || o.has(key.twin);
        let timestamp = o.has(TIMESTAMP.name) || o.has(TIMESTAMP.twin);
        let wait_for = if seconds && timestamp {
            let at = if o.map.contains_key(TIMESTAMP.name) {
                TIMESTAMP.name
            } else {
                TIMESTAMP.twin
            };
            cx.err(
                Code::ExclusiveFields,
                &o.at.key(at),
                "a Wait state waits either for seconds or until a timestamp, not both",
            )
            .help = Some(
                "keep exactly one of `Seconds`, `SecondsPath`, `Timestamp`, `TimestampPath`".into(),
            );
            None
        } else if seconds {
            Option::map(FieldType::read(cx, o, key, ql), WaitFor::Seconds)
        } else if timestamp {
            Option::map(FieldType::read(cx, o, TIMESTAMP, ql), WaitFor::Timestamp)
        } else {
            cx.err(
                Code::MissingField,
                &o.at,
                "a Wait state needs one of `Seconds`, `SecondsPath`, `Timestamp`, `TimestampPath`",
            )
            .help = Some("for example `\"Seconds\": 10`".into());
            None
        };
        wait_for.unwrap_or_else(Self::empty)
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error> {
        match self {
            WaitFor::Seconds(d) => w.dynamic(key, Some(d)),
            WaitFor::Timestamp(d) => w.dynamic(const { Key::of(Field::Timestamp) }, Some(d)),
        }
    }
    fn empty() -> Self {
        WaitFor::Seconds(Dynamic::Value(0))
    }
}

/// A Map's `ItemSelector`, or `Parameters`, its older name.
impl FieldType for Option<ItemSelector> {
    const FORM: Form = Form::OneOf;
    const REQUIRED: bool = false;
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, key: Key, ql: &mut QueryLanguage) -> Self {
        const OLD: &str = k::Parameters;
        match (o.map.contains_key(key.name), o.map.contains_key(OLD)) {
            (true, true) => {
                o.allow(&[key.name, OLD]);
                cx.err(
                    Code::ExclusiveFields,
                    &o.at.key(OLD),
                    "`ItemSelector` and `Parameters` exclude each other in a Map state",
                )
                .help = Some(
                    "`Parameters` is the old name of `ItemSelector`; keep `ItemSelector`".into(),
                );
                None
            }
            (true, false) => {
                payload(cx, o, key.name, *ql, Shape::Any).map(ItemSelector::ItemSelector)
            }
            (false, true) => payload(cx, o, OLD, *ql, Shape::Any).map(ItemSelector::Parameters),
            (false, false) => {
                o.allow(&[key.name, OLD]);
                None
            }
        }
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error> {
        match self {
            Some(ItemSelector::ItemSelector(t)) => w.f(key, t),
            Some(ItemSelector::Parameters(t)) => w.f(const { Key::of(Field::Parameters) }, t),
            None => Ok(()),
        }
    }
    fn empty() -> Self {
        None
    }
}

/// A Map's `ItemProcessor`, or `Iterator`, its older name, read in the query language around
/// the Map. After an error (already reported) the Map has an empty processor.
impl FieldType for Processor {
    const FORM: Form = Form::OneOf;
    const REQUIRED: bool = true;
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, key: Key, ql: &mut QueryLanguage) -> Self {
        const OLD: &str = k::Iterator;
        fn read(
            cx: &mut Cx,
            v: &Node<'_>,
            at: At<'_>,
            key: &'static str,
            what: &'static str,
            ql: QueryLanguage,
        ) -> Option<ItemProcessor> {
            read_obj(cx, v, at, key, what, |cx, o| {
                ItemProcessor::read(cx, o, &mut { ql })
            })
        }
        let (base, ql) = (o.at, *ql);
        let processor = match (o.get(key.name), o.get(OLD)) {
            (Some(_), Some(_)) => {
                cx.err(
                    Code::ExclusiveFields,
                    &o.at.key(OLD),
                    "`ItemProcessor` and `Iterator` exclude each other",
                )
                .help = Some(
                    "`Iterator` is the old name of `ItemProcessor`; keep `ItemProcessor`".into(),
                );
                None
            }
            (Some(v), None) => {
                let at = base.key(key.name);
                read(cx, v, at, key.name, ItemProcessor::WHAT, ql).map(Processor::ItemProcessor)
            }
            (None, Some(v)) => {
                read(cx, v, base.key(OLD), OLD, "an Iterator", ql).map(Processor::Iterator)
            }
            (None, None) => {
                missing(cx, &o.at, key.name, o.what);
                None
            }
        };
        processor.unwrap_or_else(Self::empty)
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error> {
        match self {
            Processor::ItemProcessor(p) => w.f(key, p),
            Processor::Iterator(p) => w.f(const { Key::of(Field::Iterator) }, p),
        }
    }
    fn empty() -> Self {
        Processor::ItemProcessor(ItemProcessor::empty())
    }
}

/// A Choice state's rules.
impl FieldType for Vec<ChoiceRule> {
    const FORM: Form = Form::Kind;
    const REQUIRED: bool = true;
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, key: Key, ql: &mut QueryLanguage) -> Self {
        let mut choices = Vec::new();
        match o.get(key.name) {
            None => missing(cx, &o.at, key.name, o.what),
            Some(Node::Array(items)) => {
                let at = o.at.key(key.name);
                choices.reserve_exact(items.len());
                for (i, item) in items.iter().enumerate() {
                    choices.extend(choice_rule(cx, item, at.idx(i), *ql));
                }
            }
            Some(other) => cx.wrong_type(&o.at.key(key.name), key.name, "an array of rules", other),
        }
        choices
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error> {
        w.f(key, self)
    }
    fn empty() -> Self {
        Vec::new()
    }
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
