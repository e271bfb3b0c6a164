//! The `sfn` command-line tool: validate, format, run, draw and import Amazon States Language
//! definitions, and print their JSON Schema and shell completions.

mod run;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
use sfn_codegen::report;
use sfn_dsl::diagnostic::Diagnostic;
use sfn_dsl::json::Limits;
use sfn_dsl::levels::{Level, Levels};
use sfn_dsl::validate::StateMachineType;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc instead of the system allocator (the `mimalloc` feature, on by default; the library
/// never sets an allocator). Reading a large definition makes hundreds of thousands of small
/// allocations that live until the end: with glibc's allocator, `sfn validate` on a generated
/// 10,000-state file (3.6 MB) spent a fifth of its instructions in `malloc` and took about 7,000
/// page faults; with mimalloc it takes 160 and runs about 20 % faster (see
/// `docs/performance.md`).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Validate, format and run AWS Step Functions state machines (Amazon States Language).
#[derive(Parser)]
#[command(name = "sfn", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check definitions against every sfn rule. Exit 0 when all are valid, 1 when any has an
    /// error (AWS would refuse it) or a denied lint, 2 on usage or I/O errors.
    Validate {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Largest file accepted, in bytes.
        #[arg(long, default_value_t = Limits::default().max_bytes)]
        max_bytes: usize,
        /// Make a lint fail the check (`--deny SFN034`), or every warning (`--deny warnings`).
        /// Repeatable.
        #[arg(long, value_name = "CODE|warnings")]
        deny: Vec<String>,
        /// Report a lint as a warning (`--warn SFN033`). Repeatable.
        #[arg(long, value_name = "CODE")]
        warn: Vec<String>,
        /// Do not report a lint (`--allow SFN033`). Errors (definitions AWS refuses) cannot be
        /// allowed. Repeatable; a code's own setting wins over `--deny warnings`.
        #[arg(long, value_name = "CODE")]
        allow: Vec<String>,
        /// The type the state machines are created with: an EXPRESS machine cannot run the
        /// `.sync` and `.waitForTaskToken` patterns, activities or a Distributed Map.
        #[arg(long = "type", value_enum, default_value_t = MachineType::Standard)]
        machine_type: MachineType,
        /// Definition files (`-` reads standard input).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print definitions in the canonical form (AWS documentation key order, two-space indent).
    Fmt {
        /// Do not print; exit 1 when a file is not in canonical form.
        #[arg(long, conflicts_with = "write")]
        check: bool,
        /// Rewrite the files in place (atomically; untouched when already canonical).
        #[arg(long)]
        write: bool,
        /// Definition files (`-` reads standard input).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Run a definition in the simulator (AWS's semantics, tasks answered by a Step Functions
    /// Local mock file, a virtual clock: nothing sleeps) and print the states taken and the
    /// result.
    #[command(after_help = run::EXIT_STATUS_HELP)]
    Run(run::RunArgs),
    /// Print a flowchart of a definition (Mermaid for GitHub markdown, or Graphviz DOT).
    Diagram {
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiagramFormat::Mermaid)]
        format: DiagramFormat,
        /// Definition file (`-` reads standard input).
        file: PathBuf,
    },
    /// Print the JSON Schema (draft 2020-12) of a state machine definition, for editors.
    Schema,
    /// Print Rust code that rebuilds a definition: a function using the fluent builder, or the
    /// `workflow!` macro.
    Import {
        /// Code style.
        #[arg(long, value_enum, default_value_t = ImportStyle::Builder)]
        style: ImportStyle,
        /// Name of the generated function (default: the file name in snake_case).
        #[arg(long)]
        name: Option<String>,
        /// Definition file (`-` reads standard input).
        file: PathBuf,
    },
    /// Print a completion script for a shell, e.g. `sfn completions bash > /etc/bash_completion.d/sfn`
    /// or `sfn completions zsh > "${fpath[1]}/_sfn"`.
    Completions {
        /// The shell.
        shell: Shell,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ImportStyle {
    /// `declare`/`define` calls of the fluent builder.
    Builder,
    /// `sfn::workflow!({ … })` with the definition's JSON.
    Macro,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiagramFormat {
    /// A Mermaid `flowchart TD`.
    Mermaid,
    /// A Graphviz `digraph`.
    Dot,
}

/// `--type` of `sfn validate`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MachineType {
    /// STANDARD.
    Standard,
    /// EXPRESS.
    Express,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// rustc-style reports with the offending line.
    Human,
    /// One JSON object per finding and line.
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Validate {
            format,
            max_bytes,
            deny,
            warn,
            allow,
            machine_type,
            files,
        } => match levels(&deny, &warn, &allow) {
            Ok(levels) => {
                let ty = match machine_type {
                    MachineType::Standard => StateMachineType::Standard,
                    MachineType::Express => StateMachineType::Express,
                };
                let limits = Limits {
                    max_bytes,
                    ..Limits::default()
                };
                let color = format == Format::Human
                    && std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none();
                validate(
                    &files,
                    &Settings {
                        limits,
                        levels,
                        ty,
                        format,
                        color,
                    },
                )
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        Command::Fmt {
            check,
            write,
            files,
        } => fmt(&files, check, write),
        Command::Run(args) => run::run(&args),
        Command::Diagram { format, file } => diagram(&file, format),
        Command::Schema => {
            print!("{}", sfn_codegen::schema::schema_json());
            ExitCode::SUCCESS
        }
        Command::Import { style, name, file } => import(&file, style, name.as_deref()),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "sfn", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
    }
}

/// The lint levels of `--deny`, `--warn` and `--allow`. The same code given two levels is a
/// usage error: the command line does not say which one is meant.
fn levels(deny: &[String], warn: &[String], allow: &[String]) -> Result<Levels, String> {
    let mut levels = Levels::new();
    let mut seen: Vec<(String, &str)> = Vec::new();
    for (level, flag, items) in [
        (Level::Deny, "--deny", deny),
        (Level::Warn, "--warn", warn),
        (Level::Allow, "--allow", allow),
    ] {
        for item in items {
            let key = item.trim().to_ascii_uppercase();
            if let Some((_, other)) = seen.iter().find(|(k, _)| *k == key)
                && *other != flag
            {
                return Err(format!(
                    "{item} is given to both {other} and {flag}; keep one"
                ));
            }
            seen.push((key, flag));
            levels
                .set_text(level, item)
                .map_err(|e| format!("{flag} {item}: {e}"))?;
        }
    }
    Ok(levels)
}

/// Reads a file or standard input; `Err` is an I/O error message.
fn read_input(path: &Path, limit: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let res = if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
    } else {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => return Err(format!("{}: is a directory", path.display())),
            Ok(m) if m.len() > limit as u64 => {
                // Let the reader produce the size error without reading the whole file.
                return Ok(vec![0; limit + 1]);
            }
            // The whole file in one buffer of its size, not one grown by doubling.
            Ok(m) => bytes.reserve_exact(m.len() as usize + 1),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        }
        std::fs::File::open(path).and_then(|f| f.take(limit as u64 + 1).read_to_end(&mut bytes))
    };
    res.map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(bytes)
}

fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// What checking one input left to free: the machine imported from it.
type Parsed = Option<sfn_dsl::model::StateMachine>;

/// What `sfn validate` checks the files with.
struct Settings {
    limits: Limits,
    levels: Levels,
    ty: StateMachineType,
    format: Format,
    color: bool,
}

/// Hands a parsed document and its machine to a background thread that frees them. Freeing a
/// large tree of small allocations costs about a quarter of building it; on another core it
/// overlaps with the rendering, and the process exits without waiting for it.
fn free_later(parsed: Parsed) {
    static FREER: std::sync::OnceLock<Option<std::sync::mpsc::Sender<Parsed>>> =
        std::sync::OnceLock::new();
    if parsed.is_none() {
        return;
    }
    let sender = FREER.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel::<Parsed>();
        // Without a thread (a failed spawn) the value is simply freed here.
        std::thread::Builder::new()
            .name("free".into())
            .spawn(move || rx.into_iter().for_each(drop))
            .ok()
            .map(|_| tx)
    });
    if let Some(tx) = sender {
        // A send fails only when the thread is gone: the value comes back and is freed here.
        let _ = tx.send(parsed);
    }
}

