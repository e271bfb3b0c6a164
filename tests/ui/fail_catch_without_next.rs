use sfn::StateMachine;
use sfn::builder::{Catch, Task, errors};

fn main() {
    let mut m = StateMachine::builder();
    let a = m.declare("A");
    m.define(
        a,
        Task::new("arn:aws:states:::lambda:invoke")
            .catch(Catch::on([errors::ALL]))
            .end(),
    );
}
