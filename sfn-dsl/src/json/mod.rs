//! The strict reader for definition files.
//!
//! [`parse_document`] turns the bytes of a `*.asl.json` file into a [`serde_json::Value`], or into
//! one [`Diagnostic`] that says what is wrong and where (line, column and, when known, the JSON
//! pointer of the place). It is stricter than `serde_json::from_slice` where AWS is stricter:
//! a key repeated in one object is an error ([`Code::DuplicateKey`]), because AWS rejects such
//! definitions while most JSON parsers silently keep the last value.
//!
//! ```
//! use sfn::json::{Limits, parse_document};
//! use sfn::rules::Code;
//!
//! let doc = parse_document(br#"{"StartAt": "A", "States": {}}"#, &Limits::default()).unwrap();
//! assert_eq!(doc["StartAt"], "A");
//!
//! let err = parse_document(br#"{"StartAt": "A", "StartAt": "B"}"#, &Limits::default()).unwrap_err();
//! assert_eq!(err.code, Code::DuplicateKey);
//! assert_eq!(err.pointer, "/StartAt");
//! ```

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::diagnostic::{Diagnostic, Pointer};
use crate::rules::Code;

pub(crate) mod tree;

use tree::Node;

/// The deepest nesting `serde_json` accepts (its recursion limit of 128 counts the container that
/// fails); [`Limits::max_depth`] values above it are capped to it.
const SERDE_JSON_MAX_DEPTH: usize = 127;

/// The UTF-8 byte order mark, accepted and skipped at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Limits applied while reading a document.
///
/// ```
/// use sfn::json::Limits;
///
/// let limits = Limits { max_bytes: 1 << 20, ..Limits::default() };
/// assert_eq!(limits.max_depth, 128);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file accepted, in bytes (default 64 MiB). Checked before anything is parsed.
    pub max_bytes: usize,
    /// The deepest nesting of arrays and objects accepted (default 128; the top-level object is
    /// level 1). Values above 127, `serde_json`'s own limit, act as 127.
    pub max_depth: usize,
    /// The most states accepted in one definition, nested branches and processors included
    /// (default 1,000,000).
    pub max_states: usize,
    /// The largest payload template accepted (`Parameters`, `ResultSelector`, `ItemSelector`,
    /// `Arguments`, `Output`, `Assign`, `Result`, `Credentials`, `BatchInput`), as compact JSON
    /// bytes (default 1 MiB, the size of the largest definition AWS accepts).
    pub max_payload_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 64 * 1024 * 1024,
            max_depth: 128,
            max_states: 1_000_000,
            max_payload_bytes: 1024 * 1024,
        }
    }
}

/// Byte offset → (line, column), both 1-based, column counted in characters.
///
/// An offset past the end counts as the end of the text; an offset inside a multi-byte character
/// counts as that character.
///
/// ```
/// use sfn::json::line_col;
///
/// let text = "{\n  \"é\": 1\n}";
/// assert_eq!(line_col(text, 0), (1, 1));
/// assert_eq!(line_col(text, 4), (2, 3)); // the `é`
/// assert_eq!(line_col(text, 7), (2, 5)); // the `:` after the two-byte `é`
/// ```
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = text.floor_char_boundary(offset.min(text.len()));
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
}

