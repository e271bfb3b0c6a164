#!/usr/bin/env bash
# Instruction counts (valgrind's callgrind) of build + validate + emit for every shape of
# benches/common at 10 to 10,000 states, next to the untyped baseline (`json!` + `to_string`),
# and the growth per ten times more states. See docs/performance.md (target: growth <= 11x).
#
#   scripts/callgrind-growth.sh                 # every shape, 10 to 10,000 states (about 10 min)
#   SHAPES="chain payload" SIZES="1000 10000" scripts/callgrind-growth.sh
#
# Each count is one run of the `memory` bench executable in its child mode
# (SFN_MEMORY_CHILD=<shape>:<states>, or baseline:<shape>:<states>), with --toggle-collect on
# the measured function, so only its own instructions (callees included) are counted: not the
# process start, not building the input. Counts are deterministic up to glibc's heap layout
# (a malloc_consolidate may run or not: a few percent). Needs valgrind; writes only to a
# temporary folder (KEEP=dir keeps the callgrind.out files there, for callgrind_annotate).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SHAPES="${SHAPES:-chain wide_choice nested_10 payload}"
SIZES="${SIZES:-10 100 1000 10000}"
if ! command -v valgrind >/dev/null; then
  echo "error: valgrind is missing (Debian package \`valgrind\`)" >&2
  exit 2
fi
OUT="${KEEP:-$(mktemp -d)}"
mkdir -p "$OUT"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$OUT"' EXIT

echo "== build: the memory bench executable (bench profile)"
EXE="$(cargo bench --quiet --bench memory --no-run --message-format=json 2>/dev/null |
  python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "memory" and m.get("executable"):
        print(m["executable"])')"
[ -x "$EXE" ] || { echo "error: no memory bench executable" >&2; exit 2; }

# Instructions of one case: callgrind's total with collection on inside FUNCTION only.
count() {
  local case="$1" function="$2" file="$OUT/callgrind.$1.out"
  file="${file//:/_}"
  SFN_MEMORY_CHILD="$case" valgrind --tool=callgrind --toggle-collect="*$function*" \
    --callgrind-out-file="$file" "$EXE" >/dev/null 2>&1
  callgrind_annotate "$file" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(valgrind --version)"
printf '%-12s %8s %16s %8s %16s %10s\n' shape states "sfn instr" growth "json! instr" "sfn/json!"
for shape in $SHAPES; do
  prev=""
  for n in $SIZES; do
    s="$(count "$shape:$n" sfn_build_validate_emit)"
    b="$(count "baseline:$shape:$n" json_macro_to_string)"
    python3 - "$shape" "$n" "$s" "$b" "$prev" <<'EOF'
import sys
shape, n, s, b, prev = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
growth = f"{s / int(prev):.2f}x" if prev else "-"
print(f"{shape:<12} {n:>8,} {s:>16,} {growth:>8} {b:>16,} {s / b:>9.2f}x")
EOF
    prev="$s"
  done
done
[ -z "${KEEP:-}" ] || echo "callgrind.out files in $OUT"
