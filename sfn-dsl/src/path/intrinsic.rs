//! The `States.*` intrinsic functions of JSONPath-mode ASL.

use super::intrinsic_parser::Parser;
use super::{Path, PathError, describe_at};
use std::fmt;

/// Declares [`IntrinsicFn`] with its [`ALL`](IntrinsicFn::ALL) list, its
/// [`name`](IntrinsicFn::name)s and [`arity`](IntrinsicFn::arity) from one table.
macro_rules! intrinsic_fns {
    ($(#[$meta:meta])* pub enum $ty:ident {
        $($(#[$doc:meta])* $f:ident = $name:literal $arity:expr,)*
    }) => {
        $(#[$meta])*
        pub enum $ty { $($(#[$doc])* $f,)* }

        impl $ty {
            /// Every intrinsic function, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$f),*];

            /// The full name as written in ASL, e.g. `"States.Format"`.
            pub fn name(self) -> &'static str {
                match self { $($ty::$f => $name,)* }
            }

            /// The number of arguments: `(min, max)`, `None` for no upper bound.
            pub fn arity(self) -> (usize, Option<usize>) {
                match self { $($ty::$f => $arity,)* }
            }
        }
    };
}

intrinsic_fns! {
    /// The intrinsic functions of ASL (JSONPath mode).
    ///
    /// ```
    /// use sfn::path::IntrinsicFn;
    ///
    /// assert_eq!(IntrinsicFn::from_name("States.MathAdd"), Some(IntrinsicFn::MathAdd));
    /// assert_eq!(IntrinsicFn::Uuid.name(), "States.UUID");
    /// assert_eq!(IntrinsicFn::MathRandom.arity(), (2, Some(3)));
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum IntrinsicFn {
        /// `States.Format(template, values…)`: fills the `{}` placeholders of a template.
        Format = "States.Format" (1, None),
        /// `States.StringToJson(string)`: parses a JSON string.
        StringToJson = "States.StringToJson" (1, Some(1)),
        /// `States.JsonToString(value)`: serializes a value as a JSON string.
        JsonToString = "States.JsonToString" (1, Some(1)),
        /// `States.Array(values…)`: an array of the arguments.
        Array = "States.Array" (0, None),
        /// `States.ArrayPartition(array, size)`: chunks of `size` elements.
        ArrayPartition = "States.ArrayPartition" (2, Some(2)),
        /// `States.ArrayContains(array, value)`: whether the array holds the value.
        ArrayContains = "States.ArrayContains" (2, Some(2)),
        /// `States.ArrayRange(first, last, step)`: an array of integers (at most 1000).
        ArrayRange = "States.ArrayRange" (3, Some(3)),
        /// `States.ArrayGetItem(array, index)`: the element at an index.
        ArrayGetItem = "States.ArrayGetItem" (2, Some(2)),
        /// `States.ArrayLength(array)`: the number of elements.
        ArrayLength = "States.ArrayLength" (1, Some(1)),
        /// `States.ArrayUnique(array)`: the array without duplicates.
        ArrayUnique = "States.ArrayUnique" (1, Some(1)),
        /// `States.Base64Encode(string)`.
        Base64Encode = "States.Base64Encode" (1, Some(1)),
        /// `States.Base64Decode(string)`.
        Base64Decode = "States.Base64Decode" (1, Some(1)),
        /// `States.Hash(data, algorithm)`: `MD5`, `SHA-1`, `SHA-256`, `SHA-384` or `SHA-512`.
        Hash = "States.Hash" (2, Some(2)),
        /// `States.JsonMerge(a, b, false)`: shallow merge of two objects.
        JsonMerge = "States.JsonMerge" (3, Some(3)),
        /// `States.MathRandom(start, end[, seed])`: a random integer.
        MathRandom = "States.MathRandom" (2, Some(3)),
        /// `States.MathAdd(a, b)`: the sum of two integers.
        MathAdd = "States.MathAdd" (2, Some(2)),
        /// `States.StringSplit(string, separators)`: an array of the parts.
        StringSplit = "States.StringSplit" (2, Some(2)),
        /// `States.UUID()`: a version 4 UUID.
        Uuid = "States.UUID" (0, Some(0)),
    }
}

/// The algorithms `States.Hash` accepts.
const HASH_ALGORITHMS: &[&str] = &["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

/// What a literal argument must be at one position (paths and nested calls are always accepted).
#[derive(Clone, Copy, PartialEq)]
enum Want {
    Any,
    Str,
    Int,
    PositiveInt,
    NonNegativeInt,
    Array,
    Object,
    HashAlgorithm,
    False,
}

impl IntrinsicFn {
    /// The function with this exact (case-sensitive) full name.
    pub fn from_name(s: &str) -> Option<Self> {
        IntrinsicFn::ALL.iter().copied().find(|f| f.name() == s)
    }

    /// What a literal argument at `index` must be.
    fn want(self, index: usize) -> Want {
        use IntrinsicFn as F;
        match (self, index) {
            (F::Format, 0) | (F::StringToJson | F::Base64Encode | F::Base64Decode, _) => Want::Str,
            (F::StringSplit, _) => Want::Str,
            (
                F::ArrayPartition
                | F::ArrayContains
                | F::ArrayGetItem
                | F::ArrayLength
                | F::ArrayUnique,
                0,
            ) => Want::Array,
            (F::ArrayPartition, 1) => Want::PositiveInt,
            (F::ArrayGetItem, 1) => Want::NonNegativeInt,
            (F::ArrayRange | F::MathAdd | F::MathRandom, _) => Want::Int,
            (F::Hash, 1) => Want::HashAlgorithm,
            (F::JsonMerge, 0 | 1) => Want::Object,
            (F::JsonMerge, _) => Want::False,
            _ => Want::Any,
        }
    }

    /// Describes the arity for an error message: "2 arguments", "2 or 3 arguments", ….
    fn arity_text(self) -> String {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        match self.arity() {
            (0, Some(0)) => "no arguments".to_string(),
            (min, Some(max)) if min == max => format!("{min} argument{}", plural(min)),
            (min, Some(max)) => format!("{min} or {max} arguments"),
            (min, None) => format!("at least {min} argument{}", plural(min)),
        }
    }
}

impl fmt::Display for IntrinsicFn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One argument of an intrinsic function call.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A string literal `'…'`, holding the unescaped value.
    String(String),
    /// A number literal (JSON number syntax).
    Number(serde_json::Number),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// A path (`$…`, `$$…`, `$variable…`).
    Path(Path),
    /// A nested intrinsic function call.
    Intrinsic(Box<Intrinsic>),
}

impl Arg {
    fn describe(&self) -> &'static str {
        match self {
            Arg::String(_) => "a string",
            Arg::Number(n) if n.is_f64() => "a decimal number",
            Arg::Number(_) => "a number",
            Arg::Bool(_) => "a boolean",
            Arg::Null => "`null`",
            Arg::Path(_) => "a path",
            Arg::Intrinsic(_) => "an intrinsic function",
        }
    }
}

/// A call of an intrinsic function, `States.Name(arg, …)`, keeping its exact text.
///
/// ```
/// use sfn::path::{Arg, Intrinsic, IntrinsicFn, Path};
///
/// let i = Intrinsic::parse("States.Format('Hello {}', $.name)").unwrap();
/// assert_eq!(i.function(), IntrinsicFn::Format);
/// assert_eq!(i.args()[0], Arg::String("Hello {}".into()));
///
/// let built = Intrinsic::new(
///     IntrinsicFn::MathAdd,
///     vec![Arg::Path(Path::input().field("n")), Arg::Number((-1).into())],
/// )
/// .unwrap();
/// assert_eq!(built.as_str(), "States.MathAdd($.n, -1)");
///
/// let err = Intrinsic::parse("States.MathAdd($.n)").unwrap_err();
/// assert_eq!(err.message, "States.MathAdd takes 2 arguments, found 1");
/// ```
#[derive(Clone, PartialEq)]
pub struct Intrinsic(Box<Call>);

/// An [`Intrinsic`]'s parts, boxed so that an [`Expr`](super::Expr) is no larger than a path.
#[derive(Clone, PartialEq)]
struct Call {
    function: IntrinsicFn,
    args: Vec<Arg>,
    text: String,
}

impl fmt::Debug for Intrinsic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Intrinsic")
            .field("function", &self.0.function)
            .field("args", &self.0.args)
            .field("text", &self.0.text)
            .finish()
    }
}

impl Intrinsic {
    /// Parses one call; the whole string must be the call. Arguments may be string, number,
    /// boolean and `null` literals, paths and nested calls. Checks the argument count, the type
    /// of literal arguments where the function fixes it, and the `{}` placeholders of a literal
    /// `States.Format` template.
    pub fn parse(s: &str) -> Result<Intrinsic, PathError> {
        let mut p = Parser::new(s);
        let call = p.call()?;
        if p.pos < s.len() {
            return Err(PathError::new(
                p.pos,
                format!("unexpected {} after the closing `)`", describe_at(s, p.pos)),
                "end of expression",
            ));
        }
        Ok(call)
    }

    /// Builds a call from typed arguments, checking arity and literal types like
    /// [`Intrinsic::parse`], and renders its canonical text: arguments separated by `", "`,
    /// strings single-quoted with `'`, `{`, `}` and `\` escaped by a backslash. In a
    /// `States.Format` template each `{}` is a placeholder and every other brace is escaped.
    /// Error offsets are 0.
    pub fn new(function: IntrinsicFn, args: Vec<Arg>) -> Result<Intrinsic, PathError> {
        let mut text = format!("{}(", function.name());
        let mut placeholders = None;
        for (i, arg) in args.iter().enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            match arg {
                Arg::String(v) if function == IntrinsicFn::Format && i == 0 => {
                    placeholders = Some(render_template(v, &mut text));
                }
                Arg::String(v) => render_string(v, &mut text),
                Arg::Number(n) => text.push_str(&n.to_string()),
                Arg::Bool(b) => text.push_str(if *b { "true" } else { "false" }),
                Arg::Null => text.push_str("null"),
                Arg::Path(p) => text.push_str(p.as_str()),
                Arg::Intrinsic(call) => text.push_str(call.as_str()),
            }
        }
        text.push(')');
        let offsets = vec![0; args.len()];
        check(function, &args, &offsets, 0, placeholders)?;
        Ok(Intrinsic::from_parts(function, args, text))
    }

    /// A call parsed from `text` (arguments already checked).
    pub(crate) fn from_parts(function: IntrinsicFn, args: Vec<Arg>, text: String) -> Self {
        Intrinsic(Box::new(Call {
            function,
            args,
            text,
        }))
    }

    /// The function called.
    pub fn function(&self) -> IntrinsicFn {
        self.0.function
    }

    /// The arguments, in order.
    pub fn args(&self) -> &[Arg] {
        &self.0.args
    }

    /// The exact text of the call.
    pub fn as_str(&self) -> &str {
        &self.0.text
    }
}

/// Writes a string literal with `'`, `{`, `}` and `\` escaped.
fn render_string(v: &str, out: &mut String) {
    out.push('\'');
    for c in v.chars() {
        if matches!(c, '\'' | '{' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
}

/// Writes a `States.Format` template: `{}` stays a placeholder, other specials are escaped.
/// Returns the number of placeholders.
fn render_template(v: &str, out: &mut String) -> usize {
    out.push('\'');
    let mut count = 0;
    let mut chars = v.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '{' && chars.peek() == Some(&'}') {
            chars.next();
            out.push_str("{}");
            count += 1;
            continue;
        }
        if matches!(c, '\'' | '{' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
    count
}

/// Checks the arity and the literal argument types of a call. `close` is the offset of the
/// closing parenthesis, `placeholders` the `{}` count of a literal Format template.
pub(crate) fn check(
    function: IntrinsicFn,
    args: &[Arg],
    offsets: &[usize],
    close: usize,
    placeholders: Option<usize>,
) -> Result<(), PathError> {
    let (min, max) = function.arity();
    if args.len() < min || max.is_some_and(|max| args.len() > max) {
        let at = max
            .and_then(|max| offsets.get(max).copied())
            .unwrap_or(close);
        return Err(PathError::new(
            at,
            format!(
                "{} takes {}, found {}",
                function.name(),
                function.arity_text(),
                args.len()
            ),
            function.arity_text(),
        ));
    }
    for (i, (arg, &at)) in args.iter().zip(offsets).enumerate() {
        check_arg(function, i, arg, at)?;
    }
    if let (IntrinsicFn::Format, Some(n)) = (function, placeholders) {
        let values = args.len() - 1;
        if n != values {
            return Err(PathError::new(
                offsets[0],
                format!(
                    "the States.Format template has {n} `{{}}` placeholder{} but {values} argument{} follow{}",
                    if n == 1 { "" } else { "s" },
                    if values == 1 { "" } else { "s" },
                    if values == 1 { "s" } else { "" },
                ),
                format!(
                    "{n} argument{} after the template",
                    if n == 1 { "" } else { "s" }
                ),
            ));
        }
    }
    if function == IntrinsicFn::ArrayRange {
        check_range(args, offsets)?;
    }
    Ok(())
}

fn check_arg(function: IntrinsicFn, i: usize, arg: &Arg, at: usize) -> Result<(), PathError> {
    if matches!(arg, Arg::Path(_) | Arg::Intrinsic(_)) {
        return Ok(());
    }
    let int = match arg {
        Arg::Number(n) => n.as_i64(),
        _ => None,
    };
    let (ok, wanted) = match function.want(i) {
        Want::Any => (true, ""),
        Want::Str => (matches!(arg, Arg::String(_)), "a string"),
        Want::Int => (int.is_some(), "an integer"),
        Want::PositiveInt => (int.is_some_and(|n| n > 0), "a positive integer"),
        Want::NonNegativeInt => (int.is_some_and(|n| n >= 0), "a non-negative integer"),
        Want::Array => (false, "an array (pass a path or an intrinsic function)"),
        Want::Object => (
            false,
            "a JSON object (pass a path or an intrinsic function)",
        ),
        Want::HashAlgorithm => (
            matches!(arg, Arg::String(s) if HASH_ALGORITHMS.contains(&s.as_str())),
            "one of 'MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'",
        ),
        Want::False => (
            matches!(arg, Arg::Bool(false)),
            "`false` (AWS supports only a shallow merge)",
        ),
    };
    if ok {
        return Ok(());
    }
    let found = match arg {
        Arg::String(s) if function.want(i) == Want::HashAlgorithm => format!("'{s}'"),
        Arg::Number(n) if matches!(function.want(i), Want::PositiveInt | Want::NonNegativeInt) => {
            n.to_string()
        }
        Arg::Bool(b) => format!("`{b}`"),
        _ => arg.describe().to_string(),
    };
    Err(PathError::new(
        at,
        format!(
            "argument {} of {} must be {wanted}, found {found}",
            i + 1,
            function.name()
        ),
        wanted,
    ))
}

/// `States.ArrayRange` with three literals: the step cannot be 0 and at most 1000 items result.
fn check_range(args: &[Arg], offsets: &[usize]) -> Result<(), PathError> {
    let ints: Vec<Option<i64>> = args
        .iter()
        .map(|a| match a {
            Arg::Number(n) => n.as_i64(),
            _ => None,
        })
        .collect();
    if let Some(0) = ints[2] {
        return Err(PathError::new(
            offsets[2],
            "the step of States.ArrayRange cannot be 0",
            "a non-zero integer",
        ));
    }
    if let [Some(first), Some(last), Some(step)] = ints[..] {
        let span = i128::from(last) - i128::from(first);
        let step = i128::from(step);
        if span.signum() == step.signum() && span / step + 1 > 1000 {
            return Err(PathError::new(
                offsets[0],
                "States.ArrayRange would produce more than 1000 items",
                "a range of at most 1000 items",
            ));
        }
    }
    Ok(())
}
