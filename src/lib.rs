#![doc = include_str!("../README.md")]

pub use sfn_dsl::diagnostic::{Diagnostic, Diagnostics, Severity};
pub use sfn_dsl::model::*;
pub use sfn_dsl::path::{Expr, Intrinsic, IntrinsicFn, Jsonata, Path, PathError};
pub use sfn_dsl::payload::PayloadValue;
pub use sfn_dsl::rules::Code;
pub use sfn_dsl::validate::validate;
pub use sfn_dsl::{import, json, model, path, payload, rules, validate};

pub use sfn_codegen::to_json_pretty;
