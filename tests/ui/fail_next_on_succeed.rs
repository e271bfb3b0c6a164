use sfn::StateMachine;
use sfn::builder::Succeed;

fn main() {
    let mut m = StateMachine::builder();
    let a = m.declare("A");
    let b = m.declare("B");
    m.define(a, Succeed::new().next(b));
}
