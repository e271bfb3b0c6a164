//! The definitions of the state types and their parts (Retry, Catch, Choice rules, Map parts).

use super::*;
use sfn_dsl::fields::names as k;
use sfn_dsl::model::{
    Branch, Catcher, Choice, ChoiceRule, Fail, ItemBatcher, ItemProcessor, ItemReader,
    Map as MapState, NestedRule, OperandKind, Operator, Parallel, Pass, ProcessorConfig,
    ReaderConfig, ResultWriter, Retrier, Succeed, Task, Wait, WriterConfig,
};

fn state(ty: &'static str, description: &'static str) -> Obj {
    Obj::new(description)
        .req(k::Type, json!({"const": ty}))
        .header()
}

impl Obj {
    /// `Output` (always JSONata) and `Assign`: what every state that passes data on has.
    fn output_assign(self, g: &mut SchemaGenerator) -> Self {
        self.p(k::Output, jsonata_payload(g, &[]))
            .p(k::Assign, scoped_payload(&["object"]))
    }

    /// `Arguments`, `ResultSelector`, `ResultPath`, `Output`, `Assign`: how Task, Parallel and
    /// Map shape their result.
    fn result_fields(self, g: &mut SchemaGenerator) -> Self {
        let pt = r::<Asl<PayloadValue>>(g);
        self.p(k::Arguments, jsonata_payload(g, &["object", "string"]))
            .p(k::ResultSelector, pt)
            .p(k::ResultPath, nullable_path())
            .output_assign(g)
    }

    /// `Retry`, `Catch` and the transition of Task, Parallel and Map.
    fn error_handling(self, e: ErrorHandling) -> Self {
        self.p(k::Retry, e.retry).p(k::Catch, e.catch).transition()
    }
}

/// The schemas of `Retry` and `Catch`, made before a state's other fields so that the
/// definitions they register keep their place in the schema.
struct ErrorHandling {
    retry: Value,
    catch: Value,
}

impl ErrorHandling {
    fn new(g: &mut SchemaGenerator) -> Self {
        ErrorHandling {
            retry: json!({"type": "array", "items": r::<Asl<Retrier>>(g)}),
            catch: json!({"type": "array", "items": r::<Asl<Catcher>>(g)}),
        }
    }
}

def!(Asl<Task>, "Task", |g| {
    let pt = r::<Asl<PayloadValue>>(g);
    let errors = ErrorHandling::new(g);
    state("Task", "a Task state: runs work through a `Resource`")
        .req(
            k::Resource,
            json!({"type": "string", "description": "an ARN or integration URI"}),
        )
        .p(k::Credentials, scoped_payload(&["object", "string"]))
        .io()
        .p(k::Parameters, pt)
        .result_fields(g)
        .int_pair(k::TimeoutSeconds, g)
        .int_pair(k::HeartbeatSeconds, g)
        .error_handling(errors)
        .build()
});

def!(Asl<Pass>, "Pass", |g| {
    let pt = r::<Asl<PayloadValue>>(g);
    state(
        "Pass",
        "a Pass state: passes its input on, optionally injecting data",
    )
    .io()
    .p(k::Parameters, pt)
    .p(k::Result, json!({"description": "a literal result"}))
    .p(k::ResultPath, nullable_path())
    .output_assign(g)
    .transition()
    .build()
});

def!(Asl<Choice>, "Choice", |g| {
    let rule = r::<Asl<ChoiceRule>>(g);
    state(
        "Choice",
        "a Choice state: the first matching rule's `Next`, else `Default`",
    )
    .io()
    .req(
        k::Choices,
        json!({"type": "array", "minItems": 1, "items": rule}),
    )
    .p(
        k::Default,
        json!({"type": "string", "description": "the state when no rule matches"}),
    )
    .output_assign(g)
    .build()
});

def!(Asl<Wait>, "Wait", |g| {
    let text = r::<JsonataText>(g);
    state(
        "Wait",
        "a Wait state: waits some seconds or until a timestamp",
    )
    .io()
    .int_pair(k::Seconds, g)
    .pair(k::Timestamp, text, g)
    .rule(json!({"oneOf": [
        {"required": [k::Seconds]}, {"required": [k::SecondsPath]},
        {"required": [k::Timestamp]}, {"required": [k::TimestampPath]}
    ]}))
    .output_assign(g)
    .transition()
    .build()
});

