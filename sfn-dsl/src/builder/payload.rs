//! Payload templates for the builder: conversions into [`PayloadValue`], the
//! [`payload!`](crate::payload!) macro, and the `build()` check that no key ends in `.$`.

use crate::diagnostic::{Diagnostic, Pointer};
use crate::fields::names as k;
use crate::model::{Catcher, ItemSelector, QueryLanguage, State, StateMachine, States};
use crate::path::{Intrinsic, Path};
use crate::payload::{Literal, PayloadValue};

variant_from!(PayloadValue {
    /// A path value: written as `"Key.$": "<path>"`.
    Path => Expr(into),
    /// An intrinsic function value: written as `"Key.$": "States.…(…)"`.
    Intrinsic => Expr(into),
    i32 => Literal(into),
    u32 => Literal(into),
    u64 => Literal(into),
    /// A number; NaN and the infinities (not representable in JSON) become `null`.
    f64 => Literal(into),
});

impl<T: Into<PayloadValue>> From<Vec<T>> for PayloadValue {
    fn from(items: Vec<T>) -> Self {
        PayloadValue::Array(items.into_iter().map(Into::into).collect())
    }
}

/// True when a payload key ends in `.$` (used by [`payload!`](crate::payload!) at compile time).
#[doc(hidden)]
pub const fn __key_is_dynamic(key: &str) -> bool {
    let b = key.as_bytes();
    b.len() >= 2 && b[b.len() - 2] == b'.' && b[b.len() - 1] == b'$'
}

/// Builds a [`PayloadValue`] object: `payload! { "Key": value, … }`.
///
/// Each value is converted with `Into<PayloadValue>`: a literal (`&str`, number, `bool`,
/// `serde_json::Value`), or a [`Path`], [`Intrinsic`](crate::path::Intrinsic),
/// [`Expr`](crate::path::Expr) or [`Jsonata`](crate::path::Jsonata). `{ … }` nests an object,
/// `[ … ]` an array and `null` is JSON null. Keys never carry `.$`: a value that is a path or an
/// intrinsic is written as `"Key.$"` by itself, and a key that ends in `.$` does not compile.
///
/// ```
/// use sfn::payload;
/// use sfn::path::{Intrinsic, Path};
///
/// let p = payload! {
///     "JobId": Path::parse("$.guid.jobId").unwrap(),
///     "Region": "eu-west-1",
///     "Retries": 3,
///     "Nested": { "Token": Path::context().field("Task").field("Token"), "Id": Intrinsic::uuid() },
///     "Tags": ["a", Path::input().field("tag")],
///     "Nothing": null,
/// };
/// assert_eq!(
///     sfn::serde_json::to_value(&p).unwrap(),
///     sfn::serde_json::json!({
///         "JobId.$": "$.guid.jobId",
///         "Region": "eu-west-1",
///         "Retries": 3,
///         "Nested": { "Token.$": "$$.Task.Token", "Id.$": "States.UUID()" },
///         "Tags": ["a", "$.tag"],
///         "Nothing": null
///     })
/// );
/// ```
///
/// (Inside an array an expression is written as its text: ASL has no `.$` for array items.)
///
/// ```compile_fail
/// let p = sfn::payload! { "JobId.$": "$.id" }; // error: a payload key never ends in `.$`
/// ```
#[macro_export]
macro_rules! payload {
    () => { $crate::payload::PayloadValue::Object(::std::vec::Vec::new()) };
    ($($body:tt)+) => {{
        #[allow(unused_mut)]
        let mut members: ::std::vec::Vec<(::std::string::String, $crate::payload::PayloadValue)> =
            ::std::vec::Vec::with_capacity($crate::__payload_count!($($body)+));
        $crate::__payload_members!(members; $($body)+);
        $crate::payload::PayloadValue::Object(members)
    }};
}

