//! Evaluates the cases that reference.cjs collected (with jsonata@2.0.6's outcome for each) with
//! each candidate Rust JSONata crate, and prints how often each agrees with the reference.
//!
//!   jsonata-compare compare CASES.json [REPORT_DIR]   the table (and failures-CRATE.txt files)
//!   jsonata-compare worker CRATE CASES.json START     one outcome line per case, from START on
//!   jsonata-compare bench CRATE CASES.json IDS.json ROUNDS   timing (run.sh prints the table)
//!
//! `compare` runs each crate in a worker process, so a crate that aborts (stack overflow) or hangs
//! costs one case, not the run: the worker is restarted after the case it died on.
//! See docs/jsonata.md for the method and the results.

mod aws;

use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The candidates, and last `jsonata-core+sfn`: jsonata-core behind the adapter sfn-sim uses, its
/// `CoreEngine` (see `sfn::eval` and docs/jsonata.md).
const CRATES: [&str; 4] = [
    "jsonata-rs",
    "jsonata-core",
    "async_jsonata_rust",
    "jsonata-core+sfn",
];
const CASE_TIMEOUT: Duration = Duration::from_secs(10);
/// Starts each outcome line of a worker (a crate may print to stdout too).
const MARK: &str = "@@jsonata-compare ";

/// One case of reference.cjs's file.
struct Case {
    set: String,
    source: String,
    expr: String,
    parse_only: bool,
    /// `None`: no input document (JSONata's undefined).
    input: Option<Value>,
    bindings: serde_json::Map<String, Value>,
    nondeterministic: bool,
    expected: Value,
}

fn load(path: &str) -> (Value, Vec<Case>) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut file: Value = serde_json::from_str(&text).expect("cases file is JSON");
    let raw = file["cases"].take();
    let cases = raw
        .as_array()
        .expect("cases array")
        .iter()
        .map(|c| Case {
            set: c["set"].as_str().unwrap().to_owned(),
            source: c["source"].as_str().unwrap().to_owned(),
            expr: c["expr"].as_str().unwrap().to_owned(),
            parse_only: c["mode"] == "parse",
            input: c.get("input").cloned(),
            bindings: c
                .get("bindings")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
            nondeterministic: c["nondeterministic"] == true,
            expected: c["expected"].clone(),
        })
        .collect();
    (file, cases)
}

// ---- outcomes ------------------------------------------------------------------------------------

/// What an evaluation gave, in reference.cjs's shape: `{"ok": value}` (with `{"$undefined": true}`,
/// `{"$function": true}` and, for parse-only cases, `{"$parsed": true}`), or `{"error": code,
/// "message", "phase"}`.
fn ok(v: Value) -> Value {
    json!({ "ok": v })
}
fn undefined() -> Value {
    json!({ "$undefined": true })
}
fn function() -> Value {
    json!({ "$function": true })
}
/// A non-finite number (1/0), which has no JSON form; reference.cjs marks it the same way.
fn nonfinite(f: f64) -> Value {
    let text = if f.is_nan() {
        "NaN"
    } else if f > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    };
    json!({ "$nonfinite": text })
}
fn parsed() -> Value {
    ok(json!({ "$parsed": true }))
}
fn error(code: &str, message: impl ToString, phase: &str) -> Value {
    json!({ "error": code, "message": message.to_string(), "phase": phase })
}

/// The first JSONata error code (`S0201`, `T2002`, `D3030`, `U1001`) in `message`, if any: some
/// crates put it after a prefix of their own ("Invalid syntax: S0201: ...").
fn find_code(message: &str) -> Option<&str> {
    let b = message.as_bytes();
    (0..b.len().saturating_sub(4)).find_map(|i| {
        let starts_word = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let ends_word = b.get(i + 5).is_none_or(|c| !c.is_ascii_alphanumeric());
        (starts_word
            && ends_word
            && matches!(b[i], b'S' | b'T' | b'D' | b'U')
            && b[i + 1..i + 5].iter().all(u8::is_ascii_digit))
        .then(|| &message[i..i + 5])
    })
}

