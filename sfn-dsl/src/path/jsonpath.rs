//! JSONPath as AWS Step Functions evaluates it (Jayway JsonPath syntax).

use super::jsonpath_parser::{Parser, ends_dot_name_ascii};
use super::{PathError, is_var_continue, is_var_start, validate_variable_name};
use std::fmt;
use std::sync::OnceLock;

/// What a path starts from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Root {
    /// `$`: the state's input (or, inside `ResultSelector`, the task result).
    Input,
    /// `$$`: the context object (`$$.Execution.Id`, `$$.Task.Token`, `$$.Map.Item.Value`).
    Context,
    /// `$name`: a variable set by `Assign` (JSONPath mode); holds the name without `$`.
    Variable(String),
}

/// One step of a [`Path`] after its root.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    /// A member by name: `.name`, `['name']` or `["name"]` (holds the unescaped name).
    Field(String),
    /// An array element: `[3]`, or from the end `[-1]`.
    Index(i64),
    /// Every member or element: `.*` or `[*]`.
    Wildcard,
    /// `..` followed by a segment: `..name`, `..*`, `..[0]`, `..['x']`.
    RecursiveDescent(Box<Segment>),
    /// An array slice `[start:end:step]`, each part optional: `[1:3]`, `[:2]`, `[-1:]`.
    Slice {
        /// First index (inclusive); from the start when absent.
        start: Option<i64>,
        /// Last index (exclusive); to the end when absent.
        end: Option<i64>,
        /// Step; 1 when absent.
        step: Option<i64>,
    },
    /// Several indexes or names at once: `[0,1]`, `['a','b']` (holds `Index` or `Field` items).
    Union(Vec<Segment>),
    /// A filter `[?(…)]`; holds the text between `[?(` and `)]`, e.g. `@.v > 1`.
    Filter(String),
    /// A trailing function call; holds the call without the leading dot, e.g. `length()`.
    Function(String),
}

impl Segment {
    /// How error messages name this kind of segment.
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Segment::Field(_) => "a field",
            Segment::Index(_) => "an index",
            Segment::Wildcard => "a wildcard `*`",
            Segment::RecursiveDescent(_) => "recursive descent `..`",
            Segment::Slice { .. } => "a slice `[start:end]`",
            Segment::Union(_) => "a union `[a,b]`",
            Segment::Filter(_) => "a filter `[?(…)]`",
            Segment::Function(_) => "a function call",
        }
    }
}

/// A JSONPath as ASL uses it (`InputPath`, `OutputPath`, `ItemsPath`, `Variable`, `"Key.$"`).
///
/// Keeps the exact text it was parsed from, so [`Path::as_str`] gives back the input unchanged.
///
/// ```
/// use sfn::path::{Path, Root, Segment};
///
/// let p = Path::parse("$.orders[?(@.total > 100)].id").unwrap();
/// assert_eq!(p.root(), &Root::Input);
/// assert_eq!(p.segments()[1], Segment::Filter("@.total > 100".into()));
/// assert!(!p.is_reference());
///
/// let v = Path::variable_root("order").unwrap().field("line items").index(-1);
/// assert_eq!(v.as_str(), "$order['line items'][-1]");
/// assert_eq!(v.variable(), Some("order"));
/// ```
///
/// A path of plain steps (`.name`, `['name']`, `[0]`, `.*`, `[*]` after `$` or `$$`, which is
/// nearly every path in real definitions) is only scanned when it is made; its
/// [`segments`](Path::segments) are parsed from the text the first time they are asked for.
/// Until then its root and reference-ness are read from the text (a path is 32 bytes: the
/// model holds many, and many more empty `Option`s of them).
#[derive(Clone)]
pub struct Path {
    text: Box<str>,
    /// Filled when the path is made by the full parser or by [`Path::field`] /
    /// [`Path::index`] (always for a variable path); otherwise on the first call of
    /// [`Path::segments`].
    parts: OnceLock<Box<Parts>>,
}

/// The root and the segments of a [`Path`].
#[derive(Clone)]
struct Parts {
    root: Root,
    segments: Box<[Segment]>,
}

