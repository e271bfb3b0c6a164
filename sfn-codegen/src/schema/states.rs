//! The definitions of the state types and their parts (Retry, Catch, Choice rules, Map parts).

use super::*;
use sfn_dsl::model::{
    Branch, Catcher, Choice, ChoiceRule, CsvDelimiter, CsvHeaderLocation, ExecutionType, Fail,
    InputType, ItemBatcher, ItemProcessor, ItemReader, JitterStrategy, ManifestType,
    Map as MapState, NestedRule, OperandKind, Operator, Parallel, Pass, ProcessorConfig,
    ProcessorMode, ReaderConfig, ResultWriter, Retrier, Succeed, Task, Transformation, Wait,
    WriterConfig, WriterOutputType,
};

fn state(ty: &'static str, description: &'static str) -> Obj {
    Obj::new(description)
        .req("Type", json!({"const": ty}))
        .header()
}

/// The names of an ASL enumeration (`ProcessorMode::ALL`, …) as a JSON Schema `enum`.
fn names<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> Value {
    string_enum(all.iter().map(|m| as_str(*m)))
}

impl Obj {
    /// `Output` (always JSONata) and `Assign`: what every state that passes data on has.
    fn output_assign(self, g: &mut SchemaGenerator) -> Self {
        self.p("Output", jsonata_payload(g, &[]))
            .p("Assign", scoped_payload(&["object"]))
    }

    /// `Arguments`, `ResultSelector`, `ResultPath`, `Output`, `Assign`: how Task, Parallel and
    /// Map shape their result.
    fn result_fields(self, g: &mut SchemaGenerator) -> Self {
        let pt = r::<Asl<PayloadValue>>(g);
        self.p("Arguments", jsonata_payload(g, &["object", "string"]))
            .p("ResultSelector", pt)
            .p("ResultPath", nullable_path())
            .output_assign(g)
    }

