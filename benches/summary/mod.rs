//! Reads criterion's estimates of this run back and prints ratio tables, so that every target
//! of docs/performance.md is shown by `cargo bench` itself.

#![allow(dead_code)] // each bench target uses a different subset

use std::path::PathBuf;

/// Where criterion writes its results: `$CRITERION_HOME`, else `<target dir>/criterion` (the
/// bench executable is `<target dir>/<profile>/deps/<name>-<hash>`).
fn criterion_dir() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return Some(PathBuf::from(home));
    }
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return Some(PathBuf::from(dir).join("criterion"));
    }
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.parent()?.parent()?.join("criterion"))
}

/// The directory name criterion derives from an id component (characters that are not safe
/// in file names replaced, cut to 64 bytes).
fn safe(s: &str) -> String {
    let mut s = s.replace(['?', '"', '/', '\\', '*', '<', '>', ':', '|', '^'], "_");
    let mut end = s.len().min(64);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

/// The median time in nanoseconds of `group/function/value` as measured by this run, or `None`
/// when it was not run (a filter) or criterion ran in test mode.
pub fn median_ns(group: &str, function: &str, value: &str) -> Option<f64> {
    let path = criterion_dir()?
        .join(safe(group))
        .join(safe(function))
        .join(safe(value))
        .join("new")
        .join("estimates.json");
    let modified = std::fs::metadata(&path).ok()?.modified().ok()?;
    // Only numbers of this process: an old result of a filtered-out benchmark is not shown.
    if modified < *START {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["median"]["point_estimate"].as_f64()
}

static START: std::sync::LazyLock<std::time::SystemTime> =
    std::sync::LazyLock::new(std::time::SystemTime::now);

/// Records the start of the run; call before the benchmarks.
pub fn start() {
    std::sync::LazyLock::force(&START);
}

/// True when the executable runs as a benchmark (`cargo bench`), not as a test
/// (`cargo test --benches`), where criterion runs every routine once.
pub fn bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// `1.234 ms` style.
pub fn time(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.3} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.3} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}
