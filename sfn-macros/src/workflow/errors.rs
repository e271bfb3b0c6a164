//! The error context: every finding of one expansion is collected here and reported together,
//! each on the user's token, each with a help line (the serde_derive `Ctxt` pattern).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use sfn_dsl::Code;

/// The findings of one expansion.
#[derive(Default)]
pub struct Errors {
    list: Vec<syn::Error>,
}

impl Errors {
    /// An error on one token.
    pub fn error(&mut self, span: Span, message: impl AsRef<str>, help: impl AsRef<str>) {
        self.error_range(span, span, message, help);
    }

    /// An error on the tokens from `start` to `end`.
    pub fn error_range(
        &mut self,
        start: Span,
        end: Span,
        message: impl AsRef<str>,
        help: impl AsRef<str>,
    ) {
        let text = format(None, message.as_ref(), help.as_ref());
        self.list.push(spanned(start, end, &text));
    }

    /// An error of one of `sfn`'s rules, with its code.
    pub fn coded(
        &mut self,
        code: Code,
        start: Span,
        end: Span,
        message: impl AsRef<str>,
        help: impl AsRef<str>,
    ) {
        let text = format(Some(code), message.as_ref(), help.as_ref());
        self.list.push(spanned(start, end, &text));
    }

    /// True when nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The messages, in order (for tests).
    #[cfg(test)]
    pub fn messages(&self) -> Vec<String> {
        self.list.iter().map(ToString::to_string).collect()
    }

    /// One `compile_error!` per finding.
    pub fn to_tokens(&self) -> TokenStream {
        let errors = self.list.iter().map(syn::Error::to_compile_error);
        quote!(#(#errors)*)
    }
}

/// `SFN011: message` and the help line, as rustc shows a note under the message.
fn format(code: Option<Code>, message: &str, help: &str) -> String {
    match code {
        Some(code) => format!("{code}: {message}\n= help: {help}"),
        None => format!("{message}\n= help: {help}"),
    }
}

fn spanned(start: Span, end: Span, text: &str) -> syn::Error {
    let range: TokenStream = {
        let a = Ident::new("a", start);
        let b = Ident::new("b", end);
        quote!(#a #b)
    };
    syn::Error::new_spanned(range, text)
}
