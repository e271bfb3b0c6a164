//! [`Generator`]: write state machine definitions from `build.rs`, in the style of `prost-build`.
//!
//! # Tutorial
//!
//! Add the crate as a build dependency (`cargo add --build sfn-codegen`) and describe each
//! machine in Rust, in `build.rs` or in a module it includes:
//!
//! ```no_run
//! // build.rs
//! # fn order_poller() -> sfn::model::StateMachine {
//! #     let json = r#"{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}"#;
//! #     sfn::model::StateMachine::from_json(json).expect("a valid machine")
//! # }
//! fn main() -> Result<(), sfn::GenerateError> {
//!     sfn::Generator::new()
//!         .out_dir("definitions") // relative to the package; default: OUT_DIR
//!         .machine("order-poller", order_poller())
//!         .generate()?;
//!     Ok(())
//! }
//! ```
//!
//! `cargo build` then writes `definitions/order-poller.asl.json`, the canonical JSON of
//! [`crate::to_json_pretty`]. Commit it: a change to the Rust code shows up as a JSON diff in the
//! pull request. What happens on every run:
//!
//! * every machine is validated with [`sfn_dsl::validate::validate`]; an error fails the build
//!   with a rustc-style report pointing into the JSON that would have been written
//!   (`--> definitions/order-poller.asl.json:12:15`), and nothing is written for that machine;
//! * a file is rewritten only when its bytes change ([`write_file_if_changed`]), so its mtime and
//!   everything downstream stay put on a no-op build;
//! * under a build script (`OUT_DIR` is set) it prints `cargo:rerun-if-changed=<file>` for each
//!   file it manages and `cargo:rerun-if-env-changed=SFN_CHECK`. Printing these replaces Cargo's
//!   default of re-running on any change in the package; the build script still re-runs when it
//!   is recompiled, i.e. when `build.rs`, a module it includes or a build dependency changes.
//!   Turn this off with [`Generator::emit_rerun_if_changed`];
//! * `*.asl.json` files in the output directory that no machine produced are reported as
//!   orphans (`cargo:warning=`), typically left over after a rename.
//!
//! **Check mode** (`SFN_CHECK=1 cargo build`, or [`Generator::check`]) writes nothing and fails
//! when a committed file is missing, differs from what would be generated (with a unified diff),
//! or is an orphan. Run it in CI so that a stale committed definition cannot be merged.
//!
//! Outside `build.rs` (a `main` job, a test) the same API works; set [`Generator::out_dir`], since
//! there is no `OUT_DIR`. The returned [`Generated`] list prints one line per machine.

use crate::report;
use sfn_dsl::diagnostic::{Diagnostic, Diagnostics};
use sfn_dsl::levels::Levels;
use sfn_dsl::model::{StateMachine, States};
use sfn_dsl::validate::{StateMachineType, validate_as};
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The extension of every file the generator manages.
pub const EXTENSION: &str = ".asl.json";

/// The environment variable that turns check mode on (`1`, `true` or `yes`).
pub const CHECK_ENV: &str = "SFN_CHECK";

/// Collects named state machines and writes each to `<out_dir>/<name>.asl.json`.
///
/// Setters take `&mut self` and chain, as in `prost_build::Config`; see the
/// [module documentation](self) for a tutorial.
#[derive(Debug, Default)]
pub struct Generator {
    out_dir: Option<PathBuf>,
    machines: Vec<(String, StateMachineType, Result<StateMachine, Diagnostics>)>,
    check: Option<bool>,
    emit_rerun: Option<bool>,
    levels: Levels,
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The file did not exist and was written.
    Created,
    /// The file differed and was rewritten.
    Updated,
    /// The file already had these exact bytes and was left alone (its mtime is unchanged).
    Unchanged,
    /// Check mode: the committed file is up to date.
    UpToDate,
    /// A `*.asl.json` file in the output directory that no machine produced (write mode only;
    /// in check mode an orphan is an error).
    Orphaned,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Created => "created",
            Status::Updated => "updated",
            Status::Unchanged => "unchanged",
            Status::UpToDate => "up to date",
            Status::Orphaned => "orphaned (no machine produces it)",
        })
    }
}

