//! Flowcharts of a state machine: [`mermaid`] (renders in GitHub markdown) and Graphviz [`dot`].
//!
//! One node per state, shaped by type (Choice as a rhombus, Succeed/Fail as terminals, Wait as a
//! parallelogram, Task as a rectangle, Pass as a rounded box); `Next` edges; Choice rules
//! labelled with a short rendering of their condition ([`condition_label`]) and `Default`
//! labelled `default`; Catch edges dashed and labelled with the error names; `End` states lead
//! to an end node. Parallel branches and Map processors are drawn as nested subgraphs.
//!
//! Node ids are safe identifiers derived from the state names (`s_` + the name with spaces as
//! `_` and, when it has any other character outside `[A-Za-z0-9_]`, those replaced too and a
//! hash of the name appended; `_2`, `_3`, … on a clash); labels are quoted and escaped, so names with quotes, brackets, `#` or any Unicode
//! render. The output depends only on the machine: the same machine gives the same bytes.
//!
//! ```
//! let m = sfn::model::StateMachine::from_json(r#"{"StartAt": "Hi",
//!     "States": {"Hi": {"Type": "Pass", "End": true}}}"#).unwrap();
//! assert_eq!(
//!     sfn::diagram::mermaid(&m),
//!     "flowchart TD\n    start((Start))\n    s_Hi(\"Hi\")\n    stop(((End)))\n    start --> s_Hi\n    s_Hi --> stop\n"
//! );
//! ```

use crate::rustgen::Identifiers;
use sfn_dsl::fields::{Owner, names as k};
use sfn_dsl::model::{
    ChoiceRule, Comparison, Condition, Operand, OperandKind, Operator, RuleCondition, State,
    StateMachine, States, Transition,
};
use std::collections::HashMap;
use std::fmt::Write;

/// The longest edge label, in characters, before it is cut with `…`.
pub const MAX_LABEL: usize = 40;

/// The Mermaid flowchart (`flowchart TD`) of a machine, ready for a ```` ```mermaid ```` block.
pub fn mermaid(machine: &StateMachine) -> String {
    let g = Graph::build(machine);
    let mut out = String::from("flowchart TD\n");
    out.push_str("    start((Start))\n");
    let mut classes = Vec::new();
    mermaid_scope(&mut out, &g.root, 1, &mut classes);
    if g.has_end {
        out.push_str("    stop(((End)))\n");
    }
    for e in &g.edges {
        let arrow = match e.style {
            EdgeStyle::Next => "-->",
            EdgeStyle::Catch => "-.->",
            // A subgraph shows where its branches start; no edge needed.
            EdgeStyle::Entry => continue,
        };
        let label = e.label.as_ref().map(|l| format!("|\"{}\"|", mm(l)));
        let _ = writeln!(
            out,
            "    {} {arrow}{} {}",
            e.from,
            label.unwrap_or_default(),
            e.to
        );
    }
    for (class, style) in CLASSES {
        if classes.contains(class) {
            let _ = writeln!(out, "    classDef {class} {style}");
        }
    }
    out
}

/// The Graphviz `digraph` of a machine (`dot -Tsvg`). A Parallel or Map state is a bold node
/// inside a cluster that holds its branches; dotted edges lead to where each branch starts.
pub fn dot(machine: &StateMachine) -> String {
    let g = Graph::build(machine);
    let mut out = String::from("digraph StateMachine {\n");
    out.push_str("    rankdir=TB;\n");
    out.push_str("    graph [fontname=\"Helvetica\"];\n");
    out.push_str("    node [shape=box, fontname=\"Helvetica\"];\n");
    out.push_str("    edge [fontname=\"Helvetica\", fontsize=10];\n");
    out.push_str("    start [label=\"Start\", shape=circle];\n");
    dot_scope(&mut out, &g.root, 1);
    if g.has_end {
        out.push_str("    stop [label=\"End\", shape=doublecircle];\n");
    }
    for e in &g.edges {
        let mut attrs = Vec::new();
        match e.style {
            EdgeStyle::Next => {}
            EdgeStyle::Catch => attrs.push("style=dashed".to_string()),
            EdgeStyle::Entry => attrs.push("style=dotted".to_string()),
        }
        if let Some(l) = &e.label {
            attrs.push(format!("label=\"{}\"", dq(l)));
        }
        let attrs = if attrs.is_empty() {
            String::new()
        } else {
            format!(" [{}]", attrs.join(", "))
        };
        let _ = writeln!(out, "    {} -> {}{attrs};", e.from, e.to);
    }
    out.push_str("}\n");
    out
}

