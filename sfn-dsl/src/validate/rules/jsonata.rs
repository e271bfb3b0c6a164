//! What a JSONata expression may read: Step Functions evaluates it with no context item, and
//! `$states.result` and `$states.errorOutput` exist only where a state has a result or an error.

use super::prelude::*;
use crate::path::Jsonata;
use crate::payload::PayloadValue;

declare! {
    JsonataTopLevelReference = "047", error, "JSONata expression reads the top-level context", aws: "UNSUPPORTED_JSONATA_EXPRESSION", span: value, reads: [Arguments, Output, Assign, Items, ItemSelector, Condition, Credentials, BatchInput, TimeoutSeconds, HeartbeatSeconds, Seconds, Timestamp, Error, Cause, MaxConcurrency, ToleratedFailurePercentage, ToleratedFailureCount, MaxItems, MaxItemsPerBatch, MaxInputBytesPerBatch],
        what: "A JSONata expression reads a field of the top-level context (`phone`, `$`, `$$`). Step Functions evaluates expressions with no context item: the input is `$states.input`, variables are `$name`. AWS refuses the definition (\"Reference to 'phone' at the top level is not supported\"). Names after a path's first step, in predicates, groups, sorts and transforms read the value before them and are fine; a lambda body keeps the top-level context.",
        failing: "`\"Output\": \"{% phone %}\"`.",
        fix: "`\"Output\": \"{% $states.input.phone %}\"`.";
    StatesFieldUnavailable = "048", error, "$states.result or $states.errorOutput where there is none", aws: "", span: value, reads: [Arguments, Output, Assign, Items, ItemSelector, Condition, Credentials, BatchInput, TimeoutSeconds, HeartbeatSeconds, Seconds, Timestamp, Error, Cause, MaxConcurrency, ToleratedFailurePercentage, ToleratedFailureCount, MaxItems, MaxItemsPerBatch, MaxInputBytesPerBatch],
        what: "A JSONata expression reads `$states.result` where there is no result (anywhere but the `Output` and `Assign` of a Task, Parallel or Map state) or `$states.errorOutput` where there is no error (anywhere but the `Output` and `Assign` of a `Catch` entry). AWS documents that such a definition is refused when it is created, updated or validated.",
        failing: "`{\"Type\": \"Pass\", \"Output\": \"{% $states.result %}\"}`.",
        fix: "read the result in the `Output` or `Assign` of the Task, Parallel or Map state, the error output in its `Catch` entry.";
}

/// Which of `$states.result` and `$states.errorOutput` an expression may read.
#[derive(Clone, Copy, PartialEq)]
enum Has {
    /// Neither (`Arguments`, `Items`, a Choice rule, a Pass state, …).
    Neither,
    /// `result`: the `Output` and `Assign` of a Task, Parallel or Map state.
    Result,
    /// `errorOutput`: the `Output` and `Assign` of a `Catch` entry.
    ErrorOutput,
}

impl<'m> Validator<'m> {
    /// SFN047 in every JSONata expression of a JSONata state's fields (`at` makes the state's
    /// pointer).
    pub(crate) fn jsonata_expressions(&mut self, at: &dyn Fn() -> Pointer, state: &State) {
        let field = |f: &'static str| move || at().push(f);
        let (output, assign) = match state {
            State::Task(t) => (&t.output, &t.assign),
            State::Pass(p) => (&p.output, &p.assign),
            State::Choice(c) => (&c.output, &c.assign),
            State::Wait(w) => (&w.output, &w.assign),
            State::Succeed(s) => (&s.output, &None),
            State::Fail(_) => (&None, &None),
            State::Parallel(p) => (&p.output, &p.assign),
            State::Map(m) => (&m.output, &m.assign),
        };
        let has = match state {
            State::Task(_) | State::Parallel(_) | State::Map(_) => Has::Result,
            _ => Has::Neither,
        };
        self.payload_refs(&field(k::Output), output.as_ref(), has);
        self.payload_refs(&field(k::Assign), assign.as_ref(), has);
        match state {
            State::Task(t) => {
                self.template_refs(&field(k::Arguments), t.arguments.as_ref());
                self.template_refs(&field(k::Credentials), t.credentials.as_ref());
                self.dynamic_refs(&field(k::TimeoutSeconds), t.timeout_seconds.as_ref());
                self.dynamic_refs(&field(k::HeartbeatSeconds), t.heartbeat_seconds.as_ref());
            }
            State::Parallel(p) => self.template_refs(&field(k::Arguments), p.arguments.as_ref()),
            State::Choice(c) => {
                for (i, rule) in c.choices.iter().enumerate() {
                    let rp = || at().push(k::Choices).push(i);
                    if let RuleCondition::Jsonata(j) = &rule.condition {
                        self.expression(&|| rp().push(k::Condition), j, Has::Neither);
                    }
                    self.template_refs(&|| rp().push(k::Output), rule.output.as_ref());
                    self.template_refs(&|| rp().push(k::Assign), rule.assign.as_ref());
                }
            }
            State::Wait(w) => match &w.wait_for {
                WaitFor::Seconds(d) => self.dynamic_refs(&field(k::Seconds), Some(d)),
                WaitFor::Timestamp(d) => self.dynamic_refs(&field(k::Timestamp), Some(d)),
            },
            State::Fail(f) => {
                self.dynamic_refs(&field(k::Error), f.error.as_ref());
                self.dynamic_refs(&field(k::Cause), f.cause.as_ref());
            }
            State::Map(m) => self.map_refs(at, m),
            State::Pass(_) | State::Succeed(_) => {}
        }
        for (i, c) in state.catch().iter().enumerate() {
            let cp = || at().push(k::Catch).push(i);
            self.payload_refs(
                &|| cp().push(k::Output),
                c.output.as_ref(),
                Has::ErrorOutput,
            );
            self.payload_refs(
                &|| cp().push(k::Assign),
                c.assign.as_ref(),
                Has::ErrorOutput,
            );
        }
    }

