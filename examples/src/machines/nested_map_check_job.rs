//! Seed 002: nested Maps that run a Lambda many times and check the results agree.

use super::lambda_invoke;
use sfn::builder::{Choice, Condition, Fail, Map, Retry, Succeed, errors};
use sfn::{Diagnostics, StateMachine, path};

/// The CDK pattern of seed document `002_86ef1044c5181583.txt` ("CDK Patterns - Step
/// Functions"), as `seed-002-cdk-derived.json` translates its TypeScript.
///
/// A numerical Lambda (`clmath`) is suspected of unstable results, so it is run many times in
/// parallel and the results compared: `Split Map` runs, for each input item, `Split Job`
/// (a Lambda that repeats its input 20 times), then `Calc Map` (one `Calc Job` per copy, each
/// keeping only `SHAH_HASH` of the result), then `Check Job` (a Lambda returning whether all
/// hashes are equal), and `Choice Func` succeeds or fails with `Differences found`.
/// `MaxConcurrency: 0` runs as many items at once as possible.
///
/// Written as CDK v1 synthesizes it, so that it equals the seed file field for field:
/// * the Maps use the legacy `Iterator` field (`Map::iterator`; `item_processor` is the
///   modern equivalent);
/// * the explicit `inputPath: "$"` / `outputPath: "$"` of the TypeScript are kept;
/// * CDK's default `LambdaInvoke` retry covers three transient Lambda errors, not
///   `Lambda.TooManyRequestsException`, and only `Split Job` has it in the seed file;
/// * the machine's `Comment` is the one of the seed file (which is a hand translation: the
///   document has no ASL), and `TimeoutSeconds` is the CDK `timeout` of 3600 s.
pub fn nested_map_check_job() -> Result<StateMachine, Diagnostics> {
    const SPLITTER: &str = "arn:aws:lambda:ap-southeast-2:123456789012:function:SplitterFunc";
    const CLMATH: &str = "arn:aws:lambda:ap-southeast-2:123456789012:function:clmath";
    const REDUCER: &str = "arn:aws:lambda:ap-southeast-2:123456789012:function:ReducerFunc";

    let mut m = StateMachine::builder();
    m.comment(
        "Hand-translated from the CDK TypeScript in seed 002 (no ASL JSON in the seed itself). \
         Approximates what CDK v1 sfn/tasks would synthesize.",
    )
    .timeout_seconds(3600);
    let split_map = m.declare("Split Map");
    let final_success = m.declare("FinalSuccess");

    m.define(
        split_map,
        Map::new()
            .max_concurrency(0)
            .iterator(|p| {
                let split = p.declare("Split Job");
                let calc_map = p.declare("Calc Map");
                let check = p.declare("Check Job");
                let choice = p.declare("Choice Func");
                let success = p.declare("Success");
                let differences = p.declare("Differences found");

                p.define(
                    split,
                    lambda_invoke(SPLITTER)
                        .input_path(path!("$"))
                        .output_path(path!("$.Payload"))
                        .retry(
                            Retry::on([
                                errors::lambda::SERVICE_EXCEPTION,
                                errors::lambda::AWS_LAMBDA_EXCEPTION,
                                errors::lambda::SDK_CLIENT_EXCEPTION,
                            ])
                            .interval_seconds(2)
                            .max_attempts(6)
                            .backoff_rate(2.0),
                        )
                        .next(calc_map),
                );
                p.define(
                    calc_map,
                    Map::new()
                        .max_concurrency(0)
                        .iterator(|c| {
                            let calc = c.declare("Calc Job");
                            c.define(
                                calc,
                                lambda_invoke(CLMATH)
                                    .output_path(path!("$.Payload.SHAH_HASH"))
                                    .end(),
                            );
                        })
                        .next(check),
                );
                p.define(
                    check,
                    lambda_invoke(REDUCER)
                        .input_path(path!("$"))
                        .output_path(path!("$"))
                        .next(choice),
                );
                let all_equal = path!("$.Payload");
                p.define(
                    choice,
                    Choice::new()
                        .when(Condition::boolean_equals(all_equal.clone(), true), success)
                        .when(Condition::boolean_equals(all_equal, false), differences),
                );
                p.define(success, Succeed::new());
                p.define(differences, Fail::new());
            })
            .next(final_success),
    );
    m.define(final_success, Succeed::new());
    m.build()
}
