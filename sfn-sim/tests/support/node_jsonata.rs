//! A JSONata engine for tests only: the reference `jsonata` npm package (2.0.6, the version AWS
//! runs) in one `node` process, talking JSON lines over stdin/stdout. It checks the
//! simulator's JSONata *plumbing* (what is evaluated when, `$states`, variables, errors)
//! against AWS's recordings independently of the built-in engine (`CoreEngine`).
//!
//! Used when `SFN_SIM_JSONATA_NODE_MODULES` names a `node_modules` folder holding `jsonata`
//! (`npm install jsonata@2.0.6`) and `node` is on the `PATH`.

use serde_json::{Value, json};
use sfn_sim::jsonata::{Bindings, JsonataEngine, JsonataError};
use std::cell::RefCell;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

const SCRIPT: &str = r#"
const jsonata = require('jsonata');
const readline = require('readline');
const rl = readline.createInterface({ input: process.stdin });
rl.on('line', async (line) => {
  const { expr, bindings } = JSON.parse(line);
  let reply;
  try {
    const value = await jsonata(expr).evaluate(null, bindings);
    reply = value === undefined ? { undefined: true } : { value };
  } catch (e) {
    reply = { error: (e.code ? e.code + ': ' : '') + e.message };
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
});
"#;

/// The `node` process, or `None` when the environment does not provide one.
pub struct NodeJsonata {
    io: RefCell<(Child, ChildStdin, BufReader<ChildStdout>)>,
}

impl NodeJsonata {
    pub fn from_env() -> Option<NodeJsonata> {
        let modules = std::env::var_os("SFN_SIM_JSONATA_NODE_MODULES")?;
        let mut child = Command::new("node")
            .arg("-e")
            .arg(SCRIPT)
            .env("NODE_PATH", modules)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .ok()?;
        let stdin = child.stdin.take()?;
        let stdout = BufReader::new(child.stdout.take()?);
        Some(NodeJsonata {
            io: RefCell::new((child, stdin, stdout)),
        })
    }
}

impl Drop for NodeJsonata {
    fn drop(&mut self) {
        let _ = self.io.get_mut().0.kill();
    }
}

impl JsonataEngine for NodeJsonata {
    fn evaluate(
        &self,
        expression: &str,
        bindings: &Bindings,
    ) -> Result<Option<Value>, JsonataError> {
        let mut io = self.io.borrow_mut();
        let (_, stdin, stdout) = &mut *io;
        let request = json!({"expr": expression, "bindings": bindings});
        let broken = |e: std::io::Error| JsonataError {
            message: format!("node: {e}"),
        };
        writeln!(stdin, "{request}").map_err(broken)?;
        stdin.flush().map_err(broken)?;
        let mut line = String::new();
        stdout.read_line(&mut line).map_err(broken)?;
        let reply: Value = serde_json::from_str(&line).map_err(|e| JsonataError {
            message: format!("node reply: {e}"),
        })?;
        if let Some(e) = reply.get("error") {
            return Err(JsonataError {
                message: e.as_str().unwrap_or_default().to_owned(),
            });
        }
        Ok(reply.get("value").cloned())
    }
}
