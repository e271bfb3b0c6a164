//! What every state builder shares: conversions into paths, expressions and `…`/`…Path`
//! values, deferred errors, and the setter macros for the fields several states have.

use crate::diagnostic::{Diagnostic, Pointer};
use crate::model::Dynamic;
use crate::path::{Expr, Intrinsic, Jsonata, Path, PathError};

/// A path given as text that does not parse; reported by `build()` as `SFN027`.
#[derive(Debug, Clone, PartialEq)]
pub struct BadPath {
    /// The text as given.
    pub text: String,
    /// What is wrong with it.
    pub error: PathError,
}

/// Anything a path-taking setter accepts: a [`Path`] (stored as it is, e.g. from `path!`) or
/// text, parsed with [`Path::parse`]; a parse error is reported by `build()` with the JSON
/// pointer of the field, so setters never fail.
///
/// ```
/// use sfn::builder::IntoPath;
/// use sfn::path::Path;
///
/// assert_eq!("$.a".into_path().unwrap(), Path::parse("$.a").unwrap());
/// assert_eq!(Path::context().field("Task").into_path().unwrap().as_str(), "$$.Task");
/// assert_eq!("$.a b".into_path().unwrap_err().error.offset, 3);
/// ```
pub trait IntoPath {
    /// The path, or the text with its parse error.
    fn into_path(self) -> Result<Path, BadPath>;
}

impl IntoPath for Path {
    fn into_path(self) -> Result<Path, BadPath> {
        Ok(self)
    }
}

impl IntoPath for &Path {
    fn into_path(self) -> Result<Path, BadPath> {
        Ok(self.clone())
    }
}

impl IntoPath for &str {
    fn into_path(self) -> Result<Path, BadPath> {
        Path::parse(self).map_err(|error| BadPath {
            text: self.to_string(),
            error,
        })
    }
}

impl IntoPath for String {
    fn into_path(self) -> Result<Path, BadPath> {
        self.as_str().into_path()
    }
}

impl IntoPath for &String {
    fn into_path(self) -> Result<Path, BadPath> {
        self.as_str().into_path()
    }
}

/// Anything an expression-taking setter (`ErrorPath`, `CausePath`) accepts: a [`Path`], an
/// [`Intrinsic`], an [`Expr`], or text parsed with [`Expr::parse`] (errors deferred to
/// `build()`).
///
/// ```
/// use sfn::builder::IntoExpr;
/// use sfn::path::{Expr, Intrinsic};
///
/// assert!(matches!("States.UUID()".into_expr(), Ok(Expr::Intrinsic(_))));
/// assert!(matches!(Intrinsic::uuid().into_expr(), Ok(Expr::Intrinsic(_))));
/// assert!("$.a[".into_expr().is_err());
/// ```
pub trait IntoExpr {
    /// The expression, or the text with its parse error.
    fn into_expr(self) -> Result<Expr, BadPath>;
}

impl IntoExpr for Expr {
    fn into_expr(self) -> Result<Expr, BadPath> {
        Ok(self)
    }
}

impl IntoExpr for Path {
    fn into_expr(self) -> Result<Expr, BadPath> {
        Ok(Expr::Path(self))
    }
}

impl IntoExpr for Intrinsic {
    fn into_expr(self) -> Result<Expr, BadPath> {
        Ok(Expr::Intrinsic(self))
    }
}

impl IntoExpr for &str {
    fn into_expr(self) -> Result<Expr, BadPath> {
        Expr::parse(self).map_err(|error| BadPath {
            text: self.to_string(),
            error,
        })
    }
}

impl IntoExpr for String {
    fn into_expr(self) -> Result<Expr, BadPath> {
        self.as_str().into_expr()
    }
}

/// A value for a field that takes a literal or, in JSONata states, a `{% … %}` expression:
/// `Seconds`, `Timestamp`, `TimeoutSeconds`, `MaxConcurrency`, `Error`, ….
///
/// ```
/// use sfn::builder::IntoDynamic;
/// use sfn::model::Dynamic;
/// use sfn::path::Jsonata;
///
/// assert_eq!(IntoDynamic::<i64>::into_dynamic(30), Dynamic::Value(30));
/// let j = Jsonata::new("$states.input.delay").unwrap();
/// assert!(matches!(IntoDynamic::<i64>::into_dynamic(j), Dynamic::Jsonata(_)));
/// ```
pub trait IntoDynamic<T> {
    /// The literal or JSONata form of the field.
    fn into_dynamic(self) -> Dynamic<T>;
}

