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

    /// `States.JsonMerge(a, b, false)`: a shallow merge (the only kind AWS supports).
    pub fn json_merge(a: impl Into<Arg>, b: impl Into<Arg>) -> Result<Intrinsic, PathError> {
        call(
            IntrinsicFn::JsonMerge,
            vec![a.into(), b.into(), Arg::Bool(false)],
        )
    }

    /// `States.UUID()`.
    pub fn uuid() -> Intrinsic {
        call(IntrinsicFn::Uuid, Vec::new())
            .unwrap_or_else(|_| unreachable!("States.UUID takes no arguments"))
    }
}

/// Constructors of the functions whose arguments are the parameters, in order, documented
/// with the call they make (and the lines given).
macro_rules! calls {
    ($($(#[$doc:meta])* $name:ident => $function:ident($($arg:ident),*);)*) => {
        impl Intrinsic {$(
            #[doc = concat!("`States.", stringify!($function), "(", stringify!($($arg),*), ")`.")]
            $(#[$doc])*
            pub fn $name($($arg: impl Into<Arg>),*) -> Result<Intrinsic, PathError> {
                call(IntrinsicFn::$function, vec![$($arg.into()),*])
            }
        )*}
    };
}

calls! {
    string_to_json => StringToJson(string);
    array_partition => ArrayPartition(array, size);
    array_contains => ArrayContains(array, value);
    array_range => ArrayRange(first, last, step);
    array_get_item => ArrayGetItem(array, index);
    array_length => ArrayLength(array);
    array_unique => ArrayUnique(array);
    base64_encode => Base64Encode(string);
    base64_decode => Base64Decode(string);
    /// `algorithm` is `MD5`, `SHA-1`, `SHA-256`, `SHA-384` or `SHA-512`.
    hash => Hash(data, algorithm);
    math_random => MathRandom(start, end);
    math_random_seeded => MathRandom(start, end, seed);
    math_add => MathAdd(a, b);
    string_split => StringSplit(string, separators);
}
