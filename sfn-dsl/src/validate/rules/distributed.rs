//! What only a Distributed Map may have, and what its EXPRESS child executions cannot run.

use super::declare;

declare! {
    DistributedOnly = "035", lint(Correctness, Deny), "field only allowed in a Distributed Map", aws: "",
        span: key, reads: [ProcessorConfig, Mode, ItemReader, ItemBatcher, ResultWriter, ToleratedFailurePercentage, ToleratedFailureCount, Label, ExecutionType],
        what: "A Distributed-Map-only field (`ItemReader`, `ItemBatcher`, `ResultWriter`, tolerated failures, `Label`) on an inline Map, or `ExecutionType` on an inline processor.",
        failing: "`\"ItemReader\"` with `\"Mode\": \"INLINE\"`.",
        fix: "`\"Mode\": \"DISTRIBUTED\"`.";
    ExpressPattern = "043", error, "integration pattern EXPRESS executions cannot run", aws: "SCHEMA_VALIDATION_FAILED",
        span: value, reads: [ExecutionType, Resource],
        what: "A Task inside the processor of a Distributed Map whose child executions are `EXPRESS` uses the `.sync` or `.waitForTaskToken` integration pattern. Express executions run neither (AWS: \"Express state machine does not support '.waitForTaskToken' service integration\").",
        failing: "`\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"EXPRESS\"}` with a task `\"Resource\": \"arn:aws:states:::batch:submitJob.sync\"`.",
        fix: "`\"ExecutionType\": \"STANDARD\"`, or call the service without the pattern and poll it.";
}