/// Implementation detail of [`payload!`](crate::payload!): object members.
#[doc(hidden)]
#[macro_export]
macro_rules! __payload_members {
    ($m:ident;) => {};
    ($m:ident; $key:literal : { $($inner:tt)* } $(, $($rest:tt)*)?) => {
        $crate::__payload_key!($m; $key; $crate::payload!($($inner)*));
        $crate::__payload_members!($m; $($($rest)*)?);
    };
    ($m:ident; $key:literal : [ $($inner:tt)* ] $(, $($rest:tt)*)?) => {
        $crate::__payload_key!($m; $key; $crate::__payload_array!($($inner)*));
        $crate::__payload_members!($m; $($($rest)*)?);
    };
    ($m:ident; $key:literal : null $(, $($rest:tt)*)?) => {
        $crate::__payload_key!($m; $key; $crate::payload::PayloadValue::Literal(::core::default::Default::default()));
        $crate::__payload_members!($m; $($($rest)*)?);
    };
    ($m:ident; $key:literal : $value:expr $(, $($rest:tt)*)?) => {
        $crate::__payload_key!($m; $key; ::core::convert::Into::<$crate::payload::PayloadValue>::into($value));
        $crate::__payload_members!($m; $($($rest)*)?);
    };
}

/// Implementation detail of [`payload!`](crate::payload!) and [`literal!`](crate::literal!):
/// the number of members of an object (a constant), so that its vector is allocated once.
/// Malformed members count as none: the macros' member rules report them.
#[doc(hidden)]
#[macro_export]
macro_rules! __payload_count {
    () => { 0usize };
    ($key:literal : { $($inner:tt)* } $(, $($rest:tt)*)?) => {
        1usize + $crate::__payload_count!($($($rest)*)?)
    };
    ($key:literal : [ $($inner:tt)* ] $(, $($rest:tt)*)?) => {
        1usize + $crate::__payload_count!($($($rest)*)?)
    };
    ($key:literal : $value:expr $(, $($rest:tt)*)?) => {
        1usize + $crate::__payload_count!($($($rest)*)?)
    };
    ($($other:tt)+) => { 0usize };
}

/// Implementation detail of [`payload!`](crate::payload!): the number of items of an array.
#[doc(hidden)]
#[macro_export]
macro_rules! __payload_count_items {
    () => { 0usize };
    ({ $($inner:tt)* } $(, $($rest:tt)*)?) => {
        1usize + $crate::__payload_count_items!($($($rest)*)?)
    };
    ([ $($inner:tt)* ] $(, $($rest:tt)*)?) => {
        1usize + $crate::__payload_count_items!($($($rest)*)?)
    };
    ($value:expr $(, $($rest:tt)*)?) => {
        1usize + $crate::__payload_count_items!($($($rest)*)?)
    };
}

/// Implementation detail of [`payload!`](crate::payload!): one member, with the key check.
#[doc(hidden)]
#[macro_export]
macro_rules! __payload_key {
    ($m:ident; $key:literal; $value:expr) => {
        const {
            ::core::assert!(
                !$crate::builder::__key_is_dynamic($key),
                "a payload key never ends in `.$`: write the key without it; a path or intrinsic value gets `.$` by itself"
            )
        };
        $m.push((::std::string::String::from($key), $value));
    };
}

/// Implementation detail of [`payload!`](crate::payload!): array items.
#[doc(hidden)]
#[macro_export]
macro_rules! __payload_array {
    ($($body:tt)*) => {{
        #[allow(unused_mut)]
        let mut items: ::std::vec::Vec<$crate::payload::PayloadValue> =
            ::std::vec::Vec::with_capacity($crate::__payload_count_items!($($body)*));
        $crate::__payload_items!(items; $($body)*);
        $crate::payload::PayloadValue::Array(items)
    }};
}

/// Implementation detail of [`payload!`](crate::payload!): array items, one at a time.
#[doc(hidden)]
#[macro_export]
macro_rules! __payload_items {
    ($v:ident;) => {};
    ($v:ident; { $($inner:tt)* } $(, $($rest:tt)*)?) => {
        $v.push($crate::payload!($($inner)*));
        $crate::__payload_items!($v; $($($rest)*)?);
    };
    ($v:ident; [ $($inner:tt)* ] $(, $($rest:tt)*)?) => {
        $v.push($crate::__payload_array!($($inner)*));
        $crate::__payload_items!($v; $($($rest)*)?);
    };
    ($v:ident; null $(, $($rest:tt)*)?) => {
        $v.push($crate::payload::PayloadValue::Literal(::core::default::Default::default()));
        $crate::__payload_items!($v; $($($rest)*)?);
    };
    ($v:ident; $value:expr $(, $($rest:tt)*)?) => {
        $v.push(::core::convert::Into::<$crate::payload::PayloadValue>::into($value));
        $crate::__payload_items!($v; $($($rest)*)?);
    };
}

