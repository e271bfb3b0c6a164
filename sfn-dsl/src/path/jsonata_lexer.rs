//! Tokenizer of the JSONata syntax checker (follows the tokenizer of jsonata-js).

use super::PathError;

/// The kind of a JSONata token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    /// An operator or punctuation, including the word operators `and`, `or`, `in`.
    Op(&'static str),
    /// A field name (plain or `` `quoted` ``).
    Name,
    /// `$name`, `$` or `$$`.
    Variable,
    /// A string literal.
    Str,
    /// A number literal.
    Num,
    /// `true`, `false` or `null`.
    Value,
    /// A regular expression literal `/…/flags`.
    Regex,
    /// The end of the expression.
    End,
}

/// A token with its byte range in the expression.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Token {
    pub(crate) kind: Kind,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

const TWO_CHAR_OPS: &[&str] = &["..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"];
const ONE_CHAR_OPS: &[&str] = &[
    ".", "[", "]", "{", "}", "(", ")", ",", "@", "#", ";", ":", "?", "+", "-", "*", "/", "%", "|",
    "=", "<", ">", "^", "&", "!", "~",
];

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{b}')
}

fn is_op_char(c: char) -> bool {
    c.is_ascii() && ONE_CHAR_OPS.iter().any(|op| op.as_bytes()[0] == c as u8)
}

/// Tokenizes an expression on demand; `base` is added to every offset it reports.
pub(crate) struct Lexer<'a> {
    pub(crate) src: &'a str,
    pos: usize,
    base: usize,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(src: &'a str, base: usize) -> Self {
        Lexer { src, pos: 0, base }
    }

    pub(crate) fn err(&self, at: usize, msg: impl Into<String>, expected: &str) -> PathError {
        PathError::new(self.base + at, msg, expected)
    }

    /// The next token. `operand` is true where an operand is expected, which makes `/` start a
    /// regular expression instead of being the division operator.
    pub(crate) fn next(&mut self, operand: bool) -> Result<Token, PathError> {
        loop {
            let rest = &self.src[self.pos..];
            let trimmed = rest.trim_start_matches(is_ws);
            self.pos += rest.len() - trimmed.len();
            if !trimmed.starts_with("/*") {
                break;
            }
            match trimmed[2..].find("*/") {
                Some(i) => self.pos += 2 + i + 2,
                None => return Err(self.err(self.pos, "comment has no closing `*/`", "`*/`")),
            }
        }
        let start = self.pos;
        let rest = &self.src[start..];
        let Some(c) = rest.chars().next() else {
            return Ok(self.token(Kind::End, start, start));
        };
        if c == '/' && operand {
            return self.regex(start);
        }
        if let Some(op) = TWO_CHAR_OPS.iter().find(|op| rest.starts_with(**op)) {
            return Ok(self.token(Kind::Op(op), start, start + 2));
        }
        if let Some(op) = ONE_CHAR_OPS.iter().find(|op| rest.starts_with(**op)) {
            if matches!(*op, "!" | "~") {
                return Err(self.err(
                    start,
                    format!("unknown operator `{op}`"),
                    if *op == "!" {
                        "`!=`, or `$not(…)` for negation"
                    } else {
                        "`~>`"
                    },
                ));
            }
            return Ok(self.token(Kind::Op(op), start, start + 1));
        }
        match c {
            '"' | '\'' => self.string(start, c),
            '0'..='9' => self.number(start),
            '`' => match rest[1..].find('`') {
                Some(i) => Ok(self.token(Kind::Name, start, start + i + 2)),
                None => Err(self.err(start, "quoted name has no closing backtick", "`` ` ``")),
            },
            _ => {
                let len = rest
                    .find(|c: char| is_ws(c) || is_op_char(c))
                    .unwrap_or(rest.len());
                let word = &rest[..len];
                let kind = match word {
                    "and" => Kind::Op("and"),
                    "or" => Kind::Op("or"),
                    "in" => Kind::Op("in"),
                    "true" | "false" | "null" => Kind::Value,
                    w if w.starts_with('$') => Kind::Variable,
                    _ => Kind::Name,
                };
                Ok(self.token(kind, start, start + len))
            }
        }
    }

    fn token(&mut self, kind: Kind, start: usize, end: usize) -> Token {
        self.pos = end;
        Token { kind, start, end }
    }

    fn string(&mut self, start: usize, quote: char) -> Result<Token, PathError> {
        let mut chars = self.src[start + 1..].char_indices();
        while let Some((i, c)) = chars.next() {
            let at = start + 1 + i;
            if c == quote {
                return Ok(self.token(Kind::Str, start, at + 1));
            }
            if c == '\\' {
                match chars.next() {
                    Some((_, '"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't')) => {}
                    Some((j, 'u')) => {
                        let hex = self.src.get(start + 2 + j..start + 6 + j).unwrap_or("");
                        if hex.len() != 4 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                            return Err(self.err(
                                at,
                                "invalid `\\u` escape in string",
                                "four hex digits",
                            ));
                        }
                        chars.nth(3);
                    }
                    Some((_, e)) => {
                        return Err(self.err(
                            at,
                            format!("unsupported escape sequence `\\{e}` in string"),
                            "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
                        ));
                    }
                    None => break,
                }
            }
        }
        Err(self.err(
            start,
            "string literal has no closing quote",
            &format!("`{quote}`"),
        ))
    }

    fn number(&mut self, start: usize) -> Result<Token, PathError> {
        let b = self.src.as_bytes();
        let digits = |mut i: usize| {
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            i
        };
        let mut end = if b[start] == b'0' {
            start + 1
        } else {
            digits(start)
        };
        if b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(u8::is_ascii_digit) {
            end = digits(end + 1);
        }
        if matches!(b.get(end), Some(b'e' | b'E')) {
            let mut e = end + 1;
            if matches!(b.get(e), Some(b'+' | b'-')) {
                e += 1;
            }
            if b.get(e).is_some_and(u8::is_ascii_digit) {
                end = digits(e);
            }
        }
        let text = &self.src[start..end];
        if !text.parse::<f64>().is_ok_and(f64::is_finite) {
            return Err(self.err(
                start,
                format!("number out of range: {text}"),
                "a finite number",
            ));
        }
        Ok(self.token(Kind::Num, start, end))
    }

    fn regex(&mut self, start: usize) -> Result<Token, PathError> {
        let b = self.src.as_bytes();
        let mut depth = 0i32;
        let mut i = start + 1;
        while i < b.len() {
            let escaped = b[i - 1] == b'\\';
            match b[i] {
                b'/' if depth == 0 => {
                    let backslashes = b[start + 1..i]
                        .iter()
                        .rev()
                        .take_while(|&&c| c == b'\\')
                        .count();
                    if backslashes % 2 == 0 {
                        if i == start + 1 {
                            return Err(self.err(start, "empty regular expression", "a pattern"));
                        }
                        if let Err((at, msg)) = check_regex(&self.src[start + 1..i]) {
                            return Err(self.err(
                                start + 1 + at,
                                msg,
                                "a valid regular expression",
                            ));
                        }
                        let mut end = i + 1;
                        while matches!(b.get(end), Some(b'i' | b'm')) {
                            end += 1;
                        }
                        return Ok(self.token(Kind::Regex, start, end));
                    }
                }
                b'(' | b'[' | b'{' if !escaped => depth += 1,
                b')' | b']' | b'}' if !escaped => depth -= 1,
                _ => {}
            }
            i += 1;
        }
        Err(self.err(start, "regular expression has no closing `/`", "`/`"))
    }
}

