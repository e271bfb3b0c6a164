//! The states other than Map, their shared fields, Retry and Catch, Choice rules.

use super::*;
use sfn_dsl::path::Path;
use sfn_dsl::payload::PayloadValue;

impl Gen<'_, '_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn common(
        &self,
        f: &mut Vec<Field>,
        at: &str,
        comment: &Option<String>,
        query_language: Option<QueryLanguage>,
        input_path: &Option<Nullable<Path>>,
        output_path: &Option<Nullable<Path>>,
        output: &Option<PayloadValue>,
    ) {
        opt(f, "comment", self.opt_string(&push(at, "Comment"), comment));
        opt(f, "query_language", ql(query_language));
        opt(
            f,
            "input_path",
            self.nullable(&push(at, "InputPath"), input_path),
        );
        opt(
            f,
            "output_path",
            self.nullable(&push(at, "OutputPath"), output_path),
        );
        opt(f, "output", self.opt_payload(&push(at, "Output"), output));
    }

    pub(super) fn retry_catch(
        &self,
        f: &mut Vec<Field>,
        at: &str,
        retry: &Option<Vec<Retrier>>,
        catch: &Option<Vec<Catcher>>,
    ) {
        opt(
            f,
            "retry",
            retry.as_ref().map(|list| {
                let items = list
                    .iter()
                    .enumerate()
                    .map(|(i, r)| self.retrier(&push(&push(at, "Retry"), &i.to_string()), r));
                quote!(::core::option::Option::Some(::std::vec![#(#items),*]))
            }),
        );
        opt(
            f,
            "catch",
            catch.as_ref().map(|list| {
                let items = list
                    .iter()
                    .enumerate()
                    .map(|(i, c)| self.catcher(&push(&push(at, "Catch"), &i.to_string()), c));
                quote!(::core::option::Option::Some(::std::vec![#(#items),*]))
            }),
        );
    }

    pub(super) fn error_equals(&self, at: &str, names: &[String]) -> TokenStream {
        let base = push(at, "ErrorEquals");
        let items = names.iter().enumerate().map(|(i, n)| {
            match self.dynamic(&push(&base, &i.to_string())) {
                Some(e) => quote!(__sfn_w::string(#e)),
                None => {
                    let n = lit(n);
                    quote!(__sfn_w::s(#n))
                }
            }
        });
        quote!(::std::vec![#(#items),*])
    }

    pub(super) fn retrier(&self, at: &str, r: &Retrier) -> TokenStream {
        let mut f = Vec::new();
        opt(
            &mut f,
            "comment",
            self.opt_string(&push(at, "Comment"), &r.comment),
        );
        let ee = self.error_equals(at, &r.error_equals);
        f.push(fld("error_equals", quote!(#ee)));
        for (name, key, v) in [
            ("interval_seconds", "IntervalSeconds", r.interval_seconds),
            ("max_attempts", "MaxAttempts", r.max_attempts),
            ("max_delay_seconds", "MaxDelaySeconds", r.max_delay_seconds),
        ] {
            opt(
                &mut f,
                name,
                v.map(|x| match self.dynamic(&push(at, key)) {
                    Some(e) => quote!(::core::option::Option::Some(__sfn_w::int(#e))),
                    None => {
                        let x = int(x);
                        quote!(::core::option::Option::Some(#x))
                    }
                }),
            );
        }
        opt(
            &mut f,
            "backoff_rate",
            r.backoff_rate
                .map(|x| match self.dynamic(&push(at, "BackoffRate")) {
                    Some(e) => quote!(::core::option::Option::Some(__sfn_w::float(#e))),
                    None => {
                        let x = float(x);
                        quote!(::core::option::Option::Some(#x))
                    }
                }),
        );
        opt(
            &mut f,
            "jitter_strategy",
            r.jitter_strategy.map(|j| {
                let j = lit(j.as_str());
                quote!(::core::option::Option::Some(__sfn_w::jitter_strategy(#j)))
            }),
        );
        build(quote!(__sfn_w::retrier_base()), f)
    }

    pub(super) fn catcher(&self, at: &str, c: &Catcher) -> TokenStream {
        let mut f = Vec::new();
        opt(
            &mut f,
            "comment",
            self.opt_string(&push(at, "Comment"), &c.comment),
        );
        let ee = self.error_equals(at, &c.error_equals);
        f.push(fld("error_equals", quote!(#ee)));
        let next = lit(&c.next);
        f.push(fld("next", quote!(__sfn_w::s(#next))));
        opt(
            &mut f,
            "result_path",
            self.nullable(&push(at, "ResultPath"), &c.result_path),
        );
        opt(
            &mut f,
            "assign",
            self.opt_payload(&push(at, "Assign"), &c.assign),
        );
        opt(
            &mut f,
            "output",
            self.opt_payload(&push(at, "Output"), &c.output),
        );
        build(quote!(__sfn_w::catcher_base()), f)
    }

    pub(super) fn state(&self, at: &str, state: &State) -> TokenStream {
        let mut f = Vec::new();
        let p = |k: &str| push(at, k);
        match state {
            State::Task(t) => {
                self.common(
                    &mut f,
                    at,
                    &t.comment,
                    t.query_language,
                    &t.input_path,
                    &t.output_path,
                    &t.output,
                );
                let r = self.resource(&p("Resource"), &t.resource);
                f.push(fld("resource", quote!(#r)));
                opt(
                    &mut f,
                    "credentials",
                    self.opt_payload(&p("Credentials"), &t.credentials),
                );
                opt(
                    &mut f,
                    "parameters",
                    self.opt_payload(&p("Parameters"), &t.parameters),
                );
                opt(
                    &mut f,
                    "arguments",
                    self.opt_payload(&p("Arguments"), &t.arguments),
                );
                opt(
                    &mut f,
                    "result_selector",
                    self.opt_payload(&p("ResultSelector"), &t.result_selector),
                );
                opt(
                    &mut f,
                    "result_path",
                    self.nullable(&p("ResultPath"), &t.result_path),
                );
                opt(&mut f, "assign", self.opt_payload(&p("Assign"), &t.assign));
                opt(
                    &mut f,
                    "timeout_seconds",
                    self.dyn_int(at, "TimeoutSeconds", &t.timeout_seconds),
                );
                opt(
                    &mut f,
                    "heartbeat_seconds",
                    self.dyn_int(at, "HeartbeatSeconds", &t.heartbeat_seconds),
                );
                self.retry_catch(&mut f, at, &t.retry, &t.catch);
                self.transition(&mut f, &t.transition);
                {
                    let built = build(quote!(__sfn_w::task_base()), f);
                    quote!(__sfn_w::model::State::Task(::std::boxed::Box::new(
                        #built
                    )))
                }
            }
            State::Pass(x) => {
                self.common(
                    &mut f,
                    at,
                    &x.comment,
                    x.query_language,
                    &x.input_path,
                    &x.output_path,
                    &x.output,
                );
                opt(
                    &mut f,
                    "parameters",
                    self.opt_payload(&p("Parameters"), &x.parameters),
                );
                opt(
                    &mut f,
                    "result",
                    x.result.as_ref().map(|r| {
                        let r = self.json(&p("Result"), r);
                        quote!(::core::option::Option::Some(#r))
                    }),
                );
                opt(
                    &mut f,
                    "result_path",
                    self.nullable(&p("ResultPath"), &x.result_path),
                );
                opt(&mut f, "assign", self.opt_payload(&p("Assign"), &x.assign));
                self.transition(&mut f, &x.transition);
                {
                    let built = build(quote!(__sfn_w::pass_base()), f);
                    quote!(__sfn_w::model::State::Pass(::std::boxed::Box::new(
                        #built
                    )))
                }
            }
            State::Choice(c) => {
                self.common(
                    &mut f,
                    at,
                    &c.comment,
                    c.query_language,
                    &c.input_path,
                    &c.output_path,
                    &c.output,
                );
                let rules = c
                    .choices
                    .iter()
                    .enumerate()
                    .map(|(i, r)| self.rule(&push(&p("Choices"), &i.to_string()), r));
                f.push(fld("choices", quote!(::std::vec![#(#rules),*])));
                if let Some(d) = &c.default {
                    let d = lit(d);
                    f.push(fld(
                        "default",
                        quote!(::core::option::Option::Some(__sfn_w::s(#d))),
                    ));
                }
                opt(&mut f, "assign", self.opt_payload(&p("Assign"), &c.assign));
                {
                    let built = build(quote!(__sfn_w::choice_base()), f);
                    quote!(__sfn_w::model::State::Choice(::std::boxed::Box::new(
                        #built
                    )))
                }
            }
            State::Wait(w) => {
                self.common(
                    &mut f,
                    at,
                    &w.comment,
                    w.query_language,
                    &w.input_path,
                    &w.output_path,
                    &w.output,
                );
                let wait_for = match &w.wait_for {
                    WaitFor::Seconds(d) => {
                        let d = self.dynamic_value(at, "Seconds", d, |x| int(*x));
                        quote!(__sfn_w::model::WaitFor::Seconds(#d))
                    }
                    WaitFor::Timestamp(d) => {
                        let d = self.dynamic_value(at, "Timestamp", d, |x| {
                            let x = lit(x);
                            quote!(__sfn_w::s(#x))
                        });
                        quote!(__sfn_w::model::WaitFor::Timestamp(#d))
                    }
                };
                f.push(fld("wait_for", quote!(#wait_for)));
                opt(&mut f, "assign", self.opt_payload(&p("Assign"), &w.assign));
                self.transition(&mut f, &w.transition);
                {
                    let built = build(quote!(__sfn_w::wait_base()), f);
                    quote!(__sfn_w::model::State::Wait(::std::boxed::Box::new(
                        #built
                    )))
                }
            }
            State::Succeed(s) => {
                self.common(
                    &mut f,
                    at,
                    &s.comment,
                    s.query_language,
                    &s.input_path,
                    &s.output_path,
                    &s.output,
                );
                {
                    let built = build(quote!(__sfn_w::default::<__sfn_w::model::Succeed>()), f);
                    quote!(__sfn_w::model::State::Succeed(::std::boxed::Box::new(
                        #built
                    )))
                }
            }
            State::Fail(x) => {
                opt(
                    &mut f,
                    "comment",
                    self.opt_string(&p("Comment"), &x.comment),
                );
                opt(&mut f, "query_language", ql(x.query_language));
                opt(&mut f, "error", self.dyn_string(at, "Error", &x.error));
                opt(&mut f, "cause", self.dyn_string(at, "Cause", &x.cause));
                {
                    let built = build(quote!(__sfn_w::default::<__sfn_w::model::Fail>()), f);
                    quote!(__sfn_w::model::State::Fail(::std::boxed::Box::new(
                        #built
                    )))
                }
            }
            State::Parallel(x) => {
                self.common(
                    &mut f,
                    at,
                    &x.comment,
                    x.query_language,
                    &x.input_path,
                    &x.output_path,
                    &x.output,
                );
                let branches = x.branches.iter().enumerate().map(|(i, b)| {
                    let bp = push(&p("Branches"), &i.to_string());
                    let mut bf = Vec::new();
                    opt(
                        &mut bf,
                        "comment",
                        self.opt_string(&push(&bp, "Comment"), &b.comment),
                    );
                    opt(&mut bf, "query_language", ql(b.query_language));
                    let start = lit(&b.start_at);
                    bf.push(fld("start_at", quote!(__sfn_w::s(#start))));
                    let states = self.states(&bp, &b.states);
                    bf.push(fld("states", quote!(#states)));
                    build(quote!(__sfn_w::branch_base()), bf)
                });
                f.push(fld("branches", quote!(::std::vec![#(#branches),*])));
                opt(
                    &mut f,
                    "parameters",
                    self.opt_payload(&p("Parameters"), &x.parameters),
                );
                opt(
                    &mut f,
                    "arguments",
                    self.opt_payload(&p("Arguments"), &x.arguments),
                );
                opt(
                    &mut f,
                    "result_selector",
                    self.opt_payload(&p("ResultSelector"), &x.result_selector),
                );
                opt(
                    &mut f,
                    "result_path",
                    self.nullable(&p("ResultPath"), &x.result_path),
                );
                opt(&mut f, "assign", self.opt_payload(&p("Assign"), &x.assign));
                self.retry_catch(&mut f, at, &x.retry, &x.catch);
                self.transition(&mut f, &x.transition);
                {
                    let built = build(quote!(__sfn_w::parallel_base()), f);
                    quote!(__sfn_w::model::State::Parallel(::std::boxed::Box::new(
                        #built
                    )))
                }
            }
            State::Map(m) => self.map(at, m),
        }
    }

    pub(super) fn rule(&self, at: &str, r: &ChoiceRule) -> TokenStream {
        let mut f = Vec::new();
        opt(
            &mut f,
            "comment",
            self.opt_string(&push(at, "Comment"), &r.comment),
        );
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
        opt(
            &mut f,
            "assign",
            self.opt_payload(&push(at, "Assign"), &r.assign),
        );
        opt(
            &mut f,
            "output",
            self.opt_payload(&push(at, "Output"), &r.output),
        );
        build(quote!(__sfn_w::rule_base()), f)
    }

    pub(super) fn nested(&self, at: &str, r: &NestedRule) -> TokenStream {
        let comment = match self.opt_string(&push(at, "Comment"), &r.comment) {
            Some(c) => c,
            None => quote!(::core::option::Option::None),
        };
        let c = self.condition(at, &r.condition);
        quote!(__sfn_w::model::NestedRule { comment: #comment, condition: #c })
    }

    pub(super) fn condition(&self, at: &str, c: &Condition) -> TokenStream {
        match c {
            Condition::And(rules) | Condition::Or(rules) => {
                let (key, variant) = if matches!(c, Condition::And(_)) {
                    ("And", quote!(And))
                } else {
                    ("Or", quote!(Or))
                };
                let base = push(at, key);
                let rules = rules
                    .iter()
                    .enumerate()
                    .map(|(i, r)| self.nested(&push(&base, &i.to_string()), r));
                quote!(__sfn_w::model::Condition::#variant(::std::vec![#(#rules),*]))
            }
            Condition::Not(r) => {
                let r = self.nested(&push(at, "Not"), r);
                quote!(__sfn_w::model::Condition::Not(::std::boxed::Box::new(#r)))
            }
            Condition::Compare(cmp) => {
                let var = self.path(&push(at, "Variable"), &cmp.variable);
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