/// Builds a [`Literal`] with the syntax of `serde_json::json!`, objects keeping the order in
/// which their members are written: `literal!({ "Key": value, … })`, `literal!([ … ])` or
/// `literal!(value)`.
///
/// A value is `null`, a nested `{ … }` object or `[ … ]` array, or any Rust expression that
/// converts into a [`Literal`] (`&str`, `String`, numbers, `bool`, `Option`, `Vec`, another
/// `Literal`, a `serde_json::Value`, …). Unlike a `json!` object, which is a `serde_json::Map`
/// sorted by key unless serde_json's `preserve_order` feature is on, the object keeps the written
/// order whatever the features; a repeated key keeps its first place and takes its last value.
/// A number literal is the compiler's (`1.5` is the nearest `f64`, `3` an `i32`; a larger
/// integer needs a suffix, `12_345_678_901_i64`, as in `json!`), so no text is parsed at run
/// time.
///
/// ```
/// use sfn::literal;
/// use sfn::payload::Literal;
///
/// let region = "eu-west-1";
/// let retries: u32 = 3;
/// let l = literal!({
///     "zone": region,                                 // an expression
///     "attempts": retries + 1,
///     "limits": { "memory": 512, "ratio": 0.25 },     // nested object
///     "tags": ["a", null, ["b"], { "c": true }],      // nested array
///     "none": null,
/// });
/// // The order written, not sorted by key.
/// assert_eq!(
///     l.to_string(),
///     r#"{"zone":"eu-west-1","attempts":4,"limits":{"memory":512,"ratio":0.25},"tags":["a",null,["b"],{"c":true}],"none":null}"#
/// );
/// assert_eq!(literal!([1, "two"]), Literal::from(vec![Literal::from(1), "two".into()]));
/// assert_eq!(literal!(null), Literal::Null);
/// assert_eq!(literal!("text"), Literal::from("text"));
/// ```
///
/// Keys are string literals: `json!`'s variable and expression keys (`json!({ key: 1 })`,
/// `json!({ (format!("k{i}")): 1 })`) are not accepted; build such an object with
/// [`Literal::object`] or collect it from `(key, value)` pairs.
///
/// ```compile_fail
/// let key = "name";
/// let l = sfn::literal!({ key: "x" }); // error: a key is a string literal
/// ```
#[macro_export]
macro_rules! literal {
    (null) => { $crate::payload::Literal::Null };
    ({ $($body:tt)* }) => {{
        #[allow(unused_mut)]
        let mut members: ::std::vec::Vec<(::std::string::String, $crate::payload::Literal)> =
            ::std::vec::Vec::with_capacity($crate::__payload_count!($($body)*));
        $crate::__literal_members!(members; $($body)*);
        $crate::payload::Literal::object(members)
    }};
    ([ $($body:tt)* ]) => {{
        #[allow(unused_mut)]
        let mut items: ::std::vec::Vec<$crate::payload::Literal> =
            ::std::vec::Vec::with_capacity($crate::__payload_count_items!($($body)*));
        $crate::__literal_items!(items; $($body)*);
        $crate::payload::Literal::Array(items)
    }};
    ($value:expr) => { ::core::convert::Into::<$crate::payload::Literal>::into($value) };
}