/// One line of the summary [`Generator::generate`] returns.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// The machine's name (for an orphan, the file name without `.asl.json`).
    pub name: String,
    /// The file.
    pub path: PathBuf,
    /// What happened to it.
    pub status: Status,
    /// Number of states, nested Parallel branches and Map processors included (0 for an orphan).
    pub states: usize,
    /// Warnings of the validator (they do not fail the build).
    pub warnings: Vec<Diagnostic>,
}

impl fmt::Display for Generated {
    /// `order-poller: definitions/order-poller.asl.json updated (12 states)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} {}",
            self.name,
            display_path(&self.path),
            self.status
        )?;
        if self.status != Status::Orphaned {
            let s = if self.states == 1 { "" } else { "s" };
            write!(f, " ({} state{s}", self.states)?;
            match self.warnings.len() {
                0 => {}
                1 => write!(f, ", 1 warning")?,
                n => write!(f, ", {n} warnings")?,
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// One reason [`Generator::generate`] failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Problem {
    /// A machine name is empty, has characters other than `[A-Za-z0-9._-]` or is used twice.
    InvalidName {
        /// The name as given.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// No output directory: neither [`Generator::out_dir`] nor `OUT_DIR` is set.
    NoOutDir,
    /// A machine has validation errors; nothing was written for it.
    Invalid {
        /// The machine's name.
        name: String,
        /// The rustc-style report on the JSON that would have been written.
        report: String,
        /// The findings (errors and warnings).
        diagnostics: Vec<Diagnostic>,
    },
    /// Check mode: the committed file differs from the generated one.
    Stale {
        /// The file.
        path: PathBuf,
        /// A unified diff from the committed to the generated text.
        diff: String,
    },
    /// Check mode: the file was never generated (or was deleted).
    Missing {
        /// The file.
        path: PathBuf,
        /// The generated text, as a unified diff from nothing.
        diff: String,
    },
    /// Check mode: a `*.asl.json` in the output directory that no machine produces.
    Orphan {
        /// The file.
        path: PathBuf,
    },
    /// Reading or writing failed.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The error.
        error: io::Error,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::InvalidName { name, reason } => {
                write!(f, "error: invalid machine name {name:?}: {reason}")
            }
            Problem::NoOutDir => f.write_str(
                "error: no output directory: call `.out_dir(..)`, or run from a build script (OUT_DIR)",
            ),
            Problem::Invalid { name, report, .. } => {
                write!(
                    f,
                    "{report}\nerror: state machine `{name}` is invalid; its file was not written"
                )
            }
            Problem::Stale { path, diff } | Problem::Missing { path, diff } => {
                let what = if matches!(self, Problem::Stale { .. }) { "stale" } else { "missing" };
                let path = display_path(path);
                write!(f, "error: {path} is {what} (SFN_CHECK); build without SFN_CHECK and commit it:\n{diff}")
            }
            Problem::Orphan { path } => write!(
                f,
                "error: {} is not produced by any machine (SFN_CHECK); delete it or add its machine",
                display_path(path)
            ),
            Problem::Io { path, error } => write!(f, "error: {}: {error}", display_path(path)),
        }
    }
}

/// The error of [`Generator::generate`]: every problem found, reported together.
///
/// `Debug` prints a heading and then the same text as `Display`, so that
/// `fn main() -> Result<(), GenerateError>` in `build.rs` shows the readable report.
pub struct GenerateError {
    problems: Vec<Problem>,
}

impl GenerateError {
    /// The problems, in the order the machines were added.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problems: Vec<String> = self.problems.iter().map(Problem::to_string).collect();
        f.write_str(&problems.join("\n\n"))
    }
}

impl fmt::Debug for GenerateError {
    /// A heading line, then the `Display` text: `fn main() -> Result<(), GenerateError>` prints
    /// `Error: ` before it, and the reports start on a line of their own instead of reading
    /// `Error: error[SFN…]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        writeln!(
            f,
            "sfn could not generate the state machine definitions ({n} problem{}):\n",
            if n == 1 { "" } else { "s" }
        )?;
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for GenerateError {}

impl Generator {
    /// A generator with no machines; output goes to `OUT_DIR` unless [`Generator::out_dir`] is set.
    pub fn new() -> Self {
        Generator::default()
    }