    /// `Retry`, `Catch` and the transition of Task, Parallel and Map.
    fn error_handling(self, e: ErrorHandling) -> Self {
        self.p("Retry", e.retry).p("Catch", e.catch).transition()
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
            "Resource",
            json!({"type": "string", "description": "an ARN or integration URI"}),
        )
        .p("Credentials", scoped_payload(&["object", "string"]))
        .io()
        .p("Parameters", pt)
        .result_fields(g)
        .int_pair("TimeoutSeconds", g)
        .int_pair("HeartbeatSeconds", g)
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
    .p("Parameters", pt)
    .p("Result", json!({"description": "a literal result"}))
    .p("ResultPath", nullable_path())
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
        "Choices",
        json!({"type": "array", "minItems": 1, "items": rule}),
    )
    .p(
        "Default",
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
    .int_pair("Seconds", g)
    .pair("Timestamp", text, g)
    .rule(json!({"oneOf": [
        {"required": ["Seconds"]}, {"required": ["SecondsPath"]},
        {"required": ["Timestamp"]}, {"required": ["TimestampPath"]}
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
    .p("Output", jsonata_payload(g, &[]))
    .build()
});

def!(Asl<Fail>, "Fail", |g| {
    let text = r::<JsonataText>(g);
    state("Fail", "a Fail state: ends the execution with an error")
        .pair("Error", text.clone(), g)
        .pair("Cause", text, g)
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
    .req("Branches", json!({"type": "array", "items": branch}))
    .io()
    .p("Parameters", pt)
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
        .p("ItemsPath", path)
        .p("Items", jsonata_payload(g, &[]))
        .p("ItemReader", reader)
        .p("ItemBatcher", batcher)
        .p("ItemSelector", scoped_payload(&[]))
        .p("Parameters", scoped_payload(&[]))
        .rule(json!({"not": {"required": ["ItemSelector", "Parameters"]}}))
        .p("ItemProcessor", processor.clone())
        .p("Iterator", processor)
        .rule(json!({"oneOf": [{"required": ["ItemProcessor"]}, {"required": ["Iterator"]}]}))
        .int_pair("MaxConcurrency", g)
        .pair(
            "ToleratedFailurePercentage",
            json!({"anyOf": [{"type": "number"}, j]}),
            g,
        )
        .int_pair("ToleratedFailureCount", g)
        .p("Label", json!({"type": "string"}))
        .p("ResultWriter", writer)
        .result_fields(g)
        .error_handling(errors)
        .build()
});

def!(Asl<Branch>, "Branch", |g| {
    let states = r::<Asl<States>>(g);
    Obj::new("a Parallel branch: a state graph of its own")
        .header()
        .req("StartAt", json!({"type": "string"}))
        .req("States", states)
        .build()
});

def!(Asl<ItemProcessor>, "ItemProcessor", |g| {
    let states = r::<Asl<States>>(g);
    let config = r::<Asl<ProcessorConfig>>(g);
    Obj::new("the state graph a Map runs for each item (`ItemProcessor` or legacy `Iterator`)")
        .header()
        .p("ProcessorConfig", config)
        .req("StartAt", json!({"type": "string"}))
        .req("States", states)
        .build()
});

def!(Asl<ProcessorConfig>, "ProcessorConfig", |_g| {
    Obj::new("inline or distributed processing")
        .p("Mode", names(ProcessorMode::ALL, ProcessorMode::as_str))
        .p(
            "ExecutionType",
            names(ExecutionType::ALL, ExecutionType::as_str),
        )
        .build()
});

def!(Asl<Retrier>, "Retrier", |_g| {
    Obj::new("a Retry entry")
        .p("Comment", json!({"type": "string"}))
        .req("ErrorEquals", string_list())
        .p("IntervalSeconds", json!({"type": "integer"}))
        .p("MaxAttempts", json!({"type": "integer"}))
        .p("BackoffRate", json!({"type": "number"}))
        .p("MaxDelaySeconds", json!({"type": "integer"}))
        .p(
            "JitterStrategy",
            names(JitterStrategy::ALL, JitterStrategy::as_str),
        )
        .build()
});

def!(Asl<Catcher>, "Catcher", |g| {
    Obj::new("a Catch entry")
        .p("Comment", json!({"type": "string"}))
        .req("ErrorEquals", string_list())
        .req("Next", json!({"type": "string"}))
        .p("ResultPath", nullable_path())
        .p("Assign", scoped_payload(&["object"]))
        .p("Output", jsonata_payload(g, &[]))
        .build()
});

/// The members of a JSONPath Choice test: `Variable`, the operators, `And`, `Or`, `Not`.
fn test_members(o: Obj, g: &mut SchemaGenerator) -> Obj {
    let nested = r::<Asl<NestedRule>>(g);
    let path = r::<Asl<Path>>(g);
    let mut o = o
        .p("Variable", path.clone())
        .p(
            "And",
            json!({"type": "array", "minItems": 1, "items": nested}),
        )
        .p(
            "Or",
            json!({"type": "array", "minItems": 1, "items": nested}),
        )
        .p("Not", nested);
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
        .map(|t| (t.to_string(), json!(["Variable"])))
        .collect();
    tests.extend(["And", "Or", "Not"]);
    let one_of: Vec<Value> = tests.iter().map(|t| json!({"required": [t]})).collect();
    json_schema!({
        "description": "exactly one test: `Variable` with one comparison operator, or `And`, `Or`, `Not`",
        "oneOf": one_of,
        "dependentRequired": dependent,
        "if": {"anyOf": [{"required": ["And"]}, {"required": ["Or"]}, {"required": ["Not"]}]},
        "then": {"not": {"required": ["Variable"]}}
    })
});

def!(Asl<NestedRule>, "NestedRule", |g| {
    let test = r::<JsonPathTest>(g);
    test_members(
        Obj::new("a rule inside `And`, `Or` or `Not` (no `Next`)"),
        g,
    )
    .p("Comment", json!({"type": "string"}))
    .rule(test)
    .build()
});

def!(Asl<ChoiceRule>, "ChoiceRule", |g| {
    let test = r::<JsonPathTest>(g);
    let j = r::<Asl<Jsonata>>(g);
    let o = Obj::new("a Choice rule: a JSONPath test or a JSONata `Condition`, and `Next`")
        .p("Comment", json!({"type": "string"}))
        .p("Condition", json!({"anyOf": [j, {"type": "boolean"}]}))
        .req("Next", json!({"type": "string"}))
        .p("Assign", scoped_payload(&["object"]))
        .p("Output", jsonata_payload(g, &[]));
    test_members(o, g)
        .rule(json!({
            "if": {"required": ["Condition"]},
            "then": {"propertyNames": {"enum": ["Comment", "Condition", "Next", "Assign", "Output"]}},
            "else": test
        }))
        .build()
});

def!(Asl<ItemReader>, "ItemReader", |g| {
    let config = r::<Asl<ReaderConfig>>(g);
    Obj::new("where a Distributed Map reads its items")
        .req("Resource", json!({"type": "string"}))
        .p("ReaderConfig", config)
        .p("Parameters", scoped_payload(&[]))
        .p("Arguments", jsonata_payload(g, &["object", "string"]))
        .build()
});

def!(Asl<ReaderConfig>, "ReaderConfig", |g| {
    Obj::new("how an ItemReader reads")
        .p("InputType", names(InputType::ALL, InputType::as_str))
        .p(
            "CSVHeaderLocation",
            names(CsvHeaderLocation::ALL, CsvHeaderLocation::as_str),
        )
        .p("CSVHeaders", string_list())
        .p(
            "CSVDelimiter",
            names(CsvDelimiter::ALL, CsvDelimiter::as_str),
        )
        .int_pair("MaxItems", g)
        .p(
            "ManifestType",
            names(ManifestType::ALL, ManifestType::as_str),
        )
        .build()
});

def!(Asl<ItemBatcher>, "ItemBatcher", |g| {
    Obj::new("groups items into batches")
        .int_pair("MaxItemsPerBatch", g)
        .int_pair("MaxInputBytesPerBatch", g)
        .p("BatchInput", scoped_payload(&[]))
        .build()
});

def!(Asl<ResultWriter>, "ResultWriter", |g| {
    let config = r::<Asl<WriterConfig>>(g);
    Obj::new("where a Distributed Map writes its results")
        .p("Resource", json!({"type": "string"}))
        .p("Parameters", scoped_payload(&[]))
        .p("Arguments", jsonata_payload(g, &["object", "string"]))
        .p("WriterConfig", config)
        .build()
});

def!(Asl<WriterConfig>, "WriterConfig", |_g| {
    Obj::new("the output format of a ResultWriter")
        .p(
            "OutputType",
            names(WriterOutputType::ALL, WriterOutputType::as_str),
        )
        .p(
            "Transformation",
            names(Transformation::ALL, Transformation::as_str),
        )
        .build()
});
