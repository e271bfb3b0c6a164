//! The front end: the macro input (JSON syntax with Rust expressions as values) → a tree that
//! keeps the span of every key and value.
//!
//! Accepted, like `serde_json::json!`: objects, arrays, string literals (normal or raw),
//! numbers (a leading `-` allowed), `true`, `false`, `null`, and any other run of tokens up to
//! the next `,` as a Rust expression. Trailing commas are accepted. Errors are collected; a
//! member that cannot be read is skipped up to the next `,` so that later ones are still read.

use super::errors::Errors;
use proc_macro2::{Delimiter, Group, Literal, Span, TokenStream, TokenTree};
use sfn_dsl::__workflow::Source;
use sfn_dsl::__workflow::serde_json::Number;
use sfn_dsl::levels::{Level, Levels};
use std::collections::HashMap;

/// The deepest nesting of objects and arrays accepted (the same limit as the JSON reader of
/// `sfn validate`); deeper input is an error, never a stack overflow.
pub const MAX_DEPTH: usize = 127;

/// One JSON value of the input.
pub enum Node {
    /// `{ … }`.
    Object(Object),
    /// `[ … ]`.
    Array(Array),
    /// A string literal.
    Str(Str),
    /// A number, `true`, `false` or `null`.
    Scalar(Scalar),
    /// Any other tokens: a Rust expression evaluated at run time.
    Expr(Interp),
    /// Something that could not be read (already reported).
    Invalid,
}

/// An object with its members in order (duplicates already removed and reported).
pub struct Object {
    /// The members.
    pub members: Vec<Member>,
    /// The opening brace.
    pub open: Span,
}

/// `"key": value`.
pub struct Member {
    /// The key.
    pub key: Str,
    /// The value.
    pub value: Node,
}

/// An array.
pub struct Array {
    /// The items.
    pub items: Vec<Node>,
    /// The opening bracket.
    pub open: Span,
}

/// A string literal with its value.
pub struct Str {
    /// The value, escapes resolved.
    pub value: String,
    /// The literal token, for its span and sub-spans.
    pub lit: Literal,
}

/// A number, boolean or null with its span(s).
pub struct Scalar {
    /// The JSON value.
    pub value: Source,
    /// The first token (`-` of a negative number).
    pub start: Span,
    /// The last token.
    pub end: Span,
}

/// An interpolated Rust expression.
pub struct Interp {
    /// The tokens as written.
    pub tokens: TokenStream,
    /// The first token.
    pub start: Span,
    /// The last token.
    pub end: Span,
}

impl Node {
    /// The first and last span of the value.
    pub fn range(&self, fallback: Span) -> (Span, Span) {
        match self {
            Node::Object(o) => (o.open, o.open),
            Node::Array(a) => (a.open, a.open),
            Node::Str(s) => (s.lit.span(), s.lit.span()),
            Node::Scalar(s) => (s.start, s.end),
            Node::Expr(e) => (e.start, e.end),
            Node::Invalid => (fallback, fallback),
        }
    }
}

/// The parsed input: the root object, and the span used for findings about the whole machine.
pub struct Input {
    /// The root value.
    pub root: Node,
    /// The span of the root (its opening brace, or the call site for `workflow! { … }`).
    pub span: Span,
    /// The lint levels of the leading `#![allow(…)]`, `#![warn(…)]`, `#![deny(…)]`.
    pub levels: Levels,
}

