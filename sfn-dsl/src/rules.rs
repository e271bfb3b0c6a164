//! The rule codes. Each code is stable: once published it keeps its number and meaning.
//!
//! Every variant's documentation says what the rule catches, shows a failing fragment and the fix.
//! `sfn validate`, `build()` and the `workflow!` macro report the same codes.

use crate::fields::names as k;
use std::fmt;

macro_rules! codes {
    ($( $name:ident = $num:literal, $kind:expr, $title:literal, aws: $aws:literal,
        what: $what:literal, failing: $failing:literal, fix: $fix:literal; )*) => {
        /// A stable rule code (`SFN001` …).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = concat!("`SFN", $num, "`: ", $what)]
                #[doc = ""]
                #[doc = concat!("Failing: ", $failing)]
                #[doc = ""]
                #[doc = concat!("Fix: ", $fix)]
                $name,
            )*
        }

        impl Code {
            /// Every code, in numeric order.
            pub const ALL: &'static [Code] = &[$(Code::$name),*];

            /// The code as written in reports, e.g. `"SFN011"`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$name => concat!("SFN", $num),)* }
            }

            /// A short title of the rule.
            pub fn title(self) -> &'static str {
                match self { $(Code::$name => $title,)* }
            }

            /// What the rule catches and why it matters.
            pub fn what(self) -> &'static str {
                match self { $(Code::$name => $what,)* }
            }

            /// A fragment that breaks the rule.
            pub fn failing_example(self) -> &'static str {
                match self { $(Code::$name => $failing,)* }
            }

            /// How to fix a finding.
            pub fn fix(self) -> &'static str {
                match self { $(Code::$name => $fix,)* }
            }

            /// Whether the rule is an error (AWS refuses the definition) or a lint, with its
            /// category and default level.
            pub fn kind(self) -> RuleKind {
                match self { $(Code::$name => $kind,)* }
            }

            /// The code of AWS's own validator (`ValidateStateMachineDefinition`) for the same
            /// problem, e.g. `"MISSING_TRANSITION_TARGET"`, when AWS has one.
            pub fn aws_code(self) -> Option<&'static str> {
                match self { $(Code::$name => Some($aws).filter(|c: &&str| !c.is_empty()),)* }
            }

            /// Looks a code up by its text (`"SFN011"`).
            pub fn from_code(s: &str) -> Option<Code> {
                match s { $(concat!("SFN", $num) => Some(Code::$name),)* _ => None }
            }
        }
    };
}

/// How the findings of a rule count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleKind {
    /// AWS refuses such a definition: always an error, whatever the levels say.
    Error,
    /// AWS accepts the definition, but it is probably a mistake: a lint, whose level the user
    /// controls ([`crate::levels::Levels`]).
    Lint {
        /// What kind of mistake it points at.
        category: Category,
        /// The level when the user sets none.
        default: Level,
    },
}

/// What kind of mistake a lint points at (as clippy's lint groups).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// The definition is accepted but cannot work as meant.
    Correctness,
    /// Probably a mistake, though it can be deliberate.
    Suspicious,
    /// A matter of style or readability.
    Style,
}

impl Category {
    /// The category's name in reports and docs.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Correctness => "correctness",
            Category::Suspicious => "suspicious",
            Category::Style => "style",
        }
    }
}

pub use crate::levels::Level;

const ERROR: RuleKind = RuleKind::Error;

const fn lint(category: Category, default: Level) -> RuleKind {
    RuleKind::Lint { category, default }
}

impl Code {
    /// True for a lint (AWS accepts the definition), false for an error.
    pub fn is_lint(self) -> bool {
        matches!(self.kind(), RuleKind::Lint { .. })
    }

    /// The category of a lint; `None` for an error.
    pub fn category(self) -> Option<Category> {
        match self.kind() {
            RuleKind::Lint { category, .. } => Some(category),
            RuleKind::Error => None,
        }
    }

