//! A `.waitForTaskToken` task must pass its task token.

use super::prelude::*;
use crate::path::{Expr, Root, Segment};
use crate::payload::PayloadValue;

declare! {
    MissingTaskToken = "033", lint(Correctness, Warn), "waitForTaskToken task does not pass the task token", aws: "", span: value, reads: together [Resource, Parameters, Arguments],
        what: "A `.waitForTaskToken` task never passes `$$.Task.Token` (JSONata: `$states.context.Task.Token`), so nobody can ever call `SendTaskSuccess` and the execution waits until it times out.",
        failing: "`\"Resource\": \"arn:aws:states:::sqs:sendMessage.waitForTaskToken\"` without the token.",
        fix: "`\"Parameters\": {\"MessageBody\": {\"TaskToken.$\": \"$$.Task.Token\"}}`.";
}

impl<'m> Validator<'m> {
    pub(crate) fn task_token(&mut self, at: &dyn Fn() -> Pointer, t: &Task, ql: QueryLanguage) {
        if !t.resource.ends_with(".waitForTaskToken") {
            return;
        }
        let mut found = false;
        for payload in [&t.parameters, &t.arguments].into_iter().flatten() {
            payload.for_each_expr(&mut |e| {
                if let Expr::Path(p) = e {
                    found |= is_task_token(p);
                }
                if let Expr::Intrinsic(i) = e {
                    found |= i.as_str().contains("$$.Task.Token");
                }
            });
            payload.for_each_jsonata(&mut |j| {
                found |= j.as_str().contains("$states.context.Task.Token")
            });
            if let PayloadValue::Literal(v) = payload {
                found |= v.to_string().contains("$states.context.Task.Token");
            }
        }
        if !found {
            let example = if ql == QueryLanguage::Jsonata {
                "\"Arguments\": {\"TaskToken\": \"{% $states.context.Task.Token %}\", …}"
            } else {
                "\"Parameters\": {\"TaskToken.$\": \"$$.Task.Token\", …}"
            };
            self.report(Code::MissingTaskToken, at().push(k::Resource).as_str(), "this `.waitForTaskToken` task never passes the task token, so nothing can ever resume it", format!("pass the token to the worker, e.g. {example}"));
        }
    }
}

fn is_task_token(p: &crate::path::Path) -> bool {
    matches!(p.root(), Root::Context)
        && matches!(p.segments(), [Segment::Field(a), Segment::Field(b), ..] if a == "Task" && b == "Token")
}
