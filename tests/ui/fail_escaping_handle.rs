use sfn::StateMachine;
use sfn::builder::{Parallel, Pass};

fn main() {
    let mut m = StateMachine::builder();
    let fan_out = m.declare("Fan out");
    let mut leaked = None;
    m.define(
        fan_out,
        Parallel::new()
            .branch(|b| {
                let inner = b.declare("Inner");
                b.define(inner, Pass::new().end());
                // A branch handle cannot leave its closure.
                leaked = Some(inner);
            })
            .end(),
    );
    let _ = leaked;
}
