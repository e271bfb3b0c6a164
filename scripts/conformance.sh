#!/usr/bin/env bash
# Conformance: checks sfn's JSON and sfn's verdicts against independent ASL implementations.
#
#   scripts/conformance.sh            # from anywhere; CI runs it from .ci/run
#
# Needs node >= 20, npm, python3 >= 3.9 and cargo. Uses the shared data folder ($SFN_SHARED,
# default ../shared relative to the repository root): oracles/, seeds/asl/, corpus/.
#
#   (a) asl-validator, statelint-py and asls-validate on every file of examples/definitions/
#       (or, when that folder is absent, the seed machines seeds/asl/seed-*.json): all must accept,
#       except the justified exceptions listed below in ORACLE_EXCUSES / ORACLE_FLAGS;
#   (b) executes every example definition examples/definitions/*.asl.json with bin/local-sfn-run,
#       bin/moto-sfn-run and `sfn run` in the scenarios of tests/conformance/executions/<example>/<scenario>/
#       (input, task mocks, S3 objects, expected outcome; seed examples also with the seed's input and
#       mocks of seeds/asl/), plus the seed file seeds/asl/intrinsics-check.json, and compares every
#       outcome with the committed expected one; prints example x scenario x executor as OK, FAIL or
#       "not run" with the reason (UNSUPPORTED in (b)), and what the script adapts (ADAPTATIONS);
#   (c) runs `sfn validate --format json` over every corpus file and prints, per corpus folder and
#       label, how many files sfn accepts next to each oracle's count; lists every file where sfn's
#       verdict differs from its label.
#
# Exit status 1 when a check of (a) or (b) fails, or when sfn accepts less than 99.5% of the
# corpus files labelled valid (not counting the deliberate disagreements documented, each with its
# reason, in the EXCEPTIONS of tests/corpus.rs). Idempotent: it only writes to a temporary folder.
# Set CONFORMANCE_VERBOSE=1 to also list every invalid-labelled file with sfn's first code.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SHARED="${SFN_SHARED:-../shared}"
if [ ! -d "$SHARED/oracles" ] || [ ! -d "$SHARED/seeds/asl" ] || [ ! -d "$SHARED/corpus" ]; then
  echo "error: the shared data folder $SHARED (oracles/, seeds/asl/, corpus/) is missing; set SFN_SHARED" >&2
  exit 2
fi
SHARED="$(cd "$SHARED" && pwd)"
ORACLES="$SHARED/oracles"
START=$(date +%s)

echo "== setup: oracles ($ORACLES)"
"$ORACLES/setup.sh"

echo "== build: sfn"
cargo build --quiet --locked -p sfn-cli --bin sfn
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps --locked | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
SFN_BIN="$TARGET_DIR/debug/sfn"
[ -x "$SFN_BIN" ] || { echo "error: $SFN_BIN was not built" >&2; exit 2; }

WORK="$(mktemp -d -t sfn-conformance.XXXXXX)"  # in $TMPDIR, or the system default
trap 'rm -rf "$WORK"' EXIT

# asl-validator over many files in one process. It is the library call bin/batch-js.cjs makes
# (`aslValidator(definition, options)`), but asl-validator builds and compiles a new Ajv with all
# its schemas on every call (~0.3 s a file); here that instance is built once per option set,
# which gives the same verdicts and messages on every corpus file, 40 times faster. It also
# makes `checkArn: false` usable: the CLI's --no-arn-check is ignored by asl-validator 4.x
# (dist/bin/asl-validator.js reads options.noArnCheck, commander sets options.arnCheck).
cat > "$WORK/aslv.cjs" <<'JS'
// asl-validator over many files in one process, with its Ajv instance built once per option set.
// Usage: ORACLES=... node aslv.cjs [--no-arn-check] FILES...   -> JSON lines {validator,file,ok,errors}
const fs = require('fs'), path = require('path');
const dir = path.join(process.env.ORACLES, 'node_modules', 'asl-validator');
const ajvPath = require.resolve('ajv', { paths: [dir] });
const ajvModule = require(ajvPath);
const Ajv = ajvModule.default;
const instances = new Map();
class CachedAjv extends Ajv {
  constructor(opts) {
    const key = JSON.stringify(opts, (k, v) => (k === 'schemas' ? undefined : v));
    if (instances.has(key)) return instances.get(key);
    super(opts);
    instances.set(key, this);
  }
  // ajv-formats registers its keywords again on every call of asl-validator: keep the first.
  addKeyword(def, ...rest) {
    const name = typeof def === 'string' ? def : def && def.keyword;
    if (name && (Array.isArray(name) ? name : [name]).every(k => this.getKeyword(k))) return this;
    return super.addKeyword(def, ...rest);
  }
}
ajvModule.default = CachedAjv;
const aslValidator = require(dir);
const args = process.argv.slice(2);
const options = { checkArn: !args.includes('--no-arn-check'), checkPaths: true };
for (const file of args.filter(a => !a.startsWith('--'))) {
  let errors;
  try {
    const r = aslValidator(JSON.parse(fs.readFileSync(file, 'utf8')), options);
    errors = r.isValid ? [] : r.errors.map(e => `${e['Error code']}: ${e.Message}`);
  } catch (e) {
    errors = [(e instanceof SyntaxError ? 'JSON parse error: ' : 'CRASH: ') + e.message];
  }
  console.log(JSON.stringify({ validator: 'asl-validator', file: path.basename(file), ok: errors.length === 0, errors }));
}
JS

# (b) runs bin/local-sfn-run with this file as its MOCKS argument (a MOCKS.cjs is `require`d by the
# wrapper). It gives the executions a Context Object through aws-local-stepfunctions' documented
# `context` run option, which the wrapper does not pass: without it `$$.Execution.Name` and
# `$$.Task.Token` "do not point to a value". The task mocks themselves are the scenario's
# mocks.json, exported unchanged, so the wrapper answers them exactly as for a MOCKS.json.
cat > "$WORK/local-sfn-context.cjs" <<'JS'
const path = require('path');
const lib = require(path.join(process.env.ORACLES, 'node_modules', 'aws-local-stepfunctions', 'build', 'main.node.cjs'));
const run = lib.StateMachine.prototype.run;
const context = JSON.parse(process.env.LOCAL_SFN_CONTEXT);
lib.StateMachine.prototype.run = function (input, options) {
  return run.call(this, input, { ...options, context: (options && options.context) || context });
};
module.exports = process.env.LOCAL_SFN_MOCKS ? JSON.parse(require('fs').readFileSync(process.env.LOCAL_SFN_MOCKS, 'utf8')) : {};
JS

