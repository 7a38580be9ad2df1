#!/usr/bin/env bash
# Plays neuro-host's five games against interop/python_server.py, a Neuro stand-in built on the
# PyPI `neuro-api` package's own server module, and fails unless every game connected,
# registered, was forced, answered every action, and the library's validation found nothing.
#
# Usage: interop/run_server_interop.sh PATH_TO_NEURO_HOST [DURATION_SECONDS]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
host="${1:?usage: run_server_interop.sh PATH_TO_NEURO_HOST [DURATION_SECONDS]}"
duration="${2:-8}"

if [ ! -x "$host" ]; then
    echo "run_server_interop: neuro-host not found or not executable at $host" >&2
    exit 1
fi
venv="$("$here/ensure_venv.sh")"

work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -KILL "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

cat > "$work/games.json" <<JSON
{
    "url": "ws://127.0.0.1:1",
    "saveDirectory": "$work/saves",
    "games": [
        { "plugin": "tic-tac-toe" },
        { "plugin": "hangman" },
        { "plugin": "guess-the-number" },
        { "plugin": "blackjack" },
        { "plugin": "minesweeper" }
    ]
}
JSON

# New forces stop 3 s before the host does, so every action sent can be answered.
force_until="$(awk "BEGIN { print ($duration > 4) ? $duration - 3 : 1 }")"
"$venv/bin/python" "$here/python_server.py" --port-file "$work/port" --report "$work/report.json" \
    --duration 120 --force-until "$force_until" --seed 1 --stop-file "$work/stop" &
server_pid=$!

for _ in $(seq 1 200); do
    [ -s "$work/port" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "run_server_interop: the Python server exited before listening" >&2
        exit 1
    fi
    sleep 0.1
done
if [ ! -s "$work/port" ]; then
    echo "run_server_interop: the Python server did not report its port within 20 s" >&2
    exit 1
fi
port="$(tr -d '[:space:]' < "$work/port")"

host_status=0
"$host" --url "ws://127.0.0.1:$port" --duration "$duration" --status off --seed 1 \
    --summary "$work/summary.json" --config "$work/games.json" --log-level error || host_status=$?

if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "run_server_interop: the Python server died while the games played" >&2
    exit 1
fi
touch "$work/stop"
wait "$server_pid" || { echo "run_server_interop: the Python server exited with an error" >&2; exit 1; }
server_pid=""

if [ "$host_status" -ne 0 ]; then
    echo "run_server_interop: neuro-host exited with status $host_status" >&2
    exit 1
fi

"$venv/bin/python" - "$work/report.json" "$work/summary.json" <<'PY'
import json
import sys

report = json.load(open(sys.argv[1]))
summary = json.load(open(sys.argv[2]))
titles = sorted(game["title"] for game in summary["games"])
failures = []
if len(titles) != 5:
    failures.append(f"the host summary lists {len(titles)} games, not 5: {titles}")
for problem in report["problems"]:
    failures.append(f"validation {problem['level']} ({problem['game']}): {problem['message']}")
for title in titles:
    game = report["games"].get(title)
    if game is None:
        failures.append(f"{title}: never connected to the Python server")
        continue
    answered = game["results"]["success"] + game["results"]["failure"]
    print(
        f"run_server_interop: {title}: {game['startups']} session(s), {len(game['registered'])} action(s) "
        f"registered, {game['forces']} force(s), {game['actionsSent']} action(s), {answered} result(s)"
    )
    if game["startups"] < 1:
        failures.append(f"{title}: no startup")
    if not game["registered"]:
        failures.append(f"{title}: registered no action")
    if game["forces"] < 1:
        failures.append(f"{title}: was never forced")
    if game["actionsSent"] < 1:
        failures.append(f"{title}: was sent no action")
    if game["unanswered"]:
        failures.append(f"{title}: actions never answered: {game['unanswered']}")
    if answered != game["actionsSent"]:
        failures.append(f"{title}: {game['actionsSent']} actions sent but {answered} results")
for failure in failures:
    print(f"  {failure}", file=sys.stderr)
if failures:
    sys.exit("run_server_interop: the host and the Python reference server disagree")
print(f"run_server_interop: {len(titles)} games, 0 validation problems")
PY
