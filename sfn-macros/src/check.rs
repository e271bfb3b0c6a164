//! The checks: run the `sfn-dsl` parser on the literal and turn its error into a
//! `syn::Error` on the right span.

use proc_macro2::{Literal, Span};
use sfn_dsl::path::{Intrinsic, Jsonata, Path, PathError};
use syn::LitStr;

/// Which expression language a macro checks.
#[derive(Clone, Copy)]
pub enum Kind {
    /// `path!`: a JSONPath, context path or variable path.
    Path,
    /// `intrinsic!`: a `States.*` call.
    Intrinsic,
    /// `jsonata!`: a JSONata expression, bare or as `{% … %}`.
    Jsonata,
}

impl Kind {
    /// How error messages name the expression.
    fn what(self) -> &'static str {
        match self {
            Kind::Path => "path",
            Kind::Intrinsic => "intrinsic function call",
            Kind::Jsonata => "JSONata expression",
        }
    }
}

/// The text the run-time parser sees: the literal's value, and for a bare JSONata expression
/// the `{% … %}` wrapping (with the number of bytes added in front).
pub fn text(kind: Kind, value: &str) -> (String, usize) {
    match kind {
        Kind::Jsonata if !value.starts_with("{%") => (format!("{{% {value} %}}"), 3),
        _ => (value.to_string(), 0),
    }
}

/// Checks the literal; on error returns one `syn::Error` that points into the literal when
/// the compiler supports sub-spans and at the whole literal otherwise, with the byte offset
/// in the message either way.
pub fn check(kind: Kind, lit: &LitStr) -> syn::Result<()> {
    let value = lit.value();
    let (text, shift) = text(kind, &value);
    let result = match kind {
        Kind::Path => Path::parse(&text).map(drop),
        Kind::Intrinsic => Intrinsic::parse(&text).map(drop),
        Kind::Jsonata => Jsonata::parse(&text).map(drop),
    };
    let Err(err) = result else { return Ok(()) };
    let offset = err.offset.saturating_sub(shift).min(value.len());
    Err(error(kind, lit, &value, offset, &err))
}

fn error(kind: Kind, lit: &LitStr, value: &str, offset: usize, err: &PathError) -> syn::Error {
    let mut message = format!("invalid {}: {} at byte {offset}", kind.what(), err.message);
    if !err.expected.is_empty() {
        message.push_str(&format!("; expected {}", err.expected));
    }
    let span = span_at(lit, value, offset).unwrap_or_else(|| lit.span());
    syn::Error::new(span, message)
}

/// The span of the character at byte `offset` of the literal's value (see [`sub_span`]); none
/// for a literal with a suffix.
fn span_at(lit: &LitStr, value: &str, offset: usize) -> Option<Span> {
    if !lit.suffix().is_empty() {
        return None;
    }
    sub_span(&lit.token(), value, offset)
}

/// The span of the character at byte `offset` of a string literal's value, when the compiler
/// gives sub-spans and the literal's source maps one-to-one onto its value (no escapes).
/// Shared by `path!`/`intrinsic!`/`jsonata!` and `workflow!`.
pub(crate) fn sub_span(lit: &Literal, value: &str, offset: usize) -> Option<Span> {
    let repr = lit.to_string();
    let (prefix, suffix) = if repr.starts_with('"') {
        (1, 1)
    } else if let Some(rest) = repr.strip_prefix('r') {
        let hashes = rest.bytes().take_while(|&b| b == b'#').count();
        (2 + hashes, 1 + hashes)
    } else {
        return None;
    };
    let content = repr.get(prefix..repr.len().checked_sub(suffix)?)?;
    if content != value || !value.is_char_boundary(offset) {
        return None;
    }
    let width = value[offset..].chars().next().map_or(1, char::len_utf8);
    let start = prefix + offset;
    lit.subspan(start..start + width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(kind: Kind, text: &str) -> Option<String> {
        check(kind, &LitStr::new(text, Span::call_site()))
            .err()
            .map(|e| e.to_string())
    }

    #[test]
    fn valid_literals_pass() {
        assert_eq!(message(Kind::Path, "$.a.b[0]"), None);
        assert_eq!(message(Kind::Path, "$$.Task.Token"), None);
        assert_eq!(message(Kind::Path, "$order.id"), None);
        assert_eq!(message(Kind::Intrinsic, "States.UUID()"), None);
        assert_eq!(message(Kind::Jsonata, "$states.input"), None);
        assert_eq!(message(Kind::Jsonata, "{% $x %}"), None);
    }

    #[test]
    fn errors_name_the_byte_offset_in_the_literal() {
        let m = message(Kind::Path, "$.a b").unwrap();
        assert!(m.starts_with("invalid path: "), "{m}");
        assert!(m.contains("at byte 3"), "{m}");
        let m = message(Kind::Intrinsic, "States.MathAdd($.a)").unwrap();
        assert!(m.contains("takes 2 arguments, found 1"), "{m}");
        // A bare JSONata expression is wrapped in `{% %}`; the offset counts in the literal.
        let m = message(Kind::Jsonata, "1 +").unwrap();
        assert!(m.contains("at byte 3"), "{m}");
    }

    #[test]
    fn bare_jsonata_is_wrapped() {
        assert_eq!(text(Kind::Jsonata, "$x"), ("{% $x %}".to_string(), 3));
        assert_eq!(text(Kind::Jsonata, "{% $x %}"), ("{% $x %}".to_string(), 0));
        assert_eq!(text(Kind::Path, "$.x"), ("$.x".to_string(), 0));
    }
}