/// Implementation detail of [`literal!`](crate::literal!): object members, one at a time.
#[doc(hidden)]
#[macro_export]
macro_rules! __literal_members {
    ($m:ident;) => {};
    ($m:ident; $key:literal : { $($inner:tt)* } $(, $($rest:tt)*)?) => {
        $m.push((::std::string::String::from($key), $crate::literal!({ $($inner)* })));
        $crate::__literal_members!($m; $($($rest)*)?);
    };
    ($m:ident; $key:literal : [ $($inner:tt)* ] $(, $($rest:tt)*)?) => {
        $m.push((::std::string::String::from($key), $crate::literal!([ $($inner)* ])));
        $crate::__literal_members!($m; $($($rest)*)?);
    };
    ($m:ident; $key:literal : null $(, $($rest:tt)*)?) => {
        $m.push((::std::string::String::from($key), $crate::payload::Literal::Null));
        $crate::__literal_members!($m; $($($rest)*)?);
    };
    ($m:ident; $key:literal : $value:expr $(, $($rest:tt)*)?) => {
        $m.push((
            ::std::string::String::from($key),
            ::core::convert::Into::<$crate::payload::Literal>::into($value),
        ));
        $crate::__literal_members!($m; $($($rest)*)?);
    };
    ($m:ident; $($other:tt)+) => {
        ::core::compile_error!(
            "literal!: expected `\"key\": value`, members separated by commas; a key is a string literal (unlike `json!`, no variable or expression keys)"
        );
    };
}

/// Implementation detail of [`literal!`](crate::literal!): array items, one at a time.
#[doc(hidden)]
#[macro_export]
macro_rules! __literal_items {
    ($v:ident;) => {};
    ($v:ident; { $($inner:tt)* } $(, $($rest:tt)*)?) => {
        $v.push($crate::literal!({ $($inner)* }));
        $crate::__literal_items!($v; $($($rest)*)?);
    };
    ($v:ident; [ $($inner:tt)* ] $(, $($rest:tt)*)?) => {
        $v.push($crate::literal!([ $($inner)* ]));
        $crate::__literal_items!($v; $($($rest)*)?);
    };
    ($v:ident; null $(, $($rest:tt)*)?) => {
        $v.push($crate::payload::Literal::Null);
        $crate::__literal_items!($v; $($($rest)*)?);
    };
    ($v:ident; $value:expr $(, $($rest:tt)*)?) => {
        $v.push(::core::convert::Into::<$crate::payload::Literal>::into($value));
        $crate::__literal_items!($v; $($($rest)*)?);
    };
}

/// Every payload key of the machine's JSONPath states that ends in `.$` (`SFN007`): the builder
/// writes `.$` itself, so such a key is a leftover from hand-written ASL and would be written
/// twice or passed literally. (In a JSONata state `.$` means nothing: such a key is an
/// ordinary literal key, which AWS accepts.)
pub(crate) fn check_keys(machine: &StateMachine) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let ql = machine.query_language.unwrap_or_default();
    scope(
        &machine.states,
        &Pointer::root().push(k::States),
        ql,
        &mut out,
    );
    out
}

