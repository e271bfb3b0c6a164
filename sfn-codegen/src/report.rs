//! Locating findings in a definition file and reporting them like rustc.
//!
//! [`Locator`] maps JSON pointers to byte spans of a JSON text with one scan of the text;
//! [`render_human`] prints findings with source snippets (using `annotate-snippets`, rustc's own
//! renderer) and [`render_json`] prints one JSON object per finding for tools.
//!
//! ```
//! use sfn_codegen::report::render_human;
//! use sfn_dsl::{Diagnostic, rules::Code};
//!
//! let text = "{\n  \"StartAt\": \"Frist\",\n  \"States\": {}\n}\n";
//! let diag = Diagnostic::new(Code::StartAtMissing, "/StartAt", "`StartAt` names no state: \"Frist\"")
//!     .with_help("did you mean \"First\"?");
//! let expected = r#"error[SFN010]: `StartAt` names no state: "Frist"
//!  --> machine.asl.json:2:14
//!   |
//! 2 |   "StartAt": "Frist",
//!   |              ^^^^^^^ /StartAt
//!   |
//!   = help: did you mean "First"?
//! "#;
//! assert_eq!(render_human("machine.asl.json", text, &[diag], false), expected);
//! ```

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use annotate_snippets::renderer::{AnsiColor, Effects, Style};
use annotate_snippets::{Level, Message, Renderer, Snippet};
use sfn_dsl::diagnostic::escape_pointer_token;
use sfn_dsl::rules::Code;
use sfn_dsl::{Diagnostic, Severity};

/// Where a JSON pointer points in a text: byte ranges of the member's key (when the value is an
/// object member) and of the value.
///
/// Both ranges include the quotes of strings and the brackets of arrays and objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The key of the member, quotes included; `None` for array elements and the root.
    pub key: Option<Range<usize>>,
    /// The value.
    pub value: Range<usize>,
    /// How much of the requested pointer was found: its length in bytes when the pointer itself
    /// was found, less when the location is that of the nearest existing ancestor.
    pub matched: usize,
}

impl Location {
    /// True when the requested pointer itself was found, not an ancestor.
    pub fn is_exact(&self, pointer: &str) -> bool {
        self.matched == pointer.len()
    }
}

/// Maps JSON pointers (RFC 6901) to byte spans of a JSON text.
///
/// [`Locator::locate_all`] answers any number of pointers with a single scan of the text, so a
/// report never re-parses the file per finding. The scanner is iterative (100,000 nested arrays
/// are fine), never panics, and is lenient: it accepts JSON5 comments, trailing commas,
/// single-quoted strings and unquoted keys, and does its best on broken input. When a key
/// appears twice in one object, the last occurrence is the one located (the one a parser keeps,
/// and the one [`Code::DuplicateKey`] reports).
///
/// ```
/// use sfn_codegen::report::Locator;
///
/// let text = r#"{"States": {"A": {"Type": "Pass", "End": true}}}"#;
/// let found = Locator::new(text).locate_all(&["/States/A/Type", "/States/A/Next"]);
///
/// let ty = found[0].as_ref().unwrap();
/// assert_eq!(&text[ty.key.clone().unwrap()], "\"Type\"");
/// assert_eq!(&text[ty.value.clone()], "\"Pass\"");
///
/// // `Next` does not exist: the nearest ancestor, `/States/A`, is located instead.
/// let next = found[1].as_ref().unwrap();
/// assert_eq!(&text[next.value.clone()], r#"{"Type": "Pass", "End": true}"#);
/// assert!(!next.is_exact("/States/A/Next"));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Locator<'a> {
    text: &'a str,
}

impl<'a> Locator<'a> {
    /// A locator over `text`. Nothing is scanned until [`Locator::locate_all`] is called.
    pub fn new(text: &'a str) -> Self {
        Locator { text }
    }

    /// Locates every pointer with one pass over the text. A pointer that names nothing falls back
    /// to its nearest existing ancestor (tokens are dropped from the end until one is found; see
    /// [`Location::matched`]). `None` only when the text holds no JSON value at all.
    pub fn locate_all(&self, pointers: &[&str]) -> Vec<Option<Location>> {
        if pointers.is_empty() {
            return Vec::new();
        }
        let mut trie = Trie::default();
        for pointer in pointers {
            trie.insert(pointer);
        }
        let found = Scanner::new(self.text, &trie).run();
        pointers
            .iter()
            .map(|pointer| {
                let mut best = None;
                for (node, matched) in trie.walk(pointer) {
                    if let Some(span) = &found[node] {
                        best = Some(Location {
                            key: span.key.clone(),
                            value: span.value.clone(),
                            matched,
                        });
                    }
                }
                best
            })
            .collect()
    }

    /// Locates one pointer. Scans the whole text: use [`Locator::locate_all`] for several.
    pub fn locate(&self, pointer: &str) -> Option<Location> {
        self.locate_all(&[pointer]).pop().flatten()
    }
}

/// The reference tokens of all wanted pointers, as a tree: node 0 is the root, and a node's
/// children are keyed by the (still escaped) next token.
#[derive(Default)]
struct Trie {
    children: Vec<HashMap<String, usize>>,
}

impl Trie {
    fn node_count(&self) -> usize {
        self.children.len().max(1)
    }

    fn insert(&mut self, pointer: &str) {
        if self.children.is_empty() {
            self.children.push(HashMap::new());
        }
        let mut node = 0;
        for (token, _) in tokens(pointer) {
            let next = self.children.len();
            node = *self.children[node].entry(token.to_owned()).or_insert(next);
            if node == next {
                self.children.push(HashMap::new());
            }
        }
    }

    /// The child of `node` for an escaped token.
    fn child(&self, node: usize, token: &str) -> Option<usize> {
        self.children.get(node)?.get(token).copied()
    }

    /// The nodes of a pointer's ancestors and itself, root first, with the length of the
    /// pointer prefix each stands for. Stops where the tree does.
    fn walk<'p>(&'p self, pointer: &'p str) -> impl Iterator<Item = (usize, usize)> + 'p {
        let mut node = 0;
        std::iter::once((0, 0)).chain(tokens(pointer).map_while(move |(token, end)| {
            node = self.child(node, token)?;
            Some((node, end))
        }))
    }
}