    /// Where the files go. A relative path is taken relative to `CARGO_MANIFEST_DIR` when that is
    /// set (it is in `build.rs`), else to the current directory. Default: `OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Adds a machine, written to `<name>.asl.json`. The name may use `[A-Za-z0-9._-]`.
    pub fn machine(&mut self, name: impl Into<String>, machine: StateMachine) -> &mut Self {
        self.try_machine(name, Ok(machine))
    }

    /// Adds a machine created as EXPRESS (the type is not part of the definition): it is also
    /// checked for what Express executions cannot run, the `.sync` and `.waitForTaskToken`
    /// integration patterns, activities and a Distributed Map
    /// ([`validate_as`]).
    ///
    /// ```
    /// use sfn::builder::{MachineBuilder, Task};
    ///
    /// let mut m = MachineBuilder::new();
    /// let run = m.declare("Run");
    /// m.start_at(run);
    /// m.define(run, Task::new("arn:aws:states:::batch:submitJob.sync").end());
    /// let mut generator = sfn::Generator::new();
    /// generator.out_dir(std::env::temp_dir()).check(true);
    /// generator.express_machine("batch", m.build().unwrap());
    /// let err = generator.generate().unwrap_err();
    /// assert!(err.to_string().contains("SFN043"));
    /// ```
    pub fn express_machine(&mut self, name: impl Into<String>, machine: StateMachine) -> &mut Self {
        self.machines
            .push((name.into(), StateMachineType::Express, Ok(machine)));
        self
    }

    /// Adds the result of building a machine; an `Err` fails [`Generator::generate`] with its
    /// findings, like a machine that does not validate.
    pub fn try_machine(
        &mut self,
        name: impl Into<String>,
        machine: Result<StateMachine, Diagnostics>,
    ) -> &mut Self {
        self.machines
            .push((name.into(), StateMachineType::Standard, machine));
        self
    }

    /// The lint levels the machines are validated with (default: every lint at its default
    /// level). A denied lint fails the generation like an error; an allowed one is not
    /// reported.
    ///
    /// ```
    /// use sfn::levels::Levels;
    /// use sfn::Code;
    ///
    /// let mut levels = Levels::new();
    /// levels.deny_warnings().allow(Code::MissingTaskToken)?;
    /// let mut generator = sfn::Generator::new();
    /// generator.levels(levels);
    /// # Ok::<(), sfn::levels::LevelError>(())
    /// ```
    pub fn levels(&mut self, levels: Levels) -> &mut Self {
        self.levels = levels;
        self
    }

    /// Check mode on or off, overriding `SFN_CHECK`. By default check mode is on when the
    /// environment variable `SFN_CHECK` is `1`, `true` or `yes`.
    pub fn check(&mut self, check: bool) -> &mut Self {
        self.check = Some(check);
        self
    }

    /// Whether to print `cargo:rerun-if-changed` / `cargo:rerun-if-env-changed` lines. Default:
    /// on when running as a build script (`OUT_DIR` is set). The same switch controls the
    /// `cargo:warning=` lines for orphans and validator warnings.
    pub fn emit_rerun_if_changed(&mut self, emit: bool) -> &mut Self {
        self.emit_rerun = Some(emit);
        self
    }

    /// Validates every machine and writes (or, in check mode, compares) its file; prints the
    /// Cargo directives on standard output. See [`Generator::generate_to`].
    pub fn generate(&self) -> Result<Vec<Generated>, GenerateError> {
        self.generate_to(&mut io::stdout().lock())
    }

