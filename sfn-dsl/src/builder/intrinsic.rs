//! Typed constructors of the `States.*` intrinsic functions, and conversions into [`Arg`].

use crate::path::{Arg, Intrinsic, IntrinsicFn, Path, PathError};

variant_from!(Arg {
    /// A path argument (`$.name`), written as is.
    Path => Path,
    /// A nested call.
    Intrinsic => Intrinsic(into),
    /// A string literal (`'…'`, escaped when written); not parsed as a path.
    &str => String(to_string),
    /// A string literal (`'…'`, escaped when written); not parsed as a path.
    String => String,
    i32 => Number(into),
    i64 => Number(into),
    bool => Bool,
});

fn call(function: IntrinsicFn, args: Vec<Arg>) -> Result<Intrinsic, PathError> {
    Intrinsic::new(function, args)
}

/// Typed constructors. Each checks arity and literal argument types like
/// [`Intrinsic::parse`] and renders the canonical text; those that cannot fail return the
/// call directly.
///
/// ```
/// use sfn::path::{Arg, Intrinsic, Path};
///
/// let name = Path::parse("$.name").unwrap();
/// assert_eq!(Intrinsic::format("Hello {}", [name.clone()]).unwrap().as_str(),
///            "States.Format('Hello {}', $.name)");
/// assert_eq!(Intrinsic::uuid().as_str(), "States.UUID()");
/// assert_eq!(Intrinsic::math_add(Path::parse("$.n").unwrap(), 1).unwrap().as_str(),
///            "States.MathAdd($.n, 1)");
/// assert_eq!(Intrinsic::array([Arg::from("a"), Arg::from(name)]).as_str(),
///            "States.Array('a', $.name)");
/// assert!(Intrinsic::format("{} and {}", [Arg::from(1)]).is_err()); // 2 placeholders, 1 value
/// ```
impl Intrinsic {
    /// `States.Format(template, values…)`: each `{}` of `template` is replaced by the next value.
    pub fn format<A: Into<Arg>>(
        template: &str,
        values: impl IntoIterator<Item = A>,
    ) -> Result<Intrinsic, PathError> {
        let mut args = vec![Arg::String(template.to_string())];
        args.extend(values.into_iter().map(Into::into));
        call(IntrinsicFn::Format, args)
    }

    /// `States.StringToJson(string)`.
    pub fn string_to_json(string: impl Into<Arg>) -> Result<Intrinsic, PathError> {
        call(IntrinsicFn::StringToJson, vec![string.into()])
    }

    /// `States.JsonToString(value)`.
    pub fn json_to_string(value: impl Into<Arg>) -> Intrinsic {
        call(IntrinsicFn::JsonToString, vec![value.into()])
            .unwrap_or_else(|_| unreachable!("States.JsonToString takes any one argument"))
    }

    /// `States.Array(values…)`.
    pub fn array<A: Into<Arg>>(values: impl IntoIterator<Item = A>) -> Intrinsic {
        call(
            IntrinsicFn::Array,
            values.into_iter().map(Into::into).collect(),
        )
        .unwrap_or_else(|_| unreachable!("States.Array takes any arguments"))
    }

    /// `States.ArrayPartition(array, size)`.
    pub fn array_partition(
        array: impl Into<Arg>,
        size: impl Into<Arg>,
    ) -> Result<Intrinsic, PathError> {
        call(IntrinsicFn::ArrayPartition, vec![array.into(), size.into()])
    }

    /// `States.ArrayContains(array, value)`.
    pub fn array_contains(
        array: impl Into<Arg>,
        value: impl Into<Arg>,
    ) -> Result<Intrinsic, PathError> {
        call(IntrinsicFn::ArrayContains, vec![array.into(), value.into()])
    }

    /// `States.ArrayRange(first, last, step)`.
    pub fn array_range(
        first: impl Into<Arg>,
        last: impl Into<Arg>,
        step: impl Into<Arg>,
    ) -> Result<Intrinsic, PathError> {
        call(
            IntrinsicFn::ArrayRange,
            vec![first.into(), last.into(), step.into()],
        )
    }

    /// `States.ArrayGetItem(array, index)`.
    pub fn array_get_item(
        array: impl Into<Arg>,
        index: impl Into<Arg>,
    ) -> Result<Intrinsic, PathError> {
        call(IntrinsicFn::ArrayGetItem, vec![array.into(), index.into()])
    }

    /// `States.ArrayLength(array)`.
    pub fn array_length(array: impl Into<Arg>) -> Result<Intrinsic, PathError> {
        call(IntrinsicFn::ArrayLength, vec![array.into()])
    }

    /// `States.ArrayUnique(array)`.
    pub fn array_unique(array: impl Into<Arg>) -> Result<Intrinsic, PathError> {
        call(IntrinsicFn::ArrayUnique, vec![array.into()])
    }

    /// `States.Base64Encode(string)`.
    pub fn base64_encode(string: impl Into<Arg>) -> Result<Intrinsic, PathError> {
        call(IntrinsicFn::Base64Encode, vec![string.into()])
    }

    /// `States.Base64Decode(string)`.
    pub fn base64_decode(string: impl Into<Arg>) -> Result<Intrinsic, PathError> {
        call(IntrinsicFn::Base64Decode, vec![string.into()])
    }

    /// `States.Hash(data, algorithm)`; `algorithm` is `MD5`, `SHA-1`, `SHA-256`, `SHA-384`
    /// or `SHA-512`.
    pub fn hash(data: impl Into<Arg>, algorithm: impl Into<Arg>) -> Result<Intrinsic, PathError> {
        call(IntrinsicFn::Hash, vec![data.into(), algorithm.into()])
    }

    /// `States.JsonMerge(a, b, false)`: a shallow merge (the only kind AWS supports).
    pub fn json_merge(a: impl Into<Arg>, b: impl Into<Arg>) -> Result<Intrinsic, PathError> {
        call(
            IntrinsicFn::JsonMerge,
            vec![a.into(), b.into(), Arg::Bool(false)],
        )
    }

    /// `States.MathRandom(start, end)`.
    pub fn math_random(start: impl Into<Arg>, end: impl Into<Arg>) -> Result<Intrinsic, PathError> {
        call(IntrinsicFn::MathRandom, vec![start.into(), end.into()])
    }

    /// `States.MathRandom(start, end, seed)`.
    pub fn math_random_seeded(
        start: impl Into<Arg>,
        end: impl Into<Arg>,
        seed: impl Into<Arg>,
    ) -> Result<Intrinsic, PathError> {
        call(
            IntrinsicFn::MathRandom,
            vec![start.into(), end.into(), seed.into()],
        )
    }

    /// `States.MathAdd(a, b)`.
    pub fn math_add(a: impl Into<Arg>, b: impl Into<Arg>) -> Result<Intrinsic, PathError> {
        call(IntrinsicFn::MathAdd, vec![a.into(), b.into()])
    }

    /// `States.StringSplit(string, separators)`.
    pub fn string_split(
        string: impl Into<Arg>,
        separators: impl Into<Arg>,
    ) -> Result<Intrinsic, PathError> {
        call(
            IntrinsicFn::StringSplit,
            vec![string.into(), separators.into()],
        )
    }

    /// `States.UUID()`.
    pub fn uuid() -> Intrinsic {
        call(IntrinsicFn::Uuid, Vec::new())
            .unwrap_or_else(|_| unreachable!("States.UUID takes no arguments"))
    }
}
