//! The tree the reader makes: JSON values whose strings borrow from the text when they can, and
//! which keep the byte span of every key and value.
//!
//! The importer reads [`Node`]s; a [`serde_json::Value`] or a [`Literal`] is turned into one
//! (borrowing its strings, with empty spans) by [`Node::from_value`] or [`Node::from_literal`],
//! and literals go back to a [`Literal`] with [`Node::to_literal`], members in order. [`Document::locate`] finds the span of a JSON pointer, for findings.

use std::borrow::Cow;
use std::ops::Range;

use crate::payload::Literal;
use serde_json::{Map, Number, Value};

/// A byte span of the text, as `u32` offsets (the reader refuses texts over 4 GiB).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Pos {
    pub(crate) start: u32,
    pub(crate) end: u32,
}

/// A byte offset of the text as a `u32` (the reader refuses texts over `u32::MAX` bytes, so it
/// fits).
pub(crate) fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Pos {
    pub(crate) fn new(start: usize, end: usize) -> Pos {
        Pos {
            start: offset(start),
            end: offset(end),
        }
    }

    pub(crate) fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One JSON value whose strings borrow from the text (or from a `Value`) when they can.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'a> {
    Null,
    Bool(bool),
    /// `serde_json`'s representation: `u64` for non-negative integers, `i64` for negative ones,
    /// `f64` otherwise.
    Number(Number),
    String(Cow<'a, str>),
    Array(Items<'a>),
    Object(Object<'a>),
    /// A value only known at run time: a Rust expression interpolated into `workflow!`. The
    /// reader never makes one; the importer accepts it where a field's value may come from
    /// Rust (see `import::fields`) and reports it everywhere else.
    Runtime,
}

/// One element of a JSON array, with where it starts in the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item<'a> {
    pub(crate) node: Node<'a>,
    pub(crate) at: u32,
}

/// The elements of a JSON array. One vector of [`Item`]s keeps a [`Node`] at 32 bytes.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Items<'a>(pub(crate) Vec<Item<'a>>);

impl<'a> Items<'a> {
    /// Elements without a place in a text (a tree made from a `Value`, or by `workflow!`).
    pub(crate) fn unplaced(nodes: impl IntoIterator<Item = Node<'a>>) -> Self {
        Items(nodes.into_iter().map(|node| Item { node, at: 0 }).collect())
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn get(&self, i: usize) -> Option<&Node<'a>> {
        self.0.get(i).map(|item| &item.node)
    }

    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = &Node<'a>> {
        self.0.iter().map(|item| &item.node)
    }
}

/// One member of a JSON object: its key and value, each with where it starts in the text (the
/// key at its opening quote). Only the starts are kept, which keeps a member at 64 bytes: the
/// end of a key or value is found again ([`value_end`]) for the few that findings are about.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Member<'a> {
    pub(crate) key: Cow<'a, str>,
    pub(crate) value: Node<'a>,
    pub(crate) key_at: u32,
    pub(crate) value_at: u32,
}

/// The members of a JSON object, in the order of the text, without repeated keys.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Object<'a>(pub(crate) Vec<Member<'a>>);

impl<'a> Object<'a> {
    /// Members without a place in a text (a tree made from a `Value`, or by `workflow!`).
    pub(crate) fn unplaced(members: impl IntoIterator<Item = (Cow<'a, str>, Node<'a>)>) -> Self {
        let members = members.into_iter().map(|(key, value)| Member {
            key,
            value,
            key_at: 0,
            value_at: 0,
        });
        Object(members.collect())
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The member `key`: a linear scan, as ASL objects are small and read once.
    fn member(&self, key: &str) -> Option<&Member<'a>> {
        self.0.iter().find(|m| m.key == key)
    }

    /// The value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.member(key).map(|m| &m.value)
    }

    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.member(key).is_some()
    }

    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Node<'a>)> {
        self.0.iter().map(|m| (m.key.as_ref(), &m.value))
    }

    pub(crate) fn keys(&self) -> impl ExactSizeIterator<Item = &str> {
        self.0.iter().map(|m| m.key.as_ref())
    }
}

