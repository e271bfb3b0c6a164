//! Everything the builder accepts, in one machine: it must compile and build.

use sfn::builder::{
    Catch, Choice, Condition, Fail, Map, Parallel, Pass, PathExt, Resource, Retry, Succeed, Task,
    Wait, errors,
};
use sfn::{ExecutionType, StateMachine, intrinsic, path, payload};

fn main() {
    let mut m = StateMachine::builder();
    let submit = m.declare("Submit");
    let wait = m.declare("Wait");
    let check = m.declare("Check");
    let fan_out = m.declare("Fan out");
    let each = m.declare("Each");
    let failed = m.declare("Failed");
    let done = m.declare("Done");

    m.define(
        submit,
        Task::new(Resource::batch_submit_job().sync())
            .parameters(payload! {
                "JobName": path!("$.name"),
                "JobQueue": "queue",
                "Id": intrinsic!("States.UUID()"),
                "Context": { "Token": path!("$$.Task.Token") },
            })
            .result_path(path!("$.job"))
            .retry(Retry::on([errors::ALL]).max_attempts(1))
            .retry(Retry::on(errors::lambda::TRANSIENT).interval_seconds(2))
            .catch(Catch::on([errors::ALL]).result_path("$.error").next(failed))
            .next(wait),
    );
    m.define(wait, Wait::seconds(30).next(check));
    m.define(
        check,
        Choice::new()
            .when(path!("$.job.Status").equals("FAILED"), failed)
            .when(
                Condition::string_equals(path!("$.job.Status"), "SUCCEEDED"),
                fan_out,
            )
            .otherwise(wait),
    );
    m.define(
        fan_out,
        Parallel::new()
            .branch(|b| {
                let a = b.declare("Branch A");
                let z = b.declare("Branch Z");
                b.define(a, Pass::new().next(z));
                b.define(z, Succeed::new());
            })
            .next(each),
    );
    m.define(
        each,
        Map::new()
            .items_path(path!("$.items"))
            .distributed(ExecutionType::Standard, |p| {
                let one = p.declare("One");
                p.define(one, Pass::new().end());
            })
            .next(done),
    );
    m.define(failed, Fail::new().error("JobFailed"));
    m.define(done, Succeed::new());

    let machine = m.build().expect("valid");
    assert_eq!(machine.states.len(), 7);
}
