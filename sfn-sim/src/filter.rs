//! The filter expressions of JSONPath (`[?(@.price < 10 && @.tag == 'x')]`), which `sfn_dsl`
//! keeps as text: comparisons (`==`, `!=`, `<`, `<=`, `>`, `>=`, `in`, `nin`), existence tests
//! (`@.isbn`), `!`, `&&`, `||` and parentheses, over `@`/`$` paths and JSON literals.

use serde_json::Value;
use std::cmp::Ordering;

/// A parsed filter.
#[derive(Debug)]
pub(crate) enum Filter {
    Or(Box<Filter>, Box<Filter>),
    And(Box<Filter>, Box<Filter>),
    Not(Box<Filter>),
    Exists(Operand),
    Compare(Operand, Op, Operand),
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    Nin,
}

#[derive(Debug)]
pub(crate) enum Operand {
    /// `@…` (the current item) or `$…` (the document): the steps after the root.
    Path {
        current: bool,
        steps: Vec<Step>,
    },
    Literal(Value),
}

#[derive(Debug)]
pub(crate) enum Step {
    Field(String),
    Index(i64),
    Length,
}

/// Parses the text between `[?(` and `)]`.
pub(crate) fn parse(text: &str) -> Result<Filter, String> {
    let mut p = P {
        s: text.as_bytes(),
        i: 0,
        text,
    };
    let f = p.or()?;
    p.ws();
    if p.i != p.s.len() {
        return Err(format!(
            "the filter `{text}` (unexpected text at byte {})",
            p.i
        ));
    }
    Ok(f)
}

struct P<'a> {
    s: &'a [u8],
    i: usize,
    text: &'a str,
}

impl P<'_> {
    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(u8::is_ascii_whitespace) {
            self.i += 1;
        }
    }
    fn eat(&mut self, t: &str) -> bool {
        self.ws();
        if self.s[self.i..].starts_with(t.as_bytes()) {
            self.i += t.len();
            true
        } else {
            false
        }
    }
    fn err<T>(&self) -> Result<T, String> {
        Err(format!("the filter `{}` (at byte {})", self.text, self.i))
    }
    fn or(&mut self) -> Result<Filter, String> {
        let mut l = self.and()?;
        while self.eat("||") {
            l = Filter::Or(Box::new(l), Box::new(self.and()?));
        }
        Ok(l)
    }
    fn and(&mut self) -> Result<Filter, String> {
        let mut l = self.unary()?;
        while self.eat("&&") {
            l = Filter::And(Box::new(l), Box::new(self.unary()?));
        }
        Ok(l)
    }
    fn unary(&mut self) -> Result<Filter, String> {
        if self.eat("!") {
            return Ok(Filter::Not(Box::new(self.unary()?)));
        }
        if self.eat("(") {
            let f = self.or()?;
            if !self.eat(")") {
                return self.err();
            }
            return Ok(f);
        }
        let left = self.operand()?;
        let op = [
            ("==", Op::Eq),
            ("!=", Op::Ne),
            ("<=", Op::Le),
            (">=", Op::Ge),
            ("<", Op::Lt),
            (">", Op::Gt),
            (" nin ", Op::Nin),
            (" in ", Op::In),
        ]
        .into_iter()
        .find(|(t, _)| {
            let save = self.i;
            let found = if t.starts_with(' ') {
                self.s[self.i..].starts_with(t.as_bytes()) && {
                    self.i += t.len();
                    true
                }
            } else {
                self.eat(t)
            };
            if !found {
                self.i = save;
            }
            found
        });
        match op {
            Some((_, op)) => Ok(Filter::Compare(left, op, self.operand()?)),
            None => Ok(Filter::Exists(left)),
        }
    }
    fn operand(&mut self) -> Result<Operand, String> {
        self.ws();
        match self.s.get(self.i) {
            Some(b'@' | b'$') => {
                let current = self.s[self.i] == b'@';
                self.i += 1;
                let mut steps = Vec::new();
                loop {
                    if self.s[self.i..].starts_with(b".length()") {
                        self.i += 9;
                        steps.push(Step::Length);
                    } else if self.s.get(self.i) == Some(&b'.') {
                        self.i += 1;
                        let start = self.i;
                        while self.s.get(self.i).is_some_and(|c| {
                            c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-' || *c >= 0x80
                        }) {
                            self.i += 1;
                        }
                        if start == self.i {
                            return self.err();
                        }
                        steps.push(Step::Field(self.text[start..self.i].to_owned()));
                    } else if self.s.get(self.i) == Some(&b'[') {
                        self.i += 1;
                        self.ws();
                        match self.s.get(self.i) {
                            Some(q @ (b'\'' | b'"')) => {
                                let q = *q;
                                let start = self.i + 1;
                                let len = self.s[start..].iter().position(|c| *c == q);
                                let Some(len) = len else { return self.err() };
                                steps.push(Step::Field(self.text[start..start + len].to_owned()));
                                self.i = start + len + 1;
                            }
                            _ => {
                                let start = self.i;
                                while self
                                    .s
                                    .get(self.i)
                                    .is_some_and(|c| c.is_ascii_digit() || *c == b'-')
                                {
                                    self.i += 1;
                                }
                                let Ok(n) = self.text[start..self.i].parse() else {
                                    return self.err();
                                };
                                steps.push(Step::Index(n));
                            }
                        }
                        if !self.eat("]") {
                            return self.err();
                        }
                    } else {
                        break;
                    }
                }
                Ok(Operand::Path { current, steps })
            }
            Some(q @ (b'\'' | b'"')) => {
                let q = *q;
                let start = self.i + 1;
                let Some(len) = self.s[start..].iter().position(|c| *c == q) else {
                    return self.err();
                };
                self.i = start + len + 1;
                Ok(Operand::Literal(Value::String(
                    self.text[start..start + len].to_owned(),
                )))
            }
            Some(_) => {
                // A JSON literal: number, true, false, null or an array.
                let rest = &self.text[self.i..];
                let mut de = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
                match de.next() {
                    Some(Ok(v)) => {
                        self.i += de.byte_offset();
                        Ok(Operand::Literal(v))
                    }
                    _ => self.err(),
                }
            }
            None => self.err(),
        }
    }
}

