//! A small layout engine for generated Rust: expressions as trees, printed on one line when
//! they fit and broken the way rustfmt breaks them otherwise (vertical arguments, one method
//! call per line, an overflowing last closure or macro argument).

/// The line width rustfmt uses by default.
const MAX_WIDTH: usize = 100;
/// rustfmt's "small heuristics": the longest argument list, method chain or array kept on one
/// line.
const SMALL_WIDTH: usize = 60;
/// rustfmt's `struct_lit_width`: the longest struct literal body kept on one line.
const STRUCT_WIDTH: usize = 18;
/// One level of indentation.
const INDENT: usize = 4;

/// An expression.
#[derive(Debug, Clone)]
pub(crate) enum Doc {
    /// Text that is never broken (a literal, an identifier, a macro call on a literal).
    Text(String),
    /// `head(args…)`; an empty head is a tuple.
    Call(String, Vec<Doc>),
    /// `base.name(args…).name(args…)…`.
    Chain(Box<Doc>, Vec<(String, Vec<Doc>)>),
    /// `prefix[items…]` (an array, `vec![…]`, a `payload!` array).
    List(String, Vec<Doc>),
    /// `prefix{ key: value, … }`: a `payload!` object (`prefix` is `payload! ` at the top and
    /// empty inside) or a `literal!` object. Keys are already literals.
    Object(String, Vec<(String, Doc)>),
    /// `|param| { statements }`.
    Closure(String, Vec<Stmt>),
}

/// A statement of a function body or closure.
#[derive(Debug, Clone)]
pub(crate) enum Stmt {
    /// `let name = value;`.
    Let(String, Doc),
    /// `value;`.
    Expr(Doc),
    /// The final expression of a block, without `;`.
    Tail(Doc),
    /// `// text`.
    Comment(String),
    /// An empty line.
    Blank,
}

impl Doc {
    /// Text.
    pub(crate) fn text(s: impl Into<String>) -> Doc {
        Doc::Text(s.into())
    }

    /// `head(args)`.
    pub(crate) fn call(head: impl Into<String>, args: Vec<Doc>) -> Doc {
        Doc::Call(head.into(), args)
    }

    /// Appends `.name(args)`, turning the expression into a chain.
    pub(crate) fn method(self, name: impl Into<String>, args: Vec<Doc>) -> Doc {
        match self {
            Doc::Chain(base, mut calls) => {
                calls.push((name.into(), args));
                Doc::Chain(base, calls)
            }
            other => Doc::Chain(Box::new(other), vec![(name.into(), args)]),
        }
    }

    /// The expression on one line, if it can be written on one line at all.
    fn flat(&self) -> Option<String> {
        Some(match self {
            Doc::Text(s) => s.clone(),
            Doc::Call(head, args) => format!("{head}({})", flat_list(args)?),
            Doc::Chain(base, calls) => {
                let mut s = base.flat()?;
                for (name, args) in calls {
                    s.push_str(&format!(".{name}({})", flat_list(args)?));
                }
                s
            }
            Doc::List(prefix, items) => format!("{prefix}[{}]", flat_list(items)?),
            Doc::Object(prefix, members) if members.is_empty() => format!("{prefix}{{}}"),
            Doc::Object(prefix, members) => {
                let inner = members
                    .iter()
                    .map(|(k, v)| Some(format!("{k}: {}", v.flat()?)))
                    .collect::<Option<Vec<_>>>()?
                    .join(", ");
                format!("{prefix}{{ {inner} }}")
            }
            Doc::Closure(..) => return None,
        })
    }

    /// How the expression behaves as the last argument of a call that does not fit on one
    /// line (rustfmt's "overflow"): `None` when it goes on a line of its own.
    fn overflow(&self, only_arg: bool) -> Option<Overflow> {
        match self {
            Doc::Closure(..) => Some(Overflow::Open),
            Doc::Object(..) | Doc::List(..) if only_arg => Some(Overflow::Open),
            Doc::Call(_, args) if only_arg && !args.is_empty() => Some(Overflow::Forced),
            Doc::Chain(..) if only_arg => Some(Overflow::OneLine),
            _ => None,
        }
    }
}

/// How an overflowing last argument is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Overflow {
    /// Opens on the call's line and closes below it (`|b| {`, `payload! {`, `[`).
    Open,
    /// A nested call, broken itself (rustfmt restricts nested calls to keep them shallow).
    Forced,
    /// A method chain: on the call's line when it fits there, else the call is broken.
    OneLine,
}

/// Arguments separated by `, `.
fn flat_list(items: &[Doc]) -> Option<String> {
    Some(
        items
            .iter()
            .map(Doc::flat)
            .collect::<Option<Vec<_>>>()?
            .join(", "),
    )
}