/// What `sfn validate` found in one file, rendered.
struct Checked {
    /// The report for standard output (empty when there is nothing to say).
    rendered: String,
    /// The file could not be read: the message for standard error.
    io_error: Option<String>,
    errors: usize,
    warnings: usize,
}

/// Reads, checks and renders one file. `free` frees the parsed document (now or later).
fn check_file(path: &Path, settings: &Settings, free: fn(Parsed)) -> Checked {
    let bytes = match read_input(path, settings.limits.max_bytes) {
        Ok(b) => b,
        Err(e) => {
            return Checked {
                rendered: String::new(),
                io_error: Some(format!("error: cannot read {e}")),
                errors: 0,
                warnings: 0,
            };
        }
    };
    let name = display_name(path);
    let (diags, parsed) = sfn_dsl::validate::check_json_as(&bytes, &settings.limits, settings.ty);
    let diags = settings.levels.apply(diags);
    free(parsed);
    // The text is only read to place findings: a clean file is not scanned again.
    let text = if diags.is_empty() {
        std::borrow::Cow::Borrowed("")
    } else {
        // `from_utf8` first: the same text, but much faster than the lossy scan on valid UTF-8.
        match std::str::from_utf8(&bytes) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(&bytes),
        }
    };
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let rendered = match settings.format {
        Format::Human => report::render_human(&name, &text, &diags, settings.color),
        Format::Json => report::render_json(&name, &text, &diags),
    };
    Checked {
        rendered,
        io_error: None,
        errors,
        warnings: diags.len() - errors,
    }
}

