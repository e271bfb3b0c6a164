//! The code generation: a checked literal becomes a call of the run-time parser that cannot
//! fail; a bad literal becomes a `compile_error!` plus a fallback value of the right type, so
//! that one mistake produces one error and editors keep type information.

use crate::check::{self, Kind};
use crate::parse;
use proc_macro2::TokenStream;
use quote::quote;

/// Parses, checks and expands one macro call.
pub fn run(kind: Kind, tokens: TokenStream) -> TokenStream {
    let input = match parse::input(tokens) {
        Ok(input) => input,
        Err(e) => return with_fallback(kind, e),
    };
    if let Err(e) = check::check(kind, &input.lit) {
        return with_fallback(kind, e);
    }
    let (text, _) = check::text(kind, &input.lit.value());
    let lit = syn::LitStr::new(&text, input.lit.span());
    let ty = match kind {
        Kind::Path => quote!(Path),
        Kind::Intrinsic => quote!(Intrinsic),
        Kind::Jsonata => quote!(Jsonata),
    };
    quote! {
        ::sfn::path::#ty::parse(#lit).unwrap_or_else(|_| {
            ::core::unreachable!("checked at compile time by sfn-macros: {}", #lit)
        })
    }
}

/// `compile_error!` and a value of the expected type.
fn with_fallback(kind: Kind, err: syn::Error) -> TokenStream {
    let err = err.to_compile_error();
    let fallback = match kind {
        Kind::Path => quote!(::sfn::path::Path::input()),
        Kind::Intrinsic => quote!(
            ::sfn::path::Intrinsic::new(::sfn::path::IntrinsicFn::Uuid, ::std::vec::Vec::new())
                .unwrap_or_else(|_| ::core::unreachable!())
        ),
        Kind::Jsonata => quote!(
            ::sfn::path::Jsonata::parse("{% null %}").unwrap_or_else(|_| ::core::unreachable!())
        ),
    };
    quote! {{ #err; #fallback }}
}