# (b) runs many executions through bin/moto_sfn.py's own main() in one Python process (importing
# moto and boto3 takes ~3 s a process). Per job, on request: objects put into moto's in-process S3
# before the execution starts (what a Distributed Map's ItemReader reads; the ResultWriter writes
# there too), and moto's JSONPath divergence from LocalStack reverted (ADAPTATIONS
# `localstack-jsonpath` in (b)).
cat > "$WORK/moto-batch.py" <<'PYB'
# Usage: ORACLES=... python moto-batch.py JOBS.json -> one JSON line per job {"id", "rc", "stdout"}
import contextlib, io, json, os, sys, traceback
sys.path.insert(0, os.path.join(os.environ["ORACLES"], "bin"))
import boto3
import moto_sfn
from moto.stepfunctions.parser.asl.parse.preprocessor import Preprocessor
from moto.stepfunctions.parser.asl.utils import json_path

def _localstack_extract_json(path, data):
    # Only its code is used: swapped into json_path.extract_json (so every module that imported that
    # function gets it), where parse, Index, ... are json_path's globals.
    # moto 5.2's extract_json minus the condition moto added to LocalStack's ("Last condition is
    # different from LS"): a match whose parent step is an array index is not a list of matches.
    input_expr = parse(path)
    matches = input_expr.find(data)
    if not matches:
        if _contains_slice_or_wildcard_array(path):
            return []
        raise NoSuchJsonPathError(json_path=path, data=data)
    if len(matches) > 1 or isinstance(matches[0].path, Index):
        value = [match.value for match in matches]
        if _is_singleton_array_access(path=path) and len(value) == 1:
            value = value[0]
    else:
        value = matches[0].value
    return value

MOTO_CODE = json_path.extract_json.__code__
S3 = {}
_mock_aws = moto_sfn.mock_aws

@contextlib.contextmanager
def mock_aws_with_s3(*args, **kwargs):
    with _mock_aws(*args, **kwargs) as m:
        if S3:
            s3 = boto3.client("s3")
            for bucket, objects in S3.items():
                s3.create_bucket(Bucket=bucket)
                for key, value in objects.items():
                    s3.put_object(Bucket=bucket, Key=key, Body=value if isinstance(value, str) else json.dumps(value))
        yield m

moto_sfn.mock_aws = mock_aws_with_s3
for job in json.load(open(sys.argv[1])):
    moto_sfn.MOCKS.clear()
    moto_sfn.CALLS.clear()
    Preprocessor._query_language_per_scope.clear()
    S3.clear()
    S3.update(job.get("s3") or {})
    json_path.extract_json.__code__ = _localstack_extract_json.__code__ if job.get("localstack_jsonpath") else MOTO_CODE
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            rc = moto_sfn.main(["run", job["definition"], job["input"]] + ([job["mocks"]] if job.get("mocks") else []) + ["--timeout", "60"])
    except Exception:
        rc = 2
        out.write(traceback.format_exc())
    print(json.dumps({"id": job["id"], "rc": rc, "stdout": out.getvalue()}), flush=True)
PYB

export ROOT SHARED ORACLES SFN_BIN WORK START
"$ORACLES/venv/bin/python" - <<'PY'
import collections, glob, json, os, re, subprocess, sys, time

ROOT, SHARED, ORACLES, SFN_BIN, WORK = (os.environ[k] for k in ("ROOT", "SHARED", "ORACLES", "SFN_BIN", "WORK"))
BIN = os.path.join(ORACLES, "bin")
PY = os.path.join(ORACLES, "venv", "bin", "python")
VERBOSE = os.environ.get("CONFORMANCE_VERBOSE") == "1"
failures = []

def run(cmd, timeout=300, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)

# ============================================================================ (a) validators
# Flags an oracle needs for some files: (oracle, regex on the file's text, flags, reason).
ORACLE_FLAGS = [
    ("asl-validator", r":REGION:ACCOUNT_ID:", ["--no-arn-check"],
     "placeholder Lambda ARNs `arn:aws:lambda:REGION:ACCOUNT_ID:function:FUNCTION_NAME` copied from the seed "
     "documents are valid after substitution; asl-validator's ARN check wants a real region and account, so "
     "these files are checked with checkArn=false (https://github.com/ChristopheBougere/asl-validator#usage)"),
]
# Oracle errors that are known false positives: (oracle, regex on one error line, reason + link).
# A file passes when every error line of the oracle matches one of these.
ORACLE_EXCUSES = [
    ("statelint-py", r"\.BackoffRate is \d+ but should be a Float$",
     "BackoffRate is a JSON number >= 1.0, so the integer 2 is valid; statelint-py demands a float "
     "(https://states-language.net/spec.html#retrying-after-error, "
     "https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-retrying-after-an-error)"),
    ("statelint-py", r'^Field "Assign" not allowed in State Machine\.States\.',
     "statelint-py accepts `Assign` only in JSONata states; AWS workflow variables work in JSONPath states too, "
     "with `.$` keys for paths (https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html)"),
    ("statelint-py", r'^Field "Label" not allowed in State Machine\.States\.[^.]+$',
     "`Label` is a Distributed Map field statelint-py does not know "
     "(https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html#dist-map-fields)"),
    ("statelint-py", r'^Field "InputType" not allowed in .*\.ItemReader\.ReaderConfig$',
     "`ReaderConfig.InputType` (CSV, JSON, JSONL, MANIFEST, PARQUET) is an ItemReader field statelint-py does not know "
     "(https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html)"),
]
ASLV = ["node", os.path.join(WORK, "aslv.cjs")]
ORACLE_CMDS = {
    "asl-validator": ASLV,
    "statelint-py": [os.path.join(BIN, "statelint-py")],
    "asls-validate": [os.path.join(BIN, "asls-validate")],
}
HEADER_RE = re.compile(r"^(One error:|\d+ errors:|OK)$")

examples = os.path.join(ROOT, "examples", "definitions")
defs = sorted(glob.glob(os.path.join(examples, "*.json")))
print()
if defs:
    print(f"== (a) validators on {len(defs)} files of examples/definitions/")
else:
    defs = sorted(glob.glob(os.path.join(SHARED, "seeds", "asl", "seed-*.json")))
    print(f"== (a) validators: examples/definitions/ is absent, checking the {len(defs)} seed machines seeds/asl/seed-*.json instead")
