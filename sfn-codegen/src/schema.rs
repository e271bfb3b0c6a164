//! The JSON Schema (draft 2020-12) of an ASL definition, generated with `schemars` from the model.
//!
//! The model serializes by hand (canonical key order, `Key.$` members, `X`/`XPath` pairs), so
//! its schema is written by hand too: [`Asl<T>`] implements [`schemars::JsonSchema`] for the ASL
//! form of each model type `T` (`Asl<StateMachine>`, `Asl<Task>`, `Asl<Retrier>`, …), and
//! [`schema`] / [`schema_json`] put them together. The schema describes what
//! [`StateMachine::from_value`] accepts:
//!
//! * every object is closed (`additionalProperties: false`), as the importer rejects unknown
//!   fields; each state type has its own definition, selected by `Type` with `if`/`then`;
//! * `X` / `XPath` pairs (`TimeoutSeconds` / `TimeoutSecondsPath`, `Error` / `ErrorPath`, …)
//!   exclude each other, and so do `Next`/`End`, the four Wait fields, `ItemProcessor`/`Iterator`
//!   and `ItemSelector`/`Parameters`;
//! * in payload templates evaluated as JSONPath, a `Key.$` member must be a path or intrinsic
//!   string; which fields are JSONPath depends on the inherited `QueryLanguage`, which the schema
//!   tracks scope by scope (definitions `ScopeJsonPath` / `ScopeJsonata`);
//! * JSONata strings must be `{% … %}` with a non-empty expression;
//! * Choice rules hold exactly one test (`Variable` with one operator, or `And`/`Or`/`Not`),
//!   or a JSONata `Condition` alone. The operand must have the operator's type: the importer
//!   keeps a wrongly typed operand and the validator rejects it (`SFN026`); the schema says so
//!   at once.
//!
//! What a JSON Schema cannot say is left to `sfn validate`: the grammar of paths, intrinsics and
//! JSONata beyond their first characters, `Key` and `Key.$` both present, and every graph rule.
//!
//! Use it in an editor with `"$schema"` or the editor's schema mapping (e.g. VS Code's
//! `json.schemas` for `*.asl.json`).
//!
//! ```
//! let schema: sfn::serde_json::Value = sfn::serde_json::from_str(&sfn::schema::schema_json()).unwrap();
//! assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! assert!(schema["$defs"]["Task"]["properties"]["TimeoutSecondsPath"].is_object());
//! ```
//!
//! [`StateMachine::from_value`]: sfn_dsl::model::StateMachine::from_value

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};
use serde_json::{Map, Value, json};
use sfn_dsl::fields::names as k;
use sfn_dsl::fields::{Field, Kind, Lang, Owner, PayloadShape};
use sfn_dsl::model::{
    AslObject, Branch, Catcher, Choice, ChoiceRule, Fail, Form, ItemBatcher, ItemProcessor,
    ItemReader, Map as MapState, Member, Parallel, Pass, ProcessorConfig, ReaderConfig,
    ResultWriter, Retrier, State, StateMachine, States, Succeed, Task, Wait, WriterConfig,
};
use sfn_dsl::path::{Expr, Jsonata, Path};
use sfn_dsl::payload::PayloadValue;
use std::borrow::Cow;
use std::marker::PhantomData;

/// The `$id` of the schema. Editors fetch a `"$schema"` URL, so the schema must be published
/// there (or mapped locally) before a definition can refer to it.
pub const SCHEMA_ID: &str = "https://sfn-rs.github.io/sfn/asl-definition.schema.json";

/// The JSON Schema of the ASL form of model type `T` (a marker; it is never constructed).
///
/// ```
/// use sfn::schema::Asl;
/// let s = schemars::schema_for!(Asl<sfn::model::Retrier>);
/// assert_eq!(s.get("required"), Some(&sfn::serde_json::json!(["ErrorEquals"])));
/// ```
pub struct Asl<T: ?Sized>(PhantomData<T>);

