//! The empty model of each state: every optional field `None`, `"End": true` (each member
//! [`FieldType::empty`](crate::model::object::FieldType::empty)). The state builders start
//! from them, and so does the `workflow!` expansion (see `crate::__workflow`).

use crate::model::object::ReadObject;
use crate::model::{Choice, Map, Parallel, Pass, Task, Wait, WaitFor};

/// A Task running `resource`.
pub(crate) fn task(resource: String) -> Task {
    Task {
        resource,
        ..Task::empty()
    }
}

/// A Pass state.
pub(crate) fn pass() -> Pass {
    Pass::empty()
}

/// A Wait state waiting for `wait_for`.
pub(crate) fn wait(wait_for: WaitFor) -> Wait {
    Wait {
        wait_for,
        ..Wait::empty()
    }
}

/// A Choice state without rules.
pub(crate) fn choice() -> Choice {
    Choice::empty()
}

/// A Parallel state without branches.
pub(crate) fn parallel() -> Parallel {
    Parallel::empty()
}

/// A Map state whose `ItemProcessor` has no states.
pub(crate) fn map() -> Map {
    Map::empty()
}
