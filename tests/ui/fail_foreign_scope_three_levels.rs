// A handle three scopes out has the same depth type as the scope it is used in (depth 4 is
// `Depth1` again), so only the lifetime brand catches it: the error is a lifetime one.
use sfn::StateMachine;
use sfn::builder::{Map, Parallel, Pass};

fn main() {
    let mut m = StateMachine::builder();
    let top = m.declare("Top");
    m.define(
        top,
        Parallel::new()
            .branch(|d1| {
                let outer = d1.declare("Outer");
                d1.define(
                    outer,
                    Map::new()
                        .item_processor(|d2| {
                            let p = d2.declare("P");
                            d2.define(
                                p,
                                Parallel::new()
                                    .branch(|d3| {
                                        let q = d3.declare("Q");
                                        d3.define(
                                            q,
                                            Map::new()
                                                .item_processor(|d4| {
                                                    let r = d4.declare("R");
                                                    d4.define(r, Pass::new().next(outer));
                                                })
                                                .end(),
                                        );
                                    })
                                    .end(),
                            );
                        })
                        .end(),
                );
            })
            .end(),
    );
}
