//! The top-level builder and `build()`.

use super::payload::check_keys;
use super::scope::ScopeBuilder;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::levels::Levels;
use crate::model::{QueryLanguage, StateMachine};
use crate::validate::{FollowOns, validate};
use std::ops::{Deref, DerefMut};

/// Builds a whole [`StateMachine`]: declare the states, define them, then [`build`](Self::build).
///
/// Dereferences to [`ScopeBuilder<'static>`](ScopeBuilder) for `declare`, `define`,
/// `start_at` and `name`; adds the machine-level fields.
///
/// ```
/// use sfn::builder::{MachineBuilder, Pass};
/// use sfn::model::QueryLanguage;
///
/// let mut m = MachineBuilder::new();
/// m.comment("Says hello").timeout_seconds(60).query_language(QueryLanguage::Jsonata);
/// let hello = m.declare("Hello");
/// m.define(hello, Pass::new().output(sfn::serde_json::json!({ "greeting": "hello" })).end());
/// let machine = m.build().unwrap();
/// assert_eq!(
///     sfn::serde_json::to_value(&machine).unwrap(),
///     sfn::serde_json::json!({
///         "Comment": "Says hello",
///         "QueryLanguage": "JSONata",
///         "StartAt": "Hello",
///         "TimeoutSeconds": 60,
///         "States": { "Hello": { "Type": "Pass", "Output": { "greeting": "hello" }, "End": true } }
///     })
/// );
/// ```
#[derive(Debug)]
pub struct MachineBuilder {
    scope: ScopeBuilder<'static>,
    query_language: Option<QueryLanguage>,
    timeout_seconds: Option<i64>,
    version: Option<String>,
}

impl Default for MachineBuilder {
    fn default() -> Self {
        MachineBuilder::new()
    }
}

impl StateMachine {
    /// A new [`MachineBuilder`].
    ///
    /// ```
    /// use sfn::builder::Succeed;
    /// use sfn::model::StateMachine;
    ///
    /// let mut m = StateMachine::builder();
    /// let done = m.declare("Done");
    /// m.define(done, Succeed::new());
    /// assert_eq!(m.build().unwrap().start_at, "Done");
    /// ```
    pub fn builder() -> MachineBuilder {
        MachineBuilder::new()
    }
}

impl MachineBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        MachineBuilder {
            scope: ScopeBuilder::new(),
            query_language: None,
            timeout_seconds: None,
            version: None,
        }
    }

    /// `Comment` of the machine.
    pub fn comment(&mut self, comment: impl Into<String>) -> &mut Self {
        self.scope.comment(comment);
        self
    }

    /// `QueryLanguage` of the machine: the default of every state, in Parallel branches and
    /// Map processors too (`JSONPath` when unset). A branch or a processor has none of its own
    /// (AWS refuses the field there): set it on their states.
    pub fn query_language(&mut self, query_language: QueryLanguage) -> &mut Self {
        self.query_language = Some(query_language);
        self
    }

    /// `TimeoutSeconds`: the maximum run time of an execution.
    pub fn timeout_seconds(&mut self, seconds: i64) -> &mut Self {
        self.timeout_seconds = Some(seconds);
        self
    }

    /// `Version`: the ASL version (only `"1.0"` exists).
    pub fn version(&mut self, version: impl Into<String>) -> &mut Self {
        self.version = Some(version.into());
        self
    }

    /// Assembles the machine in declaration order and validates it.
    ///
    /// Fails with every finding (warnings included) when there is at least one error: a
    /// builder mistake (a state declared but not defined, defined twice, a handle of another
    /// builder, a path string that does not parse, a payload key ending in `.$`) or a finding
    /// of [`validate`](crate::validate::validate). Warnings alone do not fail.
    pub fn build(self) -> Result<StateMachine, Diagnostics> {
        self.build_with(&Levels::new())
    }

    /// [`build`](Self::build) with lint levels: a denied lint fails like an error, an allowed
    /// one is not reported. Errors (definitions AWS refuses) always fail.
    ///
    /// ```
    /// use sfn::builder::{Catch, Pass, Resource, Task, errors};
    /// use sfn::levels::Levels;
    ///
    /// let mut m = sfn::StateMachine::builder();
    /// let call = m.declare("Call");
    /// // Probably a typo: one-character error names (SFN042, a warning by default).
    /// m.define(call, Task::new(Resource::lambda_invoke()).catch(Catch::on(["X"]).next(call)).end());
    /// let mut levels = Levels::new();
    /// levels.deny_warnings();
    /// let err = m.build_with(&levels).unwrap_err();
    /// assert_eq!(err.codes(), [sfn::Code::SuspiciousErrorName]);
    /// ```
    pub fn build_with(self, levels: &Levels) -> Result<StateMachine, Diagnostics> {
        let finished = self.scope.finish();
        let machine = StateMachine {
            comment: finished.comment,
            query_language: self.query_language,
            start_at: finished.start_at,
            timeout_seconds: self.timeout_seconds,
            version: self.version,
            states: finished.states,
        };
        let mut diags = finished.errs;
        diags.extend(check_keys(&machine));
        // A validator finding at the place of a builder finding only repeats it (e.g.
        // `Unreachable` for a state that was never defined).
        let follow_ons = FollowOns::new(&diags);
        let rules: Vec<_> = validate(&machine)
            .into_iter()
            .filter(|d| !follow_ons.leave_out(d))
            .collect();
        diags.extend(rules);
        let diags = levels.apply(diags);
        if diags.iter().any(Diagnostic::is_error) {
            Err(Diagnostics::with_machine(diags, machine))
        } else {
            Ok(machine)
        }
    }
}

impl Deref for MachineBuilder {
    type Target = ScopeBuilder<'static>;
    fn deref(&self) -> &Self::Target {
        &self.scope
    }
}

impl DerefMut for MachineBuilder {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.scope
    }
}