used_excuses, used_flags = collections.Counter(), collections.Counter()
for path in defs:
    name = os.path.basename(path)
    text = open(path, encoding="utf-8").read()
    r = run([SFN_BIN, "validate", "--format", "json", path])
    errors = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
    errors = [e for e in errors if e["severity"] == "error"]
    verdicts = ["sfn " + ("OK" if r.returncode == 0 else f"REJECTS ({errors[0]['code']} {errors[0]['pointer']})" if errors else f"exit {r.returncode}")]
    if r.returncode != 0:
        failures.append(f"(a) sfn rejects {name}: {r.stdout.strip() or r.stderr.strip()}")
    for oracle, cmd in ORACLE_CMDS.items():
        flags = []
        for i, (o, pattern, f, _) in enumerate(ORACLE_FLAGS):
            if o == oracle and re.search(pattern, text):
                flags += f
                used_flags[i] += 1
        r = run(cmd + flags + [path])
        if oracle == "asl-validator":  # JSON line of aslv.cjs -> the wrappers' exit status and lines
            d = json.loads(r.stdout.splitlines()[-1])
            r = subprocess.CompletedProcess(r.args, 0 if d["ok"] else 1, "\n".join(d["errors"]), r.stderr)
        if r.returncode == 0:
            verdicts.append(f"{oracle} OK" + (f" ({' '.join(flags)})" if flags else ""))
            continue
        lines = [l.strip() for l in r.stdout.splitlines() if l.strip() and not HEADER_RE.match(l.strip())]
        unexcused = []
        for line in lines:
            hit = next((i for i, (o, pat, _) in enumerate(ORACLE_EXCUSES) if o == oracle and re.search(pat, line)), None)
            if hit is None:
                unexcused.append(line)
            else:
                used_excuses[hit] += 1
        if lines and not unexcused:
            verdicts.append(f"{oracle} OK after {len(lines)} excused error(s)")
        else:
            verdicts.append(f"{oracle} REJECTS")
            failures.append(f"(a) {oracle} rejects {name}:\n      " + "\n      ".join(unexcused or [r.stdout.strip() or r.stderr.strip()]))
    print(f"  {name:<45} " + "; ".join(verdicts))
for i, (o, pattern, flags, reason) in enumerate(ORACLE_FLAGS):
    if used_flags[i]:
        print(f"  exception: {o} {' '.join(flags)} on {used_flags[i]} file(s) matching /{pattern}/: {reason}")
for i, (o, pattern, reason) in enumerate(ORACLE_EXCUSES):
    if used_excuses[i]:
        print(f"  exception: {o} error /{pattern}/ excused {used_excuses[i]} time(s): {reason}")

# ============================================================================ (b) executions
import concurrent.futures
# Every example definition (examples/definitions/*.asl.json) runs in scenarios: an execution input,
# task mocks and the expected outcome, under tests/conformance/executions/<example>/<scenario>/
# (format: tests/conformance/README.md). Each scenario runs in the three executors (the two oracles
# and sfn's own simulator through `sfn run`) unless UNSUPPORTED says why one cannot produce the
# expected outcome; every outcome is compared with expected.json.
SEEDS = os.path.join(SHARED, "seeds", "asl")
EXEC_DIR = os.path.join(ROOT, "tests", "conformance", "executions")
EXPECTED = os.path.join(ROOT, "tests", "conformance", "expected")
EXECUTORS = (("local-sfn", "local-sfn-run"), ("moto", "moto-sfn-run"), ("sfn", "sfn run"))
# Which seed machine of seeds/asl/ each example reproduces (`seed_asl` in examples/src/machines/mod.rs,
# checked against the seed file by examples/tests/seeds.rs; this script checks the mapping against
# mod.rs), with the seed's execution input and task mocks (None: seeds/asl/ has none for it).
# The scenario `seed` runs the seed's input with the seed's mocks; another scenario of a seed
# example without an input.json runs the seed's input with its own mocks.json.
SEED_OF = {
    "sagemaker-poller":        ("seed-000-sagemaker-poller.json", "input-000.json", "mocks-000.json"),
    "batch-job-poller":        ("seed-001-batch-job-poller.json", "input-001.json", "mocks-001.json"),
    "nested-map-check-job":    ("seed-002-cdk-derived.json",      "input-002.json", "mocks-002.json"),
    "glue-lambda-sns":         ("seed-003-a-glue-lambda-sns.json", "input-003.json", None),
    "glue-lambda-sns-catch":   ("seed-003-b-with-catch.json",     "input-003.json", None),
    "glue-lambda-sns-choice":  ("seed-003-c-with-choice.json",    "input-003.json", "mocks-003c.json"),
    "distributed-map-s3-json": ("seed-004-distributed-map.json",  None,             None),
}
# Seed files executed as they are (not examples): (name, definition, input, expected).
SEED_ONLY = [("intrinsics-check", "intrinsics-check.json", "input-intrinsics.json", os.path.join(EXPECTED, "intrinsics-check.json"))]
# Flags for local-sfn-run: (regex on the definition's text, flags, reason).
LOCAL_FLAGS = [(r":REGION:ACCOUNT_ID:", ["--no-arn-check"], "placeholder Lambda ARNs (see (a))")]
# The Context Object local-sfn runs with (see local-sfn-context.cjs); moto makes its own.
LOCAL_CONTEXT = {"Execution": {"Id": "arn:aws:states:us-east-1:123456789012:execution:conformance:execution",
                               "Name": "execution", "RoleArn": "arn:aws:iam::123456789012:role/conformance"},
                 "StateMachine": {"Id": "arn:aws:states:us-east-1:123456789012:stateMachine:conformance", "Name": "conformance"},
                 "Task": {"Token": "local-sfn-task-token"}}
# Scenarios an executor cannot run to the expected outcome: (executor, example, scenarios or "*",
# short reason for the table, full reason). Reported as "not run", never silently left out.
NO_VARIABLES = ("aws-local-stepfunctions 3.0.0 does not implement workflow variables: `Assign` is ignored and the "
                "Choice rule on `$polls` fails with States.Runtime \"Path expression '$polls' does not point to a value\". "
                "The poller reaches that rule whenever a status is neither FAILED nor SUCCEEDED, i.e. in every "
                "scenario that polls more than once")
NO_SFN_WRITER = ("`sfn run` has no option for what a ResultWriter returns: the simulator's Map result is what "
                 "Simulator::mock_result_writer gives (on AWS the MapRunArn and ResultWriterDetails), so a Map with a "
                 "ResultWriter that succeeds stops with \"the Map state 'Process Items' writes its results with a ResultWriter, "
                 "which sfn run cannot simulate yet\" (exit 2); too-many-failures fails before the writer and runs. "
                 "These scenarios run in Rust in examples/tests/simulate.rs")
NO_SFN_ECHO = ("the scenario leaves a Task state that it reaches without a mock, and the wrappers answer such a task "
               "with its own input (a lambda:invoke with its Payload); a MockConfigFile cannot say \"echo\", and `sfn run` "
               "answers an unmocked task with an error naming it (exit 2), never a made-up result. The definition "
               "has scenarios with every task it reaches mocked, here and in examples/tests/simulate.rs")