/// The schema of a whole definition, with `$schema`, `$id`, `title` and every definition.
pub fn schema() -> Schema {
    let mut s = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<Asl<StateMachine>>();
    let mut out = Map::new();
    let mut rest = s.as_object_mut().map(std::mem::take).unwrap_or_default();
    if let Some(v) = rest.remove("$schema") {
        out.insert("$schema".into(), v);
    }
    out.insert("$id".into(), SCHEMA_ID.into());
    out.insert(
        "title".into(),
        "AWS Step Functions state machine (Amazon States Language)".into(),
    );
    rest.remove("title");
    out.append(&mut rest);
    Schema::from(out)
}

/// [`schema`] as pretty JSON with a trailing newline (what `sfn schema` prints). The schema is
/// made of `serde_json::Value`s: its keys are in the order written here only when serde_json's
/// `preserve_order` feature is on (as in the `sfn` command), sorted otherwise (the same schema).
pub fn schema_json() -> String {
    let mut s = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    s.push('\n');
    s
}

/// Implements `JsonSchema` for a marker type with a fixed definition name.
macro_rules! def {
    ($marker:ty, $name:expr, |$g:ident| $body:expr) => {
        impl JsonSchema for $marker {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }
            fn json_schema($g: &mut SchemaGenerator) -> Schema {
                $body
            }
        }
    };
}

/// `{"$ref": …}` of `T`'s definition, as a JSON value.
fn r<T: JsonSchema + ?Sized>(g: &mut SchemaGenerator) -> Value {
    g.subschema_for::<T>().to_value()
}

/// A closed object schema under construction.
struct Obj {
    description: &'static str,
    props: Map<String, Value>,
    required: Vec<&'static str>,
    rules: Vec<Value>,
}

impl Obj {
    fn new(description: &'static str) -> Self {
        Obj {
            description,
            props: Map::new(),
            required: Vec::new(),
            rules: Vec::new(),
        }
    }

    fn p(mut self, key: &str, schema: Value) -> Self {
        self.props.insert(key.into(), schema);
        self
    }

    fn req(mut self, key: &'static str, schema: Value) -> Self {
        self.required.push(key);
        self.p(key, schema)
    }

    fn rule(mut self, rule: Value) -> Self {
        self.rules.push(rule);
        self
    }

    /// An `X` / `XPath` pair: the literal (or a JSONata string) and the path, not both.
    fn pair(self, key: &'static str, literal: Value, g: &mut SchemaGenerator) -> Self {
        let path_key = format!("{key}Path");
        let expr = r::<Asl<Expr>>(g);
        self.p(key, literal)
            .p(&path_key, expr)
            .rule(json!({"not": {"required": [key, path_key]}}))
    }

    fn int_pair(self, key: &'static str, g: &mut SchemaGenerator) -> Self {
        let j = r::<Asl<Jsonata>>(g);
        self.pair(key, json!({"anyOf": [{"type": "integer"}, j]}), g)
    }

    /// The members of a model object, in their order, each with the schema that its field's
    /// [`Kind`] and its [`Form`] give: a field with a `…Path` twin in the object is a pair.
    fn members<T: AslObject>(self, g: &mut SchemaGenerator) -> Self {
        T::MEMBERS
            .iter()
            .fold(self, |o, m| o.member(T::OWNER, m, g))
    }