// ---- jsonata-rs ----------------------------------------------------------------------------------

mod rs {
    use super::*;
    use bumpalo::Bump;
    use jsonata_rs::{ArrayFlags, FunctionContext, JsonAta, Value as V};

    pub fn to_json<'a>(v: &'a V<'a>) -> Option<Value> {
        if v.is_undefined() || v.is_function() {
            None
        } else if v.is_null() {
            Some(Value::Null)
        } else if v.is_bool() {
            Some(Value::Bool(v.as_bool()))
        } else if v.is_number() {
            Some(num(v.as_f64()))
        } else if v.is_string() {
            Some(Value::String(v.as_str().into_owned()))
        } else if v.is_array() {
            Some(Value::Array(v.members().filter_map(to_json).collect()))
        } else if v.is_object() {
            Some(Value::Object(
                v.entries()
                    .filter_map(|(k, v)| Some((k.to_string(), to_json(v)?)))
                    .collect(),
            ))
        } else {
            None
        }
    }

    fn from_json<'a>(arena: &'a Bump, v: &Value) -> &'a V<'a> {
        match v {
            Value::Null => V::null(arena),
            Value::Bool(b) => V::bool(*b),
            Value::Number(n) => V::number(arena, n.as_f64().unwrap()),
            Value::String(s) => V::string(arena, s),
            Value::Array(a) => {
                let out = V::array_with_capacity(arena, a.len(), ArrayFlags::empty());
                for item in a {
                    out.push(from_json(arena, item));
                }
                out
            }
            Value::Object(o) => {
                let out = V::object_with_capacity(arena, o.len());
                for (k, item) in o {
                    out.insert(k, from_json(arena, item));
                }
                out
            }
        }
    }

    /// The adapter of an AWS function: jsonata-rs takes plain `fn` pointers, so one per name.
    fn aws_call<'a>(
        name: &str,
        ctx: &FunctionContext<'a, '_>,
        args: &[&'a V<'a>],
    ) -> jsonata_rs::Result<&'a V<'a>> {
        let args: Vec<Option<Value>> = args.iter().map(|a| to_json(a)).collect();
        match aws::call(name, &args) {
            Ok(Some(v)) => Ok(from_json(ctx.arena, &v)),
            Ok(None) => Ok(V::undefined()),
            // jsonata-rs has no variant for a host function's own error: $error's is the closest.
            Err(e) => Err(jsonata_rs::Error::D3137Error(format!(
                "{}: {}",
                e.code, e.message
            ))),
        }
    }
    macro_rules! aws_fn {
        ($f:ident, $name:literal) => {
            fn $f<'a>(
                ctx: FunctionContext<'a, '_>,
                args: &[&'a V<'a>],
            ) -> jsonata_rs::Result<&'a V<'a>> {
                aws_call($name, &ctx, args)
            }
        };
    }
    aws_fn!(partition, "partition");
    aws_fn!(range, "range");
    aws_fn!(hash, "hash");
    aws_fn!(parse, "parse");

    pub fn compile<'a>(expr: &str, arena: &'a Bump) -> Result<JsonAta<'a>, Value> {
        let j = JsonAta::new(expr, arena).map_err(|e| error(e.code(), e.to_string(), "parse"))?;
        // $random and $uuid are jsonata-rs built-ins, which evaluate() binds after (over) any
        // function registered here.
        j.register_function("partition", 2, partition);
        j.register_function("range", 3, range);
        j.register_function("hash", 2, hash);
        j.register_function("parse", 1, parse);
        Ok(j)
    }

    pub fn run(j: &JsonAta, input: Option<&str>, bindings: &HashMap<&str, &Value>) -> Value {
        match j.evaluate(input, Some(bindings)) {
            Ok(v) if v.is_function() => ok(function()),
            Ok(v) if v.is_number() && !v.as_f64().is_finite() => ok(nonfinite(v.as_f64())),
            Ok(v) => ok(to_json(v).unwrap_or_else(undefined)),
            Err(e) => error(e.code(), e.to_string(), "evaluate"),
        }
    }

    pub fn eval(c: &Case) -> Value {
        let arena = Bump::new();
        let j = match compile(&c.expr, &arena) {
            Ok(j) => j,
            Err(e) => return e,
        };
        if c.parse_only {
            return parsed();
        }
        // jsonata-rs takes the input as text (which it parses with its JSONata parser).
        let input = c.input.as_ref().map(Value::to_string);
        let bindings: HashMap<&str, &Value> =
            c.bindings.iter().map(|(k, v)| (k.as_str(), v)).collect();
        run(&j, input.as_deref(), &bindings)
    }
}