    /// The level a finding has when the user sets none: [`Level::Deny`] for errors.
    pub fn default_level(self) -> Level {
        match self.kind() {
            RuleKind::Lint { default, .. } => default,
            RuleKind::Error => Level::Deny,
        }
    }

    /// The severity findings of this rule have at its default level.
    pub fn default_severity(self) -> crate::Severity {
        match self.default_level() {
            Level::Warn | Level::Allow => crate::Severity::Warning,
            Level::Deny => crate::Severity::Error,
        }
    }

    /// The fields of one state that a rule reads together, for the rules that look at several
    /// (their findings are placed at one of them). `workflow!` leaves such a finding to run time
    /// only when one of these fields holds an interpolated value; every other rule reads only
    /// the field at its finding's pointer.
    pub fn cross_fields(self) -> &'static [&'static str] {
        match self {
            Code::MissingTaskToken => &[k::Resource, k::Parameters, k::Arguments],
            Code::HeartbeatTimeout => &[
                k::TimeoutSeconds,
                k::HeartbeatSeconds,
                k::TimeoutSecondsPath,
                k::HeartbeatSecondsPath,
            ],
            Code::StatesAllPosition => &[k::Retry, k::Catch],
            _ => &[],
        }
    }

    /// True when the rule's findings are about a field's name or presence rather than its value
    /// (an unknown or misplaced field, a name, an unreachable state): reports underline the key
    /// (`sfn validate`) or the key's token (`workflow!`), not the value. (A finding about a
    /// whole object or array, such as a state, underlines its key whatever the rule.)
    pub fn about_key(self) -> bool {
        matches!(
            self,
            Code::UnknownField
                | Code::DuplicateKey
                | Code::ExclusiveFields
                | Code::DistributedOnly
                | Code::TransitionOnTerminal
                | Code::ConflictingTransition
                | Code::JsonPathFieldInJsonata
                | Code::JsonataFieldInJsonPath
                | Code::LiteralLooksLikePath
                | Code::InvalidVariableName
                | Code::StateName
                | Code::DuplicateStateName
                | Code::Unreachable
        )
    }

    /// The rule's level as written in reports and docs: `error`, or e.g. `lint (suspicious,
    /// warn by default)`.
    pub fn level_text(self) -> String {
        match self.kind() {
            RuleKind::Error => "error".to_owned(),
            RuleKind::Lint { category, default } => {
                format!(
                    "lint ({}, {} by default)",
                    category.as_str(),
                    default.as_str()
                )
            }
        }
    }
}