    fn member(self, owner: Owner, m: &Member, g: &mut SchemaGenerator) -> Self {
        let (field, key) = (m.field, m.field.name());
        if m.form == Form::OneOf {
            return self.one_of(owner, m, g);
        }
        let twin = field.path_twin().filter(|t| t.owners().contains(owner));
        let schema = match (field.kind(), m.form) {
            (_, Form::Names(_)) if field == Field::QueryLanguage => query_language(),
            (_, Form::Names(names)) => string_enum(names.iter().copied()),
            (Kind::Strings, _) => string_list(),
            (Kind::Path | Kind::ReferencePath, Form::Text) => r::<Asl<Path>>(g),
            (Kind::Path | Kind::ReferencePath, _) => nullable_path(),
            (Kind::Payload, _) if owner.is_state() && field.lang() == Lang::JsonPath => {
                r::<Asl<PayloadValue>>(g)
            }
            (Kind::Payload, _) => payload(field, g),
            (Kind::Literal, _) => json!({"description": "a literal result"}),
            (Kind::Object(o), _) => object(o, g),
            (Kind::List(o), _) => list(o, g),
            (Kind::States, _) => r::<Asl<States>>(g),
            (_, Form::Integer | Form::Number) if twin.is_some() => {
                let ty = if m.form == Form::Integer {
                    "integer"
                } else {
                    "number"
                };
                json!({"anyOf": [{"type": ty}, r::<Asl<Jsonata>>(g)]})
            }
            (_, Form::Integer) => json!({"type": "integer"}),
            (_, Form::Number) => json!({"type": "number"}),
            (_, Form::Text) if twin.is_some() => r::<JsonataText>(g),
            _ => json!({"type": "string"}),
        };
        match twin {
            Some(_) => self.pair(key, schema, g),
            None if m.required => self.req(key, schema),
            None => self.p(key, schema),
        }
    }

    /// A member holding one of several fields ([`Form::OneOf`]): each field (with its `…Path`
    /// twin), then a rule that the object has exactly one of them when the member is required,
    /// at most one when not.
    fn one_of(mut self, owner: Owner, m: &Member, g: &mut SchemaGenerator) -> Self {
        let group: Vec<&str> = Field::of(owner)
            .filter(|f| f.place(owner) == m.field)
            .map(Field::name)
            .collect();
        for f in Field::of(owner).filter(|f| f.place(owner) == m.field) {
            let key = f.name();
            self = match f.kind() {
                _ if f.twin_of().is_some() => self,
                Kind::Number => self.int_pair(key, g),
                Kind::Text if f.path_twin().is_some() => {
                    let text = r::<JsonataText>(g);
                    self.pair(key, text, g)
                }
                Kind::Text => self.p(
                    key,
                    json!({"type": "string", "description": "the state to run next"}),
                ),
                Kind::Bool => self.p(
                    key,
                    json!({"const": true, "description": "ends the execution or branch"}),
                ),
                Kind::Object(o) => {
                    let schema = object(o, g);
                    self.p(key, schema)
                }
                _ => self.p(key, scoped_payload(&[])),
            };
        }
        let rule = if m.required {
            let each: Vec<Value> = group.iter().map(|f| json!({"required": [f]})).collect();
            json!({"oneOf": each})
        } else {
            json!({"not": {"required": group}})
        };
        self.rule(rule)
    }

    /// `InputPath` and `OutputPath` listed together, at the place of `InputPath`.
    fn io_together(mut self) -> Self {
        let mut output = None;
        let mut rest = Vec::with_capacity(self.props.len());
        for (key, schema) in std::mem::take(&mut self.props) {
            match key.as_str() {
                k::OutputPath => output = Some(schema),
                _ => rest.push((key, schema)),
            }
        }
        for (key, schema) in rest {
            let input = key == k::InputPath;
            self.props.insert(key, schema);
            if input && let Some(schema) = output.take() {
                self.props.insert(k::OutputPath.into(), schema);
            }
        }
        self
    }

    /// Adds a description to the schema of member `key`.
    fn describe(mut self, key: &str, description: &str) -> Self {
        if let Some(Value::Object(p)) = self.props.get_mut(key) {
            p.insert("description".into(), description.into());
        }
        self
    }

    fn build(self) -> Schema {
        let mut o = Map::new();
        o.insert("description".into(), self.description.into());
        o.insert("type".into(), "object".into());
        o.insert("properties".into(), Value::Object(self.props));
        if !self.required.is_empty() {
            o.insert("required".into(), json!(self.required));
        }
        o.insert("additionalProperties".into(), false.into());
        if !self.rules.is_empty() {
            o.insert("allOf".into(), Value::Array(self.rules));
        }
        Schema::from(o)
    }
}

