#!/usr/bin/env bash
# Times `sfn validate` against the peers asl-validator (npm), statelint-py (PyPI) and
# @wmfs/statelint (npm), in one run, on generated 10,000-state definitions and on the whole
# ../shared/corpus, with peak memory, and prints the ratios. See docs/performance.md.
#
#   scripts/compare-peers.sh            # at least RUNS=5 runs per command (fast ones: all that fit in 3 s)
#   ONLY=mixed scripts/compare-peers.sh # only the cases whose name starts with ONLY (here: the
#                                       # 2.3 MB file of the `sfn validate` target, about 2 min)
#   KEEP=dir scripts/compare-peers.sh   # also keep the generated files in dir (for profiling)
#
# Needs cargo, node >= 20, python3 >= 3.9 and the shared data folder ($SFN_SHARED, default
# ../shared relative to the repository root) with oracles/ and corpus/. Uses the oracles installed
# there; when they are not installed (the folder is read-only data), copies the oracles'
# manifests and wrappers to <target dir>/oracles and runs their setup.sh there. Installs, when
# missing and running as root, the Debian packages `time` (for /usr/bin/time -v) and `hyperfine`;
# without hyperfine it times RUNS runs itself and takes the median. Writes only to a temporary
# folder and to the target directory.
#
# What is timed (each a whole process, as CI runs it, output discarded):
#   2.3 MB file (the `sfn validate` target): a generated 10,000-state definition written compact
#     (as CDK and the AWS API hand definitions over), a third each: Task states with a
#     `Parameters` template (paths, an intrinsic), `ResultSelector`, `ResultPath` and a `Retry`;
#     Choice states whose rule is an `And` of two conditions; Pass states with a `Result`.
#     `sfn validate FILE`; the baseline `serde_json::from_slice::<Value>` of the same bytes timed
#     inside one process (sfn-cli's example `parse_baseline`, with the system allocator and with
#     mimalloc, the `sfn` command's); and the three peers' CLIs as below.
#   3.6 MB file: the "mixed" machine of benches/common (pretty-printed). `sfn validate FILE`;
#     asl-validator's CLI (node, as bin/asl-validator runs it); statelint's CLI
#     (`venv/bin/statelint FILE`, as bin/statelint-py runs it); @wmfs/statelint's CLI (node, as
#     bin/wmfs-statelint runs it).
#   whole corpus: one process over every file: `sfn validate --format json FILES…`; for the peers
#     a minimal in-process loop over the same files that loads only that validator (their CLIs take
#     one file, and bin/batch-*.{cjs,py} also load the other oracles, which would only slow them
#     down). JSON5 files are converted to JSON first (with the oracles' Python `json5`), so all
#     three read the same JSON files.
#   startup: each tool on a one-state file, to show the fixed cost in the numbers above.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SHARED="${SFN_SHARED:-../shared}"
if [ ! -d "$SHARED/oracles" ] || [ ! -d "$SHARED/corpus" ]; then
  echo "error: the shared data folder $SHARED (oracles/, corpus/) is missing; set SFN_SHARED" >&2
  exit 2
fi
SHARED="$(cd "$SHARED" && pwd)"
ORACLES="$SHARED/oracles"
CORPUS="$SHARED/corpus"
RUNS="${RUNS:-5}"
ONLY="${ONLY:-}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps --locked | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"

echo "== setup"
if [ ! -d "$ORACLES/node_modules/@wmfs/statelint" ] || [ ! -x "$ORACLES/venv/bin/statelint" ]; then
  # Not installed in the shared folder: install a copy in the target directory.
  mkdir -p "$TARGET_DIR/oracles"
  cp -r "$ORACLES"/{package.json,package-lock.json,requirements.txt,setup.sh,bin} "$TARGET_DIR/oracles/"
  chmod -R u+w "$TARGET_DIR/oracles"
  ORACLES="$TARGET_DIR/oracles"
