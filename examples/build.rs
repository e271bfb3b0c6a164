//! Writes `definitions/<name>.asl.json` for every example, with `sfn::Generator`.
//!
//! The machines are the same source files as the library's `machines` module, included by
//! `#[path]`: a build script cannot depend on its own package, and this way there is no
//! second copy of the machines and no extra crate. `SFN_CHECK=1 cargo build` writes nothing
//! and fails with a diff when a committed definition is stale, missing or orphaned.

// The build script reads only `all()`; the rest of the table is for the library.
#[allow(dead_code)]
#[path = "src/machines/mod.rs"]
mod machines;

fn main() -> Result<(), sfn::GenerateError> {
    // Deliberate: the generator prints `rerun-if-changed` for each definition it manages,
    // which turns off Cargo's default "re-run on any change in the package". List the real
    // inputs too. (Cargo also recompiles, and so re-runs, this script when a file it includes
    // changes; the directory line keeps that true whatever the include mechanism.)
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/machines");

    let mut generator = sfn::Generator::new();
    generator.out_dir("definitions"); // relative to this package
    for (name, machine) in machines::all() {
        generator.try_machine(name, machine);
    }
    generator.generate()?;
    Ok(())
}
