//! What a Distributed Map reads ([`Items`]) and what it runs for each item ([`Processor`]).

use super::call::lambda_retry;
use super::fragment::path_text;
use sfn_dsl::builder::{Depth1, IntoPath, ItemReader, ScopeBuilder, Task};
use sfn_dsl::diagnostic::{Diagnostic, Diagnostics};
use sfn_dsl::model::{CsvDelimiter, CsvHeaderLocation, InputType};
use sfn_dsl::path::Path;
use sfn_dsl::payload::PayloadValue;
use sfn_dsl::validate::given_csv_headers;
use std::fmt;

/// Where the header of a CSV file comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvHeader {
    /// The first row holds the column names (`CSVHeaderLocation: FIRST_ROW`).
    FirstRow,
    /// The file has no header; these are the column names (`CSVHeaderLocation: GIVEN`,
    /// `CSVHeaders`).
    Given(Vec<String>),
}

impl CsvHeader {
    /// `CsvHeader::Given` from anything string-like.
    pub fn given<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Self {
        CsvHeader::Given(names.into_iter().map(Into::into).collect())
    }
}

#[derive(Debug, Clone)]
pub(crate) enum Source {
    Reader(Box<ItemReader>),
    Path(String),
}

/// The items of a Distributed Map: an `ItemReader` over S3, or an array of the state input.
///
/// Buckets, keys and prefixes are literals or paths (`Path::parse("$.bucket")`).
///
/// ```
/// use sfn::templates::{CsvHeader, Items};
/// use sfn::model::CsvDelimiter;
///
/// let orders = Items::s3_csv("my-bucket", "orders/2026-01.csv", CsvHeader::FirstRow)
///     .csv_delimiter(CsvDelimiter::Semicolon)
///     .max_items(10_000);
/// let images = Items::s3_listing("my-bucket", "incoming/");
/// let everything = Items::s3_inventory("inventory-bucket", "my-bucket/daily/2026-01-01T01-00Z/manifest.json");
/// # let _ = (orders, images, everything);
/// ```
#[derive(Debug, Clone)]
pub struct Items {
    pub(crate) source: Source,
    /// The findings of its settings (`sfn_dsl::validate::given_csv_headers`), relative to the Map.
    pub(crate) findings: Vec<Diagnostic>,
}

impl Items {
    fn reader(reader: ItemReader) -> Self {
        Items {
            source: Source::Reader(Box::new(reader)),
            findings: Vec::new(),
        }
    }

    /// A JSON file in S3 whose top level is an array (`s3:getObject`, `InputType: JSON`).
    pub fn s3_json(bucket: impl Into<PayloadValue>, key: impl Into<PayloadValue>) -> Self {
        Items::reader(ItemReader::s3_object(InputType::Json, bucket, key))
    }

    /// A JSON Lines file in S3, one item per line (`InputType: JSONL`).
    pub fn s3_jsonl(bucket: impl Into<PayloadValue>, key: impl Into<PayloadValue>) -> Self {
        Items::reader(ItemReader::s3_object(InputType::Jsonl, bucket, key))
    }

    /// A CSV file in S3, one item (an object keyed by column name) per row
    /// (`InputType: CSV`).
    pub fn s3_csv(
        bucket: impl Into<PayloadValue>,
        key: impl Into<PayloadValue>,
        header: CsvHeader,
    ) -> Self {
        let reader = ItemReader::s3_object(InputType::Csv, bucket, key);
        match header {
            CsvHeader::FirstRow => {
                Items::reader(reader.csv_header_location(CsvHeaderLocation::FirstRow))
            }
            CsvHeader::Given(names) => {
                let findings = given_csv_headers(&names);
                let mut items = Items::reader(
                    reader
                        .csv_header_location(CsvHeaderLocation::Given)
                        .csv_headers(names),
                );
                items.findings = findings;
                items
            }
        }
    }

    /// The objects of an S3 listing under `prefix` (`s3:listObjectsV2`): each item has
    /// `Key`, `Size`, `ETag`, `LastModified`, `StorageClass`.
    pub fn s3_listing(bucket: impl Into<PayloadValue>, prefix: impl Into<PayloadValue>) -> Self {
        Items::reader(ItemReader::s3_list_objects_v2(bucket, prefix))
    }

    /// The objects of an S3 Inventory report, from its `manifest.json`
    /// (`InputType: MANIFEST`).
    pub fn s3_inventory(
        bucket: impl Into<PayloadValue>,
        manifest_key: impl Into<PayloadValue>,
    ) -> Self {
        Items::reader(ItemReader::s3_object(
            InputType::Manifest,
            bucket,
            manifest_key,
        ))
    }