impl IntoDynamic<i64> for i64 {
    fn into_dynamic(self) -> Dynamic<i64> {
        Dynamic::Value(self)
    }
}

impl IntoDynamic<f64> for f64 {
    fn into_dynamic(self) -> Dynamic<f64> {
        Dynamic::Value(self)
    }
}

impl IntoDynamic<f64> for i32 {
    fn into_dynamic(self) -> Dynamic<f64> {
        Dynamic::Value(f64::from(self))
    }
}

impl IntoDynamic<String> for &str {
    fn into_dynamic(self) -> Dynamic<String> {
        Dynamic::Value(self.to_string())
    }
}

impl IntoDynamic<String> for String {
    fn into_dynamic(self) -> Dynamic<String> {
        Dynamic::Value(self)
    }
}

impl<T> IntoDynamic<T> for Jsonata {
    fn into_dynamic(self) -> Dynamic<T> {
        Dynamic::Jsonata(self)
    }
}

/// The diagnostic for a bad path or expression at `pointer`.
pub(crate) fn bad_path(pointer: impl Into<String>, field: &str, bad: BadPath) -> Diagnostic {
    crate::validate::rules::paths::unparsed(
        pointer,
        &bad.text,
        &bad.error,
        format!("`{field}` is not valid: \"{}\": {}", bad.text, bad.error),
        "fix the text, or use `path!`/`intrinsic!` to have it checked at compile time",
    )
}

/// A path or expression converted for the field `field` ([`IntoPath::into_path`],
/// [`IntoExpr::into_expr`]), or `None` with its parse error recorded under `/field`.
pub(crate) fn parsed<T>(
    errs: &mut Vec<Diagnostic>,
    field: &str,
    value: Result<T, BadPath>,
) -> Option<T> {
    value
        .map_err(|bad| errs.push(bad_path(Pointer::root().push(field), field, bad)))
        .ok()
}

/// The ASL name of a field from the name of its setter, which is the name in snake case:
/// `timeout_seconds_path` is `TimeoutSecondsPath`.
pub(crate) fn asl_name(setter: &str) -> String {
    let mut name = String::with_capacity(setter.len());
    for word in setter.split('_') {
        let mut chars = word.chars();
        name.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        name.extend(chars);
    }
    name
}

/// Moves relative diagnostics under `prefix` (a JSON pointer).
pub(crate) fn prefixed(
    prefix: &str,
    errs: impl IntoIterator<Item = Diagnostic>,
) -> impl Iterator<Item = Diagnostic> {
    errs.into_iter().map(move |mut d| {
        d.pointer = format!("{prefix}{}", d.pointer);
        d
    })
}

