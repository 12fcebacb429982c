# Sourced by scripts/demo and scripts/test: a local virtualenv in .venv with newsgraph installed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=""
for cand in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
  [ -n "$cand" ] || continue
  if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    PY=$cand; break
  fi
done
if [ -z "$PY" ]; then
  echo "newsgraph needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)" >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $PY ..."
  "$PY" -m venv .venv
fi
extras=${1:-}
stamp=".venv/.installed$extras"
if [ ! -f "$stamp" ] || [ setup.cfg -nt "$stamp" ]; then
  echo "Installing newsgraph$extras into .venv (first run takes a few minutes) ..."
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".$extras"
  touch "$stamp"
fi
