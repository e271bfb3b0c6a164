//! The Distributed Map: items from S3 (or the input), child executions, results to S3.

use super::fragment::{
    Fallback, Findings, add_to_and_build, define_routed, exit_state, exits_type, path_text, route,
    set_some,
};
use super::items::{Items, Processor, ProcessorKind, Source, lambda_processor};
use sfn_dsl::builder::{
    Catch, Depth, Depth1, IntoPath, ItemBatcher, Map, NoTransition, ResultWriter, ScopeBuilder,
    StateId, Top, errors,
};
use sfn_dsl::diagnostic::{Diagnostic, Diagnostics, Pointer};
use sfn_dsl::fields::names as k;
use sfn_dsl::model::ExecutionType;
use sfn_dsl::payload::PayloadValue;
use sfn_dsl::validate::{map_label, map_limits};

exits_type! {
    /// Where the Distributed Map's exits go.
    ///
    /// ```
    /// use sfn::templates::{Exit, MapExits};
    ///
    /// let exits = MapExits::new().failed(Exit::fail("ImportFailed", "Too many rows failed"));
    /// # let _: MapExits = exits; // used nowhere here, so the depth is not inferred
    /// ```
    pub struct MapExits;

    /// `done` at `End`, `failed` not caught.
    pub fn new;

    /// Where to go when the Map finished (default `End`).
    pub fn done;

    /// Where to go when the Map failed — more failed items than tolerated, the items could
    /// not be read or the results not written (a `Catch` of `States.ALL`, the error output at
    /// `$.error`). Unset, the error is not caught.
    pub fn failed;
}

/// The Distributed Map template: one Map state in `DISTRIBUTED` mode that runs a
/// [`Processor`] as child executions over [`Items`].
///
/// Defaults: state name `Process Items`, `STANDARD` child executions, and nothing else set —
/// no `MaxConcurrency` (AWS runs up to 10,000 children at once), no tolerated failures (one
/// failed item fails the Map), no batching, no `ResultWriter` (the results come back as the
/// state output, which must stay under 256 KiB: write them to S3 with
/// [`write_results_to`](Self::write_results_to) for anything large), no `Label`.
///
/// Rejected before anything is added (pointers relative to the scope):
/// `ToleratedFailurePercentage` outside 0–100 and a negative `ToleratedFailureCount` or
/// `MaxConcurrency` (`SFN023`), an empty or over-40-character `Label` (`SFN038`), an empty
/// `CSVHeaders` list (`SFN037`), and `EXPRESS` children with a `.sync`, `.sync:2` or
/// `.waitForTaskToken` task in the processor (`SFN007`: Express workflows support neither).
///
/// ```
/// use sfn::templates::{DistributedMap, Items, Processor};
/// use sfn::model::ExecutionType;
///
/// let machine = DistributedMap::new(
///     Items::s3_jsonl("my-bucket", "events/2026-01-01.jsonl"),
///     Processor::lambda("arn:aws:lambda:eu-west-1:123456789012:function:enrich"),
/// )
/// .execution_type(ExecutionType::Express)
/// .max_concurrency(500)
/// .tolerated_failure_percentage(5.0)
/// .write_results_to("my-bucket", "results/")
/// .label("enrich")
/// .build()
/// .unwrap();
/// let json = sfn::serde_json::to_value(&machine).unwrap();
/// assert_eq!(json["States"]["Process Items"]["ItemProcessor"]["ProcessorConfig"]["ExecutionType"], "EXPRESS");
/// ```
#[derive(Debug)]
pub struct DistributedMap<'a, P = Depth1> {
    items: Items,
    processor: Processor<'a, P>,
    execution_type: ExecutionType,
    item_batcher: Option<ItemBatcher>,
    item_selector: Option<PayloadValue>,
    result_writer: Option<ResultWriter>,
    max_concurrency: Option<i64>,
    tolerated_failure_percentage: Option<f64>,
    tolerated_failure_count: Option<i64>,
    label: Option<String>,
    result_path: Option<String>,
    name: String,
    comment: Option<String>,
}

impl<'a, P> DistributedMap<'a, P> {
    /// A Distributed Map running `processor` for each of `items`. `P`, the
    /// [depth](sfn_dsl::builder::Depth) of the processor's scope, is inferred from the scope
    /// the Map is added to.
    pub fn new(items: impl Into<Items>, processor: Processor<'a, P>) -> Self {
        DistributedMap {
            items: items.into(),
            processor,
            execution_type: ExecutionType::Standard,
            item_batcher: None,
            item_selector: None,
            result_writer: None,
            max_concurrency: None,
            tolerated_failure_percentage: None,
            tolerated_failure_count: None,
            label: None,
            result_path: None,
            name: "Process Items".into(),
            comment: None,
        }
    }

