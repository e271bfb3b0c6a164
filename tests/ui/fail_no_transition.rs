use sfn::StateMachine;
use sfn::builder::{Resource, Task};

fn main() {
    let mut m = StateMachine::builder();
    let work = m.declare("Work");
    m.define(
        work,
        Task::new(Resource::lambda_invoke()).comment("forgot .next/.end"),
    );
}
