#!/usr/bin/env bash
# Creates .venv-interop at the repository root if missing, installs interop/requirements.txt
# into it, and prints its path. Used by .ci/run and both interop scripts.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$(dirname "$here")/.venv-interop"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" >&2
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt" >&2
echo "$venv"
