//! Payload templates: `Parameters`, `ResultSelector`, `ItemSelector`, `Assign`, `Arguments`,
//! `Output`, `Credentials`, `BatchInput`.
//!
//! A value is a literal or an expression. The user never writes `.$`: an object member whose
//! value is [`PayloadValue::Expr`] is serialized as `"Key.$": "<path or intrinsic>"`, every other
//! member as `"Key": <value>`. Import reads `"Key.$"` back into [`PayloadValue::Expr`].
//!
//! ```
//! use sfn::payload::PayloadValue;
//! use sfn::path::Expr;
//!
//! let params = PayloadValue::object([
//!     ("JobId", PayloadValue::Expr(Expr::parse("$.guid.jobId").unwrap())),
//!     ("Region", PayloadValue::from("eu-west-1")),
//! ]);
//! assert_eq!(
//!     sfn::serde_json::to_string(&params).unwrap(),
//!     r#"{"JobId.$":"$.guid.jobId","Region":"eu-west-1"}"#
//! );
//! ```

mod literal;

pub use literal::Literal;

use crate::path::{Expr, Jsonata};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// One node of a payload template.
#[derive(Debug, Clone, PartialEq)]
pub enum PayloadValue {
    /// A literal JSON value, written as it is (an object literal's keys are written verbatim,
    /// in order).
    Literal(Literal),
    /// An object whose members may hold expressions; members keep their order.
    Object(Vec<(String, PayloadValue)>),
    /// An array whose elements may hold expressions.
    Array(Vec<PayloadValue>),
    /// A JSONPath-mode expression (path, context path, variable or intrinsic function); as an
    /// object member it is written with the `.$` key suffix.
    Expr(Expr),
    /// A JSONata expression string `{% … %}` (JSONata states).
    Jsonata(Jsonata),
}

impl PayloadValue {
    /// An object from `(key, value)` pairs, in order.
    pub fn object<K: Into<String>>(members: impl IntoIterator<Item = (K, PayloadValue)>) -> Self {
        PayloadValue::Object(members.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// The members when this is an object.
    pub fn as_object(&self) -> Option<&[(String, PayloadValue)]> {
        match self {
            PayloadValue::Object(m) => Some(m),
            _ => None,
        }
    }

    /// Calls `f` for every expression in the tree (depth first).
    pub fn for_each_expr<'a>(&'a self, f: &mut impl FnMut(&'a Expr)) {
        self.for_each_leaf(&mut |v| {
            if let PayloadValue::Expr(e) = v {
                f(e)
            }
        });
    }

    /// Calls `f` for every JSONata expression in the tree (depth first).
    pub fn for_each_jsonata<'a>(&'a self, f: &mut impl FnMut(&'a Jsonata)) {
        self.for_each_leaf(&mut |v| {
            if let PayloadValue::Jsonata(j) = v {
                f(j)
            }
        });
    }

    /// Calls `f` for every value of the tree that is not an object or an array (depth first).
    fn for_each_leaf<'a>(&'a self, f: &mut impl FnMut(&'a PayloadValue)) {
        match self {
            PayloadValue::Object(m) => m.iter().for_each(|(_, v)| v.for_each_leaf(f)),
            PayloadValue::Array(a) => a.iter().for_each(|v| v.for_each_leaf(f)),
            leaf => f(leaf),
        }
    }

    /// True when the tree contains no expression at all.
    pub fn is_static(&self) -> bool {
        let mut dynamic = false;
        self.for_each_expr(&mut |_| dynamic = true);
        self.for_each_jsonata(&mut |_| dynamic = true);
        !dynamic
    }
}

variant_from!(PayloadValue {
    Literal => Literal,
    /// A literal; an object's members in the `Map`'s order (sorted by key unless serde_json's
    /// `preserve_order` feature is on: [`PayloadValue::object`] or [`Literal`] keep any order).
    serde_json::Value => Literal(into),
    &str => Literal(into),
    String => Literal(into),
    bool => Literal(into),
    i64 => Literal(into),
    Expr => Expr,
    Jsonata => Jsonata,
});

/// The key an object member is written with: `key.$` for expressions.
struct MemberKey<'a>(&'a str, bool);

impl Serialize for MemberKey<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !self.1 {
            return s.serialize_str(self.0);
        }
        // `key.$` put together on the stack: no formatting machinery and no allocation for
        // the usual short keys.
        let mut buf = [0; 64];
        let key = self.0.as_bytes();
        let joined = buf.get_mut(..key.len() + 2).map(|dst| {
            let (name, suffix) = dst.split_at_mut(key.len());
            name.copy_from_slice(key);
            suffix.copy_from_slice(b".$");
            &*dst
        });
        match joined.and_then(|b| std::str::from_utf8(b).ok()) {
            Some(k) => s.serialize_str(k),
            None => s.collect_str(&format_args!("{}.$", self.0)),
        }
    }
}

