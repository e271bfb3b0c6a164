//! `Serialize` for the model, in the canonical key order of the AWS documentation:
//! at the top `Comment`, `QueryLanguage`, `StartAt`, `TimeoutSeconds`, `Version`, `States`;
//! in a state `Type` first, then its own fields, the input/output fields, `Retry`, `Catch`,
//! and `Next`/`End` last.

use super::*;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// A thin writer over `SerializeMap` that skips absent fields.
struct W<M>(M);

impl<M: SerializeMap> W<M> {
    fn f<T: Serialize + ?Sized>(&mut self, key: &str, v: &T) -> Result<(), M::Error> {
        self.0.serialize_entry(key, v)
    }

    fn opt<T: Serialize>(&mut self, key: &str, v: &Option<T>) -> Result<(), M::Error> {
        match v {
            Some(v) => self.0.serialize_entry(key, v),
            None => Ok(()),
        }
    }

    fn ql(&mut self, v: Option<QueryLanguage>) -> Result<(), M::Error> {
        self.opt("QueryLanguage", &v.map(QueryLanguage::as_str))
    }

    /// `Key` for a literal or JSONata value, `KeyPath` for a path.
    fn dynamic<T: Serialize + 'static>(
        &mut self,
        key: &str,
        v: Option<&Dynamic<T>>,
    ) -> Result<(), M::Error> {
        match v {
            None => Ok(()),
            Some(Dynamic::Value(x)) => self.0.serialize_entry(key, &Num(x)),
            Some(Dynamic::Jsonata(j)) => self.0.serialize_entry(key, j.as_str()),
            Some(Dynamic::Path(p)) => self.0.serialize_entry(&format!("{key}Path"), p.as_str()),
        }
    }

    fn transition(&mut self, t: &Transition) -> Result<(), M::Error> {
        match t {
            Transition::Next(n) => self.f("Next", n),
            Transition::End => self.f("End", &true),
        }
    }

    fn end(self) -> Result<M::Ok, M::Error> {
        self.0.end()
    }
}

/// Writes `f64` values that hold a whole number as JSON integers (`2.0` → `2`), everything else
/// unchanged, so that `BackoffRate: 2` survives a round trip byte for byte.
struct Num<'a, T>(&'a T);

impl<T: Serialize + 'static> Serialize for Num<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if let Some(f) = (self.0 as &dyn std::any::Any).downcast_ref::<f64>() {
            return serialize_f64(*f, s);
        }
        self.0.serialize(s)
    }
}

fn serialize_f64<S: Serializer>(f: f64, s: S) -> Result<S::Ok, S::Error> {
    if !f.is_finite() {
        // Not representable in JSON; the validator reports such a value as out of range.
        return s.serialize_unit();
    }
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        s.serialize_i64(f as i64)
    } else {
        s.serialize_f64(f)
    }
}

impl Serialize for Nullable<Path> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Null => s.serialize_unit(),
            Nullable::Value(p) => s.serialize_str(p.as_str()),
        }
    }
}

impl Serialize for StateMachine {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = W(s.serialize_map(None)?);
        w.opt("Comment", &self.comment)?;
        w.ql(self.query_language)?;
        w.f("StartAt", &self.start_at)?;
        w.opt("TimeoutSeconds", &self.timeout_seconds)?;
        w.opt("Version", &self.version)?;
        w.f("States", &self.states)?;
        w.end()
    }
}

impl Serialize for States {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (name, state) in &self.0 {
            m.serialize_entry(name, state)?;
        }
        m.end()
    }
}

impl Serialize for Branch {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = W(s.serialize_map(None)?);
        w.opt("Comment", &self.comment)?;
        w.ql(self.query_language)?;
        w.f("StartAt", &self.start_at)?;
        w.f("States", &self.states)?;
        w.end()
    }
}

impl Serialize for ItemProcessor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = W(s.serialize_map(None)?);
        w.opt("Comment", &self.comment)?;
        w.ql(self.query_language)?;
        w.opt("ProcessorConfig", &self.processor_config)?;
        w.f("StartAt", &self.start_at)?;
        w.f("States", &self.states)?;
        w.end()
    }
}

impl Serialize for ProcessorConfig {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = W(s.serialize_map(None)?);
        w.opt("Mode", &self.mode.map(ProcessorMode::as_str))?;
        w.opt(
            "ExecutionType",
            &self.execution_type.map(ExecutionType::as_str),
        )?;
        w.end()
    }
}

impl Serialize for Retrier {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = W(s.serialize_map(None)?);
        w.opt("Comment", &self.comment)?;
        w.f("ErrorEquals", &self.error_equals)?;
        w.opt("IntervalSeconds", &self.interval_seconds)?;
        w.opt("MaxAttempts", &self.max_attempts)?;
        if let Some(b) = self.backoff_rate {
            w.f("BackoffRate", &Num(&b))?;
        }
        w.opt("MaxDelaySeconds", &self.max_delay_seconds)?;
        w.opt(
            "JitterStrategy",
            &self.jitter_strategy.map(JitterStrategy::as_str),
        )?;
        w.end()
    }
}

