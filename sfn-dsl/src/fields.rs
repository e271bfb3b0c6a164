//! The ASL field table: every field of every state and of the objects inside a definition,
//! declared once, as data.
//!
//! Each [`Field`] has its JSON name, the objects that have it ([`Owner`]s), what its value is
//! ([`Kind`]) and the query language it belongs to ([`Lang`]). The table's order is the canonical
//! key order: the model's `Serialize` (and so `sfn::to_json_pretty`) writes the members of every
//! object in it, and [`Field::of`] lists an object's fields in it.
//!
//! Every object of the model is declared with its members (`asl_object!` in `model`: the
//! machine, the eight state types, a Parallel branch, an `ItemProcessor`, `ProcessorConfig`, a
//! Retry or Catch entry, `ItemReader`, `ReaderConfig`, `ItemBatcher`, `ResultWriter`,
//! `WriterConfig`), except a Choice rule. Adding a field to one takes one line of the table and
//! one member, `pub name: Type = Field`: the importer reads it and the writer writes it (in the
//! table's order) as its Rust type says ([`crate::model::AslObject`]), the builders' empty state
//! has it empty, and the JSON Schema of `sfn-codegen` gives it the schema of its [`Kind`] and
//! type. A member that holds one of several fields (`Next` or `End`, …) is at the place of the
//! first ([`Field::place`]). The builder's setters, the validator's rules about the field and
//! `sfn-codegen`'s Rust output are written by hand.
//!
//! ```
//! use sfn::fields::{Field, Lang, Owner};
//!
//! assert_eq!(Field::from_name("ResultSelector"), Some(Field::ResultSelector));
//! assert!(Field::ResultSelector.owners().contains(Owner::Map));
//! assert!(!Field::ResultSelector.owners().contains(Owner::Pass));
//! assert_eq!(Field::ResultSelector.lang(), Lang::JsonPath);
//!
//! let pass: Vec<&str> = Field::of(Owner::Pass).map(Field::name).collect();
//! assert_eq!(
//!     pass,
//!     ["Type", "Comment", "QueryLanguage", "InputPath", "Parameters", "Result", "ResultPath",
//!      "OutputPath", "Output", "Assign", "Next", "End"]
//! );
//! ```

use std::fmt;

/// An object of a definition that has fields: a state type, or an object inside one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    /// A Task state.
    Task,
    /// A Pass state.
    Pass,
    /// A Choice state.
    Choice,
    /// A Wait state.
    Wait,
    /// A Succeed state.
    Succeed,
    /// A Fail state.
    Fail,
    /// A Parallel state.
    Parallel,
    /// A Map state.
    Map,
    /// The state machine (the top-level object).
    Machine,
    /// A branch of a Parallel state.
    Branch,
    /// The `ItemProcessor` (or `Iterator`) of a Map state.
    ItemProcessor,
    /// The `ProcessorConfig` of an `ItemProcessor`.
    ProcessorConfig,
    /// An entry of `Retry`.
    Retrier,
    /// An entry of `Catch`.
    Catcher,
    /// A rule of a Choice state's `Choices` (its comparison operators are
    /// [`Operator`](crate::model::Operator)s, not fields of this table).
    ChoiceRule,
    /// The `ItemReader` of a Distributed Map.
    ItemReader,
    /// The `ReaderConfig` of an `ItemReader`.
    ReaderConfig,
    /// The `ItemBatcher` of a Map state.
    ItemBatcher,
    /// The `ResultWriter` of a Distributed Map.
    ResultWriter,
    /// The `WriterConfig` of a `ResultWriter`.
    WriterConfig,
}

impl Owner {
    /// The eight state types, in the order of the ASL specification.
    pub const STATES: [Owner; 8] = [
        Owner::Task,
        Owner::Pass,
        Owner::Choice,
        Owner::Wait,
        Owner::Succeed,
        Owner::Fail,
        Owner::Parallel,
        Owner::Map,
    ];

    /// The state type of a `Type` value (`"Task"` → [`Owner::Task`]).
    pub fn state_type(name: &str) -> Option<Owner> {
        Owner::STATES.into_iter().find(|o| o.name() == name)
    }

