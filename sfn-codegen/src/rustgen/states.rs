//! One state builder expression per ASL state: `Task::new(…)`, `Pass::new()`, … with a setter
//! call per field, in the order the canonical JSON writes the fields.

use super::builder::{Gen, Scope};
use super::layout::Doc;
use super::lexical::int_literal;
use super::resource::resource;
use sfn_dsl::fields::names as k;
use sfn_dsl::model::{
    Choice, Fail, ItemBatcher, ItemReader, ItemSelector, Map, Parallel, Pass, Processor,
    ProcessorConfig, ProcessorMode, QueryLanguage, ResultWriter, State, Succeed, Task, Wait,
    WaitFor,
};
use sfn_dsl::payload::PayloadValue;

/// Appends `.name(value)` when the field is set.
pub(super) fn set(doc: Doc, name: &str, value: Option<Doc>) -> Doc {
    match value {
        Some(v) => doc.method(name, vec![v]),
        None => doc,
    }
}

/// The ASL spelling of a model enum value, as `Type::Variant` (`InputType::Csv`).
macro_rules! enum_value {
    ($g:expr, $ty:ident, $v:expr) => {{
        $g.root(stringify!($ty));
        Doc::text(format!("{}::{:?}", stringify!($ty), $v))
    }};
}

impl Gen {
    /// `.comment(…)` and `.query_language(…)`.
    fn basics(&mut self, doc: Doc, comment: &Option<String>, ql: Option<QueryLanguage>) -> Doc {
        let doc = set(doc, "comment", comment.as_deref().map(Gen::str));
        let ql = ql.map(|q| self.query_language(q));
        set(doc, "query_language", ql)
    }

    /// `.name(payload)` when the payload is set.
    pub(super) fn payload_field(&mut self, doc: Doc, name: &str, v: &Option<PayloadValue>) -> Doc {
        let v = v.as_ref().map(|v| self.payload(v));
        set(doc, name, v)
    }

    /// The builder expression of one state.
    pub(crate) fn state(&mut self, state: &State, scope: &Scope) -> Doc {
        match state {
            State::Task(t) => self.task(t, scope),
            State::Pass(p) => self.pass(p, scope),
            State::Choice(c) => self.choice(c, scope),
            State::Wait(w) => self.wait(w, scope),
            State::Succeed(s) => self.succeed(s),
            State::Fail(f) => self.fail(f),
            State::Parallel(p) => self.parallel(p, scope),
            State::Map(m) => self.map(m, scope),
        }
    }

    fn task(&mut self, t: &Task, scope: &Scope) -> Doc {
        self.builder("Task");
        let r = resource(self, &t.resource);
        let mut doc = Doc::call("Task::new", vec![r]);
        doc = self.basics(doc, &t.comment, t.query_language);
        doc = self.payload_field(doc, "credentials", &t.credentials);
        doc = self.nullable(doc, "input_path", &t.input_path);
        doc = self.payload_field(doc, "parameters", &t.parameters);
        doc = self.payload_field(doc, "arguments", &t.arguments);
        doc = self.payload_field(doc, "result_selector", &t.result_selector);
        doc = self.nullable(doc, "result_path", &t.result_path);
        doc = self.nullable(doc, "output_path", &t.output_path);
        doc = self.payload_field(doc, "output", &t.output);
        doc = self.payload_field(doc, "assign", &t.assign);
        doc = self.dynamic_setter(doc, &t.timeout_seconds, int, k::TimeoutSeconds);
        doc = self.dynamic_setter(doc, &t.heartbeat_seconds, int, k::HeartbeatSeconds);
        doc = self.errors(doc, t.retry.as_deref(), t.catch.as_deref(), scope);
        self.transition(doc, &t.transition, scope)
    }

    fn pass(&mut self, p: &Pass, scope: &Scope) -> Doc {
        self.builder("Pass");
        let mut doc = Doc::call("Pass::new", vec![]);
        doc = self.basics(doc, &p.comment, p.query_language);
        doc = self.nullable(doc, "input_path", &p.input_path);
        doc = self.payload_field(doc, "parameters", &p.parameters);
        let result = p.result.as_ref().map(|r| self.literal(r));
        doc = set(doc, "result", result);
        doc = self.nullable(doc, "result_path", &p.result_path);
        doc = self.nullable(doc, "output_path", &p.output_path);
        doc = self.payload_field(doc, "output", &p.output);
        doc = self.payload_field(doc, "assign", &p.assign);
        self.transition(doc, &p.transition, scope)
    }

