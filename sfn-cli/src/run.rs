//! `sfn run`: one execution of a definition in the simulator (`sfn-sim`), with the tasks mocked
//! by a Step Functions Local `MockConfigFile.json` test case and the items of each Distributed
//! Map's `ItemReader` given as JSON files (`--item-reader STATE=FILE`).

use crate::{display_name, read_input, stderr_color};
use serde_json::{Map, Value, json};
use sfn_codegen::report;
use sfn_dsl::json::Limits;
use sfn_dsl::levels::Levels;
use sfn_dsl::model::{State, StateMachine, States};
use sfn_sim::{Execution, Mock, SimError, Simulator};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `sfn run`'s exit statuses, shown by `--help`.
pub const EXIT_STATUS_HELP: &str = "\
Exit status:
  0  the execution reached a final status: SUCCEEDED, FAILED or TIMED_OUT alike
  1  the definition is invalid (reported as `sfn validate` reports it)
  2  usage or I/O error: a file that cannot be read, input that is not JSON, a malformed
     mock file, an unknown state machine or test case, a task without a mock (a
     .waitForTaskToken task too: the command sends no callback), an --item-reader that is
     not STATE=FILE, names no Map state with an ItemReader or whose file is not a JSON array,
     a Map whose ItemReader has no --item-reader, a feature the simulator does not support";

/// The output format of `sfn run`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RunFormat {
    /// The states taken, then the status and the output or the error and cause.
    Human,
    /// One JSON object: `status`, then `output` or `error` and `cause`, and `history` with
    /// `--history`.
    Json,
}

/// The arguments of `sfn run`.
#[derive(clap::Args)]
pub struct RunArgs {
    /// Definition file (`-` reads standard input).
    definition: PathBuf,
    /// The execution's input: a JSON file, or `-` for standard input (default: `{}`).
    #[arg(long, value_name = "FILE|-")]
    input: Option<PathBuf>,
    /// A Step Functions Local mock file: `StateMachines` → `TestCases` → state → response
    /// name, `MockedResponses` → `"0"`, `"1-2"`, … → `Return` or `Throw`.
    #[arg(long, value_name = "MockConfigFile.json", requires = "test_case")]
    mocks: Option<PathBuf>,
    /// The test case of the mock file whose responses answer the Task states.
    #[arg(long, value_name = "NAME", requires = "mocks")]
    test_case: Option<String>,
    /// The state machine's name under `StateMachines` in the mock file (default: the only
    /// one there, else the definition's file name without `.asl.json`).
    #[arg(long, value_name = "NAME", requires = "mocks")]
    state_machine: Option<String>,
    /// The items the `ItemReader` of the Map state STATE reads: FILE (`-` for standard input)
    /// holds a JSON array of the items as the reader decodes them (for `InputType: JSON`, the
    /// S3 object itself; for CSV, one object per row keyed by the headers; for JSONL, one
    /// element per line). `ReaderConfig.MaxItems` then applies; the reader's Bucket and Key
    /// are not looked at. Repeat it for each Map state with an ItemReader.
    #[arg(long = "item-reader", value_name = "STATE=FILE", value_parser = parse_item_reader)]
    item_readers: Vec<ItemReaderArg>,
    /// Also print the history (the events of AWS's GetExecutionHistory).
    #[arg(long)]
    history: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RunFormat::Human)]
    format: RunFormat,
}

/// `--item-reader STATE=FILE`: the Map state whose `ItemReader` reads the items of a file.
#[derive(Clone, Debug)]
pub struct ItemReaderArg {
    /// The Map state's name (everything before the first `=`).
    state: String,
    /// The JSON array of its items (everything after the first `=`), or `-`.
    file: PathBuf,
}

/// Parses `STATE=FILE` (split at the first `=`; a file name may hold more).
fn parse_item_reader(arg: &str) -> Result<ItemReaderArg, String> {
    let Some((state, file)) = arg.split_once('=') else {
        return Err(
            "expected STATE=FILE: the Map state's name, `=`, and the file of the items its ItemReader reads"
                .to_owned(),
        );
    };
    if state.is_empty() {
        return Err("expected STATE=FILE: the state name before `=` is empty".to_owned());
    }
    if file.is_empty() {
        return Err("expected STATE=FILE: the file name after `=` is empty".to_owned());
    }
    Ok(ItemReaderArg {
        state: state.to_owned(),
        file: PathBuf::from(file),
    })
}

/// A failure of the command, with its exit status; the message is printed on standard error.
struct Failure(u8, String);

fn usage(message: impl Into<String>) -> Failure {
    Failure(2, message.into())
}

pub fn run(args: &RunArgs) -> ExitCode {
    match execute(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(code, message)) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            ExitCode::from(code)
        }
    }
}