/// A short rendering of a Choice rule's condition: `$.status == "SUCCEEDED"`,
/// `And($.a > 1, $.b is present)`, the JSONata expression without `{% %}`; cut to
/// [`MAX_LABEL`] characters.
///
/// ```
/// let m = sfn::model::StateMachine::from_json(r#"{"StartAt": "C", "States": {
///     "C": {"Type": "Choice", "Choices": [
///         {"Variable": "$.status", "StringEquals": "SUCCEEDED", "Next": "D"}], "Default": "D"},
///     "D": {"Type": "Succeed"}}}"#).unwrap();
/// let sfn::model::State::Choice(c) = &m.states.0[0].1 else { unreachable!() };
/// assert_eq!(sfn::diagram::condition_label(&c.choices[0]), r#"$.status == "SUCCEEDED""#);
/// ```
pub fn condition_label(rule: &ChoiceRule) -> String {
    let text = match &rule.condition {
        RuleCondition::JsonPath(c) => condition_text(c),
        RuleCondition::Jsonata(j) => j.expression().to_string(),
        RuleCondition::Constant(b) => b.to_string(),
    };
    shorten(&text)
}

fn condition_text(c: &Condition) -> String {
    let list = |rules: &[sfn_dsl::model::NestedRule]| {
        rules
            .iter()
            .map(|r| condition_text(&r.condition))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match c {
        Condition::And(rules) => format!("And({})", list(rules)),
        Condition::Or(rules) => format!("Or({})", list(rules)),
        Condition::Not(rule) => format!("Not({})", condition_text(&rule.condition)),
        Condition::Compare(cmp) => comparison_text(cmp),
    }
}

fn comparison_text(c: &Comparison) -> String {
    let var = c.variable.as_str();
    let op = c.operator.as_str();
    if let (Some(what), OperandKind::Bool) = (op.strip_prefix("Is"), c.operator.operand_kind()) {
        let what = match what {
            "Present" => "present",
            "Null" => "null",
            "Numeric" => "numeric",
            "String" => "a string",
            "Boolean" => "a boolean",
            _ => "a timestamp",
        };
        return match &c.operand {
            Operand::Bool(true) => format!("{var} is {what}"),
            Operand::Bool(false) => format!("{var} is not {what}"),
            other => format!("{var} {op} {}", operand_text(other)),
        };
    }
    if c.operator == Operator::StringMatches {
        return format!("{var} matches {}", operand_text(&c.operand));
    }
    let base = op.strip_suffix("Path").unwrap_or(op);
    let relation = ["Boolean", "String", "Numeric", k::Timestamp]
        .iter()
        .find_map(|p| base.strip_prefix(p))
        .unwrap_or(base);
    let sym = match relation {
        "Equals" => "==",
        "LessThan" => "<",
        "GreaterThan" => ">",
        "LessThanEquals" => "<=",
        "GreaterThanEquals" => ">=",
        other => other,
    };
    format!("{var} {sym} {}", operand_text(&c.operand))
}

fn operand_text(o: &Operand) -> String {
    match o {
        Operand::String(s) => serde_json::Value::String(s.clone()).to_string(),
        Operand::Number(n) => n.to_string(),
        Operand::Bool(b) => b.to_string(),
        Operand::Path(p) => p.as_str().to_string(),
        Operand::Invalid(v) => v.to_string(),
    }
}

/// Collapses whitespace and cuts to [`MAX_LABEL`] characters.
fn shorten(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= MAX_LABEL {
        return flat;
    }
    let mut cut: String = flat.chars().take(MAX_LABEL - 1).collect();
    cut.push('…');
    cut
}

/// Escapes a Mermaid string label: entity codes for the characters Mermaid or GitHub's HTML
/// labels would interpret.
fn mm(s: &str) -> String {
    let out = escaped(s, |c| match c {
        '"' => Some("#quot;"),
        '#' => Some("#35;"),
        '<' => Some("#lt;"),
        '>' => Some("#gt;"),
        '&' => Some("#amp;"),
        '`' => Some("#96;"),
        _ => None,
    });
    // Mermaid reads `direction XX` anywhere on a line as a statement.
    out.replace("direction", "#100;irection")
}

/// Escapes a DOT quoted string.
fn dq(s: &str) -> String {
    escaped(s, |c| match c {
        '"' => Some("\\\""),
        '\\' => Some("\\\\"),
        '\n' => Some("\\n"),
        _ => None,
    })
}

/// `s` with the characters `escape` maps replaced, and the other control characters made
/// spaces.
fn escaped(s: &str, escape: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match escape(c) {
            Some(e) => out.push_str(e),
            None if c.is_control() => out.push(' '),
            None => out.push(c),
        }
    }
    out
}

const CLASSES: &[(&str, &str)] = &[
    ("succeed", "fill:#d3f9d8,stroke:#2b8a3e"),
    ("fail", "fill:#ffe3e3,stroke:#c92a2a"),
    ("missing", "stroke:#c92a2a,stroke-dasharray: 4 4"),
];

