use sfn::StateMachine;
use sfn::builder::Pass;

fn main() {
    let mut m = StateMachine::builder();
    let a = m.declare("A");
    let b = m.declare("B");
    m.define(a, Pass::new().end().next(b));
    m.define(b, Pass::new().end());
}