    setters! {
        /// `ProcessorConfig.ExecutionType` of the child executions (default `STANDARD`).
        /// `EXPRESS` is cheaper for short work (at most 5 minutes per child) but supports no
        /// `.sync` or `.waitForTaskToken` task.
        pub fn execution_type(mut self, execution_type: ExecutionType) -> Self => execution_type = execution_type;
        /// `ItemBatcher`: each child gets `{"Items": […]}` (plus `BatchInput`).
        pub fn item_batcher(mut self, batcher: impl Into<ItemBatcher>) -> Self => item_batcher = Some(batcher.into());
        /// `ItemSelector`: the input of each child, built from `$$.Map.Item.Value` and the state
        /// input.
        pub fn item_selector(mut self, template: impl Into<PayloadValue>) -> Self => item_selector = Some(template.into());
        /// `ResultWriter`, e.g. `ResultWriter::s3(…).output_type(…)`.
        pub fn result_writer(mut self, writer: impl Into<ResultWriter>) -> Self => result_writer = Some(writer.into());
    }

    /// `ResultWriter` to S3 under `bucket`/`prefix` (`s3:putObject`).
    pub fn write_results_to(
        self,
        bucket: impl Into<PayloadValue>,
        prefix: impl Into<PayloadValue>,
    ) -> Self {
        self.result_writer(ResultWriter::s3(bucket, prefix))
    }

    setters! {
        /// `MaxConcurrency`: how many children run at once (0: as many as possible).
        pub fn max_concurrency(mut self, n: i64) -> Self => max_concurrency = Some(n);
        /// `ToleratedFailurePercentage`: the Map still succeeds when at most this share of the
        /// items failed (0 to 100).
        pub fn tolerated_failure_percentage(mut self, percent: f64) -> Self => tolerated_failure_percentage = Some(percent);
        /// `ToleratedFailureCount`: the Map still succeeds when at most this many items failed.
        pub fn tolerated_failure_count(mut self, count: i64) -> Self => tolerated_failure_count = Some(count);
        /// `Label`: the prefix of the child executions' names (1 to 40 characters, no
        /// whitespace or special characters).
        pub fn label(mut self, label: impl Into<String>) -> Self => label = Some(label.into());
        /// `ResultPath` of the Map (by default its result replaces the input).
        pub fn result_path(mut self, path: impl IntoPath) -> Self => result_path = Some(path_text(path));
        /// The name of the Map state, before the prefix (default `Process Items`).
        pub fn name(mut self, name: impl Into<String>) -> Self => name = name.into();
        /// The machine `Comment` written by [`build`](Self::build).
        pub fn comment(mut self, comment: impl Into<String>) -> Self => comment = Some(comment.into());
    }

    fn check(&self, state: &str) -> Findings {
        let mut f = Findings::default();
        // The validator decides (as `sfn validate` would).
        for d in map_limits(
            self.max_concurrency,
            self.tolerated_failure_percentage,
            self.tolerated_failure_count,
        ) {
            f.push_at(state, d);
        }
        if let Some(label) = &self.label {
            for d in map_label(label) {
                f.push_at(state, d);
            }
        }
        for d in &self.items.findings {
            f.push_at(state, d.clone());
        }
        f
    }

