//! `Retry::on` and `Catch::on` take one error name or several; `.chars()` of a name does not
//! compile (it once did, and made one name of each character).

use sfn::builder::{Catch, Pass, Resource, Retry, Task, errors};
use sfn::StateMachine;

fn main() {
    let mut m = StateMachine::builder();
    let call = m.declare("Call");
    let failed = m.declare("Failed");
    let custom = String::from("MyError");
    m.define(
        call,
        Task::new(Resource::lambda_invoke())
            .retry(Retry::on(errors::TIMEOUT).max_attempts(2))
            .retry(Retry::on([errors::TASK_FAILED, "Other"]))
            .retry(Retry::on(vec![custom.clone()]))
            .catch(Catch::on(custom).next(failed))
            .catch(Catch::on(errors::ALL).next(failed))
            .end(),
    );
    m.define(failed, Pass::new().end());
    let machine = m.build().expect("valid");
    let json = sfn::to_json_pretty(&machine);
    assert!(json.contains("\"ErrorEquals\": [\n            \"States.ALL\"\n          ]"), "{json}");
}
