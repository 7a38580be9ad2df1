#!/usr/bin/env bash
# Runs dashboard_test.py (Selenium + headless Chromium) against neuro-host's dashboard.
# Usage: Tests/Browser/run_browser_test.sh PATH/TO/neuro-host
# Needs Debian's chromium and chromium-driver (.ci/run installs them) and creates
# .venv-browser with selenium from PyPI when missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.venv-browser"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" >&2
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt" >&2
exec "$venv/bin/python" "$here/dashboard_test.py" "$@"
