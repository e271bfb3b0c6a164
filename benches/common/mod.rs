//! Machine generators shared by the benchmarks: the same shapes at any size, built with the
//! fluent builder exactly as a user would write them.
//!
//! Every generator returns the machine from `build()`, so building includes the whole
//! validator; the benchmarks then emit it with [`sfn::to_json_pretty`].

#![allow(dead_code)] // each bench target uses a different subset

use sfn::StateMachine;
use sfn::builder::{
    Catch, Choice, Condition, Depth, Fail, HasNext, Map, Parallel, Pass, Resource, Retry,
    SameScope, ScopeBuilder, StateId, Succeed, Task, Wait,
};
use sfn::{intrinsic, path, payload};

pub mod untyped;

/// The machine sizes of the build benchmarks (states, nested ones included).
pub const SIZES: [usize; 4] = [10, 100, 1_000, 10_000];

/// AWS's limit on the size of a state machine definition: 1 MB (taken as 2^20 bytes of the
/// pretty-printed JSON).
pub const DEFINITION_LIMIT: usize = 1 << 20;

/// The largest number of states of a [`Shape::Payload`] machine whose definition
/// (`to_json_pretty`) fits in [`DEFINITION_LIMIT`]; found once per process.
pub fn payload_states_at_limit() -> usize {
    static AT_LIMIT: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *AT_LIMIT.get_or_init(|| {
        let size = |n| build_and_emit(Shape::Payload, n).len();
        let per_state = (size(201) - size(101)) / 100;
        let mut n = DEFINITION_LIMIT / per_state;
        while size(n) > DEFINITION_LIMIT {
            n -= 1;
        }
        while size(n + 1) <= DEFINITION_LIMIT {
            n += 1;
        }
        n
    })
}

/// Nesting depth of the [`Shape::Nested`] machines.
pub const DEPTH: usize = 10;

/// Rules per Choice state in [`Shape::WideChoice`].
pub const CHOICE_WIDTH: usize = 1_000;

/// The machine shapes of the build benchmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `n` Pass states, each `Next` the following one, the last one `End`.
    Chain,
    /// Choice states with up to [`CHOICE_WIDTH`] rules each, one rule per target Pass state;
    /// the targets and the `Default` lead to the next Choice.
    WideChoice,
    /// Parallel and Map states alternately nested [`DEPTH`] deep, each scope a chain of Pass
    /// states before its nested state.
    Nested,
    /// A chain of Task states with large `Parameters` and `ResultSelector` templates (paths,
    /// intrinsic functions, nested objects and arrays), `Retry` and `Catch`.
    Payload,
}

impl Shape {
    /// Every shape.
    pub const ALL: [Shape; 4] = [
        Shape::Chain,
        Shape::WideChoice,
        Shape::Nested,
        Shape::Payload,
    ];

    /// The benchmark group name.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Chain => "chain",
            Shape::WideChoice => "wide_choice",
            Shape::Nested => "nested_10",
            Shape::Payload => "payload",
        }
    }

    /// Builds (and so validates) a machine of this shape with `n` states in total.
    pub fn build(self, n: usize) -> StateMachine {
        match self {
            Shape::Chain => chain(n),
            Shape::WideChoice => wide_choice(n),
            Shape::Nested => nested(n),
            Shape::Payload => payload_chain(n),
        }
    }
}

/// The number of states of a machine, nested scopes included.
pub fn count_states(m: &StateMachine) -> usize {
    m.states.count_nested()
}

/// The user-facing operation: build + validate (inside `build()`) + emit.
pub fn build_and_emit(shape: Shape, n: usize) -> String {
    sfn::to_json_pretty(&shape.build(n))
}

/// The machine, or a panic that shows the first findings (not thousands of them).
fn built(r: Result<StateMachine, sfn::Diagnostics>) -> StateMachine {
    r.unwrap_or_else(|d| {
        let first: Vec<String> = d.iter().take(3).map(|d| d.to_string()).collect();
        panic!("{} findings, first: {}", d.len(), first.join("\n"))
    })
}

fn chain(n: usize) -> StateMachine {
    let mut m = StateMachine::builder();
    let ids: Vec<_> = (0..n).map(|i| m.declare(format!("Step {i}"))).collect();
    for (i, &id) in ids.iter().enumerate() {
        match ids.get(i + 1) {
            Some(&next) => m.define(id, Pass::new().next(next)),
            None => m.define(id, Pass::new().end()),
        };
    }
    built(m.build())
}

