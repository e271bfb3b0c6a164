//! The parser of JSONPath text.

use super::{
    MAX_DEPTH, PathError, Root, Segment, describe_at, is_var_continue, is_var_start,
    validate_variable_name,
};

/// The functions Jayway JsonPath accepts as the trailing segment of a path (`$.list.length()`).
const FUNCTIONS: &[&str] = &[
    "min", "max", "avg", "stddev", "length", "sum", "keys", "concat", "append", "first", "last",
    "index",
];

/// True for a character that cannot appear in a dot-notation field name.
fn ends_dot_name(c: char) -> bool {
    match u8::try_from(c) {
        Ok(b) if b.is_ascii() => ends_dot_name_ascii(b),
        _ => c.is_whitespace() || c.is_control(),
    }
}

/// [`ends_dot_name`] for an ASCII byte (one table lookup).
pub(crate) fn ends_dot_name_ascii(b: u8) -> bool {
    ENDS_DOT_NAME.get(usize::from(b)).copied().unwrap_or(false)
}

/// The ASCII bytes that end a dot-notation name: whitespace and control characters (all at
/// or below the space, and DEL) and the punctuation of paths.
static ENDS_DOT_NAME: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b <= b' ' as usize {
        table[b] = true;
        b += 1;
    }
    table[0x7F] = true;
    let punctuation = b".[]()'\",*?@\\";
    let mut i = 0;
    while i < punctuation.len() {
        table[punctuation[i] as usize] = true;
        i += 1;
    }
    table
};

const AFTER_DOT: &str = "a field name, `*` or `[`";
const IN_BRACKETS: &str = "an index, a slice, a quoted name, `*` or `?(…)`";

/// A path parser over one string.
pub(crate) struct Parser<'a> {
    s: &'a str,
    pos: usize,
}

/// The root, the segments, and the byte offset and index of the first segment that is not
/// allowed in a Reference Path (not a field name or a single index), if any.
pub(crate) type Parsed = (Root, Vec<Segment>, Option<(usize, usize)>);

impl<'a> Parser<'a> {
    pub(crate) fn new(s: &'a str) -> Self {
        Parser { s, pos: 0 }
    }

    fn peek(&self) -> Option<char> {
        self.s[self.pos..].chars().next()
    }

    fn peek_byte(&self) -> Option<u8> {
        self.s.as_bytes().get(self.pos).copied()
    }

    fn err<T>(
        &self,
        offset: usize,
        msg: impl Into<String>,
        expected: &str,
    ) -> Result<T, PathError> {
        Err(PathError::new(offset, msg, expected))
    }

    fn unexpected<T>(&self, expected: &str) -> Result<T, PathError> {
        let what = describe_at(self.s, self.pos);
        let msg = if self.peek().is_some_and(char::is_whitespace) {
            "unexpected whitespace in path (use bracket notation ['…'] for names with spaces)"
                .to_string()
        } else {
            format!("unexpected {what}")
        };
        self.err(self.pos, msg, expected)
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
    }

    pub(crate) fn parse(mut self) -> Result<Parsed, PathError> {
        let root = self.root()?;
        // Every segment starts with `.` or `[`: room for all of them at once, so that a path of
        // one segment (most of them) holds one, not the four of a first `push`.
        let starts = self.s.as_bytes()[self.pos..]
            .iter()
            .filter(|&&b| b == b'.' || b == b'[')
            .count();
        let mut segments = Vec::with_capacity(starts);
        let mut non_reference = None;
        while let Some(b) = self.peek_byte() {
            let start = self.pos;
            if matches!(segments.last(), Some(Segment::Function(_))) {
                return self.err(
                    start,
                    "a function call must be the last segment of a path",
                    "end of path",
                );
            }
            let seg = match b {
                b'.' if self.s[start..].starts_with("..") => {
                    self.pos += 2;
                    let inner = match self.peek_byte() {
                        Some(b'*') => {
                            self.pos += 1;
                            Segment::Wildcard
                        }
                        Some(b'[') => self.bracket()?,
                        Some(b'.') => {
                            return self.err(self.pos, "too many dots", AFTER_DOT);
                        }
                        None => {
                            return self.err(
                                self.pos,
                                "expected a field name after `..`",
                                AFTER_DOT,
                            );
                        }
                        Some(_) => Segment::Field(self.dot_name()?.to_string()),
                    };
                    Segment::RecursiveDescent(Box::new(inner))
                }
                b'.' => {
                    self.pos += 1;
                    match self.peek_byte() {
                        Some(b'*') => {
                            self.pos += 1;
                            Segment::Wildcard
                        }
                        // Jayway accepts `$.[0]` and `$.['a']` like `$[0]` and `$['a']`.
                        Some(b'[') => self.bracket()?,
                        None => {
                            return self.err(
                                self.pos,
                                "expected a field name after `.`",
                                AFTER_DOT,
                            );
                        }
                        Some(_) => {
                            let name = self.dot_name()?;
                            if self.peek_byte() == Some(b'(') {
                                self.function(name)?
                            } else {
                                Segment::Field(name.to_string())
                            }
                        }
                    }
                }
                b'[' => self.bracket()?,
                _ => return self.unexpected("`.`, `[` or end of path"),
            };
            if non_reference.is_none() && !matches!(seg, Segment::Field(_) | Segment::Index(_)) {
                non_reference = Some((start, segments.len()));
            }
            segments.push(seg);
        }
        Ok((root, segments, non_reference))
    }

