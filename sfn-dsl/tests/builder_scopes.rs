//! Golden JSON of the builder's nested scopes: Parallel branches, inline and distributed Map
//! processors, with their readers, batchers and writers.

use serde_json::json;
use sfn_dsl::builder::*;
use sfn_dsl::model::{
    CsvHeaderLocation, ExecutionType, InputType, StateMachine, Transformation, WriterOutputType,
};
use sfn_dsl::payload;

mod common;
use common::{built, one, p};

#[test]
fn parallel_fields() {
    let mut m = StateMachine::builder();
    let both = m.declare("Both");
    let failed = m.declare("Failed");
    m.define(
        both,
        Parallel::new()
            .comment("fan out")
            .input_path("$.in")
            .parameters(payload! { "id": p("$.id") })
            .branch(|b| {
                b.comment("first branch");
                let a = b.declare("A");
                let a2 = b.declare("A2");
                b.define(a, Pass::new().next(a2));
                b.define(a2, Succeed::new());
            })
            .branch(|b| {
                let z = b.declare("Z");
                let start = b.declare("Z0");
                b.start_at(start);
                b.define(z, Pass::new().end());
                b.define(start, Wait::seconds(1).next(z));
            })
            .result_selector(payload! { "first": p("$[0]") })
            .result_path("$.results")
            .output_path("$.results")
            .retry(Retry::on([errors::BRANCH_FAILED]).max_attempts(2))
            .catch(Catch::on([errors::ALL]).next(failed))
            .end(),
    );
    m.define(failed, Fail::new());
    let json = built(m);
    assert_eq!(
        json["States"]["Both"],
        json!({
            "Type": "Parallel",
            "Comment": "fan out",
            "InputPath": "$.in",
            "Parameters": { "id.$": "$.id" },
            "Branches": [
                {
                    "Comment": "first branch",
                    "StartAt": "A",
                    "States": { "A": { "Type": "Pass", "Next": "A2" }, "A2": { "Type": "Succeed" } }
                },
                {
                    "StartAt": "Z0",
                    "States": {
                        "Z": { "Type": "Pass", "End": true },
                        "Z0": { "Type": "Wait", "Seconds": 1, "Next": "Z" }
                    }
                }
            ],
            "ResultSelector": { "first.$": "$[0]" },
            "ResultPath": "$.results",
            "OutputPath": "$.results",
            "Retry": [{ "ErrorEquals": ["States.BranchFailed"], "MaxAttempts": 2 }],
            "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Failed" }],
            "End": true
        })
    );
}

#[test]
fn inline_map_fields() {
    let json = one(Map::new()
        .comment("each order")
        .items_path("$.orders")
        .item_selector(
            payload! { "order": p("$$.Map.Item.Value"), "index": p("$$.Map.Item.Index") },
        )
        .max_concurrency(5)
        .inline(|proc| {
            proc.comment("per order");
            let ship = proc.declare("Ship");
            proc.define(ship, Task::new("arn:aws:states:::lambda:invoke").end());
        })
        .result_path("$.shipped")
        .end());
    assert_eq!(
        json,
        json!({
            "Type": "Map",
            "Comment": "each order",
            "ItemsPath": "$.orders",
            "ItemSelector": { "order.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index" },
            "ItemProcessor": {
                "Comment": "per order",
                "ProcessorConfig": { "Mode": "INLINE" },
                "StartAt": "Ship",
                "States": { "Ship": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true } }
            },
            "MaxConcurrency": 5,
            "ResultPath": "$.shipped",
            "End": true
        })
    );
    let json = one(Map::new()
        .max_concurrency_path("$.limit")
        .item_processor(|proc| {
            let a = proc.declare("A");
            proc.define(a, Pass::new().end());
        })
        .end());
    assert_eq!(json["MaxConcurrencyPath"], "$.limit");
    assert_eq!(json["ItemProcessor"].get("ProcessorConfig"), None);
}

#[test]
fn distributed_map_fields() {
    let json = one(Map::new()
        .item_reader(
            ItemReader::s3_object(InputType::Csv, "bucket", p("$.key"))
                .csv_header_location(CsvHeaderLocation::FirstRow)
                .max_items(1000),
        )
        .item_batcher(
            ItemBatcher::new()
                .max_items_per_batch(10)
                .max_input_bytes_per_batch_path("$.bytes")
                .batch_input(payload! { "run": "nightly" }),
        )
        .result_writer(
            ResultWriter::s3("bucket", "out/")
                .output_type(WriterOutputType::Jsonl)
                .transformation(Transformation::Compact),
        )
        .tolerated_failure_percentage(5)
        .tolerated_failure_count_path("$.maxFailures")
        .label("orders")
        .distributed(ExecutionType::Express, |proc| {
            let one = proc.declare("One");
            proc.define(one, Pass::new().end());
        })
        .end());
    assert_eq!(
        json,
        json!({
            "Type": "Map",
            "ItemReader": {
                "Resource": "arn:aws:states:::s3:getObject",
                "ReaderConfig": { "InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItems": 1000 },
                "Parameters": { "Bucket": "bucket", "Key.$": "$.key" }
            },
            "ItemBatcher": {
                "MaxItemsPerBatch": 10,
                "MaxInputBytesPerBatchPath": "$.bytes",
                "BatchInput": { "run": "nightly" }
            },
            "ItemProcessor": {
                "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS" },
                "StartAt": "One",
                "States": { "One": { "Type": "Pass", "End": true } }
            },
            "ToleratedFailurePercentage": 5,
            "ToleratedFailureCountPath": "$.maxFailures",
            "Label": "orders",
            "ResultWriter": {
                "Resource": "arn:aws:states:::s3:putObject",
                "WriterConfig": { "OutputType": "JSONL", "Transformation": "COMPACT" },
                "Parameters": { "Bucket": "bucket", "Prefix": "out/" }
            },
            "End": true
        })
    );
    let json = one(Map::new()
        .item_reader(ItemReader::s3_list_objects_v2("bucket", "in/").max_items_path("$.max"))
        .tolerated_failure_percentage_path("$.pct")
        .tolerated_failure_count(3)
        .distributed(ExecutionType::Standard, |proc| {
            let one = proc.declare("One2");
            proc.define(one, Pass::new().end());
        })
        .end());
    assert_eq!(
        json["ItemReader"]["Resource"],
        "arn:aws:states:::s3:listObjectsV2"
    );
    assert_eq!(
        json["ItemReader"]["Parameters"],
        json!({ "Bucket": "bucket", "Prefix": "in/" })
    );
    assert_eq!(
        json["ItemReader"]["ReaderConfig"],
        json!({ "MaxItemsPath": "$.max" })
    );
    assert_eq!(json["ToleratedFailurePercentagePath"], "$.pct");
    assert_eq!(json["ToleratedFailureCount"], 3);
}

#[test]
fn nested_scopes_inside_nested_scopes() {
    let json = one(Parallel::new()
        .branch(|b| {
            let inner = b.declare("Inner map");
            b.define(
                inner,
                Map::new()
                    .item_processor(|p| {
                        let x = p.declare("X");
                        let y = p.declare("Y");
                        p.define(x, Pass::new().next(y));
                        p.define(y, Succeed::new());
                    })
                    .end(),
            );
        })
        .end());
    assert_eq!(
        json["Branches"][0]["States"]["Inner map"]["ItemProcessor"]["States"]["X"]["Next"],
        "Y"
    );
}
