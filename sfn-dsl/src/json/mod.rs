//! The reader of definition files: one for the CLI, [`StateMachine::from_slice`], the
//! generator and `sfn fmt`.
//!
//! It reads the bytes once into a tree that keeps the byte span of every key and value, and
//! checks repeated keys, the nesting depth and the [`Limits`] in the same pass. The importer
//! reads that tree, and each finding gets its [`Span`] from it; line and column are computed
//! from a span only when a finding is printed ([`line_col`]).
//!
//! [`parse_document`] turns the bytes of a `*.asl.json` file into a [`serde_json::Value`], or into
//! one [`Diagnostic`] that says what is wrong and where (its span, the line and column in its
//! message and, when known, the JSON pointer of the place). It is stricter than
//! `serde_json::from_slice` where AWS is stricter: a key repeated in one object is an error
//! ([`Code::DuplicateKey`]), because AWS rejects such definitions while most JSON parsers silently
//! keep the last value.
//!
//! [`StateMachine::from_slice`]: crate::model::StateMachine::from_slice
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

use std::ops::Range;

use crate::payload::Literal;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Pointer, Span};
use crate::rules::Code;

pub(crate) mod node;
mod reader;

pub(crate) use node::Document;
use node::Node;
pub(crate) use reader::Sink;
use reader::{Failure, Problem, Step};

/// The deepest nesting read ([`Limits::max_depth`] values above it act as it): the reader
/// recurses once per level, so the stack it needs stays small.
const MAX_DEPTH: usize = 127;

/// Objects with at most this many members are searched for a repeated key by a linear scan:
/// comparing a few short keys is cheaper than hashing the key for every lookup.
const LINEAR_SCAN_MAX: usize = 16;

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
    /// The largest file accepted, in bytes (default 64 MiB; values above 4 GiB act as 4 GiB).
    /// Checked before anything is parsed.
    pub max_bytes: usize,
    /// The deepest nesting of arrays and objects accepted (default 128; the top-level object is
    /// level 1). Values above 127 act as 127.
    pub max_depth: usize,
    /// The most states accepted in one definition, nested branches and processors included
    /// (default 1,000,000).
    pub max_states: usize,
    /// The largest payload accepted (a field whose [`Field::is_payload`] holds: `Parameters`,
    /// `ResultSelector`, `ItemSelector`, `Items`, `Arguments`, `Output`, `Assign`, `Result`,
    /// `Credentials`, `BatchInput`), as compact JSON bytes (default 1 MiB, the size of the
    /// largest definition AWS accepts).
    ///
    /// [`Field::is_payload`]: crate::fields::Field::is_payload
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
/// place when known (`""` otherwise), whose [`span`](Diagnostic::span) is the place in the bytes,
/// and whose message names the line and column and says what is wrong. Accepts and skips a UTF-8
/// byte order mark.
///
/// The checks, in order: the size (before anything is read) and UTF-8; then, in one pass, the
/// JSON syntax, repeated keys, the nesting depth and the sizes of [`Limits`]; finally that the
/// top level is an object. The first problem in the text is the one reported. Numbers keep
/// `serde_json`'s representation (`i64`, `u64` or `f64`); a number too large for `f64`
/// (`1e400`) is an error, and `NaN` or `Infinity` are not JSON.
///
/// ```
/// use sfn::json::{Limits, parse_document};
///
/// let err = parse_document(b"[1, 2]", &Limits::default()).unwrap_err();
/// assert_eq!(
///     err.message,
///     "expected a JSON object at the top level, found an array (line 1, column 1)"
/// );
/// assert_eq!(err.span.unwrap().bytes, 0..1);
/// ```
pub fn parse_document(bytes: &[u8], limits: &Limits) -> Result<Value, Diagnostic> {
    read(bytes, limits, None).map(|doc| doc.root.to_value())
}

/// One JSON value of any kind as a [`Literal`] (see its `FromStr`): no limit but the reader's
/// nesting depth.
pub(crate) fn literal(text: &str) -> Result<Literal, Diagnostic> {
    let limits = Limits {
        max_bytes: usize::MAX,
        max_depth: MAX_DEPTH,
        max_states: usize::MAX,
        max_payload_bytes: usize::MAX,
    };
    if text.len() > u32::MAX as usize {
        return Err(invalid(
            "",
            format!("the text is {} bytes, more than 4 GiB", text.len()),
            "a JSON literal of a definition is much smaller",
        ));
    }
    match reader::read(text, &limits, None) {
        Ok((root, _)) => Ok(root.to_literal()),
        Err(failure) => Err(failure_finding(text, 0, *failure)),
    }
}