/// Parses the macro input: `({ … })` (one brace group) or the members of the root object
/// directly (`workflow! { "StartAt": …, … }`).
pub fn input(tokens: TokenStream, errs: &mut Errors) -> Option<Input> {
    let toks: Vec<TokenTree> = tokens.into_iter().collect();
    let (levels, rest) = inner_attributes(&toks, errs);
    let toks = rest;
    match toks {
        [] => {
            errs.error(
                Span::call_site(),
                "expected a state machine definition",
                "write the definition as in JSON: `workflow!({ \"StartAt\": \"First\", \"States\": { … } })`",
            );
            None
        }
        [TokenTree::Group(g)] if g.delimiter() == Delimiter::Brace => Some(Input {
            span: g.span_open(),
            root: object(g, 1, errs),
            levels,
        }),
        [TokenTree::Literal(_), TokenTree::Punct(p), ..] if p.as_char() == ':' => Some(Input {
            span: Span::call_site(),
            root: Node::Object(members(toks, Span::call_site(), 1, errs)),
            levels,
        }),
        [first, ..] => {
            let last = toks.last().unwrap_or(first);
            errs.error_range(
                first.span(),
                last.span(),
                "a state machine definition is a JSON object",
                "write the definition as in JSON: `workflow!({ \"StartAt\": \"First\", \"States\": { … } })`",
            );
            None
        }
    }
}

fn is_comma(t: &TokenTree) -> bool {
    matches!(t, TokenTree::Punct(p) if p.as_char() == ',')
}

/// Reports an object or array nested deeper than [`MAX_DEPTH`].
fn too_deep(g: &Group, depth: usize, errs: &mut Errors) -> bool {
    if depth > MAX_DEPTH {
        errs.error(
            g.span_open(),
            format!("the definition is nested more than {MAX_DEPTH} levels deep"),
            "flatten the structure; AWS rejects definitions nested this deep",
        );
    }
    depth > MAX_DEPTH
}

fn object(g: &Group, depth: usize, errs: &mut Errors) -> Node {
    if too_deep(g, depth, errs) {
        return Node::Invalid;
    }
    let toks: Vec<TokenTree> = g.stream().into_iter().collect();
    Node::Object(members(&toks, g.span_open(), depth, errs))
}

/// The comma-separated parts of `toks` (a trailing comma ends the list), each with the span of
/// the comma after it, if any.
fn comma_separated(toks: &[TokenTree]) -> impl Iterator<Item = (&[TokenTree], Option<Span>)> {
    let mut rest = toks;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (part, after) = rest.split_at(rest.iter().position(is_comma).unwrap_or(rest.len()));
        rest = after.get(1..).unwrap_or_default();
        Some((part, after.first().map(TokenTree::span)))
    })
}

fn members(toks: &[TokenTree], open: Span, depth: usize, errs: &mut Errors) -> Object {
    let mut members: Vec<Member> = Vec::new();
    let mut seen: HashMap<String, ()> = HashMap::new();
    for (member, comma) in comma_separated(toks) {
        if let ([], Some(comma)) = (member, comma) {
            errs.error(
                comma,
                "expected a member before `,`",
                "remove the extra `,`",
            );
        }
        let Some(key) = key(member, errs) else {
            continue;
        };
        let value_toks = match member.get(1) {
            Some(TokenTree::Punct(p)) if p.as_char() == ':' => &member[2..],
            Some(other) => {
                errs.error(
                    other.span(),
                    format!("expected `:` after the key \"{}\"", key.value),
                    "write each member as `\"key\": value`, members separated by `,`",
                );
                continue;
            }
            None => {
                errs.error(
                    key.lit.span(),
                    format!("the key \"{}\" has no value", key.value),
                    "write each member as `\"key\": value`, members separated by `,`",
                );
                continue;
            }
        };
        if value_toks.is_empty() {
            errs.error(
                member[1].span(),
                format!("expected a value after `\"{}\":`", key.value),
                "write a JSON value or a Rust expression here",
            );
            continue;
        }
        let value = value(value_toks, depth, errs);
        if seen.insert(key.value.clone(), ()).is_some() {
            let d = sfn_dsl::__workflow::duplicate_key_in_macro(&key.value);
            errs.coded(
                d.code,
                key.lit.span(),
                key.lit.span(),
                d.message,
                d.help.unwrap_or_default(),
            );
            continue;
        }
        members.push(Member { key, value });
    }
    Object { members, open }
}