codes! {
    InvalidJson = "001", ERROR, "the input is not a JSON object", aws: "INVALID_JSON_DESCRIPTION",
        what: "The file is not a JSON object: not JSON at all, empty, not UTF-8, nested too deep or too large.",
        failing: "`{\"StartAt\": \"A\",` (truncated).",
        fix: "make the file one JSON object.";
    DuplicateKey = "002", ERROR, "duplicate JSON key", aws: "",
        what: "The same key appears twice in one JSON object. AWS rejects such definitions; most JSON parsers silently keep the last value, so one of the two is lost.",
        failing: "`{\"Type\": \"Pass\", \"Next\": \"A\", \"Next\": \"B\"}`.",
        fix: "remove one of the keys.";
    UnknownField = "003", ERROR, "unknown field", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A field that the object does not have in ASL (often a typo).",
        failing: "`{\"Type\": \"Pass\", \"ResultPth\": \"$.x\", \"End\": true}`.",
        fix: "`\"ResultPath\"`.";
    MissingField = "004", ERROR, "missing required field", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A required field is missing.",
        failing: "`{\"Type\": \"Task\", \"End\": true}` (no `Resource`).",
        fix: "add the field.";
    WrongType = "005", ERROR, "field of the wrong JSON type", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A field has the wrong JSON type.",
        failing: "`{\"Type\": \"Wait\", \"Seconds\": \"10\", \"End\": true}`.",
        fix: "`\"Seconds\": 10`.";
    ExclusiveFields = "006", ERROR, "mutually exclusive fields", aws: "SCHEMA_VALIDATION_FAILED",
        what: "Two fields that exclude each other are both present.",
        failing: "`{\"Type\": \"Wait\", \"Seconds\": 5, \"SecondsPath\": \"$.s\", \"End\": true}`.",
        fix: "keep one.";
    InvalidValue = "007", ERROR, "value not allowed", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A field that takes one of a fixed set of values has another value.",
        failing: "`{\"Type\": \"Tsak\"}` or `\"Mode\": \"distributed\"`.",
        fix: "use one of the listed values.";
    StartAtMissing = "010", ERROR, "StartAt names no state", aws: "MISSING_TRANSITION_TARGET",
        what: "`StartAt` names no state of its `States`.",
        failing: "`{\"StartAt\": \"Frist\", \"States\": {\"First\": …}}`.",
        fix: "name an existing state.";
    UnknownTarget = "011", ERROR, "transition to a state that does not exist", aws: "MISSING_TRANSITION_TARGET",
        what: "`Next`, `Default` or a Catch's `Next` names a state that does not exist in the same scope. Parallel branches and Map processors are scopes of their own: no transition crosses them.",
        failing: "`\"Next\": \"Wiat\"` when the state is `\"Wait\"`.",
        fix: "name a state of the same scope.";
    Unreachable = "012", ERROR, "unreachable state", aws: "MISSING_TRANSITION_TARGET",
        what: "A state that no path from `StartAt` reaches. AWS rejects such definitions.",
        failing: "a state no `Next`, `Default`, Choice rule or Catch points to.",
        fix: "link or delete it.";
    NoTerminal = "013", ERROR, "no reachable terminal state", aws: "MISSING_END_STATE",
        what: "No terminal state (`End: true`, Succeed, Fail) is reachable, so every execution loops forever.",
        failing: "`A → B → A`.",
        fix: "give the loop an exit.";
    StateName = "014", ERROR, "invalid state name", aws: "INVALID_STATE_NAME",
        what: "A state name is empty or longer than 80 characters (AWS's limit).",
        failing: "a 90-character name.",
        fix: "shorten it.";
    DuplicateStateName = "015", ERROR, "duplicate state name", aws: "DUPLICATE_STATE_NAME",
        what: "The same state name is used twice in one machine (AWS requires names to be unique across the whole machine, nested Parallel branches and Map processors included).",
        failing: "a state `\"Done\"` at the top level and another in a Parallel branch.",
        fix: "rename one.";
    MissingTransition = "016", ERROR, "state without Next or End", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A Task, Pass, Wait, Parallel or Map state has neither `Next` nor `End: true`.",
        failing: "`{\"Type\": \"Pass\"}`.",
        fix: "add `\"Next\": \"…\"` or `\"End\": true`.";
    ConflictingTransition = "017", ERROR, "state with both Next and End", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A state has both `Next` and `End: true` (or `End: false`, which AWS also rejects).",
        failing: "`{\"Type\": \"Pass\", \"Next\": \"B\", \"End\": true}`.",
        fix: "keep one.";
    TransitionOnTerminal = "018", ERROR, "Next or End on a Choice, Succeed or Fail state", aws: "SCHEMA_VALIDATION_FAILED",
        what: "Choice, Succeed and Fail states end or branch on their own and take neither `Next` nor `End`.",
        failing: "`{\"Type\": \"Succeed\", \"End\": true}`.",
        fix: "remove the field.";
    ChoiceRuleNext = "019", ERROR, "Choice rule Next misplaced", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A top-level Choice rule without `Next`, or a nested rule (inside `And`/`Or`/`Not`) with one.",
        failing: "`{\"Variable\": \"$.x\", \"IsPresent\": true}` at the top of `Choices`.",
        fix: "add `Next`.";
    ChoiceRuleShape = "020", ERROR, "malformed Choice rule", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A Choice rule is not exactly one comparison: no operator, two operators, no `Variable`, an empty `And`/`Or`, or an empty `Choices` list.",
        failing: "`{\"Variable\": \"$.x\", \"Next\": \"A\"}`.",
        fix: "add exactly one operator such as `\"IsPresent\": true`.";
    StatesAllPosition = "021", ERROR, "States.ALL not alone or not last", aws: "SCHEMA_VALIDATION_FAILED",
        what: "`States.ALL` must be the only error name of its retrier or catcher and that entry must be last.",
        failing: "`\"ErrorEquals\": [\"States.ALL\", \"States.Timeout\"]`.",
        fix: "a separate, last entry.";
    EmptyErrorEquals = "022", ERROR, "empty ErrorEquals", aws: "SCHEMA_VALIDATION_FAILED",
        what: "`ErrorEquals` is empty or holds an empty name.",
        failing: "`\"ErrorEquals\": []`.",
        fix: "list at least one error name.";
    OutOfRange = "023", ERROR, "number out of range", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A number is outside what AWS accepts (e.g. `BackoffRate` < 1, `MaxAttempts` < 0, `TimeoutSeconds` < 1, `Seconds` > 99999999, `ToleratedFailurePercentage` > 100).",
        failing: "`\"BackoffRate\": 0.5`.",
        fix: "use a value in the range the message gives.";
    HeartbeatTimeout = "024", ERROR, "HeartbeatSeconds not below TimeoutSeconds", aws: "SCHEMA_VALIDATION_FAILED",
        what: "`HeartbeatSeconds` is not smaller than `TimeoutSeconds`.",
        failing: "`\"TimeoutSeconds\": 60, \"HeartbeatSeconds\": 60`.",
        fix: "a heartbeat below the timeout.";
    InvalidTimestamp = "025", ERROR, "invalid timestamp", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A timestamp is not an RFC 3339 date-time (`2026-01-01T00:00:00Z`): it needs an uppercase `T` and an offset or `Z`.",
        failing: "`\"Timestamp\": \"2026-01-01 00:00:00\"`.",
        fix: "`\"2026-01-01T00:00:00Z\"`.";
    OperatorValueType = "026", ERROR, "comparison value of the wrong type", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A comparison operator has a value of the wrong type (`NumericEquals` takes a number, `StringEquals` a string, `Is*` a boolean, `…Path` a path).",
        failing: "`\"NumericEquals\": \"5\"`.",
        fix: "`\"NumericEquals\": 5`.";
    InvalidPath = "027", ERROR, "invalid path", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A JSONPath (Path, Reference Path, context path or variable) does not parse, or a field that needs a Reference Path got an expression with filters or wildcards.",
        failing: "`\"InputPath\": \"$.a..b[\"`.",
        fix: "the message gives the byte offset and what was expected.";
    InvalidIntrinsic = "028", ERROR, "invalid intrinsic function", aws: "SCHEMA_VALIDATION_FAILED",
        what: "An intrinsic function call does not parse, is unknown or has the wrong arguments.",
        failing: "`\"States.Format()\"`, `\"States.MathAdd($.a)\"`.",
        fix: "the message gives the expected arity.";
    JsonPathFieldInJsonata = "029", ERROR, "JSONPath field in a JSONata state", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A JSONPath-only field (`InputPath`, `Parameters`, `ResultPath`, `Variable`, `…Path`, …) in a state whose query language is JSONata.",
        failing: "`\"QueryLanguage\": \"JSONata\"` with `\"InputPath\": \"$.x\"`.",
        fix: "use `Arguments`/`Output`.";
    JsonataFieldInJsonPath = "030", ERROR, "JSONata field in a JSONPath state", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A JSONata-only field (`Arguments`, `Output`, `Condition`, `Items`) in a JSONPath state.",
        failing: "`\"Output\": \"{% $states.input %}\"` without `\"QueryLanguage\": \"JSONata\"`.",
        fix: "set the query language, or use the JSONPath fields.";
    InvalidJsonata = "031", ERROR, "invalid JSONata expression", aws: "INVALID_JSONATA_EXPRESSION",
        what: "A JSONata expression is not enclosed as `{% … %}` or its expression does not parse.",
        failing: "`\"Output\": \"{% $states.input\"`.",
        fix: "close it with ` %}`.";
    InvalidVariableName = "032", ERROR, "invalid variable name", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A variable name in `Assign` is not a valid name (letters, digits and `_`, not starting with a digit, at most 80 characters) or is reserved (`states`).",
        failing: "`\"Assign\": {\"1st\": 1}`.",
        fix: "`\"first\"`.";
    MissingTaskToken = "033", lint(Category::Correctness, Level::Warn), "waitForTaskToken task does not pass the task token", aws: "",
        what: "A `.waitForTaskToken` task never passes `$$.Task.Token` (JSONata: `$states.context.Task.Token`), so nobody can ever call `SendTaskSuccess` and the execution waits until it times out.",
        failing: "`\"Resource\": \"arn:aws:states:::sqs:sendMessage.waitForTaskToken\"` without the token.",
        fix: "`\"Parameters\": {\"MessageBody\": {\"TaskToken.$\": \"$$.Task.Token\"}}`.";
    LiteralLooksLikePath = "034", lint(Category::Suspicious, Level::Warn), "literal string that looks like a path", aws: "NO_DOLLAR",
        what: "A payload template field without `.$` has a string that is a path or an intrinsic, so AWS passes the literal text instead of its value.",
        failing: "`\"Parameters\": {\"Id\": \"$.id\"}`.",
        fix: "`\"Id.$\": \"$.id\"`.";
    DistributedOnly = "035", lint(Category::Correctness, Level::Deny), "field only allowed in a Distributed Map", aws: "",
        what: "A Distributed-Map-only field (`ItemReader`, `ItemBatcher`, `ResultWriter`, tolerated failures, `Label`) on an inline Map, or `ExecutionType` on an inline processor.",
        failing: "`\"ItemReader\"` with `\"Mode\": \"INLINE\"`.",
        fix: "`\"Mode\": \"DISTRIBUTED\"`.";
    EmptyStates = "036", ERROR, "no states", aws: "MISSING_TRANSITION_TARGET",
        what: "A `States` object has no states.",
        failing: "`\"States\": {}`.",
        fix: "add at least one state.";
    EmptyCollection = "037", ERROR, "empty list", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A Parallel state has no branches, or a field that must not be empty is empty.",
        failing: "`\"Branches\": []`.",
        fix: "add a branch.";
    StringLength = "038", ERROR, "string too long or empty", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A string field is longer or shorter than AWS allows (e.g. `Label` over 40 characters).",
        failing: "a 50-character `Label`.",
        fix: "shorten it.";
    InvalidCharacter = "039", ERROR, "character not allowed in a name", aws: "INVALID_LABEL_NAME",
        what: "A Map `Label` contains a character AWS does not allow in names: whitespace, brackets (`<>{}[]`), wildcards (`?*`), the special characters `\"#%\\^|~$&,;:/` and the backtick, or a control character. AWS rejects the definition (the label becomes part of the child executions' names).",
        failing: "`\"Label\": \"batch {1}\"`.",
        fix: "`\"Label\": \"batch-1\"`.";
    InvalidResource = "040", ERROR, "Resource names nothing AWS can run", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A Task's `Resource` cannot work: an unterminated `${…}` placeholder, an ARN that ends in `:`, a Lambda function ARN whose function name or alias has characters Lambda does not allow, or an `arn:aws:states:::` optimized integration that does not exist (AWS rejects it as \"not recognized\"; e.g. `dynamodb:query` exists only as the SDK integration `aws-sdk:dynamodb:query`).",
        failing: "`\"Resource\": \"arn:aws:states:::dynamodb:query\"`.",
        fix: "`\"Resource\": \"arn:aws:states:::aws-sdk:dynamodb:query\"`.";
    ResourceNotArn = "041", lint(Category::Correctness, Level::Warn), "Resource is not an ARN", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A Task's `Resource` is not an ARN (`arn:partition:service:…`) nor a `${…}` definition-substitution placeholder. AWS rejects such a definition; test fixtures often use placeholder text that is replaced before deployment, hence only a warning.",
        failing: "`\"Resource\": \"my-function\"`.",
        fix: "`\"Resource\": \"arn:aws:lambda:us-east-1:123456789012:function:my-function\"`.";
    SuspiciousErrorName = "042", lint(Category::Suspicious, Level::Warn), "error name that cannot be right", aws: "",
        what: "An `ErrorEquals` name is one character long, or has leading or trailing whitespace. AWS accepts it, but no error is named like that, so the entry never matches; a list of one-character names is usually a name split into its characters (`\"States.ALL\".chars()`).",
        failing: "`\"ErrorEquals\": [\"S\", \"t\", \"a\", \"t\", \"e\", \"s\", \".\", \"A\", \"L\", \"L\"]`.",
        fix: "`\"ErrorEquals\": [\"States.ALL\"]` (in Rust: `Catch::on(errors::ALL)`).";
    ExpressPattern = "043", ERROR, "integration pattern EXPRESS executions cannot run", aws: "SCHEMA_VALIDATION_FAILED",
        what: "A Task inside the processor of a Distributed Map whose child executions are `EXPRESS` uses the `.sync` or `.waitForTaskToken` integration pattern. Express executions run neither (AWS: \"Express state machine does not support '.waitForTaskToken' service integration\").",
        failing: "`\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"EXPRESS\"}` with a task `\"Resource\": \"arn:aws:states:::batch:submitJob.sync\"`.",
        fix: "`\"ExecutionType\": \"STANDARD\"`, or call the service without the pattern and poll it.";
}

