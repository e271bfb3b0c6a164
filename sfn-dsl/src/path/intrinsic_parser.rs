//! The parser of intrinsic function calls.

use super::intrinsic::{Arg, Intrinsic, IntrinsicFn, check};
use super::{MAX_DEPTH, Path, PathError, describe_at};
use std::str::FromStr;

/// Parses one call at a time; `pos` is left after the call.
pub(crate) struct Parser<'a> {
    s: &'a str,
    pub(crate) pos: usize,
    depth: usize,
}

const ARG: &str =
    "a string `'…'`, a number, `true`, `false`, `null`, a path or an intrinsic function";

impl<'a> Parser<'a> {
    pub(crate) fn new(s: &'a str) -> Self {
        Parser {
            s,
            pos: 0,
            depth: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.s[self.pos..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
        {
            self.pos += c.len_utf8();
        }
    }

    fn unexpected<T>(&self, expected: &str) -> Result<T, PathError> {
        Err(PathError::new(
            self.pos,
            format!("unexpected {}", describe_at(self.s, self.pos)),
            expected,
        ))
    }

    /// A call `States.Name(…)` at `pos`.
    pub(crate) fn call(&mut self) -> Result<Intrinsic, PathError> {
        let start = self.pos;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(PathError::new(
                start,
                format!("intrinsic calls nested more than {MAX_DEPTH} deep"),
                "",
            ));
        }
        if !self.s[start..].starts_with("States.") {
            return self.unexpected("an intrinsic function `States.…(…)`");
        }
        let name_start = start + "States.".len();
        let rest = &self.s[name_start..];
        let len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        if len == 0 {
            self.pos = name_start;
            return self.unexpected("a function name after `States.`");
        }
        let name = &self.s[start..name_start + len];
        let Some(function) = IntrinsicFn::from_name(name) else {
            return Err(unknown_function(start, name));
        };
        self.pos = name_start + len;
        if self.peek() != Some(b'(') {
            return self.unexpected(&format!("`(` after `{name}`"));
        }
        let open = self.pos;
        self.pos += 1;
        let mut args = Vec::new();
        let mut offsets = Vec::new();
        let mut placeholders = None;
        self.skip_ws();
        if self.peek() == Some(b')') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                if self.peek().is_none() {
                    return Err(PathError::new(open, "unclosed `(`", "`)`"));
                }
                offsets.push(self.pos);
                let (arg, count) = self.arg()?;
                if args.is_empty() {
                    placeholders = count;
                }
                args.push(arg);
                self.skip_ws();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b')') => {
                        self.pos += 1;
                        break;
                    }
                    None => return Err(PathError::new(open, "unclosed `(`", "`,` or `)`")),
                    Some(_) => return self.unexpected("`,` or `)`"),
                }
            }
        }
        self.depth -= 1;
        check(function, &args, &offsets, self.pos - 1, placeholders)?;
        Ok(Intrinsic::from_parts(
            function,
            args,
            self.s[start..self.pos].to_string(),
        ))
    }

    /// One argument; for a string literal also returns its count of `{}` placeholders.
    fn arg(&mut self) -> Result<(Arg, Option<usize>), PathError> {
        let start = self.pos;
        let rest = &self.s[start..];
        match self.peek() {
            Some(b'\'') => {
                let (value, count) = self.string()?;
                Ok((Arg::String(value), Some(count)))
            }
            Some(b'$') => {
                let end = path_end(self.s, start);
                let text = &self.s[start..end];
                let path = Path::parse(text).map_err(|e| e.shifted(start))?;
                self.pos = start + text.len();
                Ok((Arg::Path(path), None))
            }
            Some(b'-' | b'0'..=b'9') => self.number().map(|n| (Arg::Number(n), None)),
            _ if rest.starts_with("States.") => {
                let call = self.call()?;
                Ok((Arg::Intrinsic(Box::new(call)), None))
            }
            _ => {
                for (word, arg) in [
                    ("true", Arg::Bool(true)),
                    ("false", Arg::Bool(false)),
                    ("null", Arg::Null),
                ] {
                    if rest.starts_with(word)
                        && !rest[word.len()..]
                            .starts_with(|c: char| c.is_alphanumeric() || c == '_')
                    {
                        self.pos += word.len();
                        return Ok((arg, None));
                    }
                }
                if rest.starts_with('"') {
                    return Err(PathError::new(
                        start,
                        "string literals of intrinsic functions use single quotes",
                        "`'`",
                    ));
                }
                if rest.starts_with(',') || rest.starts_with(')') {
                    return Err(PathError::new(start, "missing argument", ARG));
                }
                self.unexpected(ARG)
            }
        }
    }

    /// A string literal at `pos` (at the quote): the unescaped value and its `{}` count.
    fn string(&mut self) -> Result<(String, usize), PathError> {
        let quote = self.pos;
        self.pos += 1;
        let mut value = String::new();
        let mut placeholders = 0;
        let mut open_brace = false;
        loop {
            let Some(c) = self.s[self.pos..].chars().next() else {
                return Err(PathError::new(
                    quote,
                    "unterminated string literal",
                    "a closing `'`",
                ));
            };
            let at = self.pos;
            self.pos += c.len_utf8();
            match c {
                '\'' => return Ok((value, placeholders)),
                '\\' => {
                    let Some(e) = self.s[self.pos..].chars().next() else {
                        return Err(PathError::new(
                            quote,
                            "unterminated string literal",
                            "a closing `'`",
                        ));
                    };
                    if !matches!(e, '\'' | '{' | '}' | '\\') {
                        return Err(PathError::new(
                            at,
                            format!("invalid escape `\\{e}` in a string literal"),
                            "one of \\' \\{ \\} \\\\",
                        ));
                    }
                    self.pos += e.len_utf8();
                    value.push(e);
                    open_brace = false;
                }
                c => {
                    if c == '}' && open_brace {
                        placeholders += 1;
                    }
                    open_brace = c == '{';
                    value.push(c);
                }
            }
        }
    }

    /// A JSON number at `pos`.
    fn number(&mut self) -> Result<serde_json::Number, PathError> {
        let start = self.pos;
        let b = self.s.as_bytes();
        let mut i = start;
        let digits = |i: &mut usize| {
            let from = *i;
            while b.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i - from
        };
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        let int_start = i;
        let n = digits(&mut i);
        let bad = |at: usize, what: &str| {
            PathError::new(at, format!("invalid number: {what}"), "a JSON number")
        };
        if n == 0 {
            return Err(bad(i, "expected a digit"));
        }
        if n > 1 && b[int_start] == b'0' {
            return Err(bad(int_start, "leading zero"));
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            if digits(&mut i) == 0 {
                return Err(bad(i, "expected a digit after `.`"));
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if digits(&mut i) == 0 {
                return Err(bad(i, "expected a digit in the exponent"));
            }
        }
        if self.s[i..].starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.') {
            return Err(bad(i, "unexpected character after the number"));
        }
        self.pos = i;
        match serde_json::Number::from_str(&self.s[start..i]) {
            Ok(n) if n.as_f64().is_some_and(f64::is_finite) => Ok(n),
            _ => Err(PathError::new(
                start,
                "number out of range",
                "a finite number",
            )),
        }
    }
}

