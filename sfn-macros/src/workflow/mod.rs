//! `workflow!` and `try_workflow!`: ASL in JSON syntax, checked at compile time, built
//! without any JSON at run time.
//!
//! Parse → lower → check → expand (the serde_derive layout):
//! * [`parse`] reads the tokens into a tree that keeps every key's and value's span;
//! * [`lower`] turns it into the importer's input (`sfn_dsl::__workflow::Source`), each
//!   interpolated Rust expression a value only known at run time, and an index from JSON
//!   pointers to spans;
//! * [`check`] imports it once into the model and runs the rules of `sfn validate` on it
//!   (`sfn_dsl::__workflow::check`), and maps each finding to its span;
//! * [`expand`] writes code that constructs exactly that model, with the interpolated
//!   expressions in their fields.
//!
//! Every error of one call is reported in one compile. On error the macro still expands to a
//! value of the right type, so that editors keep type information.

mod check;
mod errors;
mod expand;
mod lower;
mod parse;
#[cfg(test)]
mod tests;

use errors::Errors;
use proc_macro2::{Span, TokenStream};
use quote::quote;

/// Which macro runs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `workflow!`: evaluates to `StateMachine`; panics (at the call) when an interpolated
    /// value makes the machine invalid.
    Panic,
    /// `try_workflow!`: evaluates to `Result<StateMachine, Diagnostics>`.
    Try,
}

/// Parses, checks and expands one call.
pub fn run(tokens: TokenStream, mode: Mode) -> TokenStream {
    match analyse(tokens, mode) {
        Ok(tokens) => tokens,
        Err((errs, exprs)) => fallback(&errs, mode, &exprs),
    }
}

/// The expansion, or every error with the interpolated expressions (for the fallback).
fn analyse(tokens: TokenStream, mode: Mode) -> Result<TokenStream, (Errors, Vec<TokenStream>)> {
    let mut errs = Errors::default();
    let Some(input) = parse::input(tokens, &mut errs) else {
        return Err((errs, Vec::new()));
    };
    if !errs.is_empty() {
        return Err((errs, Vec::new()));
    }
    let low = lower::lower(&input);
    let machine = check::check(&low, &input.levels, &mut errs);
    let exprs: Vec<TokenStream> = low.dyns.values().map(|d| d.interp.tokens.clone()).collect();
    if !errs.is_empty() {
        return Err((errs, exprs));
    }
    let Some(machine) = machine else {
        errs.error(
            low.root_span,
            "internal error in workflow!: the checked definition does not import",
            "please report this at https://github.com/sfn-rs/sfn/issues with the definition",
        );
        return Err((errs, exprs));
    };
    let body = expand::Gen::new(&low).machine(&machine);
    for d in low.dyns.values().filter(|d| !d.used.get()) {
        errs.error_range(
            d.interp.start,
            d.interp.end,
            "a Rust expression cannot be used here",
            "write this value literally",
        );
    }
    if !errs.is_empty() {
        return Err((errs, exprs));
    }
    let warnings = errs.warning_tokens();
    let w = quote!(
        #[allow(unused_imports)]
        use ::sfn::__workflow as __sfn_w;
        #warnings
    );
    let cx = expand::cx();
    let m = proc_macro2::Ident::new("__sfn_m", Span::mixed_site());
    // The run-time check of interpolated values uses the levels set inside the macro.
    let mut levels: Vec<TokenStream> = input
        .levels
        .settings()
        .map(|(code, level)| {
            let code = proc_macro2::Ident::new(&format!("{code:?}"), Span::call_site());
            let level = proc_macro2::Ident::new(
                match level {
                    sfn_dsl::levels::Level::Allow => "Allow",
                    sfn_dsl::levels::Level::Warn => "Warn",
                    sfn_dsl::levels::Level::Deny => "Deny",
                },
                Span::call_site(),
            );
            quote!(#cx.level(__sfn_w::Code::#code, __sfn_w::Level::#level);)
        })
        .collect();
    if input.levels.denies_warnings() {
        levels.push(quote!(#cx.deny_warnings();));
    }
    Ok(match (low.dyns.is_empty(), mode) {
        (true, Mode::Panic) => quote!({ #w #body }),
        (true, Mode::Try) => quote!({
            #w
            ::core::result::Result::<__sfn_w::model::StateMachine, ::sfn::Diagnostics>::Ok(#body)
        }),
        (false, Mode::Panic) => quote!({
            #w
            let mut #cx = __sfn_w::Cx::new();
            #(#levels)*
            let #m = #body;
            #cx.finish_or_panic(#m)
        }),
        (false, Mode::Try) => quote!({
            #w
            let mut #cx = __sfn_w::Cx::new();
            #(#levels)*
            let #m = #body;
            #cx.finish(#m)
        }),
    })
}

/// The errors and a value of the macro's type. The interpolated expressions are kept in a
/// closure that is never called, so that they are still type-checked and their variables
/// count as used.
pub fn fallback(errs: &Errors, mode: Mode, exprs: &[TokenStream]) -> TokenStream {
    let errors = errs.to_tokens();
    let value = match mode {
        Mode::Panic => quote!(::sfn::__workflow::fallback()),
        Mode::Try => quote!(::sfn::__workflow::try_fallback()),
    };
    let keep = if exprs.is_empty() {
        quote!()
    } else {
        quote!(let _ = || { #( let _ = &(#exprs); )* };)
    };
    quote!({ #errors #keep #value })
}

/// The expansion after a panic inside the macro (a bug): one error at the call.
pub fn internal_error(mode: Mode) -> TokenStream {
    let mut errs = Errors::default();
    errs.error(
        Span::call_site(),
        "internal error in workflow!, please report it at https://github.com/sfn-rs/sfn/issues",
        "the definition could not be checked; `sfn validate` on the same JSON may say more",
    );
    fallback(&errs, mode, &[])
}
