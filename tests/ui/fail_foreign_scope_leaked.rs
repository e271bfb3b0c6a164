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
                leaked = Some(inner);
            })
            .end(),
    );
    let after = m.declare("After");
    // `inner` belongs to the branch: the top level cannot go to it.
    m.define(after, Pass::new().next(leaked.unwrap()));
}
