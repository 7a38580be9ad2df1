#!/usr/bin/env bash
# Plays interop/python_game.py (on the PyPI `neuro-api` package) against neuro-sim and fails
# unless neuro-sim's report shows zero violations (but the reference library's known
# "schema": null) and at least N results.
#
# Usage: interop/run_interop.sh PATH_TO_NEURO_SIM [N]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
sim="${1:?usage: run_interop.sh PATH_TO_NEURO_SIM [N]}"
actions="${2:-5}"

if [ ! -x "$sim" ]; then
    echo "run_interop: neuro-sim not found or not executable at $sim" >&2
    exit 1
fi
venv="$("$here/ensure_venv.sh")"

work="$(mktemp -d)"
sim_pid=""
cleanup() {
    if [ -n "$sim_pid" ] && kill -0 "$sim_pid" 2>/dev/null; then kill -KILL "$sim_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

"$sim" --port 0 --port-file "$work/port" --seed 1 --force-delay 0.05 --result-timeout 10 \
    --report "$work/report.json" --log-level warning &
sim_pid=$!

for _ in $(seq 1 200); do
    [ -s "$work/port" ] && break
    if ! kill -0 "$sim_pid" 2>/dev/null; then
        echo "run_interop: neuro-sim exited before listening" >&2
        exit 1
    fi
    sleep 0.1
done
if [ ! -s "$work/port" ]; then
    echo "run_interop: neuro-sim did not report its port within 20 s" >&2
    exit 1
fi
port="$(tr -d '[:space:]' < "$work/port")"

game_status=0
"$venv/bin/python" "$here/python_game.py" --url "ws://127.0.0.1:$port" --actions "$actions" || game_status=$?

kill -TERM "$sim_pid"
wait "$sim_pid" || { echo "run_interop: neuro-sim exited with an error" >&2; exit 1; }
sim_pid=""

if [ "$game_status" -ne 0 ]; then
    echo "run_interop: the Python game failed with status $game_status" >&2
    exit 1
fi

"$venv/bin/python" - "$work/report.json" "$actions" <<'PY'
import json
import sys

report = json.load(open(sys.argv[1]))
wanted = int(sys.argv[2])
totals = report["totals"]
# Every error and warning counts; notes (performance, info) are reported but allowed, e.g.
# `nullSchema`: neuro-api 4.0.0 sends "schema": null for every action without a schema.
unexpected = totals["violationsByRule"]
print(f"run_interop: {totals['results']} results, {report['violationCount']} violations, "
      f"diagnostics {json.dumps(report['diagnostics'], sort_keys=True)}")
for violation in report["violations"]:
    print(f"  violation: {violation}", file=sys.stderr)
if unexpected:
    sys.exit(f"run_interop: the Python game committed violations: {unexpected}")
if totals["results"] < wanted:
    sys.exit(f"run_interop: only {totals['results']} results, wanted at least {wanted}")
PY
