//! The Choice state and its rules.

use super::common::{prefixed, setters, shared_setters};
use super::condition::Condition;
use super::depth::{SameScope, StateOfScope, Top};
use super::empty;
use super::scope::{Brand, StateId, Target};
use super::typestate::{Draft, IntoState, Slot, sealed};
use crate::diagnostic::Diagnostic;
use crate::model::{self, ChoiceRule, State};
use crate::payload::PayloadValue;
use std::marker::PhantomData;

/// A Choice rule with the optional fields of a top-level rule: `Comment`, `Assign`,
/// `Output`. A [`Condition`] converts into a plain rule.
///
/// ```
/// use sfn::builder::{Choice, Condition, Rule, Succeed};
/// use sfn::model::StateMachine;
/// use sfn::payload;
///
/// let mut m = StateMachine::builder();
/// let check = m.declare("Check");
/// let done = m.declare("Done");
/// m.define(check, Choice::new()
///     .when(Rule::new(Condition::is_present("$.result", true))
///         .comment("has a result")
///         .assign(payload! { "seen": true }), done)
///     .otherwise(done));
/// m.define(done, Succeed::new());
/// let json = sfn::serde_json::to_value(m.build().unwrap()).unwrap();
/// assert_eq!(json["States"]["Check"]["Choices"][0]["Comment"], "has a result");
/// assert_eq!(json["States"]["Check"]["Choices"][0]["Assign"]["seen"], true);
/// ```
#[derive(Debug, Clone)]
pub struct Rule {
    condition: Condition,
    comment: Option<String>,
    assign: Option<PayloadValue>,
    output: Option<PayloadValue>,
}

impl Rule {
    /// A rule testing `condition`.
    pub fn new(condition: Condition) -> Self {
        Rule {
            condition,
            comment: None,
            assign: None,
            output: None,
        }
    }
}

setters!([] Rule, on self {
    /// `Comment` of the rule.
    pub fn comment(mut self, comment: impl Into<String>) -> Self => comment = comment.into();
    /// `Assign`: variables set when the rule matches.
    pub fn assign(mut self, assign: impl Into<PayloadValue>) -> Self => assign = assign.into();
    /// `Output` (JSONata): the state's output when the rule matches.
    pub fn output(mut self, output: impl Into<PayloadValue>) -> Self => output = output.into();
});

impl From<Condition> for Rule {
    fn from(condition: Condition) -> Self {
        Rule::new(condition)
    }
}

/// A Choice state: the first rule that matches picks the next state; `Default` (here
/// [`otherwise`](Choice::otherwise)) when none does. It has no `next` or `end`.
///
/// ```
/// use sfn::builder::{Choice, Condition, Fail, Succeed, Wait};
/// use sfn::model::StateMachine;
/// use sfn::serde_json::json;
///
/// let mut m = StateMachine::builder();
/// let check = m.declare("Job Complete?");
/// let failed = m.declare("Job Failed");
/// let done = m.declare("Done");
/// let wait = m.declare("Wait");
/// m.define(check, Choice::new()
///     .when(Condition::string_equals("$.status", "FAILED"), failed)
///     .when(Condition::string_equals("$.status", "SUCCEEDED"), done)
///     .otherwise(wait));
/// m.define(failed, Fail::new());
/// m.define(done, Succeed::new());
/// m.define(wait, Wait::seconds(30).next(check));
/// let json = sfn::serde_json::to_value(m.build().unwrap()).unwrap();
/// assert_eq!(json["States"]["Job Complete?"], json!({
///     "Type": "Choice",
///     "Choices": [
///         { "Variable": "$.status", "StringEquals": "FAILED", "Next": "Job Failed" },
///         { "Variable": "$.status", "StringEquals": "SUCCEEDED", "Next": "Done" }
///     ],
///     "Default": "Wait"
/// }));
/// ```
#[derive(Debug, Clone)]
pub struct Choice<'s, D = Top> {
    /// The state, its rules (`choices`) included: each rule goes into the model as it is
    /// added, so that `define` does not move a thousand rules once more.
    inner: Box<model::Choice>,
    /// The target of each rule of `inner.choices`, in order.
    targets: Vec<Target>,
    default: Option<Target>,
    errs: Vec<Diagnostic>,
    /// Findings of the rules' conditions, reported after `errs`.
    rule_errs: Vec<Diagnostic>,
    _brand: PhantomData<(Brand<'s>, D)>,
}

impl<D> Choice<'_, D> {
    /// A Choice without rules (add them with [`when`](Choice::when)).
    pub fn new() -> Self {
        Choice {
            inner: Box::new(empty::choice()),
            targets: Vec::new(),
            default: None,
            errs: Vec::new(),
            rule_errs: Vec::new(),
            _brand: PhantomData,
        }
    }
}

impl<D> Default for Choice<'_, D> {
    fn default() -> Self {
        Choice::new()
    }
}

impl<'s, D> Choice<'s, D> {
    /// Adds a rule: when `rule` (a [`Condition`] or a [`Rule`]) matches, go to `target` (a
    /// handle of the scope the Choice is defined in, see
    /// [`SameScope`](crate::builder::SameScope)).
    pub fn when<E>(mut self, rule: impl Into<Rule>, target: StateId<'s, E>) -> Self
    where
        D: SameScope<E>,
    {
        let rule = rule.into();
        let (condition, nested_comment, cond_errs) = rule.condition.into_parts();
        if !cond_errs.is_empty() {
            let at = format!("/Choices/{}", self.inner.choices.len());
            self.rule_errs.extend(prefixed(&at, cond_errs));
        }
        self.inner.choices.push(ChoiceRule {
            comment: rule.comment.or(nested_comment),
            condition,
            // written by `define`
            next: String::new(),
            assign: rule.assign,
            output: rule.output,
        });
        self.targets.push(target.target);
        self
    }

    /// `Default`: where to go when no rule matches (without it, the execution fails with
    /// `States.NoChoiceMatched`).
    pub fn otherwise<E>(mut self, target: StateId<'s, E>) -> Self
    where
        D: SameScope<E>,
    {
        self.default = Some(target.target);
        self
    }

    /// `Default`; the same as [`otherwise`](Choice::otherwise), under its ASL name.
    pub fn default<E>(self, target: StateId<'s, E>) -> Self
    where
        D: SameScope<E>,
    {
        self.otherwise(target)
    }
}

impl<'s, E> sealed::State<'s> for Choice<'s, E> {
    fn into_draft(self) -> Draft {
        let mut errs = self.errs;
        errs.extend(self.rule_errs);
        let rules = self.targets.into_iter().enumerate();
        let targets = rules
            .map(|(i, t)| (Slot::Rule(i), t))
            .chain(self.default.map(|t| (Slot::Default, t)))
            .collect();
        Draft::new(State::Choice(self.inner), None, targets, errs)
    }
}

impl<'s, D, E> IntoState<'s, D> for Choice<'s, E> where D: StateOfScope<E> {}

shared_setters!(['s, D] Choice<'s, D>: basic, io, assign);
