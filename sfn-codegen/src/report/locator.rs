//! [`Locator`]: where a JSON pointer is in a JSON text, as byte ranges of the member's key and
//! value, found for any number of pointers with one lenient scan of the text. The renderers of
//! the parent module turn those byte offsets into lines and columns.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use sfn_dsl::diagnostic::escape_pointer_token;

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
/// and the one [`Code::DuplicateKey`](sfn_dsl::rules::Code::DuplicateKey) reports).
///
/// ```
/// use sfn::report::Locator;
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
pub(super) enum Token {
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
pub(super) struct Lexer<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) pos: usize,
}

impl Lexer<'_> {
    /// The next token and its byte range. Every range starts and ends on a character boundary.
    pub(super) fn next_token(&mut self) -> Option<(Token, Range<usize>)> {
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
pub(super) fn key_text(raw: &str) -> &str {
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
pub(super) fn raw_offset_in_string(content: &str, decoded_offset: usize) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{render_human, render_json};
    use sfn_dsl::Diagnostic;
    use sfn_dsl::rules::Code;

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
}