/// The setters of the fields several state types share, by group: `basic`, `comment` and
/// `query_language` (every state); `io`, `input_path`, `output_path` (and their `_null` forms)
/// and `output` (every state but Fail); `assign` (every state but Succeed and Fail); `result`,
/// `result_selector` and the `result_path` group (Task, Parallel and Map); `result_path`,
/// `result_path` and `result_path_null` (Task, Pass, Parallel and Map); `arguments` (Task,
/// Parallel, Map and the Map's parts); `parameters` (Task, Pass, Parallel and the Map's parts).
macro_rules! shared_setters {
    ($g:tt $ty:ty: $($group:ident),*) => {
        $($crate::builder::common::shared_setters!(@$group $g $ty);)*
    };
    (@basic $g:tt $ty:ty) => {
        $crate::builder::common::setters!($g $ty {
            /// `Comment`: a human-readable description of the state.
            pub fn comment(mut self, comment: impl Into<String>) -> Self => comment = comment.into();
            /// `QueryLanguage` of this state, overriding the machine's (`JSONPath` by default).
            pub fn query_language(mut self, query_language: $crate::model::QueryLanguage) -> Self
                => query_language = query_language;
        });
    };
    (@io $g:tt $ty:ty) => {
        $crate::builder::common::nullable_path_setters!($g $ty {
            /// `InputPath` (JSONPath): the part of the input the state works on. A `&str` is
            /// parsed; an error is reported by `build()`.
            pub fn input_path(mut self, path: impl IntoPath) -> Self;
            /// `"InputPath": null`: the state gets `{}` as its input.
            pub fn input_path_null(mut self) -> Self;
            /// `OutputPath` (JSONPath): the part of the state's output passed on.
            pub fn output_path(mut self, path: impl IntoPath) -> Self;
            /// `"OutputPath": null`: the state passes `{}` on.
            pub fn output_path_null(mut self) -> Self;
        });
        $crate::builder::common::setters!($g $ty {
            /// `Output` (JSONata): the state's output, a value or a `{% … %}` expression.
            pub fn output(mut self, output: impl Into<$crate::payload::PayloadValue>) -> Self
                => output = output.into();
        });
    };
    (@assign $g:tt $ty:ty) => {
        $crate::builder::common::setters!($g $ty {
            /// `Assign`: variables to set, as a payload (`payload! { "count": 0 }`); a value
            /// that is a path or an intrinsic is written with `.$` by itself.
            pub fn assign(mut self, assign: impl Into<$crate::payload::PayloadValue>) -> Self
                => assign = assign.into();
        });
    };
    (@result $g:tt $ty:ty) => {
        $crate::builder::common::setters!($g $ty {
            /// `ResultSelector` (JSONPath): a payload template applied to the result.
            pub fn result_selector(mut self, template: impl Into<$crate::payload::PayloadValue>) -> Self
                => result_selector = template.into();
        });
        $crate::builder::common::shared_setters!(@result_path $g $ty);
    };
    (@result_path $g:tt $ty:ty) => {
        $crate::builder::common::nullable_path_setters!($g $ty {
            /// `ResultPath` (JSONPath): where the result goes in the input (a reference path).
            pub fn result_path(mut self, path: impl IntoPath) -> Self;
            /// `"ResultPath": null`: discard the result and pass the input on.
            pub fn result_path_null(mut self) -> Self;
        });
    };
    (@arguments $g:tt $ty:ty) => {
        $crate::builder::common::setters!($g $ty {
            /// `Arguments` (JSONata): the input of the work, a value or `{% … %}` expressions.
            pub fn arguments(mut self, arguments: impl Into<$crate::payload::PayloadValue>) -> Self
                => arguments = arguments.into();
        });
    };
    (@parameters $g:tt $ty:ty) => {
        $crate::builder::common::setters!($g $ty {
            /// `Parameters` (JSONPath): a payload template; values that are paths or
            /// intrinsics get their `Key.$` by themselves (see [`payload!`](crate::payload!)).
            pub fn parameters(mut self, template: impl Into<$crate::payload::PayloadValue>) -> Self
                => parameters = template.into();
        });
    };
}