/// Checks `files` on every core and hands each result to `each` in the order of `files`, as
/// soon as it and all before it are done.
fn check_files(files: &[PathBuf], settings: &Settings, mut each: impl FnMut(Checked)) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len());
    if threads <= 1 || files.iter().any(|f| f.as_os_str() == "-") {
        for (i, path) in files.iter().enumerate() {
            // The last file's machine is not freed at all: the process ends after it.
            let free = match i + 1 == files.len() {
                true => std::mem::forget::<Parsed>,
                false => free_later,
            };
            each(check_file(path, settings, free));
        }
        return;
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Checked)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (tx, next) = (tx.clone(), &next);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    if tx.send((i, check_file(path, settings, drop))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Results arrive in any order; keep the later ones until their turn.
        let mut waiting = std::collections::BTreeMap::new();
        let mut turn = 0;
        for (i, checked) in rx {
            waiting.insert(i, checked);
            while let Some(checked) = waiting.remove(&turn) {
                each(checked);
                turn += 1;
            }
        }
    });
}

fn validate(files: &[PathBuf], settings: &Settings) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let (mut invalid, mut io_errors, mut errors, mut warnings) = (0usize, 0usize, 0usize, 0usize);
    check_files(files, settings, |checked| {
        if let Some(e) = checked.io_error {
            eprintln!("{e}");
            io_errors += 1;
            return;
        }
        errors += checked.errors;
        warnings += checked.warnings;
        if checked.errors > 0 {
            invalid += 1;
        }
        let _ = out.write_all(checked.rendered.as_bytes());
    });
    if settings.format == Format::Human {
        let checked = files.len() - io_errors;
        let _ = writeln!(
            out,
            "{checked} file{} checked: {} valid, {invalid} invalid ({errors} error{}, {warnings} warning{})",
            if checked == 1 { "" } else { "s" },
            checked - invalid,
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" },
        );
    }
    if io_errors > 0 {
        ExitCode::from(2)
    } else if invalid > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Whether reports on standard error are colored.
fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Prints the rustc-style report of `diags` on the file `name` (its `bytes`) on standard error.
fn eprint_report(name: &str, bytes: &[u8], diags: &[Diagnostic]) {
    let text = String::from_utf8_lossy(bytes);
    let report = report::render_human(name, &text, diags, stderr_color());
    eprint!("{report}");
}

