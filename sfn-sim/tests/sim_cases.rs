//! Runs every execution and Choice check of the shared `sim-cases/` (recorded on real AWS Step
//! Functions) and compares the simulator with AWS, as `sim-cases/MANIFEST.md` says: status,
//! output or error and cause, and the input and output of every state entered; masked
//! pointers skipped, numbers compared by value, `order_normalized` entries as a multiset.
//!
//! The cases expected to fail are listed, each with its reason, in
//! `tests/sim_cases_expected_failures.txt`. The test fails when an unlisted case fails (a
//! regression) and when a listed case passes (update the list).

mod support {
    pub mod node_jsonata;
}

use serde_json::Value;
use sfn_dsl::model::StateMachine;
use sfn_sim::Simulator;
// `expected` against `actual` under the pointer `at`, masked pointers passed over.
use sfn_test_support::semantic_diff_masked as diff;
use std::collections::BTreeMap;
use std::path::Path;

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 200 {
        format!("{}…", s.chars().take(200).collect::<String>())
    } else {
        s
    }
}

/// Runs one case: `Ok(())` when the simulator agrees with AWS, else what differs.
fn check(case: &Value, jsonata: Option<&support::node_jsonata::NodeJsonata>) -> Result<(), String> {
    let masked: Vec<String> = case["masked"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["pointer"].as_str().map(str::to_owned))
        .collect();
    let text = case["definition"].to_string();
    let machine = StateMachine::from_json(&text).map_err(|e| format!("import: {e}"))?;
    let mut sim = Simulator::new(&machine);
    if let Some(engine) = jsonata {
        sim = sim.jsonata(engine);
    }
    let exec = sim
        .run(case["input"].clone())
        .map_err(|e| format!("simulation error: {e}"))?;
    let expected = &case["expected"];
    let status = expected["status"].as_str().unwrap_or_default();
    if exec.status.as_str() != status {
        return Err(format!(
            "status: expected {status}, got {} ({:?}: {:?})",
            exec.status.as_str(),
            exec.error,
            exec.cause
        ));
    }
    if status == "SUCCEEDED" {
        let out = exec.output.clone().unwrap_or(Value::Null);
        if let Some(d) = diff(&expected["output"], &out, "/expected/output", &masked) {
            return Err(format!("output {d}"));
        }
    } else {
        // An error or cause AWS did not record must be absent here too.
        for (field, got) in [("error", &exec.error), ("cause", &exec.cause)] {
            let want = expected.get(field).cloned().unwrap_or(Value::Null);
            let got = got.clone().map_or(Value::Null, Value::String);
            if let Some(d) = diff(&want, &got, &format!("/expected/{field}"), &masked) {
                return Err(d);
            }
        }
    }
    check_trace(case, &exec, &masked)
}

/// The per-state trace: entries in order, `order_normalized` ones as a multiset.
fn check_trace(case: &Value, exec: &sfn_sim::Execution, masked: &[String]) -> Result<(), String> {
    let Some(states) = case["states"].as_array() else {
        return Ok(());
    };
    if states.is_empty() {
        return Ok(());
    }
    let steps = exec.steps();
    if steps.len() != states.len() {
        return Err(format!(
            "trace: expected {} states entered, got {} ({:?})",
            states.len(),
            steps.len(),
            exec.path()
        ));
    }
    let as_json = |s: &sfn_sim::Step| {
        let mut v = serde_json::json!({"name": s.name, "type": s.state_type, "input": s.input});
        if let Some(o) = &s.output {
            v["output"] = o.clone();
        }
        if let Some(a) = &s.assigned {
            v["assigned"] = Value::Object(a.clone());
        }
        v
    };
    let mut unmatched: Vec<Value> = Vec::new();
    let mut normalized: Vec<(usize, &Value)> = Vec::new();
    for (i, (want, got)) in states.iter().zip(&steps).enumerate() {
        let got = as_json(got);
        if want["order_normalized"].as_bool() == Some(true) {
            normalized.push((i, want));
            unmatched.push(got);
            continue;
        }
        for field in ["name", "type", "input", "output", "assigned"] {
            let (w, g) = (&want[field], &got[field]);
            if let Some(d) = diff(w, g, &format!("/states/{i}/{field}"), masked) {
                return Err(format!("trace {d}"));
            }
        }
    }
    // Each order-normalized entry must match some remaining step of those positions.
    'entries: for (i, want) in normalized {
        for (j, got) in unmatched.iter().enumerate() {
            let same = ["name", "type", "input", "output"]
                .iter()
                .all(|f| diff(&want[*f], &got[*f], &format!("/states/{i}/{f}"), masked).is_none());
            if same {
                unmatched.swap_remove(j);
                continue 'entries;
            }
        }
        return Err(format!(
            "trace /states/{i}: no state entered matches {}",
            short(want)
        ));
    }
    Ok(())
}

