//! `ItemReader`, `ItemBatcher` and `ResultWriter` of a Distributed Map.

use super::common::{dynamic_setters, parsed, setters, shared_setters};
use super::{IntoDynamic, IntoPath, Resource};
use crate::diagnostic::Diagnostic;
use crate::fields::names as k;
use crate::model::{
    self, CsvDelimiter, CsvHeaderLocation, Dynamic, InputType, ManifestType, ReaderConfig,
    Transformation, WriterConfig, WriterOutputType,
};
use crate::path::Expr;
use crate::payload::PayloadValue;

/// The `Parameters` of an S3 call: `{"Bucket": bucket, key: value}`.
fn s3_parameters(
    bucket: impl Into<PayloadValue>,
    key: &str,
    value: impl Into<PayloadValue>,
) -> PayloadValue {
    PayloadValue::object([("Bucket", bucket.into()), (key, value.into())])
}

/// `ItemReader` of a Distributed Map: where the items come from.
///
/// ```
/// use sfn::builder::ItemReader;
/// use sfn::model::{InputType, CsvHeaderLocation};
///
/// let csv = ItemReader::s3_object(InputType::Csv, "my-bucket", "data.csv")
///     .csv_header_location(CsvHeaderLocation::FirstRow)
///     .max_items(100);
/// let listing = ItemReader::s3_list_objects_v2("my-bucket", "incoming/");
/// # let _ = (csv, listing);
/// ```
#[derive(Debug, Clone)]
pub struct ItemReader {
    inner: model::ItemReader,
    errs: Vec<Diagnostic>,
}

impl ItemReader {
    /// A reader with this `Resource` and nothing else.
    pub fn new(resource: impl Into<Resource>) -> Self {
        ItemReader {
            inner: model::ItemReader {
                resource: resource.into().into_string(),
                reader_config: None,
                parameters: None,
                arguments: None,
            },
            errs: Vec::new(),
        }
    }

    /// One S3 object (`arn:aws:states:::s3:getObject`) of type `input_type` (JSON, JSONL,
    /// CSV, Parquet, or a manifest), with `Parameters` `{"Bucket": …, "Key": …}`; bucket and
    /// key may be literals or paths.
    pub fn s3_object(
        input_type: InputType,
        bucket: impl Into<PayloadValue>,
        key: impl Into<PayloadValue>,
    ) -> Self {
        ItemReader::new(Resource::s3_get_object())
            .parameters(s3_parameters(bucket, "Key", key))
            .input_type(input_type)
    }

    /// The objects of a bucket listing (`arn:aws:states:::s3:listObjectsV2`) under `prefix`.
    pub fn s3_list_objects_v2(
        bucket: impl Into<PayloadValue>,
        prefix: impl Into<PayloadValue>,
    ) -> Self {
        ItemReader::new(Resource::s3_list_objects_v2())
            .parameters(s3_parameters(bucket, "Prefix", prefix))
    }

    fn config(&mut self) -> &mut ReaderConfig {
        self.inner
            .reader_config
            .get_or_insert_with(ReaderConfig::default)
    }

    /// `ReaderConfig.CSVHeaders` (with `CSVHeaderLocation: GIVEN`).
    pub fn csv_headers<S: Into<String>>(mut self, headers: impl IntoIterator<Item = S>) -> Self {
        self.config().csv_headers = Some(headers.into_iter().map(Into::into).collect());
        self
    }

    /// `ReaderConfig.MaxItemsPath` (JSONPath).
    pub fn max_items_path(mut self, path: impl IntoPath) -> Self {
        let mut errs = Vec::new();
        if let Some(p) = parsed(&mut errs, k::MaxItemsPath, path.into_path()) {
            self.config().max_items = Some(Dynamic::Path(Expr::Path(p)));
        }
        self.errs
            .extend(super::common::prefixed("/ReaderConfig", errs));
        self
    }

    pub(crate) fn into_parts(self) -> (model::ItemReader, Vec<Diagnostic>) {
        (self.inner, self.errs)
    }
}

impl From<model::ItemReader> for ItemReader {
    fn from(inner: model::ItemReader) -> Self {
        ItemReader {
            inner,
            errs: Vec::new(),
        }
    }
}

shared_setters!([] ItemReader: parameters, arguments);

setters!([] ItemReader {
    /// `ReaderConfig` as a whole, replacing what the other `ReaderConfig` setters set
    /// (`ReaderConfig::default()` writes `"ReaderConfig": {}`).
    ///
    /// ```
    /// use sfn::builder::{ItemReader, Resource};
    /// use sfn::model::{InputType, ReaderConfig};
    ///
    /// let r = ItemReader::new(Resource::s3_list_objects_v2()).reader_config(ReaderConfig::default());
    /// let csv = ItemReader::new(Resource::s3_get_object())
    ///     .reader_config(ReaderConfig { input_type: Some(InputType::Csv), ..ReaderConfig::default() });
    /// # let _ = (r, csv);
    /// ```
    pub fn reader_config(mut self, config: ReaderConfig) -> Self => reader_config = config;
});

