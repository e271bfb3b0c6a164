//! The simulator never panics and never hangs: every definition of the shared corpus and of the
//! AWS-recorded sim-cases that imports runs to an execution or a simulation error, with every
//! task mocked and a small history limit, on a few inputs.

use serde_json::{Value, json};
use sfn_dsl::model::StateMachine;
use sfn_sim::{Mock, Simulator};
use sfn_test_support::{corpus_folders, manifest, read_definition, shared_dir};
use std::path::PathBuf;

/// The definition files: the corpus, and the sim-cases (whose definition is one member).
fn definition_files(shared: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = corpus_folders(shared)
        .iter()
        .flat_map(|folder| manifest(folder).into_iter().map(|e| e.path))
        .collect();
    for sub in ["sim-cases/executions", "sim-cases/choice"] {
        if let Ok(dir) = std::fs::read_dir(shared.join(sub)) {
            files.extend(dir.filter_map(|e| e.ok()).map(|e| e.path()));
        }
    }
    files
}

#[test]
fn every_corpus_definition_runs_without_panicking() {
    let Some(shared) = shared_dir("every_corpus_definition_runs_without_panicking") else {
        return;
    };
    let inputs = [
        json!({}),
        json!({"items": [1, 2, 3], "a": {"b": "c"}, "n": 5, "Payload": {"x": true}}),
        json!([1, "two", null]),
        Value::Null,
    ];
    let (mut ran, mut executions, mut sim_errors) = (0, 0, 0);
    for path in definition_files(&shared) {
        let Ok(mut value) = read_definition(&path) else {
            continue;
        };
        if path.to_string_lossy().contains("sim-cases") {
            value = value["definition"].take();
        }
        let Ok(machine) = StateMachine::from_json(&value.to_string()) else {
            continue;
        };
        ran += 1;
        for input in &inputs {
            let outcome = std::panic::catch_unwind(|| {
                Simulator::new(&machine)
                    .default_mock(Mock::from_fn(|call| {
                        Ok(json!({"echo": call.parameters, "Payload": {}}))
                    }))
                    .max_events(2_000)
                    .run(input.clone())
                    .map(|e| e.status)
            });
            match outcome {
                Ok(Ok(_)) => executions += 1,
                Ok(Err(e)) => {
                    sim_errors += 1;
                    if std::env::var_os("SIM_ROBUSTNESS_VERBOSE").is_some() {
                        eprintln!("SIMERR {}: {e}", path.display());
                    }
                }
                Err(_) => panic!(
                    "the simulator panicked on {} with input {input}",
                    path.display()
                ),
            }
        }
    }
    eprintln!(
        "robustness: {ran} definitions, {executions} executions, {sim_errors} simulation errors"
    );
    assert!(ran > 100, "too few definitions imported: {ran}");
}
