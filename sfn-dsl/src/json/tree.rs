//! The reader's fast path: a JSON tree that borrows its strings from the text.
//!
//! [`parse`] reads a document into a [`Node`] tree in one pass: strings without escapes are
//! slices of the text, and each array or object is one exactly sized allocation (members are
//! gathered on a shared stack first). There is no hashing of keys except to find a repeated
//! key in an object of more than [`LINEAR_SCAN_MAX`] members.
//!
//! It accepts exactly what the strict reader accepts, or less: whatever it does not accept (a
//! syntax error, a repeated key, a number `serde_json` would store otherwise, nesting past the
//! limit, …) makes [`parse`] return `None`, and the caller reads the text again with the strict
//! reader, which says precisely what is wrong. So a finding never depends on which path read
//! the file, and the fast path needs no error messages of its own.
//!
//! The importer reads [`Node`]s; a [`serde_json::Value`] is turned into one (borrowing its
//! strings) by [`Node::from_value`], and payload templates go back to `Value` with
//! [`Node::to_value`].

use std::borrow::Cow;

use serde_json::{Map, Number, Value};

use super::{LINEAR_SCAN_MAX, Limits, is_payload_field};
use crate::hash::{NameMap, name_hash};

/// One JSON value whose strings borrow from the text (or from a `Value`) when they can.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'a> {
    Null,
    Bool(bool),
    /// `serde_json`'s representation: `u64` for non-negative integers, `i64` for negative ones,
    /// `f64` otherwise.
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    Object(Object<'a>),
}

/// The members of a JSON object, in the order of the text, without repeated keys.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Object<'a>(Vec<(Cow<'a, str>, Node<'a>)>);

impl<'a> Object<'a> {
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of `key`: a linear scan, as ASL objects are small and read once.
    pub(crate) fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Node<'a>)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }

    pub(crate) fn keys(&self) -> impl ExactSizeIterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_ref())
    }
}

impl<'x, 'a> IntoIterator for &'x Object<'a> {
    type Item = (&'x str, &'x Node<'a>);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'x, (Cow<'a, str>, Node<'a>)>,
        fn(&'x (Cow<'a, str>, Node<'a>)) -> (&'x str, &'x Node<'a>),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }
}

