use sfn::StateMachine;
use sfn::builder::{Map, Parallel, Pass};

fn main() {
    let mut m = StateMachine::builder();
    let fan_out = m.declare("Fan out");
    let done = m.declare("Done");
    m.define(
        fan_out,
        Parallel::new()
            .branch(|b| {
                let each = b.declare("Each");
                b.define(
                    each,
                    Map::new()
                        .items_path("$.items")
                        .item_processor(|p| {
                            let item = p.declare("Item");
                            // `done` is two scopes out: top level, then the branch.
                            p.define(item, Pass::new().next(done));
                        })
                        .end(),
                );
            })
            .next(done),
    );
    m.define(done, Pass::new().end());
}