/// One input read and imported into the model.
struct Loaded {
    /// The name to show for it (`<stdin>` for `-`).
    name: String,
    bytes: Vec<u8>,
    machine: sfn_dsl::model::StateMachine,
}

/// Reads and imports `path` for a command that needs the whole machine; `verb` completes
/// "… cannot be {verb} until these errors are fixed". On failure the I/O error or the findings
/// are printed on standard error and the exit status is returned: 2 when the file cannot be
/// read, 1 when it does not import.
fn load(path: &Path, verb: &str) -> Result<Loaded, u8> {
    let limits = Limits::default();
    let name = display_name(path);
    let bytes = read_input(path, limits.max_bytes).map_err(|e| {
        eprintln!("error: cannot read {e}");
        2
    })?;
    let machine = sfn_dsl::model::StateMachine::from_slice(&bytes).map_err(|d| d.0);
    match machine {
        Ok(machine) => Ok(Loaded {
            name,
            bytes,
            machine,
        }),
        Err(diags) => {
            eprint_report(&name, &bytes, &diags);
            eprintln!("error: {name} cannot be {verb} until these errors are fixed");
            Err(1)
        }
    }
}

fn fmt(files: &[PathBuf], check: bool, write: bool) -> ExitCode {
    let mut status = 0u8;
    for path in files {
        let Loaded {
            name,
            bytes,
            machine,
        } = match load(path, "formatted") {
            Ok(loaded) => loaded,
            Err(code) => {
                status = status.max(code);
                continue;
            }
        };
        let pretty = sfn_codegen::to_json_pretty(&machine);
        let canonical = pretty.as_bytes() == bytes.as_slice();
        if check {
            if !canonical {
                println!("{name}: not in canonical form (run `sfn fmt --write {name}`)");
                status = status.max(1);
            }
        } else if write && path.as_os_str() != "-" {
            if !canonical && let Err(e) = write_atomically(path, pretty.as_bytes()) {
                eprintln!("error: cannot write {name}: {e}");
                status = status.max(2);
            }
        } else {
            print!("{pretty}");
        }
    }
    ExitCode::from(status)
}

/// Writes through a temporary file in the same directory and renames it over the target, so a
/// failure never leaves a truncated file behind.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{file_name}.sfn-fmt-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn diagram(path: &Path, format: DiagramFormat) -> ExitCode {
    let m = match load(path, "drawn") {
        Ok(loaded) => loaded.machine,
        Err(code) => return ExitCode::from(code),
    };
    print!(
        "{}",
        match format {
            DiagramFormat::Mermaid => sfn_codegen::diagram::mermaid(&m),
            DiagramFormat::Dot => sfn_codegen::diagram::dot(&m),
        }
    );
    ExitCode::SUCCESS
}

/// The function name `sfn import` derives from a file name: the name without `.json`/`.json5`
/// and `.asl` (`order-flow.asl.json` → `order-flow`; the generator makes it snake_case).
fn import_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        return "state_machine".to_string();
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut stem = name.as_str();
    for ext in [".json", ".json5", ".asl"] {
        stem = stem.strip_suffix(ext).unwrap_or(stem);
    }
    stem.to_string()
}

fn import(path: &Path, style: ImportStyle, name: Option<&str>) -> ExitCode {
    let Loaded {
        name: display,
        bytes,
        machine,
    } = match load(path, "imported") {
        Ok(loaded) => loaded,
        Err(code) => return ExitCode::from(code),
    };
    let findings: Vec<Diagnostic> = sfn_dsl::validate::validate(&machine)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if !findings.is_empty() {
        eprint_report(&display, &bytes, &findings);
        eprintln!(
            "warning: {display} is not valid; the generated code's `build()` will report these errors"
        );
    }
    let fn_name = name.map_or_else(|| import_name(path), str::to_string);
    let code = match style {
        ImportStyle::Builder => sfn_codegen::rustgen::to_rust_builder(&machine, &fn_name),
        ImportStyle::Macro => sfn_codegen::rustgen::to_rust_macro(&machine, &fn_name),
    };
    print!("{code}");
    ExitCode::SUCCESS
}
