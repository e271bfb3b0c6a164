//! The error context: every finding of one expansion is collected here and reported together,
//! each on the user's token, each with a help line (the serde_derive `Ctxt` pattern).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use sfn_dsl::Code;

/// The findings of one expansion.
#[derive(Default)]
pub struct Errors {
    list: Vec<syn::Error>,
    /// Warn-level findings: `(code, span, text)`, shown as compiler warnings.
    warnings: Vec<(Code, Span, String)>,
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

    /// A warning of one of `sfn`'s rules (a lint at level warn), shown as a compiler warning
    /// on the token at `span`.
    pub fn warn(
        &mut self,
        code: Code,
        span: Span,
        message: impl AsRef<str>,
        help: impl AsRef<str>,
    ) {
        let text = format(None, message.as_ref(), help.as_ref());
        self.warnings.push((code, span, text));
    }

    /// Statements that make rustc warn, one per warning: a use of a `#[deprecated]` constant
    /// named after the rule, on the user's token (the technique of the `proc-macro-warning`
    /// crate: a stable proc macro has no other way to emit a warning). The user's
    /// `#[allow(deprecated)]` silences them too.
    pub fn warning_tokens(&self) -> TokenStream {
        let warnings = self.warnings.iter().map(|(code, span, text)| {
            let name = Ident::new(code.as_str(), *span);
            quote!({
                #[deprecated(note = #text)]
                #[allow(non_upper_case_globals)]
                const #name: () = ();
                let _ = #name;
            })
        });
        quote!(#(#warnings)*)
    }

    /// The warnings' texts, in order (for tests).
    #[cfg(test)]
    pub fn warning_messages(&self) -> Vec<String> {
        self.warnings
            .iter()
            .map(|(c, _, t)| format!("{c}: {t}"))
            .collect()
    }

    /// True when no error was reported (warnings do not count).
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
