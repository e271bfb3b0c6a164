//! Seed 003: Glue, Lambda and SNS — the three workflows of the article, built from shared
//! fragments.
//!
//! The ARNs and names are the article's own placeholders (`REGION`, `ACCOUNT_ID`,
//! `FUNCTION_NAME`, `TOPIC_ARN`, `GLUE_JOB_NAME`), to be replaced before deployment; they are
//! kept so that the machines equal the seed definitions. `sfn validate` accepts them: the
//! Lambda ARN has the shape of an ARN, and the others are literal parameter values.

use sfn::builder::{
    Catch, Choice, Fail, HasNext, PathExt, Resource, ScopeBuilder, StateId, Task, errors,
};
use sfn::{Diagnostics, StateMachine, path, payload};

/// The Lambda that runs the Athena query (`Fetch Data`) and the one that reads the
/// configuration (`Fetch Config`): the same placeholder in the article.
const FUNCTION: &str = "arn:aws:lambda:REGION:ACCOUNT_ID:function:FUNCTION_NAME";
/// The SNS topic the results and errors are published to.
const TOPIC: &str = "TOPIC_ARN";

/// `Run Glue Job` / `Glue Job A` / `Glue Job B`: start the Glue job and wait until it
/// finishes (`.sync`).
fn glue_job<'s>(job_name: &str) -> Task<'s> {
    Task::new(Resource::glue_start_job_run().sync()).parameters(payload! { "JobName": job_name })
}

/// The article's Catch: any error, keep the input and put the error under `$.error`, go to
/// `notify`.
fn on_error(notify: StateId<'_>) -> Catch<'_, HasNext> {
    Catch::on([errors::ALL])
        .result_path(path!("$.error"))
        .next(notify)
}

/// Declares and defines `Fetch Data` → `SNS Notify`, the end of every variant: a Lambda
/// queries Athena (its result goes to `$.data.lambdaresult`, and only `$.data` is passed
/// on), then the result is published to SNS. Returns the handle of `Fetch Data`.
fn fetch_and_notify<'s>(b: &mut ScopeBuilder<'s>) -> StateId<'s> {
    let fetch = b.declare("Fetch Data");
    let notify = b.declare("SNS Notify");
    b.define(
        fetch,
        Task::new(Resource::lambda_function(FUNCTION))
            .result_path(path!("$.data.lambdaresult"))
            .output_path(path!("$.data"))
            .next(notify),
    );
    b.define(
        notify,
        Task::new(Resource::sns_publish())
            .parameters(payload! {
                "TopicArn": TOPIC,
                "Subject": "[SQL QUERY]: Here's your query result",
                "Message": path!("$.data.lambdaresult"),
            })
            .end(),
    );
    fetch
}

/// Declares and defines `Notify Error Message` → `Workflow Failure`: publish the caught error
/// to SNS, then fail the execution (without the Fail state it would end as succeeded after
/// the notification, as the article points out). Returns the handle of `Notify Error Message`.
fn notify_failure<'s>(b: &mut ScopeBuilder<'s>) -> StateId<'s> {
    let notify = b.declare("Notify Error Message");
    let failure = b.declare("Workflow Failure");
    b.define(
        notify,
        Task::new(Resource::sns_publish())
            .parameters(payload! {
                "TopicArn": TOPIC,
                "Subject": "[ERROR]: Step Functions workflow failed",
                "Message": path!("$.error"),
            })
            .next(failure),
    );
    b.define(failure, Fail::new());
    notify
}

/// The first workflow of seed document `003_c1d065357b917973.txt` ("AWS Step Functions :
/// L'orchestrateur de services Serverless", `seed-003-a-glue-lambda-sns.json`): wait for one
/// job before starting the next.
///
/// A Glue job fills the data catalog, then a Lambda runs an Athena query on it, then the
/// result is sent to the customer through SNS.
pub fn glue_lambda_sns() -> Result<StateMachine, Diagnostics> {
    let mut m = StateMachine::builder();
    let run_glue = m.declare("Run Glue Job");
    let fetch = fetch_and_notify(&mut m);
    m.define(run_glue, glue_job("GLUE_JOB_NAME").next(fetch));
    m.build()
}

/// The second workflow of seed document `003_c1d065357b917973.txt`
/// (`seed-003-b-with-catch.json`): [`glue_lambda_sns`] with error handling.
///
/// A Catch of `States.ALL` on the Glue job sends the error to the customer through SNS and
/// then fails the execution.
pub fn glue_lambda_sns_catch() -> Result<StateMachine, Diagnostics> {
    let mut m = StateMachine::builder();
    let run_glue = m.declare("Run Glue Job");
    let fetch = fetch_and_notify(&mut m);
    let notify_error = notify_failure(&mut m);
    m.define(
        run_glue,
        glue_job("GLUE_JOB_NAME")
            .catch(on_error(notify_error))
            .next(fetch),
    );
    m.build()
}

/// The third workflow of seed document `003_c1d065357b917973.txt`
/// (`seed-003-c-with-choice.json`): run job A or job B depending on a previous result.
///
/// A Lambda returns a configuration (`$.data.configuration`, then `$.configuration` once
/// `OutputPath` keeps only `$.data`); a Choice runs Glue job B on `"Choice B"` and job A on
/// `"Choice A"` or anything else (the `Default`). Both jobs go on to [`glue_lambda_sns`]'s
/// query and notification, and have [`glue_lambda_sns_catch`]'s error handling.
pub fn glue_lambda_sns_choice() -> Result<StateMachine, Diagnostics> {
    let mut m = StateMachine::builder();
    let fetch_config = m.declare("Fetch Config");
    let choose = m.declare("Choice Glue");
    let job_a = m.declare("Glue Job A");
    let job_b = m.declare("Glue Job B");
    let fetch = fetch_and_notify(&mut m);
    let notify_error = notify_failure(&mut m);

    m.define(
        fetch_config,
        Task::new(Resource::lambda_function(FUNCTION))
            .result_path(path!("$.data.configuration"))
            .output_path(path!("$.data"))
            .next(choose),
    );
    let configuration = path!("$.configuration");
    m.define(
        choose,
        Choice::new()
            .when(configuration.clone().equals("Choice A"), job_a)
            .when(configuration.equals("Choice B"), job_b)
            .otherwise(job_a),
    );
    for (job, name) in [(job_a, "GLUE_JOB_A_NAME"), (job_b, "GLUE_JOB_B_NAME")] {
        m.define(
            job,
            glue_job(name).catch(on_error(notify_error)).next(fetch),
        );
    }
    m.build()
}