impl Serialize for Catcher {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = W(s.serialize_map(None)?);
        w.opt("Comment", &self.comment)?;
        w.f("ErrorEquals", &self.error_equals)?;
        w.opt("ResultPath", &self.result_path)?;
        w.opt("Output", &self.output)?;
        w.opt("Assign", &self.assign)?;
        w.f("Next", &self.next)?;
        w.end()
    }
}

impl Serialize for State {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = W(s.serialize_map(None)?);
        w.f("Type", self.type_name())?;
        match self {
            State::Task(t) => {
                w.opt("Comment", &t.comment)?;
                w.ql(t.query_language)?;
                w.f("Resource", &t.resource)?;
                w.opt("Credentials", &t.credentials)?;
                w.opt("InputPath", &t.input_path)?;
                w.opt("Parameters", &t.parameters)?;
                w.opt("Arguments", &t.arguments)?;
                w.opt("ResultSelector", &t.result_selector)?;
                w.opt("ResultPath", &t.result_path)?;
                w.opt("OutputPath", &t.output_path)?;
                w.opt("Output", &t.output)?;
                w.opt("Assign", &t.assign)?;
                w.dynamic("TimeoutSeconds", t.timeout_seconds.as_ref())?;
                w.dynamic("HeartbeatSeconds", t.heartbeat_seconds.as_ref())?;
                w.opt("Retry", &t.retry)?;
                w.opt("Catch", &t.catch)?;
                w.transition(&t.transition)?;
            }
            State::Pass(p) => {
                w.opt("Comment", &p.comment)?;
                w.ql(p.query_language)?;
                w.opt("InputPath", &p.input_path)?;
                w.opt("Parameters", &p.parameters)?;
                w.opt("Result", &p.result)?;
                w.opt("ResultPath", &p.result_path)?;
                w.opt("OutputPath", &p.output_path)?;
                w.opt("Output", &p.output)?;
                w.opt("Assign", &p.assign)?;
                w.transition(&p.transition)?;
            }
            State::Choice(c) => {
                w.opt("Comment", &c.comment)?;
                w.ql(c.query_language)?;
                w.opt("InputPath", &c.input_path)?;
                w.f("Choices", &c.choices)?;
                w.opt("Default", &c.default)?;
                w.opt("OutputPath", &c.output_path)?;
                w.opt("Output", &c.output)?;
                w.opt("Assign", &c.assign)?;
            }
            State::Wait(x) => {
                w.opt("Comment", &x.comment)?;
                w.ql(x.query_language)?;
                w.opt("InputPath", &x.input_path)?;
                match &x.wait_for {
                    WaitFor::Seconds(d) => w.dynamic("Seconds", Some(d))?,
                    WaitFor::Timestamp(d) => w.dynamic("Timestamp", Some(d))?,
                }
                w.opt("OutputPath", &x.output_path)?;
                w.opt("Output", &x.output)?;
                w.opt("Assign", &x.assign)?;
                w.transition(&x.transition)?;
            }
            State::Succeed(x) => {
                w.opt("Comment", &x.comment)?;
                w.ql(x.query_language)?;
                w.opt("InputPath", &x.input_path)?;
                w.opt("OutputPath", &x.output_path)?;
                w.opt("Output", &x.output)?;
            }
            State::Fail(x) => {
                w.opt("Comment", &x.comment)?;
                w.ql(x.query_language)?;
                w.dynamic("Error", x.error.as_ref())?;
                w.dynamic("Cause", x.cause.as_ref())?;
            }
            State::Parallel(p) => {
                w.opt("Comment", &p.comment)?;
                w.ql(p.query_language)?;
                w.opt("InputPath", &p.input_path)?;
                w.opt("Parameters", &p.parameters)?;
                w.opt("Arguments", &p.arguments)?;
                w.f("Branches", &p.branches)?;
                w.opt("ResultSelector", &p.result_selector)?;
                w.opt("ResultPath", &p.result_path)?;
                w.opt("OutputPath", &p.output_path)?;
                w.opt("Output", &p.output)?;
                w.opt("Assign", &p.assign)?;
                w.opt("Retry", &p.retry)?;
                w.opt("Catch", &p.catch)?;
                w.transition(&p.transition)?;
            }
            State::Map(m) => {
                w.opt("Comment", &m.comment)?;
                w.ql(m.query_language)?;
                w.opt("InputPath", &m.input_path)?;
                w.opt("ItemsPath", &m.items_path.as_ref().map(Path::as_str))?;
                w.opt("Items", &m.items)?;
                w.opt("ItemReader", &m.item_reader)?;
                w.opt("ItemBatcher", &m.item_batcher)?;
                match &m.item_selector {
                    Some(ItemSelector::ItemSelector(t)) => w.f("ItemSelector", t)?,
                    Some(ItemSelector::Parameters(t)) => w.f("Parameters", t)?,
                    None => {}
                }
                match &m.processor {
                    Processor::ItemProcessor(p) => w.f("ItemProcessor", p)?,
                    Processor::Iterator(p) => w.f("Iterator", p)?,
                }
                w.dynamic("MaxConcurrency", m.max_concurrency.as_ref())?;
                w.dynamic(
                    "ToleratedFailurePercentage",
                    m.tolerated_failure_percentage.as_ref(),
                )?;
                w.dynamic("ToleratedFailureCount", m.tolerated_failure_count.as_ref())?;
                w.opt("Label", &m.label)?;
                w.opt("ResultWriter", &m.result_writer)?;
                w.opt("Arguments", &m.arguments)?;
                w.opt("ResultSelector", &m.result_selector)?;
                w.opt("ResultPath", &m.result_path)?;
                w.opt("OutputPath", &m.output_path)?;
                w.opt("Output", &m.output)?;
                w.opt("Assign", &m.assign)?;
                w.opt("Retry", &m.retry)?;
                w.opt("Catch", &m.catch)?;
                w.transition(&m.transition)?;
            }
        }
        w.end()
    }
}