    fn choice(&mut self, c: &Choice, scope: &Scope) -> Doc {
        self.builder("Choice");
        let mut doc = Doc::call("Choice::new", vec![]);
        doc = self.basics(doc, &c.comment, c.query_language);
        doc = self.nullable(doc, "input_path", &c.input_path);
        for rule in &c.choices {
            let r = self.rule(rule);
            let target = scope.target(self, &rule.next);
            doc = doc.method("when", vec![r, target]);
        }
        if let Some(d) = &c.default {
            let target = scope.target(self, d);
            doc = doc.method("otherwise", vec![target]);
        }
        doc = self.nullable(doc, "output_path", &c.output_path);
        doc = self.payload_field(doc, "output", &c.output);
        self.payload_field(doc, "assign", &c.assign)
    }

    fn wait(&mut self, w: &Wait, scope: &Scope) -> Doc {
        self.builder("Wait");
        let mut doc = match &w.wait_for {
            WaitFor::Seconds(d) => {
                let (suffix, arg) = self.dynamic(d, int, k::Seconds);
                Doc::call(format!("Wait::seconds{suffix}"), vec![arg])
            }
            WaitFor::Timestamp(d) => {
                let (suffix, arg) = self.dynamic(d, |v| Gen::str(v), k::Timestamp);
                Doc::call(format!("Wait::timestamp{suffix}"), vec![arg])
            }
        };
        doc = self.basics(doc, &w.comment, w.query_language);
        doc = self.nullable(doc, "input_path", &w.input_path);
        doc = self.nullable(doc, "output_path", &w.output_path);
        doc = self.payload_field(doc, "output", &w.output);
        doc = self.payload_field(doc, "assign", &w.assign);
        self.transition(doc, &w.transition, scope)
    }

    fn succeed(&mut self, s: &Succeed) -> Doc {
        self.builder("Succeed");
        let mut doc = Doc::call("Succeed::new", vec![]);
        doc = self.basics(doc, &s.comment, s.query_language);
        doc = self.nullable(doc, "input_path", &s.input_path);
        doc = self.nullable(doc, "output_path", &s.output_path);
        self.payload_field(doc, "output", &s.output)
    }

    fn fail(&mut self, f: &Fail) -> Doc {
        self.builder("Fail");
        let mut doc = Doc::call("Fail::new", vec![]);
        doc = self.basics(doc, &f.comment, f.query_language);
        for (name, asl, field) in [("error", k::Error, &f.error), ("cause", k::Cause, &f.cause)] {
            if let Some(d) = field {
                let (suffix, arg) = match d {
                    sfn_dsl::model::Dynamic::Path(e) => ("_path", self.expr(e)),
                    d => self.dynamic(d, |v| Gen::str(v), asl),
                };
                doc = doc.method(format!("{name}{suffix}"), vec![arg]);
            }
        }
        doc
    }

    fn parallel(&mut self, p: &Parallel, scope: &Scope) -> Doc {
        self.builder("Parallel");
        let mut doc = Doc::call("Parallel::new", vec![]);
        doc = self.basics(doc, &p.comment, p.query_language);
        doc = self.nullable(doc, "input_path", &p.input_path);
        doc = self.payload_field(doc, "parameters", &p.parameters);
        doc = self.payload_field(doc, "arguments", &p.arguments);
        for b in &p.branches {
            let body = self.scope("b", b.comment.as_deref(), &b.start_at, &b.states);
            doc = doc.method("branch", vec![Doc::Closure("b".into(), body)]);
        }
        doc = self.payload_field(doc, "result_selector", &p.result_selector);
        doc = self.nullable(doc, "result_path", &p.result_path);
        doc = self.nullable(doc, "output_path", &p.output_path);
        doc = self.payload_field(doc, "output", &p.output);
        doc = self.payload_field(doc, "assign", &p.assign);
        doc = self.errors(doc, p.retry.as_deref(), p.catch.as_deref(), scope);
        self.transition(doc, &p.transition, scope)
    }