impl Filter {
    /// Whether `item` passes the filter; `doc` is what `$` refers to.
    pub(crate) fn test(&self, item: &Value, doc: &Value) -> bool {
        match self {
            Filter::Or(a, b) => a.test(item, doc) || b.test(item, doc),
            Filter::And(a, b) => a.test(item, doc) && b.test(item, doc),
            Filter::Not(f) => !f.test(item, doc),
            Filter::Exists(o) => o.eval(item, doc).is_some(),
            Filter::Compare(l, op, r) => {
                let (Some(l), Some(r)) = (l.eval(item, doc), r.eval(item, doc)) else {
                    return false;
                };
                compare(&l, *op, &r)
            }
        }
    }
}

impl Operand {
    fn eval(&self, item: &Value, doc: &Value) -> Option<Value> {
        match self {
            Operand::Literal(v) => Some(v.clone()),
            Operand::Path { current, steps } => {
                let mut v = if *current { item } else { doc }.clone();
                for s in steps {
                    v = match (s, v) {
                        (Step::Field(f), Value::Object(mut m)) => m.remove(f)?,
                        (Step::Index(i), Value::Array(mut a)) => {
                            let len = a.len() as i64;
                            let i = if *i < 0 { len + i } else { *i };
                            if !(0..len).contains(&i) {
                                return None;
                            }
                            a.swap_remove(i as usize)
                        }
                        (Step::Length, Value::Array(a)) => a.len().into(),
                        (Step::Length, Value::String(s)) => s.chars().count().into(),
                        _ => return None,
                    };
                }
                Some(v)
            }
        }
    }
}

fn compare(l: &Value, op: Op, r: &Value) -> bool {
    let ord = match (l, r) {
        (Value::Number(a), Value::Number(b)) => a.as_f64().partial_cmp(&b.as_f64()),
        (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
        _ => None,
    };
    let eq = || match ord {
        Some(o) => o == Ordering::Equal,
        None => l == r,
    };
    match op {
        Op::Eq => eq(),
        Op::Ne => !eq(),
        Op::Lt => ord == Some(Ordering::Less),
        Op::Le => matches!(ord, Some(Ordering::Less | Ordering::Equal)),
        Op::Gt => ord == Some(Ordering::Greater),
        Op::Ge => matches!(ord, Some(Ordering::Greater | Ordering::Equal)),
        Op::In | Op::Nin => {
            let found = r
                .as_array()
                .is_some_and(|a| a.iter().any(|x| compare(l, Op::Eq, x)));
            found == matches!(op, Op::In)
        }
    }
}