/// The rule reference in Markdown: the content of the repository's `docs/rules.md`.
pub fn reference_markdown() -> String {
    let mut s = String::from(
        "# sfn rules\n\nEvery finding of `sfn validate`, of `build()` and of the `workflow!` macro carries one of these\n\
         codes. A code keeps its number and meaning once published.\n\n\
         This file is generated from `sfn-dsl/src/rules.rs`; `cargo test` fails when it is stale\n\
         (regenerate with `SFN_BLESS=1 cargo test --test docs`).\n\n\
         An **error** is a definition AWS refuses: it cannot be allowed. A **lint** is a definition\n\
         AWS accepts that is probably a mistake; its level (`deny`, `warn`, `allow`) can be changed\n\
         with `sfn validate --deny CODE`, `--warn CODE`, `--allow CODE` and `--deny warnings`, with\n\
         `Generator::levels` and with the builder's `build_with`. The AWS column is the code of\n\
         AWS's own validator (`ValidateStateMachineDefinition`) for the same problem;\n\
         `sfn validate --format json` reports it as `aws_code`.\n\n\
         | code | level | AWS | title |\n|---|---|---|---|\n",
    );
    for c in Code::ALL {
        s.push_str(&format!(
            "| [{c}](#{}) | {} | {} | {} |\n",
            c.as_str().to_lowercase(),
            c.level_text(),
            c.aws_code().map_or("—".to_owned(), |a| format!("`{a}`")),
            c.title()
        ));
    }
    for c in Code::ALL {
        let aws = c
            .aws_code()
            .map_or(String::new(), |a| format!(", AWS: `{a}`"));
        s.push_str(&format!(
            "\n## {c}\n\n**{}** ({}{aws})\n\n{}\n\n- Failing: {}\n- Fix: {}\n",
            c.title(),
            c.level_text(),
            c.what(),
            c.failing_example(),
            c.fix()
        ));
    }
    s
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for &c in Code::ALL {
            assert!(seen.insert(c.as_str()), "duplicate code {c}");
            assert_eq!(Code::from_code(c.as_str()), Some(c));
        }
        assert_eq!(Code::UnknownTarget.as_str(), "SFN011");
        assert_eq!(Code::from_code("SFN999"), None);
    }
}