fn mermaid_scope(out: &mut String, scope: &[Item], depth: usize, classes: &mut Vec<&str>) {
    let pad = "    ".repeat(depth);
    for item in scope {
        match item {
            Item::Node(n) => {
                let label = mm(&n.label);
                let (open, close, class) = match n.kind {
                    Some(Owner::Task) => ("[\"", "\"]", None),
                    Some(Owner::Pass) => ("(\"", "\")", None),
                    Some(Owner::Choice) => ("{\"", "\"}", None),
                    Some(Owner::Wait) => ("[/\"", "\"/]", None),
                    Some(Owner::Succeed) => ("([\"", "\"])", Some("succeed")),
                    Some(Owner::Fail) => ("([\"", "\"])", Some("fail")),
                    _ => ("[\"", "\"]", Some("missing")),
                };
                let _ = write!(out, "{pad}{}{open}{label}{close}", n.id);
                if let Some(c) = class {
                    let _ = write!(out, ":::{c}");
                    if !classes.contains(&c) {
                        classes.push(c);
                    }
                }
                out.push('\n');
            }
            Item::Group(g) => {
                let _ = writeln!(out, "{pad}subgraph {}[\"{}\"]", g.id, mm(&g.label));
                if g.clusters.len() == 1 {
                    mermaid_scope(out, &g.clusters[0].items, depth + 1, classes);
                } else {
                    for c in &g.clusters {
                        let _ = writeln!(out, "{pad}    subgraph {}[\"{}\"]", c.id, mm(&c.label));
                        mermaid_scope(out, &c.items, depth + 2, classes);
                        let _ = writeln!(out, "{pad}    end");
                    }
                }
                let _ = writeln!(out, "{pad}end");
            }
        }
    }
}

fn dot_scope(out: &mut String, scope: &[Item], depth: usize) {
    let pad = "    ".repeat(depth);
    for item in scope {
        match item {
            Item::Node(n) => {
                let attrs = match n.kind {
                    Some(Owner::Task) => "",
                    Some(Owner::Pass) => ", style=rounded",
                    Some(Owner::Choice) => ", shape=diamond",
                    Some(Owner::Wait) => ", shape=parallelogram",
                    Some(Owner::Succeed) => ", style=\"rounded,filled\", fillcolor=\"#d3f9d8\"",
                    Some(Owner::Fail) => ", style=\"rounded,filled\", fillcolor=\"#ffe3e3\"",
                    _ => ", style=dashed, color=\"#c92a2a\"",
                };
                let _ = writeln!(out, "{pad}{} [label=\"{}\"{attrs}];", n.id, dq(&n.label));
            }
            Item::Group(g) => {
                let _ = writeln!(out, "{pad}subgraph cluster_{} {{", g.id);
                let _ = writeln!(out, "{pad}    label=\"{}\";", dq(&g.label));
                let _ = writeln!(
                    out,
                    "{pad}    {} [label=\"{}\", style=bold];",
                    g.id,
                    dq(&g.name)
                );
                for c in &g.clusters {
                    let _ = writeln!(out, "{pad}    subgraph cluster_{} {{", c.id);
                    let _ = writeln!(out, "{pad}        label=\"{}\";", dq(&c.label));
                    dot_scope(out, &c.items, depth + 2);
                    let _ = writeln!(out, "{pad}    }}");
                }
                let _ = writeln!(out, "{pad}}}");
            }
        }
    }
}

struct Node {
    id: String,
    label: String,
    /// The state's type; `None` for a `Next` target that names no state of its scope (an
    /// invalid machine).
    kind: Option<Owner>,
}

/// A Parallel or Map state: its own node (DOT) or subgraph (Mermaid), and its branches.
struct Group {
    id: String,
    name: String,
    label: String,
    clusters: Vec<Cluster>,
}

struct Cluster {
    id: String,
    label: String,
    items: Vec<Item>,
}

enum Item {
    Node(Node),
    Group(Group),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum EdgeStyle {
    Next,
    Catch,
    /// From a Parallel/Map node to where a branch starts (DOT only).
    Entry,
}

struct Edge {
    from: String,
    to: String,
    label: Option<String>,
    style: EdgeStyle,
}

struct Graph {
    root: Vec<Item>,
    edges: Vec<Edge>,
    has_end: bool,
    used: Identifiers,
}

impl Graph {
    fn build(m: &StateMachine) -> Graph {
        let mut g = Graph {
            root: Vec::new(),
            edges: Vec::new(),
            has_end: false,
            used: Identifiers::new(["start", "stop"]),
        };
        let (items, entry) = g.scope(&m.states, &m.start_at, true);
        g.root = items;
        // The edge from the start node comes first.
        g.edge("start", &entry, None, EdgeStyle::Next);
        g.edges.rotate_right(1);
        g
    }

