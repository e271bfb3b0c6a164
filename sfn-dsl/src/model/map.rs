//! The Map state: inline and distributed, with `ItemReader`, `ItemBatcher` and `ResultWriter`.

use super::{Catcher, Dynamic, Nullable, QueryLanguage, Retrier, States, Transition};
use crate::path::Path;
use crate::payload::PayloadValue;

asl_object! {
    /// A Map state: runs its item processor for each item of an array or of an `ItemReader` source.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Map : Map, "a Map state" {
        /// `Comment`.
        pub comment: Option<String> = Comment @head,
        /// `QueryLanguage` of this state.
        pub query_language: Option<QueryLanguage> = QueryLanguage @head,
        /// `InputPath` (JSONPath).
        pub input_path: Option<Nullable<Path>> = InputPath,
        /// `ItemsPath` (JSONPath): where the items array is in the input.
        pub items_path: Option<Path> = ItemsPath,
        /// `Items` (JSONata): an array or an expression.
        pub items: Option<PayloadValue> = Items,
        /// `ItemReader` (Distributed Map): read items from S3.
        pub item_reader: Option<ItemReader> = ItemReader,
        /// `ItemBatcher` (Distributed Map).
        pub item_batcher: Option<ItemBatcher> = ItemBatcher,
        /// `ItemSelector`, or the legacy `Parameters`.
        pub item_selector: Option<ItemSelector> = ItemSelector @second,
        /// `ItemProcessor`, or the legacy `Iterator`.
        pub processor: Processor = ItemProcessor @first,
        /// `MaxConcurrency` / `MaxConcurrencyPath`.
        pub max_concurrency: Option<Dynamic<i64>> = MaxConcurrency,
        /// `ToleratedFailurePercentage` / `ToleratedFailurePercentagePath` (Distributed Map).
        pub tolerated_failure_percentage: Option<Dynamic<f64>> = ToleratedFailurePercentage,
        /// `ToleratedFailureCount` / `ToleratedFailureCountPath` (Distributed Map).
        pub tolerated_failure_count: Option<Dynamic<i64>> = ToleratedFailureCount,
        /// `Label` (Distributed Map): names the child executions.
        pub label: Option<String> = Label,
        /// `ResultWriter` (Distributed Map): write results to S3.
        pub result_writer: Option<ResultWriter> = ResultWriter,
        /// `Arguments` (JSONata).
        pub arguments: Option<PayloadValue> = Arguments,
        /// `ResultSelector` (JSONPath payload template).
        pub result_selector: Option<PayloadValue> = ResultSelector,
        /// `ResultPath` (JSONPath).
        pub result_path: Option<Nullable<Path>> = ResultPath,
        /// `OutputPath` (JSONPath).
        pub output_path: Option<Nullable<Path>> = OutputPath,
        /// `Output` (JSONata).
        pub output: Option<PayloadValue> = Output,
        /// `Assign`.
        pub assign: Option<PayloadValue> = Assign,
        /// `Retry` (`None` when absent; an empty list is kept as written).
        pub retry: Option<Vec<Retrier>> = Retry,
        /// `Catch` (`None` when absent; an empty list is kept as written).
        pub catch: Option<Vec<Catcher>> = Catch,
        /// `Next` / `End`.
        pub transition: Transition = Next,
    }
}

impl Map {
    /// True when the processor runs in `DISTRIBUTED` mode.
    pub fn is_distributed(&self) -> bool {
        self.processor.config().and_then(|c| c.mode) == Some(ProcessorMode::Distributed)
    }
}

/// The item selector of a Map: `ItemSelector`, or its legacy name `Parameters`.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemSelector {
    /// `ItemSelector`.
    ItemSelector(PayloadValue),
    /// `Parameters` (before 2022, the same meaning).
    Parameters(PayloadValue),
}

impl ItemSelector {
    /// The payload template, whichever the field name.
    pub fn template(&self) -> &PayloadValue {
        match self {
            ItemSelector::ItemSelector(t) | ItemSelector::Parameters(t) => t,
        }
    }
}

