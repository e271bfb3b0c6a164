//! The baseline of the `sfn validate` target in docs/performance.md: how long
//! `serde_json::from_slice::<serde_json::Value>` of a file takes inside one process, without
//! the process around it. `scripts/compare-peers.sh` runs it next to `sfn validate`.
//!
//! ```sh
//! cargo run --release -p sfn-cli --example parse_baseline -- FILE [SECONDS]
//! ```
//!
//! Reads FILE once, then parses its bytes again and again for SECONDS (default 3, at least 5
//! parses; `0`: exactly one, for a profiler or `/usr/bin/time`) and prints one line: `first <ms> median <ms> min <ms> runs <n> allocator <name>`.
//! The first parse runs on a fresh heap, as a process's only parse does; the median and the
//! minimum are of every parse. Each `Value` is dropped outside the timed part.
//!
//! The allocator is the `sfn` command's: mimalloc with sfn-cli's default `mimalloc` feature,
//! the system allocator with `--no-default-features`.

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

const ALLOCATOR_NAME: &str = if cfg!(feature = "mimalloc") {
    "mimalloc"
} else {
    "system"
};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(file) = args.next() else {
        eprintln!("usage: parse_baseline FILE [SECONDS]");
        return ExitCode::from(2);
    };
    let seconds: f64 = args.next().map_or(3.0, |s| s.parse().unwrap_or(3.0));
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(2);
        }
    };
    let budget = Duration::from_secs_f64(seconds);
    let start = Instant::now();
    let mut times = Vec::new();
    let min_runs = if seconds == 0.0 { 1 } else { 5 };
    while times.len() < min_runs || start.elapsed() < budget {
        let t = Instant::now();
        let value = serde_json::from_slice::<serde_json::Value>(black_box(&bytes));
        times.push(t.elapsed());
        if let Err(e) = black_box(value) {
            eprintln!("{file}: {e}");
            return ExitCode::from(1);
        }
    }
    let first = times[0];
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "first {:.3} median {:.3} min {:.3} runs {} allocator {ALLOCATOR_NAME}",
        ms(first),
        ms(times[times.len() / 2]),
        ms(times[0]),
        times.len()
    );
    ExitCode::SUCCESS
}
