//! Per-state field rules: query-language fields, Retry/Catch, numeric limits, timestamps,
//! comparison operands, variable names, the task token, Distributed-Map-only fields.

use super::Validator;
use super::rules::timestamp::is_rfc3339;
use crate::diagnostic::{Diagnostic, Pointer};
use crate::fields::names as k;
use crate::model::*;
use crate::path::{Expr, Root, Segment, looks_like_expr, validate_variable_name};
use crate::payload::PayloadValue;
use crate::rules::Code;

const STATES_ALL: &str = "States.ALL";

impl Validator<'_> {
    pub(crate) fn range(&mut self, at: &Pointer, field: &str, value: f64, min: f64, max: f64) {
        self.range_at(|| at.clone(), field, value, min, max);
    }

    /// [`range`](Self::range) with the pointer made only for a finding.
    fn range_at(
        &mut self,
        at: impl FnOnce() -> Pointer,
        field: &str,
        value: f64,
        min: f64,
        max: f64,
    ) {
        if value.is_nan() || value < min || value > max {
            let at = at();
            let shown = |x: f64| {
                if x.fract() == 0.0 {
                    format!("{}", x as i64)
                } else {
                    format!("{x}")
                }
            };
            self.push(
                Diagnostic::new(
                    Code::OutOfRange,
                    at.as_str(),
                    format!(
                        "`{field}` is {}; it must be between {} and {}",
                        shown(value),
                        shown(min),
                        shown(max)
                    ),
                )
                .with_help(format!(
                    "use a value from {} to {}",
                    shown(min),
                    shown(max)
                )),
            );
        }
    }

    fn dyn_range<T: Copy + AsF64>(
        &mut self,
        at: &dyn Fn() -> Pointer,
        field: &'static str,
        v: Option<&Dynamic<T>>,
        min: f64,
        max: f64,
        ql: QueryLanguage,
    ) {
        match v {
            Some(Dynamic::Value(x)) => self.range(&at().push(field), field, x.as_f64(), min, max),
            Some(Dynamic::Path(e)) => self.dyn_path(at, &format!("{field}Path"), e, ql, false),
            Some(Dynamic::Jsonata(_)) => self.jsonata_in(at, field, ql),
            None => {}
        }
    }

    /// A `…Path` field: a Reference Path (or, for `ErrorPath`/`CausePath`, an intrinsic too).
    fn dyn_path(
        &mut self,
        at: &dyn Fn() -> Pointer,
        field: &str,
        e: &Expr,
        ql: QueryLanguage,
        intrinsic_ok: bool,
    ) {
        if ql == QueryLanguage::Jsonata {
            self.jsonpath_in(at, field);
            return;
        }
        match e {
            Expr::Path(p) if !p.is_reference() => self.push(
                Diagnostic::new(
                    Code::InvalidPath,
                    at().push(field).as_str(),
                    format!(
                        "`{field}` must be a Reference Path (names and indexes only), found \"{}\"",
                        p.as_str()
                    ),
                )
                .with_help("remove filters, wildcards, slices and `..` from the path"),
            ),
            Expr::Intrinsic(i) if !intrinsic_ok => self.push(
                Diagnostic::new(
                    Code::InvalidPath,
                    at().push(field).as_str(),
                    format!(
                        "`{field}` takes a path, not an intrinsic function (\"{}\")",
                        i.as_str()
                    ),
                )
                .with_help("compute the value in an earlier Pass state and refer to it by path"),
            ),
            _ => {}
        }
    }

    fn jsonpath_in(&mut self, at: &dyn Fn() -> Pointer, field: &str) {
        let help = match field {
            k::InputPath | k::Parameters | k::ResultSelector | k::ResultPath | k::OutputPath => {
                "JSONata states use `Arguments` and `Output` instead of the five JSONPath fields".to_string()
            }
            f if f.ends_with("Path") => format!("write `{}` with a \"{{% … %}}\" expression instead", &f[..f.len() - 4]),
            _ => "rewrite it as a JSONata expression \"{% … %}\", or set `\"QueryLanguage\": \"JSONPath\"` on the state".to_string(),
        };
        self.push(
            Diagnostic::new(
                Code::JsonPathFieldInJsonata,
                at().push(field).as_str(),
                format!(
                    "`{field}` is a JSONPath field, but this state's query language is JSONata"
                ),
            )
            .with_help(help),
        );
    }

    fn jsonata_in(&mut self, at: &dyn Fn() -> Pointer, field: &str, ql: QueryLanguage) {
        if ql == QueryLanguage::Jsonata {
            return;
        }
        self.push(
            Diagnostic::new(
                Code::JsonataFieldInJsonPath,
                at().push(field).as_str(),
                format!("`{field}` uses JSONata, but this state's query language is JSONPath"),
            )
            .with_help("add `\"QueryLanguage\": \"JSONata\"` to the state (or the machine), or use the JSONPath fields"),
        );
    }

    /// `ResultPath`: a JSONPath field whose path must start at the state input (`$`).
    fn result_path(
        &mut self,
        at: &dyn Fn() -> Pointer,
        v: &Option<Nullable<crate::path::Path>>,
        ql: QueryLanguage,
    ) {
        self.opt_jsonpath(at, k::ResultPath, v, ql);
        if let Some(Nullable::Value(p)) = v
            && !matches!(p.root(), Root::Input)
        {
            self.push(
                    Diagnostic::new(
                        Code::InvalidPath,
                        at().push(k::ResultPath).as_str(),
                        format!("`ResultPath` \"{}\" must start with `$.`: a result can only be placed into the state's input", p.as_str()),
                    )
                    .with_help("to keep a value for later states, use `Assign` to set a variable instead"),
                );
        }
    }

    fn opt_jsonpath<T>(
        &mut self,
        at: &dyn Fn() -> Pointer,
        field: &str,
        v: &Option<T>,
        ql: QueryLanguage,
    ) {
        if v.is_some() && ql == QueryLanguage::Jsonata {
            self.jsonpath_in(at, field);
        }
    }

    fn opt_jsonata<T>(
        &mut self,
        at: &dyn Fn() -> Pointer,
        field: &str,
        v: &Option<T>,
        ql: QueryLanguage,
    ) {
        if v.is_some() {
            self.jsonata_in(at, field, ql);
        }
    }

    /// A JSONPath payload template (`Parameters`, `ResultSelector`, `ItemSelector`, …).
    fn template(
        &mut self,
        at: &dyn Fn() -> Pointer,
        field: &str,
        t: &Option<PayloadValue>,
        ql: QueryLanguage,
    ) {
        let Some(t) = t else { return };
        if ql == QueryLanguage::Jsonata && matches!(field, k::Parameters | k::ResultSelector) {
            self.jsonpath_in(at, field);
            return;
        }
        self.payload(&|| at().push(field), t, ql);
    }

    /// Walks a payload: `.$` expressions in JSONata states, JSONata in JSONPath states, literals
    /// that look like forgotten `.$`. `at` makes the payload's pointer, only for findings
    /// (templates are walked for every state).
    fn payload(&mut self, at: &dyn Fn() -> Pointer, v: &PayloadValue, ql: QueryLanguage) {
        match v {
            PayloadValue::Object(members) => {
                for (k, v) in members {
                    match v {
                        PayloadValue::Expr(e) if ql == QueryLanguage::Jsonata => {
                            self.push(
                                Diagnostic::new(
                                    Code::JsonPathFieldInJsonata,
                                    at().push(format!("{k}.$")).as_str(),
                                    format!("`{k}.$` is a JSONPath template field, but this state's query language is JSONata"),
                                )
                                .with_help(format!("write `\"{k}\": \"{{% … %}}\"` with a JSONata expression (was \"{}\")", e.as_str())),
                            );
                        }
                        PayloadValue::Literal(serde_json::Value::String(s))
                            if ql == QueryLanguage::JsonPath && looks_like_expr(s) =>
                        {
                            self.push(
                                Diagnostic::new(
                                    Code::LiteralLooksLikePath,
                                    at().push(k).as_str(),
                                    format!("`{k}` is passed as the literal string \"{s}\", which looks like a path"),
                                )
                                .with_help(format!("to pass the value at that path, name the field `{k}.$`; if the literal text is meant, ignore this warning")),
                            );
                        }
                        // `Key.$` in a JSONPath state: what expressions are for.
                        PayloadValue::Expr(_) => {}
                        // Nothing to check in a literal (and no pointer to build for it).
                        PayloadValue::Literal(_) => {}
                        _ => self.payload(&|| at().push_str(k), v, ql),
                    }
                }
            }
            PayloadValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if !matches!(item, PayloadValue::Literal(_)) {
                        self.payload(&|| at().push(i), item, ql);
                    }
                }
            }
            PayloadValue::Expr(e) => {
                // Only an object member (`Key.$`) can hold an expression in ASL.
                self.push(
                    Diagnostic::new(
                        Code::WrongType,
                        at().as_str(),
                        format!("the expression \"{}\" is not the value of an object field, so ASL cannot mark it with `.$`", e.as_str()),
                    )
                    .with_help("put it in an object field (`{\"value.$\": …}`), or build the array with `States.Array(…)`"),
                );
            }
            PayloadValue::Jsonata(_) if ql == QueryLanguage::JsonPath => {
                self.push(
                    Diagnostic::new(
                        Code::JsonataFieldInJsonPath,
                        at().as_str(),
                        "a JSONata expression in a JSONPath state is passed as literal text",
                    )
                    .with_help(
                        "add `\"QueryLanguage\": \"JSONata\"` to the state, or use a `Key.$` path",
                    ),
                );
            }
            _ => {}
        }
    }

    fn io(
        &mut self,
        at: &dyn Fn() -> Pointer,
        input: &Option<Nullable<crate::path::Path>>,
        output: &Option<Nullable<crate::path::Path>>,
        ql: QueryLanguage,
    ) {
        self.opt_jsonpath(at, k::InputPath, input, ql);
        self.opt_jsonpath(at, k::OutputPath, output, ql);
    }

    fn assign(
        &mut self,
        at: &dyn Fn() -> Pointer,
        assign: &Option<PayloadValue>,
        ql: QueryLanguage,
    ) {
        let Some(a) = assign else { return };
        let at = || at().push(k::Assign);
        if let PayloadValue::Object(members) = a {
            for (name, _) in members {
                if let Err(e) = validate_variable_name(name) {
                    let key = if matches!(
                        members.iter().find(|(n, _)| n == name),
                        Some((_, PayloadValue::Expr(_)))
                    ) {
                        format!("{name}.$")
                    } else {
                        name.clone()
                    };
                    self.push(
                        Diagnostic::new(Code::InvalidVariableName, at().push(&key).as_str(), format!("\"{name}\" is not a valid variable name: {}", e.message))
                            .with_help("a variable name starts with a letter or `_`, continues with letters, digits and `_`, and has at most 80 characters")
                            .at_offset(e.offset),
                    );
                }
            }
        }
        self.payload(&at, a, ql);
    }

    fn output(
        &mut self,
        at: &dyn Fn() -> Pointer,
        output: &Option<PayloadValue>,
        ql: QueryLanguage,
    ) {
        self.opt_jsonata(at, k::Output, output, ql);
    }

    fn retry_catch(
        &mut self,
        at: &dyn Fn() -> Pointer,
        retry: &[Retrier],
        catch: &[Catcher],
        ql: QueryLanguage,
    ) {
        self.error_lists(at, k::Retry, retry.iter().map(|r| &r.error_equals));
        self.error_lists(at, k::Catch, catch.iter().map(|c| &c.error_equals));
        for (i, r) in retry.iter().enumerate() {
            // Pointers only for findings.
            let rp = |field: &str| at().push(k::Retry).push(i).push(field);
            if let Some(v) = r.interval_seconds {
                self.range_at(
                    || rp(k::IntervalSeconds),
                    k::IntervalSeconds,
                    v as f64,
                    1.0,
                    99_999_999.0,
                );
            }
            if let Some(v) = r.max_attempts {
                self.range_at(
                    || rp(k::MaxAttempts),
                    k::MaxAttempts,
                    v as f64,
                    0.0,
                    99_999_999.0,
                );
            }
            if let Some(v) = r.backoff_rate {
                self.range_at(|| rp(k::BackoffRate), k::BackoffRate, v, 1.0, 99_999_999.0);
            }
            if let Some(v) = r.max_delay_seconds {
                self.range_at(
                    || rp(k::MaxDelaySeconds),
                    k::MaxDelaySeconds,
                    v as f64,
                    1.0,
                    31_622_400.0,
                );
            }
        }
        for (i, c) in catch.iter().enumerate() {
            let cp = || at().push(k::Catch).push(i);
            self.result_path(&cp, &c.result_path, ql);
            self.output(&cp, &c.output, ql);
            self.assign(&cp, &c.assign, ql);
        }
    }

    fn error_lists<'a>(
        &mut self,
        at: &dyn Fn() -> Pointer,
        field: &str,
        lists: impl ExactSizeIterator<Item = &'a Vec<String>>,
    ) {
        let n = lists.len();
        for (i, names) in lists.enumerate() {
            // Pointers only for findings.
            let ep = || at().push(field).push(i).push(k::ErrorEquals);
            if names.is_empty() {
                self.push(
                    Diagnostic::new(Code::EmptyErrorEquals, ep(), "`ErrorEquals` is empty")
                        .with_help("list at least one error name, e.g. \"States.TaskFailed\" or \"States.ALL\""),
                );
                continue;
            }
            for (j, name) in names.iter().enumerate() {
                if name.is_empty() {
                    self.push(
                        Diagnostic::new(
                            Code::EmptyErrorEquals,
                            ep().push(j),
                            "an error name is empty",
                        )
                        .with_help("remove it or name an error"),
                    );
                }
            }
            self.suspicious_error_names(&ep, names);
            if let Some(pos) = names.iter().position(|n| n == STATES_ALL) {
                if names.len() > 1 {
                    self.push(
                        Diagnostic::new(
                            Code::StatesAllPosition,
                            ep().push(pos),
                            "\"States.ALL\" must be the only error name of its entry",
                        )
                        .with_help(format!(
                            "move \"States.ALL\" into a {field} entry of its own, after the others"
                        )),
                    );
                } else if i + 1 != n {
                    self.push(
                        Diagnostic::new(Code::StatesAllPosition, ep().push(pos), format!("the {field} entry with \"States.ALL\" must be the last one"))
                            .with_help(format!("move this entry to the end of `{field}`: entries after it are never used")),
                    );
                }
            }
        }
    }

    /// SFN042: names of one character (all of them: a name split into characters) or with
    /// whitespace around them.
    fn suspicious_error_names(&mut self, ep: &dyn Fn() -> Pointer, names: &[String]) {
        let one_char = |n: &String| n.chars().count() == 1;
        if names.len() > 1 && names.iter().all(one_char) {
            let joined: String = names.concat();
            self.push(
                Diagnostic::new(
                    Code::SuspiciousErrorName,
                    ep(),
                    format!("every error name is one character: this looks like \"{joined}\" split into its characters"),
                )
                .with_help(format!(
                    "write one name: [\"{joined}\"] (in Rust, `Catch::on(\"{joined}\")` or `Retry::on(\"{joined}\")`, not `.chars()`)"
                )),
            );
            return;
        }
        for (j, name) in names.iter().enumerate() {
            let trimmed = name.trim();
            if one_char(name) {
                self.push(
                    Diagnostic::new(
                        Code::SuspiciousErrorName,
                        ep().push(j),
                        format!("the error name {name:?} is one character long; no error is named like that"),
                    )
                    .with_help("name the whole error, e.g. \"States.TaskFailed\""),
                );
            } else if trimmed.is_empty() && !name.is_empty() {
                self.push(
                    Diagnostic::new(
                        Code::SuspiciousErrorName,
                        ep().push(j),
                        format!("the error name {name:?} is only whitespace; no error is named like that"),
                    )
                    .with_help("name the whole error, e.g. \"States.TaskFailed\""),
                );
            } else if trimmed.len() != name.len() {
                self.push(
                    Diagnostic::new(
                        Code::SuspiciousErrorName,
                        ep().push(j),
                        format!("the error name {name:?} has whitespace around it, so it matches no error"),
                    )
                    .with_help(format!("write {trimmed:?}")),
                );
            }
        }
    }

    pub(crate) fn state_fields(
        &mut self,
        at: &dyn Fn() -> Pointer,
        _name: &str,
        state: &State,
        ql: QueryLanguage,
    ) {
        self.ql_override(at, state.query_language());
        match state {
            State::Task(t) => {
                self.io(at, &t.input_path, &t.output_path, ql);
                self.template(at, k::Parameters, &t.parameters, ql);
                self.template(at, k::ResultSelector, &t.result_selector, ql);
                self.result_path(at, &t.result_path, ql);
                self.opt_jsonata(at, k::Arguments, &t.arguments, ql);
                if let Some(c) = &t.credentials {
                    self.payload(&|| at().push(k::Credentials), c, ql);
                }
                self.output(at, &t.output, ql);
                self.assign(at, &t.assign, ql);
                self.resource(&|| at().push(k::Resource), &t.resource);
                self.credentials(at, t.credentials.as_ref());
                if t.resource.is_empty() {
                    self.push(
                        Diagnostic::new(Code::StringLength, at().push(k::Resource).as_str(), "`Resource` is empty")
                            .with_help("name a Lambda function ARN, an activity ARN or an integration such as \"arn:aws:states:::lambda:invoke\""),
                    );
                }
                self.dyn_range(
                    at,
                    k::TimeoutSeconds,
                    t.timeout_seconds.as_ref(),
                    1.0,
                    99_999_999.0,
                    ql,
                );
                self.dyn_range(
                    at,
                    k::HeartbeatSeconds,
                    t.heartbeat_seconds.as_ref(),
                    1.0,
                    99_999_999.0,
                    ql,
                );
                if let (Some(Dynamic::Value(h)), Some(Dynamic::Value(to))) =
                    (&t.heartbeat_seconds, &t.timeout_seconds)
                    && h >= to
                {
                    self.push(
                            Diagnostic::new(
                                Code::HeartbeatTimeout,
                                at().push(k::HeartbeatSeconds).as_str(),
                                format!("`HeartbeatSeconds` ({h}) must be smaller than `TimeoutSeconds` ({to})"),
                            )
                            .with_help("a heartbeat is only useful when it can arrive before the task times out"),
                        );
                }
                self.task_token(at, t, ql);
                self.retry_catch(at, state.retry(), state.catch(), ql);
            }
            State::Pass(p) => {
                self.io(at, &p.input_path, &p.output_path, ql);
                self.template(at, k::Parameters, &p.parameters, ql);
                self.result_path(at, &p.result_path, ql);
                self.output(at, &p.output, ql);
                self.assign(at, &p.assign, ql);
                if p.result.is_some() && ql == QueryLanguage::Jsonata {
                    self.jsonpath_in(at, k::Result);
                }
            }
            State::Choice(c) => {
                self.io(at, &c.input_path, &c.output_path, ql);
                self.output(at, &c.output, ql);
                self.assign(at, &c.assign, ql);
                if c.choices.is_empty() {
                    self.push(
                        Diagnostic::new(
                            Code::ChoiceRuleShape,
                            at().push(k::Choices).as_str(),
                            "`Choices` is empty",
                        )
                        .with_help("a Choice state needs at least one rule"),
                    );
                }
                for (i, rule) in c.choices.iter().enumerate() {
                    // The rule's pointer is only built when a check needs it (a Choice may
                    // have a thousand rules).
                    let rp = || at().push(k::Choices).push(i);
                    match &rule.condition {
                        RuleCondition::Jsonata(_) | RuleCondition::Constant(_) => {
                            if ql != QueryLanguage::Jsonata {
                                self.jsonata_in(&rp, k::Condition, ql)
                            }
                        }
                        RuleCondition::JsonPath(cond) => {
                            if ql == QueryLanguage::Jsonata {
                                self.push(
                                    Diagnostic::new(Code::JsonPathFieldInJsonata, rp(), "a JSONPath Choice rule (`Variable` and an operator) in a JSONata state")
                                        .with_help("write the test as `\"Condition\": \"{% … %}\"`"),
                                );
                            } else {
                                self.condition(&rp, cond);
                            }
                        }
                    }
                    if rule.output.is_some() {
                        self.output(&rp, &rule.output, ql);
                    }
                    if rule.assign.is_some() {
                        self.assign(&rp, &rule.assign, ql);
                    }
                }
            }
            State::Wait(w) => {
                self.io(at, &w.input_path, &w.output_path, ql);
                self.output(at, &w.output, ql);
                self.assign(at, &w.assign, ql);
                match &w.wait_for {
                    WaitFor::Seconds(d) => {
                        self.dyn_range(at, k::Seconds, Some(d), 0.0, 99_999_999.0, ql)
                    }
                    WaitFor::Timestamp(Dynamic::Value(ts)) => {
                        if !is_rfc3339(ts) {
                            self.bad_timestamp(&at().push(k::Timestamp), k::Timestamp, ts);
                        }
                    }
                    WaitFor::Timestamp(Dynamic::Path(e)) => {
                        self.dyn_path(at, k::TimestampPath, e, ql, false)
                    }
                    WaitFor::Timestamp(Dynamic::Jsonata(_)) => {
                        self.jsonata_in(at, k::Timestamp, ql)
                    }
                }
            }
            State::Succeed(s) => {
                self.io(at, &s.input_path, &s.output_path, ql);
                self.output(at, &s.output, ql);
            }
            State::Fail(f) => {
                for (field, v) in [(k::Error, &f.error), (k::Cause, &f.cause)] {
                    match v {
                        Some(Dynamic::Path(e)) => {
                            self.dyn_path(at, &format!("{field}Path"), e, ql, true)
                        }
                        Some(Dynamic::Jsonata(_)) => self.jsonata_in(at, field, ql),
                        _ => {}
                    }
                }
            }
            State::Parallel(p) => {
                self.io(at, &p.input_path, &p.output_path, ql);
                self.template(at, k::Parameters, &p.parameters, ql);
                self.template(at, k::ResultSelector, &p.result_selector, ql);
                self.result_path(at, &p.result_path, ql);
                self.opt_jsonata(at, k::Arguments, &p.arguments, ql);
                self.output(at, &p.output, ql);
                self.assign(at, &p.assign, ql);
                self.retry_catch(at, state.retry(), state.catch(), ql);
            }
            State::Map(m) => self.map(at, m, ql),
        }
    }

    /// SFN043: `.sync`/`.waitForTaskToken` tasks in the states of an EXPRESS processor (and in
    /// their nested branches and processors). `at` is the processor's pointer.
    fn express_patterns(&mut self, at: &dyn Fn() -> Pointer, states: &States) {
        for (name, state) in states.iter() {
            let here = || at().push(k::States).push_str(name);
            match state {
                State::Task(t) => {
                    let pattern = [".sync:2", ".sync", ".waitForTaskToken"]
                        .into_iter()
                        .find(|s| t.resource.ends_with(s));
                    if let Some(pattern) = pattern {
                        self.push(
                            Diagnostic::new(
                                Code::ExpressPattern,
                                here().push(k::Resource),
                                format!(
                                    "the task \"{name}\" uses the `{pattern}` integration pattern, which EXPRESS child executions do not support"
                                ),
                            )
                            .with_help("use `\"ExecutionType\": \"STANDARD\"` for this Distributed Map, or call the service without the pattern and poll it"),
                        );
                    }
                }
                State::Parallel(p) => {
                    for (i, b) in p.branches.iter().enumerate() {
                        self.express_patterns(&|| here().push(k::Branches).push(i), &b.states);
                    }
                }
                State::Map(m) => {
                    let field = match &m.processor {
                        Processor::ItemProcessor(_) => k::ItemProcessor,
                        Processor::Iterator(_) => k::Iterator,
                    };
                    self.express_patterns(&|| here().push(field), &m.processor.get().states);
                }
                _ => {}
            }
        }
    }

    fn map(&mut self, at: &dyn Fn() -> Pointer, m: &Map, ql: QueryLanguage) {
        self.io(at, &m.input_path, &m.output_path, ql);
        self.opt_jsonpath(at, k::ItemsPath, &m.items_path, ql);
        self.opt_jsonata(at, k::Items, &m.items, ql);
        match &m.item_selector {
            Some(ItemSelector::ItemSelector(t)) => {
                self.payload(&|| at().push(k::ItemSelector), t, ql)
            }
            Some(ItemSelector::Parameters(t)) => {
                if ql == QueryLanguage::Jsonata {
                    self.jsonpath_in(at, k::Parameters);
                } else {
                    self.payload(&|| at().push(k::Parameters), t, ql);
                }
            }
            None => {}
        }
        self.template(at, k::ResultSelector, &m.result_selector, ql);
        self.result_path(at, &m.result_path, ql);
        self.opt_jsonata(at, k::Arguments, &m.arguments, ql);
        self.output(at, &m.output, ql);
        self.assign(at, &m.assign, ql);
        self.dyn_range(
            at,
            k::MaxConcurrency,
            m.max_concurrency.as_ref(),
            0.0,
            f64::MAX,
            ql,
        );
        self.dyn_range(
            at,
            k::ToleratedFailurePercentage,
            m.tolerated_failure_percentage.as_ref(),
            0.0,
            100.0,
            ql,
        );
        self.dyn_range(
            at,
            k::ToleratedFailureCount,
            m.tolerated_failure_count.as_ref(),
            0.0,
            f64::MAX,
            ql,
        );
        if let Some(label) = &m.label {
            let n = label.chars().count();
            if n == 0 {
                self.push(
                    Diagnostic::new(
                        Code::StringLength,
                        at().push(k::Label).as_str(),
                        "`Label` is empty",
                    )
                    .with_help("give the label 1 to 40 characters, or remove `Label`"),
                );
            } else if let Some((offset, c)) = label.char_indices().find(|&(_, c)| !label_char(c)) {
                self.push(
                    Diagnostic::new(
                        Code::InvalidCharacter,
                        at().push(k::Label).as_str(),
                        format!("`Label` \"{label}\" contains {}, which AWS does not allow in a label", describe_char(c)),
                    )
                    .with_help("use letters, digits, `-`, `_` and `.`; AWS forbids whitespace, brackets, wildcards, the characters \" # % \\ ^ | ~ ` $ & , ; : / and control characters")
                    .at_offset(offset),
                );
            }
            if n > 40 {
                self.push(
                    Diagnostic::new(
                        Code::StringLength,
                        at().push(k::Label).as_str(),
                        format!("`Label` is {n} characters long; AWS allows at most 40"),
                    )
                    .with_help("shorten the label; it prefixes the names of the child executions"),
                );
            }
        }
        let field = match &m.processor {
            Processor::ItemProcessor(_) => k::ItemProcessor,
            Processor::Iterator(_) => k::Iterator,
        };
        let distributed = m.is_distributed();
        if distributed
            && m.processor.config().and_then(|c| c.execution_type) == Some(ExecutionType::Express)
        {
            self.express_patterns(&|| at().push(field), &m.processor.get().states);
        }
        if !distributed {
            let mut only: Vec<&'static str> = Vec::new();
            if m.item_reader.is_some() {
                only.push(k::ItemReader);
            }
            if m.item_batcher.is_some() {
                only.push(k::ItemBatcher);
            }
            if m.result_writer.is_some() {
                only.push(k::ResultWriter);
            }
            if m.tolerated_failure_percentage.is_some() {
                only.push(
                    if matches!(m.tolerated_failure_percentage, Some(Dynamic::Path(_))) {
                        k::ToleratedFailurePercentagePath
                    } else {
                        k::ToleratedFailurePercentage
                    },
                );
            }
            if m.tolerated_failure_count.is_some() {
                only.push(
                    if matches!(m.tolerated_failure_count, Some(Dynamic::Path(_))) {
                        k::ToleratedFailureCountPath
                    } else {
                        k::ToleratedFailureCount
                    },
                );
            }
            if m.label.is_some() {
                only.push(k::Label);
            }
            for f in only {
                self.push(
                    Diagnostic::new(Code::DistributedOnly, at().push(f).as_str(), format!("`{f}` is only allowed in a Distributed Map"))
                        .with_help(format!("set `\"ProcessorConfig\": {{\"Mode\": \"DISTRIBUTED\"}}` in `{field}`, or remove `{f}`")),
                );
            }
            if m.processor
                .config()
                .and_then(|c| c.execution_type)
                .is_some()
            {
                self.push(
                    Diagnostic::new(
                        Code::DistributedOnly,
                        at().push(field)
                            .push(k::ProcessorConfig)
                            .push(k::ExecutionType)
                            .as_str(),
                        "`ExecutionType` is only allowed when `Mode` is DISTRIBUTED",
                    )
                    .with_help("add `\"Mode\": \"DISTRIBUTED\"` or remove `ExecutionType`"),
                );
            }
        } else if m
            .processor
            .config()
            .and_then(|c| c.execution_type)
            .is_none()
        {
            self.push(
                Diagnostic::new(
                    Code::MissingField,
                    at().push(field).push(k::ProcessorConfig).as_str(),
                    "a Distributed Map's `ProcessorConfig` needs an `ExecutionType`",
                )
                .with_help("add `\"ExecutionType\": \"STANDARD\"` or `\"EXPRESS\"`"),
            );
        }
        if let Some(r) = &m.item_reader {
            let rp = || at().push(k::ItemReader);
            self.opt_jsonata(&rp, k::Arguments, &r.arguments, ql);
            if let Some(p) = &r.parameters {
                if ql == QueryLanguage::Jsonata {
                    self.jsonpath_in(&rp, k::Parameters);
                } else {
                    self.payload(&|| rp().push(k::Parameters), p, ql);
                }
            }
            if let Some(c) = &r.reader_config {
                let cp = || rp().push(k::ReaderConfig);
                self.dyn_range(
                    &cp,
                    k::MaxItems,
                    c.max_items.as_ref(),
                    1.0,
                    100_000_000.0,
                    ql,
                );
                if c.csv_header_location == Some(CsvHeaderLocation::Given)
                    && c.csv_headers.is_none()
                {
                    self.push(
                        Diagnostic::new(Code::MissingField, cp().as_str(), "`CSVHeaderLocation` is GIVEN but there is no `CSVHeaders`")
                            .with_help("list the column names in `CSVHeaders`, or use `\"CSVHeaderLocation\": \"FIRST_ROW\"`"),
                    );
                }
            }
        }
        if let Some(b) = &m.item_batcher {
            let bp = || at().push(k::ItemBatcher);
            self.dyn_range(
                &bp,
                k::MaxItemsPerBatch,
                b.max_items_per_batch.as_ref(),
                1.0,
                f64::MAX,
                ql,
            );
            self.dyn_range(
                &bp,
                k::MaxInputBytesPerBatch,
                b.max_input_bytes_per_batch.as_ref(),
                1.0,
                262_144.0,
                ql,
            );
        }
        if let Some(w) = &m.result_writer {
            let wp = || at().push(k::ResultWriter);
            self.opt_jsonata(&wp, k::Arguments, &w.arguments, ql);
            if let Some(p) = &w.parameters {
                if ql == QueryLanguage::Jsonata {
                    self.jsonpath_in(&wp, k::Parameters);
                } else {
                    self.payload(&|| wp().push(k::Parameters), p, ql);
                }
            }
        }
        self.retry_catch(
            at,
            m.retry.as_deref().unwrap_or_default(),
            m.catch.as_deref().unwrap_or_default(),
            ql,
        );
    }

    fn bad_timestamp(&mut self, at: &Pointer, field: &str, ts: &str) {
        self.push(
            Diagnostic::new(Code::InvalidTimestamp, at.as_str(), format!("`{field}` is not an RFC 3339 timestamp: \"{ts}\""))
                .with_help("write it as \"2026-01-31T23:59:59Z\" (uppercase T, and Z or an offset like +02:00)"),
        );
    }

    /// A JSONPath Choice condition; `at` makes the pointer of the rule (only for findings).
    fn condition(&mut self, at: &dyn Fn() -> Pointer, c: &Condition) {
        match c {
            Condition::And(rules) | Condition::Or(rules) => {
                let key = if matches!(c, Condition::And(_)) {
                    k::And
                } else {
                    k::Or
                };
                if rules.is_empty() {
                    self.push(
                        Diagnostic::new(
                            Code::ChoiceRuleShape,
                            at().push(key),
                            format!("`{key}` is empty"),
                        )
                        .with_help(format!("`{key}` needs at least one nested rule")),
                    );
                }
                for (i, r) in rules.iter().enumerate() {
                    self.condition(&|| at().push(key).push(i), &r.condition);
                }
            }
            Condition::Not(r) => self.condition(&|| at().push(k::Not), &r.condition),
            Condition::Compare(cmp) => {
                let op = cmp.operator.as_str();
                let p = || at().push(op);
                let expected = match cmp.operator.operand_kind() {
                    OperandKind::String => "a string",
                    OperandKind::Timestamp => "an RFC 3339 timestamp string",
                    OperandKind::Number => "a number",
                    OperandKind::Bool => "a boolean",
                    OperandKind::Path => "a path string",
                };
                match (&cmp.operand, cmp.operator.operand_kind()) {
                    (Operand::Invalid(v), _) => self.push(
                        Diagnostic::new(
                            Code::OperatorValueType,
                            p(),
                            format!(
                                "`{op}` takes {expected}, found {}",
                                crate::import::describe_value(v)
                            ),
                        )
                        .with_help(match cmp.operator.operand_kind() {
                            OperandKind::Number => {
                                format!("write the number without quotes, e.g. `\"{op}\": 5`")
                            }
                            OperandKind::Bool => {
                                format!("write `\"{op}\": true` or `false`, without quotes")
                            }
                            _ => format!("write `\"{op}\"` with {expected}"),
                        }),
                    ),
                    (Operand::String(s), OperandKind::Timestamp) if !is_rfc3339(s) => {
                        self.bad_timestamp(&p(), op, s)
                    }
                    (Operand::String(s), OperandKind::String)
                        if cmp.operator == Operator::StringMatches =>
                    {
                        if let Some(off) = bad_match_escape(s) {
                            self.push(
                                Diagnostic::new(Code::OperatorValueType, p(), format!("`StringMatches` pattern \"{s}\" has an invalid escape"))
                                    .with_help("only `\\*` and `\\\\` are escapes in a StringMatches pattern (write them as \"\\\\*\" and \"\\\\\\\\\" in JSON)")
                                    .at_offset(off),
                            );
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// `Credentials`: an object whose only field is `RoleArn` (or a JSONata expression).
    fn credentials(&mut self, at: &dyn Fn() -> Pointer, credentials: Option<&PayloadValue>) {
        let Some(PayloadValue::Object(members)) = credentials else {
            return;
        };
        let cp = at().push(k::Credentials);
        if !members.iter().any(|(k, _)| k == "RoleArn") {
            self.push(
                Diagnostic::new(
                    Code::MissingField,
                    cp.as_str(),
                    "`Credentials` needs a `RoleArn` field",
                )
                .with_help("add `\"RoleArn\": \"arn:aws:iam::123456789012:role/…\"` (or `\"RoleArn.$\"` with a path), or remove `Credentials`"),
            );
        }
        for (key, value) in members {
            if key == "RoleArn" {
                continue;
            }
            let written = if matches!(value, PayloadValue::Expr(_)) {
                format!("{key}.$")
            } else {
                key.clone()
            };
            let mut d = Diagnostic::new(
                Code::UnknownField,
                cp.push(&written).as_str(),
                format!("unknown field `{written}` in `Credentials`"),
            );
            d = if key.eq_ignore_ascii_case("rolearn") {
                d.with_help("field names are case-sensitive: write `RoleArn`")
            } else {
                d.with_help(
                    "`Credentials` has one field, `RoleArn`: the IAM role to assume for this task",
                )
            };
            self.push(d);
        }
    }

    fn task_token(&mut self, at: &dyn Fn() -> Pointer, t: &Task, ql: QueryLanguage) {
        if !t.resource.ends_with(".waitForTaskToken") {
            return;
        }
        let mut found = false;
        for payload in [&t.parameters, &t.arguments].into_iter().flatten() {
            payload.for_each_expr(&mut |e| {
                if let Expr::Path(p) = e {
                    found |= is_task_token(p);
                }
                if let Expr::Intrinsic(i) = e {
                    found |= i.as_str().contains("$$.Task.Token");
                }
            });
            payload.for_each_jsonata(&mut |j| {
                found |= j.as_str().contains("$states.context.Task.Token")
            });
            if let PayloadValue::Literal(v) = payload {
                found |= v.to_string().contains("$states.context.Task.Token");
            }
        }
        if !found {
            let example = if ql == QueryLanguage::Jsonata {
                "\"Arguments\": {\"TaskToken\": \"{% $states.context.Task.Token %}\", …}"
            } else {
                "\"Parameters\": {\"TaskToken.$\": \"$$.Task.Token\", …}"
            };
            self.push(
                Diagnostic::new(
                    Code::MissingTaskToken,
                    at().push(k::Resource).as_str(),
                    "this `.waitForTaskToken` task never passes the task token, so nothing can ever resume it",
                )
                .with_help(format!("pass the token to the worker, e.g. {example}")),
            );
        }
    }
}

/// True for a character AWS allows in a Map `Label` (the rules of execution names:
/// <https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html>).
fn label_char(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || "<>{}[]?*\"#%\\^|~`$&,;:/".contains(c))
}

/// "the character `{`", "a space", "the control character U+0007" for messages.
fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        c if c.is_whitespace() => format!("the whitespace character U+{:04X}", c as u32),
        c if c.is_control() || ('\u{7f}'..='\u{9f}').contains(&c) => {
            format!("the control character U+{:04X}", c as u32)
        }
        c => format!("the character `{c}`"),
    }
}

fn is_task_token(p: &crate::path::Path) -> bool {
    matches!(p.root(), Root::Context)
        && matches!(p.segments(), [Segment::Field(a), Segment::Field(b), ..] if a == "Task" && b == "Token")
}

/// The byte offset of the first invalid escape in a `StringMatches` pattern.
fn bad_match_escape(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            match b.get(i + 1) {
                Some(b'*' | b'\\') => i += 2,
                _ => return Some(i),
            }
        } else {
            i += 1;
        }
    }
    None
}

/// Numbers the range rules compare.
trait AsF64 {
    fn as_f64(&self) -> f64;
}

impl AsF64 for i64 {
    fn as_f64(&self) -> f64 {
        *self as f64
    }
}

impl AsF64 for f64 {
    fn as_f64(&self) -> f64 {
        *self
    }
}