impl PartialEq for Path {
    /// Paths are equal when their texts are: the text determines the root and the segments.
    fn eq(&self, other: &Path) -> bool {
        self.text == other.text
    }
}

impl fmt::Debug for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Path")
            .field("text", &self.text)
            .field("root", self.root())
            .field("segments", &self.segments())
            .finish()
    }
}

impl Path {
    /// Parses any path AWS accepts: fields, indexes, wildcards, slices, unions, filters,
    /// recursive descent and a trailing function call.
    pub fn parse(s: &str) -> Result<Path, PathError> {
        if plain_reference(s).is_some() {
            return Ok(Path::unparsed(s));
        }
        let (root, segments, _) = Parser::new(s).parse()?;
        Ok(Path::made(s.into(), root, segments))
    }

    /// A path with its root and segments.
    fn made(text: Box<str>, root: Root, segments: Vec<Segment>) -> Path {
        let segments = segments.into_boxed_slice();
        Path {
            text,
            parts: OnceLock::from(Box::new(Parts { root, segments })),
        }
    }

    /// A path whose segments are parsed when first asked for: `s` is `$` or `$$` followed by
    /// plain steps ([`plain_reference`] accepts it).
    fn unparsed(s: &str) -> Path {
        Path {
            text: s.into(),
            parts: OnceLock::new(),
        }
    }

    /// Parses a Reference Path (ASL spec): a path that identifies a single node, so only field
    /// names and single indexes may follow the root. The error names the construct that is not
    /// allowed and points at it.
    ///
    /// ```
    /// use sfn::path::Path;
    ///
    /// assert!(Path::parse_reference("$.result['x'][0]").is_ok());
    /// let err = Path::parse_reference("$.items[*].id").unwrap_err();
    /// assert_eq!(err.offset, 7);
    /// assert!(err.message.contains("wildcard"));
    /// ```
    pub fn parse_reference(s: &str) -> Result<Path, PathError> {
        if plain_reference(s) == Some(true) {
            return Ok(Path::unparsed(s));
        }
        let (root, segments, non_reference) = Parser::new(s).parse()?;
        if let Some((offset, index)) = non_reference {
            return Err(PathError::new(
                offset,
                format!(
                    "{} is not allowed in a reference path",
                    segments[index].describe()
                ),
                "a field name or a single index",
            ));
        }
        Ok(Path::made(s.into(), root, segments))
    }

    /// The exact text of the path.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// What the path starts from.
    pub fn root(&self) -> &Root {
        // An unparsed path starts with `$` or `$$`, not with a variable.
        match self.parts.get() {
            Some(parts) => &parts.root,
            None if self.text.starts_with("$$") => &Root::Context,
            None => &Root::Input,
        }
    }

    /// The steps after the root.
    pub fn segments(&self) -> &[Segment] {
        &self.parts.get_or_init(|| parse_parts(&self.text)).segments
    }

    /// True when the segments are made (not still to parse from the text).
    #[cfg(test)]
    pub(crate) fn segments_made(&self) -> bool {
        self.parts.get().is_some()
    }

    /// True when every segment is a field or a single index (a Reference Path).
    pub fn is_reference(&self) -> bool {
        match self.parts.get() {
            Some(parts) => {
                (parts.segments.iter()).all(|s| matches!(s, Segment::Field(_) | Segment::Index(_)))
            }
            None => plain_reference(&self.text) == Some(true),
        }
    }

    /// True when the path reads the context object (`$$…`).
    pub fn is_context(&self) -> bool {
        *self.root() == Root::Context
    }

    /// The variable name when the path starts with `$name`.
    pub fn variable(&self) -> Option<&str> {
        match self.root() {
            Root::Variable(name) => Some(name),
            _ => None,
        }
    }

    /// The path `$` (the whole input).
    pub fn input() -> Path {
        Path::unparsed("$")
    }

    /// The path `$$` (the whole context object).
    pub fn context() -> Path {
        Path::unparsed("$$")
    }

    /// The path `$name` of a variable; `name` is checked with
    /// [`validate_variable_name`](super::validate_variable_name) (offsets count from the name).
    pub fn variable_root(name: &str) -> Result<Path, PathError> {
        validate_variable_name(name)?;
        let root = Root::Variable(name.to_string());
        Ok(Path::made(format!("${name}").into(), root, Vec::new()))
    }

