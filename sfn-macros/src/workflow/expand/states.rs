//! The states other than Map, their shared fields, Retry and Catch, Choice rules.

use super::*;
use sfn_dsl::fields::names as k;
use sfn_dsl::path::Path;
use sfn_dsl::payload::PayloadValue;

/// `Some(vec![…])` of the entries of a list field at `at`.
fn some_list<T>(at: &str, list: &[T], item: impl Fn(&str, &T) -> TokenStream) -> TokenStream {
    let items = list
        .iter()
        .enumerate()
        .map(|(i, x)| item(&push(at, &i.to_string()), x));
    quote!(::core::option::Option::Some(::std::vec![#(#items),*]))
}

/// A state value: `build` of its fields on `base`, boxed in its `State` variant.
pub(super) fn state_value(variant: &str, base: TokenStream, f: Vec<Field>) -> TokenStream {
    let variant = ident(variant);
    let built = build(base, f);
    quote!(__sfn_w::model::State::#variant(::std::boxed::Box::new(
        #built
    )))
}

/// The ASL key of a field of the model: `result_selector` → `ResultSelector`.
fn asl_key(field: &str) -> String {
    field
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|first| first.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// An optional field of a model struct, by the kind of its value.
pub(super) enum Opt<'v> {
    Payload(&'v Option<PayloadValue>),
    Path(&'v Option<Nullable<Path>>),
    String(&'v Option<String>),
    /// An `X` / `XPath` field of an integer (`TimeoutSeconds`, `MaxConcurrency`, …).
    Int(&'v Option<Dynamic<i64>>),
    /// An `X` / `XPath` field of a number (`ToleratedFailurePercentage`).
    Float(&'v Option<Dynamic<f64>>),
    /// An `X` / `XPath` field of a string (`Error`, `Cause`).
    Text(&'v Option<Dynamic<String>>),
}

/// The fields of state value `$s`, starting with those that every state type but Fail has:
/// `comment`, `query_language`, `input_path`, `output_path`, `output`. A macro because the
/// state types are different types with these fields.
macro_rules! common_fields {
    ($g:ident, $at:ident, $s:ident) => {{
        let mut f = $g.head($at, &$s.comment, $s.query_language);
        $g.field(&mut f, $at, "input_path", Opt::Path(&$s.input_path));
        $g.field(&mut f, $at, "output_path", Opt::Path(&$s.output_path));
        $g.field(&mut f, $at, "output", Opt::Payload(&$s.output));
        f
    }};
}
pub(super) use common_fields;

/// Pushes the fields that Task, Parallel and Map share onto `$f`, in the order of the model:
/// `arguments` … `assign`, then `$between` (a Task's timeouts), then `retry`, `catch` and
/// `transition`. A macro because the three are different types with these fields.
macro_rules! shared_fields {
    ($g:ident, $f:ident, $at:ident, $s:ident $(, $between:block)?) => {
        $g.field(&mut $f, $at, "arguments", Opt::Payload(&$s.arguments));
        $g.field(&mut $f, $at, "result_selector", Opt::Payload(&$s.result_selector));
        $g.field(&mut $f, $at, "result_path", Opt::Path(&$s.result_path));
        $g.field(&mut $f, $at, "assign", Opt::Payload(&$s.assign));
        $($between)?
        $g.retry_catch(&mut $f, $at, &$s.retry, &$s.catch);
        $g.transition(&mut $f, &$s.transition);
    };
}
pub(super) use shared_fields;

impl Gen<'_, '_> {
    /// The field `name` of a model struct, when written, from the value at its ASL key
    /// ([`asl_key`]).
    pub(super) fn field(&self, f: &mut Vec<Field>, at: &str, name: &'static str, v: Opt<'_>) {
        let key = asl_key(name);
        let ptr = push(at, &key);
        let value = match v {
            Opt::Payload(v) => self.opt_payload(&ptr, v),
            Opt::Path(v) => self.nullable(&ptr, v),
            Opt::String(v) => self.opt_string(&ptr, v),
            Opt::Int(v) => self.dynamic_field(at, &key, v, |x| int(*x)),
            Opt::Float(v) => self.dynamic_field(at, &key, v, |x| float(*x)),
            Opt::Text(v) => self.dynamic_field(at, &key, v, |x| {
                let x = lit(x);
                quote!(__sfn_w::s(#x))
            }),
        };
        opt(f, name, value);
    }

    /// The fields of a state or scope, starting with `Comment` and `QueryLanguage`, which every
    /// state and scope has.
    pub(super) fn head(
        &self,
        at: &str,
        comment: &Option<String>,
        query_language: Option<QueryLanguage>,
    ) -> Vec<Field> {
        let mut f = Vec::new();
        self.field(&mut f, at, "comment", Opt::String(comment));
        opt(&mut f, "query_language", ql(query_language));
        f
    }

    /// `StartAt` and `States` of a Parallel branch or a Map processor.
    pub(super) fn scope(&self, f: &mut Vec<Field>, at: &str, start_at: &str, states: &States) {
        let start = lit(start_at);
        f.push(fld("start_at", quote!(__sfn_w::s(#start))));
        let states = self.states(at, states);
        f.push(fld("states", quote!(#states)));
    }

    pub(super) fn retry_catch(
        &self,
        f: &mut Vec<Field>,
        at: &str,
        retry: &Option<Vec<Retrier>>,
        catch: &Option<Vec<Catcher>>,
    ) {
        let retry = retry
            .as_ref()
            .map(|l| some_list(&push(at, k::Retry), l, |p, r| self.retrier(p, r)));
        opt(f, "retry", retry);
        let catch = catch
            .as_ref()
            .map(|l| some_list(&push(at, k::Catch), l, |p, c| self.catcher(p, c)));
        opt(f, "catch", catch);
    }

    pub(super) fn retrier(&self, at: &str, r: &Retrier) -> TokenStream {
        let mut f = Vec::new();
        self.field(&mut f, at, "comment", Opt::String(&r.comment));
        let ee = self.strings(&push(at, k::ErrorEquals), &r.error_equals);
        f.push(fld("error_equals", quote!(#ee)));
        for (name, key, v) in [
            ("interval_seconds", k::IntervalSeconds, r.interval_seconds),
            ("max_attempts", k::MaxAttempts, r.max_attempts),
            ("max_delay_seconds", k::MaxDelaySeconds, r.max_delay_seconds),
        ] {
            opt(&mut f, name, self.opt_number(&push(at, key), v, "int", int));
        }
        let backoff_rate =
            self.opt_number(&push(at, k::BackoffRate), r.backoff_rate, "float", float);
        opt(&mut f, "backoff_rate", backoff_rate);
        let jitter = r.jitter_strategy.map(|j| j.as_str());
        enum_value(&mut f, "jitter_strategy", "jitter_strategy", jitter);
        build(quote!(__sfn_w::retrier_base()), f)
    }

    pub(super) fn catcher(&self, at: &str, c: &Catcher) -> TokenStream {
        let mut f = Vec::new();
        self.field(&mut f, at, "comment", Opt::String(&c.comment));
        let ee = self.strings(&push(at, k::ErrorEquals), &c.error_equals);
        f.push(fld("error_equals", quote!(#ee)));
        let next = lit(&c.next);
        f.push(fld("next", quote!(__sfn_w::s(#next))));
        self.field(&mut f, at, "result_path", Opt::Path(&c.result_path));
        self.field(&mut f, at, "assign", Opt::Payload(&c.assign));
        self.field(&mut f, at, "output", Opt::Payload(&c.output));
        build(quote!(__sfn_w::catcher_base()), f)
    }

    pub(super) fn state(&self, at: &str, state: &State) -> TokenStream {
        let p = |k: &str| push(at, k);
        match state {
            State::Task(t) => {
                let mut f = common_fields!(self, at, t);
                let r = self.resource(&p(k::Resource), &t.resource);
                f.push(fld("resource", quote!(#r)));
                self.field(&mut f, at, "credentials", Opt::Payload(&t.credentials));
                self.field(&mut f, at, "parameters", Opt::Payload(&t.parameters));
                shared_fields!(self, f, at, t, {
                    self.field(&mut f, at, "timeout_seconds", Opt::Int(&t.timeout_seconds));
                    self.field(
                        &mut f,
                        at,
                        "heartbeat_seconds",
                        Opt::Int(&t.heartbeat_seconds),
                    );
                });
                state_value("Task", quote!(__sfn_w::task_base()), f)
            }
            State::Pass(x) => {
                let mut f = common_fields!(self, at, x);
                self.field(&mut f, at, "parameters", Opt::Payload(&x.parameters));
                let result = x.result.as_ref().map(|r| some(self.json(&p(k::Result), r)));
                opt(&mut f, "result", result);
                self.field(&mut f, at, "result_path", Opt::Path(&x.result_path));
                self.field(&mut f, at, "assign", Opt::Payload(&x.assign));
                self.transition(&mut f, &x.transition);
                state_value("Pass", quote!(__sfn_w::pass_base()), f)
            }
            State::Choice(c) => {
                let mut f = common_fields!(self, at, c);
                let rules = c
                    .choices
                    .iter()
                    .enumerate()
                    .map(|(i, r)| self.rule(&push(&p(k::Choices), &i.to_string()), r));
                f.push(fld("choices", quote!(::std::vec![#(#rules),*])));
                if let Some(d) = &c.default {
                    let d = lit(d);
                    f.push(fld(
                        "default",
                        quote!(::core::option::Option::Some(__sfn_w::s(#d))),
                    ));
                }
                self.field(&mut f, at, "assign", Opt::Payload(&c.assign));
                state_value("Choice", quote!(__sfn_w::choice_base()), f)
            }
            State::Wait(w) => {
                let mut f = common_fields!(self, at, w);
                let wait_for = match &w.wait_for {
                    WaitFor::Seconds(d) => {
                        let d = self.dynamic_value(at, k::Seconds, d, |x| int(*x));
                        quote!(__sfn_w::model::WaitFor::Seconds(#d))
                    }
                    WaitFor::Timestamp(d) => {
                        let d = self.dynamic_value(at, k::Timestamp, d, |x| {
                            let x = lit(x);
                            quote!(__sfn_w::s(#x))
                        });
                        quote!(__sfn_w::model::WaitFor::Timestamp(#d))
                    }
                };
                f.push(fld("wait_for", quote!(#wait_for)));
                self.field(&mut f, at, "assign", Opt::Payload(&w.assign));
                self.transition(&mut f, &w.transition);
                state_value("Wait", quote!(__sfn_w::wait_base()), f)
            }
            State::Succeed(s) => {
                let base = quote!(__sfn_w::default::<__sfn_w::model::Succeed>());
                state_value("Succeed", base, common_fields!(self, at, s))
            }
            State::Fail(x) => {
                let mut f = self.head(at, &x.comment, x.query_language);
                self.field(&mut f, at, "error", Opt::Text(&x.error));
                self.field(&mut f, at, "cause", Opt::Text(&x.cause));
                let base = quote!(__sfn_w::default::<__sfn_w::model::Fail>());
                state_value("Fail", base, f)
            }
            State::Parallel(x) => {
                let mut f = common_fields!(self, at, x);
                let branches = x.branches.iter().enumerate().map(|(i, b)| {
                    let bp = push(&p(k::Branches), &i.to_string());
                    let mut bf = self.head(&bp, &b.comment, None);
                    self.scope(&mut bf, &bp, &b.start_at, &b.states);
                    build(quote!(__sfn_w::branch_base()), bf)
                });
                f.push(fld("branches", quote!(::std::vec![#(#branches),*])));
                self.field(&mut f, at, "parameters", Opt::Payload(&x.parameters));
                shared_fields!(self, f, at, x);
                state_value("Parallel", quote!(__sfn_w::parallel_base()), f)
            }
            State::Map(m) => self.map(at, m),
        }
    }

    pub(super) fn rule(&self, at: &str, r: &ChoiceRule) -> TokenStream {
        let mut f = Vec::new();
        self.field(&mut f, at, "comment", Opt::String(&r.comment));
        let cond = match &r.condition {
            RuleCondition::JsonPath(c) => {
                let c = self.condition(at, c);
                quote!(__sfn_w::model::RuleCondition::JsonPath(#c))
            }
            RuleCondition::Jsonata(j) => {
                let j = jsonata(j);
                quote!(__sfn_w::model::RuleCondition::Jsonata(#j))
            }
            RuleCondition::Constant(b) => quote!(__sfn_w::model::RuleCondition::Constant(#b)),
        };
        f.push(fld("condition", quote!(#cond)));
        let next = lit(&r.next);
        f.push(fld("next", quote!(__sfn_w::s(#next))));
        self.field(&mut f, at, "assign", Opt::Payload(&r.assign));
        self.field(&mut f, at, "output", Opt::Payload(&r.output));
        build(quote!(__sfn_w::rule_base()), f)
    }

    pub(super) fn nested(&self, at: &str, r: &NestedRule) -> TokenStream {
        let comment = self.opt_string(&push(at, k::Comment), &r.comment);
        let comment = comment.unwrap_or_else(|| quote!(::core::option::Option::None));
        let c = self.condition(at, &r.condition);
        quote!(__sfn_w::model::NestedRule { comment: #comment, condition: #c })
    }

    pub(super) fn condition(&self, at: &str, c: &Condition) -> TokenStream {
        match c {
            Condition::And(rules) | Condition::Or(rules) => {
                let (key, variant) = if matches!(c, Condition::And(_)) {
                    (k::And, quote!(And))
                } else {
                    (k::Or, quote!(Or))
                };
                let base = push(at, key);
                let rules = rules
                    .iter()
                    .enumerate()
                    .map(|(i, r)| self.nested(&push(&base, &i.to_string()), r));
                quote!(__sfn_w::model::Condition::#variant(::std::vec![#(#rules),*]))
            }
            Condition::Not(r) => {
                let r = self.nested(&push(at, k::Not), r);
                quote!(__sfn_w::model::Condition::Not(::std::boxed::Box::new(#r)))
            }
            Condition::Compare(cmp) => {
                let var = self.path(&push(at, k::Variable), &cmp.variable);
                let op = cmp.operator.as_str();
                let ptr = push(at, op);
                let dynamic = self.dynamic(&ptr);
                let operand = match (&cmp.operand, dynamic) {
                    (Operand::String(_), Some(e)) => {
                        quote!(__sfn_w::model::Operand::String(__sfn_w::string(#e)))
                    }
                    (Operand::String(s), None) => {
                        let s = lit(s);
                        quote!(__sfn_w::model::Operand::String(__sfn_w::s(#s)))
                    }
                    (Operand::Number(_), Some(e)) => quote!(__sfn_w::number(#e)),
                    (Operand::Number(n), None) => {
                        let n = number(n);
                        quote!(__sfn_w::model::Operand::Number(#n))
                    }
                    (Operand::Bool(_), Some(e)) => quote!(__sfn_w::model::Operand::Bool(#e)),
                    (Operand::Bool(b), None) => quote!(__sfn_w::model::Operand::Bool(#b)),
                    (Operand::Path(p), _) => {
                        let p = self.path(&ptr, p);
                        quote!(__sfn_w::model::Operand::Path(#p))
                    }
                    (Operand::Invalid(v), _) => {
                        let v = self.json(&ptr, v);
                        quote!(__sfn_w::model::Operand::Invalid(#v))
                    }
                };
                let op = lit(op);
                quote!(__sfn_w::compare(#var, #op, #operand))
            }
        }
    }
}