impl<'a> Node<'a> {
    /// A tree over `value`, borrowing its strings.
    pub(crate) fn from_value(value: &'a Value) -> Node<'a> {
        match value {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => Node::Number(n.clone()),
            Value::String(s) => Node::String(Cow::Borrowed(s)),
            Value::Array(items) => Node::Array(items.iter().map(Node::from_value).collect()),
            Value::Object(map) => Node::Object(Object(
                map.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Node::from_value(v)))
                    .collect(),
            )),
        }
    }

    /// The same JSON as a `serde_json::Value`.
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Node::Null => Value::Null,
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

    /// The same tree owning its strings.
    pub(crate) fn into_owned(self) -> Node<'static> {
        match self {
            Node::Null => Node::Null,
            Node::Bool(b) => Node::Bool(b),
            Node::Number(n) => Node::Number(n),
            Node::String(s) => Node::String(Cow::Owned(s.into_owned())),
            Node::Array(items) => Node::Array(items.into_iter().map(Node::into_owned).collect()),
            Node::Object(Object(members)) => Node::Object(Object(
                members
                    .into_iter()
                    .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                    .collect(),
            )),
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_array(&self) -> Option<&[Node<'a>]> {
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
            let token = token.replace("~1", "/").replace("~0", "~");
            node = match node {
                Node::Object(members) => members.get(&token)?,
                Node::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
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

/// The length of `node` written as compact JSON by `serde_json::to_string`, without writing it.
pub(crate) fn compact_len(node: &Node<'_>) -> usize {
    match node {
        Node::Null | Node::Bool(true) => 4,
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

/// Reads `text` (BOM already removed) into a tree, or `None` when the fast path does not accept
/// it (see the module documentation): then the strict reader must read it.
///
/// Within the same pass it enforces [`Limits::max_states`] and [`Limits::max_payload_bytes`]
/// (any document over them is `None`, so that the strict reader reports it), with
/// [`Limits::max_depth`] at most `max_depth`.
pub(crate) fn parse<'a>(text: &'a str, limits: &Limits, max_depth: usize) -> Option<Node<'a>> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
        max_depth: limits.max_depth.min(max_depth),
        max_states: limits.max_states,
        max_payload_bytes: limits.max_payload_bytes,
        states: 0,
        long_numbers: 0,
        items: Vec::new(),
        members: Vec::new(),
    };
    p.skip_ws();
    let node = p.value()?;
    p.skip_ws();
    (p.pos == p.bytes.len()).then_some(node)
}

/// The end of the run of ASCII digits at `at`, or `None` when there is none (an integer part, a
/// fraction and an exponent each need one).
#[inline]
fn digits_end(bytes: &[u8], at: usize) -> Option<usize> {
    let run = bytes
        .get(at..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    (run > 0).then_some(at + run)
}

/// At most how many bytes longer than in the text `serde_json` writes a number that it read
/// (only numbers the fast path hands to `serde_json` can be written longer: `1e15` becomes
/// `1000000000000000.0`). A number is written in at most 24 bytes (`-2.2250738585072014e-308`)
/// and is at least one byte in the text.
const LONGER_NUMBER: usize = 24;

/// `0x01` in every byte of a word.
const ONES: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte of a word.
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The eight bytes at `at` as a little-endian word (the first byte lowest), if there are eight.
#[inline]
fn word_at(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk = bytes.get(at..at + 8)?;
    let mut word = [0; 8];
    word.copy_from_slice(chunk);
    Some(u64::from_le_bytes(word))
}

/// The offset of the first byte at or after `at` that ends a plain run of string characters: a
/// quote, a backslash or a control character (`bytes.len()` if none does). Eight bytes at a
/// time: a byte's high bit is set in the masks below when the byte is zero (after the xor) or
/// below 0x20. Bytes above the first match may be flagged wrongly (borrows), the lowest flag
/// never is, and only the lowest is used.
#[inline]
fn plain_run(bytes: &[u8], mut at: usize) -> usize {
    while let Some(word) = word_at(bytes, at) {
        let zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGHS;
        let stops = zero(word ^ (ONES * u64::from(b'"')))
            | zero(word ^ (ONES * u64::from(b'\\')))
            | (word.wrapping_sub(ONES * 0x20) & !word & HIGHS);
        if stops != 0 {
            return at + stops.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    while let Some(&b) = bytes.get(at) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        at += 1;
    }
    at
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    max_depth: usize,
    max_states: usize,
    max_payload_bytes: usize,
    /// The states of the scopes read so far.
    states: usize,
    /// How many numbers read so far `serde_json` may write longer than the text has them (see
    /// [`LONGER_NUMBER`]).
    long_numbers: usize,
    /// The elements of the arrays being read, innermost last.
    items: Vec<Node<'a>>,
    /// The members of the objects being read, innermost last.
    members: Vec<(Cow<'a, str>, Node<'a>)>,
}

impl<'a> Parser<'a> {
    #[inline]
    fn skip_ws(&mut self) {
        loop {
            match self.bytes.get(self.pos) {
                // Runs of spaces (indentation) are skipped eight bytes at a time.
                Some(b' ') => {
                    while let Some(word) = word_at(self.bytes, self.pos) {
                        let other = word ^ (ONES * u64::from(b' '));
                        if other != 0 {
                            self.pos += other.trailing_zeros() as usize / 8;
                            break;
                        }
                        self.pos += 8;
                    }
                    while self.bytes.get(self.pos) == Some(&b' ') {
                        self.pos += 1;
                    }
                }
                Some(b'\t' | b'\n' | b'\r') => self.pos += 1,
                _ => return,
            }
        }
    }

    #[inline]
    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.bytes.get(self.pos) == Some(&byte)).then(|| self.pos += 1)
    }

    fn literal(&mut self, word: &[u8], node: Node<'a>) -> Option<Node<'a>> {
        self.bytes[self.pos..].starts_with(word).then(|| {
            self.pos += word.len();
            node
        })
    }

    fn value(&mut self) -> Option<Node<'a>> {
        match *self.bytes.get(self.pos)? {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => self.string().map(Node::String),
            b'n' => self.literal(b"null", Node::Null),
            b't' => self.literal(b"true", Node::Bool(true)),
            b'f' => self.literal(b"false", Node::Bool(false)),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= self.max_depth).then_some(())
    }

    fn array(&mut self) -> Option<Node<'a>> {
        self.enter()?;
        self.pos += 1;
        let base = self.items.len();
        self.skip_ws();
        if self.eat(b']').is_none() {
            loop {
                self.skip_ws();
                let item = self.value()?;
                self.items.push(item);
                if !self.another(b']')? {
                    break;
                }
            }
        }
        self.depth -= 1;
        // `split_off`: a new vector of the elements' size, filled by one block copy (where
        // `drain(..).collect()` moved them one by one); the stack keeps its buffer.
        Some(Node::Array(self.items.split_off(base)))
    }

    /// After an element or a member: `Some(true)` past a `,` (another one follows),
    /// `Some(false)` past `close` (the container ends), `None` at anything else.
    #[inline]
    fn another(&mut self, close: u8) -> Option<bool> {
        self.skip_ws();
        let b = *self.bytes.get(self.pos)?;
        self.pos += 1;
        match b {
            b',' => Some(true),
            _ if b == close => Some(false),
            _ => None,
        }
    }

    fn object(&mut self) -> Option<Node<'a>> {
        self.enter()?;
        self.pos += 1;
        let base = self.members.len();
        // Hashes of the keys read so far, once the object is too large for linear scans.
        let mut index: Option<NameMap<u64, usize>> = None;
        let mut is_scope = false;
        self.skip_ws();
        if self.eat(b'}').is_none() {
            loop {
                self.skip_ws();
                if self.bytes.get(self.pos) != Some(&b'"') {
                    return None;
                }
                let key = self.string()?;
                if self.is_repeated(base, &key, &mut index) {
                    return None;
                }
                is_scope |= key == "StartAt";
                self.skip_ws();
                self.eat(b':')?;
                self.skip_ws();
                let (start, long_numbers) = (self.pos, self.long_numbers);
                let value = self.value()?;
                if !matches!(value, Node::String(_))
                    && is_payload_field(&key)
                    && self.over_payload_limit(&value, start, long_numbers)
                {
                    return None;
                }
                self.members.push((key, value));
                if !self.another(b'}')? {
                    break;
                }
            }
        }
        self.depth -= 1;
        if is_scope
            && let Some((_, Node::Object(states))) =
                self.members[base..].iter().find(|(k, _)| k == "States")
        {
            self.states += states.len();
            if self.states > self.max_states {
                return None;
            }
        }
        Some(Node::Object(Object(self.members.split_off(base))))
    }

    /// Whether the payload template `value`, read from `start` to here, is written longer than
    /// [`Limits::max_payload_bytes`] by `serde_json::to_string`. Written compact it is no longer
    /// than its text, but for the numbers written longer (at most [`LONGER_NUMBER`] bytes each):
    /// only when that bound is over the limit is the length counted.
    fn over_payload_limit(&self, value: &Node<'a>, start: usize, long_numbers: usize) -> bool {
        let bound = (self.pos - start)
            .saturating_add((self.long_numbers - long_numbers).saturating_mul(LONGER_NUMBER));
        bound > self.max_payload_bytes && compact_len(value) > self.max_payload_bytes
    }

    /// Whether `key` is already a member of the object whose members start at `base`; records
    /// it in `index` once the object has more than [`LINEAR_SCAN_MAX`] members.
    fn is_repeated(&self, base: usize, key: &str, index: &mut Option<NameMap<u64, usize>>) -> bool {
        let read = &self.members[base..];
        if read.len() < LINEAR_SCAN_MAX {
            return read.iter().any(|(k, _)| k == key);
        }
        let index = index.get_or_insert_with(|| {
            let mut map = NameMap::default();
            map.reserve(read.len() * 2);
            for (i, (k, _)) in read.iter().enumerate() {
                map.entry(name_hash(k)).or_insert(i);
            }
            map
        });
        let at = read.len();
        match index.entry(name_hash(key)) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(at);
                false
            }
            // Equal hashes: the same key, or (very rarely) a different key with the same hash,
            // when every member must be compared.
            std::collections::hash_map::Entry::Occupied(first) => {
                read[*first.get()].0 == key || read.iter().any(|(k, _)| k == key)
            }
        }
    }

    /// A string at `pos` (its opening quote): a slice of the text when it has no escapes.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        let start = self.pos + 1;
        let mut i = plain_run(self.bytes, start);
        loop {
            match *self.bytes.get(i)? {
                b'"' => {
                    self.pos = i + 1;
                    return Some(Cow::Borrowed(&self.text[start..i]));
                }
                b'\\' => break,
                0..0x20 => return None,
                _ => i += 1,
            }
        }
        let mut out = String::with_capacity(i - start + 16);
        out.push_str(&self.text[start..i]);
        loop {
            match *self.bytes.get(i)? {
                b'"' => {
                    self.pos = i + 1;
                    return Some(Cow::Owned(out));
                }
                b'\\' => {
                    let escaped = *self.bytes.get(i + 1)?;
                    i += 2;
                    match escaped {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let high = self.hex4(i)?;
                            i += 4;
                            let c = match high {
                                0xD800..0xDC00 => {
                                    if self.bytes.get(i..i + 2)? != b"\\u" {
                                        return None;
                                    }
                                    let low = self.hex4(i + 2)?;
                                    if !(0xDC00..0xE000).contains(&low) {
                                        return None;
                                    }
                                    i += 6;
                                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                                }
                                0xDC00..0xE000 => return None,
                                _ => high,
                            };
                            out.push(char::from_u32(c)?);
                        }
                        _ => return None,
                    }
                }
                0..0x20 => return None,
                _ => {
                    // Copy the run of plain characters up to the next quote or backslash.
                    let run = plain_run(self.bytes, i);
                    out.push_str(&self.text[i..run]);
                    i = run;
                }
            }
        }
    }

    /// The four hex digits at `at`.
    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.bytes.get(at..at + 4)?;
        let mut n = 0;
        for &d in digits {
            n = n * 16 + char::from(d).to_digit(16)?;
        }
        Some(n)
    }

    /// A number, stored as `serde_json` stores it. Plain integers are read here; anything else
    /// (fractions, exponents, `-0`, integers past 18 digits) is handed to `serde_json` so that
    /// every float is exactly the one the strict reader makes.
    fn number(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        let b = self.bytes;
        let mut i = start;
        let negative = b[i] == b'-';
        if negative {
            i += 1;
        }
        let digits_start = i;
        i = match b.get(i)? {
            b'0' => i + 1,
            _ => digits_end(b, i)?,
        };
        let int_end = i;
        let mut plain = true;
        if b.get(i) == Some(&b'.') {
            plain = false;
            i = digits_end(b, i + 1)?;
        }
        if let Some(b'e' | b'E') = b.get(i) {
            plain = false;
            i += 1;
            if let Some(b'+' | b'-') = b.get(i) {
                i += 1;
            }
            i = digits_end(b, i)?;
        }
        self.pos = i;
        let digits = &b[digits_start..int_end];
        if plain && digits.len() <= 18 {
            let n = digits
                .iter()
                .fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
            if !negative {
                return Some(Node::Number(n.into()));
            }
            if n != 0 {
                // At most 18 digits: fits an i64.
                return Some(Node::Number((-(n as i64)).into()));
            }
        }
        self.long_numbers += 1;
        serde_json::from_str::<Number>(&self.text[start..i])
            .ok()
            .map(Node::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the strict reader makes of `text`, as a tree.
    fn strict(text: &str) -> Option<Value> {
        serde_json::from_str(text).ok()
    }

    fn fast(text: &str) -> Option<Value> {
        parse(text, &Limits::default(), 127).map(|n| n.to_value())
    }

    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            r#"{"a": 1, "b": [true, false, null], "c": {"d": "e"}}"#,
            r#"{"Parameters": {"x.$": "$.y", "n": -5, "f": 1.5, "e": 1e3, "z": -0}}"#,
            r#"[0, -0, -0.0, 1E2, 12345678901234567890, -9223372036854775808, 18446744073709551616]"#,
            r#"[999999999999999999, -999999999999999999, 1000000000000000000, 0.1, 2.5e-3]"#,
            r#""esc \" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00 end""#,
            r#"{"é": "ü", "k\u0041": 1}"#,
            " \t\r\n{ } ",
            "[[], {}, [[]]]",
        ] {
            assert_eq!(fast(text), strict(text), "{text}");
            let fast = fast(text).unwrap();
            let strict = strict(text).unwrap();
            // The same number representations, not only equal values.
            assert_eq!(fast.to_string(), strict.to_string(), "{text}");
        }
    }

    #[test]
    fn leaves_everything_doubtful_to_the_strict_reader() {
        for text in [
            "",
            "{",
            r#"{"a": 1,}"#,
            "[1,]",
            r#"{"a" 1}"#,
            r#"{"a": 1 "b": 2}"#,
            r#"{"a": 1, "a": 2}"#,
            "01",
            "1.",
            ".5",
            "1e",
            "-",
            "+1",
            "1e400",
            "NaN",
            "nul",
            "\"tab\there\"",
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            r#""\x""#,
            r#""\u12G4""#,
            "\"open",
            "{} {}",
            "[1] x",
        ] {
            assert_eq!(parse(text, &Limits::default(), 127), None, "{text:?}");
        }
    }

    #[test]
    fn repeated_keys_in_large_objects() {
        let members: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        let ok = format!("{{{}}}", members.join(", "));
        assert_eq!(
            parse(&ok, &Limits::default(), 127)
                .unwrap()
                .as_object()
                .unwrap()
                .len(),
            40
        );
        for repeated in ["k0", "k16", "k39"] {
            let text = format!("{{{}, \"{repeated}\": 0}}", members.join(", "));
            assert_eq!(parse(&text, &Limits::default(), 127), None, "{repeated}");
        }
        // The same key spelled with an escape is the same key.
        let text = format!("{{{}, \"k\\u00331\": 0}}", members.join(", "));
        assert_eq!(parse(&text, &Limits::default(), 127), None);
    }

    #[test]
    fn depth_limit() {
        let doc = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&doc(5), &Limits::default(), 5).is_some());
        assert!(parse(&doc(6), &Limits::default(), 5).is_none());
    }

    #[test]
    fn state_and_payload_limits() {
        let states = |max_states| Limits {
            max_states,
            ..Limits::default()
        };
        // Two scopes, three states in all: the machine's and a branch's.
        let text = r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
            "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}}}]}}}"#;
        assert!(parse(text, &states(3), 127).is_some());
        assert_eq!(parse(text, &states(2), 127), None);
        // An object named `States` outside a scope is not counted.
        let text = r#"{"Result": {"States": {"A": 1, "B": 2}}}"#;
        assert!(parse(text, &states(0), 127).is_some());

        let payload = |max_payload_bytes| Limits {
            max_payload_bytes,
            ..Limits::default()
        };
        // Written compact, `{"a":[1,2]}` is 11 bytes although its text is longer.
        let text = r#"{"Parameters": { "a" : [ 1, 2 ] }}"#;
        assert!(parse(text, &payload(11), 127).is_some());
        assert_eq!(parse(text, &payload(10), 127), None);
        // … and `[1e15]` is 20 bytes (`[1000000000000000.0]`), longer than its text.
        let text = r#"{"Result": [1e15]}"#;
        assert!(parse(text, &payload(20), 127).is_some());
        assert_eq!(parse(text, &payload(19), 127), None);
        // A string is not a payload template and is not measured.
        let text = r#"{"Result": "a long string"}"#;
        assert!(parse(text, &payload(1), 127).is_some());
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        let node = parse(
            r#"{"plain": "text", "esc": "a\nb"}"#,
            &Limits::default(),
            127,
        )
        .unwrap();
        let obj = node.as_object().unwrap();
        assert!(matches!(
            obj.get("plain"),
            Some(Node::String(Cow::Borrowed("text")))
        ));
        assert!(matches!(obj.get("esc"), Some(Node::String(Cow::Owned(s))) if s == "a\nb"));
    }

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
    fn plain_run_stops_at_the_first_special_byte() {
        for len in 0..20 {
            for stop in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
                for fill in [b'a', 0x7f, 0x80, 0xff, b' ', b'!', 0x21] {
                    let mut bytes = vec![fill; len];
                    bytes.push(stop);
                    bytes.extend_from_slice(b"\"\\ tail");
                    assert_eq!(plain_run(&bytes, 0), len, "{len} {stop:#x} {fill:#x}");
                }
            }
            assert_eq!(plain_run(&vec![b'x'; len], 0), len);
        }
    }

    #[test]
    fn value_round_trip() {
        let value: Value =
            serde_json::from_str(r#"{"b": [1, -2, 3.5, "x", null, {"c": true}], "a": {}}"#)
                .unwrap();
        assert_eq!(Node::from_value(&value).to_value(), value);
    }
}
