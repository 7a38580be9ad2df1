#!/usr/bin/env bash
# Plays interop/relay_game.py (on the PyPI `neuro-api` package) through neuro-host's relay.
#
# Usage: interop/run_relay_game.sh RELAY_URL TITLE N
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$("$here/ensure_venv.sh")"
exec "$venv/bin/python" "$here/relay_game.py" --url "${1:?relay URL}" --title "${2:?title}" --actions "${3:-10}"