    /// The `Type` of a state type; for the other objects, their name in ASL.
    pub const fn name(self) -> &'static str {
        match self {
            Owner::Task => "Task",
            Owner::Pass => "Pass",
            Owner::Choice => "Choice",
            Owner::Wait => "Wait",
            Owner::Succeed => "Succeed",
            Owner::Fail => "Fail",
            Owner::Parallel => "Parallel",
            Owner::Map => "Map",
            Owner::Machine => "state machine",
            Owner::Branch => "Parallel branch",
            Owner::ItemProcessor => "ItemProcessor",
            Owner::ProcessorConfig => "ProcessorConfig",
            Owner::Retrier => "Retry entry",
            Owner::Catcher => "Catch entry",
            Owner::ChoiceRule => "Choice rule",
            Owner::ItemReader => "ItemReader",
            Owner::ReaderConfig => "ReaderConfig",
            Owner::ItemBatcher => "ItemBatcher",
            Owner::ResultWriter => "ResultWriter",
            Owner::WriterConfig => "WriterConfig",
        }
    }

    /// True for the eight state types.
    pub const fn is_state(self) -> bool {
        (self as u8) < 8
    }

    const fn bit(self) -> u32 {
        1 << self as u8
    }
}

/// A set of [`Owner`]s.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Owners(u32);

impl Owners {
    /// Every state type.
    pub const STATES: Owners = Owners((1 << 8) - 1);

    /// The set of `owners`.
    pub const fn of(owners: &[Owner]) -> Owners {
        let mut bits = 0;
        let mut i = 0;
        while i < owners.len() {
            bits |= owners[i].bit();
            i += 1;
        }
        Owners(bits)
    }

    /// This set and `other`.
    pub const fn and(self, other: Owners) -> Owners {
        Owners(self.0 | other.0)
    }

    /// This set without `owner`.
    pub const fn but(self, owner: Owner) -> Owners {
        Owners(self.0 & !owner.bit())
    }

    /// Whether `owner` is in the set.
    pub const fn contains(self, owner: Owner) -> bool {
        self.0 & owner.bit() != 0
    }

    /// The owners in the set, state types first, each in the order of [`Owner`].
    pub fn iter(self) -> impl Iterator<Item = Owner> {
        ALL_OWNERS.into_iter().filter(move |o| self.contains(*o))
    }
}

/// Every owner, in the order of the enum.
const ALL_OWNERS: [Owner; 20] = [
    Owner::Task,
    Owner::Pass,
    Owner::Choice,
    Owner::Wait,
    Owner::Succeed,
    Owner::Fail,
    Owner::Parallel,
    Owner::Map,
    Owner::Machine,
    Owner::Branch,
    Owner::ItemProcessor,
    Owner::ProcessorConfig,
    Owner::Retrier,
    Owner::Catcher,
    Owner::ChoiceRule,
    Owner::ItemReader,
    Owner::ReaderConfig,
    Owner::ItemBatcher,
    Owner::ResultWriter,
    Owner::WriterConfig,
];

/// "Task, Pass and Map states and Catch entries", "every state type but Fail", … for messages.
impl fmt::Display for Owners {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let states = Owners(self.0 & Owners::STATES.0);
        let missing: Vec<String> = Owner::STATES
            .into_iter()
            .filter(|o| !states.contains(*o))
            .map(|o| o.name().to_owned())
            .collect();
        let mut parts = Vec::new();
        if states == Owners::STATES {
            parts.push("every state type".to_owned());
        } else if states.0 != 0 && missing.len() <= 2 {
            parts.push(format!("every state type but {}", missing.join(" and ")));
        } else if states.0 != 0 {
            let names: Vec<String> = states.iter().map(|o| o.name().to_owned()).collect();
            parts.push(format!("{} states", Joined(&names)));
        }
        parts.extend(self.iter().filter(|o| !o.is_state()).map(|o| match o {
            Owner::Machine => "the top level".to_owned(),
            Owner::Branch => "Parallel branches".to_owned(),
            Owner::Retrier => "Retry entries".to_owned(),
            Owner::Catcher => "Catch entries".to_owned(),
            Owner::ChoiceRule => "Choice rules".to_owned(),
            _ => format!("`{}`", o.name()),
        }));
        Joined(&parts).fmt(f)
    }
}

/// Names joined with commas and a final "and".
struct Joined<'a>(&'a [String]);