fn expected_failures() -> BTreeMap<String, String> {
    let text = include_str!("sim_cases_expected_failures.txt");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(" # ") {
            Some((id, reason)) => (id.trim().to_owned(), reason.trim().to_owned()),
            None => (l.to_owned(), String::new()),
        })
        .collect()
}

/// The cases of `sim-cases/<sub>` in `shared`, in file name order: each with its id,
/// `<sub>/<file stem>`.
fn cases(shared: &Path, sub: &str) -> Vec<(String, Value)> {
    let mut files: Vec<_> = std::fs::read_dir(shared.join("sim-cases").join(sub))
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
        .iter()
        .map(|file| {
            let stem = file
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            let text = std::fs::read_to_string(file).expect("read a case");
            let case: Value = serde_json::from_str(&text).expect("a case is JSON");
            (format!("{sub}/{stem}"), case)
        })
        .collect()
}

#[test]
fn sim_cases_match_aws() {
    let Some(shared) = sfn_test_support::shared_dir_with("sim_cases_match_aws", &["sim-cases"])
    else {
        return;
    };
    let known = expected_failures();
    let mut seen = BTreeMap::new();
    let mut regressions = Vec::new();
    let mut fixed = Vec::new();
    // (mode) -> (passed, failed)
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for sub in ["executions", "choice"] {
        for (id, case) in cases(&shared, sub) {
            let mode = format!("{sub}:{}", case["mode"].as_str().unwrap_or("jsonpath"));
            let outcome = std::panic::catch_unwind(|| check(&case, None))
                .unwrap_or_else(|_| Err("the simulator panicked".to_owned()));
            let entry = counts.entry(mode).or_default();
            match (&outcome, known.contains_key(&id)) {
                (Ok(()), false) => entry.0 += 1,
                (Ok(()), true) => {
                    entry.0 += 1;
                    fixed.push(id.clone());
                }
                (Err(e), false) => {
                    entry.1 += 1;
                    regressions.push(format!("{id}: {e}"));
                }
                (Err(_), true) => entry.1 += 1,
            }
            if let Err(e) = &outcome
                && std::env::var_os("SIM_CASES_VERBOSE").is_some()
            {
                eprintln!("FAIL {id}: {e}");
            }
            seen.insert(id, outcome.is_ok());
        }
    }
    let stale: Vec<_> = known.keys().filter(|k| !seen.contains_key(*k)).collect();
    let (mut passed, mut failed) = (0, 0);
    for (mode, (p, f)) in &counts {
        eprintln!("sim-cases {mode}: {p} passed, {f} failed");
        passed += p;
        failed += f;
    }
    eprintln!(
        "sim-cases: {passed} passed, {failed} failed (expected to fail: {})",
        known.len()
    );
    assert!(
        regressions.is_empty() && fixed.is_empty() && stale.is_empty(),
        "sim-cases disagree with tests/sim_cases_expected_failures.txt:\n\
         failing but not listed ({}):\n  {}\n\
         listed but passing ({}):\n  {}\n\
         listed but no such case ({}):\n  {}",
        regressions.len(),
        regressions.join("\n  "),
        fixed.len(),
        fixed.join("\n  "),
        stale.len(),
        stale
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  "),
    );
}

/// The JSONata cases run again with the reference `jsonata` npm package (2.0.6, what AWS runs;
/// see `support/node_jsonata.rs`) plugged in instead of the built-in engine, when the
/// environment provides it: a check of the simulator's JSONata plumbing that does not depend on
/// the built-in engine. Prints its results; says so when skipped.
#[test]
fn jsonata_cases_with_the_reference_engine() {
    let Some(shared) = sfn_test_support::shared_dir_with(
        "jsonata_cases_with_the_reference_engine",
        &["sim-cases"],
    ) else {
        return;
    };
    let Some(engine) = support::node_jsonata::NodeJsonata::from_env() else {
        eprintln!(
            "SKIPPED jsonata_cases_with_the_reference_engine: set SFN_SIM_JSONATA_NODE_MODULES to a node_modules folder with jsonata@2.0.6"
        );
        return;
    };
    let known = expected_failures();
    let (mut passed, mut failed) = (0, 0);
    for (id, case) in cases(&shared, "executions") {
        if case["mode"] != "jsonata_or_assign" || known.contains_key(&id) {
            continue;
        }
        match check(&case, Some(&engine)) {
            Ok(()) => passed += 1,
            Err(e) => {
                failed += 1;
                eprintln!("JSONata FAIL {id}: {e}");
            }
        }
    }
    eprintln!("sim-cases with the reference JSONata engine: {passed} passed, {failed} failed");
    assert_eq!(
        failed, 0,
        "the JSONata plumbing disagrees with AWS (see above)"
    );
}
