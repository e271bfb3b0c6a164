//! Seed 000: the SageMaker pipeline job poller.

use super::invoke_retried;
use sfn::builder::{Choice, Fail, Pass, PathExt, Resource, Succeed, Task, Wait};
use sfn::{Diagnostics, StateMachine, path, payload};

/// The Lambda function that prepares the data (of the poller and the callback machine).
pub(super) const PREPARE_DATA: &str =
    "arn:aws:lambda:us-east-1:111122223333:function:prepare-data:$LATEST";
/// The Lambda function that deploys the model (of the poller and the callback machine).
pub(super) const DEPLOY_MODEL: &str =
    "arn:aws:lambda:us-east-1:111122223333:function:deploy-model:$LATEST";

/// `lambda:invoke` as the console writes it, retried 6 times from 2 seconds on.
pub(super) fn invoke<'s>(function: &str) -> Task<'s> {
    invoke_retried(function, 2, 6)
}

/// The SageMaker pipeline poller of seed document `000_cab09ce9898ec59e.txt` ("Convert Async
/// to Sync Call"; its second code block, `seed-000-sagemaker-poller.json`).
///
/// SageMaker's `StartPipelineExecution` has no synchronous (`.sync`) integration, so the
/// machine turns the asynchronous call into a synchronous one with the *job poller* pattern:
/// a Lambda prepares the data, the pipeline is started through the AWS SDK integration, then
/// every 10 seconds `DescribePipelineExecution` is called and a Choice looks at
/// `$.PipelineExecutionStatus` — `Failed` or `Stopped` fail the execution, `Succeeded` goes
/// on to deploy the model, anything else (`Executing`) waits again.
///
/// The document's first pitfall is the one the builder removes: `PipelineExecutionArn` must
/// be written `"PipelineExecutionArn.$"` to pass the value at the path rather than the text
/// `"$.PipelineExecutionArn"`. Here the value is a `path!`, and the `.$` is added by itself.
pub fn sagemaker_poller() -> Result<StateMachine, Diagnostics> {
    let mut m = StateMachine::builder();
    let prepare = m.declare("Prepare Data");
    let start = m.declare("StartPipelineExecution");
    let wait = m.declare("Wait 10 Seconds");
    let describe = m.declare("DescribePipelineExecution");
    let complete = m.declare("Job Complete?");
    let succeeded = m.declare("Job Succeeded");
    let fail = m.declare("Fail");
    let deploy = m.declare("Deploy Model");
    let success = m.declare("Success");

    m.define(prepare, invoke(PREPARE_DATA).next(start));
    m.define(
        start,
        Task::new(Resource::aws_sdk("sagemaker", "startPipelineExecution"))
            .parameters(payload! {
                "ClientRequestToken": "f1048be316aab7153fb0b5c266359571",
                "PipelineName": "my-sagemaker-pipeline",
            })
            .next(wait),
    );
    m.define(wait, Wait::seconds(10).next(describe));
    m.define(
        describe,
        Task::new(Resource::aws_sdk("sagemaker", "describePipelineExecution"))
            .parameters(payload! { "PipelineExecutionArn": path!("$.PipelineExecutionArn") })
            .input_path(path!("$"))
            .next(complete),
    );
    let status = path!("$.PipelineExecutionStatus");
    m.define(
        complete,
        Choice::new()
            .when(status.clone().equals("Failed"), fail)
            .when(status.clone().equals("Succeeded"), succeeded)
            .when(status.equals("Stopped"), fail)
            .otherwise(wait),
    );
    m.define(
        succeeded,
        Pass::new()
            .comment("Placeholder for a state which handles the success.")
            .next(deploy),
    );
    m.define(fail, Fail::new());
    m.define(deploy, invoke(DEPLOY_MODEL).next(success));
    m.define(success, Succeed::new());
    m.build()
}
