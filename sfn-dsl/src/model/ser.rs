//! `Serialize` for the model. Every object is written in the canonical key order, the order of
//! the field table ([`crate::fields`]): at the top `Comment`, `QueryLanguage`, `StartAt`,
//! `TimeoutSeconds`, `Version`, `States`; in a state `Type` first, then its own fields, the
//! input/output fields, `Retry`, `Catch`, and `Next`/`End` last. The objects declared with
//! their members (`asl_object!`: the machine, the states, their parts) write them in the
//! table's order; the writer of a Choice rule below lists where each of its fields comes from,
//! and asserts at compile time that the list follows the table ([`follows_table`]): a field
//! added to the table, or a list out of its order, does not compile.

use super::*;
use crate::fields::{Field as F, Owner, follows_table};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// A field, its name and the name of its `…Path` twin (its own when it has none), made at
/// compile time (`key!(Comment)`), so that reading or writing a field costs no lookup of its name.
#[derive(Clone, Copy)]
pub(crate) struct Key {
    pub(crate) field: F,
    pub(crate) name: &'static str,
    pub(crate) twin: &'static str,
}

impl Key {
    pub(crate) const fn of(field: F) -> Key {
        let mut twin = field.name();
        let mut i = 0;
        while i < F::ALL.len() {
            if let Some(base) = F::ALL[i].twin_of()
                && base as usize == field as usize
            {
                twin = F::ALL[i].name();
            }
            i += 1;
        }
        Key {
            field,
            name: field.name(),
            twin,
        }
    }
}

/// The [`Key`] of a field, as a constant.
macro_rules! key {
    ($field:ident) => {
        const { Key::of(F::$field) }
    };
}

/// A thin writer over `SerializeMap` that skips absent fields.
pub(crate) struct W<M>(pub(crate) M);

impl<M: SerializeMap> W<M> {
    pub(crate) fn f<T: Serialize + ?Sized>(&mut self, key: Key, v: &T) -> Result<(), M::Error> {
        self.0.serialize_entry(key.name, v)
    }

    pub(crate) fn opt<T: Serialize>(&mut self, key: Key, v: &Option<T>) -> Result<(), M::Error> {
        match v {
            Some(v) => self.f(key, v),
            None => Ok(()),
        }
    }

    /// An optional enumeration value, written as its ASL name.
    pub(crate) fn name<T: Copy>(
        &mut self,
        key: Key,
        v: Option<T>,
        name: fn(T) -> &'static str,
    ) -> Result<(), M::Error> {
        self.opt(key, &v.map(name))
    }

    /// A literal or JSONata value at `key`, a path at its `…Path` twin.
    pub(crate) fn dynamic<T: Serialize + 'static>(
        &mut self,
        key: Key,
        v: Option<&Dynamic<T>>,
    ) -> Result<(), M::Error> {
        match v {
            None => Ok(()),
            Some(Dynamic::Value(x)) => self.f(key, &Num(x)),
            Some(Dynamic::Jsonata(j)) => self.f(key, j.as_str()),
            Some(Dynamic::Path(p)) => self.0.serialize_entry(key.twin, p.as_str()),
        }
    }
}

/// Writes an object of `$owner` to the serializer `$s`: each `Field: method(value);` calls
/// `W::method(Field, value)`, in the order listed, which must follow the field table (checked
/// at compile time).
macro_rules! write_object {
    ($s:expr, $owner:ident { $($field:ident: $method:ident($($arg:expr),*);)* }) => {{
        const _: () = assert!(
            follows_table(Owner::$owner, &[$(F::$field),*]),
            concat!("the writer of ", stringify!($owner), " does not follow the field table"),
        );
        let mut w = W($s.serialize_map(None)?);
        $(w.$method(key!($field), $($arg),*)?;)*
        w.0.end()
    }};
}

/// Writes `f64` values that hold a whole number as JSON integers (`2.0` → `2`), everything else
/// unchanged, so that `BackoffRate: 2` survives a round trip byte for byte.
pub(crate) struct Num<'a, T>(pub(crate) &'a T);

impl<T: Serialize + 'static> Serialize for Num<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if let Some(f) = (self.0 as &dyn std::any::Any).downcast_ref::<f64>() {
            return serialize_f64(*f, s);
        }
        self.0.serialize(s)
    }
}

fn serialize_f64<S: Serializer>(f: f64, s: S) -> Result<S::Ok, S::Error> {
    if !f.is_finite() {
        // Not representable in JSON; the validator reports such a value as out of range.
        return s.serialize_unit();
    }
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        s.serialize_i64(f as i64)
    } else {
        s.serialize_f64(f)
    }
}

impl Serialize for Nullable<Path> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Null => s.serialize_unit(),
            Nullable::Value(p) => s.serialize_str(p.as_str()),
        }
    }
}

impl Serialize for States {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (name, state) in &self.0 {
            m.serialize_entry(name, state)?;
        }
        m.end()
    }
}

impl Serialize for State {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            State::Task(x) => x.serialize(s),
            State::Pass(x) => x.serialize(s),
            State::Choice(x) => x.serialize(s),
            State::Wait(x) => x.serialize(s),
            State::Succeed(x) => x.serialize(s),
            State::Fail(x) => x.serialize(s),
            State::Parallel(x) => x.serialize(s),
            State::Map(x) => x.serialize(s),
        }
    }
}

impl Serialize for ChoiceRule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // A JSONPath rule's `Variable` and operator (or `And`, `Or`, `Not`) take the place of
        // `Condition`.
        write_object!(s, ChoiceRule {
            Comment: opt(&self.comment);
            Condition: condition(&self.condition);
            Output: opt(&self.output);
            Assign: opt(&self.assign);
            Next: f(&self.next);
        })
    }
}

impl<M: SerializeMap> W<M> {
    /// A Choice rule's test: a JSONata `Condition`, or a JSONPath one.
    fn condition(&mut self, key: Key, c: &RuleCondition) -> Result<(), M::Error> {
        match c {
            RuleCondition::Jsonata(j) => self.f(key, j.as_str()),
            RuleCondition::Constant(b) => self.f(key, b),
            RuleCondition::JsonPath(c) => write_condition(self, c),
        }
    }
}

impl Serialize for NestedRule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = W(s.serialize_map(None)?);
        w.opt(key!(Comment), &self.comment)?;
        write_condition(&mut w, &self.condition)?;
        w.0.end()
    }
}

fn write_condition<M: SerializeMap>(w: &mut W<M>, c: &Condition) -> Result<(), M::Error> {
    match c {
        Condition::And(rules) => w.f(key!(And), rules),
        Condition::Or(rules) => w.f(key!(Or), rules),
        Condition::Not(rule) => w.f(key!(Not), rule),
        Condition::Compare(cmp) => {
            w.f(key!(Variable), cmp.variable.as_str())?;
            w.0.serialize_entry(cmp.operator.as_str(), &cmp.operand)
        }
    }
}

impl Serialize for Operand {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Operand::String(x) => s.serialize_str(x),
            Operand::Number(n) => n.serialize(s),
            Operand::Bool(b) => s.serialize_bool(*b),
            Operand::Path(p) => s.serialize_str(p.as_str()),
            Operand::Invalid(v) => v.serialize(s),
        }
    }
}