/// The escaped reference tokens of a pointer, each with the byte length of the pointer up to
/// and including it. A non-empty pointer that does not start with `/` is malformed and has none.
fn tokens(pointer: &str) -> impl Iterator<Item = (&str, usize)> {
    let body = pointer.strip_prefix('/');
    let mut end = 0;
    body.into_iter()
        .flat_map(|b| b.split('/'))
        .map(move |token| {
            end += 1 + token.len();
            (token, end)
        })
}

/// The spans recorded for one located value.
struct Span {
    key: Option<Range<usize>>,
    value: Range<usize>,
}

/// A lexical token of (lenient) JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Open {
        object: bool,
    },
    Close {
        object: bool,
    },
    Colon,
    Comma,
    /// A quoted string (quotes included, the closing one missing at the end of broken input).
    Str,
    /// Anything else: numbers, `true`, `null`, unquoted keys, stray characters.
    Bare,
}

/// Splits text into tokens, skipping whitespace, a byte order mark and comments.
struct Lexer<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Lexer<'_> {
    /// The next token and its byte range. Every range starts and ends on a character boundary.
    fn next_token(&mut self) -> Option<(Token, Range<usize>)> {
        let bytes = self.bytes;
        loop {
            let b = *bytes.get(self.pos)?;
            match b {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => self.pos += 1,
                0xEF if bytes[self.pos..].starts_with(b"\xEF\xBB\xBF") => self.pos += 3,
                b'/' if bytes.get(self.pos + 1) == Some(&b'/') => {
                    self.pos = memchr(b'\n', bytes, self.pos).unwrap_or(bytes.len());
                }
                b'/' if bytes.get(self.pos + 1) == Some(&b'*') => {
                    let mut i = self.pos + 2;
                    self.pos = loop {
                        match memchr(b'*', bytes, i) {
                            Some(star) if bytes.get(star + 1) == Some(&b'/') => break star + 2,
                            Some(star) => i = star + 1,
                            None => break bytes.len(),
                        }
                    };
                }
                _ => break,
            }
        }
        let start = self.pos;
        let token = match bytes[start] {
            b'{' => Token::Open { object: true },
            b'[' => Token::Open { object: false },
            b'}' => Token::Close { object: true },
            b']' => Token::Close { object: false },
            b':' => Token::Colon,
            b',' => Token::Comma,
            quote @ (b'"' | b'\'') => {
                let mut i = start + 1;
                while i < bytes.len() && bytes[i] != quote {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                // Past the closing quote, or the end of the text.
                self.pos = (i + 1).min(bytes.len());
                // An escape before the end may have skipped into a multi-byte character; the
                // text ends on a boundary, so clamping to its length is enough.
                return Some((Token::Str, start..self.pos));
            }
            _ => {
                let end = bytes[start + 1..]
                    .iter()
                    .position(|&b| {
                        matches!(
                            b,
                            b' ' | b'\t'
                                | b'\n'
                                | b'\r'
                                | 0x0B
                                | 0x0C
                                | b'{'
                                | b'}'
                                | b'['
                                | b']'
                                | b':'
                                | b','
                                | b'"'
                                | b'\''
                                | b'/'
                        )
                    })
                    .map_or(bytes.len(), |n| start + 1 + n);
                self.pos = end;
                return Some((Token::Bare, start..end));
            }
        };
        self.pos = start + 1;
        Some((token, start..start + 1))
    }
}

fn memchr(needle: u8, haystack: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .iter()
        .position(|&b| b == needle)
        .map(|i| from + i)
}

/// Where an object or array is in reading its members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Key,
    Colon,
    Value,
    /// After a value: a `,` or the closing bracket.
    Next,
}

/// An open array or object.
struct Frame {
    object: bool,
    start: usize,
    /// The key span of this container when it is an object member.
    key: Option<Range<usize>>,
    /// The trie node of this container's pointer, when it is wanted (itself or as an ancestor
    /// of a wanted one).
    node: Option<usize>,
    expect: Expect,
    /// Object: the key of the member being read.
    pending_key: Option<Range<usize>>,
    /// Array: the index of the next element.
    index: usize,
}

/// The single pass behind [`Locator::locate_all`].
struct Scanner<'t, 'w> {
    text: &'t str,
    trie: &'w Trie,
    lexer: Lexer<'t>,
    stack: Vec<Frame>,
    /// The spans found, by trie node.
    found: Vec<Option<Span>>,
}

impl<'t, 'w> Scanner<'t, 'w> {
    fn new(text: &'t str, trie: &'w Trie) -> Self {
        Scanner {
            text,
            trie,
            lexer: Lexer {
                bytes: text.as_bytes(),
                pos: 0,
            },
            stack: Vec::new(),
            found: (0..trie.node_count()).map(|_| None).collect(),
        }
    }

    fn run(mut self) -> Vec<Option<Span>> {
        while let Some((token, range)) = self.lexer.next_token() {
            let done = match token {
                Token::Open { object } => self.open(object, range),
                Token::Close { object } => self.close(object, range.end),
                Token::Colon => {
                    if let Some(top) = self.stack.last_mut()
                        && top.object
                        && top.expect == Expect::Colon
                    {
                        top.expect = Expect::Value;
                    }
                    false
                }
                Token::Comma => {
                    if let Some(top) = self.stack.last_mut() {
                        top.pending_key = None;
                        top.expect = if top.object {
                            Expect::Key
                        } else {
                            Expect::Value
                        };
                    }
                    false
                }
                Token::Str | Token::Bare => self.scalar(range),
            };
            if done {
                break;
            }
        }
        // Broken input: containers still open end at the end of the text.
        let end = self.text.len();
        while !self.stack.is_empty() {
            self.close_top(end);
        }
        self.found
    }