    /// Checks the configuration, builds the processor (running its closure) and declares the
    /// Map state `<prefix><name>` in `scope`; [`DeclaredMap::define`] defines it once the
    /// exits are known (see [`JobPoller::declare`](super::JobPoller::declare) for why).
    ///
    /// Fails with every finding — of the configuration, of fragments added inside the
    /// processor, and `.sync`/`.waitForTaskToken` tasks in an `EXPRESS` processor — without
    /// touching `scope`.
    pub fn declare<'s, D>(
        self,
        scope: &mut ScopeBuilder<'s, D>,
        prefix: &str,
    ) -> Result<DeclaredMap<'s, D>, Diagnostics>
    where
        D: Depth<Nested = P>,
    {
        let name = format!("{prefix}{}", self.name);
        let mut findings = self.check(&name);
        let at = Pointer::root()
            .push(k::States)
            .push(&name)
            .push(k::ItemProcessor);
        let mut inner: Vec<Diagnostic> = Vec::new();
        let mut map = Map::new();
        {
            let inner = &mut inner;
            let build = move |p: &mut ScopeBuilder<'_, P>| match self.processor.kind {
                ProcessorKind::Lambda { function, name } => {
                    lambda_processor(p, format!("{prefix}{name}"), &function);
                }
                ProcessorKind::States(build) => {
                    if let Err(e) = build(p) {
                        inner.extend(e);
                    }
                }
            };
            map = map.distributed(self.execution_type, build);
        }
        findings.extend_under(at.as_str(), inner);
        findings.finish()?;

        map = match self.items.source {
            Source::Reader(r) => map.item_reader(*r),
            Source::Path(p) => map.items_path(p.as_str()),
        };
        map = set_some(map, self.item_batcher, |m, b| m.item_batcher(b));
        map = set_some(map, self.item_selector, |m, s| m.item_selector(s));
        map = set_some(map, self.result_writer, |m, w| m.result_writer(w));
        map = set_some(map, self.max_concurrency, |m, n| m.max_concurrency(n));
        map = set_some(map, self.tolerated_failure_percentage, |m, p| {
            m.tolerated_failure_percentage(p)
        });
        map = set_some(map, self.tolerated_failure_count, |m, c| {
            m.tolerated_failure_count(c)
        });
        map = set_some(map, self.label, |m, l| m.label(l));
        map = set_some(map, self.result_path.as_ref(), |m, p| {
            m.result_path(p.as_str())
        });
        let id = scope.declare(name);
        Ok(DeclaredMap {
            map,
            prefix: prefix.to_string(),
            id,
        })
    }

    add_to_and_build! {
        exits: MapExits;
        where add_to: [D: Depth<Nested = P>]; where build: [Top: Depth<Nested = P>];

        /// Adds the Distributed Map to `scope` with its state names prefixed by `prefix`, wires
        /// its exits, and returns its entry (the Map state).
        ///
        /// ```
        /// use sfn::templates::{DistributedMap, Items, MapExits, Processor};
        /// use sfn::builder::{Pass, Task};
        /// use sfn::model::StateMachine;
        ///
        /// let mut m = StateMachine::builder();
        /// let list = m.declare("List Day");
        /// let report = m.declare("Report");
        /// let resize = DistributedMap::new(
        ///     Items::s3_listing("photos", "2026/01/01/"),
        ///     Processor::lambda("arn:aws:lambda:eu-west-1:123456789012:function:resize"),
        /// )
        /// .max_concurrency(100)
        /// .add_to(&mut m, "Resize ", MapExits::new().done(report))
        /// .unwrap();
        /// m.define(list, Pass::new().next(resize));
        /// m.define(report, Pass::new().end());
        /// let json = sfn::serde_json::to_value(m.build().unwrap()).unwrap();
        /// assert_eq!(json["States"]["Resize Process Items"]["ItemProcessor"]["StartAt"],
        ///            "Resize Process Item");
        /// ```
        pub fn add_to;

        /// The one-call shortcut: a whole machine with just this Map (`End` after it, errors not
        /// caught), validated by `build()`.
        ///
        /// ```
        /// use sfn::templates::{DistributedMap, Items, Processor};
        /// use sfn::path::Path;
        ///
        /// let machine = DistributedMap::new(
        ///     Items::s3_json(Path::parse("$.bucket").unwrap(), Path::parse("$.key").unwrap()),
        ///     Processor::lambda("arn:aws:lambda:us-east-1:123456789012:function:process"),
        /// )
        /// .build()
        /// .unwrap();
        /// assert_eq!(machine.start_at, "Process Items");
        /// ```
        pub fn build;
    }
}

/// A [`DistributedMap`] whose Map state is declared (and its processor built) but not
/// defined yet (see [`DistributedMap::declare`]).
#[derive(Debug)]
#[must_use = "call `define` to give the declared state its definition"]
pub struct DeclaredMap<'s, D = Top> {
    map: Map<'s, NoTransition, D>,
    prefix: String,
    id: StateId<'s, D>,
}

impl<'s, D> DeclaredMap<'s, D> {
    /// The entry of the fragment: the Map state.
    pub fn entry(&self) -> StateId<'s, D> {
        self.id
    }

    /// Defines the Map state and the states its exits need, in `scope`.
    pub fn define(self, scope: &mut ScopeBuilder<'s, D>, exits: MapExits<'s, D>) {
        let DeclaredMap {
            mut map,
            prefix,
            id,
        } = self;
        if let Some(failed) = exits.failed {
            let target = exit_state(
                scope,
                format!("{prefix}Map Failed"),
                Some(failed),
                Fallback::End,
            );
            map = map.catch(Catch::on([errors::ALL]).result_path("$.error").next(target));
        }
        let done = route(
            scope,
            format!("{prefix}Map Done"),
            exits.done,
            Fallback::End,
        );
        define_routed!(scope, id, map, done);
    }
}
