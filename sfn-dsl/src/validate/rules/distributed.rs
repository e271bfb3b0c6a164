//! What only a Distributed Map may have, and what its EXPRESS child executions cannot run.

use super::prelude::*;

declare! {
    DistributedOnly = "035", lint(Correctness, Deny), "field only allowed in a Distributed Map", aws: "", span: key, reads: [ProcessorConfig, Mode, ItemReader, ItemBatcher, ResultWriter, ToleratedFailurePercentage, ToleratedFailureCount, Label, ExecutionType],
        what: "A Distributed-Map-only field (`ItemReader`, `ItemBatcher`, `ResultWriter`, tolerated failures, `Label`) on an inline Map, or `ExecutionType` on an inline processor.",
        failing: "`\"ItemReader\"` with `\"Mode\": \"INLINE\"`.",
        fix: "`\"Mode\": \"DISTRIBUTED\"`.";
    ExpressPattern = "043", error, "integration pattern EXPRESS executions cannot run", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: [ExecutionType, Resource],
        what: "A Task inside the processor of a Distributed Map whose child executions are `EXPRESS` uses the `.sync` or `.waitForTaskToken` integration pattern. Express executions run neither (AWS: \"Express state machine does not support '.waitForTaskToken' service integration\").",
        failing: "`\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"EXPRESS\"}` with a task `\"Resource\": \"arn:aws:states:::batch:submitJob.sync\"`.",
        fix: "`\"ExecutionType\": \"STANDARD\"`, or call the service without the pattern and poll it.";
}

impl<'m> Validator<'m> {
    /// What only a Distributed Map may have, what it needs (`ExecutionType`) and what its
    /// EXPRESS child executions cannot run; `field` is the processor's field.
    pub(crate) fn distributed_map(&mut self, at: &dyn Fn() -> Pointer, m: &Map, field: &str) {
        let distributed = m.is_distributed();
        if distributed
            && m.processor.config().and_then(|c| c.execution_type) == Some(ExecutionType::Express)
        {
            self.express_patterns(&|| at().push(field), &m.processor.get().states);
        }
        if !distributed {
            // The field as written: a `…Path` twin when the value is a path.
            fn written<T>(
                v: &Option<Dynamic<T>>,
                field: &'static str,
                twin: &'static str,
            ) -> Option<&'static str> {
                v.as_ref().map(|d| {
                    if matches!(d, Dynamic::Path(_)) {
                        twin
                    } else {
                        field
                    }
                })
            }
            let only = [
                m.item_reader.as_ref().map(|_| k::ItemReader),
                m.item_batcher.as_ref().map(|_| k::ItemBatcher),
                m.result_writer.as_ref().map(|_| k::ResultWriter),
                written(
                    &m.tolerated_failure_percentage,
                    k::ToleratedFailurePercentage,
                    k::ToleratedFailurePercentagePath,
                ),
                written(
                    &m.tolerated_failure_count,
                    k::ToleratedFailureCount,
                    k::ToleratedFailureCountPath,
                ),
                m.label.as_ref().map(|_| k::Label),
            ];
            for f in only.into_iter().flatten() {
                self.report(Code::DistributedOnly, at().push(f).as_str(), format!("`{f}` is only allowed in a Distributed Map"), format!("set `\"ProcessorConfig\": {{\"Mode\": \"DISTRIBUTED\"}}` in `{field}`, or remove `{f}`"));
            }
            if m.processor
                .config()
                .and_then(|c| c.execution_type)
                .is_some()
            {
                self.report(
                    Code::DistributedOnly,
                    at().push(field)
                        .push(k::ProcessorConfig)
                        .push(k::ExecutionType)
                        .as_str(),
                    "`ExecutionType` is only allowed when `Mode` is DISTRIBUTED",
                    "add `\"Mode\": \"DISTRIBUTED\"` or remove `ExecutionType`",
                );
            }
        } else if m
            .processor
            .config()
            .and_then(|c| c.execution_type)
            .is_none()
        {
            self.report(
                Code::MissingField,
                at().push(field).push(k::ProcessorConfig).as_str(),
                "a Distributed Map's `ProcessorConfig` needs an `ExecutionType`",
                "add `\"ExecutionType\": \"STANDARD\"` or `\"EXPRESS\"`",
            );
        }
    }

    /// SFN043: `.sync`/`.waitForTaskToken` tasks in the states of an EXPRESS processor (and in
    /// their nested branches and processors). `at` is the processor's pointer.
    pub(crate) fn express_patterns(&mut self, at: &dyn Fn() -> Pointer, states: &States) {
        for (name, state) in states.iter() {
            let here = || at().push(k::States).push_str(name);
            match state {
                State::Task(t) => {
                    let pattern = [".sync:2", ".sync", ".waitForTaskToken"]
                        .into_iter()
                        .find(|s| t.resource.ends_with(s));
                    if let Some(pattern) = pattern {
                        self.report(Code::ExpressPattern, here().push(k::Resource), format!(
                                    "the task \"{name}\" uses the `{pattern}` integration pattern, which EXPRESS child executions do not support"
                                ), "use `\"ExecutionType\": \"STANDARD\"` for this Distributed Map, or call the service without the pattern and poll it");
                    }
                }
                State::Parallel(p) => {
                    for (i, b) in p.branches.iter().enumerate() {
                        self.express_patterns(&|| here().push(k::Branches).push(i), &b.states);
                    }
                }
                State::Map(m) => {
                    let field = match &m.processor {
                        Processor::ItemProcessor(_) => k::ItemProcessor,
                        Processor::Iterator(_) => k::Iterator,
                    };
                    self.express_patterns(&|| here().push(field), &m.processor.get().states);
                }
                _ => {}
            }
        }
    }
}
