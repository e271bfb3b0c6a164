//! The characters of an error name are not a list of error names.

use sfn::builder::{Catch, Pass};

fn main() {
    let mut m = sfn::StateMachine::builder();
    let done = m.declare("Done");
    let _ = Catch::on("States.ALL".chars()).next(done);
    m.define(done, Pass::new().end());
}