/// Pairs of setters for a path field that may be `null` (`InputPath`, `OutputPath`,
/// `ResultPath`): the first stores the path, or reports a path that does not parse under the
/// field's ASL name ([`asl_name`] of the setter); the second stores `null`. Like
/// [`dynamic_setters`], the invocation writes each signature with its doc comment.
macro_rules! nullable_path_setters {
    ([$($g:tt)*] $ty:ty { $(
        $(#[$doc:meta])*
        pub fn $name:ident(mut self, path: impl IntoPath) -> Self;
        $(#[$null_doc:meta])*
        pub fn $null:ident(mut self) -> Self;
    )* }) => {
        impl<$($g)*> $ty { $(
            $(#[$doc])*
            pub fn $name(mut self, path: impl $crate::builder::IntoPath) -> Self {
                let field = $crate::builder::common::asl_name(stringify!($name));
                if let Some(p) = $crate::builder::common::parsed(&mut self.errs, &field, $crate::builder::IntoPath::into_path(path)) {
                    self.inner.$name = Some($crate::model::Nullable::Value(p));
                }
                self
            }

            $(#[$null_doc])*
            pub fn $null(mut self) -> Self {
                self.inner.$name = Some($crate::model::Nullable::Null);
                self
            }
        )* }
    };
}

/// `retry` and `catch`: Task, Parallel and Map.
macro_rules! error_setters {
    ($ty:ident) => {
        impl<'s, T, D> $ty<'s, T, D> {
            /// Appends a `Retry` entry. Entries for `States.ALL` are moved after the others
            /// (keeping their order), where AWS requires them.
            pub fn retry(mut self, retry: $crate::builder::Retry) -> Self {
                self.catching.retriers.push(retry.into());
                self
            }

            /// `"Retry": []`: an explicitly empty list, which AWS treats like no `Retry` at
            /// all; it exists to reproduce such a definition field for field (`sfn import`
            /// writes it). Entries added with `retry` replace it.
            pub fn empty_retry(mut self) -> Self {
                self.inner.retry = Some(Vec::new());
                self
            }

            /// `"Catch": []`: an explicitly empty list, which AWS treats like no `Catch` at
            /// all; it exists to reproduce such a definition field for field (`sfn import`
            /// writes it). Entries added with `catch` replace it.
            pub fn empty_catch(mut self) -> Self {
                self.inner.catch = Some(Vec::new());
                self
            }

            /// Appends a `Catch` entry (it needs `.next(state)`). Entries for `States.ALL` are
            /// moved after the others (keeping their order), where AWS requires them.
            pub fn catch<N>(mut self, catch: $crate::builder::Catch<'s, N, D>) -> Self
            where
                N: $crate::builder::CatchRouted,
            {
                self.catching.catchers.push(catch.into_entry());
                self
            }
        }
    };
}

/// Pairs of setters for a field with a `…Path` twin (`TimeoutSeconds`/`TimeoutSecondsPath`,
/// …), both storing into the model field named like the first setter; a path that does not
/// parse is reported under the field's ASL name ([`asl_name`] of the second setter). The
/// invocation writes each signature in full, with its doc comment, so rustdoc and the
/// compiler's notes on a wrong argument show the signature as written there; the macro adds
/// only the bodies.
macro_rules! dynamic_setters {
    ([$($g:tt)*] $ty:ty { $(
        $(#[$value_doc:meta])*
        pub fn $value:ident(mut self, $v:ident: $v_ty:ty) -> Self;
        $(#[$path_doc:meta])*
        pub fn $path:ident(mut self, $p:ident: $p_ty:ty) -> Self;
    )* }) => {
        impl<$($g)*> $ty { $(
            $(#[$value_doc])*
            pub fn $value(mut self, $v: $v_ty) -> Self {
                self.inner.$value = Some($crate::builder::IntoDynamic::into_dynamic($v));
                self
            }

            $(#[$path_doc])*
            pub fn $path(mut self, $p: $p_ty) -> Self {
                let field = $crate::builder::common::asl_name(stringify!($path));
                if let Some(p) = $crate::builder::common::parsed(&mut self.errs, &field, $crate::builder::IntoPath::into_path($p)) {
                    self.inner.$value = Some($crate::model::Dynamic::Path($crate::path::Expr::Path(p)));
                }
                self
            }
        )* }
    };
}

/// Setters that store their argument, converted by the expression after `=>`, as `Some` in a
/// model field: `self.inner.field`, `self.via().field` with `via via`, or `self.field` with
/// `on self`. Like
/// [`dynamic_setters`], the invocation writes each signature in full, with its doc comment; the
/// macro adds only the bodies.
macro_rules! setters {
    ([$($g:tt)*] $ty:ty { $($body:tt)* }) => {
        $crate::builder::common::setters!(@impl [$($g)*] $ty, [] { $($body)* });
    };
    ([$($g:tt)*] $ty:ty, via $via:ident { $($body:tt)* }) => {
        $crate::builder::common::setters!(@impl [$($g)*] $ty, [$via] { $($body)* });
    };
    ([$($g:tt)*] $ty:ty, on self { $($body:tt)* }) => {
        $crate::builder::common::setters!(@impl [$($g)*] $ty, [@self] { $($body)* });
    };
    (@impl [$($g:tt)*] $ty:ty, $via:tt { $(
        $(#[$doc:meta])*
        pub fn $name:ident(mut self, $v:ident: $v_ty:ty) -> Self => $field:ident = $value:expr;
    )* }) => {
        impl<$($g)*> $ty { $(
            $(#[$doc])*
            pub fn $name(mut self, $v: $v_ty) -> Self {
                $crate::builder::common::setters!(@place self $via).$field = Some($value);
                self
            }
        )* }
    };
    (@place $self:ident []) => { $self.inner };
    (@place $self:ident [@self]) => { $self };
    (@place $self:ident [$via:ident]) => { $self.$via() };
}

pub(crate) use {dynamic_setters, error_setters, nullable_path_setters, setters, shared_setters};

#[cfg(test)]
mod tests {
    use super::asl_name;

    #[test]
    fn asl_names_of_the_path_setters() {
        for (setter, field) in [
            ("timeout_seconds_path", "TimeoutSecondsPath"),
            ("heartbeat_seconds_path", "HeartbeatSecondsPath"),
            ("max_concurrency_path", "MaxConcurrencyPath"),
            (
                "tolerated_failure_percentage_path",
                "ToleratedFailurePercentagePath",
            ),
            ("tolerated_failure_count_path", "ToleratedFailureCountPath"),
            ("max_items_per_batch_path", "MaxItemsPerBatchPath"),
            (
                "max_input_bytes_per_batch_path",
                "MaxInputBytesPerBatchPath",
            ),
        ] {
            assert_eq!(asl_name(setter), field);
        }
    }
}