impl<'x, 'a> IntoIterator for &'x Object<'a> {
    type Item = (&'x str, &'x Node<'a>);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'x, Member<'a>>,
        fn(&'x Member<'a>) -> (&'x str, &'x Node<'a>),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|m| (m.key.as_ref(), &m.value))
    }
}

impl<'a> Node<'a> {
    /// A tree over `value`, borrowing its strings; every span is empty.
    pub(crate) fn from_value(value: &'a Value) -> Node<'a> {
        match value {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => Node::Number(n.clone()),
            Value::String(s) => Node::String(Cow::Borrowed(s)),
            Value::Array(items) => Node::Array(Items::unplaced(items.iter().map(Node::from_value))),
            Value::Object(map) => Node::Object(Object::unplaced(
                map.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Node::from_value(v))),
            )),
        }
    }

    /// A tree over `literal`, borrowing its strings; every span is empty.
    pub(crate) fn from_literal(literal: &'a Literal) -> Node<'a> {
        match literal {
            Literal::Null => Node::Null,
            Literal::Bool(b) => Node::Bool(*b),
            Literal::Number(n) => Node::Number(n.clone()),
            Literal::String(s) => Node::String(Cow::Borrowed(s)),
            Literal::Array(items) => {
                Node::Array(Items::unplaced(items.iter().map(Node::from_literal)))
            }
            Literal::Object(members) => Node::Object(Object::unplaced(
                members
                    .iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Node::from_literal(v))),
            )),
        }
    }

    /// The same JSON as a [`Literal`], members in the order of the text.
    pub(crate) fn to_literal(&self) -> Literal {
        match self {
            Node::Null | Node::Runtime => Literal::Null,
            Node::Bool(b) => Literal::Bool(*b),
            Node::Number(n) => Literal::Number(n.clone()),
            Node::String(s) => Literal::String(s.as_ref().to_owned()),
            Node::Array(items) => Literal::Array(items.iter().map(Node::to_literal).collect()),
            Node::Object(members) => Literal::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.to_owned(), v.to_literal()))
                    .collect(),
            ),
        }
    }

    /// The same JSON as a `serde_json::Value` (sorted by key unless serde_json's
    /// `preserve_order` feature is on).
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Node::Null | Node::Runtime => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(n) => Value::Number(n.clone()),
            Node::String(s) => Value::String(s.as_ref().to_owned()),
            Node::Array(items) => Value::Array(items.iter().map(Node::to_value).collect()),
            Node::Object(members) => {
                let mut map = Map::with_capacity(members.len());
                for (k, v) in members.iter() {
                    map.insert(k.to_owned(), v.to_value());
                }
                Value::Object(map)
            }
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_array(&self) -> Option<&Items<'a>> {
        match self {
            Node::Array(items) => Some(items),
            _ => None,
        }
    }

    pub(crate) fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Node::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The member `key` of an object (`None` for anything else).
    pub(crate) fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.as_object()?.get(key)
    }

    /// The value at a JSON pointer (RFC 6901: `""` is the whole tree, `~1` is `/`, `~0` is `~`).
    pub(crate) fn pointer(&self, pointer: &str) -> Option<&Node<'a>> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut node = self;
        for token in pointer.strip_prefix('/')?.split('/') {
            node = child(node, &unescape_token(token))?.0;
        }
        Some(node)
    }

    /// The number as an `f64` (`None` for anything but a number).
    pub(crate) fn as_f64(&self) -> Option<f64> {
        match self {
            Node::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    pub(crate) fn is_number(&self) -> bool {
        matches!(self, Node::Number(_))
    }

    pub(crate) fn is_object(&self) -> bool {
        matches!(self, Node::Object(_))
    }
}

/// A reference token of a JSON pointer, unescaped (`~1` is `/`, `~0` is `~`).
fn unescape_token(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

/// The child of `node` named by an (unescaped) reference token, with where its key (members
/// only) and its value start.
fn child<'n, 'a>(node: &'n Node<'a>, token: &str) -> Option<(&'n Node<'a>, Option<u32>, u32)> {
    match node {
        Node::Object(members) => {
            let m = members.member(token)?;
            Some((&m.value, Some(m.key_at), m.value_at))
        }
        Node::Array(items) => {
            // RFC 6901: an index is `0` or digits without a leading zero.
            if token.is_empty() || (token.len() > 1 && token.starts_with('0')) {
                return None;
            }
            let item = items.0.get(token.parse::<usize>().ok()?)?;
            Some((&item.node, None, item.at))
        }
        _ => None,
    }
}

/// A document read by the reader: the tree, its span, and the text it was read from.
#[derive(Debug)]
pub(crate) struct Document<'a> {
    /// The text after the byte order mark, if there was one.
    pub(crate) text: &'a str,
    /// How many bytes of byte order mark precede `text` (0 or 3): spans count from the start of
    /// the bytes read, mark included.
    pub(crate) bom: usize,
    pub(crate) root: Node<'a>,
    /// The root value's span in `text`.
    pub(crate) span: Pos,
}

/// Where a JSON pointer is in a document: byte ranges (in `Document::text`) of the member's key
/// (quotes included; `None` for array elements and the root) and of its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Location {
    pub(crate) key: Option<Range<usize>>,
    pub(crate) value: Range<usize>,
    /// How much of the pointer was found: its whole length when the pointer names a value, less
    /// when the location is that of its nearest existing ancestor.
    pub(crate) found: usize,
}