/// A payload field: always JSONata, or in the query language in force.
fn payload(field: Field, g: &mut SchemaGenerator) -> Value {
    let ty: &[&str] = match field.payload_shape() {
        PayloadShape::Object => &["object"],
        PayloadShape::ObjectOrJsonata => &["object", "string"],
        PayloadShape::Any => &[],
    };
    match field.lang() {
        Lang::Jsonata => jsonata_payload(g, ty),
        _ => scoped_payload(ty),
    }
}

/// The schema of an object field.
fn object(owner: Owner, g: &mut SchemaGenerator) -> Value {
    match owner {
        Owner::Branch => r::<Asl<Branch>>(g),
        Owner::ItemProcessor => r::<Asl<ItemProcessor>>(g),
        Owner::ProcessorConfig => r::<Asl<ProcessorConfig>>(g),
        Owner::Retrier => r::<Asl<Retrier>>(g),
        Owner::Catcher => r::<Asl<Catcher>>(g),
        Owner::ChoiceRule => r::<Asl<ChoiceRule>>(g),
        Owner::ItemReader => r::<Asl<ItemReader>>(g),
        Owner::ReaderConfig => r::<Asl<ReaderConfig>>(g),
        Owner::ItemBatcher => r::<Asl<ItemBatcher>>(g),
        Owner::ResultWriter => r::<Asl<ResultWriter>>(g),
        Owner::WriterConfig => r::<Asl<WriterConfig>>(g),
        _ => json!({"type": "object"}),
    }
}

/// The schema of a list field: a list of Choice rules is never empty.
fn list(owner: Owner, g: &mut SchemaGenerator) -> Value {
    let items = object(owner, g);
    match owner {
        Owner::ChoiceRule => json!({"type": "array", "minItems": 1, "items": items}),
        _ => json!({"type": "array", "items": items}),
    }
}

fn query_language() -> Value {
    json!({"enum": ["JSONPath", "JSONata"], "description": "how the fields are evaluated (default: inherited, else JSONPath)"})
}

fn nullable_path() -> Value {
    json!({"type": ["string", "null"], "pattern": "^\\$", "description": "a path, or null to discard"})
}

fn string_enum(values: impl IntoIterator<Item = &'static str>) -> Value {
    json!({"enum": values.into_iter().collect::<Vec<_>>()})
}

fn string_list() -> Value {
    json!({"type": "array", "items": {"type": "string"}})
}

/// A payload whose evaluation depends on the query language: typed here only by its JSON shape;
/// the `Payloads…` definitions add the rules of the language in force.
fn scoped_payload(ty: &[&str]) -> Value {
    let mut v = json!({
        "description": "payload template (JSONPath: `Key.$` members; JSONata: `{% %}` strings)"
    });
    set_type(&mut v, ty);
    v
}

/// A payload that is always evaluated as JSONata (`Arguments`, `Output`, `Items`).
fn jsonata_payload(g: &mut SchemaGenerator, ty: &[&str]) -> Value {
    let mut v = r::<JsonataValue>(g);
    set_type(&mut v, ty);
    v
}

/// `"type": "x"` for one type, `"type": ["x", "y"]` for several, nothing for none.
fn set_type(v: &mut Value, ty: &[&str]) {
    match ty {
        [] => {}
        [one] => v["type"] = json!(one),
        many => v["type"] = json!(many),
    }
}

const PATTERN_JSONATA: &str = "^\\{%[\\s\\S]*\\S[\\s\\S]*%\\}$";
const PATTERN_MEANT_AS_JSONATA: &str = "^\\{%|%\\}$";

def!(Asl<Path>, "Path", |_g| json_schema!({
    "description": "a JSONPath: `$` (input), `$$` (context object) or `$name` (variable)",
    "type": "string",
    "pattern": "^\\$"
}));

def!(Asl<Expr>, "Expression", |_g| json_schema!({
    "description": "a path (`$.x`, `$$.Task.Token`, `$var`) or an intrinsic function (`States.Format(…)`)",
    "type": "string",
    "pattern": "^(\\$|States\\.)"
}));

def!(Asl<Jsonata>, "Jsonata", |_g| json_schema!({
    "description": "a JSONata expression `{% … %}`",
    "type": "string",
    "pattern": PATTERN_JSONATA
}));