// ---- jsonata-core --------------------------------------------------------------------------------

mod core {
    use super::*;
    use jsonata_core::evaluator::{Context, Evaluator, EvaluatorError};
    use jsonata_core::value::JValue;

    fn to_json(v: &JValue) -> Value {
        if v.is_undefined() {
            undefined()
        } else if v.is_function() {
            function()
        } else if let Some(f) = v.as_f64().filter(|f| !f.is_finite()) {
            nonfinite(f)
        } else {
            serde_json::from_str(&v.to_json_string().expect("serializable")).expect("JSON")
        }
    }

    fn arg_json(v: &JValue) -> Option<Value> {
        if v.is_undefined() || v.is_function() {
            None
        } else {
            Some(to_json(v))
        }
    }

    pub fn evaluator(bindings: &serde_json::Map<String, Value>) -> Evaluator {
        let mut ctx = Context::new();
        for (k, v) in bindings {
            ctx.bind(k.clone(), JValue::from(v.clone()));
        }
        let mut ev = Evaluator::with_context(ctx);
        for (name, _) in aws::FUNCTIONS {
            let f = move |args: &[JValue]| {
                let args: Vec<Option<Value>> = args.iter().map(arg_json).collect();
                match aws::call(name, &args) {
                    Ok(Some(v)) => Ok(JValue::from(v)),
                    Ok(None) => Ok(JValue::Undefined),
                    Err(e) => Err(EvaluatorError::EvaluationError(format!(
                        "{}: {}",
                        e.code, e.message
                    ))),
                }
            };
            // $random is a built-in; overriding it is allowed (it is not compiled).
            let registered = if name == "random" {
                ev.register_fn_override(name, f)
            } else {
                ev.register_fn(name, f)
            };
            registered.expect("AWS function registers");
        }
        ev
    }

    pub fn eval(c: &Case) -> Value {
        let ast = match jsonata_core::parser::parse(&c.expr) {
            Ok(ast) => ast,
            Err(e) => {
                let m = e.to_string();
                return error(find_code(&m).unwrap_or("PARSE"), &m, "parse");
            }
        };
        if c.parse_only {
            return parsed();
        }
        let mut ev = evaluator(&c.bindings);
        let input = c
            .input
            .clone()
            .map(JValue::from)
            .unwrap_or(JValue::Undefined);
        match ev.evaluate(&ast, &input) {
            Ok(v) => ok(to_json(&v)),
            Err(e) => error(
                find_code(e.message()).unwrap_or("UNCODED"),
                e.message(),
                "evaluate",
            ),
        }
    }
}

// ---- jsonata-core+sfn: sfn-sim's engine -----------------------------------------------------------

mod sfn {
    use super::*;
    use sfn_sim::jsonata::{CoreEngine, JsonataError};

    fn coded(e: &JsonataError, otherwise: &str, phase: &str) -> Value {
        error(
            find_code(&e.message).unwrap_or(otherwise),
            &e.message,
            phase,
        )
    }

    /// The case with `engine`: parsed first, so that a parse error is reported as one.
    pub fn run(engine: &CoreEngine, c: &Case) -> Value {
        if let Err(e) = engine.check(&c.expr) {
            return coded(&e, "PARSE", "parse");
        }
        if c.parse_only {
            return parsed();
        }
        match engine.evaluate_on(&c.expr, c.input.as_ref(), &c.bindings) {
            Ok(v) => ok(v.unwrap_or_else(undefined)),
            Err(e) => coded(&e, "UNCODED", "evaluate"),
        }
    }

