#!/usr/bin/env bash
# Install what the tests need (first time only), then run the lint, the type check and the
# whole test suite.
# Extra arguments go to pytest, e.g. ./run-tests.sh -k backup, or -m bench for the benchmarks.
set -euo pipefail
cd "$(dirname "$0")"
packaging/dev-setup.sh test
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
.venv/bin/ruff check .
.venv/bin/ruff format --check --quiet . || { echo "Formatting differs: run .venv/bin/ruff format ." >&2; exit 1; }
.venv/bin/mypy   # the files and strictness are in pyproject.toml
exec .venv/bin/python -m pytest "$@"
