//! The code generation: the checked model → Rust code that constructs it directly.
//!
//! The model is the one the compile-time check imported (the importer of `sfn validate`), so
//! the value `workflow!` builds is exactly what importing the same JSON gives. Literal parts
//! become constructor calls of `sfn::__workflow` (non-generic, so a large machine costs few
//! instantiations); each interpolated expression is placed at its field through a conversion
//! (`Into<String>`, `IntoPath`, `Into<PayloadValue>`, …) so that its type is checked by rustc at
//! the user's tokens. Struct literals name only the fields that were written and take the rest
//! from a base value (`__sfn_w::task_base()`), see [`build`].

mod map;
mod states;
mod values;

use super::lower::Lowered;
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use sfn_dsl::__workflow::serde_json::Number;
use sfn_dsl::diagnostic::escape_pointer_token;
use sfn_dsl::fields::names as k;
use sfn_dsl::model::*;
use sfn_dsl::path::Jsonata;

/// Emits the construction of one machine.
pub struct Gen<'l, 't> {
    low: &'l Lowered<'t>,
}

/// The run-time context of the expansion (`sfn::__workflow::Cx`), hygienic like every local
/// variable of the expansion: the user's expressions cannot see it.
pub fn cx() -> proc_macro2::Ident {
    proc_macro2::Ident::new("__sfn_cx", proc_macro2::Span::mixed_site())
}

fn push(ptr: &str, token: &str) -> String {
    format!("{ptr}/{}", escape_pointer_token(token))
}

fn lit(s: &str) -> Literal {
    Literal::string(s)
}

fn int(v: i64) -> TokenStream {
    if v == i64::MIN {
        quote!(::core::primitive::i64::MIN)
    } else if v < 0 {
        let l = Literal::i64_suffixed(-v);
        quote!(-#l)
    } else {
        let l = Literal::i64_suffixed(v);
        quote!(#l)
    }
}

fn float(v: f64) -> TokenStream {
    let l = Literal::f64_suffixed(v.abs());
    if v.is_sign_negative() {
        quote!(-#l)
    } else {
        quote!(#l)
    }
}

/// One field of a struct under construction.
type Field = (&'static str, TokenStream);

fn fld(name: &'static str, value: TokenStream) -> Field {
    (name, value)
}

fn opt(fields: &mut Vec<Field>, name: &'static str, value: Option<TokenStream>) {
    if let Some(v) = value {
        fields.push((name, v));
    }
}

/// A struct value: its base (every field empty) with the written fields set. Assignments
/// rather than a struct literal with `..base`, which would trip `clippy::needless_update` in
/// the user's crate when every field is written. The variable is hygienic (`mixed_site`), so
/// the user's expressions cannot see it.
fn build(base: TokenStream, fields: Vec<Field>) -> TokenStream {
    if fields.is_empty() {
        return base;
    }
    let v = proc_macro2::Ident::new("__sfn_v", proc_macro2::Span::mixed_site());
    let sets = fields.into_iter().map(|(name, value)| {
        let name = ident(name);
        quote!(#v.#name = #value;)
    });
    quote!({ let mut #v = #base; #(#sets)* #v })
}

impl<'l, 't> Gen<'l, 't> {
    /// A generator over the lowered input (for the interpolated expressions).
    pub fn new(low: &'l Lowered<'t>) -> Self {
        Gen { low }
    }

    /// The interpolated expression at `ptr`, if any (marked as placed).
    fn dynamic(&self, ptr: &str) -> Option<&'t TokenStream> {
        let d = self.low.dyns.get(ptr)?;
        d.used.set(true);
        Some(&d.interp.tokens)
    }

    /// `Some(…)` of a number field, when written: its literal, or the interpolated expression
    /// at `ptr` through `__sfn_w::<conv>` (`int`, `float`).
    fn opt_number<T>(
        &self,
        ptr: &str,
        v: Option<T>,
        conv: &str,
        literal: fn(T) -> TokenStream,
    ) -> Option<TokenStream> {
        let x = v?;
        Some(match self.dynamic(ptr) {
            Some(e) => {
                let conv = ident(conv);
                quote!(::core::option::Option::Some(__sfn_w::#conv(#e)))
            }
            None => {
                let x = literal(x);
                quote!(::core::option::Option::Some(#x))
            }
        })
    }

    /// The machine.
    pub fn machine(&self, m: &StateMachine) -> TokenStream {
        let mut f = Vec::new();
        opt(&mut f, "comment", self.opt_string("/Comment", &m.comment));
        opt(&mut f, "query_language", ql(m.query_language));
        let start = lit(&m.start_at);
        f.push(fld("start_at", quote!(__sfn_w::s(#start))));
        let timeout_seconds = self.opt_number("/TimeoutSeconds", m.timeout_seconds, "int", int);
        opt(&mut f, "timeout_seconds", timeout_seconds);
        opt(
            &mut f,
            "version",
            m.version.as_ref().map(|v| {
                let v = lit(v);
                quote!(::core::option::Option::Some(__sfn_w::s(#v)))
            }),
        );
        let states = self.states("", &m.states);
        f.push(fld("states", quote!(#states)));
        build(quote!(__sfn_w::machine_base()), f)
    }

    fn states(&self, scope: &str, states: &States) -> TokenStream {
        let base = push(scope, k::States);
        let items = states.iter().map(|(name, state)| {
            let ptr = push(&base, name);
            let s = self.state(&ptr, state);
            let name = lit(name);
            quote!((#name, #s))
        });
        quote!(__sfn_w::states(::std::vec![#(#items),*]))
    }
}

fn ql(q: Option<QueryLanguage>) -> Option<TokenStream> {
    q.map(|q| match q {
        QueryLanguage::JsonPath => {
            quote!(::core::option::Option::Some(
                __sfn_w::model::QueryLanguage::JsonPath
            ))
        }
        QueryLanguage::Jsonata => {
            quote!(::core::option::Option::Some(
                __sfn_w::model::QueryLanguage::Jsonata
            ))
        }
    })
}

fn jsonata(j: &Jsonata) -> TokenStream {
    let t = lit(j.as_str());
    quote!(__sfn_w::jsonata(#t))
}

fn enum_value(fields: &mut Vec<Field>, name: &'static str, conv: &str, text: Option<&str>) {
    let conv = ident(conv);
    let t = text.map(lit);
    opt(fields, name, t.map(|t| some(quote!(__sfn_w::#conv(#t)))));
}

/// An identifier at the call site (a `__sfn_w` function, a model type or variant).
fn ident(name: &str) -> proc_macro2::Ident {
    proc_macro2::Ident::new(name, proc_macro2::Span::call_site())
}

/// `Some(…)` of a value.
fn some(value: TokenStream) -> TokenStream {
    quote!(::core::option::Option::Some(#value))
}

fn number(n: &Number) -> TokenStream {
    number_call(n, ["num_i64", "num_u64", "num_f64"])
}

/// A JSON number as a call of the `__sfn_w` function for its representation: the first of
/// `fns` for an `i64`, the second for a `u64`, the third for an `f64`.
fn number_call(n: &Number, [i64_fn, u64_fn, f64_fn]: [&str; 3]) -> TokenStream {
    let (f, arg) = if let Some(i) = n.as_i64() {
        (i64_fn, int(i))
    } else if let Some(u) = n.as_u64() {
        let u = Literal::u64_suffixed(u);
        (u64_fn, quote!(#u))
    } else {
        (f64_fn, float(n.as_f64().unwrap_or_default()))
    };
    let f = ident(f);
    quote!(__sfn_w::#f(#arg))
}