    /// The array at `path` in the state input (`ItemsPath`), for a Distributed Map over
    /// items that are already at hand.
    pub fn from_input(path: impl IntoPath) -> Self {
        Items {
            source: Source::Path(path_text(path)),
            findings: Vec::new(),
        }
    }

    /// `ReaderConfig.MaxItems`: read at most `n` items (S3 sources only).
    pub fn max_items(self, n: i64) -> Self {
        self.map_reader(|r| r.max_items(n))
    }

    /// `ReaderConfig.CSVDelimiter` (CSV only).
    pub fn csv_delimiter(self, delimiter: CsvDelimiter) -> Self {
        self.map_reader(|r| r.csv_delimiter(delimiter))
    }

    fn map_reader(mut self, f: impl FnOnce(ItemReader) -> ItemReader) -> Self {
        if let Source::Reader(r) = self.source {
            self.source = Source::Reader(Box::new(f(*r)));
        }
        self
    }
}

impl From<ItemReader> for Items {
    /// Any `ItemReader` built with the builder.
    fn from(reader: ItemReader) -> Self {
        Items::reader(reader)
    }
}

/// A processor built in a closure, on a scope of depth `P`.
pub(crate) type BuildProcessor<'a, P> =
    Box<dyn for<'b> FnOnce(&mut ScopeBuilder<'b, P>) -> Result<(), Diagnostics> + 'a>;

pub(crate) enum ProcessorKind<'a, P> {
    Lambda { function: String, name: String },
    States(BuildProcessor<'a, P>),
}

/// What a Distributed Map runs for each item (or batch): one Lambda function, or any states
/// built with the normal builder.
///
/// ```
/// use sfn::templates::{Callback, CallbackExits, Processor};
/// use sfn::builder::{Pass, Task, Resource};
///
/// let simple = Processor::lambda("arn:aws:lambda:us-east-1:123456789012:function:resize");
/// let custom = Processor::states(|p| {
///     let approve = Callback::sqs("https://sqs.us-east-1.amazonaws.com/123456789012/review")
///         .add_to(p, "Review ", CallbackExits::new())?; // fragments compose with `?`
///     p.start_at(approve);
///     Ok(())
/// });
/// # let _: (Processor, Processor) = (simple, custom); // used nowhere: the depth is not inferred
/// ```
///
/// `P` is the [depth](sfn_dsl::builder::Depth) of the processor's scope, inferred from where
/// the Distributed Map is added (one level below that scope).
pub struct Processor<'a, P = Depth1> {
    pub(crate) kind: ProcessorKind<'a, P>,
}

impl<P> fmt::Debug for Processor<'_, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ProcessorKind::Lambda { function, name } => f
                .debug_struct("Processor::Lambda")
                .field("function", function)
                .field("name", name)
                .finish(),
            ProcessorKind::States(_) => f.write_str("Processor::States(..)"),
        }
    }
}

impl<'a, P> Processor<'a, P> {
    /// One Task, `Process Item` (prefixed like the fragment's other states), invoking
    /// `function` through `arn:aws:states:::lambda:invoke` with the item (or batch) as
    /// `Payload`, `"OutputPath": "$.Payload"`, and the console's default `Retry` on the
    /// transient Lambda errors (1 s, 3 attempts, backoff 2) — the processor of seed 004.
    pub fn lambda(function: impl Into<String>) -> Self {
        Processor {
            kind: ProcessorKind::Lambda {
                function: function.into(),
                name: "Process Item".into(),
            },
        }
    }

    /// Any states: `build` declares and defines them on the processor's scope (its first
    /// declared state is the `StartAt` unless it calls `start_at`) and may add fragments
    /// with `?`. State names must be unique in the whole machine, processor included.
    pub fn states<F>(build: F) -> Self
    where
        F: for<'b> FnOnce(&mut ScopeBuilder<'b, P>) -> Result<(), Diagnostics> + 'a,
    {
        Processor {
            kind: ProcessorKind::States(Box::new(build)),
        }
    }

    /// The name of the Lambda Task of [`Processor::lambda`], before the prefix (no effect on
    /// [`Processor::states`]).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        if let ProcessorKind::Lambda { name: n, .. } = &mut self.kind {
            *n = name.into();
        }
        self
    }
}

/// Defines the Lambda processor `name` in `p`.
pub(crate) fn lambda_processor<P>(p: &mut ScopeBuilder<'_, P>, name: String, function: &str) {
    let id = p.declare(name);
    p.define(
        id,
        Task::new(sfn_dsl::builder::Resource::lambda_invoke())
            .parameters(PayloadValue::object([
                ("FunctionName", PayloadValue::from(function)),
                ("Payload", Path::input().into()),
            ]))
            .output_path("$.Payload")
            .retry(lambda_retry())
            .end(),
    );
}