/// The processor of a Map: `ItemProcessor`, or its legacy name `Iterator`.
#[derive(Debug, Clone, PartialEq)]
pub enum Processor {
    /// `ItemProcessor`.
    ItemProcessor(ItemProcessor),
    /// `Iterator` (before 2022, the same meaning, inline only).
    Iterator(ItemProcessor),
}

impl Processor {
    /// The processor, whichever the field name.
    pub fn get(&self) -> &ItemProcessor {
        match self {
            Processor::ItemProcessor(p) | Processor::Iterator(p) => p,
        }
    }

    /// The processor, whichever the field name, mutably.
    pub fn get_mut(&mut self) -> &mut ItemProcessor {
        match self {
            Processor::ItemProcessor(p) | Processor::Iterator(p) => p,
        }
    }

    /// `ProcessorConfig`, if any.
    pub fn config(&self) -> Option<&ProcessorConfig> {
        self.get().processor_config.as_ref()
    }

    /// The field name it was written under: `ItemProcessor` or `Iterator`.
    pub(crate) fn field(&self) -> &'static str {
        match self {
            Processor::ItemProcessor(_) => crate::fields::names::ItemProcessor,
            Processor::Iterator(_) => crate::fields::names::Iterator,
        }
    }
}

asl_object! {
    /// The state graph a Map runs for each item.
    #[derive(Debug, Clone, PartialEq)]
    pub struct ItemProcessor : ItemProcessor, "an ItemProcessor" {
        /// `Comment`.
        pub comment: Option<String> = Comment,
        /// `ProcessorConfig`.
        pub processor_config: Option<ProcessorConfig> = ProcessorConfig,
        /// `StartAt`.
        pub start_at: String = StartAt,
        /// `States`.
        pub states: States = States,
    }
}

asl_object! {
    /// `ProcessorConfig`: inline or distributed, and the child execution type.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct ProcessorConfig : ProcessorConfig, "ProcessorConfig" {
        /// `Mode` (`INLINE` when absent).
        pub mode: Option<ProcessorMode> = Mode,
        /// `ExecutionType` (Distributed Map only).
        pub execution_type: Option<ExecutionType> = ExecutionType,
    }
}

string_enum! {
    /// `ProcessorConfig.Mode`.
    ProcessorMode { /// `"INLINE"`.
    Inline = "INLINE", /// `"DISTRIBUTED"`.
    Distributed = "DISTRIBUTED" }
}

string_enum! {
    /// `ProcessorConfig.ExecutionType` of a Distributed Map's child executions.
    ExecutionType { /// `"STANDARD"`.
    Standard = "STANDARD", /// `"EXPRESS"`.
    Express = "EXPRESS" }
}

string_enum! {
    /// `ReaderConfig.InputType`.
    InputType { /// `"CSV"`.
    Csv = "CSV", /// `"JSON"`.
    Json = "JSON", /// `"JSONL"`.
    Jsonl = "JSONL", /// `"MANIFEST"`.
    Manifest = "MANIFEST", /// `"PARQUET"`.
    Parquet = "PARQUET" }
}

string_enum! {
    /// `ReaderConfig.CSVHeaderLocation`.
    CsvHeaderLocation { /// `"FIRST_ROW"`.
    FirstRow = "FIRST_ROW", /// `"GIVEN"`: the headers are in `CSVHeaders`.
    Given = "GIVEN" }
}

string_enum! {
    /// `ReaderConfig.CSVDelimiter`.
    CsvDelimiter { /// `"COMMA"`.
    Comma = "COMMA", /// `"PIPE"`.
    Pipe = "PIPE", /// `"SEMICOLON"`.
    Semicolon = "SEMICOLON", /// `"SPACE"`.
    Space = "SPACE", /// `"TAB"`.
    Tab = "TAB" }
}