    fn root(&mut self) -> Result<Root, PathError> {
        if self.s.is_empty() {
            return self.err(0, "empty path", "`$`");
        }
        if !self.s.starts_with('$') {
            return self.err(0, "a path must start with `$`", "`$`");
        }
        if self.s.starts_with("$$") {
            self.pos = 2;
            return Ok(Root::Context);
        }
        self.pos = 1;
        match self.peek() {
            Some(c) if is_var_start(c) => {
                let rest = &self.s[1..];
                let len = rest
                    .find(|c: char| !is_var_continue(c))
                    .unwrap_or(rest.len());
                let name = &rest[..len];
                validate_variable_name(name).map_err(|e| e.shifted(1))?;
                self.pos = 1 + len;
                Ok(Root::Variable(name.to_string()))
            }
            Some(c) if c.is_ascii_digit() => self.err(
                1,
                format!("a variable name cannot start with `{c}`"),
                "`.`, `[` or a variable name",
            ),
            _ => Ok(Root::Input),
        }
    }

    /// A dot-notation name starting at `pos` (non-empty).
    fn dot_name(&mut self) -> Result<&'a str, PathError> {
        let start = self.pos;
        let rest = &self.s[start..];
        // Names are nearly always ASCII: a byte scan up to the first non-ASCII byte, the
        // `char` test from there.
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii() || ends_dot_name_ascii(b))
            .unwrap_or(rest.len());
        let len = match rest.get(ascii..) {
            Some(tail) if tail.as_bytes().first().is_some_and(|b| !b.is_ascii()) => {
                ascii + tail.find(ends_dot_name).unwrap_or(tail.len())
            }
            _ => ascii,
        };
        if len == 0 {
            return self.unexpected(AFTER_DOT);
        }
        self.pos += len;
        Ok(&rest[..len])
    }

    /// A trailing function call `name(…)`; `pos` is at `(`.
    fn function(&mut self, name: &str) -> Result<Segment, PathError> {
        let name_start = self.pos - name.len();
        if !FUNCTIONS.contains(&name) {
            let suggestion = FUNCTIONS
                .iter()
                .map(|f| (strsim::levenshtein(f, name), f))
                .min()
                .filter(|(d, _)| *d <= 2)
                .map(|(_, f)| format!("; did you mean `{f}()`?"))
                .unwrap_or_default();
            return self.err(
                name_start,
                format!("unknown path function `{name}()`{suggestion}"),
                &format!("one of {}", FUNCTIONS.join(", ")),
            );
        }
        let open = self.pos;
        let close = scan_balanced(self.s, open, false)?;
        self.pos = close + 1;
        Ok(Segment::Function(self.s[name_start..self.pos].to_string()))
    }

    /// A bracket segment; `pos` is at `[`.
    fn bracket(&mut self) -> Result<Segment, PathError> {
        let open = self.pos;
        self.pos += 1;
        self.skip_ws();
        let seg = match self.peek_byte() {
            None => return self.err(open, "unclosed `[`", "`]`"),
            Some(b'*') => {
                self.pos += 1;
                Segment::Wildcard
            }
            Some(b'?') => {
                self.pos += 1;
                self.skip_ws();
                if self.peek_byte() != Some(b'(') {
                    if self.peek_byte().is_none() {
                        return self.err(open, "unclosed `[`", "`(`");
                    }
                    return self.unexpected("`(` after `[?`");
                }
                let paren = self.pos;
                let close = scan_balanced(self.s, paren, true)?;
                let inner = &self.s[paren + 1..close];
                if inner.trim().is_empty() {
                    return self.err(
                        paren + 1,
                        "empty filter expression",
                        "a condition such as `@.x > 1`",
                    );
                }
                self.pos = close + 1;
                Segment::Filter(inner.to_string())
            }
            Some(b'(') => {
                return self.err(
                    self.pos,
                    "script expressions `[(…)]` are not supported by AWS (Jayway JsonPath)",
                    "a filter `[?(…)]`, an index or a slice",
                );
            }
            Some(b'\'' | b'"') => self.quoted_names(open)?,
            Some(b'-' | b'0'..=b'9' | b':') => self.numbers(open)?,
            Some(b']') => return self.err(self.pos, "empty brackets", IN_BRACKETS),
            Some(_) => return self.unexpected(IN_BRACKETS),
        };
        self.close_bracket(open)?;
        Ok(seg)
    }

    fn close_bracket(&mut self, open: usize) -> Result<(), PathError> {
        self.skip_ws();
        match self.peek_byte() {
            Some(b']') => {
                self.pos += 1;
                Ok(())
            }
            None => self.err(open, "unclosed `[`", "`]`"),
            Some(_) => self.unexpected("`]`"),
        }
    }

    /// `'a'` or `'a', "b"` inside brackets.
    fn quoted_names(&mut self, open: usize) -> Result<Segment, PathError> {
        let mut names = vec![Segment::Field(self.quoted()?)];
        loop {
            self.skip_ws();
            if self.peek_byte() != Some(b',') {
                break;
            }
            self.pos += 1;
            self.skip_ws();
            match self.peek_byte() {
                Some(b'\'' | b'"') => names.push(Segment::Field(self.quoted()?)),
                None => return self.err(open, "unclosed `[`", "a quoted name"),
                Some(_) => {
                    return self.unexpected("a quoted name (a union cannot mix names and indexes)");
                }
            }
        }
        Ok(if names.len() == 1 {
            names.pop().unwrap_or(Segment::Wildcard)
        } else {
            Segment::Union(names)
        })
    }

    /// A quoted name; `pos` is at the quote. Returns the unescaped name.
    fn quoted(&mut self) -> Result<String, PathError> {
        let quote_at = self.pos;
        let quote = self.s.as_bytes()[quote_at] as char;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return self.err(
                    quote_at,
                    "unterminated quoted name",
                    &format!("a closing `{quote}`"),
                );
            };
            let at = self.pos;
            self.pos += c.len_utf8();
            match c {
                c if c == quote => return Ok(out),
                '\\' => {
                    let Some(e) = self.peek() else {
                        return self.err(
                            quote_at,
                            "unterminated quoted name",
                            &format!("a closing `{quote}`"),
                        );
                    };
                    self.pos += e.len_utf8();
                    // The other quote needs no escape, and AWS keeps the backslash before it:
                    // `$['a\"b']` names the key `a\"b` (an execution recorded on AWS).
                    if matches!(e, '\'' | '"') && e != quote {
                        out.push('\\');
                        out.push(e);
                        continue;
                    }
                    out.push(match e {
                        '\'' | '"' | '\\' | '/' => e,
                        'b' => '\u{8}',
                        'f' => '\u{c}',
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        'u' => self.unicode_escape(at)?,
                        _ => {
                            return self.err(
                                at,
                                format!("invalid escape `\\{e}` in quoted name"),
                                "one of \\' \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
                            );
                        }
                    });
                }
                c => out.push(c),
            }
        }
    }

    fn unicode_escape(&mut self, at: usize) -> Result<char, PathError> {
        let hex = self.s.get(self.pos..self.pos + 4).unwrap_or("");
        let code = (hex.len() == 4 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| u32::from_str_radix(hex, 16).ok())
            .flatten()
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                self.pos += 4;
                Ok(c)
            }
            None => self.err(
                at,
                "invalid `\\u` escape in quoted name",
                "four hex digits naming a character",
            ),
        }
    }

    /// An optional integer at `pos`.
    fn int(&mut self) -> Result<Option<i64>, PathError> {
        self.skip_ws();
        let start = self.pos;
        let bytes = self.s.as_bytes();
        let mut end = start;
        if bytes.get(end) == Some(&b'-') {
            end += 1;
        }
        let digits_start = end;
        while bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        if end == digits_start {
            if end > start {
                self.pos = end;
                return self.unexpected("a digit after `-`");
            }
            return Ok(None);
        }
        self.pos = end;
        match self.s[start..end].parse::<i64>() {
            Ok(n) => Ok(Some(n)),
            Err(_) => self.err(
                start,
                "index out of range",
                "an integer that fits in 64 bits",
            ),
        }
    }

    /// `[3]`, `[1:3]`, `[::2]`, `[0,1]` inside brackets.
    fn numbers(&mut self, open: usize) -> Result<Segment, PathError> {
        let first = self.int()?;
        self.skip_ws();
        match self.peek_byte() {
            Some(b':') => {
                self.pos += 1;
                let end = self.int()?;
                self.skip_ws();
                let step = if self.peek_byte() == Some(b':') {
                    self.pos += 1;
                    let at = self.pos;
                    let step = self.int()?;
                    if step == Some(0) {
                        return self.err(at, "slice step cannot be 0", "a non-zero step");
                    }
                    step
                } else {
                    None
                };
                Ok(Segment::Slice {
                    start: first,
                    end,
                    step,
                })
            }
            Some(b',') => {
                let Some(first) = first else {
                    return self.unexpected("an index");
                };
                let mut items = vec![Segment::Index(first)];
                while self.peek_byte() == Some(b',') {
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek_byte().is_none() {
                        return self.err(open, "unclosed `[`", "an index");
                    }
                    match self.int()? {
                        Some(n) => items.push(Segment::Index(n)),
                        None => {
                            return self
                                .unexpected("an index (a union cannot mix indexes and names)");
                        }
                    }
                    self.skip_ws();
                }
                Ok(Segment::Union(items))
            }
            _ => match first {
                Some(n) => Ok(Segment::Index(n)),
                None => self.unexpected(IN_BRACKETS),
            },
        }
    }
}