fi
"$ORACLES/setup.sh"
apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get install -y -qq "$1" >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$1" >/dev/null 2>&1; }) || true
  fi
}
[ -x /usr/bin/time ] || apt_install time
command -v hyperfine >/dev/null || apt_install hyperfine
if [ ! -x /usr/bin/time ]; then
  echo "error: /usr/bin/time is missing (Debian package \`time\`) and could not be installed" >&2
  exit 2
fi
HYPERFINE="$(command -v hyperfine || true)"

echo "== build: sfn (release) and the in-process parse baseline (system allocator, mimalloc)"
cargo build --quiet --release --locked -p sfn-cli --bin sfn
SFN="$TARGET_DIR/release/sfn"
cargo build --quiet --release --locked -p sfn-cli --example parse_baseline --no-default-features
cp "$TARGET_DIR/release/examples/parse_baseline" "$WORK/parse-system"
cargo build --quiet --release --locked -p sfn-cli --example parse_baseline
cp "$TARGET_DIR/release/examples/parse_baseline" "$WORK/parse-mimalloc"
NODE_ASL="$ORACLES/node_modules/asl-validator/dist/bin/asl-validator.js"
NODE_WMFS="$ORACLES/node_modules/@wmfs/statelint/bin/statelint.js"
STATELINT="$ORACLES/venv/bin/statelint"
PY="$ORACLES/venv/bin/python"

echo "== inputs"
# The "mixed" machine of benches/common/mod.rs, byte for byte: blocks of a Lambda Task with
# Retry and Catch, a Choice, a Wait and a Pass, plus Start, Init, Failed and Done. (BackoffRate
# 1.5, not 2: statelint rejects an integer BackoffRate, which AWS accepts.)
python3 - "$WORK/gen-10000.asl.json" <<'EOF'
import json, sys
blocks = 2499
states = {
    "Start": {"Type": "Pass", "ResultPath": "$.start", "Next": "Init"},
    "Init": {"Type": "Pass", "Result": {"count": 0}, "ResultPath": "$.init", "Next": "Task 0"},
}
for k in range(blocks):
    after = f"Task {k + 1}" if k + 1 < blocks else "Done"
    states[f"Task {k}"] = {
        "Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": f"arn:aws:lambda:us-east-1:123456789012:function:f{k}", "Payload.$": "$"},
        "ResultSelector": {"body.$": "$.Payload"},
        "ResultPath": f"$.r{k}",
        "Retry": [{"ErrorEquals": ["Lambda.ServiceException", "Lambda.TooManyRequestsException"],
                   "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 1.5}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed"}],
        "Next": f"Check {k}",
    }
    states[f"Check {k}"] = {
        "Type": "Choice",
        "Choices": [
            {"Variable": f"$.r{k}.body.status", "StringEquals": "DONE", "Next": f"Pass {k}"},
            {"Variable": f"$.r{k}.body.count", "NumericGreaterThan": 10, "Next": f"Wait {k}"},
        ],
        "Default": f"Pass {k}",
    }
    states[f"Wait {k}"] = {"Type": "Wait", "Seconds": 1, "Next": f"Pass {k}"}
    states[f"Pass {k}"] = {
        "Type": "Pass",
        "Parameters": {"step": k, "result.$": f"$.r{k}.body"},
        "ResultPath": f"$.p{k}",
        "Next": after,
    }
states["Failed"] = {"Type": "Fail", "Error": "Failed", "Cause": "a task failed"}
states["Done"] = {"Type": "Succeed"}
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"StartAt": "Start", "States": states}, indent=2, ensure_ascii=False) + "\n")
EOF
GEN="$WORK/gen-10000.asl.json"
# The file of the `sfn validate` target: 10,000 states, about 2.3 MB, compact.
python3 - "$WORK/mixed-2.3mb.asl.json" <<'EOF'
import json, sys
blocks = 3333
states = {}
for k in range(blocks):
    after = f"Task {k + 1}" if k + 1 < blocks else "Done"
    states[f"Task {k}"] = {
        "Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {
            "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:w",
            "Payload": {
                "step": k,
                "order.$": "$.order.id",
                "message.$": "States.Format('step {}', $.step)",
            },
        },
        "ResultSelector": {"status.$": "$.Payload.status"},
        "ResultPath": f"$.r{k}",
        "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 3, "BackoffRate": 1.5}],
        "Next": f"Check {k}",
    }
    states[f"Check {k}"] = {
        "Type": "Choice",
        "Choices": [{
            "And": [
                {"Variable": f"$.r{k}.status", "StringEquals": "DONE"},
                {"Variable": f"$.r{k}.count", "NumericLessThan": 10},
            ],
            "Next": f"Pass {k}",
        }],
        "Default": after,
    }
    states[f"Pass {k}"] = {
        "Type": "Pass",
        "Result": {"step": k},
        "ResultPath": f"$.p{k}",
        "Next": after,
    }
