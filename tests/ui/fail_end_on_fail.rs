use sfn::StateMachine;
use sfn::builder::Fail;

fn main() {
    let mut m = StateMachine::builder();
    let a = m.declare("A");
    m.define(a, Fail::new().error("Boom").end());
}