impl Serialize for ItemReader {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = W(s.serialize_map(None)?);
        w.f("Resource", &self.resource)?;
        w.opt("ReaderConfig", &self.reader_config)?;
        w.opt("Parameters", &self.parameters)?;
        w.opt("Arguments", &self.arguments)?;
        w.end()
    }
}

impl Serialize for ReaderConfig {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = W(s.serialize_map(None)?);
        w.opt("InputType", &self.input_type.map(InputType::as_str))?;
        w.opt(
            "ManifestType",
            &self.manifest_type.map(ManifestType::as_str),
        )?;
        w.opt(
            "CSVHeaderLocation",
            &self.csv_header_location.map(CsvHeaderLocation::as_str),
        )?;
        w.opt("CSVHeaders", &self.csv_headers)?;
        w.opt(
            "CSVDelimiter",
            &self.csv_delimiter.map(CsvDelimiter::as_str),
        )?;
        w.dynamic("MaxItems", self.max_items.as_ref())?;
        w.end()
    }
}

impl Serialize for ItemBatcher {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = W(s.serialize_map(None)?);
        w.dynamic("MaxItemsPerBatch", self.max_items_per_batch.as_ref())?;
        w.dynamic(
            "MaxInputBytesPerBatch",
            self.max_input_bytes_per_batch.as_ref(),
        )?;
        w.opt("BatchInput", &self.batch_input)?;
        w.end()
    }
}

impl Serialize for ResultWriter {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = W(s.serialize_map(None)?);
        w.opt("Resource", &self.resource)?;
        w.opt("WriterConfig", &self.writer_config)?;
        w.opt("Parameters", &self.parameters)?;
        w.opt("Arguments", &self.arguments)?;
        w.end()
    }
}

impl Serialize for WriterConfig {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = W(s.serialize_map(None)?);
        w.opt(
            "OutputType",
            &self.output_type.map(WriterOutputType::as_str),
        )?;
        w.opt(
            "Transformation",
            &self.transformation.map(Transformation::as_str),
        )?;
        w.end()
    }
}

impl Serialize for ChoiceRule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = W(s.serialize_map(None)?);
        w.opt("Comment", &self.comment)?;
        match &self.condition {
            RuleCondition::Jsonata(j) => w.f("Condition", j.as_str())?,
            RuleCondition::Constant(b) => w.f("Condition", b)?,
            RuleCondition::JsonPath(c) => write_condition(&mut w, c)?,
        }
        w.opt("Output", &self.output)?;
        w.opt("Assign", &self.assign)?;
        w.f("Next", &self.next)?;
        w.end()
    }
}

impl Serialize for NestedRule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = W(s.serialize_map(None)?);
        w.opt("Comment", &self.comment)?;
        write_condition(&mut w, &self.condition)?;
        w.end()
    }
}

fn write_condition<M: SerializeMap>(w: &mut W<M>, c: &Condition) -> Result<(), M::Error> {
    match c {
        Condition::And(rules) => w.f("And", rules),
        Condition::Or(rules) => w.f("Or", rules),
        Condition::Not(rule) => w.f("Not", rule),
        Condition::Compare(cmp) => {
            w.f("Variable", cmp.variable.as_str())?;
            w.f(cmp.operator.as_str(), &cmp.operand)
        }
    }
}

impl Serialize for Operand {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Operand::String(x) => s.serialize_str(x),
            Operand::Number(n) => n.serialize(s),
            Operand::Bool(b) => s.serialize_bool(*b),
            Operand::Path(p) => s.serialize_str(p.as_str()),
            Operand::Invalid(v) => v.serialize(s),
        }
    }
}
