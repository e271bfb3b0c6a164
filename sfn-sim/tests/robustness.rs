//! The simulator never panics and never hangs: every definition of the shared corpus that
//! imports runs to an execution or a simulation error, with every task mocked and a small
//! history limit, on a few inputs.

use serde_json::{Value, json};
use sfn_dsl::model::StateMachine;
use sfn_sim::{Mock, Simulator};
use sfn_test_support::{corpus_folders, manifest, read_definition, shared_dir};

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
    for folder in corpus_folders(&shared) {
        for entry in manifest(&folder) {
            let Ok(value) = read_definition(&entry.path) else {
                continue;
            };
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
                            eprintln!("SIMERR {e}");
                        }
                    }
                    Err(_) => panic!(
                        "the simulator panicked on {} with input {input}",
                        entry.path.display()
                    ),
                }
            }
        }
    }
    eprintln!(
        "robustness: {ran} definitions, {executions} executions, {sim_errors} simulation errors"
    );
    assert!(ran > 100, "too few corpus definitions imported: {ran}");
}