/// A string of a JSONata field: plain text, or `{% … %}` when it starts with `{%` or ends with `%}`.
struct JsonataText;
def!(JsonataText, "JsonataText", |g| {
    let j = r::<Asl<Jsonata>>(g);
    json_schema!({
        "type": "string",
        "anyOf": [{"not": {"pattern": PATTERN_MEANT_AS_JSONATA}}, j]
    })
});

/// Any JSON value whose strings are [`JsonataText`] (a JSONata payload).
struct JsonataValue;
def!(JsonataValue, "JsonataValue", |g| {
    let text = r::<JsonataText>(g);
    let me = r::<JsonataValue>(g);
    json_schema!({
        "description": "any JSON value; strings starting with `{%` or ending with `%}` are JSONata expressions",
        "if": {"type": "string"},
        "then": text,
        "else": {"additionalProperties": me, "items": me}
    })
});

def!(Asl<PayloadValue>, "PayloadTemplate", |g| {
    let expr = r::<Asl<Expr>>(g);
    let me = r::<Asl<PayloadValue>>(g);
    json_schema!({
        "description": "a JSONPath payload template: a member whose key ends in `.$` takes a path or intrinsic; every other value is literal",
        "if": {"type": "object"},
        "then": {"patternProperties": {"\\.\\$$": expr}, "additionalProperties": me},
        "else": {"items": me}
    })
});

def!(Asl<StateMachine>, "StateMachine", |g| {
    let o =
        Obj::new("an Amazon States Language state machine definition").members::<StateMachine>(g);
    let (jp, ja) = (r::<ScopeJsonPath>(g), r::<ScopeJsonata>(g));
    o.describe(k::StartAt, "the first state")
        .rule(if_ql("JSONata", ja, jp))
        .build()
});

fn to_schema(v: Value) -> Schema {
    match v {
        Value::Object(o) => Schema::from(o),
        other => Schema::from(other.as_bool().unwrap_or(true)),
    }
}

/// `{"if": QueryLanguage == ql, "then": then, "else": otherwise}`.
fn if_ql(ql: &str, then: Value, otherwise: Value) -> Value {
    json!({
        "if": {"required": [k::QueryLanguage], "properties": {k::QueryLanguage: {"const": ql}}},
        "then": then,
        "else": otherwise
    })
}

def!(Asl<States>, "States", |g| {
    let state = r::<Asl<State>>(g);
    json_schema!({
        "description": "the states of a scope, by name",
        "type": "object",
        "minProperties": 1,
        "additionalProperties": state
    })
});

def!(Asl<State>, "State", |g| {
    let types = [
        "Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map",
    ];
    let refs = [
        r::<Asl<Task>>(g),
        r::<Asl<Pass>>(g),
        r::<Asl<Choice>>(g),
        r::<Asl<Wait>>(g),
        r::<Asl<Succeed>>(g),
        r::<Asl<Fail>>(g),
        r::<Asl<Parallel>>(g),
        r::<Asl<MapState>>(g),
    ];
    let branches: Vec<Value> = types
        .iter()
        .zip(refs)
        .map(|(t, then)| {
            json!({"if": {"required": [k::Type], "properties": {k::Type: {"const": t}}}, "then": then})
        })
        .collect();
    json_schema!({
        "description": "a state; its fields depend on `Type`",
        "type": "object",
        "required": [k::Type],
        "properties": {k::Type: {"enum": types}},
        "allOf": branches
    })
});

// The state types and their parts; after `def!`, which they use.
mod states;

// --- The query-language layer -------------------------------------------------------------
//
// Which language a payload field is evaluated in is inherited: a state uses its own
// `QueryLanguage`, else its scope's; a Parallel branch or Map processor uses its own, else the
// scope of the state that holds it. These definitions walk the scopes and apply the payload rules
// of the language in force to the fields that depend on it.

