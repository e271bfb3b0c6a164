//! JSONata expressions `{% … %}` and a syntax checker for them.
//!
//! The checker is a Pratt parser that follows the grammar and binding powers of jsonata-js
//! (the implementation AWS uses). It builds no tree: it only accepts or rejects.

use super::jsonata_lexer::{Kind, Lexer, Token};
use super::{MAX_DEPTH, PathError};

/// A JSONata expression string `"{% expr %}"`, as used by JSONata states.
///
/// ```
/// use sfn::path::Jsonata;
///
/// let j = Jsonata::parse("{% $states.input.items[price > 10].name %}").unwrap();
/// assert_eq!(j.expression(), "$states.input.items[price > 10].name");
/// assert_eq!(Jsonata::new("$sum($states.input.n)").unwrap().as_str(), "{% $sum($states.input.n) %}");
/// assert!(Jsonata::parse("{% 1 + %}").is_err());
/// assert!(Jsonata::is_jsonata("{% 1 %}"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Jsonata {
    text: String,
}

impl Jsonata {
    /// True when the whole string is wrapped in `{%` … `%}` (no surrounding whitespace allowed),
    /// i.e. AWS treats it as a JSONata expression.
    pub fn is_jsonata(s: &str) -> bool {
        s.len() >= 4 && s.starts_with("{%") && s.ends_with("%}")
    }

    /// Parses `{% expr %}`: the string must start with `{%` and end with `%}`, and the
    /// expression between them must be non-empty and syntactically valid JSONata.
    pub fn parse(s: &str) -> Result<Jsonata, PathError> {
        if !s.starts_with("{%") {
            return Err(PathError::new(
                0,
                "a JSONata expression must start with `{%`",
                "`{% expression %}`",
            ));
        }
        if s.len() < 4 || !s.ends_with("%}") {
            return Err(PathError::new(
                s.len(),
                "a JSONata expression must end with `%}`",
                "`%}` at the end of the string",
            ));
        }
        let inner = &s[2..s.len() - 2];
        if inner.trim().is_empty() {
            return Err(PathError::new(
                2,
                "empty JSONata expression",
                "an expression between `{%` and `%}`",
            ));
        }
        check(inner, 2)?;
        Ok(Jsonata {
            text: s.to_string(),
        })
    }

    /// Wraps an expression as `{% expression %}` and checks it.
    pub fn new(expression: &str) -> Result<Jsonata, PathError> {
        Jsonata::parse(&format!("{{% {expression} %}}"))
    }

    /// The whole string, `{%` and `%}` included.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The expression between `{%` and `%}`, trimmed.
    pub fn expression(&self) -> &str {
        self.text[2..self.text.len() - 2].trim()
    }

    /// What the expression reads from the top-level context, in the order written, each with
    /// its byte offset in [`as_str`](Jsonata::as_str). Step Functions evaluates an expression
    /// with no context item (the input is `$states.input`), and refuses a definition that reads
    /// one (`UNSUPPORTED_JSONATA_EXPRESSION`).
    ///
    /// What counts, as AWS measures it: a field name that starts a path (`phone`, `phone.number`),
    /// `$` and `$$`, anywhere their value is the top-level context: operands, function
    /// arguments, array and object constructors (keys too), conditions, blocks, and lambda
    /// bodies (a lambda keeps the context of the expression that defines it). A later step
    /// of a path, a predicate `[…]`, a group `{…}`, a sort `^(…)` and a transform `|…|` read
    /// the value before them, so names there do not count.
    ///
    /// ```
    /// use sfn::path::Jsonata;
    ///
    /// let j = Jsonata::parse("{% $count(items) + $states.input.items[price > 10].n %}").unwrap();
    /// let names: Vec<&str> = j.top_level_references().into_iter().map(|(_, n)| n).collect();
    /// assert_eq!(names, ["items"]);
    /// assert!(Jsonata::parse("{% $states.input.a %}").unwrap().top_level_references().is_empty());
    /// ```
    pub fn top_level_references(&self) -> Vec<(usize, &str)> {
        self.reads().0
    }

