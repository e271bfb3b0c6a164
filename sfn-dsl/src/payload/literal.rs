//! [`Literal`]: a JSON value that keeps the order of its object members.

use std::fmt;
use std::str::FromStr;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Number, Value};

/// A literal JSON value of a definition: a literal in a payload template, the `Result` of a Pass
/// state, an operand of the wrong type. Unlike a `serde_json::Value` (whose objects are sorted by
/// key unless a crate turns on serde_json's `preserve_order` feature), an object keeps its
/// members in the order they were written, so a definition is written back as its author wrote
/// it.
///
/// A `serde_json::Value` converts into a `Literal` (`json!` stays a convenient way to write one),
/// but an object built by `json!` has already lost its order unless `preserve_order` is on: to
/// keep the order without it, write it with [`literal!`](crate::literal!) (the syntax of
/// `json!`), build it with [`Literal::object`], read it from text ([`str::parse`]) or
/// deserialize it (`serde_json::from_str::<Literal>` keeps the order of the text).
///
/// Equality compares objects as JSON does: the same members, in any order.
///
/// ```
/// use sfn::payload::Literal;
///
/// let text = r#"{"b": 1, "a": [true, null, "x"]}"#;
/// let literal: Literal = text.parse().unwrap();
/// assert_eq!(literal.to_string(), r#"{"b":1,"a":[true,null,"x"]}"#);
/// let built = Literal::object([("a", Literal::from(vec![true.into(), Literal::Null, "x".into()])), ("b", 1.into())]);
/// assert_eq!(built, literal); // the same members
/// assert_eq!(built.to_string(), r#"{"a":[true,null,"x"],"b":1}"#);
/// ```
#[derive(Debug, Clone, Default)]
pub enum Literal {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as `serde_json` represents it.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Literal>),
    /// An object: its members in order, each key once.
    Object(Vec<(String, Literal)>),
}

impl Literal {
    /// An object from `(key, value)` pairs, in order (a repeated key keeps its first place and
    /// its last value, as in a JSON text read by serde_json).
    pub fn object<K: Into<String>>(members: impl IntoIterator<Item = (K, Literal)>) -> Self {
        Literal::Object(dedup(
            members.into_iter().map(|(k, v)| (k.into(), v)).collect(),
        ))
    }

    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Literal::String(s) => Some(s),
            _ => None,
        }
    }

    /// The members, when this is an object.
    pub fn as_object(&self) -> Option<&[(String, Literal)]> {
        match self {
            Literal::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The value of member `key`, when this is an object that has one.
    pub fn get(&self, key: &str) -> Option<&Literal> {
        self.as_object()?
            .iter()
            .find_map(|(k, v)| (k == key).then_some(v))
    }

    /// True for an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Literal::Object(_))
    }

    /// True for an array.
    pub fn is_array(&self) -> bool {
        matches!(self, Literal::Array(_))
    }

    /// The same JSON as a `serde_json::Value` (whose objects keep this order only when
    /// serde_json's `preserve_order` feature is on).
    pub fn to_value(&self) -> Value {
        match self {
            Literal::Null => Value::Null,
            Literal::Bool(b) => Value::Bool(*b),
            Literal::Number(n) => Value::Number(n.clone()),
            Literal::String(s) => Value::String(s.clone()),
            Literal::Array(items) => Value::Array(items.iter().map(Literal::to_value).collect()),
            Literal::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_value()))
                    .collect(),
            ),
        }
    }
}

/// The members with each key once: a repeated key keeps its first place and takes the last
/// value.
fn dedup(mut members: Vec<(String, Literal)>) -> Vec<(String, Literal)> {
    let unique = if members.len() <= 16 {
        // Small objects, the usual ones: no set to allocate.
        members
            .iter()
            .enumerate()
            .all(|(i, (k, _))| members[..i].iter().all(|(seen, _)| seen != k))
    } else {
        let mut seen = std::collections::HashSet::with_capacity(members.len());
        members.iter().all(|(k, _)| seen.insert(k.as_str()))
    };
    if unique {
        return members;
    }
    let mut out: Vec<(String, Literal)> = Vec::with_capacity(members.len());
    for (k, v) in members.drain(..) {
        match out.iter_mut().find(|(seen, _)| *seen == k) {
            Some(slot) => slot.1 = v,
            None => out.push((k, v)),
        }
    }
    out
}

impl PartialEq for Literal {
    fn eq(&self, other: &Literal) -> bool {
        match (self, other) {
            (Literal::Null, Literal::Null) => true,
            (Literal::Bool(a), Literal::Bool(b)) => a == b,
            (Literal::Number(a), Literal::Number(b)) => a == b,
            (Literal::String(a), Literal::String(b)) => a == b,
            (Literal::Array(a), Literal::Array(b)) => a == b,
            (Literal::Object(a), Literal::Object(b)) => {
                a.len() == b.len() && a.iter().all(|(k, v)| other.get(k).is_some_and(|w| v == w))
            }
            _ => false,
        }
    }
}

impl PartialEq<Value> for Literal {
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Literal::Null, Value::Null) => true,
            (Literal::Bool(a), Value::Bool(b)) => a == b,
            (Literal::Number(a), Value::Number(b)) => a == b,
            (Literal::String(a), Value::String(b)) => a == b,
            (Literal::Array(a), Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
            }
            (Literal::Object(a), Value::Object(b)) => {
                a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| v == w))
            }
            _ => false,
        }
    }
}

impl PartialEq<Literal> for Value {
    fn eq(&self, other: &Literal) -> bool {
        other == self
    }
}