/// Scans from the opening `(` at `open` to its matching `)`, respecting nested `()`/`[]`, quoted
/// strings and (in filters) `=~ /regex/` literals. Returns the offset of the matching `)`.
pub(crate) fn scan_balanced(s: &str, open: usize, filter: bool) -> Result<usize, PathError> {
    let bytes = s.as_bytes();
    let mut stack: Vec<(u8, usize)> = vec![(b')', open)];
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            q @ (b'\'' | b'"') => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != q {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if i >= bytes.len() {
                    return Err(PathError::new(
                        start,
                        "unterminated string",
                        format!("a closing `{}`", q as char),
                    ));
                }
            }
            b'/' if filter && s[..i].trim_end().ends_with("=~") => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'/' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if i >= bytes.len() {
                    return Err(PathError::new(
                        start,
                        "unterminated regular expression",
                        "a closing `/`",
                    ));
                }
            }
            b'(' | b'[' => {
                if stack.len() >= MAX_DEPTH {
                    return Err(PathError::new(
                        i,
                        format!("brackets nested more than {MAX_DEPTH} deep"),
                        "",
                    ));
                }
                stack.push((if bytes[i] == b'(' { b')' } else { b']' }, i));
            }
            c @ (b')' | b']') => {
                let (want, _) = stack.pop().unwrap_or((b')', open));
                if c != want {
                    return Err(PathError::new(
                        i,
                        format!("mismatched `{}`", c as char),
                        format!("`{}`", want as char),
                    ));
                }
                if stack.is_empty() {
                    return Ok(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    let (want, at) = stack.last().copied().unwrap_or((b')', open));
    Err(PathError::new(
        at,
        format!("unclosed `{}`", if want == b')' { '(' } else { '[' }),
        format!("`{}`", want as char),
    ))
}