/// Reads a definition file: returns the JSON value, or ONE [`Diagnostic`] (code
/// [`Code::InvalidJson`], or [`Code::DuplicateKey`]) whose `pointer` is the JSON pointer of the
/// place when known (`""` otherwise) and whose message names the line and column and says what is
/// wrong. Accepts and skips a UTF-8 byte order mark.
///
/// The checks, in order: the size (before anything is read), UTF-8, emptiness, the nesting depth
/// (a cheap scan, so even 100,000 nested `[` cannot overflow the stack), the JSON syntax with
/// duplicate keys rejected, and finally that the top level is an object. Numbers keep
/// `serde_json`'s representation (`i64`, `u64` or `f64`); a number too large for `f64` (`1e400`)
/// is an error, and `NaN` or `Infinity` are not JSON.
///
/// ```
/// use sfn::json::{Limits, parse_document};
///
/// let err = parse_document(b"[1, 2]", &Limits::default()).unwrap_err();
/// assert_eq!(
///     err.message,
///     "expected a JSON object at the top level, found an array (line 1, column 1)"
/// );
/// ```
pub fn parse_document(bytes: &[u8], limits: &Limits) -> Result<Value, Diagnostic> {
    if bytes.len() > limits.max_bytes {
        return Err(invalid(
            "",
            format!(
                "the file is {} bytes, more than the limit of {} bytes",
                bytes.len(),
                limits.max_bytes
            ),
            "a state machine definition is much smaller; check that this is the right file, or \
             raise `Limits::max_bytes`",
        ));
    }
    let (bytes, bom_len) = match bytes.strip_prefix(BOM) {
        Some(rest) => (rest, BOM.len()),
        None => (bytes, 0),
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return Err(utf8_error(bytes, bom_len, &e)),
    };
    if text.chars().all(char::is_whitespace) {
        return Err(invalid(
            "",
            "the file is empty",
            "a state machine definition is one JSON object, e.g. \
             {\"StartAt\": \"First\", \"States\": {…}}",
        ));
    }
    check_depth(text, limits.max_depth.min(SERDE_JSON_MAX_DEPTH))?;

    let ctx = RefCell::new(Context::default());
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = ValueSeed { ctx: &ctx }
        .deserialize(&mut de)
        .and_then(|value| de.end().map(|()| value));
    let value = match parsed {
        Ok(value) => value,
        Err(e) => return Err(parse_error(text, &ctx.into_inner(), &e)),
    };
    if !value.is_object() {
        let first = text.len() - text.trim_start().len();
        let (line, column) = line_col(text, first);
        return Err(invalid(
            "",
            format!(
                "expected a JSON object at the top level, found {} (line {line}, column {column})",
                kind(&value)
            ),
            "a state machine definition is one JSON object, e.g. \
             {\"StartAt\": \"First\", \"States\": {…}}",
        ));
    }
    check_sizes(&value, limits)?;
    Ok(value)
}

/// Reads a definition file into a [`Node`] tree: the same result and the same findings as
/// [`parse_document`], faster. The fast reader ([`tree::parse`]) reads valid files; anything it
/// does not accept, and any file over a limit, is read again by [`parse_document`], whose
/// finding is returned.
pub(crate) fn parse_tree<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Node<'a>, Diagnostic> {
    if bytes.len() <= limits.max_bytes
        && let Ok(text) = std::str::from_utf8(bytes.strip_prefix(BOM).unwrap_or(bytes))
        && let Some(node) = tree::parse(text, limits, SERDE_JSON_MAX_DEPTH)
        && node.is_object()
    {
        return Ok(node);
    }
    // A file the strict reader accepts although the fast one did not (none is known) is still
    // read, as an owned tree.
    parse_document(bytes, limits).map(|value| Node::from_value(&value).into_owned())
}

/// Whether `key` is a payload-template field, whose size [`Limits::max_payload_bytes`] bounds.
pub(crate) fn is_payload_field(key: &str) -> bool {
    matches!(
        key,
        "Parameters"
            | "ResultSelector"
            | "ItemSelector"
            | "Arguments"
            | "Output"
            | "Assign"
            | "Result"
            | "Credentials"
            | "BatchInput"
    )
}

/// Counts bytes written to it.
struct ByteCount(usize);

