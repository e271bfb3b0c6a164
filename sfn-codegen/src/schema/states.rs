//! The definitions of the state types and their parts (Retry, Catch, Choice rules, Map parts).

use super::*;
use sfn_dsl::fields::names as k;
use sfn_dsl::model::{NestedRule, OperandKind, Operator};

/// A state of type `T`: its `Type`, then its members, `InputPath` and `OutputPath` together.
fn state<T: AslObject>(description: &'static str, g: &mut SchemaGenerator) -> Obj {
    Obj::new(description)
        .req(k::Type, json!({"const": T::OWNER.name()}))
        .members::<T>(g)
        .io_together()
}

/// Registers the definitions of `Retry` and `Catch` before a state's other members, so that
/// they keep their place in the schema.
fn errors_first(g: &mut SchemaGenerator) {
    r::<Asl<Retrier>>(g);
    r::<Asl<Catcher>>(g);
}

def!(Asl<Task>, "Task", |g| {
    r::<Asl<PayloadValue>>(g);
    errors_first(g);
    state::<Task>("a Task state: runs work through a `Resource`", g)
        .describe(k::Resource, "an ARN or integration URI")
        .build()
});

def!(Asl<Pass>, "Pass", |g| {
    state::<Pass>(
        "a Pass state: passes its input on, optionally injecting data",
        g,
    )
    .build()
});

def!(Asl<Choice>, "Choice", |g| {
    state::<Choice>(
        "a Choice state: the first matching rule's `Next`, else `Default`",
        g,
    )
    .describe(k::Default, "the state when no rule matches")
    .build()
});

def!(Asl<Wait>, "Wait", |g| {
    r::<JsonataText>(g);
    state::<Wait>("a Wait state: waits some seconds or until a timestamp", g).build()
});

def!(Asl<Succeed>, "Succeed", |g| {
    state::<Succeed>(
        "a Succeed state: ends the execution or branch successfully",
        g,
    )
    .build()
});

def!(Asl<Fail>, "Fail", |g| {
    state::<Fail>("a Fail state: ends the execution with an error", g).build()
});

def!(Asl<Parallel>, "Parallel", |g| {
    r::<Asl<PayloadValue>>(g);
    r::<Asl<Branch>>(g);
    errors_first(g);
    state::<Parallel>("a Parallel state: runs its branches concurrently", g).build()
});

def!(Asl<MapState>, "Map", |g| {
    r::<Asl<ItemProcessor>>(g);
    errors_first(g);
    r::<Asl<ItemReader>>(g);
    r::<Asl<ItemBatcher>>(g);
    r::<Asl<ResultWriter>>(g);
    r::<Asl<Path>>(g);
    r::<Asl<Jsonata>>(g);
    state::<MapState>("a Map state: runs its item processor for each item", g).build()
});

/// The objects whose schema is their members ([`Obj::members`]), with their descriptions.
macro_rules! member_objects {
    ($($ty:ident: $description:literal;)*) => {$(
        def!(Asl<$ty>, stringify!($ty), |g| Obj::new($description).members::<$ty>(g).build());
    )*};
}

member_objects! {
    Branch: "a Parallel branch: a state graph of its own";
    ItemProcessor: "the state graph a Map runs for each item (`ItemProcessor` or legacy `Iterator`)";
    ProcessorConfig: "inline or distributed processing";
    Retrier: "a Retry entry";
    Catcher: "a Catch entry";
    ItemReader: "where a Distributed Map reads its items";
    ReaderConfig: "how an ItemReader reads";
    ItemBatcher: "groups items into batches";
    ResultWriter: "where a Distributed Map writes its results";
    WriterConfig: "the output format of a ResultWriter";
}

/// The members of a JSONPath Choice test: `Variable`, the operators, `And`, `Or`, `Not`.
fn test_members(o: Obj, g: &mut SchemaGenerator) -> Obj {
    let nested = r::<Asl<NestedRule>>(g);
    let path = r::<Asl<Path>>(g);
    let mut o = o
        .p(k::Variable, path.clone())
        .p(
            k::And,
            json!({"type": "array", "minItems": 1, "items": nested}),
        )
        .p(
            k::Or,
            json!({"type": "array", "minItems": 1, "items": nested}),
        )
        .p(k::Not, nested);
    for op in Operator::ALL {
        let operand = match op.operand_kind() {
            OperandKind::String | OperandKind::Timestamp => json!({"type": "string"}),
            OperandKind::Number => json!({"type": "number"}),
            OperandKind::Bool => json!({"type": "boolean"}),
            OperandKind::Path => path.clone(),
        };
        o = o.p(op.as_str(), operand);
    }
    o
}

/// Exactly one test; an operator needs `Variable`; `And`/`Or`/`Not` exclude it.
struct JsonPathTest;
def!(JsonPathTest, "JsonPathTest", |_g| {
    let mut tests: Vec<&str> = Operator::ALL.iter().map(|o| o.as_str()).collect();
    let dependent: Map<String, Value> = tests
        .iter()
        .map(|t| (t.to_string(), json!([k::Variable])))
        .collect();
    tests.extend([k::And, k::Or, k::Not]);
    let one_of: Vec<Value> = tests.iter().map(|t| json!({"required": [t]})).collect();
    json_schema!({
        "description": "exactly one test: `Variable` with one comparison operator, or `And`, `Or`, `Not`",
        "oneOf": one_of,
        "dependentRequired": dependent,
        "if": {"anyOf": [{"required": [k::And]}, {"required": [k::Or]}, {"required": [k::Not]}]},
        "then": {"not": {"required": [k::Variable]}}
    })
});

def!(Asl<NestedRule>, "NestedRule", |g| {
    let test = r::<JsonPathTest>(g);
    test_members(
        Obj::new("a rule inside `And`, `Or` or `Not` (no `Next`)"),
        g,
    )
    .p(k::Comment, json!({"type": "string"}))
    .rule(test)
    .build()
});

def!(Asl<ChoiceRule>, "ChoiceRule", |g| {
    let test = r::<JsonPathTest>(g);
    let j = r::<Asl<Jsonata>>(g);
    let o = Obj::new("a Choice rule: a JSONPath test or a JSONata `Condition`, and `Next`")
        .p(k::Comment, json!({"type": "string"}))
        .p(k::Condition, json!({"anyOf": [j, {"type": "boolean"}]}))
        .req(k::Next, json!({"type": "string"}))
        .p(k::Assign, scoped_payload(&["object"]))
        .p(k::Output, jsonata_payload(g, &[]));
    test_members(o, g)
        .rule(json!({
            "if": {"required": [k::Condition]},
            "then": {"propertyNames": {"enum": [k::Comment, k::Condition, k::Next, k::Assign, k::Output]}},
            "else": test
        }))
        .build()
});