states["Done"] = {"Type": "Succeed"}
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"Comment": "generated", "StartAt": "Task 0", "States": states},
                       separators=(",", ":"), ensure_ascii=False) + "\n")
EOF
MIXED="$WORK/mixed-2.3mb.asl.json"
printf '{\n  "StartAt": "A",\n  "States": {\n    "A": {\n      "Type": "Pass",\n      "End": true\n    }\n  }\n}\n' > "$WORK/tiny.asl.json"
TINY="$WORK/tiny.asl.json"

# The corpus as JSON files: .json as they are, .json5 converted.
mkdir -p "$WORK/json5"
"$PY" - "$CORPUS" "$WORK/json5" "$WORK/files.txt" <<'EOF'
import json, os, sys
import json5
corpus, out, listing = sys.argv[1:4]
files, skipped = [], 0
for d, _, names in sorted(os.walk(corpus)):
    for n in sorted(names):
        p = os.path.join(d, n)
        if n.endswith(".json"):
            files.append(p)
        elif n.endswith(".json5"):
            try:
                with open(p) as f:
                    v = json5.load(f)
            except Exception:
                skipped += 1
                continue
            q = os.path.join(out, f"{len(files):04d}-{n[:-1]}")
            with open(q, "w") as f:
                json.dump(v, f, indent=2)
            files.append(q)
with open(listing, "w") as f:
    f.write("\n".join(files) + "\n")
print(f"corpus: {len(files)} JSON files ({sum(1 for x in files if x.startswith(out))} converted from JSON5, {skipped} JSON5 files unreadable and left out)")
EOF
NFILES=$(wc -l < "$WORK/files.txt")
BYTES=$(xargs -d '\n' cat < "$WORK/files.txt" | wc -c)
echo "2.3 MB file: $(wc -c < "$MIXED") bytes; 3.6 MB file: $(wc -c < "$GEN") bytes; corpus: $NFILES files, $BYTES bytes"
if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP" && cp "$MIXED" "$GEN" "$KEEP/" && echo "kept in $KEEP"; fi

# One executable per measured command (hyperfine and /usr/bin/time run them alike).
cat > "$WORK/sfn-corpus" <<EOF
#!/usr/bin/env bash
mapfile -t F < "$WORK/files.txt"
exec "$SFN" validate --format json "\${F[@]}"
EOF
cat > "$WORK/asl-corpus" <<EOF
#!/usr/bin/env bash
exec node -e '
const fs = require("fs");
const validator = require(process.argv[1]);
let invalid = 0;
for (const f of fs.readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean)) {
  let ok = false;
  try { ok = validator(JSON.parse(fs.readFileSync(f, "utf8"))).isValid; } catch (e) { ok = false; }
  if (!ok) invalid++;
}
console.log(invalid + " invalid");
' "$ORACLES/node_modules/asl-validator" "$WORK/files.txt"
EOF
cat > "$WORK/statelint-corpus" <<EOF
#!/usr/bin/env bash
exec "$PY" -c '
import json, sys
from statelint.linter import Linter
invalid = 0
for f in open(sys.argv[1]).read().split():
    try:
        ok = not Linter.validate(json.load(open(f)))
    except Exception:
        ok = False
    invalid += not ok
