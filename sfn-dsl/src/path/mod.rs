//! Hand-written parsers for the expression languages of the Amazon States Language.
//!
//! * [`Path`]: a JSONPath as AWS evaluates it (Jayway JsonPath): `$.a.b[0]`, context paths
//!   `$$.Task.Token`, JSONPath-mode variables `$name.field`, plus filters, wildcards, slices,
//!   unions, recursive descent and trailing functions. [`Path::parse_reference`] accepts only the
//!   Reference Path subset (fields and single indexes).
//! * [`Intrinsic`]: the `States.*` intrinsic functions, with argument count and literal argument
//!   types checked where AWS fixes them.
//! * [`Expr`]: the value of a `"Key.$"` payload template field: a path or an intrinsic.
//! * [`Jsonata`]: a `{% … %}` JSONata expression, checked by a JSONata syntax checker.
//!
//! Every parser keeps the exact text it was given, so export is lossless, and reports errors as a
//! [`PathError`] pointing at the byte offset of the first bad character.
//!
//! ```
//! use sfn::path::{Expr, Path};
//!
//! let p = Path::parse("$.detail['order-id'][0]").unwrap();
//! assert!(p.is_reference());
//! assert_eq!(Path::input().field("a b").index(0).as_str(), "$['a b'][0]");
//!
//! let e = Expr::parse("States.Format('Hello {}', $.name)").unwrap();
//! assert!(matches!(e, Expr::Intrinsic(_)));
//!
//! let err = Path::parse("$.a b").unwrap_err();
//! assert_eq!(err.offset, 3);
//! ```

mod intrinsic;
mod intrinsic_parser;
mod jsonata;
mod jsonata_lexer;
mod jsonpath;
mod jsonpath_parser;
#[cfg(test)]
mod tests;

pub use intrinsic::{Arg, Intrinsic, IntrinsicFn};
pub use jsonata::Jsonata;
pub use jsonpath::{Path, Root, Segment};

use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Maximum nesting depth of any expression (nested intrinsic calls, JSONata brackets, filter
/// brackets). Deeper input is rejected with a clear error instead of risking the stack.
pub(crate) const MAX_DEPTH: usize = 64;

/// Maximum length of a variable name (`Assign` keys, `$name` roots), in characters.
pub(crate) const MAX_VARIABLE_NAME: usize = 80;

/// The error of every parser in this module.
///
/// Displays as `"{message} at byte {offset}"`, followed by `"; expected {expected}"` when
/// `expected` is not empty.
///
/// ```
/// use sfn::path::Path;
///
/// let err = Path::parse("").unwrap_err();
/// assert_eq!(err.offset, 0);
/// assert_eq!(err.to_string(), "empty path at byte 0; expected `$`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    /// Byte offset of the first bad character in the parsed string.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// What would have been valid at `offset` (may be empty).
    pub expected: String,
}

impl PathError {
    /// An error at `offset` with a message and what was expected there.
    pub(crate) fn new(
        offset: usize,
        message: impl Into<String>,
        expected: impl Into<String>,
    ) -> Self {
        PathError {
            offset,
            message: message.into(),
            expected: expected.into(),
        }
    }

    /// The same error, moved `by` bytes to the right (for a parser run on a substring).
    pub(crate) fn shifted(mut self, by: usize) -> Self {
        self.offset += by;
        self
    }
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.message, self.offset)?;
        if !self.expected.is_empty() {
            write!(f, "; expected {}", self.expected)?;
        }
        Ok(())
    }
}

impl std::error::Error for PathError {}

/// Describes the character at `offset` of `s` for an error message: `` `x` `` or "end of input".
pub(crate) fn describe_at(s: &str, offset: usize) -> String {
    match s.get(offset..).and_then(|rest| rest.chars().next()) {
        Some(c) if c.is_whitespace() => format!("whitespace {c:?}"),
        Some(c) => format!("`{c}`"),
        None => "end of input".to_string(),
    }
}

/// True for a character that may start a variable name (a letter or `_`).
pub(crate) fn is_var_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

/// True for a character that may continue a variable name (a letter, a digit or `_`).
pub(crate) fn is_var_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Checks an `Assign` variable name: non-empty, at most 80 characters, the first character a
/// letter (Unicode letters allowed) or `_`, the rest letters, digits or `_`; `states` is reserved
/// (it names the JSONata `$states` variable). The error points at the first bad character.
///
/// ```
/// use sfn::path::validate_variable_name;
///
/// assert!(validate_variable_name("orderId").is_ok());
/// assert!(validate_variable_name("_größe2").is_ok());
/// assert_eq!(validate_variable_name("order-id").unwrap_err().offset, 5);
/// assert!(validate_variable_name("states").is_err());
/// ```
pub fn validate_variable_name(name: &str) -> Result<(), PathError> {
    let mut chars = name.char_indices();
    match chars.next() {
        None => return Err(PathError::new(0, "empty variable name", "a letter or `_`")),
        Some((_, c)) if !is_var_start(c) => {
            return Err(PathError::new(
                0,
                format!("a variable name cannot start with `{c}`"),
                "a letter or `_`",
            ));
        }
        Some(_) => {}
    }
    for (i, c) in chars {
        if !is_var_continue(c) {
            return Err(PathError::new(
                i,
                format!("invalid character `{c}` in variable name"),
                "a letter, a digit or `_`",
            ));
        }
    }
    if let Some((i, _)) = name.char_indices().nth(MAX_VARIABLE_NAME) {
        return Err(PathError::new(
            i,
            format!("variable name is longer than {MAX_VARIABLE_NAME} characters"),
            "",
        ));
    }
    if name == "states" {
        return Err(PathError::new(
            0,
            "`states` is a reserved variable name",
            "another name",
        ));
    }
    Ok(())
}