    /// Appends a member: `.name` when `name` is a plain identifier (a letter or `_`, then
    /// letters, digits or `_`), otherwise `['name']` with `'` and `\` escaped by a backslash.
    ///
    /// Appending to a path that ends in a function call gives text AWS rejects.
    pub fn field(self, name: &str) -> Path {
        let mut chars = name.chars();
        let plain = chars.next().is_some_and(is_var_start) && chars.all(is_var_continue);
        let mut text = String::new();
        if plain {
            text.push('.');
            text.push_str(name);
        } else {
            text.push_str("['");
            for c in name.chars() {
                if c == '\'' || c == '\\' {
                    text.push('\\');
                }
                text.push(c);
            }
            text.push_str("']");
        }
        self.extended(&text, Segment::Field(name.to_string()))
    }

    /// Appends an array index `[i]` (negative counts from the end).
    pub fn index(self, i: i64) -> Path {
        self.extended(&format!("[{i}]"), Segment::Index(i))
    }

    /// The path extended by `step`, the text of `segment` (which keeps a reference path a
    /// reference path); its segments are parsed first if they are still to parse.
    fn extended(mut self, step: &str, segment: Segment) -> Path {
        let mut parts = self.parts.take().unwrap_or_else(|| parse_parts(&self.text));
        let mut segments = Vec::from(std::mem::take(&mut parts.segments));
        segments.push(segment);
        parts.segments = segments.into_boxed_slice();
        Path {
            text: [&*self.text, step].concat().into(),
            parts: OnceLock::from(parts),
        }
    }
}

/// The root and the segments of `text`, which [`plain_reference`] accepted (the full parser
/// accepts all of those: property-tested against it).
fn parse_parts(text: &str) -> Box<Parts> {
    let (root, segments) = match Parser::new(text).parse() {
        Ok((root, segments, _)) => (root, segments.into_boxed_slice()),
        Err(_) => (Root::Input, Box::default()),
    };
    Box::new(Parts { root, segments })
}

/// Whether `s` is a reference path, when it is `$` or `$$` followed only by plain steps —
/// `.name` (ASCII, not a function call), `['name']` or `["name"]` (no escape), `[digits]`,
/// `.*` and `[*]`; `None` for anything else, which the full parser reads (and reports errors
/// for). Scans the text once and allocates nothing.
pub(super) fn plain_reference(s: &str) -> Option<bool> {
    let bytes = s.as_bytes();
    let mut i = match bytes {
        [b'$', b'$', ..] => 2,
        [b'$', ..] => 1,
        _ => return None,
    };
    let mut reference = true;
    while let Some(&b) = bytes.get(i) {
        match (b, bytes.get(i + 1).copied()) {
            (b'.', Some(b'*')) => {
                reference = false;
                i += 2;
            }
            (b'[', Some(b'*')) if bytes.get(i + 2) == Some(&b']') => {
                reference = false;
                i += 3;
            }
            (b'.', Some(_)) => {
                let len = bytes[i + 1..]
                    .iter()
                    .take_while(|&&c| c.is_ascii() && !ends_dot_name_ascii(c))
                    .count();
                // `..` and `.[` are the full parser's; so are names that go on with a
                // non-ASCII character and function calls, as the next step cannot start
                // with either.
                if len == 0 {
                    return None;
                }
                i += 1 + len;
            }
            (b'[', Some(q @ (b'\'' | b'"'))) => {
                let len = bytes[i + 2..].iter().position(|&c| c == q || c == b'\\')?;
                if bytes.get(i + 2 + len) != Some(&q) || bytes.get(i + 3 + len) != Some(&b']') {
                    return None;
                }
                i += len + 4;
            }
            (b'[', Some(b'0'..=b'9')) => {
                let len = bytes[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                // 18 digits always fit in an `i64`.
                if len > 18 || bytes.get(i + 1 + len) != Some(&b']') {
                    return None;
                }
                i += len + 2;
            }
            _ => return None,
        }
    }
    Some(reference)
}