impl From<Value> for Literal {
    /// The same JSON; an object's members in the `Map`'s order (sorted by key unless
    /// serde_json's `preserve_order` feature is on).
    fn from(v: Value) -> Self {
        match v {
            Value::Null => Literal::Null,
            Value::Bool(b) => Literal::Bool(b),
            Value::Number(n) => Literal::Number(n),
            Value::String(s) => Literal::String(s),
            Value::Array(items) => Literal::Array(items.into_iter().map(Literal::from).collect()),
            Value::Object(map) => Literal::Object(
                map.into_iter()
                    .map(|(k, v)| (k, Literal::from(v)))
                    .collect(),
            ),
        }
    }
}

impl From<&Value> for Literal {
    /// See `From<Value>`.
    fn from(v: &Value) -> Self {
        Literal::from(v.clone())
    }
}

impl From<Literal> for Value {
    /// See [`Literal::to_value`].
    fn from(v: Literal) -> Self {
        v.to_value()
    }
}

impl From<&Literal> for Value {
    /// See [`Literal::to_value`].
    fn from(v: &Literal) -> Self {
        v.to_value()
    }
}

variant_from!(Literal {
    bool => Bool,
    Number => Number,
    String => String,
    &str => String(into),
    std::borrow::Cow<'_, str> => String(into_owned),
});

impl<T: Into<Literal>> From<Vec<T>> for Literal {
    /// An array.
    fn from(items: Vec<T>) -> Self {
        Literal::Array(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Clone + Into<Literal>> From<&[T]> for Literal {
    /// An array.
    fn from(items: &[T]) -> Self {
        items.iter().cloned().collect()
    }
}

impl<T: Into<Literal>, const N: usize> From<[T; N]> for Literal {
    /// An array.
    fn from(items: [T; N]) -> Self {
        items.into_iter().collect()
    }
}

impl From<serde_json::Map<String, Value>> for Literal {
    /// An object, members in the `Map`'s order (sorted by key unless serde_json's
    /// `preserve_order` feature is on).
    fn from(map: serde_json::Map<String, Value>) -> Self {
        Literal::from(Value::Object(map))
    }
}

impl<T: Into<Literal>> FromIterator<T> for Literal {
    /// An array.
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        Literal::Array(items.into_iter().map(Into::into).collect())
    }
}

impl<K: Into<String>, V: Into<Literal>> FromIterator<(K, V)> for Literal {
    /// An object, members in order (see [`Literal::object`]).
    fn from_iter<I: IntoIterator<Item = (K, V)>>(members: I) -> Self {
        Literal::object(members.into_iter().map(|(k, v)| (k, v.into())))
    }
}

macro_rules! literal_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Literal {
            fn from(n: $t) -> Self {
                Literal::Number(n.into())
            }
        }
    )*};
}
literal_from_number!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl From<f64> for Literal {
    /// A number; `null` for NaN and the infinities, as `serde_json::Value::from` does.
    fn from(n: f64) -> Self {
        Number::from_f64(n).map_or(Literal::Null, Literal::Number)
    }
}

impl From<f32> for Literal {
    /// A number; `null` for NaN and the infinities, as `serde_json::Value::from` does.
    fn from(n: f32) -> Self {
        Literal::from(Value::from(n))
    }
}

impl From<()> for Literal {
    /// `null`.
    fn from((): ()) -> Self {
        Literal::Null
    }
}

impl<T: Into<Literal>> From<Option<T>> for Literal {
    /// The value, or `null`.
    fn from(v: Option<T>) -> Self {
        v.map_or(Literal::Null, Into::into)
    }
}

impl Serialize for Literal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Literal::Null => s.serialize_unit(),
            Literal::Bool(b) => s.serialize_bool(*b),
            Literal::Number(n) => n.serialize(s),
            Literal::String(v) => s.serialize_str(v),
            Literal::Array(items) => s.collect_seq(items),
            Literal::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Literal {
    /// Any JSON value; an object keeps the order in which the deserializer gives its members
    /// (the order of the text for `serde_json`).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LiteralVisitor)
    }
}

struct LiteralVisitor;

impl<'de> Visitor<'de> for LiteralVisitor {
    type Value = Literal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Literal, E> {
        Ok(Literal::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Literal, E> {
        Ok(v.into())
    }

    fn visit_u64<E>(self, v: u64) -> Result<Literal, E> {
        Ok(v.into())
    }

    fn visit_f64<E>(self, v: f64) -> Result<Literal, E> {
        Ok(v.into())
    }

    fn visit_str<E>(self, v: &str) -> Result<Literal, E> {
        Ok(v.into())
    }

    fn visit_string<E>(self, v: String) -> Result<Literal, E> {
        Ok(v.into())
    }

    fn visit_none<E>(self) -> Result<Literal, E> {
        Ok(Literal::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Literal, D::Error> {
        Literal::deserialize(d)
    }

    fn visit_unit<E>(self) -> Result<Literal, E> {
        Ok(Literal::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Literal, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Literal::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Literal, A::Error> {
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        while let Some(member) = map.next_entry::<String, Literal>()? {
            members.push(member);
        }
        Ok(Literal::Object(dedup(members)))
    }
}

impl fmt::Display for Literal {
    /// Compact JSON, members in order.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = serde_json::to_string(self).map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

impl FromStr for Literal {
    type Err = crate::Diagnostic;

    /// Reads one JSON value with sfn's reader (the one of definition files): members keep their
    /// order, a repeated key is an error, numbers are read as `serde_json` reads them with its
    /// `float_roundtrip` feature.
    fn from_str(text: &str) -> Result<Literal, crate::Diagnostic> {
        crate::json::literal(text)
    }
}
