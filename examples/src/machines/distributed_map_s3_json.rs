//! Seed 004: a Distributed Map reading its items from a JSON file in S3.

use super::invoke_retried;
use sfn::builder::{ItemReader, Map};
use sfn::model::{ExecutionType, InputType};
use sfn::{Diagnostics, StateMachine, path};

/// The Distributed Map example of seed document `004_13dd150d7bc6ee2d.txt` ("AWS Step
/// Functions - Distributed Map Example", its `sfn_def.json`, `seed-004-distributed-map.json`).
///
/// Of the item sources the document lists, this is its favourite, #3 "JSON file in S3": the
/// execution input names an S3 object (`map_input_s3_bucket`, `map_input_s3_key`) holding a
/// JSON array of `{"bucket", "key"}` objects; the Map reads it (`ItemReader`,
/// `InputType: JSON`) and starts one standard child execution per item, up to 1000 at a
/// time, each invoking a Lambda with the item as its payload (the Lambda returns the size of
/// the object the item names).
pub fn distributed_map_s3_json() -> Result<StateMachine, Diagnostics> {
    const FUNCTION: &str = "arn:aws:lambda:us-east-1:878625312159:function:sfn-poc-lbd-1:$LATEST";

    let mut m = StateMachine::builder();
    m.comment("A description of my state machine");
    let map = m.declare("Map");
    m.define(
        map,
        Map::new()
            .item_reader(ItemReader::s3_object(
                InputType::Json,
                path!("$.map_input_s3_bucket"),
                path!("$.map_input_s3_key"),
            ))
            .max_concurrency(1000)
            .label("Map")
            .distributed(ExecutionType::Standard, |p| {
                let invoke = p.declare("Lambda Invoke");
                p.define(invoke, invoke_retried(FUNCTION, 1, 3).end());
            })
            .end(),
    );
    m.build()
}
