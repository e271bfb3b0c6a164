//! The validator's walk: every scope, state and field of a machine once, in document order,
//! calling the checks of the rules (in `rules/`) on the nodes they are about.

use super::Validator;
use super::rules::express::Express;
use super::rules::range::AWS_MAX;
use crate::diagnostic::{Diagnostic, Pointer};
use crate::fields::names as k;
use crate::model::*;

impl<'m> Validator<'m> {
    pub(crate) fn machine(&mut self, m: &'m StateMachine) {
        let ql = m.query_language.unwrap_or_default();
        self.machine_jsonata = ql == QueryLanguage::Jsonata;
        let root = Pointer::root();
        self.all_names.reserve(m.states.count_nested());
        self.collect_names(&m.states, &root.push(k::States));
        let mut counter = 0;
        self.scope(&m.start_at, &m.states, &root, ql, &mut counter);
        if self.ty == super::StateMachineType::Express {
            self.express(&Pointer::root, &m.states, Express::Machine);
        }
        if let Some(t) = m.timeout_seconds {
            self.range(
                &root.push(k::TimeoutSeconds),
                k::TimeoutSeconds,
                t as f64,
                1.0,
                AWS_MAX,
            );
        }
        if let Some(v) = &m.version {
            self.version(&|| root.push(k::Version), v);
        }
    }

    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Reports a finding of `code` at `pointer` with its help line.
    pub(crate) fn report(
        &mut self,
        code: crate::rules::Code,
        pointer: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(Diagnostic::new(code, pointer, message).with_help(help));
    }

    /// Second pass: one scope's graph, then its states' fields and nested scopes.
    /// `ptr` is the pointer of the object holding `StartAt` and `States`.
    fn scope(
        &mut self,
        start_at: &'m str,
        states: &'m States,
        ptr: &Pointer,
        ql: QueryLanguage,
        counter: &mut usize,
    ) {
        let this = *counter;
        *counter += 1;
        let states_ptr = ptr.push(k::States);
        let (mut edges, start) = self.scope_start(this, start_at, states, ptr, &states_ptr);
        for (i, (name, state)) in states.iter().enumerate() {
            // The state's pointer is only built for a finding.
            let at = || states_ptr.push_str(name);
            self.state_edges(&mut edges, i, this, states, state, &at);
            let state_ql = state.query_language().unwrap_or(ql);
            self.state_fields(&at, name, state, state_ql);
            // Nested scopes.
            if let State::Parallel(p) = state {
                self.empty_branches(&at, &p.branches);
            }
            for n in super::nested(state) {
                self.scope(n.start_at, n.states, &n.below(&at()), ql, counter);
            }
        }
        self.reachability(this, start, start_at, states, ptr, &states_ptr, edges);
    }
}

impl Validator<'_> {
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
            let float = |v: Option<i64>| v.map(|v| v as f64);
            // AWS's bounds: 99,999,999, and a year of 366 days for `MaxDelaySeconds`.
            let (max, year) = (AWS_MAX, 31_622_400.0);
            let ranges = [
                (k::IntervalSeconds, float(r.interval_seconds), 1.0, max),
                (k::MaxAttempts, float(r.max_attempts), 0.0, max),
                (k::BackoffRate, r.backoff_rate, 1.0, max),
                (k::MaxDelaySeconds, float(r.max_delay_seconds), 1.0, year),
            ];
            for (field, v, min, max) in ranges {
                if let Some(v) = v {
                    self.range_at(|| rp(field), field, v, min, max);
                }
            }
        }
        for (i, c) in catch.iter().enumerate() {
            let cp = || at().push(k::Catch).push(i);
            self.result_path(&cp, &c.result_path, ql);
            self.output(&cp, &c.output, ql);
            self.assign(&cp, &c.assign, ql);
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
        if ql == QueryLanguage::Jsonata {
            self.jsonata_expressions(at, state);
        }
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
                self.empty_resource(at, &t.resource);
                self.timeouts(
                    at,
                    t.timeout_seconds.as_ref(),
                    t.heartbeat_seconds.as_ref(),
                    ql,
                );
                self.task_token(at, t, ql);
                self.retry_catch(at, state.retry(), state.catch(), ql);
            }
            State::Pass(p) => {
                self.io(at, &p.input_path, &p.output_path, ql);
                self.template(at, k::Parameters, &p.parameters, ql);
                self.result_path(at, &p.result_path, ql);
                self.output(at, &p.output, ql);
                self.assign(at, &p.assign, ql);
                match &p.result {
                    Some(_) if ql == QueryLanguage::Jsonata => self.jsonpath_in(at, k::Result),
                    Some(result) => self.static_result(&|| at().push(k::Result), result),
                    None => {}
                }
            }
            State::Choice(c) => {
                self.io(at, &c.input_path, &c.output_path, ql);
                self.output(at, &c.output, ql);
                self.assign(at, &c.assign, ql);
                self.empty_choices(at, &c.choices);
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
                                self.jsonpath_rule(&rp);
                            } else {
                                self.condition(&rp, cond);
                            }
                        }
                    }
                    self.output(&rp, &rule.output, ql);
                    self.assign(&rp, &rule.assign, ql);
                }
            }
            State::Wait(w) => {
                self.io(at, &w.input_path, &w.output_path, ql);
                self.output(at, &w.output, ql);
                self.assign(at, &w.assign, ql);
                match &w.wait_for {
                    WaitFor::Seconds(d) => {
                        self.dyn_range(at, k::Seconds, Some(d), 0.0, AWS_MAX, ql)
                    }
                    WaitFor::Timestamp(Dynamic::Value(ts)) => {
                        self.timestamp(&|| at().push(k::Timestamp), k::Timestamp, ts);
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
                    if ql == QueryLanguage::JsonPath {
                        self.path_in_literal(at, field, v.as_ref());
                    }
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
        self.map_limits(
            at,
            m.max_concurrency.as_ref(),
            m.tolerated_failure_percentage.as_ref(),
            m.tolerated_failure_count.as_ref(),
            ql,
        );
        if let Some(label) = &m.label {
            self.label(&|| at().push(k::Label), label);
        }
        let field = m.processor.field();
        self.distributed_map(at, m, field);
        if let Some(r) = &m.item_reader {
            let rp = || at().push(k::ItemReader);
            self.opt_jsonata(&rp, k::Arguments, &r.arguments, ql);
            self.template(&rp, k::Parameters, &r.parameters, ql);
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
                self.csv_headers(&cp, c);
            }
        }
        if let Some(b) = &m.item_batcher {
            let bp = || at().push(k::ItemBatcher);
            let per_batch = [
                (k::MaxItemsPerBatch, &b.max_items_per_batch, f64::MAX),
                (
                    k::MaxInputBytesPerBatch,
                    &b.max_input_bytes_per_batch,
                    262_144.0,
                ),
            ];
            for (field, v, max) in per_batch {
                self.dyn_range(&bp, field, v.as_ref(), 1.0, max, ql);
            }
        }
        if let Some(w) = &m.result_writer {
            let wp = || at().push(k::ResultWriter);
            self.opt_jsonata(&wp, k::Arguments, &w.arguments, ql);
            self.template(&wp, k::Parameters, &w.parameters, ql);
        }
        self.retry_catch(
            at,
            m.retry.as_deref().unwrap_or_default(),
            m.catch.as_deref().unwrap_or_default(),
            ql,
        );
    }
}