UNSUPPORTED = [
    ("local-sfn", "job-poller", ("succeeded-after-two-polls", "failed-after-two-polls", "unknown-status", "succeeded-at-poll-120", "poll-limit"),
     "no workflow variables ($polls)", NO_VARIABLES),
    ("local-sfn", "job-poller", ("failed-first-poll",), "no intrinsic in CausePath",
     "aws-local-stepfunctions 3.0.0 reads a Fail state's CausePath only as a JSONPath: the poller's "
     "`States.Format('The job ended with status {}', ...)` fails with States.Runtime \"Path expression "
     "'States.Format(...)' does not point to a value\" (AWS allows an intrinsic function there: "
     "https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html)"),
    ("moto", "callback", ("timeout", "heartbeat-timeout"), "no States.* error from a mock",
     "moto's mock layer (LocalStack's mocked responses) refuses an error name with the reserved prefix `States.` "
     "(\"Custom Error Names MUST NOT begin with the prefix 'States.'\" -> States.Runtime), and a real timeout would take "
     "TimeoutSeconds/HeartbeatSeconds (hours) of wall-clock time"),
    ("moto", "sagemaker-callback", ("timeout", "heartbeat-timeout"), "no States.* error from a mock", "the same as for callback"),
    ("local-sfn", "distributed-map", "*", "no ItemReader/ResultWriter/tolerance",
     "aws-local-stepfunctions 3.0.0 runs a Distributed Map as an inline Map: it ignores ItemReader (iterates the "
     "state input), ResultWriter (outputs the results array instead of MapRunArn/ResultWriterDetails) and "
     "ToleratedFailurePercentage (one failed item fails the Map with the item's error)"),
    ("local-sfn", "distributed-map-s3-json", ("item-fails",), "no Distributed Map failure semantics",
     "aws-local-stepfunctions 3.0.0 runs a Distributed Map as an inline Map, so a failed item fails the Map with the "
     "item's own error, not with States.ExceedToleratedFailureThreshold"),
    ("moto", "distributed-map-s3-json", ("item-fails",), "tolerated-failure threshold not enforced",
     "moto 5.2.5 counts the failed items of a Distributed Map but never compares them with the tolerated failure "
     "threshold (0 here): the Map succeeds with null for each failed item (DistributedItemProcessorWorker._eval_job)"),
    ("moto", "distributed-map", ("too-many-failures",), "tolerated-failure threshold not enforced",
     "the same: moto never fails a Map Run for exceeding ToleratedFailurePercentage"),
    ("sfn", "distributed-map", ("succeeded", "tolerated-failure"), "no ResultWriter in sfn run", NO_SFN_WRITER),
    ("sfn", "distributed-map-s3-json", ("succeeded",), "an unmocked task (echo)", NO_SFN_ECHO),
    ("sfn", "glue-lambda-sns-choice", ("seed",), "an unmocked task (echo)", NO_SFN_ECHO),
    ("sfn", "sagemaker-poller", ("seed", "prepare-data-retried", "succeeded-after-two-polls"),
     "an unmocked task (echo)", NO_SFN_ECHO),
]
# What the script changes in an executor's run so that it can run a scenario at all; each is
# applied exactly where listed and printed. (executor, examples or "*", key, reason)
ADAPTATIONS = [
    ("local-sfn", "*", "context",
     "bin/local-sfn-run passes no Context Object, so $$.Execution.Name (job-poller's JobName) and $$.Task.Token "
     "(the callbacks) \"do not point to a value\"; the script gives one through aws-local-stepfunctions' documented "
     "`context` run option (local-sfn-context.cjs, passed as the wrapper's MOCKS.cjs, which exports the "
     "scenario's mocks.json unchanged)"),
    ("local-sfn", ("distributed-map-s3-json",), "items-as-input",
     "aws-local-stepfunctions has no ItemReader and iterates the Map's input: it gets as execution input the "
     "S3 object of s3.json that the ItemReader names (Bucket/Key resolved from the scenario's input)"),
    ("sfn", ("distributed-map", "distributed-map-s3-json"), "item-reader-file",
     "`sfn run` reads no S3: it gets the S3 object of s3.json that the ItemReader names (Bucket/Key resolved from the "
     "scenario's input) as a JSON file of the items, `--item-reader STATE=FILE` with STATE the Map state"),
    ("moto", ("job-poller",), "localstack-jsonpath",
     "moto 5.2.5 returns a list for a path whose parent step is an array index ($.status.Jobs[0].Status -> "
     "[\"RUNNING\"]), a condition moto added to LocalStack's extract_json for getmoto/moto#7825, so no Choice rule "
     "of the poller matches; the script runs moto with LocalStack's extract_json (a scalar, as AWS)"),
    ("moto", ("distributed-map",), "integer-as-float",
     "moto's ASL grammar wants its NUMBER token for ToleratedFailurePercentage, and its lexer makes the integer 5 an "
     "INT token, so CreateStateMachine fails (\"no viable alternative at input '\\\"ToleratedFailurePercentage\\\":5'\"); "
     "AWS takes any number 0-100. The script gives moto the definition with the same value written 5.0"),
]
# Output fields an executor gets wrong, not compared for it: (executor, name, key, reason).
KNOWN_DEVIATIONS = [
    ("local-sfn", "intrinsics-check", "j2s",
     "aws-local-stepfunctions' States.JsonMerge merges into its first argument in place, so the later "
     "States.JsonToString($.o1) sees the merged object; AWS evaluates every field on the unchanged input"),
    ("moto", "intrinsics-check", "fmtEsc",
     "moto's intrinsic-function lexer rejects the escapes \\' \\{ \\} inside string literals "
     "(https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#amazon-states-language-intrinsic-functions-escapes)"),
    ("*", "intrinsics-check", "split",
     "States.StringSplit on \"a,b,,c\": whether AWS keeps the empty field is not documented and the two "
     "executors differ (local-sfn keeps it, moto drops it); not compared"),
]
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

def matches(entry_value, value):
    return entry_value == "*" or value in entry_value

def adapted(executor, example, key):
    return any(e == executor and matches(x, example) and k == key for e, x, k, _ in ADAPTATIONS)

def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)

def rel(path):
    return os.path.relpath(path, ROOT) if path.startswith(ROOT) else "seeds/asl/" + os.path.basename(path)

def check_seed_mapping():
    """SEED_OF agrees with `seed_asl` in examples/src/machines/mod.rs."""
    mod_rs = open(os.path.join(ROOT, "examples", "src", "machines", "mod.rs"), encoding="utf-8").read()
    declared = {m.group(1): m.group(2) for m in re.finditer(
        r'name:\s*"([^"]+)",\s*document:\s*"[^"]*",\s*seed_asl:\s*(?:Some\("([^"]+)"\)|None)', mod_rs)}
    if not declared:
        failures.append("(b) could not read the examples' seed_asl from examples/src/machines/mod.rs")
    for name, seed in declared.items():
        mine = SEED_OF.get(name, (None,))[0]
        if mine != seed:
            failures.append(f"(b) SEED_OF says {name} reproduces {mine}, examples/src/machines/mod.rs says {seed}")

