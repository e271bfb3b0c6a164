//! The reader: one pass over the text makes a [`Node`] tree that keeps the span of every key and
//! value, or one precise finding.
//!
//! Strings without escapes are slices of the text, and each array or object is one exactly sized
//! allocation (members are gathered on a shared stack first). With a [`Sink`], the states of the
//! top-level `States` object go to it as they are read, and only their names are kept (that
//! object is left empty in the tree). Repeated keys, the nesting depth,
//! [`Limits::max_states`] and [`Limits::max_payload_bytes`] are checked in the same pass. There
//! is no hashing of keys except to find a repeated key in an object of more than
//! [`LINEAR_SCAN_MAX`] members.
//!
//! Syntax errors use `serde_json`'s words (`expected `,` or `}``, `trailing comma`, …) and name
//! the byte they are about. The error path costs nothing while reading: a failure carries its
//! place out, and each level it passes on the way adds its key or index to the pointer.

use std::borrow::Cow;

use serde_json::Number;

use super::node::{Item, Items, Member, Node, Object, Pos, compact_len, offset};
use super::{LINEAR_SCAN_MAX, Limits};
use crate::fields::Field;
use crate::hash::{NameMap, name_hash};

/// What went wrong.
#[derive(Debug, PartialEq)]
pub(crate) enum Problem {
    /// A syntax error, in `serde_json`'s words.
    Syntax(&'static str),
    /// The key at the failure's place is already a member of its object.
    DuplicateKey(String),
    /// A container opens deeper than the limit.
    TooDeep(usize),
    /// The scopes read so far have more states than the limit.
    TooManyStates(usize),
    /// A payload template written compact is longer than the limit.
    PayloadTooLarge { key: String, len: usize, max: usize },
}

/// One step of the way from the root to the failure.
#[derive(Debug, PartialEq)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
}

/// A failure: what, where in the text (`at..end`), and the way to it, innermost step first.
#[derive(Debug, PartialEq)]
pub(crate) struct Failure {
    pub(crate) problem: Problem,
    pub(crate) at: usize,
    pub(crate) end: usize,
    pub(crate) steps: Vec<Step>,
}

type Read<T> = Result<T, Box<Failure>>;

/// Takes each state of the top-level `States` object as it is read: the members of the top-level
/// object read before `States`, the state's name and its value.
pub(crate) type Sink<'s, 'a> = &'s mut dyn FnMut(&[Member<'a>], &str, Node<'a>);

/// Reads `text` (BOM already removed): the root value and its span, or the first failure. The
/// states of the top-level `States` object go to `sink`, if there is one.
pub(crate) fn read<'a>(
    text: &'a str,
    limits: &Limits,
    sink: Option<Sink<'_, 'a>>,
) -> Read<(Node<'a>, Pos)> {
    let mut p = Parser {
        sink,
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
        max_depth: limits.max_depth,
        max_states: limits.max_states,
        max_payload_bytes: limits.max_payload_bytes,
        states: 0,
        streamed_states: 0,
        long_numbers: 0,
        items: Vec::new(),
        members: Vec::new(),
    };
    p.skip_ws();
    let start = p.pos;
    let node = p.value()?;
    let span = Pos::new(start, p.pos);
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.fail_here("trailing characters"));
    }
    Ok((node, span))
}