    /// Like [`Generator::generate`], with the `cargo:` directives written to `directives`.
    ///
    /// Fails with every problem at once: invalid names, invalid machines, and in check mode stale,
    /// missing and orphaned files. In write mode the valid machines are written even when another
    /// one is invalid, so that one mistake does not hide the diff of the others.
    pub fn generate_to(&self, directives: &mut dyn Write) -> Result<Vec<Generated>, GenerateError> {
        let under_build_script = std::env::var_os("OUT_DIR").is_some();
        let emit = self.emit_rerun.unwrap_or(under_build_script);
        let check = self.check.unwrap_or_else(|| {
            std::env::var(CHECK_ENV).is_ok_and(|v| {
                matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes")
            })
        });
        let mut problems = check_names(self.machines.iter().map(|(n, ..)| n.as_str()));
        let Some(dir) = self.resolve_out_dir() else {
            problems.push(Problem::NoOutDir);
            return Err(GenerateError { problems });
        };
        if !problems.is_empty() {
            return Err(GenerateError { problems });
        }
        let mut out = Vec::new();
        let mut lines = Vec::new();
        if emit {
            lines.push(format!("cargo:rerun-if-env-changed={CHECK_ENV}"));
        }
        if !check && let Err(error) = std::fs::create_dir_all(&dir) {
            problems.push(Problem::Io { path: dir, error });
            return Err(GenerateError { problems });
        }
        for (name, ty, machine) in &self.machines {
            let path = dir.join(format!("{name}{EXTENSION}"));
            if emit {
                lines.push(format!("cargo:rerun-if-changed={}", path.display()));
            }
            let shown = display_path(&path);
            let machine = match machine {
                Ok(m) => m,
                Err(diags) => {
                    // The machine as built, when the builder kept it: the report then shows
                    // each finding in the JSON that would have been written.
                    let text = diags
                        .machine()
                        .map(crate::to_json_pretty)
                        .unwrap_or_default();
                    problems.push(Problem::Invalid {
                        name: name.clone(),
                        report: report::render_human(&shown, &text, &diags.0, false),
                        diagnostics: diags.0.clone(),
                    });
                    continue;
                }
            };
            let text = crate::to_json_pretty(machine);
            let diags = self.levels.apply(validate_as(machine, *ty));
            if diags.iter().any(Diagnostic::is_error) {
                problems.push(Problem::Invalid {
                    name: name.clone(),
                    report: report::render_human(&shown, &text, &diags, false),
                    diagnostics: diags,
                });
                continue;
            }
            if emit {
                for d in &diags {
                    lines.push(format!(
                        "cargo:warning={shown}: {}[{}]: {} (at {})",
                        d.severity, d.code, d.message, d.pointer
                    ));
                }
            }
            let status = if check {
                match compare(&path, &text) {
                    Ok(None) => Status::UpToDate,
                    Ok(Some(p)) | Err(p) => {
                        problems.push(p);
                        continue;
                    }
                }
            } else {
                match write_file_if_changed(&path, text.as_bytes()) {
                    Ok(s) => s,
                    Err(error) => {
                        problems.push(Problem::Io { path, error });
                        continue;
                    }
                }
            };
            out.push(Generated {
                name: name.clone(),
                path,
                status,
                states: count_states(&machine.states),
                warnings: diags,
            });
        }
        match orphans(&dir, self.machines.iter().map(|(n, ..)| n.as_str())) {
            Ok(found) => {
                for path in found {
                    if check {
                        problems.push(Problem::Orphan { path });
                        continue;
                    }
                    if emit {
                        lines.push(format!(
                            "cargo:warning={} is not produced by any machine of this generator; delete it or add its machine",
                            display_path(&path)
                        ));
                    }
                    let file = path.file_name().unwrap_or_default().to_string_lossy();
                    out.push(Generated {
                        name: file.strip_suffix(EXTENSION).unwrap_or(&file).to_string(),
                        path,
                        status: Status::Orphaned,
                        states: 0,
                        warnings: Vec::new(),
                    });
                }
            }
            // In check mode a missing directory already shows as missing files.
            Err(_) if check => {}
            Err(error) => problems.push(Problem::Io { path: dir, error }),
        }
        for line in lines {
            // A closed stdout must not fail the build; Cargo would not see the line either way.
            let _ = writeln!(directives, "{line}");
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(GenerateError { problems })
        }
    }

    fn resolve_out_dir(&self) -> Option<PathBuf> {
        // `join` keeps an absolute `out_dir` as it is.
        let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
        match &self.out_dir {
            Some(d) => Some(manifest.map_or_else(|| d.clone(), |base| base.join(d))),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from),
        }
    }
}