impl Document<'_> {
    /// Where `pointer` is; a pointer that names nothing gives its nearest existing ancestor (see
    /// [`Location::found`]). `None` for a pointer that is not one (it does not start with `/`).
    pub(crate) fn locate(&self, pointer: &str) -> Option<Location> {
        let mut at = Location {
            key: None,
            value: self.span.range(),
            found: 0,
        };
        if pointer.is_empty() {
            return Some(at);
        }
        let rest = pointer.strip_prefix('/')?;
        let mut node = &self.root;
        let mut end = 0;
        for token in rest.split('/') {
            let Some((next, key, value)) = child(node, &unescape_token(token)) else {
                break;
            };
            end += 1 + token.len();
            node = next;
            let span = |start: u32| start as usize..value_end(self.text, start as usize);
            at = Location {
                key: key.map(span),
                value: span(value),
                found: end,
            };
        }
        Some(at)
    }
}

/// The end of the JSON value that starts at `at` in `text`, a text the reader accepted (for
/// anything else, a place no further than the end of the text).
pub(crate) fn value_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = at;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        match b {
            b'"' => {
                while let Some(&c) = bytes.get(i) {
                    i += if c == b'\\' { 2 } else { 1 };
                    if c == b'"' {
                        break;
                    }
                }
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => {
                // A number or a literal: up to the next delimiter.
                while bytes.get(i).is_some_and(|c| {
                    !matches!(c, b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n')
                }) {
                    i += 1;
                }
            }
            _ => {}
        }
        if depth == 0 {
            return i.min(bytes.len());
        }
    }
    bytes.len()
}

/// The length of `node` written as compact JSON by `serde_json::to_string`, without writing it.
pub(crate) fn compact_len(node: &Node<'_>) -> usize {
    match node {
        Node::Null | Node::Runtime | Node::Bool(true) => 4,
        Node::Bool(false) => 5,
        Node::Number(n) => {
            let mut count = super::ByteCount(0);
            // Writing a number to a counter cannot fail.
            let _ = serde_json::to_writer(&mut count, n);
            count.0
        }
        Node::String(s) => string_len(s),
        Node::Array(items) => {
            2 + items.len().saturating_sub(1) + items.iter().map(compact_len).sum::<usize>()
        }
        Node::Object(members) => {
            2 + members.len().saturating_sub(1)
                + members
                    .iter()
                    .map(|(k, v)| string_len(k) + 1 + compact_len(v))
                    .sum::<usize>()
        }
    }
}

/// The length of `s` as a JSON string written by `serde_json`: quoted, with `"`, `\\` and the
/// control characters escaped (`\n` and its kind in two bytes, the others as `\u00XX`).
fn string_len(s: &str) -> usize {
    2 + s
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | 0x08 | 0x09 | 0x0A | 0x0C | 0x0D => 2,
            0..0x20 => 6,
            _ => 1,
        })
        .sum::<usize>()
}

