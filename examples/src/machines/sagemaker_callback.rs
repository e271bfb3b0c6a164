//! Seed 000: the wait-for-callback alternative to the job poller.

use super::sagemaker_poller::{DEPLOY_MODEL, PREPARE_DATA, invoke};
use sfn::builder::{Catch, Fail, Resource, Succeed, Task, errors};
use sfn::{Diagnostics, StateMachine, path, payload};

/// The "Wait for Callback token" pattern of seed document `000_cab09ce9898ec59e.txt`
/// (its last section), around the same prepare / deploy steps as
/// [`sagemaker_poller`](super::sagemaker_poller).
///
/// The document describes it in prose only (no ASL), for a job that is not an AWS service and
/// has no status API to poll: a Lambda starts the job and stores the task token
/// (`$$.Task.Token`, unique per task); when the job is done it sends the token back with
/// `SendTaskSuccess` or `SendTaskFailure`, and the execution goes on. This is the natural ASL
/// for it:
///
/// * `Start Job and Wait for Callback` invokes the Lambda with the `.waitForTaskToken`
///   integration pattern and passes the token in the payload (`build()` fails with `SFN033`
///   if it does not: the execution would wait forever);
/// * `TimeoutSeconds` (1 hour) is the document's "time out after which a job still
///   processing counts as failed"; `HeartbeatSeconds` (5 minutes) fails it sooner when the
///   job stops sending `SendTaskHeartbeat`;
/// * a Catch of `States.Timeout` and `States.HeartbeatTimeout` ends in `Job Timed Out`; any
///   other error (the job's `SendTaskFailure`, or the Lambda failing) in `Job Failed`, which
///   reports the error and cause it caught.
///
/// The callback task has no Retry on purpose: a retry would invoke the Lambda again with a new
/// token, while the first invocation may already have handed its token to the job.
pub fn sagemaker_callback() -> Result<StateMachine, Diagnostics> {
    const START_JOB: &str = "arn:aws:lambda:us-east-1:111122223333:function:start-job:$LATEST";

    let mut m = StateMachine::builder();
    m.comment(
        "Starts a job that has no status API from a Lambda and waits until the job sends the \
         task token back (SendTaskSuccess / SendTaskFailure).",
    );
    let prepare = m.declare("Prepare Data");
    let run_job = m.declare("Start Job and Wait for Callback");
    let deploy = m.declare("Deploy Model");
    let timed_out = m.declare("Job Timed Out");
    let failed = m.declare("Job Failed");
    let success = m.declare("Success");

    m.define(prepare, invoke(PREPARE_DATA).next(run_job));
    m.define(
        run_job,
        Task::new(Resource::lambda_invoke().wait_for_task_token())
            .parameters(payload! {
                "FunctionName": START_JOB,
                "Payload": {
                    "Input": path!("$"),
                    "TaskToken": path!("$$.Task.Token"),
                },
            })
            .timeout_seconds(3600)
            .heartbeat_seconds(300)
            .catch(
                Catch::on([errors::TIMEOUT, errors::HEARTBEAT_TIMEOUT])
                    .result_path(path!("$.error"))
                    .next(timed_out),
            )
            .catch(
                Catch::on([errors::ALL])
                    .result_path(path!("$.error"))
                    .next(failed),
            )
            .next(deploy),
    );
    m.define(deploy, invoke(DEPLOY_MODEL).next(success));
    m.define(
        timed_out,
        Fail::new()
            .error("JobTimedOut")
            .cause("The job sent no heartbeat or callback in time."),
    );
    m.define(
        failed,
        Fail::new()
            .error_path(path!("$.error.Error"))
            .cause_path(path!("$.error.Cause")),
    );
    m.define(success, Succeed::new());
    m.build()
}
