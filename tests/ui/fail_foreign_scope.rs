use sfn::StateMachine;
use sfn::builder::{Parallel, Pass};

fn main() {
    let mut m = StateMachine::builder();
    let fan_out = m.declare("Fan out");
    m.define(
        fan_out,
        Parallel::new()
            .branch(|b| {
                let inner = b.declare("Inner");
                // `fan_out` belongs to the top-level scope, not to this branch.
                b.define(inner, Pass::new().next(fan_out));
            })
            .end(),
    );
}