fn wide_choice(n: usize) -> StateMachine {
    assert!(n >= 2);
    let mut m = StateMachine::builder();
    // Chunks of one Choice and up to CHOICE_WIDTH targets.
    let mut chunks: Vec<(StateId<'static>, Vec<StateId<'static>>)> = Vec::new();
    let mut left = n;
    while left > 0 {
        let c = chunks.len();
        let width = (left - 1).min(CHOICE_WIDTH);
        assert!(width > 0, "{n} states do not split into Choice chunks");
        let choice = m.declare(format!("Route {c}"));
        let targets = (0..width)
            .map(|j| m.declare(format!("Handle {c}.{j}")))
            .collect();
        chunks.push((choice, targets));
        left -= width + 1;
    }
    for (c, (choice, targets)) in chunks.iter().enumerate() {
        let after = chunks.get(c + 1).map(|(next, _)| *next);
        let mut rules = Choice::new();
        for (j, &t) in targets.iter().enumerate() {
            rules = rules.when(Condition::string_equals("$.kind", format!("kind-{j}")), t);
        }
        m.define(*choice, rules.otherwise(after.unwrap_or(targets[0])));
        for &t in targets {
            match after {
                Some(next) => m.define(t, Pass::new().next(next)),
                None => m.define(t, Pass::new().end()),
            };
        }
    }
    built(m.build())
}

/// The Pass states of each of the [`DEPTH`] levels of a nested machine of `n` states.
fn level_sizes(n: usize) -> [usize; DEPTH] {
    assert!(n >= DEPTH);
    let extra = n - (DEPTH - 1); // the DEPTH - 1 nesting states are states too
    let mut sizes = [extra / DEPTH; DEPTH];
    sizes[DEPTH - 1] += extra % DEPTH;
    sizes
}

fn nested(n: usize) -> StateMachine {
    let sizes = level_sizes(n);
    let mut m = StateMachine::builder();
    level(&mut m, 0, &sizes);
    built(m.build())
}

/// One scope of the nested machine: a chain of Pass states, then (above the innermost level)
/// a Parallel (even levels) or Map (odd levels) holding the next level.
fn level<D: Depth>(b: &mut ScopeBuilder<'_, D>, depth: usize, sizes: &[usize; DEPTH]) {
    let passes: Vec<_> = (0..sizes[depth])
        .map(|i| b.declare(format!("L{depth} Step {i}")))
        .collect();
    let inner = (depth + 1 < DEPTH).then(|| {
        b.declare(if depth.is_multiple_of(2) {
            format!("L{depth} Fan out")
        } else {
            format!("L{depth} For each")
        })
    });
    for (i, &p) in passes.iter().enumerate() {
        match passes.get(i + 1).copied().or(inner) {
            Some(next) => b.define(p, Pass::new().next(next)),
            None => b.define(p, Pass::new().end()),
        };
    }
    if let Some(inner) = inner {
        if depth.is_multiple_of(2) {
            b.define(
                inner,
                Parallel::new().branch(|b| level(b, depth + 1, sizes)).end(),
            );
        } else {
            b.define(
                inner,
                Map::new()
                    .items_path("$.items")
                    .max_concurrency(10)
                    .item_processor(|b| level(b, depth + 1, sizes))
                    .end(),
            );
        }
    }
}

fn payload_chain(n: usize) -> StateMachine {
    assert!(n >= 2);
    let mut m = StateMachine::builder();
    let failed = m.declare("Failed");
    let tasks: Vec<_> = (0..n - 1).map(|i| m.declare(format!("Call {i}"))).collect();
    m.start_at(tasks[0]);
    m.define(
        failed,
        Fail::new().error("CallFailed").cause("a call failed"),
    );
    for (i, &t) in tasks.iter().enumerate() {
        let task = Task::new(Resource::lambda_invoke())
            .parameters(payload! {
                "FunctionName": "arn:aws:lambda:eu-west-1:123456789012:function:worker:live",
                "Payload": {
                    "Step": i as i64,
                    "Input": path!("$.input"),
                    "Execution": path!("$$.Execution.Id"),
                    "StartedAt": path!("$$.Execution.StartTime"),
                    "Message": intrinsic!("States.Format('step {} of {}', $.step, $.total)"),
                    "Id": intrinsic!("States.UUID()"),
                    "Order": {
                        "OrderId": path!("$.order.id"),
                        "Customer": path!("$.order.customer['customer-id']"),
                        "Lines": path!("$.order.lines[*].sku"),
                        "Total": intrinsic!("States.MathAdd($.order.subtotal, $.order.shipping)"),
                        "Currency": "EUR",
                        "Flags": { "Express": true, "Gift": false, "Priority": 3 },
                    },
                    "Tags": ["bench", "sfn", { "Key": "source", "Value": path!("$.tag") }, { "Key": "step", "Value": i as i64 }],
                    "Retries": { "Max": 3, "Backoff": 2.5, "Jitter": "FULL" },
                    "Note": "a literal string that is long enough to look like real configuration text",
                },
                "InvocationType": "RequestResponse",
            })
            .result_selector(payload! {
                "Status": path!("$.Payload.status"),
                "Body": intrinsic!("States.StringToJson($.Payload.body)"),
                "Headers": { "RequestId": path!("$.SdkResponseMetadata.RequestId") },
            })
            .result_path(format!("$.results.step{i}"))
            .retry(lambda_retry(6, 2.0))
            .catch(to_failed(failed));
        match tasks.get(i + 1) {
            Some(&next) => m.define(t, task.next(next)),
            None => m.define(t, task.end()),
        };
    }
    built(m.build())
}