    /// A string or bare word: a key or a value. Returns true when it was the whole document.
    fn scalar(&mut self, range: Range<usize>) -> bool {
        match self.stack.last_mut() {
            Some(top) if top.object && matches!(top.expect, Expect::Key | Expect::Next) => {
                top.pending_key = Some(range);
                top.expect = Expect::Colon;
                false
            }
            _ => {
                let root = self.stack.is_empty();
                if let Some((key, Some(node))) = self.begin_value() {
                    self.found[node] = Some(Span { key, value: range });
                }
                root
            }
        }
    }

    fn open(&mut self, object: bool, range: Range<usize>) -> bool {
        let (key, node) = self.begin_value().unwrap_or((None, None));
        self.stack.push(Frame {
            object,
            start: range.start,
            key,
            node,
            expect: if object { Expect::Key } else { Expect::Value },
            pending_key: None,
            index: 0,
        });
        false
    }

    /// Closes the innermost container of the bracket's kind, and any left open inside it.
    /// A bracket that closes nothing is ignored. Returns true when the document is complete.
    fn close(&mut self, object: bool, end: usize) -> bool {
        let Some(depth) = self.stack.iter().rposition(|f| f.object == object) else {
            return false;
        };
        while self.stack.len() > depth {
            self.close_top(end);
        }
        self.stack.is_empty()
    }

    fn close_top(&mut self, end: usize) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        if let Some(node) = frame.node {
            self.found[node] = Some(Span {
                key: frame.key,
                value: frame.start..end,
            });
        }
    }

    /// Starts a value in the current container (or the root): works out its key span and the
    /// trie node of its pointer when that is wanted (last occurrence wins).
    /// `None` when the value has no place (a value where a key belongs).
    fn begin_value(&mut self) -> Option<(Option<Range<usize>>, Option<usize>)> {
        let Some(top) = self.stack.last_mut() else {
            return Some((None, Some(0)));
        };
        let (key, index) = if top.object {
            if !matches!(top.expect, Expect::Colon | Expect::Value) {
                return None;
            }
            (Some(top.pending_key.take()?), 0)
        } else {
            top.index += 1;
            (None, top.index - 1)
        };
        top.expect = Expect::Next;
        let Some(parent) = top.node else {
            return Some((key, None));
        };
        let node = match &key {
            Some(key) => {
                let name = unescape(key_text(&self.text[key.clone()]));
                self.trie.child(parent, &escape_pointer_token(&name))
            }
            None => self.trie.child(parent, &index.to_string()),
        };
        Some((key, node))
    }
}

/// The text of a key without its quotes (a closing quote may be missing in broken input).
fn key_text(raw: &str) -> &str {
    let Some(quote) = raw.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
        return raw;
    };
    let inner = &raw[1..];
    if inner.ends_with(quote) && !ends_with_escape(&inner[..inner.len() - 1]) {
        &inner[..inner.len() - 1]
    } else {
        inner
    }
}

/// True when `s` ends with an odd number of backslashes.
fn ends_with_escape(s: &str) -> bool {
    s.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}

