//! What EXPRESS executions cannot run: the states of a state machine created as `EXPRESS`
//! ([`crate::validate::validate_as`]), and those of a Distributed Map whose child executions are
//! `EXPRESS`.

use super::prelude::*;
use super::resource::SUFFIXES;

declare! {
    ExpressPattern = "043", error, "work EXPRESS executions cannot run", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: [ExecutionType, Resource],
        what: "A Task of an EXPRESS state machine, or inside the processor of a Distributed Map whose child executions are `EXPRESS`, uses the `.sync` or `.waitForTaskToken` integration pattern, or runs an activity. Express executions run none of them (AWS: \"Express state machine does not support '.waitForTaskToken' service integration\", \"Express state machine does not support Activity ARN\"). The type of a state machine is not part of its definition: `sfn validate --type express`, `Generator::express_machine` and `sfn::validate::validate_as` check a machine as EXPRESS.",
        failing: "`\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"EXPRESS\"}` with a task `\"Resource\": \"arn:aws:states:::batch:submitJob.sync\"`.",
        fix: "`\"ExecutionType\": \"STANDARD\"` (or a STANDARD state machine), or call the service without the pattern and poll it.";
    ExpressDistributedMap = "049", lint(Correctness, Deny), "Distributed Map in an EXPRESS execution", aws: "", span: value, reads: [Mode, ExecutionType],
        what: "A Distributed Map in an EXPRESS state machine or in the EXPRESS child executions of another Distributed Map. AWS documents that Express workflows do not support the Distributed Map; whether it refuses the definition or fails the execution is not recorded, hence a lint that denies by default.",
        failing: "`sfn validate --type express` of a machine with `\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\"}`.",
        fix: "a STANDARD state machine, or `\"Mode\": \"INLINE\"`.";
}

/// Which EXPRESS executions run the states.
#[derive(Clone, Copy)]
pub(crate) enum Express {
    /// A state machine created as EXPRESS.
    Machine,
    /// The child executions of a Distributed Map with `"ExecutionType": "EXPRESS"`.
    Children,
}

impl Express {
    /// What runs the states, and that it cannot, for messages.
    fn refuses(self) -> &'static str {
        match self {
            Express::Machine => "an EXPRESS state machine does not support",
            Express::Children => "EXPRESS child executions do not support",
        }
    }

    /// How to run the states in a STANDARD execution instead.
    fn standard(self) -> &'static str {
        match self {
            Express::Machine => "create the state machine as STANDARD",
            Express::Children => "use `\"ExecutionType\": \"STANDARD\"` for this Distributed Map",
        }
    }
}

impl Validator<'_> {
    /// SFN043 and SFN049 in `states` (and their nested branches and processors), which
    /// `express` runs; `at` is the pointer of the scope holding them.
    pub(crate) fn express(&mut self, at: &dyn Fn() -> Pointer, states: &States, express: Express) {
        let (refuses, standard) = (express.refuses(), express.standard());
        for (name, state) in states.iter() {
            let here = || at().push(k::States).push_str(name);
            match state {
                State::Task(t) => {
                    let pattern = SUFFIXES.iter().find(|s| t.resource.ends_with(s.0));
                    if let Some((suffix, _, pattern)) = pattern {
                        self.report(Code::ExpressPattern, here().push(k::Resource), format!(
                            "the task \"{name}\" uses the {pattern} integration pattern (`{suffix}`), which {refuses}"
                        ), format!("{standard}, or call the service without the pattern and poll it"));
                    } else if is_activity(&t.resource) {
                        self.report(Code::ExpressPattern, here().push(k::Resource), format!(
                            "the task \"{name}\" runs an activity, which {refuses}"
                        ), format!("{standard}, or run the work in a Lambda function or another service"));
                    }
                }
                State::Map(m) if m.is_distributed() => {
                    let mode = here()
                        .push(m.processor.field())
                        .push(k::ProcessorConfig)
                        .push(k::Mode);
                    self.report(Code::ExpressDistributedMap, mode, format!("the Distributed Map \"{name}\" cannot run here: {refuses} a Distributed Map"), format!("{standard}, or run the Map with `\"Mode\": \"INLINE\"`"));
                }
                _ => {
                    for n in crate::validate::nested(state) {
                        self.express(&|| n.below(&here()), n.states, express);
                    }
                }
            }
        }
    }
}

/// True for an activity's ARN (`arn:<partition>:states:<region>:<account>:activity:<name>`).
fn is_activity(resource: &str) -> bool {
    let mut parts = resource.splitn(7, ':');
    parts.next() == Some("arn")
        && parts.nth(1) == Some("states")
        && parts.nth(2) == Some("activity")
}
