//! What the end-to-end tests of the `sfn` binary share: a temporary directory per test, running
//! `sfn`, and checking what it printed.
#![allow(dead_code)] // each test target uses a different subset

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A fresh, empty temporary directory for one test (`sfn-cli-NAME-PID`).
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sfn-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Runs `sfn` (in `dir`, if given) with `stdin`, without colours; the exit status, standard
/// output and standard error.
pub fn sfn_in(dir: Option<&Path>, args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sfn"));
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let mut child = command
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sfn");
    // `sfn` may exit before it reads standard input (a usage error): a broken pipe is fine.
    if let Err(e) = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
    {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Asserts that `text` contains each of `parts`.
#[track_caller]
pub fn says(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "no {part:?} in:\n{text}");
    }
}

/// Asserts that a run of `sfn` exited with `code` and that its standard error says each of
/// `parts`.
#[track_caller]
pub fn stderr_says((status, _, err): (i32, String, String), code: i32, parts: &[&str]) {
    assert_eq!(status, code, "{err}");
    says(&err, parts);
}