    /// The fields of `$states` the expression reads (`input`, `result`, `errorOutput`,
    /// `context`), in the order written, each with the byte offset of the field's name in
    /// [`as_str`](Jsonata::as_str). AWS refuses `$states.result` and `$states.errorOutput` where
    /// a state has no result or error output.
    ///
    /// ```
    /// use sfn::path::Jsonata;
    ///
    /// let j = Jsonata::parse("{% $states.input.a & $states.errorOutput.Cause %}").unwrap();
    /// assert_eq!(j.states_fields(), [(11, "input"), (29, "errorOutput")]);
    /// ```
    pub fn states_fields(&self) -> Vec<(usize, &str)> {
        self.reads().1
    }

    /// [`top_level_references`](Self::top_level_references) and
    /// [`states_fields`](Self::states_fields), from one parse.
    pub(crate) fn reads(&self) -> (Named<'_>, Named<'_>) {
        let inner = &self.text[2..self.text.len() - 2];
        let mut p = Parser::new(inner, 2);
        p.reads = Some(Reads::default());
        // The text parsed when it was made, so this parse succeeds.
        if p.run().is_err() {
            return (Vec::new(), Vec::new());
        }
        let reads = p.reads.unwrap_or_default();
        let texts = |ranges: Vec<(usize, usize)>| -> Named<'_> {
            ranges
                .into_iter()
                .map(|(start, end)| (start + 2, &inner[start..end]))
                .collect()
        };
        (texts(reads.top_level), texts(reads.states))
    }
}

/// Names in an expression, each with its byte offset in the whole `{% … %}` string.
pub(crate) type Named<'a> = Vec<(usize, &'a str)>;

/// What an expression reads, as byte ranges in the parsed text.
#[derive(Default)]
struct Reads {
    /// The names read from the top-level context.
    top_level: Vec<(usize, usize)>,
    /// The fields of `$states` (their names, backquotes excluded).
    states: Vec<(usize, usize)>,
}

/// Checks the syntax of a JSONata expression; `base` is its offset in the enclosing string.
pub(crate) fn check(expr: &str, base: usize) -> Result<(), PathError> {
    Parser::new(expr, base).run()
}

/// What the checker needs to know about a parsed sub-expression, for the checks jsonata-js
/// makes after parsing: what may be a path step, and the order of the clauses of a step.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Node {
    what: What,
    /// Has a group-by clause `{…}`.
    grouped: bool,
    /// Has a predicate `[…]`.
    filtered: bool,
    /// Ends with an order-by clause `^(…)`.
    sorted: bool,
    /// Is the variable `$states`.
    states: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum What {
    /// A variable `$x` (required left of `:=`, right of `@`/`#`, as lambda parameter).
    Variable,
    /// The name `function` or `λ` (a lambda definition follows).
    Lambda,
    /// A number, `true`, `false` or `null` literal at this offset (cannot be a path step).
    Literal(usize),
    /// A path: a name, or steps joined by `.`.
    Path,
    /// Anything else.
    Other,
}

impl Node {
    const OTHER: Node = Node::of(What::Other);

    const fn of(what: What) -> Node {
        Node {
            what,
            grouped: false,
            filtered: false,
            sorted: false,
            states: false,
        }
    }

    /// The same expression with a clause attached: a variable or lambda stops being one.
    fn with_clause(self) -> Node {
        let what = match self.what {
            What::Variable | What::Lambda => What::Other,
            what => what,
        };
        Node { what, ..self }
    }
}

struct Parser<'a> {
    lex: Lexer<'a>,
    tok: Token,
    nesting: usize,
    /// The value of the current sub-expression's context is the top-level context (not the
    /// value of a step before it).
    top: bool,
    /// When asked for: what the expression reads ([`Jsonata::top_level_references`],
    /// [`Jsonata::states_fields`]).
    reads: Option<Reads>,
}

/// Left binding power of a token in infix position (jsonata-js operator table).
fn lbp(kind: Kind) -> u8 {
    match kind {
        Kind::Op(op) => match op {
            "[" | "(" | "@" | "#" => 80,
            "." => 75,
            "{" => 70,
            "*" | "/" | "%" => 60,
            "+" | "-" | "&" => 50,
            "=" | "<" | ">" | "!=" | "<=" | ">=" | "in" | "~>" | "^" | "?:" | "??" => 40,
            "and" => 30,
            "or" => 25,
            "?" => 20,
            ":=" => 10,
            _ => 0,
        },
        _ => 0,
    }
}

impl<'a> Parser<'a> {
    fn new(expr: &'a str, base: usize) -> Self {
        Parser {
            lex: Lexer::new(expr, base),
            tok: Token {
                kind: Kind::End,
                start: 0,
                end: 0,
            },
            nesting: 0,
            top: true,
            reads: None,
        }
    }