/// Whether `key` is already the name of one of the members `read` (`name` gives a member's
/// name); records the names in `index` once there are more than [`LINEAR_SCAN_MAX`] members.
fn is_repeated<T>(
    read: &[T],
    name: impl Fn(&T) -> &str,
    key: &str,
    index: &mut Option<NameMap<u64, usize>>,
) -> bool {
    if read.len() < LINEAR_SCAN_MAX {
        return read.iter().any(|m| name(m) == key);
    }
    let index = index.get_or_insert_with(|| {
        let mut map = NameMap::default();
        map.reserve(read.len() * 2);
        for (i, m) in read.iter().enumerate() {
            map.entry(name_hash(name(m))).or_insert(i);
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
            name(&read[*first.get()]) == key || read.iter().any(|m| name(m) == key)
        }
    }
}

/// The end of the run of ASCII digits at `at` (`at` itself when there is none).
#[inline]
fn digits_end(bytes: &[u8], at: usize) -> usize {
    at + bytes
        .get(at..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// At most how many bytes longer than in the text `serde_json` writes a number that it read
/// (only numbers handed to `serde_json` can be written longer: `1e15` becomes
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

const CONTROL: &str = "control character (\\u0000-\\u001F) found while parsing a string";

struct Parser<'a, 's> {
    /// Where the states of the top-level `States` object go.
    sink: Option<Sink<'s, 'a>>,
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    max_depth: usize,
    max_states: usize,
    max_payload_bytes: usize,
    /// The states of the scopes read so far.
    states: usize,
    /// How many states went to the sink (their object is left empty).
    streamed_states: usize,
    /// How many numbers read so far `serde_json` may write longer than the text has them (see
    /// [`LONGER_NUMBER`]).
    long_numbers: usize,
    /// The elements of the arrays being read, innermost last.
    items: Vec<Item<'a>>,
    /// The members of the objects being read, innermost last.
    members: Vec<Member<'a>>,
}

impl<'a> Parser<'a, '_> {
    /// A failure at byte `at`, covering the character there.
    fn fail_at(&self, at: usize, problem: Problem) -> Box<Failure> {
        let end = self
            .text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .map_or(at, |c| at + c.len_utf8());
        Box::new(Failure {
            problem,
            at,
            end,
            steps: Vec::new(),
        })
    }

    /// A syntax error about the byte at `pos`; at the end of the text, `eof` instead.
    fn fail_here(&self, what: &'static str) -> Box<Failure> {
        self.fail_at(self.pos, Problem::Syntax(what))
    }

    /// A syntax error about the byte at `pos`, or "EOF while parsing …" at the end of the text.
    fn expected(&self, what: &'static str, eof: &'static str) -> Box<Failure> {
        if self.pos >= self.bytes.len() {
            self.fail_at_end(eof)
        } else {
            self.fail_here(what)
        }
    }

    /// "EOF while parsing …": about the last character of the text (the end, after a line
    /// break), as `serde_json` places it.
    fn fail_at_end(&self, what: &'static str) -> Box<Failure> {
        let len = self.text.len();
        let at = match self.text.chars().next_back() {
            Some(c) if c != '\n' => len - c.len_utf8(),
            _ => len,
        };
        self.fail_at(at, Problem::Syntax(what))
    }

    #[inline(always)]
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

    /// `null`, `true` or `false`: `word` with its first byte already seen.
    fn literal(&mut self, word: &[u8], node: Node<'a>) -> Read<Node<'a>> {
        for &expected in word {
            match self.bytes.get(self.pos) {
                Some(&b) if b == expected => self.pos += 1,
                Some(_) => return Err(self.fail_here("expected ident")),
                None => return Err(self.fail_at_end("EOF while parsing a value")),
            }
        }
        Ok(node)
    }

    fn value(&mut self) -> Read<Node<'a>> {
        match self.bytes.get(self.pos) {
            Some(b'{') => self.object(false, false),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Node::String),
            Some(b'n') => self.literal(b"null", Node::Null),
            Some(b't') => self.literal(b"true", Node::Bool(true)),
            Some(b'f') => self.literal(b"false", Node::Bool(false)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.expected("expected value", "EOF while parsing a value")),
        }
    }

    fn enter(&mut self) -> Read<()> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(self.fail_at(self.pos, Problem::TooDeep(self.max_depth)));
        }
        Ok(())
    }

    fn array(&mut self) -> Read<Node<'a>> {
        self.enter()?;
        self.pos += 1;
        let base = self.items.len();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
        } else if self.pos >= self.bytes.len() {
            return Err(self.fail_at_end("EOF while parsing a list"));
        } else {
            loop {
                let index = self.items.len() - base;
                let start = self.pos;
                let item = self.value().map_err(|f| with(f, Step::Index(index)))?;
                self.items.push(Item {
                    node: item,
                    at: offset(start),
                });
                if !self.another(b']', "expected `,` or `]`", "EOF while parsing a list")? {
                    break;
                }
            }
        }
        self.depth -= 1;
        // `split_off`: a new vector of the elements' size, filled by one block copy (where
        // `drain(..).collect()` moved them one by one); the stack keeps its buffer.
        Ok(Node::Array(Items(self.items.split_off(base))))
    }

    /// After an element or a member: `Ok(true)` past a `,` and the space after it, where another
    /// one starts; `Ok(false)` past `close`, which ends the container.
    #[inline(always)]
    fn another(&mut self, close: u8, expected: &'static str, eof: &'static str) -> Read<bool> {
        self.skip_ws();
        match self.bytes.get(self.pos) {
            Some(b',') => {
                self.pos += 1;
                self.skip_ws();
                match self.bytes.get(self.pos) {
                    Some(&b) if b == close => Err(self.trailing_comma()),
                    // Before the next one starts: the container's failure.
                    None => Err(self.fail_at_end("EOF while parsing a value")),
                    Some(b'"') => Ok(true),
                    Some(_) if close == b']' => Ok(true),
                    Some(_) => Err(self.fail_here("key must be a string")),
                }
            }
            Some(&b) if b == close => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(self.expected(expected, eof)),
        }
    }

    /// A trailing comma: the failure is about the comma before the closing bracket at `pos`.
    fn trailing_comma(&self) -> Box<Failure> {
        let before = self.text[..self.pos].trim_end_matches([' ', '\t', '\n', '\r']);
        self.fail_at(before.len() - 1, Problem::Syntax("trailing comma"))
    }

    /// An object; a `States` object when `states` (its keys are state names, not fields), the
    /// top-level one when `streamed`, whose states go to the sink.
    fn object(&mut self, states: bool, streamed: bool) -> Read<Node<'a>> {
        self.enter()?;
        self.pos += 1;
        let base = self.members.len();
        // The names of the states that went to the sink: only they are kept, not members.
        let mut names: Vec<Cow<'a, str>> = Vec::new();
        // Hashes of the keys read so far, once the object is too large for linear scans.
        let mut index: Option<NameMap<u64, usize>> = None;
        let mut is_scope = false;
        self.skip_ws();
        match self.bytes.get(self.pos) {
            Some(b'}') => self.pos += 1,
            Some(b'"') => loop {
                let key_start = self.pos;
                let key = self.string()?;
                let key_span = Pos::new(key_start, self.pos);
                let repeated = match streamed {
                    true => is_repeated(&names, |k| k, &key, &mut index),
                    false => is_repeated(&self.members[base..], |m| &m.key, &key, &mut index),
                };
                if repeated {
                    let mut f = self.fail_at(key_start, Problem::DuplicateKey(key.to_string()));
                    f.end = self.pos;
                    f.steps.push(Step::Key(key.into_owned()));
                    return Err(f);
                }
                is_scope |= key == "StartAt";
                self.skip_ws();
                if self.bytes.get(self.pos) != Some(&b':') {
                    let f = self.expected("expected `:`", "EOF while parsing an object");
                    return Err(with(f, Step::Key(key.into_owned())));
                }
                self.pos += 1;
                self.skip_ws();
                let (start, long_numbers) = (self.pos, self.long_numbers);
                let value = if key == "States" && self.bytes.get(self.pos) == Some(&b'{') {
                    self.object(true, self.depth == 1 && self.sink.is_some())
                } else {
                    self.value()
                };
                let value = match value {
                    Ok(value) => value,
                    Err(f) => return Err(with(f, Step::Key(key.into_owned()))),
                };
                // The name is looked up, and the value measured, only for a value that may be
                // over the limit.
                if !states
                    && !matches!(value, Node::String(_))
                    && self.may_be_over_payload_limit(start, long_numbers)
                    && Field::from_name(&key).is_some_and(Field::is_payload)
                    && let len = compact_len(&value)
                    && len > self.max_payload_bytes
                {
                    let mut f = self.fail_at(
                        key_start,
                        Problem::PayloadTooLarge {
                            key: key.to_string(),
                            len,
                            max: self.max_payload_bytes,
                        },
                    );
                    f.end = key_span.end as usize;
                    f.steps.push(Step::Key(key.into_owned()));
                    return Err(f);
                }
                if let (true, Some(sink)) = (streamed, &mut self.sink) {
                    // The top-level object's members start at 0.
                    sink(&self.members[..base], &key, value);
                    names.push(key);
                } else {
                    self.members.push(Member {
                        key,
                        value,
                        key_at: key_span.start,
                        value_at: offset(start),
                    });
                }
                if !self.another(b'}', "expected `,` or `}`", "EOF while parsing an object")? {
                    break;
                }
            },
            _ => {
                return Err(self.expected("key must be a string", "EOF while parsing an object"));
            }
        }
        self.depth -= 1;
        self.streamed_states += names.len();
        if is_scope
            && let Some(states) = self.members[base..].iter().find(|m| m.key == "States")
            && let Node::Object(s) = &states.value
        {
            self.states += s.len() + std::mem::take(&mut self.streamed_states);
            if self.states > self.max_states {
                let at = states.key_at as usize;
                let mut f = self.fail_at(at, Problem::TooManyStates(self.max_states));
                f.end = super::node::value_end(self.text, at);
                f.steps.push(Step::Key("States".to_owned()));
                return Err(f);
            }
        }
        let members = self.members.split_off(base);
        Ok(Node::Object(Object(members)))
    }

    /// Whether the value read from `start` to here may be longer than
    /// [`Limits::max_payload_bytes`] written compact by `serde_json::to_string`. Written compact
    /// it is no longer than its text, but for the numbers written longer (at most
    /// [`LONGER_NUMBER`] bytes each).
    fn may_be_over_payload_limit(&self, start: usize, long_numbers: usize) -> bool {
        let bound = (self.pos - start)
            .saturating_add((self.long_numbers - long_numbers).saturating_mul(LONGER_NUMBER));
        bound > self.max_payload_bytes
    }

    /// A string at `pos` (its opening quote): a slice of the text when it has no escapes.
    /// Inlined up to the end of its first run of plain characters, which ends most strings.
    #[inline(always)]
    fn string(&mut self) -> Read<Cow<'a, str>> {
        let start = self.pos + 1;
        let i = plain_run(self.bytes, start);
        if self.bytes.get(i) == Some(&b'"') {
            self.pos = i + 1;
            return Ok(Cow::Borrowed(&self.text[start..i]));
        }
        self.string_rest(start, i)
    }

    /// The rest of the string that starts at `start`, from `i`, the end of its first plain run.
    #[inline(never)]
    fn string_rest(&mut self, start: usize, mut i: usize) -> Read<Cow<'a, str>> {
        let mut out = String::with_capacity(i - start + 16);
        out.push_str(&self.text[start..i]);
        loop {
            match self.bytes.get(i) {
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    let Some(&escaped) = self.bytes.get(i + 1) else {
                        return Err(self.eof_in_string());
                    };
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
                            let (c, used) = self.unicode_escape(i)?;
                            out.push(c);
                            i += used;
                            continue;
                        }
                        _ => return Err(self.fail_at(i + 1, Problem::Syntax("invalid escape"))),
                    }
                    i += 2;
                }
                Some(0..0x20) => return Err(self.fail_at(i, Problem::Syntax(CONTROL))),
                Some(_) => {
                    // Copy the run of plain characters up to the next quote or backslash.
                    let run = plain_run(self.bytes, i);
                    out.push_str(&self.text[i..run]);
                    i = run;
                }
                None => return Err(self.eof_in_string()),
            }
        }
    }

    fn eof_in_string(&self) -> Box<Failure> {
        self.fail_at_end("EOF while parsing a string")
    }

    /// The `\uXXXX` escape (with its low surrogate, for a high one) at `at`: the character and
    /// how many bytes it takes.
    fn unicode_escape(&self, at: usize) -> Read<(char, usize)> {
        const LONE: Problem = Problem::Syntax("lone leading surrogate in hex escape");
        let high = self.hex4(at + 2)?;
        if !(0xD800..0xE000).contains(&high) {
            // Every other code point is a character.
            return Ok((char::from_u32(high).unwrap_or('\u{FFFD}'), 6));
        }
        if high >= 0xDC00 {
            return Err(self.fail_at(at + 5, LONE));
        }
        for (i, expected) in [(at + 6, b'\\'), (at + 7, b'u')] {
            match self.bytes.get(i) {
                Some(&b) if b == expected => {}
                Some(_) => {
                    return Err(self.fail_at(i, Problem::Syntax("unexpected end of hex escape")));
                }
                None => return Err(self.eof_in_string()),
            }
        }
        let low = self.hex4(at + 8)?;
        if !(0xDC00..0xE000).contains(&low) {
            return Err(self.fail_at(at + 11, LONE));
        }
        let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
        Ok((char::from_u32(c).unwrap_or('\u{FFFD}'), 12))
    }

    /// The four hex digits at `at`.
    fn hex4(&self, at: usize) -> Read<u32> {
        let mut n = 0;
        for i in at..at + 4 {
            let Some(&d) = self.bytes.get(i) else {
                return Err(self.eof_in_string());
            };
            let Some(digit) = char::from(d).to_digit(16) else {
                return Err(self.fail_at(i, Problem::Syntax("invalid escape")));
            };
            n = n * 16 + digit;
        }
        Ok(n)
    }

    /// A number, stored as `serde_json` stores it. Plain integers of up to 18 digits are read
    /// here; anything else (fractions, exponents, `-0`, longer integers) by [`number`].
    fn number(&mut self) -> Read<Node<'a>> {
        let start = self.pos;
        let b = self.bytes;
        let mut i = start;
        let negative = b[i] == b'-';
        if negative {
            i += 1;
        }
        let digits_start = i;
        i = match b.get(i) {
            Some(b'0') => i + 1,
            Some(b'1'..=b'9') => digits_end(b, i),
            Some(_) => return Err(self.fail_at(i, Problem::Syntax("invalid number"))),
            None => return Err(self.fail_at_end("EOF while parsing a value")),
        };
        let int_end = i;
        let mut plain = true;
        if b.get(i) == Some(&b'.') {
            plain = false;
            i = self.digits(i + 1)?;
        }
        if let Some(b'e' | b'E') = b.get(i) {
            plain = false;
            i += 1;
            if let Some(b'+' | b'-') = b.get(i) {
                i += 1;
            }
            i = self.digits(i)?;
        }
        if b[digits_start] == b'0' && b.get(int_end).is_some_and(u8::is_ascii_digit) {
            return Err(self.fail_at(int_end, Problem::Syntax("invalid number")));
        }
        self.pos = i;
        let digits = &b[digits_start..int_end];
        if plain && digits.len() <= 18 {
            let n = digits
                .iter()
                .fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
            if !negative {
                return Ok(Node::Number(n.into()));
            }
            if n != 0 {
                // At most 18 digits: fits an i64.
                return Ok(Node::Number((-(n as i64)).into()));
            }
        }
        self.long_numbers += 1;
        number(&self.text[start..i], plain, negative)
            .map(Node::Number)
            .ok_or_else(|| self.fail_at(i - 1, Problem::Syntax("number out of range")))
    }

    /// The end of the digits at `at`, which must be at least one.
    fn digits(&self, at: usize) -> Read<usize> {
        let end = digits_end(self.bytes, at);
        if end > at {
            return Ok(end);
        }
        Err(match self.bytes.get(at) {
            Some(_) => self.fail_at(at, Problem::Syntax("invalid number")),
            None => self.fail_at_end("EOF while parsing a value"),
        })
    }
}

