//! The typed Amazon States Language (ASL) model behind `sfn`: states, paths, payload templates,
//! lossless JSON import/export and the validator.
//!
//! Most users depend on the `sfn` facade crate, which re-exports this one.
//!
//! ```
//! use sfn::model::StateMachine;
//!
//! let text = r#"{"StartAt": "Hi", "States": {"Hi": {"Type": "Pass", "End": true}}}"#;
//! let machine = StateMachine::from_json(text).unwrap();
//! assert!(sfn::validate::validate(&machine).is_empty());
//! let back = sfn::serde_json::to_value(&machine).unwrap();
//! assert_eq!(back, sfn::serde_json::from_str::<sfn::serde_json::Value>(text).unwrap());
//! ```

/// `impl From<T> for $ty` for each `T => Variant`: the value in the variant `$ty::Variant`,
/// converted with `Into` when written `T => Variant(into)` (any method of no arguments goes
/// in the parentheses). Doc comments before an entry go on its `from`.
macro_rules! variant_from {
    ($ty:ident { $($(#[$doc:meta])* $t:ty => $variant:ident $(($conv:ident))?,)* }) => {$(
        impl From<$t> for $ty {
            $(#[$doc])*
            fn from(v: $t) -> Self {
                $ty::$variant(v $(.$conv())?)
            }
        }
    )*};
}

#[doc(hidden)]
pub mod __workflow;
pub mod builder;
pub mod diagnostic;
pub mod fields;
pub(crate) mod hash;
pub mod import;
pub mod json;
pub mod levels;
pub mod model;
pub mod path;
pub mod payload;
pub mod rules;
pub mod validate;

pub use diagnostic::{Diagnostic, Diagnostics, Pointer, Severity, Span};
pub use model::StateMachine;
pub use rules::Code;