    /// Parses the whole expression.
    fn run(&mut self) -> Result<(), PathError> {
        self.advance(true)?;
        self.expression(0)?;
        if self.tok.kind != Kind::End {
            return Err(self.unexpected("an operator or the end of the expression"));
        }
        Ok(())
    }

    /// Notes `t` as read from the top-level context when that is the current context.
    fn top_level(&mut self, t: Token) {
        if let (true, Some(reads)) = (self.top, &mut self.reads) {
            reads.top_level.push((t.start, t.end));
        }
    }

    /// Runs `parse` with the context of a value before it (a later step, a predicate, …).
    fn in_step<T>(
        &mut self,
        parse: impl FnOnce(&mut Self) -> Result<T, PathError>,
    ) -> Result<T, PathError> {
        let top = std::mem::replace(&mut self.top, false);
        let result = parse(self);
        self.top = top;
        result
    }

    fn text(&self, t: Token) -> &str {
        &self.lex.src[t.start..t.end]
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.tok.kind, Kind::Op(o) if o == op)
    }

    fn unexpected(&self, expected: &str) -> PathError {
        let msg = match self.tok.kind {
            Kind::End => "unexpected end of expression".to_string(),
            _ => format!("unexpected `{}`", self.text(self.tok)),
        };
        self.lex.err(self.tok.start, msg, expected)
    }

    /// Moves to the next token; `operand` tells the lexer a regular expression may come next
    /// (jsonata-js decides this per call site, not per grammar position).
    fn advance(&mut self, operand: bool) -> Result<(), PathError> {
        self.tok = self.lex.next(operand)?;
        Ok(())
    }

    /// Requires the current token to be `op`, then advances.
    fn expect(&mut self, op: &'static str, operand_next: bool) -> Result<(), PathError> {
        if !self.is_op(op) {
            return Err(self.unexpected(&format!("`{op}`")));
        }
        self.advance(operand_next)
    }

    fn enter(&mut self) -> Result<(), PathError> {
        self.nesting += 1;
        if self.nesting > MAX_DEPTH {
            return Err(self.lex.err(
                self.tok.start,
                format!("expression nested more than {MAX_DEPTH} levels deep"),
                "",
            ));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.nesting -= 1;
    }

    /// `parse` one nesting level deeper ([`Self::enter`]), then the closing `close`.
    fn enclosed<T>(
        &mut self,
        close: &'static str,
        parse: impl FnOnce(&mut Self) -> Result<T, PathError>,
    ) -> Result<T, PathError> {
        self.enter()?;
        let t = parse(self)?;
        self.expect(close, false)?;
        self.leave();
        Ok(t)
    }

    fn expression(&mut self, rbp: u8) -> Result<Node, PathError> {
        let t = self.tok;
        // like jsonata-js, the token after a prefix token is read in infix mode (`/` divides)
        self.advance(false)?;
        let mut left = self.nud(t)?;
        while rbp < lbp(self.tok.kind) {
            let t = self.tok;
            self.advance(true)?;
            left = self.led(t, left)?;
        }
        Ok(left)
    }

    /// A nested sub-expression `expression(rbp)` that counts towards the nesting limit.
    fn nested(&mut self, rbp: u8) -> Result<Node, PathError> {
        self.enter()?;
        let node = self.expression(rbp)?;
        self.leave();
        Ok(node)
    }

    fn nud(&mut self, t: Token) -> Result<Node, PathError> {
        match t.kind {
            Kind::Variable => {
                if matches!(self.text(t), "$" | "$$") {
                    self.top_level(t);
                }
                Ok(Node {
                    states: self.text(t) == "$states",
                    ..Node::of(What::Variable)
                })
            }
            Kind::Name if matches!(self.text(t), "function" | "λ") => Ok(Node::of(What::Lambda)),
            Kind::Num | Kind::Value => Ok(Node::of(What::Literal(t.start))),
            Kind::Name => {
                self.top_level(t);
                Ok(Node::of(What::Path))
            }
            Kind::Str | Kind::Regex => Ok(Node::OTHER),
            // word operators are names in operand position
            Kind::Op("and" | "or" | "in") => {
                self.top_level(t);
                Ok(Node::OTHER)
            }
            // `*`, `**`, `%` are path steps
            Kind::Op("*" | "**" | "%") => Ok(Node::OTHER),
            // jsonata-js folds `-<number>` into a number literal
            Kind::Op("-") => match (self.tok.kind, self.nested(70)?) {
                (Kind::Num, n) if n == Node::of(n.what) && matches!(n.what, What::Literal(_)) => {
                    Ok(n)
                }
                _ => Ok(Node::OTHER),
            },
            Kind::Op("(") => self.enclosed(")", |p| {
                while !p.is_op(")") {
                    p.expression(0)?;
                    if !p.is_op(";") {
                        break;
                    }
                    p.advance(true)?;
                }
                Ok(Node::OTHER)
            }),
            Kind::Op("[") => {
                let items = |p: &mut Self| {
                    p.expression(0)?;
                    if p.is_op("..") {
                        p.advance(true)?;
                        p.expression(0)?;
                    }
                    Ok(())
                };
                self.enclosed("]", |p| p.comma_list(Some("]"), items))?;
                Ok(Node::OTHER)
            }
            Kind::Op("{") => self.object(),
            Kind::Op("|") => {
                self.enter()?;
                // a transform reads the value it is applied to
                self.in_step(|p| {
                    p.expression(0)?;
                    p.expect("|", true)?;
                    p.expression(0)?;
                    if p.is_op(",") {
                        p.advance(true)?;
                        p.expression(0)?;
                    }
                    p.expect("|", true)
                })?;
                self.leave();
                Ok(Node::OTHER)
            }
            Kind::End => {
                Err(self
                    .lex
                    .err(t.start, "unexpected end of expression", "an expression"))
            }
            Kind::Op(op) => Err(self.lex.err(
                t.start,
                format!("`{op}` cannot start an expression"),
                "an expression",
            )),
        }
    }

    /// The pairs of an object constructor or group-by, after `{`.
    fn object(&mut self) -> Result<Node, PathError> {
        let pair = |p: &mut Self| {
            p.expression(0)?;
            p.expect(":", true)?;
            p.expression(0).map(drop)
        };
        self.enclosed("}", |p| p.comma_list(Some("}"), pair))?;
        Ok(Node::OTHER)
    }

    fn led(&mut self, t: Token, left: Node) -> Result<Node, PathError> {
        let Kind::Op(op) = t.kind else {
            return Err(self.lex.err(t.start, "unexpected token", "an operator"));
        };
        match op {
            "(" => self.call(left),
            "[" if self.is_op("]") => {
                // `[]` keeps a singleton array; jsonata-js reads the next token in operand mode
                self.expect("]", true)?;
                Ok(left)
            }
            "[" => {
                if left.grouped && !(left.what == What::Path || left.sorted) {
                    return Err(self.lex.err(
                        t.start,
                        "a predicate cannot follow a grouping expression in a step",
                        "",
                    ));
                }
                self.enclosed("]", |p| p.in_step(|p| p.expression(0)))?;
                Ok(Node {
                    filtered: true,
                    ..left.with_clause()
                })
            }
            "{" => {
                if left.grouped {
                    return Err(self.lex.err(
                        t.start,
                        "each step can only have one grouping expression",
                        "",
                    ));
                }
                self.in_step(Self::object)?;
                Ok(Node {
                    grouped: true,
                    ..left.with_clause()
                })
            }
            "^" => {
                self.enter()?;
                self.expect("(", true)?;
                self.in_step(|p| {
                    p.comma_list(None, |p| {
                        if p.is_op("<") || p.is_op(">") {
                            p.advance(true)?;
                        }
                        p.expression(0)?;
                        Ok(())
                    })
                })?;
                self.expect(")", true)?;
                self.leave();
                // sorting makes a path whose last step is the sort (a literal stays a bad step)
                let what = match left.what {
                    What::Literal(at) => What::Literal(at),
                    _ => What::Path,
                };
                Ok(Node {
                    what,
                    grouped: false,
                    filtered: false,
                    sorted: true,
                    states: false,
                })
            }
            "@" | "#" => {
                let clause = match (op, left.sorted, left.filtered) {
                    ("@", true, _) => Some("an 'order-by' clause"),
                    ("@", _, true) => Some("predicates"),
                    _ => None,
                };
                if let Some(clause) = clause {
                    return Err(self.lex.err(
                        t.start,
                        format!("a context variable binding must precede {clause} on a step"),
                        "",
                    ));
                }
                let at = self.tok.start;
                if self.expression(lbp(t.kind))?.what != What::Variable {
                    return Err(self.lex.err(
                        at,
                        format!("the right side of `{op}` must be a variable name (start with $)"),
                        "a variable such as `$x`",
                    ));
                }
                // the binding attaches to the step, which keeps its other clauses
                Ok(left.with_clause())
            }
            "?" => {
                self.nested(0)?;
                if self.is_op(":") {
                    self.advance(true)?;
                    self.nested(0)?;
                }
                Ok(Node::OTHER)
            }
            "?:" | "??" => Err(self.lex.err(
                t.start,
                format!(
                    "the `{op}` operator is not supported: AWS Step Functions implements JSONata \
                     2.0.6 (`?:` and `??` arrived in JSONata 2.1)"
                ),
                "`? :` (the conditional operator)",
            )),
            ":=" => {
                if left.what != What::Variable {
                    return Err(self.lex.err(
                        t.start,
                        "the left side of `:=` must be a variable name (start with $)",
                        "a variable such as `$x`",
                    ));
                }
                self.nested(lbp(t.kind) - 1)?;
                Ok(Node::OTHER)
            }
            "." => {
                if left.states
                    && self.tok.kind == Kind::Name
                    && let Some(reads) = &mut self.reads
                {
                    // `$states.field` (or `` $states.`field` ``).
                    let quoted = usize::from(self.lex.src[self.tok.start..].starts_with('`'));
                    reads
                        .states
                        .push((self.tok.start + quoted, self.tok.end - quoted));
                }
                let right = self.in_step(|p| p.expression(lbp(t.kind)))?;
                for step in [left, right] {
                    if let What::Literal(at) = step.what {
                        return Err(literal_step(&self.lex, at));
                    }
                }
                Ok(Node::of(What::Path))
            }
            _ if lbp(t.kind) > 0 => {
                self.expression(lbp(t.kind))?;
                Ok(Node::OTHER)
            }
            _ => Err(self
                .lex
                .err(t.start, format!("unexpected `{op}`"), "an operator")),
        }
    }

    /// Arguments of a function call (after `(`), and the body of a lambda definition.
    fn call(&mut self, left: Node) -> Result<Node, PathError> {
        self.enter()?;
        self.comma_list(Some(")"), |p| {
            let at = p.tok.start;
            if p.is_op("?") {
                // partial application placeholder
                return p.advance(true);
            }
            let arg = p.expression(0)?;
            if left.what == What::Lambda && arg.what != What::Variable {
                return Err(p.lex.err(
                    at,
                    "parameters of a function definition must be variables such as `$x`",
                    "a variable",
                ));
            }
            Ok(())
        })?;
        self.expect(")", false)?;
        if left.what == What::Lambda {
            if self.is_op("<") {
                self.signature()?;
            }
            self.expect("{", true)?;
            self.expression(0)?;
            self.expect("}", true)?;
        }
        self.leave();
        Ok(Node::OTHER)
    }

    /// Reads the items of a `,`-separated list with `item`, up to the first item not followed
    /// by a `,`; an empty list when the next token is `close`.
    fn comma_list(
        &mut self,
        close: Option<&str>,
        mut item: impl FnMut(&mut Self) -> Result<(), PathError>,
    ) -> Result<(), PathError> {
        if close.is_some_and(|c| self.is_op(c)) {
            return Ok(());
        }
        loop {
            item(self)?;
            if !self.is_op(",") {
                return Ok(());
            }
            self.advance(true)?;
        }
    }

    /// Skips a function signature `<…>` (nested `<>` allowed).
    fn signature(&mut self) -> Result<(), PathError> {
        let open = self.tok.start;
        let mut depth = 0usize;
        loop {
            match self.tok.kind {
                Kind::Op("<") => depth += 1,
                Kind::Op(">") => depth -= 1,
                Kind::Op("{") | Kind::End => {
                    return Err(self
                        .lex
                        .err(open, "unclosed function signature `<…>`", "`>`"));
                }
                _ => {}
            }
            self.advance(true)?;
            if depth == 0 {
                return Ok(());
            }
        }
    }
}

/// The error for a number, `true`, `false` or `null` used as a path step (jsonata-js S0213).
fn literal_step(lex: &Lexer<'_>, at: usize) -> PathError {
    lex.err(
        at,
        "a number, `true`, `false` or `null` cannot be a step of a path",
        "a field name, a string or an expression in parentheses",
    )
}
