#!/usr/bin/env bash
# Runs the round trip with the Python reference side by side: creates .venv-bench (neuro-api
# 4.0.0 and jsonschema from bench/requirements.txt), builds neuro-bench and neuro-sim in release
# (minutes on a small shared machine), then `neuro-bench roundtrip --python .venv-bench/bin/python`.
# Extra arguments go to `neuro-bench roundtrip`, e.g. --games 1,10,100 --seconds 5.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-bench/bin/python ]; then
    python3 -m venv .venv-bench
fi
.venv-bench/bin/python -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
swift build -c release --product neuro-sim
swift build -c release --product neuro-bench
exec .build/release/neuro-bench roundtrip --python .venv-bench/bin/python "$@"
