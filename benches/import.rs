//! Import (parse with sfn's reader) + validate + emit of real definitions: the largest
//! files of `../shared/corpus` (read at bench time; skipped with a message when missing), the
//! whole corpus in one go, and a generated 10,000-state definition.
//!
//! Functions per input:
//! * `sfn_import_validate_emit`: `validate::check_json` (read, import and validate; what
//!   `StateMachine::from_slice` does, plus the validator) → `to_json_pretty` (what `sfn fmt` plus
//!   `sfn validate` do);
//! * `sfn_check`: `validate::check_json` alone, the work of `sfn validate` before it renders
//!   findings;
//! * `serde_json_parse_to_string` (baseline): `serde_json::from_slice::<Value>` →
//!   `serde_json::to_string`.

mod common;
mod summary;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, Throughput};
use serde_json::Value;
use sfn::json::Limits;
use sfn::validate::check_json;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

const SFN: &str = "sfn_import_validate_emit";
const CHECK: &str = "sfn_check";
const BASELINE: &str = "serde_json_parse_to_string";
const GROUP: &str = "import";

/// How many of the largest corpus files get a benchmark of their own.
const LARGEST: usize = 5;

fn sfn_import_validate_emit(bytes: &[u8]) -> (usize, String) {
    let (findings, machine) = check_json(bytes, &Limits::default());
    let machine = machine.expect("an object");
    (findings.len(), sfn::to_json_pretty(&machine))
}

fn sfn_check(bytes: &[u8]) -> usize {
    check_json(bytes, &Limits::default()).0.len()
}

fn baseline(bytes: &[u8]) -> String {
    let value: Value = serde_json::from_slice(bytes).expect("JSON");
    serde_json::to_string(&value).expect("serializable")
}

/// `../shared/corpus` (or `$SFN_SHARED/corpus`); `None`, after saying the corpus benchmarks are
/// skipped, when it is missing.
fn corpus_dir() -> Option<PathBuf> {
    sfn_test_support::shared_dir_with("the corpus benchmarks", &["corpus"])
        .map(|shared| shared.join("corpus"))
}

/// Every corpus definition as JSON text that sfn's reader accepts (JSON5 files converted with
/// the `json5` crate; files that are not valid JSON are left out), with a short label.
fn corpus() -> Vec<(String, Vec<u8>)> {
    let Some(dir) = corpus_dir() else {
        return Vec::new();
    };
    let mut paths = sfn_test_support::files_below(&dir, &["json", "json5"]);
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            let bytes = if p.extension().is_some_and(|x| x == "json5") {
                let v: Value = json5::from_str(std::str::from_utf8(&bytes).ok()?).ok()?;
                serde_json::to_vec_pretty(&v).ok()?
            } else {
                bytes
            };
            check_json(&bytes, &Limits::default()).1?;
            let rel = p.strip_prefix(&dir).unwrap_or(&p);
            // `<collection>/<sample>/…/<file>`: the sample folder and the file name.
            let parts: Vec<String> = rel
                .iter()
                .map(|s| s.to_string_lossy().into_owned())
                .collect();
            let mut label = match parts.as_slice() {
                [_, sample, .., file] if parts.len() > 2 => format!("{sample}/{file}"),
                _ => rel.display().to_string(),
            };
            if label.len() > 44 {
                let mut end = 43;
                while !label.is_char_boundary(end) {
                    end -= 1;
                }
                label.truncate(end);
                label.push('…');
            }
            Some((label, bytes))
        })
        .collect()
}

fn bench(c: &mut Criterion, corpus: &[(String, Vec<u8>)], generated: &[u8]) {
    let mut group = c.benchmark_group(GROUP);
    group
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);

    let mut largest: Vec<&(String, Vec<u8>)> = corpus.iter().collect();
    largest.sort_by_key(|(_, b)| std::cmp::Reverse(b.len()));
    for (label, bytes) in largest.into_iter().take(LARGEST) {
        let id = format!("{label} ({} B)", bytes.len());
        each_way(&mut group, &id, bytes);
    }

    if !corpus.is_empty() {
        let total: usize = corpus.iter().map(|(_, b)| b.len()).sum();
        let id = format!("whole corpus ({} files, {total} B)", corpus.len());
        group.throughput(Throughput::Bytes(total as u64));
        for (way, read) in WAYS {
            group.bench_function(BenchmarkId::new(way, &id), |b| {
                b.iter(|| {
                    for (_, x) in corpus {
                        read(black_box(x));
                    }
                })
            });
        }
    }

    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(4));
    let id = format!("generated 10000 states ({} B)", generated.len());
    each_way(&mut group, &id, generated);
    group.finish();
}

/// One way of reading a definition (what it gives is black-boxed).
type Read = fn(&[u8]);

/// The ways of reading a definition that the benchmarks compare, by the name they report.
const WAYS: [(&str, Read); 3] = [
    (SFN, |x| {
        black_box(sfn_import_validate_emit(x));
    }),
    (CHECK, |x| {
        black_box(sfn_check(x));
    }),
    (BASELINE, |x| {
        black_box(baseline(x));
    }),
];

/// One definition, `bytes`, read each way.
fn each_way(group: &mut BenchmarkGroup<'_, WallTime>, id: &str, bytes: &[u8]) {
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    for (way, read) in WAYS {
        group.bench_with_input(BenchmarkId::new(way, id), bytes, |b, x| {
            b.iter(|| read(black_box(x)))
        });
    }
}

fn print_summary(labels: &[String]) {
    println!();
    println!("== import + validate + emit vs serde_json parse + to_string (medians of this run)");
    println!(
        "{:<72} {:>11} {:>11} {:>11} {:>7}",
        "input", "sfn", "sfn_check", "serde_json", "ratio"
    );
    for id in labels {
        let (Some(s), Some(b)) = (
            summary::median_ns(GROUP, SFN, id),
            summary::median_ns(GROUP, BASELINE, id),
        ) else {
            continue;
        };
        let check = summary::median_ns(GROUP, CHECK, id);
        println!(
            "{:<72} {:>11} {:>11} {:>11} {:>6.2}x",
            id,
            summary::time(s),
            check.map_or("-".into(), summary::time),
            summary::time(b),
            s / b
        );
    }
}

fn main() {
    summary::start();
    let corpus = corpus();
    let machine = common::mixed(2_499);
    assert_eq!(common::count_states(&machine), 10_000);
    let generated = sfn::to_json_pretty(&machine).into_bytes();
    if let Ok(path) = std::env::var("SFN_BENCH_WRITE_GENERATED") {
        std::fs::write(&path, &generated).expect("write the generated definition");
        eprintln!("wrote {path}");
    }
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c, &corpus, &generated);
    c.final_summary();
    if summary::bench_mode() {
        let mut largest: Vec<&(String, Vec<u8>)> = corpus.iter().collect();
        largest.sort_by_key(|(_, b)| std::cmp::Reverse(b.len()));
        let mut labels: Vec<String> = largest
            .into_iter()
            .take(LARGEST)
            .map(|(l, b)| format!("{l} ({} B)", b.len()))
            .collect();
        if !corpus.is_empty() {
            let total: usize = corpus.iter().map(|(_, b)| b.len()).sum();
            labels.push(format!("whole corpus ({} files, {total} B)", corpus.len()));
        }
        labels.push(format!("generated 10000 states ({} B)", generated.len()));
        print_summary(&labels);
    }
}
