//! Peak memory of build + validate + emit, measured two ways:
//!
//! * **peak heap**: a counting global allocator (`peak_alloc`) records the highest number of
//!   live heap bytes; the peak is reset before each case and the bytes live before it are
//!   subtracted. The baseline is the same JSON built with `json!` (`common::untyped`) and
//!   written with `serde_json::to_string`.
//! * **peak RSS**: the case runs alone in a fresh child process (this executable re-run with
//!   `SFN_MEMORY_CHILD=<shape>:<states>`; `payload:1mb` is the payload shape at AWS's 1 MB
//!   definition limit), which reports `VmHWM` from `/proc/self/status`: the
//!   high-water mark of resident memory, executable and libc included. `idle` is the same
//!   process doing nothing.
//!
//! Not a criterion benchmark (nothing is timed); `cargo bench --bench memory` prints a table.

mod common;

use common::{Shape, untyped};
use peak_alloc::PeakAlloc;
use std::process::Command;

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

const CHILD_ENV: &str = "SFN_MEMORY_CHILD";
const MB: f64 = 1024.0 * 1024.0;

/// Peak heap bytes of `f` above what was live before it; `f`'s result is dropped afterwards.
fn peak_heap<T>(f: impl FnOnce() -> T) -> usize {
    let before = ALLOC.current_usage();
    ALLOC.reset_peak_usage();
    let out = f();
    let peak = ALLOC.peak_usage();
    drop(out);
    peak.saturating_sub(before)
}

/// `VmHWM` (peak resident set) of this process, in bytes.
fn vm_hwm() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn shape_named(name: &str) -> Option<Shape> {
    Shape::ALL.into_iter().find(|s| s.name() == name)
}

/// The measured work of a child, kept out of line so that an instruction-level profiler
/// (`valgrind --tool=callgrind`) can count it alone; see docs/performance.md.
#[inline(never)]
fn sfn_build_validate_emit(shape: Shape, n: usize) -> String {
    common::build_and_emit(shape, n)
}

/// The baseline's work (`json!` + `to_string`), kept out of line like
/// [`sfn_build_validate_emit`].
#[inline(never)]
fn json_macro_to_string(shape: Shape, n: usize) -> String {
    untyped::build_and_write(shape, n)
}

/// Child mode: run one case and print the peak RSS.
/// `<shape>:<states>` runs sfn; `baseline:<shape>:<states>` runs the baseline (`json!` +
/// `to_string`). `<states>` is a number, or `1mb` for the payload shape's size at AWS's limit.
/// `check:<file>` runs `validate::check_json` on a file (`sfn validate`'s work).
fn child(case: &str) {
    let parse = |case: &str| {
        let (shape, n) = case.split_once(':').expect("<shape>:<states>");
        (
            shape_named(shape).expect("a shape"),
            if n == "1mb" {
                common::payload_states_at_limit()
            } else {
                n.parse::<usize>().expect("a number or 1mb")
            },
        )
    };
    let out = if case == "idle" {
        0
    } else if let Some(file) = case.strip_prefix("check:") {
        // `sfn validate`'s work on a file, for a heap profiler (valgrind --tool=massif).
        let bytes = std::fs::read(file).expect("a readable file");
        let (findings, machine) = sfn::validate::check_json(&bytes, &sfn::json::Limits::default());
        findings.len() + usize::from(machine.is_some())
    } else if let Some(case) = case.strip_prefix("baseline:") {
        let (shape, n) = parse(case);
        json_macro_to_string(shape, n).len()
    } else {
        let (shape, n) = parse(case);
        sfn_build_validate_emit(shape, n).len()
    };
    std::hint::black_box(out);
    println!("{}", vm_hwm().unwrap_or(0));
}

fn child_rss(case: &str) -> Option<usize> {
    let exe = std::env::current_exe().ok()?;
    let out = Command::new(exe).env(CHILD_ENV, case).output().ok()?;
    if !out.status.success() {
        eprintln!(
            "memory child {case} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return None;
    }
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn mb(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / MB)
}

fn main() {
    if let Ok(case) = std::env::var(CHILD_ENV) {
        child(&case);
        return;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--list") {
        println!("memory: benchmark");
        return;
    }
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if !filters.is_empty() && !filters.iter().any(|f| "memory".contains(f.as_str())) {
        return;
    }
    let bench = args.iter().any(|a| a == "--bench");
    // Under `cargo test --benches`: one small case, to check that it runs.
    let sizes: &[usize] = if bench {
        &[1_000, 10_000, 100_000]
    } else {
        &[100]
    };

    println!("== peak memory of build + validate + emit (1 MB = 2^20 bytes)");
    println!(
        "{:<12} {:>8} {:>14} {:>16} {:>7} {:>14}",
        "shape", "states", "sfn peak heap", "json! heap", "ratio", "sfn peak RSS"
    );
    for shape in Shape::ALL {
        // 100,000 states of large payloads take 1.7 GB: left out to keep the run short.
        for &n in sizes
            .iter()
            .filter(|&&n| shape != Shape::Payload || n <= 10_000)
        {
            let sfn_heap = peak_heap(|| common::build_and_emit(shape, n));
            let serde_heap = peak_heap(|| untyped::build_and_write(shape, n));
            let rss = if bench {
                child_rss(&format!("{}:{n}", shape.name())).map_or("-".into(), mb)
            } else {
                "-".into()
            };
            println!(
                "{:<12} {:>8} {:>14} {:>16} {:>6.2}x {:>14}",
                shape.name(),
                n,
                mb(sfn_heap),
                mb(serde_heap),
                sfn_heap as f64 / serde_heap as f64,
                rss
            );
        }
    }
    {
        // The payload shape at AWS's 1 MB definition limit (target: < 20 MB peak heap).
        let n = common::payload_states_at_limit();
        let sfn_heap = peak_heap(|| common::build_and_emit(Shape::Payload, n));
        let serde_heap = peak_heap(|| untyped::build_and_write(Shape::Payload, n));
        let rss = if bench {
            child_rss("payload:1mb").map_or("-".into(), mb)
        } else {
            "-".into()
        };
        println!(
            "{:<12} {:>8} {:>14} {:>16} {:>6.2}x {:>14}   (1 MB definition: {} bytes)",
            "payload",
            n,
            mb(sfn_heap),
            mb(serde_heap),
            sfn_heap as f64 / serde_heap as f64,
            rss,
            common::build_and_emit(Shape::Payload, n).len()
        );
    }
    if bench {
        let machine = common::mixed(2_499);
        let bytes = sfn::to_json_pretty(&machine).into_bytes();
        drop(machine);
        let heap = peak_heap(|| sfn::validate::check_json(&bytes, &sfn::json::Limits::default()));
        let serde_heap = peak_heap(|| serde_json::from_slice::<serde_json::Value>(&bytes));
        println!(
            "{:<12} {:>8} {:>14} {:>16} {:>6.2}x {:>14}",
            "check mixed",
            10_000,
            mb(heap),
            mb(serde_heap),
            heap as f64 / serde_heap as f64,
            "(see script)"
        );
        if let Some(idle) = child_rss("idle") {
            println!(
                "idle process peak RSS (the floor of the RSS column): {}",
                mb(idle)
            );
        }
        println!(
            "\"check mixed\": parse + import + validate of the generated 10,000-state file, as `sfn validate` does; baseline serde_json::from_slice::<Value>"
        );
    }
}