fn key(member: &[TokenTree], errs: &mut Errors) -> Option<Str> {
    let first = member.first()?;
    if let TokenTree::Literal(lit) = first
        && let syn::Lit::Str(s) = syn::Lit::new(lit.clone())
    {
        return Some(Str {
            value: s.value(),
            lit: lit.clone(),
        });
    }
    let help = match first {
        TokenTree::Ident(id) => format!("write the key as a string literal: `\"{id}\"`"),
        _ => "write the key as a string literal, as in JSON: `\"Type\": \"Task\"`".to_string(),
    };
    errs.error(first.span(), "expected a key: a string literal", help);
    None
}

/// Tokens that begin a JSON value (as opposed to an expression that continues).
fn json_start(t: &TokenTree) -> bool {
    match t {
        TokenTree::Literal(_) => true,
        TokenTree::Group(g) => matches!(g.delimiter(), Delimiter::Brace | Delimiter::Bracket),
        TokenTree::Ident(id) => matches!(id.to_string().as_str(), "true" | "false" | "null"),
        TokenTree::Punct(_) => false,
    }
}

fn value(toks: &[TokenTree], depth: usize, errs: &mut Errors) -> Node {
    match toks {
        [TokenTree::Group(g)] if g.delimiter() == Delimiter::Brace => object(g, depth + 1, errs),
        [TokenTree::Group(g)] if g.delimiter() == Delimiter::Bracket => array(g, depth + 1, errs),
        [TokenTree::Literal(lit)] => literal(lit, None, errs),
        [TokenTree::Punct(minus), TokenTree::Literal(lit)]
            if minus.as_char() == '-'
                && !lit.to_string().starts_with(['"', 'r', 'b', 'c', '\'']) =>
        {
            literal(lit, Some(minus.span()), errs)
        }
        [TokenTree::Ident(id)] if matches!(id.to_string().as_str(), "true" | "false" | "null") => {
            let value = match id.to_string().as_str() {
                "true" => Source::bool(true),
                "false" => Source::bool(false),
                _ => Source::null(),
            };
            Node::Scalar(Scalar {
                value,
                start: id.span(),
                end: id.span(),
            })
        }
        [first, second, ..] if json_start(first) && json_start(second) => {
            errs.error(
                second.span(),
                "expected `,` before this value",
                "separate members and array items with `,`",
            );
            Node::Invalid
        }
        // `(expr)`: the parentheses only delimit the expression; an invisible group keeps it
        // one operand without the `unused_parens` lint at the place it is used.
        [TokenTree::Group(g)]
            if g.delimiter() == Delimiter::Parenthesis
                && !g.stream().into_iter().any(|t| is_comma(&t)) =>
        {
            let mut inner = Group::new(Delimiter::None, g.stream());
            inner.set_span(g.span());
            Node::Expr(Interp {
                tokens: TokenTree::Group(inner).into(),
                start: g.span(),
                end: g.span(),
            })
        }
        [first, ..] => Node::Expr(Interp {
            tokens: toks.iter().cloned().collect(),
            start: first.span(),
            end: toks.last().unwrap_or(first).span(),
        }),
        [] => Node::Invalid,
    }
}

fn literal(lit: &Literal, minus: Option<Span>, errs: &mut Errors) -> Node {
    let start = minus.unwrap_or_else(|| lit.span());
    let scalar = |value| {
        Node::Scalar(Scalar {
            value,
            start,
            end: lit.span(),
        })
    };
    match syn::Lit::new(lit.clone()) {
        syn::Lit::Str(s) if minus.is_none() => Node::Str(Str {
            value: s.value(),
            lit: lit.clone(),
        }),
        syn::Lit::Int(i) => {
            let digits = i.base10_digits();
            let text = if minus.is_some() {
                format!("-{digits}")
            } else {
                digits.to_string()
            };
            if let Ok(v) = text.parse::<i64>() {
                scalar(Source::number(v.into()))
            } else if let Ok(v) = text.parse::<u64>() {
                scalar(Source::number(v.into()))
            } else {
                float(&text, start, lit, errs)
            }
        }
        syn::Lit::Float(f) => {
            let text = if minus.is_some() {
                format!("-{}", f.base10_digits())
            } else {
                f.base10_digits().to_string()
            };
            float(&text, start, lit, errs)
        }
        _ => {
            errs.error(
                lit.span(),
                "expected a JSON value: a string, a number, `true`, `false`, `null`, an object or an array",
                "to use a Rust value, write it as an expression, e.g. in parentheses: `(value)`",
            );
            Node::Invalid
        }
    }
}

