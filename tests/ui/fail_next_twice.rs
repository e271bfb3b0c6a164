use sfn::StateMachine;
use sfn::builder::Wait;

fn main() {
    let mut m = StateMachine::builder();
    let a = m.declare("A");
    let b = m.declare("B");
    m.define(a, Wait::seconds(5).next(b).next(b));
}
