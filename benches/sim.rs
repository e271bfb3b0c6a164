//! The simulator (`sfn::sim`, the `sim` feature) on two shapes, each next to a baseline of the
//! same run:
//!
//! * `map_10000`: an inline Map of a Pass state over 10,000 items (target < 20 ms). Baseline:
//!   `clone` of the 10,000-item input, the least any Map of a Pass state must do to make its
//!   output.
//! * `pass_chain_10000`: a chain of 10,000 Pass states, reported as state transitions per second
//!   (target ≥ 1,000,000/s). Baseline: a loop that looks each `Next` up in an index of the
//!   machine's states and clones the state's input, the skeleton of any interpreter.
//!
//! Both run a whole execution, history included (the Map's 40,000 events are past AWS's
//! 25,000-event quota, so its simulator allows more). See docs/performance.md.

mod summary;

use criterion::measurement::WallTime;
use criterion::{BatchSize, BenchmarkGroup, BenchmarkId, Criterion, Throughput};
use serde_json::{Value, json};
use sfn::StateMachine;
use sfn::sim::{Simulator, Status};
use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

const ITEMS: usize = 10_000;
const STATES: usize = 10_000;
const SIM: &str = "sfn_sim_run";
const BASELINE: &str = "baseline";

fn map_machine() -> StateMachine {
    StateMachine::from_json(
        r#"{"StartAt": "Each", "States": {"Each": {"Type": "Map",
            "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"},
                              "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
            "End": true}}}"#,
    )
    .expect("a machine")
}

fn map_input() -> Value {
    Value::from((0..ITEMS).map(|i| json!({"id": i})).collect::<Vec<_>>())
}

fn chain_machine() -> StateMachine {
    let mut states = serde_json::Map::new();
    for i in 0..STATES {
        let state = if i + 1 == STATES {
            json!({"Type": "Pass", "End": true})
        } else {
            json!({"Type": "Pass", "Next": format!("S{}", i + 1)})
        };
        states.insert(format!("S{i}"), state);
    }
    let json = json!({"StartAt": "S0", "States": states}).to_string();
    StateMachine::from_json(&json).expect("a machine")
}

/// The baseline of the chain: follow `Next` from state to state by name, cloning the input.
fn walk_chain(machine: &StateMachine, input: &Value) -> Value {
    let index: HashMap<&str, &sfn::State> = machine.states.iter().collect();
    let mut name = machine.start_at.as_str();
    let mut data = input.clone();
    loop {
        let state = index[name];
        data = black_box(data).clone();
        match state_next(state) {
            Some(next) => name = next,
            None => return data,
        }
    }
}

fn state_next(state: &sfn::State) -> Option<&str> {
    match state {
        sfn::State::Pass(p) => match &p.transition {
            sfn::Transition::Next(next) => Some(next.as_str()),
            _ => None,
        },
        _ => None,
    }
}

/// A group of `elements` items or transitions, timed the same way for each case.
fn group<'c>(c: &'c mut Criterion, name: &str, elements: usize) -> BenchmarkGroup<'c, WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20)
        .throughput(Throughput::Elements(elements as u64));
    group
}

fn main() {
    summary::start();
    let map = map_machine();
    let items = map_input();
    let chain = chain_machine();
    let input = json!({"order": 7, "lines": [1, 2, 3]});
    let map_sim = Simulator::new(&map).max_events(1_000_000);
    let chain_sim = Simulator::new(&chain);
    {
        let exec = map_sim.run(items.clone()).expect("runs");
        assert!(exec.succeeded(), "{:?} {:?}", exec.error, exec.cause);
        assert_eq!(exec.output.as_ref(), Some(&items));
        let exec = chain_sim.run(input.clone()).expect("runs");
        assert_eq!(exec.status, Status::Succeeded, "{:?}", exec.cause);
        assert_eq!(exec.path().len(), STATES);
        assert_eq!(walk_chain(&chain, &input), input);
    }

    let mut c = Criterion::default().configure_from_args();
    {
        let mut group = group(&mut c, "map_10000", ITEMS);
        group.bench_function(BenchmarkId::new(SIM, ITEMS), |b| {
            b.iter_batched(
                || items.clone(),
                |items| map_sim.run(items).expect("runs"),
                BatchSize::LargeInput,
            )
        });
        group.bench_function(BenchmarkId::new(BASELINE, ITEMS), |b| {
            b.iter(|| black_box(&items).clone())
        });
        group.finish();
    }
    {
        let mut group = group(&mut c, "pass_chain_10000", STATES);
        group.bench_function(BenchmarkId::new(SIM, STATES), |b| {
            b.iter(|| chain_sim.run(black_box(&input).clone()).expect("runs"))
        });
        group.bench_function(BenchmarkId::new(BASELINE, STATES), |b| {
            b.iter(|| walk_chain(&chain, black_box(&input)))
        });
        group.finish();
    }
    c.final_summary();

    if summary::bench_mode() {
        println!();
        println!("== the simulator (medians of this run)");
        println!(
            "{:<18} {:>11} {:>11} {:>8} {:>16}",
            "case", "sfn-sim", "baseline", "ratio", "per second"
        );
        for (group, n, what) in [
            ("map_10000", ITEMS, "items"),
            ("pass_chain_10000", STATES, "transitions"),
        ] {
            let id = n.to_string();
            let Some(sim) = summary::median_ns(group, SIM, &id) else {
                continue;
            };
            let base = summary::median_ns(group, BASELINE, &id);
            println!(
                "{:<18} {:>11} {:>11} {:>8} {:>16}",
                group,
                summary::time(sim),
                base.map_or("-".into(), summary::time),
                base.map_or("-".into(), |b| format!("{:.1}x", sim / b)),
                format!("{:.0} {what}/s", n as f64 / sim * 1e9),
            );
        }
    }
}