    pub fn eval(c: &Case) -> Value {
        run(&CoreEngine::new(), c)
    }
}

// ---- async_jsonata_rust --------------------------------------------------------------------------

mod async_rs {
    use super::*;
    use async_jsonata_rust::types::{FunctionContext, JsonCallable, JsonError, JsonFunction};
    use async_jsonata_rust::{Evaluator, FunctionRegistry, JsonValue};
    use futures::future::BoxFuture;
    use std::sync::Arc;

    struct Aws(&'static str, usize);

    impl JsonCallable for Aws {
        fn call(
            &self,
            _ctx: FunctionContext,
            args: Vec<JsonValue>,
        ) -> BoxFuture<'static, Result<JsonValue, JsonError>> {
            let args: Vec<Option<Value>> = args.iter().map(JsonValue::to_serde_json).collect();
            let out = match aws::call(self.0, &args) {
                Ok(Some(v)) => Ok(JsonValue::from_serde_json(&v)),
                Ok(None) => Ok(JsonValue::Undefined),
                Err(e) => Err(JsonError::new(e.code, e.message)),
            };
            Box::pin(async move { out })
        }
        fn arity(&self) -> Option<usize> {
            Some(self.1)
        }
        fn as_any(&self) -> &(dyn std::any::Any + Send + Sync) {
            self
        }
    }

    pub fn evaluator() -> Evaluator {
        let mut registry = FunctionRegistry::with_builtins();
        for (name, arity) in aws::FUNCTIONS {
            registry.insert(name, JsonFunction::new(Arc::new(Aws(name, arity))));
        }
        Evaluator::new(registry)
    }

    pub fn to_json(v: &JsonValue) -> Value {
        match v {
            JsonValue::Undefined => undefined(),
            JsonValue::Function(_) => function(),
            JsonValue::Number(f) if !f.is_finite() => nonfinite(*f),
            v => v.to_serde_json().unwrap_or_else(undefined),
        }
    }

    pub fn bindings(c: &Case) -> HashMap<String, JsonValue> {
        c.bindings
            .iter()
            .map(|(k, v)| (k.clone(), JsonValue::from_serde_json(v)))
            .collect()
    }

    pub fn eval(c: &Case) -> Value {
        let ev = evaluator();
        let expr = match ev.parse(c.expr.clone()) {
            Ok(e) => e,
            Err(e) => return error(e.code(), e.message(), "parse"),
        };
        if c.parse_only {
            return parsed();
        }
        let input = c
            .input
            .as_ref()
            .map(JsonValue::from_serde_json)
            .unwrap_or(JsonValue::Undefined);
        match ev.evaluate_with_bindings(&expr, &input, &bindings(c)) {
            Ok(v) => ok(to_json(&v)),
            Err(e) => error(e.code(), e.message(), "evaluate"),
        }
    }
}

fn eval(krate: &str, c: &Case) -> Value {
    match krate {
        "jsonata-rs" => rs::eval(c),
        "jsonata-core" => core::eval(c),
        "async_jsonata_rust" => async_rs::eval(c),
        "jsonata-core+sfn" => sfn::eval(c),
        _ => panic!("unknown crate {krate}"),
    }
}

// ---- worker: one outcome line per case -----------------------------------------------------------

fn worker(krate: &str, cases_path: &str, start: usize) {
    std::panic::set_hook(Box::new(|_| {}));
    let (_, cases) = load(cases_path);
    let cases = std::sync::Arc::new(cases);
    let stdout = std::io::stdout();
    for id in start..cases.len() {
        let (tx, rx) = mpsc::channel();
        let (cs, k) = (cases.clone(), krate.to_owned());
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(move || {
                let r =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| eval(&k, &cs[id])));
                let _ = tx.send(r.unwrap_or_else(|p| {
                    let msg = p
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    json!({ "panic": msg })
                }));
            })
            .unwrap();
        let line = match rx.recv_timeout(CASE_TIMEOUT) {
            Ok(v) => v,
            Err(_) => {
                let mut out = stdout.lock();
                writeln!(
                    out,
                    "{MARK}{}",
                    json!({ "id": id, "outcome": { "timeout": true } })
                )
                .unwrap();
                out.flush().unwrap();
                std::process::exit(3);
            }
        };
        let mut out = stdout.lock();
        writeln!(out, "{MARK}{}", json!({ "id": id, "outcome": line })).unwrap();
        out.flush().unwrap();
    }
}