def scenarios():
    """[(name, scenario, definition, input, mocks, s3, expected_file, source note)] + problems."""
    out = []
    examples = sorted(os.path.basename(p)[:-len(".asl.json")] for p in glob.glob(os.path.join(ROOT, "examples", "definitions", "*.asl.json")))
    if not examples:
        failures.append("(b) examples/definitions/*.asl.json: no example definition to execute")
    for example in examples:
        definition = os.path.join(ROOT, "examples", "definitions", example + ".asl.json")
        seed = SEED_OF.get(example)
        folder = os.path.join(EXEC_DIR, example)
        names = sorted(d for d in os.listdir(folder) if os.path.isdir(os.path.join(folder, d))) if os.path.isdir(folder) else []
        if not names:
            failures.append(f"(b) {example}: no scenario in {rel(folder)}/")
        for sc in names:
            d = os.path.join(folder, sc)
            own = lambda f: os.path.join(d, f) if os.path.isfile(os.path.join(d, f)) else None
            if sc == "seed":  # (a seed example whose seed has input and mocks must have it: checked below)
                if not (seed and seed[1] and seed[2]):
                    failures.append(f"(b) {example}/seed: the example has no seed input and mocks in seeds/asl/")
                    continue
                if own("input.json") or own("mocks.json"):
                    failures.append(f"(b) {example}/seed: a seed scenario takes the seed's input and mocks, not its own")
                    continue
                inp, mocks, note = os.path.join(SEEDS, seed[1]), os.path.join(SEEDS, seed[2]), f"seeds/asl/{seed[1]} + {seed[2]}"
            else:
                inp = own("input.json") or (os.path.join(SEEDS, seed[1]) if seed and seed[1] else None)
                mocks = own("mocks.json")
                if inp is None or mocks is None:
                    failures.append(f"(b) {example}/{sc}: needs input.json (or a seed input) and mocks.json")
                    continue
                note = ("input.json" if own("input.json") else f"seeds/asl/{seed[1]}") + " + mocks.json"
            s3 = own("s3.json")
            out.append((example, sc, definition, inp, mocks, s3, os.path.join(d, "expected.json"), note + (" + s3.json" if s3 else "")))
        if seed and seed[1] and seed[2] and "seed" not in names:
            failures.append(f"(b) {example}: seeds/asl/ has its input and mocks ({seed[1]}, {seed[2]}) but "
                            f"{rel(folder)}/seed/ does not exist")
    for folder in sorted(glob.glob(os.path.join(EXEC_DIR, "*"))):
        if os.path.isdir(folder) and os.path.basename(folder) not in examples:
            failures.append(f"(b) {rel(folder)}/ names no file of examples/definitions/")
    for name, definition, inp, expected in SEED_ONLY:
        if os.path.isfile(os.path.join(SEEDS, definition)):
            out.append((name, "seed", os.path.join(SEEDS, definition), os.path.join(SEEDS, inp), None, None, expected,
                        f"seeds/asl/{inp}, no mocks"))
    return out

def resolve_item_reader_object(definition, inp, s3):
    """The S3 object the top-level Map's ItemReader names (Bucket/Key literal or `$.field`)."""
    top = definition["States"][definition["StartAt"]]
    params = top["ItemReader"]["Parameters"]
    def get(field):
        if field in params:
            return params[field]
        value = inp
        for part in params[field + ".$"].removeprefix("$.").split("."):
            value = value[part]
        return value
    return s3[get("Bucket")][get("Key")]

def sfn_item_reader(definition, inp, s3):
    """`sfn run`'s --item-reader for the top-level Map's ItemReader: (state, items), or a str saying
    why the script cannot give them (the items must be a JSON array; a text object is decoded only
    for InputType JSON, since sfn run takes the items, not the raw object)."""
    state = definition["StartAt"]
    top = definition["States"][state]
    if top.get("Type") != "Map" or "ItemReader" not in top:
        return "the ItemReader is not on the StartAt state, where the script resolves its Bucket/Key"
    try:
        obj = resolve_item_reader_object(definition, inp, s3)
    except (KeyError, TypeError, AttributeError) as e:
        return f"s3.json has no object for the ItemReader of '{state}' ({e!r})"
    input_type = top["ItemReader"].get("ReaderConfig", {}).get("InputType")
    if isinstance(obj, str):
        if input_type != "JSON":
            return f"the object of s3.json for '{state}' is {input_type or 'untyped'} text, and sfn run takes decoded items"
        try:
            obj = json.loads(obj)
        except ValueError as e:
            return f"the object of s3.json for '{state}' is not JSON ({e})"
    if not isinstance(obj, list):
        return f"the object of s3.json for '{state}' is no JSON array of items"
    return state, obj

def sfn_mock_config(mocks):
    """The wrappers' mocks.json as the Step Functions Local MockConfigFile that `sfn run` reads
    (machine `conformance`, test case `scenario`): a list answers one call per item, its last item
    every later call; a single response answers every call."""
    responses, case = {}, {}
    for k, (state, mock) in enumerate(sorted(mocks.items())):
        seq = mock if isinstance(mock, list) else [mock]
        steps = {str(n): response for n, response in enumerate(seq[:-1])}
        steps[f"{len(seq) - 1}-{len(seq) + 9998}"] = seq[-1]
        responses[f"R{k}"] = steps
        case[state] = f"R{k}"
    return {"StateMachines": {"conformance": {"TestCases": {"scenario": case}}}, "MockedResponses": responses}

def normalize(executor, value):
    """The executors print an execution differently; bring them to the terms of expected.json."""
    if executor == "sfn" and isinstance(value, dict) and "status" in value:
        # `sfn run --format json`: {"status": "SUCCEEDED", "output": …} or {"status": …, "error", "cause"}.
        if value["status"] == "SUCCEEDED":
            value = value.get("output")
        else:
            value = {"status": value["status"], "error": value.get("error"), "cause": value.get("cause")}
    if isinstance(value, dict) and value.get("status") == "FAILED":
        value = {k: v for k, v in value.items() if k != "wrapper"}
        # aws-local-stepfunctions names a Fail state without Error/Cause "FailStateError".
        if executor == "local-sfn" and value.get("error") == "FailStateError" \
                and value.get("cause") == "Execution failed because of a Fail state":
            value["error"], value["cause"] = None, None
    # Map Run ids are random.
    return json.loads(UUID_RE.sub("<uuid>", json.dumps(value)))