    fn map(&mut self, m: &Map, scope: &Scope) -> Doc {
        self.builder("Map");
        let mut doc = Doc::call("Map::new", vec![]);
        doc = self.basics(doc, &m.comment, m.query_language);
        doc = self.nullable(doc, "input_path", &m.input_path);
        let items_path = m.items_path.as_ref().map(|p| self.path(p));
        doc = set(doc, "items_path", items_path);
        doc = self.payload_field(doc, "items", &m.items);
        let reader = m.item_reader.as_ref().map(|r| self.item_reader(r));
        doc = set(doc, "item_reader", reader);
        let batcher = m.item_batcher.as_ref().map(|b| self.item_batcher(b));
        doc = set(doc, "item_batcher", batcher);
        let selector = m.item_selector.as_ref().map(|s| match s {
            ItemSelector::ItemSelector(t) => ("item_selector", self.payload(t)),
            ItemSelector::Parameters(t) => ("parameters", self.payload(t)),
        });
        if let Some((setter, t)) = selector {
            doc = doc.method(setter, vec![t]);
        }
        doc = self.processor(doc, &m.processor);
        doc = self.dynamic_setter(doc, &m.max_concurrency, int, k::MaxConcurrency);
        let percentage = &m.tolerated_failure_percentage;
        doc = self.dynamic_setter(doc, percentage, percent, k::ToleratedFailurePercentage);
        let count = &m.tolerated_failure_count;
        doc = self.dynamic_setter(doc, count, int, k::ToleratedFailureCount);
        doc = set(doc, "label", m.label.as_deref().map(Gen::str));
        let writer = m.result_writer.as_ref().map(|w| self.result_writer(w));
        doc = set(doc, "result_writer", writer);
        doc = self.payload_field(doc, "arguments", &m.arguments);
        doc = self.payload_field(doc, "result_selector", &m.result_selector);
        doc = self.nullable(doc, "result_path", &m.result_path);
        doc = self.nullable(doc, "output_path", &m.output_path);
        doc = self.payload_field(doc, "output", &m.output);
        doc = self.payload_field(doc, "assign", &m.assign);
        doc = self.errors(doc, m.retry.as_deref(), m.catch.as_deref(), scope);
        self.transition(doc, &m.transition, scope)
    }

    /// `.item_processor(|p| …)`, `.inline(|p| …)`, `.distributed(…, |p| …)` or
    /// `.iterator(|p| …)`, followed by `.processor_config(…)` for a configuration none of them
    /// writes.
    fn processor(&mut self, doc: Doc, processor: &Processor) -> Doc {
        let p = processor.get();
        let body = self.scope("p", p.comment.as_deref(), &p.start_at, &p.states);
        let closure = Doc::Closure("p".into(), body);
        let legacy = matches!(processor, Processor::Iterator(_));
        match (&p.processor_config, legacy) {
            (None, false) => doc.method("item_processor", vec![closure]),
            (None, true) => doc.method("iterator", vec![closure]),
            (
                Some(ProcessorConfig {
                    mode: Some(ProcessorMode::Inline),
                    execution_type: None,
                }),
                false,
            ) => doc.method("inline", vec![closure]),
            (
                Some(ProcessorConfig {
                    mode: Some(ProcessorMode::Distributed),
                    execution_type: Some(et),
                }),
                false,
            ) => {
                let et = enum_value!(self, ExecutionType, et);
                doc.method("distributed", vec![et, closure])
            }
            (Some(config), _) => {
                let method = if legacy { "iterator" } else { "item_processor" };
                let doc = doc.method(method, vec![closure]);
                let config = self.processor_config(config);
                doc.method("processor_config", vec![config])
            }
        }
    }

    /// A `ProcessorConfig { … }` literal (`ProcessorConfig::default()` when empty).
    fn processor_config(&mut self, c: &ProcessorConfig) -> Doc {
        self.root(k::ProcessorConfig);
        if c.mode.is_none() && c.execution_type.is_none() {
            return Doc::text("ProcessorConfig::default()");
        }
        let some = |v: Option<Doc>| v.map_or(Doc::text("None"), |v| Doc::call("Some", vec![v]));
        let mode = some(c.mode.map(|m| enum_value!(self, ProcessorMode, m)));
        let et = some(
            c.execution_type
                .map(|e| enum_value!(self, ExecutionType, e)),
        );
        Doc::Object(
            "ProcessorConfig ".into(),
            vec![("mode".into(), mode), ("execution_type".into(), et)],
        )
    }

