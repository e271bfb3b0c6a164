//! Compile-time checked expressions for [`sfn`](https://docs.rs/sfn): `path!`, `intrinsic!` and
//! `jsonata!`.
//!
//! Each macro takes one string literal, checks it with the same parser `sfn` uses at run time
//! ([`sfn_dsl::path`]) and expands to code that builds the typed value. A bad expression is a
//! compile error that names the byte offset of the problem (and points into the literal where
//! the compiler allows it), so a typo in a JSONPath never reaches AWS.
//!
//! Use the macros through the `sfn` facade (`sfn::path!`): the expansion refers to
//! `::sfn::path`.
//!
//! ```
//! use sfn::{intrinsic, jsonata, path};
//!
//! let status = path!("$.detail.status");
//! assert_eq!(status.as_str(), "$.detail.status");
//! let token = path!("$$.Task.Token");
//! assert!(token.is_context());
//! let greeting = intrinsic!("States.Format('Hello {}', $.name)");
//! assert_eq!(greeting.args().len(), 2);
//! let total = jsonata!("$sum($states.input.items.price)");
//! assert_eq!(total.as_str(), "{% $sum($states.input.items.price) %}");
//! ```
//!
//! The layout follows serde_derive: `parse` reads the input, `check` runs the `sfn-dsl`
//! parser and maps its error to a span, `expand` writes the code.

mod check;
mod expand;
mod parse;

use proc_macro::TokenStream;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs one macro; a panic (a bug in sfn-macros) becomes a compile error instead of an ICE-like
/// "proc macro panicked".
fn guarded(kind: check::Kind, input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    match catch_unwind(AssertUnwindSafe(|| expand::run(kind, input))) {
        Ok(tokens) => tokens.into(),
        Err(_) => quote::quote! {
            ::core::compile_error!("internal error in sfn-macros (this is a bug, please report it)")
        }
        .into(),
    }
}

/// A JSONPath checked at compile time; evaluates to a `sfn::path::Path`.
///
/// Accepts everything [`Path::parse`](sfn_dsl::path::Path::parse) accepts: input paths (`$.a.b`),
/// context paths (`$$.Execution.Id`) and variables (`$order.id`).
///
/// ```
/// use sfn::path;
///
/// let p = path!("$.orders[0]['order-id']");
/// assert_eq!(p.as_str(), "$.orders[0]['order-id']");
/// assert_eq!(path!("$total").variable(), Some("total"));
/// ```
///
/// A path that does not parse does not compile; the message gives the byte offset:
///
/// ```compile_fail
/// let p = sfn::path!("$.a b"); // error: invalid path: … at byte 3
/// ```
#[proc_macro]
pub fn path(input: TokenStream) -> TokenStream {
    guarded(check::Kind::Path, input)
}

/// An intrinsic function call checked at compile time (name, argument count, literal argument
/// types, `States.Format` placeholders); evaluates to a `sfn::path::Intrinsic`.
///
/// ```
/// use sfn::intrinsic;
/// use sfn::path::IntrinsicFn;
///
/// let id = intrinsic!("States.UUID()");
/// assert_eq!(id.function(), IntrinsicFn::Uuid);
/// ```
///
/// ```compile_fail
/// let sum = sfn::intrinsic!("States.MathAdd($.a)"); // error: takes 2 arguments, found 1
/// ```
#[proc_macro]
pub fn intrinsic(input: TokenStream) -> TokenStream {
    guarded(check::Kind::Intrinsic, input)
}

/// A JSONata expression checked at compile time; evaluates to a `sfn::path::Jsonata`.
///
/// The literal is either the bare expression (`"$states.input.id"`, wrapped as
/// `{% $states.input.id %}`) or the whole `{% … %}` string, kept as written.
///
/// ```
/// use sfn::jsonata;
///
/// assert_eq!(jsonata!("$states.input.id").as_str(), "{% $states.input.id %}");
/// assert_eq!(jsonata!("{% $x + 1 %}").expression(), "$x + 1");
/// ```
///
/// ```compile_fail
/// let j = sfn::jsonata!("1 +"); // error: invalid JSONata expression
/// ```
#[proc_macro]
pub fn jsonata(input: TokenStream) -> TokenStream {
    guarded(check::Kind::Jsonata, input)
}
