//! The committed `examples/definitions/*.asl.json` are up to date and valid.

mod common;

use common::definitions_dir;
use sfn::Generator;
use sfn::generator::Status;
use sfn_examples::machines::{self, EXAMPLES};

/// The generator in check mode over the real directory: every file exists, has exactly the
/// bytes `cargo run -p sfn-examples` would write, and no other `*.asl.json` is there.
///
/// (A plain `cargo build` regenerates the files through `build.rs` before this test runs;
/// CI builds with `SFN_CHECK=1`, so that a stale committed file fails the build instead.)
#[test]
fn committed_definitions_are_up_to_date() {
    let mut generator = Generator::new();
    generator
        .out_dir(definitions_dir())
        .check(true)
        .emit_rerun_if_changed(false);
    for (name, machine) in machines::all() {
        generator.try_machine(name, machine);
    }
    let generated = generator.generate().unwrap_or_else(|e| {
        panic!("{e}\n\nrun `cargo run -p sfn-examples` and commit examples/definitions/")
    });
    assert_eq!(generated.len(), EXAMPLES.len());
    for g in &generated {
        assert_eq!(g.status, Status::UpToDate, "{g}");
    }
}

/// Every committed definition passes every `sfn validate` rule with no finding, warnings
/// included — read the way the `sfn` command reads a file.
#[test]
fn committed_definitions_validate_without_findings() {
    let mut failures = Vec::new();
    for example in EXAMPLES {
        let path = definitions_dir().join(format!("{}.asl.json", example.name));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let findings = match sfn::json::parse_document(&bytes, &sfn::json::Limits::default()) {
            Ok(value) => sfn::validate::check_value(&value),
            Err(d) => vec![d],
        };
        for d in findings {
            failures.push(format!("{}: {d}", example.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The definitions are the canonical text of `sfn::to_json_pretty` (what `sfn fmt`
/// writes), so that they review as stable diffs.
#[test]
fn committed_definitions_are_canonical() {
    for example in EXAMPLES {
        let path = definitions_dir().join(format!("{}.asl.json", example.name));
        let text = std::fs::read_to_string(&path).expect("definition");
        let machine = sfn::StateMachine::from_json(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(sfn::to_json_pretty(&machine), text, "{}", path.display());
    }
}

/// The names are unique and the table agrees with `all()`.
#[test]
fn examples_table_is_consistent() {
    let names: Vec<&str> = machines::all().into_iter().map(|(n, _)| n).collect();
    let table: Vec<&str> = EXAMPLES.iter().map(|e| e.name).collect();
    assert_eq!(names, table);
    let mut unique = table.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), table.len(), "duplicate example names");
}
