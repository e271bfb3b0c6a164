#!/usr/bin/env bash
# `sfn run` next to aws-local-stepfunctions (the oracles' bin/local-sfn-run) on the seed
# executions: the same definition, input and task answers, whole processes, one run.
#
#   scripts/compare-run.sh            # RUNS=N runs of each command (default 10); medians
#
# Needs node, python3 and the shared data folder ($SFN_SHARED, default ../shared) with
# oracles/ set up (oracles/setup.sh). The seed mocks (seeds/asl/mocks-*.json, the format of
# bin/local-sfn-run) are turned into a Step Functions Local MockConfigFile for `sfn run`.
# Wait states: local-sfn-run sets every Wait and retry interval to 0 ms; sfn's clock is virtual.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SHARED="$(cd "${SFN_SHARED:-../shared}" && pwd)"
ASL="$SHARED/seeds/asl"
ORACLE="$SHARED/oracles/bin/local-sfn-run"
RUNS="${RUNS:-10}"
[ -x "$ORACLE" ] || { echo "error: $ORACLE is missing (run oracles/setup.sh)" >&2; exit 2; }
cargo build --quiet --release --locked -p sfn-cli --bin sfn
SFN="$ROOT/target/release/sfn"
TMP="$(mktemp -d -t sfn-compare-run.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT

python3 - "$ASL" "$TMP" "$SFN" "$ORACLE" "$RUNS" <<'PY'
import json, os, statistics, subprocess, sys, time
asl, tmp, sfn, oracle, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
seeds = [("000", "seed-000-sagemaker-poller.json"), ("001", "seed-001-batch-job-poller.json"),
         ("002", "seed-002-cdk-derived.json"), ("003", "seed-003-a-glue-lambda-sns.json"),
         ("003c", "seed-003-c-with-choice.json")]

def tasks(machine):
    """The Task states of a definition with their resources, nested scopes included."""
    for name, state in machine.get("States", {}).items():
        if state.get("Type") == "Task":
            yield name, state.get("Resource", "")
        for branch in state.get("Branches", []):
            yield from tasks(branch)
        for key in ("Iterator", "ItemProcessor"):
            if key in state:
                yield from tasks(state[key])

def mock_config(mocks, machine):
    """bin/local-sfn-run's mocks as a MockConfigFile: one response per call, the last repeated.
    A Task the seed does not mock gets a fixed answer, where local-sfn-run answers lambda:invoke
    with its own envelope and echoes the input of any other resource (a MockConfigFile
    response is static), so such a path can end differently in the two tools."""
    mocks = dict(mocks)
    for name, resource in tasks(machine):
        if name not in mocks:
            lam = "lambda:invoke" in resource
            mocks[name] = {"Return": {"ExecutedVersion": "$LATEST", "Payload": {}, "StatusCode": 200} if lam else {}}
    cases, responses = {}, {}
    for state, spec in mocks.items():
        seq = spec if isinstance(spec, list) else [spec]
        name = "R-" + state
        cases[state] = name
        responses[name] = {str(i): r for i, r in enumerate(seq[:-1])}
        last = len(seq) - 1
        responses[name][f"{last}-{last + 1000}"] = seq[-1]
    return {"StateMachines": {"M": {"TestCases": {"T": cases}}}, "MockedResponses": responses}

def median_ms(cmd):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), p

print(f"{'seed':6} {'sfn run':>10} {'local-sfn-run':>14} {'ratio':>8}  outcome (sfn / local-sfn-run)")
total_sfn = total_oracle = 0.0
for key, file in seeds:
    definition = os.path.join(asl, file)
    inp = os.path.join(asl, f"input-{key[:3]}.json")
    mocks_file = os.path.join(asl, f"mocks-{key}.json")
    mocks = json.load(open(mocks_file)) if os.path.exists(mocks_file) else {}
    config = os.path.join(tmp, f"mocks-{key}.json")
    json.dump(mock_config(mocks, json.load(open(definition))), open(config, "w"))
    sfn_cmd = [sfn, "run", definition, "--input", inp, "--mocks", config, "--state-machine", "M",
               "--test-case", "T", "--format", "json"]
    oracle_cmd = [oracle, definition, inp] + ([mocks_file] if mocks else []) + ["--no-arn-check"]
    a, pa = median_ms(sfn_cmd)
    b, pb = median_ms(oracle_cmd)
    total_sfn += a; total_oracle += b
    status = json.loads(pa.stdout).get("status", "?") if pa.stdout.strip() else f"exit {pa.returncode}"
    other = "SUCCEEDED" if pb.returncode == 0 else f"exit {pb.returncode}"
    print(f"{key:6} {a:8.2f} ms {b:11.1f} ms {b / a:7.1f}x  {status} / {other}")
print(f"{'all':6} {total_sfn:8.2f} ms {total_oracle:11.1f} ms {total_oracle / total_sfn:7.1f}x")
PY