/// The flat form of `doc` when it fits at column `col` followed by `tail` characters and it
/// and every expression in it obey the small-width heuristics.
fn fitting(doc: &Doc, col: usize, tail: usize) -> Option<String> {
    let flat = doc.flat()?;
    (col + flat.len() + tail <= MAX_WIDTH && small(doc)).then_some(flat)
}

/// True when the expression and the ones inside it are narrow enough for one line.
fn small(doc: &Doc) -> bool {
    let Some(flat) = doc.flat() else {
        return false;
    };
    match doc {
        Doc::Text(_) => true,
        // A single literal argument may use the whole line.
        Doc::Call(_, args) if matches!(args.as_slice(), [Doc::Text(_)]) => true,
        Doc::Call(head, args) => {
            flat.len() - head.len() - 2 <= SMALL_WIDTH && args.iter().all(small)
        }
        Doc::Chain(base, calls) => {
            (calls.len() == 1 || flat.len() <= SMALL_WIDTH)
                && small(base)
                && calls.iter().all(|(_, args)| args.iter().all(small))
        }
        Doc::List(prefix, items) => {
            flat.len() - prefix.len() <= SMALL_WIDTH && items.iter().all(small)
        }
        Doc::Object(prefix, members) => {
            // A `payload!`/`literal!` object with one member may use the whole line (rustfmt
            // keeps macro bodies as written); a struct literal follows `struct_lit_width`.
            let width = flat.len() - prefix.len();
            let own = if is_struct(prefix) {
                width <= STRUCT_WIDTH
            } else {
                members.len() <= 1 || width <= SMALL_WIDTH
            };
            own && members.iter().all(|(_, v)| small(v))
        }
        Doc::Closure(..) => false,
    }
}

/// True for the prefix of a struct literal (`ProcessorConfig `), as opposed to a macro's.
fn is_struct(prefix: &str) -> bool {
    !prefix.is_empty() && !prefix.ends_with("! ")
}

/// Writes `doc` starting at column `col` of a line indented by `indent`, with `tail` characters
/// to follow it on its last line.
pub(crate) fn render(doc: &Doc, indent: usize, col: usize, tail: usize) -> String {
    render_as(doc, indent, col, tail, false)
}

/// [`render`], never on one line when `broken` (for a call that has arguments).
fn render_as(doc: &Doc, indent: usize, col: usize, tail: usize, broken: bool) -> String {
    if !broken && let Some(flat) = fitting(doc, col, tail) {
        return flat;
    }
    match doc {
        Doc::Text(s) => s.clone(),
        Doc::Call(head, args) => render_args(head, "(", ")", args, indent, col, tail),
        Doc::List(prefix, items) => render_args(prefix, "[", "]", items, indent, col, tail),
        Doc::Chain(base, calls) => {
            if let Some(attached) = attach(base, calls, indent, col, tail) {
                return attached;
            }
            let mut out = render(base, indent, col, 0);
            // Below a root that ends on its own line (`))`), rustfmt does not indent the calls.
            let inner = indent + if out.contains('\n') { 0 } else { INDENT };
            for (i, (name, args)) in calls.iter().enumerate() {
                out.push('\n');
                out.push_str(&" ".repeat(inner));
                let head = format!(".{name}");
                let t = if i + 1 == calls.len() { tail } else { 0 };
                out.push_str(&render(&Doc::Call(head, args.clone()), inner, inner, t));
            }
            out
        }
        Doc::Object(prefix, members) => {
            let inner = indent + INDENT;
            let mut out = format!("{prefix}{{\n");
            for (k, v) in members {
                let value = render(v, inner, inner + k.len() + 2, 1);
                out.push_str(&format!("{}{k}: {value},\n", " ".repeat(inner)));
            }
            out + &" ".repeat(indent) + "}"
        }
        Doc::Closure(param, body) => {
            let body = block(body, indent + INDENT);
            format!("|{param}| {{\n{body}{}}}", " ".repeat(indent))
        }
    }
}

/// A chain kept on its first line with only the last call's arguments broken
/// (`Choice::new().when(`, `Parallel::new().branch(|b| {`), the way rustfmt writes a chain
/// whose last call would not fit on a line of its own either.
fn attach(
    base: &Doc,
    calls: &[(String, Vec<Doc>)],
    indent: usize,
    col: usize,
    tail: usize,
) -> Option<String> {
    let ((last, last_args), rest) = calls.split_last()?;
    if last_args.is_empty() || !small(base) {
        return None;
    }
    let mut lead = base.flat()?;
    for (name, args) in rest {
        if !args.iter().all(small) {
            return None;
        }
        lead.push_str(&format!(".{name}({})", flat_list(args)?));
    }
    lead.push_str(&format!(".{last}"));
    if (!rest.is_empty() && lead.len() > SMALL_WIDTH) || col + lead.len() + 1 >= MAX_WIDTH {
        return None;
    }
    let own_line = Doc::Call(format!(".{last}"), last_args.clone());
    if fitting(&own_line, indent + INDENT, tail).is_some() {
        return None;
    }
    Some(render_args(&lead, "(", ")", last_args, indent, col, tail))
}