fn execute(args: &RunArgs) -> Result<(), Failure> {
    let stdin = |p: &Option<PathBuf>| p.as_ref().is_some_and(|p| p.as_os_str() == "-");
    if args.definition.as_os_str() == "-" && (stdin(&args.input) || stdin(&args.mocks)) {
        return Err(usage(
            "standard input can be read once: give the definition or the input as a file",
        ));
    }
    if stdin(&args.input) && stdin(&args.mocks) {
        return Err(usage(
            "standard input can be read once: give the input or the mocks as a file",
        ));
    }
    let stdin_readers = args
        .item_readers
        .iter()
        .filter(|r| r.file.as_os_str() == "-")
        .count();
    if stdin_readers > 1
        || (stdin_readers == 1
            && (args.definition.as_os_str() == "-" || stdin(&args.input) || stdin(&args.mocks)))
    {
        return Err(usage(
            "standard input can be read once: give the items of --item-reader as a file",
        ));
    }
    let machine = load_valid(&args.definition, args.format)?;
    let input = match &args.input {
        Some(path) => read_json(path, "the input")?,
        None => json!({}),
    };
    let mut simulator = Simulator::new(&machine);
    let mut mocks_named = None;
    if let (Some(path), Some(case)) = (&args.mocks, &args.test_case) {
        let config = read_json(path, "the mock file")?;
        // A problem of the mock file, named in the message.
        let in_file = |e: String| usage(format!("{}: {e}", display_name(path)));
        let name = state_machine_name(&config, args.state_machine.as_deref(), &args.definition)
            .map_err(in_file)?;
        check_test_case(&config, &name, case).map_err(in_file)?;
        simulator = simulator
            .state_machine_name(name.clone())
            .mock_config(&config, &name, case)
            .map_err(|e| in_file(sim_message(&e)))?;
        mocks_named = Some((display_name(path), name, case.clone()));
    }
    for (i, reader) in args.item_readers.iter().enumerate() {
        if args.item_readers[..i]
            .iter()
            .any(|r| r.state == reader.state)
        {
            return Err(usage(format!(
                "--item-reader names the state '{}' twice",
                reader.state
            )));
        }
        check_item_reader_state(&machine.states, &reader.state)
            .map_err(|e| usage(format!("--item-reader {}=…: {e}", reader.state)))?;
        let what = format!("the items of --item-reader {}", reader.state);
        let items = read_json(&reader.file, &what)?;
        if !items.is_array() {
            return Err(usage(format!(
                "{what} ({}) must be a JSON array of the items, not {}",
                display_name(&reader.file),
                json_kind(&items)
            )));
        }
        simulator = simulator.mock_item_reader(reader.state.clone(), Mock::value(items));
    }
    let exec = simulator.run(input).map_err(|e| {
        let message = match (&e, &mocks_named) {
            (SimError::UnmockedTask { state, resource }, Some((file, name, case))) => format!(
                "the Task state '{state}' (resource '{resource}') has no mock: the test case \
                 {case} of {file} does not name it (add \"{state}\": \"<response>\" to \
                 StateMachines.{name}.TestCases.{case})"
            ),
            (SimError::UnmockedTask { state, resource }, None) => format!(
                "the Task state '{state}' (resource '{resource}') has no mock: give its \
                 responses with --mocks MockConfigFile.json --test-case NAME"
            ),
            (
                SimError::Unsupported {
                    feature,
                    state: Some(state),
                },
                _,
            ) if feature.starts_with("reading the items of ItemReader") => format!(
                "the Map state '{state}' reads its items with an ItemReader: give them with \
                 --item-reader '{state}=FILE' (FILE: a JSON array of the items)"
            ),
            (
                SimError::Unsupported {
                    feature,
                    state: Some(state),
                },
                _,
            ) if feature.starts_with("writing the results with ResultWriter") => format!(
                "the Map state '{state}' writes its results with a ResultWriter, which sfn run \
                 cannot simulate yet (the sfn-sim library can: Simulator::mock_result_writer)"
            ),
            _ => sim_message(&e),
        };
        usage(message)
    })?;
    // A callback task without a mock waits for a `SendTaskSuccess` the command cannot send.
    if let Some(waiting) = exec.pending_callbacks.first() {
        let (state, resource) = (&waiting.state, &waiting.resource);
        let fix = match &mocks_named {
            Some((file, name, case)) => format!(
                "give its callback's result in the test case {case} of {file} (add \"{state}\": \"<response>\" to StateMachines.{name}.TestCases.{case})"
            ),
            None => "give its callback's result with --mocks MockConfigFile.json --test-case NAME"
                .to_owned(),
        };
        return Err(usage(format!(
            "the Task state '{state}' (resource '{resource}') waits for a callback, and sfn run cannot send one: {fix}"
        )));
    }
    for unused in &exec.unused_mocks {
        match args
            .item_readers
            .iter()
            .find(|r| *unused == format!("mock_item_reader({:?})", r.state))
        {
            Some(r) => eprintln!(
                "warning: the Map state '{}' never read its items (--item-reader {}=…)",
                r.state, r.state
            ),
            None => eprintln!("warning: the mock {unused} was never called"),
        }
    }
    let out = match args.format {
        RunFormat::Human => human(&exec, args.history),
        RunFormat::Json => format!("{}\n", to_json(&exec, args.history)),
    };
    print!("{out}");
    Ok(())
}

