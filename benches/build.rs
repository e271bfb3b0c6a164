//! Build (fluent builder) + validate (inside `build()`) + emit (`to_json_pretty`) machines of
//! 10 to 100,000 states, each size next to its baseline: `serde_json::to_string` of the same
//! JSON held as a `serde_json::Value`.
//!
//! Groups are `<shape>/<function>/<states>`; after the run a table prints sfn / baseline and
//! the growth from 10,000 to 100,000 states. See docs/performance.md.

mod common;
mod summary;

use common::{SIZES, Shape};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use std::hint::black_box;
use std::time::Duration;

/// The functions of every group.
const SFN: &str = "sfn_build_validate_emit";
const BASELINE: &str = "serde_json_to_string";
const BASELINE_CLONE: &str = "serde_json_clone_to_string";

fn configure(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    n: usize,
) {
    // Sized so that all of `cargo bench` stays under ten minutes on two cores.
    group.warm_up_time(Duration::from_millis(300));
    if n <= 1_000 {
        group
            .sample_size(30)
            .measurement_time(Duration::from_millis(1500));
    } else if n <= 10_000 {
        group
            .sample_size(20)
            .measurement_time(Duration::from_secs(2));
    } else {
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(4))
            .sampling_mode(SamplingMode::Flat);
    }
}

/// The same JSON as a `serde_json::Value`, made on first use (benchmarks not selected by a
/// filter never build their machine).
fn value_of(shape: Shape, n: usize) -> serde_json::Value {
    let machine = shape.build(n);
    assert_eq!(common::count_states(&machine), n, "{} states", shape.name());
    serde_json::to_value(&machine).expect("serializable")
}

fn bench(c: &mut Criterion) {
    for shape in Shape::ALL {
        for n in SIZES {
            let value = std::cell::OnceCell::new();
            let mut group = c.benchmark_group(shape.name());
            configure(&mut group, n);
            group.throughput(Throughput::Elements(n as u64));
            group.bench_function(BenchmarkId::new(SFN, n), |b| {
                b.iter(|| common::build_and_emit(shape, black_box(n)))
            });
            group.bench_function(BenchmarkId::new(BASELINE, n), |b| {
                let value = value.get_or_init(|| value_of(shape, n));
                b.iter(|| serde_json::to_string(black_box(value)).expect("serializable"))
            });
            group.bench_function(BenchmarkId::new(BASELINE_CLONE, n), |b| {
                let value = value.get_or_init(|| value_of(shape, n));
                b.iter(|| serde_json::to_string(&black_box(value).clone()).expect("serializable"))
            });
            group.finish();
        }
    }
}

/// Where the time of the 10,000-state case goes: the validator alone and the emitter alone on
/// the finished machine (the rest of `sfn_build_validate_emit` is the builder).
fn breakdown(c: &mut Criterion) {
    for shape in Shape::ALL {
        let machine = std::cell::OnceCell::new();
        let mut group = c.benchmark_group(format!("{}_parts", shape.name()));
        configure(&mut group, 10_000);
        group.bench_function(BenchmarkId::new("validate", 10_000), |b| {
            let m = machine.get_or_init(|| shape.build(10_000));
            b.iter(|| sfn::validate(black_box(m)))
        });
        group.bench_function(BenchmarkId::new("emit", 10_000), |b| {
            let m = machine.get_or_init(|| shape.build(10_000));
            b.iter(|| sfn::to_json_pretty(black_box(m)))
        });
        group.bench_function(BenchmarkId::new("emit_compact", 10_000), |b| {
            let m = machine.get_or_init(|| shape.build(10_000));
            b.iter(|| serde_json::to_string(black_box(m)).expect("serializable"))
        });
        group.finish();
    }
}

fn print_summary() {
    println!();
    println!("== build + validate + emit vs serde_json (medians of this run)");
    println!(
        "{:<12} {:>8} {:>12} {:>12} {:>8} {:>14} {:>8}",
        "shape", "states", "sfn", "to_string", "ratio", "clone+to_str", "ratio"
    );
    for shape in Shape::ALL {
        let mut at = std::collections::HashMap::new();
        for n in SIZES {
            let v = n.to_string();
            let (Some(s), Some(b)) = (
                summary::median_ns(shape.name(), SFN, &v),
                summary::median_ns(shape.name(), BASELINE, &v),
            ) else {
                continue;
            };
            let bc = summary::median_ns(shape.name(), BASELINE_CLONE, &v);
            at.insert(n, s);
            println!(
                "{:<12} {:>8} {:>12} {:>12} {:>7.2}x {:>14} {:>7}",
                shape.name(),
                n,
                summary::time(s),
                summary::time(b),
                s / b,
                bc.map_or("-".into(), summary::time),
                bc.map_or("-".into(), |bc| format!("{:.2}x", s / bc)),
            );
        }
        if let (Some(a), Some(b)) = (at.get(&10_000), at.get(&100_000)) {
            println!(
                "{:<12} growth 10,000 -> 100,000 states: {:.1}x (linear = 10x)",
                shape.name(),
                b / a
            );
        }
    }
}

fn main() {
    summary::start();
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    breakdown(&mut c);
    c.final_summary();
    if summary::bench_mode() {
        print_summary();
    }
}