/// Maps a byte offset in the decoded value of a JSON string to the offset in its raw text
/// `content` (without the quotes). `None` when the offset is past the end. The text is one the
/// reader accepted, so its escapes are valid.
pub(crate) fn raw_offset_in_string(content: &str, decoded_offset: usize) -> Option<usize> {
    let bytes = content.as_bytes();
    let mut decoded = 0;
    let mut i = 0;
    while decoded < decoded_offset {
        let rest = content.get(i..).filter(|r| !r.is_empty())?;
        let (len, used) = if bytes[i] == b'\\' {
            match bytes.get(i + 1) {
                Some(b'u') => {
                    let hex = |at: usize| {
                        content
                            .get(at..at + 4)
                            .and_then(|h| u32::from_str_radix(h, 16).ok())
                    };
                    match hex(i + 2) {
                        // A surrogate pair: one character of four bytes.
                        Some(0xD800..0xDC00) if content.get(i + 6..i + 8) == Some("\\u") => (4, 12),
                        Some(c) => (char::from_u32(c).map_or(3, char::len_utf8), 6),
                        None => (1, 2),
                    }
                }
                _ => (1, 2),
            }
        } else {
            let c = rest.chars().next()?;
            (c.len_utf8(), c.len_utf8())
        };
        decoded += len;
        i += used;
    }
    // An offset inside a character (or an escape) starts at that character.
    Some(i.min(content.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_len_is_the_length_serde_json_writes() {
        for text in [
            r#"{"a": [1, -2, 3.5, 1e300, 0.1, null, true, false], "b": {}, "c": []}"#,
            r#"{"q\"": "\\ \n \r \t \b \f \u0001 \u001f \u007f é /"}"#,
            r#"[]"#,
            r#""""#,
        ] {
            let value: Value = serde_json::from_str(text).unwrap();
            let node = Node::from_value(&value);
            assert_eq!(compact_len(&node), value.to_string().len(), "{text}");
        }
    }

    #[test]
    fn pointer_finds_what_serde_json_finds() {
        let value: Value =
            serde_json::from_str(r#"{"a/b": {"c~d": [10, {"e": true}]}, "": 1}"#).unwrap();
        let node = Node::from_value(&value);
        for p in [
            "",
            "/a~1b",
            "/a~1b/c~0d",
            "/a~1b/c~0d/1/e",
            "/",
            "/x",
            "/a~1b/c~0d/2",
            "/a~1b/c~0d/01",
            "x",
        ] {
            assert_eq!(
                node.pointer(p).map(Node::to_value).as_ref(),
                value.pointer(p),
                "{p}"
            );
        }
    }

    #[test]
    fn value_round_trip() {
        let value: Value =
            serde_json::from_str(r#"{"b": [1, -2, 3.5, "x", null, {"c": true}], "a": {}}"#)
                .unwrap();
        assert_eq!(Node::from_value(&value).to_value(), value);
    }

    #[test]
    fn value_ends() {
        let text = r#"{"a\"]": [1, {"b": "x}"}], "n": -1.5e3, "t": true} "#;
        for value in [
            &text[..text.len() - 1],
            r#""a\"]""#,
            r#"[1, {"b": "x}"}]"#,
            r#"{"b": "x}"}"#,
            "-1.5e3",
            "true",
        ] {
            let start = text.find(value).unwrap();
            assert_eq!(&text[start..value_end(text, start)], value, "{start}");
        }
        assert_eq!(value_end("[1, [2", 0), 6);
        assert_eq!(value_end("\"open", 0), 5);
    }

    #[test]
    fn raw_offsets_inside_strings() {
        // `a`, `\n` (2 raw bytes, 1 decoded), `é` (2 and 2), `\u00e9` (6 and 2), a pair (12 and 4).
        let raw = r"a\né\u00e9\ud83d\ude00z";
        for (decoded, expected) in [(0, 0), (1, 1), (2, 3), (4, 5), (6, 11), (10, 23)] {
            assert_eq!(
                raw_offset_in_string(raw, decoded),
                Some(expected),
                "{decoded}"
            );
        }
        assert_eq!(raw_offset_in_string(raw, 11), Some(24));
        assert_eq!(raw_offset_in_string(raw, 12), None);
    }
}