/// A simulation error in words for the command line (the library's own words name Rust calls).
fn sim_message(e: &SimError) -> String {
    match e {
        SimError::MockConfig(message) => message.clone(),
        other => other.to_string(),
    }
}

/// Reads, imports and validates the definition. Findings are reported as `sfn validate`
/// reports them: errors stop the run with exit status 1, warnings are shown on standard error.
fn load_valid(path: &Path, format: RunFormat) -> Result<StateMachine, Failure> {
    let limits = Limits::default();
    let name = display_name(path);
    let bytes =
        read_input(path, limits.max_bytes).map_err(|e| usage(format!("cannot read {e}")))?;
    let (diags, machine) = sfn_dsl::validate::check_json(&bytes, &limits);
    let diags = Levels::new().apply(diags);
    if diags.is_empty()
        && let Some(machine) = machine
    {
        return Ok(machine);
    }
    let text = String::from_utf8_lossy(&bytes);
    // With errors the report goes where the format says; warnings alone go to standard error.
    let machine = machine.filter(|_| !diags.iter().any(|d| d.is_error()));
    if machine.is_none() && format == RunFormat::Json {
        print!("{}", report::render_json(&name, &text, &diags));
    } else {
        let report = report::render_human(&name, &text, &diags, stderr_color());
        eprint!("{report}");
    }
    machine.ok_or_else(|| {
        Failure(
            1,
            format!("{name} cannot be run until these errors are fixed"),
        )
    })
}

/// Reads a JSON file (or standard input); `what` names it in messages.
fn read_json(path: &Path, what: &str) -> Result<Value, Failure> {
    let bytes = read_input(path, Limits::default().max_bytes)
        .map_err(|e| usage(format!("cannot read {what}: {e}")))?;
    serde_json::from_slice(&bytes)
        .map_err(|e| usage(format!("{what} ({}) is not JSON: {e}", display_name(path))))
}

/// Checks that `name` is a Map state with an `ItemReader` in some scope of `states` (the
/// simulator finds a reader's mock by the state's name, whatever its scope).
fn check_item_reader_state(states: &States, name: &str) -> Result<(), String> {
    let mut found = Vec::new();
    let mut readers = Vec::new();
    visit_states(states, &mut |n, state| {
        if n == name {
            found.push(state);
        }
        if let State::Map(m) = state
            && m.item_reader.is_some()
            && !readers.contains(&n)
        {
            readers.push(n);
        }
    });
    if found
        .iter()
        .any(|s| matches!(s, State::Map(m) if m.item_reader.is_some()))
    {
        return Ok(());
    }
    let known = if readers.is_empty() {
        "the definition has no Map state with an ItemReader".to_owned()
    } else {
        let names: Vec<String> = readers.iter().map(|n| format!("{n:?}")).collect();
        format!(
            "the Map states with an ItemReader are: {}",
            names.join(", ")
        )
    };
    Err(match found.first() {
        None => format!("the definition has no state named '{name}'; {known}"),
        Some(State::Map(_)) => {
            format!("the Map state '{name}' has no ItemReader (it iterates its input); {known}")
        }
        Some(other) => format!(
            "'{name}' is a {} state, not a Map state with an ItemReader; {known}",
            other.type_name()
        ),
    })
}

/// Calls `f` with every state of `states` and of the Parallel branches and Map processors
/// nested in them, in declaration order.
fn visit_states<'a>(states: &'a States, f: &mut impl FnMut(&'a str, &'a State)) {
    for (name, state) in states.iter() {
        f(name, state);
        match state {
            State::Parallel(p) => {
                for branch in &p.branches {
                    visit_states(&branch.states, f);
                }
            }
            State::Map(m) => visit_states(&m.processor.get().states, f),
            _ => {}
        }
    }
}