macro_rules! scope_defs {
    ($scope:ident, $state_in:ident, $nested:ident, $name:literal, $state_name:literal, $nested_name:literal,
     own: $own:literal, other: $other:literal, $payloads:ident, $other_payloads:ident, $other_scope:ident) => {
        /// A scope (machine, branch, processor) whose query language is the one in the name.
        struct $scope;
        def!($scope, $name, |g| {
            let s = r::<$state_in>(g);
            json_schema!({"properties": {k::States: {"additionalProperties": s}}})
        });

        /// A state in such a scope.
        struct $state_in;
        def!($state_in, $state_name, |g| {
            let (own, other, nested) = (r::<$payloads>(g), r::<$other_payloads>(g), r::<$nested>(g));
            json_schema!({
                "if": {"required": [k::QueryLanguage], "properties": {k::QueryLanguage: {"const": $other}}},
                "then": other,
                "else": own,
                "properties": {
                    k::Branches: {"items": nested},
                    k::ItemProcessor: nested,
                    k::Iterator: nested
                }
            })
        });

        /// A branch or processor inside such a scope.
        struct $nested;
        def!($nested, $nested_name, |g| {
            let (own, other) = (r::<$scope>(g), r::<$other_scope>(g));
            to_schema(if_ql($other, other, own))
        });
    };
}

scope_defs!(ScopeJsonPath, StateInJsonPath, NestedInJsonPath, "ScopeJsonPath", "StateInJsonPath",
    "NestedInJsonPath", own: "JSONPath", other: "JSONata", PayloadsJsonPath, PayloadsJsonata, ScopeJsonata);
scope_defs!(ScopeJsonata, StateInJsonata, NestedInJsonata, "ScopeJsonata", "StateInJsonata",
    "NestedInJsonata", own: "JSONata", other: "JSONPath", PayloadsJsonata, PayloadsJsonPath, ScopeJsonPath);

/// The language-dependent payload fields of a state evaluated as JSONPath.
struct PayloadsJsonPath;
def!(PayloadsJsonPath, "PayloadsJsonPath", |g| {
    let pt = r::<Asl<PayloadValue>>(g);
    let text = json!({"type": "string", "pattern": PATTERN_MEANT_AS_JSONATA});
    let credentials = json!({"anyOf": [{"allOf": [{"type": "object"}, pt]}, text]});
    let own = [
        (k::Assign, &pt),
        (k::Credentials, &credentials),
        (k::ItemSelector, &pt),
        (k::Parameters, &pt),
    ];
    json_schema!({"properties": payload_properties(own, &pt)})
});

/// The language-dependent payload fields of a state evaluated as JSONata.
struct PayloadsJsonata;
def!(PayloadsJsonata, "PayloadsJsonata", |g| {
    let jv = r::<JsonataValue>(g);
    let own = [k::Assign, k::Credentials, k::ItemSelector].map(|key| (key, &jv));
    json_schema!({
        "properties": payload_properties(own, &jv),
        // `Parameters` of Task, Pass and Parallel is always a JSONPath template; a Map's
        // `Parameters` is the legacy name of `ItemSelector`.
        "if": {"required": [k::Type], "properties": {k::Type: {"const": "Map"}}},
        "then": {"properties": {k::Parameters: jv}}
    })
});

/// The `properties` of the payload fields of a state in one language: its `own` fields, then
/// the payloads of its parts (Catch and Choices entries, a Map's reader, batcher and writer),
/// each with the schema `v`.
fn payload_properties<const N: usize>(own: [(&str, &Value); N], v: &Value) -> Value {
    let mut properties: Map<String, Value> = own
        .map(|(k, v)| (k.into(), v.clone()))
        .into_iter()
        .collect();
    let parts = [
        (k::Catch, json!({"items": {"properties": {k::Assign: v}}})),
        (k::Choices, json!({"items": {"properties": {k::Assign: v}}})),
        (k::ItemReader, json!({"properties": {k::Parameters: v}})),
        (k::ItemBatcher, json!({"properties": {k::BatchInput: v}})),
        (k::ResultWriter, json!({"properties": {k::Parameters: v}})),
    ];
    properties.extend(parts.map(|(k, v)| (k.to_string(), v)));
    Value::Object(properties)
}