/// A dynamic value of a JSONPath-mode payload template field (`"Key.$"`): a path (including a
/// context path or a variable) or an intrinsic function call.
///
/// ```
/// use sfn::path::Expr;
///
/// assert!(matches!(Expr::parse("$$.Task.Token"), Ok(Expr::Path(_))));
/// assert!(matches!(Expr::parse("States.UUID()"), Ok(Expr::Intrinsic(_))));
/// assert!(Expr::parse("not a path").is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A path: `$…`, `$$…` or `$variable…`.
    Path(Path),
    /// An intrinsic function call `States.…(…)`.
    Intrinsic(Intrinsic),
}

impl Expr {
    /// Parses a path (text starting with `$`) or an intrinsic (text starting with `States.`).
    pub fn parse(s: &str) -> Result<Expr, PathError> {
        if s.starts_with('$') {
            Path::parse(s).map(Expr::Path)
        } else if s.starts_with("States.") {
            Intrinsic::parse(s).map(Expr::Intrinsic)
        } else {
            let hint = if s.starts_with(char::is_whitespace) {
                "unexpected whitespace at the start of an expression".to_string()
            } else if s.is_empty() {
                "empty expression".to_string()
            } else {
                format!("unexpected {}", describe_at(s, 0))
            };
            Err(PathError::new(
                0,
                hint,
                "a path starting with `$` or an intrinsic function `States.…(…)`",
            ))
        }
    }

    /// The exact text this expression was parsed from (or rendered by a constructor).
    pub fn as_str(&self) -> &str {
        match self {
            Expr::Path(p) => p.as_str(),
            Expr::Intrinsic(i) => i.as_str(),
        }
    }
}

variant_from!(Expr {
    Path => Path,
    Intrinsic => Intrinsic,
});

/// `Display` and `Serialize` as its text, and `FromStr` as its `parse`, for each expression
/// type.
macro_rules! text_impls {
    ($($ty:ident),*) => {$(
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $ty {
            type Err = PathError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $ty::parse(s)
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    )*};
}

text_impls!(Path, Intrinsic, Jsonata, Expr);

/// True when a string meant as a literal looks like a path or an intrinsic call, i.e. it was
/// probably meant as an expression and its key lacks the `.$` suffix.
///
/// * paths rooted at `$` or `$$` that parse (`"$"`, `"$.x"`, `"$.a[0]"`, `"$$.Task.Token"`) → true,
///   except `$.` followed by digits only (`"$.50"` reads as a price);
/// * variable paths (`"$myVar"`, `"$myVar.x"`) → true unless the variable name is all uppercase
///   (has uppercase letters and no lowercase one): `"$LATEST"` (the Lambda version qualifier)
///   and `"$USD"` stay literal;
/// * `"$5"`, `"$ 5"` and other text that does not parse → false;
/// * `States.Name(…)` → true when it has the shape of a call, even if its arguments are wrong
///   (a misspelled literal call is still a forgotten `.$`).
///
/// ```
/// use sfn::path::looks_like_expr;
///
/// assert!(looks_like_expr("$.PipelineExecutionArn"));
/// assert!(looks_like_expr("$$.Task.Token"));
/// assert!(looks_like_expr("States.Format('x')"));
/// assert!(!looks_like_expr("$LATEST"));
/// assert!(!looks_like_expr("$5"));
/// assert!(!looks_like_expr("hello"));
/// ```
pub fn looks_like_expr(s: &str) -> bool {
    if let Some(rest) = s.strip_prefix("States.") {
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        return name_len > 0 && rest[name_len..].starts_with('(') && s.ends_with(')');
    }
    if !s.starts_with('$') {
        return false;
    }
    let Ok(path) = Path::parse(s) else {
        return false;
    };
    match path.root() {
        // all-uppercase names (`$LATEST`, `$USD`) are literal text, not variables
        Root::Variable(name) => {
            name.chars().any(char::is_lowercase) || !name.chars().any(char::is_uppercase)
        }
        Root::Input => !matches!(
            path.segments().first(),
            Some(Segment::Field(f)) if s.starts_with("$.") && f.bytes().all(|b| b.is_ascii_digit())
        ),
        Root::Context => true,
    }
}