/// "an object", "a string", … for messages about a JSON value of the wrong kind.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The key of the definition under `StateMachines`: `--state-machine`, else the only one
/// there, else the definition's file name without `.asl.json` / `.json`.
fn state_machine_name(
    config: &Value,
    given: Option<&str>,
    definition: &Path,
) -> Result<String, String> {
    let machines = config
        .get("StateMachines")
        .and_then(Value::as_object)
        .ok_or("a mock file needs a `StateMachines` object")?;
    let name = match given {
        Some(name) => name.to_owned(),
        None if machines.len() == 1 => machines.keys().next().cloned().unwrap_or_default(),
        None => {
            let file = definition
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stem = [".asl.json", ".json"]
                .iter()
                .find_map(|ext| file.strip_suffix(ext))
                .unwrap_or(&file)
                .to_owned();
            if !machines.contains_key(&stem) {
                return Err(format!(
                    "which state machine of StateMachines is this? {}; pick one with --state-machine",
                    known(machines)
                ));
            }
            stem
        }
    };
    if machines.contains_key(&name) {
        Ok(name)
    } else {
        Err(format!(
            "no state machine StateMachines.{name}; {}",
            known(machines)
        ))
    }
}

/// Says which test case is missing and which ones there are.
fn check_test_case(config: &Value, machine: &str, case: &str) -> Result<(), String> {
    let cases = config
        .pointer(&format!(
            "/StateMachines/{}/TestCases",
            pointer_token(machine)
        ))
        .and_then(Value::as_object)
        .ok_or_else(|| format!("StateMachines.{machine} has no `TestCases` object"))?;
    if cases.contains_key(case) {
        Ok(())
    } else {
        Err(format!(
            "no test case StateMachines.{machine}.TestCases.{case}; {}",
            known(cases)
        ))
    }
}

fn known(map: &Map<String, Value>) -> String {
    if map.is_empty() {
        return "there are none".to_owned();
    }
    let names: Vec<String> = map.keys().map(|k| format!("{k:?}")).collect();
    format!("there are: {}", names.join(", "))
}

fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// `--format json`: `status`, `output` or `error` and `cause`, and `history`.
fn to_json(exec: &Execution, history: bool) -> Value {
    let mut out = Map::new();
    out.insert("status".into(), exec.status.as_str().into());
    if exec.succeeded() {
        out.insert("output".into(), exec.output.clone().unwrap_or(Value::Null));
    } else {
        if let Some(error) = &exec.error {
            out.insert("error".into(), error.as_str().into());
        }
        if let Some(cause) = &exec.cause {
            out.insert("cause".into(), cause.as_str().into());
        }
    }
    if history {
        out.insert(
            "history".into(),
            exec.history.iter().map(|e| e.to_aws_json()).collect(),
        );
    }
    Value::Object(out)
}

/// The human format: the states taken (one line each, with its type; a state that did not
/// exit is marked), then the status, the virtual time it took, and the output or the error.
fn human(exec: &Execution, history: bool) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let steps = exec.steps();
    let width = steps
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(0);
    for (i, step) in steps.iter().enumerate() {
        let mark = match (&step.output, step.state_type) {
            (None, "Fail") | (Some(_), _) => "",
            (None, _) => "  (failed)",
        };
        let _ = writeln!(
            out,
            "{:>4}  {:<width$}  {}{mark}",
            i + 1,
            step.name,
            step.state_type
        );
    }
    let elapsed = match (exec.history.first(), exec.history.last()) {
        (Some(first), Some(last)) => {
            (last.timestamp.as_nanos() - first.timestamp.as_nanos()) / 1_000_000
        }
        _ => 0,
    };
    let _ = writeln!(
        out,
        "{} after {} state{} and {} of virtual time",
        exec.status.as_str(),
        steps.len(),
        if steps.len() == 1 { "" } else { "s" },
        duration(elapsed)
    );
    if exec.succeeded() {
        let output = exec.output.as_ref().unwrap_or(&Value::Null);
        let pretty = serde_json::to_string_pretty(output).unwrap_or_default();
        let _ = writeln!(out, "output: {pretty}");
    } else {
        let _ = writeln!(out, "error: {}", exec.error.as_deref().unwrap_or("(none)"));
        let _ = writeln!(out, "cause: {}", exec.cause.as_deref().unwrap_or("(none)"));
    }
    if history {
        let _ = writeln!(out, "history:");
        for e in &exec.history {
            let details = e.to_aws_json();
            let detail = details
                .as_object()
                .and_then(|o| o.iter().find(|(k, _)| k.ends_with("EventDetails")))
                .map(|(_, v)| v.to_string())
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{:>6}  {}  {:<24} {detail}",
                e.id,
                e.timestamp,
                e.event_type.as_str()
            );
        }
    }
    out
}

/// Milliseconds as `1h 2m 3.5s`.
fn duration(millis: i128) -> String {
    let (h, m, ms) = (millis / 3_600_000, millis / 60_000 % 60, millis % 60_000);
    let seconds = if ms % 1000 == 0 {
        format!("{}s", ms / 1000)
    } else {
        format!("{}.{:03}s", ms / 1000, ms % 1000)
    };
    match (h, m) {
        (0, 0) => seconds,
        (0, m) => format!("{m}m {seconds}"),
        (h, m) => format!("{h}h {m}m {seconds}"),
    }
}