fn scope(states: &States, at: &Pointer, ql: QueryLanguage, out: &mut Vec<Diagnostic>) {
    for (name, state) in states.iter() {
        // Pointers are only built for a payload that has a `.$` key.
        let state_at = || at.push_str(name);
        let jsonpath = state.query_language().unwrap_or(ql) == QueryLanguage::JsonPath;
        let mut f = |field: &[&str], v: Option<&PayloadValue>| {
            if let Some(v) = v.filter(|_| jsonpath) {
                value(v, &|| field.iter().fold(state_at(), |p, t| p.push(t)), out);
            }
        };
        match state {
            State::Task(t) => {
                f(&[k::Credentials], t.credentials.as_ref());
                f(&[k::Parameters], t.parameters.as_ref());
                f(&[k::Arguments], t.arguments.as_ref());
                f(&[k::ResultSelector], t.result_selector.as_ref());
                f(&[k::Output], t.output.as_ref());
                f(&[k::Assign], t.assign.as_ref());
                catchers(t.catch.as_deref().filter(|_| jsonpath), &state_at, out);
            }
            State::Pass(p) => {
                f(&[k::Parameters], p.parameters.as_ref());
                f(&[k::Output], p.output.as_ref());
                f(&[k::Assign], p.assign.as_ref());
            }
            State::Choice(c) => {
                f(&[k::Output], c.output.as_ref());
                f(&[k::Assign], c.assign.as_ref());
                for (i, rule) in c.choices.iter().enumerate().filter(|_| jsonpath) {
                    for (field, v) in [(k::Output, &rule.output), (k::Assign, &rule.assign)] {
                        let at = || state_at().push(k::Choices).push(i).push(field);
                        v.iter().for_each(|v| value(v, &at, out));
                    }
                }
            }
            State::Wait(w) => {
                f(&[k::Output], w.output.as_ref());
                f(&[k::Assign], w.assign.as_ref());
            }
            State::Succeed(s) => f(&[k::Output], s.output.as_ref()),
            State::Fail(_) => {}
            State::Parallel(p) => {
                f(&[k::Parameters], p.parameters.as_ref());
                f(&[k::Arguments], p.arguments.as_ref());
                f(&[k::ResultSelector], p.result_selector.as_ref());
                f(&[k::Output], p.output.as_ref());
                f(&[k::Assign], p.assign.as_ref());
                catchers(p.catch.as_deref().filter(|_| jsonpath), &state_at, out);
                for (i, b) in p.branches.iter().enumerate() {
                    scope(
                        &b.states,
                        &state_at().push(k::Branches).push(i).push(k::States),
                        ql,
                        out,
                    );
                }
            }
            State::Map(m) => {
                f(&[k::Items], m.items.as_ref());
                match &m.item_selector {
                    Some(ItemSelector::ItemSelector(t)) => f(&[k::ItemSelector], Some(t)),
                    Some(ItemSelector::Parameters(t)) => f(&[k::Parameters], Some(t)),
                    None => {}
                }
                if let Some(r) = &m.item_reader {
                    f(&[k::ItemReader, k::Parameters], r.parameters.as_ref());
                    f(&[k::ItemReader, k::Arguments], r.arguments.as_ref());
                }
                if let Some(b) = &m.item_batcher {
                    f(&[k::ItemBatcher, k::BatchInput], b.batch_input.as_ref());
                }
                if let Some(w) = &m.result_writer {
                    f(&[k::ResultWriter, k::Parameters], w.parameters.as_ref());
                    f(&[k::ResultWriter, k::Arguments], w.arguments.as_ref());
                }
                f(&[k::Arguments], m.arguments.as_ref());
                f(&[k::ResultSelector], m.result_selector.as_ref());
                f(&[k::Output], m.output.as_ref());
                f(&[k::Assign], m.assign.as_ref());
                catchers(m.catch.as_deref().filter(|_| jsonpath), &state_at, out);
                let processor = m.processor.get();
                scope(
                    &processor.states,
                    &state_at().push(k::ItemProcessor).push(k::States),
                    ql,
                    out,
                );
            }
        }
    }
}

fn catchers(catch: Option<&[Catcher]>, at: &dyn Fn() -> Pointer, out: &mut Vec<Diagnostic>) {
    for (i, c) in catch.unwrap_or_default().iter().enumerate() {
        for (field, v) in [(k::Output, &c.output), (k::Assign, &c.assign)] {
            let at = || at().push(k::Catch).push(i).push(field);
            v.iter().for_each(|v| value(v, &at, out));
        }
    }
}

/// The findings about the keys of a payload that end in `.$`, literal objects included; `at`
/// gives its pointer, only built for such a key.
fn value(v: &PayloadValue, at: &dyn Fn() -> Pointer, out: &mut Vec<Diagnostic>) {
    match v {
        PayloadValue::Object(members) => {
            for (k, v) in members {
                key(k, at, out);
                value(v, &|| at().push(k), out);
            }
        }
        PayloadValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                value(item, &|| at().push(i), out);
            }
        }
        PayloadValue::Literal(v) => literal(v, at, out),
        PayloadValue::Expr(_) | PayloadValue::Jsonata(_) => {}
    }
}

fn literal(v: &Literal, at: &dyn Fn() -> Pointer, out: &mut Vec<Diagnostic>) {
    match v {
        Literal::Object(members) => {
            for (k, v) in members {
                key(k, at, out);
                literal(v, &|| at().push(k), out);
            }
        }
        Literal::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                literal(item, &|| at().push(i), out);
            }
        }
        _ => {}
    }
}

fn key(k: &str, at: &dyn Fn() -> Pointer, out: &mut Vec<Diagnostic>) {
    if k.ends_with(".$") {
        out.extend(crate::validate::rules::schema::dollar_key(k, &at()));
    }
}
