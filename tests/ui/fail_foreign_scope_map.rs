use sfn::StateMachine;
use sfn::builder::{Catch, Choice, Condition, Map, Pass, Task, errors};

fn main() {
    let mut m = StateMachine::builder();
    let each = m.declare("Each");
    let failed = m.declare("Failed");
    m.define(
        each,
        Map::new()
            .items_path("$.items")
            .item_processor(|p| {
                let check = p.declare("Check");
                let work = p.declare("Work");
                // `failed` belongs to the top-level scope, not to this processor.
                p.define(
                    check,
                    Choice::new()
                        .when(Condition::is_present("$.id", true), work)
                        .otherwise(failed),
                );
                p.define(
                    work,
                    Task::new("arn:aws:states:::lambda:invoke")
                        .catch(Catch::on(errors::ALL).next(failed))
                        .end(),
                );
            })
            .end(),
    );
    m.define(failed, Pass::new().end());
}