/// `head(args)` or `prefix[items]` that does not fit on one line: the last argument
/// overflowing when rustfmt would let it, else one argument per line (with a trailing comma,
/// except in the parentheses of a macro call).
fn render_args(
    head: &str,
    open: &str,
    close: &str,
    args: &[Doc],
    indent: usize,
    col: usize,
    tail: usize,
) -> String {
    if let Some((last, rest)) = args.split_last()
        && let Some(kind) = last.overflow(rest.is_empty())
        && let Some(before) = flat_list(rest)
    {
        let comma = if rest.is_empty() { "" } else { ", " };
        let lead = format!("{head}{open}{before}{comma}");
        let at = col + lead.len();
        let fits = at < MAX_WIDTH;
        match kind {
            Overflow::Open if fits => {
                return format!("{lead}{}{close}", render(last, indent, at, tail + 1));
            }
            Overflow::Forced if fits => {
                return format!(
                    "{lead}{}{close}",
                    render_as(last, indent, at, tail + 1, true)
                );
            }
            Overflow::OneLine => {
                if let Some(flat) = last.flat()
                    && small(last)
                    && at + flat.len() + tail < MAX_WIDTH
                {
                    return format!("{lead}{flat}{close}");
                }
            }
            _ => {}
        }
    }
    let inner = indent + INDENT;
    let comma = if head.ends_with('!') && open == "(" {
        ""
    } else {
        ","
    };
    let mut out = format!("{head}{open}\n");
    for (i, arg) in args.iter().enumerate() {
        out.push_str(&" ".repeat(inner));
        out.push_str(&render(arg, inner, inner, 1));
        out.push_str(if i + 1 < args.len() { "," } else { comma });
        out.push('\n');
    }
    out.push_str(&" ".repeat(indent));
    out.push_str(close);
    out
}

/// The statements of a block, each line indented by `indent`, with a trailing newline.
pub(crate) fn block(stmts: &[Stmt], indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    let mut blank = true;
    for stmt in stmts {
        match stmt {
            // No blank line at the start of a block or after another.
            Stmt::Blank if blank => continue,
            Stmt::Blank => blank = true,
            _ => {
                blank = false;
                out.push_str(&pad);
            }
        }
        match stmt {
            Stmt::Let(name, value) => {
                let lead = format!("let {name} = ");
                let same_line = render(value, indent, indent + lead.len(), 1);
                let next_line = indent + INDENT;
                match fitting(value, next_line, 1) {
                    // rustfmt moves a value that fits on one line below the `=` rather than
                    // breaking it.
                    Some(flat) if same_line.contains('\n') => {
                        out.push_str(&format!("let {name} =\n{}{flat};", " ".repeat(next_line)));
                    }
                    _ => out.push_str(&format!("{lead}{same_line};")),
                }
            }
            Stmt::Expr(value) => {
                out.push_str(&render(value, indent, indent, 1));
                out.push(';');
            }
            Stmt::Tail(value) => out.push_str(&render(value, indent, indent, 0)),
            Stmt::Comment(text) => out.push_str(&format!("// {text}")),
            Stmt::Blank => {}
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Doc {
        Doc::text(s)
    }

    #[test]
    fn short_call_stays_flat() {
        let d = Doc::call(
            "m.define",
            vec![t("a"), Doc::call("Pass::new", vec![]).method("end", vec![])],
        );
        assert_eq!(render(&d, 4, 4, 1), "m.define(a, Pass::new().end())");
    }

    #[test]
    fn long_chain_breaks() {
        let chain = Doc::call("Task::new", vec![t("Resource::lambda_invoke()")])
            .method("result_path", vec![t("path!(\"$.guid.something.long\")")])
            .method("next", vec![t("wait_for_the_job_to_finish")]);
        let d = Doc::call("m.define", vec![t("submit_job"), chain]);
        assert_eq!(
            render(&d, 4, 4, 1),
            "m.define(\n        submit_job,\n        Task::new(Resource::lambda_invoke())\n            .result_path(path!(\"$.guid.something.long\"))\n            .next(wait_for_the_job_to_finish),\n    )"
        );
    }

    #[test]
    fn closure_overflows() {
        let body = vec![Stmt::Let("a".into(), t("b.declare(\"A\")"))];
        let d = Doc::call("Parallel::new", vec![])
            .method("branch", vec![Doc::Closure("b".into(), body)])
            .method("end", vec![]);
        assert_eq!(
            render(&d, 0, 0, 0),
            "Parallel::new()\n    .branch(|b| {\n        let a = b.declare(\"A\");\n    })\n    .end()"
        );
    }
}