/// Every case's outcome with `krate`, restarting the worker after a case that killed it.
fn outcomes(krate: &str, cases_path: &str, n: usize) -> Vec<Value> {
    let exe = std::env::current_exe().unwrap();
    let mut out: Vec<Value> = Vec::with_capacity(n);
    while out.len() < n {
        let mut child = Command::new(&exe)
            .args(["worker", krate, cases_path, &out.len().to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        for line in BufReader::new(child.stdout.take().unwrap()).lines() {
            // Lines without the mark are a crate's own prints.
            let line = line.unwrap();
            let Some(line) = line.strip_prefix(MARK) else {
                continue;
            };
            let v: Value = serde_json::from_str(line).unwrap();
            out.push(v["outcome"].clone());
        }
        let status = child.wait().unwrap();
        if out.len() < n && out.last().is_none_or(|o| o.get("timeout").is_none()) {
            out.push(json!({ "crash": status.to_string() }));
        }
    }
    out
}

// ---- comparison ----------------------------------------------------------------------------------

fn num(f: f64) -> Value {
    if f.fract() == 0.0 && f.abs() < 9e15 {
        Value::from(f as i64)
    } else {
        serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
    }
}

/// JSON equality with numbers compared as numbers and object keys in any order.
fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_eq(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

#[derive(PartialEq, Clone, Copy)]
enum Verdict {
    /// Same value, or an error where the reference errs with the same code.
    Exact,
    /// An error where the reference errs, with another code (AWS reports any error as
    /// States.QueryEvaluationError, so the execution behaves the same; only `Cause` differs).
    ErrorOtherCode,
    Fail,
}

fn verdict(c: &Case, got: &Value) -> Verdict {
    let exp = &c.expected;
    if let Some(code) = exp.get("error") {
        return match got.get("error") {
            Some(g) if g == code => Verdict::Exact,
            Some(_) => Verdict::ErrorOtherCode,
            None => Verdict::Fail,
        };
    }
    let (Some(e), Some(g)) = (exp.get("ok"), got.get("ok")) else {
        return Verdict::Fail;
    };
    let same = if c.nondeterministic {
        // Only the JSON type: null, boolean, number, string, array or object.
        std::mem::discriminant(e) == std::mem::discriminant(g)
    } else {
        json_eq(e, g)
    };
    if same { Verdict::Exact } else { Verdict::Fail }
}

/// A case where `who` differs from the reference, as the failure files list them.
fn failure(c: &Case, who: &str, got: impl std::fmt::Display) -> String {
    let (set, source, expr, expected) = (&c.set, &c.source, c.expr.trim(), &c.expected);
    format!("[{set}] {source}\n  expr:      {expr}\n  reference: {expected}\n  {who} {got}\n\n")
}

const SETS: [(&str, &str); 5] = [
    ("corpus", "corpus: parses like the reference"),
    ("corpus-eval", "corpus: evaluated on an empty input"),
    ("sim", "sim-cases: AWS-recorded inputs"),
    ("features", "language feature set (features.json)"),
    ("suite", "JSONata test suite, reference results"),
];

fn compare(cases_path: &str, report_dir: &str) {
    let (file, cases) = load(cases_path);
    let mut table = String::new();
    table.push_str("| set | cases | ");
    table.push_str(&CRATES.map(|c| format!("{c} |")).join(" "));
    table.push_str("\n|---|---:|");
    table.push_str(&CRATES.map(|_| "---:|").join(""));
    table.push('\n');
    let results: Vec<Vec<Value>> = CRATES
        .iter()
        .map(|k| outcomes(k, cases_path, cases.len()))
        .collect();
    for (set, title) in SETS {
        let ids: Vec<usize> = (0..cases.len()).filter(|&i| cases[i].set == set).collect();
        if ids.is_empty() {
            continue;
        }
        table.push_str(&format!("| {title} | {} |", ids.len()));
        for r in &results {
            let v: Vec<Verdict> = ids.iter().map(|&i| verdict(&cases[i], &r[i])).collect();
            let exact = v.iter().filter(|&&x| x == Verdict::Exact).count();
            let other = v.iter().filter(|&&x| x == Verdict::ErrorOtherCode).count();
            let pass = exact + other;
            let pct = 100.0 * pass as f64 / ids.len() as f64;
            table.push_str(&format!(" {pass} ({pct:.1}%)"));
            if other > 0 {
                table.push_str(&format!(", {other} other error code"));
            }
            table.push_str(" |");
        }
        table.push('\n');
    }
    // sfn's own syntax check (sfn-dsl, rule SFN031) against the reference's parse verdicts: the
    // validator and the evaluator should agree on which expressions exist.
    let (mut agree, mut total, mut disagreements) = (0, 0, String::new());
    let mut seen = std::collections::HashSet::new();
    for c in &cases {
        if !seen.insert(c.expr.as_str()) {
            continue;
        }
        total += 1;
        let reference_parses = c.expected.get("phase").and_then(Value::as_str) != Some("parse");
        let sfn_parses = std::panic::catch_unwind(|| {
            sfn_dsl::path::Jsonata::parse(&format!("{{%{}%}}", c.expr)).is_ok()
        })
        .unwrap_or(false);
        if sfn_parses == reference_parses {
            agree += 1;
        } else {
            let verdict = if sfn_parses { "parses" } else { "rejects" };
            disagreements.push_str(&failure(c, "sfn-dsl:  ", verdict));
        }
    }
    println!("reference: {}\n", file["reference"].as_str().unwrap_or("?"));
    println!("{table}");
    println!(
        "A case passes when the crate gives the reference's value (numbers as numbers, key order"
    );
    println!(
        "ignored; only the type for $random/$uuid/$now/$millis), or errs where the reference errs."
    );

    println!(
        "\nsfn-dsl's JSONata syntax check (SFN031) parses where the reference parses: {agree} of \
         {total} distinct expressions ({:.1}%)",
        100.0 * agree as f64 / total as f64
    );
    std::fs::create_dir_all(report_dir).unwrap();
    let path = format!("{report_dir}/failures-sfn-dsl-parse.txt");
    std::fs::write(&path, disagreements).unwrap();
    println!("disagreements of sfn-dsl: {path}");
    for (k, r) in CRATES.iter().zip(&results) {
        let mut text = String::new();
        for (i, c) in cases.iter().enumerate() {
            if verdict(c, &r[i]) == Verdict::Fail {
                text.push_str(&failure(c, &format!("{k}:"), &r[i]));
            }
        }
        let path = format!("{report_dir}/failures-{k}.txt");
        std::fs::write(&path, text).unwrap();
        println!("failures of {k}: {path}");
    }
    std::fs::write(
        format!("{report_dir}/outcomes.json"),
        serde_json::to_string(&json!({ "crates": CRATES, "outcomes": results })).unwrap(),
    )
    .unwrap();

    // The cases every crate gets right, for the timing (run.sh): deterministic evaluations only.
    let common: Vec<usize> = (0..cases.len())
        .filter(|&i| {
            let c = &cases[i];
            !c.parse_only
                && !c.nondeterministic
                && c.set != "corpus-eval"
                && c.expected.get("ok").is_some()
                && results.iter().all(|r| verdict(c, &r[i]) == Verdict::Exact)
        })
        .collect();
    std::fs::write(
        format!("{report_dir}/bench-ids.json"),
        serde_json::to_string(&common).unwrap(),
    )
    .unwrap();
}

// ---- bench --------------------------------------------------------------------------------------

/// Times `krate` on the cases `ids` (compare's bench-ids.json: the deterministic cases every crate
/// gets right), ROUNDS times over: parse + evaluate each, then evaluate each parsed expression
/// (as an executor that caches parsed expressions would). Prints "PARSE_EVAL_MS | EVAL_MS".
fn bench(krate: &str, cases_path: &str, ids_path: &str, rounds: usize) {
    let (_, cases) = load(cases_path);
    let ids: Vec<usize> =
        serde_json::from_str(&std::fs::read_to_string(ids_path).unwrap()).unwrap();
    let work: Vec<&Case> = ids.iter().map(|&i| &cases[i]).collect();
    let t0 = Instant::now();
    for _ in 0..rounds {
        for c in &work {
            std::hint::black_box(eval(krate, c));
        }
    }
    let parse_eval = t0.elapsed().as_secs_f64() * 1e3;
    let mut evaluate = Duration::ZERO;
    match krate {
        "jsonata-rs" => {
            for _ in 0..rounds {
                // An arena per round: jsonata-rs allocates every evaluation's values in it.
                let arena = bumpalo::Bump::new();
                let parsed: Vec<_> = work
                    .iter()
                    .map(|c| rs::compile(&c.expr, &arena).ok().unwrap())
                    .collect();
                let t = Instant::now();
                for (c, j) in work.iter().zip(&parsed) {
                    let input = c.input.as_ref().map(Value::to_string);
                    let b: HashMap<&str, &Value> =
                        c.bindings.iter().map(|(k, v)| (k.as_str(), v)).collect();
                    std::hint::black_box(rs::run(j, input.as_deref(), &b));
                }
                evaluate += t.elapsed();
            }
        }
        "jsonata-core+sfn" => {
            // The engine keeps what it parsed: the first round parses, so it is not timed.
            let engine = sfn_sim::jsonata::CoreEngine::new();
            work.iter()
                .for_each(|c| assert!(engine.check(&c.expr).is_ok()));
            let t = Instant::now();
            for _ in 0..rounds {
                for c in &work {
                    std::hint::black_box(sfn::run(&engine, c));
                }
            }
            evaluate = t.elapsed();
        }
        "jsonata-core" => {
            let parsed: Vec<_> = work
                .iter()
                .map(|c| jsonata_core::parser::parse(&c.expr).unwrap())
                .collect();
            let t = Instant::now();
            for _ in 0..rounds {
                for (c, ast) in work.iter().zip(&parsed) {
                    let mut ev = core::evaluator(&c.bindings);
                    let input = c.input.clone().map(jsonata_core::value::JValue::from);
                    let input = input.unwrap_or(jsonata_core::value::JValue::Undefined);
                    std::hint::black_box(ev.evaluate(ast, &input).ok());
                }
            }
            evaluate = t.elapsed();
        }
        _ => {
            let ev = async_rs::evaluator();
            let parsed: Vec<_> = work
                .iter()
                .map(|c| ev.parse(c.expr.clone()).unwrap())
                .collect();
            let t = Instant::now();
            for _ in 0..rounds {
                for (c, e) in work.iter().zip(&parsed) {
                    let input = c
                        .input
                        .as_ref()
                        .map(async_jsonata_rust::JsonValue::from_serde_json)
                        .unwrap_or(async_jsonata_rust::JsonValue::Undefined);
                    std::hint::black_box(
                        ev.evaluate_with_bindings(e, &input, &async_rs::bindings(c))
                            .ok(),
                    );
                }
            }
            evaluate = t.elapsed();
        }
    }
    println!("{parse_eval:.0} | {:.0}", evaluate.as_secs_f64() * 1e3);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("compare") if args.len() >= 3 => compare(
            &args[2],
            args.get(3).map_or("jsonata-compare-report", String::as_str),
        ),
        Some("worker") if args.len() == 5 => worker(&args[2], &args[3], args[4].parse().unwrap()),
        Some("bench") if args.len() == 6 => {
            bench(&args[2], &args[3], &args[4], args[5].parse().unwrap())
        }
        _ => {
            eprintln!(
                "usage: jsonata-compare compare CASES.json [REPORT_DIR]\n       \
                 jsonata-compare worker CRATE CASES.json START\n       \
                 jsonata-compare bench CRATE CASES.json IDS.json ROUNDS"
            );
            std::process::exit(2);
        }
    }
}
