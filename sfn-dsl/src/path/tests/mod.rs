//! Unit tests of the path module.

mod fuzz;
mod intrinsic;
mod jsonata;
mod jsonpath;
mod misc;

use super::PathError;

/// Unwraps an error, failing the test with the parsed value when there is none.
fn err<T: std::fmt::Debug>(r: Result<T, PathError>) -> PathError {
    match r {
        Ok(v) => panic!("expected an error, parsed {v:?}"),
        Err(e) => e,
    }
}
