//! The Map state, inline and distributed.

use super::common::{dynamic_setters, error_setters, parsed, prefixed, setters};
use super::depth::{Depth, Top};
use super::empty;
use super::reader::{ItemBatcher, ItemReader, ResultWriter};
use super::retry::Catching;
use super::scope::{Brand, ScopeBuilder, StateId, Target};
use super::states::{transitions, work_state};
use super::typestate::{CanTransition, Draft, HasEnd, HasNext, NoTransition, transition_states};
use super::{IntoDynamic, IntoPath};
use crate::diagnostic::Diagnostic;
use crate::fields::names as k;
use crate::model::{
    self, ExecutionType, ItemProcessor, ItemSelector, Processor, ProcessorConfig, ProcessorMode,
    State,
};
use crate::payload::PayloadValue;
use std::marker::PhantomData;

/// A Map state: runs an item processor (a scope of its own, built in a closure) for each
/// item. Inline with [`item_processor`](Map::item_processor); distributed (child executions,
/// items from S3, results to S3) with [`distributed`](Map::distributed).
///
/// ```
/// use sfn::builder::{ItemReader, Map, Pass, ResultWriter, Task};
/// use sfn::model::{ExecutionType, InputType, StateMachine};
/// use sfn::payload;
/// use sfn::serde_json::json;
///
/// let mut m = StateMachine::builder();
/// let each = m.declare("Each");
/// let all = m.declare("All");
/// m.define(each, Map::new()
///     .items_path("$.orders")
///     .item_selector(payload! { "order": sfn::path::Path::parse("$$.Map.Item.Value").unwrap() })
///     .max_concurrency(10)
///     .item_processor(|p| {
///         let ship = p.declare("Ship");
///         p.define(ship, Task::new("arn:aws:states:::lambda:invoke").end());
///     })
///     .next(all));
/// m.define(all, Map::new()
///     .item_reader(ItemReader::s3_object(InputType::Csv, "my-bucket", "orders.csv"))
///     .result_writer(ResultWriter::s3("my-bucket", "results/"))
///     .tolerated_failure_percentage(5)
///     .label("Orders")
///     .distributed(ExecutionType::Express, |p| {
///         let one = p.declare("One");
///         p.define(one, Pass::new().end());
///     })
///     .end());
/// let json = sfn::serde_json::to_value(m.build().unwrap()).unwrap();
/// assert_eq!(json["States"]["Each"]["ItemSelector"]["order.$"], "$$.Map.Item.Value");
/// assert_eq!(json["States"]["All"]["ItemProcessor"]["ProcessorConfig"],
///            json!({ "Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS" }));
/// assert_eq!(json["States"]["All"]["ItemReader"]["ReaderConfig"]["InputType"], "CSV");
/// ```
#[derive(Debug, Clone)]
pub struct Map<'s, T = NoTransition, D = Top> {
    inner: Box<model::Map>,
    processor: bool,
    next: Option<Target>,
    catching: Catching,
    errs: Vec<Diagnostic>,
    _t: PhantomData<(Brand<'s>, T, D)>,
}

impl<D> Map<'_, NoTransition, D> {
    /// A Map state; give it a processor with [`item_processor`](Map::item_processor),
    /// [`inline`](Map::inline), [`distributed`](Map::distributed) or the legacy
    /// [`iterator`](Map::iterator) (`build()` reports a missing one).
    pub fn new() -> Self {
        Map {
            inner: Box::new(empty::map()),
            processor: false,
            next: None,
            catching: Catching::default(),
            errs: Vec::new(),
            _t: PhantomData,
        }
    }
}

impl<D> Default for Map<'_, NoTransition, D> {
    fn default() -> Self {
        Map::new()
    }
}