/// The one-call shortcut: validates and writes `machines` to `out_dir` (see [`Generator`]).
///
/// ```no_run
/// # fn order_poller() -> sfn::model::StateMachine {
/// #     let json = r#"{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}"#;
/// #     sfn::model::StateMachine::from_json(json).expect("a valid machine")
/// # }
/// sfn::generate("definitions", [("order-poller", order_poller())]).unwrap();
/// ```
pub fn generate<N: Into<String>>(
    out_dir: impl Into<PathBuf>,
    machines: impl IntoIterator<Item = (N, StateMachine)>,
) -> Result<Vec<Generated>, GenerateError> {
    let mut g = Generator::new();
    g.out_dir(out_dir);
    for (name, m) in machines {
        g.machine(name, m);
    }
    g.generate()
}

/// Writes `bytes` to `path` unless the file already holds exactly these bytes, in which case it
/// is not touched (its mtime stays, so nothing downstream rebuilds). Writing goes through a
/// temporary file in the same directory and a rename, so a reader never sees half a file.
///
/// Returns [`Status::Created`], [`Status::Updated`] or [`Status::Unchanged`].
pub fn write_file_if_changed(path: &Path, bytes: &[u8]) -> io::Result<Status> {
    let status = match std::fs::read(path) {
        Ok(old) if old == bytes => return Ok(Status::Unchanged),
        Ok(_) => Status::Updated,
        Err(e) if e.kind() == io::ErrorKind::NotFound => Status::Created,
        Err(e) => return Err(e),
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{file}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map(|()| status)
}

/// Number of states of a scope, nested Parallel branches and Map processors included (the same
/// as [`States::count_nested`]).
pub fn count_states(states: &States) -> usize {
    states.count_nested()
}

/// Checks names: non-empty, `[A-Za-z0-9._-]`, no `.asl.json` suffix, unique ignoring case (so
/// the files cannot collide on a case-insensitive file system).
fn check_names<'a>(names: impl Iterator<Item = &'a str>) -> Vec<Problem> {
    let mut seen: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        let bad = |reason: &str| Problem::InvalidName {
            name: name.to_string(),
            reason: reason.to_string(),
        };
        let lower = name.to_ascii_lowercase();
        if name.is_empty() {
            problems.push(bad("the name is empty"));
        } else if let Some(c) = name
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
        {
            problems.push(bad(&format!(
                "{c:?} is not allowed; use letters, digits, `.`, `_` and `-`"
            )));
        } else if name.starts_with('.') {
            problems.push(bad("a name cannot start with `.` (hidden file)"));
        } else if lower.ends_with(EXTENSION) {
            problems.push(bad(&format!(
                "give the name without `{EXTENSION}`; it is added"
            )));
        } else if seen.contains(&lower) {
            problems.push(bad(
                "the name is used by another machine (names are compared ignoring case)",
            ));
        }
        seen.push(lower);
    }
    problems
}

/// Check mode for one file: `Ok(None)` when up to date, a problem otherwise.
fn compare(path: &Path, text: &str) -> Result<Option<Problem>, Problem> {
    let shown = display_path(path);
    match std::fs::read(path) {
        Ok(old) if old == text.as_bytes() => Ok(None),
        Ok(old) => {
            let old = String::from_utf8_lossy(&old);
            Ok(Some(Problem::Stale {
                path: path.to_path_buf(),
                diff: unified_diff(&old, text, &format!("{shown} (committed)"), &shown),
            }))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Some(Problem::Missing {
            path: path.to_path_buf(),
            diff: unified_diff("", text, "/dev/null", &shown),
        })),
        Err(error) => Err(Problem::Io {
            path: path.to_path_buf(),
            error,
        }),
    }
}

fn unified_diff(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(old_name, new_name)
        .to_string()
}

/// The `*.asl.json` files of `dir` that none of `names` produces, sorted.
fn orphans<'a>(dir: &Path, names: impl Iterator<Item = &'a str>) -> io::Result<Vec<PathBuf>> {
    let produced: Vec<String> = names.map(|n| format!("{n}{EXTENSION}")).collect();
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let file = entry.file_name().to_string_lossy().into_owned();
        if file.ends_with(EXTENSION)
            && !file.starts_with('.')
            && !produced.contains(&file)
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            found.push(entry.path());
        }
    }
    found.sort();
    Ok(found)
}

/// A path for messages: relative to `CARGO_MANIFEST_DIR` when inside it.
fn display_path(path: &Path) -> String {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .and_then(|base| path.strip_prefix(base).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}