    /// A unique id derived from `name`.
    fn alloc(&mut self, name: &str, suffix: &str) -> String {
        let mut base = String::from("s_");
        let mut lossy = false;
        for c in name.chars() {
            if c.is_ascii_alphanumeric() || c == '_' {
                base.push(c);
            } else if c == ' ' {
                // Common enough to keep ids readable; a clash with `_` is resolved below.
                base.push('_');
            } else {
                base.push('_');
                lossy = true;
            }
        }
        if lossy || name.is_empty() {
            let _ = write!(base, "_{:08x}", fnv1a(name));
        }
        base.push_str(suffix);
        self.used.unique(base)
    }

    /// Builds one scope; returns its items and the id of its `StartAt` state.
    fn scope(&mut self, states: &States, start_at: &str, top: bool) -> (Vec<Item>, String) {
        let mut ids: HashMap<&str, String> = HashMap::new();
        for (name, _) in states.iter() {
            ids.entry(name).or_insert_with(|| self.alloc(name, ""));
        }
        let mut items = Vec::new();
        let mut missing: Vec<(String, String)> = Vec::new();
        let mut resolve = |g: &mut Graph, target: &str| -> String {
            if let Some(id) = ids.get(target) {
                return id.clone();
            }
            if let Some((_, id)) = missing.iter().find(|(n, _)| n == target) {
                return id.clone();
            }
            let id = g.alloc(target, "");
            missing.push((target.to_string(), id.clone()));
            id
        };
        let entry = resolve(self, start_at);
        for (name, state) in states.iter() {
            let id = ids[name].clone();
            let scopes: Vec<(&States, &str)> = match state {
                State::Parallel(p) => p
                    .branches
                    .iter()
                    .map(|b| (&b.states, &*b.start_at))
                    .collect(),
                State::Map(m) => vec![(&m.processor.get().states, &m.processor.get().start_at)],
                _ => {
                    items.push(Item::Node(Node {
                        id: id.clone(),
                        label: name.to_string(),
                        kind: Some(state.owner()),
                    }));
                    self.exits(state, &id, top, &mut resolve);
                    continue;
                }
            };
            let mut clusters = Vec::new();
            for (i, (states, start_at)) in (1..).zip(scopes) {
                let (suffix, label) = match state {
                    State::Map(m) if m.is_distributed() => {
                        ("__items".into(), "item processor (distributed)".into())
                    }
                    State::Map(_) => ("__items".into(), "item processor".into()),
                    _ => (format!("__b{i}"), format!("branch {i}")),
                };
                let cid = self.alloc(name, &suffix);
                let (inner, start) = self.scope(states, start_at, false);
                self.edge(&id, &start, None, EdgeStyle::Entry);
                clusters.push(Cluster {
                    id: cid,
                    label,
                    items: inner,
                });
            }
            items.push(Item::Group(Group {
                id: id.clone(),
                name: name.to_string(),
                label: format!("{name} ({})", state.owner().name()),
                clusters,
            }));
            self.exits(state, &id, top, &mut resolve);
        }
        for (name, id) in missing {
            items.push(Item::Node(Node {
                id,
                label: format!("{name} (missing)"),
                kind: None,
            }));
        }
        (items, entry)
    }

    /// The edges leaving a state: Choice rules and Default, Catch, Next/End.
    fn exits(
        &mut self,
        state: &State,
        id: &str,
        top: bool,
        resolve: &mut impl FnMut(&mut Graph, &str) -> String,
    ) {
        if let State::Choice(c) = state {
            for rule in &c.choices {
                let to = resolve(self, &rule.next);
                self.edge(id, &to, Some(condition_label(rule)), EdgeStyle::Next);
            }
            if let Some(d) = &c.default {
                let to = resolve(self, d);
                self.edge(id, &to, Some("default".into()), EdgeStyle::Next);
            }
        }
        for catcher in state.catch() {
            let to = resolve(self, &catcher.next);
            let label = shorten(&catcher.error_equals.join(", "));
            self.edge(id, &to, Some(label), EdgeStyle::Catch);
        }
        match state.transition() {
            Some(Transition::Next(n)) => {
                let to = resolve(self, n);
                self.edge(id, &to, None, EdgeStyle::Next);
            }
            Some(Transition::End) if top => {
                self.has_end = true;
                self.edge(id, "stop", None, EdgeStyle::Next);
            }
            _ => {}
        }
    }

    fn edge(&mut self, from: &str, to: &str, label: Option<String>, style: EdgeStyle) {
        self.edges.push(Edge {
            from: from.to_string(),
            to: to.to_string(),
            label,
            style,
        });
    }
}

/// 32-bit FNV-1a: a stable, dependency-free hash for ids (not for security).
fn fnv1a(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}
