//! Every rule is decided in `sfn-dsl/src/validate/` (issue #19): library code elsewhere may
//! compare, match or set the level of a rule code, but not make a finding of one. A finding is
//! made where a `Code::…` is the first argument of a call (`Diagnostic::new(Code::X, …)`,
//! `findings.push(Code::X, …)`) or where `Diagnostic::new` is given a code it computed.
//!
//! The exceptions are listed below with their reason; a new one fails this test.

use std::path::{Path, PathBuf};

/// The library sources of the workspace.
const ROOTS: &[&str] = &[
    "src",
    "sfn-dsl/src",
    "sfn-codegen/src",
    "sfn-macros/src",
    "sfn-cli/src",
    "sfn-sim/src",
];

/// Where rules are decided.
const HOME: &[&str] = &["sfn-dsl/src/validate/", "sfn-dsl/src/rules.rs"];

/// Findings made while a definition is read, where the model has no place for what they catch:
/// the JSON reader (a file that is not one JSON object, a repeated key) and the importer (the
/// schema of each object: unknown, missing, exclusive fields, wrong JSON types and values,
/// transitions, Choice rules and paths that do not parse). The importer reads through the table
/// of `sfn-dsl/src/fields.rs`; the declarations of these rules say that they are decided there.
const READING: &[(&str, &[&str])] = &[
    ("sfn-dsl/src/json/", &["InvalidJson", "DuplicateKey"]),
    (
        "sfn-dsl/src/import/",
        &[
            "InvalidJson",
            "DuplicateKey",
            "UnknownField",
            "MissingField",
            "WrongType",
            "ExclusiveFields",
            "InvalidValue",
            "StartAtMissing",
            "MissingTransition",
            "ConflictingTransition",
            "TransitionOnTerminal",
            "ChoiceRuleNext",
            "ChoiceRuleShape",
            "OutOfRange",
            "InvalidPath",
            "InvalidIntrinsic",
            "InvalidJsonata",
        ],
    ),
];

/// The code of the file without comments and without its tests (a `#[cfg(test)]` module is
/// the end of a file here).
fn library_code(text: &str) -> String {
    let mut code = String::new();
    for line in text.lines() {
        let line = line.trim_start();
        if line.starts_with("#[cfg(test)]") {
            break;
        }
        if !line.starts_with("//") {
            code.push_str(line);
            code.push('\n');
        }
    }
    code
}

/// The rule codes the code makes findings of (`"?"` for a code computed elsewhere).
fn decided(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, _) in code.match_indices("Code::") {
        let name: String = code[i + 6..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let after = code[i + 6 + name.len()..].trim_start();
        // The first argument of a call: `(` before it, up to a path (`sfn_dsl::`), `,` after.
        let before =
            code[..i].trim_end_matches(|c: char| c.is_alphanumeric() || c == '_' || c == ':');
        if after.starts_with(',') && before.trim_end().ends_with('(') {
            found.push(name);
        }
    }
    for (i, _) in code.match_indices("Diagnostic::new(") {
        let first = code[i + 16..].trim_start();
        if !first.starts_with("Code::") && !first.contains("Code::") {
            found.push("?".to_owned());
        }
    }
    found
}

#[test]
fn rules_are_decided_in_validate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files: Vec<PathBuf> = ROOTS
        .iter()
        .flat_map(|dir| sfn_test_support::files_below(&root.join(dir), &["rs"]))
        .collect();
    assert!(
        files.len() > 50,
        "the sources were not found under {root:?}"
    );
    let mut outside = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        if HOME.iter().any(|h| rel.starts_with(h)) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for code in decided(&library_code(&text)) {
            let allowed = READING
                .iter()
                .any(|(place, codes)| rel.starts_with(place) && codes.contains(&code.as_str()));
            if !allowed {
                outside.push(format!("{rel}: {code}"));
            }
        }
    }
    assert!(
        outside.is_empty(),
        "rules decided outside sfn-dsl/src/validate/ (put the check in a file of \
         sfn-dsl/src/validate/rules/ and call it from here):\n{}",
        outside.join("\n")
    );
}

#[test]
fn the_check_sees_a_decision() {
    let code = library_code(
        "fn f() {\n    // Diagnostic::new(Code::A, \"\", \"\")\n    \
         errs.push(Diagnostic::new(Code::UnknownTarget, p, m));\n    \
         if d.code == Code::NoTerminal {}\n    f.push(sfn_dsl::Code::OutOfRange, s);\n    \
         levels.deny(Code::MissingTaskToken);\n    Diagnostic::new(code, p, m);\n}\n\
         #[cfg(test)]\nmod tests { fn t() { Diagnostic::new(Code::StateName, p, m); } }\n",
    );
    assert_eq!(decided(&code), ["UnknownTarget", "OutOfRange", "?"]);
}
