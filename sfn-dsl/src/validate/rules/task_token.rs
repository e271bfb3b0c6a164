//! A `.waitForTaskToken` task must pass its task token.

use super::declare;

declare! {
    MissingTaskToken = "033", lint(Correctness, Warn), "waitForTaskToken task does not pass the task token", aws: "",
        span: value, reads: together [Resource, Parameters, Arguments],
        what: "A `.waitForTaskToken` task never passes `$$.Task.Token` (JSONata: `$states.context.Task.Token`), so nobody can ever call `SendTaskSuccess` and the execution waits until it times out.",
        failing: "`\"Resource\": \"arn:aws:states:::sqs:sendMessage.waitForTaskToken\"` without the token.",
        fix: "`\"Parameters\": {\"MessageBody\": {\"TaskToken.$\": \"$$.Task.Token\"}}`.";
}