impl Serialize for PayloadValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            PayloadValue::Literal(v) => v.serialize(s),
            PayloadValue::Expr(e) => s.serialize_str(e.as_str()),
            PayloadValue::Jsonata(j) => s.serialize_str(j.as_str()),
            PayloadValue::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            PayloadValue::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    let dynamic = matches!(v, PayloadValue::Expr(_));
                    map.serialize_entry(&MemberKey(k, dynamic), v)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Literal, PayloadValue};
    use crate::path::Path;

    #[test]
    fn expression_keys_get_their_suffix_at_any_length() {
        for len in [0, 1, 61, 62, 63, 64, 200] {
            let key = "k".repeat(len) + "é";
            let v = PayloadValue::object([
                (key.clone(), Path::parse("$.a").unwrap().into()),
                (key.clone() + "x", PayloadValue::Literal(1.into())),
            ]);
            let json = serde_json::to_value(&v).unwrap();
            let mut expected = serde_json::Map::new();
            expected.insert(format!("{key}.$"), "$.a".into());
            expected.insert(format!("{key}x"), 1.into());
            assert_eq!(
                json,
                serde_json::Value::Object(expected),
                "key of {len} bytes"
            );
        }
    }

    /// `payload!` sizes every object and array vector to its members: no vector grows.
    #[test]
    fn payload_macro_allocates_each_vector_once() {
        fn exact(v: &PayloadValue) -> bool {
            match v {
                PayloadValue::Object(m) => {
                    m.capacity() == m.len() && m.iter().all(|(_, v)| exact(v))
                }
                PayloadValue::Array(a) => a.capacity() == a.len() && a.iter().all(exact),
                _ => true,
            }
        }
        let p = crate::payload! {
            "A": 1, "B": "two", "C": null, "D": { "E": [1, "x", null, { "F": 2 }, [3, 4]], "G": {} },
            "H": Path::input().field("h"), "I": [], "J": [{}, {}, {}, {}, {}], "K": (1 + 2),
        };
        assert!(exact(&p), "{p:?}");
        assert_eq!(p.as_object().map(<[_]>::len), Some(8));
        assert_eq!(crate::payload! {}, PayloadValue::Object(Vec::new()));
    }

    /// `literal!` keeps the written order, sizes every vector to its members, and keeps a
    /// repeated key in its first place with its last value.
    #[test]
    fn literal_macro_keeps_order_and_allocates_each_vector_once() {
        fn exact(v: &Literal) -> bool {
            match v {
                Literal::Object(m) => m.capacity() == m.len() && m.iter().all(|(_, v)| exact(v)),
                Literal::Array(a) => a.capacity() == a.len() && a.iter().all(exact),
                _ => true,
            }
        }
        let three = 3;
        let l = crate::literal!({
            "z": 1, "b": "two", "c": null, "a": { "y": [1, "x", null, { "F": 2.5 }, [3, 4]], "x": {} },
            "n": -three, "e": [], "j": [{}, {}, {}, {}, {}], "k": (1 + 2), "big": 12_345_678_901_i64,
        });
        assert!(exact(&l), "{l:?}");
        assert_eq!(
            l.to_string(),
            r#"{"z":1,"b":"two","c":null,"a":{"y":[1,"x",null,{"F":2.5},[3,4]],"x":{}},"n":-3,"e":[],"j":[{},{},{},{},{}],"k":3,"big":12345678901}"#
        );
        let repeated = crate::literal!({ "a": 1, "b": 2, "a": 3 });
        assert_eq!(repeated.to_string(), r#"{"a":3,"b":2}"#);
        assert_eq!(crate::literal!({}), Literal::Object(Vec::new()));
        assert_eq!(crate::literal!([]), Literal::Array(Vec::new()));
        assert_eq!(crate::literal!(null), Literal::Null);
        assert_eq!(crate::literal!(0.1), Literal::from(0.1));
        assert_eq!(crate::literal!(-0.0).to_string(), "-0.0");
    }
}
