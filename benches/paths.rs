//! The path and intrinsic-function parsers on long inputs, each next to two baselines on the
//! same text: `serde_json::from_str::<String>` of it as a JSON string (a copy with an escape
//! scan) and a naive split into tokens (`str::split` on the punctuation, collected).
//!
//! The parsers are hand-written and linear; the group shows the cost per byte stays flat as
//! inputs grow (the `x4` inputs are four times longer than their base). Path rows parse the
//! segments too; the `scan only` rows time `Path::parse` alone, which for a path of plain
//! steps only checks it and leaves the segments to parse on first use.

mod summary;

use criterion::{BenchmarkId, Criterion, Throughput};
use sfn::path::{Expr, Intrinsic, Jsonata, Path};
use std::hint::black_box;
use std::time::Duration;

const GROUP: &str = "paths";

/// `$.f0.f1…` with `n` fields.
fn dotted(n: usize) -> String {
    let mut s = String::from("$");
    for i in 0..n {
        s.push_str(&format!(".field_{i}"));
    }
    s
}

/// `$['key 0'][0]['key 1'][1]…`: quoted keys with spaces and indexes.
fn bracketed(n: usize) -> String {
    let mut s = String::from("$");
    for i in 0..n {
        s.push_str(&format!("['key {i}'][{i}]"));
    }
    s
}

/// `$.a0[?(@.price > 10 && @.tag == 'x0')].a1[…]…`: `n` filters.
fn filters(n: usize) -> String {
    let mut s = String::from("$");
    for i in 0..n {
        s.push_str(&format!(".a{i}[?(@.price > {i} && @.tag == 'x{i}')]"));
    }
    s.push_str(".name");
    s
}

/// `States.Format('{} {} …', $.v0, $.v1, …)` with `n` arguments.
fn format_args(n: usize) -> String {
    let placeholders = vec!["{}"; n].join(" ");
    let args: Vec<String> = (0..n).map(|i| format!("$.values[{i}].name")).collect();
    format!("States.Format('{placeholders}', {})", args.join(", "))
}

/// `States.Array(States.Array(… $.x …), 'a', 1)`: intrinsics nested `depth` deep.
fn nested_intrinsic(depth: usize) -> String {
    let mut s = String::from("$.leaf");
    for i in 0..depth {
        s = format!("States.Array({s}, 'item {i}', {i})");
    }
    s
}

/// A JSONata expression of `n` terms.
fn jsonata(n: usize) -> String {
    let terms: Vec<String> = (0..n)
        .map(|i| format!("$sum($states.input.orders[status = 'open{i}'].lines.price) * {i}"))
        .collect();
    format!("{{% {} %}}", terms.join(" + "))
}

fn split_baseline(s: &str) -> usize {
    let copy = s.to_owned();
    let tokens: Vec<&str> = copy
        .split(['.', '[', ']', '(', ')', ',', '\'', ' '])
        .filter(|t| !t.is_empty())
        .collect();
    tokens.len()
}

/// A parser run on an input: true when it accepts it.
type Parse = fn(&str) -> bool;

/// (label, text, parser) of every input.
fn inputs() -> Vec<(String, String, Parse)> {
    /// The whole parse: a path of plain steps is only scanned by `Path::parse`, its segments
    /// are parsed when first asked for.
    fn path(s: &str) -> bool {
        Path::parse(s).is_ok_and(|p| !p.segments().is_empty())
    }
    /// `Path::parse` alone: the scan that plain paths get when they are made.
    fn path_scan(s: &str) -> bool {
        Path::parse(s).is_ok()
    }
    fn expr(s: &str) -> bool {
        Expr::parse(s).is_ok()
    }
    fn intrinsic(s: &str) -> bool {
        Intrinsic::parse(s).is_ok()
    }
    fn jsonata_ok(s: &str) -> bool {
        Jsonata::parse(s).is_ok()
    }
    vec![
        ("dotted 250".into(), dotted(250), path as Parse),
        ("dotted 1000 (x4)".into(), dotted(1_000), path),
        ("bracketed 250".into(), bracketed(250), path),
        ("bracketed 1000 (x4)".into(), bracketed(1_000), path),
        ("dotted 1000, scan only".into(), dotted(1_000), path_scan),
        (
            "bracketed 1000, scan only".into(),
            bracketed(1_000),
            path_scan,
        ),
        ("filters 50".into(), filters(50), path),
        ("filters 200 (x4)".into(), filters(200), path),
        ("format 100 args".into(), format_args(100), intrinsic),
        ("format 400 args (x4)".into(), format_args(400), intrinsic),
        ("nested intrinsic 60".into(), nested_intrinsic(60), expr),
        ("jsonata 50 terms".into(), jsonata(50), jsonata_ok),
        ("jsonata 200 terms (x4)".into(), jsonata(200), jsonata_ok),
    ]
}

fn main() {
    summary::start();
    let inputs = inputs();
    for (label, s, parse) in &inputs {
        assert!(parse(s), "{label} does not parse");
    }
    let mut c = Criterion::default().configure_from_args();
    {
        let mut group = c.benchmark_group(GROUP);
        group
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(1))
            .sample_size(30);
        for (label, s, parse) in &inputs {
            let id = format!("{label} ({} B)", s.len());
            let quoted = serde_json::to_string(s).expect("a string");
            group.throughput(Throughput::Bytes(s.len() as u64));
            group.bench_with_input(BenchmarkId::new("sfn_parse", &id), s, |b, s| {
                b.iter(|| parse(black_box(s)))
            });
            group.bench_with_input(
                BenchmarkId::new("serde_json_string", &id),
                &quoted,
                |b, q| b.iter(|| serde_json::from_str::<String>(black_box(q)).expect("a string")),
            );
            group.bench_with_input(BenchmarkId::new("naive_split", &id), s, |b, s| {
                b.iter(|| split_baseline(black_box(s)))
            });
        }
        group.finish();
    }
    c.final_summary();
    if summary::bench_mode() {
        println!();
        println!("== parsers vs baselines on the same text (medians of this run)");
        println!(
            "{:<34} {:>11} {:>9} {:>11} {:>11} {:>8}",
            "input", "sfn", "MB/s", "serde str", "split", "vs split"
        );
        for (label, s, _) in &inputs {
            let id = format!("{label} ({} B)", s.len());
            let Some(p) = summary::median_ns(GROUP, "sfn_parse", &id) else {
                continue;
            };
            let j = summary::median_ns(GROUP, "serde_json_string", &id);
            let sp = summary::median_ns(GROUP, "naive_split", &id);
            println!(
                "{:<34} {:>11} {:>9.0} {:>11} {:>11} {:>7}",
                id,
                summary::time(p),
                s.len() as f64 / p * 1e3,
                j.map_or("-".into(), summary::time),
                sp.map_or("-".into(), summary::time),
                sp.map_or("-".into(), |sp| format!("{:.1}x", p / sp)),
            );
        }
    }
}