impl fmt::Display for Joined<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, name) in self.0.iter().enumerate() {
            match i {
                0 => {}
                _ if i + 1 == self.0.len() => f.write_str(" and ")?,
                _ => f.write_str(", ")?,
            }
            f.write_str(name)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Owners {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// What the value of a field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A string: a name, an ARN, a comment, a state's name, an enumeration value.
    Text,
    /// A boolean (`End`).
    Bool,
    /// A number, or in JSONata a `{% … %}` expression (`TimeoutSeconds`, `MaxItems`, …).
    Number,
    /// A JSONPath path (`InputPath`, `ItemsPath`, `Variable`).
    Path,
    /// A JSONPath reference path: names and indexes only (`ResultPath`, which writes where it
    /// points, and `ItemsPath`).
    ReferencePath,
    /// The JSONPath twin of a field (`TimeoutSecondsPath` of `TimeoutSeconds`): the same value,
    /// read from the state input. A definition has one of the two.
    PathOf(Field),
    /// A payload template: a JSON value whose `.$` keys are paths and intrinsic functions, or,
    /// in JSONata, whose strings may be `{% … %}` expressions (`Parameters`, `Arguments`, …).
    Payload,
    /// A literal JSON value, taken as written (`Result`).
    Literal,
    /// A JSONata condition, or a boolean (`Condition`).
    Condition,
    /// A list of strings (`ErrorEquals`, `CSVHeaders`).
    Strings,
    /// An object with fields of its own ([`Owner`]).
    Object(Owner),
    /// A list of objects with fields of their own ([`Owner`]).
    List(Owner),
    /// The named states of a scope (`States`).
    States,
}

/// What JSON a payload field ([`Kind::Payload`]) takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PayloadShape {
    /// A JSON object (`Assign`).
    Object,
    /// An object, or a `{% %}` string (`Arguments`, `Credentials`).
    ObjectOrJsonata,
    /// Any JSON value (`Parameters`, `Output`, `Items`, …).
    Any,
}

/// The query language a field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Both: the field means the same in either.
    Any,
    /// Only in a JSONPath state (AWS rejects it in a JSONata state).
    JsonPath,
    /// Only in a JSONata state (AWS rejects it in a JSONPath state).
    Jsonata,
}

const fn owners(list: &[Owner]) -> Owners {
    Owners::of(list)
}

/// The states that pass data on through `Output` and `Assign`: every type but Succeed and Fail.
const PASSING: Owners = Owners::STATES.but(Owner::Succeed).but(Owner::Fail);
/// The states with a `Next` or `End`.
const TRANSITIONS: Owners = owners(&[
    Owner::Task,
    Owner::Pass,
    Owner::Wait,
    Owner::Parallel,
    Owner::Map,
]);
/// Task, Parallel and Map: the states that shape a result and handle errors.
const WORKERS: Owners = owners(&[Owner::Task, Owner::Parallel, Owner::Map]);
/// The scopes: the machine, a Parallel branch, a Map's processor.
const SCOPES: Owners = owners(&[Owner::Machine, Owner::Branch, Owner::ItemProcessor]);
/// What reads or writes S3 in a Distributed Map.
const S3_IO: Owners = owners(&[Owner::ItemReader, Owner::ResultWriter]);