    fn item_reader(&mut self, r: &ItemReader) -> Doc {
        self.builder(k::ItemReader);
        let res = resource(self, &r.resource);
        let mut doc = Doc::call("ItemReader::new", vec![res]);
        if let Some(c) = &r.reader_config {
            let calls = [
                c.input_type
                    .map(|t| ("input_type", enum_value!(self, InputType, t))),
                c.csv_header_location.map(|t| {
                    (
                        "csv_header_location",
                        enum_value!(self, CsvHeaderLocation, t),
                    )
                }),
                c.csv_headers.as_ref().map(|h| {
                    let items = h.iter().map(|s| Gen::str(s)).collect();
                    ("csv_headers", Doc::List(String::new(), items))
                }),
                c.csv_delimiter
                    .map(|t| ("csv_delimiter", enum_value!(self, CsvDelimiter, t))),
                c.max_items.as_ref().map(|d| {
                    let (suffix, arg) = self.dynamic(d, int, k::MaxItems);
                    let name = ["max_items", "max_items_path"][usize::from(!suffix.is_empty())];
                    (name, arg)
                }),
                c.manifest_type
                    .map(|t| ("manifest_type", enum_value!(self, ManifestType, t))),
            ];
            doc = self.config(doc, calls, k::ReaderConfig, "reader_config");
        }
        doc = self.payload_field(doc, "parameters", &r.parameters);
        self.payload_field(doc, "arguments", &r.arguments)
    }

    fn item_batcher(&mut self, b: &ItemBatcher) -> Doc {
        self.builder(k::ItemBatcher);
        let mut doc = Doc::call("ItemBatcher::new", vec![]);
        doc = self.dynamic_setter(doc, &b.max_items_per_batch, int, k::MaxItemsPerBatch);
        let bytes = &b.max_input_bytes_per_batch;
        doc = self.dynamic_setter(doc, bytes, int, k::MaxInputBytesPerBatch);
        self.payload_field(doc, "batch_input", &b.batch_input)
    }

    fn result_writer(&mut self, w: &ResultWriter) -> Doc {
        self.builder(k::ResultWriter);
        let mut doc = Doc::call("ResultWriter::new", vec![]);
        if let Some(r) = &w.resource {
            let r = resource(self, r);
            doc = doc.method("resource", vec![r]);
        }
        if let Some(c) = &w.writer_config {
            let calls = [
                c.output_type
                    .map(|t| ("output_type", enum_value!(self, WriterOutputType, t))),
                c.transformation
                    .map(|t| ("transformation", enum_value!(self, Transformation, t))),
            ];
            doc = self.config(doc, calls, k::WriterConfig, "writer_config");
        }
        doc = self.payload_field(doc, "parameters", &w.parameters);
        self.payload_field(doc, "arguments", &w.arguments)
    }

    /// The calls that set the fields given of a `ReaderConfig` or `WriterConfig` (`ty`), or
    /// `.{setter}({ty}::default())` when none is.
    fn config<const N: usize>(
        &mut self,
        mut doc: Doc,
        calls: [Option<(&str, Doc)>; N],
        ty: &'static str,
        setter: &str,
    ) -> Doc {
        let mut calls = calls.into_iter().flatten().peekable();
        if calls.peek().is_none() {
            self.root(ty);
            return doc.method(setter, vec![Doc::text(format!("{ty}::default()"))]);
        }
        for (name, arg) in calls {
            doc = doc.method(name, vec![arg]);
        }
        doc
    }
}

/// An integer literal (`i64`).
fn int(v: &i64) -> Doc {
    Doc::text(int_literal(*v))
}

/// A `ToleratedFailurePercentage`: an integer literal when whole (it converts from `i32`).
fn percent(&v: &f64) -> Doc {
    Doc::text(if v.fract() == 0.0 && v.abs() <= f64::from(i32::MAX) {
        format!("{}", v as i64)
    } else {
        super::lexical::float_literal(v)
    })
}