/// The checks a JavaScript `RegExp` makes that are easy to get wrong: balanced groups, closed
/// character classes, and quantifiers that have something to repeat. Returns the offset (in
/// the pattern) and a message.
fn check_regex(pattern: &str) -> Result<(), (usize, &'static str)> {
    let b = pattern.as_bytes();
    let mut groups = Vec::new();
    let mut can_repeat = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\\' => {
                i += 1;
                can_repeat = true;
            }
            b'[' => {
                let open = i;
                i += 1;
                if b.get(i) == Some(&b'^') {
                    i += 1;
                }
                while i < b.len() && b[i] != b']' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                if i >= b.len() {
                    return Err((
                        open,
                        "unterminated character class `[` in regular expression",
                    ));
                }
                can_repeat = true;
            }
            b'(' => {
                groups.push(i);
                if b.get(i + 1) == Some(&b'?') {
                    i += 2;
                    match b.get(i) {
                        Some(b':' | b'=' | b'!') => {}
                        Some(b'<') if matches!(b.get(i + 1), Some(b'=' | b'!')) => i += 1,
                        Some(b'<') => match pattern[i..].find('>') {
                            Some(len) => i += len,
                            None => {
                                return Err((i, "unterminated group name in regular expression"));
                            }
                        },
                        _ => return Err((i, "invalid group in regular expression")),
                    }
                }
                can_repeat = false;
            }
            b')' => {
                if groups.pop().is_none() {
                    return Err((i, "unmatched `)` in regular expression"));
                }
                can_repeat = true;
            }
            b'|' | b'^' | b'$' => can_repeat = false,
            b'*' | b'+' | b'?' | b'{' => {
                let len = if c == b'{' {
                    quantifier_len(&b[i..])
                } else {
                    1
                };
                if len > 0 {
                    if !can_repeat {
                        return Err((i, "nothing to repeat in regular expression"));
                    }
                    i += len - 1;
                    if b.get(i + 1) == Some(&b'?') {
                        i += 1;
                    }
                    can_repeat = false;
                } else {
                    can_repeat = true;
                }
            }
            _ => can_repeat = true,
        }
        i += 1;
    }
    match groups.pop() {
        Some(open) => Err((open, "unterminated group `(` in regular expression")),
        None => Ok(()),
    }
}

/// The length of a `{n}`, `{n,}` or `{n,m}` quantifier at the start of `b`, 0 when `{` is a
/// literal brace (JavaScript reads it literally then).
fn quantifier_len(b: &[u8]) -> usize {
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let n = digits(1);
    if n == 0 {
        return 0;
    }
    let mut i = 1 + n;
    if b.get(i) == Some(&b',') {
        i += 1 + digits(i + 1);
    }
    if b.get(i) == Some(&b'}') { i + 1 } else { 0 }
}
