//! The front end: the macro input is exactly one string literal (a trailing comma is allowed).

use proc_macro2::TokenStream;
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

/// The parsed input of `path!`, `intrinsic!` and `jsonata!`.
pub struct Input {
    /// The string literal, with its span and its source text.
    pub lit: LitStr,
}

impl Parse for Input {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let lit: LitStr = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected one string literal, e.g. `path!(\"$.detail.status\")`",
            )
        })?;
        if input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
        }
        if !input.is_empty() {
            return Err(input.error("expected only one string literal"));
        }
        Ok(Input { lit })
    }
}

/// Parses the macro input.
pub fn input(tokens: TokenStream) -> syn::Result<Input> {
    syn::parse2(tokens)
}
