//! Findings of the importer and the validator: a stable rule code, a message, the JSON pointer
//! of the offending field and a help line.
//!
//! Every check in sfn reports through [`Diagnostic`]; the `build()` of the builder, the
//! `workflow!` macro and the `sfn validate` command all show the same codes.

use std::fmt;
use std::ops::Range;

use crate::model::StateMachine;

pub use crate::rules::Code;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// AWS would reject the definition, or it cannot be represented.
    Error,
    /// AWS accepts the definition but it almost certainly does not do what was meant.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One finding: what is wrong, where (a JSON pointer into the definition) and how to fix it.
///
/// `Debug` prints the same text as `Display` (`{:#?}` prints the fields), so that `.unwrap()`
/// and `.expect()` on a result holding findings show the rule code and the message:
///
/// ```
/// use sfn::{Diagnostic, Code};
///
/// let d = Diagnostic::new(Code::UnknownTarget, "/States/A/Next", "`Next` names \"B\", which is not a state")
///     .with_help("did you mean \"C\"?");
/// let text = "error[SFN011]: `Next` names \"B\", which is not a state\n  at /States/A/Next\n  help: did you mean \"C\"?";
/// assert_eq!(format!("{d}"), text);
/// assert_eq!(format!("{d:?}"), text);
/// assert!(format!("{d:#?}").starts_with("Diagnostic {"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The stable rule code, e.g. [`Code::UnknownTarget`] (`SFN011`).
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// One sentence saying what is wrong.
    pub message: String,
    /// RFC 6901 JSON pointer of the offending field, e.g. `/States/Wait/Next`.
    pub pointer: String,
    /// How to fix it, when there is something to say.
    pub help: Option<String>,
    /// Byte offset inside the offending string value (paths, intrinsics), when known.
    pub offset_in_value: Option<usize>,
    /// Where the finding is in the text the definition was read from, when it was read from a
    /// text ([`check_json`](crate::validate::check_json), [`StateMachine::from_slice`], …).
    pub span: Option<Span>,
}

/// Where a [`Diagnostic`] is in the text a definition was read from: what to underline.
///
/// The span is the key of the member the finding is about when the rule is about the key (an
/// unknown or misplaced field, a duplicate key) or the value is an object or array (a state, a
/// rule); otherwise the value, or the part of a string value from
/// [`Diagnostic::offset_in_value`] on. It never covers more than one line. Line and column are
/// computed from it when a finding is printed ([`crate::json::line_col`]).
///
/// ```
/// use sfn::validate::check_json;
/// use sfn::json::Limits;
/// use sfn::Code;
///
/// let text = br#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Ed": true}}}"#;
/// let (findings, _) = check_json(text, &Limits::default());
///
/// // An unknown field: its key.
/// let unknown = findings.iter().find(|d| d.code == Code::UnknownField).unwrap();
/// let span = unknown.span.clone().unwrap();
/// assert_eq!(&text[span.bytes], b"\"Ed\"");
/// assert_eq!(span.found, unknown.pointer.len());
///
/// // `A` has neither `Next` nor `End`: the state's key.
/// let no_end = findings.iter().find(|d| d.code == Code::MissingTransition).unwrap();
/// assert_eq!(&text[no_end.span.clone().unwrap().bytes], b"\"A\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The bytes to underline, as offsets into the bytes that were read (a byte order mark
    /// counts).
    pub bytes: Range<usize>,
    /// How much of the finding's `pointer` names something in the text: all of it, or less when
    /// the finding is about a member that is missing (`/States/A/Next` when `A` has no `Next`).
    /// Then `bytes` is the nearest ancestor that exists (`/States/A`).
    pub found: usize,
}

impl Diagnostic {
    /// A new error finding with the code's default severity.
    pub fn new(code: Code, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: message.into(),
            pointer: pointer.into(),
            help: None,
            offset_in_value: None,
            span: None,
        }
    }

    /// Adds a help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Records the byte offset of the problem inside the offending string value.
    #[must_use]
    pub fn at_offset(mut self, offset: usize) -> Self {
        self.offset_in_value = Some(offset);
        self
    }

    /// Records where the finding is in the text (see [`Span`]).
    #[must_use]
    pub(crate) fn with_span(mut self, bytes: Range<usize>, found: usize) -> Self {
        self.span = Some(Span { bytes, found });
        self
    }

    /// True for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)?;
        match self.pointer.as_str() {
            "" => write!(f, "\n  at (document root)")?,
            at => write!(f, "\n  at {at}")?,
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            return f
                .debug_struct("Diagnostic")
                .field("code", &self.code)
                .field("severity", &self.severity)
                .field("message", &self.message)
                .field("pointer", &self.pointer)
                .field("help", &self.help)
                .field("offset_in_value", &self.offset_in_value)
                .field("span", &self.span)
                .finish();
        }
        fmt::Display::fmt(self, f)
    }
}