/// Reads a definition file into a [`Document`]: the tree [`parse_document`] turns into a
/// `Value`, with the span of every key and value; the states of the top-level `States` object go
/// to `sink`, if there is one, and are `null` in the tree.
pub(crate) fn read<'a>(
    bytes: &'a [u8],
    limits: &Limits,
    sink: Option<Sink<'_, 'a>>,
) -> Result<Document<'a>, Diagnostic> {
    let max_bytes = limits.max_bytes.min(u32::MAX as usize);
    if bytes.len() > max_bytes {
        return Err(invalid(
            "",
            format!(
                "the file is {} bytes, more than the limit of {max_bytes} bytes",
                bytes.len(),
            ),
            "a state machine definition is much smaller; check that this is the right file, or \
             raise `Limits::max_bytes`",
        ));
    }
    let (bytes, bom) = match bytes.strip_prefix(BOM) {
        Some(rest) => (rest, BOM.len()),
        None => (bytes, 0),
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return Err(utf8_error(bytes, bom, &e)),
    };
    if text.chars().all(char::is_whitespace) {
        return Err(invalid(
            "",
            "the file is empty",
            "a state machine definition is one JSON object, e.g. \
             {\"StartAt\": \"First\", \"States\": {…}}",
        ));
    }
    let limits = Limits {
        max_depth: limits.max_depth.min(MAX_DEPTH),
        ..*limits
    };
    let (root, span) = match reader::read(text, &limits, sink) {
        Ok(read) => read,
        Err(failure) => return Err(failure_finding(text, bom, *failure)),
    };
    if !root.is_object() {
        let start = span.start as usize;
        let (line, column) = line_col(text, start);
        let first = text[start..].chars().next().map_or(0, char::len_utf8);
        return Err(invalid(
            "",
            format!(
                "expected a JSON object at the top level, found {} (line {line}, column {column})",
                kind(&root)
            ),
            "a state machine definition is one JSON object, e.g. \
             {\"StartAt\": \"First\", \"States\": {…}}",
        )
        .with_span(bom + start..bom + start + first, 0));
    }
    Ok(Document {
        text,
        bom,
        root,
        span,
    })
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

/// An [`Code::InvalidJson`] finding.
fn invalid(pointer: &str, message: impl Into<String>, help: impl Into<String>) -> Diagnostic {
    Diagnostic::new(Code::InvalidJson, pointer, message).with_help(help)
}

/// "an array", "a string", … for messages.
fn kind(node: &Node<'_>) -> &'static str {
    match node {
        Node::Null | Node::Runtime => "null",
        Node::Bool(_) => "a boolean",
        Node::Number(_) => "a number",
        Node::String(_) => "a string",
        Node::Array(_) => "an array",
        Node::Object(_) => "an object",
    }
}

fn utf8_error(bytes: &[u8], bom: usize, e: &std::str::Utf8Error) -> Diagnostic {
    let at = e.valid_up_to();
    // The prefix up to `at` is valid UTF-8 by definition of `valid_up_to`.
    let prefix = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
    let (line, column) = line_col(prefix, at);
    let offset = at + bom;
    let what = match e.error_len() {
        Some(_) => format!("invalid byte 0x{:02X}", bytes[at]),
        None => "an incomplete character at the end of the file".to_owned(),
    };
    let help = if bom == 0 && (bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")) {
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
    .with_span(offset..offset + e.error_len().unwrap_or(1), 0)
}

const DEPTH_HELP: &str = "state machine definitions are rarely nested more than a few dozen \
                          levels; look for unbalanced brackets or a runaway generator";

/// The finding for a failure of the reader.
fn failure_finding(text: &str, bom: usize, failure: Failure) -> Diagnostic {
    let mut pointer = Pointer::root();
    for step in failure.steps.iter().rev() {
        pointer = match step {
            Step::Key(k) => pointer.push_str(k),
            Step::Index(i) => pointer.push(i),
        };
    }
    let pointer = pointer.as_str();
    let (line, column) = line_col(text, failure.at);
    let span = bom + failure.at..bom + failure.end;
    let found = pointer.len();
    let diag = match failure.problem {
        Problem::DuplicateKey(key) => {
            let parent = &pointer[..pointer.rfind('/').unwrap_or(0)];
            let parent = if parent.is_empty() {
                "the top-level object"
            } else {
                parent
            };
            let key_json = Value::String(key).to_string();
            Diagnostic::new(
                Code::DuplicateKey,
                pointer,
                format!(
                    "duplicate key {key_json} in {parent} (line {line}, column {column}); the \
                     first one is ignored by most parsers but AWS rejects the definition"
                ),
            )
            .with_help(format!("remove one of the two {key_json} keys"))
        }
        Problem::TooDeep(max) => invalid(
            pointer,
            format!("the JSON is nested deeper than {max} levels (line {line}, column {column})"),
            DEPTH_HELP,
        ),
        Problem::TooManyStates(max) => invalid(
            pointer,
            format!("the definition has more than {max} states, the limit"),
            "split the machine into several (Step Functions StartExecution tasks), or raise \
             `Limits::max_states`",
        ),
        Problem::PayloadTooLarge { key, len, max } => invalid(
            pointer,
            format!("`{key}` is {len} bytes of JSON, over the limit of {max} bytes"),
            "AWS rejects definitions over 1 MiB; keep large data in S3 and pass a reference to it",
        ),
        Problem::Syntax(what) => {
            let rest = text[failure.at.min(text.len())..].trim_start();
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
            } else if what.starts_with("EOF") {
                "the file ends too early; look for an unclosed bracket or string"
            } else {
                "fix the JSON syntax at this place; definitions are plain JSON, without comments \
                 or trailing commas"
            };
            invalid(
                pointer,
                format!("not valid JSON: {what} (line {line}, column {column})"),
                help,
            )
        }
    };
    diag.with_span(span, found)
}

impl Document<'_> {
    /// Where finding `d` is in the text: its [`Span`] (see there for what is underlined).
    /// `None` when its pointer is not a JSON pointer.
    pub(crate) fn span_of(&self, d: &Diagnostic) -> Option<Span> {
        let at = self.locate(&d.pointer)?;
        let text = self.text;
        let span = if at.found < d.pointer.len() {
            at.value
        } else {
            let container = text[at.value.clone()].starts_with(['{', '[']);
            match (&at.key, d.offset_in_value) {
                (Some(key), _) if d.code.about_key() || container => key.clone(),
                (_, Some(offset)) => inside_string(text, at.value.clone(), offset),
                _ => at.value,
            }
        };
        let span = single_line(text, span, at.key);
        Some(Span {
            bytes: self.bom + span.start..self.bom + span.end,
            found: at.found,
        })
    }

    /// Gives every finding without a span its span in this document.
    pub(crate) fn place(&self, diags: &mut [Diagnostic]) {
        for d in diags.iter_mut().filter(|d| d.span.is_none()) {
            d.span = self.span_of(d);
        }
    }
}