/// Decodes JSON (and JSON5) string escapes; malformed escapes are kept as written.
fn unescape(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\\') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let (decoded, used) = decode_escape(&rest[i..]);
        match decoded {
            Some(c) => out.push(c),
            None => out.push_str(&rest[i..i + used]),
        }
        rest = &rest[i + used..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Decodes the escape at the start of `s` (which starts with `\`): the character, if valid, and
/// how many bytes the escape takes (always on a character boundary, at least 1).
fn decode_escape(s: &str) -> (Option<char>, usize) {
    let Some(c) = s[1..].chars().next() else {
        return (None, 1);
    };
    let simple = match c {
        '"' => Some('"'),
        '\\' => Some('\\'),
        '/' => Some('/'),
        'b' => Some('\u{8}'),
        'f' => Some('\u{c}'),
        'n' => Some('\n'),
        'r' => Some('\r'),
        't' => Some('\t'),
        'u' => None,
        other => Some(other),
    };
    if let Some(decoded) = simple {
        return (Some(decoded), 1 + c.len_utf8());
    }
    let hex = |from: usize| {
        s.get(from..from + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    let Some(first) = hex(2) else {
        return (None, 2);
    };
    if (0xD800..0xDC00).contains(&first)
        && s.get(6..8) == Some("\\u")
        && let Some(second) = hex(8)
        && (0xDC00..0xE000).contains(&second)
    {
        let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
        return (char::from_u32(c), 12);
    }
    (Some(char::from_u32(first).unwrap_or('\u{FFFD}')), 6)
}

/// Maps a byte offset in the decoded value of a quoted string to the offset in its raw text
/// (relative to the opening quote's position + 1). `None` when the offset is past the end.
fn raw_offset_in_string(content: &str, decoded_offset: usize) -> Option<usize> {
    let mut decoded = 0;
    let mut i = 0;
    while decoded < decoded_offset {
        let rest = content.get(i..).filter(|r| !r.is_empty())?;
        if rest.starts_with('\\') {
            let (c, used) = decode_escape(rest);
            decoded += c.map_or(used, char::len_utf8);
            i += used;
        } else {
            let c = rest.chars().next()?;
            decoded += c.len_utf8();
            i += c.len_utf8();
        }
    }
    // An offset inside a character (or an escape) starts at that character.
    Some(i)
}

/// Start offsets of lines, for offset → (line, column) and back.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// 0-based line index of a byte offset.
    fn index_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The byte range of a line (0-based), without its line break.
    fn line(&self, index: usize) -> Range<usize> {
        let start = self.starts[index];
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let end = if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        start..end
    }

    /// 1-based (line, column) of a byte offset, the column counted in characters.
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let index = self.index_of(offset);
        let start = self.starts[index];
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (index + 1, column + 1)
    }

    /// Byte offset of a 1-based (line, column in characters), clamped to the line's end.
    fn offset_of(&self, line: usize, column: usize) -> Option<usize> {
        let index = line.checked_sub(1).filter(|&i| i < self.starts.len())?;
        let range = self.line(index);
        let text = &self.text[range.clone()];
        let skip = column.saturating_sub(1);
        Some(
            text.char_indices()
                .nth(skip)
                .map_or(range.end, |(i, _)| range.start + i),
        )
    }
}

/// Codes about a field's presence rather than its value: their findings underline the key.
fn underlines_key(code: Code) -> bool {
    matches!(
        code,
        Code::UnknownField
            | Code::ExclusiveFields
            | Code::DuplicateKey
            | Code::ConflictingTransition
            | Code::TransitionOnTerminal
            | Code::JsonPathFieldInJsonata
            | Code::JsonataFieldInJsonPath
            // findings about a whole state: underline its name
            | Code::Unreachable
            | Code::DuplicateStateName
            | Code::StateName
            | Code::MissingTransition
    )
}

/// The order findings are shown in: by place in the file, unplaced ones last; findings at the
/// same place keep the order they were found in.
fn document_order(marks: &[Option<Mark>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&i| marks[i].as_ref().map_or(usize::MAX, |m| m.span.start));
    order
}

/// `(line N, column M)` in a message, as [`sfn_dsl::json::parse_document`] writes it (its
/// [`Code::InvalidJson`] and [`Code::DuplicateKey`] findings carry no other position).
fn line_col_in_message(message: &str) -> Option<(usize, usize)> {
    let start = message.rfind("(line ")?;
    let rest = &message[start + "(line ".len()..];
    let (line, rest) = rest.split_once(", column ")?;
    let (column, _) = rest.split_once(')')?;
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// What a finding underlines, and the label under it.
struct Mark {
    span: Range<usize>,
    label: String,
}

/// Works out what to underline for each finding: one scan of the text for all of them.
fn marks(text: &str, lines: &Lines<'_>, diags: &[Diagnostic]) -> Vec<Option<Mark>> {
    let pointers: Vec<&str> = diags.iter().map(|d| d.pointer.as_str()).collect();
    let located = Locator::new(text).locate_all(&pointers);
    diags
        .iter()
        .zip(located)
        .map(|(diag, location)| {
            if matches!(diag.code, Code::InvalidJson | Code::DuplicateKey)
                && let Some((line, column)) = line_col_in_message(&diag.message)
                && let Some(at) = lines.offset_of(line, column)
            {
                // The reader's own findings: the document may not parse (and a key may be
                // repeated more than once), so trust the position the message gives.
                let mut lexer = Lexer {
                    bytes: text.as_bytes(),
                    pos: at,
                };
                let token = lexer.next_token();
                return Some(match token {
                    Some((Token::Str, key))
                        if diag.code == Code::DuplicateKey && key.start == at =>
                    {
                        Mark {
                            span: key,
                            label: diag.pointer.clone(),
                        }
                    }
                    _ => {
                        let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
                        let end = if text[at..end].contains('\n') {
                            at
                        } else {
                            end
                        };
                        Mark {
                            span: at..end,
                            label: String::new(),
                        }
                    }
                });
            }
            let location = location?;
            Some(mark(text, diag, &location))
        })
        .collect()
}

fn mark(text: &str, diag: &Diagnostic, location: &Location) -> Mark {
    let pointer = diag.pointer.as_str();
    if !location.is_exact(pointer) {
        let ancestor = &pointer[..location.matched];
        let missing = pointer[location.matched..]
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or_default()
            .replace("~1", "/")
            .replace("~0", "~");
        let label = if ancestor.is_empty() {
            format!("the document has no `{missing}`")
        } else {
            format!("{ancestor} has no `{missing}`")
        };
        let span = single_line(text, location.value.clone(), location.key.clone());
        return Mark { span, label };
    }
    let value = location.value.clone();
    let span = match (&location.key, diag.offset_in_value) {
        (Some(key), _) if underlines_key(diag.code) => key.clone(),
        (_, Some(offset)) => inside_string(text, value.clone(), offset).unwrap_or(value),
        _ => value,
    };
    Mark {
        span: single_line(text, span, location.key.clone()),
        label: pointer.to_owned(),
    }
}

/// The part of a quoted string from the character at `offset` of its decoded value to its end.
fn inside_string(text: &str, value: Range<usize>, offset: usize) -> Option<Range<usize>> {
    let raw = &text[value.clone()];
    if !raw.starts_with(['"', '\'']) {
        return None;
    }
    let content = key_text(raw);
    let start = value.start + 1 + raw_offset_in_string(content, offset)?;
    let end = value.start + 1 + content.len();
    Some(if start < end {
        start..end
    } else {
        // The end of the string: underline the closing quote (or the end of broken text).
        start..value.end
    })
}

/// A span that covers several lines (an object or array) is replaced by the key in front of it,
/// or else by its first character.
fn single_line(text: &str, span: Range<usize>, key: Option<Range<usize>>) -> Range<usize> {
    if !text[span.clone()].contains('\n') {
        return span;
    }
    match key {
        Some(key) if !text[key.clone()].contains('\n') => key,
        _ => {
            let first = text[span.start..].chars().next().map_or(0, char::len_utf8);
            span.start..span.start + first
        }
    }
}

/// Renders findings of one file like rustc, in the order of their place in the file:
///
/// ```text
/// error[SFN011]: `Next` names a state that does not exist: "Wiat"
///   --> definitions/poller.asl.json:12:15
///    |
/// 12 |       "Next": "Wiat",
///    |               ^^^^^^ /States/Submit/Next
///    |
///    = help: did you mean "Wait"?
/// ```
///
/// The underline is the value, or the key for findings about a field's presence (unknown,
/// mutually exclusive or duplicate fields, `Next`/`End` where they do not belong, fields of the
/// other query language). With [`Diagnostic::offset_in_value`] set on a string value, it starts
/// at that character inside the string. A pointer that names nothing (a missing field) shows its
/// nearest existing ancestor; an object or array spanning several lines shows its key. Findings
/// are separated by a blank line; with `color`, ANSI colors as rustc uses them. The text is
/// scanned once for all findings, and a leading byte order mark is ignored.
///
/// ```
/// use sfn_codegen::report::render_human;
/// use sfn_dsl::{Diagnostic, rules::Code};
///
/// let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Next": "A"}}}"#;
/// let diag = Diagnostic::new(Code::ConflictingTransition, "/States/A/Next", "both `Next` and `End`")
///     .with_help("keep one");
/// let report = render_human("a.json", text, &[diag], false);
/// assert!(report.contains("^^^^^^ /States/A/Next"));
/// assert!(report.ends_with("= help: keep one\n"));
/// ```
pub fn render_human(file_name: &str, text: &str, diags: &[Diagnostic], color: bool) -> String {
    if diags.is_empty() {
        // Nothing to show: do not index the lines of a valid file.
        return String::new();
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = Lines::new(text);
    let marks = marks(text, &lines, diags);
    let mut out = String::new();
    for (i, &k) in document_order(&marks).iter().enumerate() {
        let (diag, mark) = (&diags[k], &marks[k]);
        if i > 0 {
            out.push('\n');
        }
        let renderer = match (color, diag.severity) {
            (false, _) => Renderer::plain(),
            (true, Severity::Error) => Renderer::styled(),
            // The underline is drawn at the error level (see below): color it like the title.
            (true, Severity::Warning) => Renderer::styled().error(WARNING),
        };
        let level = match diag.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        };
        let mut message: Message<'_> = level.title(&diag.message).id(diag.code.as_str());
        let Some(mark) = mark else {
            out.push_str(&renderer.render(message).to_string());
            out.push_str(&unlocated_tail(file_name, diag.help.as_deref(), color));
            continue;
        };
        let index = lines.index_of(mark.span.start);
        let line = lines.line(index);
        // The span is on one line; clamp it to the line in case it ends on the line break.
        let start = mark.span.start.min(line.end);
        let end = mark.span.end.clamp(start, line.end);
        // Tabs and other control characters would shift the underline: show them as spaces
        // (one byte for one byte, so offsets and columns stay the same).
        let source: Cow<'_, str> = match text[line.clone()].contains(|c: char| c.is_ascii_control())
        {
            true => Cow::Owned(
                text[line.clone()]
                    .chars()
                    .map(|c| if c.is_ascii_control() { ' ' } else { c })
                    .collect(),
            ),
            false => Cow::Borrowed(&text[line.clone()]),
        };
        // Underline with `^` for warnings too, as rustc does: the span is always the primary one.
        let mut annotation = Level::Error.span(start - line.start..end - line.start);
        if !mark.label.is_empty() {
            annotation = annotation.label(&mark.label);
        }
        message = message.snippet(
            Snippet::source(&source)
                .line_start(index + 1)
                .origin(file_name)
                .annotation(annotation),
        );
        if let Some(help) = &diag.help {
            message = message.footer(Level::Help.title(help));
        }
        out.push_str(&renderer.render(message).to_string());
        out.push('\n');
    }
    out
}

/// The style of warnings in [`Renderer::styled`].
const WARNING: Style = AnsiColor::Yellow.on_default().effects(Effects::BOLD);
/// The style of the gutter (`-->`, `|`, `=`) in [`Renderer::styled`].
const GUTTER: Style = AnsiColor::BrightBlue.on_default().effects(Effects::BOLD);
/// The style of `help` in [`Renderer::styled`].
const HELP: Style = AnsiColor::BrightCyan.on_default().effects(Effects::BOLD);

/// The lines after the title of a finding that has no place in the text (an empty file):
/// the file name and the help, laid out like `annotate-snippets` lays out the others.
fn unlocated_tail(file_name: &str, help: Option<&str>, color: bool) -> String {
    let paint = |style: Style, s: &str| {
        if color {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_owned()
        }
    };
    let mut out = format!("\n {} {file_name}\n", paint(GUTTER, "-->"));
    if let Some(help) = help {
        out.push_str(&format!("  {}\n", paint(GUTTER, "|")));
        for (i, line) in help.lines().enumerate() {
            if i == 0 {
                out.push_str(&format!(
                    "  {}{}: {line}\n",
                    paint(GUTTER, "= "),
                    paint(HELP, "help")
                ));
            } else {
                out.push_str(&format!("          {line}\n"));
            }
        }
    }
    out
}

/// One JSON object per finding, one per line:
/// `{"file","code","severity","message","pointer","line","column","help"}`.
///
/// `line` and `column` (1-based, the column in characters) are where the underline of
/// [`render_human`] starts, or `null` when the text holds no JSON value; `help` is `null` when
/// there is none.
///
/// ```
/// use sfn_codegen::report::render_json;
/// use sfn_dsl::{Diagnostic, rules::Code};
///
/// let text = "{\n  \"StartAt\": \"B\"\n}";
/// let diag = Diagnostic::new(Code::StartAtMissing, "/StartAt", "no state B");
/// assert_eq!(
///     render_json("m.json", text, &[diag]),
///     "{\"file\":\"m.json\",\"code\":\"SFN010\",\"severity\":\"error\",\"message\":\"no state B\",\
///      \"pointer\":\"/StartAt\",\"line\":2,\"column\":14,\"help\":null}\n"
/// );
/// ```
pub fn render_json(file_name: &str, text: &str, diags: &[Diagnostic]) -> String {
    if diags.is_empty() {
        // Nothing to show: do not index the lines of a valid file.
        return String::new();
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = Lines::new(text);
    let marks = marks(text, &lines, diags);
    let mut out = String::new();
    for k in document_order(&marks) {
        let (diag, mark) = (&diags[k], &marks[k]);
        let (line, column) = match mark {
            Some(mark) => {
                let (line, column) = lines.line_col(mark.span.start);
                (Some(line), Some(column))
            }
            None => (None, None),
        };
        let record = serde_json::json!({
            "file": file_name,
            "code": diag.code.as_str(),
            "severity": diag.severity.to_string(),
            "message": diag.message,
            "pointer": diag.pointer,
            "line": line,
            "column": column,
            "help": diag.help,
        });
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locate(text: &str, pointer: &str) -> Option<(Option<String>, String, bool)> {
        let location = Locator::new(text).locate(pointer)?;
        Some((
            location.key.clone().map(|k| text[k].to_owned()),
            text[location.value.clone()].to_owned(),
            location.is_exact(pointer),
        ))
    }

    fn exact(text: &str, pointer: &str) -> (Option<String>, String) {
        let (key, value, exact) = locate(text, pointer).expect("located");
        assert!(exact, "{pointer} was not found exactly");
        (key, value)
    }

    #[test]
    fn tokens_of_pointers() {
        let all = |p| tokens(p).collect::<Vec<_>>();
        assert_eq!(all(""), []);
        assert_eq!(all("/a/b~1c/0"), [("a", 2), ("b~1c", 7), ("0", 9)]);
        assert_eq!(all("/"), [("", 1)]);
        assert_eq!(all("//"), [("", 1), ("", 2)]);
        assert_eq!(all("States/A"), []);
    }

    #[test]
    fn locates_members_and_elements() {
        let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": [1, [2, {"x": null}], 3.5e2], "End": true}}}"#;
        assert_eq!(exact(text, ""), (None, text.to_owned()));
        assert_eq!(
            exact(text, "/StartAt"),
            (Some("\"StartAt\"".into()), "\"A\"".into())
        );
        assert_eq!(
            exact(text, "/States/A/Result"),
            (
                Some("\"Result\"".into()),
                "[1, [2, {\"x\": null}], 3.5e2]".into()
            )
        );
        assert_eq!(exact(text, "/States/A/Result/0"), (None, "1".into()));
        assert_eq!(exact(text, "/States/A/Result/2"), (None, "3.5e2".into()));
        assert_eq!(
            exact(text, "/States/A/Result/1/1/x"),
            (Some("\"x\"".into()), "null".into())
        );
        assert_eq!(
            exact(text, "/States/A/End"),
            (Some("\"End\"".into()), "true".into())
        );
    }

    #[test]
    fn keys_with_escapes_and_pointer_escapes() {
        let text = r#"{"a/b": 1, "m~n": 2, "q\"uote": 3, "\u0041\u00e9": 4, "\ud83d\ude00": 5, "t\\": {"\/": 6}}"#;
        assert_eq!(exact(text, "/a~1b").1, "1");
        assert_eq!(exact(text, "/m~0n").1, "2");
        assert_eq!(
            exact(text, "/q\"uote"),
            (Some(r#""q\"uote""#.into()), "3".into())
        );
        assert_eq!(exact(text, "/Aé").1, "4");
        assert_eq!(exact(text, "/😀").1, "5");
        assert_eq!(exact(text, "/t\\/~1").1, "6");
        // Not unescaped → not equal.
        assert!(!locate(text, "/a/b").unwrap().2);
    }

    #[test]
    fn missing_pointers_fall_back_to_the_nearest_ancestor() {
        let text = r#"{"States": {"A": {"Type": "Task"}, "L": [10, 20]}}"#;
        let location = Locator::new(text).locate("/States/A/Resource").unwrap();
        assert_eq!(&text[location.value.clone()], r#"{"Type": "Task"}"#);
        assert_eq!(&text[location.key.clone().unwrap()], "\"A\"");
        assert_eq!(location.matched, "/States/A".len());
        // Deeper misses drop several tokens.
        let (_, value, exact) = locate(text, "/States/B/Next/x").unwrap();
        assert_eq!((value.as_str(), exact), (&text[11..text.len() - 1], false));
        // Array index out of range, non-numeric index, leading zero.
        for p in ["/States/L/2", "/States/L/x", "/States/L/01", "/States/L/-"] {
            assert_eq!(locate(text, p).unwrap().1, "[10, 20]", "{p}");
        }
        // Scalars have no children.
        assert_eq!(locate(text, "/States/L/1/x").unwrap().1, "20");
        // A malformed pointer falls back to the root.
        assert_eq!(locate(text, "States").unwrap().1, text);
    }

    #[test]
    fn locate_all_answers_in_order() {
        let text = "[{\"a\": 1}, {\"a\": 2}]";
        let found = Locator::new(text).locate_all(&["/1/a", "/0/a", "/0", "/1/a"]);
        let values: Vec<_> = found
            .iter()
            .map(|l| &text[l.as_ref().unwrap().value.clone()])
            .collect();
        assert_eq!(values, ["2", "1", "{\"a\": 1}", "2"]);
        assert!(Locator::new(text).locate_all(&[]).is_empty());
    }

    #[test]
    fn duplicate_keys_locate_the_last_occurrence() {
        let text = r#"{"A": {"Next": "x", "Next": "y"}}"#;
        assert_eq!(exact(text, "/A/Next").1, "\"y\"");
    }

    #[test]
    fn json5_comments_and_trailing_commas() {
        let text = "// head\n{\n  /* c */ \"a\": [1, 2, /* ] */ 3,], // x\n  b: {'c': 'd', },\n}\n";
        assert_eq!(exact(text, "/a/2").1, "3");
        assert_eq!(exact(text, "/a").1, "[1, 2, /* ] */ 3,]");
        assert_eq!(exact(text, "/b/c"), (Some("'c'".into()), "'d'".into()));
        assert_eq!(exact(text, "/b").0, Some("b".into()));
        assert!(exact(text, "").1.starts_with('{'));
    }

    #[test]
    fn deep_nesting_is_fine() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let pointer = "/0".repeat(99_999);
        let (_, value, exact) = locate(&deep, &pointer).unwrap();
        assert!(exact);
        assert_eq!(value, "[]");
        let objects = "{\"a\":".repeat(100_000) + "1" + &"}".repeat(100_000);
        assert_eq!(locate(&objects, &"/a".repeat(100_000)).unwrap().1, "1");
        // Unclosed.
        assert!(locate(&"[".repeat(100_000), "/0/0").unwrap().2);
    }

    #[test]
    fn never_panics_on_broken_input() {
        let samples = [
            "",
            " ",
            "{",
            "}",
            "]",
            "[",
            "\"",
            "'",
            "\\",
            "/",
            "/*",
            "//",
            "{\"a\"",
            "{\"a\":",
            "{\"a\\",
            "{\"\\u",
            "{\"\\ud800\\u",
            "{:}",
            "{,}",
            "[,,]",
            "{\"a\" \"b\"}",
            "{\"a\": 1 \"b\": 2}",
            "{[}]",
            "[{]}",
            "{\"a\": {]}",
            "1 2",
            "\u{feff}{\"é\":\"ü\\",
            "{\"\\é\": 1}",
            "{'a\\'b': 1}",
            "{\"a\": \"\\",
            "[1,]]]]",
            "}}}{{{",
            "{\"a\":1}}}",
            "{\"x\": 1, \"x\": [",
            "\u{feff}",
            "{\"a\"\n:\n1}",
            "ü",
            "{ü: 1}",
        ];
        let pointers = [
            "", "/a", "/a/0", "/b", "/x", "/0", "/é", "/a'b", "/\\é", "/ü",
        ];
        for sample in samples {
            let found = Locator::new(sample).locate_all(&pointers);
            for location in found.into_iter().flatten() {
                assert!(sample.get(location.value.clone()).is_some(), "{sample:?}");
                if let Some(key) = location.key {
                    assert!(sample.get(key).is_some(), "{sample:?}");
                }
            }
        }
        assert!(Locator::new("").locate("").is_none());
        assert!(Locator::new(" // nothing").locate("/a").is_none());
    }

    #[test]
    fn never_panics_on_generated_input() {
        // Every string of up to 4 tokens from a small alphabet, and pseudo-random longer ones.
        let alphabet = [
            "{",
            "}",
            "[",
            "]",
            ":",
            ",",
            "\"a\"",
            "\"",
            "'",
            "1",
            "\\",
            "/",
            "*",
            "\n",
            "é",
            "\\u00",
            "\"\\u0041\"",
        ];
        let pointers = ["", "/a", "/0", "/0/a", "/a/0", "/A"];
        let diags: Vec<Diagnostic> = pointers
            .iter()
            .map(|p| Diagnostic::new(Code::UnknownField, *p, "x").at_offset(1))
            .collect();
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..20_000 {
            let len = if round < 5_000 {
                1 + round % 4
            } else {
                5 + round % 40
            };
            let text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let found = Locator::new(&text).locate_all(&pointers);
            for location in found.into_iter().flatten() {
                assert!(text.get(location.value.clone()).is_some(), "{text:?}");
            }
            if round % 10 == 0 {
                render_human("f", &text, &diags, round % 20 == 0);
                render_json("f", &text, &diags);
            }
        }
    }

    #[test]
    fn raw_offsets_inside_strings() {
        assert_eq!(raw_offset_in_string("abc", 0), Some(0));
        assert_eq!(raw_offset_in_string("abc", 2), Some(2));
        assert_eq!(raw_offset_in_string("abc", 3), Some(3));
        assert_eq!(raw_offset_in_string("abc", 4), None);
        assert_eq!(raw_offset_in_string(r#"a\"b"#, 2), Some(3));
        assert_eq!(raw_offset_in_string(r"\u00e9x", 2), Some(6));
        assert_eq!(raw_offset_in_string("éx", 1), Some(2));
    }

    const POLLER: &str = r#"{
  "Comment": "poll a job",
  "StartAt": "Submit",
  "States": {
    "Submit": {
      "Type": "Task",
      "Resource": "arn:aws:states:::batch:submitJob",
      "Parameters": {
        "JobName.$": "$.name",
        "JobQueue": "States.Format('{}', $.queue)"
      },
      "Next": "Wiat",
      "End": false
    },
    "Wait": {
      "Type": "Wait",
      "Seconds": 30,
      "End": true
    }
  }
}
"#;

    #[test]
    fn renders_the_rustc_example() {
        let diag = Diagnostic::new(
            Code::UnknownTarget,
            "/States/Submit/Next",
            "`Next` names a state that does not exist: \"Wiat\"",
        )
        .with_help("did you mean \"Wait\"?");
        assert_eq!(
            render_human("definitions/poller.asl.json", POLLER, &[diag], false),
            r#"error[SFN011]: `Next` names a state that does not exist: "Wiat"
  --> definitions/poller.asl.json:12:15
   |
12 |       "Next": "Wiat",
   |               ^^^^^^ /States/Submit/Next
   |
   = help: did you mean "Wait"?
"#
        );
    }

    #[test]
    fn renders_keys_offsets_ancestors_and_warnings() {
        let diags = [
            Diagnostic::new(
                Code::ConflictingTransition,
                "/States/Submit/End",
                "a state with `Next` cannot have `End`",
            ),
            Diagnostic::new(
                Code::InvalidIntrinsic,
                "/States/Submit/Parameters/JobQueue",
                "`States.Format` expects a string",
            )
            .at_offset(14),
            Diagnostic::new(
                Code::MissingField,
                "/States/Wait/Comment",
                "missing field `Comment`",
            ),
            Diagnostic::new(
                Code::LiteralLooksLikePath,
                "/States/Wait/Seconds",
                "a warning",
            ),
            Diagnostic::new(Code::NoTerminal, "", "at the root"),
        ];
        let expected = r#"error[SFN013]: at the root
 --> poller.json:1:1
  |
1 | {
  | ^
  |

error[SFN028]: `States.Format` expects a string
  --> poller.json:10:36
   |
10 |         "JobQueue": "States.Format('{}', $.queue)"
   |                                    ^^^^^^^^^^^^^^ /States/Submit/Parameters/JobQueue
   |

error[SFN017]: a state with `Next` cannot have `End`
  --> poller.json:13:7
   |
13 |       "End": false
   |       ^^^^^ /States/Submit/End
   |

error[SFN004]: missing field `Comment`
  --> poller.json:15:5
   |
15 |     "Wait": {
   |     ^^^^^^ /States/Wait has no `Comment`
   |

warning[SFN034]: a warning
  --> poller.json:17:18
   |
17 |       "Seconds": 30,
   |                  ^^ /States/Wait/Seconds
   |
"#;
        assert_eq!(render_human("poller.json", POLLER, &diags, false), expected);
    }

    #[test]
    fn renders_invalid_json_at_its_line_and_column() {
        let text = "{\n  \"a\": 1 2\n}";
        let bytes = text.as_bytes();
        let diag = sfn_dsl::json::parse_document(bytes, &Default::default()).unwrap_err();
        assert_eq!(
            render_human("bad.json", text, std::slice::from_ref(&diag), false),
            "error[SFN001]: not valid JSON: expected `,` or `}` (line 2, column 10)
 --> bad.json:2:10
  |
2 |   \"a\": 1 2
  |          ^
  |
  = help: fix the JSON syntax at this place; definitions are plain JSON, without comments or \
trailing commas
"
        );
        assert_eq!(
            render_json("bad.json", text, &[diag]),
            "{\"file\":\"bad.json\",\"code\":\"SFN001\",\"severity\":\"error\",\"message\":\"not \
             valid JSON: expected `,` or `}` (line 2, column 10)\",\"pointer\":\"\",\"line\":2,\
             \"column\":10,\"help\":\"fix the JSON syntax at this place; definitions are plain \
             JSON, without comments or trailing commas\"}\n"
        );

        let empty = sfn_dsl::json::parse_document(b"", &Default::default()).unwrap_err();
        let report = render_human("empty.json", "", std::slice::from_ref(&empty), false);
        assert!(
            report.starts_with("error[SFN001]: the file is empty\n"),
            "{report}"
        );
        assert!(report.contains("empty.json"), "{report}");
        assert_eq!(
            render_json("empty.json", "", &[empty]),
            "{\"file\":\"empty.json\",\"code\":\"SFN001\",\"severity\":\"error\",\"message\":\"the \
             file is empty\",\"pointer\":\"\",\"line\":null,\"column\":null,\"help\":\"a state \
             machine definition is one JSON object, e.g. {\\\"StartAt\\\": \\\"First\\\", \
             \\\"States\\\": {…}}\"}\n"
        );
    }

    #[test]
    fn renders_duplicate_keys_at_the_second_occurrence() {
        let text = "{\n  \"A\": 1,\n  \"A\": 2,\n  \"A\": 3\n}";
        let diag = sfn_dsl::json::parse_document(text.as_bytes(), &Default::default()).unwrap_err();
        assert_eq!(
            render_human("d.json", text, std::slice::from_ref(&diag), false),
            r#"error[SFN002]: duplicate key "A" in the top-level object (line 3, column 3); the first one is ignored by most parsers but AWS rejects the definition
 --> d.json:3:3
  |
3 |   "A": 2,
  |   ^^^ /A
  |
  = help: remove one of the two "A" keys
"#
        );
        assert!(
            render_json("d.json", text, &[diag]).contains(r#""pointer":"/A","line":3,"column":3,"#)
        );
    }

    #[test]
    fn renders_json_lines() {
        let diags = [
            Diagnostic::new(
                Code::UnknownTarget,
                "/States/Submit/Next",
                "unknown \"Wiat\"",
            )
            .with_help("did you mean \"Wait\"?"),
            Diagnostic::new(Code::LiteralLooksLikePath, "/Nope/x", "w"),
        ];
        let text = format!("\u{feff}{POLLER}");
        assert_eq!(
            render_json("p.json", &text, &diags),
            r#"{"file":"p.json","code":"SFN034","severity":"warning","message":"w","pointer":"/Nope/x","line":1,"column":1,"help":null}
{"file":"p.json","code":"SFN011","severity":"error","message":"unknown \"Wiat\"","pointer":"/States/Submit/Next","line":12,"column":15,"help":"did you mean \"Wait\"?"}
"#
        );
        assert_eq!(render_json("p.json", POLLER, &[]), "");
    }

    #[test]
    fn renders_unlocated_findings_and_tabs() {
        let empty = sfn_dsl::json::parse_document(b" \n", &Default::default()).unwrap_err();
        assert_eq!(
            render_human("empty.json", " \n", &[empty.clone(), empty], false),
            "error[SFN001]: the file is empty
 --> empty.json
  |
  = help: a state machine definition is one JSON object, e.g. {\"StartAt\": \"First\", \
             \"States\": {…}}

error[SFN001]: the file is empty
 --> empty.json
  |
  = help: a state machine definition is one JSON object, e.g. {\"StartAt\": \"First\", \
             \"States\": {…}}
"
        );
        let diag = Diagnostic::new(Code::UnknownField, "/a/b", "unknown field `b`")
            .with_help("two\nlines");
        assert_eq!(
            render_human(
                "t.json",
                "{\r\n\t\"a\":\t{\r\n\t\t\"b\" :\t1}}",
                std::slice::from_ref(&diag),
                false
            ),
            "error[SFN003]: unknown field `b`
 --> t.json:3:3
  |
3 |   \"b\" : 1}}
  |   ^^^ /a/b
  |
  = help: two
          lines
"
        );
        assert_eq!(
            unlocated_tail("f.json", Some("two\nlines"), false),
            "\n --> f.json\n  |\n  = help: two\n          lines\n"
        );
        assert_eq!(unlocated_tail("f.json", None, false), "\n --> f.json\n");
        // Very long lines are cut around the underline; the column is still the real one.
        let long = format!("{{\"a\": {{{}\"b\": 1}}}}", "\"x\": 1, ".repeat(100));
        let report = render_human("l.json", &long, &[diag], false);
        assert!(report.contains(" --> l.json:1:808\n"), "{report}");
        assert!(report.contains("1 | ...: 1, \"x\": 1, "), "{report}");
    }

    #[test]
    fn color_output_has_ansi_codes() {
        let diag = Diagnostic::new(Code::UnknownTarget, "/StartAt", "x");
        let colored = render_human("c.json", POLLER, std::slice::from_ref(&diag), true);
        assert!(colored.contains('\u{1b}'));
        let plain = render_human("c.json", POLLER, &[diag], false);
        assert!(!plain.contains('\u{1b}'));
    }
}