/// A non-empty list of findings, returned when a definition cannot be imported or built.
///
/// Like [`Diagnostic`], `Debug` prints the same text as `Display`, one finding after the
/// other, so a failed `build().expect("…")` panics with every rule code and message:
///
/// ```should_panic
/// use sfn::builder::Pass;
///
/// let mut m = sfn::StateMachine::builder();
/// let a = m.declare("A");
/// let b = m.declare("B");
/// m.define(a, Pass::new().next(b));
/// // B is never defined: the panic message reads
/// // `valid: error[SFN004]: the state "B" is declared but never defined` and the pointer
/// m.build().expect("valid");
/// ```
///
/// When the findings come from building a machine (`build()`, `workflow!` with interpolated
/// values), the machine as built is kept with them ([`Diagnostics::machine`]), so that a
/// report can show each finding in the JSON that would have been written.
#[derive(Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>, Option<Box<StateMachine>>);

impl PartialEq for Diagnostics {
    /// Compares the findings only.
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for Diagnostics {}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(list: Vec<Diagnostic>) -> Self {
        Diagnostics::new(list)
    }
}

impl fmt::Debug for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            return f.debug_tuple("Diagnostics").field(&self.0).finish();
        }
        fmt::Display::fmt(self, f)
    }
}

impl Diagnostics {
    /// Findings without a machine (an import that failed).
    pub fn new(list: Vec<Diagnostic>) -> Self {
        Diagnostics(list, None)
    }

    /// Findings about a machine that was built (the findings' pointers point into it).
    pub fn with_machine(list: Vec<Diagnostic>, machine: StateMachine) -> Self {
        Diagnostics(list, Some(Box::new(machine)))
    }

    /// The machine the findings are about, when it was built: its JSON is where each
    /// finding's pointer points.
    pub fn machine(&self) -> Option<&StateMachine> {
        self.1.as_deref()
    }

    /// The findings, in document order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// Number of findings.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are no findings.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// True when at least one finding is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// The codes of all findings, in order; handy in tests.
    pub fn codes(&self) -> Vec<Code> {
        self.0.iter().map(|d| d.code).collect()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().map(Diagnostic::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for Diagnostics {}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// True when a reference token has a `~` or `/` to escape (a byte scan: cheaper than a
/// `char` pattern, and run once per state by the validator).
fn needs_escape(token: &str) -> bool {
    token.bytes().any(|b| b == b'~' || b == b'/')
}

/// Escapes one reference token of a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn escape_pointer_token(token: &str) -> String {
    if needs_escape(token) {
        token.replace('~', "~0").replace('/', "~1")
    } else {
        token.to_owned()
    }
}

/// Builds a JSON pointer by appending escaped tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pointer(String);

impl Pointer {
    /// The document root (the empty pointer).
    pub fn root() -> Self {
        Pointer(String::new())
    }

    /// This pointer extended by one object key or array index.
    #[must_use]
    pub fn push(&self, token: impl fmt::Display) -> Self {
        use fmt::Write;
        // One allocation in the common case: the token is written in place and only
        // re-written when it needs escaping.
        let mut s = String::with_capacity(self.0.len() + 24);
        s.push_str(&self.0);
        s.push('/');
        let start = s.len();
        let _ = write!(s, "{token}");
        if needs_escape(&s[start..]) {
            let escaped = escape_pointer_token(&s[start..]);
            s.truncate(start);
            s.push_str(&escaped);
        }
        Pointer(s)
    }

    /// This pointer extended by one object key: [`push`](Self::push) for a `&str`, without
    /// the formatting machinery (the validator calls it once per state).
    #[must_use]
    pub fn push_str(&self, key: &str) -> Self {
        let mut s = String::with_capacity(self.0.len() + 1 + key.len());
        s.push_str(&self.0);
        s.push('/');
        if needs_escape(key) {
            s.push_str(&escape_pointer_token(key));
        } else {
            s.push_str(key);
        }
        Pointer(s)
    }

    /// The pointer text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Pointer> for String {
    fn from(p: Pointer) -> String {
        p.0
    }
}

impl From<&Pointer> for String {
    fn from(p: &Pointer) -> String {
        p.0.clone()
    }
}
