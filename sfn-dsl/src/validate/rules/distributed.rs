//! What only a Distributed Map may have and what it needs.

use super::express::Express;
use super::prelude::*;

declare! {
    DistributedOnly = "035", lint(Correctness, Deny), "field only allowed in a Distributed Map", aws: "", span: key, reads: [ProcessorConfig, Mode, ItemReader, ItemBatcher, ResultWriter, ToleratedFailurePercentage, ToleratedFailureCount, Label, ExecutionType],
        what: "A Distributed-Map-only field (`ItemReader`, `ItemBatcher`, `ResultWriter`, tolerated failures, `Label`) on an inline Map, or `ExecutionType` on an inline processor.",
        failing: "`\"ItemReader\"` with `\"Mode\": \"INLINE\"`.",
        fix: "`\"Mode\": \"DISTRIBUTED\"`.";
}

impl<'m> Validator<'m> {
    /// What only a Distributed Map may have, what it needs (`ExecutionType`) and what its
    /// EXPRESS child executions cannot run; `field` is the processor's field.
    pub(crate) fn distributed_map(&mut self, at: &dyn Fn() -> Pointer, m: &Map, field: &str) {
        let distributed = m.is_distributed();
        if distributed
            && m.processor.config().and_then(|c| c.execution_type) == Some(ExecutionType::Express)
        {
            self.express(
                &|| at().push(field),
                &m.processor.get().states,
                Express::Children,
            );
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
}
