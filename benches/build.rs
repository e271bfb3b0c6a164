//! Build (fluent builder) + validate (inside `build()`) + emit (`to_json_pretty`) machines of
//! 10 to 10,000 states, each size next to its baseline: the same JSON built with
//! `serde_json::json!` and written with `serde_json::to_string` (`common::untyped`), the
//! untyped way to write it. Then the payload shape at AWS's 1 MB definition limit.
//!
//! Groups are `<shape>/<function>/<states>`; after the run a table prints sfn / baseline.
//! See docs/performance.md.

mod common;
mod summary;

use common::{SIZES, Shape, untyped};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use std::hint::black_box;
use std::time::Duration;

/// The functions of every group.
const SFN: &str = "sfn_build_validate_emit";
const BASELINE: &str = "json_macro_to_string";

/// The group of the payload shape at AWS's definition size limit.
const AT_LIMIT: &str = "payload_1mb";

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

fn bench(c: &mut Criterion) {
    for shape in Shape::ALL {
        for n in SIZES {
            // The baseline is the same JSON: checked once per size, outside the measurement.
            untyped::check_same_json(shape, n);
            let mut group = c.benchmark_group(shape.name());
            configure(&mut group, n);
            group.throughput(Throughput::Elements(n as u64));
            group.bench_function(BenchmarkId::new(SFN, n), |b| {
                b.iter(|| common::build_and_emit(shape, black_box(n)))
            });
            group.bench_function(BenchmarkId::new(BASELINE, n), |b| {
                b.iter(|| untyped::build_and_write(shape, black_box(n)))
            });
            group.finish();
        }
    }
}

/// The payload shape at the largest size whose definition fits AWS's 1 MB limit.
fn at_limit(c: &mut Criterion) {
    let n = common::payload_states_at_limit();
    untyped::check_same_json(Shape::Payload, n);
    let mut group = c.benchmark_group(AT_LIMIT);
    configure(&mut group, 10_000);
    group.bench_function(BenchmarkId::new(SFN, n), |b| {
        b.iter(|| common::build_and_emit(Shape::Payload, black_box(n)))
    });
    group.bench_function(BenchmarkId::new(BASELINE, n), |b| {
        b.iter(|| untyped::build_and_write(Shape::Payload, black_box(n)))
    });
    group.finish();
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
    println!(
        "== build + validate + emit vs json! + to_string (medians of this run; target <= 1.00x)"
    );
    println!(
        "{:<12} {:>8} {:>12} {:>14} {:>8}",
        "shape", "states", "sfn", "json!+to_str", "ratio"
    );
    let row = |group: &str, n: usize| {
        let v = n.to_string();
        if let (Some(s), Some(b)) = (
            summary::median_ns(group, SFN, &v),
            summary::median_ns(group, BASELINE, &v),
        ) {
            println!(
                "{:<12} {:>8} {:>12} {:>14} {:>7.2}x",
                group,
                n,
                summary::time(s),
                summary::time(b),
                s / b,
            );
        }
    };
    for shape in Shape::ALL {
        for n in SIZES {
            row(shape.name(), n);
        }
    }
    row(AT_LIMIT, common::payload_states_at_limit());
    println!("(payload_1mb: target < 10 ms)");
}

fn main() {
    summary::start();
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    at_limit(&mut c);
    breakdown(&mut c);
    c.final_summary();
    if summary::bench_mode() {
        print_summary();
    }
}
