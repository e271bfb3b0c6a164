//! Helpers the builder tests share.
// Each test crate uses its own subset.
#![allow(dead_code)]

use serde_json::Value;
use sfn_dsl::builder::{IntoState, MachineBuilder};
use sfn_dsl::model::StateMachine;
use sfn_dsl::path::{Jsonata, Path};

pub fn p(s: &str) -> Path {
    Path::parse(s).unwrap()
}

pub fn j(s: &str) -> Jsonata {
    Jsonata::new(s).unwrap()
}

/// The JSON of the machine `m` builds, panicking with its findings when it does not.
pub fn built(m: MachineBuilder) -> Value {
    let machine = m.build().unwrap_or_else(|e| panic!("{e}"));
    serde_json::to_value(&machine).unwrap()
}

/// The JSON of a machine whose only state is `state`, named "S".
pub fn one<S: IntoState<'static>>(state: S) -> Value {
    let mut m = StateMachine::builder();
    let s = m.declare("S");
    m.define(s, state);
    built(m)["States"]["S"].clone()
}