print(invalid, "invalid")
' "$WORK/files.txt"
EOF
chmod +x "$WORK"/*-corpus

# name|command (the first case of each group is sfn, the baseline of its ratios)
ALL_CASES=(
  "mixed 2.3 MB: sfn|$SFN validate $MIXED"
  "mixed 2.3 MB: wmfs-statelint|node $NODE_WMFS $MIXED"
  "mixed 2.3 MB: statelint-py|$STATELINT $MIXED"
  "mixed 2.3 MB: asl-validator|node $NODE_ASL --json-path $MIXED"
  "startup: sfn|$SFN validate $TINY"
  "startup: asl-validator|node $NODE_ASL --json-path $TINY"
  "startup: statelint-py|$STATELINT $TINY"
  "startup: wmfs-statelint|node $NODE_WMFS $TINY"
  "3.6 MB: sfn|$SFN validate $GEN"
  "3.6 MB: asl-validator|node $NODE_ASL --json-path $GEN"
  "3.6 MB: statelint-py|$STATELINT $GEN"
  "3.6 MB: wmfs-statelint|node $NODE_WMFS $GEN"
  "corpus: sfn|$WORK/sfn-corpus"
  "corpus: asl-validator|$WORK/asl-corpus"
  "corpus: statelint-py|$WORK/statelint-corpus"
)
CASES=()
for c in "${ALL_CASES[@]}"; do
  case "$c" in "$ONLY"*) CASES+=("$c") ;; esac
done

echo "== verdicts (exit status; the 10,000-state file is valid, the corpus holds invalid files)"
for c in "${CASES[@]}"; do
  name="${c%%|*}"; cmd="${c#*|}"
  set +e; $cmd > "$WORK/out.txt" 2>&1; rc=$?; set -e
  printf '  %-30s exit %s  %s\n' "$name" "$rc" "$(tail -c 200 "$WORK/out.txt" | tail -n 1 | cut -c1-80)"
done

# Wall time in seconds and peak RSS in kB of one run (/usr/bin/time -v).
one_run() {
  /usr/bin/time -v $1 > /dev/null 2> "$WORK/time.txt" || true
  awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; t = s}
              /Maximum resident set size/ {m = $2} END {print t, m}' "$WORK/time.txt"
}

# Median wall time in seconds of one command.
median_time() {
  local cmd="$1" json="$WORK/hf.json"
  if [ -n "$HYPERFINE" ]; then
    # At least $RUNS runs, and as many as fit in hyperfine's 3 s for a fast command: a median
    # of 5 runs of a 30 ms command moves by a fifth between runs of this script.
    "$HYPERFINE" --style none -N -i --warmup 3 --min-runs "$RUNS" --export-json "$json" "$cmd" >/dev/null 2>&1
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$json"
  else
    $cmd >/dev/null 2>&1 || true # warm-up
    local times=()
    for _ in $(seq "$RUNS"); do
      local t0 t1
      t0=$(date +%s%N); $cmd >/dev/null 2>&1 || true; t1=$(date +%s%N)
      times+=("$(( t1 - t0 ))")
    done
    printf '%s\n' "${times[@]}" | sort -n | python3 -c 'import sys, statistics; print(statistics.median(int(x) for x in sys.stdin) / 1e9)'
  fi
}

# Median peak RSS in kB over 3 runs.
peak_rss() {
  local cmd="$1" v=()
  for _ in 1 2 3; do
    /usr/bin/time -v $cmd > /dev/null 2> "$WORK/time.txt" || true
    v+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")")
  done
  printf '%s\n' "${v[@]}" | sort -n | sed -n 2p
}

echo "== timing: median of at least $RUNS runs (hyperfine: of all the runs that fit in 3 s) after a warm-up ($([ -n "$HYPERFINE" ] && "$HYPERFINE" --version || echo 'no hyperfine: own loop')); peak RSS: median of 3 runs of /usr/bin/time -v"
echo "   (a command slower than ${SLOW:-10} s is run once: that run gives its time and its peak RSS)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A T M PARSE
for c in "${CASES[@]}"; do
  name="${c%%|*}"; cmd="${c#*|}"
  read -r t m < <(one_run "$cmd")
  if python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > float(sys.argv[2]) else 1)" "$t" "${SLOW:-10}"; then
    T[$name]="$t"; M[$name]="$m"
    echo "  $name: ${t} s in one run"
  else
    T[$name]="$(median_time "$cmd")"
    M[$name]="$(peak_rss "$cmd")"
  fi
  if [ "$name" = "mixed 2.3 MB: sfn" ]; then
    # The baseline of the target, right after sfn: serde_json's parse inside one process.
    for alloc in system mimalloc; do
      PARSE[$alloc]="$("$WORK/parse-$alloc" "$MIXED" 3)"
    done
  fi
done

echo
printf '%-30s %12s %12s %14s %12s\n' "case" "median" "vs sfn" "peak RSS" "vs sfn"
for c in "${CASES[@]}"; do
  name="${c%%|*}"; group="${name%%:*}"
  base="$group: sfn"
  python3 - "$name" "${T[$name]}" "${T[$base]}" "${M[$name]}" "${M[$base]}" <<'EOF'
import sys
name, t, tb, m, mb = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
fmt_t = f"{t * 1e3:.1f} ms" if t < 10 else f"{t:.2f} s"
print(f"{name:<30} {fmt_t:>12} {t / tb:>11.1f}x {m / 1024:>11.1f} MB {m / mb:>11.1f}x")
EOF
done
echo
# Ratios to the fastest and slowest peer of each file.
for group in "3.6 MB" "corpus" "mixed 2.3 MB"; do
  [ -n "${T[$group: sfn]:-}" ] || continue
  peers=()
  for c in "${CASES[@]}"; do
    name="${c%%|*}"
    case "$name" in "$group: sfn") ;; "$group: "*) peers+=("${name#"$group: "}=${T[$name]}") ;; esac
  done
  python3 - "$group" "${T[$group: sfn]}" "${peers[@]}" <<'EOF'
import sys
group, s, peers = sys.argv[1], float(sys.argv[2]), [p.split("=") for p in sys.argv[3:]]
print(f"{group}: sfn validate is " + ", ".join(f"{float(t) / s:.0f}x faster than {n}" for n, t in peers))
EOF
done
if [ -n "${T[mixed 2.3 MB: sfn]:-}" ]; then
  echo
  echo "== the \`sfn validate\` target on the 2.3 MB file ($(wc -c < "$MIXED") bytes)"
  echo "in-process serde_json::from_slice::<Value> (ms): system allocator: ${PARSE[system]}; mimalloc: ${PARSE[mimalloc]}"
  fastest=""
  for c in "${CASES[@]}"; do
    name="${c%%|*}"
    case "$name" in "mixed 2.3 MB: sfn") ;; "mixed 2.3 MB: "*)
      if [ -z "$fastest" ] || python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)' "${T[$name]}" "${T[$fastest]}"; then
        fastest="$name"
      fi ;;
    esac
  done
  python3 - "${T[mixed 2.3 MB: sfn]}" "${M[mixed 2.3 MB: sfn]}" "${PARSE[system]}" "${PARSE[mimalloc]}" "${fastest#mixed 2.3 MB: }" "${T[$fastest]}" <<'EOF'
import sys
s, rss, system, mimalloc, peer, tp = sys.argv[1:]
s, rss, tp = float(s) * 1e3, int(rss) / 1024, float(tp) * 1e3
median = lambda line: float(line.split()[3])
ps, pm = median(system), median(mimalloc)
verdict = lambda ok: "met" if ok else "MISSED"
print(f"sfn validate (whole process, median) {s:.1f} ms vs parse inside a process (median) {ps:.1f} ms (system), {pm:.1f} ms (mimalloc): "
      f"{s / ps:.2f}x, {s / pm:.2f}x; target < 1x of the parse: {verdict(s < ps)} (system allocator), {verdict(s < pm)} (mimalloc)")
print(f"sfn validate peak RSS {rss:.1f} MB; target <= 25 MB: {verdict(rss <= 25)}")
print(f"fastest peer: {peer}, {tp:.0f} ms: sfn is {tp / s:.1f}x faster; target >= 50x: {verdict(tp / s >= 50)}")
EOF
fi
