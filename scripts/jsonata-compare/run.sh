#!/usr/bin/env bash
# Compares the Rust JSONata crates with the reference implementation AWS Step Functions runs
# (the `jsonata` npm package at exactly 2.0.6) on the JSONata expressions of the shared data
# (corpus/ and sim-cases/) and on the feature set features.json, and prints the table of
# docs/jsonata.md.
#
#   scripts/jsonata-compare/run.sh            # REPORT_DIR (default: a temporary folder) gets
#                                             # cases.json, outcomes.json and failures-CRATE.txt
#
# Needs cargo, node >= 18 with npm (the registry reachable, or JSONATA_NODE_MODULES pointing at a
# folder that has jsonata@2.0.6 and json5), and the shared data folder ($SFN_SHARED, default
# ../shared relative to the repository root). Writes only to temporary folders, REPORT_DIR and
# this tool's own target/ folder. BENCH_ROUNDS (default 5) sets the timing rounds.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SHARED="${SFN_SHARED:-$ROOT/../shared}"
if [ ! -d "$SHARED/corpus" ] || [ ! -d "$SHARED/sim-cases" ]; then
  echo "error: the shared data folder $SHARED (corpus/, sim-cases/) is missing; set SFN_SHARED" >&2
  exit 2
fi
REPORT_DIR="${REPORT_DIR:-$(mktemp -d -t jsonata-compare.XXXXXX)}"
mkdir -p "$REPORT_DIR"
REPORT_DIR="$(cd "$REPORT_DIR" && pwd)"   # a relative REPORT_DIR is relative to where it was typed

# The reference: jsonata@2.0.6 (and json5 for the corpus' JSON5 files) in a temporary folder.
if [ -z "${JSONATA_NODE_MODULES:-}" ]; then
  NODE_DIR="$(mktemp -d -t jsonata-ref.XXXXXX)"
  trap 'rm -rf "$NODE_DIR"' EXIT
  (cd "$NODE_DIR" && npm init -y >/dev/null &&
    npm install --silent --no-audit --no-fund --no-save jsonata@2.0.6 json5@2.2.3 >/dev/null)
  JSONATA_NODE_MODULES="$NODE_DIR/node_modules"
fi

echo "building the Rust side (scripts/jsonata-compare, release)..." >&2
cargo build --release --quiet --manifest-path "$HERE/Cargo.toml"

# The JSONata test suite, as the jsonata-rs crate (a dependency here) ships it.
SUITE="$(cargo metadata --format-version 1 --manifest-path "$HERE/Cargo.toml" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s).packages.find(p=>p.name==="jsonata-rs");console.log(require("path").join(require("path").dirname(p.manifest_path),"tests","testsuite"))})')"

NODE_PATH="$JSONATA_NODE_MODULES" node "$HERE/reference.cjs" "$SHARED" "$HERE/features.json" "$REPORT_DIR/cases.json" "$SUITE"
"$HERE/target/release/jsonata-compare" compare "$REPORT_DIR/cases.json" "$REPORT_DIR"

# Timing, on the deterministic evaluations every crate gets right (compare wrote their ids).
ROUNDS="${BENCH_ROUNDS:-5}"
IDS="$REPORT_DIR/bench-ids.json"
echo
echo "timing: $ROUNDS rounds of the $(node -e "console.log(require('$IDS').length)") evaluations every crate gets right (ms, one core):"
echo "| implementation | parse + evaluate | evaluate a parsed expression |"
echo "|---|---:|---:|"
echo "| jsonata@2.0.6 (node $(node --version)) | $(NODE_PATH="$JSONATA_NODE_MODULES" node "$HERE/reference.cjs" --bench "$REPORT_DIR/cases.json" "$IDS" "$ROUNDS") |"
for crate in jsonata-rs jsonata-core async_jsonata_rust; do  # (jsonata-core+sfn times as jsonata-core)
  echo "| $crate | $("$HERE/target/release/jsonata-compare" bench "$crate" "$REPORT_DIR/cases.json" "$IDS" "$ROUNDS" 2>/dev/null | tail -n 1 || echo "failed | -") |"
done
