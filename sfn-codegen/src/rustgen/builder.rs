//! `--style builder`: a function that declares every state, defines each with the fluent
//! builder, and returns `m.build()`.

use super::layout::{Doc, Stmt, block};
use super::lexical::{Identifiers, int_literal, snake_identifier, string_literal};
use super::states::set;
use sfn_dsl::fields::names as k;
use sfn_dsl::model::{
    Catcher, ChoiceRule, Nullable, QueryLanguage, Retrier, RuleCondition, StateMachine, States,
    Transition,
};
use sfn_dsl::path::Path;
use std::collections::{BTreeSet, HashMap};

/// Names a scope's states may not take: the builder variables of every scope.
pub(crate) const RESERVED: [&str; 3] = ["m", "b", "p"];

/// What the generated code needs, collected while generating it.
#[derive(Default)]
pub(crate) struct Gen {
    /// Items imported from `sfn::builder`.
    builder_items: BTreeSet<&'static str>,
    /// Items imported from `sfn` (macros and model enums).
    root_items: BTreeSet<&'static str>,
    /// What the builder could not express, written as comments at the top of the function.
    notes: Vec<String>,
}

/// The handles of one scope: state name → variable.
pub(crate) struct Scope {
    handles: HashMap<String, String>,
}

impl Scope {
    /// The variable of the state named `name`. A transition to a state that does not exist
    /// cannot be written with the builder: it becomes a `compile_error!` that says so.
    pub(crate) fn target(&self, g: &mut Gen, name: &str) -> Doc {
        match self.handles.get(name) {
            Some(v) => Doc::text(v.clone()),
            None => {
                let message = format!(
                    "\"{name}\" is not a state of this scope; the builder cannot write a transition to it"
                );
                g.note(message.clone());
                Doc::call(
                    "compile_error!",
                    vec![Gen::str(&format!("sfn import: {message}"))],
                )
            }
        }
    }
}

impl Gen {
    /// Imports `name` from `sfn::builder`.
    pub(crate) fn builder(&mut self, name: &'static str) {
        self.builder_items.insert(name);
    }

    /// Imports `name` from `sfn`.
    pub(crate) fn root(&mut self, name: &'static str) {
        self.root_items.insert(name);
    }

    /// Records something the builder cannot express.
    pub(crate) fn note(&mut self, note: String) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// `QueryLanguage::JsonPath` / `QueryLanguage::Jsonata`.
    pub(crate) fn query_language(&mut self, ql: QueryLanguage) -> Doc {
        self.root(k::QueryLanguage);
        Doc::text(match ql {
            QueryLanguage::JsonPath => "QueryLanguage::JsonPath",
            QueryLanguage::Jsonata => "QueryLanguage::Jsonata",
        })
    }

    /// A string literal argument.
    pub(crate) fn str(s: &str) -> Doc {
        Doc::text(string_literal(s))
    }

    /// Declares and defines the states of one scope with the builder variable `var`.
    pub(crate) fn scope(
        &mut self,
        var: &'static str,
        comment: Option<&str>,
        start_at: &str,
        states: &States,
    ) -> Vec<Stmt> {
        let call = |method: &str, args| Stmt::Expr(Doc::call(format!("{var}.{method}"), args));
        let mut stmts = Vec::new();
        if let Some(c) = comment {
            stmts.push(call("comment", vec![Gen::str(c)]));
        }
        let mut ids = Identifiers::new(RESERVED);
        let mut scope = Scope {
            handles: HashMap::new(),
        };
        let mut vars = Vec::with_capacity(states.len());
        for (name, _) in states.iter() {
            let v = ids.fresh(name);
            stmts.push(Stmt::Let(
                v.clone(),
                Doc::call(format!("{var}.declare"), vec![Gen::str(name)]),
            ));
            scope.handles.entry(name.to_string()).or_insert(v.clone());
            vars.push(v);
        }
        if !states.is_empty() && states.iter().next().map(|(n, _)| n) != Some(start_at) {
            stmts.push(call("start_at", vec![scope.target(self, start_at)]));
        }
        stmts.push(Stmt::Blank);
        for ((_, state), v) in states.iter().zip(vars) {
            stmts.push(call(
                "define",
                vec![Doc::text(v), self.state(state, &scope)],
            ));
        }
        stmts
    }

    /// `Nullable` path setters: `.input_path(path!(…))` or `.input_path_null()`.
    pub(crate) fn nullable(&mut self, doc: Doc, setter: &str, v: &Option<Nullable<Path>>) -> Doc {
        match v {
            None => doc,
            Some(Nullable::Null) => doc.method(format!("{setter}_null"), vec![]),
            Some(Nullable::Value(p)) => {
                let p = self.path(p);
                doc.method(setter, vec![p])
            }
        }
    }