string_enum! {
    /// `ReaderConfig.ManifestType`.
    ManifestType { /// `"ATHENA_DATA"`.
    AthenaData = "ATHENA_DATA", /// `"S3_INVENTORY"`.
    S3Inventory = "S3_INVENTORY" }
}

string_enum! {
    /// `WriterConfig.OutputType`.
    WriterOutputType { /// `"JSON"`.
    Json = "JSON", /// `"JSONL"`.
    Jsonl = "JSONL" }
}

string_enum! {
    /// `WriterConfig.Transformation`.
    Transformation { /// `"NONE"`.
    None = "NONE", /// `"COMPACT"`.
    Compact = "COMPACT", /// `"FLATTEN"`.
    Flatten = "FLATTEN" }
}

asl_object! {
    /// `ItemReader`: where a Distributed Map reads its items.
    #[derive(Debug, Clone, PartialEq)]
    pub struct ItemReader : ItemReader, "an ItemReader" {
        /// `Resource`, e.g. `arn:aws:states:::s3:getObject` or `arn:aws:states:::s3:listObjectsV2`.
        pub resource: String = Resource,
        /// `ReaderConfig`.
        pub reader_config: Option<ReaderConfig> = ReaderConfig @first,
        /// `Parameters` (JSONPath payload template).
        pub parameters: Option<PayloadValue> = Parameters,
        /// `Arguments` (JSONata).
        pub arguments: Option<PayloadValue> = Arguments,
    }
}

asl_object! {
    /// `ReaderConfig` of an `ItemReader`.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct ReaderConfig : ReaderConfig, "a ReaderConfig" {
        /// `InputType`.
        pub input_type: Option<InputType> = InputType,
        /// `CSVHeaderLocation`.
        pub csv_header_location: Option<CsvHeaderLocation> = CsvHeaderLocation,
        /// `CSVHeaders`.
        pub csv_headers: Option<Vec<String>> = CsvHeaders,
        /// `CSVDelimiter`.
        pub csv_delimiter: Option<CsvDelimiter> = CsvDelimiter,
        /// `MaxItems` / `MaxItemsPath`.
        pub max_items: Option<Dynamic<i64>> = MaxItems,
        /// `ManifestType`.
        pub manifest_type: Option<ManifestType> = ManifestType,
    }
}

asl_object! {
    /// `ItemBatcher`: groups items into batches for each child execution.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct ItemBatcher : ItemBatcher, "an ItemBatcher" {
        /// `MaxItemsPerBatch` / `MaxItemsPerBatchPath`.
        pub max_items_per_batch: Option<Dynamic<i64>> = MaxItemsPerBatch,
        /// `MaxInputBytesPerBatch` / `MaxInputBytesPerBatchPath`.
        pub max_input_bytes_per_batch: Option<Dynamic<i64>> = MaxInputBytesPerBatch,
        /// `BatchInput`: a JSON object added to every batch.
        pub batch_input: Option<PayloadValue> = BatchInput,
    }
}

asl_object! {
    /// `ResultWriter`: where a Distributed Map writes its results.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct ResultWriter : ResultWriter, "a ResultWriter" {
        /// `Resource`, `arn:aws:states:::s3:putObject`.
        pub resource: Option<String> = Resource,
        /// `Parameters` (JSONPath payload template).
        pub parameters: Option<PayloadValue> = Parameters,
        /// `Arguments` (JSONata).
        pub arguments: Option<PayloadValue> = Arguments,
        /// `WriterConfig`.
        pub writer_config: Option<WriterConfig> = WriterConfig @first,
    }
}

asl_object! {
    /// `WriterConfig` of a `ResultWriter`.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct WriterConfig : WriterConfig, "a WriterConfig" {
        /// `OutputType`.
        pub output_type: Option<WriterOutputType> = OutputType,
        /// `Transformation`.
        pub transformation: Option<Transformation> = Transformation,
        /// `TestSeconds`, a field of the tests.
        #[cfg(test)]
        pub test_seconds: Option<i64> = TestSeconds,
    }
}
