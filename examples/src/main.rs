//! The main job: generate (or check) and validate every example definition.
//!
//! ```text
//! cargo run -p sfn-examples                    # write examples/definitions/*.asl.json
//! SFN_CHECK=1 cargo run -p sfn-examples        # check them; fail with a diff when stale
//! cargo run -p sfn-examples -- --check         # the same
//! cargo run -p sfn-examples -- --out-dir DIR   # somewhere else
//! ```
//!
//! Prints one line per machine (name, number of states, status, file) and a summary; exits
//! with 1 when a machine does not build or validate, or (check mode) a file is stale, missing
//! or orphaned, and with 2 on a usage error.

use sfn::Generator;
use sfn::generator::{CHECK_ENV, EXTENSION, Generated, Problem, Status, count_states};
use sfn_examples::machines;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: sfn-examples [--check] [--out-dir DIR]

Generates examples/definitions/<name>.asl.json for every example and validates it.
  --check         write nothing; fail when a file is stale, missing or orphaned
                  (also on with SFN_CHECK=1)
  --out-dir DIR   write to DIR instead of examples/definitions
";

/// The command line.
struct Options {
    check: bool,
    out_dir: PathBuf,
}

fn parse_args() -> Result<Option<Options>, String> {
    let mut check = std::env::var(CHECK_ENV)
        .is_ok_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes"));
    let mut out_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("definitions");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--out-dir" => {
                out_dir = args
                    .next()
                    .map(PathBuf::from)
                    .ok_or("--out-dir needs a directory")?;
            }
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Some(Options { check, out_dir }))
}

/// `path` relative to the current directory when it is inside it.
fn shown(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// One row of the report.
struct Row {
    name: String,
    /// `None` when unknown (an orphan, a machine that does not build).
    states: Option<usize>,
    status: String,
    path: PathBuf,
    failed: bool,
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(Some(o)) => o,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprint!("error: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let dir = options.out_dir;
    let built = machines::all();
    let file = |name: &str| dir.join(format!("{name}{EXTENSION}"));
    // The bytes before generating, to tell created / updated / unchanged apart for the
    // machines that succeeded when another one failed (the generator then returns only errors).
    let before: Vec<Option<Vec<u8>>> = built
        .iter()
        .map(|(name, _)| std::fs::read(file(name)).ok())
        .collect();

    let mut generator = Generator::new();
    generator
        .out_dir(&dir)
        .check(options.check)
        .emit_rerun_if_changed(false);
    for (name, machine) in &built {
        generator.try_machine(*name, machine.clone());
    }
    let result = generator.generate();
    let (generated, problems): (&[Generated], &[Problem]) = match &result {
        Ok(list) => (list, &[]),
        Err(e) => (&[], e.problems()),
    };

    // Problems that stopped the generator before any file (a bad name, no directory).
    let aborted = problems.iter().any(|p| match p {
        Problem::InvalidName { .. } | Problem::NoOutDir => true,
        Problem::Io { path, .. } => *path == dir,
        _ => false,
    });

    let mut rows = Vec::new();
    for ((name, machine), before) in built.iter().zip(&before) {
        let path = file(name);
        let states = machine.as_ref().ok().map(|m| count_states(&m.states));
        let problem = problems.iter().find_map(|p| match p {
            Problem::Invalid {
                name: n,
                diagnostics,
                ..
            } if n == name => {
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                Some(format!(
                    "INVALID ({errors} error{})",
                    if errors == 1 { "" } else { "s" }
                ))
            }
            Problem::Stale { path: p, .. } if *p == path => Some("STALE".to_string()),
            Problem::Missing { path: p, .. } if *p == path => Some("MISSING".to_string()),
            Problem::Io { path: p, .. } if *p == path => Some("I/O ERROR".to_string()),
            _ => None,
        });
        let (status, failed) = if let Some(p) = problem {
            (p, true)
        } else if aborted {
            ("NOT GENERATED".to_string(), true)
        } else if let Some(g) = generated.iter().find(|g| g.name == *name) {
            let status = match g.warnings.len() {
                0 => g.status.to_string(),
                n => format!(
                    "{} ({n} warning{})",
                    g.status,
                    if n == 1 { "" } else { "s" }
                ),
            };
            (status, false)
        } else if options.check {
            // The generator failed because of another machine; this file was compared and
            // found up to date.
            (Status::UpToDate.to_string(), false)
        } else {
            // The generator failed because of another machine; this file was written.
            let status = match (before, std::fs::read(&path).ok()) {
                (Some(old), Some(new)) if *old == new => Status::Unchanged,
                (Some(_), _) => Status::Updated,
                (None, _) => Status::Created,
            };
            (status.to_string(), false)
        };
        rows.push(Row {
            name: name.to_string(),
            states,
            status,
            path,
            failed,
        });
    }
    for g in generated.iter().filter(|g| g.status == Status::Orphaned) {
        rows.push(Row {
            name: g.name.clone(),
            states: None,
            status: "orphaned".to_string(),
            path: g.path.clone(),
            failed: false,
        });
    }
    for p in problems {
        if let Problem::Orphan { path } = p {
            let file = path.file_name().unwrap_or_default().to_string_lossy();
            rows.push(Row {
                name: file.strip_suffix(EXTENSION).unwrap_or(&file).to_string(),
                states: None,
                status: "ORPHANED".to_string(),
                path: path.clone(),
                failed: true,
            });
        }
    }

    let width = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let status_width = rows.iter().map(|r| r.status.len()).max().unwrap_or(0);
    for r in &rows {
        println!(
            "{:width$}  {:>3} states  {:status_width$}  {}",
            r.name,
            r.states.map_or_else(|| "-".to_string(), |n| n.to_string()),
            r.status,
            shown(&r.path),
        );
    }
    for p in problems {
        eprintln!("\n{p}");
    }

    let ok = rows[..built.len()].iter().filter(|r| !r.failed).count();
    let orphans = rows.len() - built.len();
    let mode = if options.check {
        "checked"
    } else {
        "generated"
    };
    print!(
        "\n{} machines {mode} in {}: {ok} ok, {} failed",
        built.len(),
        shown(&dir),
        built.len() - ok,
    );
    match orphans {
        0 => println!(),
        1 => println!(", 1 orphaned file"),
        n => println!(", {n} orphaned files"),
    }
    if result.is_err() {
        if options.check {
            eprintln!("hint: run `cargo run -p sfn-examples` and commit examples/definitions/");
        }
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