def same(got, expected):
    """Equal, except that an expected failure may give `cause_regex` instead of `cause`."""
    if isinstance(expected, dict) and "cause_regex" in expected:
        rest = {k: v for k, v in expected.items() if k != "cause_regex"}
        return isinstance(got, dict) and isinstance(got.get("cause"), str) \
            and re.search(expected["cause_regex"], got["cause"]) is not None \
            and {k: v for k, v in got.items() if k != "cause"} == rest
    return got == expected

def tolerated_as_float(value):
    """ToleratedFailurePercentage 5 -> 5.0, in place (the same JSON number)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "ToleratedFailurePercentage" and isinstance(v, int):
                value[k] = float(v)
            else:
                tolerated_as_float(v)
    elif isinstance(value, list):
        for v in value:
            tolerated_as_float(v)

def drop_keys(value, keys):
    return {k: v for k, v in value.items() if k not in keys} if isinstance(value, dict) and keys else value

print()
print("== (b) executions: every examples/definitions/*.asl.json in the scenarios of tests/conformance/executions/,")
print("   and the seed file intrinsics-check.json; outcomes compared with each scenario's expected.json")
t0 = time.time()
check_seed_mapping()
for example, (seed, inp, mocks) in SEED_OF.items():
    print(f"  seed of {example:<24} seeds/asl/{seed}" + (f" (input {inp}" + (f", mocks {mocks})" if mocks else ", no mocks)") if inp else " (no input, no mocks)"))
used_unsupported, used_adaptations = collections.Counter(), collections.Counter()
cannot_run = {}  # (index, executor) -> why the script could not give the scenario's data to the executor
moto_jobs = []
local_jobs = []
sfn_jobs = []
for i, (name, sc, definition, inp, mocks, s3, expected_file, note) in enumerate(scen := scenarios()):
    text = open(definition, encoding="utf-8").read()
    for executor, wrapper in EXECUTORS:
        skip = next((j for j, (e, x, s, _, _) in enumerate(UNSUPPORTED) if e == executor and x == name and matches(s, sc)), None)
        if skip is not None:
            used_unsupported[skip] += 1
            continue
        if executor == "local-sfn":
            cmd_inp = inp
            if adapted("local-sfn", name, "items-as-input") and s3:
                items = resolve_item_reader_object(json.loads(text), load(inp), load(s3))
                cmd_inp = os.path.join(WORK, f"local-input-{i}.json")
                json.dump(items, open(cmd_inp, "w"))
                used_adaptations["items-as-input"] += 1
            cmd = [os.path.join(BIN, wrapper), definition, cmd_inp, os.path.join(WORK, "local-sfn-context.cjs")]
            used_adaptations["context"] += 1
            for pattern, flags, _ in LOCAL_FLAGS:
                if re.search(pattern, text):
                    cmd += flags
            env = dict(os.environ, LOCAL_SFN_CONTEXT=json.dumps(LOCAL_CONTEXT), LOCAL_SFN_MOCKS=mocks or "")
            local_jobs.append((i, cmd, env))
        elif executor == "sfn":
            cmd = [SFN_BIN, "run", definition, "--input", inp, "--format", "json"]
            if adapted("sfn", name, "item-reader-file") and s3:
                reader = sfn_item_reader(json.loads(text), load(inp), load(s3))
                if isinstance(reader, str):
                    cannot_run[(i, executor)] = reader
                    continue
                items = os.path.join(WORK, f"sfn-items-{i}.json")
                json.dump(reader[1], open(items, "w"))
                cmd += ["--item-reader", f"{reader[0]}={items}"]
                used_adaptations["item-reader-file"] += 1
            if mocks:
                config = os.path.join(WORK, f"sfn-mocks-{i}.json")
                json.dump(sfn_mock_config(load(mocks)), open(config, "w"))
                cmd += ["--mocks", config, "--test-case", "scenario", "--state-machine", "conformance"]
            sfn_jobs.append((i, cmd, None))
        else:
            job = {"id": i, "definition": definition, "input": inp, "mocks": mocks, "s3": load(s3) if s3 else None}
            if adapted("moto", name, "localstack-jsonpath"):
                job["localstack_jsonpath"] = True
                used_adaptations["localstack-jsonpath"] += 1
            if adapted("moto", name, "integer-as-float"):
                d = json.loads(text)
                tolerated_as_float(d)
                job["definition"] = os.path.join(WORK, f"moto-def-{i}.json")
                json.dump(d, open(job["definition"], "w"), indent=2)
                used_adaptations["integer-as-float"] += 1
            moto_jobs.append(job)

# moto in one background process while local-sfn runs, one wrapper process per execution, 2 at a time.
json.dump(moto_jobs, open(os.path.join(WORK, "moto-jobs.json"), "w"))
moto_proc = subprocess.Popen([PY, os.path.join(WORK, "moto-batch.py"), os.path.join(WORK, "moto-jobs.json")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ, ORACLES=ORACLES))
results = {}  # (index, executor) -> (rc, stdout, stderr)
def run_local(job):
    i, cmd, env = job
    try:
        r = run(cmd, timeout=120, env=env)
        return i, (r.returncode, r.stdout, r.stderr)
    except subprocess.TimeoutExpired:
        return i, (None, "", "timed out after 120 s")
t_local = time.time()
with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    for i, res in pool.map(run_local, local_jobs):
        results[(i, "local-sfn")] = res
local_seconds = time.time() - t_local
t_sfn = time.time()
for i, res in map(run_local, sfn_jobs):
    results[(i, "sfn")] = res
sfn_seconds = time.time() - t_sfn
try:
    moto_out, moto_err = moto_proc.communicate(timeout=600)
    moto_seconds = time.time() - t_local
except subprocess.TimeoutExpired:
    moto_proc.kill()
    moto_out, moto_err = moto_proc.communicate()
    moto_seconds = time.time() - t_local
for line in moto_out.splitlines():
    if line.startswith("{"):
        d = json.loads(line)
        results[(d["id"], "moto")] = (d["rc"], d["stdout"], "")
if moto_proc.returncode != 0:
    failures.append(f"(b) the moto batch exited {moto_proc.returncode}: {moto_err.strip()[-500:]}")

print(f"  {'example':<24} {'scenario':<26} {'executor':<10} result")
tally = collections.Counter()
for i, (name, sc, definition, inp, mocks, s3, expected_file, note) in enumerate(scen):
    expected = load(expected_file) if os.path.isfile(expected_file) else None
    if expected is None:
        failures.append(f"(b) {name}/{sc}: no expected outcome {rel(expected_file)}")
    for executor, _ in EXECUTORS:
        label = f"  {name:<24} {sc:<26} {executor:<10} "
        skip = next((u for u in UNSUPPORTED if u[0] == executor and u[1] == name and matches(u[2], sc)), None)
        if skip is not None:
            print(label + f"not run: {skip[3]} (U{UNSUPPORTED.index(skip) + 1})")
            tally[(executor, "not run")] += 1
            continue
        if (i, executor) in cannot_run:
            print(label + f"not run: {cannot_run[(i, executor)]}")
            tally[(executor, "not run")] += 1
            continue
        if expected is None:
            print(label + "FAIL: no expected.json")
            tally[(executor, "FAIL")] += 1
            continue
        rc, stdout, stderr = results.get((i, executor), (None, "", "no result"))
        lines = [l for l in stdout.splitlines() if l.strip()]
        try:
            got = normalize(executor, json.loads(lines[-1]))
        except (IndexError, ValueError):
            failures.append(f"(b) {name}/{sc} ({note}): {executor} printed no JSON output (exit {rc}): {stdout.strip()[-300:]} {stderr.strip()[-300:]}")
            print(label + f"FAIL: no output (exit {rc})")
            tally[(executor, "FAIL")] += 1
            continue
        keys = {k for (e, d, k, _) in KNOWN_DEVIATIONS if e in (executor, "*") and d == name}
        if same(drop_keys(got, keys), drop_keys(expected, keys)):
            print(label + "OK" + (f" (not compared: {', '.join(sorted(keys))})" if keys else ""))
            tally[(executor, "OK")] += 1
        else:
            failures.append(f"(b) {name}/{sc} ({note}): {executor} outcome differs from {rel(expected_file)}:\n      got      {json.dumps(got)}\n      expected {json.dumps(expected)}")
            print(label + "FAIL: outcome differs")
            tally[(executor, "FAIL")] += 1
print(f"  {len(scen)} scenarios: " + "; ".join(
    f"{e}: {tally[(e, 'OK')]} OK, {tally[(e, 'FAIL')]} FAIL, {tally[(e, 'not run')]} not run" for e, _ in EXECUTORS))
nowhere = [f"{n}/{c}" for n, c, *_ in scen
           if all(any(u[0] == e and u[1] == n and matches(u[2], c) for u in UNSUPPORTED) for e, _ in EXECUTORS)]
if nowhere:
    print(f"  run by no executor (expected outcome committed, see the reasons below): {', '.join(nowhere)}")
print(f"  inputs and mocks: `seed` = the seed's input and mocks, other scenarios their own files "
      "(input.json, or the seed's input for a seed example without one); s3.json = objects in S3 before the execution")
for j, (e, x, s, short, reason) in enumerate(UNSUPPORTED):
    print(f"  U{j + 1} not run on {e}: {x} {'all scenarios' if s == '*' else ', '.join(s)}: {reason}")
    if not used_unsupported[j]:
        failures.append(f"(b) UNSUPPORTED U{j + 1} ({e}, {x}, {s}) matches no scenario: remove it")
for e, x, key, reason in ADAPTATIONS:
    print(f"  adaptation on {e}, {'every example' if x == '*' else ', '.join(x)} ({used_adaptations[key]} runs): {reason}")
    if not used_adaptations[key]:
        failures.append(f"(b) ADAPTATIONS {key} ({e}, {x}) applies to no run: remove it")
for e, d, k, reason in KNOWN_DEVIATIONS:
    print(f"  known deviation: {e if e != '*' else 'both executors'}, {d}, field `{k}`: {reason}")
print(f"  executions step: {time.time() - t0:.0f} s (moto batch {moto_seconds:.0f} s, in parallel with local-sfn "
      f"{local_seconds:.0f} s then sfn run {sfn_seconds:.1f} s)")

# ============================================================================ (c) corpus
import json5  # the oracles' venv has it

CORPUS = os.path.join(SHARED, "corpus")
files_dir = os.path.join(WORK, "corpus")
os.makedirs(files_dir)
rows = []  # (folder, rel, label, flat, wrapped)
for folder in sorted(os.listdir(CORPUS)):
    manifest = os.path.join(CORPUS, folder, "MANIFEST.txt")
    if not os.path.isfile(manifest):
        continue
    for line in open(manifest, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 2:
            continue
        rel, label = cols[0], cols[1]
        src = os.path.join(CORPUS, folder, rel)
        flat = (folder + "__" + rel.replace("/", "__"))
        flat = flat[:-1] if flat.endswith(".json5") else flat if flat.endswith(".json") else flat + ".json"
        raw = open(src, "rb").read()
        value = None
        try:
            value = json5.loads(raw.decode("utf-8")) if rel.endswith(".json5") else json.loads(raw)
        except Exception:
            pass
        wrapped = False
        # A single State object (LocalStack's TestState fixtures): wrap it into a one-state machine,
        # with a Succeed state for every target it names, so every tool judges the same definition.
        if isinstance(value, dict) and "States" not in value and "Type" in value:
            targets = [value.get("Next"), value.get("Default")]
            targets += [c.get("Next") for c in value.get("Catch", []) if isinstance(c, dict)]
            targets += [c.get("Next") for c in value.get("Choices", []) if isinstance(c, dict)]
            states = {"State": value}
            for t in targets:
                if isinstance(t, str) and t not in states:
                    states[t] = {"Type": "Succeed"}
            value, wrapped = {"StartAt": "State", "States": states}, True
        dst = os.path.join(files_dir, flat)
        if rel.endswith(".json5") or wrapped:
            if value is None:
                open(dst, "w").write("<not JSON5>")
            else:
                with open(dst, "w", encoding="utf-8") as f:
                    json.dump(value, f, indent=2)  # ASCII escapes keep surrogate pairs intact
        else:
            open(dst, "wb").write(raw)  # byte for byte: duplicate keys, BOMs, … stay visible
        rows.append((folder, rel, label, flat, wrapped, cols[3] if len(cols) > 3 else ""))
paths = [os.path.join(files_dir, r[3]) for r in rows]

print()
print(f"== (c) corpus: {len(rows)} files of {CORPUS} ({sum(1 for r in rows if r[1].endswith('.json5'))} JSON5 files converted to JSON, {sum(r[4] for r in rows)} single states wrapped into a machine)")
t0 = time.time()
# The oracles in parallel: asl-validator through aslv.cjs (see above), asls and @wmfs/statelint
# through bin/batch-js.cjs, statelint-py and moto through bin/batch_py.py.
procs = [
    subprocess.Popen(ASLV + paths, stdout=open(os.path.join(WORK, "js1.jsonl"), "w"), stderr=subprocess.DEVNULL),
    subprocess.Popen(["node", os.path.join(BIN, "batch-js.cjs")] + paths, stdout=open(os.path.join(WORK, "js2.jsonl"), "w"), stderr=subprocess.DEVNULL, env=dict(os.environ, ONLY="asls,wmfs-statelint")),
    subprocess.Popen([PY, os.path.join(BIN, "batch_py.py")] + paths, stdout=open(os.path.join(WORK, "py.jsonl"), "w"), stderr=subprocess.DEVNULL),
]
sfn_run = run([SFN_BIN, "validate", "--format", "json"] + paths, timeout=300)
if sfn_run.returncode not in (0, 1):
    failures.append(f"(c) sfn validate failed with exit {sfn_run.returncode}: {sfn_run.stderr[-500:]}")
sfn_errors = collections.defaultdict(list)
for line in sfn_run.stdout.splitlines():
    if line.strip():
        d = json.loads(line)
        if d["severity"] == "error":
            sfn_errors[os.path.basename(d["file"])].append(d)
for p in procs:
    p.wait(timeout=900)
oracle_ok = collections.defaultdict(dict)
for part in ("js1", "js2", "py"):
    for line in open(os.path.join(WORK, part + ".jsonl")):
        if line.strip():
            d = json.loads(line)
            oracle_ok[d["validator"]][d["file"]] = d["ok"]
ORACLE_COLUMNS = [("asl-validator", "asl-val"), ("statelint-py", "stlint-py"), ("asls", "asls"), ("moto", "moto"), ("wmfs-statelint", "wmfs")]
for o, _ in ORACLE_COLUMNS:
    missing = [r[3] for r in rows if r[3] not in oracle_ok[o]]
    if missing:
        failures.append(f"(c) oracle {o} gave no verdict for {len(missing)} files (e.g. {missing[0]})")

# The deliberate disagreements with labels "valid": tests/corpus.rs EXCEPTIONS.
corpus_rs = open(os.path.join(ROOT, "tests", "corpus.rs"), encoding="utf-8").read()
exceptions = {m.group(1): m.group(3).replace('\\"', '"') for m in re.finditer(
    r'\(\s*"([^"]+)",\s*Exception::(Import|Validation),\s*"((?:[^"\\]|\\.)*)"', corpus_rs)}
# The deliberate disagreements with labels "invalid": tests/conformance.rs documents each.
DELIBERATE_ACCEPTS = {
    "invalid-jsonata-surround-syntax-no-spaces.json": "AWS accepts \"{%10%}\" (tests/conformance.rs: disagreement_jsonata_without_spaces_is_valid)",
    "invalid-json-surround-syntax-extra-spaces.json": "whitespace and line breaks inside {% %} are JSONata whitespace (tests/conformance.rs: disagreement_jsonata_with_line_breaks_and_extra_spaces_is_valid)",
}

table = collections.OrderedDict()
valid_total = valid_ok = excepted = excepted_ok = 0
differs = []
for folder, rel, label, flat, wrapped, note in rows:
    t = table.setdefault((folder, label), collections.Counter())
    t["files"] += 1
    errs = sfn_errors.get(flat, [])
    accepted = not errs
    t["sfn"] += accepted
    for o, _ in ORACLE_COLUMNS:
        t[o] += bool(oracle_ok[o].get(flat))
    first = f"{errs[0]['code']} {errs[0]['pointer'] or '(root)'}" if errs else ""
    exc = next((why for p, why in exceptions.items() if rel.endswith(p)), None)
    if label.startswith("valid"):
        valid_total += 1
        valid_ok += accepted
        if exc is not None:
            excepted += 1
            excepted_ok += accepted
        if not accepted:
            differs.append((folder, rel, label, f"rejected: {first}", f"deliberate: {exc}" if exc else "NOT DOCUMENTED"))
    elif label == "invalid" and accepted:
        why = DELIBERATE_ACCEPTS.get(os.path.basename(rel))
        differs.append((folder, rel, label, "accepted", f"deliberate: {why}" if why else f"NOT DOCUMENTED (label reason: {note or '-'})"))

cols = "".join(f"{short:>10}" for _, short in ORACLE_COLUMNS)
print(f"  {'folder':<36} {'label':<25} {'files':>5} {'sfn':>5}{cols}")
for (folder, label), t in table.items():
    print(f"  {folder:<36} {label:<25} {t['files']:>5} {t['sfn']:>5}" + "".join(f"{t[o]:>10}" for o, _ in ORACLE_COLUMNS))
totals = collections.Counter()
for (folder, label), t in table.items():
    key = "valid*" if label.startswith("valid") else label
    for k, v in t.items():
        totals[(key, k)] += v
for key in ("valid*", "invalid", "template"):
    print(f"  {'(all folders)':<36} {key:<25} {totals[(key, 'files')]:>5} {totals[(key, 'sfn')]:>5}" + "".join(f"{totals[(key, o)]:>10}" for o, _ in ORACLE_COLUMNS))
print("  (counts are files each tool accepts; the oracles judge the same converted/wrapped files as sfn)")

print()
print("  files where sfn's verdict differs from the label:")
for folder, rel, label, verdict, why in differs:
    print(f"    {folder}/{rel} [{label}] {verdict}\n        {why}")
undocumented = [d for d in differs if "NOT DOCUMENTED" in d[4]]
if undocumented:
    print(f"  note: {len(undocumented)} disagreement(s) above are not documented yet")
if VERBOSE:
    print()
    print("  files labelled invalid, with sfn's first error and the MANIFEST's reason:")
    for folder, rel, label, flat, wrapped, note in rows:
        if label == "invalid":
            errs = sfn_errors.get(flat, [])
            first = f"{errs[0]['code']} {errs[0]['pointer'] or '(root)'}: {errs[0]['message']}" if errs else "ACCEPTED"
            print(f"    {folder}/{rel}\n        sfn: {first}\n        label: {note or '-'}")

rest = valid_total - excepted
rest_ok = valid_ok - excepted_ok
rate = 100.0 * rest_ok / rest if rest else 100.0
print()
print(f"  labelled valid (valid, valid-after-substitution): {valid_total} files; sfn accepts {valid_ok} ({100.0 * valid_ok / valid_total:.1f}%)")
print(f"  deliberate disagreements documented in tests/corpus.rs EXCEPTIONS: {excepted} (accepted anyway: {excepted_ok})")
print(f"  acceptance of the other labelled-valid files: {rest_ok}/{rest} = {rate:.2f}% (gate: >= 99.5%)")
print(f"  corpus step: {time.time() - t0:.0f} s")
if rate < 99.5:
    failures.append(f"(c) sfn accepts only {rate:.2f}% of the labelled-valid files that are not documented exceptions (gate: 99.5%)")

print()
elapsed = time.time() - int(os.environ["START"])
if failures:
    print(f"== conformance FAILED ({len(failures)} problem(s), {elapsed:.0f} s):")
    for f in failures:
        print("  - " + f)
    sys.exit(1)
print(f"== conformance OK ({elapsed:.0f} s)")
PY