/// The part of the JSON string at `value` from the character at `offset` of its decoded value
/// to its end (its closing quote when the offset is at the end).
fn inside_string(text: &str, value: Range<usize>, offset: usize) -> Range<usize> {
    let raw = &text[value.clone()];
    let Some(content) = raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) else {
        return value;
    };
    match node::raw_offset_in_string(content, offset) {
        Some(at) if at < content.len() => value.start + 1 + at..value.end - 1,
        Some(_) => value.end - 1..value.end,
        None => value,
    }
}

/// A span that covers several lines (an object or array) is replaced by the key in front of it,
/// or else by its first character.
fn single_line(text: &str, span: Range<usize>, key: Option<Range<usize>>) -> Range<usize> {
    if !text[span.clone()].contains('\n') {
        return span;
    }
    key.unwrap_or_else(|| {
        let first = text[span.start..].chars().next().map_or(0, char::len_utf8);
        span.start..span.start + first
    })
}

/// The spans of findings about `text` (a definition file, byte order mark included): each
/// finding's own [`Diagnostic::span`] when it has one, else the place its pointer names, found by
/// reading the text. `None` for a finding that has no place in the text (the text is not JSON,
/// or it is empty).
///
/// ```
/// use sfn::json::spans;
/// use sfn::{Diagnostic, rules::Code};
///
/// let text = r#"{"StartAt": "B", "States": {}}"#;
/// let d = Diagnostic::new(Code::StartAtMissing, "/StartAt", "no state B");
/// let spans = spans(text, &[d]);
/// assert_eq!(&text[spans[0].clone().unwrap().bytes], "\"B\"");
/// ```
pub fn spans(text: &str, diags: &[Diagnostic]) -> Vec<Option<Span>> {
    let reader_finding = |d: &Diagnostic| matches!(d.code, Code::InvalidJson | Code::DuplicateKey);
    let doc = if diags.iter().any(|d| d.span.is_none() && !reader_finding(d)) {
        let limits = Limits {
            max_bytes: usize::MAX,
            max_states: usize::MAX,
            max_payload_bytes: usize::MAX,
            ..Limits::default()
        };
        read(text.as_bytes(), &limits, None).ok()
    } else {
        None
    };
    diags
        .iter()
        .map(|d| match (&d.span, &doc) {
            (Some(span), _) => Some(span.clone()),
            (None, Some(doc)) if !reader_finding(d) => doc.span_of(d),
            _ => None,
        })
        .collect()
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