def!(Asl<Succeed>, "Succeed", |g| {
    state(
        "Succeed",
        "a Succeed state: ends the execution or branch successfully",
    )
    .io()
    .p(k::Output, jsonata_payload(g, &[]))
    .build()
});

def!(Asl<Fail>, "Fail", |g| {
    let text = r::<JsonataText>(g);
    state("Fail", "a Fail state: ends the execution with an error")
        .pair(k::Error, text.clone(), g)
        .pair(k::Cause, text, g)
        .build()
});

def!(Asl<Parallel>, "Parallel", |g| {
    let pt = r::<Asl<PayloadValue>>(g);
    let branch = r::<Asl<Branch>>(g);
    let errors = ErrorHandling::new(g);
    state(
        "Parallel",
        "a Parallel state: runs its branches concurrently",
    )
    .req(k::Branches, json!({"type": "array", "items": branch}))
    .io()
    .p(k::Parameters, pt)
    .result_fields(g)
    .error_handling(errors)
    .build()
});

def!(Asl<MapState>, "Map", |g| {
    let processor = r::<Asl<ItemProcessor>>(g);
    let errors = ErrorHandling::new(g);
    let reader = r::<Asl<ItemReader>>(g);
    let batcher = r::<Asl<ItemBatcher>>(g);
    let writer = r::<Asl<ResultWriter>>(g);
    let path = r::<Asl<Path>>(g);
    let j = r::<Asl<Jsonata>>(g);
    state("Map", "a Map state: runs its item processor for each item")
        .io()
        .p(k::ItemsPath, path)
        .p(k::Items, jsonata_payload(g, &[]))
        .p(k::ItemReader, reader)
        .p(k::ItemBatcher, batcher)
        .p(k::ItemSelector, scoped_payload(&[]))
        .p(k::Parameters, scoped_payload(&[]))
        .rule(json!({"not": {"required": [k::ItemSelector, k::Parameters]}}))
        .p(k::ItemProcessor, processor.clone())
        .p(k::Iterator, processor)
        .rule(json!({"oneOf": [{"required": [k::ItemProcessor]}, {"required": [k::Iterator]}]}))
        .int_pair(k::MaxConcurrency, g)
        .pair(
            k::ToleratedFailurePercentage,
            json!({"anyOf": [{"type": "number"}, j]}),
            g,
        )
        .int_pair(k::ToleratedFailureCount, g)
        .p(k::Label, json!({"type": "string"}))
        .p(k::ResultWriter, writer)
        .result_fields(g)
        .error_handling(errors)
        .build()
});

def!(Asl<Branch>, "Branch", |g| {
    Obj::new("a Parallel branch: a state graph of its own")
        .members::<Branch>(g)
        .build()
});

def!(Asl<ItemProcessor>, "ItemProcessor", |g| {
    Obj::new("the state graph a Map runs for each item (`ItemProcessor` or legacy `Iterator`)")
        .members::<ItemProcessor>(g)
        .build()
});

def!(Asl<ProcessorConfig>, "ProcessorConfig", |g| {
    Obj::new("inline or distributed processing")
        .members::<ProcessorConfig>(g)
        .build()
});

def!(Asl<Retrier>, "Retrier", |g| {
    Obj::new("a Retry entry").members::<Retrier>(g).build()
});

def!(Asl<Catcher>, "Catcher", |g| {
    Obj::new("a Catch entry").members::<Catcher>(g).build()
});

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

def!(Asl<ItemReader>, "ItemReader", |g| {
    Obj::new("where a Distributed Map reads its items")
        .members::<ItemReader>(g)
        .build()
});

def!(Asl<ReaderConfig>, "ReaderConfig", |g| {
    Obj::new("how an ItemReader reads")
        .members::<ReaderConfig>(g)
        .build()
});

def!(Asl<ItemBatcher>, "ItemBatcher", |g| {
    Obj::new("groups items into batches")
        .members::<ItemBatcher>(g)
        .build()
});

def!(Asl<ResultWriter>, "ResultWriter", |g| {
    Obj::new("where a Distributed Map writes its results")
        .members::<ResultWriter>(g)
        .build()
});

def!(Asl<WriterConfig>, "WriterConfig", |g| {
    Obj::new("the output format of a ResultWriter")
        .members::<WriterConfig>(g)
        .build()
});