setters!([] ItemReader, via config {
    /// `ReaderConfig.InputType`.
    pub fn input_type(mut self, input_type: InputType) -> Self => input_type = input_type;

    /// `ReaderConfig.CSVHeaderLocation`.
    pub fn csv_header_location(mut self, location: CsvHeaderLocation) -> Self => csv_header_location = location;

    /// `ReaderConfig.CSVDelimiter`.
    pub fn csv_delimiter(mut self, delimiter: CsvDelimiter) -> Self => csv_delimiter = delimiter;

    /// `ReaderConfig.ManifestType`.
    pub fn manifest_type(mut self, manifest_type: ManifestType) -> Self => manifest_type = manifest_type;

    /// `ReaderConfig.MaxItems`: read at most this many items.
    pub fn max_items(mut self, n: impl IntoDynamic<i64>) -> Self => max_items = n.into_dynamic();
});

/// `ItemBatcher` of a Distributed Map: each child execution gets a batch of items.
///
/// ```
/// use sfn::builder::ItemBatcher;
/// use sfn::payload;
///
/// let b = ItemBatcher::new().max_items_per_batch(100).batch_input(payload! { "run": "nightly" });
/// # let _ = b;
/// ```
#[derive(Debug, Clone, Default)]
pub struct ItemBatcher {
    inner: model::ItemBatcher,
    errs: Vec<Diagnostic>,
}

impl ItemBatcher {
    /// An empty batcher.
    pub fn new() -> Self {
        ItemBatcher::default()
    }

    pub(crate) fn into_parts(self) -> (model::ItemBatcher, Vec<Diagnostic>) {
        (self.inner, self.errs)
    }
}

setters!([] ItemBatcher {
    /// `BatchInput`: a JSON object added to every batch.
    pub fn batch_input(mut self, input: impl Into<PayloadValue>) -> Self => batch_input = input.into();
});

dynamic_setters!([] ItemBatcher {
    /// `MaxItemsPerBatch`.
    pub fn max_items_per_batch(mut self, n: impl IntoDynamic<i64>) -> Self;
    /// `MaxItemsPerBatchPath` (JSONPath).
    pub fn max_items_per_batch_path(mut self, path: impl IntoPath) -> Self;

    /// `MaxInputBytesPerBatch`.
    pub fn max_input_bytes_per_batch(mut self, n: impl IntoDynamic<i64>) -> Self;
    /// `MaxInputBytesPerBatchPath` (JSONPath).
    pub fn max_input_bytes_per_batch_path(mut self, path: impl IntoPath) -> Self;
});

impl From<model::ItemBatcher> for ItemBatcher {
    fn from(inner: model::ItemBatcher) -> Self {
        ItemBatcher {
            inner,
            errs: Vec::new(),
        }
    }
}

/// `ResultWriter` of a Distributed Map: where the child executions' results go.
///
/// ```
/// use sfn::builder::ResultWriter;
/// use sfn::model::{Transformation, WriterOutputType};
///
/// let w = ResultWriter::s3("my-bucket", "results/")
///     .output_type(WriterOutputType::Jsonl)
///     .transformation(Transformation::Compact);
/// # let _ = w;
/// ```
#[derive(Debug, Clone, Default)]
pub struct ResultWriter {
    inner: model::ResultWriter,
}

impl ResultWriter {
    /// An empty writer (JSONata states may set only `WriterConfig`).
    pub fn new() -> Self {
        ResultWriter::default()
    }

    /// Write to S3 (`arn:aws:states:::s3:putObject`) with `Parameters`
    /// `{"Bucket": …, "Prefix": …}`.
    pub fn s3(bucket: impl Into<PayloadValue>, prefix: impl Into<PayloadValue>) -> Self {
        ResultWriter::new()
            .resource(Resource::s3_put_object())
            .parameters(s3_parameters(bucket, "Prefix", prefix))
    }

    fn config(&mut self) -> &mut WriterConfig {
        self.inner
            .writer_config
            .get_or_insert_with(WriterConfig::default)
    }

    pub(crate) fn into_model(self) -> model::ResultWriter {
        self.inner
    }
}

impl From<model::ResultWriter> for ResultWriter {
    fn from(inner: model::ResultWriter) -> Self {
        ResultWriter { inner }
    }
}

shared_setters!([] ResultWriter: parameters, arguments);

setters!([] ResultWriter {
    /// `Resource`.
    pub fn resource(mut self, resource: impl Into<Resource>) -> Self => resource = resource.into().into_string();


    /// `WriterConfig` as a whole, replacing what [`output_type`](Self::output_type) and
    /// [`transformation`](Self::transformation) set (`WriterConfig::default()` writes
    /// `"WriterConfig": {}`).
    pub fn writer_config(mut self, config: WriterConfig) -> Self => writer_config = config;
});

setters!([] ResultWriter, via config {
    /// `WriterConfig.OutputType`.
    pub fn output_type(mut self, output_type: WriterOutputType) -> Self => output_type = output_type;

    /// `WriterConfig.Transformation`.
    pub fn transformation(mut self, transformation: Transformation) -> Self => transformation = transformation;
});
