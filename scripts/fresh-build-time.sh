#!/usr/bin/env bash
# Compile time of a fresh program that depends on the `sfn` library alone (default features),
# built from scratch: what a new user waits for. Compares revisions side by side.
#
#   scripts/fresh-build-time.sh [REV...]     # default: HEAD; e.g. `6f61e7e HEAD`
#
# Each revision is checked out into target/fresh-build/<rev> (a detached git worktree), and a
# program in target/fresh-build/<rev>-program with `sfn = { path = … }` is built with
# `cargo build -j2 --offline` into an empty target directory, using the revision's Cargo.lock.
# Prints wall-clock and CPU (user + system) seconds, and whether the dependency tree holds a CLI
# crate. The revisions are built in turn, so run it on a quiet machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/target/fresh-build"
mkdir -p "$OUT"
[ $# -eq 0 ] && set -- HEAD
for rev in "$@"; do
  sha="$(git rev-parse --short "$rev")"
  tree="$OUT/$sha"
  [ -d "$tree" ] || git worktree add --detach --quiet "$tree" "$sha"
  prog="$OUT/$sha-program"
  rm -rf "$prog" && mkdir -p "$prog/src"
  cat > "$prog/Cargo.toml" <<TOML
[package]
name = "fresh"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
sfn = { path = "$tree" }
TOML
  cat > "$prog/src/main.rs" <<'RS'
fn main() {
    let m = sfn::StateMachine::from_json(r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#)
        .expect("valid");
    print!("{}", sfn::to_json_pretty(&m));
}
RS
  cp "$tree/Cargo.lock" "$prog/Cargo.lock"
  cli="$(cd "$prog" && cargo tree --offline -e normal 2>/dev/null | grep -cE ' (clap|anstream|annotate-snippets|mimalloc|schemars|similar) v' || true)"
  /usr/bin/time -f "$sha: wall %e s, cpu user %U s + sys %S s" \
    cargo build -j2 --offline --quiet --manifest-path "$prog/Cargo.toml" --target-dir "$prog/target" 2>&1 | tail -1
  echo "$sha: CLI-only crates in the dependency tree: $cli"
done