/// The number `text` (JSON number syntax, already checked) as `serde_json` stores it with its
/// `float_roundtrip` feature: a plain integer as a `u64` (`i64` when negative) when it fits, and
/// anything else as the `f64` nearest to it (`-0` is `-0.0`); `None` when that is infinite
/// (`1e400`). The standard library's parse rounds correctly, as `float_roundtrip` does, so no
/// serde_json feature is needed.
fn number(text: &str, plain: bool, negative: bool) -> Option<Number> {
    if plain {
        let int = if negative {
            text.parse::<i64>()
                .ok()
                .filter(|&n| n != 0)
                .map(Number::from)
        } else {
            text.parse::<u64>().ok().map(Number::from)
        };
        if int.is_some() {
            return int;
        }
    }
    text.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .and_then(Number::from_f64)
}

/// `failure` on its way out through a member or element.
fn with(mut failure: Box<Failure>, step: Step) -> Box<Failure> {
    failure.steps.push(step);
    failure
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn tree<'a>(text: &'a str, limits: &Limits) -> Read<Node<'a>> {
        read(text, limits, None).map(|(node, _)| node)
    }

    fn problem(text: &str, limits: &Limits) -> Problem {
        tree(text, limits).unwrap_err().problem
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
            let ours = tree(text, &Limits::default()).unwrap().to_value();
            let theirs: Value = serde_json::from_str(text).unwrap();
            assert_eq!(ours, theirs, "{text}");
            // The same number representations, not only equal values.
            assert_eq!(ours.to_string(), theirs.to_string(), "{text}");
        }
    }

    #[test]
    fn refuses_what_serde_json_refuses() {
        for text in [
            "{",
            r#"{"a": 1,}"#,
            "[1,]",
            r#"{"a" 1}"#,
            r#"{"a": 1 "b": 2}"#,
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
            assert!(serde_json::from_str::<Value>(text).is_err(), "{text:?}");
            assert!(
                matches!(problem(text, &Limits::default()), Problem::Syntax(_)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn spans_of_keys_and_values() {
        let text = r#"{"a": [1, {"b": "x"}], "c\"": null}"#;
        let (root, span) = read(text, &Limits::default(), None).unwrap();
        assert_eq!(span.range(), 0..text.len());
        let Node::Object(members) = &root else {
            panic!("an object")
        };
        let slice = |at: u32| &text[at as usize..super::super::node::value_end(text, at as usize)];
        assert_eq!(slice(members.0[0].key_at), r#""a""#);
        assert_eq!(slice(members.0[0].value_at), r#"[1, {"b": "x"}]"#);
        assert_eq!(slice(members.0[1].key_at), r#""c\"""#);
        assert_eq!(slice(members.0[1].value_at), "null");
        let Node::Array(items) = &members.0[0].value else {
            panic!("an array")
        };
        assert_eq!(slice(items.0[1].at), r#"{"b": "x"}"#);
    }

    #[test]
    fn failures_carry_their_way_and_place() {
        let text = r#"{"a": [0, {"b": tru}]}"#;
        let f = tree(text, &Limits::default()).unwrap_err();
        assert_eq!(f.problem, Problem::Syntax("expected ident"));
        assert_eq!(&text[f.at..f.end], "}");
        assert_eq!(
            f.steps,
            [Step::Key("b".into()), Step::Index(1), Step::Key("a".into())]
        );
    }

    #[test]
    fn repeated_keys_in_large_objects() {
        let members: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        let ok = format!("{{{}}}", members.join(", "));
        assert_eq!(
            tree(&ok, &Limits::default())
                .unwrap()
                .as_object()
                .unwrap()
                .len(),
            40
        );
        for repeated in ["k0", "k16", "k39"] {
            let text = format!("{{{}, \"{repeated}\": 0}}", members.join(", "));
            assert_eq!(
                problem(&text, &Limits::default()),
                Problem::DuplicateKey(repeated.into())
            );
        }
        // The same key spelled with an escape is the same key.
        let text = format!("{{{}, \"k\\u00331\": 0}}", members.join(", "));
        assert_eq!(
            problem(&text, &Limits::default()),
            Problem::DuplicateKey("k31".into())
        );
    }

    #[test]
    fn depth_limit() {
        let doc = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let limits = Limits {
            max_depth: 5,
            ..Limits::default()
        };
        assert!(tree(&doc(5), &limits).is_ok());
        assert_eq!(problem(&doc(6), &limits), Problem::TooDeep(5));
    }

    /// With a sink, the top-level states go to it in order and their object is left empty; a
    /// repeated name and the state limit are found as without one, past the linear scan too.
    #[test]
    fn streamed_states() {
        let machine = |names: &[String]| {
            let states: Vec<String> = names
                .iter()
                .map(|n| format!(r#""{n}": {{"Type": "Succeed"}}"#))
                .collect();
            format!(
                r#"{{"StartAt": "S0", "States": {{{}}}}}"#,
                states.join(", ")
            )
        };
        fn streamed<'a>(text: &'a str, limits: &Limits) -> (Read<Node<'a>>, Vec<String>) {
            let mut seen = Vec::new();
            let mut sink = |_: &[Member<'_>], name: &str, state: Node<'_>| {
                assert!(matches!(state, Node::Object(_)));
                seen.push(name.to_owned());
            };
            let read = read(text, limits, Some(&mut sink)).map(|(node, _)| node);
            (read, seen)
        }
        let names: Vec<String> = (0..3 * LINEAR_SCAN_MAX).map(|i| format!("S{i}")).collect();
        let text = machine(&names);
        let (root, seen) = streamed(&text, &Limits::default());
        assert_eq!(seen, names);
        let Ok(Node::Object(root)) = root else {
            panic!("{root:?}")
        };
        assert_eq!(root.0[1].value, Node::Object(Object(Vec::new())));

        let max = |max_states| Limits {
            max_states,
            ..Limits::default()
        };
        assert!(streamed(&text, &max(names.len())).0.is_ok());
        let (failed, _) = streamed(&text, &max(names.len() - 1));
        assert_eq!(
            failed.unwrap_err().problem,
            Problem::TooManyStates(names.len() - 1)
        );

        for at in [1, LINEAR_SCAN_MAX + 1, names.len()] {
            let mut repeated = names.clone();
            repeated.insert(at, format!("S{}", at - 1));
            let failed = streamed(&machine(&repeated), &Limits::default())
                .0
                .unwrap_err();
            assert_eq!(
                failed.problem,
                Problem::DuplicateKey(format!("S{}", at - 1))
            );
        }
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
        assert!(tree(text, &states(3)).is_ok());
        assert_eq!(problem(text, &states(2)), Problem::TooManyStates(2));
        // A state named like a payload field is not a payload, with or without a sink.
        let text = r#"{"StartAt": "Parameters", "States": {"Parameters": {"Type": "Pass",
            "Result": {"k": 1}, "Comment": "a long comment", "End": true}}}"#;
        let small = Limits {
            max_payload_bytes: 20,
            ..Limits::default()
        };
        assert!(tree(text, &small).is_ok());
        let mut sink = |_: &[Member<'_>], _: &str, _: Node<'_>| {};
        assert!(read(text, &small, Some(&mut sink)).is_ok());
        let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"k": "a long result"}}}}"#;
        assert!(matches!(
            problem(text, &small),
            Problem::PayloadTooLarge { .. }
        ));
        // An object named `States` outside a scope is not counted.
        let text = r#"{"Result": {"States": {"A": 1, "B": 2}}}"#;
        assert!(tree(text, &states(0)).is_ok());

        let payload = |max_payload_bytes| Limits {
            max_payload_bytes,
            ..Limits::default()
        };
        // Written compact, `{"a":[1,2]}` is 11 bytes although its text is longer.
        let text = r#"{"Parameters": { "a" : [ 1, 2 ] }}"#;
        assert!(tree(text, &payload(11)).is_ok());
        assert!(matches!(
            problem(text, &payload(10)),
            Problem::PayloadTooLarge {
                len: 11,
                max: 10,
                ..
            }
        ));
        // … and `[1e15]` is 20 bytes (`[1000000000000000.0]`), longer than its text.
        let text = r#"{"Result": [1e15]}"#;
        assert!(tree(text, &payload(20)).is_ok());
        assert!(tree(text, &payload(19)).is_err());
        // A string is not a payload template and is not measured.
        let text = r#"{"Result": "a long string"}"#;
        assert!(tree(text, &payload(1)).is_ok());
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        let node = tree(r#"{"plain": "text", "esc": "a\nb"}"#, &Limits::default()).unwrap();
        let obj = node.as_object().unwrap();
        assert!(matches!(
            obj.get("plain"),
            Some(Node::String(Cow::Borrowed("text")))
        ));
        assert!(matches!(obj.get("esc"), Some(Node::String(Cow::Owned(s))) if s == "a\nb"));
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
}
