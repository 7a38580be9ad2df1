#!/usr/bin/env bash
# Creates .venv-interop at the repository root if missing, installs interop/requirements.txt
# into it, and prints its path. Used by .ci/run and every interop script.
#
# Tests run several interop scripts at once: one flock serialises creating and installing, so
# no script sees a half-made environment (python there, pip not yet), and a finished one is
# marked so the others skip pip altogether.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$(dirname "$here")/.venv-interop"
stamp="$venv/.installed-$(sha256sum "$here/requirements.txt" | cut -c1-16)"
exec 9>"$(dirname "$here")/.venv-interop.lock"
flock --timeout 600 9 || { echo "ensure_venv: another process held the environment's lock for 10 minutes" >&2; exit 1; }
if [ ! -e "$stamp" ]; then
    if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
        rm -rf "$venv"
        python3 -m venv "$venv" >&2
    fi
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt" >&2
    touch "$stamp"
fi
echo "$venv"
