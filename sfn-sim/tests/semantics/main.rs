//! The simulator's semantics, piece by piece: intrinsics, data flow (`InputPath`,
//! `Parameters`, `ResultSelector`, `ResultPath`, `OutputPath`), Choice, Wait, Retry back-off on
//! the virtual clock, Catch, timeouts, variables, Map, Parallel, mocks and the history.

mod callbacks;
mod common;
mod dataflow;
mod errors;
mod fan_out;
mod intrinsics;
mod jsonata;
mod mocks;
mod states;
mod variables;
