#!/usr/bin/env bash
# Reads a JUnit XML file with junitparser (PyPI, in .venv-interop) and writes what it found as
# JSON: interop/check_junit.sh FILE.xml OUT.json. Used by NeuroSim's JUnit test.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$("$here/ensure_venv.sh")"
"$venv/bin/python" "$here/check_junit.py" "$1" > "$2"