    /// `.next(handle)` / `.end()`.
    pub(crate) fn transition(&mut self, doc: Doc, t: &Transition, scope: &Scope) -> Doc {
        match t {
            Transition::Next(n) => {
                let target = scope.target(self, n);
                doc.method("next", vec![target])
            }
            Transition::End => doc.method("end", vec![]),
        }
    }

    /// `.retry(…)` for each retrier and `.catch(…)` for each catcher.
    pub(crate) fn errors(
        &mut self,
        mut doc: Doc,
        retry: Option<&[Retrier]>,
        catch: Option<&[Catcher]>,
        scope: &Scope,
    ) -> Doc {
        if retry == Some(&[]) {
            doc = doc.method("empty_retry", vec![]);
        }
        for r in retry.unwrap_or_default() {
            let r = self.retrier(r);
            doc = doc.method("retry", vec![r]);
        }
        if catch == Some(&[]) {
            doc = doc.method("empty_catch", vec![]);
        }
        for c in catch.unwrap_or_default() {
            let c = self.catcher(c, scope);
            doc = doc.method("catch", vec![c]);
        }
        doc
    }

    /// The `ErrorEquals` argument: `errors::lambda::TRANSIENT`, or an array of error
    /// constants and strings.
    fn error_names(&mut self, names: &[String]) -> Doc {
        if names.iter().map(String::as_str).eq(LAMBDA_TRANSIENT) {
            self.builder("errors");
            return Doc::text("errors::lambda::TRANSIENT");
        }
        if names.is_empty() {
            return Doc::text("Vec::<String>::new()");
        }
        let items = names
            .iter()
            .map(|n| match error_constant(n) {
                Some(c) => {
                    self.builder("errors");
                    Doc::text(c)
                }
                None => Gen::str(n),
            })
            .collect();
        Doc::List(String::new(), items)
    }

    fn retrier(&mut self, r: &Retrier) -> Doc {
        self.builder(k::Retry);
        let names = self.error_names(&r.error_equals);
        let mut doc = Doc::call("Retry::on", vec![names]);
        doc = set(doc, "comment", r.comment.as_deref().map(Gen::str));
        let int = |doc, name, v: Option<i64>| set(doc, name, v.map(|v| Doc::text(int_literal(v))));
        doc = int(doc, "interval_seconds", r.interval_seconds);
        doc = int(doc, "max_attempts", r.max_attempts);
        let rate = r
            .backoff_rate
            .map(|b| Doc::text(super::lexical::float_literal(b)));
        doc = set(doc, "backoff_rate", rate);
        doc = int(doc, "max_delay_seconds", r.max_delay_seconds);
        if let Some(j) = r.jitter_strategy {
            self.root(k::JitterStrategy);
            let v = match j {
                sfn_dsl::model::JitterStrategy::Full => "JitterStrategy::Full",
                sfn_dsl::model::JitterStrategy::None => "JitterStrategy::None",
            };
            doc = doc.method("jitter", vec![Doc::text(v)]);
        }
        doc
    }

    fn catcher(&mut self, c: &Catcher, scope: &Scope) -> Doc {
        self.builder(k::Catch);
        let names = self.error_names(&c.error_equals);
        let mut doc = Doc::call("Catch::on", vec![names]);
        doc = set(doc, "comment", c.comment.as_deref().map(Gen::str));
        doc = self.nullable(doc, "result_path", &c.result_path);
        doc = self.payload_field(doc, "output", &c.output);
        doc = self.payload_field(doc, "assign", &c.assign);
        let target = scope.target(self, &c.next);
        doc.method("next", vec![target])
    }

    /// A Choice rule: the condition, or `Rule::new(condition)` with its extra fields.
    pub(crate) fn rule(&mut self, rule: &ChoiceRule) -> Doc {
        let condition = match &rule.condition {
            RuleCondition::JsonPath(c) => self.condition(c),
            RuleCondition::Jsonata(j) => {
                self.builder(k::Condition);
                let j = self.jsonata(j);
                Doc::call("Condition::jsonata", vec![j])
            }
            RuleCondition::Constant(b) => {
                self.builder(k::Condition);
                Doc::call("Condition::constant", vec![Doc::text(b.to_string())])
            }
        };
        if rule.comment.is_none() && rule.assign.is_none() && rule.output.is_none() {
            return condition;
        }
        self.builder("Rule");
        let doc = Doc::call("Rule::new", vec![condition]);
        let doc = set(doc, "comment", rule.comment.as_deref().map(Gen::str));
        let doc = self.payload_field(doc, "assign", &rule.assign);
        self.payload_field(doc, "output", &rule.output)
    }