/// The Retry of the generated Lambda Tasks: Lambda's transient errors, every 2 s.
fn lambda_retry(max_attempts: i64, backoff_rate: f64) -> Retry {
    Retry::on(["Lambda.ServiceException", "Lambda.TooManyRequestsException"])
        .interval_seconds(2)
        .max_attempts(max_attempts)
        .backoff_rate(backoff_rate)
}

/// The Catch of the generated Lambda Tasks: any error, kept at `$.error`, goes to `failed`.
fn to_failed<'s, E, D: SameScope<E>>(failed: StateId<'s, E>) -> Catch<'s, HasNext, D> {
    Catch::on(["States.ALL"])
        .result_path("$.error")
        .next(failed)
}

/// The "mixed" machine of the import benchmark and of `scripts/compare-peers.sh`: blocks of
/// a Lambda Task (with Retry and Catch), a Choice, a Wait and a Pass, plus `Start`, `Init`,
/// `Failed` and `Done`. `blocks = 2_499` gives 10,000 states. `scripts/compare-peers.sh`
/// writes the same definition, byte for byte, with Python.
pub fn mixed(blocks: usize) -> StateMachine {
    let mut m = StateMachine::builder();
    let start = m.declare("Start");
    let init = m.declare("Init");
    let ids: Vec<[StateId<'static>; 4]> = (0..blocks)
        .map(|k| {
            [
                m.declare(format!("Task {k}")),
                m.declare(format!("Check {k}")),
                m.declare(format!("Wait {k}")),
                m.declare(format!("Pass {k}")),
            ]
        })
        .collect();
    let failed = m.declare("Failed");
    let done = m.declare("Done");
    m.define(start, Pass::new().result_path("$.start").next(init));
    m.define(
        init,
        Pass::new()
            .result(serde_json::json!({ "count": 0 }))
            .result_path("$.init")
            .next(ids.first().map_or(done, |b| b[0])),
    );
    for (k, &[task, check, wait, pass]) in ids.iter().enumerate() {
        let after = ids.get(k + 1).map_or(done, |b| b[0]);
        m.define(
            task,
            Task::new(Resource::lambda_invoke())
                .parameters(payload! {
                    "FunctionName": format!("arn:aws:lambda:us-east-1:123456789012:function:f{k}"),
                    "Payload": path!("$"),
                })
                .result_selector(payload! { "body": path!("$.Payload") })
                .result_path(format!("$.r{k}"))
                .retry(lambda_retry(3, 1.5))
                .catch(to_failed(failed))
                .next(check),
        );
        m.define(
            check,
            Choice::new()
                .when(
                    Condition::string_equals(format!("$.r{k}.body.status"), "DONE"),
                    pass,
                )
                .when(
                    Condition::numeric_greater_than(format!("$.r{k}.body.count"), 10),
                    wait,
                )
                .otherwise(pass),
        );
        m.define(wait, Wait::seconds(1).next(pass));
        m.define(
            pass,
            Pass::new()
                .parameters(payload! {
                    "step": k as i64,
                    "result": sfn::Path::parse(&format!("$.r{k}.body")).expect("a path"),
                })
                .result_path(format!("$.p{k}"))
                .next(after),
        );
    }
    m.define(failed, Fail::new().error("Failed").cause("a task failed"));
    m.define(done, Succeed::new());
    built(m.build())
}