/// The end of a path argument starting at `start`: the next `,`, `)` or whitespace outside
/// brackets, parentheses and quotes (or the end of the string).
fn path_end(s: &str, start: usize) -> usize {
    let b = s.as_bytes();
    let mut depth = 0usize;
    let mut i = start;
    while i < b.len() {
        match b[i] {
            q @ (b'\'' | b'"') => {
                i += 1;
                while i < b.len() && b[i] != q {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                if i >= b.len() {
                    return b.len();
                }
            }
            b'(' | b'[' => depth += 1,
            b')' if depth == 0 => return i,
            b')' | b']' => depth = depth.saturating_sub(1),
            b',' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// The error for an unknown `States.X` name, with the closest known name when one is close.
fn unknown_function(at: usize, name: &str) -> PathError {
    let best = IntrinsicFn::ALL
        .iter()
        .map(|f| {
            let candidate = f.name();
            let d = strsim::damerau_levenshtein(&candidate.to_lowercase(), &name.to_lowercase());
            (d, candidate)
        })
        .min()
        .filter(|(d, candidate)| *d <= 3.max(candidate.len() / 5));
    match best {
        Some((_, candidate)) => PathError::new(
            at,
            format!("unknown intrinsic function `{name}`; did you mean `{candidate}`?"),
            format!("`{candidate}`"),
        ),
        None => PathError::new(
            at,
            format!("unknown intrinsic function `{name}`"),
            "a `States.*` intrinsic function such as `States.Format`",
        ),
    }
}