    /// The whole function.
    pub(crate) fn function(mut self, machine: &StateMachine, fn_name: &str) -> String {
        let fn_name = snake_identifier(fn_name, "machine");
        let mut body = vec![Stmt::Let(
            "mut m".into(),
            Doc::call("StateMachine::builder", vec![]),
        )];
        self.root("StateMachine");
        let ql = machine.query_language.map(|ql| self.query_language(ql));
        let timeout = machine.timeout_seconds.map(|t| Doc::text(int_literal(t)));
        for (method, arg) in [
            ("m.comment", machine.comment.as_deref().map(Gen::str)),
            ("m.query_language", ql),
            ("m.timeout_seconds", timeout),
            ("m.version", machine.version.as_deref().map(Gen::str)),
        ] {
            body.extend(arg.map(|arg| Stmt::Expr(Doc::call(method, vec![arg]))));
        }
        body.extend(self.scope("m", None, &machine.start_at, &machine.states));
        body.push(Stmt::Blank);
        body.push(Stmt::Tail(Doc::call("m.build", vec![])));

        let mut head = Vec::new();
        for note in &self.notes {
            for (i, line) in wrap(note, 100 - 4 - 3 - 6).into_iter().enumerate() {
                let lead = if i == 0 { "NOTE: " } else { "      " };
                head.push(Stmt::Comment(format!("{lead}{line}")));
            }
        }
        let mut uses = vec![use_line("sfn", &self.root_items)];
        if !self.builder_items.is_empty() {
            // rustfmt's order: a single `sfn::Name` before `sfn::builder`, a `sfn::{…}` group
            // after it.
            let root_first = matches!(
                self.root_items.iter().collect::<Vec<_>>().as_slice(),
                [one] if **one < "builder"
            );
            let builder = use_line("sfn::builder", &self.builder_items);
            if root_first {
                uses.push(builder);
            } else {
                uses.insert(0, builder);
            }
        }
        head.extend(uses.into_iter().map(|u| Stmt::Expr(Doc::text(u))));
        head.push(Stmt::Blank);
        head.extend(body);

        let mut out = format!(
            "/// Builds the `{fn_name}` state machine (generated by `sfn import`).\npub fn {fn_name}() -> Result<sfn::StateMachine, sfn::Diagnostics> {{\n"
        );
        out.push_str(&block(&head, 4));
        out.push_str("}\n");
        out
    }
}

/// `text` in lines of at most `width` characters (longer words on a line of their own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("one line");
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

/// `use base::{a, B, c}` (a single item without braces), sorted like rustfmt sorts them, and
/// wrapped like rustfmt wraps it when longer than a line (the statement is indented by 4).
fn use_line(base: &str, items: &BTreeSet<&'static str>) -> String {
    let items: Vec<&str> = items.iter().copied().collect();
    if let [one] = items.as_slice() {
        return format!("use {base}::{one}");
    }
    let flat = format!("use {base}::{{{}}}", items.join(", "));
    if 4 + flat.len() + 1 < 100 {
        return flat;
    }
    let mut out = format!("use {base}::{{\n");
    let mut line = String::new();
    for item in items {
        if !line.is_empty() && 8 + line.len() + item.len() + 2 > 100 {
            out.push_str(&format!("        {}\n", line.trim_end()));
            line.clear();
        }
        line.push_str(item);
        line.push_str(", ");
    }
    out.push_str(&format!("        {}\n    }}", line.trim_end()));
    out
}

/// The transient Lambda errors, as `errors::lambda::TRANSIENT` lists them.
const LAMBDA_TRANSIENT: [&str; 4] = [
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
];

/// The `errors::…` constant for a `States.*` error name.
fn error_constant(name: &str) -> Option<&'static str> {
    Some(match name {
        "States.ALL" => "errors::ALL",
        "States.Timeout" => "errors::TIMEOUT",
        "States.TaskFailed" => "errors::TASK_FAILED",
        "States.HeartbeatTimeout" => "errors::HEARTBEAT_TIMEOUT",
        "States.Permissions" => "errors::PERMISSIONS",
        "States.ResultPathMatchFailure" => "errors::RESULT_PATH_MATCH_FAILURE",
        "States.ParameterPathFailure" => "errors::PARAMETER_PATH_FAILURE",
        "States.BranchFailed" => "errors::BRANCH_FAILED",
        "States.NoChoiceMatched" => "errors::NO_CHOICE_MATCHED",
        "States.IntrinsicFailure" => "errors::INTRINSIC_FAILURE",
        "States.ExceedToleratedFailureThreshold" => "errors::EXCEED_TOLERATED_FAILURE_THRESHOLD",
        "States.ItemReaderFailed" => "errors::ITEM_READER_FAILED",
        "States.ResultWriterFailed" => "errors::RESULT_WRITER_FAILED",
        "States.QueryEvaluationError" => "errors::QUERY_EVALUATION_ERROR",
        _ => return None,
    })
}
