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
#[derive(Clone)]
pub struct Path {
    text: Box<str>,
    root: Root,
    /// True when every segment is a field or a single index (a Reference Path).
    reference: bool,
    /// Filled when the path is made by the full parser or by [`Path::field`] /
    /// [`Path::index`]; otherwise on the first call of [`Path::segments`].
    segments: OnceLock<Box<[Segment]>>,
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
            .field("root", &self.root)
            .field("segments", &self.segments())
            .finish()
    }
}

impl Path {
    /// Parses any path AWS accepts: fields, indexes, wildcards, slices, unions, filters,
    /// recursive descent and a trailing function call.
    pub fn parse(s: &str) -> Result<Path, PathError> {
        if let Some(plain) = scan_plain(s) {
            return Ok(plain);
        }
        let (root, segments, non_reference) = Parser::new(s).parse()?;
        Ok(Path::parsed(s, root, segments, non_reference.is_none()))
    }

    /// A path from the full parser's result.
    fn parsed(s: &str, root: Root, segments: Vec<Segment>, reference: bool) -> Path {
        Path {
            text: s.into(),
            root,
            reference,
            segments: OnceLock::from(segments.into_boxed_slice()),
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
        if let Some(plain) = scan_plain(s).filter(|p| p.reference) {
            return Ok(plain);
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
        Ok(Path::parsed(s, root, segments, true))
    }

    /// The exact text of the path.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// What the path starts from.
    pub fn root(&self) -> &Root {
        &self.root
    }

    /// The steps after the root.
    pub fn segments(&self) -> &[Segment] {
        self.segments.get_or_init(|| {
            // Only texts that `scan_plain` accepted are parsed here, and the full parser
            // accepts all of them (property-tested against it).
            Parser::new(&self.text)
                .parse()
                .map(|(_, segments, _)| segments.into_boxed_slice())
                .unwrap_or_default()
        })
    }

    /// True when the segments are made (not still to parse from the text).
    #[cfg(test)]
    pub(crate) fn segments_made(&self) -> bool {
        self.segments.get().is_some()
    }

    /// True when every segment is a field or a single index (a Reference Path).
    pub fn is_reference(&self) -> bool {
        self.reference
    }

    /// True when the path reads the context object (`$$…`).
    pub fn is_context(&self) -> bool {
        self.root == Root::Context
    }

    /// The variable name when the path starts with `$name`.
    pub fn variable(&self) -> Option<&str> {
        match &self.root {
            Root::Variable(name) => Some(name),
            _ => None,
        }
    }

    /// The path `$` (the whole input).
    pub fn input() -> Path {
        Path {
            text: "$".into(),
            root: Root::Input,
            reference: true,
            segments: OnceLock::from(Box::default()),
        }
    }

    /// The path `$$` (the whole context object).
    pub fn context() -> Path {
        Path {
            text: "$$".into(),
            root: Root::Context,
            reference: true,
            segments: OnceLock::from(Box::default()),
        }
    }

    /// The path `$name` of a variable; `name` is checked with
    /// [`validate_variable_name`](super::validate_variable_name) (offsets count from the name).
    pub fn variable_root(name: &str) -> Result<Path, PathError> {
        validate_variable_name(name)?;
        Ok(Path {
            text: format!("${name}").into(),
            root: Root::Variable(name.to_string()),
            reference: true,
            segments: OnceLock::from(Box::default()),
        })
    }

    /// Appends a member: `.name` when `name` is a plain identifier (a letter or `_`, then
    /// letters, digits or `_`), otherwise `['name']` with `'` and `\` escaped by a backslash.
    ///
    /// Appending to a path that ends in a function call gives text AWS rejects.
    pub fn field(mut self, name: &str) -> Path {
        let mut chars = name.chars();
        let plain = chars.next().is_some_and(is_var_start) && chars.all(is_var_continue);
        let (mut text, mut segments) = self.take_parts();
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
        segments.push(Segment::Field(name.to_string()));
        self.set_parts(text, segments)
    }

    /// Appends an array index `[i]` (negative counts from the end).
    pub fn index(mut self, i: i64) -> Path {
        let (mut text, mut segments) = self.take_parts();
        text.push_str(&format!("[{i}]"));
        segments.push(Segment::Index(i));
        self.set_parts(text, segments)
    }

    /// The text and the segments (parsed first if they are still to parse), to extend.
    fn take_parts(&mut self) -> (String, Vec<Segment>) {
        self.segments();
        let segments = self.segments.take().map(Vec::from).unwrap_or_default();
        (String::from(std::mem::take(&mut self.text)), segments)
    }

    /// The path with its text and segments extended by one field or index (which keeps a
    /// reference path a reference path).
    fn set_parts(mut self, text: String, segments: Vec<Segment>) -> Path {
        self.text = text.into_boxed_str();
        self.segments = OnceLock::from(segments.into_boxed_slice());
        self
    }
}

/// The path `s` when it is `$` or `$$` followed only by plain steps — `.name` (ASCII, not a
/// function call), `['name']` or `["name"]` (no escape), `[digits]`, `.*` and `[*]` — with
/// its segments left to parse; `None` for anything else, which the full parser reads (and
/// reports errors for). Scans the text once and allocates only its copy.
pub(super) fn scan_plain(s: &str) -> Option<Path> {
    let bytes = s.as_bytes();
    let (root, mut i) = match bytes {
        [b'$', b'$', ..] => (Root::Context, 2),
        [b'$', ..] => (Root::Input, 1),
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
    Some(Path {
        text: s.into(),
        root,
        reference,
        segments: OnceLock::new(),
    })
}