macro_rules! fields {
    ($($(#[doc = $doc:literal])* $(#[cfg($cfg:meta)])?
        $field:ident = $name:literal, $kind:expr, $lang:ident, $owners:expr;)*) => {
        /// A field of ASL, in the canonical key order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field {
            $($(#[doc = $doc])* $(#[cfg($cfg)])? $field,)*
        }

        /// The JSON name of every field as a constant (`names::ResultSelector` is
        /// `"ResultSelector"`), for code that reads or writes a field by name: the name is spelled
        /// only in the table.
        #[allow(non_upper_case_globals)]
        pub mod names {
            $($(#[cfg($cfg)])? #[doc = concat!("`", $name, "`")] pub const $field: &str = $name;)*
        }

        impl Field {
            /// Every field, in the canonical key order.
            pub const ALL: &'static [Field] = &[$($(#[cfg($cfg)])? Field::$field),*];

            /// The field's JSON name.
            pub const fn name(self) -> &'static str {
                match self {
                    $($(#[cfg($cfg)])? Field::$field => $name,)*
                }
            }

            /// The field of a JSON name.
            pub fn from_name(name: &str) -> Option<Field> {
                match name {
                    $($(#[cfg($cfg)])? $name => Some(Field::$field),)*
                    _ => None,
                }
            }

            /// What the field's value is.
            pub const fn kind(self) -> Kind {
                match self {
                    $($(#[cfg($cfg)])? Field::$field => $kind,)*
                }
            }

            /// The query language the field belongs to.
            pub const fn lang(self) -> Lang {
                match self {
                    $($(#[cfg($cfg)])? Field::$field => Lang::$lang,)*
                }
            }

            /// The objects that have the field.
            pub const fn owners(self) -> Owners {
                match self {
                    $($(#[cfg($cfg)])? Field::$field => $owners,)*
                }
            }
        }
    };
}

fields! {
    /// A state's type.
    Type = "Type", Kind::Text, Any, Owners::STATES;
    /// A human-readable note.
    Comment = "Comment", Kind::Text, Any, Owners::STATES.and(SCOPES).and(owners(&[Owner::Retrier, Owner::Catcher, Owner::ChoiceRule]));
    /// `JSONPath` or `JSONata`: of the machine or a state. AWS refuses it on a Map's
    /// `ItemProcessor`/`Iterator` (and a Parallel branch), whose states use the machine's.
    QueryLanguage = "QueryLanguage", Kind::Text, Any, Owners::STATES.and(owners(&[Owner::Machine]));
    /// `INLINE` or `DISTRIBUTED`.
    Mode = "Mode", Kind::Text, Any, owners(&[Owner::ProcessorConfig]);
    /// `STANDARD` or `EXPRESS` (child executions of a Distributed Map).
    ExecutionType = "ExecutionType", Kind::Text, Any, owners(&[Owner::ProcessorConfig]);
    /// How a Map runs its processor.
    ProcessorConfig = "ProcessorConfig", Kind::Object(Owner::ProcessorConfig), Any, owners(&[Owner::ItemProcessor]);
    /// The first state of a scope.
    StartAt = "StartAt", Kind::Text, Any, SCOPES;
    /// The ARN or integration URI of the work.
    Resource = "Resource", Kind::Text, Any, owners(&[Owner::Task]).and(S3_IO);
    /// How an `ItemReader` reads the items.
    ReaderConfig = "ReaderConfig", Kind::Object(Owner::ReaderConfig), Any, owners(&[Owner::ItemReader]);
    /// How a `ResultWriter` writes the results.
    WriterConfig = "WriterConfig", Kind::Object(Owner::WriterConfig), Any, owners(&[Owner::ResultWriter]);
    /// The format of the items (`CSV`, `JSON`, `JSONL`, `MANIFEST`, `PARQUET`).
    InputType = "InputType", Kind::Text, Any, owners(&[Owner::ReaderConfig]);
    /// The kind of manifest (`S3_INVENTORY`, `ATHENA_DATA`).
    ManifestType = "ManifestType", Kind::Text, Any, owners(&[Owner::ReaderConfig]);
    /// Where a CSV file's column names come from (`FIRST_ROW`, `GIVEN`).
    CsvHeaderLocation = "CSVHeaderLocation", Kind::Text, Any, owners(&[Owner::ReaderConfig]);
    /// The column names of a CSV file.
    CsvHeaders = "CSVHeaders", Kind::Strings, Any, owners(&[Owner::ReaderConfig]);
    /// The delimiter of a CSV file.
    CsvDelimiter = "CSVDelimiter", Kind::Text, Any, owners(&[Owner::ReaderConfig]);
    /// The most items read.
    MaxItems = "MaxItems", Kind::Number, Any, owners(&[Owner::ReaderConfig]);
    /// `MaxItems` from the state input.
    MaxItemsPath = "MaxItemsPath", Kind::PathOf(Field::MaxItems), JsonPath, owners(&[Owner::ReaderConfig]);
    /// The most items in one batch.
    MaxItemsPerBatch = "MaxItemsPerBatch", Kind::Number, Any, owners(&[Owner::ItemBatcher]);
    /// `MaxItemsPerBatch` from the state input.
    MaxItemsPerBatchPath = "MaxItemsPerBatchPath", Kind::PathOf(Field::MaxItemsPerBatch), JsonPath, owners(&[Owner::ItemBatcher]);
    /// The most bytes in one batch.
    MaxInputBytesPerBatch = "MaxInputBytesPerBatch", Kind::Number, Any, owners(&[Owner::ItemBatcher]);
    /// `MaxInputBytesPerBatch` from the state input.
    MaxInputBytesPerBatchPath = "MaxInputBytesPerBatchPath", Kind::PathOf(Field::MaxInputBytesPerBatch), JsonPath, owners(&[Owner::ItemBatcher]);
    /// What every batch gets besides its items.
    BatchInput = "BatchInput", Kind::Payload, Any, owners(&[Owner::ItemBatcher]);
    /// `NONE` or `COMPACT` results.
    OutputType = "OutputType", Kind::Text, Any, owners(&[Owner::WriterConfig]);
    /// How the results are transformed.
    Transformation = "Transformation", Kind::Text, Any, owners(&[Owner::WriterConfig]);
    /// A field of the tests (`crate::model::object`'s): a new field is this line and a member.
    #[cfg(test)]
    TestSeconds = "TestSeconds", Kind::Number, Any, owners(&[Owner::WriterConfig]);
    /// The role a Task assumes.
    Credentials = "Credentials", Kind::Payload, Any, owners(&[Owner::Task]);
    /// The errors an entry handles.
    ErrorEquals = "ErrorEquals", Kind::Strings, Any, owners(&[Owner::Retrier, Owner::Catcher]);
    /// Seconds before the first retry.
    IntervalSeconds = "IntervalSeconds", Kind::Number, Any, owners(&[Owner::Retrier]);
    /// The most retries.
    MaxAttempts = "MaxAttempts", Kind::Number, Any, owners(&[Owner::Retrier]);
    /// The factor between retry intervals.
    BackoffRate = "BackoffRate", Kind::Number, Any, owners(&[Owner::Retrier]);
    /// The longest retry interval.
    MaxDelaySeconds = "MaxDelaySeconds", Kind::Number, Any, owners(&[Owner::Retrier]);
    /// `FULL` or `NONE`.
    JitterStrategy = "JitterStrategy", Kind::Text, Any, owners(&[Owner::Retrier]);
    /// The path a JSONPath rule compares.
    Variable = "Variable", Kind::Path, JsonPath, owners(&[Owner::ChoiceRule]);
    /// A JSONata rule's condition.
    Condition = "Condition", Kind::Condition, Jsonata, owners(&[Owner::ChoiceRule]);
    /// All of the nested rules.
    And = "And", Kind::List(Owner::ChoiceRule), JsonPath, owners(&[Owner::ChoiceRule]);
    /// Any of the nested rules.
    Or = "Or", Kind::List(Owner::ChoiceRule), JsonPath, owners(&[Owner::ChoiceRule]);
    /// Not the nested rule.
    Not = "Not", Kind::Object(Owner::ChoiceRule), JsonPath, owners(&[Owner::ChoiceRule]);
    /// The part of the input a state works on.
    InputPath = "InputPath", Kind::Path, JsonPath, Owners::STATES.but(Owner::Fail);
    /// Where a Map's items are in its input.
    ItemsPath = "ItemsPath", Kind::ReferencePath, JsonPath, owners(&[Owner::Map]);
    /// A JSONata Map's items.
    Items = "Items", Kind::Payload, Jsonata, owners(&[Owner::Map]);
    /// Where a Distributed Map reads its items.
    ItemReader = "ItemReader", Kind::Object(Owner::ItemReader), Any, owners(&[Owner::Map]);
    /// How a Map batches its items.
    ItemBatcher = "ItemBatcher", Kind::Object(Owner::ItemBatcher), Any, owners(&[Owner::Map]);
    /// What each Map iteration gets.
    ItemSelector = "ItemSelector", Kind::Payload, Any, owners(&[Owner::Map]);
    /// The input of the work, as a JSONPath payload template.
    Parameters = "Parameters", Kind::Payload, JsonPath, owners(&[Owner::Task, Owner::Pass, Owner::Parallel, Owner::Map]).and(S3_IO);
    /// A Pass state's literal result.
    Result = "Result", Kind::Literal, JsonPath, owners(&[Owner::Pass]);
    /// A Choice state's rules.
    Choices = "Choices", Kind::List(Owner::ChoiceRule), Any, owners(&[Owner::Choice]);
    /// The state when no rule matches.
    Default = "Default", Kind::Text, Any, owners(&[Owner::Choice]);
    /// How long a Wait state waits.
    Seconds = "Seconds", Kind::Number, Any, owners(&[Owner::Wait]);
    /// `Seconds` from the state input.
    SecondsPath = "SecondsPath", Kind::PathOf(Field::Seconds), JsonPath, owners(&[Owner::Wait]);
    /// Until when a Wait state waits.
    Timestamp = "Timestamp", Kind::Text, Any, owners(&[Owner::Wait]);
    /// `Timestamp` from the state input.
    TimestampPath = "TimestampPath", Kind::PathOf(Field::Timestamp), JsonPath, owners(&[Owner::Wait]);
    /// A Fail state's error name.
    Error = "Error", Kind::Text, Any, owners(&[Owner::Fail]);
    /// `Error` from the state input.
    ErrorPath = "ErrorPath", Kind::PathOf(Field::Error), JsonPath, owners(&[Owner::Fail]);
    /// A Fail state's cause.
    Cause = "Cause", Kind::Text, Any, owners(&[Owner::Fail]);
    /// `Cause` from the state input.
    CausePath = "CausePath", Kind::PathOf(Field::Cause), JsonPath, owners(&[Owner::Fail]);
    /// The states a Map runs for each item.
    ItemProcessor = "ItemProcessor", Kind::Object(Owner::ItemProcessor), Any, owners(&[Owner::Map]);
    /// `ItemProcessor`'s older name.
    Iterator = "Iterator", Kind::Object(Owner::ItemProcessor), Any, owners(&[Owner::Map]);
    /// The most iterations at once.
    MaxConcurrency = "MaxConcurrency", Kind::Number, Any, owners(&[Owner::Map]);
    /// `MaxConcurrency` from the state input.
    MaxConcurrencyPath = "MaxConcurrencyPath", Kind::PathOf(Field::MaxConcurrency), JsonPath, owners(&[Owner::Map]);
    /// The share of failed items tolerated.
    ToleratedFailurePercentage = "ToleratedFailurePercentage", Kind::Number, Any, owners(&[Owner::Map]);
    /// `ToleratedFailurePercentage` from the state input.
    ToleratedFailurePercentagePath = "ToleratedFailurePercentagePath", Kind::PathOf(Field::ToleratedFailurePercentage), JsonPath, owners(&[Owner::Map]);
    /// The number of failed items tolerated.
    ToleratedFailureCount = "ToleratedFailureCount", Kind::Number, Any, owners(&[Owner::Map]);
    /// `ToleratedFailureCount` from the state input.
    ToleratedFailureCountPath = "ToleratedFailureCountPath", Kind::PathOf(Field::ToleratedFailureCount), JsonPath, owners(&[Owner::Map]);
    /// The name of a Distributed Map's child executions.
    Label = "Label", Kind::Text, Any, owners(&[Owner::Map]);
    /// Where a Distributed Map writes its results.
    ResultWriter = "ResultWriter", Kind::Object(Owner::ResultWriter), Any, owners(&[Owner::Map]);
    /// The input of the work, as a JSONata payload.
    Arguments = "Arguments", Kind::Payload, Jsonata, WORKERS.and(S3_IO);
    /// A Parallel state's branches.
    Branches = "Branches", Kind::List(Owner::Branch), Any, owners(&[Owner::Parallel]);
    /// The part of the result kept.
    ResultSelector = "ResultSelector", Kind::Payload, JsonPath, WORKERS;
    /// Where the result goes in the input.
    ResultPath = "ResultPath", Kind::ReferencePath, JsonPath, owners(&[Owner::Task, Owner::Pass, Owner::Parallel, Owner::Map, Owner::Catcher]);
    /// The part of the output passed on.
    OutputPath = "OutputPath", Kind::Path, JsonPath, Owners::STATES.but(Owner::Fail);
    /// A JSONata state's output.
    Output = "Output", Kind::Payload, Jsonata, Owners::STATES.but(Owner::Fail).and(owners(&[Owner::Catcher, Owner::ChoiceRule]));
    /// The variables a state sets.
    Assign = "Assign", Kind::Payload, Any, PASSING.and(owners(&[Owner::Catcher, Owner::ChoiceRule]));
    /// The longest a Task (or an execution) runs.
    TimeoutSeconds = "TimeoutSeconds", Kind::Number, Any, owners(&[Owner::Task, Owner::Machine]);
    /// `TimeoutSeconds` from the state input.
    TimeoutSecondsPath = "TimeoutSecondsPath", Kind::PathOf(Field::TimeoutSeconds), JsonPath, owners(&[Owner::Task]);
    /// The longest time between a Task's heartbeats.
    HeartbeatSeconds = "HeartbeatSeconds", Kind::Number, Any, owners(&[Owner::Task]);
    /// `HeartbeatSeconds` from the state input.
    HeartbeatSecondsPath = "HeartbeatSecondsPath", Kind::PathOf(Field::HeartbeatSeconds), JsonPath, owners(&[Owner::Task]);
    /// A field of the tests in a state (`crate::model::object`'s): a new field is this line and a member.
    #[cfg(test)]
    TestCount = "TestCount", Kind::Number, Any, owners(&[Owner::Task]);
    /// The version of the ASL a definition is written in.
    Version = "Version", Kind::Text, Any, owners(&[Owner::Machine]);
    /// The states of a scope.
    States = "States", Kind::States, Any, SCOPES;
    /// How a state retries after errors.
    Retry = "Retry", Kind::List(Owner::Retrier), Any, WORKERS;
    /// Where a state goes after errors.
    Catch = "Catch", Kind::List(Owner::Catcher), Any, WORKERS;
    /// The next state.
    Next = "Next", Kind::Text, Any, TRANSITIONS.and(owners(&[Owner::Catcher, Owner::ChoiceRule]));
    /// Whether the state ends its scope.
    End = "End", Kind::Bool, Any, TRANSITIONS;
}

/// How many fields the table has.
const COUNT: usize = Field::ALL.len();

/// [`Field::path_twin`] of every field, made at compile time.
static TWINS: [Option<Field>; COUNT] = {
    let mut twins = [None; COUNT];
    let mut i = 0;
    while i < COUNT {
        if let Some(base) = Field::ALL[i].twin_of() {
            twins[base as usize] = Some(Field::ALL[i]);
        }
        i += 1;
    }
    twins
};

impl Field {
    /// Where a writer of `owner`'s fields writes this field: at the field itself, or at the
    /// place of the field it is one of two forms of (a `…Path` twin at its field, `End` at
    /// `Next`, a Map's `Parameters` at `ItemSelector` and `Iterator` at `ItemProcessor`, a Wait's
    /// `Timestamp` at `Seconds`, a JSONPath Choice rule's test at `Condition`). A member of a
    /// model object holds the fields placed at its own.
    ///
    /// ```
    /// use sfn::fields::{Field, Owner};
    /// assert_eq!(Field::TimestampPath.place(Owner::Wait), Field::Seconds);
    /// assert_eq!(Field::Parameters.place(Owner::Task), Field::Parameters);
    /// ```
    pub const fn place(self, owner: Owner) -> Field {
        if let Some(base) = self.twin_of() {
            return base.place(owner);
        }
        match (owner, self) {
            (_, Field::End) => Field::Next,
            (Owner::Map, Field::Parameters) => Field::ItemSelector,
            (Owner::Map, Field::Iterator) => Field::ItemProcessor,
            (Owner::Wait, Field::Timestamp) => Field::Seconds,
            (Owner::ChoiceRule, Field::Variable | Field::And | Field::Or | Field::Not) => {
                Field::Condition
            }
            _ => self,
        }
    }
}

/// Whether `written`, the places at which a serializer of `owner` writes fields, follows the
/// table: fields of `owner` only, in the table's order, and a place for every field of `owner`
/// ([`place`]). The serializer asserts it at compile time, so the table decides the order in
/// which definitions are written.
pub(crate) const fn follows_table(owner: Owner, written: &[Field]) -> bool {
    let mut i = 0;
    while i < written.len() {
        let ordered = i == 0 || (written[i - 1] as usize) < (written[i] as usize);
        if !ordered || !written[i].owners().contains(owner) {
            return false;
        }
        i += 1;
    }
    let mut f = 0;
    while f < COUNT {
        let field = Field::ALL[f];
        if field.owners().contains(owner) {
            let at = field.place(owner);
            let mut found = false;
            let mut j = 0;
            while j < written.len() {
                found |= written[j] as usize == at as usize;
                j += 1;
            }
            if !found {
                return false;
            }
        }
        f += 1;
    }
    true
}

/// [`follows_table`] of `members` in any order: the members of a model object declared with
/// their fields, which its serializer writes in the table's order (a state's `Type` first).
pub(crate) const fn covers_table(owner: Owner, members: &[Field]) -> bool {
    let typed = owner.is_state() as usize;
    if members.len() + typed > COUNT {
        return false;
    }
    let mut sorted = [Field::Type; COUNT];
    let mut i = 0;
    while i < members.len() {
        let mut j = i;
        while j > 0 && (sorted[j + typed - 1] as usize) > (members[i] as usize) {
            sorted[j + typed] = sorted[j + typed - 1];
            j -= 1;
        }
        sorted[j + typed] = members[i];
        i += 1;
    }
    follows_table(owner, sorted.split_at(members.len() + typed).0)
}

impl Field {
    /// The fields of `owner`, in the canonical key order.
    pub fn of(owner: Owner) -> impl Iterator<Item = Field> {
        Field::ALL
            .iter()
            .copied()
            .filter(move |f| f.owners().contains(owner))
    }

    /// The field a `…Path` twin stands for (`TimeoutSeconds` for `TimeoutSecondsPath`).
    pub const fn twin_of(self) -> Option<Field> {
        match self.kind() {
            Kind::PathOf(field) => Some(field),
            _ => None,
        }
    }

    /// The `…Path` twin of a field (`TimeoutSecondsPath` for `TimeoutSeconds`).
    pub fn path_twin(self) -> Option<Field> {
        TWINS[self as usize]
    }

    /// What JSON the field takes, when it is a payload.
    pub const fn payload_shape(self) -> PayloadShape {
        match self {
            Field::Assign => PayloadShape::Object,
            Field::Arguments | Field::Credentials => PayloadShape::ObjectOrJsonata,
            _ => PayloadShape::Any,
        }
    }

    /// Whether the field's value is a payload (a template or a literal), whose size
    /// [`Limits::max_payload_bytes`](crate::json::Limits::max_payload_bytes) bounds.
    pub const fn is_payload(self) -> bool {
        matches!(self.kind(), Kind::Payload | Kind::Literal)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twins_and_writer_places() {
        assert_eq!(Field::SecondsPath.twin_of(), Some(Field::Seconds));
        assert_eq!(Field::Seconds.path_twin(), Some(Field::SecondsPath));
        assert_eq!(Field::Next.path_twin(), None);
        // A writer must give every field a place, in order.
        use Field as F;
        let pass = [
            F::Type,
            F::Comment,
            F::QueryLanguage,
            F::InputPath,
            F::Parameters,
            F::Result,
            F::ResultPath,
            F::OutputPath,
            F::Output,
            F::Assign,
            F::Next,
        ];
        assert!(follows_table(Owner::Pass, &pass));
        assert!(!follows_table(Owner::Pass, &pass[1..]), "no Type");
        let mut swapped = pass;
        swapped.swap(4, 5);
        assert!(!follows_table(Owner::Pass, &swapped), "out of order");
        assert!(!follows_table(Owner::Choice, &pass), "not Choice fields");
        for f in Field::ALL {
            if let Some(base) = f.twin_of() {
                assert_eq!(f.name(), format!("{}Path", base.name()));
                assert_eq!(base.owners(), base.owners().and(f.owners()), "{f}");
            }
        }
    }

    #[test]
    fn names_are_unique_and_found_again() {
        for (i, f) in Field::ALL.iter().enumerate() {
            assert_eq!(Field::from_name(f.name()), Some(*f));
            assert_eq!(*f as usize, i, "{f}: the enum and ALL are in one order");
        }
        assert_eq!(Field::from_name("Nope"), None);
    }

    #[test]
    fn every_owner_has_fields_and_every_field_an_owner() {
        for o in ALL_OWNERS {
            assert!(Field::of(o).next().is_some(), "{o:?}");
            assert_eq!(Owner::state_type(o.name()).is_some(), o.is_state());
        }
        for f in Field::ALL {
            assert!(f.owners().iter().next().is_some(), "{f}");
        }
    }

    #[test]
    fn owners_read_as_text() {
        let text = |f: Field| f.owners().to_string();
        assert_eq!(text(Field::InputPath), "every state type but Fail");
        assert_eq!(
            text(Field::Assign),
            "every state type but Succeed and Fail, Catch entries and Choice rules"
        );
        assert_eq!(
            text(Field::ResultPath),
            "Task, Pass, Parallel and Map states and Catch entries"
        );
        assert_eq!(text(Field::Result), "Pass states");
        assert_eq!(text(Field::Type), "every state type");
        assert_eq!(
            text(Field::Parameters),
            "Task, Pass, Parallel and Map states, `ItemReader` and `ResultWriter`"
        );
        assert_eq!(
            text(Field::StartAt),
            "the top level, Parallel branches and `ItemProcessor`"
        );
    }
}