impl std::io::Write for ByteCount {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Enforces [`Limits::max_states`] and [`Limits::max_payload_bytes`] with one iterative walk.
fn check_sizes(value: &Value, limits: &Limits) -> Result<(), Diagnostic> {
    /// How a container was reached from its parent.
    enum Step<'v> {
        Key(&'v str),
        Index(usize),
    }
    const ROOT: usize = usize::MAX;
    // The walk keeps (parent, step) links and builds a pointer only for a finding.
    let mut links: Vec<(usize, Step<'_>)> = Vec::new();
    let pointer = |links: &[(usize, Step<'_>)], mut at: usize, last: &str| {
        let mut steps = Vec::new();
        while at != ROOT {
            steps.push(&links[at].1);
            at = links[at].0;
        }
        let mut p = String::new();
        for step in steps.iter().rev() {
            match step {
                Step::Key(k) => {
                    p.push('/');
                    p.push_str(&crate::diagnostic::escape_pointer_token(k));
                }
                Step::Index(i) => p.push_str(&format!("/{i}")),
            }
        }
        p.push('/');
        p.push_str(&crate::diagnostic::escape_pointer_token(last));
        p
    };
    let mut states = 0usize;
    let mut stack: Vec<(&Value, usize)> = vec![(value, ROOT)];
    while let Some((v, at)) = stack.pop() {
        match v {
            Value::Object(map) => {
                let is_scope = map.contains_key("StartAt");
                for (k, child) in map {
                    if is_scope
                        && k == "States"
                        && let Value::Object(s) = child
                    {
                        states += s.len();
                        if states > limits.max_states {
                            return Err(invalid(
                                &pointer(&links, at, k),
                                format!(
                                    "the definition has more than {} states, the limit",
                                    limits.max_states
                                ),
                                "split the machine into several (Step Functions StartExecution \
                                 tasks), or raise `Limits::max_states`",
                            ));
                        }
                    }
                    if is_payload_field(k) && !child.is_string() {
                        let mut n = ByteCount(0);
                        // Writing a `Value` to a counter cannot fail.
                        let _ = serde_json::to_writer(&mut n, child);
                        if n.0 > limits.max_payload_bytes {
                            return Err(invalid(
                                &pointer(&links, at, k),
                                format!(
                                    "`{k}` is {} bytes of JSON, over the limit of {} bytes",
                                    n.0, limits.max_payload_bytes
                                ),
                                "AWS rejects definitions over 1 MiB; keep large data in S3 and \
                                 pass a reference to it",
                            ));
                        }
                    }
                    if child.is_object() || child.is_array() {
                        links.push((at, Step::Key(k)));
                        stack.push((child, links.len() - 1));
                    }
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    if child.is_object() || child.is_array() {
                        links.push((at, Step::Index(i)));
                        stack.push((child, links.len() - 1));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// An [`Code::InvalidJson`] finding.
fn invalid(pointer: &str, message: impl Into<String>, help: impl Into<String>) -> Diagnostic {
    Diagnostic::new(Code::InvalidJson, pointer, message).with_help(help)
}

/// "an array", "a string", … for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn utf8_error(bytes: &[u8], bom_len: usize, e: &std::str::Utf8Error) -> Diagnostic {
    let at = e.valid_up_to();
    // The prefix up to `at` is valid UTF-8 by definition of `valid_up_to`.
    let prefix = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
    let (line, column) = line_col(prefix, at);
    let offset = at + bom_len;
    let what = match e.error_len() {
        Some(_) => format!("invalid byte 0x{:02X}", bytes[at]),
        None => "an incomplete character at the end of the file".to_owned(),
    };
    let help = if bom_len == 0 && (bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF"))
    {
        "the file looks like UTF-16; JSON definitions must be saved as UTF-8"
    } else {
        "JSON definitions must be saved as UTF-8 (not Latin-1, Windows-1252 or UTF-16)"
    };
    invalid(
        "",
        format!(
            "the file is not valid UTF-8: {what} at byte offset {offset} (line {line}, column {column})"
        ),
        help,
    )
}

/// One step of the path to the value being read.
enum Token {
    Key(String),
    Index(usize),
}

/// State shared by all seeds and visitors of one parse: the path to the current value, and what
/// to report when the parse fails.
#[derive(Default)]
struct Context {
    path: Vec<Token>,
    /// The pointer of the innermost value being read when the first error occurred.
    error_pointer: Option<String>,
    /// The second occurrence of a repeated key: its pointer and the key.
    duplicate: Option<(String, String)>,
}

impl Context {
    fn pointer(&self) -> String {
        let mut p = Pointer::root();
        for token in &self.path {
            p = match token {
                Token::Key(k) => p.push(k),
                Token::Index(i) => p.push(i),
            };
        }
        p.into()
    }

    /// Remembers the current path as the place of the error, unless a deeper place already is.
    fn record_error(&mut self) {
        if self.error_pointer.is_none() {
            self.error_pointer = Some(self.pointer());
        }
    }
}

/// Objects with at most this many members are searched for a repeated key by a linear scan:
/// comparing a few short keys is cheaper than hashing the key for every lookup.
const LINEAR_SCAN_MAX: usize = 16;

/// `map.get(key)`, by a linear scan of the members of small objects (ASL objects mostly are),
/// for the strict reader's duplicate-key check.
fn small_map_get<'v>(map: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    if map.len() <= LINEAR_SCAN_MAX {
        map.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
    } else {
        map.get(key)
    }
}

/// Reads one JSON value into a [`Value`], rejecting repeated keys.
struct ValueSeed<'c> {
    ctx: &'c RefCell<Context>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer
            .deserialize_any(ValueVisitor { ctx: self.ctx })
            .inspect_err(|_| self.ctx.borrow_mut().record_error())
    }
}

struct ValueVisitor<'c> {
    ctx: &'c RefCell<Context>,
}

impl<'de> Visitor<'de> for ValueVisitor<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("number out of range"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        loop {
            self.ctx.borrow_mut().path.push(Token::Index(items.len()));
            let next = seq.next_element_seed(ValueSeed { ctx: self.ctx });
            let mut ctx = self.ctx.borrow_mut();
            match next {
                Ok(Some(item)) => {
                    ctx.path.pop();
                    items.push(item);
                }
                Ok(None) => {
                    ctx.path.pop();
                    return Ok(Value::Array(items));
                }
                Err(e) => {
                    // An error before the element started (a missing `,`) belongs to the array.
                    ctx.path.pop();
                    ctx.record_error();
                    return Err(e);
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        loop {
            let key = match access.next_key::<String>() {
                Ok(Some(key)) => key,
                Ok(None) => return Ok(Value::Object(map)),
                Err(e) => {
                    self.ctx.borrow_mut().record_error();
                    return Err(e);
                }
            };
            if small_map_get(&map, &key).is_some() {
                let mut ctx = self.ctx.borrow_mut();
                ctx.path.push(Token::Key(key));
                let pointer = ctx.pointer();
                let Some(Token::Key(key)) = ctx.path.pop() else {
                    unreachable!("the key was pushed just above")
                };
                ctx.error_pointer = Some(pointer.clone());
                ctx.duplicate = Some((pointer, key));
                return Err(de::Error::custom("duplicate key"));
            }
            self.ctx.borrow_mut().path.push(Token::Key(key));
            let value = access.next_value_seed(ValueSeed { ctx: self.ctx });
            let mut ctx = self.ctx.borrow_mut();
            if value.is_err() {
                // A missing `:` belongs to the member.
                ctx.record_error();
            }
            let Some(Token::Key(key)) = ctx.path.pop() else {
                unreachable!("the key was pushed just above")
            };
            map.insert(key, value?);
        }
    }
}

/// Byte offset of `serde_json`'s (line, column): the column is 1-based and counts bytes, and
/// names the byte the error is about.
fn serde_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    // serde_json counts columns in bytes: the position may fall inside a multi-byte
    // character (found by fuzzing), so step back to the character's start.
    let mut offset = (line_start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn parse_error(text: &str, ctx: &Context, e: &serde_json::Error) -> Diagnostic {
    let pointer = ctx.error_pointer.as_deref().unwrap_or("");
    if let Some((pointer, key)) = &ctx.duplicate {
        // `serde_json` places custom errors at its read position, which is after the key's
        // closing quote and maybe some whitespace; walk back to the key's opening quote.
        let after = serde_offset(text, e.line(), e.column() + 1);
        let start = key_start_before(text, after);
        let (line, column) = line_col(text, start);
        let parent = &pointer[..pointer.rfind('/').unwrap_or(0)];
        let parent = if parent.is_empty() {
            "the top-level object"
        } else {
            parent
        };
        let key_json = Value::String(key.clone()).to_string();
        return Diagnostic::new(
            Code::DuplicateKey,
            pointer.as_str(),
            format!(
                "duplicate key {key_json} in {parent} (line {line}, column {column}); the first \
                 one is ignored by most parsers but AWS rejects the definition"
            ),
        )
        .with_help(format!("remove one of the two {key_json} keys"));
    }

    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let full = e.to_string();
    let what = full.strip_suffix(&suffix).unwrap_or(&full);
    let mut offset = serde_offset(text, e.line(), e.column());
    if what == "trailing comma" {
        // `serde_json` points at the bracket after the comma; point at the comma.
        let before = text[..offset].trim_end_matches([' ', '\t', '\n', '\r']);
        if before.ends_with(',') {
            offset = before.len() - 1;
        }
    }
    let (line, column) = line_col(text, offset);
    if what == "recursion limit exceeded" {
        // Not reached: `check_depth` runs first with a limit no larger than serde_json's.
        return invalid(
            pointer,
            format!(
                "the JSON is nested deeper than {SERDE_JSON_MAX_DEPTH} levels (line {line}, \
                 column {column})"
            ),
            DEPTH_HELP,
        );
    }
    let rest = text[offset..].trim_start();
    let help = if what == "trailing comma" {
        "remove the comma; JSON allows no comma after the last element"
    } else if what == "number out of range" {
        "a JSON number must fit a 64-bit float (at most about 1.8e308)"
    } else if rest.starts_with("//") || rest.starts_with("/*") {
        "JSON has no comments; remove them, or put the note in a \"Comment\" field"
    } else if ["NaN", "Infinity", "-Infinity", "+Infinity"]
        .iter()
        .any(|w| rest.starts_with(w))
    {
        "NaN and Infinity are not JSON numbers"
    } else if rest.starts_with('\'') {
        "JSON strings are written in double quotes"
    } else if e.is_eof() {
        "the file ends too early; look for an unclosed bracket or string"
    } else {
        "fix the JSON syntax at this place; definitions are plain JSON, without comments or \
         trailing commas"
    };
    invalid(
        pointer,
        format!("not valid JSON: {what} (line {line}, column {column})"),
        help,
    )
}

/// The offset of the opening quote of the string that ends before `end`, with only whitespace
/// between them. Falls back to `end` when the text does not look like that.
fn key_start_before(text: &str, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = end.min(bytes.len());
    while i > 0 && matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r') {
        i -= 1;
    }
    if i == 0 || bytes[i - 1] != b'"' {
        return end.min(bytes.len());
    }
    let close = i - 1;
    let mut j = close;
    while j > 0 {
        j -= 1;
        if bytes[j] == b'"' {
            let backslashes = bytes[..j].iter().rev().take_while(|&&b| b == b'\\').count();
            if backslashes % 2 == 0 {
                return j;
            }
        }
    }
    end.min(bytes.len())
}

const DEPTH_HELP: &str = "state machine definitions are rarely nested more than a few dozen \
                          levels; look for unbalanced brackets or a runaway generator";

/// A frame of the depth scan: the key or index of the member being read.
enum ScanFrame {
    Object {
        key: Option<(usize, usize)>,
        expecting_key: bool,
    },
    Array {
        index: usize,
    },
}

/// Fails when arrays and objects nest deeper than `max_depth`. One pass over the bytes, skipping
/// strings, with memory bounded by `max_depth`; works on any input, JSON or not.
fn check_depth(text: &str, max_depth: usize) -> Result<(), Diagnostic> {
    let bytes = text.as_bytes();
    let mut stack: Vec<ScanFrame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let end = j.min(bytes.len());
                if let Some(ScanFrame::Object { key, expecting_key }) = stack.last_mut()
                    && *expecting_key
                {
                    *key = Some((start, end));
                    *expecting_key = false;
                }
                i = end + 1;
                continue;
            }
            open @ (b'{' | b'[') => {
                if stack.len() >= max_depth {
                    let (line, column) = line_col(text, i);
                    return Err(invalid(
                        &scan_pointer(text, &stack),
                        format!(
                            "the JSON is nested deeper than {max_depth} levels (line {line}, \
                             column {column})"
                        ),
                        DEPTH_HELP,
                    ));
                }
                stack.push(if open == b'{' {
                    ScanFrame::Object {
                        key: None,
                        expecting_key: true,
                    }
                } else {
                    ScanFrame::Array { index: 0 }
                });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(ScanFrame::Array { index }) => *index += 1,
                Some(ScanFrame::Object { key, expecting_key }) => {
                    *key = None;
                    *expecting_key = true;
                }
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// The pointer of the container about to be opened, from the depth scan's frames.
fn scan_pointer(text: &str, stack: &[ScanFrame]) -> String {
    let mut p = Pointer::root();
    for frame in stack {
        p = match frame {
            ScanFrame::Array { index } => p.push(index),
            ScanFrame::Object {
                key: Some((start, end)),
                ..
            } => {
                let raw = text.get(*start - 1..*end + 1).unwrap_or_default();
                match serde_json::from_str::<String>(raw) {
                    Ok(key) => p.push(key),
                    Err(_) => p.push(text.get(*start..*end).unwrap_or_default()),
                }
            }
            // Not at a member (malformed input): the pointer stops at the object.
            ScanFrame::Object { key: None, .. } => break,
        };
    }
    p.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Value, Diagnostic> {
        parse_document(text.as_bytes(), &Limits::default())
    }

    fn err(text: &str) -> Diagnostic {
        parse(text).expect_err("expected an error")
    }

    #[test]
    fn reads_a_definition() {
        let v = parse(r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#).unwrap();
        assert_eq!(v["States"]["A"]["Type"], "Succeed");
        // Key order is preserved.
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["StartAt", "States"]);
    }

    #[test]
    fn numbers_keep_serde_json_representation() {
        let v = parse(r#"{"i": -5, "u": 18446744073709551615, "f": 1.5, "big": 1e300, "z": -0.0}"#)
            .unwrap();
        assert_eq!(v["i"].as_i64(), Some(-5));
        assert_eq!(v["u"].as_u64(), Some(u64::MAX));
        assert_eq!(v["f"].as_f64(), Some(1.5));
        assert_eq!(v["big"].as_f64(), Some(1e300));
        assert!(v["z"].is_f64());
        assert_eq!(v, serde_json::from_str::<Value>(&v.to_string()).unwrap());
    }

    #[test]
    fn number_overflowing_f64_is_an_error() {
        let e = err("{\n  \"Seconds\": 1e400\n}");
        assert_eq!(e.code, Code::InvalidJson);
        assert_eq!(
            e.message,
            "not valid JSON: number out of range (line 2, column 18)"
        );
        assert_eq!(e.pointer, "/Seconds");
        assert!(e.help.unwrap().contains("64-bit float"));
        assert_eq!(err(r#"{"a": [-1e400]}"#).pointer, "/a/0");
    }

    #[test]
    fn nan_and_infinity_are_not_json() {
        for text in [r#"{"a": NaN}"#, r#"{"a": Infinity}"#, r#"{"a": -Infinity}"#] {
            let e = err(text);
            assert_eq!(e.code, Code::InvalidJson, "{text}");
            assert_eq!(e.pointer, "/a", "{text}");
            assert!(e.message.starts_with("not valid JSON: "), "{}", e.message);
        }
        let e = err(r#"{"a": NaN}"#);
        assert_eq!(
            e.help.as_deref(),
            Some("NaN and Infinity are not JSON numbers")
        );
    }

    #[test]
    fn empty_and_whitespace_only() {
        for text in ["", " \n\t\r\n "] {
            let e = err(text);
            assert_eq!(e.code, Code::InvalidJson);
            assert_eq!(e.message, "the file is empty");
            assert_eq!(e.pointer, "");
            assert!(e.help.is_some());
        }
        assert_eq!(
            parse_document(b"\xEF\xBB\xBF  \n", &Limits::default())
                .unwrap_err()
                .message,
            "the file is empty"
        );
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        let e = parse_document(b"{\n  \"a\": \"x\xFFy\"}", &Limits::default()).unwrap_err();
        assert_eq!(e.code, Code::InvalidJson);
        assert_eq!(
            e.message,
            "the file is not valid UTF-8: invalid byte 0xFF at byte offset 11 (line 2, column 10)"
        );
        // Offsets count the BOM, columns do not.
        let e = parse_document(b"\xEF\xBB\xBF{\"\xC3", &Limits::default()).unwrap_err();
        assert_eq!(
            e.message,
            "the file is not valid UTF-8: an incomplete character at the end of the file at byte \
             offset 5 (line 1, column 3)"
        );
        let e = parse_document(b"\xFF\xFE{\x00}\x00", &Limits::default()).unwrap_err();
        assert!(e.help.unwrap().contains("UTF-16"));
    }

    #[test]
    fn syntax_errors_give_line_column_and_pointer() {
        let e = err("{\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\" \"End\": true}\n  }\n}");
        assert_eq!(e.code, Code::InvalidJson);
        assert_eq!(
            e.message,
            "not valid JSON: expected `,` or `}` (line 3, column 26)"
        );
        assert_eq!(e.pointer, "/States/A");

        let e = err(r#"{"a": [1, 2 3]}"#);
        assert_eq!(e.pointer, "/a");
        assert_eq!(
            e.message,
            "not valid JSON: expected `,` or `]` (line 1, column 13)"
        );

        let e = err(r#"{"a": 1,}"#);
        assert_eq!(
            e.message,
            "not valid JSON: trailing comma (line 1, column 8)"
        );
        assert!(e.help.unwrap().contains("remove the comma"));
        let e = err("{\"a\": [1,\n  2,\n  ]}");
        assert_eq!(
            e.message,
            "not valid JSON: trailing comma (line 2, column 4)"
        );
        assert_eq!(e.pointer, "/a");

        let e = err("{\"a\": 1 // note\n}");
        assert!(e.help.unwrap().contains("no comments"));

        let e = err(r#"{"a": 1} x"#);
        assert_eq!(
            e.message,
            "not valid JSON: trailing characters (line 1, column 10)"
        );
        assert_eq!(e.pointer, "");

        let e = err(r#"{"a": {"b": "#);
        assert!(
            e.message.starts_with("not valid JSON: EOF while parsing"),
            "{}",
            e.message
        );
        assert_eq!(e.pointer, "/a/b");

        let e = err(r#"{"a" 1}"#);
        assert_eq!(e.pointer, "/a");
        assert_eq!(e.message, "not valid JSON: expected `:` (line 1, column 6)");
    }

    #[test]
    fn columns_count_characters() {
        let e = err("{\"ünïcödé\": 1 2}");
        assert_eq!(
            e.message,
            "not valid JSON: expected `,` or `}` (line 1, column 15)"
        );
    }

    #[test]
    fn top_level_must_be_an_object() {
        let cases = [
            ("[1, 2]", "an array"),
            ("  \"x\"", "a string"),
            ("42", "a number"),
            ("true", "a boolean"),
            ("null", "null"),
        ];
        for (text, found) in cases {
            let e = err(text);
            assert_eq!(e.code, Code::InvalidJson);
            assert!(
                e.message.starts_with(&format!(
                    "expected a JSON object at the top level, found {found} (line 1, column"
                )),
                "{}",
                e.message
            );
            assert_eq!(e.pointer, "");
        }
    }

    #[test]
    fn too_large_is_checked_before_parsing() {
        let limits = Limits {
            max_bytes: 10,
            ..Limits::default()
        };
        // Not even valid JSON: the size check comes first.
        let e = parse_document(b"{{{{{{{{{{{{{{{{{{{{", &limits).unwrap_err();
        assert_eq!(e.code, Code::InvalidJson);
        assert_eq!(
            e.message,
            "the file is 20 bytes, more than the limit of 10 bytes"
        );
        assert!(parse_document(b"{\"a\": 100}", &limits).is_ok());
        assert_eq!(Limits::default().max_bytes, 64 * 1024 * 1024);
    }

    #[test]
    fn deep_arrays_and_objects_do_not_overflow() {
        let arrays = "[".repeat(100_000);
        let e = err(&arrays);
        assert_eq!(e.code, Code::InvalidJson);
        assert_eq!(
            e.message,
            "the JSON is nested deeper than 127 levels (line 1, column 128)"
        );
        assert_eq!(e.pointer, "/0".repeat(127));

        let objects = "{\"a\":".repeat(100_000) + &"}".repeat(100_000);
        let e = err(&objects);
        assert_eq!(e.pointer, "/a".repeat(127));
        assert!(e.message.contains("nested deeper than 127 levels"));

        let closed = format!("{{\"a\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(err(&closed).message.contains("nested deeper"));
    }

    #[test]
    fn depth_limit_is_exact() {
        let nest = |n: usize| format!("{}{}", "[".repeat(n - 1), "]".repeat(n - 1));
        let doc = |n: usize| format!("{{\"a\": {}}}", nest(n));
        let limits = Limits {
            max_depth: 5,
            ..Limits::default()
        };
        assert!(parse_document(doc(5).as_bytes(), &limits).is_ok());
        let e = parse_document(doc(6).as_bytes(), &limits).unwrap_err();
        assert_eq!(e.pointer, "/a/0/0/0/0");
        assert_eq!(
            e.message,
            "the JSON is nested deeper than 5 levels (line 1, column 11)"
        );
        // Brackets inside strings do not count.
        let strings = format!("{{\"a\": \"{}\", \"b\\\"[\": []}}", "[".repeat(1000));
        assert!(parse_document(strings.as_bytes(), &limits).is_ok());
        // Up to serde_json's own limit with the default limits.
        assert!(parse(&doc(127)).is_ok());
        assert!(
            err(&doc(128))
                .message
                .contains("nested deeper than 127 levels")
        );
    }

    #[test]
    fn bom_is_skipped() {
        let v = parse_document(b"\xEF\xBB\xBF{\"StartAt\": \"A\"}", &Limits::default()).unwrap();
        assert_eq!(v["StartAt"], "A");
        // Columns after a BOM are counted from the first character after it.
        let e = parse_document(b"\xEF\xBB\xBF{\"a\" 1}", &Limits::default()).unwrap_err();
        assert_eq!(e.message, "not valid JSON: expected `:` (line 1, column 6)");
    }

    #[test]
    fn duplicate_key_at_top_level() {
        let e = err("{\n  \"StartAt\": \"A\",\n  \"States\": {},\n  \"StartAt\": \"B\"\n}");
        assert_eq!(e.code, Code::DuplicateKey);
        assert_eq!(e.pointer, "/StartAt");
        assert_eq!(
            e.message,
            "duplicate key \"StartAt\" in the top-level object (line 4, column 3); the first one \
             is ignored by most parsers but AWS rejects the definition"
        );
        assert_eq!(
            e.help.as_deref(),
            Some("remove one of the two \"StartAt\" keys")
        );
    }

    #[test]
    fn duplicate_key_in_a_state() {
        let text = r#"{
  "StartAt": "Wait",
  "States": {
    "Wait": {
      "Type": "Wait",
      "Next": "Done",
      "Next": "Done",
      "Seconds": 5
    }
  }
}"#;
        let e = err(text);
        assert_eq!(e.code, Code::DuplicateKey);
        assert_eq!(e.pointer, "/States/Wait/Next");
        assert_eq!(
            e.message,
            "duplicate key \"Next\" in /States/Wait (line 7, column 7); the first one is ignored \
             by most parsers but AWS rejects the definition"
        );
    }

    #[test]
    fn duplicate_key_deep_inside_an_array_element() {
        let text = "{\"States\": {\"P\": {\"Branches\": [{}, {\"States\": {\"x/y~z\": {\"A\": 1, \
                    \"B\": [2, {\"k\": 1 ,\n\t\"k\"   :2}]}}}]}}}";
        let e = err(text);
        assert_eq!(e.code, Code::DuplicateKey);
        assert_eq!(e.pointer, "/States/P/Branches/1/States/x~1y~0z/B/1/k");
        assert!(
            e.message.starts_with(
                "duplicate key \"k\" in /States/P/Branches/1/States/x~1y~0z/B/1 (line 2, column 2);"
            ),
            "{}",
            e.message
        );
    }

    #[test]
    fn duplicate_key_with_escapes() {
        // `"\u0041"` and `"A"` are the same key.
        let e = err(r#"{"A": 1, "\u0041": 2}"#);
        assert_eq!(e.code, Code::DuplicateKey);
        assert_eq!(e.pointer, "/A");
        assert!(e.message.contains("(line 1, column 10)"), "{}", e.message);
        let e = err(r#"{"a\"b": 1, "a\"b" : 2}"#);
        assert!(
            e.message
                .starts_with(r#"duplicate key "a\"b" in the top-level object (line 1, column 13)"#),
            "{}",
            e.message
        );
    }

    #[test]
    fn same_key_in_different_objects_is_fine() {
        assert!(
            parse(r#"{"A": {"Next": 1}, "B": {"Next": 2}, "C": [{"x": 1}, {"x": 2}]}"#).is_ok()
        );
    }

    #[test]
    fn line_col_is_one_based_and_counts_characters() {
        let text = "ab\ncé\r\nd";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 2), (1, 3));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 4), (2, 2));
        assert_eq!(line_col(text, 5), (2, 2)); // inside `é`
        assert_eq!(line_col(text, 6), (2, 3)); // `\r`
        assert_eq!(line_col(text, 8), (3, 1));
        assert_eq!(line_col(text, 100), (3, 2));
        assert_eq!(line_col("", 0), (1, 1));
    }
}