    /// The JSONata fields of a Map state and of its reader, batcher and writer.
    fn map_refs(&mut self, at: &dyn Fn() -> Pointer, m: &Map) {
        let field = |f: &'static str| move || at().push(f);
        self.template_refs(&field(k::Items), m.items.as_ref());
        if let Some(ItemSelector::ItemSelector(t)) = &m.item_selector {
            self.template_refs(&field(k::ItemSelector), Some(t));
        }
        self.template_refs(&field(k::Arguments), m.arguments.as_ref());
        self.dynamic_refs(&field(k::MaxConcurrency), m.max_concurrency.as_ref());
        self.dynamic_refs(
            &field(k::ToleratedFailurePercentage),
            m.tolerated_failure_percentage.as_ref(),
        );
        self.dynamic_refs(
            &field(k::ToleratedFailureCount),
            m.tolerated_failure_count.as_ref(),
        );
        if let Some(r) = &m.item_reader {
            let rp = || at().push(k::ItemReader);
            self.template_refs(&|| rp().push(k::Arguments), r.arguments.as_ref());
            if let Some(c) = &r.reader_config {
                let max = || rp().push(k::ReaderConfig).push(k::MaxItems);
                self.dynamic_refs(&max, c.max_items.as_ref());
            }
        }
        if let Some(b) = &m.item_batcher {
            let bp = |f: &'static str| move || at().push(k::ItemBatcher).push(f);
            self.dynamic_refs(&bp(k::MaxItemsPerBatch), b.max_items_per_batch.as_ref());
            let bytes = b.max_input_bytes_per_batch.as_ref();
            self.dynamic_refs(&bp(k::MaxInputBytesPerBatch), bytes);
            self.template_refs(&bp(k::BatchInput), b.batch_input.as_ref());
        }
        if let Some(w) = &m.result_writer {
            let wp = || at().push(k::ResultWriter).push(k::Arguments);
            self.template_refs(&wp, w.arguments.as_ref());
        }
    }

    /// SFN047 in the expressions of a JSONata template (`at` makes its pointer).
    fn template_refs(&mut self, at: &dyn Fn() -> Pointer, v: Option<&PayloadValue>) {
        self.payload_refs(at, v, Has::Neither);
    }

    /// SFN047 and SFN048 in the expressions of a JSONata template where `has` is available.
    fn payload_refs(&mut self, at: &dyn Fn() -> Pointer, v: Option<&PayloadValue>, has: Has) {
        match v {
            Some(PayloadValue::Jsonata(j)) => self.expression(at, j, has),
            Some(PayloadValue::Object(members)) => {
                for (key, value) in members {
                    self.payload_refs(&|| at().push_str(key), Some(value), has);
                }
            }
            Some(PayloadValue::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    self.payload_refs(&|| at().push(i), Some(item), has);
                }
            }
            _ => {}
        }
    }

    /// SFN047 in a field that is a literal, a path or an expression.
    fn dynamic_refs<T>(&mut self, at: &dyn Fn() -> Pointer, v: Option<&Dynamic<T>>) {
        if let Some(Dynamic::Jsonata(j)) = v {
            self.expression(at, j, Has::Neither);
        }
    }

    /// SFN047 and SFN048 in one expression.
    fn expression(&mut self, at: &dyn Fn() -> Pointer, j: &Jsonata, has: Has) {
        // One parse for both rules.
        let (top_level, states_fields) = j.reads();
        self.top_level_references(at, top_level);
        for (offset, field) in states_fields {
            let (missing, help) = match (field, has) {
                ("result", Has::Neither | Has::ErrorOutput) => (
                    "there is no result here: only the `Output` and `Assign` of a Task, Parallel or Map state have one",
                    "read the result in the state's `Output` or `Assign`; here, read the state input as `$states.input`",
                ),
                ("errorOutput", Has::Neither | Has::Result) => (
                    "there is no error output here: only the `Output` and `Assign` of a `Catch` entry have one",
                    "read the error output in a `Catch` entry's `Output` or `Assign`",
                ),
                _ => continue,
            };
            self.push(
                Diagnostic::new(
                    Code::StatesFieldUnavailable,
                    at().as_str(),
                    format!("the JSONata expression reads `$states.{field}`, but {missing}"),
                )
                .with_help(help)
                .at_offset(offset),
            );
        }
    }

    /// SFN047: one finding per top-level reference (`names`, from [`Jsonata::reads`]).
    fn top_level_references(&mut self, at: &dyn Fn() -> Pointer, names: Vec<(usize, &str)>) {
        for (offset, name) in names {
            let help = match name {
                "$" => "read the state input as `$states.input`".to_owned(),
                "$$" => "read the state input as `$states.input`, the context object as `$states.context`".to_owned(),
                _ => format!("read the state input's field as `$states.input.{name}`, or a variable as `${name}`"),
            };
            self.push(
                Diagnostic::new(
                    Code::JsonataTopLevelReference,
                    at().as_str(),
                    format!("the JSONata expression reads `{name}` from the top-level context, which Step Functions does not have (AWS: \"Reference to '{name}' at the top level is not supported\")"),
                )
                .with_help(help)
                .at_offset(offset),
            );
        }
    }
}
