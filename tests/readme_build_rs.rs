//! The README's `build.rs` section, run as written in a fresh package: `cargo build` writes the
//! definition, and `SFN_CHECK=1` fails on a stale one.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The code blocks of the README section that starts with `heading`, in order.
fn blocks(readme: &str, heading: &str) -> Vec<String> {
    let start = readme.find(heading).expect("the README has the section");
    let section = &readme[start + heading.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut out = Vec::new();
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("```") {
            let body: Vec<&str> = lines
                .by_ref()
                .take_while(|l| !l.starts_with("```"))
                .collect();
            out.push(body.join("\n") + "\n");
        }
    }
    out
}

fn cargo(dir: &Path, target: &Path, check: bool) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(["build", "--quiet", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("SFN_CHECK");
    if check {
        cmd.env("SFN_CHECK", "1");
    }
    cmd.output().expect("cargo runs")
}

#[test]
fn the_readme_build_rs_section_works_in_a_fresh_package() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let blocks = blocks(&readme, "## Generate definitions in `build.rs`");
    let [deps, machines, build_rs] = &blocks[..] else {
        panic!("expected three code blocks (Cargo.toml, src/machines.rs, build.rs): {blocks:?}");
    };
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.join("readme-build-rs");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    // The README's dependency on a clone at `../sfn`, pointed at this repository.
    let deps = deps.replace("\"../sfn\"", &format!("{:?}", root.display().to_string()));
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"readme-build-rs\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n{deps}"
        ),
    )
    .unwrap();
    // The same versions as the workspace, so that nothing is fetched and the shared target
    // directory's builds are reused.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(dir.join("src/machines.rs"), machines).unwrap();
    std::fs::write(dir.join("build.rs"), build_rs).unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        "//! The package of the README.\n#![allow(missing_docs)]\npub mod machines;\n",
    )
    .unwrap();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.parent().unwrap().to_path_buf());

    let out = cargo(&dir, &target, false);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = dir.join("definitions/hello.asl.json");
    let written = std::fs::read_to_string(&file).expect("cargo build wrote the definition");
    let machine = sfn::StateMachine::from_json(&written).expect("it imports");
    assert!(sfn::validate(&machine).is_empty());
    assert_eq!(written, sfn::to_json_pretty(&machine));

    // Up to date: check mode passes.
    let out = cargo(&dir, &target, true);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Stale: check mode fails with a diff and leaves the file alone.
    let stale = written.replace("\"Done\"", "\"Finished\"");
    std::fs::write(&file, &stale).unwrap();
    let out = cargo(&dir, &target, true);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "check mode passed on a stale file");
    assert!(stderr.contains("hello.asl.json is stale"), "{stderr}");
    assert!(stderr.contains("-    \"Finished\": {"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), stale);
}