fn float(text: &str, start: Span, lit: &Literal, errs: &mut Errors) -> Node {
    match text.parse::<f64>().ok().and_then(Number::from_f64) {
        Some(n) => Node::Scalar(Scalar {
            value: Source::number(n),
            start,
            end: lit.span(),
        }),
        None => {
            errs.error_range(
                start,
                lit.span(),
                format!("the number {text} cannot be represented in JSON"),
                "use a number between -1.7976931348623157e308 and 1.7976931348623157e308",
            );
            Node::Invalid
        }
    }
}

fn array(g: &Group, depth: usize, errs: &mut Errors) -> Node {
    if too_deep(g, depth, errs) {
        return Node::Invalid;
    }
    let toks: Vec<TokenTree> = g.stream().into_iter().collect();
    let mut items = Vec::new();
    for (item, comma) in comma_separated(&toks) {
        match (item, comma) {
            ([], Some(comma)) => {
                errs.error(comma, "expected a value before `,`", "remove the extra `,`")
            }
            _ => items.push(value(item, depth, errs)),
        }
    }
    Node::Array(Array {
        items,
        open: g.span_open(),
    })
}

/// The leading inner attributes that set lint levels, `#![allow(SFN033)]`,
/// `#![warn(SFN034)]`, `#![deny(warnings, SFN042)]`, and the tokens after them. A bad attribute
/// is reported on its tokens and skipped.
fn inner_attributes<'t>(toks: &'t [TokenTree], errs: &mut Errors) -> (Levels, &'t [TokenTree]) {
    let mut levels = Levels::new();
    let mut rest = toks;
    while let [
        TokenTree::Punct(hash),
        TokenTree::Punct(bang),
        TokenTree::Group(g),
        tail @ ..,
    ] = rest
        && hash.as_char() == '#'
        && bang.as_char() == '!'
        && g.delimiter() == Delimiter::Bracket
    {
        level_attribute(g, &mut levels, errs);
        rest = tail;
    }
    (levels, rest)
}

const LEVEL_HELP: &str =
    "write `#![allow(SFN033)]`, `#![warn(SFN034)]` or `#![deny(warnings)]` before the definition";

/// One `allow(…)`/`warn(…)`/`deny(…)` attribute.
fn level_attribute(g: &Group, levels: &mut Levels, errs: &mut Errors) {
    let inner: Vec<TokenTree> = g.stream().into_iter().collect();
    let (level, list) = match inner.as_slice() {
        [TokenTree::Ident(name), TokenTree::Group(list)]
            if list.delimiter() == Delimiter::Parenthesis =>
        {
            let level = match name.to_string().as_str() {
                "allow" => Level::Allow,
                "warn" => Level::Warn,
                "deny" | "forbid" => Level::Deny,
                other => {
                    errs.error(
                        name.span(),
                        format!("`{other}` is not a lint level of `workflow!`"),
                        LEVEL_HELP,
                    );
                    return;
                }
            };
            (level, list)
        }
        _ => {
            errs.error(g.span(), "expected a lint level attribute", LEVEL_HELP);
            return;
        }
    };
    for item in list.stream() {
        match &item {
            TokenTree::Punct(p) if p.as_char() == ',' => {}
            TokenTree::Ident(code) => {
                if let Err(e) = levels.set_text(level, &code.to_string()) {
                    let help = match e {
                        sfn_dsl::levels::LevelError::NotALint(_) => {
                            "fix the definition instead: AWS refuses it whatever the level"
                        }
                        sfn_dsl::levels::LevelError::UnknownCode(_) => LEVEL_HELP,
                    };
                    errs.error(code.span(), e.to_string(), help);
                }
            }
            other => errs.error(
                other.span(),
                "expected a rule code such as `SFN033`",
                LEVEL_HELP,
            ),
        }
    }
}
