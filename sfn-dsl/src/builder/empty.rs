//! The empty model of each state: every optional field `None`, `"End": true`. The state
//! builders start from them, and so does the `workflow!` expansion (see `crate::__workflow`).

use crate::model::{
    Choice, ItemProcessor, Map, Parallel, Pass, Processor, States, Task, Transition, Wait, WaitFor,
};

/// A struct literal: the fields before `;` with their values, the fields after it `None`.
macro_rules! with_none {
    ($ty:ident { $($field:ident: $value:expr),* ; $($none:ident),* $(,)? }) => {
        $ty { $($field: $value,)* $($none: None,)* }
    };
}

/// A Task running `resource`.
pub(crate) fn task(resource: String) -> Task {
    with_none!(Task {
        resource: resource, transition: Transition::End;
        comment, query_language, credentials, input_path, parameters, arguments, result_selector,
        result_path, output_path, output, assign, timeout_seconds, heartbeat_seconds, retry, catch,
    })
}

/// A Pass state.
pub(crate) fn pass() -> Pass {
    with_none!(Pass {
        transition: Transition::End;
        comment, query_language, input_path, parameters, result, result_path, output_path, output,
        assign,
    })
}

/// A Wait state waiting for `wait_for`.
pub(crate) fn wait(wait_for: WaitFor) -> Wait {
    with_none!(Wait {
        wait_for: wait_for, transition: Transition::End;
        comment, query_language, input_path, output_path, output, assign,
    })
}

/// A Choice state without rules.
pub(crate) fn choice() -> Choice {
    with_none!(Choice {
        choices: Vec::new();
        comment, query_language, input_path, output_path, default, output, assign,
    })
}

/// A Parallel state without branches.
pub(crate) fn parallel() -> Parallel {
    with_none!(Parallel {
        branches: Vec::new(), transition: Transition::End;
        comment, query_language, input_path, parameters, arguments, result_selector, result_path,
        output_path, output, assign, retry, catch,
    })
}

/// A Map state whose `ItemProcessor` has no states.
pub(crate) fn map() -> Map {
    with_none!(Map {
        processor: Processor::ItemProcessor(item_processor()), transition: Transition::End;
        comment, query_language, input_path, items_path, items, item_reader, item_batcher,
        item_selector, max_concurrency, tolerated_failure_percentage, tolerated_failure_count,
        label, result_writer, arguments, result_selector, result_path, output_path, output, assign,
        retry, catch,
    })
}

/// An `ItemProcessor` without states or `ProcessorConfig`.
pub(crate) fn item_processor() -> ItemProcessor {
    with_none!(ItemProcessor {
        start_at: String::new(), states: States::new();
        comment, query_language, processor_config,
    })
}