dynamic_setters!(['s, T, D] Map<'s, T, D> {
    /// `MaxConcurrency`: how many items run at once (0: as many as possible).
    pub fn max_concurrency(mut self, n: impl IntoDynamic<i64>) -> Self;
    /// `MaxConcurrencyPath` (JSONPath).
    pub fn max_concurrency_path(mut self, path: impl IntoPath) -> Self;

    /// `ToleratedFailurePercentage` (Distributed Map): 0 to 100.
    pub fn tolerated_failure_percentage(mut self, percent: impl IntoDynamic<f64>) -> Self;
    /// `ToleratedFailurePercentagePath` (Distributed Map, JSONPath).
    pub fn tolerated_failure_percentage_path(mut self, path: impl IntoPath) -> Self;

    /// `ToleratedFailureCount` (Distributed Map).
    pub fn tolerated_failure_count(mut self, count: impl IntoDynamic<i64>) -> Self;
    /// `ToleratedFailureCountPath` (Distributed Map, JSONPath).
    pub fn tolerated_failure_count_path(mut self, path: impl IntoPath) -> Self;
});

setters!(['s, T, D] Map<'s, T, D> {
    /// `Items` (JSONata): an array, or a `{% … %}` expression that yields one.
    pub fn items(mut self, items: impl Into<PayloadValue>) -> Self => items = items.into();
    /// `ItemSelector`: a payload template applied to each item (`$$.Map.Item.Value` is the
    /// item, `$$.Map.Item.Index` its index).
    pub fn item_selector(mut self, template: impl Into<PayloadValue>) -> Self => item_selector = ItemSelector::ItemSelector(template.into());
    /// The legacy `Parameters` field: the item selector under its pre-2022 name, as older
    /// definitions write it. AWS applies it exactly like
    /// [`item_selector`](Map::item_selector); use it to reproduce such a definition field for
    /// field, and `item_selector` otherwise.
    pub fn parameters(mut self, template: impl Into<PayloadValue>) -> Self => item_selector = ItemSelector::Parameters(template.into());
    /// `ResultWriter` (Distributed Map): where the results are written.
    pub fn result_writer(mut self, writer: impl Into<ResultWriter>) -> Self => result_writer = writer.into().into_model();
    /// `Label` (Distributed Map): names the child executions (at most 40 characters).
    pub fn label(mut self, label: impl Into<String>) -> Self => label = label.into();
});

impl<'s, T, D> Map<'s, T, D> {
    fn processor<F>(self, config: Option<ProcessorConfig>, build: F) -> Self
    where
        D: Depth,
        F: for<'b> FnOnce(&mut ScopeBuilder<'b, D::Nested>),
    {
        self.processor_field("/ItemProcessor", Processor::ItemProcessor, config, build)
    }

    /// Builds the processor scope and stores it under `field` (`ItemProcessor` or `Iterator`).
    fn processor_field<F>(
        mut self,
        field: &str,
        wrap: fn(ItemProcessor) -> Processor,
        config: Option<ProcessorConfig>,
        build: F,
    ) -> Self
    where
        D: Depth,
        F: for<'b> FnOnce(&mut ScopeBuilder<'b, D::Nested>),
    {
        let finished = ScopeBuilder::<D::Nested>::nested(build);
        self.errs.extend(prefixed(field, finished.errs));
        self.inner.processor = wrap(ItemProcessor {
            comment: finished.comment,
            processor_config: config,
            start_at: finished.start_at,
            states: finished.states,
        });
        self.processor = true;
        self
    }

    /// `ItemProcessor` of an inline Map (no `ProcessorConfig`): `build` declares and
    /// defines the states run for each item.
    pub fn item_processor<F>(self, build: F) -> Self
    where
        D: Depth,
        F: for<'b> FnOnce(&mut ScopeBuilder<'b, D::Nested>),
    {
        self.processor(None, build)
    }

    /// The legacy `Iterator` field: an inline processor under its pre-2022 name, as CDK v1
    /// and older definitions write it. AWS still accepts it and runs it exactly like
    /// [`item_processor`](Map::item_processor); use it to reproduce such a definition
    /// field for field, and `item_processor` otherwise.
    ///
    /// ```
    /// use sfn::builder::{Map, Pass};
    /// use sfn::model::StateMachine;
    ///
    /// let mut m = StateMachine::builder();
    /// let each = m.declare("Each");
    /// m.define(each, Map::new().max_concurrency(0).iterator(|p| {
    ///     let one = p.declare("One");
    ///     p.define(one, Pass::new().end());
    /// }).end());
    /// let json = sfn::serde_json::to_value(m.build().unwrap()).unwrap();
    /// assert_eq!(json["States"]["Each"]["Iterator"]["StartAt"], "One");
    /// assert!(json["States"]["Each"].get("ItemProcessor").is_none());
    /// ```
    pub fn iterator<F>(self, build: F) -> Self
    where
        D: Depth,
        F: for<'b> FnOnce(&mut ScopeBuilder<'b, D::Nested>),
    {
        self.processor_field("/Iterator", Processor::Iterator, None, build)
    }

    /// `ItemProcessor` with `"ProcessorConfig": {"Mode": "INLINE"}` written out.
    pub fn inline<F>(self, build: F) -> Self
    where
        D: Depth,
        F: for<'b> FnOnce(&mut ScopeBuilder<'b, D::Nested>),
    {
        let config = ProcessorConfig {
            mode: Some(ProcessorMode::Inline),
            execution_type: None,
        };
        self.processor(Some(config), build)
    }

    /// `ItemProcessor` of a Distributed Map: `"Mode": "DISTRIBUTED"` with child executions
    /// of `execution_type`.
    pub fn distributed<F>(self, execution_type: ExecutionType, build: F) -> Self
    where
        D: Depth,
        F: for<'b> FnOnce(&mut ScopeBuilder<'b, D::Nested>),
    {
        let config = ProcessorConfig {
            mode: Some(ProcessorMode::Distributed),
            execution_type: Some(execution_type),
        };
        self.processor(Some(config), build)
    }

    /// `ProcessorConfig` as a whole, for a configuration that [`inline`](Map::inline) and
    /// [`distributed`](Map::distributed) do not write (`{}`, a mode without an execution
    /// type, …). Call it after the method that sets the processor, which replaces the
    /// configuration.
    ///
    /// ```
    /// use sfn::builder::{Map, Pass};
    /// use sfn::model::{ProcessorConfig, StateMachine};
    ///
    /// let mut m = StateMachine::builder();
    /// let each = m.declare("Each");
    /// m.define(each, Map::new()
    ///     .items_path("$.items")
    ///     .item_processor(|p| {
    ///         let one = p.declare("One");
    ///         p.define(one, Pass::new().end());
    ///     })
    ///     .processor_config(ProcessorConfig::default())
    ///     .end());
    /// let json = sfn::serde_json::to_value(m.build().unwrap()).unwrap();
    /// assert_eq!(json["States"]["Each"]["ItemProcessor"]["ProcessorConfig"], sfn::serde_json::json!({}));
    /// ```
    pub fn processor_config(mut self, config: ProcessorConfig) -> Self {
        self.inner.processor.get_mut().processor_config = Some(config);
        self
    }

    /// `ItemsPath` (JSONPath): where the items array is in the input.
    pub fn items_path(mut self, path: impl IntoPath) -> Self {
        if let Some(p) = parsed(&mut self.errs, k::ItemsPath, path.into_path()) {
            self.inner.items_path = Some(p);
        }
        self
    }

    /// `ItemReader` (Distributed Map): where the items are read from.
    pub fn item_reader(mut self, reader: impl Into<ItemReader>) -> Self {
        let (reader, errs) = reader.into().into_parts();
        self.errs.extend(prefixed("/ItemReader", errs));
        self.inner.item_reader = Some(reader);
        self
    }

    /// `ItemBatcher` (Distributed Map): groups items into batches.
    pub fn item_batcher(mut self, batcher: impl Into<ItemBatcher>) -> Self {
        let (batcher, errs) = batcher.into().into_parts();
        self.errs.extend(prefixed("/ItemBatcher", errs));
        self.inner.item_batcher = Some(batcher);
        self
    }

    fn draft(mut self) -> Draft {
        if !self.processor {
            self.errs
                .push(crate::validate::rules::schema::no_item_processor());
        }
        self.settle()
    }
}

transitions!(Map {
    inner,
    processor,
    next,
    catching,
    errs
});
work_state!(Map, settle);
error_setters!(Map);
